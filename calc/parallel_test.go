package calc

import (
	"fmt"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestParallelCheck checks a budget large enough to be cut into runs on
// two goroutines and compares everything with the check on one: the same
// findings in the same order, the same corrections.
func TestParallelCheck(t *testing.T) {
	a := largeAgency(3 * parallelRows)
	one := analyze(a, DefaultSettings(), 1)
	two := analyze(a, DefaultSettings(), 2)
	require.Greater(t, len(one.Findings), 50)
	assert.Equal(t, one.Findings, two.Findings)
	assert.Equal(t, one.fixes, two.fixes)
	assert.Equal(t, one.Totals, two.Totals)
}

// largeAgency is one budget table of about rows rows: programs of
// kegiatan of accounts, with a mistyped total, percentage or sisa now and
// then.
func largeAgency(rows int) *Agency {
	row := 0
	fig := func(col int, v decimal.Decimal, places int32) Figure {
		return Figure{Kind: Number, Places: places, Src: NewRef("dpa.xlsx", "DPA", row, col)}.WithValue(v)
	}
	node := func(level Level, name string) *Node {
		row++
		return &Node{Level: level, Name: name, Src: NewRef("dpa.xlsx", "DPA", row, 2)}
	}
	typeRow := func(n *Node, ang, real decimal.Decimal) {
		n.Anggaran, n.Realisasi = fig(3, ang, 0), fig(4, real, 0)
		n.Sisa = fig(5, ang.Sub(real), 0)
		n.Persen = fig(6, Percent(real, ang).Round(2), 2)
		switch row % 97 {
		case 3:
			n.Persen = n.Persen.WithValue(n.Persen.Value().Add(decimal.NewFromInt(1)))
		case 5:
			n.Sisa = n.Sisa.WithValue(n.Sisa.Value().Add(decimal.NewFromInt(10)))
		case 7:
			n.Persen = n.Persen.WithValue(n.Persen.Value().Add(decimal.New(1, -2))) // off by rounding
		}
	}
	root := node(LevelTotal, "JUMLAH")
	for p := 0; row < rows; p++ {
		prog := node(LevelProgram, fmt.Sprintf("Program %d", p))
		root.Children = append(root.Children, prog)
		var pa, pr decimal.Decimal
		for k := range 10 {
			keg := node(LevelKegiatan, fmt.Sprintf("Kegiatan %d.%d", p, k))
			prog.Children = append(prog.Children, keg)
			var ka, kr decimal.Decimal
			for r := range 30 {
				acc := node(LevelRekening, "Belanja")
				ang := decimal.NewFromInt(int64(1_000_000 + (row*7919)%9_000_000))
				real := ang.Mul(decimal.NewFromInt(int64(30 + (row*31+r)%80))).Div(decimal.NewFromInt(100)).Round(0)
				typeRow(acc, ang, real)
				keg.Children = append(keg.Children, acc)
				ka, kr = ka.Add(ang), kr.Add(real)
			}
			if k == 4 {
				ka = ka.Add(decimal.NewFromInt(1000))
			}
			typeRow(keg, ka, kr)
			pa, pr = pa.Add(ka), pr.Add(kr)
		}
		typeRow(prog, pa, pr)
	}
	return &Agency{Name: "Dinas Sintetis", Year: 2024, Budgets: []*Budget{{Root: root}},
		Inputs: []Input{{File: "dpa.xlsx"}}}
}
