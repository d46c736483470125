package layout

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/xuri/excelize/v2"

	"lkjip/calc"
)

// Sheet names of the report, in order.
const (
	SheetRingkasan  = "Ringkasan"
	SheetPenyerapan = "Penyerapan Anggaran"
	SheetCapaian    = "Capaian Kinerja"
	SheetEfisiensi  = "Efisiensi"
	SheetAlokasi    = "Alokasi per Sasaran"
	SheetPohon      = "Pohon Kinerja"
	SheetTemuan     = "Temuan"
)

// ReportSheets lists the report's sheets in order.
func ReportSheets() []string {
	return []string{SheetRingkasan, SheetPenyerapan, SheetCapaian, SheetEfisiensi, SheetAlokasi, SheetPohon, SheetTemuan}
}

// Options control how a workbook is written.
type Options struct {
	// Now is the creation time written into the document properties.
	Now time.Time
}

// report is the state of one report being written.
type report struct {
	r  *calc.Result
	f  *excelize.File
	st *styles
	// totalRow is the grand total row on the Penyerapan Anggaran sheet.
	totalRow int
}

// Report writes the report workbook of an analysed agency to w.
func Report(ctx context.Context, r *calc.Result, w io.Writer, opt Options) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return fmt.Errorf("styles: %w", err)
	}
	rp := &report{r: r, f: f, st: st}
	for i, name := range ReportSheets() {
		if i == 0 {
			err = f.SetSheetName("Sheet1", name)
		} else {
			_, err = f.NewSheet(name)
		}
		if err != nil {
			return fmt.Errorf("sheet %q: %w", name, err)
		}
	}
	// Penyerapan first: Ringkasan refers to its total row.
	for _, s := range []struct {
		name  string
		write func(*sheetWriter) error
	}{
		{SheetPenyerapan, rp.penyerapan},
		{SheetRingkasan, rp.ringkasan},
		{SheetCapaian, rp.capaian},
		{SheetEfisiensi, rp.efisiensi},
		{SheetAlokasi, rp.alokasi},
		{SheetPohon, rp.pohon},
		{SheetTemuan, rp.temuan},
	} {
		if err := ctx.Err(); err != nil {
			return err
		}
		sw, err := f.NewStreamWriter(s.name)
		if err != nil {
			return fmt.Errorf("sheet %q: %w", s.name, err)
		}
		if err := s.write(&sheetWriter{sw: sw}); err != nil {
			return fmt.Errorf("sheet %q: %w", s.name, err)
		}
		if err := sw.Flush(); err != nil {
			return fmt.Errorf("sheet %q: %w", s.name, err)
		}
	}
	f.SetActiveSheet(0)
	title := fmt.Sprintf("Laporan Kinerja %s Tahun %d", r.Agency.Name, r.Agency.Year)
	now := opt.Now.UTC().Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{
		Title: title, Subject: r.Agency.Name, Creator: "lkjip", LastModifiedBy: "lkjip",
		Keywords: fmt.Sprintf("LKjIP; %d", r.Agency.Year), Created: now, Modified: now, Language: "id-ID",
		Description: "Dihitung ulang oleh lkjip dari berkas perangkat daerah",
	}); err != nil {
		return fmt.Errorf("document properties: %w", err)
	}
	_, err = f.WriteTo(w)
	return err
}

// heading writes a sheet's title, a line naming the agency and year, a
// blank row and the column headers, which stay in view when scrolling;
// widths and panes are set before any row, as the stream writer requires.
func (rp *report) heading(w *sheetWriter, title string, widths []float64, cols ...string) error {
	for i, wd := range widths {
		if err := w.sw.SetColWidth(i+1, i+1, wd); err != nil {
			return err
		}
	}
	if err := w.freeze(); err != nil {
		return err
	}
	if _, err := w.next(txt(rp.st.title, title)); err != nil {
		return err
	}
	if _, err := w.next(fmt.Sprintf("%s — Tahun %d", rp.r.Agency.Name, rp.r.Agency.Year)); err != nil {
		return err
	}
	w.skip()
	cells := make([]any, len(cols))
	for i, c := range cols {
		cells[i] = txt(rp.st.header, c)
	}
	_, err := w.next(cells...)
	return err
}
