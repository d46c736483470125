package calc

import (
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func typed(value string, places int32) Figure {
	return Figure{Kind: Number, Places: places}.WithValue(decimal.RequireFromString(value))
}

func TestCompareRounded(t *testing.T) {
	tests := []struct {
		name   string
		typed  Figure
		exact  string
		expect verdict
	}{
		{"rounded half up agrees", typed("43.55", 2), "43.5475114", agrees},
		{"truncated is rounding", typed("43.54", 2), "43.5475114", rounded},
		{"one unit off is rounding", typed("79.41", 2), "79.4032", rounded},
		{"two units off differs", typed("79.42", 2), "79.4032", differs},
		{"typed whole agrees", typed("100", 0), "99.9981", agrees},
		{"100,00 for 99,998 agrees", typed("100.00", 2), "99.9981", agrees},
		{"capaian 85,71 for 30 differs", typed("85.71", 2), "30", differs},
		{"float result agrees", typed("69.8798737882862", 13), "69.87987378828620545", agrees},
		{"dash zero agrees", typed("0", 0), "0", agrees},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.expect, compareRounded(tt.typed, decimal.RequireFromString(tt.exact)))
		})
	}
}

func TestCompareAmount(t *testing.T) {
	tests := []struct {
		name   string
		typed  string
		exact  string
		expect verdict
	}{
		{"equal", "557273743", "557273743", agrees},
		{"sub-rupiah total is rounding", "4281036742", "4281036741.80", rounded},
		{"one rupiah differs", "4281036743", "4281036742", differs},
		{"real fault", "557273743", "557363743", differs},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.expect, compareAmount(typed(tt.typed, 0), decimal.RequireFromString(tt.exact)))
		})
	}
}

// TestQuickPercent checks the fast percentage against the general
// computation, value and exponent, on budget-like and awkward figures.
func TestQuickPercent(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	figs := []string{"0", "1", "-1", "3", "7", "100", "999999999999999", "-999999999999999", "0.01", "2492490451.8",
		"1788546290", "0.5", "123.456", "-0.001", "12345678901234.5"}
	for range 2000 {
		v := decimal.New(rng.Int64N(1_000_000_000_000_000)-500_000_000_000_000, -int32(rng.IntN(4)))
		figs = append(figs, v.String())
	}
	fast := 0
	for i, ps := range figs {
		part := decimal.RequireFromString(ps)
		for _, ws := range []string{figs[(i*7+3)%len(figs)], figs[(i*13+1)%len(figs)], "3", "7", "-9", "0.03"} {
			whole := decimal.RequireFromString(ws)
			if whole.IsZero() {
				continue
			}
			want := part.Mul(decimal.NewFromInt(100)).DivRound(whole, divPrecision)
			got, ok := quickPercent(part, whole)
			if !ok {
				continue
			}
			fast++
			if !got.Equal(want) || got.Exponent() != want.Exponent() {
				t.Fatalf("Percent(%s, %s) = %s (exp %d), want %s (exp %d)", part, whole, got, got.Exponent(), want, want.Exponent())
			}
		}
	}
	assert.Greater(t, fast, 10_000, "the fast path must be taken for budget figures")
}

// TestQuickRound compares quickRound with decimal's Round on coefficients
// of up to 128 bits (percentages worked out to 20 places among them),
// halves exactly, and every number of places.
func TestQuickRound(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	var ds []decimal.Decimal
	for _, s := range []string{"0", "0.5", "-0.5", "1.5", "-2.5", "0.45", "-0.045", "99.995", "-99.995",
		"85.71428571428571428571", "-85.71428571428571428571", "0.00000000000000000005", "1234567890123456789.5",
		"340282366920938463463374607431768211455", "340282366920938463463374607431768211456"} {
		ds = append(ds, decimal.RequireFromString(s))
	}
	for range 5000 {
		part := decimal.New(rng.Int64N(2_000_000_000_000)-1_000_000_000_000, -int32(rng.IntN(3)))
		whole := decimal.New(rng.Int64N(1_000_000_000_000)+1, -int32(rng.IntN(3)))
		ds = append(ds, Percent(part, whole))
		hi, lo := rng.Uint64()>>uint(rng.IntN(64)), rng.Uint64()
		c := new(big.Int).Lsh(new(big.Int).SetUint64(hi), 64)
		c.Or(c, new(big.Int).SetUint64(lo))
		if rng.IntN(2) == 0 {
			c.Neg(c)
		}
		ds = append(ds, decimal.NewFromBigInt(c, -int32(rng.IntN(40))))
	}
	fast := 0
	for _, d := range ds {
		for places := int32(0); places <= 22; places++ {
			got, ok := quickRound(d, places)
			if !ok {
				continue
			}
			fast++
			if want := d.Round(places); !got.Equal(want) {
				t.Fatalf("quickRound(%s, %d) = %s, Round gives %s", d, places, got, want)
			}
		}
	}
	assert.Greater(t, fast, 100_000, "the fast path must be taken for percentages")
}

