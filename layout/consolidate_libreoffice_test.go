package layout

import (
	"bytes"
	"context"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"lkjip/fixtures/kabupaten"
	"lkjip/internal/batch"
)

// recalcProfile makes LibreOffice recalculate every formula of an xlsx on
// load (by default it shows the stored results, even wrong ones).
const recalcProfile = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`

// soffice finds LibreOffice, or skips the test (fails it under CI=true,
// where .ci/run installs it).
func soffice(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("LibreOffice (soffice) is not installed; .ci/run installs libreoffice-calc-nogui")
	}
	t.Skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui")
	return ""
}

// recalculate has LibreOffice open each workbook, recalculate it and save
// it again; it returns the saved copies, by name.
func recalculate(t *testing.T, books map[string][]byte) map[string][]byte {
	t.Helper()
	bin := soffice(t)
	dir := t.TempDir()
	profile := filepath.Join(dir, "profile")
	require.NoError(t, os.MkdirAll(filepath.Join(profile, "user"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(profile, "user", "registrymodifications.xcu"), []byte(recalcProfile), 0o644))
	args := []string{"-env:UserInstallation=file://" + profile, "--headless", "--convert-to", "xlsx", "--outdir", filepath.Join(dir, "out")}
	for name, data := range books {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, data, 0o644))
		args = append(args, p)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, bin, args...).CombinedOutput()
	require.NoError(t, err, "%s", out)
	saved := map[string][]byte{}
	for name := range books {
		data, err := os.ReadFile(filepath.Join(dir, "out", name))
		require.NoError(t, err, "LibreOffice wrote no %s: %s", name, out)
		saved[name] = data
	}
	return saved
}

// canary is a workbook whose one formula stores a wrong result: after a
// real recalculation it holds the right one.
func canary(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	require.NoError(t, err)
	require.NoError(t, sw.SetRow("A1", []any{excelize.Cell{Formula: "1+1", Value: 999}}))
	require.NoError(t, sw.Flush())
	var buf bytes.Buffer
	_, err = f.WriteTo(&buf)
	require.NoError(t, err)
	return buf.Bytes()
}

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

	saved := recalculate(t, map[string][]byte{"rekap.xlsx": ours, "canary.xlsx": canary(t)})
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
				assert.True(t, sameNumber(want, got), "%s!%s: lkjip stored %q, LibreOffice computes %q", sheet, ref, want, got)
			}
		}
	}
	assert.Greater(t, compared, 100, "formula cells compared")
}

// sameNumber compares two stored numbers to 12 significant digits (both
// sides compute in doubles), or two texts exactly.
func sameNumber(a, b string) bool {
	x, errA := strconv.ParseFloat(a, 64)
	y, errB := strconv.ParseFloat(b, 64)
	if errA != nil || errB != nil {
		return a == b
	}
	return math.Abs(x-y) <= 1e-12*math.Max(1, math.Max(math.Abs(x), math.Abs(y)))
}
