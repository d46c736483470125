package workbook

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"lkjip/calc"
	"lkjip/internal/progtest"
)

func rawValue(t testing.TB, data []byte, sheet, cell string) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	require.NoError(t, err)
	defer f.Close()
	v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	return v
}

// TestCorrectLibreOffice opens the corrected SIPD copy in LibreOffice. As
// a viewer that does not recalculate, it shows the corrected results
// lkjip stored in the formula cells; made to recalculate, its own result
// of every formula of the sheet is the one stored. It also keeps the
// Koreksi sheet and the comments, so the copy opens without repair, and
// its save of the copy is still recognised as a corrected copy.
func TestCorrectLibreOffice(t *testing.T) {
	p := realisasi{sipd: true, programs: 4, kegiatan: 3, subPerK: 3, seed: 1, faults: true, wrongSum: true}.build(t)
	c := correctOne(t, "sipd.xlsx", p.data)
	books := map[string][]byte{"sipd.xlsx": c.Data, "canary.xlsx": progtest.Canary(t)}

	shown := progtest.Convert(t, false, books)
	require.Equal(t, "999", rawValue(t, shown["canary.xlsx"], "Sheet1", "A1"), "without the profile LibreOffice keeps stored results")
	formulas := 0
	for _, x := range c.Corrections {
		if x.Old.Formula() == "" {
			continue
		}
		formulas++
		ours := rawValue(t, c.Data, x.Src.Sheet(), x.Src.Cell())
		assert.True(t, progtest.SameNumber(ours, rawValue(t, shown["sipd.xlsx"], x.Src.Sheet(), x.Src.Cell())),
			"%s: a viewer that does not recalculate shows %s", x.Src, ours)
	}
	require.Greater(t, formulas, 5, "corrected formulas compared")
	again := correctOne(t, "sipd.xlsx", shown["sipd.xlsx"])
	assert.True(t, again.Unchanged, "LibreOffice's save of the copy (shared strings, its own XML) is still a corrected copy")
	assert.Empty(t, again.Corrections)

	recalculated := progtest.Convert(t, true, books)
	require.Equal(t, "2", rawValue(t, recalculated["canary.xlsx"], "Sheet1", "A1"), "LibreOffice did not recalculate")
	ours, err := excelize.OpenReader(bytes.NewReader(c.Data))
	require.NoError(t, err)
	defer ours.Close()
	theirs, err := excelize.OpenReader(bytes.NewReader(recalculated["sipd.xlsx"]))
	require.NoError(t, err)
	defer theirs.Close()
	assert.Equal(t, ours.GetSheetList(), theirs.GetSheetList())
	rows, err := ours.GetRows("LRA")
	require.NoError(t, err)
	n := 0
	for r, row := range rows {
		for col := range row {
			ref := calc.CellName(r+1, col+1)
			if f, _ := ours.GetCellFormula("LRA", ref); f == "" {
				continue
			}
			n++
			want, _ := ours.GetCellValue("LRA", ref, excelize.Options{RawCellValue: true})
			got, _ := theirs.GetCellValue("LRA", ref, excelize.Options{RawCellValue: true})
			assert.True(t, progtest.SameNumber(want, got), "LRA!%s: stored %s, LibreOffice computes %s", ref, want, got)
		}
	}
	require.Greater(t, n, 100, "formulas compared")
	notes, err := theirs.GetComments("LRA")
	require.NoError(t, err)
	lkjip := 0
	for _, note := range notes {
		for _, r := range note.Paragraph {
			if strings.Contains(r.Text, "lkjip") {
				lkjip++
				break
			}
		}
	}
	assert.Equal(t, len(c.Corrections), lkjip, "every note survives")
	t.Logf("%d corrected formulas shown as stored; %d formulas recalculated by LibreOffice agree", formulas, n)
}
