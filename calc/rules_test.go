package calc

import (
	"fmt"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
)

// ruleCase is one case of a rule's table: an agency, the settings changed
// from the defaults, the findings expected ("rule@cell", or
// "rule@cell:severity" where the severity is not the rule's usual one), and
// words that the message of one of them must contain.
type ruleCase struct {
	name     string
	a        *Agency
	settings func(*Settings)
	want     []string
	says     []string
}

// runRuleCases analyses each case and compares its findings of the given
// rules (all rules when none are given).
func runRuleCases(t *testing.T, cases []ruleCase, only ...Rule) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			s := DefaultSettings()
			if tt.settings != nil {
				tt.settings(&s)
			}
			r := Analyze(tt.a, s)
			var got, msgs []string
			for _, f := range r.Findings {
				if len(only) > 0 && !contains(only, f.Rule) {
					continue
				}
				g := string(f.Rule) + "@" + f.Src.Cell()
				if f.Severity != severityOf(f.Rule) {
					g += ":" + f.Severity.String()
				}
				got = append(got, g)
				msgs = append(msgs, f.Message)
			}
			assert.Equal(t, tt.want, got)
			if len(tt.says) > 0 {
				assert.True(t, anySays(msgs, tt.says), "no finding says all of %q in %q", tt.says, msgs)
			}
		})
	}
}

// anySays reports whether one of the messages contains every word.
func anySays(msgs, words []string) bool {
	for _, m := range msgs {
		all := true
		for _, w := range words {
			all = all && strings.Contains(m, w)
		}
		if all {
			return true
		}
	}
	return false
}

func contains(rs []Rule, r Rule) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

// dpa wraps budget rows as an agency's only DPA table.
func dpa(kids ...*Node) *Agency { return &Agency{Budgets: []*Budget{budget(kids...)}} }

// withTotal gives a budget's root the typed figures of a JUMLAH row.
func withTotal(a *Agency, row, anggaran, realisasi string) *Agency {
	root := a.Budgets[0].Root
	root.Name, root.Src = "JUMLAH", at("B"+row, "0").Src
	root.Anggaran, root.Realisasi = at("C"+row, anggaran), at("D"+row, realisasi)
	return a
}

// pct gives a budget row a typed percentage in E and sisa in F.
func pct(n *Node, persen, sisa string) *Node {
	row := fmt.Sprint(n.Src.Row)
	if persen != "" {
		n.Persen = at("E"+row, persen)
	}
	if sisa != "" {
		n.Sisa = at("F"+row, sisa)
	}
	return n
}

func TestRuleTotalMismatch(t *testing.T) {
	blankParent := node(LevelProgram, "Program A", "5", "300", "0",
		node(LevelKegiatan, "K1", "6", "100", "50"), node(LevelKegiatan, "K2", "7", "200", "0"))
	blankParent.Realisasi = Figure{Kind: Blank, Src: at("D5", "0").Src}
	blankZero := node(LevelProgram, "Program A", "5", "300", "0",
		node(LevelKegiatan, "K1", "6", "100", "0"), node(LevelKegiatan, "K2", "7", "200", "0"))
	blankZero.Realisasi = Figure{Kind: Blank, Src: at("D5", "0").Src}
	runRuleCases(t, []ruleCase{
		{name: "parent equals its children", a: dpa(node(LevelProgram, "Program A", "5", "300", "200",
			node(LevelKegiatan, "K1", "6", "100", "100"), node(LevelKegiatan, "K2", "7", "200", "100")))},
		{name: "anggaran differs", a: dpa(node(LevelProgram, "Program A", "5", "310", "200",
			node(LevelKegiatan, "K1", "6", "100", "100"), node(LevelKegiatan, "K2", "7", "200", "100"))),
			want: []string{"total-mismatch@C5"}, says: []string{"tertulis 310", "seharusnya 300", "selisih 10"}},
		{name: "realisasi differs", a: dpa(node(LevelProgram, "Program A", "5", "300", "190",
			node(LevelKegiatan, "K1", "6", "100", "100"), node(LevelKegiatan, "K2", "7", "200", "100"))),
			want: []string{"total-mismatch@D5"}},
		{name: "one level at a time: a wrong kegiatan is not repeated on its program",
			a: dpa(node(LevelProgram, "Program A", "5", "300", "200",
				node(LevelKegiatan, "K1", "6", "100", "100",
					node(LevelSubKegiatan, "S1", "7", "60", "50"), node(LevelSubKegiatan, "S2", "8", "50", "50")),
				node(LevelKegiatan, "K2", "9", "200", "100"))),
			want: []string{"total-mismatch@C6"}},
		{name: "grand total row", a: withTotal(dpa(node(LevelProgram, "Program A", "5", "300", "200")), "9", "301", "200"),
			want: []string{"total-mismatch@C9"}},
		{name: "grand total off by less than a rupiah is rounding", a: withTotal(dpa(node(LevelProgram, "Program A", "5", "300.20", "200")), "9", "300", "200"),
			want: []string{"rounding@C9"}, says: []string{"nilai tepatnya 300,20"}},
		{name: "blank parent realisasi over spending children", a: dpa(blankParent),
			want: []string{"total-mismatch@D5"}, says: []string{"Realisasi kosong, seharusnya 50"}},
		{name: "blank parent realisasi over children that spent nothing", a: dpa(blankZero)},
	}, RuleTotalMismatch, RuleRounding)
}

