package calc

import (
	"fmt"
	"slices"

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
	// Percent: the figure is a percentage (Places may then be many more
	// than the two a person reads, for a stored floating-point result).
	Percent bool
	// Why says how the new value follows, in Bahasa Indonesia ("anggaran
	// 100 − realisasi 80").
	Why     string
	Message string // Bahasa Indonesia: what it was, what it becomes, why
}

// Text is the new value written the way the old one was typed: Indonesian
// form unless the cell used English separators, with the old text's
// currency, unit, "%" and brackets (see FormatLike).
func (c Correction) Text() string { return FormatLike(c.Old.Text(), c.New, c.Places) }

// Correct returns a corrected copy of a and the corrections made, in file,
// sheet, row, column order; a itself is not modified.
//
// The copy changes only what the agency's own tables determine from their
// lowest rows (design.md §5: leaves are the truth):
//   - a budget parent's anggaran and realisasi become the sum of its
//     children (total-mismatch; missing-value or not-a-number for a blank
//     or text parent);
//   - a budget row's percentage and sisa are recomputed from the row's
//     amounts once its leaves confirm them (percent-mismatch,
//     sisa-mismatch);
//   - a supporting data table's total row becomes the sum of its rows
//     (total-mismatch);
//   - the allocation table's program anggaran and share of Belanja
//     Langsung follow the DPA (allocation-mismatch), and the efficiency
//     table's penyerapan follows the DPA amounts of the sasaran's programs
//     (percent-mismatch).
//
// Everything else is for a person and left as typed: leaf amounts,
// realisasi over anggaran, Perjanjian Kinerja budgets (a signed document),
// capaian, efisiensi and indicator realisasi (judged against an
// indicator's own data), names, and figures off only by rounding (not an
// error). A percentage or sisa off only by rounding follows its row's
// amounts when they were corrected, and a rounded parent is made exact only
// where its own parent's total needs it. Nothing is guessed: a parent with a leaf that is not a number
// is left as typed, and so is everything derived from it.
//
// keep names cells a person must look at although a rule would correct
// them (a formula whose own result differs from the corrected value): they
// stay as typed, and the rows above them add up to what they show, as if
// they were leaves. Correcting a corrected copy changes nothing.
func Correct(a *Agency, s Settings, keep map[Ref]bool) (*Agency, []Correction) {
	b := a.Clone()
	k := &corrector{keep: keep, sums: map[*Node]nodeSums{}, moved: map[*Node]bool{}}
	for _, bud := range b.Budgets {
		k.amounts(bud.Root)
		bud.Root.Walk(func(n *Node) bool {
			k.rates(n)
			return true
		})
	}
	for i := range b.Data {
		k.data(&b.Data[i])
	}
	// Figures derived across tables (allocation, efficiency) depend only
	// on the leaves' sums, so one analysis of the corrected tables settles
	// them all.
	cells := figureCells(b)
	for _, f := range Analyze(b, s).fixes {
		if k.keep[f.Src] {
			continue
		}
		for _, fig := range cells[f.Src] {
			setFigure(fig, f.New, f.Places)
		}
		k.out = append(k.out, f)
	}
	return b, mergeCorrections(k.out)
}

// corrector carries one run of Correct.
type corrector struct {
	keep  map[Ref]bool
	sums  map[*Node]nodeSums
	moved map[*Node]bool // rows whose amounts were corrected
	out   []Correction
}

// nodeSums are a node's amounts summed from its leaves, and whether each is
// known: every leaf below holds a number (a blank leaf realisasi counts as
// zero; a kept cell counts as the number it shows).
type nodeSums struct {
	Amounts
	okA, okR bool
}

// mergeCorrections keeps one correction per cell (the first, with the
// last value, should a cell be set twice) in cell order.
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

// fix records the value a derived figure should hold, for Correct. Only the
// checks whose figures the corrected copy may change call it.
func (c *checker) fix(typed Figure, value decimal.Decimal, places int32, pct bool, rule Rule, subject, why string) {
	if typed.Src.IsZero() {
		return
	}
	c.fixes = append(c.fixes, newCorrection(typed, value, places, pct, rule, subject, why))
}

// fixPercent records a percentage judged wrong: exact, rounded to the
// places percentPlaces keeps.
func (c *checker) fixPercent(typed Figure, exact decimal.Decimal, rule Rule, subject, why string) {
	places := percentPlaces(typed)
	c.fix(typed, exact.Round(places), places, true, rule, subject, why)
}

