package workbook

import (
	"bytes"
	"context"
	"errors"
	"strings"

	"github.com/xuri/excelize/v2"

	"lkjip/calc"
)

// docInfo is what a file says about itself in its document properties.
type docInfo struct {
	Title, Subject, Description, Keywords string
}

// readXLSX reads every worksheet of an .xlsx or .xlsm file as raw cells.
func readXLSX(ctx context.Context, name string, data []byte, lim Limits) ([]*sheet, docInfo, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		RawCellValue:      true,
		UnzipSizeLimit:    lim.MaxInflated,
		UnzipXMLSizeLimit: min(lim.MaxInflated, 16<<20),
	})
	if err != nil {
		return nil, docInfo{}, inputErr(name, "%w: %v", ErrFormat, err)
	}
	defer f.Close()
	var info docInfo
	if p, err := f.GetDocProps(); err == nil {
		info = docInfo{Title: p.Title, Subject: p.Subject, Description: p.Description, Keywords: p.Keywords}
	}
	formulas, err := xlsxFormulaCells(data, lim)
	if err != nil {
		return nil, info, inputErr(name, "%w: %v", ErrFormat, err)
	}
	var out []*sheet
	styles := map[int]bool{} // style id → percent format
	for _, sh := range f.GetSheetList() {
		if err := ctx.Err(); err != nil {
			return nil, info, err
		}
		s, err := readXLSXSheet(f, name, sh, lim, styles)
		if err != nil {
			return nil, info, err
		}
		if err := addXLSXFormulas(f, s, formulas[sh], lim); err != nil {
			return nil, info, err
		}
		s.clampMerges(lim)
		out = append(out, s)
	}
	evaluateFormulas(out, func(sheetName string, row, col int) (v string, ok bool) {
		defer func() {
			if recover() != nil {
				v, ok = "", false
			}
		}()
		formula, err := f.GetCellFormula(sheetName, cellName(row, col))
		if err != nil || !fallbackSafe(formula) {
			return "", false
		}
		v, err = f.CalcCellValue(sheetName, cellName(row, col), excelize.Options{RawCellValue: true})
		return v, err == nil
	})
	return out, info, nil
}

// addXLSXFormulas gives each formula cell its formula, and places the
// formula cells without a stored result (which the row reader returned as
// empty) on the sheet, marked NoCache for evaluation.
func addXLSXFormulas(f *excelize.File, s *sheet, cells []formulaCell, lim Limits) error {
	for _, fc := range cells {
		formula, err := f.GetCellFormula(s.Name, cellName(fc.row, fc.col))
		if err != nil || formula == "" {
			continue
		}
		c := s.at(fc.row, fc.col)
		c.Formula = formula
		if !fc.cached || c.Kind == cellEmpty {
			c = cell{Formula: formula, NoCache: true}
		}
		if fc.row > len(s.Rows) {
			s.Rows = append(s.Rows, make([][]cell, fc.row-len(s.Rows))...)
		}
		row := s.Rows[fc.row-1]
		if len(row) < fc.col {
			row = append(row, make([]cell, fc.col-len(row))...)
		}
		row[fc.col-1] = c
		s.Rows[fc.row-1] = row
	}
	if len(s.Rows) > lim.MaxRows {
		return tooLarge(s.File, s.Name, "berisi %d baris", len(s.Rows), lim.MaxRows)
	}
	return nil
}

func readXLSXSheet(f *excelize.File, file, name string, lim Limits, percentStyle map[int]bool) (*sheet, error) {
	rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
	if err != nil {
		if errors.Is(err, excelize.ErrSheetNotExist{SheetName: name}) {
			return &sheet{File: file, Name: name}, nil // a chart sheet
		}
		return nil, inputErr(file, "lembar %q tidak dapat dibaca: %v", name, err)
	}
	if len(rows) > lim.MaxRows {
		return nil, inputErr(file, "%w: lembar %q berisi %d baris (batas %d)", ErrTooLarge, name, len(rows), lim.MaxRows)
	}
	s := &sheet{File: file, Name: name, Rows: make([][]cell, len(rows)), Hidden: map[int]bool{}}
	for i, vals := range rows {
		r := i + 1
		// Trailing empty strings carry nothing.
		for len(vals) > 0 && vals[len(vals)-1] == "" {
			vals = vals[:len(vals)-1]
		}
		if len(vals) > lim.MaxCols {
			return nil, inputErr(file, "%w: lembar %q baris %d memakai %d kolom (batas %d)", ErrTooLarge, name, r, len(vals), lim.MaxCols)
		}
		row := make([]cell, len(vals))
		for j, v := range vals {
			if v == "" {
				continue
			}
			ref, _ := excelize.CoordinatesToCellName(j+1, r)
			row[j] = xlsxCell(f, name, ref, v, percentStyle)
		}
		s.Rows[i] = row
		if len(vals) > 0 {
			if visible, err := f.GetRowVisible(name, r); err == nil && !visible {
				s.Hidden[r] = true
			}
		}
	}
	for c := 1; c <= s.width(); c++ {
		if visible, err := f.GetColVisible(name, calc.ColumnName(c)); err == nil && !visible {
			if s.HiddenCols == nil {
				s.HiddenCols = map[int]bool{}
			}
			s.HiddenCols[c] = true
		}
	}
	merges, err := f.GetMergeCells(name, true)
	if err != nil {
		return nil, inputErr(file, "lembar %q: sel gabungan tidak dapat dibaca: %v", name, err)
	}
	for _, m := range merges {
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil {
			continue
		}
		s.Merges = append(s.Merges, rect{r1, c1, r2, c2})
	}
	return s, nil
}

// xlsxCell reads one non-empty cell: its kind, formula and percent format.
func xlsxCell(f *excelize.File, sheetName, ref, v string, percentStyle map[int]bool) cell {
	c := cell{Text: v, Kind: cellText}
	typ, _ := f.GetCellType(sheetName, ref)
	switch typ {
	case excelize.CellTypeUnset, excelize.CellTypeNumber:
		if n, ok := storedNumber(v); ok {
			c.Kind, c.Text = cellNumber, n
		}
	case excelize.CellTypeBool:
		c.Kind = cellBool
	case excelize.CellTypeError:
		c.Kind = cellError
	case excelize.CellTypeDate:
		c.Kind = cellText
	}
	if c.Kind == cellNumber {
		if id, err := f.GetCellStyle(sheetName, ref); err == nil && id != 0 {
			pct, seen := percentStyle[id]
			if !seen {
				pct = isPercentStyle(f, id)
				percentStyle[id] = pct
			}
			c.Percent = pct
		}
	}
	return c
}

// isPercentStyle reports whether a style shows numbers as percentages.
func isPercentStyle(f *excelize.File, id int) bool {
	st, err := f.GetStyle(id)
	if err != nil || st == nil {
		return false
	}
	if st.NumFmt == 9 || st.NumFmt == 10 {
		return true
	}
	return st.CustomNumFmt != nil && strings.Contains(stripQuoted(*st.CustomNumFmt), "%")
}

// stripQuoted drops quoted literals from a number format ("0.00\"%\"" is
// not a percent format).
func stripQuoted(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		if r == '"' {
			in = !in
			continue
		}
		if !in {
			b.WriteRune(r)
		}
	}
	return b.String()
}
