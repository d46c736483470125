package layout

import (
	"context"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"lkjip/calc"
)

// Sheet names of the consolidation workbook (Temuan is SheetTemuan).
const (
	SheetRekapPD      = "Rekap Perangkat Daerah"
	SheetGrafik       = "Grafik Penyerapan"
	SheetRekapProgram = "Rekap Program"
	SheetBerkas       = "Berkas"
)

// ConsolidationSheets lists the consolidation workbook's sheets in order.
func ConsolidationSheets() []string {
	return []string{SheetRekapPD, SheetGrafik, SheetRekapProgram, SheetTemuan, SheetBerkas}
}

// rekap is the state of one consolidation workbook being written.
type rekap struct {
	c  *calc.Consolidation
	st *styles
	// firstRow and lastRow are the agency rows on the Rekap Perangkat
	// Daerah sheet, which the chart plots.
	firstRow, lastRow int
	// widths are the column widths of the sheet being written.
	widths []float64
}

// Consolidation writes the consolidation workbook: one row per agency with
// its absorption, capaian, efisiensi, findings and rank; every program;
// every finding; every input file with what became of it; and a chart of
// absorption per agency.
func Consolidation(ctx context.Context, c *calc.Consolidation, w io.Writer, opt Options) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return fmt.Errorf("styles: %w", err)
	}
	rk := &rekap{c: c, st: st}
	if err := addSheets(f, ConsolidationSheets(), printSetup); err != nil {
		return err
	}
	if err := streamSheets(ctx, f, []streamed{
		{SheetRekapPD, rk.perangkatDaerah},
		{SheetRekapProgram, rk.programs},
		{SheetTemuan, rk.temuan},
		{SheetBerkas, rk.berkas},
	}); err != nil {
		return err
	}
	if err := rk.chart(f); err != nil {
		return fmt.Errorf("sheet %q: %w", SheetGrafik, err)
	}

	// The first sheet is already the active one; SetActiveSheet would make
	// excelize parse every streamed sheet back into memory.
	now := opt.Now.UTC().Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{
		Title: c.Title(), Subject: c.Region, Creator: "lkjip", LastModifiedBy: "lkjip",
		Keywords: fmt.Sprintf("LKjIP; rekap; %d", c.Year), Created: now, Modified: now, Language: "id-ID",
		Description: "Rekap perangkat daerah, dihitung ulang oleh lkjip dari berkas masing-masing",
	}); err != nil {
		return fmt.Errorf("document properties: %w", err)
	}
	return save(f, w)
}

// addSheets creates a new workbook's sheets in order, each set up by setup
// before anything is streamed into it: the stream writer keeps only the
// settings it finds when it starts.
func addSheets(f *excelize.File, names []string, setup func(*excelize.File, string) error) error {
	for i, name := range names {
		var err error
		if i == 0 {
			err = f.SetSheetName(f.GetSheetName(0), name)
		} else {
			_, err = f.NewSheet(name)
		}
		if err == nil {
			err = setup(f, name)
		}
		if err != nil {
			return fmt.Errorf("sheet %q: %w", name, err)
		}
	}
	return nil
}

// streamed is a sheet and the function that writes its rows.
type streamed struct {
	name  string
	write func(*sheetWriter) error
}

// streamSheets writes each sheet row by row with a stream writer.
func streamSheets(ctx context.Context, f *excelize.File, sheets []streamed) error {
	for _, s := range sheets {
		if err := ctx.Err(); err != nil {
			return err
		}
		sw, err := f.NewStreamWriter(s.name)
		if err == nil {
			err = s.write(&sheetWriter{sw: sw})
		}
		if err == nil {
			err = sw.Flush()
		}
		if err != nil {
			return fmt.Errorf("sheet %q: %w", s.name, err)
		}
	}
	return nil
}

// printSetup prints a sheet on A4 landscape, as wide as one page, with the
// column headers repeated on every page.
func printSetup(f *excelize.File, sheet string) error {
	size, orientation, fit := 9, "landscape", true
	wide, high := 1, 0
	if sheet == SheetGrafik {
		high = 1
	}
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Size: &size, Orientation: &orientation, FitToWidth: &wide, FitToHeight: &high,
	}); err != nil {
		return err
	}
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if sheet == SheetGrafik {
		return nil
	}
	return f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Titles", Scope: sheet,
		RefersTo: fmt.Sprintf("'%s'!$%d:$%d", sheet, headerRow, headerRow),
	})
}