// TestQuickAgreement checks percentAgrees and sisaAgrees against the
// decimal comparisons they stand in for, on edge cases and random figures:
// they may leave a figure to the decimals, but never say one agrees that
// does not.
func TestQuickAgreement(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	amount := func() decimal.Decimal {
		switch rng.IntN(6) {
		case 0:
			return decimal.Zero
		case 1:
			return decimal.New(rng.Int64N(1000), 0)
		case 2:
			return decimal.New(rng.Int64N(1e15)-5e14, -2)
		default:
			return decimal.New(rng.Int64N(1e13), -int32(rng.IntN(3)))
		}
	}
	typedOf := func(d decimal.Decimal, places int32) Figure {
		return Figure{Kind: Number, Places: places}.WithValue(d)
	}
	checkPercent := func(typed Figure, part, whole decimal.Decimal) {
		if percentAgrees(typed, typedOf(part, 0), typedOf(whole, 0)) {
			require.Equal(t, agrees, compareRounded(typed, Percent(part, whole)), "typed %s (places %d), %s ÷ %s", typed.Value(), typed.Places, part, whole)
		}
	}
	checkSisa := func(typed Figure, a, r decimal.Decimal) {
		want := compareAmount(typed, a.Sub(r)) == agrees
		if sisaAgrees(typed, typedOf(a, 0), typedOf(r, 0)) {
			require.True(t, want, "typed %s, %s − %s", typed.Value(), a, r)
		} else if want && typed.Value().Exponent() == a.Exponent() && a.Exponent() == r.Exponent() {
			t.Fatalf("sisaAgrees left an agreeing sisa to the decimals: %s, %s − %s", typed.Value(), a, r)
		}
	}
	answered := 0
	for range 20000 {
		a, r := amount(), amount()
		places := int32(rng.IntN(4))
		exact := Percent(r, a)
		for _, v := range []decimal.Decimal{exact.Round(places), exact.Truncate(places), exact.Round(places).Add(decimal.New(1, -places)), exact.Round(places).Neg()} {
			v = decimal.New(v.Shift(places).IntPart(), -places) // stored at its precision
			checkPercent(typedOf(v, places), r, a)
			if percentAgrees(typedOf(v, places), typedOf(r, 0), typedOf(a, 0)) {
				answered++
			}
		}
		s := a.Sub(r)
		for _, v := range []decimal.Decimal{s, s.Add(decimal.New(1, s.Exponent())), s.Neg()} {
			checkSisa(typedOf(v, max(0, -v.Exponent())), a, r)
		}
	}
	// Half-units at the rounding place, and a quotient exactly on the
	// twentieth place's half.
	checkPercent(typedOf(decimal.New(125, -1), 1), decimal.New(125, -3), decimal.New(1, 0)) // 12.5
	checkPercent(typedOf(decimal.New(13, 0), 0), decimal.New(125, -3), decimal.New(1, 0))   // 12.5 → 13
	checkPercent(typedOf(decimal.New(-13, 0), 0), decimal.New(-125, -3), decimal.New(1, 0)) // −12.5 → −13
	checkPercent(typedOf(decimal.New(3333, -2), 2), decimal.New(1, 0), decimal.New(3, 0))
	checkPercent(typedOf(decimal.Zero, 0), decimal.New(5, 0), decimal.Zero) // anggaran 0: persen 0
	// A blank realisasi counts as zero, as Or0 has it.
	blank := Figure{Kind: Blank}
	assert.True(t, percentAgrees(typedOf(decimal.New(0, -2), 2), blank, typedOf(decimal.New(5, 0), 0)))
	assert.True(t, sisaAgrees(typedOf(decimal.New(5, 0), 0), typedOf(decimal.New(5, 0), 0), blank))
	assert.False(t, sisaAgrees(blank, typedOf(decimal.New(5, 0), 0), typedOf(decimal.New(5, 0), 0)), "a blank sisa is not checked here")
	assert.Greater(t, answered, 15000, "the fast path answers for ordinary figures")
}