func TestRulePercentMismatch(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "rounded half up agrees", a: dpa(pct(node(LevelProgram, "Program A", "5", "279821140", "222186863"), "79.40", ""))},
		{name: "one unit off is rounding", a: dpa(pct(node(LevelProgram, "Program A", "5", "279821140", "222186863"), "79.41", "")),
			want: []string{"rounding@E5"}},
		{name: "truncated is rounding", a: dpa(pct(node(LevelProgram, "Program A", "5", "1788546290", "778867400"), "43.54", "")),
			want: []string{"rounding@E5"}, says: []string{"dipotong, bukan dibulatkan"}},
		{name: "wrong", a: dpa(pct(node(LevelProgram, "Program A", "5", "1000", "500"), "55.00", "")),
			want: []string{"percent-mismatch@E5"}, says: []string{"tertulis 55.00", "seharusnya 50,00 %", "realisasi 500 ÷ anggaran 1.000 × 100"}},
		{name: "anggaran 0 gives 0", a: dpa(pct(node(LevelProgram, "Program A", "5", "0", "0"), "0", ""))},
		{name: "anggaran 0 typed as 100 is wrong", a: dpa(pct(node(LevelProgram, "Program A", "5", "0", "0"), "100", "")),
			want: []string{"percent-mismatch@E5"}},
		{name: "typed whole for 99,998", a: dpa(pct(node(LevelProgram, "Program A", "5", "100000", "99998"), "100", ""))},
		{name: "not checked when anggaran is not a number", a: func() *Agency {
			n := pct(node(LevelProgram, "Program A", "5", "0", "50"), "12", "")
			n.Anggaran = Figure{Kind: Invalid, Src: at("C5", "0").Src}.WithText("x")
			return dpa(n)
		}()},
	}, RulePercentMismatch, RuleRounding)
}

func TestRuleSisaMismatch(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "agrees", a: dpa(pct(node(LevelProgram, "Program A", "5", "279821140", "222186863"), "", "57634277"))},
		{name: "wrong", a: dpa(pct(node(LevelProgram, "Program A", "5", "1000", "500"), "", "400")),
			want: []string{"sisa-mismatch@F5"}, says: []string{"sisa tertulis 400", "seharusnya 500", "anggaran 1.000 − realisasi 500"}},
		{name: "sub-rupiah is rounding", a: dpa(pct(node(LevelProgram, "Program A", "5", "1000.40", "500"), "", "500")),
			want: []string{"rounding@F5"}},
		{name: "negative sisa of an overspent row is right, not a negative-value", a: dpa(pct(node(LevelProgram, "Program A", "5", "100", "120"), "", "-20")),
			want: []string{"over-realization@D5"}},
	}, RuleSisaMismatch, RuleRounding, RuleNegativeValue, RuleOverRealization)
}

func TestRuleOverRealization(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "equal is fine", a: dpa(node(LevelProgram, "Program A", "5", "100", "100"))},
		{name: "leaf over", a: dpa(node(LevelProgram, "Program A", "5", "100", "101")),
			want: []string{"over-realization@D5"}, says: []string{"realisasi tertulis 101", "melebihi anggaran 100", "101,00 %"}},
		{name: "reported at the kegiatan, not again at the program", a: dpa(node(LevelProgram, "Program A", "5", "300", "320",
			node(LevelKegiatan, "K1", "6", "100", "120"), node(LevelKegiatan, "K2", "7", "200", "200"))),
			want: []string{"over-realization@D6"}},
		{name: "a program over whose kegiatan are each within", a: dpa(node(LevelProgram, "Program A", "5", "100", "150")),
			want: []string{"over-realization@D5"}},
	}, RuleOverRealization)
}

func TestRuleLowAbsorption(t *testing.T) {
	a := func() *Agency {
		return dpa(
			node(LevelProgram, "Program A", "5", "100", "49.99"),
			node(LevelProgram, "Program B", "6", "100", "50"),
			node(LevelProgram, "Program C", "7", "0", "0"),
		)
	}
	runRuleCases(t, []ruleCase{
		{name: "under the default 50 %", a: a(), want: []string{"low-absorption@D5"},
			says: []string{"penyerapan 49,99 %", "realisasi 49,99 ÷ anggaran 100", "ambang 50 %"}},
		{name: "a higher threshold", a: a(), settings: func(s *Settings) { s.LowAbsorption = decimal.NewFromInt(60) },
			want: []string{"low-absorption@D5", "low-absorption@D6"}},
		{name: "zero turns it off", a: a(), settings: func(s *Settings) { s.LowAbsorption = decimal.Zero }},
	}, RuleLowAbsorption)
}

