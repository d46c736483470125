package workbook

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/xuri/excelize/v2"

	"lkjip/calc"
)

// docInfo is what a file says about itself in its document properties.
type docInfo struct {
	Title, Subject, Description, Keywords string
}

// readXLSX reads every worksheet of an .xlsx or .xlsm file as raw cells.
// The package is checked and its worksheets scanned first (scanXLSX);
// excelize unpacks large parts into a private temporary folder that is
// removed however reading ends.
func readXLSX(ctx context.Context, name string, data []byte, lim Limits) ([]*sheet, docInfo, error) {
	scans, err := scanXLSX(ctx, name, data, lim)
	if err != nil {
		return nil, docInfo{}, err
	}
	tmp, err := os.MkdirTemp("", "lkjip-")
	if err != nil {
		return nil, docInfo{}, fmt.Errorf("folder sementara tidak dapat dibuat: %w", err)
	}
	defer os.RemoveAll(tmp)
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		RawCellValue:      true,
		UnzipSizeLimit:    lim.MaxInflated,
		UnzipXMLSizeLimit: min(lim.MaxInflated, 16<<20),
		TmpDir:            tmp,
	})
	if err != nil {
		return nil, docInfo{}, inputErr(name, "%w: %s", ErrDamaged, damageText(err))
	}
	defer f.Close()
	var info docInfo
	if p, err := f.GetDocProps(); err == nil {
		info = docInfo{Title: p.Title, Subject: p.Subject, Description: p.Description, Keywords: p.Keywords}
	}
	var out []*sheet
	styles := map[int]bool{} // style id → percent format
	for _, sh := range f.GetSheetList() {
		if err := ctx.Err(); err != nil {
			return nil, info, err
		}
		scan := scans[sh]
		if scan == nil {
			scan = &sheetScan{}
		}
		s, err := readXLSXSheet(f, name, sh, lim, styles, scan.merges)
		if err != nil {
			return nil, info, err
		}
		if err := addXLSXFormulas(f, s, scan.formulas, lim); err != nil {
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
		if err != nil || formula == "" {
			return "", false
		}
		v, err = f.CalcCellValue(sheetName, cellName(row, col), excelize.Options{RawCellValue: true})
		return v, err == nil
	})
	return out, info, nil
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
		return tooLarge(s.File, s.Name, LimitRows, "berisi %d baris", len(s.Rows), lim.MaxRows)
	}
	return nil
}

// readXLSXSheet reads one worksheet's cells; its merged ranges come from
// the scan.
func readXLSXSheet(f *excelize.File, file, name string, lim Limits, percentStyle map[int]bool, merges []rect) (*sheet, error) {
	rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
	if err != nil {
		if errors.Is(err, excelize.ErrSheetNotExist{SheetName: name}) {
			return &sheet{File: file, Name: name}, nil // a chart sheet
		}
		return nil, inputErr(file, "%w: lembar %q tidak dapat dibaca: %s", ErrDamaged, name, damageText(err))
	}
	if len(rows) > lim.MaxRows {
		return nil, tooLarge(file, name, LimitRows, "berisi %d baris", len(rows), lim.MaxRows)
	}
	s := &sheet{File: file, Name: name, Rows: make([][]cell, len(rows)), Hidden: map[int]bool{}}
	for i, vals := range rows {
		r := i + 1
		// Trailing empty strings carry nothing.
		for len(vals) > 0 && vals[len(vals)-1] == "" {
			vals = vals[:len(vals)-1]
		}
		if len(vals) > lim.MaxCols {
			return nil, tooLarge(file, name, LimitCols, "memakai %d kolom", len(vals), lim.MaxCols)
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
	s.Merges = merges
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
