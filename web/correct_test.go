package web

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"lkjip/calc"
	"lkjip/fixtures"
	"lkjip/workbook"
)

// planted is one of the workbooks with planted faults the workbook
// package's tests generate.
func planted(t testing.TB, name string) fixtures.File {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "workbook", "testdata", "correct", name))
	require.NoError(t, err)
	return fixtures.File{Name: name, Data: data}
}

// checkCopy checks a corrected copy as `lkjip check` would: no total,
// percent or sisa mismatch left, and the planted over-realisation left for
// a person.
func checkCopy(t testing.TB, name string, data []byte) {
	t.Helper()
	a, err := workbook.Read(context.Background(), []workbook.File{{Name: name, Data: data}}, workbook.DefaultOptions())
	require.NoError(t, err)
	var rules []string
	for _, f := range calc.Analyze(a, calc.DefaultSettings()).Findings {
		if f.Severity == calc.Error {
			rules = append(rules, string(f.Rule))
		}
	}
	assert.Equal(t, []string{"over-realization"}, rules)
}

// TestAPICorrect is issue 6's acceptance through the API: the copy of a
// seed-style and of a SIPD-style workbook with planted faults, with what
// it holds in the headers.
func TestAPICorrect(t *testing.T) {
	_, ts := newTestServer(t, nil)
	for _, name := range []string{"seed.xlsx", "sipd.xlsx"} {
		t.Run(name, func(t *testing.T) {
			resp := post(t, ts.URL+"/api/correct", planted(t, name))
			require.Equal(t, http.StatusOK, resp.StatusCode)
			assert.Equal(t, xlsxType, resp.Header.Get("Content-Type"))
			assert.Equal(t, `attachment; filename=`+strings.TrimSuffix(name, ".xlsx")+`-koreksi.xlsx`, resp.Header.Get("Content-Disposition"))
			fixed, err := strconv.Atoi(resp.Header.Get("X-Lkjip-Sel-Diperbaiki"))
			require.NoError(t, err)
			assert.GreaterOrEqual(t, fixed, 4)
			assert.Equal(t, "1", resp.Header.Get("X-Lkjip-Kesalahan-Tersisa"))
			assert.Empty(t, resp.Header.Get("X-Lkjip-Dibuat-Ulang"))
			body := []byte(readAll(t, resp.Body))
			checkCopy(t, name, body)
		})
	}
}

// TestAPICorrectFirstFile: with several files, the first is copied and
// the others are read alongside it.
func TestAPICorrectFirstFile(t *testing.T) {
	_, ts := newTestServer(t, nil)
	files := fixtures.Sampang2020()
	resp := post(t, ts.URL+"/api/correct", files...)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Contains(t, resp.Header.Get("Content-Disposition"), strings.TrimSuffix(files[0].Name, ".xlsx")+"-koreksi.xlsx")
	assert.Equal(t, "0", resp.Header.Get("X-Lkjip-Sel-Diperbaiki"), "the sample's DPA adds up")

	csv := fixtures.File{Name: "dpa.csv", Data: []byte("LAPORAN REALISASI ANGGARAN DINAS CONTOH TAHUN ANGGARAN 2024;;\n" +
		"URAIAN;ANGGARAN;REALISASI\nProgram A;310.000;200.000\n1 Kegiatan A1;100.000;100.000\n2 Kegiatan A2;200.000;100.000\n")}
	resp = post(t, ts.URL+"/api/correct", csv)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "csv", resp.Header.Get("X-Lkjip-Dibuat-Ulang"))
	assert.Equal(t, "1", resp.Header.Get("X-Lkjip-Sel-Diperbaiki"))

	resp = post(t, ts.URL+"/api/correct", fixtures.File{Name: "acak.xlsx", Data: []byte("PK\x03\x04 bukan zip")})
	assert.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
	assert.Contains(t, readAll(t, resp.Body), `"error"`)
}

// TestUploadPageOffersCopies: the result page lists a corrected copy of
// each uploaded file, downloadable under the file's own name.
func TestUploadPageOffersCopies(t *testing.T) {
	_, ts := newTestServer(t, nil)
	seed, sipd := planted(t, "seed.xlsx"), planted(t, "sipd.xlsx")
	resp := post(t, ts.URL+"/periksa", seed)
	require.Equal(t, http.StatusSeeOther, resp.StatusCode)
	loc := resp.Header.Get("Location")
	page, err := http.Get(ts.URL + loc)
	require.NoError(t, err)
	body := readAll(t, page.Body)
	page.Body.Close()
	assert.Contains(t, body, "Salinan terkoreksi")
	m := regexp.MustCompile(`href="(/unduh/[0-9a-f]{32}/koreksi-1\.xlsx)">seed-koreksi\.xlsx</a>`).FindStringSubmatch(body)
	require.NotNil(t, m, body)
	assert.Regexp(t, `\d+ sel diperbaiki; perlu diperiksa petugas: 1 kesalahan, 0 peringatan`, body)

	dl, err := http.Get(ts.URL + m[1])
	require.NoError(t, err)
	data := []byte(readAll(t, dl.Body))
	dl.Body.Close()
	require.Equal(t, http.StatusOK, dl.StatusCode)
	assert.Equal(t, xlsxType, dl.Header.Get("Content-Type"))
	assert.Equal(t, "attachment; filename=seed-koreksi.xlsx", dl.Header.Get("Content-Disposition"))
	checkCopy(t, "seed.xlsx", data)

	api := post(t, ts.URL+"/api/correct", seed)
	assert.True(t, bytes.Equal(data, []byte(readAll(t, api.Body))), "the page's copy is the API's")

	token := strings.TrimPrefix(loc, "/hasil/")
	for _, name := range []string{"koreksi-2.xlsx", "koreksi-1.xls", "koreksi.json"} {
		nf, err := http.Get(ts.URL + "/unduh/" + token + "/" + name)
		require.NoError(t, err)
		nf.Body.Close()
		assert.Equal(t, http.StatusNotFound, nf.StatusCode, name)
	}

	two := post(t, ts.URL+"/periksa", seed, sipd)
	require.Equal(t, http.StatusSeeOther, two.StatusCode)
	page, err = http.Get(ts.URL + two.Header.Get("Location"))
	require.NoError(t, err)
	body = readAll(t, page.Body)
	page.Body.Close()
	assert.Contains(t, body, ">seed-koreksi.xlsx</a>")
	assert.Contains(t, body, ">sipd-koreksi.xlsx</a>")
}
