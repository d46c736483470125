package layout

import (
	"fmt"

	"github.com/shopspring/decimal"

	"lkjip/calc"
)

// synthSize shapes a synthetic agency: budget tables, and per table the
// programs, kegiatan per program, sub-kegiatan per kegiatan and accounts
// (rekening) per sub-kegiatan. Accounts are the leaves.
type synthSize struct {
	tables, programs, kegiatan, sub, rekening int
}

// rows is the number of budget rows the report will show.
func (s synthSize) rows() int {
	perProgram := 1 + s.kegiatan*(1+s.sub*(1+s.rekening))
	return s.tables * (2 + s.programs*perProgram)
}

// synthResult builds and analyses a large agency the way the reader would
// hand it over (every figure with its source cell), with the faults real
// files have: some typed kegiatan totals off by a little or a lot, absorption
// low here and there, a program spelled differently in the Pohon Kinerja.
func synthResult(s synthSize) *calc.Result {
	a := &calc.Agency{Name: "Dinas Sintetis Kabupaten Contoh", Year: 2024}
	row := 0
	// fig is a figure typed in column col of the row of n.
	fig := func(n *calc.Node, col int, v decimal.Decimal) calc.Figure {
		return calc.Figure{Kind: calc.Number, Src: n.Src.At(int(n.Src.Row), col)}.WithValue(v).WithText(v.String())
	}
	node := func(file string, level calc.Level, code, name string) *calc.Node {
		row++
		return &calc.Node{Level: level, Code: code, Name: name, Src: calc.NewRef(file, "DPA", row, 2)}
	}
	for t := 0; t < s.tables; t++ {
		file := fmt.Sprintf("dpa-%02d.xlsx", t+1)
		row = 0
		root := node(file, calc.LevelTotal, "", "JUMLAH")
		group := node(file, calc.LevelGroup, "5.1", "Belanja Operasi")
		root.Children = []*calc.Node{group}
		for p := 0; p < s.programs; p++ {
			pc := fmt.Sprintf("2.16.%02d", p+1)
			prog := node(file, calc.LevelProgram, pc, fmt.Sprintf("Program Sintetis %d-%d", t+1, p+1))
			group.Children = append(group.Children, prog)
			var progAng, progReal decimal.Decimal
			for k := 0; k < s.kegiatan; k++ {
				kc := fmt.Sprintf("%s.2.%02d", pc, k+1)
				keg := node(file, calc.LevelKegiatan, kc, fmt.Sprintf("Kegiatan %s", kc))
				prog.Children = append(prog.Children, keg)
				var kegAng, kegReal decimal.Decimal
				for u := 0; u < s.sub; u++ {
					uc := fmt.Sprintf("%s.%04d", kc, u+1)
					sub := node(file, calc.LevelSubKegiatan, uc, fmt.Sprintf("Sub Kegiatan %s", uc))
					keg.Children = append(keg.Children, sub)
					var subAng, subReal decimal.Decimal
					for r := 0; r < s.rekening; r++ {
						acc := node(file, calc.LevelRekening, fmt.Sprintf("5.1.02.01.01.%04d", r+1), "Belanja Barang Pakai Habis")
						ang := decimal.NewFromInt(int64(1_000_000 + (row*7919)%9_000_000)).Add(decimal.New(int64(row%100), -2))
						real := ang.Mul(decimal.NewFromInt(int64(30 + (row*31)%75))).Div(decimal.NewFromInt(100)).Round(0)
						acc.Anggaran, acc.Realisasi = fig(acc, 3, ang), fig(acc, 4, real)
						sub.Children = append(sub.Children, acc)
						subAng, subReal = subAng.Add(ang), subReal.Add(real)
					}
					sub.Anggaran, sub.Realisasi = fig(sub, 3, subAng), fig(sub, 4, subReal)
					kegAng, kegReal = kegAng.Add(subAng), kegReal.Add(subReal)
				}
				if k%7 == 3 {
					kegAng = kegAng.Add(decimal.NewFromInt(1000)) // a typing slip in a total
				}
				keg.Anggaran, keg.Realisasi = fig(keg, 3, kegAng), fig(keg, 4, kegReal)
				progAng, progReal = progAng.Add(kegAng), progReal.Add(kegReal)
			}
			prog.Anggaran, prog.Realisasi = fig(prog, 3, progAng), fig(prog, 4, progReal)
		}
		a.Budgets = append(a.Budgets, &calc.Budget{Root: root})
	}
	a.Pohon = synthPohon(s)
	return calc.Analyze(a, calc.DefaultSettings())
}

// synthPohon is a performance tree naming the first table's programs, one
// of them spelled differently.
func synthPohon(s synthSize) []*calc.PohonNode {
	src := func(row int) calc.Ref { return calc.NewRef("pohon.xlsx", "Cascading", row, 7) }
	sasaran := &calc.PohonNode{Level: calc.PohonSasaran, Name: "Meningkatnya kinerja sintetis", Src: src(4), Indikator: "Indeks sintetis"}
	tujuan := &calc.PohonNode{Level: calc.PohonTujuan, Name: "Terwujudnya tata kelola sintetis", Src: src(3), Children: []*calc.PohonNode{sasaran}}
	for p := 0; p < s.programs; p++ {
		name := fmt.Sprintf("Program Sintetis 1-%d", p+1)
		if p == 1 {
			name = fmt.Sprintf("Program Sintetik 1-%d", p+1)
		}
		sasaran.Children = append(sasaran.Children, &calc.PohonNode{Level: calc.PohonProgram, Name: name, Src: src(5 + p)})
	}
	return []*calc.PohonNode{tujuan}
}
