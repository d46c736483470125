package layout

import (
	"fmt"

	"lkjip/calc"
)

// Columns of the Capaian Kinerja sheet.
const (
	colTarget    = "E"
	colRealInd   = "F"
	colCapaian   = "G"
	colPredCapai = "H"
)

// capaian writes every indicator under its sasaran: polarity, target,
// realisasi, the capaian computed under its polarity (a live formula),
// predikat, and the capaian typed in the agency's file beside it.
func (rp *report) capaian() error {
	st := rp.st
	w, err := rp.open(SheetCapaian, 5, 30, 38, 10, 11, 11, 11, 13, 11, 24)
	if err != nil {
		return err
	}
	if err := rp.heading(w, "Capaian Kinerja",
		"No", "Sasaran", "Indikator", "Polaritas", "Target", "Realisasi", "Capaian (%)", "Predikat",
		"Capaian tertulis (%)", "Sumber"); err != nil {
		return err
	}
	first := w.row + 1
	no := 0
	for _, s := range rp.r.Sasaran {
		start := w.row + 1
		if len(s.Indikator) == 0 {
			no++
			if _, err := w.next(val(st.center, no), from(txt(st.wrap, s.Name), s.Src),
				txt(st.missing, "tidak ada indikator"), txt(st.text, ""), txt(st.text, ""), txt(st.text, ""),
				txt(st.text, ""), txt(st.text, ""), txt(st.text, ""), txt(st.text, "")); err != nil {
				return err
			}
			continue
		}
		for i, ind := range s.Indikator {
			no++
			row := w.row + 1
			rp.indRow[ind] = row
			sasaran := any(txt(st.wrap, ""))
			if i == 0 {
				sasaran = from(txt(st.wrap, s.Name), s.Src)
			}
			capaian, predikat := any(txt(st.percent, "")), any(txt(st.text, ""))
			if ind.HasCapaian {
				capaian = formula(st.percent, capaianFormula(row, ind.Polarity, rp.r.Settings.Variant), num(ind.Capaian))
				predikat = rp.predikatCell(colCapaian, row, ind.Capaian)
			}
			if _, err := w.next(
				val(st.center, no), sasaran, from(txt(st.wrap, ind.Name), ind.Src), txt(st.center, ind.Polarity.String()),
				figureCell(st.percent, ind.Target), figureCell(st.percent, ind.Realisasi),
				capaian, predikat, figureCell(st.percent, ind.Indicator.Capaian),
				txt(st.wrap, ind.Src.String()),
			); err != nil {
				return err
			}
		}
		if w.row > start {
			if err := w.merge(cellRef("B", start), cellRef("B", w.row)); err != nil {
				return err
			}
		}
	}
	if w.row >= first {
		rng := fmt.Sprintf("%s%d:%s%d", colPredCapai, first, colPredCapai, w.row)
		if err := bandFormats(rp.f, SheetCapaian, rng, colCapaian, first, rp.bands); err != nil {
			return err
		}
	}
	return w.finish(rp.page(true))
}

// capaianFormula is the spreadsheet form of calc.Capaian for target in E
// and realisasi in F of the given row.
func capaianFormula(row int, p calc.Polarity, v calc.Variant) string {
	t, r := cellRef(colTarget, row), cellRef(colRealInd, row)
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

// figureCell writes a typed figure as a number, what was typed when it is
// not a number, or an empty cell when it holds nothing; findings on the
// figure's cell are shown on it.
func figureCell(style int, f calc.Figure) sourced {
	switch {
	case f.Present():
		return from(val(style, num(f.Value)), f.Src)
	case f.Kind == calc.Invalid:
		return from(txt(style, f.Text), f.Src)
	}
	return from(txt(style, ""), f.Src)
}
