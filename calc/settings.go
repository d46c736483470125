package calc

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

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

// String is the method's setting value: "selisih" or "rasio".
func (m EfficiencyMethod) String() string {
	if m == EfficiencyRasio {
		return "rasio"
	}
	return "selisih"
}

// Settings are the choices where practice differs between agencies. The
// zero value is not useful; start from DefaultSettings.
type Settings struct {
	// LowAbsorption is the absorption (percent) under which a program,
	// kegiatan or sub-kegiatan gets a low-absorption warning. Zero turns
	// the warning off.
	LowAbsorption decimal.Decimal
	// Polarity applies to indicators whose polarity no table states and
	// IndicatorPolarity does not name.
	Polarity Polarity
	// IndicatorPolarity sets the polarity of named indicators (keys are
	// NormalizeName of the indicator name), for files that do not state it.
	IndicatorPolarity map[string]Polarity
	// Variant is the formula for negative-polarity indicators.
	Variant Variant
	// Labels chooses the predicate words.
	Labels LabelSet
	// Efficiency chooses the efficiency method.
	Efficiency EfficiencyMethod
	// CapaianCap, when positive, adds a capped capaian (100 or 120 in
	// practice) beside the raw one; a typed capaian equal to the capped
	// value is then accepted, and sasaran averages use the capped values.
	CapaianCap decimal.Decimal
}

// DefaultSettings are the settings used when nothing is configured: low
// absorption under 50 %, positive polarity, the PermenPAN-RB 6/2022 variant,
// Sangat Tinggi … Sangat Rendah labels, efisiensi as capaian − penyerapan,
// no capped capaian.
func DefaultSettings() Settings {
	return Settings{
		LowAbsorption: decimal.NewFromInt(50),
		Polarity:      PolarityPositive,
		Variant:       VariantKondisiKhusus,
		Labels:        LabelsTinggi,
		Efficiency:    EfficiencySelisih,
	}
}

// polarityOf is the configured polarity of an indicator that no table
// states: its own entry in IndicatorPolarity, else the default.
func (s Settings) polarityOf(name string) Polarity {
	if p, ok := s.IndicatorPolarity[NormalizeName(name)]; ok && p != PolarityDefault {
		return p
	}
	if s.Polarity == PolarityDefault {
		return PolarityPositive
	}
	return s.Polarity
}

// ParsePolarity reads a polarity setting: "positif" or "negatif" (also
// "+", "-", "positive", "negative").
func ParsePolarity(s string) (Polarity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "positif", "positive", "+", "naik":
		return PolarityPositive, nil
	case "negatif", "negative", "-", "turun":
		return PolarityNegative, nil
	}
	return 0, fmt.Errorf("polaritas tidak dikenal: %q (pilihan: positif, negatif)", s)
}

// ParseLabelSet reads a label-set setting: "tinggi" (Sangat Tinggi …
// Sangat Rendah) or "baik" (Sangat Baik … Sangat Kurang).
func ParseLabelSet(s string) (LabelSet, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "tinggi":
		return LabelsTinggi, nil
	case "baik":
		return LabelsBaik, nil
	}
	return 0, fmt.Errorf("predikat tidak dikenal: %q (pilihan: tinggi, baik)", s)
}

// ParseEfficiencyMethod reads an efficiency setting: "selisih" or "rasio".
func ParseEfficiencyMethod(s string) (EfficiencyMethod, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "selisih":
		return EfficiencySelisih, nil
	case "rasio":
		return EfficiencyRasio, nil
	}
	return 0, fmt.Errorf("metode efisiensi tidak dikenal: %q (pilihan: selisih, rasio)", s)
}

// ParsePercentSetting reads a percentage setting typed either way ("50",
// "50,5", "50.5"); it must lie between 0 and 1000.
func ParsePercentSetting(s string) (decimal.Decimal, error) {
	t := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	if !strings.Contains(t, ".") {
		t = strings.Replace(t, ",", ".", 1)
	}
	d, err := decimal.NewFromString(t)
	if err != nil || d.IsNegative() || d.GreaterThan(decimal.NewFromInt(1000)) {
		return decimal.Zero, fmt.Errorf("bukan persentase yang sah: %q (contoh: 50 atau 50,5)", s)
	}
	return d, nil
}
