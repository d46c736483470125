package calc

import "github.com/shopspring/decimal"

// verdict is how a typed figure compares with the value lkjip computed.
type verdict uint8

const (
	agrees  verdict = iota // equal at the precision it was typed with
	rounded                // off only by rounding or truncation: rule "rounding"
	differs                // a real mismatch
)

// floatDigits is the number of significant digits a spreadsheet keeps in a
// stored number. A stored value with this many digits came from floating
// point arithmetic, and its last digit is noise, not a typing choice.
const floatDigits = 15

// compareAmount judges a typed amount against the exact one: equal agrees,
// off by less than one rupiah is rounding, anything else differs.
func compareAmount(typed Figure, exact decimal.Decimal) verdict {
	d := typed.Or0().Sub(exact).Abs()
	switch {
	case d.IsZero():
		return agrees
	case d.LessThan(decimal.NewFromInt(1)):
		return rounded
	default:
		return differs
	}
}

// compareRounded judges a typed percentage (or any ratio) against the exact
// value (design.md §5): equal to the exact value rounded half-up at the
// precision it was typed with agrees; within one unit of the last typed place,
// or equal to the truncated value, is rounding; anything else differs.
func compareRounded(typed Figure, exact decimal.Decimal) verdict {
	v := typed.Or0()
	places := typed.Places
	if places < 0 {
		places = 0
	}
	want := exact.Round(places)
	if v.Equal(want) {
		return agrees
	}
	unit := decimal.New(1, -places)
	if significantDigits(v) >= floatDigits && v.Sub(exact).Abs().LessThanOrEqual(unit) {
		// A stored floating-point result: its last digit is not typed.
		return agrees
	}
	if v.Sub(want).Abs().LessThanOrEqual(unit) || v.Equal(exact.Truncate(places)) {
		return rounded
	}
	return differs
}

// significantDigits counts the digits of d without leading or trailing zeros.
func significantDigits(d decimal.Decimal) int {
	s := d.Abs().String()
	n, started := 0, false
	trailing := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			continue
		}
		if c == '0' && !started {
			continue
		}
		started = true
		n++
		if c == '0' {
			trailing++
		} else {
			trailing = 0
		}
	}
	return n - trailing
}
