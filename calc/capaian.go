package calc

import (
	"fmt"
	"math/big"

	"github.com/shopspring/decimal"
)

// Variant is a formula for the capaian of a negative-polarity indicator
// (lower is better). Practice differs between agencies, so it is a setting.
type Variant uint8

const (
	// VariantKondisiKhusus is (2T − R) / T × 100, PermenPAN-RB 6/2022; the default.
	VariantKondisiKhusus Variant = iota
	// VariantInverse is T / R × 100.
	VariantInverse
	// VariantReduction is (T − R) / T × 100.
	VariantReduction
)

// Variants lists the negative-polarity formulas.
func Variants() []Variant {
	return []Variant{VariantKondisiKhusus, VariantInverse, VariantReduction}
}

// Formula writes the variant's formula.
func (v Variant) Formula() string {
	switch v {
	case VariantInverse:
		return "T / R × 100"
	case VariantReduction:
		return "(T − R) / T × 100"
	default:
		return "(2T − R) / T × 100"
	}
}

// String is the variant's setting value.
func (v Variant) String() string {
	switch v {
	case VariantInverse:
		return "t-per-r"
	case VariantReduction:
		return "selisih"
	default:
		return "kondisi-khusus"
	}
}

// ParseVariant reads a variant setting value.
func ParseVariant(s string) (Variant, error) {
	for _, v := range Variants() {
		if v.String() == s {
			return v, nil
		}
	}
	return 0, fmt.Errorf("varian polaritas negatif tidak dikenal: %q (pilihan: kondisi-khusus, t-per-r, selisih)", s)
}

// Capaian computes an indicator's achievement from target t and realisation
// r. Positive polarity: R / T × 100. Negative: the given variant. ok is false
// when the formula is undefined for these figures (docs/rules.md says which):
//
//   - positive, T = 0: 100 when R ≥ 0 … the target was nothing, so it is met;
//   - negative, T = 0: 100 when R = 0, otherwise 0 (any occurrence misses a
//     zero target), for every variant;
//   - negative T / R with R = 0 and T > 0: 100 (the best possible outcome);
//     this is not a division the variant defines, so ok is true but capped.
func Capaian(t, r decimal.Decimal, p Polarity, v Variant) (c decimal.Decimal, ok bool) {
	if p != PolarityNegative {
		if t.IsZero() {
			if r.IsNegative() {
				return decimal.Zero, false
			}
			return hundred, true
		}
		return Percent(r, t), true
	}
	if t.IsZero() {
		if r.IsZero() {
			return hundred, true
		}
		return decimal.Zero, true
	}
	switch v {
	case VariantInverse:
		if r.IsZero() {
			return hundred, true
		}
		return Percent(t, r), true
	case VariantReduction:
		return Percent(t.Sub(r), t), true
	default:
		return Percent(t.Mul(decimal.NewFromInt(2)).Sub(r), t), true
	}
}

// LabelSet chooses the words for predicate bands.
type LabelSet uint8

const (
	// LabelsTinggi: Sangat Tinggi, Tinggi, Sedang, Rendah, Sangat Rendah.
	LabelsTinggi LabelSet = iota
	// LabelsBaik: the LKjIP wording Sangat Baik, Baik, Cukup, Kurang, Sangat Kurang.
	LabelsBaik
)

// String is the label set's setting value: "tinggi" or "baik".
func (l LabelSet) String() string {
	if l == LabelsBaik {
		return "baik"
	}
	return "tinggi"
}

// CapCapaian returns c limited to limit; a zero limit leaves c as it is.
func CapCapaian(c, limit decimal.Decimal) decimal.Decimal {
	if limit.IsPositive() && c.GreaterThan(limit) {
		return limit
	}
	return c
}

// Predikat names the band a percentage falls in, judged on the unrounded
// value: ≥ 91, 76–<91, 66–<76, 51–<66, < 51.
func Predikat(pct decimal.Decimal, set LabelSet) string {
	labels := [2][5]string{
		{"Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah"},
		{"Sangat Baik", "Baik", "Cukup", "Kurang", "Sangat Kurang"},
	}[set]
	bounds := predikatBounds
	if pct.Exponent() != -divPrecision {
		bounds = [...]decimal.Decimal{decimal.NewFromInt(91), decimal.NewFromInt(76), decimal.NewFromInt(66), decimal.NewFromInt(51)}
	}
	for i, b := range bounds {
		if pct.GreaterThanOrEqual(b) {
			return labels[i]
		}
	}
	return labels[4]
}

// predikatBounds are the band bounds at the scale of Percent's results, so
// that judging a computed percentage compares two integers instead of
// rescaling one (a power of ten in big.Int arithmetic) on every row.
var predikatBounds = func() [4]decimal.Decimal {
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(divPrecision), nil)
	var out [4]decimal.Decimal
	for i, b := range [...]int64{91, 76, 66, 51} {
		out[i] = decimal.NewFromBigInt(new(big.Int).Mul(big.NewInt(b), scale), -divPrecision)
	}
	return out
}()
