package layout

import (
	"context"
	"fmt"
	"io"
	"strings"
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
	// Now is the creation time written into the document properties and
	// shown on Ringkasan; the zero time means the current time. Fix it for
	// output that is the same byte for byte.
	Now time.Time
	// LocaleTag prefixes every number format with [$-421] (Bahasa
	// Indonesia). Separators follow the viewer's locale either way.
	LocaleTag bool
	// Links maps an input file, as calc.Ref.File() names it, to a hyperlink
	// target for it relative to the written workbook ("../data/dpa.xlsx").
	// Findings in a listed file link to their cell there; files not listed
	// (such as the embedded sample) get no link.
	Links map[string]string
}

// report is the state of one report being written.
type report struct {
	r        *calc.Result
	f        *excelize.File
	st       *styles
	opt      Options
	marks    *marks
	bands    []band
	predikat []string // predikatTemplate of bands, cut at each cellMark
	capCols  capaianCols

	// Rows where figures sit, for formulas on other sheets.
	rowStreams []*rowStream // sheets whose rows are written by rowStream

	nodeRow    map[*calc.Node]int            // Penyerapan Anggaran
	formulas   [5][]byte                     // Penyerapan Anggaran: a row's, reused
	totalRow   int                           // Penyerapan Anggaran: JUMLAH
	indRow     map[*calc.IndicatorResult]int // Capaian Kinerja
	sasaranRow map[*calc.SasaranResult]int   // Efisiensi
}

// Report writes the report workbook of an analysed agency to w. Sheets are
// streamed and the file is compressed on its way to w, so memory grows
// with the number of findings, not with the number of budget rows.
func Report(ctx context.Context, r *calc.Result, w io.Writer, opt Options) error {
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	f := excelize.NewFile()
	defer f.Close()
	var rp *report
	defer func() {
		if rp != nil {
			for _, rs := range rp.rowStreams {
				rs.remove()
			}
		}
	}()
	st, err := newStyles(f, withLocaleTag(opt.LocaleTag))
	if err != nil {
		return fmt.Errorf("styles: %w", err)
	}
	rp = &report{
		r: r, f: f, st: st, opt: opt,
		marks:   newMarks(f, st, r.Findings),
		bands:   predikatBands(r.Settings.Labels),
		nodeRow: map[*calc.Node]int{}, indRow: map[*calc.IndicatorResult]int{}, sasaranRow: map[*calc.SasaranResult]int{},
	}
	rp.predikat = strings.Split(predikatTemplate(rp.bands), cellMark)
	rp.capCols = newCapaianCols(r.Settings)
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
	// Sheets are written in the order their formulas need: a formula
	// refers to rows of sheets written before it, and Temuan lists the
	// report cell of each finding, known once the other sheets are done.
	for _, s := range []struct {
		name  string
		write func() error
	}{
		{SheetPenyerapan, rp.penyerapan},
		{SheetCapaian, rp.capaian},
		{SheetEfisiensi, rp.efisiensi},
		{SheetAlokasi, rp.alokasi},
		{SheetPohon, rp.pohon},
		{SheetTemuan, rp.temuan},
		{SheetRingkasan, rp.ringkasan},
	} {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := s.write(); err != nil {
			return fmt.Errorf("sheet %q: %w", s.name, err)
		}
	}
	if st.err != nil {
		return fmt.Errorf("styles: %w", st.err)
	}
	// Ringkasan, the first sheet, is already the active one. Calling
	// SetActiveSheet now would make excelize parse every streamed sheet
	// back into memory.
	if err := rp.properties(); err != nil {
		return fmt.Errorf("document properties: %w", err)
	}
	return save(f, w, rp.rowStreams...)
}

// streamRows has w's rows written by a rowStream, for a sheet that may be
// large.
func (rp *report) streamRows(w *sheetWriter) error {
	part, err := sheetPart(rp.f, w.name)
	if err != nil {
		return err
	}
	if w.rows, err = newRowStream(part); err != nil {
		return err
	}
	rp.rowStreams = append(rp.rowStreams, w.rows)
	return nil
}

// properties replaces excelize's default document properties with the
// report's own: title, agency, year, generator, time.
func (rp *report) properties() error {
	a := rp.r.Agency
	now := rp.opt.Now.UTC().Format(time.RFC3339)
	if err := rp.f.SetDocProps(&excelize.DocProperties{
		Title:   fmt.Sprintf("Laporan Kinerja %s Tahun %d", a.Name, a.Year),
		Subject: a.Name, Creator: "lkjip", LastModifiedBy: "lkjip",
		Keywords: fmt.Sprintf("LKjIP; %s; %d", a.Name, a.Year), Category: "Laporan Kinerja Instansi Pemerintah",
		Created: now, Modified: now, Language: "id-ID",
		Description: "Dihitung ulang oleh lkjip dari berkas perangkat daerah",
	}); err != nil {
		return err
	}
	if err := rp.f.SetAppProps(&excelize.AppProperties{Application: "lkjip", Company: a.Name}); err != nil {
		return err
	}
	for _, p := range []excelize.CustomProperty{
		{Name: "Perangkat Daerah", Value: a.Name},
		{Name: "Tahun Anggaran", Value: int32(a.Year)},
		{Name: "Dibuat oleh", Value: "lkjip"},
	} {
		if err := rp.f.SetCustomProps(p); err != nil {
			return err
		}
	}
	return nil
}

// open starts a sheet of the report whose column headers sit in headerRow
// and stay in view.
func (rp *report) open(name string, widths ...float64) (*sheetWriter, error) {
	w, err := openSheet(rp.f, name, rp.st, sheetSetup{widths: widths, freeze: headerRow})
	if err != nil {
		return nil, err
	}
	w.marks = rp.marks
	return w, nil
}

// page is how the report's sheets print: the header row repeated on every
// page, the agency and year in the page header.
func (rp *report) page(titleRows bool) page {
	p := page{header: fmt.Sprintf("%s — Tahun %d", rp.r.Agency.Name, rp.r.Agency.Year)}
	if titleRows {
		p.titleFrom, p.titleTo = headerRow, headerRow
	}
	return p
}

// heading writes a sheet's title, a line naming the agency and year, a
// blank row and the column headers (row headerRow).
func (rp *report) heading(w *sheetWriter, title string, cols ...string) error {
	if err := rp.titleLines(w, title, len(cols)); err != nil {
		return err
	}
	w.skip()
	return rp.header(w, cols...)
}

// header writes a row of column headers.
func (rp *report) header(w *sheetWriter, cols ...string) error {
	_, err := w.next(rp.st.headers(cols)...)
	return err
}

// tableHead writes a table's title line and its column headers.
func (rp *report) tableHead(w *sheetWriter, title string, cols ...string) error {
	if _, err := w.next(txt(rp.st.section, title)); err != nil {
		return err
	}
	return rp.header(w, cols...)
}

// titleLines writes the title and the agency line, each merged across the
// table's width.
func (rp *report) titleLines(w *sheetWriter, title string, width int) error {
	for _, line := range []excelize.Cell{
		txt(rp.st.title, title),
		txt(rp.st.subtitle, fmt.Sprintf("%s — Tahun %d", rp.r.Agency.Name, rp.r.Agency.Year)),
	} {
		row, err := w.next(line)
		if err != nil {
			return err
		}
		if width > 1 {
			if err := w.merge(cellName(1, row), cellName(width, row)); err != nil {
				return err
			}
		}
	}
	return nil
}

// section starts a second table on a sheet, after a blank row.
func (rp *report) section(w *sheetWriter, title string, cols ...string) error {
	w.skip()
	return rp.tableHead(w, title, cols...)
}
