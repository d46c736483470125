package layout

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"

	"lkjip/calc"
)

// TestQuickFigures: the int64 arithmetic of a budget row gives the cells
// the decimal arithmetic gives, bit for bit, and is taken for every amount
// a budget holds.
func TestQuickFigures(t *testing.T) {
	tests := []struct {
		name           string
		anggaran, real string
		fallback       bool // outside the int64 path
		band           int  // 1 + the band expected; 0: not checked
	}{
		{name: "zero", anggaran: "0", real: "0", band: 5},
		{name: "nothing budgeted", anggaran: "0", real: "5"},
		{name: "negative anggaran", anggaran: "-100", real: "50"},
		{name: "negative realisasi", anggaran: "100", real: "-50"},
		{name: "both negative", anggaran: "-100", real: "-33"},
		{name: "zero of negative", anggaran: "-100", real: "0"},
		{name: "third", anggaran: "3", real: "1"},
		{name: "two thirds", anggaran: "3", real: "2"},
		{name: "seventh", anggaran: "7", real: "1"},
		{name: "cents over rupiah", anggaran: "1000000.01", real: "333333"},
		{name: "rupiah over cents", anggaran: "333333", real: "1000000.01"},
		{name: "tiny", anggaran: "0.01", real: "0.001"},
		{name: "15 nines", anggaran: "999999999999999", real: "1"},
		{name: "15 nines less one", anggaran: "999999999999999", real: "999999999999998"},
		{name: "huge percent", anggaran: "1", real: "999999999999999"},
		{name: "18 digits", anggaran: "123456789012345678", real: "1"},
		{name: "19 digits", anggaran: "1234567890123456789", real: "1", fallback: true},
		{name: "positive exponent", anggaran: "1e20", real: "3e19"},
		{name: "small positive exponent", anggaran: "5e3", real: "91"},
		{name: "at 91", anggaran: "100", real: "91", band: 1},
		{name: "rounds up to 91", anggaran: "100", real: "90.999999999999999999995", fallback: true},
		{name: "just under 91", anggaran: "1000000000", real: "909999999.99", band: 2},
		{name: "closer under 91", anggaran: "300000000000000", real: "272999999999999.99", band: 2},
		{name: "at 76", anggaran: "100", real: "76", band: 2},
		{name: "under 76", anggaran: "100", real: "75.99999", band: 3},
		{name: "at 66", anggaran: "100", real: "66", band: 3},
		{name: "at 51", anggaran: "100", real: "51", band: 4},
		{name: "under 51", anggaran: "100", real: "50.99", band: 5},
		{name: "tiny anggaran", anggaran: "0.000000000001", real: "1"},
		{name: "tiny realisasi", anggaran: "1", real: "0.000000000001"},
		{name: "many places", anggaran: "12345678.12345678", real: "1234567.1"},
		{name: "above 2^53", anggaran: "9007199254740993", real: "1"},
		{name: "17 digits", anggaran: "12345678901234567", real: "-98765432109876.5"},
		{name: "2^52", anggaran: "4503599627370497", real: "4503599627370496"},
		{name: "half", anggaran: "2", real: "1"},
		{name: "half a unit in the 20th place", anggaran: "8388608", real: "1"}, // 10^22 / 2^23
		{name: "less half a unit in the 20th place", anggaran: "8388608", real: "-1"},
		{name: "three halves", anggaran: "1.5", real: "0.5"},
		{name: "exponents apart", anggaran: "1e-5", real: "3e-7"},
		{name: "round millions", anggaran: "300000000", real: "100000000"},
		{name: "hundred trillion", anggaran: "99999999999999.99", real: "12345678901234.56"},
		{name: "sisa at 18 digits", anggaran: "999999999999999999", real: "-999999999999999999"},
		{name: "sisa overflows", anggaran: "999999999999999999", real: "0.1", fallback: true},
		{name: "far exponents", anggaran: "1e-30", real: "1", fallback: true},
		{name: "part far below", anggaran: "1", real: "1e-30", fallback: true},
	}
	for _, set := range []calc.LabelSet{0, 1} {
		bands := predikatBands(set)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				a := calc.Amounts{Anggaran: decimalOf(t, tt.anggaran), Realisasi: decimalOf(t, tt.real)}
				got, ok := quickFigures(a, bands)
				if ok == tt.fallback {
					t.Fatalf("int64 path taken: %v, want %v", ok, !tt.fallback)
				}
				if ok {
					sameFigures(t, a, got, set)
				}
				if tt.band > 0 && ok && got.predikat != bands[tt.band-1].label {
					t.Errorf("predikat %q, want %q", got.predikat, bands[tt.band-1].label)
				}
				sameFigures(t, a, figuresOf(a, bands, set), set)
			})
		}
	}
}

// TestQuickFiguresRandom compares both paths on random amounts: shaped
// like a budget's (up to 15 digits, 0 to 2 places, realisasi at most a
// hundred times anggaran), which must take the int64 path, and wider ones
// (up to 18 digits, 6 places), which may not.
func TestQuickFiguresRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	bands := predikatBands(0)
	amount := func(digits, places int) decimal.Decimal {
		c := rng.Int64N(int64(math.Pow10(digits)))
		if rng.IntN(10) == 0 {
			c = -c
		}
		return decimal.New(c, -int32(rng.IntN(places+1)))
	}
	for _, shape := range []struct {
		digits, places int
		budget         bool
	}{{15, 2, true}, {18, 6, false}} {
		for range 100000 {
			d := 1 + rng.IntN(shape.digits)
			a := calc.Amounts{Anggaran: amount(d, shape.places), Realisasi: amount(1+rng.IntN(shape.digits), shape.places)}
			if shape.budget {
				a.Realisasi = amount(1+rng.IntN(min(d+2, shape.digits)), shape.places)
			}
			if rng.IntN(3) == 0 { // near the anggaran, where the bands lie
				a.Realisasi = a.Anggaran.Mul(decimal.New(int64(40+rng.IntN(70)), -2)).Round(int32(rng.IntN(3)))
			}
			got, ok := quickFigures(a, bands)
			if !ok && shape.budget {
				t.Fatalf("%v: int64 path not taken", a)
			}
			if ok && !sameFigures(t, a, got, 0) {
				return
			}
		}
	}
}

// sameFigures reports whether f holds what the decimal arithmetic gives.
func sameFigures(t *testing.T, a calc.Amounts, f figures, set calc.LabelSet) bool {
	t.Helper()
	pct := a.Persen()
	want := figures{num(a.Anggaran), num(a.Realisasi), num(a.Sisa()), num(pct), calc.Predikat(pct, set)}
	same := func(x, y float64) bool { return math.Float64bits(x) == math.Float64bits(y) }
	if !same(f.anggaran, want.anggaran) || !same(f.realisasi, want.realisasi) || !same(f.sisa, want.sisa) ||
		!same(f.persen, want.persen) || f.predikat != want.predikat {
		t.Errorf("anggaran %s, realisasi %s: got %+v, want %+v", a.Anggaran, a.Realisasi, f, want)
		return false
	}
	return true
}
