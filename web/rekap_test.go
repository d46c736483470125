package web

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"lkjip/calc"
	"lkjip/fixtures"
	"lkjip/fixtures/kabupaten"
	"lkjip/layout"
)

// kabupatenFiles generates a small kabupaten (with its one broken file).
func kabupatenFiles(t testing.TB, agencies int) (*kabupaten.Kabupaten, []fixtures.File) {
	t.Helper()
	k, err := kabupaten.Generate(kabupaten.Options{Seed: 7, Agencies: agencies})
	require.NoError(t, err)
	var files []fixtures.File
	for _, f := range k.Files {
		files = append(files, fixtures.File{Name: f.Name, Data: f.Data})
	}
	return k, files
}

func TestAPIConsolidate(t *testing.T) {
	k, files := kabupatenFiles(t, 6)
	_, ts := newTestServer(t, nil)

	resp := post(t, ts.URL+"/api/consolidate?format=json", files...)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	var res calc.JSONConsolidation
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&res))
	assert.Equal(t, k.Year, res.Year)
	require.Len(t, res.Agencies, len(k.Agencies))
	for _, a := range res.Agencies {
		want := k.Agency(a.Agency)
		require.NotNil(t, want, a.Agency)
		assert.Equal(t, want.Anggaran.String(), trimZeros(a.Anggaran), a.Agency)
		assert.Equal(t, want.Realisasi.String(), trimZeros(a.Realisasi), a.Agency)
	}
	assert.Equal(t, k.Anggaran.String(), trimZeros(res.Totals.Anggaran))
	assert.Equal(t, k.Realisasi.String(), trimZeros(res.Totals.Realisasi))
	require.Len(t, res.Failed, 1, "the broken file is listed, not fatal")
	assert.Equal(t, k.Broken, res.Failed[0].File)
	assert.NotEmpty(t, res.Failed[0].Reason)

	resp = post(t, ts.URL+"/api/consolidate", files...)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, xlsxType, resp.Header.Get("Content-Type"))
	f, err := excelize.OpenReader(resp.Body)
	require.NoError(t, err)
	defer f.Close()
	assert.Equal(t, layout.ConsolidationSheets(), f.GetSheetList())
}

// trimZeros writes a JSON decimal as decimal.Decimal.String does.
func trimZeros(s string) string {
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

func TestRekapPageFlow(t *testing.T) {
	k, files := kabupatenFiles(t, 4)
	_, ts := newTestServer(t, nil)
	// An old rekap among the uploads is skipped, a copy of a file is
	// counted once: the page says so, not only the workbook.
	old := post(t, ts.URL+"/api/consolidate", files...)
	require.Equal(t, http.StatusOK, old.StatusCode)
	rekap := readAll(t, old.Body)
	old.Body.Close()
	files = append(files,
		fixtures.File{Name: "rekap-lama.xlsx", Data: []byte(rekap)},
		fixtures.File{Name: "salinan.xlsx", Data: files[0].Data})
	resp := post(t, ts.URL+"/rekap", files...)
	require.Equal(t, http.StatusSeeOther, resp.StatusCode)
	loc := resp.Header.Get("Location")
	require.True(t, strings.HasPrefix(loc, "/rekap/"), loc)
	page, err := http.Get(ts.URL + loc)
	require.NoError(t, err)
	defer page.Body.Close()
	body := readAll(t, page.Body)
	for _, a := range k.Agencies {
		assert.Contains(t, body, a.Name)
	}
	assert.Contains(t, body, "Berkas yang gagal dibaca (1)")
	assert.Contains(t, body, k.Broken)
	assert.Contains(t, body, "Berkas yang dilewati (1)")
	assert.Contains(t, body, "rekap-lama.xlsx")
	assert.Contains(t, body, "Berkas ganda, tidak dihitung (1)")
	assert.Contains(t, body, "salinan.xlsx")

	token := strings.TrimPrefix(loc, "/rekap/")
	dl, err := http.Get(ts.URL + "/unduh/" + token + "/rekap.xlsx")
	require.NoError(t, err)
	dl.Body.Close()
	assert.Equal(t, http.StatusOK, dl.StatusCode)
}

func TestRekapNothingUsable(t *testing.T) {
	_, ts := newTestServer(t, nil)
	resp := post(t, ts.URL+"/api/consolidate", fixtures.File{Name: "rusak.xlsx", Data: []byte("rusak")})
	assert.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
	var e map[string]string
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&e))
	assert.Contains(t, e["error"], "rusak.xlsx")
}
