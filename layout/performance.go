package layout

import (
	"fmt"
	"strings"

	"lkjip/calc"
)

// capaian writes every indicator: target, realisasi, the capaian computed
// under its polarity (a live formula), predikat, and the capaian typed in
// the agency's file beside it.
func (rp *report) capaian(w *sheetWriter) error {
	st := rp.st
	if err := rp.heading(w, "Capaian Kinerja", []float64{5, 45, 45, 10, 12, 12, 12, 16, 14, 40},
		"No", "Sasaran", "Indikator", "Polaritas", "Target", "Realisasi", "Capaian (%)", "Predikat",
		"Capaian tertulis", "Sumber"); err != nil {
		return err
	}
	no := 0
	for _, s := range rp.r.Sasaran {
		for _, ind := range s.Indikator {
			no++
			row := w.row + 1
			capaian := any(txt(st.percent, ""))
			predikat := ""
			if ind.HasCapaian {
				capaian = formula(st.percent, capaianFormula(row, ind.Polarity, rp.r.Settings.Variant), num(ind.Capaian))
				predikat = rp.r.Predikat(ind.Capaian)
			}
			if _, err := w.next(
				val(st.text, no), txt(st.wrap, s.Name), txt(st.wrap, ind.Name), txt(st.text, ind.Polarity.String()),
				figureCell(st.percent, ind.Target), figureCell(st.percent, ind.Realisasi),
				capaian, txt(st.text, predikat), figureCell(st.percent, ind.Indicator.Capaian),
				txt(st.wrap, ind.Src.String()),
			); err != nil {
				return err
			}
		}
	}
	return nil
}

// capaianFormula is the spreadsheet form of calc.Capaian for target in E
// and realisasi in F of the given row.
func capaianFormula(row int, p calc.Polarity, v calc.Variant) string {
	t, r := cellRef("E", row), cellRef("F", row)
	if p != calc.PolarityNegative {
		return fmt.Sprintf("IF(%s=0,100,%s/%s*100)", t, r, t)
	}
	zero := fmt.Sprintf("IF(%s=0,100,0)", r)
	switch v {
	case calc.VariantInverse:
		return fmt.Sprintf("IF(%s=0,%s,IF(%s=0,100,%s/%s*100))", t, zero, r, t, r)
	case calc.VariantReduction:
		return fmt.Sprintf("IF(%s=0,%s,(%s-%s)/%s*100)", t, zero, t, r, t)
	default:
		return fmt.Sprintf("IF(%s=0,%s,(2*%s-%s)/%s*100)", t, zero, t, r, t)
	}
}

// figureCell writes a typed figure as a number, or empty when it holds none.
func figureCell(style int, f calc.Figure) any {
	if !f.Present() {
		return txt(style, "")
	}
	return val(style, num(f.Value))
}

// efisiensi writes each sasaran's capaian, penyerapan and efisiensi.
func (rp *report) efisiensi(w *sheetWriter) error {
	st := rp.st
	if err := rp.heading(w, "Tingkat Efisiensi Penggunaan Sumber Daya", []float64{5, 50, 16, 16, 16, 20},
		"No", "Sasaran", "% Capaian Kinerja", "% Penyerapan Anggaran", "Tingkat Efisiensi", "Keterangan"); err != nil {
		return err
	}
	for i, s := range rp.r.Sasaran {
		row := w.row + 1
		capaian := any(txt(st.percent, ""))
		ef := any(txt(st.percent, ""))
		note := "capaian tidak dapat dihitung"
		if s.HasCapaian {
			capaian = val(st.percent, num(s.Capaian))
			ef = formula(st.percent, fmt.Sprintf("C%d-D%d", row, row), num(s.Efisiensi))
			note = "efisien"
			if s.Efisiensi.IsNegative() {
				note = "tidak efisien"
			}
		}
		if rp.r.Settings.Efficiency == calc.EfficiencyRasio {
			ef = formula(st.percent, fmt.Sprintf("D%d", row), num(s.Efisiensi))
			note = calc.RatioBand(s.Efisiensi)
		}
		if _, err := w.next(val(st.text, i+1), txt(st.wrap, s.Name), capaian,
			val(st.percent, num(s.Penyerapan())), ef, txt(st.text, note)); err != nil {
			return err
		}
	}
	return nil
}

// alokasi writes each sasaran's programs, budget and share of Belanja
// Langsung (a live formula against the denominator row at the bottom).
func (rp *report) alokasi(w *sheetWriter) error {
	st := rp.st
	if err := rp.heading(w, "Alokasi Anggaran per Sasaran", []float64{5, 50, 50, 20, 14},
		"No", "Sasaran", "Program", "Anggaran (Rp)", "% terhadap Belanja Langsung"); err != nil {
		return err
	}
	denomRow := w.row + len(rp.r.Sasaran) + 2
	for i, s := range rp.r.Sasaran {
		row := w.row + 1
		names := make([]string, len(s.Programs))
		for j, p := range s.Programs {
			names[j] = p.Name
		}
		if _, err := w.next(val(st.text, i+1), txt(st.wrap, s.Name), txt(st.wrap, strings.Join(names, "; ")),
			val(st.amount, num(s.Amounts.Anggaran)),
			formula(st.percent, fmt.Sprintf("IF($D$%d=0,0,D%d/$D$%d*100)", denomRow, row, denomRow), num(s.Alokasi)),
		); err != nil {
			return err
		}
	}
	w.skip()
	if _, err := w.next(txt(st.bold, ""), txt(st.bold, "Belanja Langsung (penyebut)"), txt(st.bold, ""),
		val(st.boldAmount, num(rp.r.BelanjaLangsung))); err != nil {
		return err
	}
	return nil
}

// pohon writes the performance tree, normalised, with whether each program
// and kegiatan was found in the DPA.
func (rp *report) pohon(w *sheetWriter) error {
	st := rp.st
	if err := rp.heading(w, "Pohon Kinerja", []float64{14, 60, 50, 30, 12, 36},
		"Tingkat", "Nama", "Indikator", "Formula", "Ada di DPA", "Sumber"); err != nil {
		return err
	}
	var err error
	var walk func(n *calc.PohonNode, depth int)
	walk = func(n *calc.PohonNode, depth int) {
		if err != nil {
			return
		}
		inDPA := ""
		if n.Level >= calc.PohonProgram {
			inDPA = "Tidak"
			if rp.r.PohonDPA[n] != nil {
				inDPA = "Ya"
			}
		}
		_, err = w.next(txt(st.text, n.Level.Label()), txt(st.indent[min(depth, len(st.indent)-1)], n.Name),
			txt(st.wrap, n.Indikator), txt(st.wrap, n.Formula), txt(st.text, inDPA), txt(st.wrap, n.Src.String()))
		for _, c := range n.Children {
			walk(c, depth+1)
		}
	}
	for _, root := range rp.r.Agency.Pohon {
		walk(root, 0)
	}
	return err
}
