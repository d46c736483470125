package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"lkjip/calc"
	"lkjip/fixtures/kabupaten"
	"lkjip/layout"
)

// kabupatenDir writes a synthetic kabupaten into a new folder.
func kabupatenDir(t testing.TB, opt kabupaten.Options) (*kabupaten.Kabupaten, string) {
	t.Helper()
	k, err := kabupaten.Generate(opt)
	require.NoError(t, err)
	dir := t.TempDir()
	require.NoError(t, k.WriteDir(dir))
	return k, dir
}

// consolidateJSON runs `lkjip consolidate --format json` and returns its
// exit status and result.
func consolidateJSON(t testing.TB, out string, inputs ...string) (int, calc.JSONConsolidation) {
	t.Helper()
	code, stdout, stderr := runCLI(t, append([]string{"consolidate", "--format", "json", "-o", out}, inputs...)...)
	var res calc.JSONConsolidation
	require.NoError(t, json.Unmarshal([]byte(stdout), &res), "stdout: %s\nstderr: %s", stdout, stderr)
	return code, res
}

// TestConsolidateAcceptance is the "done when", through the real
// command: two dozen agencies in three layouts and a broken file give every
// agency's anggaran and realisasi and the kabupaten's totals exactly, and
// list the broken file with its reason; so do the agencies' check results.
func TestConsolidateAcceptance(t *testing.T) {
	k, dir := kabupatenDir(t, kabupaten.Options{Seed: 2024})
	out := filepath.Join(t.TempDir(), "rekap.xlsx")
	code, books := consolidateJSON(t, out, dir)
	assert.Equal(t, exitUnusable, code, "a file failed: exit 2, the rekap written all the same")
	assertAgencies(t, k, books)
	assertWorkbook(t, out, books)

	// The same from check results: one `lkjip check --format json` per agency.
	results := t.TempDir()
	for i, a := range k.Agencies {
		args := []string{"check", "--format", "json"}
		for _, f := range a.Files {
			args = append(args, filepath.Join(dir, f))
		}
		code, stdout, stderr := runCLI(t, args...)
		require.Contains(t, []int{exitOK, exitFindings}, code, stderr)
		require.NoError(t, os.WriteFile(filepath.Join(results, fmt.Sprintf("%02d.json", i+1)), []byte(stdout), 0o644))
	}
	broken, err := os.ReadFile(filepath.Join(dir, k.Broken))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(results, k.Broken), broken, 0o644))

	code, merged := consolidateJSON(t, filepath.Join(t.TempDir(), "rekap.xlsx"), results)
	assert.Equal(t, exitUnusable, code)
	assertAgencies(t, k, merged)
	assert.Equal(t, books.Totals, merged.Totals)
	assert.Equal(t, books.Counts, merged.Counts)
	byName := map[string]calc.JSONAgency{}
	for _, a := range merged.Agencies {
		byName[a.Agency] = a
	}
	for _, a := range books.Agencies {
		m := byName[a.Agency]
		assert.Equal(t, a.JSONAmounts, m.JSONAmounts, a.Agency)
		assert.Equal(t, a.Findings, m.Findings, a.Agency)
		assert.Equal(t, a.Rank, m.Rank, a.Agency)
		assert.Equal(t, a.Capaian, m.Capaian, a.Agency)
		assert.Equal(t, a.Programs, m.Programs, a.Agency)
	}
}

// assertAgencies checks a consolidation's JSON against the generator's
// figures, to the last sen.
func assertAgencies(t *testing.T, k *kabupaten.Kabupaten, res calc.JSONConsolidation) {
	t.Helper()
	assert.Equal(t, k.Year, res.Year)
	require.Len(t, res.Agencies, len(k.Agencies))
	for _, a := range res.Agencies {
		want := k.Agency(a.Agency)
		if !assert.NotNil(t, want, "agency %q is not one the generator made", a.Agency) {
			continue
		}
		assert.Equal(t, jsonDecimal(want.Anggaran.String()), a.Anggaran, "%s anggaran", a.Agency)
		assert.Equal(t, jsonDecimal(want.Realisasi.String()), a.Realisasi, "%s realisasi", a.Agency)
		errorFault := false
		for _, f := range want.Faults {
			errorFault = errorFault || f != string(calc.RuleRounding) // rounding is only info
		}
		assert.Equal(t, errorFault, a.Findings.Error > 0, "%s: errors only where faults were typed", a.Agency)
	}
	assert.Equal(t, jsonDecimal(k.Anggaran.String()), res.Totals.Anggaran)
	assert.Equal(t, jsonDecimal(k.Realisasi.String()), res.Totals.Realisasi)
	require.Len(t, res.Failed, 1)
	assert.Equal(t, k.Broken, filepath.Base(res.Failed[0].File))
	assert.Equal(t, "berkas rusak: zip tidak utuh (terpotong atau rusak)", res.Failed[0].Reason)
}

