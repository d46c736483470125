package calc

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// at returns a figure typed at a cell of the test sheet.
func at(cell string, value string) Figure {
	f := Num(value)
	row, col := 0, 0
	for _, c := range cell {
		if c >= 'A' && c <= 'Z' {
			col = col*26 + int(c-'A'+1)
		} else {
			row = row*10 + int(c-'0')
		}
	}
	f.Src = NewRef("t.xlsx", "S", row, col)
	return f
}

// leaf builds a budget row with anggaran in C and realisasi in D of row.
func node(level Level, name string, row string, anggaran, realisasi string, kids ...*Node) *Node {
	return &Node{Level: level, Name: name, Src: at("B"+row, "0").Src,
		Anggaran: at("C"+row, anggaran), Realisasi: at("D"+row, realisasi), Children: kids}
}

func budget(kids ...*Node) *Budget {
	return &Budget{Root: &Node{Level: LevelTotal, Anggaran: Figure{}, Realisasi: Figure{}, Children: kids}}
}

// rules lists the findings of a result as "rule@cell".
func rules(r *Result) []string {
	var out []string
	for _, f := range r.Findings {
		if f.Rule == RuleLowAbsorption {
			continue
		}
		out = append(out, string(f.Rule)+"@"+f.Src.Cell())
	}
	return out
}

func TestAnalyzeBudget(t *testing.T) {
	tests := []struct {
		name string
		b    *Budget
		want []string
	}{
		{
			name: "adds up",
			b: budget(node(LevelProgram, "Program A", "5", "300", "200",
				node(LevelKegiatan, "K1", "6", "100", "100"),
				node(LevelKegiatan, "K2", "7", "200", "100"))),
		},
		{
			name: "program total differs from its kegiatan",
			b: budget(node(LevelProgram, "Program A", "5", "310", "200",
				node(LevelKegiatan, "K1", "6", "100", "100"),
				node(LevelKegiatan, "K2", "7", "200", "100"))),
			want: []string{"total-mismatch@C5"},
		},
		{
			name: "the finding sits at the lowest faulty level only",
			b: budget(node(LevelProgram, "Program A", "5", "300", "200",
				node(LevelKegiatan, "K1", "6", "100", "100",
					node(LevelSubKegiatan, "S1", "7", "60", "50"),
					node(LevelSubKegiatan, "S2", "8", "50", "50")),
				node(LevelKegiatan, "K2", "9", "200", "100"))),
			want: []string{"total-mismatch@C6"},
		},
		{
			name: "over-realisation at the leaf, not repeated on the parent",
			b: budget(node(LevelProgram, "Program A", "5", "300", "320",
				node(LevelKegiatan, "K1", "6", "100", "120"),
				node(LevelKegiatan, "K2", "7", "200", "200"))),
			want: []string{"over-realization@D6"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Analyze(&Agency{Budgets: []*Budget{tt.b}}, DefaultSettings())
			assert.Equal(t, tt.want, rules(r))
		})
	}
}

func TestAnalyzePercentAndSisa(t *testing.T) {
	n := node(LevelProgram, "Program A", "5", "279821140", "222186863")
	n.Persen = at("E5", "79.40")
	n.Sisa = at("F5", "57634277")
	bad := node(LevelProgram, "Program B", "6", "1000", "500")
	bad.Persen = at("E6", "55.00")
	bad.Sisa = at("F6", "400")
	r := Analyze(&Agency{Budgets: []*Budget{budget(n, bad)}}, DefaultSettings())
	assert.Equal(t, []string{"percent-mismatch@E6", "sisa-mismatch@F6"}, rules(r))
	assert.True(t, r.Errors())
}

func TestAnalyzeInvalidAndMissing(t *testing.T) {
	n := node(LevelProgram, "Program A", "5", "100", "50")
	n.Anggaran = Figure{Kind: Invalid, Src: at("C5", "0").Src}.WithText("12,3x")
	m := node(LevelProgram, "Program B", "6", "100", "50")
	m.Anggaran = Figure{Kind: Blank, Src: at("C6", "0").Src}
	neg := node(LevelProgram, "Program C", "7", "-100", "0")
	r := Analyze(&Agency{Budgets: []*Budget{budget(n, m, neg)}}, DefaultSettings())
	assert.Equal(t, []string{"not-a-number@C5", "missing-value@C6", "negative-value@C7"}, rules(r))
}

func TestAnalyzeLowAbsorption(t *testing.T) {
	s := DefaultSettings()
	r := Analyze(&Agency{Budgets: []*Budget{budget(
		node(LevelProgram, "Program A", "5", "100", "49"),
		node(LevelProgram, "Program B", "6", "100", "50"),
	)}}, s)
	require.Len(t, r.Findings, 1)
	assert.Equal(t, RuleLowAbsorption, r.Findings[0].Rule)
	assert.Equal(t, Warning, r.Findings[0].Severity)
	assert.Equal(t, "Program A", r.Findings[0].Subject)
	assert.False(t, r.Errors())
}

