package calc

import (
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
)

func TestCapaian(t *testing.T) {
	tests := []struct {
		name   string
		t, r   string
		p      Polarity
		v      Variant
		want   string
		wantOK bool
	}{
		{"positive", "100", "30", PolarityPositive, 0, "30.00", true},
		{"positive over target", "10", "12", PolarityPositive, 0, "120.00", true},
		{"positive zero target", "0", "5", PolarityPositive, 0, "100.00", true},
		{"positive zero target negative realisation", "0", "-1", PolarityPositive, 0, "0.00", false},
		{"negative kondisi khusus", "10", "7", PolarityNegative, VariantKondisiKhusus, "130.00", true},
		{"negative inverse", "10", "8", PolarityNegative, VariantInverse, "125.00", true},
		{"negative inverse zero realisation", "10", "0", PolarityNegative, VariantInverse, "100.00", true},
		{"negative reduction", "10", "7", PolarityNegative, VariantReduction, "30.00", true},
		{"negative zero target met", "0", "0", PolarityNegative, VariantKondisiKhusus, "100.00", true},
		{"negative zero target missed", "0", "3", PolarityNegative, VariantKondisiKhusus, "0.00", true},
		{"default polarity is positive", "100", "30", PolarityDefault, 0, "30.00", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Capaian(decimal.RequireFromString(tt.t), decimal.RequireFromString(tt.r), tt.p, tt.v)
			assert.Equal(t, tt.wantOK, ok)
			assert.Equal(t, tt.want, got.StringFixed(2))
		})
	}
}

func TestPredikat(t *testing.T) {
	tests := []struct {
		pct        string
		tinggi, bk string
	}{
		{"91", "Sangat Tinggi", "Sangat Baik"},
		{"90.999", "Tinggi", "Baik"},
		{"76", "Tinggi", "Baik"},
		{"75.99", "Sedang", "Cukup"},
		{"66", "Sedang", "Cukup"},
		{"65.9", "Rendah", "Kurang"},
		{"51", "Rendah", "Kurang"},
		{"50.999", "Sangat Rendah", "Sangat Kurang"},
		{"30", "Sangat Rendah", "Sangat Kurang"},
	}
	for _, tt := range tests {
		t.Run(tt.pct, func(t *testing.T) {
			d := decimal.RequireFromString(tt.pct)
			assert.Equal(t, tt.tinggi, Predikat(d, LabelsTinggi))
			assert.Equal(t, tt.bk, Predikat(d, LabelsBaik))
		})
	}
}

func TestParseVariant(t *testing.T) {
	for _, v := range Variants() {
		got, err := ParseVariant(v.String())
		assert.NoError(t, err)
		assert.Equal(t, v, got)
	}
	_, err := ParseVariant("bogus")
	assert.Error(t, err)
}

// TestPredikatScales judges computed percentages (at Percent's scale)
// exactly as typed ones, at and around every bound.
func TestPredikatScales(t *testing.T) {
	for _, tc := range []struct{ part, whole, want string }{
		{"91", "100", "Sangat Tinggi"}, {"9099999", "10000000", "Tinggi"}, {"76", "100", "Tinggi"},
		{"7599999999", "10000000000", "Sedang"}, {"66", "100", "Sedang"}, {"51", "100", "Rendah"},
		{"50999", "100000", "Sangat Rendah"}, {"0", "100", "Sangat Rendah"}, {"150", "100", "Sangat Tinggi"},
	} {
		t.Run(tc.part+"/"+tc.whole, func(t *testing.T) {
			pct := Percent(decimal.RequireFromString(tc.part), decimal.RequireFromString(tc.whole))
			assert.Equal(t, tc.want, Predikat(pct, 0))
			assert.Equal(t, tc.want, Predikat(decimal.RequireFromString(pct.String()), 0), "typed")
		})
	}
}