func TestRuleCellContents(t *testing.T) {
	invalid := node(LevelProgram, "Program A", "5", "100", "50")
	invalid.Anggaran = Figure{Kind: Invalid, Src: at("C5", "0").Src}.WithText("12,3x")
	blank := node(LevelProgram, "Program B", "6", "100", "50")
	blank.Anggaran = Figure{Kind: Blank, Src: at("C6", "0").Src}
	negative := node(LevelProgram, "Program C", "7", "-100", "0")
	blankRealisasi := node(LevelProgram, "Program D", "8", "100", "0")
	blankRealisasi.Realisasi = Figure{Kind: Blank, Src: at("D8", "0").Src}
	noCache := node(LevelProgram, "Program E", "9", "100", "60")
	noCache.Realisasi = noCache.Realisasi.WithFormula("SUM(D10:D11)")
	noCache.Realisasi.NoCache = true
	runRuleCases(t, []ruleCase{
		{name: "text where an amount belongs", a: dpa(invalid), want: []string{"not-a-number@C5"},
			says: []string{`tertulis "12,3x"`, "seharusnya angka"}},
		{name: "blank anggaran", a: dpa(blank), want: []string{"missing-value@C6"}, says: []string{"Anggaran kosong"}},
		{name: "negative anggaran", a: dpa(negative), want: []string{"negative-value@C7"}, says: []string{"tidak boleh negatif"}},
		{name: "blank realisasi is zero, not missing", a: dpa(blankRealisasi)},
		{name: "formula without a stored result", a: dpa(noCache), want: []string{"formula-no-cache@D9"},
			says: []string{"=SUM(D10:D11)", "lkjip menghitungnya: 60"}},
		{name: "negative efisiensi is allowed", a: &Agency{Efisiensi: []EfisiensiRow{{Sasaran: "S", Src: at("B4", "0").Src,
			Efisiensi: at("F4", "-41.55")}}}},
	}, RuleNotANumber, RuleMissingValue, RuleNegativeValue, RuleFormulaNoCache)
}

func TestRulePKBudgetMismatch(t *testing.T) {
	programs := func() *Agency {
		return dpa(
			node(LevelProgram, "Program Peningkatan Kewaspadaan Dni", "5", "778867400", "557273743"),
			node(LevelProgram, "Program Pelayanan Administrasi dan Jasa Perkantoran", "6", "279821140", "222186863"),
			node(LevelProgram, "Program Integrasi Kebangsaan", "7", "243737000", "131537726"),
		)
	}
	row := func(cell, program, anggaran string) PKRow {
		return PKRow{Program: program, Src: at("E"+cell, "0").Src, Anggaran: at("F"+cell, anggaran)}
	}
	// pk gives the agency a PK with every program agreeing with the DPA,
	// except the rows given.
	pk := func(a *Agency, rows ...PKRow) *Agency {
		a.PK = []PKRow{
			row("6", "Program Peningkatan Kewaspadaan Dni", "778867400"),
			row("7", "Program Pelayanan Administrasi dan Jasa Perkantoran", "279821140"),
			row("8", "Program Integrasi Kebangsaan", "243737000"),
		}
		for _, r := range rows {
			a.PK[r.Src.Row-6] = r
		}
		return a
	}
	runRuleCases(t, []ruleCase{
		{name: "matched despite case, & and a typo in the DPA name", a: pk(programs(),
			row("6", "PROGRAM PENINGKATAN KEWASPADAAN DINI", "778841000"),
			row("7", "Program Pelayanan Administrasi & Jasa Perkantoran", "278121140"),
			row("8", "program integrasi kebangsaan", "243737000")),
			want: []string{"name-mismatch@E6:info", "pk-budget-mismatch@F6", "pk-budget-mismatch@F7"}},
		{name: "the message says what, should and why", a: pk(programs(), row("7", "Program Pelayanan Administrasi & Jasa Perkantoran", "278121140")),
			want: []string{"pk-budget-mismatch@F7"}, says: []string{"tertulis 278121140", "seharusnya 279.821.140 seperti di DPA", "selisih -1.700.000"}},
		{name: "sub-rupiah is rounding", a: pk(programs(), row("8", "Program Integrasi Kebangsaan", "243737000.50")),
			want: []string{"rounding@F8"}},
		{name: "blank PK budget is missing", a: pk(programs(), PKRow{Program: "Program Integrasi Kebangsaan", Src: at("E8", "0").Src,
			Anggaran: Figure{Kind: Blank, Src: at("F8", "0").Src}}), want: []string{"missing-value@F8"}},
	}, RulePKBudgetMismatch, RuleRounding, RuleMissingValue, RuleNameMismatch)
}

