package calc

import (
	"fmt"

	"github.com/shopspring/decimal"
)

// checkIndicators gathers each sasaran's indicators, computes their capaian
// under their polarity, checks typed capaian, and cross-checks the same
// indicator typed in several tables for the same year.
func (c *checker) checkIndicators(r *Result, sasaran []*SasaranResult) {
	type key struct {
		s    *SasaranResult
		name string
	}
	primary := map[key]*IndicatorResult{}
	var order []key
	for i, ind := range r.Agency.Indikator {
		s := sasaran[i]
		k := key{s, NormalizeName(ind.Name)}
		current := ind.Year == 0 || ind.Year == r.Agency.Year
		p := primary[k]
		if p == nil {
			p = &IndicatorResult{Polarity: ind.Polarity}
			if p.Polarity == PolarityDefault {
				p.Polarity = c.s.Polarity
			}
			primary[k] = p
			order = append(order, k)
		}
		if !current {
			p.History = append(p.History, ind)
			continue
		}
		if p.Src.IsZero() {
			p.Indicator = ind
			if p.Polarity == PolarityDefault {
				p.Polarity = c.s.Polarity
			}
			c.checkFigure(ind.Target, "Target", ind.Name, true, ind.Src)
			c.checkFigure(ind.Realisasi, "Realisasi", ind.Name, true, ind.Src)
			c.checkFigure(ind.Capaian, "Capaian", ind.Name, false, ind.Src)
			if ind.Target.Present() && ind.Realisasi.Present() {
				p.Capaian, p.HasCapaian = Capaian(ind.Target.Value, ind.Realisasi.Value, p.Polarity, c.s.Variant)
			}
			if p.HasCapaian {
				c.checkCapaian(ind.Capaian, ind.Name, p)
			}
			continue
		}
		// The same indicator again for the same year: it must agree.
		c.sameFigure(ind.Target, p.Target, ind.Name, "target")
		c.sameFigure(ind.Realisasi, p.Realisasi, ind.Name, fmt.Sprintf("realisasi %d", r.Agency.Year))
		if p.HasCapaian {
			c.checkCapaian(ind.Capaian, ind.Name, p)
		}
	}
	for _, k := range order {
		p := primary[k]
		if p.Src.IsZero() {
			// Only other years were typed: keep the latest as the row shown.
			p.Indicator = p.History[len(p.History)-1]
		}
		if k.s != nil {
			k.s.Indikator = append(k.s.Indikator, p)
		}
	}
}

// sameFigure reports an indicator figure typed differently in two tables.
func (c *checker) sameFigure(typed, first Figure, subject, what string) {
	if !typed.Present() || !first.Present() || typed.Value.Equal(first.Value) {
		return
	}
	c.add(Finding{Rule: RuleRealisasiMismatch, Src: typed.Src, Subject: subject,
		Reported: typed.Value.String(), Computed: first.Value.String(),
		Message: fmt.Sprintf("%s: %s tertulis %s, padahal di %s tertulis %s",
			subject, what, typedText(typed), first.Src, typedText(first))})
}

// checkCapaian compares a typed capaian with the computed one; a mismatch
// that another formula would explain says which.
func (c *checker) checkCapaian(typed Figure, subject string, p *IndicatorResult) {
	if !typed.Present() {
		return
	}
	why := fmt.Sprintf("%s, target %s, realisasi %s", c.formulaText(p.Polarity), typedText(p.Target), typedText(p.Realisasi))
	if compareRounded(typed, p.Capaian) == differs {
		if alt := c.otherFormula(typed, p); alt != "" {
			why += "; angka tertulis sesuai rumus " + alt
		}
	}
	c.checkPercentOf(typed, p.Capaian, RuleCapaianMismatch, subject, "capaian", why)
}

// formulaText describes the capaian formula in use for a polarity.
func (c *checker) formulaText(p Polarity) string {
	if p == PolarityNegative {
		return "polaritas negatif, " + c.s.Variant.Formula()
	}
	return "polaritas positif, R / T × 100"
}

