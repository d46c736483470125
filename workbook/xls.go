package workbook

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"math"

	"github.com/richardlehane/mscfb"
	"github.com/shopspring/decimal"

	"lkjip/internal/xlsx"
)

// readOLE reads an OLE compound file: a legacy Excel workbook (.xls,
// BIFF8, Excel 97 to 2003 and what LibreOffice and Gnumeric still write),
// or tells why it cannot (an encrypted .xlsx, a pre-97 workbook).
//
// The container is read with github.com/richardlehane/mscfb (already used
// by excelize, with checks against sector-chain cycles); the BIFF8 records
// are read here, by hand, with every length checked against the record
// and every count against the bytes that hold it (docs/formats.md).
func readOLE(ctx context.Context, name string, data []byte, opt Options) ([]*sheet, docInfo, error) {
	lim := opt.Limits
	doc, err := mscfb.New(bytes.NewReader(data))
	if err != nil {
		return nil, docInfo{}, inputErr(name, "%w: wadah OLE tidak utuh", ErrDamaged)
	}
	var book []byte
	for entry, err := doc.Next(); err == nil; entry, err = doc.Next() {
		switch entry.Name {
		case "EncryptedPackage", "EncryptionInfo":
			return readEncryptedXLSX(ctx, name, data, opt)
		case "Book":
			if book == nil {
				return nil, docInfo{}, inputErr(name, "%w: format Excel 5.0/95 belum didukung; simpan sebagai .xlsx", ErrFormat)
			}
		case "Workbook", "WORKBOOK", "workbook":
			size := min(entry.Size, int64(len(data)), lim.MaxInflated)
			book, err = io.ReadAll(io.LimitReader(entry, size))
			if err != nil {
				return nil, docInfo{}, inputErr(name, "%w: aliran Workbook tidak utuh", ErrDamaged)
			}
		}
	}
	if book == nil {
		return nil, docInfo{}, inputErr(name, "%w: berkas OLE tanpa buku kerja Excel", ErrFormat)
	}
	r := &biffReader{file: name, data: book, lim: lim, budget: newCellBudget(name, lim)}
	sheets, err := r.read(ctx)
	if err != nil {
		return nil, docInfo{}, err
	}
	return sheets, docInfo{}, nil
}

// BIFF8 record types read here ([MS-XLS] 2.3).
const (
	recFormula     = 0x0006
	recEOF         = 0x000A
	recExternSheet = 0x0017
	recFilePass    = 0x002F
	recContinue    = 0x003C
	recColInfo     = 0x007D
	recBoundSheet  = 0x0085
	recMulRK       = 0x00BD
	recRString     = 0x00D6
	recXF          = 0x00E0
	recMergedCells = 0x00E5
	recSST         = 0x00FC
	recLabelSST    = 0x00FD
	recNumber      = 0x0203
	recLabel       = 0x0204
	recBoolErr     = 0x0205
	recString      = 0x0207
	recRow         = 0x0208
	recRK          = 0x027E
	recFormat      = 0x041E
	recShrFmla     = 0x04BC
	recBOF         = 0x0809
)

// biffReader reads the Workbook stream.
type biffReader struct {
	file   string
	data   []byte
	lim    Limits
	budget *cellBudget

	sst     []string
	xfFmt   []uint16          // XF index → number format id
	formats map[uint16]string // custom number formats
	sheets  []biffSheet
	xti     []int // EXTERNSHEET index → sheet index
}

// biffSheet is a BOUNDSHEET8 entry.
type biffSheet struct {
	name   string
	offset int
	kind   byte // 0 worksheet, 2 chart, 6 VB module
}

// record is one BIFF record: its type, its data, and its CONTINUE records.
type record struct {
	typ  uint16
	data []byte
	cont [][]byte
}

// recordAt reads the record at pos, with the CONTINUE records after it; it
// returns the position after them.
func (r *biffReader) recordAt(pos int) (record, int, bool) {
	rec, next, ok := r.raw(pos)
	if !ok {
		return rec, next, false
	}
	for {
		c, after, ok := r.raw(next)
		if !ok || c.typ != recContinue {
			return rec, next, true
		}
		rec.cont = append(rec.cont, c.data)
		next = after
	}
}

