package calc

import (
	"fmt"

	"github.com/shopspring/decimal"
)

// checkIndicators gathers each sasaran's indicators, settles their
// polarity, computes their capaian, evaluates their Pohon Kinerja formula
// where the data allow, checks the typed capaian and realisasi, and
// cross-checks the same indicator typed in several tables for the same
// year.
func (c *checker) checkIndicators(r *Result, sasaran []*SasaranResult) {
	type key struct {
		s    *SasaranResult
		name string
	}
	primary := map[key]*IndicatorResult{}
	var order []key
	for i, ind := range r.Agency.Indikator {
		k := key{sasaran[i], NormalizeName(ind.Name)}
		p := primary[k]
		if p == nil {
			p = &IndicatorResult{}
			primary[k] = p
			order = append(order, k)
		}
		switch {
		case ind.Year != 0 && ind.Year != r.Agency.Year:
			p.History = append(p.History, ind)
		case p.Src.IsZero():
			p.Indicator = ind
		default:
			p.Repeats = append(p.Repeats, ind)
		}
	}
	pohon := pohonIndicators(r.Agency.Pohon)
	for _, k := range order {
		p := primary[k]
		current := !p.Src.IsZero()
		if !current {
			// Only other years were typed: keep the latest as the row shown.
			p.Indicator = p.History[len(p.History)-1]
		}
		node := findIndicator(pohon, p.Name)
		p.Polarity, p.PolarityFrom = c.polarity(p.Indicator, node)
		if current {
			c.checkIndicator(r, p, node)
		}
		if k.s != nil {
			k.s.Indikator = append(k.s.Indikator, p)
		}
	}
}

// polarity settles an indicator's polarity: the capaian table's Polaritas
// column, then the Pohon Kinerja's, then the settings.
func (c *checker) polarity(ind Indicator, node *PohonNode) (Polarity, string) {
	switch {
	case ind.Polarity != PolarityDefault:
		return ind.Polarity, "kolom Polaritas tabel capaian"
	case node != nil && node.Polarity != PolarityDefault:
		return node.Polarity, "Pohon Kinerja"
	}
	if _, ok := c.s.IndicatorPolarity[NormalizeName(ind.Name)]; ok {
		return c.s.polarityOf(ind.Name), "pengaturan polaritas_indikator"
	}
	return c.s.polarityOf(ind.Name), "pengaturan polaritas"
}

// checkIndicator checks the indicator's row for the report year and the
// repeats of it in other tables.
func (c *checker) checkIndicator(r *Result, p *IndicatorResult, node *PohonNode) {
	c.checkFigure(p.Target, "Target", p.Name, required|signed, p.Src)
	c.checkFigure(p.Realisasi, "Realisasi", p.Name, required|signed, p.Src)
	c.checkFigure(p.Indicator.Capaian, "Capaian", p.Name, signed, p.Src)
	if p.Target.Present() && p.Realisasi.Present() {
		p.Capaian, p.HasCapaian = Capaian(p.Target.Value(), p.Realisasi.Value(), p.Polarity, c.s.Variant)
		p.Capped = CapCapaian(p.Capaian, c.s.CapaianCap)
	}
	if node != nil && node.Formula != "" {
		fv, err := evalFormula(r.Agency, node, p.Name)
		if err != nil {
			p.FormulaNote = err.Error()
		} else {
			p.Formula, p.HasFormula = fv, true
			c.checkFormula(p)
		}
	}
	if p.HasCapaian {
		c.checkCapaian(p.Indicator.Capaian, p)
	}
	for _, rep := range p.Repeats {
		c.sameFigure(rep.Target, p.Target, p.Name, "target", "")
		c.sameFigure(rep.Realisasi, p.Realisasi, p.Name, fmt.Sprintf("realisasi %d", r.Agency.Year), p.formulaNote())
		if p.HasCapaian {
			c.checkCapaian(rep.Capaian, p)
		}
	}
}

// formulaNote is a clause for messages about the realisasi: what the Pohon
// Kinerja formula gives, when it could be evaluated.
func (p *IndicatorResult) formulaNote() string {
	if !p.HasFormula {
		return ""
	}
	return fmt.Sprintf("rumus Pohon Kinerja %s dengan %s memberi %s %%", p.Formula.Formula, p.Formula.Inputs, formatPercent(p.Formula.Value))
}

// checkFormula compares the typed realisasi with the value of the Pohon
// Kinerja formula.
func (c *checker) checkFormula(p *IndicatorResult) {
	typed := p.Realisasi
	if !typed.Present() {
		return
	}
	fv := p.Formula
	switch compareRounded(typed, fv.Value) {
	case differs:
		c.add(Finding{Rule: RuleIndicatorFormulaMismatch, Src: typed.Src, Subject: p.Name,
			Reported: typed.Value().String(), Computed: jsonPercent(fv.Value),
			Message: fmt.Sprintf("%s: realisasi tertulis %s, seharusnya %s menurut %s",
				p.Name, typedText(typed), formatPercent(fv.Value), p.formulaNote())})
	case rounded:
		c.roundingFinding(typed, fv.Value, p.Name, "realisasi (rumus Pohon Kinerja)")
	}
}