// pohonTree builds a Pohon Kinerja with one sasaran and the given programs,
// each "Program name: kegiatan, kegiatan".
func pohonTree(programs ...string) []*PohonNode {
	s := &PohonNode{Level: PohonSasaran, Name: "Sasaran I", Src: at("D4", "0").Src}
	for i, p := range programs {
		name, kegs, _ := strings.Cut(p, ":")
		row := 4 + i*3
		pn := &PohonNode{Level: PohonProgram, Name: name, Src: at(fmt.Sprintf("G%d", row), "0").Src}
		for j, k := range strings.Split(kegs, ",") {
			if k = strings.TrimSpace(k); k != "" {
				pn.Children = append(pn.Children, &PohonNode{Level: PohonKegiatan, Name: k, Src: at(fmt.Sprintf("J%d", row+j), "0").Src})
			}
		}
		s.Children = append(s.Children, pn)
	}
	return []*PohonNode{s}
}

func TestRuleNameMismatch(t *testing.T) {
	base := func() *Agency {
		return dpa(
			node(LevelProgram, "Program Peningkatan Sarana dan Prasarana Aparatur", "5", "100", "60",
				node(LevelKegiatan, "Pengadaan Kendaraan Dinas", "6", "40", "30"),
				node(LevelKegiatan, "Pemeliharaan Gedung Kantor", "7", "60", "30")),
			node(LevelProgram, "Program Integrasi Kebangsaan", "8", "100", "60"),
			node(LevelProgram, "Program Pengembangan Etika dan Budaya Politik", "9", "100", "60"),
		)
	}
	with := func(a *Agency, pohon []*PohonNode, pk ...PKRow) *Agency { a.Pohon, a.PK = pohon, pk; return a }
	pkRow := func(row, program string) PKRow {
		return PKRow{Program: program, Src: at("E"+row, "0").Src, Anggaran: at("F"+row, "100")}
	}
	runRuleCases(t, []ruleCase{
		{name: "every document agrees", a: with(base(), pohonTree(
			"Program Peningkatan Sarana & Prasarana Aparatur: Pengadaan Kendaraan Dinas, Pemeliharaan Gedung Kantor",
			"Program Integrasi Kebangsaan:", "PROGRAM PENGEMBANGAN ETIKA DAN BUDAYA POLITIK:"))},
		{name: "a different word: warning with the closest DPA program suggested", a: with(base(), pohonTree(
			"Program Perangkat Sarana dan Prasarana Aparatur: Pengadaan Kendaraan Dinas, Pemeliharaan Gedung Kantor",
			"Program Integrasi Kebangsaan:", "Program Pengembangan Etika dan Budaya Politik:")),
			want: []string{"name-mismatch@G4"},
			says: []string{`"Program Perangkat Sarana dan Prasarana Aparatur" di Pohon Kinerja tidak ditemukan di DPA`,
				`mungkin maksudnya "Program Peningkatan Sarana dan Prasarana Aparatur"`, "kemiripan 92 %"}},
		{name: "a typing slip is info", a: with(base(), pohonTree(
			"Program Peningkatan Sarana dan Prasarana Aparatur: Pengadaan Kendaraan Dinas, Pemeliharaan Gedung Kantor",
			"Program Integrasi Kebangsan:", "Program Pengembangan Etika dan Budaya Politik:")),
			want: []string{"name-mismatch@G7:info"}, says: []string{"dianggap sama"}},
		{name: "nothing alike: warning without a suggestion", a: with(base(), pohonTree(
			"Program Peningkatan Sarana dan Prasarana Aparatur: Pengadaan Kendaraan Dinas, Pemeliharaan Gedung Kantor",
			"Program Integrasi Kebangsaan:", "Program Pengembangan Etika dan Budaya Politik:", "Program Lain Sama Sekali:")),
			want: []string{"name-mismatch@G13"}, says: []string{"juga tidak ada nama yang mirip"}},
		{name: "a DPA kegiatan absent from the Pohon Kinerja", a: with(base(), pohonTree(
			"Program Peningkatan Sarana dan Prasarana Aparatur: Pengadaan Kendaraan Dinas",
			"Program Integrasi Kebangsaan:", "Program Pengembangan Etika dan Budaya Politik:")),
			want: []string{"name-mismatch@B7"}, says: []string{`Kegiatan "Pemeliharaan Gedung Kantor" di DPA tidak ada di Pohon Kinerja`}},
		{name: "a DPA program absent from two documents is one finding", a: with(base(), pohonTree(
			"Program Peningkatan Sarana dan Prasarana Aparatur: Pengadaan Kendaraan Dinas, Pemeliharaan Gedung Kantor",
			"Program Integrasi Kebangsaan:"),
			pkRow("6", "Program Peningkatan Sarana dan Prasarana Aparatur"), pkRow("7", "Program Integrasi Kebangsaan")),
			want: []string{"name-mismatch@B9"}, says: []string{"tidak ada di Pohon Kinerja maupun Perjanjian Kinerja"}},
	}, RuleNameMismatch)
}