// heading writes a sheet's title, a line saying what it covers, a blank row
// and the column headers (row headerRow, kept in view when scrolling).
func (rk *rekap) heading(w *sheetWriter, title string, widths []float64, cols ...string) error {
	rk.widths = widths
	for i, wd := range widths {
		if err := w.sw.SetColWidth(i+1, i+1, wd); err != nil {
			return err
		}
	}
	if err := w.freeze(); err != nil {
		return err
	}
	if _, err := w.next(txt(rk.st.title, title)); err != nil {
		return err
	}
	if _, err := w.next(rk.c.Title()); err != nil {
		return err
	}
	w.skip()
	_, err := w.next(rk.st.headers(cols)...)
	return err
}

// perangkatDaerah writes one row per agency: its amounts as read, sisa,
// absorption, efisiensi and rank as live formulas carrying calc's values,
// findings by severity; and the region's total row.
func (rk *rekap) perangkatDaerah(w *sheetWriter) error {
	st, c := rk.st, rk.c
	if err := rk.heading(w, "Rekap Penyerapan Anggaran dan Kinerja Perangkat Daerah",
		[]float64{5, 50, 30, 20, 20, 20, 12, 15, 12, 12, 16, 11, 11, 9, 11},
		"No", "Perangkat Daerah", "Berkas", "Anggaran (Rp)", "Realisasi (Rp)", "Sisa (Rp)", "Penyerapan (%)",
		"Predikat", "Rata-rata Capaian (%)", "Efisiensi", "Keterangan Efisiensi",
		"Temuan Kesalahan", "Temuan Peringatan", "Temuan Info", "Peringkat"); err != nil {
		return err
	}
	rk.firstRow = w.row + 1
	rk.lastRow = w.row + len(c.Agencies)
	ranks := fmt.Sprintf("$G$%d:$G$%d", rk.firstRow, max(rk.firstRow, rk.lastRow))
	for i, a := range c.Agencies {
		row := w.row + 1
		predikat, rank := "tidak ada DPA", any(txt(st.text, ""))
		if a.HasBudget {
			predikat = c.Predikat(a.Persen())
		}
		if a.Rank > 0 {
			rank = formula(st.text, fmt.Sprintf("IF(D%d=0,\"\",RANK(G%d,%s))", row, row, ranks), a.Rank)
		}
		capaian, ef := any(txt(st.percent, "")), any(txt(st.percent, ""))
		if a.HasCapaian {
			capaian = val(st.percent, num(a.Capaian))
		}
		if a.HasEfisiensi {
			f := fmt.Sprintf("I%d-G%d", row, row)
			if c.Settings.Efficiency == calc.EfficiencyRasio {
				f = fmt.Sprintf("G%d", row)
			}
			ef = formula(st.percent, f, num(a.Efisiensi))
		}
		if err := rk.next(w,
			val(st.text, i+1), txt(st.wrap, a.Agency), txt(st.wrap, strings.Join(a.Files, "\n")),
			val(st.amount, num(a.Totals.Anggaran)), val(st.amount, num(a.Totals.Realisasi)),
			formula(st.amount, fmt.Sprintf("D%d-E%d", row, row), num(a.Totals.Sisa())),
			formula(st.percent, percentOf(cellRef("E", row), cellRef("D", row)), num(a.Persen())),
			txt(st.text, predikat), capaian, ef, txt(st.text, c.EfisiensiNote(a)),
			val(st.text, a.Counts.Error), val(st.text, a.Counts.Warning), val(st.text, a.Counts.Info), rank,
		); err != nil {
			return err
		}
	}
	row := w.row + 1
	n := c.Counts()
	sum := func(col string, v any, style int) excelize.Cell {
		return formula(style, fmt.Sprintf("SUM(%s%d:%s%d)", col, rk.firstRow, col, max(rk.firstRow, rk.lastRow)), v)
	}
	_, err := w.next(
		txt(st.bold, ""), txt(st.bold, "JUMLAH"), txt(st.bold, fmt.Sprintf("%d perangkat daerah", len(c.Agencies))),
		sum("D", num(c.Totals.Anggaran), st.boldAmount), sum("E", num(c.Totals.Realisasi), st.boldAmount),
		formula(st.boldAmount, fmt.Sprintf("D%d-E%d", row, row), num(c.Totals.Sisa())),
		formula(st.boldPercent, percentOf(cellRef("E", row), cellRef("D", row)), num(c.Totals.Persen())),
		txt(st.bold, c.Predikat(c.Totals.Persen())), txt(st.bold, ""), txt(st.bold, ""), txt(st.bold, ""),
		sum("L", n.Error, st.bold), sum("M", n.Warning, st.bold), sum("N", n.Info, st.bold), txt(st.bold, ""),
	)
	return err
}