// sameFigure reports an indicator figure typed differently in two tables.
func (c *checker) sameFigure(typed, first Figure, subject, what, note string) {
	if !typed.Present() || !first.Present() || typed.Value().Equal(first.Value()) {
		return
	}
	msg := fmt.Sprintf("%s: %s tertulis %s, padahal di %s tertulis %s; indikator yang sama untuk tahun yang sama harus sama",
		subject, what, typedText(typed), first.Src, typedText(first))
	if note != "" {
		msg += "; " + note
	}
	c.add(Finding{Rule: RuleRealisasiMismatch, Src: typed.Src, Subject: subject,
		Reported: typed.Value().String(), Computed: first.Value().String(), Message: msg})
}

// checkCapaian compares a typed capaian with the computed one. With a cap
// configured, the capped value is accepted too. A mismatch that another
// formula would explain says which.
func (c *checker) checkCapaian(typed Figure, p *IndicatorResult) {
	if !typed.Present() {
		return
	}
	if c.s.CapaianCap.IsPositive() && compareRounded(typed, p.Capped) == agrees {
		return
	}
	why := fmt.Sprintf("%s menurut %s: %s, dengan target %s dan realisasi %s",
		p.Polarity.label(), p.PolarityFrom, capaianRule(p.Target.Value(), p.Realisasi.Value(), p.Polarity, c.s.Variant),
		typedText(p.Target), typedText(p.Realisasi))
	if compareRounded(typed, p.Capaian) == differs {
		if alt := c.otherFormula(typed, p); alt != "" {
			why += "; angka tertulis sesuai rumus " + alt
		}
	}
	c.checkPercentOf(typed, p.Capaian, RuleCapaianMismatch, p.Name, "capaian", why)
}

// capaianRule describes how a capaian is computed, with the convention used
// when the target or the realisation is zero (docs/rules.md).
func capaianRule(t, r decimal.Decimal, p Polarity, v Variant) string {
	if p != PolarityNegative {
		if t.IsZero() {
			return "target 0, maka capaian 100 bila realisasi tidak negatif"
		}
		return "R / T × 100"
	}
	switch {
	case t.IsZero():
		return "target 0, maka capaian 100 bila realisasi 0 dan 0 bila lebih"
	case v == VariantInverse && r.IsZero():
		return "T / R × 100, dan realisasi 0 memberi capaian 100"
	}
	return v.Formula() + " (varian " + v.String() + ")"
}

// otherFormula returns the description of a capaian formula, other than the
// one in use, that gives the typed figure; "" when none does.
func (c *checker) otherFormula(typed Figure, p *IndicatorResult) string {
	t, r := p.Target.Value(), p.Realisasi.Value()
	type alt struct {
		pol Polarity
		v   Variant
	}
	alts := []alt{{PolarityPositive, 0}}
	for _, v := range Variants() {
		alts = append(alts, alt{PolarityNegative, v})
	}
	for _, a := range alts {
		if a.pol == p.Polarity && (a.pol == PolarityPositive || a.v == c.s.Variant) {
			continue
		}
		if got, ok := Capaian(t, r, a.pol, a.v); ok && compareRounded(typed, got) != differs {
			if a.pol == PolarityPositive {
				return "polaritas positif (R / T × 100)"
			}
			return "polaritas negatif " + a.v.Formula() + " (varian " + a.v.String() + ")"
		}
	}
	return ""
}

// pohonIndicators lists the Pohon Kinerja nodes that name an indicator,
// sasaran first, then tujuan, program and kegiatan.
func pohonIndicators(roots []*PohonNode) []*PohonNode {
	var out []*PohonNode
	for _, l := range []PohonLevel{PohonSasaran, PohonTujuan, PohonProgram, PohonKegiatan, PohonSubKegiatan} {
		for _, n := range pohonLevel(roots, l) {
			if n.Indikator != "" {
				out = append(out, n)
			}
		}
	}
	return out
}

// findIndicator returns the Pohon Kinerja node whose indicator is the one
// named: the same after normalisation, else a near match (a typing slip).
func findIndicator(nodes []*PohonNode, name string) *PohonNode {
	want := NormalizeName(name)
	for _, n := range nodes {
		if NormalizeName(n.Indikator) == want {
			return n
		}
	}
	names := make([]Named, len(nodes))
	for i, n := range nodes {
		names[i] = Named{Name: n.Indikator}
	}
	if p, ok := MatchNames([]Named{{Name: name}}, names).PairOf(0); ok {
		return nodes[p.B]
	}
	return nil
}
