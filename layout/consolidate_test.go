package layout

import (
	"archive/zip"
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"lkjip/calc"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func amounts(a, r string) calc.Amounts {
	return calc.Amounts{Anggaran: decimal.RequireFromString(a), Realisasi: decimal.RequireFromString(r)}
}

// smallConsolidation is three agencies (one with capaian, one without a
// DPA), a failed input, a duplicate and a skipped file.
func smallConsolidation(t testing.TB) *calc.Consolidation {
	t.Helper()
	pendidikan := calc.Summary{
		HasBudget: true, Totals: amounts("1500000000.80", "1200000000"),
		Inputs: []calc.Input{{File: "01-dinas-pendidikan.xlsx",
			Tables:  []calc.Table{{Sheet: "Realisasi", Kind: calc.KindDPA, Range: "A4:E12"}},
			Ignored: []calc.Ignored{{Sheet: "Realisasi", Row: 1, Reason: "judul"}, {Sheet: "Realisasi", Row: 2, Reason: "judul"}}}},
		Programs: []calc.ProgramSummary{
			{Name: "Program Pelayanan Administrasi Perkantoran", Src: calc.NewRef("01-dinas-pendidikan.xlsx", "Realisasi", 7, 2),
				Amounts: amounts("500000000.80", "450000000")},
			{Name: "Program Pengelolaan Pendidikan", Src: calc.NewRef("01-dinas-pendidikan.xlsx", "Realisasi", 10, 2),
				Amounts: amounts("1000000000", "750000000")},
		},
		SasaranCapaian: []decimal.Decimal{decimal.RequireFromString("92.50")},
		Findings: []calc.Finding{{Rule: calc.RuleTotalMismatch, Severity: calc.Error,
			Src: calc.NewRef("01-dinas-pendidikan.xlsx", "Realisasi", 10, 3), Subject: "Program Pengelolaan Pendidikan",
			Reported: "1000090000", Computed: "1000000000", Message: "Program Pengelolaan Pendidikan: Anggaran tertulis 1.000.090.000"}},
	}
	kesehatan := calc.Summary{
		HasBudget: true, Totals: amounts("800000000", "200000000"),
		Inputs: []calc.Input{{File: "lra (2).xlsx", Tables: []calc.Table{{Sheet: "LRA", Kind: calc.KindDPA, Range: "A6:F20"}}}},
		Programs: []calc.ProgramSummary{{Code: "1.02.01", Name: "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
			Src: calc.NewRef("lra (2).xlsx", "LRA", 8, 2), Amounts: amounts("800000000", "200000000")}},
		Findings: []calc.Finding{{Rule: calc.RuleLowAbsorption, Severity: calc.Warning,
			Src: calc.NewRef("lra (2).xlsx", "LRA", 8, 4), Subject: "PROGRAM PENUNJANG", Reported: "25.00", Computed: "50",
			Message: "PROGRAM PENUNJANG: penyerapan 25,00 % di bawah ambang 50 %"}},
	}
	sosial := calc.Summary{Inputs: []calc.Input{{File: "pk.json", Tables: []calc.Table{{Sheet: "PK 2024", Kind: calc.KindPK, Range: "A4:E8"}}}}}
	entries := []calc.Entry{
		{File: "01-dinas-pendidikan.xlsx", Agency: "Dinas Pendidikan Kabupaten Contoh", Year: 2024, Digest: "1", Summary: pendidikan},
		{File: "99-rusak.xlsx", Status: calc.EntryFailed, Reason: "bukan berkas spreadsheet yang didukung: zip: not a valid zip file"},
		{File: "lra (2).xlsx", Agency: "Dinas Kesehatan Kabupaten Contoh", Year: 2024, Digest: "2", Summary: kesehatan},
		{File: "arsip/lra (2).xlsx", Agency: "Dinas Kesehatan Kabupaten Contoh", Year: 2024, Digest: "2", Summary: kesehatan},
		{File: "pk.json", Kind: calc.EntryCheckJSON, Agency: "Dinas Sosial Kabupaten Contoh", Year: 2024, Digest: "3", Summary: sosial},
		{File: "catatan.pdf", Kind: calc.EntryOther, Status: calc.EntrySkipped, Reason: "bukan spreadsheet atau hasil check (dilewati)"},
	}
	year, groups, err := calc.GroupEntries(entries)
	require.NoError(t, err)
	sums := make([]calc.Summary, len(groups))
	for i, g := range groups {
		sums[i] = entries[g.Entries[0]].Summary
		sums[i].Files = []string{entries[g.Entries[0]].File}
	}
	return calc.Consolidate(year, entries, groups, sums, calc.DefaultSettings())
}

// writeConsolidation writes the workbook and returns its bytes.
func writeConsolidation(t testing.TB, c *calc.Consolidation) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, Consolidation(context.Background(), c, &buf, Options{Now: time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC)}))
	return buf.Bytes()
}

