package layout

import (
	"fmt"
	"strings"

	"lkjip/calc"
)

// alokasi writes each sasaran's programs, their anggaran (from Penyerapan
// Anggaran) and its share of Belanja Langsung (a live formula against the
// denominator row below); then the allocation table and the Perjanjian
// Kinerja as the agency typed them, where findings on their cells (a
// truncated share, a PK budget that differs from the DPA) are shown.
func (rp *report) alokasi() error {
	st := rp.st
	w, err := rp.open(SheetAlokasi, 5, 40, 48, 18, 14, 24)
	if err != nil {
		return err
	}
	if err := rp.heading(w, "Alokasi Anggaran per Sasaran",
		"No", "Sasaran", "Program", "Anggaran (Rp)", "% terhadap Belanja Langsung", "Keterangan"); err != nil {
		return err
	}
	denomRow := w.row + len(rp.r.Sasaran) + 2
	for i, s := range rp.r.Sasaran {
		row := w.row + 1
		names := make([]string, len(s.Programs))
		for j, p := range s.Programs {
			names[j] = p.Name
		}
		note := ""
		if len(s.Programs) == 0 {
			note = "tidak ada program DPA untuk sasaran ini"
		}
		if _, err := w.next(val(st.center, i+1), from(txt(st.wrap, s.Name), s.Src), txt(st.wrap, strings.Join(names, "; ")),
			rp.programSum(s),
			formula(st.percent, percentOf(cellRef("D", row), fmt.Sprintf("$D$%d", denomRow)), num(s.Alokasi)),
			txt(st.wrap, note),
		); err != nil {
			return err
		}
	}
	w.skip()
	label, denom := rp.denominator()
	if _, err := w.next(txt(st.bold, ""), txt(st.boldWrap, label), txt(st.bold, ""), denom, txt(st.bold, ""), txt(st.bold, "")); err != nil {
		return err
	}
	if err := rp.typedAlokasi(w); err != nil {
		return err
	}
	if err := rp.perjanjian(w); err != nil {
		return err
	}
	return w.finish(rp.page(true))
}

// programSum is the anggaran of a sasaran's programs, from Penyerapan
// Anggaran.
func (rp *report) programSum(s *calc.SasaranResult) any {
	rows, ok := rp.programRows(s)
	if !ok {
		return val(rp.st.amount, num(s.Amounts.Anggaran))
	}
	return formula(rp.st.amount, sumOn(SheetPenyerapan, colAnggaran, rows), num(s.Amounts.Anggaran))
}

// denominator is the row that allocation shares divide by: calc's Belanja
// Langsung, linked to the Penyerapan Anggaran row that holds the same
// amount (the Belanja Langsung group, or the total when there is none).
func (rp *report) denominator() (string, any) {
	r, st := rp.r, rp.st
	bl := num(r.BelanjaLangsung)
	for _, g := range r.Groups {
		if row, ok := rp.nodeRow[g]; ok && g.Sum().Anggaran.Equal(r.BelanjaLangsung) {
			return "Penyebut: anggaran " + g.Name, formula(st.boldAmount, ref(SheetPenyerapan, colAnggaran, row), bl)
		}
	}
	if r.Totals.Anggaran.Equal(r.BelanjaLangsung) {
		return "Penyebut: jumlah anggaran belanja", formula(st.boldAmount, ref(SheetPenyerapan, colAnggaran, rp.totalRow), bl)
	}
	return "Penyebut: Belanja Langsung", val(st.boldAmount, bl)
}

// typedAlokasi lists the allocation table as typed.
func (rp *report) typedAlokasi(w *sheetWriter) error {
	st, rows := rp.st, rp.r.Agency.Alokasi
	if len(rows) == 0 {
		return nil
	}
	if err := rp.section(w, "Tabel alokasi sebagaimana tertulis dalam berkas",
		"No", "Sasaran", "Program", "Anggaran tertulis (Rp)", "% tertulis", "Sumber"); err != nil {
		return err
	}
	for i, row := range rows {
		sasaran, program := any(txt(st.wrap, row.Sasaran)), any(from(txt(st.wrap, row.Program), row.Src))
		if row.Program == "" {
			sasaran, program = from(txt(st.wrap, row.Sasaran), row.Src), txt(st.wrap, "")
		}
		if _, err := w.next(val(st.center, i+1), sasaran, program,
			figureCell(st.amount, row.Anggaran), figureCell(st.percent, row.Persen), txt(st.wrap, row.Src.String())); err != nil {
			return err
		}
	}
	return nil
}

// perjanjian lists the Perjanjian Kinerja's programs and budgets as typed.
func (rp *report) perjanjian(w *sheetWriter) error {
	st, rows := rp.st, rp.r.Agency.PK
	if len(rows) == 0 {
		return nil
	}
	if err := rp.section(w, "Anggaran program menurut Perjanjian Kinerja",
		"No", "Sasaran", "Program", "Anggaran PK (Rp)", "", "Sumber"); err != nil {
		return err
	}
	for i, row := range rows {
		if _, err := w.next(val(st.center, i+1), txt(st.wrap, row.Sasaran), from(txt(st.wrap, row.Program), row.Src),
			figureCell(st.amount, row.Anggaran), txt(st.text, ""), txt(st.wrap, row.Src.String())); err != nil {
			return err
		}
	}
	return nil
}
