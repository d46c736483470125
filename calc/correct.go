package calc

import (
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"
)

// Correction is one cell that a corrected copy of the agency's workbook
// changes: where it is, what was typed, what it becomes, and why.
type Correction struct {
	Src     Ref
	Rule    Rule // the rule whose finding the correction resolves
	Subject string
	Old     Figure          // as typed; Kind Blank or Invalid when the cell held no number
	New     decimal.Decimal // exact
	Places  int32           // decimals to show
	Message string          // Bahasa Indonesia: what it was, what it becomes, why
}

// Text is the new value in Indonesian form, with the "%" the old text had.
func (c Correction) Text() string {
	s := FormatID(c.New, c.Places)
	switch t := strings.TrimSpace(c.Old.Text); {
	case strings.HasSuffix(t, " %"):
		s += " %"
	case strings.HasSuffix(t, "%"):
		s += "%"
	}
	return s
}

// maxCorrectPasses bounds the analysis passes of Correct. Each pass can
// only settle figures that depend on figures the pass before corrected
// (realisasi → capaian → efisiensi), so three suffice; one more proves it.
const maxCorrectPasses = 4

// Correct returns a corrected copy of a and the corrections made, in file,
// sheet, row, column order; a itself is not modified. The lowest level of
// each budget table is the truth (design.md §5): every parent's anggaran
// and realisasi become the sum of its children, and every percentage and
// sisa is recomputed from the corrected amounts. A supporting data table's
// total row becomes the sum of its rows. Then the figures that other
// documents copy or derive are set to what lkjip computes: Perjanjian
// Kinerja budgets to the DPA, allocation shares, capaian, efisiensi, and an
// indicator's realisasi to its Pohon Kinerja formula's value.
//
// Nothing is guessed: a parent whose leaves include a cell that is not a
// number (or a blank anggaran) is left as typed, and so are figures no
// rule can recompute (targets, leaf amounts, realisasi over anggaran).
// Correcting a corrected copy changes nothing.
func Correct(a *Agency, s Settings) (*Agency, []Correction) {
	b := a.Clone()
	var out []Correction
	for _, bud := range b.Budgets {
		correctNode(bud.Root, &out)
	}
	for i := range b.Data {
		correctData(&b.Data[i], &out)
	}
	for range maxCorrectPasses {
		fixes := Analyze(b, s).fixes
		if len(fixes) == 0 {
			break
		}
		cells := figureCells(b)
		done := map[Ref]bool{}
		for _, f := range fixes {
			if done[f.Src] {
				continue // one value per cell per pass; the next pass settles the rest
			}
			done[f.Src] = true
			for _, fig := range cells[f.Src] {
				setFigure(fig, f.New, f.Places)
			}
			out = append(out, f)
		}
	}
	return b, mergeCorrections(out)
}

// mergeCorrections keeps one correction per cell (the first, with the
// last value, when later passes changed a cell again) in cell order.
func mergeCorrections(cs []Correction) []Correction {
	byCell := map[Ref]int{}
	var out []Correction
	for _, c := range cs {
		if i, ok := byCell[c.Src]; ok {
			out[i].New, out[i].Places = c.New, c.Places
			continue
		}
		byCell[c.Src] = len(out)
		out = append(out, c)
	}
	slices.SortStableFunc(out, func(x, y Correction) int { return x.Src.Compare(y.Src) })
	return out
}

// fix records the value a typed figure should hold, for Correct. Checks call
// it where they judge a copied or derived figure wrong.
func (c *checker) fix(typed Figure, value decimal.Decimal, places int32, rule Rule, subject, why string) {
	if typed.Src.IsZero() {
		return
	}
	c.fixes = append(c.fixes, newCorrection(typed, value, places, rule, subject, why))
}

func newCorrection(typed Figure, value decimal.Decimal, places int32, rule Rule, subject, why string) Correction {
	cor := Correction{Src: typed.Src, Rule: rule, Subject: subject, Old: typed, New: value, Places: places}
	old := typedText(typed)
	if !typed.Present() && typed.Text == "" {
		old = "kosong"
	}
	cor.Message = fmt.Sprintf("%s: tertulis %s, diperbaiki menjadi %s (%s)", subject, old, cor.Text(), why)
	return cor
}

// percentPlaces is the number of decimals a corrected percentage keeps:
// as many as were typed, and at least two.
func percentPlaces(typed Figure) int32 { return max(typed.Places, 2) }

// setFigure gives a figure a corrected value, shown the Indonesian way.
func setFigure(f *Figure, v decimal.Decimal, places int32) {
	f.Value, f.Kind, f.Places, f.NoCache = v, Number, places, false
	f.Text = FormatID(v, places)
}

// correctNode corrects a budget subtree from its leaves up and returns its
// anggaran and realisasi, with whether each is known (every leaf below
// holds a number; a blank leaf realisasi counts as zero).
func correctNode(n *Node, out *[]Correction) (ang, real decimal.Decimal, okA, okR bool) {
	subject := n.Name
	if subject == "" {
		subject = "Jumlah"
	}
	if len(n.Children) == 0 {
		ang, okA = n.Anggaran.Value, n.Anggaran.Kind == Number
		switch n.Realisasi.Kind {
		case Number:
			real, okR = n.Realisasi.Value, true
		case Blank, Absent:
			real, okR = decimal.Zero, true
		}
	} else {
		okA, okR = true, true
		for _, ch := range n.Children {
			a, r, ka, kr := correctNode(ch, out)
			ang, real = ang.Add(a), real.Add(r)
			okA, okR = okA && ka, okR && kr
		}
		if okA {
			correctAmount(&n.Anggaran, ang, subject, "anggaran", true, out)
		}
		if okR {
			correctAmount(&n.Realisasi, real, subject, "realisasi", !real.IsZero(), out)
		}
	}
	if okA && okR {
		correctPersen(n, ang, real, subject, out)
		correctSisa(n, ang, real, subject, out)
	}
	return ang, real, okA, okR
}

