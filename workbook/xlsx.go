package workbook

import (
	"bytes"
	"context"
	"errors"
	"os"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"lkjip/calc"
	"lkjip/internal/xlsx"
)

// docInfo is what a file says about itself in its document properties.
type docInfo struct {
	Title, Subject, Description, Keywords, Creator string
}

// ownOutput reports whether a file is a report or a rekap lkjip wrote
// (layout marks both so in their document properties).
func (d docInfo) ownOutput() bool {
	return d.Creator == "lkjip" && strings.Contains(strings.ToLower(d.Description), "dihitung ulang oleh lkjip")
}

// propsInfo is what a workbook's document properties say about it.
func propsInfo(p xlsx.Props) docInfo {
	return docInfo{Title: p.Title, Subject: p.Subject, Description: p.Description, Keywords: p.Keywords, Creator: p.Creator}
}

// readXLSX reads every worksheet of an .xlsx or .xlsm file as raw cells,
// streaming each sheet's XML once (internal/xlsx). A formula without a
// stored result is a cell of its own, marked NoCache, so that a total
// written by a generator that computes nothing is seen at all.
func readXLSX(ctx context.Context, name string, data []byte, lim Limits) ([]*sheet, docInfo, error) {
	b, err := openXLSX(name, data, lim)
	if err != nil {
		return nil, docInfo{}, err
	}
	info := propsInfo(b.Props)
	budget := newCellBudget(name, lim)
	out := make([]*sheet, 0, len(b.Sheets))
	for i := range b.Sheets {
		if err := ctx.Err(); err != nil {
			return nil, info, err
		}
		s, lay, err := readXLSXSheet(ctx, b, i, name, budget, nil)
		if err != nil {
			return nil, info, err
		}
		s.setLayout(lay, s.width())
		s.clampMerges(lim)
		out = append(out, s)
	}
	fallback, closeFallback := excelizeFallback(data, lim)
	defer closeFallback()
	evaluateFormulas(out, fallback)
	return out, info, nil
}

// openXLSX checks a package from its zip directory alone (the number of
// parts, a part named twice, what the parts declare they unpack to, a
// worksheet part named by several sheets counting once for each) before
// anything is unpacked, then reads its structure.
func openXLSX(name string, data []byte, lim Limits) (*xlsx.Book, error) {
	zr, err := openZip(name, data)
	if err != nil {
		return nil, err
	}
	seen := make(map[string]bool, len(zr.File))
	for _, f := range zr.File {
		n := strings.ToLower(partName(f))
		if seen[n] {
			return nil, inputErr(name, "%w: bagian %q ada dua kali", ErrDamaged, partName(f))
		}
		seen[n] = true
	}
	if err := checkInflated(name, zr, nil, lim); err != nil {
		return nil, err
	}
	b, err := xlsx.OpenZip(zr, xlsxLimits(lim))
	if err != nil {
		return nil, xlsxErr(name, err)
	}
	uses := map[string]int{}
	for _, s := range b.Sheets {
		uses[strings.ToLower(s.Part)]++
	}
	extra := map[string]int{}
	for _, f := range zr.File {
		extra[f.Name] = max(0, uses[strings.ToLower(partName(f))]-1)
	}
	if err := checkInflated(name, zr, extra, lim); err != nil {
		return nil, err
	}
	return b, nil
}

// readEncryptedXLSX reads an encrypted .xlsx (an OLE file holding
// EncryptedPackage) with the password given; excelize decrypts it.
func readEncryptedXLSX(ctx context.Context, name string, data []byte, opt Options) ([]*sheet, docInfo, error) {
	if opt.Password == "" {
		return nil, docInfo{}, inputErrOf(name, ErrPassword)
	}
	plain, err := excelize.Decrypt(data, &excelize.Options{Password: opt.Password})
	if err != nil {
		return nil, docInfo{}, inputErr(name, "%w: kata sandi salah atau enkripsinya tidak didukung", ErrPassword)
	}
	if sniff(plain) != formatXLSX {
		// excelize does not check the password's verifier: a wrong one
		// decrypts to noise.
		return nil, docInfo{}, inputErr(name, "%w: kata sandi salah", ErrPassword)
	}
	return readXLSX(ctx, name, plain, opt.Limits)
}

// xlsxLimits are the reader's caps for a file under lim.
func xlsxLimits(lim Limits) xlsx.Limits {
	x := xlsx.DefaultLimits()
	x.MaxInflated, x.MaxRows, x.MaxCols, x.MaxCells = lim.MaxInflated, lim.MaxRows, lim.MaxCols, lim.MaxCells
	x.MaxStrings = lim.MaxStrings
	x.MaxStringBytes = min(lim.MaxInflated, x.MaxStringBytes)
	x.MaxToken, x.MaxDepth = maxXMLRun, maxXMLDepth
	return x
}

