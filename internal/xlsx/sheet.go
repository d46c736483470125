package xlsx

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strconv"
)

// Type is what a cell stores, from its t attribute.
type Type uint8

const (
	Number        Type = iota // no t, or t="n"
	String                    // t="s" (shared) or t="inlineStr"
	FormulaString             // t="str": a formula's text result
	Bool                      // t="b": Value is "1" or "0"
	Error                     // t="e": Value is the error ("#DIV/0!")
	Date                      // t="d": Value is an ISO 8601 date
)

// Cell is a cell that holds a value or a formula.
type Cell struct {
	Col  int
	Type Type
	// Value is the stored value as written: a number's text ("1788546290.8",
	// "8.571E-1"), the string itself, the boolean or error. Empty for a
	// formula without a stored result.
	Value string
	// Formula is the cell's formula without "=", shared formulas expanded
	// to this cell; HasFormula tells an empty formula from none.
	Formula    string
	HasFormula bool
	// Cached: the formula's result was stored (a non-blank <v>).
	Cached bool
	// Style is the cell format index (see Book.Percent).
	Style int
}

// Range is a merged range, 1-based and inclusive.
type Range struct{ R1, C1, R2, C2 int }

// Col is a <col> entry: columns Min to Max.
type Col struct {
	Min, Max int
	Hidden   bool
	Style    int
}

// Layout is what a sheet says besides its cells.
type Layout struct {
	Merges []Range
	Cols   []Col
}

// ColHidden reports whether column c is hidden (the last <col> covering it
// decides, as Excel reads it).
func (l *Layout) ColHidden(c int) bool {
	hidden := false
	for _, col := range l.Cols {
		if col.Min <= c && c <= col.Max {
			hidden = col.Hidden
		}
	}
	return hidden
}

// RowFunc receives a row with at least one cell, in the order of the file:
// its number, whether it is hidden, and its cells (reused after the call).
type RowFunc func(row int, hidden bool, cells []Cell) error

// ReadSheet streams sheet i (an index of Sheets) row by row to fn and
// returns its merges and columns. A sheet that is not a worksheet has no
// rows.
func (b *Book) ReadSheet(ctx context.Context, i int, fn RowFunc) (*Layout, error) {
	sh := b.Sheets[i]
	lay := &Layout{}
	if sh.Part == "" {
		return lay, nil
	}
	r := sheetReader{b: b, ctx: ctx, fn: fn, lay: lay, shared: map[int]sharedFormula{}}
	err := b.scan(sh.Part, r.read)
	if err != nil {
		return nil, fmt.Errorf("lembar %q: %w", sh.Name, err)
	}
	return lay, nil
}