// correctAmount sets a parent's amount to the sum of its children. A blank
// cell is filled only when fill is set (a blank realisasi over children
// that spent nothing is not wrong).
func correctAmount(f *Figure, sum decimal.Decimal, subject, what string, fill bool, out *[]Correction) {
	var blank Rule
	switch {
	case !fill:
	case what == "realisasi":
		blank = RuleTotalMismatch
	default:
		blank = RuleMissingValue
	}
	correctTo(f, sum, amountPlaces(sum), compareAmount, RuleTotalMismatch, blank, subject,
		what+" = jumlah rinciannya; baris paling rinci dianggap benar", out)
}

// correctPersen recomputes a row's typed percentage.
func correctPersen(n *Node, ang, real decimal.Decimal, subject string, out *[]Correction) {
	correctTo(&n.Persen, Percent(real, ang), percentPlaces(n.Persen), compareRounded, RulePercentMismatch, "", subject,
		fmt.Sprintf("realisasi %s ÷ anggaran %s × 100", formatAmount(real), formatAmount(ang)), out)
}

// correctSisa recomputes a row's typed sisa.
func correctSisa(n *Node, ang, real decimal.Decimal, subject string, out *[]Correction) {
	exact := ang.Sub(real)
	correctTo(&n.Sisa, exact, amountPlaces(exact), compareAmount, RuleSisaMismatch, "", subject,
		fmt.Sprintf("anggaran %s − realisasi %s", formatAmount(ang), formatAmount(real)), out)
}

// correctTo sets a typed figure to exact (rounded to places) unless judge
// says it agrees, and records why: rule mismatch for a wrong number,
// rounding for a rounding difference, not-a-number for text, and blank for
// an empty cell ("" leaves an empty cell alone). An absent column is left
// alone.
func correctTo(f *Figure, exact decimal.Decimal, places int32, judge func(Figure, decimal.Decimal) verdict,
	mismatch, blank Rule, subject, why string, out *[]Correction) {
	var rule Rule
	switch f.Kind {
	case Absent:
		return
	case Blank:
		rule = blank
	case Invalid:
		rule = RuleNotANumber
	case Number:
		switch judge(*f, exact) {
		case rounded:
			rule = RuleRounding
		case differs:
			rule = mismatch
		}
	}
	if rule == "" {
		return
	}
	value := exact.Round(places)
	*out = append(*out, newCorrection(*f, value, places, rule, subject, why))
	setFigure(f, value, places)
}

// correctData sets a data table's typed total row to the sum of its rows,
// column by column, where every row holds a number or nothing.
func correctData(t *DataTable, out *[]Correction) {
	if t.Total == nil || len(t.Rows) == 0 {
		return
	}
	for i := range t.Total.Values {
		sum, ok := columnValue(t, columnName(t, i))
		if ok {
			correctTo(&t.Total.Values[i], sum, amountPlaces(sum), compareAmount, RuleTotalMismatch, "", t.Total.Label,
				fmt.Sprintf("jumlah baris-baris kolom %s", columnTitle(*t, i)), out)
		}
	}
}

// columnName is the key columnValue reads column i by.
func columnName(t *DataTable, i int) string {
	if i < len(t.Columns) {
		return t.Columns[i]
	}
	return ""
}

// figureCells maps every cell of the agency that holds a figure to the
// figures read from it (one cell can feed several rows of the model, as a
// merged target does for each year of an indicator).
func figureCells(a *Agency) map[Ref][]*Figure {
	m := map[Ref][]*Figure{}
	add := func(fs ...*Figure) {
		for _, f := range fs {
			if !f.Src.IsZero() {
				m[f.Src] = append(m[f.Src], f)
			}
		}
	}
	for _, b := range a.Budgets {
		b.Root.Walk(func(n *Node) bool {
			add(&n.Anggaran, &n.Realisasi, &n.Persen, &n.Sisa)
			return true
		})
	}
	for i := range a.PK {
		add(&a.PK[i].Anggaran)
	}
	for i := range a.Indikator {
		ind := &a.Indikator[i]
		add(&ind.Target, &ind.Realisasi, &ind.Capaian)
	}
	for i := range a.Efisiensi {
		e := &a.Efisiensi[i]
		add(&e.Capaian, &e.Penyerapan, &e.Efisiensi)
	}
	for i := range a.Alokasi {
		add(&a.Alokasi[i].Anggaran, &a.Alokasi[i].Persen)
	}
	for i := range a.Data {
		t := &a.Data[i]
		for j := range t.Rows {
			for k := range t.Rows[j].Values {
				add(&t.Rows[j].Values[k])
			}
		}
		if t.Total != nil {
			for k := range t.Total.Values {
				add(&t.Total.Values[k])
			}
		}
	}
	return m
}
