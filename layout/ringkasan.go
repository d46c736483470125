package layout

import (
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"lkjip/calc"
)

// ringkasan summarises the agency on one sheet: who and when, the budget
// totals, performance per sasaran, findings by severity and by rule, and
// absorption per program and capaian per indicator, each with a bar chart.
// Every figure is a formula on the sheet that holds it, so the summary
// follows any change made there.
func (rp *report) ringkasan() error {
	w, err := openSheet(rp.f, SheetRingkasan, rp.st, sheetSetup{widths: []float64{5, 52, 18, 18, 11, 15}})
	if err != nil {
		return err
	}
	if err := rp.titleLines(w, "Ringkasan Laporan Kinerja", 6); err != nil {
		return err
	}
	for _, part := range []func(*sheetWriter) error{
		rp.identitas, rp.anggaran, rp.kinerja, rp.jumlahTemuan,
	} {
		w.skip()
		if err := part(w); err != nil {
			return err
		}
	}
	w.skip()
	progs, err := rp.programTable(w)
	if err != nil {
		return err
	}
	w.skip()
	inds, err := rp.indicatorTable(w)
	if err != nil {
		return err
	}
	for _, span := range []rowSpan{progs, inds} {
		if span.first > 0 {
			if err := bandFormats(rp.f, SheetRingkasan, fmt.Sprintf("F%d:F%d", span.first, span.last), "E", span.first, rp.bands); err != nil {
				return err
			}
		}
	}
	if err := rp.charts(w, progs, inds); err != nil {
		return err
	}
	return w.finish(rp.page(false))
}

// pair writes a label and a value; a text value is merged across the
// columns to its right, a number stays in its column.
func (rp *report) pair(w *sheetWriter, label string, value excelize.Cell) error {
	st := rp.st
	if _, isText := value.Value.(string); isText && value.Formula == "" {
		_, err := w.next(txt(st.text, ""), txt(st.bold, label), across(value, 4), txt(st.text, ""), txt(st.text, ""), txt(st.text, ""))
		return err
	}
	_, err := w.next(txt(st.text, ""), txt(st.bold, label), value)
	return err
}

func (rp *report) identitas(w *sheetWriter) error {
	st, a := rp.st, rp.r.Agency
	var files []string
	for _, in := range a.Inputs {
		files = append(files, in.File)
	}
	if _, err := w.next(txt(st.section, "Identitas")); err != nil {
		return err
	}
	for _, p := range []struct {
		label string
		value excelize.Cell
	}{
		{"Perangkat Daerah", txt(st.wrap, a.Name)},
		{"Tahun Anggaran", val(st.center, a.Year)},
		{"Berkas yang dibaca", txt(st.wrap, strings.Join(files, "; "))},
		{"Tanggal laporan", txt(st.text, tanggal(rp.opt.Now))},
	} {
		if err := rp.pair(w, p.label, p.value); err != nil {
			return err
		}
	}
	return nil
}

func (rp *report) anggaran(w *sheetWriter) error {
	st, t := rp.st, rp.r.Totals
	if _, err := w.next(txt(st.section, "Anggaran")); err != nil {
		return err
	}
	total := func(col string) string { return ref(SheetPenyerapan, col, rp.totalRow) }
	for _, p := range []struct {
		label string
		value excelize.Cell
	}{
		{"Anggaran (Rp)", formula(st.amount, total(colAnggaran), num(t.Anggaran))},
		{"Realisasi (Rp)", formula(st.amount, total(colRealisasi), num(t.Realisasi))},
		{"Sisa (Rp)", formula(st.amount, total(colSisa), num(t.Sisa()))},
		{"Penyerapan (%)", formula(st.percent, total(colPersen), num(t.Persen()))},
		{"Predikat penyerapan", formula(st.text, total(colPredikat), rp.r.Predikat(t.Persen()))},
	} {
		if err := rp.pair(w, p.label, p.value); err != nil {
			return err
		}
	}
	return nil
}

