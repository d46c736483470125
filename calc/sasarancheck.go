package calc

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// checkAlokasi checks the allocation table: each program's budget against
// the DPA and each share against budget ÷ Belanja Langsung × 100.
func (c *checker) checkAlokasi(r *Result, sasaran []*SasaranResult, dpa map[int]*Node) {
	for i, row := range r.Agency.Alokasi {
		subject := row.Program
		if subject == "" {
			subject = row.Sasaran
		}
		c.checkFigure(row.Anggaran, "Anggaran", subject, optional, row.Src)
		c.checkFigure(row.Persen, "% Anggaran", subject, optional, row.Src)
		base := row.Anggaran.Or0()
		if p := dpa[i]; p != nil {
			base = p.Sum().Anggaran
			if row.Anggaran.Present() && compareAmount(row.Anggaran, base) == differs {
				c.add(Finding{Rule: RuleAllocationMismatch, Src: row.Anggaran.Src, Subject: subject,
					Reported: row.Anggaran.Value().String(), Computed: jsonAmount(base),
					Message: fmt.Sprintf("%s: anggaran di tabel alokasi tertulis %s, seharusnya %s seperti di DPA (%s)",
						subject, typedText(row.Anggaran), formatAmount(base), p.Src)})
				c.fix(row.Anggaran, base, amountPlaces(base), false, RuleAllocationMismatch, subject, "anggaran program di DPA")
			}
		} else if row.Program == "" && sasaran[i] != nil && len(sasaran[i].Programs) > 0 {
			base = sasaran[i].Amounts.Anggaran
		}
		if !row.Persen.Present() || r.BelanjaLangsung.IsZero() {
			continue
		}
		exact := Percent(base, r.BelanjaLangsung)
		why := fmt.Sprintf("anggaran %s ÷ %s %s × 100", formatAmount(base), r.belanjaLabel(), formatAmount(r.BelanjaLangsung))
		if c.checkPercentOf(row.Persen, exact, RuleAllocationMismatch, subject, "alokasi", why) == differs {
			c.fixPercent(row.Persen, exact, RuleAllocationMismatch, subject, why)
		}
	}
}

// checkEfisiensi checks each efficiency row's capaian, penyerapan and
// efisiensi against the sasaran's computed ones. A typed efisiensi that the
// other method, or the typed capaian, would explain says so.
func (c *checker) checkEfisiensi(r *Result, sasaran []*SasaranResult) {
	m := r.Settings.Efficiency
	for i, row := range r.Agency.Efisiensi {
		s := sasaran[i]
		subject := row.Sasaran
		c.checkFigure(row.Capaian, "% Capaian", subject, signed, row.Src)
		c.checkFigure(row.Penyerapan, "% Penyerapan", subject, optional, row.Src)
		c.checkFigure(row.Efisiensi, "Efisiensi", subject, signed, row.Src)
		if s == nil {
			continue
		}
		penyerapan := s.Penyerapan()
		if row.Capaian.Present() && s.HasCapaian {
			c.checkPercentOf(row.Capaian, s.Capaian, RuleCapaianMismatch, subject, "% capaian kinerja",
				s.capaianWhy())
		}
		if row.Penyerapan.Present() && len(s.Programs) > 0 {
			why := fmt.Sprintf("realisasi %s ÷ anggaran %s × 100 program %s", formatAmount(s.Amounts.Realisasi),
				formatAmount(s.Amounts.Anggaran), programNames(s.Programs))
			if c.checkPercentOf(row.Penyerapan, penyerapan, RulePercentMismatch, subject, "% penyerapan anggaran", why) == differs {
				c.fixPercent(row.Penyerapan, penyerapan, RulePercentMismatch, subject, why)
			}
		}
		if !row.Efisiensi.Present() || len(s.Programs) == 0 || !s.HasCapaian && m == EfficiencySelisih {
			continue // the rasio method needs no capaian
		}
		why := fmt.Sprintf("%s: %s", m.formula(), efisiensiText(m, s.Capaian, penyerapan))
		if compareRounded(row.Efisiensi, s.Efisiensi) == differs {
			other := EfficiencySelisih
			if m == EfficiencySelisih {
				other = EfficiencyRasio
			}
			switch {
			case compareRounded(row.Efisiensi, Efisiensi(other, s.Capaian, penyerapan)) != differs:
				why += "; angka tertulis sesuai " + other.formula()
			case m == EfficiencySelisih && row.Capaian.Present() && row.Penyerapan.Present() &&
				compareRounded(row.Efisiensi, row.Capaian.Value().Sub(row.Penyerapan.Value())) != differs &&
				compareRounded(row.Capaian, s.Capaian) == differs:
				why += fmt.Sprintf("; angka tertulis dihitung dari capaian tertulis %s", typedText(row.Capaian))
			}
		}
		c.checkPercentOf(row.Efisiensi, s.Efisiensi, RuleEfficiencyMismatch, subject, "tingkat efisiensi", why)
	}
}

// efisiensiText shows the arithmetic of an efficiency under a method.
func efisiensiText(m EfficiencyMethod, capaian, penyerapan decimal.Decimal) string {
	if m == EfficiencyRasio {
		return fmt.Sprintf("penyerapan %s %%, %s", formatPercent(penyerapan), RatioBand(penyerapan))
	}
	return fmt.Sprintf("capaian %s − penyerapan %s", formatPercent(capaian), formatPercent(penyerapan))
}

// capaianWhy explains a sasaran's capaian: the mean of its indicators'.
func (s *SasaranResult) capaianWhy() string {
	var parts []string
	for _, ind := range s.Indikator {
		if ind.HasCapaian {
			parts = append(parts, fmt.Sprintf("%s %s %%", ind.Name, formatPercent(ind.Capaian)))
		}
	}
	if len(parts) == 1 {
		return "capaian indikator sasaran: " + parts[0]
	}
	return "rata-rata capaian indikator sasaran: " + strings.Join(parts, "; ")
}

// programNames lists programs for messages.
func programNames(ps []*Node) string {
	var names []string
	for _, p := range ps {
		names = append(names, p.Name)
	}
	return strings.Join(names, ", ")
}

// checkPercentOf compares a typed percentage with the computed one and
// reports rule (or rounding) with the reason given; it returns the verdict.
func (c *checker) checkPercentOf(typed Figure, exact decimal.Decimal, rule Rule, subject, what, why string) verdict {
	v := compareRounded(typed, exact)
	switch v {
	case differs:
		c.add(Finding{Rule: rule, Src: typed.Src, Subject: subject,
			Reported: typed.Value().String(), Computed: jsonPercent(exact),
			Message: fmt.Sprintf("%s: %s tertulis %s, seharusnya %s %% (%s)", subject, what, typedText(typed), formatPercent(exact), why)})
	case rounded:
		c.roundingFinding(typed, exact, subject, what+" (%)")
	}
	return v
}
