package calc

import (
	"cmp"
	"math"
	"math/big"
	"math/bits"

	"github.com/shopspring/decimal"

	"lkjip/internal/fixed"
)

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
//
// A budget row holds four figures, and a large DPA has a million rows, so a
// figure is kept small (TestSizes): its value is held as a 64-bit
// coefficient and a small exponent, without the big.Int a decimal.Decimal
// allocates, whenever it fits (any amount up to 18 digits does); the text,
// the formula and a value that does not fit sit behind one pointer, nil
// for a number stored as a number without a formula, as nearly every
// figure of a large file is.
type Figure struct {
	Src    Ref
	coef   int64      // the value is coef × 10^exp, unless typed.wide
	typed  *typedCell // nil when Text and Formula are "" and the value fits
	Places int32
	exp    int8
	Kind   FigureKind
	// NoCache reports that the file stored no result for the cell's
	// formula, so Value was evaluated by lkjip.
	NoCache bool
}

// typedCell is what a figure's cell showed and computed it, and its value
// when that does not fit the figure. It is never changed once made: copies
// of a figure share it.
type typedCell struct {
	text, formula string
	wide          bool            // value holds the figure's value
	value         decimal.Decimal // when wide
}

// Value is the figure's exact value (zero when it holds none): the same
// coefficient and exponent as the decimal it was given.
func (f Figure) Value() decimal.Decimal {
	if f.isWide() {
		return f.typed.value
	}
	return decimal.New(f.coef, int32(f.exp))
}

// WithValue returns the figure holding d; its kind, places and cell are
// unchanged.
func (f Figure) WithValue(d decimal.Decimal) Figure {
	if d.NumDigits() <= 18 {
		return f.WithCoefficient(d.CoefficientInt64(), d.Exponent())
	}
	return f.wide(d)
}

// WithCoefficient is WithValue(decimal.New(coef, exp)), without making the
// decimal: what a reader calls for every number it reads.
func (f Figure) WithCoefficient(coef int64, exp int32) Figure {
	if exp < math.MinInt8 || exp > math.MaxInt8 {
		return f.wide(decimal.New(coef, exp))
	}
	f.coef, f.exp = coef, int8(exp)
	if !f.isWide() {
		return f // its cell, if any, holds only text and formula: shared as is
	}
	text, formula := f.Text(), f.Formula()
	f.typed = nil
	return f.Typed(text, formula)
}

// isWide reports that the figure's value sits behind its pointer.
func (f Figure) isWide() bool { return f.typed != nil && f.typed.wide }

// wide is WithValue for a value that does not fit the coefficient.
func (f Figure) wide(d decimal.Decimal) Figure {
	f.typed = &typedCell{text: f.Text(), formula: f.Formula(), wide: true, value: d}
	f.coef, f.exp = 0, 0
	return f
}

// fixed is the figure's value in 64-bit arithmetic (as fixed.Of gives it
// from Value); ok is false when it does not fit.
func (f Figure) fixed() (fixed.Dec, bool) {
	if f.isWide() || f.coef >= 1e18 || f.coef <= -1e18 {
		return fixed.Dec{}, false
	}
	return fixed.Dec{C: f.coef, E: int32(f.exp)}, true
}

// Fixed is Or0 in 64-bit arithmetic, as fixed.Of(f.Or0()) gives it
// without making a decimal; ok is false when it does not fit, and Or0 must
// be used.
func (f Figure) Fixed() (fixed.Dec, bool) {
	if f.Kind != Number {
		return fixed.Dec{E: 1}, true // decimal.Zero
	}
	return f.fixed()
}

// Sign is the sign of the figure's value: -1, 0 or +1.
func (f Figure) Sign() int {
	if f.isWide() {
		return f.typed.value.Sign()
	}
	return cmp.Compare(f.coef, 0)
}

// Text is what the cell showed, when that was not a number stored as one:
// "1.788.546.290", "85,71 %", "seratus".
func (f Figure) Text() string {
	if f.typed == nil {
		return ""
	}
	return f.typed.text
}

// Formula is the cell's formula, when it had one ("SUM(C5:C9)", without
// the "=").
func (f Figure) Formula() string {
	if f.typed == nil {
		return ""
	}
	return f.typed.formula
}

// Typed returns the figure with the given text and formula (see Text and
// Formula), replacing any it had.
func (f Figure) Typed(text, formula string) Figure {
	switch {
	case f.isWide():
		f.typed = &typedCell{text: text, formula: formula, wide: true, value: f.typed.value}
	case text != "" || formula != "":
		f.typed = &typedCell{text: text, formula: formula}
	default:
		f.typed = nil
	}
	return f
}

// WithText returns the figure with the given text, keeping its formula.
func (f Figure) WithText(text string) Figure { return f.Typed(text, f.Formula()) }

// WithFormula returns the figure with the given formula, keeping its text.
func (f Figure) WithFormula(formula string) Figure { return f.Typed(f.Text(), formula) }

// Present reports whether the figure holds a number.
func (f Figure) Present() bool { return f.Kind == Number }

// Or returns the figure's value, or zero when it holds none.
func (f Figure) Or0() decimal.Decimal {
	if f.Kind == Number {
		return f.Value()
	}
	return decimal.Zero
}

// Num builds a figure from a decimal string, for tests and synthetic input.
// It panics on a malformed literal, like regexp.MustCompile.
func Num(s string) Figure {
	d := decimal.RequireFromString(s)
	return Figure{Kind: Number, Places: max(0, -d.Exponent())}.WithValue(d).Typed(s, "")
}

// hundred is used by every percentage.
var hundred = decimal.NewFromInt(100)

// divPrecision is the number of decimal places kept in quotients before
// rounding for display: far beyond any typed figure.
const divPrecision = fixed.Places

// Percent returns part / whole × 100, exact to divPrecision places; zero when
// whole is zero (design: anggaran 0 gives persen 0).
func Percent(part, whole decimal.Decimal) decimal.Decimal {
	if whole.IsZero() {
		return decimal.Zero
	}
	if q, ok := quickPercent(part, whole); ok {
		return q
	}
	return part.Mul(hundred).DivRound(whole, divPrecision)
}

// quickPercent is Percent for the figures a budget holds (at most 18
// digits each) in 64- and 128-bit integer arithmetic (internal/fixed): the
// same quotient, rounded the same way (half away from zero) and with the
// same exponent as the general path, at a fraction of big.Int's cost. ok
// is false when the figures are outside that range.
func quickPercent(part, whole decimal.Decimal) (decimal.Decimal, bool) {
	q, ok := percentOf(part, whole)
	if !ok || bits.UintSize != 64 { // the words below are 64-bit
		return decimal.Decimal{}, false
	}
	c := new(big.Int).SetBits([]big.Word{big.Word(q.Lo), big.Word(q.Hi)})
	if q.Neg {
		c.Neg(c)
	}
	return decimal.NewFromBigInt(c, -divPrecision), true
}

// percentOf is part ÷ whole × 100 as a fixed.Quotient; whole must not be
// zero.
func percentOf(part, whole decimal.Decimal) (fixed.Quotient, bool) {
	p, ok1 := fixed.Of(part)
	w, ok2 := fixed.Of(whole)
	if !ok1 || !ok2 {
		return fixed.Quotient{}, false
	}
	return fixed.Percent(p, w)
}
