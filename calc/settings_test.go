package calc

import (
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestConfigApply(t *testing.T) {
	tests := []struct {
		name    string
		c       Config
		check   func(t *testing.T, s Settings)
		wantErr string
	}{
		{name: "nothing given keeps the defaults", check: func(t *testing.T, s Settings) {
			assert.Equal(t, DefaultSettings().Config(), s.Config())
		}},
		{name: "every field", c: Config{Polaritas: "negatif", VarianNegatif: "t-per-r", Predikat: "baik",
			Efisiensi: "rasio", AmbangPenyerapan: "60", BatasCapaian: "120",
			PolaritasIndikator: map[string]string{"Persentase Penurunan Potensi Konflik": "positif"}},
			check: func(t *testing.T, s Settings) {
				assert.Equal(t, PolarityNegative, s.Polarity)
				assert.Equal(t, VariantInverse, s.Variant)
				assert.Equal(t, LabelsBaik, s.Labels)
				assert.Equal(t, EfficiencyRasio, s.Efficiency)
				assert.Equal(t, "60", s.LowAbsorption.String())
				assert.Equal(t, "120", s.CapaianCap.String())
				assert.Equal(t, PolarityPositive, s.polarityOf("persentase penurunan potensi konflik"))
				assert.Equal(t, PolarityNegative, s.polarityOf("indikator lain"))
			}},
		{name: "a decimal comma", c: Config{AmbangPenyerapan: "50,5 %"}, check: func(t *testing.T, s Settings) {
			assert.Equal(t, "50.5", s.LowAbsorption.String())
		}},
		{name: "bad polarity", c: Config{Polaritas: "netral"}, wantErr: `pengaturan polaritas: polaritas tidak dikenal: "netral"`},
		{name: "bad indicator polarity", c: Config{PolaritasIndikator: map[string]string{"X": "?"}}, wantErr: `pengaturan polaritas_indikator "X"`},
		{name: "bad variant", c: Config{VarianNegatif: "kebalikan"}, wantErr: "pilihan: kondisi-khusus, t-per-r, selisih"},
		{name: "bad label set", c: Config{Predikat: "bagus"}, wantErr: "pilihan: tinggi, baik"},
		{name: "bad method", c: Config{Efisiensi: "rata-rata"}, wantErr: "pilihan: selisih, rasio"},
		{name: "negative threshold", c: Config{AmbangPenyerapan: "-5"}, wantErr: "pengaturan ambang_penyerapan"},
		{name: "threshold not a number", c: Config{AmbangPenyerapan: "lima puluh"}, wantErr: "bukan persentase yang sah"},
		{name: "cap under 100", c: Config{BatasCapaian: "90"}, wantErr: "di bawah 100"},
		{name: "cap 0 is none", c: Config{BatasCapaian: "0"}, check: func(t *testing.T, s Settings) {
			assert.True(t, s.CapaianCap.IsZero())
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := tt.c.Apply(DefaultSettings())
			if tt.wantErr != "" {
				assert.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			tt.check(t, s)
		})
	}
}

func TestSettingsConfigRoundTrip(t *testing.T) {
	s := DefaultSettings()
	s.Polarity, s.Variant, s.Labels, s.Efficiency = PolarityNegative, VariantReduction, LabelsBaik, EfficiencyRasio
	s.LowAbsorption, s.CapaianCap = decimal.RequireFromString("42.5"), decimal.NewFromInt(100)
	s.IndicatorPolarity = map[string]Polarity{"angka kriminalitas": PolarityNegative}
	back, err := s.Config().Apply(DefaultSettings())
	require.NoError(t, err)
	assert.Equal(t, s.Config(), back.Config())
}

func TestEfficiencyLabel(t *testing.T) {
	tests := []struct {
		m    EfficiencyMethod
		v    string
		want string
	}{
		{EfficiencySelisih, "0", "efisien"},
		{EfficiencySelisih, "-0.01", "tidak efisien"},
		{EfficiencyRasio, "100", "tidak efisien"},
		{EfficiencyRasio, "99.99", "kurang efisien"},
		{EfficiencyRasio, "90", "kurang efisien"},
		{EfficiencyRasio, "85", "cukup efisien"},
		{EfficiencyRasio, "71.55", "efisien"},
		{EfficiencyRasio, "59.99", "sangat efisien"},
	}
	for _, tt := range tests {
		t.Run(tt.m.String()+" "+tt.v, func(t *testing.T) {
			assert.Equal(t, tt.want, EfficiencyLabel(tt.m, decimal.RequireFromString(tt.v)))
		})
	}
}

func TestCapCapaian(t *testing.T) {
	c := decimal.NewFromInt(130)
	assert.Equal(t, "130", CapCapaian(c, decimal.Zero).String())
	assert.Equal(t, "120", CapCapaian(c, decimal.NewFromInt(120)).String())
	assert.Equal(t, "100", CapCapaian(c, decimal.NewFromInt(100)).String())
	assert.Equal(t, "90", CapCapaian(decimal.NewFromInt(90), decimal.NewFromInt(100)).String())
}

func TestCappedSasaranAverage(t *testing.T) {
	a := &Agency{Indikator: []Indicator{capaianRow(5, "S", "Indikator satu", "10", "15", ""), capaianRow(6, "S", "Indikator dua", "10", "8", "")}}
	s := DefaultSettings()
	r := Analyze(a, s)
	assert.Equal(t, "115.00", r.Sasaran[0].Capaian.StringFixed(2), "raw: (150 + 80) / 2")
	s.CapaianCap = decimal.NewFromInt(100)
	r = Analyze(a, s)
	assert.Equal(t, "90.00", r.Sasaran[0].Capaian.StringFixed(2), "capped: (100 + 80) / 2")
	assert.Equal(t, "150", r.Sasaran[0].Indikator[0].Capaian.String(), "the raw capaian is kept")
	assert.Equal(t, "100", r.Sasaran[0].Indikator[0].Capped.String())
}

func TestParseConfig(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    Config
		wantErr string
	}{
		{name: "every key", in: `{"polaritas": "negatif", "polaritas_indikator": {"Angka kriminalitas": "negatif"},
			"varian_negatif": "selisih", "predikat": "baik", "efisiensi": "rasio", "ambang_penyerapan": 60, "batas_capaian": "120"}`,
			want: Config{Polaritas: "negatif", PolaritasIndikator: map[string]string{"Angka kriminalitas": "negatif"},
				VarianNegatif: "selisih", Predikat: "baik", Efisiensi: "rasio", AmbangPenyerapan: "60", BatasCapaian: "120"}},
		{name: "empty object", in: `{}`},
		{name: "a decimal number", in: `{"ambang_penyerapan": 42.5}`, want: Config{AmbangPenyerapan: "42.5"}},
		{name: "unknown key", in: `{"polarity": "negatif"}`, wantErr: `kunci "polarity" tidak dikenal (kunci yang dikenal: polaritas,`},
		{name: "a number where text belongs", in: `{"predikat": 3}`, wantErr: `kunci "predikat" harus berisi teks, bukan 3`},
		{name: "indicator polarity not a map", in: `{"polaritas_indikator": "negatif"}`, wantErr: `kunci "polaritas_indikator" harus berisi pasangan`},
		{name: "malformed", in: "{\n\"polaritas\": \"negatif\",\n}", wantErr: "baris 3: bukan JSON yang sah"},
		{name: "not an object", in: `["negatif"]`, wantErr: "isi berkas harus satu objek JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := ParseConfig([]byte(tt.in))
			if tt.wantErr != "" {
				assert.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, c)
		})
	}
}