// SheetLayout reads what sheet i says besides its cells (its columns and
// merged ranges) without reading the cells: the rows are skipped as raw
// bytes, up to the end tag of sheetData. The merged ranges come after the
// rows in the file, so a reader that wants them before the rows reads the
// sheet twice, this way and then with ReadSheet, on another goroutine.
// What it unpacks is not counted against MaxInflated: the part is counted
// when ReadSheet reads it, and what it may unpack is bounded by the size
// the part declares. A sheet whose rows hold that end tag as text (in
// CDATA) gives a different layout than ReadSheet; callers compare the two.
func (b *Book) SheetLayout(ctx context.Context, i int) (*Layout, error) {
	sh := b.Sheets[i]
	lay := &Layout{}
	if sh.Part == "" {
		return lay, nil
	}
	f, err := b.find(sh.Part)
	if err != nil {
		return nil, err
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	s := newScanner(ctxReader{ctx, rc}, b.lim.MaxToken, b.lim.MaxDepth)
	r := sheetReader{b: b, ctx: ctx, lay: lay, skipRows: true}
	if err := r.read(s); err != nil {
		return nil, fmt.Errorf("lembar %q: %w", sh.Name, err)
	}
	return lay, nil
}

// ctxReader stops reading when its context ends.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// sharedFormula is the master cell of a shared formula.
type sharedFormula struct {
	row, col int
	formula  string
}

// sheetReader holds the state of one sheet being read.
type sheetReader struct {
	b      *Book
	ctx    context.Context
	fn     RowFunc
	lay    *Layout
	shared map[int]sharedFormula
	// skipRows skips sheetData unread (SheetLayout).
	skipRows bool

	row, col int
	hidden   bool
	rowStyle int
	cells    []Cell
	text     []byte
	rows     int
	// value and formula are a cell's text while it is read, kept for the
	// next cell: finishCell copies what it keeps.
	value, formula []byte
}

func (r *sheetReader) read(s *scanner) error {
	for {
		k, err := s.next()
		if err != nil || k == tokEOF {
			return err
		}
		if k != tokStart {
			continue
		}
		switch string(s.name) {
		case "sheetData":
			if r.skipRows {
				if err := s.skipRaw(); err != nil {
					return err
				}
				continue
			}
			if err := r.sheetData(s); err != nil {
				return err
			}
		case "col":
			if err := r.colEntry(s); err != nil {
				return err
			}
		case "mergeCell":
			if err := r.mergeCell(s); err != nil {
				return err
			}
		case "extLst":
			if err := s.skip(); err != nil {
				return err
			}
		}
	}
}

func (r *sheetReader) colEntry(s *scanner) error {
	lo, err1 := strconv.Atoi(string(attrOr(s, "min")))
	hi, err2 := strconv.Atoi(string(attrOr(s, "max")))
	if err1 != nil || err2 != nil || lo < 1 || hi < lo {
		return nil // a malformed entry says nothing
	}
	if len(r.lay.Cols) >= 16384 {
		return limitf("", "lebih dari 16384 keterangan kolom")
	}
	style, _ := strconv.Atoi(string(attrOr(s, "style")))
	r.lay.Cols = append(r.lay.Cols, Col{Min: lo, Max: hi, Hidden: isTrue(attrOr(s, "hidden")), Style: style})
	return nil
}

func (r *sheetReader) mergeCell(s *scanner) error {
	ref := attrOr(s, "ref")
	a, z, ok := bytes.Cut(ref, []byte(":"))
	if !ok {
		return nil
	}
	c1, r1, ok1 := ParseRef(a)
	c2, r2, ok2 := ParseRef(z)
	if !ok1 || !ok2 {
		return nil
	}
	if len(r.lay.Merges) >= r.b.lim.MaxCells {
		return limitf(LimitCells, "lebih dari %d sel gabungan", r.b.lim.MaxCells)
	}
	r.lay.Merges = append(r.lay.Merges, Range{R1: r1, C1: c1, R2: r2, C2: c2})
	return nil
}

// sheetData reads the rows.
func (r *sheetReader) sheetData(s *scanner) error { return children(s, "row", r.rowElem) }

// children calls fn at each child element named want of the element just
// started, skipping the others, to the end of the element.
func children(s *scanner, want string, fn func(*scanner) error) error {
	depth := s.depth
	for {
		k, err := s.next()
		if err != nil {
			return err
		}
		switch {
		case k == tokEOF:
			return errTruncated
		case k == tokEnd && s.depth < depth:
			return nil
		case k == tokStart && string(s.name) == want:
			err = fn(s)
		case k == tokStart:
			err = s.skip()
		}
		if err != nil {
			return err
		}
	}
}

// rowElem reads one <row>.
func (r *sheetReader) rowElem(s *scanner) error {
	r.row++
	if v, ok := s.attr("r"); ok {
		n, err := strconv.Atoi(string(v))
		if err != nil || n < 1 {
			return fmt.Errorf("nomor baris %q tidak sah", v)
		}
		r.row = n
	}
	r.hidden = isTrue(attrOr(s, "hidden"))
	r.rowStyle = 0
	if v, ok := s.attr("s"); ok {
		r.rowStyle, _ = strconv.Atoi(string(v))
	}
	r.col = 0
	r.cells = r.cells[:0]
	if err := children(s, "c", r.cell); err != nil {
		return err
	}
	return r.flushRow()
}

func (r *sheetReader) flushRow() error {
	if len(r.cells) == 0 {
		return nil
	}
	if r.row > r.b.lim.MaxRows {
		return limitf(LimitRows, "baris %d terisi (batas %d baris)", r.row, r.b.lim.MaxRows)
	}
	r.b.cells += len(r.cells)
	if r.b.cells > r.b.lim.MaxCells {
		return limitf(LimitCells, "lebih dari %d sel terisi", r.b.lim.MaxCells)
	}
	r.rows++
	if r.rows%4096 == 0 {
		if err := r.ctx.Err(); err != nil {
			return err
		}
	}
	return r.fn(r.row, r.hidden, r.cells)
}

// cell reads one <c>.
func (r *sheetReader) cell(s *scanner) error {
	r.col++
	if v, ok := s.attr("r"); ok {
		col, _, ok := ParseRef(v)
		if !ok {
			return fmt.Errorf("alamat sel %q tidak sah", v)
		}
		r.col = col
	}
	c := Cell{Col: r.col}
	tv, _ := s.attr("t")
	t := cellType(tv) // attribute slices last only until the next token
	if st, ok := s.attr("s"); ok {
		c.Style, _ = strconv.Atoi(string(st))
	}
	if c.Style == 0 {
		c.Style = r.defaultStyle(c.Col)
	}
	var fShared, fSI []byte
	hasSI := false
	depth := s.depth
	var field byte // 'v', 'f' or 't' (inline string text)
	value, formula := r.value[:0], r.formula[:0]
	defer func() { r.value, r.formula = value[:0], formula[:0] }()
	inIS, rph := false, 0
	for {
		k, err := s.next()
		if err != nil {
			return err
		}
		switch k {
		case tokEOF:
			return errTruncated
		case tokStart:
			switch name := string(s.name); {
			case rph > 0:
			case name == "v":
				field, value = 'v', value[:0]
			case name == "f":
				field, formula, c.HasFormula = 'f', formula[:0], true
				fShared, _ = s.attr("t")
				fShared = bytes.Clone(fShared)
				fSI, hasSI = s.attr("si")
				fSI = bytes.Clone(fSI)
			case name == "is":
				inIS, value = true, value[:0]
			case inIS && name == "rPh":
				rph = s.depth
			case inIS && name == "t":
				field = 't'
			}
		case tokText:
			var err error
			switch {
			case rph > 0:
			case field == 'v' || field == 't':
				value, err = s.appendText(value)
			case field == 'f':
				formula, err = s.appendText(formula)
			}
			if err != nil {
				return err
			}
		case tokEnd:
			if rph > 0 {
				if s.depth < rph {
					rph = 0
				}
				continue
			}
			if s.depth < depth {
				return r.finishCell(c, t, value, formula, fShared, fSI, hasSI, inIS)
			}
			field = 0
		}
	}
}

// finishCell decodes a cell's value and formula and keeps it when it holds
// something.
func (r *sheetReader) finishCell(c Cell, t cellT, value, formula, fShared, fSI []byte, hasSI, inlined bool) error {
	blank := len(bytes.TrimSpace(value)) == 0
	if c.HasFormula {
		c.Cached = !blank
		c.Formula = string(formula)
		if string(fShared) == "shared" && hasSI {
			si, err := strconv.Atoi(string(fSI))
			if err != nil {
				return fmt.Errorf("rumus bersama si=%q tidak sah", fSI)
			}
			if len(formula) > 0 {
				if len(r.shared) >= r.b.lim.MaxCells {
					return limitf("", "terlalu banyak rumus bersama")
				}
				r.shared[si] = sharedFormula{row: r.row, col: c.Col, formula: c.Formula}
			} else if m, ok := r.shared[si]; ok {
				c.Formula = shiftFormula(m.formula, r.row-m.row, c.Col-m.col)
			} else {
				c.HasFormula = false // an unknown shared formula: none to show
			}
		}
	}
	switch t {
	case tNumber:
		c.Type, c.Value = Number, string(value)
	case tShared:
		c.Type = String
		if !blank {
			i, err := strconv.Atoi(string(bytes.TrimSpace(value)))
			if err != nil || i < 0 || i >= len(r.b.strings) {
				return fmt.Errorf("sel %s merujuk teks bersama %q yang tidak ada", CellName(c.Col, r.row), value)
			}
			c.Value = r.b.strings[i]
		}
	case tInline:
		c.Type = String
		if inlined {
			c.Value = unescapeOOXML(string(value))
		} else {
			c.Value = string(value)
		}
	case tStr:
		c.Type, c.Value = FormulaString, string(value)
	case tBool:
		c.Type, c.Value = Bool, string(value)
	case tError:
		c.Type, c.Value = Error, string(value)
	case tDate:
		c.Type, c.Value = Date, string(value)
	default:
		c.Type, c.Value = String, string(value)
	}
	if c.Value == "" && !c.HasFormula {
		return nil
	}
	if c.Col > r.b.lim.MaxCols {
		return limitf(LimitCols, "sel %s terisi (batas %d kolom)", CellName(c.Col, r.row), r.b.lim.MaxCols)
	}
	r.cells = append(r.cells, c)
	return nil
}

// cellT is a cell's t attribute.
type cellT uint8

const (
	tNumber cellT = iota
	tShared
	tInline
	tStr
	tBool
	tError
	tDate
	tOther
)

func cellType(t []byte) cellT {
	switch string(t) {
	case "", "n":
		return tNumber
	case "s":
		return tShared
	case "inlineStr":
		return tInline
	case "str":
		return tStr
	case "b":
		return tBool
	case "e":
		return tError
	case "d":
		return tDate
	}
	return tOther
}

// defaultStyle is the format of a cell that names none: its row's, else
// its column's.
func (r *sheetReader) defaultStyle(col int) int {
	if r.rowStyle != 0 {
		return r.rowStyle
	}
	for _, c := range r.lay.Cols {
		if c.Min <= col && col <= c.Max && c.Style != 0 {
			return c.Style
		}
	}
	return 0
}

func attrOr(s *scanner, name string) []byte {
	v, _ := s.attr(name)
	return v
}

func isTrue(v []byte) bool { return string(v) == "1" || string(v) == "true" }

// ParseRef reads an A1 reference ("C5", "$C$5") into column and row.
func ParseRef(ref []byte) (col, row int, ok bool) {
	i := 0
	if i < len(ref) && ref[i] == '$' {
		i++
	}
	start := i
	for i < len(ref) && i-start < 3 {
		c := ref[i] | 0x20 // lower case
		if c < 'a' || c > 'z' {
			break
		}
		col = col*26 + int(c-'a'+1)
		i++
	}
	if i == start {
		return 0, 0, false
	}
	if i < len(ref) && ref[i] == '$' {
		i++
	}
	if i == len(ref) || len(ref)-i > 7 {
		return 0, 0, false
	}
	for ; i < len(ref); i++ {
		if ref[i] < '0' || ref[i] > '9' {
			return 0, 0, false
		}
		row = row*10 + int(ref[i]-'0')
	}
	return col, row, row > 0
}

// CellName is the A1 name of a cell.
func CellName(col, row int) string {
	return string(appendCol(nil, col)) + strconv.Itoa(row)
}

func appendCol(dst []byte, col int) []byte {
	var tmp [8]byte
	i := len(tmp)
	for col > 0 && i > 0 {
		col--
		i--
		tmp[i] = byte('A' + col%26)
		col /= 26
	}
	return append(dst, tmp[i:]...)
}