// next writes the next row, tall enough for its wrapped texts: a viewer
// does not grow a stored row to fit them, so the lines are estimated from
// each text's length against its column's width.
func (rk *rekap) next(w *sheetWriter, cells ...any) error {
	lines := 1
	for i, c := range cells {
		cell, ok := c.(excelize.Cell)
		text, isText := cell.Value.(string)
		if !ok || !isText || cell.StyleID != rk.st.wrap || i >= len(rk.widths) {
			continue
		}
		n := 0
		for _, part := range strings.Split(text, "\n") {
			n += max(1, int(math.Ceil(float64(utf8.RuneCountInString(part))*1.1/rk.widths[i])))
		}
		lines = max(lines, n)
	}
	w.row++
	var opts []excelize.RowOpts
	if lines > 1 {
		opts = append(opts, excelize.RowOpts{Height: min(15*float64(lines), maxRowHeight)})
	}
	return w.sw.SetRow(cellRef("A", w.row), cells, opts...)
}

// programs lists every program with its agency.
func (rk *rekap) programs(w *sheetWriter) error {
	st := rk.st
	if err := rk.heading(w, "Rekap Program", []float64{5, 40, 16, 60, 20, 20, 20, 10, 15, 40},
		"No", "Perangkat Daerah", "Kode", "Program", "Anggaran (Rp)", "Realisasi (Rp)", "Sisa (Rp)", "%",
		"Predikat", "Sumber"); err != nil {
		return err
	}
	first, no := w.row+1, 0
	total := calc.Amounts{}
	for _, a := range rk.c.Agencies {
		for _, p := range a.Programs {
			no++
			row := w.row + 1
			total = total.Add(p.Amounts)
			if err := rk.next(w,
				val(st.text, no), txt(st.wrap, a.Agency), txt(st.text, p.Code), txt(st.wrap, p.Name),
				val(st.amount, num(p.Amounts.Anggaran)), val(st.amount, num(p.Amounts.Realisasi)),
				formula(st.amount, fmt.Sprintf("E%d-F%d", row, row), num(p.Amounts.Sisa())),
				formula(st.percent, percentOf(cellRef("F", row), cellRef("E", row)), num(p.Amounts.Persen())),
				txt(st.text, rk.c.Predikat(p.Amounts.Persen())), txt(st.wrap, p.Src.String()),
			); err != nil {
				return err
			}
		}
	}
	row := w.row + 1
	last := max(first, row-1)
	_, err := w.next(
		txt(st.bold, ""), txt(st.bold, "JUMLAH SELURUH PROGRAM"), txt(st.bold, ""), txt(st.bold, fmt.Sprintf("%d program", no)),
		formula(st.boldAmount, fmt.Sprintf("SUM(E%d:E%d)", first, last), num(total.Anggaran)),
		formula(st.boldAmount, fmt.Sprintf("SUM(F%d:F%d)", first, last), num(total.Realisasi)),
		formula(st.boldAmount, fmt.Sprintf("E%d-F%d", row, row), num(total.Sisa())),
		formula(st.boldPercent, percentOf(cellRef("F", row), cellRef("E", row)), num(total.Persen())),
	)
	return err
}