func TestRuleCodeMismatch(t *testing.T) {
	coded := func(code, name, row string) *Node {
		n := node(LevelProgram, name, row, "100", "60")
		n.Code = code
		return n
	}
	pkRow := func(code, name, row string) PKRow {
		return PKRow{Code: code, Program: name, Src: at("E"+row, "0").Src, Anggaran: at("F"+row, "100")}
	}
	a := func(rows ...PKRow) *Agency {
		x := dpa(coded("2.16.01", "Program Penunjang Urusan", "5"), coded("2.16.02", "Program Kewaspadaan Nasional", "6"))
		x.PK = rows
		return x
	}
	runRuleCases(t, []ruleCase{
		{name: "codes and names agree, leading zeros aside", a: a(pkRow("2.16.1", "Program Penunjang Urusan", "6"), pkRow("02.16.02", "Program Kewaspadaan Nasional", "7"))},
		{name: "same name, another code", a: a(pkRow("2.16.03", "Program Penunjang Urusan", "6")),
			want: []string{"name-mismatch@B6", "code-mismatch@E6"}, says: []string{"berkode 2.16.03 di Perjanjian Kinerja, tetapi 2.16.01 di DPA"}},
		{name: "same code, a name that is not a slip", a: a(pkRow("2.16.01", "Program Pelayanan Administrasi", "6")),
			want: []string{"name-mismatch@B6", "name-mismatch@E6"}, says: []string{}},
		{name: "list numbering is not a code", a: a(pkRow("1", "Program Penunjang Urusan", "6"), pkRow("2", "Program Kewaspadaan Nasional", "7"))},
	}, RuleCodeMismatch, RuleNameMismatch)
}

// capaianRow is a capaian-table row at row r of the test sheet.
func capaianRow(r int, sasaran, name, target, realisasi, capaian string) Indicator {
	ind := Indicator{Sasaran: sasaran, Name: name, Src: at(fmt.Sprintf("C%d", r), "0").Src,
		Target: at(fmt.Sprintf("D%d", r), target), Realisasi: at(fmt.Sprintf("E%d", r), realisasi)}
	if capaian != "" {
		ind.Capaian = at(fmt.Sprintf("F%d", r), capaian)
	}
	return ind
}

func TestRuleCapaianMismatch(t *testing.T) {
	one := func(ind Indicator) *Agency { return &Agency{Indikator: []Indicator{ind}} }
	neg := func(ind Indicator) Indicator { ind.Polarity = PolarityNegative; return ind }
	runRuleCases(t, []ruleCase{
		{name: "the sample's 85,71 for R / T = 30", a: one(capaianRow(5, "S", "Persentase penurunan potensi konflik", "100", "30", "85.71")),
			want: []string{"capaian-mismatch@F5"},
			says: []string{"tertulis 85.71", "seharusnya 30,00 %", "polaritas positif menurut pengaturan polaritas", "R / T × 100"}},
		{name: "positive agrees", a: one(capaianRow(5, "S", "I", "80", "60", "75.00"))},
		{name: "positive over target", a: one(capaianRow(5, "S", "I", "10", "12", "120"))},
		{name: "negative, kondisi khusus by default", a: one(neg(capaianRow(5, "S", "I", "10", "8", "120")))},
		{name: "negative typed under another variant says which", a: one(neg(capaianRow(5, "S", "I", "10", "7", "30"))),
			want: []string{"capaian-mismatch@F5"}, says: []string{"seharusnya 130,00 %", "(2T − R) / T × 100", "sesuai rumus polaritas negatif (T − R) / T × 100 (varian selisih)"}},
		{name: "the variant is a setting", a: one(neg(capaianRow(5, "S", "I", "10", "7", "30"))),
			settings: func(s *Settings) { s.Variant = VariantReduction }},
		{name: "a negative indicator typed as positive says so", a: one(neg(capaianRow(5, "S", "I", "10", "8", "80"))),
			want: []string{"capaian-mismatch@F5"}, says: []string{"sesuai rumus polaritas positif"}},
		{name: "positive target 0 is met", a: one(capaianRow(5, "S", "I", "0", "3", "100"))},
		{name: "positive target 0 typed otherwise explains the convention", a: one(capaianRow(5, "S", "I", "0", "3", "0")),
			want: []string{"capaian-mismatch@F5"}, says: []string{"target 0, maka capaian 100"}},
		{name: "positive realisasi 0", a: one(capaianRow(5, "S", "I", "10", "0", "0"))},
		{name: "negative target 0 and realisasi 0 is met", a: one(neg(capaianRow(5, "S", "I", "0", "0", "100")))},
		{name: "negative target 0 and any occurrence misses", a: one(neg(capaianRow(5, "S", "I", "0", "2", "0")))},
		{name: "negative T / R with realisasi 0", a: one(neg(capaianRow(5, "S", "I", "5", "0", "100"))),
			settings: func(s *Settings) { s.Variant = VariantInverse }},
		{name: "negative kondisi khusus with realisasi 0 is 200", a: one(neg(capaianRow(5, "S", "I", "5", "0", "200")))},
		{name: "a capped capaian is accepted with a cap set", a: one(capaianRow(5, "S", "I", "10", "13", "120")),
			settings: func(s *Settings) { s.CapaianCap = decimal.NewFromInt(120) }},
		{name: "and not without", a: one(capaianRow(5, "S", "I", "10", "13", "120")), want: []string{"capaian-mismatch@F5"}},
		{name: "polarity per indicator from the settings", a: one(capaianRow(5, "S", "Jumlah kejadian konflik", "10", "8", "120")),
			settings: func(s *Settings) {
				s.IndicatorPolarity = map[string]Polarity{"jumlah kejadian konflik": PolarityNegative}
			}},
		{name: "polarity from the Pohon Kinerja", a: func() *Agency {
			a := one(capaianRow(5, "S", "Jumlah kejadian konflik", "10", "8", "120"))
			a.Pohon = []*PohonNode{{Level: PohonSasaran, Name: "S", Indikator: "Jumlah kejadian konflik", Polarity: PolarityNegative}}
			return a
		}()},
		{name: "the table's Polaritas column wins over the Pohon Kinerja", a: func() *Agency {
			a := one(capaianRow(5, "S", "Jumlah kejadian konflik", "10", "8", "80"))
			a.Indikator[0].Polarity = PolarityPositive
			a.Pohon = []*PohonNode{{Level: PohonSasaran, Name: "S", Indikator: "Jumlah kejadian konflik", Polarity: PolarityNegative}}
			return a
		}()},
		{name: "the efficiency table's capaian is the sasaran's", a: &Agency{
			Indikator: []Indicator{capaianRow(5, "S", "I", "100", "30", "")},
			Efisiensi: []EfisiensiRow{{Sasaran: "S", Src: at("B4", "0").Src, Capaian: at("D4", "85.71")}}},
			want: []string{"capaian-mismatch@D4"}, says: []string{"capaian indikator sasaran: I 30,00 %"}},
	}, RuleCapaianMismatch)
}

