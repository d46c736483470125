package calc

import (
	"fmt"
	"strings"
	"sync"

	"github.com/shopspring/decimal"
)

// checker collects findings during one analysis.
type checker struct {
	s        Settings
	findings []Finding
	// pkDPA maps Perjanjian Kinerja rows (by index) to their DPA programs.
	pkDPA map[int]*Node
	// absent collects, by cell, names missing from other documents
	// (flushAbsent).
	absent map[Ref]*absence
	// fixes are the values that figures judged wrong should hold (Correct).
	fixes []Correction
	// workers is the most goroutines a large budget table is checked on.
	workers int
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
//
// A large table is checked on every core: each row's checks read only its
// own figures and its children's, so the rows in tree order are cut into
// runs, each run checked by a checker of its own, and their findings and
// corrections joined in the same order a single walk would give.
func (c *checker) checkBudget(b *Budget) {
	count := 0
	b.Root.Walk(func(*Node) bool { count++; return true })
	nodes := make([]*Node, 0, count) // sized once: a large DPA has a million
	// a and r are what the root adds its sums to; they are stored on it too.
	var a, r summer
	b.Root.sumUp(&a, &r, &nodes)
	workers := min(c.workers, 1+len(nodes)/parallelRows)
	if workers <= 1 {
		for _, n := range nodes {
			c.checkNode(n)
		}
		return
	}
	parts := make([]*checker, workers)
	size := (len(nodes) + workers - 1) / workers
	var wg sync.WaitGroup
	for i := range parts {
		part := &checker{s: c.s}
		parts[i] = part
		run := nodes[min(len(nodes), i*size):min(len(nodes), (i+1)*size)]
		wg.Go(func() {
			for _, n := range run {
				part.checkNode(n)
			}
		})
	}
	wg.Wait()
	for _, p := range parts {
		c.findings = append(c.findings, p.findings...)
		c.fixes = append(c.fixes, p.fixes...)
	}
}

// parallelRows is the number of rows per core below which a table is
// checked on one: fewer are not worth a goroutine.
const parallelRows = 20_000

func (c *checker) checkNode(n *Node) {
	subject := n.Name
	if n.Level == LevelTotal && subject == "" {
		subject = "Jumlah"
	}
	anggaran := optional
	if n.Level != LevelTotal {
		anggaran = required
	}
	c.checkFigure(n.Anggaran, "Anggaran", subject, anggaran, n.Src)
	c.checkFigure(n.Realisasi, "Realisasi", subject, optional, n.Src)
	c.checkFigure(n.Persen, "Persentase", subject, optional, n.Src)
	c.checkFigure(n.Sisa, "Sisa", subject, signed, n.Src) // overspending leaves a negative sisa

	if len(n.Children) > 0 {
		var a, r summer
		for _, ch := range n.Children {
			a.addFigure(ch.Anggaran)
			r.addFigure(ch.Realisasi)
		}
		sa, sr := a.total(), r.total()
		c.checkTotal(n.Anggaran, sa, "Anggaran", subject)
		c.checkTotal(n.Realisasi, sr, "Realisasi", subject)
		if n.Realisasi.Kind == Blank && !sr.IsZero() {
			c.add(Finding{Rule: RuleTotalMismatch, Src: orRef(n.Realisasi.Src, n.Src), Subject: subject,
				Computed: jsonAmount(sr),
				Message:  fmt.Sprintf("%s: Realisasi kosong, seharusnya %s (jumlah rinciannya)", subject, formatAmount(sr))})
		}
	}

	// Percentages, sisa and over-realisation compare amounts: only when the
	// row's amounts are readable (blank realisasi counts as zero).
	if !n.Anggaran.Present() || n.Anggaran.Sign() < 0 || n.Realisasi.Kind == Invalid {
		return
	}
	// The explanation is worded only for a percentage that disagrees: on a
	// large agency nearly all agree, and wording costs more than checking
	// (percentAgrees, which needs no decimals, says so for most).
	if n.Persen.Present() && !percentAgrees(n.Persen, n.Realisasi, n.Anggaran) {
		typed := n.typed()
		if exact := typed.Persen(); compareRounded(n.Persen, exact) != agrees {
			c.checkPercentOf(n.Persen, exact, RulePercentMismatch, subject, "persentase",
				fmt.Sprintf("realisasi %s ÷ anggaran %s × 100", formatAmount(typed.Realisasi), formatAmount(typed.Anggaran)))
		}
	}
	if n.Sisa.Present() && !sisaAgrees(n.Sisa, n.Anggaran, n.Realisasi) {
		c.checkSisa(n, subject)
	}

	if n.Level != LevelTotal && overRealized(n) && !childOverRealized(n) {
		typed := n.typed()
		c.add(Finding{Rule: RuleOverRealization, Src: n.Realisasi.Src, Subject: subject,
			Reported: typed.Realisasi.String(), Computed: typed.Anggaran.String(),
			Message: fmt.Sprintf("%s: realisasi tertulis %s, melebihi anggaran %s (%s %%); realisasi tidak boleh lebih dari anggaran",
				subject, typedText(n.Realisasi), formatAmount(typed.Anggaran), formatPercent(typed.Persen()))})
	}

	if n.Level < LevelProgram || n.Level > LevelSubKegiatan {
		return
	}
	s := n.Sum()
	if !s.Anggaran.IsPositive() {
		return
	}
	if pct := s.Persen(); pct.LessThan(c.s.LowAbsorption) {
		src := n.Persen.Src
		if src.IsZero() {
			src = n.Realisasi.Src
		}
		below := shownBelow(pct, c.s.LowAbsorption)
		c.add(Finding{Rule: RuleLowAbsorption, Src: src, Subject: subject,
			Reported: below.StringFixed(max(2, -below.Exponent())), Computed: c.s.LowAbsorption.String(),
			Message: fmt.Sprintf("%s: penyerapan %s %% (realisasi %s ÷ anggaran %s × 100) di bawah ambang %s %%; periksa apakah kegiatannya terlaksana",
				subject, FormatID(below, max(2, -below.Exponent())), formatAmount(s.Realisasi), formatAmount(s.Anggaran),
				FormatID(c.s.LowAbsorption, amountPlaces(c.s.LowAbsorption)))})
	}
}

// checkSisa compares a row's typed sisa with its anggaran − realisasi.
func (c *checker) checkSisa(n *Node, subject string) {
	typed := n.typed()
	exact := typed.Sisa()
	switch compareAmount(n.Sisa, exact) {
	case differs:
		c.add(Finding{Rule: RuleSisaMismatch, Src: n.Sisa.Src, Subject: subject,
			Reported: n.Sisa.Value().String(), Computed: jsonAmount(exact),
			Message: fmt.Sprintf("%s: sisa tertulis %s, seharusnya %s (anggaran %s − realisasi %s)",
				subject, typedText(n.Sisa), formatAmount(exact), formatAmount(typed.Anggaran), formatAmount(typed.Realisasi))})
	case rounded:
		c.roundingFinding(n.Sisa, exact, subject, "sisa")
	}
}

// shownBelow rounds a percentage for display, with more decimals where two
// would round it up to the threshold it is under: 49,996 % under a 50 %
// threshold shows as 49,996, not 50,00.
func shownBelow(pct, threshold decimal.Decimal) decimal.Decimal {
	for places := int32(2); places < 6; places++ {
		if r := pct.Round(places); r.LessThan(threshold) {
			return r
		}
	}
	return pct.Truncate(6)
}

// overRealized reports whether a row's typed realisasi is above its typed
// anggaran (blank counting as zero), in 64-bit arithmetic when they fit.
func overRealized(n *Node) bool {
	a, ok1 := n.Anggaran.Fixed()
	r, ok2 := n.Realisasi.Fixed()
	if d, ok := r.Sub(a); ok1 && ok2 && ok {
		return d.C > 0
	}
	return n.Realisasi.Or0().GreaterThan(n.Anggaran.Or0())
}

// childOverRealized reports whether a child of n already carries the
// over-realisation finding, so the parent does not repeat it.
func childOverRealized(n *Node) bool {
	for _, ch := range n.Children {
		if overRealized(ch) || childOverRealized(ch) {
			return true
		}
	}
	return false
}

// need says what checkFigure requires of a cell.
type need uint8

const (
	optional need = 0               // a blank cell is fine; a negative number is not
	required need = 1 << (iota - 1) // a blank cell is missing-value
	signed                          // a negative number is fine
)

// checkFigure reports a cell that should hold an amount and does not, a
// negative amount where none may be, and a formula whose result lkjip had
// to compute.
func (c *checker) checkFigure(f Figure, what, subject string, n need, row Ref) {
	switch f.Kind {
	case Invalid:
		c.add(Finding{Rule: RuleNotANumber, Src: f.Src, Subject: subject, Reported: f.Text(),
			Message: fmt.Sprintf("%s: %s tertulis %q, seharusnya angka (misalnya 1.234.567 atau 85,71); teks tidak dapat dihitung", subject, what, f.Text())})
	case Blank:
		if n&required != 0 {
			src := f.Src
			if src.IsZero() {
				src = row
			}
			c.add(Finding{Rule: RuleMissingValue, Src: src, Subject: subject,
				Message: fmt.Sprintf("%s: %s kosong, padahal harus berisi angka", subject, what)})
		}
	case Number:
		if f.Sign() < 0 && n&signed == 0 {
			c.add(Finding{Rule: RuleNegativeValue, Src: f.Src, Subject: subject, Reported: f.Value().String(),
				Message: fmt.Sprintf("%s: %s tertulis %s, padahal %s tidak boleh negatif", subject, what, typedText(f), strings.ToLower(what))})
		}
	}
	if f.NoCache {
		c.add(Finding{Rule: RuleFormulaNoCache, Src: f.Src, Subject: subject,
			Reported: "=" + f.Formula(), Computed: f.Value().String(),
			Message: fmt.Sprintf("%s: rumus =%s tidak menyimpan hasil; lkjip menghitungnya: %s", subject, f.Formula(), formatAmount(f.Value()))})
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
			Reported: typed.Value().String(), Computed: jsonAmount(sum),
			Message: fmt.Sprintf("%s: %s tertulis %s, seharusnya %s, yaitu jumlah rinciannya (selisih %s)",
				subject, what, typedText(typed), formatAmount(sum), formatAmount(typed.Value().Sub(sum)))})
	case rounded:
		c.roundingFinding(typed, sum, subject, what+" (jumlah rincian)")
	}
}

// roundingFinding reports a typed figure that differs from the exact one
// only by rounding or truncation.
func (c *checker) roundingFinding(typed Figure, exact decimal.Decimal, subject, what string) {
	msg := fmt.Sprintf("%s: %s tertulis %s, nilai tepatnya %s", subject, what, typedText(typed), exactText(exact, typed.Places))
	places := max(typed.Places, 0)
	switch should := exact.Round(places); {
	case should.Equal(typed.Value()):
		msg += "; selisihnya hanya pembulatan"
	case typed.Value().Equal(exact.Truncate(places)):
		msg += fmt.Sprintf(", seharusnya %s bila dibulatkan; angka tertulis dipotong, bukan dibulatkan", FormatID(should, places))
	default:
		msg += fmt.Sprintf(", seharusnya %s bila dibulatkan; selisihnya hanya pembulatan", FormatID(should, places))
	}
	c.add(Finding{Rule: RuleRounding, Src: typed.Src, Subject: subject,
		Reported: typed.Value().String(), Computed: exact.Round(divPrecision).String(), Message: msg})
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
