package layout

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// cellInfo is one non-empty cell of a written workbook, as a reader sees it.
type cellInfo struct {
	ref, typ, raw, formula, numFmt, fill string
}

// readCells lists the cells of a sheet that hold a value or a formula, in
// row then column order. typ is "n" (number), "s" (text), "str" (a
// formula's text result), "b" or "e".
func readCells(t testing.TB, f *excelize.File, sheet string) []cellInfo {
	t.Helper()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("%s: %v", sheet, err)
	}
	var out []cellInfo
	looks := map[int][2]string{} // style → number format, fill
	for r, row := range rows {
		for c := range row {
			ref := cellName(c+1, r+1)
			formula, err := f.GetCellFormula(sheet, ref)
			if err != nil {
				t.Fatal(err)
			}
			if row[c] == "" && formula == "" {
				continue
			}
			ct, err := f.GetCellType(sheet, ref)
			if err != nil {
				t.Fatal(err)
			}
			id, err := f.GetCellStyle(sheet, ref)
			if err != nil {
				t.Fatal(err)
			}
			look, ok := looks[id]
			if !ok {
				look[0], look[1] = styleLook(t, f, id)
				looks[id] = look
			}
			out = append(out, cellInfo{ref: ref, typ: typeLabel(ct), raw: row[c], formula: formula, numFmt: look[0], fill: look[1]})
		}
	}
	return out
}

func typeLabel(ct excelize.CellType) string {
	switch ct {
	case excelize.CellTypeUnset, excelize.CellTypeNumber:
		return "n"
	case excelize.CellTypeFormula:
		return "str"
	case excelize.CellTypeBool:
		return "b"
	case excelize.CellTypeError:
		return "e"
	}
	return "s"
}

// cellLook is a cell's number format and fill colour.
func cellLook(t testing.TB, f *excelize.File, sheet, ref string) (numFmt, fill string) {
	t.Helper()
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	return styleLook(t, f, id)
}

// styleLook is a style's number format and fill colour.
func styleLook(t testing.TB, f *excelize.File, id int) (numFmt, fill string) {
	t.Helper()
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	numFmt = "General"
	if st.CustomNumFmt != nil {
		numFmt = *st.CustomNumFmt
	} else if st.NumFmt != 0 {
		numFmt = fmt.Sprintf("builtin %d", st.NumFmt)
	}
	if len(st.Fill.Color) > 0 && st.Fill.Pattern == 1 {
		fill = strings.ToUpper(st.Fill.Color[0])
	}
	return numFmt, fill
}

// dumpWorkbook writes a workbook canonically as text: document properties,
// then per sheet its layout (columns, panes, page setup, print titles,
// merges, grouped and sized rows), every non-empty cell (type, raw value,
// formula, number format, fill), comments, hyperlinks and conditional
// formats, and finally the charts' series. Two workbooks that dump the same
// look and compute the same.
func dumpWorkbook(t testing.TB, data []byte) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }

	doc, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	app, err := f.GetAppProps()
	if err != nil {
		t.Fatal(err)
	}
	p("# document")
	p("title: %s", doc.Title)
	p("subject: %s", doc.Subject)
	p("creator: %s; modified by: %s; application: %s; company: %s", doc.Creator, doc.LastModifiedBy, app.Application, app.Company)
	p("created: %s; modified: %s; language: %s", doc.Created, doc.Modified, doc.Language)
	p("keywords: %s; category: %s", doc.Keywords, doc.Category)
	p("description: %s", doc.Description)
	custom, err := f.GetCustomProps()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range custom {
		p("custom: %s = %v", c.Name, c.Value)
	}
	names := f.GetDefinedName()
	sort.Slice(names, func(i, j int) bool { return names[i].Scope+names[i].Name < names[j].Scope+names[j].Name })
	for _, n := range names {
		p("defined name: %s [%s] = %s", n.Name, n.Scope, n.RefersTo)
	}

	for _, sheet := range f.GetSheetList() {
		p("\n# sheet %s", sheet)
		dumpSheetLayout(t, f, sheet, p)
		for _, c := range readCells(t, f, sheet) {
			line := fmt.Sprintf("%s %s %q", c.ref, c.typ, c.raw)
			if c.formula != "" {
				line += " =" + c.formula
			}
			line += " | " + c.numFmt
			if c.fill != "" {
				line += " | fill " + c.fill
			}
			p("%s", line)
		}
		dumpSheetExtras(t, f, sheet, p)
	}
	dumpCharts(t, data, p)
	return b.String()
}

