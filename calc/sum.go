package calc

import (
	"github.com/shopspring/decimal"

	"lkjip/internal/fixed"
)

// summer adds decimals exactly, as folding Add from the zero Decimal does
// (the same value and exponent), in int64 arithmetic while every addend
// and the total fit: each decimal.Add allocates a big.Int, and a budget
// tree adds every row twice, for the sums and for the checks.
type summer struct {
	t    fixed.Dec // the total while fast
	slow bool
	d    decimal.Decimal // the total once slow
}

// fastLimit bounds the total's coefficient on the fast path, within the
// 2^62 fixed.Dec.Add takes.
const fastLimit = 1 << 61

// addFigure adds f's value, zero when it holds none (Figure.Or0), without
// making a decimal of it when it fits.
func (s *summer) addFigure(f Figure) {
	if d, ok := f.Fixed(); ok && !s.slow && s.addFast(d) {
		return
	}
	s.add(f.Or0())
}

func (s *summer) add(x decimal.Decimal) {
	if !s.slow {
		if d, ok := fixed.Of(x); ok && s.addFast(d) {
			return
		}
		s.slow, s.d = true, decimal.New(s.t.C, s.t.E)
	}
	s.d = s.d.Add(x)
}

// addFast adds x (|x.C| < 10^18) in int64 arithmetic; false when the total
// would not fit.
func (s *summer) addFast(x fixed.Dec) bool {
	if s.t.C >= fastLimit || s.t.C <= -fastLimit {
		return false
	}
	if x.E == s.t.E { // the usual case, without Add's call to align exponents
		s.t.C += x.C
		return true
	}
	t, ok := s.t.Add(x)
	if ok {
		s.t = t
	}
	return ok
}

// total is the sum so far.
func (s *summer) total() decimal.Decimal {
	if s.slow {
		return s.d
	}
	return decimal.New(s.t.C, s.t.E)
}
