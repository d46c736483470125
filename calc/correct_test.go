package calc

import (
	"fmt"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// corrections lists corrections as "rule@cell=new".
func corrections(cs []Correction) []string {
	var out []string
	for _, c := range cs {
		out = append(out, fmt.Sprintf("%s@%s=%s", c.Rule, c.Src.Cell(), c.New.String()))
	}
	return out
}

func TestCorrectBudget(t *testing.T) {
	kept := map[Ref]bool{at("C6", "0").Src: true}
	tests := []struct {
		name string
		a    func() *Agency
		keep map[Ref]bool
		want []string
		left bool // mismatches remain for a person
	}{
		{name: "a consistent table is left alone", a: func() *Agency {
			return dpa(pct(node(LevelProgram, "Program A", "5", "300", "200",
				node(LevelKegiatan, "K1", "6", "100", "100"), node(LevelKegiatan, "K2", "7", "200", "100")), "66.67", "100"))
		}},
		{name: "a wrong kegiatan total is fixed, and its program follows", a: func() *Agency {
			return dpa(pct(node(LevelProgram, "Program A", "5", "300", "200",
				node(LevelKegiatan, "K1", "6", "100", "100",
					node(LevelSubKegiatan, "S1", "7", "60", "50"), node(LevelSubKegiatan, "S2", "8", "50", "50")),
				node(LevelKegiatan, "K2", "9", "200", "100")), "66.67", "100"))
		}, want: []string{"total-mismatch@C5=310", "percent-mismatch@E5=64.52", "sisa-mismatch@F5=110", "total-mismatch@C6=110"}},
		{name: "a kept cell stays, and its parents add up to what it shows", keep: kept, left: true, a: func() *Agency {
			return dpa(pct(node(LevelProgram, "Program A", "5", "300", "200",
				node(LevelKegiatan, "K1", "6", "100", "100",
					node(LevelSubKegiatan, "S1", "7", "60", "50"), node(LevelSubKegiatan, "S2", "8", "50", "50")),
				node(LevelKegiatan, "K2", "9", "210", "100")), "66.67", "100"))
		}, want: []string{"total-mismatch@C5=310", "percent-mismatch@E5=64.52", "sisa-mismatch@F5=110"}},
		{name: "a leaf's percentage and sisa follow its own amounts", a: func() *Agency {
			return dpa(node(LevelProgram, "Program A", "5", "300", "200",
				pct(node(LevelKegiatan, "K1", "6", "100", "120"), "80", "-20"), node(LevelKegiatan, "K2", "7", "200", "80")))
		}, want: []string{"percent-mismatch@E6=120"}},
		{name: "a blank parent anggaran is filled", a: func() *Agency {
			p := node(LevelProgram, "Program A", "5", "0", "100", node(LevelKegiatan, "K1", "6", "100", "100"))
			p.Anggaran = Figure{Kind: Blank, Src: at("C5", "0").Src}
			return dpa(p)
		}, want: []string{"missing-value@C5=100"}},
		{name: "text in a parent is replaced", a: func() *Agency {
			p := node(LevelProgram, "Program A", "5", "0", "100", node(LevelKegiatan, "K1", "6", "100", "100"))
			p.Anggaran = Figure{Kind: Invalid, Src: at("C5", "0").Src}.WithText("seratus")
			return dpa(p)
		}, want: []string{"not-a-number@C5=100"}},
		{name: "a leaf that is not a number blocks its ancestors and their rates", left: true, a: func() *Agency {
			k := node(LevelKegiatan, "K1", "6", "0", "100")
			k.Anggaran = Figure{Kind: Invalid, Src: at("C6", "0").Src}.WithText("x")
			return dpa(pct(node(LevelProgram, "Program A", "5", "999", "150", k, node(LevelKegiatan, "K2", "7", "100", "50")), "1", "1"))
		}},
		{name: "a sub-rupiah rounding of the grand total is not an error", a: func() *Agency {
			return withTotal(dpa(node(LevelGroup, "BELANJA TIDAK LANGSUNG", "5", "2492490451.80", "1758941547"),
				node(LevelGroup, "BELANJA LANGSUNG", "6", "1788546290", "1232641525")), "9", "4281036742", "2991583072")
		}},
		{name: "a truncated percentage is not an error", a: func() *Agency {
			return dpa(pct(node(LevelProgram, "Program A", "5", "1788546290", "778867400"), "43.54", ""))
		}},
		{name: "rounded children are made exact when their parent needs it", a: func() *Agency {
			k := func(row, leafRow string) *Node {
				return node(LevelKegiatan, "K"+row, row, "50", "0", node(LevelSubKegiatan, "S"+leafRow, leafRow, "50.60", "0"))
			}
			return dpa(node(LevelProgram, "Program A", "5", "101.20", "0", k("6", "7"), k("8", "9")))
		}, want: []string{"rounding@C6=50.6", "rounding@C8=50.6"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := tt.a()
			before := Analyze(a, DefaultSettings()).Findings
			b, cs := Correct(a, DefaultSettings(), tt.keep)
			assert.Equal(t, tt.want, corrections(cs))
			assert.Equal(t, before, Analyze(a, DefaultSettings()).Findings, "the input is not modified")
			_, again := Correct(b, DefaultSettings(), tt.keep)
			assert.Empty(t, again, "correcting a corrected copy changes nothing")
			for _, c := range cs {
				assert.Contains(t, c.Message, "diperbaiki menjadi "+c.Text())
				assert.Contains(t, c.Message, c.Why)
			}
			if !tt.left {
				for _, f := range Analyze(b, DefaultSettings()).Findings {
					assert.NotContains(t, []Rule{RuleTotalMismatch, RulePercentMismatch, RuleSisaMismatch}, f.Rule, f.String())
				}
			}
		})
	}
}

// TestCorrectDerived: of the figures other tables derive, the copy corrects
// the allocation share and the efficiency table's penyerapan (arithmetic on
// the DPA's leaves) and leaves the Perjanjian Kinerja budget, the capaian,
// the efisiensi and the indicator's realisasi to a person.
func TestCorrectDerived(t *testing.T) {
	ef := EfisiensiRow{Sasaran: "S", Src: at("B4", "0").Src,
		Capaian: at("D4", "80.00"), Penyerapan: at("E4", "70.55"), Efisiensi: at("F4", "10.00")}
	for _, f := range []*Figure{&ef.Capaian, &ef.Penyerapan, &ef.Efisiensi} {
		f.Src = NewRef(f.Src.File(), "Efisiensi", int(f.Src.Row), int(f.Src.Col)) // its own sheet: D4 of S is the DPA's
	}
	a := sasaranAgency(ef)
	a.Year = 2020
	a.PK[0].Anggaran = at("F6", "778841000")
	a.Alokasi[0].Persen = at("F40", "40.54")
	a.Alokasi[0].Src = at("C40", "0").Src
	a.Indikator = []Indicator{capaianRow(5, "S", "Persentase penurunan potensi konflik", "100", "85.71", "90.00")}
	a.Pohon = []*PohonNode{{Level: PohonSasaran, Name: "S", Src: at("D4", "0").Src,
		Indikator: "Persentase penurunan potensi konflik", Formula: "((n-1) - n) / (n-1) x 100%"}}
	a.Data = []DataTable{conflictData("Data Rawan Konflik")}

	b, cs := Correct(a, DefaultSettings(), nil)
	assert.Equal(t, []string{"percent-mismatch@E4=71.55", "allocation-mismatch@F40=43.55"}, corrections(cs))
	_, again := Correct(b, DefaultSettings(), nil)
	assert.Empty(t, corrections(again))
	left := map[string]bool{}
	for _, f := range Analyze(b, DefaultSettings()).Findings {
		if f.Severity == Error {
			left[string(f.Rule)+"@"+f.Src.Cell()] = true
		}
	}
	for _, want := range []string{"pk-budget-mismatch@F6", "capaian-mismatch@F5", "capaian-mismatch@D4",
		"efficiency-mismatch@F4", "indicator-formula-mismatch@E5"} {
		assert.True(t, left[want], "%s is left for a person: %v", want, left)
	}
}

func TestCorrectionText(t *testing.T) {
	tests := []struct {
		old  string
		new  string
		p    int32
		want string
	}{
		{"85,71 %", "30", 2, "30,00 %"},
		{"71,55%", "-41.55", 2, "-41,55%"},
		{"4.281.036.742", "4281036741.8", 2, "4.281.036.741,80"},
		{"", "100", 0, "100"},
		{"-", "1500", 0, "1.500"},
		{"Rp. 1.788.546.290,-", "1788546291", 0, "Rp. 1.788.546.291,-"},
		{"Rp. 1.788.546.290,-", "1788546290.5", 2, "Rp. 1.788.546.290,50"},
		{"(1.000)", "-2500", 0, "(2.500)"},
		{"(1.000)", "2500", 0, "2.500"},
		{"-1.000", "-2500", 0, "-2.500"},
		{"Rp -1.000", "500", 0, "Rp 500"},
		{"1,234,567.89", "7654321.5", 2, "7,654,321.50"},
		{"1788546290", "1788546291", 0, "1788546291"},
		{"70.57", "64.516", 2, "64.52"},
		{"10 Kasus", "12", 0, "12 Kasus"},
		{"100", "1234", 0, "1.234"},
		{"1,234,567.89", "-2500", 0, "-2500"}, // "-2,500" would read as -2,5
		{"70.57", "2.461", 3, "2,461"},        // "2.461" would read as 2461
		{"0,5", "1.25", 2, "1,25"},
		{"= 1,0 ?", "7", 0, "7"}, // a form lkjip does not know
	}
	for _, tt := range tests {
		t.Run(tt.old+"→"+tt.want, func(t *testing.T) {
			c := Correction{Old: Figure{}.WithText(tt.old), New: decimal.RequireFromString(tt.new), Places: tt.p}
			assert.Equal(t, tt.want, c.Text())
		})
	}
}

// fuzzTree builds a budget tree from fuzz bytes: up to four levels below
// the programs, leaf amounts from the bytes, parents typed as the sum of
// their children plus whatever error the bytes say, percentages and sisa
// typed (right or wrong) on some rows, blank realisasi on some leaves.
type fuzzTree struct {
	data []byte
	row  int
}

func (f *fuzzTree) byte() byte {
	if len(f.data) == 0 {
		return 0
	}
	b := f.data[0]
	f.data = f.data[1:]
	return b
}

func (f *fuzzTree) amount() decimal.Decimal {
	v := decimal.NewFromInt(int64(f.byte())*97 + int64(f.byte()))
	if f.byte()%4 == 0 {
		v = v.Add(decimal.New(int64(f.byte()%100), -2)) // cents
	}
	return v
}

func (f *fuzzTree) node(level Level) *Node {
	f.row++
	r := fmt.Sprint(f.row)
	n := &Node{Level: level, Name: fmt.Sprintf("%s %d", level.Label(), f.row), Src: at("B"+r, "0").Src}
	kids := 0
	if level < LevelRekening {
		kids = int(f.byte() % 4)
	}
	var ang, real decimal.Decimal
	for range kids {
		ch := f.node(level + 1)
		n.Children = append(n.Children, ch)
		ang, real = ang.Add(ch.Anggaran.Or0()), real.Add(ch.Realisasi.Or0())
	}
	if kids == 0 {
		ang, real = f.amount(), f.amount()
	} else {
		ang = ang.Add(f.fault())
		real = real.Add(f.fault())
	}
	n.Anggaran = at("C"+r, ang.String())
	n.Realisasi = at("D"+r, real.String())
	if kids == 0 && f.byte()%5 == 0 {
		n.Realisasi = Figure{Kind: Blank, Src: n.Realisasi.Src}
	}
	if f.byte()%2 == 0 {
		p := Percent(real, ang).Round(2).Add(f.fault().Div(decimal.NewFromInt(100)))
		n.Persen = at("E"+r, p.StringFixed(2))
	}
	if f.byte()%2 == 0 {
		n.Sisa = at("F"+r, ang.Sub(real).Add(f.fault()).String())
	}
	return n
}

// fault is zero most of the time, otherwise a typing error of a few units
// (or a fraction of one).
func (f *fuzzTree) fault() decimal.Decimal {
	switch b := f.byte(); {
	case b < 160:
		return decimal.Zero
	case b < 200:
		return decimal.New(int64(b-180), -1)
	default:
		return decimal.NewFromInt(int64(b) - 228)
	}
}

// FuzzCorrect checks the properties of Correct on random budget trees:
// after correction every parent is the sum of its children (to less than
// a rupiah: a rounding is not an error), every percentage and sisa agrees
// with its row's amounts at its precision or by rounding, no leaf changed,
// no total, percent or sisa mismatch is left, and correcting again changes
// nothing.
func FuzzCorrect(f *testing.F) {
	f.Add([]byte{3, 2, 1, 5, 9, 0, 0, 0, 200, 250, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 170, 0, 2})
	f.Add([]byte{1, 1, 1, 1, 255, 255, 255, 255, 255, 255})
	f.Add([]byte("the sample's DPA adds up, this one need not"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ft := &fuzzTree{data: data}
		var progs []*Node
		for range int(ft.byte()%3) + 1 {
			progs = append(progs, ft.node(LevelProgram))
		}
		a := dpa(progs...)
		if ft.byte()%2 == 0 {
			var ang, real decimal.Decimal
			for _, p := range progs {
				ang, real = ang.Add(p.Anggaran.Or0()), real.Add(p.Realisasi.Or0())
			}
			withTotal(a, "999", ang.Add(ft.fault()).String(), real.String())
		}
		leaves := map[Ref]string{}
		a.Budgets[0].Root.Walk(func(n *Node) bool {
			if len(n.Children) == 0 {
				leaves[n.Anggaran.Src] = n.Anggaran.Value().String()
				leaves[n.Realisasi.Src] = n.Realisasi.Value().String()
			}
			return true
		})

		b, _ := Correct(a, DefaultSettings(), nil)
		b.Budgets[0].Root.Walk(func(n *Node) bool {
			if len(n.Children) == 0 {
				require.Equal(t, leaves[n.Anggaran.Src], n.Anggaran.Value().String(), "a leaf changed")
				require.Equal(t, leaves[n.Realisasi.Src], n.Realisasi.Value().String(), "a leaf changed")
			} else {
				var ang, real decimal.Decimal
				for _, ch := range n.Children {
					ang, real = ang.Add(ch.Anggaran.Or0()), real.Add(ch.Realisasi.Or0())
				}
				if n.Anggaran.Present() {
					require.NotEqual(t, differs, compareAmount(n.Anggaran, ang), "%s anggaran %s ≠ %s", n.Name, n.Anggaran.Value(), ang)
				}
				if n.Realisasi.Present() {
					require.NotEqual(t, differs, compareAmount(n.Realisasi, real), "%s realisasi %s ≠ %s", n.Name, n.Realisasi.Value(), real)
				}
			}
			amounts := Amounts{n.Anggaran.Or0(), n.Realisasi.Or0()}
			if n.Persen.Present() && n.Anggaran.Present() {
				require.NotEqual(t, differs, compareRounded(n.Persen, amounts.Persen()), "%s persen %s", n.Name, n.Persen.Value())
			}
			if n.Sisa.Present() && n.Anggaran.Present() {
				require.NotEqual(t, differs, compareAmount(n.Sisa, amounts.Sisa()), "%s sisa %s", n.Name, n.Sisa.Value())
			}
			return true
		})
		_, again := Correct(b, DefaultSettings(), nil)
		require.Empty(t, corrections(again), "correcting twice changed something")
		for _, fd := range Analyze(b, DefaultSettings()).Findings {
			switch fd.Rule {
			case RuleTotalMismatch, RulePercentMismatch, RuleSisaMismatch, RuleMissingValue:
				t.Fatalf("after correction: %s", fd)
			}
		}
	})
}
