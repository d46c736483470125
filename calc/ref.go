package calc

import (
	"fmt"
	"math"
	"strconv"
	"unique"
)

// Ref locates a cell in an input file. Row and Col are 1-based; a zero Row
// or Col means the place is the sheet (or file) as a whole.
//
// The file and sheet are held as one interned handle, not as two strings:
// every cell of a table shares them, and a budget row holds five Refs, so
// this keeps a Ref at two words (16 bytes, one pointer, with the row and
// column as 32-bit numbers) instead of six.
// Equal file and sheet give equal handles, so == and map keys work as on
// the strings. Build Refs with NewRef or FileRef, and the cells of one
// sheet from its base Ref with At, which does not intern again.
type Ref struct {
	loc unique.Handle[location] // zero when both file and sheet are ""
	Row int32
	Col int32
}

// location is what a Ref's handle interns.
type location struct{ file, sheet string }

// NewRef returns the reference to a cell (or, with zero row or col, to the
// sheet as a whole) of the given file and sheet. It interns the pair, so
// code building many cells of one sheet should call it once and use At.
func NewRef(file, sheet string, row, col int) Ref {
	r := Ref{Row: index32(row), Col: index32(col)}
	if file != "" || sheet != "" {
		r.loc = unique.Make(location{file, sheet})
	}
	return r
}

// FileRef returns the reference to a file as a whole.
func FileRef(file string) Ref { return NewRef(file, "", 0, 0) }

// File is the name of the input file, or "".
func (r Ref) File() string {
	if r.loc == (unique.Handle[location]{}) {
		return ""
	}
	return r.loc.Value().file
}

// Sheet is the name of the sheet, or "" when the reference is to a file as
// a whole.
func (r Ref) Sheet() string {
	if r.loc == (unique.Handle[location]{}) {
		return ""
	}
	return r.loc.Value().sheet
}

// Cell returns the A1-style address of the cell ("D22"), or "" when the
// reference is not to a single cell.
func (r Ref) Cell() string { return CellName(int(r.Row), int(r.Col)) }

// CellName is the A1-style address of a cell ("D22"), or "" when row or
// col is not positive.
func CellName(row, col int) string {
	if row <= 0 || col <= 0 {
		return ""
	}
	return ColumnName(col) + strconv.Itoa(row)
}

// String prints the reference the way users read it: "dpa.xlsx: Realisasi!D22".
func (r Ref) String() string {
	s := r.File()
	if sh := r.Sheet(); sh != "" {
		if s != "" {
			s += ": "
		}
		s += sh
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
	if r.loc != o.loc {
		if rf, of := r.File(), o.File(); rf != of {
			return rf < of
		}
		if rs, ps := r.Sheet(), o.Sheet(); rs != ps {
			return rs < ps
		}
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
	r.Row, r.Col = index32(row), index32(col)
	return r
}

// index32 is a row or column number as a Ref holds it. Numbers past
// 2^31−1 cannot occur (the readers stop at Limits' rows and columns, far
// below), and would be held as the largest rather than wrap around.
func index32(n int) int32 {
	return int32(min(max(n, math.MinInt32), math.MaxInt32))
}

var _ fmt.Stringer = Ref{}