func TestRuleRealisasiMismatch(t *testing.T) {
	year := func(ind Indicator, y int) Indicator { ind.Year = y; return ind }
	runRuleCases(t, []ruleCase{
		{name: "the same indicator typed differently for the same year", a: &Agency{Year: 2020, Indikator: []Indicator{
			capaianRow(5, "S", "I", "100", "30", "85.71"),
			year(capaianRow(11, "S", "I", "100", "90", ""), 2019),
			year(capaianRow(12, "S", "I", "100", "85.71", ""), 2020),
		}}, want: []string{"realisasi-mismatch@E12"}, says: []string{"realisasi 2020 tertulis 85.71", "t.xlsx: S!E5 tertulis 30"}},
		{name: "the same figure twice is fine", a: &Agency{Year: 2020, Indikator: []Indicator{
			capaianRow(5, "S", "I", "100", "30", ""), year(capaianRow(12, "S", "I", "100", "30", ""), 2020)}}},
		{name: "another year is history, not a repeat", a: &Agency{Year: 2020, Indikator: []Indicator{
			capaianRow(5, "S", "I", "100", "30", ""), year(capaianRow(12, "S", "I", "100", "90", ""), 2019)}}},
	}, RuleRealisasiMismatch)
}

// conflictData is the sample's potential-conflict table: 10 cases in
// 2019, 7 in 2020.
func conflictData(title string) DataTable {
	t := DataTable{Title: title, Src: at("B3", "0").Src, Columns: []string{"2019", "2020"}}
	for i, v := range [][2]string{{"2", "2"}, {"1", "2"}, {"4", "0"}, {"2", "2"}, {"1", "1"}} {
		r := 5 + i
		t.Rows = append(t.Rows, DataRow{Label: fmt.Sprintf("Bidang %d", i+1), Src: at(fmt.Sprintf("B%d", r), "0").Src,
			Values: []Figure{at(fmt.Sprintf("C%d", r), v[0]), at(fmt.Sprintf("D%d", r), v[1])}})
	}
	total := DataRow{Label: "Jumlah", Src: at("A10", "0").Src, Values: []Figure{at("C10", "10"), at("D10", "7")}}
	t.Total = &total
	return t
}

// formulaAgency has the sample's indicator, its Pohon Kinerja formula and
// the given data tables.
func formulaAgency(realisasi, formula string, data ...DataTable) *Agency {
	return &Agency{Year: 2020,
		Pohon: []*PohonNode{{Level: PohonSasaran, Name: "S", Src: at("D4", "0").Src,
			Indikator: "Persentase penurunan potensi konflik", Formula: formula}},
		Indikator: []Indicator{capaianRow(5, "S", "Persentase penurunan potensi konflik", "100", realisasi, "")},
		Data:      data,
	}
}

