package workbook

import (
	"context"
	"encoding/csv"
	"errors"
	"io"
	"strings"
)

// readCSV reads a CSV file as one sheet of text cells, named after the file
// as spreadsheet programs name it. The separator (comma, semicolon, tab or
// bar) is chosen from the file's first lines; Excel's "sep=;" first line is
// obeyed and, as in Excel, not counted as a row. Every cell is text:
// Indonesian amounts ("1.788.546.290,80") are read by the table mappers
// like amounts typed as text anywhere else.
func readCSV(ctx context.Context, name string, data []byte, lim Limits) ([]*sheet, docInfo, error) {
	text := decodeText(data)
	sep, rest, ok := sepDirective(text)
	if !ok {
		sep, rest = guessSeparator(text), text
	}
	r := csv.NewReader(strings.NewReader(rest))
	r.Comma = sep
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	s := &sheet{File: name, Name: baseSheetName(name)}
	budget := newCellBudget(name, lim)
	for {
		if len(s.Rows)%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, docInfo{}, err
			}
		}
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, docInfo{}, inputErr(name, "%w: CSV tidak dapat dibaca di baris %d", ErrDamaged, pe.Line)
			}
			return nil, docInfo{}, inputErr(name, "%w: CSV tidak dapat dibaca: %v", ErrDamaged, err)
		}
		if len(s.Rows) >= lim.MaxRows {
			return nil, docInfo{}, tooLarge(name, s.Name, LimitRows, "berisi lebih dari %d baris", lim.MaxRows, lim.MaxRows)
		}
		for len(rec) > 0 && strings.TrimSpace(rec[len(rec)-1]) == "" {
			rec = rec[:len(rec)-1]
		}
		if len(rec) > lim.MaxCols {
			return nil, docInfo{}, tooLarge(name, s.Name, LimitCols, "memakai %d kolom", len(rec), lim.MaxCols)
		}
		if err := budget.take(len(rec)); err != nil {
			return nil, docInfo{}, err
		}
		row := make([]cell, len(rec))
		for i, v := range rec {
			if strings.TrimSpace(v) != "" {
				row[i] = cell{Text: v, Kind: cellText}
			}
		}
		s.Rows = append(s.Rows, row)
	}
	return []*sheet{s}, docInfo{}, nil
}

// sepDirective reads Excel's "sep=X" first line.
func sepDirective(text string) (rune, string, bool) {
	line, rest, _ := strings.Cut(text, "\n")
	line = strings.TrimSpace(line)
	if len(line) == 5 && strings.EqualFold(line[:4], "sep=") {
		return rune(line[4]), rest, true
	}
	return 0, text, false
}

// guessSeparator picks the separator that splits the first lines most
// consistently into more than one field: semicolon first (Excel's choice
// on an Indonesian desktop, where the comma is the decimal mark), then
// comma, tab and bar.
func guessSeparator(text string) rune {
	lines := strings.SplitN(text, "\n", 31)
	if len(lines) > 30 {
		lines = lines[:30]
	}
	best, bestScore := ',', 0
	for _, sep := range []rune{';', ',', '\t', '|'} {
		score := 0
		for _, l := range lines {
			if n := countOutsideQuotes(l, sep); n > 0 {
				score += 1 + min(n, 8)
			}
		}
		if score > bestScore {
			best, bestScore = sep, score
		}
	}
	return best
}

// countOutsideQuotes counts sep in a line, skipping quoted fields.
func countOutsideQuotes(line string, sep rune) int {
	n, quoted := 0, false
	for _, r := range line {
		switch {
		case r == '"':
			quoted = !quoted
		case r == sep && !quoted:
			n++
		}
	}
	return n
}