func dumpSheetLayout(t testing.TB, f *excelize.File, sheet string, p func(string, ...any)) {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	cols := 0
	for _, r := range rows {
		cols = max(cols, len(r))
	}
	var widths []string
	for c := 1; c <= cols; c++ {
		w, err := f.GetColWidth(sheet, colName(c))
		if err != nil {
			t.Fatal(err)
		}
		widths = append(widths, fmt.Sprintf("%s=%g", colName(c), w))
	}
	p("columns: %s", strings.Join(widths, " "))
	panes, err := f.GetPanes(sheet)
	if err != nil {
		t.Fatal(err)
	}
	p("panes: freeze=%v ySplit=%d topLeft=%s", panes.Freeze, panes.YSplit, panes.TopLeftCell)
	props, err := f.GetSheetProps(sheet)
	if err != nil {
		t.Fatal(err)
	}
	pl, err := f.GetPageLayout(sheet)
	if err != nil {
		t.Fatal(err)
	}
	p("page: size=%d orientation=%s fitToPage=%v fitToWidth=%d fitToHeight=%d summaryBelow=%v",
		deref(pl.Size), deref(pl.Orientation), deref(props.FitToPage), deref(pl.FitToWidth), deref(pl.FitToHeight),
		deref(props.OutlineSummaryBelow))
	m, err := f.GetPageMargins(sheet)
	if err != nil {
		t.Fatal(err)
	}
	p("margins: left=%g right=%g top=%g bottom=%g header=%g footer=%g centered=%v",
		deref(m.Left), deref(m.Right), deref(m.Top), deref(m.Bottom), deref(m.Header), deref(m.Footer), deref(m.Horizontally))
	hf, err := f.GetHeaderFooter(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if hf != nil {
		p("header: %s", hf.OddHeader)
		p("footer: %s", hf.OddFooter)
	}
	merges, err := f.GetMergeCells(sheet, true)
	if err != nil {
		t.Fatal(err)
	}
	var ms []string
	for _, mc := range merges {
		ms = append(ms, mc.GetStartAxis()+":"+mc.GetEndAxis())
	}
	p("merges: %s", strings.Join(ms, " "))
	for r := 1; r <= len(rows); r++ {
		h, err := f.GetRowHeight(sheet, r)
		if err != nil {
			t.Fatal(err)
		}
		lvl, err := f.GetRowOutlineLevel(sheet, r)
		if err != nil {
			t.Fatal(err)
		}
		if lvl > 0 || h != 15 {
			p("row %d: outline=%d height=%g", r, lvl, h)
		}
	}
}

func dumpSheetExtras(t testing.TB, f *excelize.File, sheet string, p func(string, ...any)) {
	t.Helper()
	comments, err := f.GetComments(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range comments {
		var text strings.Builder
		for _, r := range c.Paragraph {
			text.WriteString(r.Text)
		}
		p("comment %s (%s): %q", c.Cell, c.Author, text.String())
	}
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for r, row := range rows {
		for c := range row {
			ref := cellName(c+1, r+1)
			ok, target, err := f.GetCellHyperLink(sheet, ref)
			if err != nil {
				t.Fatal(err)
			}
			if ok {
				p("link %s -> %s", ref, target)
			}
		}
	}
	cfs, err := f.GetConditionalFormats(sheet)
	if err != nil {
		t.Fatal(err)
	}
	var ranges []string
	for rng := range cfs {
		ranges = append(ranges, rng)
	}
	slices.Sort(ranges)
	for _, rng := range ranges {
		for _, cf := range cfs[rng] {
			p("conditional %s: %s %s", rng, cf.Type, cf.Criteria)
		}
	}
}

// dumpCharts lists each chart's type, title and series references, read
// from the package (excelize cannot read charts back).
func dumpCharts(t testing.TB, data []byte, p func(string, ...any)) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	files := map[string]*zip.File{}
	for _, zf := range zr.File {
		files[zf.Name] = zf
		if strings.HasPrefix(zf.Name, "xl/charts/chart") {
			names = append(names, zf.Name)
		}
	}
	slices.Sort(names)
	refs := regexp.MustCompile(`<c:f>([^<]*)</c:f>`)
	title := regexp.MustCompile(`<a:t>([^<]*)</a:t>`)
	kind := regexp.MustCompile(`<c:(\w+Chart)>`)
	for _, n := range names {
		rc, err := files[n].Open()
		if err != nil {
			t.Fatal(err)
		}
		x, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		var fs []string
		for _, m := range refs.FindAllSubmatch(x, -1) {
			fs = append(fs, string(m[1]))
		}
		var kinds, titles []string
		for _, m := range kind.FindAllSubmatch(x, -1) {
			kinds = append(kinds, string(m[1]))
		}
		for _, m := range title.FindAllSubmatch(x, -1) {
			titles = append(titles, string(m[1]))
		}
		p("\n# %s: %s %q series %s", n, strings.Join(kinds, ","), strings.Join(titles, " "), strings.Join(fs, " "))
	}
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
