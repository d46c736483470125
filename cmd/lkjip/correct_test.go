package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"lkjip/calc"
)

// plantedBook copies one of the workbooks with planted faults (generated
// by the workbook package's tests) into dir.
func plantedBook(t testing.TB, dir, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "workbook", "testdata", "correct", name))
	require.NoError(t, err)
	p := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(p, data, 0o644))
	return p
}

// TestCorrectPlantedCLI is issue 6's acceptance through the command line,
// on a seed-style workbook (amounts typed as text) and a SIPD-style one
// (numbers, SUM formulas): a leaf typo that breaks its total, a wrong
// typed percentage, realisasi over anggaran. The copy passes `lkjip check`
// with no total, percent or sisa mismatch; what is left (the
// over-realisation) is for a person, so the status is 1; the input is
// untouched; the Koreksi sheet lists each change; correcting the copy
// changes nothing.
func TestCorrectPlantedCLI(t *testing.T) {
	for _, name := range []string{"seed.xlsx", "sipd.xlsx"} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			in := plantedBook(t, dir, name)
			before, err := os.ReadFile(in)
			require.NoError(t, err)
			out := filepath.Join(dir, "koreksi.xlsx")
			code, _, errOut := runCLI(t, "correct", in, "-o", out)
			require.Equal(t, exitFindings, code, errOut)
			m := regexp.MustCompile(`Salinan terkoreksi ditulis ke .*: (\d+) sel diperbaiki; perlu diperiksa petugas: 1 kesalahan, 0 peringatan`).FindStringSubmatch(errOut)
			require.NotNil(t, m, errOut)
			fixed, _ := strconv.Atoi(m[1])
			assert.GreaterOrEqual(t, fixed, 4)
			after, err := os.ReadFile(in)
			require.NoError(t, err)
			assert.Equal(t, before, after, "the input is not touched")

			code, stdout, errOut := runCLI(t, "check", "--format", "json", out)
			require.Equal(t, exitFindings, code, errOut)
			var res calc.JSONResult
			require.NoError(t, json.Unmarshal([]byte(stdout), &res))
			for _, rule := range []string{"total-mismatch", "percent-mismatch", "sisa-mismatch"} {
				assert.Empty(t, findingsOf(res, rule), rule)
			}
			require.Len(t, findingsOf(res, "over-realization"), 1)

			f, err := excelize.OpenFile(out)
			require.NoError(t, err)
			defer f.Close()
			rows, err := f.GetRows("Koreksi")
			require.NoError(t, err)
			linked := 0
			for r := range rows {
				if ok, _, _ := f.GetCellHyperLink("Koreksi", "C"+strconv.Itoa(r+1)); ok {
					linked++
				}
			}
			assert.Equal(t, fixed+1, linked, "a linked row per change and per finding left")

			again := filepath.Join(dir, "lagi.xlsx")
			code, _, errOut = runCLI(t, "correct", out, "-o", again)
			require.Equal(t, exitFindings, code, errOut)
			assert.Contains(t, errOut, "Tidak ada sel yang perlu diperbaiki lagi")
			first, _ := os.ReadFile(out)
			second, _ := os.ReadFile(again)
			assert.True(t, bytes.Equal(first, second), "correcting the copy changes nothing")
		})
	}
}

// TestCorrectCleanExitsZero: a workbook whose faults the copy mends
// completely gives status 0.
func TestCorrectCleanExitsZero(t *testing.T) {
	dir := t.TempDir()
	f := excelize.NewFile()
	for ref, v := range map[string]any{
		"A1": "LAPORAN REALISASI ANGGARAN DINAS CONTOH KABUPATEN CONTOH TAHUN ANGGARAN 2024",
		"A3": "URAIAN", "B3": "ANGGARAN", "C3": "REALISASI", "D3": "%",
		"A4": "Program A", "B4": "310.000", "C4": "200.000", "D4": "66,67",
		"A5": "1 Kegiatan A1", "B5": "100.000", "C5": "100.000", "D5": "100,00",
		"A6": "2 Kegiatan A2", "B6": "200.000", "C6": "100.000", "D6": "50,00",
	} {
		require.NoError(t, f.SetCellValue("Sheet1", ref, v))
	}
	in := filepath.Join(dir, "dpa.xlsx")
	require.NoError(t, f.SaveAs(in))
	out := filepath.Join(dir, "dpa-koreksi.xlsx")
	code, _, errOut := runCLI(t, "correct", in, "-o", out)
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, errOut, "1 sel diperbaiki; perlu diperiksa petugas: 0 kesalahan")
	code, _, errOut = runCLI(t, "check", out)
	assert.Equal(t, exitOK, code, errOut)
}

// TestCorrectTakesPassword: correct takes --kata-sandi, as check and
// report do and as the hint on an encrypted file says. A wrong password
// reaches the reader, which refuses it as wrong: proof that the flag was
// read, whatever becomes of the right one.
func TestCorrectTakesPassword(t *testing.T) {
	in := filepath.Join("..", "..", "workbook", "testdata", "bad", "terenkripsi.xlsx")
	out := filepath.Join(t.TempDir(), "koreksi.xlsx")
	code, _, errOut := runCLI(t, "correct", in, "--kata-sandi", "bukan", "-o", out)
	assert.Equal(t, exitUnusable, code, errOut)
	assert.NotContains(t, errOut, "perintah salah", "the flag is defined")
	assert.Contains(t, errOut, "kata sandi salah", "the password reached the reader")
	assert.NoFileExists(t, out)
}