func TestRuleIndicatorFormulaMismatch(t *testing.T) {
	const sample = "((n-1) - n) / (n-1) x 100%"
	runRuleCases(t, []ruleCase{
		{name: "the sample: (10 − 7) / 10 = 30 agrees", a: formulaAgency("30", sample, conflictData("Data Rawan Konflik"))},
		{name: "a realisasi the data do not give", a: formulaAgency("85.71", sample, conflictData("Data Rawan Konflik")),
			want: []string{"indicator-formula-mismatch@E5"},
			says: []string{"realisasi tertulis 85.71", "seharusnya 30,00", "n-1 = 10 (2019), n = 7 (2020)"}},
		{name: "rows are the truth, not the typed total", a: func() *Agency {
			d := conflictData("Data Rawan Konflik")
			d.Total.Values[0] = at("C10", "12")
			return formulaAgency("30", sample, d)
		}(), want: []string{"total-mismatch@C10"}},
		{name: "no table shares a word with the indicator: not evaluated", a: formulaAgency("85.71", sample, conflictData("Data Pegawai"))},
		{name: "two tables alike: ambiguous, not evaluated", a: formulaAgency("85.71", sample, conflictData("Konflik A"), conflictData("Konflik B"))},
		{name: "a formula over words no table has: not evaluated", a: formulaAgency("85.71", "konflik yang diselesaikan / jumlah konflik x 100", conflictData("Konflik"))},
	}, RuleIndicatorFormulaMismatch, RuleTotalMismatch)

	r := Analyze(formulaAgency("30", sample, conflictData("Konflik A"), conflictData("Konflik B")), DefaultSettings())
	assert.Contains(t, r.Sasaran[0].Indikator[0].FormulaNote, "lebih dari satu tabel data cocok")
	r = Analyze(formulaAgency("30", sample, conflictData("Data Rawan Konflik")), DefaultSettings())
	assert.True(t, r.Sasaran[0].Indikator[0].HasFormula)
	assert.Equal(t, "30", r.Sasaran[0].Indikator[0].Formula.Value.String())
}

// sasaranAgency is one sasaran served by one DPA program (anggaran 778.867.400,
// realisasi 557.273.743: penyerapan 71,55 %) whose indicator's capaian is 30.
func sasaranAgency(ef ...EfisiensiRow) *Agency {
	a := dpa(node(LevelGroup, "BELANJA LANGSUNG", "4", "1788546290", "1232641525",
		node(LevelProgram, "Program Peningkatan Kewaspadaan Dini", "5", "778867400", "557273743"),
		node(LevelProgram, "Program Lain", "6", "1009678890", "675367782")))
	a.PK = []PKRow{
		{Sasaran: "S", Program: "Program Peningkatan Kewaspadaan Dini", Src: at("E6", "0").Src, Anggaran: at("F6", "778867400")},
		{Sasaran: "S", Program: "Program Lain", Src: at("E7", "0").Src, Anggaran: at("F7", "1009678890")},
	}
	// The allocation table links the sasaran to its one program.
	a.Alokasi = []AlokasiRow{{Sasaran: "S", Program: "Program Peningkatan Kewaspadaan Dini", Src: at("C4", "0").Src}}
	a.Indikator = []Indicator{capaianRow(5, "S", "I", "100", "30", "")}
	a.Efisiensi = ef
	return a
}

func TestRuleEfficiencyMismatch(t *testing.T) {
	row := func(capaian, penyerapan, efisiensi string) EfisiensiRow {
		return EfisiensiRow{Sasaran: "S", Src: at("B4", "0").Src,
			Capaian: at("D4", capaian), Penyerapan: at("E4", penyerapan), Efisiensi: at("F4", efisiensi)}
	}
	rasio := func(s *Settings) { s.Efficiency = EfficiencyRasio }
	runRuleCases(t, []ruleCase{
		{name: "selisih agrees", a: sasaranAgency(row("30.00", "71.55", "-41.55"))},
		{name: "the sample: computed from the typed capaian", a: sasaranAgency(row("85.71", "71.55", "14.16")),
			want: []string{"capaian-mismatch@D4", "efficiency-mismatch@F4"}},
		{name: "rasio agrees", a: sasaranAgency(row("30.00", "71.55", "71.55")), settings: rasio},
		{name: "rasio setting, selisih typed: says which", a: sasaranAgency(row("30.00", "71.55", "-41.55")), settings: rasio,
			want: []string{"efficiency-mismatch@F4"}, says: []string{"seharusnya 71,55 %", "metode rasio", "efisien", "angka tertulis sesuai metode selisih"}},
		{name: "selisih setting, rasio typed: says which", a: sasaranAgency(row("30.00", "71.55", "71.55")),
			want: []string{"efficiency-mismatch@F4"}, says: []string{"angka tertulis sesuai metode rasio"}},
		{name: "rasio needs no capaian", a: func() *Agency {
			a := sasaranAgency(EfisiensiRow{Sasaran: "S", Src: at("B4", "0").Src, Efisiensi: at("F4", "70.00")})
			a.Indikator = nil
			return a
		}(), settings: rasio, want: []string{"efficiency-mismatch@F4"}, says: []string{"seharusnya 71,55 %"}},
		{name: "penyerapan typed wrong", a: sasaranAgency(row("30.00", "70.00", "-41.55")),
			want: []string{"percent-mismatch@E4"}, says: []string{"realisasi 557.273.743 ÷ anggaran 778.867.400 × 100 program Program Peningkatan Kewaspadaan Dini"}},
	}, RuleEfficiencyMismatch, RuleCapaianMismatch, RulePercentMismatch)
}