func TestLowAbsorptionJustUnder(t *testing.T) {
	r := Analyze(&Agency{Budgets: []*Budget{budget(
		node(LevelProgram, "Program A", "5", "100000", "49996"),
	)}}, DefaultSettings())
	require.Len(t, r.Findings, 1)
	assert.Equal(t, "49.996", r.Findings[0].Reported, "49,996 %% is not shown as 50,00 %%")
	assert.Contains(t, r.Findings[0].Message, "penyerapan 49,996 %")
}

func TestAnalyzeTotalsFromLeaves(t *testing.T) {
	b := budget(
		node(LevelGroup, "BELANJA TIDAK LANGSUNG", "5", "2492490451.80", "1758941547"),
		node(LevelGroup, "BELANJA LANGSUNG", "6", "1788546290", "1232641525",
			node(LevelProgram, "Program A", "7", "1788546290", "1232641525")),
	)
	b.Root.Anggaran = at("C9", "4281036742")
	b.Root.Realisasi = at("D9", "2991583072")
	r := Analyze(&Agency{Budgets: []*Budget{b}}, DefaultSettings())
	assert.Equal(t, "4281036741.8", r.Totals.Anggaran.String())
	assert.Equal(t, "1788546290", r.BelanjaLangsung.String())
	assert.Equal(t, []string{"rounding@C9"}, rules(r))
	assert.Equal(t, Info, r.Findings[0].Severity)
}

func TestAnalyzePK(t *testing.T) {
	b := budget(
		node(LevelProgram, "Program Peningkatan Kewaspadaan Dini", "5", "778867400", "557273743"),
		node(LevelProgram, "Program Pelayanan Administrasi dan Jasa Perkantoran", "6", "279821140", "222186863"),
		node(LevelProgram, "Program Integrasi Kebangsaan", "7", "243737000", "131537726"),
	)
	pk := []PKRow{
		{Program: "Program peningkatan kewaspadaan dini", Src: at("E6", "0").Src, Anggaran: at("F6", "778841000")},
		{Program: "Program Pelayanan Administrasi & Jasa Perkantoran", Src: at("E7", "0").Src, Anggaran: at("F7", "279821140")},
		{Program: "Program Integrasi Kebangsan", Src: at("E8", "0").Src, Anggaran: at("F8", "243737000")},
	}
	r := Analyze(&Agency{Budgets: []*Budget{b}, PK: pk}, DefaultSettings())
	assert.Equal(t, []string{"pk-budget-mismatch@F6", "name-mismatch@E8"}, rules(r))
	assert.Equal(t, "778841000", r.Findings[0].Reported)
	assert.Equal(t, "778867400", r.Findings[0].Computed)
}

func TestAnalyzeCapaian(t *testing.T) {
	ind := Indicator{Sasaran: "Sasaran I", Name: "Persentase penurunan potensi konflik",
		Src: at("C5", "0").Src, Target: at("D5", "100"), Realisasi: at("E5", "30"), Capaian: at("F5", "85.71")}
	ok := Indicator{Sasaran: "Sasaran I", Name: "Indikator dua",
		Src: at("C6", "0").Src, Target: at("D6", "80"), Realisasi: at("E6", "60"), Capaian: at("F6", "75.00")}
	neg := Indicator{Sasaran: "Sasaran I", Name: "Angka kejadian", Polarity: PolarityNegative,
		Src: at("C7", "0").Src, Target: at("D7", "10"), Realisasi: at("E7", "7"), Capaian: at("F7", "30")}
	r := Analyze(&Agency{Indikator: []Indicator{ind, ok, neg}}, DefaultSettings())
	assert.Equal(t, []string{"capaian-mismatch@F5", "capaian-mismatch@F7"}, rules(r))
	assert.Equal(t, "30.00", r.Findings[0].Computed)
	assert.Contains(t, r.Findings[1].Message, "varian selisih", "the typed figure matches another variant, and the finding says which")
	require.Len(t, r.Sasaran, 1)
	assert.Len(t, r.Sasaran[0].Indikator, 3)
}

func TestSortFindings(t *testing.T) {
	fs := []Finding{
		{Rule: RuleRounding, Src: NewRef("b.xlsx", "S", 1, 1)},
		{Rule: RuleTotalMismatch, Src: NewRef("a.xlsx", "S", 9, 1)},
		{Rule: RuleTotalMismatch, Src: NewRef("a.xlsx", "S", 2, 4)},
		{Rule: RuleTotalMismatch, Src: NewRef("a.xlsx", "S", 2, 4)},
	}
	got := sortFindings(fs)
	require.Len(t, got, 3, "exact duplicates are dropped")
	assert.Equal(t, int32(2), got[0].Src.Row)
	assert.Equal(t, int32(9), got[1].Src.Row)
	assert.Equal(t, "b.xlsx", got[2].Src.File())
}

func TestRef(t *testing.T) {
	assert.Equal(t, "D22", Ref{Row: 22, Col: 4}.Cell())
	assert.Equal(t, "AB3", Ref{Row: 3, Col: 28}.Cell())
	assert.Equal(t, "dpa.xlsx: Realisasi!D22", NewRef("dpa.xlsx", "Realisasi", 22, 4).String())
	assert.Equal(t, "dpa.xlsx", FileRef("dpa.xlsx").String())
}
