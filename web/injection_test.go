package web

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"lkjip/fixtures"
)

// hostileDPA is a small realisation workbook whose names start with the
// characters spreadsheets treat as formulas, and whose sheet name holds
// markup.
func hostileDPA(t testing.TB) fixtures.File {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sheet := "<b>Realisasi<b>"
	require.NoError(t, f.SetSheetName("Sheet1", sheet))
	rows := [][]any{
		{"NO", "URAIAN", "ANGGARAN", "REALISASI"},
		{"1", "=HYPERLINK(\"http://contoh.invalid\",\"klik\")", "1.000", "500"},
		{"2", "+Program Plus", "2.000", "2.500"},
		{"3", "-Program Minus", "100", "50"},
		{"4", "@Program At", "100", "50"},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		require.NoError(t, f.SetSheetRow(sheet, cell, &r))
	}
	var buf bytes.Buffer
	require.NoError(t, f.Write(&buf))
	return fixtures.File{Name: "dpa.xlsx", Data: buf.Bytes()}
}

func TestUserTextStaysText(t *testing.T) {
	_, ts := newTestServer(t, nil)
	resp := post(t, ts.URL+"/api/report", hostileDPA(t))
	require.Equal(t, http.StatusOK, resp.StatusCode)
	f, err := excelize.OpenReader(resp.Body)
	require.NoError(t, err)
	defer f.Close()
	found := 0
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		require.NoError(t, err)
		for r, row := range rows {
			for c, v := range row {
				if !strings.HasPrefix(v, "=HYPERLINK") && !strings.HasPrefix(v, "+Program") &&
					!strings.HasPrefix(v, "-Program") && !strings.HasPrefix(v, "@Program") {
					continue
				}
				found++
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				formula, err := f.GetCellFormula(sheet, cell)
				require.NoError(t, err)
				assert.Empty(t, formula, "%s!%s holds user text %q: it must stay text", sheet, cell, v)
			}
		}
	}
	assert.GreaterOrEqual(t, found, 4, "the names appear in the report")
}

func TestMarkupIsEscapedOnThePage(t *testing.T) {
	_, ts := newTestServer(t, nil)
	resp := post(t, ts.URL+"/periksa", hostileDPA(t))
	require.Equal(t, http.StatusSeeOther, resp.StatusCode)
	page, err := http.Get(ts.URL + resp.Header.Get("Location"))
	require.NoError(t, err)
	defer page.Body.Close()
	body := readAll(t, page.Body)
	assert.Contains(t, body, "&lt;b&gt;Realisasi&lt;b&gt;")
	assert.NotContains(t, body, "<b>Realisasi<b>")
}
