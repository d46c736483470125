// Package progtest runs the outside programs some tests need (LibreOffice,
// Chromium): finding them, skipping without them except under CI=true,
// and having LibreOffice open workbooks the way a user of lkjip's outputs
// would (design.md §9); and measures the CPU time benchmarks report. Test
// support only.
package progtest

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

	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// recalcProfile makes LibreOffice recalculate every formula of an xlsx on
// load (by default it shows the stored results, even wrong ones).
const recalcProfile = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`

// Find finds one of an outside program's names on PATH. Without it the
// test is skipped, except under CI=true, where .ci/run installs the
// Debian package pkg and its absence fails the test.
func Find(t testing.TB, pkg string, names ...string) string {
	t.Helper()
	for _, name := range names {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is not installed; .ci/run installs the Debian package %s", names[0], pkg)
	}
	t.Skipf("%s is not installed (apt-get install %s): skipping", names[0], pkg)
	return ""
}

// Soffice finds LibreOffice, as Find does; in -short mode the test is
// skipped without looking.
func Soffice(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("starts LibreOffice")
	}
	return Find(t, "libreoffice-calc-nogui", "soffice", "libreoffice")
}

// Convert has LibreOffice open each workbook and save it again as xlsx,
// recalculating every formula when recalc is set (and keeping the stored
// results otherwise, as viewers that do not recalculate show them). It
// returns the saved copies, by name.
func Convert(t testing.TB, recalc bool, books map[string][]byte) map[string][]byte {
	t.Helper()
	bin := Soffice(t)
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

// Canary is a workbook whose one formula, Sheet1!A1 = 1+1, stores the
// wrong result 999: after a real recalculation it holds 2, which tells a
// test that LibreOffice did recalculate.
func Canary(t testing.TB) []byte {
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

// SameNumber compares two stored cell values: as numbers to 12
// significant digits when both are numbers (lkjip and LibreOffice both
// compute in doubles), or else as texts, exactly.
func SameNumber(a, b string) bool {
	x, errA := strconv.ParseFloat(a, 64)
	y, errB := strconv.ParseFloat(b, 64)
	if errA != nil || errB != nil {
		return a == b
	}
	return math.Abs(x-y) <= 1e-12*math.Max(1, math.Max(math.Abs(x), math.Abs(y)))
}