func newCorrection(typed Figure, value decimal.Decimal, places int32, pct bool, rule Rule, subject, why string) Correction {
	cor := Correction{Src: typed.Src, Rule: rule, Subject: subject, Old: typed, New: value, Places: places, Percent: pct, Why: why}
	cor.Message = fmt.Sprintf("%s: tertulis %s, diperbaiki menjadi %s (%s)", subject, oldText(typed), cor.Text(), why)
	return cor
}

// oldText quotes what a corrected cell held.
func oldText(f Figure) string {
	if !f.Present() && f.Text() == "" {
		return "kosong"
	}
	return typedText(f)
}

// percentPlaces is the number of decimals a corrected percentage keeps:
// as many as were typed, and at least two.
func percentPlaces(typed Figure) int32 { return max(typed.Places, 2) }

// setFigure gives a figure a corrected value, shown the way it was typed.
func setFigure(f *Figure, v decimal.Decimal, places int32) {
	*f = f.WithText(FormatLike(f.Text(), v, places)).WithValue(v)
	f.Kind, f.Places, f.NoCache = Number, places, false
}

// subjectOf names a budget row in corrections.
func subjectOf(n *Node) string {
	if n.Name == "" {
		return "Jumlah"
	}
	return n.Name
}

// column picks one amount column of a budget row.
type column struct {
	what string // "anggaran" or "realisasi"
	fig  func(*Node) *Figure
	sum  func(Amounts) decimal.Decimal
	ok   func(nodeSums) bool
}

var (
	anggaranColumn = column{"anggaran", func(n *Node) *Figure { return &n.Anggaran },
		func(a Amounts) decimal.Decimal { return a.Anggaran }, func(s nodeSums) bool { return s.okA }}
	realisasiColumn = column{"realisasi", func(n *Node) *Figure { return &n.Realisasi },
		func(a Amounts) decimal.Decimal { return a.Realisasi }, func(s nodeSums) bool { return s.okR }}
)

// amounts corrects a budget subtree's parent amounts from its leaves up and
// records each node's sums.
func (k *corrector) amounts(n *Node) nodeSums {
	var s nodeSums
	if len(n.Children) == 0 {
		s.Anggaran, s.okA = n.Anggaran.Value(), n.Anggaran.Kind == Number
		switch n.Realisasi.Kind {
		case Number:
			s.Realisasi, s.okR = n.Realisasi.Value(), true
		case Blank, Absent:
			s.okR = true
		}
	} else {
		s.okA, s.okR = true, true
		for _, ch := range n.Children {
			cs := k.amounts(ch)
			s.Amounts = s.Add(cs.Amounts)
			s.okA, s.okR = s.okA && cs.okA, s.okR && cs.okR
		}
		s.Anggaran, s.okA = k.parent(n, anggaranColumn, s.Anggaran, s.okA)
		s.Realisasi, s.okR = k.parent(n, realisasiColumn, s.Realisasi, s.okR)
	}
	k.sums[n] = s
	return s
}

// parent sets a parent's amount to the sum of its children where the typed
// one is wrong (when the children's sum is known). A blank anggaran is
// filled, and a blank realisasi over children that spent something; a
// blank realisasi over nothing spent is not wrong. A kept cell stays as
// typed and stands, for the rows above it, in place of its children, like
// a leaf: its parents add up to what it shows. parent returns the amount
// the node contributes upward and whether it is known.
func (k *corrector) parent(n *Node, col column, sum decimal.Decimal, known bool) (decimal.Decimal, bool) {
	f := col.fig(n)
	if k.keep[f.Src] {
		return f.Value(), f.Kind == Number
	}
	if !known {
		return sum, false
	}
	blank := RuleMissingValue
	if col.what == "realisasi" {
		blank = ""
		if !sum.IsZero() {
			blank = RuleTotalMismatch
		}
	}
	if k.set(f, sum, amountPlaces(sum), false, RuleTotalMismatch, blank, subjectOf(n),
		col.what+" = jumlah rinciannya; baris paling rinci dianggap benar", false) {
		k.moved[n] = true
	}
	if f.Present() && compareAmount(*f, typedSum(n, col)) == differs {
		k.exactChildren(n, col)
	}
	return sum, true
}

// typedSum is the sum of a node's children's figures in a column as they
// now stand: what the check compares the node with.
func typedSum(n *Node, col column) decimal.Decimal {
	var s decimal.Decimal
	for _, ch := range n.Children {
		s = s.Add(col.fig(ch).Or0())
	}
	return s
}

