package layout

import (
	"fmt"
	"slices"

	"lkjip/calc"
)

// efisiensi writes each sasaran's capaian (the mean of its indicators on
// Capaian Kinerja), penyerapan (of its programs on Penyerapan Anggaran) and
// efisiensi, all live; then the efficiency table as the agency typed it,
// where findings on its cells are shown.
func (rp *report) efisiensi() error {
	st := rp.st
	w, err := rp.open(SheetEfisiensi, 5, 58, 15, 15, 15, 24)
	if err != nil {
		return err
	}
	if err := rp.heading(w, "Tingkat Efisiensi Penggunaan Sumber Daya",
		"No", "Sasaran", "% Capaian Kinerja", "% Penyerapan Anggaran", "Tingkat Efisiensi", "Keterangan"); err != nil {
		return err
	}
	for i, s := range rp.r.Sasaran {
		row := w.row + 1
		rp.sasaranRow[s] = row
		capaian, ef := any(txt(st.percent, "")), any(txt(st.percent, ""))
		if s.HasCapaian {
			capaian = formula(st.percent, rp.meanCapaian(s), num(s.Capaian))
			ef = formula(st.percent, fmt.Sprintf("C%d-D%d", row, row), num(s.Efisiensi))
		}
		if rp.r.Settings.Efficiency == calc.EfficiencyRasio {
			ef = formula(st.percent, fmt.Sprintf("D%d", row), num(s.Efisiensi))
		}
		if _, err := w.next(val(st.center, i+1), from(txt(st.wrap, s.Name), s.Src), capaian,
			rp.programPercent(s), ef, txt(st.wrap, efisiensiNote(rp.r, s))); err != nil {
			return err
		}
	}
	if rows := rp.r.Agency.Efisiensi; len(rows) > 0 {
		if err := rp.section(w, "Tabel efisiensi sebagaimana tertulis dalam berkas",
			"No", "Sasaran", "% Capaian tertulis", "% Penyerapan tertulis", "Efisiensi tertulis", "Sumber"); err != nil {
			return err
		}
		for i, row := range rows {
			if _, err := w.next(val(st.center, i+1), from(txt(st.wrap, row.Sasaran), row.Src),
				figureCell(st.percent, row.Capaian), figureCell(st.percent, row.Penyerapan),
				figureCell(st.percent, row.Efisiensi), txt(st.wrap, row.Src.String())); err != nil {
				return err
			}
		}
	}
	return w.finish(rp.page(true))
}

// efisiensiNote says what a sasaran's efisiensi means: efisien or tidak
// efisien (capaian − penyerapan), the band of the ratio method, or why
// there is none.
func efisiensiNote(r *calc.Result, s *calc.SasaranResult) string {
	switch {
	case len(s.Programs) == 0:
		return "tidak ada program DPA untuk sasaran ini"
	case r.Settings.Efficiency == calc.EfficiencyRasio:
		return calc.RatioBand(s.Efisiensi)
	case !s.HasCapaian:
		return "capaian tidak dapat dihitung"
	case s.Efisiensi.IsNegative():
		return "tidak efisien"
	}
	return "efisien"
}

// meanCapaian averages the computed capaian of a sasaran's indicators, as
// calc does: only indicators whose capaian could be computed count, capped
// when a cap is set.
func (rp *report) meanCapaian(s *calc.SasaranResult) string {
	var rows []int
	for _, ind := range s.Indikator {
		if ind.HasCapaian {
			rows = append(rows, rp.indRow[ind])
		}
	}
	slices.Sort(rows)
	return "AVERAGE(" + refList(SheetCapaian, rp.capCols.averaged(), rows) + ")"
}

// programRows are the Penyerapan Anggaran rows of a sasaran's programs,
// ascending; ok is false when a program is not on that sheet.
func (rp *report) programRows(s *calc.SasaranResult) (rows []int, ok bool) {
	for _, p := range s.Programs {
		row, found := rp.nodeRow[p]
		if !found {
			return nil, false
		}
		rows = append(rows, row)
	}
	slices.Sort(rows)
	return rows, len(rows) > 0
}

// programPercent is the absorption of a sasaran's programs: their realisasi
// over their anggaran on Penyerapan Anggaran.
func (rp *report) programPercent(s *calc.SasaranResult) any {
	rows, ok := rp.programRows(s)
	if !ok {
		return val(rp.st.percent, num(s.Penyerapan()))
	}
	return formula(rp.st.percent,
		percentOf(sumOn(SheetPenyerapan, colRealisasi, rows), sumOn(SheetPenyerapan, colAnggaran, rows)),
		num(s.Penyerapan()))
}
