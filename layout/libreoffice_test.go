package layout

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// soffice returns the LibreOffice binary, or skips the test when there is
// none; under CI=true a missing LibreOffice fails the test instead.
func soffice(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("LibreOffice (soffice) is not installed; CI must have it (.ci/run installs libreoffice-calc-nogui)")
	}
	t.Skip("LibreOffice (soffice) is not installed: skipping the recalculation check (apt-get install libreoffice-calc-nogui)")
	return ""
}

// recalcProfile is a LibreOffice user profile that recalculates every
// formula of an xlsx file on load. By default LibreOffice shows and saves
// the stored results, even wrong ones (design.md §9).
const recalcProfile = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`

// convertInLibreOffice opens an xlsx file in LibreOffice with a throw-away
// profile that recalculates on load, saves it again as xlsx and returns
// the saved file, opened.
func convertInLibreOffice(t *testing.T, bin string, data []byte) *excelize.File {
	t.Helper()
	dir := t.TempDir()
	profile := filepath.Join(dir, "profile")
	if err := os.MkdirAll(filepath.Join(profile, "user"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(profile, "user", "registrymodifications.xcu"), []byte(recalcProfile), 0o644); err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "laporan.xlsx")
	if err := os.WriteFile(in, data, 0o644); err != nil {
		t.Fatal(err)
	}
	outDir := filepath.Join(dir, "out")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-env:UserInstallation=file://"+filepath.ToSlash(profile),
		"--headless", "--norestore", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", outDir, in)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	saved, err := os.ReadFile(filepath.Join(outDir, "laporan.xlsx"))
	if err != nil {
		t.Fatalf("LibreOffice wrote no file: %v\n%s", err, out)
	}
	return openReport(t, saved)
}

// TestLibreOfficeRecalculates opens the sample's report in LibreOffice,
// lets it recalculate every formula, and compares each result with the
// one lkjip stored: text exactly, numbers within a relative 1e-9. It also
// checks that LibreOffice converts the file without complaint and keeps
// every sheet (a file needing repair fails to convert or loses parts).
func TestLibreOfficeRecalculates(t *testing.T) {
	bin := soffice(t)

	t.Run("profile forces recalculation", func(t *testing.T) {
		// A SUM stored with a wrong result must come back recalculated,
		// or the comparison below would only read back our own values.
		f := excelize.NewFile()
		sw, err := f.NewStreamWriter("Sheet1")
		if err != nil {
			t.Fatal(err)
		}
		if err := sw.SetRow("A1", []any{10, 20, excelize.Cell{Formula: "SUM(A1:B1)", Value: 999}}); err != nil {
			t.Fatal(err)
		}
		if err := sw.Flush(); err != nil {
			t.Fatal(err)
		}
		buf, err := f.WriteToBuffer()
		if err != nil {
			t.Fatal(err)
		}
		got, err := convertInLibreOffice(t, bin, buf.Bytes()).GetCellValue("Sheet1", "C1", excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		if got != "30" {
			t.Fatalf("LibreOffice kept the stored 999 (got %q): recalculation on load is not forced", got)
		}
	})

	t.Run("sample report", func(t *testing.T) {
		data := writeReport(t, sampleResult(t), Options{})
		ours := openReport(t, data)
		theirs := convertInLibreOffice(t, bin, data)
		if got, want := strings.Join(theirs.GetSheetList(), "|"), strings.Join(ReportSheets(), "|"); got != want {
			t.Fatalf("LibreOffice's copy has sheets %q, want %q", got, want)
		}
		n := 0
		for _, sheet := range ReportSheets() {
			for _, c := range readCells(t, ours, sheet) {
				if c.formula == "" {
					continue
				}
				n++
				got, err := theirs.GetCellValue(sheet, c.ref, excelize.Options{RawCellValue: true})
				if err != nil {
					t.Fatal(err)
				}
				if !sameValue(c.typ, c.raw, got) {
					t.Errorf("%s!%s =%s: stored %q, LibreOffice computes %q", sheet, c.ref, c.formula, c.raw, got)
				}
				if f, err := theirs.GetCellFormula(sheet, c.ref); err != nil || f == "" {
					t.Errorf("%s!%s: LibreOffice's copy lost the formula =%s (%v)", sheet, c.ref, c.formula, err)
				}
			}
		}
		t.Logf("%d formulas recalculated by LibreOffice agree with the stored results", n)
	})
}
