package calc_test

import (
	"fmt"

	"github.com/shopspring/decimal"

	"lkjip/calc"
)

// sample builds, by hand, the part of the sample agency's files that the
// examples use: one program of the DPA and its Perjanjian Kinerja line.
func sample() *calc.Agency {
	ref := func(file, sheet string, row, col int) calc.Ref {
		return calc.NewRef(file, sheet, row, col)
	}
	fig := func(s string, r calc.Ref) calc.Figure { f := calc.Num(s); f.Src = r; return f }
	prog := &calc.Node{Level: calc.LevelProgram, Name: "Program Peningkatan Kewaspadaan Dini",
		Src:       ref("dpa.xlsx", "Realisasi", 5, 2),
		Anggaran:  fig("778867400", ref("dpa.xlsx", "Realisasi", 5, 3)),
		Realisasi: fig("557273743", ref("dpa.xlsx", "Realisasi", 5, 4)),
		Children: []*calc.Node{
			{Level: calc.LevelKegiatan, Name: "Cegah Dini Permasalahan Sosial", Src: ref("dpa.xlsx", "Realisasi", 6, 2),
				Anggaran: fig("357831000", ref("dpa.xlsx", "Realisasi", 6, 3)), Realisasi: fig("167822403", ref("dpa.xlsx", "Realisasi", 6, 4))},
			{Level: calc.LevelKegiatan, Name: "Deteksi Dini Permasalahan Sosial", Src: ref("dpa.xlsx", "Realisasi", 7, 2),
				Anggaran: fig("421036400", ref("dpa.xlsx", "Realisasi", 7, 3)), Realisasi: fig("389451340", ref("dpa.xlsx", "Realisasi", 7, 4))},
		}}
	return &calc.Agency{
		Budgets: []*calc.Budget{{Root: &calc.Node{Level: calc.LevelTotal, Children: []*calc.Node{prog}}}},
		PK: []calc.PKRow{{Program: "PROGRAM PENINGKATAN KEWASPADAAN DINI", Src: ref("pk.xlsx", "PK", 6, 5),
			Anggaran: fig("778841000", ref("pk.xlsx", "PK", 6, 6))}},
	}
}

func ExampleAnalyze() {
	r := calc.Analyze(sample(), calc.DefaultSettings())
	fmt.Println("penyerapan:", r.Totals.Persen().StringFixed(2))
	for _, f := range r.Findings {
		fmt.Println(f.Src.Cell(), f.Rule, f.Reported, "→", f.Computed)
	}
	// Output:
	// penyerapan: 71.55
	// D6 low-absorption 46.90 → 50
	// F6 pk-budget-mismatch 778841000 → 778867400
}

func ExampleCorrect() {
	a := sample()
	// A typo in the program's realisasi: the kegiatan add up to 557.273.743.
	prog := a.Budgets[0].Root.Children[0]
	prog.Realisasi = prog.Realisasi.WithValue(decimal.RequireFromString("557363743"))
	_, cs := calc.Correct(a, calc.DefaultSettings(), nil)
	for _, c := range cs {
		fmt.Println(c.Src, c.Rule, c.Text())
		fmt.Println(c.Message)
	}
	// The Perjanjian Kinerja's budget is a signed document: a person decides.
	// Output:
	// dpa.xlsx: Realisasi!D5 total-mismatch 557.273.743
	// Program Peningkatan Kewaspadaan Dini: tertulis 557363743, diperbaiki menjadi 557.273.743 (realisasi = jumlah rinciannya; baris paling rinci dianggap benar)
}

func ExampleCapaian() {
	t, r := decimal.NewFromInt(100), decimal.NewFromInt(30)
	c, _ := calc.Capaian(t, r, calc.PolarityPositive, calc.VariantKondisiKhusus)
	fmt.Println(c.StringFixed(2), calc.Predikat(c, calc.LabelsBaik))
	// Lower is better: 8 incidents against a target of 10.
	c, _ = calc.Capaian(decimal.NewFromInt(10), decimal.NewFromInt(8), calc.PolarityNegative, calc.VariantKondisiKhusus)
	fmt.Println(c.StringFixed(2), calc.Predikat(c, calc.LabelsTinggi))
	// Output:
	// 30.00 Sangat Kurang
	// 120.00 Sangat Tinggi
}

func ExampleParseFormula() {
	f, err := calc.ParseFormula("((n-1) - n) / (n-1) x 100%")
	if err != nil {
		panic(err)
	}
	cases := map[int]int64{0: 7, 1: 10} // 2020: 7 cases, 2019: 10
	v, _ := f.Eval(func(v calc.FormulaVar) (decimal.Decimal, bool) {
		return decimal.NewFromInt(cases[v.Back]), v.Year
	})
	fmt.Println(v)
	// Output: 30
}

func ExampleMatchNames() {
	dpa := []calc.Named{{Name: "Program Peningkatan Sarana dan Prasarana Aparatur"}, {Name: "Program Integrasi Kebangsaan"}}
	pohon := []calc.Named{{Name: "Program Integrasi Kebangsan"}, {Name: "Program Perangkat Sarana & Prasarana Aparatur"}}
	m := calc.MatchNames(pohon, dpa)
	for _, p := range m.Pairs {
		fmt.Printf("%q = %q (exact %v)\n", pohon[p.A].Name, dpa[p.B].Name, p.Exact)
	}
	for _, i := range m.UnmatchedA {
		fmt.Printf("%q: maybe %q\n", pohon[i].Name, dpa[m.Suggest[i].B].Name)
	}
	// Output:
	// "Program Integrasi Kebangsan" = "Program Integrasi Kebangsaan" (exact false)
	// "Program Perangkat Sarana & Prasarana Aparatur": maybe "Program Peningkatan Sarana dan Prasarana Aparatur"
}

func ExampleConfig_Apply() {
	s, err := calc.Config{Polaritas: "negatif", Efisiensi: "rasio", AmbangPenyerapan: "60,5"}.Apply(calc.DefaultSettings())
	fmt.Println(s.Polarity, s.Efficiency, s.LowAbsorption, err)
	_, err = calc.Config{Predikat: "bagus"}.Apply(calc.DefaultSettings())
	fmt.Println(err)
	// Output:
	// negatif rasio 60.5 <nil>
	// pengaturan predikat: predikat tidak dikenal: "bagus" (pilihan: tinggi, baik)
}
