package layout

import (
	"math/bits"
	"strconv"

	"lkjip/calc"
	"lkjip/internal/fixed"
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

// nodeFigures is figuresOf(n.Sum()), without making decimals of the
// figures of a leaf (nearly every row of a large budget).
func nodeFigures(n *calc.Node, bands []band, set calc.LabelSet) figures {
	if ang, real, ok := n.FixedSum(); ok {
		if f, ok := quickFixed(ang, real, bands); ok {
			return f
		}
	}
	return figuresOf(n.Sum(), bands, set)
}

// quickFigures is figuresOf for amounts that fit; ok is false otherwise.
func quickFigures(a calc.Amounts, bands []band) (f figures, ok bool) {
	ang, ok1 := fixed.Of(a.Anggaran)
	real, ok2 := fixed.Of(a.Realisasi)
	if !ok1 || !ok2 {
		return figures{}, false
	}
	return quickFixed(ang, real, bands)
}

// quickFixed is quickFigures on the amounts in 64-bit arithmetic.
func quickFixed(ang, real fixed.Dec, bands []band) (f figures, ok bool) {
	sisa, ok := ang.Sub(real)
	if !ok {
		return figures{}, false
	}
	f.anggaran, f.realisasi, f.sisa = floatOfDec(ang), floatOfDec(real), floatOfDec(sisa)
	if ang.C == 0 { // calc.Percent: zero, the lowest band
		f.predikat = bands[len(bands)-1].label
		return f, true
	}
	q, ok := fixed.Percent(real, ang)
	if !ok {
		return figures{}, false
	}
	f.persen, f.predikat = floatOf(q), bandOf(q, bands)
	return f, true
}

// floatOfDec is the double nearest x, as num gives it: one operation on exact
// doubles (a coefficient of at most 53 bits times or over a power of ten
// up to 10^22) rounds to it, and ParseFloat finds it otherwise.
func floatOfDec(x fixed.Dec) float64 {
	if x.C <= 1<<53 && x.C >= -(1<<53) && x.E >= -22 && x.E <= 22 {
		if x.E < 0 {
			return float64(x.C) / pow10[-x.E]
		}
		return float64(x.C) * pow10[x.E]
	}
	var buf [32]byte
	b := strconv.AppendInt(buf[:0], x.C, 10)
	b = append(b, 'e')
	b = strconv.AppendInt(b, int64(x.E), 10)
	f, _ := strconv.ParseFloat(string(b), 64)
	return f
}

// floatOf is the double nearest q, as num gives it.
func floatOf(q fixed.Quotient) float64 {
	if q.Hi == 0 && q.Lo <= 1<<53 {
		f := float64(q.Lo) / pow10[fixed.Places]
		if q.Neg {
			return -f
		}
		return f
	}
	var buf [48]byte
	b := buf[:0]
	if q.Neg {
		b = append(b, '-')
	}
	// The digits of hi·2^64 + lo: hi < 2^63 < 10^19, so the quotient
	// by 10^19 fits 64 bits.
	top, rest := bits.Div64(q.Hi, q.Lo, fixed.Pow10[19])
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

// bandOf is the label of the band q falls in, as calc.Predikat names it.
func bandOf(q fixed.Quotient, bands []band) string {
	if !q.Neg {
		for _, b := range bands[:len(bands)-1] {
			// b.min × 10^20, as 10·b.min × 10^19
			hi, lo := bits.Mul64(uint64(b.min)*10, fixed.Pow10[19])
			if q.Hi > hi || q.Hi == hi && q.Lo >= lo {
				return b.label
			}
		}
	}
	return bands[len(bands)-1].label
}
