package workbook

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// formulaSheet is a small sheet: amounts with decimals in C2:C4, text in
// C5, a blank C6, a percent in D2, and the formula under test in E1.
func formulaSheet(formula string) *sheet {
	num := func(s string) cell { return cell{Text: s, Kind: cellNumber} }
	return &sheet{Name: "Data", Rows: [][]cell{
		{{}, {}, {}, {}, {Formula: formula, NoCache: true}},
		{{}, {}, num("1788546290.8"), num("0.25")},
		{{}, {}, num("0.1")},
		{{}, {}, num("0.2")},
		{{}, {}, {Text: "1.000", Kind: cellText}},
	}}
}

func TestEvaluateFormulas(t *testing.T) {
	tests := []struct {
		formula string
		kind    cellKind
		want    string
	}{
		{"SUM(C2:C4)", cellNumber, "1788546291.1"},
		{"C3+C4", cellNumber, "0.3"},                              // exact, not 0.30000000000000004
		{"=SUM(C2:C6)", cellNumber, "1788546291.1"},               // text and blanks skipped in a range
		{"C2+C5", cellText, "=C2+C5"},                             // text in arithmetic: not a number, never 0
		{"ROUND(C3/C4*100,2)", cellNumber, "50"},                  //
		{"ROUND(2.345,2)", cellNumber, "2.35"},                    // half away from zero
		{"ROUNDDOWN(2.349,2)", cellNumber, "2.34"},                //
		{"ROUNDUP(-2.341,2)", cellNumber, "-2.35"},                //
		{"IF(C2=0,0,D2*100)", cellNumber, "25"},                   //
		{"IF(C6=0,1,2)", cellNumber, "1"},                         // a blank is 0
		{"-(C3-C4)%", cellNumber, "0.001"},                        //
		{"SUBTOTAL(9,C3:C4)", cellNumber, "0.3"},                  //
		{"'Data'!C3+Data!C4", cellNumber, "0.3"},                  // references to a sheet by name
		{"C3/0", cellText, "=C3/0"},                               // #DIV/0!
		{"E1+1", cellText, "=E1+1"},                               // a cycle
		{"VLOOKUP(C2,C2:D4,2)", cellText, "=VLOOKUP(C2,C2:D4,2)"}, // unsupported, no fallback here
		{"\"teks\"", cellText, "teks"},
	}
	for _, tt := range tests {
		t.Run(tt.formula, func(t *testing.T) {
			s := formulaSheet(tt.formula)
			evaluateFormulas([]*sheet{s}, nil)
			c := s.at(1, 5)
			assert.Equal(t, tt.kind, c.Kind)
			assert.Equal(t, tt.want, c.Text)
			assert.True(t, c.NoCache, "an evaluated formula stays marked")
		})
	}
}

func TestEvaluateFormulasFallback(t *testing.T) {
	s := formulaSheet("VLOOKUP(C2,C2:D4,2)")
	evaluateFormulas([]*sheet{s}, func(sheetName string, row, col int) (string, bool) {
		assert.Equal(t, "Data", sheetName)
		assert.Equal(t, [2]int{1, 5}, [2]int{row, col})
		return "0.25000000000000006", true
	})
	assert.Equal(t, cell{Text: "0.25", Kind: cellNumber, Formula: "VLOOKUP(C2,C2:D4,2)", NoCache: true}, s.at(1, 5))
}

func TestFallbackSafe(t *testing.T) {
	tests := []struct {
		name, formula string
		safe          bool
	}{
		{"known function over values", "VLOOKUP(C2,C2:D400,2)", true},
		{"text and numbers", `IF(C2>1.5,"ya","tidak")`, true},
		{"another sheet", "MAX('Data'!C2:C4)+Data!C3", true},
		{"a whole column", "SUM(A:A)", false},
		{"whole rows", "SUM(1:1048576)", false},
		{"a range past the limit", "SUM(A1:XFD1048576)", false},
		{"ranges past the limit together", "MAX(A1:A60000,B1:B60000)", false},
		{"text of any size", `REPT("x",1E9)`, false},
		{"cells the formula does not name", `SUM(INDIRECT("A1:A9"))`, false},
		{"a defined name", "MAX(Anggaran)", false},
		{"a structured reference", "SUM(Tabel1[Anggaran])", false},
		{"a cell holding a formula", "MAX(E1:E1)+1", false},
		{"an unknown sheet", "MAX(Lain!C2)", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := formulaSheet(tt.formula)
			e := &evaluator{sheets: map[string]*sheet{"data": s}}
			assert.Equal(t, tt.safe, e.fallbackSafe(s, tt.formula))
		})
	}
}

func TestEvaluateDeepChain(t *testing.T) {
	// Each cell refers to the one below: evaluating the first goes as deep
	// as the chain, which must stop at maxEvalDepth, not at the stack's end.
	const n = 200_000
	rows := make([][]cell, n)
	for i := range rows {
		rows[i] = []cell{{Formula: fmt.Sprintf("A%d+1", i+2), NoCache: true}}
	}
	rows[n-1] = []cell{{Text: "1", Kind: cellNumber}}
	s := &sheet{Name: "Data", Rows: rows}
	evaluateFormulas([]*sheet{s}, nil)
	assert.Equal(t, cellText, s.at(1, 1).Kind, "too deep: kept as its formula")
	assert.Equal(t, "=A2+1", s.at(1, 1).Text)
	assert.Equal(t, "2", s.at(n-1, 1).Text)

	t.Run("parentheses", func(t *testing.T) {
		f := strings.Repeat("(", 30000) + "1" + strings.Repeat(")", 30000)
		s := formulaSheet(f)
		evaluateFormulas([]*sheet{s}, nil)
		assert.Equal(t, "="+f, s.at(1, 5).Text)
	})
}
