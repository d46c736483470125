package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"lkjip/calc"
	"lkjip/layout"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"lkjip": func() { os.Exit(run(os.Args, os.Stdout, os.Stderr)) },
	})
}

func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{Dir: filepath.Join("testdata", "script")})
}

// runCLI runs lkjip with args and returns its exit status and output.
func runCLI(t testing.TB, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(append([]string{"lkjip"}, args...), &out, &errOut)
	return code, out.String(), errOut.String()
}

// sampleJSON runs `lkjip check --format json` on the embedded sample.
func sampleJSON(t testing.TB) calc.JSONResult {
	t.Helper()
	code, out, errOut := runCLI(t, "check", "--format", "json")
	require.Equal(t, exitFindings, code, errOut)
	var res calc.JSONResult
	require.NoError(t, json.Unmarshal([]byte(out), &res))
	return res
}

// findingsOf returns the sample's findings of one rule.
func findingsOf(res calc.JSONResult, rule string) []calc.JSONFinding {
	var out []calc.JSONFinding
	for _, f := range res.Findings {
		if f.Rule == rule {
			out = append(out, f)
		}
	}
	return out
}

// TestSampleFindings is the acceptance list of the skeleton issue: the
// sample's own faults (design.md §6), found at their cells, and nothing
// invented.
func TestSampleFindings(t *testing.T) {
	res := sampleJSON(t)
	assert.Equal(t, "Badan Kesatuan Bangsa dan Politik Kabupaten Sampang", res.Agency)
	assert.Equal(t, 2020, res.Year)
	assert.Equal(t, "4281036741.80", res.Totals.Anggaran)
	assert.Equal(t, "2991583072", res.Totals.Realisasi)
	assert.Equal(t, "69.88", res.Totals.Persen)

	t.Run("pk-budget-mismatch", func(t *testing.T) {
		got := map[string][2]string{}
		for _, f := range findingsOf(res, "pk-budget-mismatch") {
			assert.Equal(t, "error", f.Severity)
			assert.Equal(t, "perjanjian-kinerja-2020.xlsx", f.File)
			got[f.Subject] = [2]string{f.Reported, f.Computed}
		}
		assert.Equal(t, map[string][2]string{
			"Program Peningkatan Kewaspadaan Dini":                                                          {"778841000", "778867400"},
			"Program Pelayanan Administrasi dan Jasa Perkantoran":                                           {"278121140", "279821140"},
			"Program Peningkatan Sistem Perencanaan, Penganggaran, Pelaporan dan Pelayanan Infomasi Publik": {"23842000", "23842500"},
		}, got)
	})
	t.Run("capaian-mismatch", func(t *testing.T) {
		var hit *calc.JSONFinding
		for _, f := range findingsOf(res, "capaian-mismatch") {
			if f.Subject == "Persentase penurunan potensi konflik" {
				hit = &f
			}
		}
		require.NotNil(t, hit)
		assert.Equal(t, "85.71", hit.Reported)
		assert.Equal(t, "30.00", hit.Computed)
		assert.Equal(t, "Capaian", hit.Sheet)
		assert.Equal(t, "F5", hit.Cell)
	})
	t.Run("rounding", func(t *testing.T) {
		cells := map[string]string{}
		for _, f := range findingsOf(res, "rounding") {
			assert.Equal(t, "info", f.Severity)
			cells[f.Sheet+"!"+f.Cell] = f.Reported
		}
		assert.Equal(t, "43.54", cells["Alokasi!F4"], "the truncated 43,54 %% share")
		assert.Equal(t, "4281036742", cells["Realisasi!C34"], "the total typed for 4.281.036.741,80")
	})
	t.Run("name-mismatch", func(t *testing.T) {
		var hit *calc.JSONFinding
		for _, f := range findingsOf(res, "name-mismatch") {
			if f.Subject == "Program Perangkat Sarana dan Prasarana Aparatur" {
				hit = &f
			}
		}
		require.NotNil(t, hit)
		assert.Equal(t, "Program Peningkatan Sarana dan Prasarana Aparatur", hit.Computed)
		assert.Equal(t, "pohon-kinerja.xlsx", hit.File)
		assert.Equal(t, "G16", hit.Cell)
	})
	t.Run("the sample's DPA adds up", func(t *testing.T) {
		for _, rule := range []string{"total-mismatch", "percent-mismatch", "over-realization", "sisa-mismatch"} {
			assert.Empty(t, findingsOf(res, rule), rule)
		}
	})
	t.Run("every finding names its cell", func(t *testing.T) {
		for _, f := range res.Findings {
			assert.NotEmpty(t, f.File, f.Message)
			assert.NotEmpty(t, f.Sheet, f.Message)
			assert.NotEmpty(t, f.Cell, f.Message)
			assert.NotEmpty(t, f.Message)
		}
	})
}

