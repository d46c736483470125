package calc

import (
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
)

// TestSummer compares summer with folding decimal.Add from the zero
// Decimal, value and exponent, on amounts, mixed exponents, zeros and
// figures beyond int64 (where it must leave the fast path, not overflow).
func TestSummer(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	pick := func() decimal.Decimal {
		switch rng.IntN(10) {
		case 0:
			return decimal.Zero
		case 1:
			return decimal.New(0, -int32(rng.IntN(3)))
		case 2: // beyond int64
			c := new(big.Int).Lsh(big.NewInt(rng.Int64N(1000)+1), 64+uint(rng.IntN(20)))
			return decimal.NewFromBigInt(c, -int32(rng.IntN(4)))
		case 3: // near the fast path's limit
			return decimal.New(fastLimit-1-rng.Int64N(1000), -int32(rng.IntN(2)))
		case 4:
			return decimal.New(rng.Int64N(1e6), int32(rng.IntN(6)))
		}
		return decimal.New(rng.Int64N(2_000_000_000_000_000)-1_000_000_000_000_000, -int32(rng.IntN(4)))
	}
	fast := 0
	for range 20_000 {
		var s summer
		var want decimal.Decimal
		for range rng.IntN(8) {
			x := pick()
			s.add(x)
			want = want.Add(x)
		}
		got := s.total()
		if !s.slow {
			fast++
		}
		if !got.Equal(want) || got.Exponent() != want.Exponent() {
			t.Fatalf("sum = %s (exp %d), Add gives %s (exp %d)", got, got.Exponent(), want, want.Exponent())
		}
	}
	assert.Greater(t, fast, 5000, "the fast path must be taken for amounts")
}