func (r *biffReader) raw(pos int) (record, int, bool) {
	if pos < 0 || pos+4 > len(r.data) {
		return record{}, pos, false
	}
	typ := binary.LittleEndian.Uint16(r.data[pos:])
	size := int(binary.LittleEndian.Uint16(r.data[pos+2:]))
	if pos+4+size > len(r.data) {
		return record{}, pos, false
	}
	return record{typ: typ, data: r.data[pos+4 : pos+4+size]}, pos + 4 + size, true
}

func (r *biffReader) corrupt(what string) error {
	return inputErr(r.file, "%w: .xls tidak utuh (%s)", ErrDamaged, what)
}

func (r *biffReader) read(ctx context.Context) ([]*sheet, error) {
	if err := r.globals(); err != nil {
		return nil, err
	}
	var out []*sheet
	for _, bs := range r.sheets {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		s := &sheet{File: r.file, Name: bs.name, Hidden: map[int]bool{}}
		if bs.kind == 0 {
			if err := r.worksheet(s, bs.offset); err != nil {
				return nil, err
			}
		}
		s.clampMerges(r.lim)
		out = append(out, s)
	}
	return out, nil
}

// globals reads the workbook globals substream: sheets, shared strings,
// number formats.
func (r *biffReader) globals() error {
	rec, pos, ok := r.recordAt(0)
	if !ok || rec.typ != recBOF || len(rec.data) < 4 {
		if ok && (rec.typ == 0x0009 || rec.typ == 0x0209 || rec.typ == 0x0409) {
			return inputErr(r.file, "%w: format Excel 2.0–4.0 belum didukung; simpan sebagai .xlsx", ErrFormat)
		}
		return r.corrupt("tanpa BOF")
	}
	if v := binary.LittleEndian.Uint16(rec.data); v != 0x0600 {
		return inputErr(r.file, "%w: format Excel lama (BIFF %#x) belum didukung; simpan sebagai .xlsx", ErrFormat, v)
	}
	r.formats = map[uint16]string{}
	for {
		rec, next, ok := r.recordAt(pos)
		if !ok {
			return r.corrupt("globals terpotong")
		}
		pos = next
		d := rec.data
		switch rec.typ {
		case recEOF:
			return nil
		case recFilePass:
			return inputErr(r.file, "%w; kata sandi .xls (Excel 97–2003) belum didukung: buka di Excel atau LibreOffice lalu simpan tanpa kata sandi", ErrPassword)
		case recBoundSheet:
			if len(d) < 8 {
				return r.corrupt("BOUNDSHEET8")
			}
			name, _, ok := shortXLString(d[6:])
			if !ok {
				return r.corrupt("nama lembar")
			}
			r.sheets = append(r.sheets, biffSheet{name: name, offset: int(binary.LittleEndian.Uint32(d)), kind: d[5]})
		case recSST:
			if err := r.readSST(rec); err != nil {
				return err
			}
		case recXF:
			if len(d) >= 4 {
				r.xfFmt = append(r.xfFmt, binary.LittleEndian.Uint16(d[2:]))
			}
		case recFormat:
			if len(d) >= 2 {
				if s, _, ok := xlString(d[2:]); ok {
					r.formats[binary.LittleEndian.Uint16(d)] = s
				}
			}
		case recExternSheet:
			if len(d) >= 2 {
				n := int(binary.LittleEndian.Uint16(d))
				for i := 0; i < n && 2+i*6+6 <= len(d); i++ {
					r.xti = append(r.xti, int(binary.LittleEndian.Uint16(d[2+i*6+2:])))
				}
			}
		}
	}
}

// percentXF reports whether cells of XF index ixfe show percentages.
func (r *biffReader) percentXF(ixfe uint16) bool {
	if int(ixfe) >= len(r.xfFmt) {
		return false
	}
	f := r.xfFmt[ixfe]
	if f == 9 || f == 10 {
		return true
	}
	return xlsx.IsPercentCode(r.formats[f])
}

