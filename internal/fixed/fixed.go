// Package fixed is exact decimal arithmetic in 64- and 128-bit integers for
// the amounts a budget holds: a difference and a percentage computed as
// shopspring/decimal computes them (calc.Amounts.Sisa, calc.Percent), the
// same values, without a big.Int allocation at every step. Every function
// reports whether its result fits; callers fall back to decimals when it
// does not (which no real budget reaches).
package fixed

import (
	"math/bits"

	"github.com/shopspring/decimal"
)

// Dec is the decimal C × 10^E.
type Dec struct {
	C int64
	E int32
}

// Of is d as a Dec when its coefficient has at most 18 digits.
func Of(d decimal.Decimal) (Dec, bool) {
	if d.NumDigits() > 18 {
		return Dec{}, false
	}
	return Dec{d.CoefficientInt64(), d.Exponent()}, true
}

// Add is x + y, exact, at the smaller exponent (as decimal.Add); ok is
// false when it would not fit. Like Sub, it takes coefficients below 2^62
// in magnitude (any Of gives is).
func (x Dec) Add(y Dec) (Dec, bool) {
	x, y, ok := align(x, y) // Dec{} when not ok
	return Dec{x.C + y.C, x.E}, ok
}

// Sub is x − y, exact, at the smaller exponent (as decimal.Sub); ok is
// false when it would not fit. It takes coefficients below 2^62 in
// magnitude (any Of gives is).
func (x Dec) Sub(y Dec) (Dec, bool) {
	x, y, ok := align(x, y) // Dec{} when not ok
	return Dec{x.C - y.C, x.E}, ok
}

// align is x and y at the smaller of their exponents; ok is false when the
// other's coefficient, scaled, would reach 2^62 in magnitude. With both
// coefficients below 2^62, their sum or difference fits an int64.
func align(x, y Dec) (Dec, Dec, bool) {
	var ok bool
	switch {
	case x.E > y.E:
		if x.C, ok = scale(x.C, x.E-y.E); !ok {
			return Dec{}, Dec{}, false
		}
		x.E = y.E
	case y.E > x.E:
		if y.C, ok = scale(y.C, y.E-x.E); !ok {
			return Dec{}, Dec{}, false
		}
		y.E = x.E
	}
	return x, y, true
}

// scale is c × 10^k when its magnitude stays below 2^62, so that the
// sum or difference of two scaled coefficients fits an int64.
func scale(c int64, k int32) (int64, bool) {
	const limit = 1 << 62
	for ; k > 0; k-- {
		if c >= limit/10 || c <= -limit/10 {
			return 0, false
		}
		c *= 10
	}
	return c, true
}

// Places is the number of places a percentage keeps (calc.Percent's
// divPrecision).
const Places = 20

// Quotient is a percentage as calc.Percent gives it: (Hi·2^64 + Lo) ×
// 10^-Places in magnitude, with its sign; below 2^127. Zero is never
// negative.
type Quotient struct {
	Hi, Lo uint64
	Neg    bool
}

// Percent is part × 100 ÷ whole (whole not zero) to Places places,
// rounded half away from zero, as calc.Percent computes it. ok is false
// when the quotient would not fit.
func Percent(part, whole Dec) (Quotient, bool) {
	// part×100/whole = (p/w)·10^(pe−we+2); scaled to Places places, by
	// long division 19 digits at a time.
	k := int(part.E) - int(whole.E) + 2 + Places
	if k < 0 || whole.C == 0 {
		return Quotient{}, false
	}
	up, uw := abs(part.C), abs(whole.C)
	q := Quotient{Lo: up / uw, Neg: part.C < 0 != (whole.C < 0)}
	r := up % uw
	for k > 0 {
		s := min(k, 19)
		k -= s
		m := Pow10[s]
		h, l := bits.Mul64(r, m)
		var d uint64
		d, r = bits.Div64(h, l, uw) // h < uw as r < uw
		if !q.mulAdd(m, d) {
			return Quotient{}, false
		}
	}
	if r >= uw-r && !q.mulAdd(1, 1) { // 2r ≥ w
		return Quotient{}, false
	}
	if q.Hi == 0 && q.Lo == 0 {
		q.Neg = false
	}
	return q, true
}

// mulAdd sets q to q × m + d; it reports false when that reaches 2^127.
func (q *Quotient) mulAdd(m, d uint64) bool {
	carry, lo := bits.Mul64(q.Lo, m)
	over, hi := bits.Mul64(q.Hi, m)
	hi, c1 := bits.Add64(hi, carry, 0)
	lo, c2 := bits.Add64(lo, d, 0)
	hi, c3 := bits.Add64(hi, c2, 0)
	if over != 0 || c1 != 0 || c3 != 0 || hi >= 1<<63 {
		return false
	}
	q.Hi, q.Lo = hi, lo
	return true
}

// Round is q rounded to places < Places, as decimal's Round rounds it, as
// a coefficient of 10^-places; ok is false when it does not fit an int64.
func (q Quotient) Round(places int32) (int64, bool) {
	if places < 0 || places >= Places {
		return 0, false
	}
	u, ok := RoundDrop(q.Hi, q.Lo, Places-places)
	if !ok {
		return 0, false
	}
	if q.Neg {
		return -int64(u), true
	}
	return int64(u), true
}

// RoundDrop drops drop > 0 digits from the magnitude hi·2^64 + lo as
// decimal's Round does (truncating to one digit more, then rounding half
// up on it); ok is false when the result does not fit an int64.
func RoundDrop(hi, lo uint64, drop int32) (uint64, bool) {
	for k := drop - 1; k > 0; {
		step := min(k, 19)
		div := Pow10[step]
		q1 := hi / div
		lo, _ = bits.Div64(hi%div, lo, div)
		hi = q1
		k -= step
	}
	if hi != 0 || lo > (1<<63-1)-5 {
		return 0, false
	}
	return (lo + 5) / 10, true
}

func abs(x int64) uint64 {
	if x < 0 {
		return uint64(-x)
	}
	return uint64(x)
}

// Pow10 are the powers of ten a uint64 holds.
var Pow10 = [...]uint64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19}
