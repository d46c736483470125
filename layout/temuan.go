package layout

import (
	"fmt"

	"lkjip/calc"
)

// temuan lists every finding with its place, what was typed, what it
// should be, and why.
func (rp *report) temuan(w *sheetWriter) error {
	st := rp.st
	if err := rp.heading(w, "Temuan", []float64{5, 12, 20, 28, 18, 8, 40, 18, 18, 70},
		"No", "Tingkat", "Aturan", "Berkas", "Lembar", "Sel", "Subjek", "Tertulis", "Seharusnya", "Keterangan"); err != nil {
		return err
	}
	for i, f := range rp.r.Findings {
		if _, err := w.next(val(st.text, i+1), txt(st.text, f.Severity.Label()), txt(st.text, string(f.Rule)),
			txt(st.wrap, f.Src.File), txt(st.text, f.Src.Sheet), txt(st.text, f.Src.Cell()),
			txt(st.wrap, f.Subject), txt(st.text, f.Reported), txt(st.text, f.Computed), txt(st.wrap, f.Message)); err != nil {
			return err
		}
	}
	return nil
}

// ringkasan summarises the agency: totals (linked to the Penyerapan
// Anggaran sheet), absorption, capaian, and findings by severity.
func (rp *report) ringkasan(w *sheetWriter) error {
	st := rp.st
	r := rp.r
	if err := rp.heading(w, "Ringkasan Laporan Kinerja", []float64{40, 30}, "Uraian", "Nilai"); err != nil {
		return err
	}
	ref := func(col string) string { return fmt.Sprintf("'%s'!%s%d", SheetPenyerapan, col, rp.totalRow) }
	rows := [][]any{
		{txt(st.text, "Perangkat Daerah"), txt(st.text, r.Agency.Name)},
		{txt(st.text, "Tahun Anggaran"), val(st.text, r.Agency.Year)},
		{txt(st.text, "Anggaran (Rp)"), formula(st.amount, ref("D"), num(r.Totals.Anggaran))},
		{txt(st.text, "Realisasi (Rp)"), formula(st.amount, ref("E"), num(r.Totals.Realisasi))},
		{txt(st.text, "Sisa (Rp)"), formula(st.amount, ref("F"), num(r.Totals.Sisa()))},
		{txt(st.text, "Penyerapan (%)"), formula(st.percent, ref("G"), num(r.Totals.Persen()))},
		{txt(st.text, "Predikat penyerapan"), txt(st.text, r.Predikat(r.Totals.Persen()))},
	}
	for _, s := range r.Sasaran {
		if s.HasCapaian {
			rows = append(rows,
				[]any{txt(st.wrap, "Capaian kinerja: "+s.Name), val(st.percent, num(s.Capaian))},
				[]any{txt(st.wrap, "Efisiensi: "+s.Name), val(st.percent, num(s.Efisiensi))})
		}
	}
	c := calc.CountFindings(r.Findings)
	for _, sev := range []struct {
		s calc.Severity
		n int
	}{{calc.Error, c.Error}, {calc.Warning, c.Warning}, {calc.Info, c.Info}} {
		rows = append(rows, []any{txt(st.text, "Temuan "+sev.s.Label()),
			formula(st.text, fmt.Sprintf("COUNTIF('%s'!B:B,\"%s\")", SheetTemuan, sev.s.Label()), sev.n)})
	}
	for _, cells := range rows {
		if _, err := w.next(cells...); err != nil {
			return err
		}
	}
	return nil
}
