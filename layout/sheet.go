package layout

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// sheetWriter streams one sheet row by row.
type sheetWriter struct {
	sw  *excelize.StreamWriter
	row int // the last row written
}

// next writes the given cells as the next row and returns its number.
func (w *sheetWriter) next(cells ...any) (int, error) {
	w.row++
	ref, _ := excelize.CoordinatesToCellName(1, w.row)
	return w.row, w.sw.SetRow(ref, cells)
}

// headerRow is the row of column headers written by report.heading.
const headerRow = 4

// freeze keeps the title and column headers in view while scrolling.
func (w *sheetWriter) freeze() error {
	return w.sw.SetPanes(&excelize.Panes{
		Freeze: true, YSplit: headerRow, TopLeftCell: cellRef("A", headerRow+1), ActivePane: "bottomLeft",
	})
}

// skip leaves a blank row.
func (w *sheetWriter) skip() { w.row++ }

// cellRef is the A1 reference of a column letter and row ("D", 7 → "D7").
func cellRef(col string, row int) string { return fmt.Sprintf("%s%d", col, row) }

// txt is a text cell in a style. Text that a spreadsheet would read as a
// formula ("=…", "+…", "-…", "@…") is still written as text: StreamWriter
// writes strings as strings, never as formulas.
func txt(style int, s string) excelize.Cell { return excelize.Cell{StyleID: style, Value: s} }

// val is a number cell in a style.
func val(style int, v any) excelize.Cell { return excelize.Cell{StyleID: style, Value: v} }

// formula is a live formula carrying the value calc computed, so viewers
// that do not recalculate still show it.
func formula(style int, f string, v any) excelize.Cell {
	return excelize.Cell{StyleID: style, Formula: f, Value: v}
}