// jsonDecimal writes an exact decimal as the JSON does: whole rupiah
// without decimals, otherwise two or more.
func jsonDecimal(s string) string {
	d, _ := decimalFrom(s)
	if d.Equal(d.Truncate(0)) {
		return d.StringFixed(0)
	}
	return d.StringFixed(max(2, -d.Exponent()))
}

// assertWorkbook checks that the rekap workbook carries the JSON's figures.
func assertWorkbook(t *testing.T, path string, res calc.JSONConsolidation) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	defer f.Close()
	assert.Equal(t, layout.ConsolidationSheets(), f.GetSheetList())
	rows, err := f.GetRows(layout.SheetRekapPD, excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	require.Len(t, rows, 4+len(res.Agencies)+1)
	for i, a := range res.Agencies {
		r := rows[4+i]
		assert.Equal(t, a.Agency, r[1])
		assert.Equal(t, a.Anggaran, decimalText(t, r[3]), a.Agency)
		assert.Equal(t, a.Realisasi, decimalText(t, r[4]), a.Agency)
		assert.Equal(t, a.Persen, roundText(t, r[6]), a.Agency)
		assert.Equal(t, fmt.Sprint(a.Rank), r[14], a.Agency)
	}
	total := rows[len(rows)-1]
	assert.Equal(t, res.Totals.Anggaran, decimalText(t, total[3]))
	assert.Equal(t, res.Totals.Realisasi, decimalText(t, total[4]))
	berkas, err := f.GetRows(layout.SheetBerkas)
	require.NoError(t, err)
	assert.Len(t, berkas, 4+len(res.Files))
}

func TestConsolidateExitStatus(t *testing.T) {
	tests := []struct {
		name     string
		agencies int
		broken   bool
		want     int
	}{
		{"every file read, no error findings", 3, false, exitOK},
		{"an agency's table does not add up", 4, false, exitFindings},
		{"a file could not be read", 3, true, exitUnusable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k, dir := kabupatenDir(t, kabupaten.Options{Seed: 9, Agencies: tt.agencies})
			if !tt.broken {
				require.NoError(t, os.Remove(filepath.Join(dir, k.Broken)))
			}
			out := filepath.Join(t.TempDir(), "rekap.xlsx")
			code, _, stderr := runCLI(t, "consolidate", dir, "-o", out)
			assert.Equal(t, tt.want, code, stderr)
			assert.FileExists(t, out)
		})
	}
}

func TestProgressPrinter(t *testing.T) {
	var buf bytes.Buffer
	p := progressPrinter(&buf)
	p(1, 3)
	p(2, 3)
	p(3, 3)
	assert.Equal(t, "\rMembaca berkas: 1 dari 3\rMembaca berkas: 2 dari 3\rMembaca berkas: 3 dari 3\n", buf.String())
}

func TestIsTerminal(t *testing.T) {
	r, w, err := os.Pipe()
	require.NoError(t, err)
	defer r.Close()
	defer w.Close()
	assert.False(t, isTerminal(w), "a pipe")
	assert.False(t, isTerminal(&bytes.Buffer{}))
	f, err := os.Create(filepath.Join(t.TempDir(), "log"))
	require.NoError(t, err)
	defer f.Close()
	assert.False(t, isTerminal(f), "a file")
	if tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0); err == nil {
		defer tty.Close()
		assert.True(t, isTerminal(tty))
	}
}

// TestOwnOutputsAreNotInputs: a rekap left in the folder it was made from
// is skipped when the folder is consolidated again (its figures would
// count every agency twice), and a report given to check is refused.
func TestOwnOutputsAreNotInputs(t *testing.T) {
	_, dir := kabupatenDir(t, kabupaten.Options{Seed: 7})
	first := filepath.Join(dir, "rekap.xlsx")
	_, before := consolidateJSON(t, first, dir)
	_, again := consolidateJSON(t, filepath.Join(t.TempDir(), "rekap.xlsx"), dir)
	assert.Equal(t, before.Totals, again.Totals)
	assert.Len(t, again.Agencies, len(before.Agencies))
	require.Len(t, again.Skipped, len(before.Skipped)+1)
	assert.Contains(t, again.Skipped[len(again.Skipped)-1].File, "rekap.xlsx")
	assert.Contains(t, again.Skipped[len(again.Skipped)-1].Reason, "buatan lkjip sendiri")

	report := filepath.Join(t.TempDir(), "laporan.xlsx")
	code, _, stderr := runCLI(t, "report", "-o", report)
	require.Equal(t, exitFindings, code, stderr)
	code, _, stderr = runCLI(t, "check", report)
	assert.Equal(t, exitUnusable, code)
	assert.Contains(t, stderr, "laporan atau rekap buatan lkjip sendiri")
}
