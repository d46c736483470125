package layout

import (
	"fmt"
	"strconv"

	"github.com/xuri/excelize/v2"

	"lkjip/calc"
)

// sheetWriter streams one sheet row by row. A writer from openSheet also
// knows its file, styles and column widths: it sizes rows that hold wrapped
// text, shows findings on cells built with from (when marks is set), and
// sets up printing in finish. Everything that is not a cell (merges,
// comments, hyperlinks, conditional formats, charts, page setup) must be
// added before finish, which flushes the stream: excelize writes those
// parts of a streamed sheet only then.
type sheetWriter struct {
	sw  *excelize.StreamWriter
	row int // the last row written

	f      *excelize.File
	name   string
	st     *styles
	widths []float64
	marks  *marks
	lines  map[wrapKey]int // wrapped's memory
	// rows, when set, writes the rows instead of sw (see rowStream).
	rows *rowStream
}

// sheetSetup is what a sheet needs before its first row: column widths
// (from column A) and the number of rows kept in view when scrolling.
type sheetSetup struct {
	widths []float64
	freeze int
}

// openSheet starts streaming an existing, empty sheet. Properties that the
// stream writer serialises before the rows (fit to page, outline summary
// rows above their detail, column widths, panes) are set here, before any
// row, as excelize requires.
func openSheet(f *excelize.File, name string, st *styles, setup sheetSetup) (*sheetWriter, error) {
	yes, no := true, false
	if err := f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &yes, OutlineSummaryBelow: &no}); err != nil {
		return nil, err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	w := &sheetWriter{sw: sw, f: f, name: name, st: st, widths: setup.widths}
	for i, wd := range setup.widths {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			return nil, err
		}
	}
	if setup.freeze > 0 {
		if err := w.freezeAt(setup.freeze); err != nil {
			return nil, err
		}
	}
	return w, nil
}

// next writes the given cells as the next row and returns its number.
// Cells are excelize.Cell values, or sourced cells from from().
func (w *sheetWriter) next(cells ...any) (int, error) { return w.nextAt(0, cells...) }

// nextAt writes the next row at an outline level (0: not grouped), so a
// reader can fold the detail of a tree away.
func (w *sheetWriter) nextAt(level int, cells ...any) (int, error) {
	w.row++
	var spans [16]int
	span := spans[:0] // columns each cell covers
	if len(cells) > len(spans) {
		span = make([]int, 0, len(cells))
	}
	span = span[:len(cells)]
	for i, c := range cells {
		span[i] = 1
		if s, ok := c.(spanning); ok {
			cells[i], span[i] = s.Cell, s.cols
			c = s.Cell
		}
		if s, ok := c.(sourced); ok {
			switch {
			case w.marks.has(s.src):
				var err error
				if s.StyleID, err = w.marks.apply(w.name, cellName(i+1, w.row), s.src, s.StyleID); err != nil {
					return w.row, err
				}
				cells[i] = s.Cell
			case w.rows == nil:
				cells[i] = s.Cell // excelize's writer knows only its own cells
			}
			// The row writer reads a sourced cell as it is, which saves
			// boxing its cell a second time.
		}
	}
	opts := excelize.RowOpts{OutlineLevel: min(level, 7), Height: w.height(cells, span)}
	var err error
	if w.rows != nil {
		err = w.rows.row(w.row, cells, opts)
	} else {
		err = w.sw.SetRow(cellName(1, w.row), cells, opts)
	}
	if err != nil {
		return w.row, err
	}
	for i, n := range span {
		if n > 1 {
			if err := w.merge(cellName(i+1, w.row), cellName(i+n, w.row)); err != nil {
				return w.row, err
			}
		}
	}
	return w.row, nil
}

// spanning is a cell merged with the cells to its right, over cols columns
// in all; its text wraps in their joint width. The row should still hold
// (styled, empty) cells under the span, so their borders show.
type spanning struct {
	excelize.Cell
	cols int
}

// across makes c span cols columns.
func across(c any, cols int) spanning {
	switch v := c.(type) {
	case excelize.Cell:
		return spanning{v, cols}
	case sourced:
		return spanning{v.Cell, cols}
	}
	return spanning{excelize.Cell{Value: c}, cols}
}

// rowCell is a cell of a row written by nextCells: text or a number, with
// a formula or not. Unlike the cells of next, it is written without
// boxing, for the sheets with a row for every budget account.
type rowCell struct {
	style    int
	text     string
	number   float64
	isNumber bool
	formula  []byte    // nil for none; too long for a spreadsheet, dropped as by formula()
	src      *calc.Ref // the input cell whose figure it shows, as from()
}

// nextCells is nextAt for cells of known kinds; the sheet's rows must be
// written by a rowStream. Cells with findings on their source are marked
// as with next; cells span one column.
func (w *sheetWriter) nextCells(level int, cells []rowCell) (int, error) {
	w.row++
	lines := 1
	for i := range cells {
		c := &cells[i]
		if len(c.formula) > maxFormulaLen {
			c.formula = nil
		}
		if c.src != nil && w.marks.has(*c.src) {
			var err error
			if c.style, err = w.marks.apply(w.name, cellName(i+1, w.row), *c.src, c.style); err != nil {
				return w.row, err
			}
		}
		if !c.isNumber {
			lines = max(lines, w.textLines(i, 1, c.style, c.text))
		}
	}
	opts := excelize.RowOpts{OutlineLevel: min(level, 7), Height: rowHeight(lines)}
	return w.row, w.rows.typedRow(w.row, cells, opts)
}