// xlsxErr words a reader error as an input error: beyond a limit (naming
// which, when a setting raises it), or a damaged workbook.
func xlsxErr(name string, err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	var le *xlsx.LimitError
	if errors.As(err, &le) {
		detail := strings.Replace(err.Error(), xlsx.ErrLimit.Error()+": ", "", 1)
		if le.Limit == "" {
			return inputErr(name, "%w: %s", ErrTooLarge, detail)
		}
		return limitErr(name, Limit(le.Limit), "%s", detail) // the names are the same
	}
	return inputErr(name, "%w: %s", ErrDamaged, damageText(err))
}

// readXLSXSheet reads one sheet into rows of cells. The sheet's XML is
// unpacked and tokenised on another goroutine while the cells are
// converted here, so a large sheet takes both cores.
//
// added, when not nil, is called after each batch of rows is on the sheet;
// an error it returns ends the reading and is returned as it is.
func readXLSXSheet(ctx context.Context, b *xlsx.Book, i int, file string, budget *cellBudget, added func(*sheet, *cellBatch) error) (*sheet, *xlsx.Layout, error) {
	name := b.Sheets[i].Name
	if b.Sheets[i].Part == "" {
		return &sheet{File: file, Name: name}, &xlsx.Layout{}, nil // a chart sheet
	}
	s := &sheet{File: file, Name: name, Hidden: map[int]bool{}}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches, free := make(chan *cellBatch, 4), make(chan *cellBatch, 6)
	newBatch := func() *cellBatch {
		select {
		case b := <-free:
			b.rows, b.cells = b.rows[:0], b.cells[:0]
			return b
		default:
			return &cellBatch{rows: make([]batchRow, 0, 1024), cells: make([]xlsx.Cell, 0, batchCells+64)}
		}
	}
	var lay *xlsx.Layout
	var readErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer close(batches)
		defer func() {
			if p := recover(); p != nil {
				readErr = readerPanic(file, p)
			}
		}()
		cur := newBatch()
		send := func() error {
			select {
			case batches <- cur:
				cur = newBatch()
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		lay, readErr = b.ReadSheet(ctx, i, func(r int, hidden bool, cells []xlsx.Cell) error {
			cur.add(r, hidden, cells)
			if len(cur.cells) >= batchCells {
				return send()
			}
			return nil
		})
		if readErr == nil && len(cur.rows) > 0 {
			readErr = send()
		}
	}()
	var err error
	for batch := range batches {
		if err == nil {
			err = s.addCells(b, batch, budget)
			if err == nil && added != nil {
				err = added(s, batch)
			}
			if err != nil {
				cancel() // the reader stops at its next row
			}
		}
		select {
		case free <- batch:
		default:
		}
	}
	<-done
	if err == nil {
		err = readErr
	}
	if err != nil {
		var ie *InputError
		if errors.As(err, &ie) || errors.Is(err, errGaveUp) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return nil, nil, err
		}
		return nil, nil, xlsxErr(file, err)
	}
	return s, lay, nil
}

// setLayout takes a sheet's merged ranges and its hidden columns up to
// width from what the sheet's XML says besides its cells.
func (s *sheet) setLayout(lay *xlsx.Layout, width int) {
	for c := 1; c <= width; c++ {
		if lay.ColHidden(c) {
			if s.HiddenCols == nil {
				s.HiddenCols = map[int]bool{}
			}
			s.HiddenCols[c] = true
		}
	}
	for _, m := range lay.Merges {
		s.Merges = append(s.Merges, rect{m.R1, m.C1, m.R2, m.C2})
	}
}

// batchCells is about how many cells a batch carries.
const batchCells = 8192

// cellBatch carries rows of cells from the XML reader to the converter.
type cellBatch struct {
	rows  []batchRow
	cells []xlsx.Cell
}

type batchRow struct {
	r          int
	hidden     bool
	start, end int // in cells
}

func (b *cellBatch) add(r int, hidden bool, cells []xlsx.Cell) {
	start := len(b.cells)
	b.cells = append(b.cells, cells...)
	b.rows = append(b.rows, batchRow{r, hidden, start, len(b.cells)})
}

// addCells places a batch of rows on the sheet.
func (s *sheet) addCells(b *xlsx.Book, batch *cellBatch, budget *cellBudget) error {
	for _, br := range batch.rows {
		cells := batch.cells[br.start:br.end]
		width, valued := 0, false
		for _, c := range cells {
			width = max(width, c.Col)
			valued = valued || c.Value != ""
		}
		if err := budget.take(width); err != nil {
			return err
		}
		r := br.r
		if r > s.rowCount() {
			s.growRows(r)
		}
		row := s.row(r)
		switch {
		case row == nil:
			row = s.newRow(width)
		case len(row) < width:
			row = append(row, make([]cell, width-len(row))...)
		}
		for _, c := range cells {
			row[c.Col-1] = xlsxCell(b, c)
		}
		s.Rows[r-1-s.base] = row
		if br.hidden && valued {
			s.Hidden[r] = true
		}
	}
	return nil
}