// kinerja shows each sasaran's row of the Efisiensi sheet.
func (rp *report) kinerja(w *sheetWriter) error {
	st := rp.st
	if err := rp.tableHead(w, "Kinerja per Sasaran",
		"No", "Sasaran", "% Capaian Kinerja", "% Penyerapan Anggaran", "Efisiensi", "Keterangan"); err != nil {
		return err
	}
	for i, s := range rp.r.Sasaran {
		row := rp.sasaranRow[s]
		on := func(col string) string { return ref(SheetEfisiensi, col, row) }
		capaian, ef := any(txt(st.percent, "")), any(txt(st.percent, ""))
		if s.HasCapaian {
			capaian = formula(st.percent, on("C"), num(s.Capaian))
		}
		if s.HasCapaian || rp.r.Settings.Efficiency == calc.EfficiencyRasio {
			ef = formula(st.percent, on("E"), num(s.Efisiensi))
		}
		if _, err := w.next(val(st.center, i+1), txt(st.wrap, s.Name), capaian,
			formula(st.percent, on("D"), num(s.Penyerapan())), ef,
			formula(st.wrap, on("F"), efisiensiNote(rp.r, s))); err != nil {
			return err
		}
	}
	return nil
}

// jumlahTemuan counts the findings on the Temuan sheet, by severity and by
// rule (only rules that occur).
func (rp *report) jumlahTemuan(w *sheetWriter) error {
	st := rp.st
	if err := rp.tableHead(w, "Temuan", "No", "Tingkat / aturan", "Jumlah"); err != nil {
		return err
	}
	c := calc.CountFindings(rp.r.Findings)
	count := func(col, what string) string {
		return fmt.Sprintf("COUNTIF(%s!%s:%s,%s)", quoteSheet(SheetTemuan), col, col, quoteText(what))
	}
	for i, sev := range []struct {
		s calc.Severity
		n int
	}{{calc.Error, c.Error}, {calc.Warning, c.Warning}, {calc.Info, c.Info}} {
		if _, err := w.next(val(st.center, i+1), txt(st.flagged(st.bold, sev.s), sev.s.Label()),
			formula(st.count, count(colTemuanTingkat, sev.s.Label()), sev.n)); err != nil {
			return err
		}
	}
	perRule := map[calc.Rule]int{}
	for _, f := range rp.r.Findings {
		perRule[f.Rule]++
	}
	no := 3
	for _, ri := range calc.Rules() {
		if perRule[ri.Rule] == 0 {
			continue
		}
		no++
		if _, err := w.next(val(st.center, no), txt(st.wrap, string(ri.Rule)+": "+ri.Title),
			formula(st.count, count(colTemuanAturan, string(ri.Rule)), perRule[ri.Rule])); err != nil {
			return err
		}
	}
	return nil
}

// rowSpan is the first and last row of a table on Ringkasan (0, 0 when it
// is empty).
type rowSpan struct{ first, last int }

// add extends the span to a row written below it.
func (s *rowSpan) add(row int) {
	if s.first == 0 {
		s.first = row
	}
	s.last = row
}

// programTable shows every program's absorption from Penyerapan Anggaran.
func (rp *report) programTable(w *sheetWriter) (rowSpan, error) {
	st := rp.st
	if err := rp.tableHead(w, "Penyerapan Anggaran per Program",
		"No", "Program", "Anggaran (Rp)", "Realisasi (Rp)", "%", "Predikat"); err != nil {
		return rowSpan{}, err
	}
	var span rowSpan
	for i, p := range rp.r.Programs {
		row, ok := rp.nodeRow[p]
		if !ok {
			continue
		}
		on := func(col string) string { return ref(SheetPenyerapan, col, row) }
		sum := p.Sum()
		pct := sum.Persen()
		r, err := w.next(val(st.center, i+1), txt(st.wrap, p.Name),
			formula(st.amount, on(colAnggaran), num(sum.Anggaran)),
			formula(st.amount, on(colRealisasi), num(sum.Realisasi)),
			formula(st.percent, on(colPersen), num(pct)),
			formula(st.text, on(colPredikat), rp.r.Predikat(pct)))
		if err != nil {
			return span, err
		}
		span.add(r)
	}
	return span, nil
}

// indicatorTable shows every indicator's capaian from Capaian Kinerja.
func (rp *report) indicatorTable(w *sheetWriter) (rowSpan, error) {
	st := rp.st
	if err := rp.tableHead(w, "Capaian Kinerja per Indikator",
		"No", "Indikator", "Target", "Realisasi", "Capaian (%)", "Predikat"); err != nil {
		return rowSpan{}, err
	}
	var span rowSpan
	no := 0
	for _, s := range rp.r.Sasaran {
		for _, ind := range s.Indikator {
			no++
			row := rp.indRow[ind]
			on := func(col string) string { return ref(SheetCapaian, col, row) }
			target, real := copyFigure(st.percent, on(colTarget), ind.Target), copyFigure(st.percent, on(colRealInd), ind.Realisasi)
			capaian, predikat := any(txt(st.percent, "")), any(txt(st.text, ""))
			if ind.HasCapaian {
				capaian = formula(st.percent, on(colCapaian), num(ind.Capaian))
				predikat = formula(st.text, on(rp.capCols.predikat), rp.r.Predikat(ind.Capaian))
			}
			r, err := w.next(val(st.center, no), txt(st.wrap, ind.Name), target, real, capaian, predikat)
			if err != nil {
				return span, err
			}
			span.add(r)
		}
	}
	return span, nil
}

