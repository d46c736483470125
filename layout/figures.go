package layout

import (
	"math/bits"
	"strconv"

	"github.com/shopspring/decimal"

	"lkjip/calc"
)

// figures are the numbers a budget row shows, as its cells store them:
// anggaran, realisasi, sisa (calc.Amounts.Sisa), persen
// (calc.Amounts.Persen) and the predicate of persen.
type figures struct {
	anggaran, realisasi, sisa, persen float64
	predikat                          string
}

// figuresOf works out the figures of a, in int64 and 128-bit arithmetic
// when a's amounts fit (they do in any real budget), in decimal arithmetic
// otherwise. Both give the same cells: the int64 path computes the same
// exact sisa and the same percentage, rounded to the same places, as
// calc, and each float64 is the double nearest the exact value, as num
// gives it. Decimal arithmetic allocates big.Ints at every step, and a
// budget sheet has a row for every account.
func figuresOf(a calc.Amounts, bands []band, set calc.LabelSet) figures {
	if f, ok := quickFigures(a, bands); ok {
		return f
	}
	pct := a.Persen()
	return figures{num(a.Anggaran), num(a.Realisasi), num(a.Sisa()), num(pct), calc.Predikat(pct, set)}
}

// quickFigures is figuresOf for amounts that fit; ok is false otherwise.
func quickFigures(a calc.Amounts, bands []band) (f figures, ok bool) {
	ang, ok1 := fixedOf(a.Anggaran)
	real, ok2 := fixedOf(a.Realisasi)
	if !ok1 || !ok2 {
		return figures{}, false
	}
	sisa, ok := ang.sub(real)
	if !ok {
		return figures{}, false
	}
	f.anggaran, f.realisasi, f.sisa = ang.float(), real.float(), sisa.float()
	if ang.c == 0 { // calc.Percent: zero, the lowest band
		f.predikat = bands[len(bands)-1].label
		return f, true
	}
	q, ok := percent(real, ang)
	if !ok {
		return figures{}, false
	}
	f.persen, f.predikat = q.float(), q.band(bands)
	return f, true
}

// fixed is a decimal c × 10^e whose coefficient fits an int64.
type fixed struct {
	c int64
	e int32
}

// fixedOf is d as a fixed when its coefficient has at most 18 digits.
func fixedOf(d decimal.Decimal) (fixed, bool) {
	if d.NumDigits() > 18 {
		return fixed{}, false
	}
	return fixed{d.CoefficientInt64(), d.Exponent()}, true
}

// sub is x − y, exact, at the smaller exponent (as decimal.Sub); ok is
// false when it would not fit.
func (x fixed) sub(y fixed) (fixed, bool) {
	var ok bool
	switch {
	case x.e > y.e:
		if x.c, ok = scale(x.c, x.e-y.e); !ok {
			return fixed{}, false
		}
		x.e = y.e
	case y.e > x.e:
		if y.c, ok = scale(y.c, y.e-x.e); !ok {
			return fixed{}, false
		}
	}
	return fixed{x.c - y.c, x.e}, true
}

// scale is c × 10^k when its magnitude stays below 2^62, so that the
// difference of two scaled coefficients fits an int64.
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

// float is the double nearest x, as num gives it: one operation on exact
// doubles (a coefficient of at most 53 bits times or over a power of ten
// up to 10^22) rounds to it, and ParseFloat finds it otherwise.
func (x fixed) float() float64 {
	if x.c <= 1<<53 && x.c >= -(1<<53) && x.e >= -22 && x.e <= 22 {
		if x.e < 0 {
			return float64(x.c) / pow10[-x.e]
		}
		return float64(x.c) * pow10[x.e]
	}
	var buf [32]byte
	b := strconv.AppendInt(buf[:0], x.c, 10)
	b = append(b, 'e')
	b = strconv.AppendInt(b, int64(x.e), 10)
	f, _ := strconv.ParseFloat(string(b), 64)
	return f
}

