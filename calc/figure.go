package calc

import "github.com/shopspring/decimal"

// FigureKind says what a cell that should hold a number actually held.
type FigureKind uint8

const (
	// Absent: the table has no such column, so there is nothing to check.
	Absent FigureKind = iota
	// Blank: the column exists but the cell is empty.
	Blank
	// Number: the cell holds a number, stored as one or typed as text
	// ("1.788.546.290", "85,71 %", "-" for zero).
	Number
	// Invalid: the cell holds text that is not a number.
	Invalid
)

// Figure is a number as an agency typed it, with where it came from. Value
// is exact; Text is what the cell showed (for messages and for writing a
// corrected cell back in the same form); Places is the number of decimals
// typed, which decides what counts as a rounding difference.
type Figure struct {
	Value  decimal.Decimal
	Kind   FigureKind
	Text   string
	Places int32
	Src    Ref
	// Formula is the cell's formula, when it had one. NoCache reports that
	// the file stored no result for it, so Value was evaluated by lkjip.
	Formula string
	NoCache bool
}

// Present reports whether the figure holds a number.
func (f Figure) Present() bool { return f.Kind == Number }

// Or returns the figure's value, or zero when it holds none.
func (f Figure) Or0() decimal.Decimal {
	if f.Kind == Number {
		return f.Value
	}
	return decimal.Zero
}

// Num builds a figure from a decimal string, for tests and synthetic input.
// It panics on a malformed literal, like regexp.MustCompile.
func Num(s string) Figure {
	d := decimal.RequireFromString(s)
	return Figure{Value: d, Kind: Number, Text: s, Places: max(0, -d.Exponent())}
}

// hundred is used by every percentage.
var hundred = decimal.NewFromInt(100)

// divPrecision is the number of decimal places kept in quotients before
// rounding for display: far beyond any typed figure.
const divPrecision = 20

// Percent returns part / whole × 100, exact to divPrecision places; zero when
// whole is zero (design: anggaran 0 gives persen 0).
func Percent(part, whole decimal.Decimal) decimal.Decimal {
	if whole.IsZero() {
		return decimal.Zero
	}
	return part.Mul(hundred).DivRound(whole, divPrecision)
}