func TestRuleAllocationMismatch(t *testing.T) {
	alokasi := func(a *Agency, anggaran, persen string) *Agency {
		a.Alokasi = []AlokasiRow{{Sasaran: "S", Program: "Program Peningkatan Kewaspadaan Dini", Src: at("C4", "0").Src,
			Anggaran: at("E4", anggaran), Persen: at("F4", persen)}}
		return a
	}
	noBL := func() *Agency {
		return dpa(node(LevelProgram, "Program Peningkatan Kewaspadaan Dini", "5", "250", "100"),
			node(LevelProgram, "Program Lain", "6", "750", "700"))
	}
	runRuleCases(t, []ruleCase{
		{name: "rounded half up agrees", a: alokasi(sasaranAgency(), "778867400", "43.55")},
		{name: "the sample's truncated 43,54 is rounding", a: alokasi(sasaranAgency(), "778867400", "43.54"),
			want: []string{"rounding@F4"}, says: []string{"43,5475", "dipotong"}},
		{name: "typed whole: 44 agrees, 43 is truncated, 45 one unit off", a: alokasi(sasaranAgency(), "778867400", "44")},
		{name: "truncated whole", a: alokasi(sasaranAgency(), "778867400", "43"), want: []string{"rounding@F4"}},
		{name: "one unit off in the last typed place", a: alokasi(sasaranAgency(), "778867400", "45"), want: []string{"rounding@F4"}},
		{name: "wrong share", a: alokasi(sasaranAgency(), "778867400", "45.00"),
			want: []string{"allocation-mismatch@F4"}, says: []string{"seharusnya 43,55 %", "÷ Belanja Langsung 1.788.546.290"}},
		{name: "budget differs from the DPA", a: alokasi(sasaranAgency(), "778841000", "43.55"),
			want: []string{"allocation-mismatch@E4"}, says: []string{"seharusnya 778.867.400 seperti di DPA"}},
		{name: "without Belanja Langsung, the share is of the total", a: alokasi(noBL(), "250", "25"),
			says: []string{}},
		{name: "without Belanja Langsung, wrong share says total belanja", a: alokasi(noBL(), "250", "30"),
			want: []string{"allocation-mismatch@F4"}, says: []string{"total belanja 1.000"}},
	}, RuleAllocationMismatch, RuleRounding)
}

func TestRuleIndicatorNames(t *testing.T) {
	a := func() *Agency {
		a := sasaranAgency(EfisiensiRow{Sasaran: "S", Indikator: "Persentase potensi konflik sosial yang dicegah",
			Src: at("B4", "0").Src, IndikatorSrc: at("C4", "0").Src})
		a.Pohon = []*PohonNode{{Level: PohonSasaran, Name: "S", Src: at("D4", "0").Src, IndikatorSrc: at("E4", "0").Src,
			Indikator: "Persentase penurunan potensi konflik"}}
		a.Indikator = []Indicator{capaianRow(5, "S", "Persentase penurunan potensi konflik", "100", "30", "")}
		return a
	}
	runRuleCases(t, []ruleCase{
		{name: "the efficiency table names the indicator otherwise", a: a(), want: []string{"name-mismatch@C4"},
			says: []string{`Indikator "Persentase potensi konflik sosial yang dicegah" di tabel efisiensi tidak ditemukan di Pohon Kinerja`,
				`mungkin maksudnya "Persentase penurunan potensi konflik"`}},
		{name: "a typing slip in the PK is info", a: func() *Agency {
			x := a()
			x.Efisiensi = nil
			x.PK[0].Indikator = "Persentase penurunan potensi konflk"
			return x
		}(), want: []string{"name-mismatch@E6:info"}},
		{name: "a Pohon indicator no capaian table reports", a: func() *Agency {
			x := a()
			x.Efisiensi = nil
			x.Indikator[0].Name = "Indeks kerukunan umat beragama"
			return x
		}(), want: []string{"name-mismatch@E4", "name-mismatch@C5"}},
	}, RuleNameMismatch)
}
