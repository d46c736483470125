package fixed

import (
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

// TestSameAsDecimal compares Add, Sub, Percent and Round with shopspring's
// decimal arithmetic on random amounts of every size and scale, and on
// the half-unit cases of each rounding.
func TestSameAsDecimal(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	amount := func() decimal.Decimal {
		digits := 1 + rng.IntN(18)
		c := rng.Int64N(int64(Pow10[digits]))
		if rng.IntN(4) == 0 {
			c = -c
		}
		return decimal.New(c, int32(rng.IntN(8))-5)
	}
	hundred := decimal.NewFromInt(100)
	check := func(a, b decimal.Decimal) {
		x, ok1 := Of(a)
		y, ok2 := Of(b)
		require.True(t, ok1 && ok2)
		if d, ok := x.Sub(y); ok {
			require.True(t, decimal.New(d.C, d.E).Equal(a.Sub(b)), "%s − %s", a, b)
		}
		if d, ok := x.Add(y); ok {
			want := a.Add(b)
			require.True(t, decimal.New(d.C, d.E).Equal(want), "%s + %s", a, b)
			require.Equal(t, want.Exponent(), d.E, "%s + %s: exponent", a, b)
		}
		if b.IsZero() {
			return
		}
		q, ok := Percent(x, y)
		if !ok {
			return
		}
		want := a.Mul(hundred).DivRound(b, Places)
		got := new(big.Int).SetBits([]big.Word{big.Word(q.Lo), big.Word(q.Hi)})
		if q.Neg {
			got.Neg(got)
		}
		require.True(t, decimal.NewFromBigInt(got, -Places).Equal(want), "%s ÷ %s × 100: %s, decimal %s", a, b, got, want)
		for places := int32(0); places < 4; places++ {
			if r, ok := q.Round(places); ok {
				require.Equal(t, want.Round(places).String(), decimal.New(r, -places).String(), "%s rounded to %d", want, places)
			}
		}
	}
	for range 50000 {
		check(amount(), amount())
	}
	for _, c := range [][2]string{{"1", "8"}, {"-1", "8"}, {"125", "1000"}, {"-125", "1000"}, {"1", "3"}, {"2", "3"},
		{"1", "8388608"}, {"-1", "8388608"}, {"999999999999999999", "1"}, {"1", "999999999999999999"}, {"0", "-5"}} {
		check(decimal.RequireFromString(c[0]), decimal.RequireFromString(c[1]))
	}
}
