package calc

import (
	"math/bits"

	"github.com/shopspring/decimal"

	"lkjip/internal/fixed"
)

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

// one rupiah: a difference below it is rounding.
var one = decimal.NewFromInt(1)

// compareAmount judges a typed amount against the exact one: equal agrees,
// off by less than one rupiah is rounding, anything else differs.
func compareAmount(typed Figure, exact decimal.Decimal) verdict {
	d := typed.Or0().Sub(exact).Abs()
	switch {
	case d.IsZero():
		return agrees
	case d.LessThan(one):
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
	want, ok := quickRound(exact, places)
	if !ok {
		want = exact.Round(places)
	}
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

// quickRound is d.Round(places) (half away from zero) for a coefficient
// of up to 128 bits, as a percentage calc works out to divPrecision
// places is, in 128-bit integer arithmetic: Round rescales with big.Int
// powers of ten, which cost more than the whole check. The value is
// Round's; the exponent is -places, or d's own when d has no more places
// than asked (Round then only adds zeros). ok is false outside that range.
func quickRound(d decimal.Decimal, places int32) (decimal.Decimal, bool) {
	drop := -d.Exponent() - places // digits to drop
	if drop <= 0 {
		return d, true
	}
	if bits.UintSize != 64 || drop > 38 {
		return decimal.Decimal{}, false
	}
	c := d.Coefficient()
	if c.BitLen() > 128 {
		return decimal.Decimal{}, false
	}
	var hi, lo uint64
	if w := c.Bits(); len(w) > 0 {
		lo = uint64(w[0])
		if len(w) > 1 {
			hi = uint64(w[1])
		}
	}
	u, ok := fixed.RoundDrop(hi, lo, drop)
	if !ok {
		return decimal.Decimal{}, false
	}
	q := int64(u)
	if c.Sign() < 0 {
		q = -q
	}
	return decimal.New(q, -places), true
}

// percentAgrees reports, without allocating, that a typed percentage is
// part ÷ whole × 100 (Percent of their Or0) rounded at its precision, so
// that compareRounded would say it agrees. False means the decimal
// comparison decides: the figures are outside what 128-bit arithmetic
// covers, the typed value is not stored at its precision, or it differs (it
// may still agree, as a floating-point result). A budget has a percentage
// on every row, nearly all of which agree.
func percentAgrees(typed, part, whole Figure) bool {
	places := max(typed.Places, 0)
	v, ok := typed.fixed()
	p, ok1 := part.Fixed()
	w, ok2 := whole.Fixed()
	if typed.Kind != Number || !ok || !ok1 || !ok2 || v.E != -places {
		return false
	}
	if w.C == 0 {
		return v.C == 0
	}
	q, ok := fixed.Percent(p, w)
	if !ok {
		return false
	}
	want, ok := q.Round(places)
	return ok && v.C == want
}

// sisaAgrees reports, without allocating, that a typed sisa is anggaran −
// realisasi exactly (compareAmount's agrees, on their Or0). False means the
// decimal comparison decides: the amounts are not stored at one precision,
// do not fit, or differ.
func sisaAgrees(typed, anggaran, realisasi Figure) bool {
	v, ok1 := typed.fixed()
	a, ok2 := anggaran.Fixed()
	r, ok3 := realisasi.Fixed()
	if typed.Kind != Number || !ok1 || !ok2 || !ok3 {
		return false
	}
	d, ok := a.Sub(r)
	return ok && d == v
}
