package workbook

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"lkjip/calc"
)

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in      string
		want    string
		places  int32
		percent bool
		ok      bool
	}{
		{"1.788.546.290", "1788546290", 0, false, true},
		{"2.492.490.451,80", "2492490451.8", 2, false, true},
		{"Rp. 1.788.546.290,-", "1788546290", 0, false, true},
		{"Rp1.000", "1000", 0, false, true},
		{"(1.000)", "-1000", 0, false, true},
		{"-", "0", 0, false, true},
		{"Rp. -", "0", 0, false, true},
		{"Rp -", "0", 0, false, true},
		{"Rp.-", "0", 0, false, true},
		{"- 1.500", "-1500", 0, false, true},
		{"85,71 %", "85.71", 2, true, true},
		{"85,71%", "85.71", 2, true, true},
		{"70.57", "70.57", 2, false, true},
		{"7.100", "7100", 0, false, true},
		{"0.001", "0.001", 3, false, true},
		{"Rp000,0010", "0.001", 4, false, true},
		{"01.000.000", "", 0, false, false},
		{"1,234,567.89", "1234567.89", 2, false, true},
		{"10 Kasus", "10", 0, false, true},
		{"3 Laporan", "3", 0, false, true},
		{"1\u00a0788\u00a0546\u00a0290", "1788546290", 0, false, true},
		{"\u200b1.788.546.290\u200b", "1788546290", 0, false, true},
		{"100", "100", 0, false, true},
		{"12,3x", "", 0, false, false},
		{"Program", "", 0, false, false},
		{"1.2.3", "", 0, false, false},
		{"1.23.456", "", 0, false, false},
		{"", "", 0, false, false},
		{"%", "", 0, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := parseNumber(tt.in)
			assert.Equal(t, tt.ok, ok)
			if !tt.ok {
				return
			}
			assert.Equal(t, tt.want, got.Value.String())
			assert.Equal(t, tt.places, got.Places)
			assert.Equal(t, tt.percent, got.Percent)
		})
	}
}

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"1.788.546.290", "2.492.490.451,80", "Rp. 1.788.546.290,-", "(1.000)", "-", "85,71 %", "10 Kasus", "1,234.5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, ok := parseNumber(s)
		if !ok {
			return
		}
		// A number read once reads the same when written back the
		// Indonesian way, with the decimals it had. (Written plainly it
		// may not: "1.001" is one thousand and one to an Indonesian
		// reader, which is the point of the thousands rule.)
		written := calc.FormatID(p.Value, max(p.Places, -p.Value.Exponent(), 0))
		again, ok := parseNumber(written)
		if !ok || !again.Value.Equal(p.Value) {
			t.Fatalf("%q read as %s, written %q, which reads back as %v (%v)", s, p.Value, written, again.Value, ok)
		}
	})
}

func TestCleanText(t *testing.T) {
	assert.Equal(t, "a b", cleanText(" a\u00a0\n b \u200b"))
	assert.Equal(t, "", cleanText("\u200b \t"))
}

func TestClassifyHeader(t *testing.T) {
	tests := []struct {
		in   string
		want field
	}{
		{"URAIAN", fUraian},
		{"Program/Kegiatan", fUraian},
		{"NANA PROGRAM", fProgram},
		{"NAMA KEGIATAN", fKegiatan},
		{"SASARAN PROGRAM", fSasaranProgram},
		{"SASARAN PERANGKAT DAERAH", fSasaran},
		{"TUJUAN PERANGKAT DAERAH", fTujuan},
		{"Indikator Sasaran", fIndikator},
		{"% Capaian Kinerja", fCapaian},
		{"% Penyerapan Anggaran", fPenyerapan},
		{"Tingkat Efisiensi", fEfisiensi},
		{"% Anggaran", fPersenAnggaran},
		{"ANGGARAN", fAnggaran},
		{"Pagu", fAnggaran},
		{"REALISASI", fRealisasi},
		{"%", fPersen},
		{"Persentase", fPersen},
		{"Sisa Anggaran", fSisa},
		{"Kode Rekening", fKode},
		{"No.", fNo},
		{"Target", fTarget},
		{"2020", fYear},
		{"BIDANG", fLabel},
		{"Meningkatnya pencegahan", fNone},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, _ := classifyHeader(tt.in)
			assert.Equal(t, tt.want, got)
		})
	}
}

// TestCanonicalNumber checks that the fast path of storedNumber keeps
// exactly the texts that the slow path would give back unchanged.
func TestCanonicalNumber(t *testing.T) {
	for _, s := range []string{
		"0", "1788546290", "85.71", "-12.5", "0.001", "-0", "0.0", "00", "012", "1.50", "1.", ".5",
		"1E3", "1234567890123456", "123456789012345", "0.000000000000001", "-", "", " 1", "1 ",
		"4281036741.7999997", "100", "-0.5", "12.345678901234567",
	} {
		t.Run(s, func(t *testing.T) {
			slow := func() (string, bool) {
				d, err := decimal.NewFromString(strings.TrimSpace(s))
				if err != nil || strings.TrimSpace(s) == "" {
					return "", false
				}
				return excelPrecision(d).String(), true
			}
			want, ok := slow()
			if canonicalNumber(s) {
				assert.True(t, ok)
				assert.Equal(t, want, s)
			}
			got, gotOK := storedNumber(s)
			assert.Equal(t, ok, gotOK)
			assert.Equal(t, want, got)
		})
	}
}

// TestStoredDecimal checks the fast path against the general parser:
// value, exponent and errors.
func TestStoredDecimal(t *testing.T) {
	for _, s := range []string{"0", "-0", "1788546290", "85.71", "-12.50", "0.001", "999999999999999999", "1234567890123456789",
		"1.", ".5", "1e3", "-", "", "1.2.3", "12a", "00012", "-0.000"} {
		t.Run(s, func(t *testing.T) {
			want, werr := decimal.NewFromString(s)
			got, gerr := storedDecimal(s)
			assert.Equal(t, werr != nil, gerr != nil)
			if werr == nil {
				assert.True(t, want.Equal(got), "%s: %s vs %s", s, got, want)
				assert.Equal(t, want.Exponent(), got.Exponent())
				assert.Equal(t, want.String(), got.String())
			}
		})
	}
}

// TestFigureOfStoredNumber checks that a number stored as one becomes the
// figure the general parser gives (value, exponent, places), and that a
// plain one costs no allocation: a large DPA has millions of them.
func TestFigureOfStoredNumber(t *testing.T) {
	at := calc.NewRef("a.xlsx", "S", 2, 3)
	for _, s := range []string{"0", "-0", "1788546290", "85.71", "-12.50", "0.001", "0.8571", "999999999999999999",
		"1234567890123456789", "1e3", "1E-140", "-0.000"} {
		for _, pct := range []bool{false, true} {
			got := figure(cell{Kind: cellNumber, Text: s, Percent: pct}, at)
			want, err := decimal.NewFromString(s)
			require.NoError(t, err, s)
			if pct {
				want = want.Shift(2)
			}
			assert.Equal(t, calc.Number, got.Kind, s)
			assert.Equal(t, want.String(), got.Value().String(), "%s (percent %v)", s, pct)
			assert.Equal(t, want.Exponent(), got.Value().Exponent(), "%s (percent %v)", s, pct)
			assert.Equal(t, max(0, -want.Exponent()), got.Places, "%s (percent %v)", s, pct)
			assert.Equal(t, at, got.Src)
		}
	}
	plain := cell{Kind: cellNumber, Text: "0.8571", Percent: true}
	assert.Zero(t, testing.AllocsPerRun(100, func() { figure(plain, at) }))
}