// worksheet reads one worksheet substream.
func (r *biffReader) worksheet(s *sheet, pos int) error {
	rec, pos, ok := r.recordAt(pos)
	if !ok || rec.typ != recBOF {
		return r.corrupt(fmt.Sprintf("lembar %q tanpa BOF", s.Name))
	}
	if len(rec.data) >= 4 && binary.LittleEndian.Uint16(rec.data[2:]) != 0x0010 {
		return nil // a chart or macro sheet
	}
	depth := 1
	var pending *pendingString // a FORMULA whose string result follows
	shared := map[[2]int]sharedFormula{}
	for depth > 0 {
		rec, next, ok := r.recordAt(pos)
		if !ok {
			return r.corrupt(fmt.Sprintf("lembar %q terpotong", s.Name))
		}
		pos = next
		if rec.typ == recBOF {
			depth++ // an embedded chart
			continue
		}
		if rec.typ == recEOF {
			depth--
			continue
		}
		if depth > 1 {
			continue
		}
		if err := r.worksheetRecord(s, rec, &pending, shared); err != nil {
			return err
		}
	}
	// A shared formula whose definition never came.
	for _, row := range s.Rows {
		for j := range row {
			if row[j].Formula == formulaUnread {
				row[j].Formula = formulaUnknown
			}
		}
	}
	return nil
}

// pendingString is a formula cell waiting for its STRING record.
type pendingString struct{ row, col int }

// sharedFormula is a SHRFMLA record: the formula of a range of cells.
type sharedFormula struct {
	r1, r2, c1, c2 int
	rgce           []byte
}