// height is the height a row needs to show its wrapped text whole, in
// points; 0 when one line is enough (span: the columns each cell covers).
func (w *sheetWriter) height(cells []any, span []int) float64 {
	lines := 1
	for i, c := range cells {
		cell, ok := c.(excelize.Cell)
		if sc, isSourced := c.(sourced); isSourced {
			cell, ok = sc.Cell, true
		}
		if s, isText := cell.Value.(string); ok && isText {
			lines = max(lines, w.textLines(i, span[i], cell.StyleID, s))
		}
	}
	return rowHeight(lines)
}

// rowHeight is the height of a row whose tallest cell holds lines lines
// of text: 0, the default, for one.
func rowHeight(lines int) float64 {
	if lines == 1 {
		return 0
	}
	return min(float64(lines)*lineHeight+3, maxRowHeight)
}

// textLines is the number of lines text s takes in the cell of column i
// (from 0) in a style, spanning span columns. Spreadsheets do not size
// rows when they open a file, so the writer estimates the lines each
// wrapped cell takes at its width.
func (w *sheetWriter) textLines(i, span, style int, s string) int {
	if w.st == nil || i >= len(w.widths) || !w.st.wraps(style) {
		return 1
	}
	width := 0.0
	for j := i; j < min(i+span, len(w.widths)); j++ {
		width += w.widths[j]
	}
	if w.st.isBold(style) {
		width /= boldFactor
	}
	return w.wrapped(s, width, w.st.indentOf(style))
}

// wrapped is wrappedLines, remembered: the names of a large budget repeat
// (every sub-kegiatan spends on the same accounts), and measuring text
// glyph by glyph is the dearest part of writing a row.
func (w *sheetWriter) wrapped(s string, width float64, indent int) int {
	key := wrapKey{s, width, indent}
	if n, ok := w.lines[key]; ok {
		return n
	}
	n := wrappedLines(s, width, indent)
	if w.lines == nil || len(w.lines) >= 1<<14 {
		w.lines = map[wrapKey]int{}
	}
	w.lines[key] = n
	return n
}

type wrapKey struct {
	s      string
	width  float64
	indent int
}

// maxRowHeight is the tallest row a spreadsheet allows, in points: longer
// text is cut off on screen but kept whole in the cell.
const maxRowHeight = 409

// headerRow is the row of column headers written by heading.
const headerRow = 4

// freeze keeps the title and column headers in view while scrolling.
func (w *sheetWriter) freeze() error { return w.freezeAt(headerRow) }

func (w *sheetWriter) freezeAt(rows int) error {
	return w.sw.SetPanes(&excelize.Panes{
		Freeze: true, YSplit: rows, TopLeftCell: cellName(1, rows+1), ActivePane: "bottomLeft",
	})
}

// skip leaves a blank row.
func (w *sheetWriter) skip() { w.row++ }

// merge joins a rectangle of cells (e.g. "A1", "H1").
func (w *sheetWriter) merge(from, to string) error { return w.sw.MergeCell(from, to) }

// link makes a cell a hyperlink: to a place in this workbook
// ("'Penyerapan Anggaran'!D12") or, when external, to a file given
// relative to this workbook ("dpa.xlsx#'Realisasi'!D22").
func (w *sheetWriter) link(cell, target string, external bool) error {
	kind := "Location"
	if external {
		kind = "External"
	}
	return w.f.SetCellHyperLink(w.name, cell, target, kind)
}

// finish sets up printing and ends the stream. The sheet cannot be
// written to afterwards.
func (w *sheetWriter) finish(p page) error {
	if w.f != nil {
		if err := p.apply(w.f, w.name); err != nil {
			return fmt.Errorf("page setup: %w", err)
		}
	}
	return w.sw.Flush()
}

// cellRef is the A1 reference of a column letter and row ("D", 7 → "D7").
func cellRef(col string, row int) string { return col + strconv.Itoa(row) }

// cellName is the A1 reference of a 1-based column and row (4, 7 → "D7").
func cellName(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

// colName is the letter of a 1-based column (4 → "D").
func colName(col int) string {
	name, _ := excelize.ColumnNumberToName(col)
	return name
}

// txt is a text cell in a style. Text that a spreadsheet would read as a
// formula ("=…", "+…", "-…", "@…") is still written as text: StreamWriter
// writes strings as strings, never as formulas.
func txt(style int, s string) excelize.Cell { return excelize.Cell{StyleID: style, Value: s} }

// val is a number cell in a style.
func val(style int, v any) excelize.Cell { return excelize.Cell{StyleID: style, Value: v} }

// formula is a live formula carrying the value calc computed, so viewers
// that do not recalculate still show it. The value's Go type decides the
// cached type: float64 or int for numbers, string for text. A formula
// longer than a spreadsheet accepts is written as its value alone.
func formula(style int, f string, v any) excelize.Cell {
	if len(f) > maxFormulaLen {
		return excelize.Cell{StyleID: style, Value: v}
	}
	return excelize.Cell{StyleID: style, Formula: f, Value: v}
}

// maxFormulaLen is the longest formula Excel accepts, in characters.
const maxFormulaLen = 8192
