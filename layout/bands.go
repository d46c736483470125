package layout

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"lkjip/calc"
)

// band is a predicate band: percentages from min up to the next band's
// min get label.
type band struct {
	min   int64 // lower bound, inclusive; the last band has none
	label string
	fill  string // conditional-format fill
	color string // conditional-format font colour
}

// predikatCuts are the lower bounds of the predicate bands of design.md §5
// (≥ 91, 76–<91, 66–<76, 51–<66, < 51). calc.Predikat holds the same cut
// points; a test checks that both agree, band by band, so the formulas the
// report writes give the predicate calc gives.
func predikatCuts() []int64 { return []int64{91, 76, 66, 51} }

// predikatBands are the bands under a label set, highest first, with their
// colours from green to red. Labels come from calc.Predikat itself.
func predikatBands(set calc.LabelSet) []band {
	fills := [...][2]string{
		{"C6EFCE", "006100"}, {"E2EFDA", "375623"}, {"FFF2CC", "7F6000"}, {"FCE4D6", "843C0C"}, {"FFC7CE", "9C0006"},
	}
	cuts := predikatCuts()
	out := make([]band, 0, len(cuts)+1)
	for i, cut := range cuts {
		out = append(out, band{min: cut, label: calc.Predikat(decimal.NewFromInt(cut), set), fill: fills[i][0], color: fills[i][1]})
	}
	last := len(cuts)
	return append(out, band{label: calc.Predikat(decimal.NewFromInt(cuts[last-1]-1), set),
		fill: fills[last][0], color: fills[last][1]})
}

// predikatFormula names the band of the percentage in cell pct, as
// calc.Predikat does: IF(G5>=91,"Sangat Tinggi",IF(G5>=76,…)). An empty
// cell gives "".
func predikatFormula(pct string, bands []band) string {
	return strings.ReplaceAll(predikatTemplate(bands), cellMark, pct)
}

// cellMark stands for the percentage cell in predikatTemplate.
const cellMark = "\x00"

// appendPredikat appends the predicate formula of the percentage in
// col, row; parts is predikatTemplate cut at each cellMark, once per
// report, so that a row's formula is a few appends.
func appendPredikat(dst []byte, parts []string, col string, row int) []byte {
	for i, p := range parts {
		if i > 0 {
			dst = appendRef(dst, col, row)
		}
		dst = append(dst, p...)
	}
	return dst
}

// predikatTemplate is predikatFormula with cellMark for the cell, built
// once per sheet: a budget sheet has a predicate on every row.
func predikatTemplate(bands []band) string {
	f := quoteText(bands[len(bands)-1].label)
	for i := len(bands) - 2; i >= 0; i-- {
		f = fmt.Sprintf("IF(%s>=%d,%s,%s)", cellMark, bands[i].min, quoteText(bands[i].label), f)
	}
	return fmt.Sprintf(`IF(ISNUMBER(%s),%s,"")`, cellMark, f)
}

// bandFormats colours the predicate cells in rng (e.g. "H5:H40") by the band
// of the percentage in column pctCol of the same row, first row first.
// Only the predicate column is coloured: the percentage cell keeps the
// fill of any finding on it.
func bandFormats(f *excelize.File, sheet, rng, pctCol string, firstRow int, bands []band) error {
	pct := fmt.Sprintf("$%s%d", pctCol, firstRow)
	var rules []excelize.ConditionalFormatOptions
	for i, b := range bands {
		id, err := conditional(f, b.fill, b.color)
		if err != nil {
			return err
		}
		cond := fmt.Sprintf("AND(ISNUMBER(%s),%s>=%d", pct, pct, b.min)
		if i == len(bands)-1 {
			cond = fmt.Sprintf("AND(ISNUMBER(%s)", pct)
		}
		if i > 0 {
			cond += fmt.Sprintf(",%s<%d", pct, bands[i-1].min)
		}
		rules = append(rules, excelize.ConditionalFormatOptions{Type: "formula", Criteria: cond + ")", Format: &id})
	}
	return f.SetConditionalFormat(sheet, rng, rules)
}