// growRows makes room for rows up to r, doubling the capacity: append
// grows a large slice by a quarter at a time, which copies the row list
// of a large sheet many times over.
func (s *sheet) growRows(r int) {
	n := r - s.base // rows below base are let go (sheet.slide)
	if n > cap(s.Rows) {
		grown := make([][]cell, len(s.Rows), max(n, 2*cap(s.Rows), 64))
		copy(grown, s.Rows)
		s.Rows = grown
	}
	s.Rows = s.Rows[:n]
}

// newRow returns the cells for a row of the given width: a spare row let
// go by the reading when one is wide enough (spareRow), or cut from a
// block allocated ahead (one allocation for many rows, not one per row).
// A row's room is its own, so growing it never reaches another's.
func (s *sheet) newRow(width int) []cell {
	if n := len(s.spare) - 1; n >= 0 && cap(s.spare[n]) >= width {
		row := s.spare[n][:width]
		s.spare = s.spare[:n]
		clear(row[:cap(row)])
		return row
	}
	room := width
	if s.recycle { // room for the widest row so far, so that any row can take it again
		s.widest = max(s.widest, width)
		room = s.widest
	}
	if room > rowBlock/4 {
		return make([]cell, width, room)
	}
	if len(s.free) < room {
		s.free = make([]cell, rowBlock)
	}
	row := s.free[:width:room]
	s.free = s.free[room:]
	return row
}

// rowBlock is the number of cells allocated at once for rows (≈160 KB).
const rowBlock = 4096

// xlsxCell reads one cell: its kind, formula and percent format. A formula
// without a stored result is marked NoCache and evaluated later.
func xlsxCell(b *xlsx.Book, x xlsx.Cell) cell {
	if x.HasFormula && x.Formula != "" && (!x.Cached || x.Value == "") {
		return cell{Formula: x.Formula, NoCache: true}
	}
	if x.Value == "" {
		return cell{}
	}
	c := cell{Text: x.Value, Kind: cellText}
	switch x.Type {
	case xlsx.Number:
		if n, ok := storedNumber(x.Value); ok {
			c.Kind, c.Text = cellNumber, n
			c.Percent = b.Percent(x.Style)
		}
	case xlsx.Bool:
		c.Kind = cellBool
	case xlsx.Error:
		c.Kind = cellError
	}
	if x.HasFormula {
		c.Formula = x.Formula
	}
	return c
}

// excelizeFallback evaluates, with excelize's calculator, a formula
// without a stored result that lkjip's own evaluator does not handle (the
// evaluator decides which are safe to hand over). Such files are rare, so
// the workbook is opened with excelize only when the first such formula
// is met; excelize unpacks large parts into a private temporary folder,
// which closing removes.
func excelizeFallback(data []byte, lim Limits) (fallbackFunc, func()) {
	var f *excelize.File
	var tmp string
	opened := false
	eval := func(sheetName string, row, col int) (v string, ok bool) {
		defer func() {
			if recover() != nil {
				v, ok = "", false
			}
		}()
		if !opened {
			opened = true
			var err error
			if tmp, err = os.MkdirTemp("", "lkjip-"); err != nil {
				return "", false
			}
			f, err = excelize.OpenReader(bytes.NewReader(data), excelize.Options{
				RawCellValue: true, UnzipSizeLimit: lim.MaxInflated, UnzipXMLSizeLimit: min(lim.MaxInflated, 16<<20), TmpDir: tmp,
			})
			if err != nil {
				f = nil
			}
		}
		if f == nil {
			return "", false
		}
		formula, err := f.GetCellFormula(sheetName, calc.CellName(row, col))
		if err != nil || formula == "" {
			return "", false
		}
		v, err = f.CalcCellValue(sheetName, calc.CellName(row, col), excelize.Options{RawCellValue: true})
		return v, err == nil
	}
	closeFn := func() {
		if f != nil {
			f.Close()
		}
		if tmp != "" {
			os.RemoveAll(tmp)
		}
	}
	return eval, closeFn
}

// splitRef reads "C5" into column and row.
func splitRef(ref string) (int, int, bool) {
	i := 0
	col := 0
	for i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z' && i < 3 {
		col = col*26 + int(ref[i]-'A'+1)
		i++
	}
	row, err := strconv.Atoi(ref[i:])
	if i == 0 || err != nil || row < 1 {
		return 0, 0, false
	}
	return col, row, true
}
