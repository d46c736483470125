package layout

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"lkjip/calc"
	"lkjip/fixtures"
	"lkjip/workbook"
)

// fixedNow is the creation time of every report written by the tests.
func fixedNow() time.Time { return time.Date(2021, time.March, 15, 9, 30, 0, 0, time.UTC) }

func decimalOf(t testing.TB, s string) decimal.Decimal {
	t.Helper()
	d, err := decimal.NewFromString(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// sampleResult analyses the embedded sample agency.
func sampleResult(t testing.TB) *calc.Result {
	t.Helper()
	return sampleResultWith(t, calc.DefaultSettings())
}

// sampleResultWith analyses the embedded sample agency under settings s.
func sampleResultWith(t testing.TB, s calc.Settings) *calc.Result {
	t.Helper()
	var files []workbook.File
	for _, f := range fixtures.Sampang2020() {
		files = append(files, workbook.File{Name: f.Name, Data: f.Data})
	}
	a, err := workbook.Read(context.Background(), files, workbook.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	return calc.Analyze(a, s)
}

// writeReport writes the report of r and returns its bytes.
func writeReport(t testing.TB, r *calc.Result, opt Options) []byte {
	t.Helper()
	if opt.Now.IsZero() {
		opt.Now = fixedNow()
	}
	var buf bytes.Buffer
	if err := Report(context.Background(), r, &buf, opt); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func openReport(t testing.TB, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// TestReportGolden compares the sample's report, dumped as text, with
// testdata/sampang2020.golden (golden is shared with the consolidation's
// tests). Run with -update to rewrite it, and review the diff like code.
func TestReportGolden(t *testing.T) {
	golden(t, "sampang2020.golden", dumpWorkbook(t, writeReport(t, sampleResult(t), Options{})))
}

// TestReportDeterministic: the same result and time give the same parts,
// byte for byte, except for the order of the default content types, which
// excelize takes from a map when a workbook has drawings.
func TestReportDeterministic(t *testing.T) {
	r := sampleResult(t)
	a, b := zipParts(t, writeReport(t, r, Options{})), zipParts(t, writeReport(t, r, Options{}))
	if len(a) != len(b) {
		t.Fatalf("%d parts, then %d", len(a), len(b))
	}
	for name, pa := range a {
		pb := b[name]
		if name == "[Content_Types].xml" {
			pa, pb = sortedDefaults(pa), sortedDefaults(pb)
		}
		if pa != pb {
			t.Errorf("part %s differs between two reports of the same result", name)
		}
	}
}

func zipParts(t testing.TB, data []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[zf.Name] = string(b)
	}
	return out
}

// sortedDefaults puts the <Default …> entries of a content-types part in
// order.
func sortedDefaults(x string) string {
	re := regexp.MustCompile(`<Default [^>]*></Default>`)
	defaults := re.FindAllString(x, -1)
	slices.Sort(defaults)
	return strings.Join(defaults, "") + re.ReplaceAllString(x, "")
}

func TestReportSheets(t *testing.T) {
	f := openReport(t, writeReport(t, sampleResult(t), Options{}))
	got := f.GetSheetList()
	want := ReportSheets()
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("sheets %q, want %q", got, want)
	}
}

// TestFormulasCarryTheirValue checks every formula of the sample's report,
// under the default settings and under others that change the formulas
// (a capped capaian, which calc averages; the ratio efficiency method; the
// LKjIP predicate words): each stores a result, of the right type, and
// excelize's own calculator gets the same result from the cells it refers
// to, so every reference (across sheets too) points at the row that holds
// the figure.
func TestFormulasCarryTheirValue(t *testing.T) {
	capped := calc.DefaultSettings()
	capped.CapaianCap = decimalOf(t, "20")
	other := calc.DefaultSettings()
	other.Efficiency, other.Labels = calc.EfficiencyRasio, calc.LabelsBaik
	for _, tc := range []struct {
		name string
		s    calc.Settings
	}{{"default", calc.DefaultSettings()}, {"capaian capped at 20", capped}, {"ratio method, LKjIP words", other}} {
		t.Run(tc.name, func(t *testing.T) {
			if n := checkFormulas(t, sampleResultWith(t, tc.s)); n < 100 {
				t.Fatalf("only %d formulas in the sample's report", n)
			}
		})
	}
}

// checkFormulas checks the formulas of r's report against excelize's
// calculator and returns how many there are.
func checkFormulas(t *testing.T, r *calc.Result) int {
	f := openReport(t, writeReport(t, r, Options{}))
	n := 0
	for _, sheet := range f.GetSheetList() {
		for _, c := range readCells(t, f, sheet) {
			if c.formula == "" {
				continue
			}
			n++
			if c.raw == "" && c.typ != "str" {
				t.Errorf("%s!%s =%s stores no result", sheet, c.ref, c.formula)
				continue
			}
			got, err := f.CalcCellValue(sheet, c.ref, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Errorf("%s!%s =%s: %v", sheet, c.ref, c.formula, err)
				continue
			}
			if !sameNumber(c.raw, got) {
				t.Errorf("%s!%s =%s stores %q (%s), computes %q", sheet, c.ref, c.formula, c.raw, c.typ, got)
			}
		}
	}
	return n
}

// TestFindingsOnReportCells: each finding whose figure the report shows is
// highlighted there, with a comment naming its rule, and Temuan links to
// that cell; the sample's own faults land where they should.
func TestFindingsOnReportCells(t *testing.T) {
	r := sampleResult(t)
	f := openReport(t, writeReport(t, r, Options{}))
	comments := map[string]string{}
	for _, sheet := range f.GetSheetList() {
		cs, err := f.GetComments(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cs {
			var text strings.Builder
			for _, run := range c.Paragraph {
				text.WriteString(run.Text)
			}
			comments[sheet+"!"+c.Cell] = text.String()
		}
	}
	for _, tc := range []struct {
		name, sheet, cell string
		rule              calc.Rule
		fill              string
	}{
		{"capaian typed 85,71", SheetCapaian, "I5", calc.RuleCapaianMismatch, "FFC7CE"},
		{"grand total typed 4.281.036.742", SheetPenyerapan, "D33", calc.RuleRounding, "DDEBF7"},
		{"allocation typed 43,54", SheetAlokasi, "E11", calc.RuleRounding, "DDEBF7"},
		{"PK budget of Kewaspadaan Dini", SheetAlokasi, "D15", calc.RulePKBudgetMismatch, "FFC7CE"},
		{"Pohon program spelled differently", SheetPohon, "B23", calc.RuleNameMismatch, "FFEB9C"},
		{"efficiency typed 14,16", SheetEfisiensi, "E9", calc.RuleEfficiencyMismatch, "FFC7CE"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text := comments[tc.sheet+"!"+tc.cell]
			if !strings.Contains(text, string(tc.rule)) {
				t.Errorf("comment on %s!%s = %q, want one naming %s", tc.sheet, tc.cell, text, tc.rule)
			}
			if _, fill := cellLook(t, f, tc.sheet, tc.cell); fill != tc.fill {
				t.Errorf("fill of %s!%s = %q, want %q", tc.sheet, tc.cell, fill, tc.fill)
			}
		})
	}

	// Every finding's "Di laporan" link leads to a commented cell that
	// names its rule.
	placed := 0
	for i, fd := range r.Findings {
		row := headerRow + 1 + i
		ok, target, err := f.GetCellHyperLink(SheetTemuan, cellRef("I", row))
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			continue
		}
		placed++
		key := placeLabel(target)
		if !strings.Contains(comments[key], string(fd.Rule)) {
			t.Errorf("finding %d (%s at %s) links to %s, whose comment is %q", i+1, fd.Rule, fd.Src, key, comments[key])
		}
	}
	// Every finding of the sample concerns a figure the report shows.
	if placed != len(r.Findings) {
		t.Errorf("%d findings placed in the report, want all %d", placed, len(r.Findings))
	}
}

// TestInputLinks: with Options.Links, a finding links to its input cell
// relative to the report; without, it has no link.
func TestInputLinks(t *testing.T) {
	r := sampleResult(t)
	fd := r.Findings[0]
	for _, tc := range []struct {
		name  string
		links map[string]string
		want  string
	}{
		{"known file", map[string]string{fd.Src.File(): "../data/" + fd.Src.File()},
			"../data/" + fd.Src.File() + "#'" + fd.Src.Sheet() + "'!" + fd.Src.Cell()},
		{"path with a space", map[string]string{fd.Src.File(): "data 2020/" + fd.Src.File()},
			"data%202020/" + fd.Src.File() + "#'" + fd.Src.Sheet() + "'!" + fd.Src.Cell()},
		{"unknown file", nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := openReport(t, writeReport(t, r, Options{Links: tc.links}))
			ok, target, err := f.GetCellHyperLink(SheetTemuan, cellRef("H", headerRow+1))
			if err != nil {
				t.Fatal(err)
			}
			if tc.want == "" {
				if ok {
					t.Fatalf("link to %q, want none", target)
				}
				return
			}
			if !ok || target != tc.want {
				t.Fatalf("link %v %q, want %q", ok, target, tc.want)
			}
		})
	}
}

func TestLocaleTag(t *testing.T) {
	r := sampleResult(t)
	for _, on := range []bool{false, true} {
		f := openReport(t, writeReport(t, r, Options{LocaleTag: on}))
		numFmt, _ := cellLook(t, f, SheetPenyerapan, "D5")
		if got := strings.HasPrefix(numFmt, localeTag); got != on {
			t.Errorf("LocaleTag %v: number format %q", on, numFmt)
		}
	}
}

// TestPrintSetup: every sheet prints A4 landscape, one page wide, with page
// numbers; the tables repeat their header row.
func TestPrintSetup(t *testing.T) {
	f := openReport(t, writeReport(t, sampleResult(t), Options{}))
	titles := map[string]string{}
	for _, n := range f.GetDefinedName() {
		if n.Name == "_xlnm.Print_Titles" {
			titles[n.Scope] = n.RefersTo
		}
	}
	for _, sheet := range ReportSheets() {
		pl, err := f.GetPageLayout(sheet)
		if err != nil {
			t.Fatal(err)
		}
		props, err := f.GetSheetProps(sheet)
		if err != nil {
			t.Fatal(err)
		}
		hf, err := f.GetHeaderFooter(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if deref(pl.Size) != paperA4 || deref(pl.Orientation) != "landscape" || deref(pl.FitToWidth) != 1 ||
			!deref(props.FitToPage) || hf == nil || !strings.Contains(hf.OddFooter, "&P") {
			t.Errorf("%s: page %+v fit %v footer %+v", sheet, pl, deref(props.FitToPage), hf)
		}
		if sheet == SheetRingkasan {
			continue
		}
		if want := quoteSheet(sheet) + "!$4:$4"; titles[sheet] != want {
			t.Errorf("%s: print titles %q, want %q", sheet, titles[sheet], want)
		}
	}
}

// TestPredikatBandsMatchCalc: the bands the report's formulas and colours
// use are calc's, boundary by boundary, for both label sets.
func TestPredikatBandsMatchCalc(t *testing.T) {
	for _, set := range []calc.LabelSet{calc.LabelsTinggi, calc.LabelsBaik} {
		bands := predikatBands(set)
		for i, b := range bands[:len(bands)-1] {
			at := decimalOf(t, strconv.FormatInt(b.min, 10))
			below := at.Sub(decimalOf(t, "0.000001"))
			if got := calc.Predikat(at, set); got != b.label {
				t.Errorf("set %d: %s gives %q, band says %q", set, at, got, b.label)
			}
			if got := calc.Predikat(below, set); got != bands[i+1].label {
				t.Errorf("set %d: %s gives %q, next band says %q", set, below, got, bands[i+1].label)
			}
		}
	}
}

// TestSyntheticFormulas checks the formulas of a deeper tree than the
// sample's (sub-kegiatan and accounts, several budget tables, each with
// its own total row) the way TestFormulasCarryTheirValue does.
func TestSyntheticFormulas(t *testing.T) {
	r := synthResult(synthSize{tables: 2, programs: 3, kegiatan: 2, sub: 2, rekening: 3})
	if n := checkFormulas(t, r); n < 50 {
		t.Fatalf("only %d formulas", n)
	}
	// The grand total is the sum of the two tables' total rows.
	f := openReport(t, writeReport(t, r, Options{}))
	rows, err := f.GetRows(SheetPenyerapan)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := mustFormula(t, f, SheetPenyerapan, cellRef("D", len(rows))), "SUM(D5,D"; !strings.HasPrefix(got, want) {
		t.Errorf("grand total =%s, want the table totals (%s…)", got, want)
	}
}

func mustFormula(t testing.TB, f *excelize.File, sheet, cell string) string {
	t.Helper()
	s, err := f.GetCellFormula(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestLongSumFallsBackToValue: a parent whose children's references would
// make a formula longer than Excel accepts gets its value alone.
func TestLongSumFallsBackToValue(t *testing.T) {
	r := synthResult(synthSize{tables: 1, programs: 1, kegiatan: 1, sub: 1500, rekening: 1})
	f := openReport(t, writeReport(t, r, Options{}))
	// Row 5 is the group, 6 the program, 7 the kegiatan with 1500
	// sub-kegiatan, each followed by its one account.
	formula := mustFormula(t, f, SheetPenyerapan, "D7")
	if formula != "" {
		t.Fatalf("kegiatan total is a formula of %d characters", len(formula))
	}
	got, err := f.GetCellValue(SheetPenyerapan, "D7", excelize.Options{RawCellValue: true})
	if err != nil || got == "" {
		t.Fatalf("kegiatan total holds %q (%v), want its value", got, err)
	}
	if mustFormula(t, f, SheetPenyerapan, "D6") == "" {
		t.Fatal("the program total (one child) lost its formula")
	}
}

func TestRefList(t *testing.T) {
	for _, tc := range []struct {
		name  string
		sheet string
		rows  []int
		want  string
	}{
		{"one", "", []int{5}, "D5"},
		{"run", "", []int{5, 6, 7}, "D5:D7"},
		{"runs and singles", "", []int{5, 6, 9, 11, 12}, "D5:D6,D9,D11:D12"},
		{"other sheet", "Penyerapan Anggaran", []int{7, 8}, "'Penyerapan Anggaran'!D7:D8"},
		{"quote in name", "O'Brien", []int{3}, "'O''Brien'!D3"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := refList(tc.sheet, "D", tc.rows); got != tc.want {
				t.Fatalf("refList = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestWrappedLines(t *testing.T) {
	for _, tc := range []struct {
		name   string
		text   string
		width  float64
		indent int
		want   int
	}{
		{"short", "Program Integrasi Kebangsaan", 52, 0, 1},
		{"two lines", "Program Peningkatan Sistem Perencanaan, Penganggaran, Pelaporan dan Pelayanan Informasi Publik", 52, 0, 2},
		{"indent pushes to a second line", "Pengadaan/Pemeliharaan Peralatan dan Perlengkapan Kantor", 40, 4, 2},
		{"newlines count", "satu\ndua\ntiga", 52, 0, 3},
		{"long word breaks", "capaiankinerja2020dengannamaberkasyangsangatpanjang.xlsx", 10, 0, 6},
		{"breaks after a slash", "Pengadaan/Pemeliharaan Kendaraan Dinas Opearsional", 17, 0, 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := wrappedLines(tc.text, tc.width, tc.indent); got != tc.want {
				t.Fatalf("wrappedLines = %d, want %d", got, tc.want)
			}
		})
	}
}

// TestCommentsCapped: past maxComments on a sheet, cells with findings are
// still highlighted but get no comment; Temuan still links every one.
func TestCommentsCapped(t *testing.T) {
	r := synthResult(synthSize{tables: 1, programs: 10, kegiatan: 10, sub: 70, rekening: 1})
	f := openReport(t, writeReport(t, r, Options{}))
	comments, err := f.GetComments(SheetPenyerapan)
	if err != nil {
		t.Fatal(err)
	}
	if len(comments) != maxComments {
		t.Fatalf("%d comments on %s, want the cap %d", len(comments), SheetPenyerapan, maxComments)
	}
	highlighted := 0
	for _, c := range readCells(t, f, SheetPenyerapan) {
		if c.fill != "" && c.fill != "D9E1F2" {
			highlighted++
		}
	}
	if highlighted <= maxComments {
		t.Fatalf("%d cells highlighted, want more than the %d commented", highlighted, maxComments)
	}
}

// TestPredikatFormula: the predicate formula names the band calc names, at
// and around every cut point, for both label sets, and "" for an empty cell.
func TestPredikatFormula(t *testing.T) {
	for _, set := range []calc.LabelSet{calc.LabelsTinggi, calc.LabelsBaik} {
		f := excelize.NewFile()
		values := []string{"0", "50.99", "51", "65.999", "66", "75.5", "76", "90.99", "91", "100", "250"}
		for i, v := range values {
			row := i + 1
			if err := f.SetCellFloat("Sheet1", cellRef("A", row), mustFloat(t, v), -1, 64); err != nil {
				t.Fatal(err)
			}
			if err := f.SetCellFormula("Sheet1", cellRef("B", row), predikatFormula(cellRef("A", row), predikatBands(set))); err != nil {
				t.Fatal(err)
			}
		}
		if err := f.SetCellFormula("Sheet1", "B99", predikatFormula("A99", predikatBands(set))); err != nil {
			t.Fatal(err)
		}
		for i, v := range values {
			got, err := f.CalcCellValue("Sheet1", cellRef("B", i+1))
			if err != nil {
				t.Fatal(err)
			}
			if want := calc.Predikat(decimalOf(t, v), set); got != want {
				t.Errorf("set %d, %s: formula gives %q, calc %q", set, v, got, want)
			}
		}
		if got, err := f.CalcCellValue("Sheet1", "B99"); err != nil || got != "" {
			t.Errorf("empty cell: %q (%v)", got, err)
		}
		f.Close()
	}
}

func mustFloat(t testing.TB, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestNum: amounts up to 15 significant digits reach a cell digit for
// digit; beyond, the nearest double is written.
func TestNum(t *testing.T) {
	for _, tc := range []struct {
		in    string
		exact bool
	}{
		{"4281036741.8", true},
		{"1788546290", true},
		{"9999999999999.99", true},
		{"-26400", true},
		{"43.5475114261649", true},
		{"43.54751142616498324", false},
		{"12345678901234567.89", false},
	} {
		t.Run(tc.in, func(t *testing.T) {
			d := decimalOf(t, tc.in)
			if got := exactInCell(d); got != tc.exact {
				t.Fatalf("exactInCell(%s) = %v, want %v", tc.in, got, tc.exact)
			}
			if want, _ := d.Float64(); num(d) != want {
				t.Fatalf("num(%s) = %v, decimal.Float64 gives %v", tc.in, num(d), want)
			}
		})
	}
}

// TestEmptyAgency: an agency with nothing read still gets a whole report,
// with zero totals and no charts, and no formula that sums nothing.
func TestEmptyAgency(t *testing.T) {
	r := calc.Analyze(&calc.Agency{Name: "Dinas Kosong", Year: 2024}, calc.DefaultSettings())
	data := writeReport(t, r, Options{})
	f := openReport(t, data)
	if got := strings.Join(f.GetSheetList(), "|"); got != strings.Join(ReportSheets(), "|") {
		t.Fatalf("sheets %q", got)
	}
	checkFormulas(t, r)
	if strings.Contains(dumpWorkbook(t, data), "xl/charts/") {
		t.Error("charts drawn with nothing to show")
	}
}
