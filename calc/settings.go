package calc

import "github.com/shopspring/decimal"

// EfficiencyMethod chooses how efisiensi is measured.
type EfficiencyMethod uint8

const (
	// EfficiencySelisih is % capaian − % penyerapan (the sample's method);
	// positive means efficient.
	EfficiencySelisih EfficiencyMethod = iota
	// EfficiencyRasio judges realisasi / anggaran × 100 against the bands of
	// Kepmendagri 690.900.327/1996.
	EfficiencyRasio
)

// Settings are the choices where practice differs between agencies. The
// zero value is not useful; start from DefaultSettings.
type Settings struct {
	// LowAbsorption is the absorption (percent) under which a program,
	// kegiatan or sub-kegiatan gets a low-absorption warning.
	LowAbsorption decimal.Decimal
	// Polarity applies to indicators whose polarity no table states.
	Polarity Polarity
	// Variant is the formula for negative-polarity indicators.
	Variant Variant
	// Labels chooses the predicate words.
	Labels LabelSet
	// Efficiency chooses the efficiency method.
	Efficiency EfficiencyMethod
}

// DefaultSettings are the settings used when nothing is configured: low
// absorption under 50 %, positive polarity, the PermenPAN-RB 6/2022 variant,
// Sangat Tinggi … Sangat Rendah labels, efisiensi as capaian − penyerapan.
func DefaultSettings() Settings {
	return Settings{
		LowAbsorption: decimal.NewFromInt(50),
		Polarity:      PolarityPositive,
		Variant:       VariantKondisiKhusus,
		Labels:        LabelsTinggi,
		Efficiency:    EfficiencySelisih,
	}
}

// RatioBand names the efficiency band of a ratio (realisasi ÷ anggaran ×
// 100) under Kepmendagri 690.900.327/1996: ≥ 100 tidak efisien, 90–100
// kurang efisien, 80–90 cukup efisien, 60–80 efisien, < 60 sangat efisien.
func RatioBand(ratio decimal.Decimal) string {
	switch {
	case ratio.GreaterThanOrEqual(decimal.NewFromInt(100)):
		return "tidak efisien"
	case ratio.GreaterThanOrEqual(decimal.NewFromInt(90)):
		return "kurang efisien"
	case ratio.GreaterThanOrEqual(decimal.NewFromInt(80)):
		return "cukup efisien"
	case ratio.GreaterThanOrEqual(decimal.NewFromInt(60)):
		return "efisien"
	}
	return "sangat efisien"
}