// TestSampleReport writes the report on the sample and checks that its
// seven sheets carry the figures of the JSON.
func TestSampleReport(t *testing.T) {
	res := sampleJSON(t)
	out := filepath.Join(t.TempDir(), "laporan.xlsx")
	code, _, errOut := runCLI(t, "report", "-o", out)
	require.Equal(t, exitFindings, code, errOut)

	f, err := excelize.OpenFile(out)
	require.NoError(t, err)
	defer f.Close()
	assert.Equal(t, layout.ReportSheets(), f.GetSheetList())

	// The grand total row of Penyerapan Anggaran.
	rows, err := f.GetRows(layout.SheetPenyerapan, excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	last := rows[len(rows)-1]
	assert.Equal(t, "JUMLAH", last[1])
	assert.Equal(t, res.Totals.Anggaran, decimalText(t, last[3]))
	assert.Equal(t, res.Totals.Realisasi, decimalText(t, last[4]))
	assert.Equal(t, res.Totals.Persen, roundText(t, last[6]))

	// Every program row carries the JSON's figures.
	byName := map[string][]string{}
	for _, r := range rows {
		if len(r) > 3 {
			byName[r[1]] = r
		}
	}
	for _, p := range res.Programs {
		r, ok := byName[p.Name]
		require.True(t, ok, p.Name)
		assert.Equal(t, p.Anggaran, decimalText(t, r[3]), p.Name)
		assert.Equal(t, p.Realisasi, decimalText(t, r[4]), p.Name)
		assert.Equal(t, p.Persen, roundText(t, r[6]), p.Name)
	}

	// Capaian, efisiensi and alokasi of the one sasaran.
	require.Len(t, res.Sasaran, 1)
	s := res.Sasaran[0]
	cap, err := f.GetCellValue(layout.SheetCapaian, "G5", excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	assert.Equal(t, s.Indikator[0].Capaian, roundText(t, cap))
	ef, err := f.GetCellValue(layout.SheetEfisiensi, "E5", excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	assert.Equal(t, s.Efisiensi, roundText(t, ef))
	al, err := f.GetCellValue(layout.SheetAlokasi, "E5", excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	assert.Equal(t, s.Alokasi, roundText(t, al))

	// Temuan lists every finding.
	temuan, err := f.GetRows(layout.SheetTemuan)
	require.NoError(t, err)
	assert.Len(t, temuan, 4+len(res.Findings))
}

// decimalText writes a stored cell number the way the JSON writes amounts.
func decimalText(t testing.TB, s string) string {
	t.Helper()
	d, err := decimalFrom(s)
	require.NoError(t, err, s)
	if d.Equal(d.Truncate(0)) {
		return d.StringFixed(0)
	}
	return d.StringFixed(2)
}

// roundText rounds a stored cell number to two places, as the JSON does.
func roundText(t testing.TB, s string) string {
	t.Helper()
	d, err := decimalFrom(s)
	require.NoError(t, err, s)
	return d.StringFixed(2)
}

// TestStagePrinter: on a terminal a report says what it is doing on one
// line and ends it (with the time, or bare before an error line);
// elsewhere it prints nothing.
func TestStagePrinter(t *testing.T) {
	var b strings.Builder
	stage, end := stagePrinter(&b, true)
	stage("membaca 2 berkas")
	stage("menghitung")
	require.NoError(t, end(nil))
	assert.Regexp(t, `^Membaca 2 berkas… menghitung… selesai \(\d+,\d detik\)\n$`, b.String())

	b.Reset()
	stage, end = stagePrinter(&b, true)
	stage("membaca 1 berkas")
	assert.EqualError(t, end(errors.New("rusak")), "rusak")
	assert.Equal(t, "Membaca 1 berkas…\n", b.String())

	b.Reset()
	stage, end = stagePrinter(&b, false)
	stage("membaca 1 berkas")
	require.NoError(t, end(nil))
	assert.Empty(t, b.String())
}