// copyFigure repeats a typed figure shown on another sheet: a formula when
// it is a number, otherwise an empty cell (a reference to an empty cell
// would show 0).
func copyFigure(style int, at string, f calc.Figure) any {
	if !f.Present() {
		return txt(style, "")
	}
	return formula(style, at, num(f.Value()))
}

// charts draws absorption per program and capaian per indicator as
// horizontal bars under the tables, each on a page of its own when printed.
func (rp *report) charts(w *sheetWriter, progs, inds rowSpan) error {
	row := w.row + 2
	for _, c := range []struct {
		span  rowSpan
		title string
		top   decimal.Decimal
	}{
		{progs, "Penyerapan Anggaran per Program (%)", rp.maxPercent(true)},
		{inds, "Capaian Kinerja per Indikator (%)", rp.maxPercent(false)},
	} {
		if c.span.first == 0 {
			continue
		}
		if err := w.sw.InsertPageBreak(cellRef("A", row)); err != nil {
			return err
		}
		row++
		n := c.span.last - c.span.first + 1
		height := min(max(100+30*n, 180), maxChartHeight)
		if err := rp.f.AddChart(SheetRingkasan, cellRef("B", row), barChart(c.title, c.span, height, c.top)); err != nil {
			return err
		}
		// Rows below the last one written have the default height, at
		// least 15 px: the next page break falls below the chart.
		row += height/15 + 2
	}
	return nil
}

// maxChartHeight is the tallest chart, in pixels: what fits on an A4
// landscape page under its margins.
const maxChartHeight = 600

// maxPercent is the highest absorption of a program, or capaian of an
// indicator, as calc computed it.
func (rp *report) maxPercent(programs bool) decimal.Decimal {
	top := decimal.Zero
	if programs {
		for _, p := range rp.r.Programs {
			top = decimal.Max(top, p.Sum().Persen())
		}
		return top
	}
	for _, s := range rp.r.Sasaran {
		for _, ind := range s.Indikator {
			if ind.HasCapaian {
				top = decimal.Max(top, ind.Capaian)
			}
		}
	}
	return top
}

// barChart is a horizontal bar chart of column E (a percentage) labelled by
// column B, first row on top, values shown on the bars. The scale runs from
// 0 to 100 unless a value (top) is higher.
func barChart(title string, span rowSpan, height int, top decimal.Decimal) *excelize.Chart {
	on := func(col string) string {
		return fmt.Sprintf("%s!$%s$%d:$%s$%d", quoteSheet(SheetRingkasan), col, span.first, col, span.last)
	}
	no := false
	gap := uint(60)
	var maximum *float64
	if top.LessThanOrEqual(decimal.NewFromInt(100)) {
		maximum = ptr(100.0)
	}
	axisFont := excelize.Font{Family: fontName, Size: 9, Color: "404040"}
	return &excelize.Chart{
		Type: excelize.Bar,
		Series: []excelize.ChartSeries{{
			Name: quoteText(title), Categories: on("B"), Values: on("E"),
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"4472C4"}},
		}},
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: title, Font: &excelize.Font{Family: fontName, Size: 12, Bold: true}}}},
		Legend:    excelize.ChartLegend{Position: "none"},
		Dimension: excelize.ChartDimension{Width: 900, Height: uint(height)},
		Format:    excelize.GraphicOptions{LockAspectRatio: false, Locked: &no},
		PlotArea: excelize.ChartPlotArea{ShowVal: true,
			NumFmt: excelize.ChartNumFmt{CustomNumFmt: "#,##0.00"}},
		GapWidth: &gap,
		XAxis:    excelize.ChartAxis{ReverseOrder: true, Font: axisFont},
		YAxis:    excelize.ChartAxis{MajorGridLines: true, Minimum: ptr(0.0), Maximum: maximum, MajorUnit: 10, Font: axisFont},
	}
}

func ptr[T any](v T) *T { return &v }

// tanggal writes a date the Indonesian way: "2 Januari 2026".
func tanggal(t time.Time) string {
	months := [...]string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
		"Agustus", "September", "Oktober", "November", "Desember"}
	return fmt.Sprintf("%d %s %d", t.Day(), months[t.Month()-1], t.Year())
}
