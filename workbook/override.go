package workbook

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Override tells the reader where a table is when it guesses wrong: the
// sheet to read, the row of the header, and the column of each field. The
// zero Override changes nothing.
type Override struct {
	// Sheet, when set, is the only sheet read in each file (matched
	// without regard to case).
	Sheet string
	// HeaderRow, when set, is the header row of the table (1-based), read
	// as a header whatever words it holds; rows above it are titles.
	HeaderRow int
	// Columns maps field names (see ColumnFields) to 1-based columns,
	// replacing what the header says about those columns.
	Columns map[string]int
}

// columnFields are the fields a column can be named as, by the names the
// user types (--col-anggaran C).
var columnFields = map[string]field{
	"no": fNo, "kode": fKode, "uraian": fUraian, "program": fProgram, "kegiatan": fKegiatan,
	"anggaran": fAnggaran, "realisasi": fRealisasi, "persen": fPersen, "sisa": fSisa,
	"sasaran": fSasaran, "indikator": fIndikator, "target": fTarget, "capaian": fCapaian,
}

// ColumnFields lists the field names Override.Columns accepts, sorted.
func ColumnFields() []string {
	out := make([]string, 0, len(columnFields))
	for k := range columnFields {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// ParseColumn reads a column as a user names it: letters ("C", "aa") or a
// number ("3").
func ParseColumn(s string) (int, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	if n, err := strconv.Atoi(s); err == nil && n >= 1 && n <= 16384 {
		return n, nil
	}
	if s == "" || len(s) > 3 {
		return 0, fmt.Errorf("kolom %q tidak dikenal (contoh: C atau 3)", s)
	}
	n := 0
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return 0, fmt.Errorf("kolom %q tidak dikenal (contoh: C atau 3)", s)
		}
		n = n*26 + int(r-'A'+1)
	}
	return n, nil
}

// empty reports whether the override changes nothing.
func (o Override) empty() bool { return o.Sheet == "" && o.HeaderRow == 0 && len(o.Columns) == 0 }

// wantSheet reports whether a sheet is to be read.
func (o Override) wantSheet(name string) bool {
	return o.Sheet == "" || strings.EqualFold(strings.TrimSpace(name), strings.TrimSpace(o.Sheet))
}

// apply sets the named columns in a header: each replaces whatever the
// header said about its column and any other column of the same field.
func (o Override) apply(h header) header {
	if len(o.Columns) == 0 {
		return h
	}
	fields := map[field]int{}
	for name, col := range o.Columns {
		if f, ok := columnFields[name]; ok {
			fields[f] = col
		}
	}
	var cols []column
	for _, c := range h.Cols {
		if _, named := fields[c.Field]; named {
			continue
		}
		taken := false
		for _, col := range fields {
			taken = taken || col == c.Col
		}
		if !taken {
			cols = append(cols, c)
		}
	}
	for f, col := range fields {
		cols = append(cols, column{Col: col, Field: f, Text: strings.ToUpper(f.name())})
	}
	sort.Slice(cols, func(i, j int) bool { return cols[i].Col < cols[j].Col })
	h.Cols = cols
	return h
}

// name is a field's name as Override.Columns spells it.
func (f field) name() string {
	for k, v := range columnFields {
		if v == f {
			return k
		}
	}
	return ""
}
