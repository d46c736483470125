package layout

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"lkjip/fixtures/kabupaten"
	"lkjip/internal/batch"
	"lkjip/internal/progtest"
)

// TestConsolidationLibreOffice: the workbook opens in LibreOffice, and its
// own recalculation of every formula gives the value lkjip stored.
func TestConsolidationLibreOffice(t *testing.T) {
	if testing.Short() {
		t.Skip("starts LibreOffice")
	}
	k, err := kabupaten.Generate(kabupaten.Options{Seed: 1})
	require.NoError(t, err)
	dir := t.TempDir()
	require.NoError(t, k.WriteDir(dir))
	sources, err := batch.Walk([]string{dir}, nil)
	require.NoError(t, err)
	c, err := batch.Consolidate(context.Background(), sources, batch.DefaultOptions())
	require.NoError(t, err)
	ours := writeConsolidation(t, c)

	saved := progtest.Convert(t, true, map[string][]byte{"rekap.xlsx": ours, "canary.xlsx": progtest.Canary(t)})
	cf, err := excelize.OpenReader(bytes.NewReader(saved["canary.xlsx"]))
	require.NoError(t, err)
	v, err := cf.GetCellValue("Sheet1", "A1", excelize.Options{RawCellValue: true})
	cf.Close()
	require.NoError(t, err)
	require.Equal(t, "2", v, "LibreOffice did not recalculate: the comparison below would prove nothing")

	mine, err := excelize.OpenReader(bytes.NewReader(ours))
	require.NoError(t, err)
	defer mine.Close()
	theirs, err := excelize.OpenReader(bytes.NewReader(saved["rekap.xlsx"]))
	require.NoError(t, err)
	defer theirs.Close()
	compared := 0
	for _, sheet := range mine.GetSheetList() {
		rows, err := mine.GetRows(sheet, excelize.Options{RawCellValue: true})
		require.NoError(t, err)
		for r, row := range rows {
			for col, want := range row {
				ref, _ := excelize.CoordinatesToCellName(col+1, r+1)
				if fm, _ := mine.GetCellFormula(sheet, ref); fm == "" {
					continue
				}
				got, err := theirs.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
				require.NoError(t, err)
				compared++
				assert.True(t, progtest.SameNumber(want, got), "%s!%s: lkjip stored %q, LibreOffice computes %q", sheet, ref, want, got)
			}
		}
	}
	assert.Greater(t, compared, 100, "formula cells compared")
}

// sameNumber is progtest.SameNumber, by the name layout's other tests
// (libreoffice_test.go, report_test.go) call it.
func sameNumber(a, b string) bool { return progtest.SameNumber(a, b) }