// exactChildren makes the children of n that were left rounded exact, when
// their rounding differences add up to a rupiah or more against n, and so
// on down.
func (k *corrector) exactChildren(n *Node, col column) {
	for _, ch := range n.Children {
		f, s := col.fig(ch), k.sums[ch]
		exact := col.sum(s.Amounts)
		if !col.ok(s) || f.Kind != Number || f.Value().Equal(exact) || k.keep[f.Src] || len(ch.Children) == 0 {
			continue
		}
		k.record(f, exact, amountPlaces(exact), false, RuleRounding, subjectOf(ch),
			fmt.Sprintf("%s = jumlah rinciannya; angka yang dibulatkan membuat jumlah induknya %s tidak cocok",
				col.what, subjectOf(n)))
		k.moved[ch] = true
		if compareAmount(*f, typedSum(ch, col)) == differs {
			k.exactChildren(ch, col)
		}
	}
}

// rates recomputes a budget row's percentage and sisa from its amounts, once
// its leaves confirm them. Where the amounts were corrected, a percentage
// or sisa off only by rounding follows them too: it was right for the old
// amounts, not for the new.
func (k *corrector) rates(n *Node) {
	s := k.sums[n]
	if !s.okA || !s.okR || !n.Anggaran.Present() || n.Anggaran.Value().IsNegative() {
		return
	}
	amt := Amounts{n.Anggaran.Value(), n.Realisasi.Or0()}
	subject, moved := subjectOf(n), k.moved[n]
	note := ""
	if moved {
		note = ", dengan angka yang sudah diperbaiki"
	}
	if !k.keep[n.Persen.Src] {
		k.set(&n.Persen, amt.Persen(), percentPlaces(n.Persen), true, RulePercentMismatch, "", subject,
			fmt.Sprintf("realisasi %s ÷ anggaran %s × 100%s", formatAmount(amt.Realisasi), formatAmount(amt.Anggaran), note), moved)
	}
	if !k.keep[n.Sisa.Src] {
		sisa := amt.Sisa()
		k.set(&n.Sisa, sisa, amountPlaces(sisa), false, RuleSisaMismatch, "", subject,
			fmt.Sprintf("anggaran %s − realisasi %s%s", formatAmount(amt.Anggaran), formatAmount(amt.Realisasi), note), moved)
	}
}

// data sets a data table's typed total row to the sum of its rows, column
// by column, where every row holds a number or nothing.
func (k *corrector) data(t *DataTable) {
	if t.Total == nil || len(t.Rows) == 0 {
		return
	}
	for i := range t.Total.Values {
		f := &t.Total.Values[i]
		sum, ok := columnValue(t, columnName(t, i))
		if ok && !k.keep[f.Src] {
			k.set(f, sum, amountPlaces(sum), false, RuleTotalMismatch, "", t.Total.Label,
				fmt.Sprintf("jumlah baris-baris kolom %s", columnTitle(*t, i)), false)
		}
	}
}

// set corrects a typed figure to exact (rounded to places) when it is wrong,
// and reports whether it did: a mismatch for a number off by more than
// rounding (a percentage, pct, judged at its typed precision; an amount to
// the rupiah), not-a-number for text, and blank for an empty cell (""
// leaves an empty cell alone). A figure off only by rounding is not wrong,
// unless strict (its inputs were corrected); an absent column has nothing
// to correct.
func (k *corrector) set(f *Figure, exact decimal.Decimal, places int32, pct bool,
	mismatch, blank Rule, subject, why string, strict bool) bool {
	judge := compareAmount
	if pct {
		judge = compareRounded
	}
	var rule Rule
	switch f.Kind {
	case Blank:
		rule = blank
	case Invalid:
		rule = RuleNotANumber
	case Number:
		switch judge(*f, exact) {
		case differs:
			rule = mismatch
		case rounded:
			if strict && !f.Value().Equal(exact.Round(places)) {
				rule = RuleRounding
			}
		}
	}
	if rule == "" {
		return false
	}
	k.record(f, exact.Round(places), places, pct, rule, subject, why)
	return true
}

// record sets a figure and notes the correction.
func (k *corrector) record(f *Figure, value decimal.Decimal, places int32, pct bool, rule Rule, subject, why string) {
	k.out = append(k.out, newCorrection(*f, value, places, pct, rule, subject, why))
	setFigure(f, value, places)
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
