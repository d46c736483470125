package workbook

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
)

// rebuildXLSX writes an xlsx holding the values read from a file in another
// format (.xls, .ods, .csv, an HTML table): each sheet at the same cells,
// numbers as numbers (shown as percentages where the file showed them so),
// text as text, merged ranges, hidden rows and columns; a formula keeps
// only its result. Sheet names xlsx does not allow are changed; names maps each
// original name to the one in the copy.
func rebuildXLSX(ctx context.Context, sheets []*sheet) (data []byte, names map[string]string, err error) {
	f := excelize.NewFile()
	defer f.Close()
	names = map[string]string{}
	taken := map[string]bool{}
	percent, err := f.NewStyle(&excelize.Style{NumFmt: 10})
	if err != nil {
		return nil, nil, err
	}
	for i, s := range sheets {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		name := xlsxSheetName(s.Name, i+1, taken)
		names[s.Name] = name
		if i == 0 {
			err = f.SetSheetName("Sheet1", name)
		} else {
			_, err = f.NewSheet(name)
		}
		if err != nil {
			return nil, nil, err
		}
		if err := writeValues(f, name, s, percent); err != nil {
			return nil, nil, fmt.Errorf("lembar %q: %w", s.Name, err)
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		return nil, nil, err
	}
	return buf.Bytes(), names, nil
}

// writeValues streams one sheet's values.
func writeValues(f *excelize.File, name string, s *sheet, percent int) error {
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	for _, c := range slices.Sorted(maps.Keys(s.HiddenCols)) {
		if s.HiddenCols[c] {
			if err := sw.SetColVisible(c, c, false); err != nil {
				return err
			}
		}
	}
	for i, row := range s.Rows {
		if len(row) == 0 && !s.Hidden[i+1] {
			continue
		}
		vals := make([]any, len(row))
		for j, c := range row {
			vals[j] = cellValue(c, percent)
		}
		ref, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(ref, vals, excelize.RowOpts{Hidden: s.Hidden[i+1]}); err != nil {
			return err
		}
	}
	for _, m := range s.Merges {
		from, _ := excelize.CoordinatesToCellName(m.c1, m.r1)
		to, _ := excelize.CoordinatesToCellName(m.c2, m.r2)
		if err := sw.MergeCell(from, to); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// cellValue is what the stream writer writes for a cell read.
func cellValue(c cell, percent int) any {
	switch c.Kind {
	case cellNumber:
		v, err := strconv.ParseFloat(c.Text, 64)
		if err != nil {
			return c.Text
		}
		if c.Percent {
			return excelize.Cell{StyleID: percent, Value: v}
		}
		return v
	case cellBool:
		return c.Text == "1" || strings.EqualFold(c.Text, "true")
	case cellEmpty:
		return nil
	}
	return c.Text
}

// xlsxSheetName turns a sheet name into one xlsx allows: no : \ / ? * [ ],
// no quote at either end, at most 31 characters, unique; "Lembar n" when
// nothing is left.
func xlsxSheetName(name string, n int, taken map[string]bool) string {
	s := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return '_'
		}
		return r
	}, name)
	s = strings.Trim(s, "' ")
	for len(utf16.Encode([]rune(s))) > 31 {
		r := []rune(s)
		s = string(r[:len(r)-1])
	}
	if s == "" {
		s = "Lembar " + strconv.Itoa(n)
	}
	base := s
	for i := 2; taken[strings.ToLower(s)]; i++ {
		suffix := fmt.Sprintf(" (%d)", i)
		r := []rune(base)
		for len(utf16.Encode(append(r, []rune(suffix)...))) > 31 {
			r = r[:len(r)-1]
		}
		s = string(r) + suffix
	}
	taken[strings.ToLower(s)] = true
	return s
}
