package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"lkjip/calc"
)

// crossDocFiles are the workbooks generated from fixtures/crossdoc.spec:
// a DPA, a Pohon Kinerja with vertically merged cells, a Perjanjian
// Kinerja and the capaian / data / efisiensi / alokasi sheets of one agency.
func crossDocFiles(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "crossdoc", "*.xlsx"))
	require.NoError(t, err)
	require.Len(t, files, 4)
	return files
}

// TestCrossDocFixturesUpToDate regenerates the workbooks from their spec
// and checks that the committed ones are the same bytes.
func TestCrossDocFixturesUpToDate(t *testing.T) {
	if testing.Short() {
		t.Skip("regenerating fixtures needs the go command")
	}
	dir := t.TempDir()
	cmd := exec.Command("go", "run", "./fixtures/internal/gen", "-spec", "fixtures/crossdoc.spec", "-out", dir)
	cmd.Dir = filepath.Join("..", "..")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("generate: %v\n%s", err, out)
	}
	for _, f := range crossDocFiles(t) {
		committed, err := os.ReadFile(f)
		require.NoError(t, err)
		fresh, err := os.ReadFile(filepath.Join(dir, filepath.Base(f)))
		require.NoError(t, err)
		assert.True(t, bytes.Equal(committed, fresh), "%s differs from what fixtures/crossdoc.spec generates", f)
	}
}

// TestCrossDoc is the acceptance of the rule-catalogue issue: the
// documents read together give pk-budget-mismatch exactly where the PK
// budget differs from the DPA (matched despite "&", case and a one-letter
// typo in the DPA name), name-mismatch with a suggestion where the Pohon
// Kinerja names a program the DPA spells differently, capaian-mismatch on
// the sample's 85,71 %, and nothing for the programs that agree.
func TestCrossDoc(t *testing.T) {
	args := append([]string{"check", "--format", "json"}, crossDocFiles(t)...)
	code, out, errOut := runCLI(t, args...)
	require.Equal(t, exitFindings, code, errOut)
	var res calc.JSONResult
	require.NoError(t, json.Unmarshal([]byte(out), &res))
	assert.Equal(t, "Badan Kesatuan Bangsa dan Politik Kabupaten Contoh", res.Agency)
	assert.Equal(t, 2021, res.Year)
	assert.Equal(t, "3044450000", res.Totals.Anggaran)

	var got []string
	for _, f := range res.Findings {
		got = append(got, strings.Join([]string{f.Rule, f.Severity, filepath.Base(f.File), f.Sheet, f.Cell}, " "))
	}
	assert.Equal(t, []string{
		"name-mismatch warning dpa-2021.xlsx Realisasi 2021 B12",
		"capaian-mismatch error kinerja-2021.xlsx Capaian G5",
		"name-mismatch info perjanjian-kinerja-2021.xlsx PK 2021 E5",
		"pk-budget-mismatch error perjanjian-kinerja-2021.xlsx PK 2021 F5",
		"pk-budget-mismatch error perjanjian-kinerja-2021.xlsx PK 2021 F7",
		"name-mismatch info pohon-kinerja-2021.xlsx Pohon Kinerja G4",
		"name-mismatch warning pohon-kinerja-2021.xlsx Pohon Kinerja G10",
	}, got)

	byCell := map[string]calc.JSONFinding{}
	for _, f := range res.Findings {
		byCell[f.Sheet+"!"+f.Cell] = f
	}
	kewaspadaan := "PROGRAM PENINGKATAN KEWASPADAAN NASIONAL DAN PENINGKATAN KUALITAS DAN FASILITASI PENANGANAN KONFLIK SOSAL"
	t.Run("pk-budget-mismatch", func(t *testing.T) {
		f := byCell["PK 2021!F5"]
		assert.Equal(t, kewaspadaan, f.Subject, "the PK's \"& … Sosial\" is the DPA's \"DAN … SOSAL\"")
		assert.Equal(t, [2]string{"548570000", "548750000"}, [2]string{f.Reported, f.Computed})
		assert.Contains(t, f.Message, "tertulis 548.570.000, seharusnya 548.750.000 seperti di DPA")
		f = byCell["PK 2021!F7"]
		assert.Equal(t, [2]string{"2003520000", "2003250000"}, [2]string{f.Reported, f.Computed})
	})
	t.Run("name-mismatch with a suggestion", func(t *testing.T) {
		f := byCell["Pohon Kinerja!G10"]
		assert.Equal(t, "Program Pemberdayaan dan Pembinaan Organisasi Kemasyarakatan", f.Reported)
		assert.Equal(t, "PROGRAM PEMBERDAYAAN DAN PENGAWASAN ORGANISASI KEMASYARAKATAN", f.Computed)
		assert.Contains(t, f.Message, "mungkin maksudnya")
		assert.Contains(t, f.Message, "kemiripan 92 %")
		f = byCell["Realisasi 2021!B12"]
		assert.Contains(t, f.Message, `Kegiatan "Administrasi Umum Perangkat Daerah" di DPA tidak ada di Pohon Kinerja`)
	})
	t.Run("capaian-mismatch", func(t *testing.T) {
		f := byCell["Capaian!G5"]
		assert.Equal(t, [2]string{"85.71", "30.00"}, [2]string{f.Reported, f.Computed})
	})
	t.Run("nothing for the programs that agree", func(t *testing.T) {
		for _, f := range res.Findings {
			for _, name := range []string{"ideologi pancasila", "partai politik"} {
				for _, s := range []string{f.Subject, f.Reported, f.Computed} {
					assert.NotContains(t, calc.NormalizeName(s), name, f.Message)
				}
			}
		}
	})
	t.Run("sasaran, programs and the Pohon formula", func(t *testing.T) {
		require.Len(t, res.Sasaran, 3)
		s := res.Sasaran[0]
		assert.Equal(t, []string{kewaspadaan, "PROGRAM PENGUATAN IDEOLOGI PANCASILA DAN KARAKTER KEBANGSAAN"}, s.Programs)
		assert.Equal(t, "30.00", s.Indikator[0].FormulaValue, "(10 − 7) / 10 × 100 from the conflict table")
		assert.Equal(t, "n-1 = 10 (2020), n = 7 (2021)", s.Indikator[0].FormulaInputs)
		assert.Equal(t, "-60.25", s.Efisiensi)
		neg := res.Sasaran[2].Indikator[0]
		assert.Equal(t, "negatif", neg.Polarity, "from the Polaritas column")
		assert.Equal(t, "120.00", neg.Capaian)
	})
}
