package workbook

import (
	"archive/zip"
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"lkjip/calc"
	"lkjip/fixtures"
)

// buildBook writes a small workbook cell by cell with excelize's ordinary
// API; cells left out are absent from the file.
func buildBook(t testing.TB, sheet string, cells map[string]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	require.NoError(t, f.SetSheetName("Sheet1", sheet))
	for ref, v := range cells {
		require.NoError(t, f.SetCellValue(sheet, ref, v))
	}
	return bookBytes(t, f)
}

// TestCorrectKeepsTypedForm: amounts typed as text are rewritten as text in
// the form they were typed ("Rp. 1.500.000,-", "60,00 %"); a parent left
// blank, with no cell in the file at all, is filled in the kind its
// column holds.
func TestCorrectKeepsTypedForm(t *testing.T) {
	data := buildBook(t, "Realisasi", map[string]any{
		"A1": "DINAS CONTOH KABUPATEN CONTOH", "A2": "Realisasi Tahun Anggaran 2024",
		"A4": "NO", "B4": "URAIAN", "C4": "ANGGARAN", "D4": "REALISASI", "E4": "SISA", "F4": "%",
		"A5": "1", "B5": "Program A", "C5": "Rp. 1.000.000,-", "D5": "Rp. 900.000,-", "E5": "Rp. 100.000,-", "F5": "90,00 %",
		"B6": "1 Kegiatan A1", "C6": "Rp. 1.000.000,-", "D6": "Rp. 600.000,-", "E6": "Rp. 400.000,-", "F6": "60,00 %",
		"B7": "2 Kegiatan A2", "C7": "Rp. 500.000,-", "D7": "Rp. 300.000,-", "E7": "Rp. 200.000,-", "F7": "60,00 %",
		"A8": "2", "B8": "Program B" /* no anggaran at all */, "D8": "Rp. 250.000,-", "E8": "-", "F8": "-",
		"B9": "1 Kegiatan B1", "C9": "Rp. 250.000,-", "D9": "Rp. 250.000,-", "E9": "-", "F9": "100,00 %",
	})
	c := correctOne(t, "teks.xlsx", data)
	f := openBytes(t, c.Data)
	for ref, want := range map[string]string{
		"C5": "Rp. 1.500.000,-", "E5": "Rp. 600.000,-", "F5": "60,00 %",
		"C8": "250.000", "F8": "100,00",
	} {
		got, err := f.GetCellValue("Realisasi", ref)
		require.NoError(t, err)
		assert.Equal(t, want, got, ref)
		typ, _ := f.GetCellType("Realisasi", ref)
		assert.Equal(t, excelize.CellTypeInlineString, typ, "%s stays text", ref)
	}
	rules := map[string]calc.Rule{}
	for _, x := range c.Corrections {
		rules[x.Src.Cell()] = x.Rule
	}
	assert.Equal(t, map[string]calc.Rule{"C5": calc.RuleTotalMismatch, "E5": calc.RuleSisaMismatch, "F5": calc.RulePercentMismatch,
		"C8": calc.RuleMissingValue, "F8": calc.RulePercentMismatch}, rules)
	assert.Empty(t, findingKeys(analyze(t, "teks.xlsx", c.Data).Findings, calc.Error))
}

