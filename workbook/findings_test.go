package workbook

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"lkjip/calc"
)

// budgetRules are the checks of a DPA table's own arithmetic.
var budgetRules = map[calc.Rule]bool{
	calc.RuleTotalMismatch: true, calc.RulePercentMismatch: true,
	calc.RuleSisaMismatch: true, calc.RuleOverRealization: true,
}

// TestCorpusFaults: the planted faults (make_corpus.py, FAULTS) are found
// at their cells in every format, and nothing else is.
func TestCorpusFaults(t *testing.T) {
	want := map[string]calc.Rule{
		"C26": calc.RuleTotalMismatch,   // program 2.16.02, anggaran typed 10 000 000 too high
		"F17": calc.RulePercentMismatch, // sub-kegiatan 2.16.01.2.01.0006, % typed 0,50 too high
		"E30": calc.RuleSisaMismatch,    // account 5.1.02.02.01.0063, sisa typed 1 000 000 too high
		"D38": calc.RuleOverRealization, // account 5.1.02.02.01.0030, 160 000 000 of 150 000 000
	}
	for _, name := range []string{"faults.xlsx", "faults.xls", "faults.ods"} {
		t.Run(name, func(t *testing.T) {
			r := calc.Analyze(readCorpus(t, name), calc.DefaultSettings())
			got := map[string]calc.Rule{}
			for _, f := range r.Findings {
				if f.Severity == calc.Error {
					assert.True(t, budgetRules[f.Rule], "unexpected finding: %s", f)
				}
				if budgetRules[f.Rule] {
					assert.Equal(t, "Realisasi", f.Src.Sheet())
					_, dup := got[f.Src.Cell()]
					assert.False(t, dup, "two findings at %s", f.Src.Cell())
					got[f.Src.Cell()] = f.Rule
				}
			}
			assert.Equal(t, want, got)
		})
	}
}

// TestCorpusSIPDTotals: the SIPD table in every form it was written in
// (numbers, formulas without stored results, recalculated, .xls, .ods,
// CSV, HTML) gives the same exact totals and the same tree, with no
// finding about its arithmetic.
func TestCorpusSIPDTotals(t *testing.T) {
	for _, name := range []string{"sipd.xlsx", "sipd-formulas.xlsx", "sipd-formulas-lo.xlsx", "sipd.xls", "sipd-gnumeric.xls",
		"sipd.ods", "sipd-nocache.ods", "realisasi-semicolon.csv", "realisasi-comma.csv", "export-web.xls"} {
		t.Run(name, func(t *testing.T) {
			a := readCorpus(t, name)
			r := calc.Analyze(a, calc.DefaultSettings())
			assert.Equal(t, "2433400000.5", r.Totals.Anggaran.String())
			assert.Equal(t, "2343542266.25", r.Totals.Realisasi.String())
			require.Len(t, a.Budgets, 1)
			root := a.Budgets[0].Root
			assert.Equal(t, "2433400000.5", root.Anggaran.Value().String(), "the typed grand total, never 0")
			counts := map[calc.Level]int{}
			root.Walk(func(n *calc.Node) bool { counts[n.Level]++; return true })
			assert.Equal(t, map[calc.Level]int{calc.LevelTotal: 1, calc.LevelGroup: 2, calc.LevelProgram: 3, calc.LevelKegiatan: 4,
				calc.LevelSubKegiatan: 5, calc.LevelAkun: 6, calc.LevelRekening: 12}, counts)
			noCache := 0
			for _, f := range r.Findings {
				assert.False(t, budgetRules[f.Rule] || f.Severity == calc.Error, "unexpected finding: %s", f)
				if f.Rule == calc.RuleFormulaNoCache {
					noCache++
				}
			}
			if strings.Contains(name, "formulas.") || strings.Contains(name, "nocache") {
				// Every parent row's four formulas, and the total row's.
				assert.Equal(t, (1+1+3+4+5+6)*4+4, noCache)
			} else {
				assert.Zero(t, noCache)
			}
		})
	}
}