func (r *biffReader) worksheetRecord(s *sheet, rec record, pending **pendingString, shared map[[2]int]sharedFormula) error {
	d := rec.data
	cellAt := func() (int, int, uint16, bool) {
		if len(d) < 6 {
			return 0, 0, 0, false
		}
		return int(binary.LittleEndian.Uint16(d)) + 1, int(binary.LittleEndian.Uint16(d[2:])) + 1, binary.LittleEndian.Uint16(d[4:]), true
	}
	switch rec.typ {
	case recLabelSST:
		row, col, _, ok := cellAt()
		if !ok || len(d) < 10 {
			return r.corrupt("LABELSST")
		}
		i := int(binary.LittleEndian.Uint32(d[6:]))
		if i < 0 || i >= len(r.sst) {
			return r.corrupt("indeks teks di luar tabel")
		}
		return r.put(s, row, col, cell{Text: r.sst[i], Kind: cellText})
	case recLabel, recRString:
		row, col, _, ok := cellAt()
		if !ok {
			return r.corrupt("LABEL")
		}
		text, _, ok := xlString(d[6:])
		if !ok {
			return r.corrupt("LABEL")
		}
		return r.put(s, row, col, cell{Text: text, Kind: cellText})
	case recNumber:
		row, col, xf, ok := cellAt()
		if !ok || len(d) < 14 {
			return r.corrupt("NUMBER")
		}
		return r.put(s, row, col, r.numberCell(math.Float64frombits(binary.LittleEndian.Uint64(d[6:])), xf))
	case recRK:
		row, col, xf, ok := cellAt()
		if !ok || len(d) < 10 {
			return r.corrupt("RK")
		}
		return r.put(s, row, col, r.rkCell(binary.LittleEndian.Uint32(d[6:]), xf))
	case recMulRK:
		if len(d) < 6 {
			return r.corrupt("MULRK")
		}
		row, first := int(binary.LittleEndian.Uint16(d))+1, int(binary.LittleEndian.Uint16(d[2:]))+1
		for i := 0; 4+i*6+6 <= len(d)-2; i++ {
			p := 4 + i*6
			c := r.rkCell(binary.LittleEndian.Uint32(d[p+2:]), binary.LittleEndian.Uint16(d[p:]))
			if err := r.put(s, row, first+i, c); err != nil {
				return err
			}
		}
	case recBoolErr:
		row, col, _, ok := cellAt()
		if !ok || len(d) < 8 {
			return r.corrupt("BOOLERR")
		}
		if d[7] != 0 {
			return r.put(s, row, col, cell{Text: biffError(d[6]), Kind: cellError})
		}
		return r.put(s, row, col, cell{Text: boolText(d[6] != 0), Kind: cellBool})
	case recFormula:
		row, col, xf, ok := cellAt()
		if !ok || len(d) < 22 {
			return r.corrupt("FORMULA")
		}
		c := r.formulaCell(s, d, row, col, xf, shared)
		if d[12] == 0xFF && d[13] == 0xFF && d[6] == 0 {
			*pending = &pendingString{row, col} // the STRING record follows
		}
		return r.put(s, row, col, c)
	case recString:
		if *pending == nil {
			return nil
		}
		p := *pending
		*pending = nil
		text, ok := continuedString(rec)
		if !ok {
			return r.corrupt("STRING")
		}
		if c := s.at(p.row, p.col); c.Formula != "" {
			c.Text, c.Kind = text, cellText
			if text == "" {
				c.Kind = cellEmpty
			}
			s.Rows[p.row-1][p.col-1] = c
		}
	case recShrFmla:
		if len(d) < 10 {
			return nil
		}
		sf := sharedFormula{
			r1: int(binary.LittleEndian.Uint16(d)) + 1, r2: int(binary.LittleEndian.Uint16(d[2:])) + 1,
			c1: int(d[4]) + 1, c2: int(d[5]) + 1,
		}
		cce := int(binary.LittleEndian.Uint16(d[8:]))
		if 10+cce <= len(d) {
			sf.rgce = d[10 : 10+cce]
		}
		shared[[2]int{sf.r1, sf.c1}] = sf
		// The FORMULA record that points here came first: decode it now.
		if c := s.at(sf.r1, sf.c1); c.Formula == formulaUnread {
			c.Formula = r.decodeFormula(sf.rgce, sf.r1, sf.c1)
			s.Rows[sf.r1-1][sf.c1-1] = c
		}
	case recMergedCells:
		if len(d) < 2 {
			return nil
		}
		n := int(binary.LittleEndian.Uint16(d))
		for i := 0; i < n && 2+i*8+8 <= len(d); i++ {
			if err := r.budget.take(1); err != nil { // bounds the merges kept before the boundary counts them
				return err
			}
			p := 2 + i*8
			s.Merges = append(s.Merges, rect{
				r1: int(binary.LittleEndian.Uint16(d[p:])) + 1, r2: int(binary.LittleEndian.Uint16(d[p+2:])) + 1,
				c1: int(binary.LittleEndian.Uint16(d[p+4:])) + 1, c2: int(binary.LittleEndian.Uint16(d[p+6:])) + 1,
			})
		}
	case recRow:
		if len(d) >= 13 && d[12]&0x20 != 0 {
			s.Hidden[int(binary.LittleEndian.Uint16(d))+1] = true
		}
	case recColInfo:
		if len(d) >= 10 && binary.LittleEndian.Uint16(d[8:])&1 != 0 {
			first, last := int(binary.LittleEndian.Uint16(d))+1, int(binary.LittleEndian.Uint16(d[2:]))+1
			for c := first; c <= min(last, r.lim.MaxCols, 256); c++ {
				if s.HiddenCols == nil {
					s.HiddenCols = map[int]bool{}
				}
				s.HiddenCols[c] = true
			}
		}
	}
	return nil
}

// put stores a cell, growing the sheet within the limits.
func (r *biffReader) put(s *sheet, row, col int, c cell) error {
	if row > r.lim.MaxRows {
		return tooLarge(r.file, s.Name, LimitRows, "berisi %d baris", row, r.lim.MaxRows)
	}
	if col > r.lim.MaxCols {
		return tooLarge(r.file, s.Name, LimitCols, "memakai %d kolom", col, r.lim.MaxCols)
	}
	if c.empty() {
		return nil
	}
	if len(s.Rows) < row {
		s.Rows = append(s.Rows, make([][]cell, row-len(s.Rows))...)
	}
	cells := s.Rows[row-1]
	if len(cells) < col {
		if err := r.budget.take(col - len(cells)); err != nil {
			return err
		}
		cells = append(cells, make([]cell, col-len(cells))...)
	}
	cells[col-1] = c
	s.Rows[row-1] = cells
	return nil
}

// numberCell is a stored floating-point number, at Excel's precision.
func (r *biffReader) numberCell(f float64, xf uint16) cell {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return cell{Text: "#NUM!", Kind: cellError}
	}
	return cell{Text: excelPrecision(decimal.NewFromFloat(f)).String(), Kind: cellNumber, Percent: r.percentXF(xf)}
}

