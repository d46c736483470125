package workbook

import (
	"bytes"
	"context"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// recalcProfile makes LibreOffice recalculate every formula of an xlsx on
// load (by default it shows the stored results, even wrong ones; see
// design.md §9).
const recalcProfile = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`

// libreOffice has LibreOffice open each workbook and save it again as
// xlsx, recalculating every formula when recalc is set (and showing the
// stored results otherwise, as viewers that do not recalculate do). It
// skips the test when LibreOffice is missing, except under CI=true.
func libreOffice(t *testing.T, recalc bool, books map[string][]byte) map[string][]byte {
	t.Helper()
	if testing.Short() {
		t.Skip("starts LibreOffice")
	}
	bin, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("LibreOffice (soffice) is not installed; .ci/run installs libreoffice-calc-nogui")
		}
		t.Skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui")
	}
	dir := t.TempDir()
	profile := filepath.Join(dir, "profile")
	require.NoError(t, os.MkdirAll(filepath.Join(profile, "user"), 0o755))
	if recalc {
		require.NoError(t, os.WriteFile(filepath.Join(profile, "user", "registrymodifications.xcu"), []byte(recalcProfile), 0o644))
	}
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

// canary is a workbook whose one formula stores a wrong result.
func canary(t testing.TB) []byte {
	t.Helper()
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	require.NoError(t, err)
	require.NoError(t, sw.SetRow("A1", []any{excelize.Cell{Formula: "1+1", Value: 999}}))
	require.NoError(t, sw.Flush())
	return bookBytes(t, f)
}

func rawValue(t testing.TB, data []byte, sheet, cell string) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	require.NoError(t, err)
	defer f.Close()
	v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	return v
}

func sameNumber(a, b string) bool {
	x, errA := strconv.ParseFloat(a, 64)
	y, errB := strconv.ParseFloat(b, 64)
	if errA != nil || errB != nil {
		return a == b
	}
	return math.Abs(x-y) <= 1e-12*math.Max(1, math.Max(math.Abs(x), math.Abs(y)))
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
	books := map[string][]byte{"sipd.xlsx": c.Data, "canary.xlsx": canary(t)}

	shown := libreOffice(t, false, books)
	require.Equal(t, "999", rawValue(t, shown["canary.xlsx"], "Sheet1", "A1"), "without the profile LibreOffice keeps stored results")
	formulas := 0
	for _, x := range c.Corrections {
		if x.Old.Formula == "" {
			continue
		}
		formulas++
		ours := rawValue(t, c.Data, x.Src.Sheet, x.Src.Cell())
		assert.True(t, sameNumber(ours, rawValue(t, shown["sipd.xlsx"], x.Src.Sheet, x.Src.Cell())),
			"%s: a viewer that does not recalculate shows %s", x.Src, ours)
	}
	require.Greater(t, formulas, 5, "corrected formulas compared")
	again := correctOne(t, "sipd.xlsx", shown["sipd.xlsx"])
	assert.True(t, again.Unchanged, "LibreOffice's save of the copy (shared strings, its own XML) is still a corrected copy")
	assert.Empty(t, again.Corrections)

	recalculated := libreOffice(t, true, books)
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
			ref := cellName(r+1, col+1)
			if f, _ := ours.GetCellFormula("LRA", ref); f == "" {
				continue
			}
			n++
			want, _ := ours.GetCellValue("LRA", ref, excelize.Options{RawCellValue: true})
			got, _ := theirs.GetCellValue("LRA", ref, excelize.Options{RawCellValue: true})
			assert.True(t, sameNumber(want, got), "LRA!%s: stored %s, LibreOffice computes %s", ref, want, got)
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
