package calc

import (
	"fmt"
	"maps"
	"slices"
)

// Config is the settings as a user writes them, in a config file
// (`lkjip --config lkjip.json`) or as command-line flags: every field is
// optional text, and only the fields given change the settings. The JSON
// keys are the contract of the config file.
type Config struct {
	// Polaritas is the default polarity: "positif" or "negatif".
	Polaritas string `json:"polaritas,omitempty"`
	// PolaritasIndikator sets the polarity of named indicators.
	PolaritasIndikator map[string]string `json:"polaritas_indikator,omitempty"`
	// VarianNegatif is the negative-polarity formula: "kondisi-khusus",
	// "t-per-r" or "selisih".
	VarianNegatif string `json:"varian_negatif,omitempty"`
	// Predikat is the label set: "tinggi" or "baik".
	Predikat string `json:"predikat,omitempty"`
	// Efisiensi is the efficiency method: "selisih" or "rasio".
	Efisiensi string `json:"efisiensi,omitempty"`
	// AmbangPenyerapan is the low-absorption threshold in percent ("50").
	AmbangPenyerapan string `json:"ambang_penyerapan,omitempty"`
	// BatasCapaian caps capaian in an extra column ("100", "120"); "0" or
	// "" for none.
	BatasCapaian string `json:"batas_capaian,omitempty"`
}

// Apply returns s changed by every field c gives. An error names the field
// (by its config key) and the value, in Bahasa Indonesia.
func (c Config) Apply(s Settings) (Settings, error) {
	field := func(key string, err error) error { return fmt.Errorf("pengaturan %s: %w", key, err) }
	var err error
	if c.Polaritas != "" {
		if s.Polarity, err = ParsePolarity(c.Polaritas); err != nil {
			return s, field("polaritas", err)
		}
	}
	if len(c.PolaritasIndikator) > 0 {
		m := maps.Clone(s.IndicatorPolarity)
		if m == nil {
			m = map[string]Polarity{}
		}
		for _, name := range slices.Sorted(maps.Keys(c.PolaritasIndikator)) {
			p, err := ParsePolarity(c.PolaritasIndikator[name])
			if err != nil {
				return s, field(fmt.Sprintf("polaritas_indikator %q", name), err)
			}
			m[NormalizeName(name)] = p
		}
		s.IndicatorPolarity = m
	}
	if c.VarianNegatif != "" {
		if s.Variant, err = ParseVariant(c.VarianNegatif); err != nil {
			return s, field("varian_negatif", err)
		}
	}
	if c.Predikat != "" {
		if s.Labels, err = ParseLabelSet(c.Predikat); err != nil {
			return s, field("predikat", err)
		}
	}
	if c.Efisiensi != "" {
		if s.Efficiency, err = ParseEfficiencyMethod(c.Efisiensi); err != nil {
			return s, field("efisiensi", err)
		}
	}
	if c.AmbangPenyerapan != "" {
		if s.LowAbsorption, err = ParsePercentSetting(c.AmbangPenyerapan); err != nil {
			return s, field("ambang_penyerapan", err)
		}
	}
	if c.BatasCapaian != "" {
		d, err := ParsePercentSetting(c.BatasCapaian)
		if err == nil && d.IsPositive() && d.LessThan(hundred) {
			err = fmt.Errorf("batas capaian %q di bawah 100", c.BatasCapaian)
		}
		if err != nil {
			return s, field("batas_capaian", err)
		}
		s.CapaianCap = d
	}
	return s, nil
}

// Config returns the settings in config form, the inverse of Apply: what
// `lkjip check --format json` reports as the settings used.
func (s Settings) Config() Config {
	c := Config{
		Polaritas:        s.Polarity.String(),
		VarianNegatif:    s.Variant.String(),
		Predikat:         s.Labels.String(),
		Efisiensi:        s.Efficiency.String(),
		AmbangPenyerapan: s.LowAbsorption.String(),
	}
	if s.CapaianCap.IsPositive() {
		c.BatasCapaian = s.CapaianCap.String()
	}
	if len(s.IndicatorPolarity) > 0 {
		c.PolaritasIndikator = map[string]string{}
		for k, p := range s.IndicatorPolarity {
			c.PolaritasIndikator[k] = p.String()
		}
	}
	return c
}
