package calc

import "github.com/shopspring/decimal"

// summer adds decimals exactly, as folding Add from the zero Decimal does
// (the same value and exponent), in int64 arithmetic while every addend
// and the total fit: each decimal.Add allocates a big.Int, and a budget
// tree adds every row twice, for the sums and for the checks.
type summer struct {
	c    int64 // the total's coefficient while fast
	e    int32 // and its exponent
	slow bool
	d    decimal.Decimal // the total once slow
}

// fastLimit bounds the coefficients kept in int64, with room for a sum.
const fastLimit = 1 << 61

// addFigure adds f's value, zero when it holds none (Figure.Or0), without
// making a decimal of it when it fits.
func (s *summer) addFigure(f Figure) {
	if d, ok := f.Fixed(); ok && !s.slow && s.addFast(d.C, d.E) {
		return
	}
	s.add(f.Or0())
}

func (s *summer) add(x decimal.Decimal) {
	if !s.slow {
		if x.NumDigits() <= 18 && s.addFast(x.CoefficientInt64(), x.Exponent()) {
			return
		}
		s.slow, s.d = true, decimal.New(s.c, s.e)
	}
	s.d = s.d.Add(x)
}

// addFast adds c × 10^e (|c| < 10^18) in int64 arithmetic; false when the
// total would not fit.
func (s *summer) addFast(c int64, e int32) bool {
	total := s.c
	switch {
	case e < s.e:
		var ok bool
		if total, ok = scale(total, s.e-e); !ok {
			return false
		}
	case e > s.e:
		var ok bool
		if c, ok = scale(c, e-s.e); !ok {
			return false
		}
		e = s.e
	}
	if c >= fastLimit || c <= -fastLimit || total >= fastLimit || total <= -fastLimit {
		return false
	}
	s.c, s.e = total+c, e
	return true
}

// scale returns c × 10^k when it stays below fastLimit.
func scale(c int64, k int32) (int64, bool) {
	for ; k > 0; k-- {
		if c >= fastLimit/10 || c <= -fastLimit/10 {
			return 0, false
		}
		c *= 10
	}
	return c, true
}

// total is the sum so far.
func (s *summer) total() decimal.Decimal {
	if s.slow {
		return s.d
	}
	return decimal.New(s.c, s.e)
}
