package workbook

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"lkjip/calc"
)

// format is a file's format, decided by its content, never its name.
type format uint8

const (
	formatUnknown format = iota
	formatXLSX
	formatODS
	formatOLE // legacy .xls (BIFF8), or an encrypted .xlsx
	formatHTML
	formatCSV
)

// oleMagic starts every OLE compound file (legacy .xls, encrypted .xlsx).
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// sniff decides a file's format from its content.
func sniff(data []byte) format {
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		if bytes.Contains(data[:min(len(data), 200)], []byte("mimetypeapplication/vnd.oasis.opendocument.spreadsheet")) {
			return formatODS
		}
		return formatXLSX
	case bytes.HasPrefix(data, oleMagic):
		return formatOLE
	}
	text := decodeText(data[:min(len(data), 8192)])
	head := strings.ToLower(strings.TrimSpace(text))
	if strings.HasPrefix(head, "<") && (strings.Contains(head, "<table") || strings.Contains(head, "<html")) {
		return formatHTML
	}
	// A table in text needs a separator between its columns.
	if looksLikeText(head) && strings.ContainsAny(head, ",;\t|") {
		return formatCSV
	}
	return formatUnknown
}

// readSheets reads any supported file into sheets of raw cells. This is the
// boundary between the format readers and table detection: everything
// after it sees only sheets, whatever the file was, within the limits
// every format shares (checkSheets). Formulas that had no stored result
// are evaluated here (see formula.go), and a reader that panics on a
// malformed file is stopped and reported as an unreadable file.
func readSheets(ctx context.Context, name string, data []byte, opt Options) (sheets []*sheet, info docInfo, err error) {
	defer func() {
		if p := recover(); p != nil {
			sheets, info = nil, docInfo{}
			err = readerPanic(name, p)
		}
	}()
	if len(data) == 0 {
		return nil, docInfo{}, inputErrOf(name, ErrEmpty)
	}
	return readSheetsAs(ctx, sniff(data), name, data, opt)
}

// readSheetsAs is readSheets for a file of a known format.
func readSheetsAs(ctx context.Context, f format, name string, data []byte, opt Options) (sheets []*sheet, info docInfo, err error) {
	lim := opt.Limits
	switch f {
	case formatXLSX:
		sheets, info, err = readXLSX(ctx, name, data, lim) // evaluates with excelize's fallback
	case formatODS:
		sheets, info, err = readODS(ctx, name, data, lim)
	case formatOLE:
		sheets, info, err = readOLE(ctx, name, data, opt)
	case formatHTML:
		sheets, info, err = readHTML(ctx, name, data, lim)
	case formatCSV:
		sheets, info, err = readCSV(ctx, name, data, lim)
	default:
		return nil, docInfo{}, inputErr(name, "%w", ErrFormat)
	}
	if err != nil {
		return nil, docInfo{}, err
	}
	if err := checkSheets(name, sheets, lim); err != nil {
		return nil, docInfo{}, err
	}
	evaluateFormulas(sheets, nil)
	return sheets, info, nil
}

// checkSheets applies the limits every format shares to what a reader
// returned: the text of one cell and of one formula, and the cell slots
// with the columns merged ranges cover (table detection indexes merges
// by column).
func checkSheets(name string, sheets []*sheet, lim Limits) error {
	cells := 0
	for _, s := range sheets {
		for i, row := range s.Rows {
			cells += len(row)
			for j, c := range row {
				for _, text := range []string{c.Text, c.Formula} {
					if len(text) > lim.MaxText && utf8.RuneCountInString(text) > lim.MaxText {
						return limitErr(name, LimitText, "lembar %q sel %s berisi %d karakter (batas %d)",
							s.Name, calc.CellName(i+1, j+1), utf8.RuneCountInString(text), lim.MaxText)
					}
				}
			}
		}
		cells += mergedSlots(s)
	}
	if cells > lim.MaxCells {
		return limitErr(name, LimitCells, "lebih dari %d sel (termasuk sel gabungan)", lim.MaxCells)
	}
	return nil
}

// mergedSlots is what a sheet's merged ranges count against the limit on
// cells: the columns each range covers.
func mergedSlots(s *sheet) int {
	n := 0
	for _, m := range s.Merges {
		n += m.c2 - m.c1 + 1
	}
	return n
}

// errReaderPanic marks a reader that panicked on a malformed file: the
// user sees an unreadable file, and the fuzz tests see a bug to fix.
var errReaderPanic = errors.New("pembaca berhenti")

// readerPanic reports a reader's panic p on a file as a damaged file.
func readerPanic(file string, p any) error {
	return inputErr(file, "%w (%w: %v)", ErrDamaged, errReaderPanic, p)
}

// baseSheetName is the sheet name spreadsheet programs give a file that has
// no sheets of its own (CSV, an HTML table): the file's name without its
// folder and extension, at most 31 characters.
func baseSheetName(file string) string {
	b := filepath.Base(strings.ReplaceAll(file, `\`, "/"))
	b = strings.TrimSuffix(b, filepath.Ext(b))
	if b == "" || b == "." {
		b = "Sheet1"
	}
	return shorten(b, 31)
}