// temuan lists every finding with its agency and place.
func (rk *rekap) temuan(w *sheetWriter) error {
	st := rk.st
	if err := rk.heading(w, "Temuan", []float64{5, 40, 12, 20, 28, 18, 8, 40, 18, 18, 70},
		"No", "Perangkat Daerah", "Tingkat", "Aturan", "Berkas", "Lembar", "Sel", "Subjek", "Tertulis", "Seharusnya",
		"Keterangan"); err != nil {
		return err
	}
	no := 0
	for _, a := range rk.c.Agencies {
		for _, f := range a.Findings {
			no++
			if err := rk.next(w, val(st.text, no), txt(st.wrap, a.Agency), txt(st.text, f.Severity.Label()),
				txt(st.text, string(f.Rule)), txt(st.wrap, f.Src.File()), txt(st.text, f.Src.Sheet()), txt(st.text, f.Src.Cell()),
				txt(st.wrap, f.Subject), txt(st.text, f.Reported), txt(st.text, f.Computed), txt(st.wrap, f.Message)); err != nil {
				return err
			}
		}
	}
	return nil
}

// statusLabel words what became of an input.
func statusLabel(e calc.Entry) (string, string) {
	switch e.Status {
	case calc.EntryFailed:
		return "GAGAL", e.Reason
	case calc.EntryDuplicate:
		return "ganda, tidak dihitung", "sama dengan " + e.SameAs
	case calc.EntrySkipped:
		return "dilewati", e.Reason
	}
	return "dipakai", ""
}

// berkas lists every input: its kind, agency, the tables found in it, the
// rows left unmapped, and what became of it.
func (rk *rekap) berkas(w *sheetWriter) error {
	st := rk.st
	if err := rk.heading(w, "Berkas Masukan", []float64{5, 45, 16, 40, 8, 50, 10, 20, 60},
		"No", "Berkas", "Jenis", "Perangkat Daerah", "Tahun", "Tabel Ditemukan", "Baris Diabaikan", "Status", "Keterangan"); err != nil {
		return err
	}
	for i, e := range rk.c.Entries {
		var tables []string
		ignored := 0
		for _, in := range e.Summary.Inputs {
			ignored += len(in.Ignored)
			for _, t := range in.Tables {
				place := t.Sheet + "!" + t.Range
				if in.File != e.File {
					place = in.File + ": " + place
				}
				tables = append(tables, t.Kind.Label()+": "+place)
			}
		}
		year := any(txt(st.text, ""))
		if e.Year != 0 {
			year = val(st.text, e.Year)
		}
		status, note := statusLabel(e)
		if err := rk.next(w, val(st.text, i+1), txt(st.wrap, e.File), txt(st.text, e.Kind.Label()), txt(st.wrap, e.Agency),
			year, txt(st.wrap, strings.Join(tables, "\n")), val(st.text, ignored), txt(st.text, status), txt(st.wrap, note)); err != nil {
			return err
		}
	}
	return nil
}

// chart draws absorption per agency as horizontal bars, from the Rekap
// Perangkat Daerah sheet, first agency at the top.
func (rk *rekap) chart(f *excelize.File) error {
	if err := f.SetCellValue(SheetGrafik, "A1", "Penyerapan Anggaran per Perangkat Daerah (%)"); err != nil {
		return err
	}
	if err := f.SetCellStyle(SheetGrafik, "A1", "A1", rk.st.title); err != nil {
		return err
	}
	if err := f.SetCellValue(SheetGrafik, "A2", rk.c.Title()); err != nil {
		return err
	}
	if len(rk.c.Agencies) == 0 {
		return nil
	}
	vary := false
	sheet := "'" + SheetRekapPD + "'!"
	rows := "$" + strconv.Itoa(rk.firstRow) + ":$"
	return f.AddChart(SheetGrafik, "A4", &excelize.Chart{
		Type: excelize.Bar,
		Series: []excelize.ChartSeries{{
			Name:       sheet + "$G$" + strconv.Itoa(headerRow),
			Categories: sheet + "$B" + rows + "B$" + strconv.Itoa(rk.lastRow),
			Values:     sheet + "$G" + rows + "G$" + strconv.Itoa(rk.lastRow),
		}},
		Title:      excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Penyerapan Anggaran (%)"}}},
		Legend:     excelize.ChartLegend{Position: "none"},
		VaryColors: &vary,
		XAxis:      excelize.ChartAxis{ReverseOrder: true, Font: excelize.Font{Color: "000000"}},
		YAxis: excelize.ChartAxis{MajorGridLines: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0"},
			Font: excelize.Font{Color: "000000"}},
		PlotArea:  excelize.ChartPlotArea{ShowVal: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0.00"}},
		Dimension: excelize.ChartDimension{Width: 960, Height: uint(160 + 26*len(rk.c.Agencies))},
	})
}
