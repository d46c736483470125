package calc

import (
	"fmt"

	"github.com/shopspring/decimal"
)

// checker collects findings during one analysis.
type checker struct {
	s        Settings
	findings []Finding
	// pkDPA maps Perjanjian Kinerja rows (by index) to their DPA programs.
	pkDPA map[int]*Node
}

// add records a finding with its rule's usual severity.
func (c *checker) add(f Finding) {
	f.Severity = severityOf(f.Rule)
	c.findings = append(c.findings, f)
}

// addAs records a finding with a severity other than its rule's usual one
// (a near name match is only info).
func (c *checker) addAs(sev Severity, f Finding) {
	f.Severity = sev
	c.findings = append(c.findings, f)
}

// severityOf is a rule's usual severity from the catalogue.
func severityOf(r Rule) Severity {
	for _, ri := range Rules() {
		if ri.Rule == r {
			return ri.Severity
		}
	}
	return Info
}

// checkBudget checks one DPA table: every figure readable, every parent
// equal to the sum of its children's typed figures (one level at a time, so
// a finding sits where the fault is), percentages, sisa, over-realisation
// and low absorption.
func (c *checker) checkBudget(b *Budget) {
	b.Root.sumUp()
	b.Root.Walk(func(n *Node) bool {
		c.checkNode(n)
		return true
	})
}

func (c *checker) checkNode(n *Node) {
	subject := n.Name
	if n.Level == LevelTotal && subject == "" {
		subject = "Jumlah"
	}
	for _, f := range []struct {
		fig  Figure
		what string
		must bool
	}{
		{n.Anggaran, "Anggaran", n.Level != LevelTotal},
		{n.Realisasi, "Realisasi", false},
		{n.Persen, "Persentase", false},
		{n.Sisa, "Sisa", false},
	} {
		c.checkFigure(f.fig, f.what, subject, f.must, n.Src)
	}

	if len(n.Children) > 0 {
		var sa, sr decimal.Decimal
		for _, ch := range n.Children {
			sa = sa.Add(ch.Anggaran.Or0())
			sr = sr.Add(ch.Realisasi.Or0())
		}
		c.checkTotal(n.Anggaran, sa, "Anggaran", subject)
		c.checkTotal(n.Realisasi, sr, "Realisasi", subject)
	}

	typed := Amounts{n.Anggaran.Or0(), n.Realisasi.Or0()}
	// Percentages, sisa and over-realisation compare amounts: only when the
	// row's amounts are readable (blank realisasi counts as zero).
	if !n.Anggaran.Present() || n.Anggaran.Value.IsNegative() || n.Realisasi.Kind == Invalid {
		return
	}
	if n.Persen.Present() {
		c.checkPercentOf(n.Persen, typed.Persen(), RulePercentMismatch, subject, "persentase",
			fmt.Sprintf("realisasi %s ÷ anggaran %s × 100", formatAmount(typed.Realisasi), formatAmount(typed.Anggaran)))
	}
	if n.Sisa.Present() {
		exact := typed.Sisa()
		switch compareAmount(n.Sisa, exact) {
		case differs:
			c.add(Finding{Rule: RuleSisaMismatch, Src: n.Sisa.Src, Subject: subject,
				Reported: n.Sisa.Value.String(), Computed: jsonAmount(exact),
				Message: fmt.Sprintf("%s: sisa tertulis %s, seharusnya %s (anggaran %s − realisasi %s)",
					subject, typedText(n.Sisa), formatAmount(exact), formatAmount(typed.Anggaran), formatAmount(typed.Realisasi))})
		case rounded:
			c.roundingFinding(n.Sisa, exact, subject, "sisa")
		}
	}

	if n.Level != LevelTotal && typed.Realisasi.GreaterThan(typed.Anggaran) && !childOverRealized(n) {
		c.add(Finding{Rule: RuleOverRealization, Src: n.Realisasi.Src, Subject: subject,
			Reported: typed.Realisasi.String(), Computed: typed.Anggaran.String(),
			Message: fmt.Sprintf("%s: realisasi %s melebihi anggaran %s (%s %%)",
				subject, formatAmount(typed.Realisasi), formatAmount(typed.Anggaran), formatPercent(typed.Persen()))})
	}

	if n.Level >= LevelProgram && n.Level <= LevelSubKegiatan && n.Sum.Anggaran.IsPositive() &&
		n.Sum.Persen().LessThan(c.s.LowAbsorption) {
		src := n.Persen.Src
		if src.IsZero() {
			src = n.Realisasi.Src
		}
		c.add(Finding{Rule: RuleLowAbsorption, Src: src, Subject: subject,
			Reported: jsonPercent(n.Sum.Persen()), Computed: c.s.LowAbsorption.String(),
			Message: fmt.Sprintf("%s: penyerapan %s %% di bawah ambang %s %%",
				subject, formatPercent(n.Sum.Persen()), FormatID(c.s.LowAbsorption, 0))})
	}
}

