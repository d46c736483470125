package calc

import (
	"fmt"
	"strconv"
)

// Ref locates a cell in an input file. Row and Col are 1-based; a zero Row
// or Col means the place is the sheet (or file) as a whole.
type Ref struct {
	File  string
	Sheet string
	Row   int
	Col   int
}

// Cell returns the A1-style address of the cell ("D22"), or "" when the
// reference is not to a single cell.
func (r Ref) Cell() string {
	if r.Row <= 0 || r.Col <= 0 {
		return ""
	}
	return ColumnName(r.Col) + strconv.Itoa(r.Row)
}

// String prints the reference the way users read it: "dpa.xlsx: Realisasi!D22".
func (r Ref) String() string {
	s := r.File
	if r.Sheet != "" {
		if s != "" {
			s += ": "
		}
		s += r.Sheet
		if c := r.Cell(); c != "" {
			s += "!" + c
		}
	}
	return s
}

// IsZero reports whether r points nowhere.
func (r Ref) IsZero() bool { return r == Ref{} }

// ColumnName converts a 1-based column number to its letters (1 → "A",
// 28 → "AB").
func ColumnName(col int) string {
	if col <= 0 {
		return ""
	}
	var b []byte
	for col > 0 {
		col--
		b = append([]byte{byte('A' + col%26)}, b...)
		col /= 26
	}
	return string(b)
}

// Less orders references by file, sheet, row and column: the order in which
// findings are listed.
func (r Ref) Less(o Ref) bool {
	if r.File != o.File {
		return r.File < o.File
	}
	if r.Sheet != o.Sheet {
		return r.Sheet < o.Sheet
	}
	if r.Row != o.Row {
		return r.Row < o.Row
	}
	return r.Col < o.Col
}

// Compare orders references like Less: -1 when r comes first, 1 when o
// does, 0 when they are the same place.
func (r Ref) Compare(o Ref) int {
	switch {
	case r.Less(o):
		return -1
	case o.Less(r):
		return 1
	}
	return 0
}

// At returns the reference to another cell on the same sheet.
func (r Ref) At(row, col int) Ref {
	r.Row, r.Col = row, col
	return r
}

var _ fmt.Stringer = Ref{}