// otherFormula returns the description of a capaian formula, other than the
// one in use, that gives the typed figure; "" when none does.
func (c *checker) otherFormula(typed Figure, p *IndicatorResult) string {
	t, r := p.Target.Value, p.Realisasi.Value
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

// checkAlokasi checks the allocation table: each program's budget against
// the DPA and each share against budget ÷ Belanja Langsung × 100.
func (c *checker) checkAlokasi(r *Result, sasaran []*SasaranResult, dpa map[int]*Node) {
	for i, row := range r.Agency.Alokasi {
		subject := row.Program
		if subject == "" {
			subject = row.Sasaran
		}
		c.checkFigure(row.Anggaran, "Anggaran", subject, false, row.Src)
		c.checkFigure(row.Persen, "% Anggaran", subject, false, row.Src)
		base := row.Anggaran.Or0()
		if p := dpa[i]; p != nil {
			base = p.Sum.Anggaran
			if row.Anggaran.Present() && compareAmount(row.Anggaran, base) == differs {
				c.add(Finding{Rule: RuleAllocationMismatch, Src: row.Anggaran.Src, Subject: subject,
					Reported: row.Anggaran.Value.String(), Computed: jsonAmount(base),
					Message: fmt.Sprintf("%s: anggaran di tabel alokasi %s, di DPA %s", subject, typedText(row.Anggaran), formatAmount(base))})
			}
		} else if row.Program == "" && sasaran[i] != nil && len(sasaran[i].Programs) > 0 {
			base = sasaran[i].Amounts.Anggaran
		}
		if !row.Persen.Present() || r.BelanjaLangsung.IsZero() {
			continue
		}
		exact := Percent(base, r.BelanjaLangsung)
		switch compareRounded(row.Persen, exact) {
		case differs:
			c.add(Finding{Rule: RuleAllocationMismatch, Src: row.Persen.Src, Subject: subject,
				Reported: row.Persen.Value.String(), Computed: jsonPercent(exact),
				Message: fmt.Sprintf("%s: alokasi tertulis %s %%, seharusnya %s %% (anggaran %s ÷ Belanja Langsung %s × 100)",
					subject, typedText(row.Persen), formatPercent(exact), formatAmount(base), formatAmount(r.BelanjaLangsung))})
		case rounded:
			c.roundingFinding(row.Persen, exact, subject, "alokasi (%)")
		}
	}
}

// checkEfisiensi checks each efficiency row's capaian, penyerapan and
// efisiensi against the sasaran's computed ones.
func (c *checker) checkEfisiensi(r *Result, sasaran []*SasaranResult) {
	for i, row := range r.Agency.Efisiensi {
		s := sasaran[i]
		subject := row.Sasaran
		c.checkFigure(row.Capaian, "% Capaian", subject, false, row.Src)
		c.checkFigure(row.Penyerapan, "% Penyerapan", subject, false, row.Src)
		c.checkFigure(row.Efisiensi, "Efisiensi", subject, false, row.Src)
		if s == nil {
			continue
		}
		if row.Capaian.Present() && s.HasCapaian {
			c.checkPercentOf(row.Capaian, s.Capaian, RuleCapaianMismatch, subject, "% capaian kinerja",
				"rata-rata capaian indikator sasaran")
		}
		if row.Penyerapan.Present() && len(s.Programs) > 0 {
			c.checkPercentOf(row.Penyerapan, s.Penyerapan(), RulePercentMismatch, subject, "% penyerapan anggaran",
				fmt.Sprintf("realisasi %s ÷ anggaran %s × 100", formatAmount(s.Amounts.Realisasi), formatAmount(s.Amounts.Anggaran)))
		}
		if row.Efisiensi.Present() && s.HasCapaian && len(s.Programs) > 0 {
			why := fmt.Sprintf("capaian %s − penyerapan %s", formatPercent(s.Capaian), formatPercent(s.Penyerapan()))
			if r.Settings.Efficiency == EfficiencyRasio {
				why = "realisasi ÷ anggaran × 100"
			} else if row.Capaian.Present() && row.Penyerapan.Present() &&
				row.Efisiensi.Value.Equal(row.Capaian.Value.Sub(row.Penyerapan.Value)) &&
				compareRounded(row.Capaian, s.Capaian) == differs {
				why += fmt.Sprintf("; angka tertulis dihitung dari capaian tertulis %s", typedText(row.Capaian))
			}
			c.checkPercentOf(row.Efisiensi, s.Efisiensi, RuleEfficiencyMismatch, subject, "tingkat efisiensi", why)
		}
	}
}

// checkPercentOf compares a typed percentage with the computed one and
// reports rule (or rounding) with the reason given.
func (c *checker) checkPercentOf(typed Figure, exact decimal.Decimal, rule Rule, subject, what, why string) {
	switch compareRounded(typed, exact) {
	case differs:
		c.add(Finding{Rule: rule, Src: typed.Src, Subject: subject,
			Reported: typed.Value.String(), Computed: jsonPercent(exact),
			Message: fmt.Sprintf("%s: %s tertulis %s, seharusnya %s (%s)", subject, what, typedText(typed), formatPercent(exact), why)})
	case rounded:
		c.roundingFinding(typed, exact, subject, what)
	}
}