// percentPlaces is the number of places calc.Percent keeps.
const percentPlaces = 20

// quotient is a percentage as calc.Percent gives it: (hi, lo) × 10^-20 in
// magnitude, with its sign; below 2^127.
type quotient struct {
	hi, lo uint64
	neg    bool
}

// percent is part × 100 ÷ whole (whole not zero) to 20 places, rounded
// half away from zero, as calc.Percent computes it. ok is false when the
// quotient would not fit.
func percent(part, whole fixed) (quotient, bool) {
	// part×100/whole = (p/w)·10^(pe−we+2); scaled to 20 places, by long
	// division 19 digits at a time.
	k := int(part.e) - int(whole.e) + 2 + percentPlaces
	if k < 0 {
		return quotient{}, false
	}
	up, uw := abs(part.c), abs(whole.c)
	q := quotient{lo: up / uw, neg: part.c < 0 != (whole.c < 0)}
	r := up % uw
	for k > 0 {
		s := min(k, 19)
		k -= s
		m := pow10u[s]
		h, l := bits.Mul64(r, m)
		var d uint64
		d, r = bits.Div64(h, l, uw) // h < uw as r < uw
		if !q.mulAdd(m, d) {
			return quotient{}, false
		}
	}
	if r >= uw-r && !q.mulAdd(1, 1) { // 2r ≥ w
		return quotient{}, false
	}
	if q.hi == 0 && q.lo == 0 {
		q.neg = false
	}
	return q, true
}

// mulAdd sets q to q × m + d; it reports false when that reaches 2^127.
func (q *quotient) mulAdd(m, d uint64) bool {
	carry, lo := bits.Mul64(q.lo, m)
	over, hi := bits.Mul64(q.hi, m)
	hi, c1 := bits.Add64(hi, carry, 0)
	lo, c2 := bits.Add64(lo, d, 0)
	hi, c3 := bits.Add64(hi, c2, 0)
	if over != 0 || c1 != 0 || c3 != 0 || hi >= 1<<63 {
		return false
	}
	q.hi, q.lo = hi, lo
	return true
}

// float is the double nearest q, as num gives it.
func (q quotient) float() float64 {
	if q.hi == 0 && q.lo <= 1<<53 {
		f := float64(q.lo) / pow10[percentPlaces]
		if q.neg {
			return -f
		}
		return f
	}
	var buf [48]byte
	b := buf[:0]
	if q.neg {
		b = append(b, '-')
	}
	// The digits of hi·2^64 + lo: hi < 2^63 < 10^19, so the quotient
	// by 10^19 fits 64 bits.
	top, rest := bits.Div64(q.hi, q.lo, pow10u[19])
	if top > 0 {
		b = strconv.AppendUint(b, top, 10)
		var tail [20]byte
		digits := strconv.AppendUint(tail[:0], rest, 10)
		for range 19 - len(digits) {
			b = append(b, '0')
		}
		b = append(b, digits...)
	} else {
		b = strconv.AppendUint(b, rest, 10)
	}
	b = append(b, "e-20"...)
	f, _ := strconv.ParseFloat(string(b), 64)
	return f
}

// band is the label of the band q falls in, as calc.Predikat names it.
func (q quotient) band(bands []band) string {
	if !q.neg {
		for _, b := range bands[:len(bands)-1] {
			// b.min × 10^20, as 10·b.min × 10^19
			hi, lo := bits.Mul64(uint64(b.min)*10, pow10u[19])
			if q.hi > hi || q.hi == hi && q.lo >= lo {
				return b.label
			}
		}
	}
	return bands[len(bands)-1].label
}

func abs(x int64) uint64 {
	if x < 0 {
		return uint64(-x)
	}
	return uint64(x)
}

// pow10u are the powers of ten a uint64 holds.
var pow10u = [...]uint64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19}