// rkCell decodes an RK number: a 30-bit integer or the top of a double,
// possibly divided by 100. An integer divided by 100 stays exact (8571 →
// 85.71).
func (r *biffReader) rkCell(rk uint32, xf uint16) cell {
	var d decimal.Decimal
	if rk&2 != 0 {
		d = decimal.NewFromInt(int64(int32(rk) >> 2))
	} else {
		f := math.Float64frombits(uint64(rk&^3) << 32)
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return cell{Text: "#NUM!", Kind: cellError}
		}
		d = decimal.NewFromFloat(f)
	}
	if rk&1 != 0 {
		d = d.Shift(-2)
	}
	return cell{Text: excelPrecision(d).String(), Kind: cellNumber, Percent: r.percentXF(xf)}
}

// formulaUnread marks a shared formula whose SHRFMLA record is still to come.
const formulaUnread = "\x00shared"

// formulaCell reads a FORMULA record: its stored result and its formula.
// BIFF8 always stores a result; a string result is in the STRING record
// that follows.
func (r *biffReader) formulaCell(s *sheet, d []byte, row, col int, xf uint16, shared map[[2]int]sharedFormula) cell {
	var c cell
	val := d[6:14]
	if val[6] == 0xFF && val[7] == 0xFF {
		switch val[0] {
		case 1:
			c = cell{Text: boolText(val[2] != 0), Kind: cellBool}
		case 2:
			c = cell{Text: biffError(val[2]), Kind: cellError}
		}
	} else {
		c = r.numberCell(math.Float64frombits(binary.LittleEndian.Uint64(val)), xf)
	}
	cce := int(binary.LittleEndian.Uint16(d[20:]))
	rgce := d[22:min(len(d), 22+cce)]
	if len(rgce) == 5 && rgce[0] == 0x01 { // PtgExp: a shared formula
		at := [2]int{int(binary.LittleEndian.Uint16(rgce[1:])) + 1, int(binary.LittleEndian.Uint16(rgce[3:])) + 1}
		if sf, ok := shared[at]; ok {
			c.Formula = r.decodeFormula(sf.rgce, row, col)
		} else {
			c.Formula = formulaUnread
		}
		return c
	}
	c.Formula = r.decodeFormula(rgce, row, col)
	return c
}

func boolText(b bool) string {
	if b {
		return "TRUE"
	}
	return "FALSE"
}

// biffError names an error code.
func biffError(code byte) string {
	switch code {
	case 0x00:
		return "#NULL!"
	case 0x07:
		return "#DIV/0!"
	case 0x0F:
		return "#VALUE!"
	case 0x17:
		return "#REF!"
	case 0x1D:
		return "#NAME?"
	case 0x24:
		return "#NUM!"
	}
	return "#N/A"
}

// shortXLString reads a ShortXLUnicodeString: an 8-bit count, a flags
// byte, the characters. It returns the bytes used.
func shortXLString(b []byte) (string, int, bool) {
	if len(b) < 2 {
		return "", 0, false
	}
	return chars(b[2:], int(b[0]), b[1]&1 != 0, 2)
}

// xlString reads an XLUnicodeString: a 16-bit count, a flags byte, the
// characters.
func xlString(b []byte) (string, int, bool) {
	if len(b) < 3 {
		return "", 0, false
	}
	return chars(b[3:], int(binary.LittleEndian.Uint16(b)), b[2]&1 != 0, 3)
}

// chars decodes n characters, one byte (Latin-1) or two (UTF-16) each.
func chars(b []byte, n int, wide bool, used int) (string, int, bool) {
	size := n
	if wide {
		size *= 2
	}
	if size > len(b) {
		return "", 0, false
	}
	return decodeChars(b[:size], wide), used + size, true
}

func decodeChars(b []byte, wide bool) string {
	if !wide {
		r := make([]rune, len(b))
		for i, c := range b {
			r[i] = rune(c)
		}
		return string(r)
	}
	return decodeUTF16(b, false)
}

// continuedString reads an XLUnicodeString that may continue in CONTINUE
// records (a long STRING result).
func continuedString(rec record) (string, bool) {
	sr := &segReader{segs: append([][]byte{rec.data}, rec.cont...)}
	return sr.xlUnicodeRich(false)
}