// childOverRealized reports whether a child of n already carries the
// over-realisation finding, so the parent does not repeat it.
func childOverRealized(n *Node) bool {
	for _, ch := range n.Children {
		if ch.Realisasi.Or0().GreaterThan(ch.Anggaran.Or0()) || childOverRealized(ch) {
			return true
		}
	}
	return false
}

// checkFigure reports a cell that should hold an amount and does not, a
// negative amount, and a formula whose result lkjip had to compute.
func (c *checker) checkFigure(f Figure, what, subject string, must bool, row Ref) {
	switch f.Kind {
	case Invalid:
		c.add(Finding{Rule: RuleNotANumber, Src: f.Src, Subject: subject, Reported: f.Text,
			Message: fmt.Sprintf("%s: %s berisi %q, bukan angka", subject, what, f.Text)})
	case Blank:
		if must {
			src := f.Src
			if src.IsZero() {
				src = row
			}
			c.add(Finding{Rule: RuleMissingValue, Src: src, Subject: subject,
				Message: fmt.Sprintf("%s: %s kosong", subject, what)})
		}
	case Number:
		if f.Value.IsNegative() && what != "Sisa" {
			c.add(Finding{Rule: RuleNegativeValue, Src: f.Src, Subject: subject, Reported: f.Value.String(),
				Message: fmt.Sprintf("%s: %s bernilai negatif (%s)", subject, what, typedText(f))})
		}
	}
	if f.NoCache {
		c.add(Finding{Rule: RuleFormulaNoCache, Src: f.Src, Subject: subject,
			Reported: "=" + f.Formula, Computed: f.Value.String(),
			Message: fmt.Sprintf("%s: rumus =%s tidak menyimpan hasil; lkjip menghitungnya: %s", subject, f.Formula, formatAmount(f.Value))})
	}
}

// checkTotal compares a parent's typed figure with the sum of its children.
func (c *checker) checkTotal(typed Figure, sum decimal.Decimal, what, subject string) {
	if !typed.Present() {
		return
	}
	switch compareAmount(typed, sum) {
	case differs:
		c.add(Finding{Rule: RuleTotalMismatch, Src: typed.Src, Subject: subject,
			Reported: typed.Value.String(), Computed: jsonAmount(sum),
			Message: fmt.Sprintf("%s: %s tertulis %s, padahal jumlah rinciannya %s (selisih %s)",
				subject, what, typedText(typed), formatAmount(sum), formatAmount(typed.Value.Sub(sum)))})
	case rounded:
		c.roundingFinding(typed, sum, subject, what+" (jumlah rincian)")
	}
}

// roundingFinding reports a typed figure that differs from the exact one
// only by rounding or truncation.
func (c *checker) roundingFinding(typed Figure, exact decimal.Decimal, subject, what string) {
	c.add(Finding{Rule: RuleRounding, Src: typed.Src, Subject: subject,
		Reported: typed.Value.String(), Computed: exact.Round(divPrecision).String(),
		Message: fmt.Sprintf("%s: %s tertulis %s, nilai tepatnya %s; selisihnya hanya pembulatan",
			subject, what, typedText(typed), exactText(exact, typed.Places))})
}

// exactText shows an exact value with a few more decimals than were typed,
// enough to see why the typed one is a rounding ("43,5475").
func exactText(d decimal.Decimal, typedPlaces int32) string {
	p := max(typedPlaces+2, 2)
	if d.Equal(d.Round(typedPlaces)) {
		p = amountPlaces(d)
	}
	return FormatID(d, p)
}
