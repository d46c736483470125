package layout

import (
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"lkjip/internal/progtest"
)

// TestLibreOfficeRecalculates opens the sample's report in LibreOffice,
// lets it recalculate every formula, and compares each result with
// the one lkjip stored: text exactly, numbers within a relative 1e-12. It
// also checks that LibreOffice converts the file without complaint and
// keeps every sheet and formula (a file needing repair fails to convert or
// loses parts).
func TestLibreOfficeRecalculates(t *testing.T) {
	if testing.Short() {
		t.Skip("starts LibreOffice")
	}
	data := writeReport(t, sampleResult(t), Options{})
	saved := progtest.Convert(t, true, map[string][]byte{"laporan.xlsx": data, "canary.xlsx": progtest.Canary(t)})

	// The canary's formula stores a wrong result: unless LibreOffice
	// recalculated it, the comparison below would only read back ours.
	cf := openReport(t, saved["canary.xlsx"])
	if v, err := cf.GetCellValue("Sheet1", "A1", excelize.Options{RawCellValue: true}); err != nil || v != "2" {
		t.Fatalf("LibreOffice kept the canary's stored result (%q, %v): recalculation on load is not forced", v, err)
	}

	ours, theirs := openReport(t, data), openReport(t, saved["laporan.xlsx"])
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
			if !sameNumber(c.raw, got) {
				t.Errorf("%s!%s =%s: stored %q, LibreOffice computes %q", sheet, c.ref, c.formula, c.raw, got)
			}
			if f, err := theirs.GetCellFormula(sheet, c.ref); err != nil || f == "" {
				t.Errorf("%s!%s: LibreOffice's copy lost the formula =%s (%v)", sheet, c.ref, c.formula, err)
			}
		}
	}
	if n < 100 {
		t.Fatalf("only %d formulas compared", n)
	}
	t.Logf("%d formulas recalculated by LibreOffice agree with the stored results", n)
}