// TestCorrectFillsNumberCell: a blank parent in a table of numbers becomes a
// number, placed in its row in column order.
func TestCorrectFillsNumberCell(t *testing.T) {
	data := buildBook(t, "LRA", map[string]any{
		"A1": "LAPORAN REALISASI ANGGARAN DINAS CONTOH KABUPATEN CONTOH TAHUN ANGGARAN 2024",
		"A3": "KODE REKENING", "B3": "URAIAN", "C3": "ANGGARAN", "D3": "REALISASI",
		"A4": "1.01.01", "B4": "Program A", "D4": 150,
		"A5": "1.01.01.2.01", "B5": "Kegiatan A1", "C5": 100, "D5": 100,
		"A6": "1.01.01.2.02", "B6": "Kegiatan A2", "C6": 200, "D6": 50,
	})
	c := correctOne(t, "angka.xlsx", data)
	require.Len(t, c.Corrections, 1)
	assert.Equal(t, "C4", c.Corrections[0].Src.Cell())
	f := openBytes(t, c.Data)
	v, err := f.GetCellValue("LRA", "C4", excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	assert.Equal(t, "300", v)
	typ, _ := f.GetCellType("LRA", "C4")
	assert.Equal(t, excelize.CellTypeUnset, typ, "a number")
	rows, err := f.GetRows("LRA")
	require.NoError(t, err)
	assert.Equal(t, []string{"1.01.01", "Program A", "300", "150"}, rows[3])
}

// prefixMain writes the elements of an OOXML part in the SpreadsheetML
// namespace with the prefix "x:", as the Open XML SDK does.
func prefixMain(data []byte) []byte {
	s := string(data)
	if !strings.Contains(s, `xmlns="`+nsMain+`"`) {
		return data
	}
	s = strings.Replace(s, `xmlns="`+nsMain+`"`, `xmlns:x="`+nsMain+`"`, 1)
	s = regexp.MustCompile(`<(/?)([A-Za-z][\w.-]*)([\s/>])`).ReplaceAllString(s, "<${1}x:${2}${3}")
	return []byte(s)
}

// rezip rewrites a package with its parts changed by fn (nil drops a part)
// and parts added.
func rezip(t testing.TB, data []byte, fn func(name string, b []byte) []byte, add map[string][]byte) []byte {
	t.Helper()
	p := zipParts(t, data)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	write := func(name string, b []byte) {
		w, err := zw.Create(name)
		require.NoError(t, err)
		_, err = w.Write(b)
		require.NoError(t, err)
	}
	for _, name := range p.names {
		if b := fn(name, p.data[name]); b != nil {
			write(name, b)
		}
	}
	for name, b := range add {
		write(name, b)
	}
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

// TestCorrectPrefixedParts: a workbook whose parts write the SpreadsheetML
// elements with a prefix ("<x:c …>") is corrected with the same prefix.
func TestCorrectPrefixedParts(t *testing.T) {
	p := realisasi{sipd: true, programs: 4, kegiatan: 3, subPerK: 3, seed: 1, faults: true, wrongSum: true}.build(t)
	data := rezip(t, p.data, func(name string, b []byte) []byte {
		if strings.HasSuffix(name, ".xml") && strings.HasPrefix(name, "xl/") {
			return prefixMain(b)
		}
		return b
	}, nil)
	require.Contains(t, string(zipParts(t, data).data["xl/worksheets/sheet1.xml"]), "<x:sheetData>")
	c := correctOne(t, "sipd.xlsx", data)
	require.NotEmpty(t, c.Corrections)
	sheet := string(zipParts(t, c.Data).data["xl/worksheets/sheet1.xml"])
	assert.Contains(t, sheet, `<x:c r="`+p.typoParent+`" s=`)
	assert.NotRegexp(t, `<(c|v|f|row|is|t) `, sheet, "no element without the prefix")
	after := analyze(t, "sipd.xlsx", c.Data)
	assert.Equal(t, findingKeys(after.Findings, calc.Warning), findingKeys(c.Review, calc.Warning))
	compareWorkbooks(t, data, c.Data, c.Corrections)
}

// TestCorrectMacroWorkbook: an .xlsm keeps its macros (vbaProject.bin byte
// for byte) and its macro-enabled content type.
func TestCorrectMacroWorkbook(t *testing.T) {
	p := realisasi{sipd: true, programs: 4, kegiatan: 3, subPerK: 3, seed: 1, faults: true, wrongSum: true}.build(t)
	vba := bytes.Repeat([]byte("\xd0\xcf\x11\xe0 macro "), 64)
	const vbaType = "application/vnd.ms-office.vbaProject"
	data := rezip(t, p.data, func(name string, b []byte) []byte {
		switch name {
		case "[Content_Types].xml":
			s := strings.Replace(string(b), "spreadsheetml.sheet.main+xml", "", 1)
			s = strings.Replace(s, `ContentType="application/vnd.openxmlformats-officedocument."`, `ContentType="`+ctMacroBook+`"`, 1)
			return []byte(strings.Replace(s, "</Types>", `<Override PartName="/xl/vbaProject.bin" ContentType="`+vbaType+`"/></Types>`, 1))
		case "xl/_rels/workbook.xml.rels":
			return []byte(strings.Replace(string(b), "</Relationships>",
				`<Relationship Id="rIdVBA" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>`, 1))
		}
		return b
	}, map[string][]byte{"xl/vbaProject.bin": vba})
	require.Contains(t, string(zipParts(t, data).data["[Content_Types].xml"]), ctMacroBook)
	c := correctOne(t, "sipd.xlsm", data)
	assert.True(t, c.Macro)
	assert.Equal(t, ".xlsm", c.Ext())
	out := zipParts(t, c.Data)
	assert.Equal(t, vba, out.data["xl/vbaProject.bin"])
	assert.Contains(t, string(out.data["[Content_Types].xml"]), `ContentType="`+ctMacroBook+`"`)
	assert.Contains(t, string(out.data["xl/_rels/workbook.xml.rels"]), "vbaProject.bin")
	assert.NotEmpty(t, c.Corrections)
}

// TestKoreksiSheetIsNotData: reading a corrected copy lists every row of
// lkjip's Koreksi sheet as ignored, with its reason, and finds no table
// there; a sheet of the user's own called Koreksi is read like any other.
func TestKoreksiSheetIsNotData(t *testing.T) {
	p := realisasi{programs: 2, kegiatan: 2, seed: 3, faults: true}.build(t)
	c := correctOne(t, "seed.xlsx", p.data)
	a, err := Read(context.Background(), []File{{Name: "seed.xlsx", Data: c.Data}}, DefaultOptions())
	require.NoError(t, err)
	rows, err := openBytes(t, c.Data).GetRows(koreksiName)
	require.NoError(t, err)
	n := 0
	for _, ig := range a.Inputs[0].Ignored {
		if ig.Sheet == koreksiName {
			assert.Equal(t, koreksiReason, ig.Reason)
			n++
		}
	}
	nonEmpty := 0
	for _, r := range rows {
		if strings.Join(r, "") != "" {
			nonEmpty++
		}
	}
	assert.Equal(t, nonEmpty, n, "every row listed")
	for _, tb := range a.Inputs[0].Tables {
		assert.NotEqual(t, koreksiName, tb.Sheet)
	}

	own := buildBook(t, "Koreksi", map[string]any{
		"A1": "Koreksi realisasi triwulan IV", "A3": "URAIAN", "B3": "ANGGARAN", "C3": "REALISASI",
		"A4": "Program A", "B4": 100, "C4": 90,
	})
	a, err = Read(context.Background(), []File{{Name: "own.xlsx", Data: own}}, DefaultOptions())
	require.NoError(t, err)
	require.Len(t, a.Inputs[0].Tables, 1, "the user's own Koreksi sheet is data")
	assert.Equal(t, "Koreksi", a.Inputs[0].Tables[0].Sheet)
}

// TestCorrectAgencyFiles corrects the sample agency's four files together.
// Their DPA adds up; what is wrong (Perjanjian Kinerja budgets, the
// capaian, the efisiensi derived from it) is for a person, so each copy
// changes no cell and lists its own file's findings; Files limits the
// copies written.
func TestCorrectAgencyFiles(t *testing.T) {
	var files []File
	for _, f := range fixtures.Sampang2020() {
		files = append(files, File{Name: f.Name, Data: f.Data})
	}
	copies, err := Correct(context.Background(), files, CorrectOptions{Read: DefaultOptions(), Settings: calc.DefaultSettings()})
	require.NoError(t, err)
	require.Len(t, copies, len(files))
	rules := map[string][]string{}
	for _, c := range copies {
		assert.Empty(t, c.Corrections, c.File)
		for _, f := range c.Review {
			assert.Equal(t, c.File, f.Src.File())
			rules[c.File] = append(rules[c.File], string(f.Rule))
		}
	}
	assert.Contains(t, rules["perjanjian-kinerja-2020.xlsx"], "pk-budget-mismatch")
	assert.Contains(t, rules["capaian-kinerja-2020.xlsx"], "capaian-mismatch")
	assert.Contains(t, rules["capaian-kinerja-2020.xlsx"], "efficiency-mismatch")

	only, err := Correct(context.Background(), files, CorrectOptions{Read: DefaultOptions(), Settings: calc.DefaultSettings(),
		Files: []string{"perjanjian-kinerja-2020.xlsx"}})
	require.NoError(t, err)
	require.Len(t, only, 1)
	assert.Equal(t, "perjanjian-kinerja-2020.xlsx", only[0].File)
}