// dump writes a workbook canonically: per sheet every non-empty cell with
// its type, raw value, formula and number format, then the merges; then
// the references of every chart series.
func dump(t testing.TB, data []byte) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	require.NoError(t, err)
	defer f.Close()
	var b strings.Builder
	for _, sheet := range f.GetSheetList() {
		fmt.Fprintf(&b, "== %s\n", sheet)
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		require.NoError(t, err)
		for r, row := range rows {
			for c, v := range row {
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				formula, _ := f.GetCellFormula(sheet, ref)
				if v == "" && formula == "" {
					continue
				}
				typ, _ := f.GetCellType(sheet, ref)
				line := fmt.Sprintf("%s %s %q", ref, cellTypeName(typ), v)
				if formula != "" {
					line += " =" + formula
				}
				if nf := numberFormat(f, sheet, ref); nf != "" {
					line += " [" + nf + "]"
				}
				b.WriteString(line + "\n")
			}
		}
		merges, _ := f.GetMergeCells(sheet)
		for _, m := range merges {
			fmt.Fprintf(&b, "merge %s:%s\n", m.GetStartAxis(), m.GetEndAxis())
		}
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	refs := regexp.MustCompile(`<(?:c:)?f>([^<]*)</(?:c:)?f>`)
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/charts/chart") {
			continue
		}
		rc, err := zf.Open()
		require.NoError(t, err)
		xml, err := io.ReadAll(rc)
		rc.Close()
		require.NoError(t, err)
		fmt.Fprintf(&b, "== chart %s\n", zf.Name)
		for _, m := range refs.FindAllStringSubmatch(string(xml), -1) {
			b.WriteString(strings.ReplaceAll(m[1], "&#39;", "'") + "\n")
		}
	}
	return b.String()
}

func cellTypeName(t excelize.CellType) string {
	return map[excelize.CellType]string{
		excelize.CellTypeUnset: "n", excelize.CellTypeNumber: "n", excelize.CellTypeBool: "b",
		excelize.CellTypeDate: "d", excelize.CellTypeError: "e", excelize.CellTypeFormula: "f",
		excelize.CellTypeInlineString: "s", excelize.CellTypeSharedString: "s",
	}[t]
}

// numberFormat is a cell's custom number format, if any.
func numberFormat(f *excelize.File, sheet, ref string) string {
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil || id == 0 {
		return ""
	}
	st, err := f.GetStyle(id)
	if err != nil || st.CustomNumFmt == nil {
		return ""
	}
	return *st.CustomNumFmt
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./layout -update to create it")
	assert.Equal(t, string(want), got, "the workbook differs from %s (review, then go test ./layout -update)", path)
}

func TestConsolidationGolden(t *testing.T) {
	golden(t, "consolidation.golden", dump(t, writeConsolidation(t, smallConsolidation(t))))
}

func TestConsolidationSheets(t *testing.T) {
	c := smallConsolidation(t)
	data := writeConsolidation(t, c)
	f, err := excelize.OpenReader(bytes.NewReader(data))
	require.NoError(t, err)
	defer f.Close()
	assert.Equal(t, ConsolidationSheets(), f.GetSheetList())

	rows, err := f.GetRows(SheetRekapPD, excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	require.Len(t, rows, headerRow+len(c.Agencies)+1, "title, header, one row per agency, total")
	total := rows[len(rows)-1]
	assert.Equal(t, "JUMLAH", total[1])
	assert.Equal(t, c.Totals.Anggaran.String(), total[3])
	assert.Equal(t, c.Totals.Realisasi.String(), total[4])

	berkas, err := f.GetRows(SheetBerkas)
	require.NoError(t, err)
	assert.Len(t, berkas, headerRow+len(c.Entries), "every input listed")
	var statuses []string
	for _, r := range berkas[headerRow:] {
		statuses = append(statuses, r[7])
	}
	assert.Equal(t, []string{"dipakai", "GAGAL", "dipakai", "ganda, tidak dihitung", "dipakai", "dilewati"}, statuses)

	temuan, err := f.GetRows(SheetTemuan)
	require.NoError(t, err)
	assert.Len(t, temuan, headerRow+2)

	props, err := f.GetDocProps()
	require.NoError(t, err)
	assert.Equal(t, "Rekap Kabupaten Contoh Tahun Anggaran 2024", props.Title)
}

func TestConsolidationNoAgency(t *testing.T) {
	entries := []calc.Entry{{File: "rusak.xlsx", Status: calc.EntryFailed, Reason: "rusak"}}
	c := calc.Consolidate(0, entries, nil, nil, calc.DefaultSettings())
	data := writeConsolidation(t, c)
	f, err := excelize.OpenReader(bytes.NewReader(data))
	require.NoError(t, err)
	defer f.Close()
	rows, err := f.GetRows(SheetBerkas)
	require.NoError(t, err)
	assert.Len(t, rows, headerRow+1)
}
