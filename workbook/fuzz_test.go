package workbook

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/richardlehane/mscfb"

	"lkjip/calc"
	"lkjip/fixtures"
	"lkjip/internal/hostile"
)

func FuzzParseCode(f *testing.F) {
	for _, s := range []string{"2.16.01", "2.16.01.2.01.0001", "5.1.02.01.01.0024", "X.XX.01", "1.20.03.15.01",
		"2 .16. 01", "5.2.2.01.01", "1.1", "0.0", "..", "2.16.01 PROGRAM", "5.1.02 - Belanja"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, ok := parseCode(s)
		if !ok {
			cutCode(s)
			return
		}
		// A code reads back the same, compares equal to itself only as an
		// equal (never as its own parent), and contains its extensions.
		again, ok := parseCode(c.String())
		if !ok || again != c || normOf(c) != calc.NormalizeCode(s) {
			t.Fatalf("%q read as %q (%q), which reads back as %q (%v)", s, c.String(), normOf(c), again.String(), ok)
		}
		if c.contains(c) {
			t.Fatalf("%q contains itself", s)
		}
		child, ok := parseCode(c.String() + ".1")
		if ok && !c.contains(child) {
			t.Fatalf("%q does not contain %q", c.String(), child.String())
		}
		c.shapeLevel()
		c.strict()
		if c.account() {
			c.accountLevel()
		}
	})
}

// fuzzLimits keep one fuzz input cheap.
func fuzzLimits() Limits {
	return Limits{MaxBytes: 4 << 20, MaxInflated: 16 << 20, MaxRows: 20000, MaxCols: 128, MaxCells: 200000,
		MaxStrings: 100000, MaxText: 32767, Time: 10 * time.Second}
}

// seedFiles lists the test files of the corpus and the hostile corpus
// whose names end in one of exts, smaller than max bytes.
func seedFiles(f *testing.F, max int, exts ...string) map[string][]byte {
	out := map[string][]byte{}
	for _, dir := range []string{filepath.Join("testdata", "corpus"), filepath.Join("testdata", "bad")} {
		entries, err := os.ReadDir(dir)
		if err != nil {
			f.Fatal(err)
		}
		for _, e := range entries {
			if !slices.Contains(exts, filepath.Ext(e.Name())) {
				continue
			}
			data, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				f.Fatal(err)
			}
			if len(data) <= max {
				out[filepath.Join(dir, e.Name())] = data
			}
		}
	}
	return out
}

// zipPartsMatching lists the parts of a zip whose names match, smaller than max.
func zipPartsMatching(data []byte, max int, match func(string) bool) [][]byte {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil
	}
	var out [][]byte
	for _, f := range zr.File {
		if !match(f.Name) || f.UncompressedSize64 > uint64(max) {
			continue
		}
		if b, err := readZipPart(zr, f.Name, int64(max)); err == nil {
			out = append(out, b)
		}
	}
	return out
}

// fuzzRead reads one file as any caller would, then analyses it. A panic
// fails (it is a crash), as does a read that outlives the time limit.
func fuzzRead(t *testing.T, data []byte, as format) {
	opt := DefaultOptions()
	opt.Limits = fuzzLimits()
	done := make(chan error, 1)
	go func() {
		ctx := context.Background()
		var a *calc.Agency
		var err error
		if as == formatUnknown {
			a, err = Read(ctx, []File{{Name: "x", Data: data}}, opt)
		} else {
			a = &calc.Agency{}
			var sheets []*sheet
			if sheets, _, err = readSheetsAs(ctx, as, "x", data, opt); err == nil {
				for _, s := range sheets {
					readSheet(s, a, opt.Override)
				}
			}
		}
		if err == nil {
			calc.Analyze(a, calc.DefaultSettings())
		}
		done <- err
	}()
	select {
	case err := <-done:
		if errors.Is(err, errReaderPanic) {
			t.Fatalf("reader panicked: %v", err)
		}
		if err != nil && strings.Contains(err.Error(), "\n") {
			t.Fatalf("an error of more than one line: %q", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatalf("reading a %d-byte file took more than 15 s", len(data))
	}
}

// FuzzRead reads whole files of any format, recognised by content:
// seeded with the corpus, the hostile corpus and the sample agency.
func FuzzRead(f *testing.F) {
	for _, data := range seedFiles(f, 1<<20, ".xlsx", ".xls", ".ods", ".csv") {
		f.Add(data)
	}
	for _, fx := range fixtures.Sampang2020() {
		f.Add(fx.Data)
	}
	f.Add([]byte("Kode;Uraian;Anggaran;Realisasi\n2.16.01;PROGRAM;1.000,50;(500)\n;JUMLAH;1.000,50;-\n"))
	f.Add([]byte("<table><tr><td rowspan=3 colspan=2>Uraian<td>Anggaran<td>Realisasi<tr><td>1<td>2</table>"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, data, formatUnknown) })
}

// FuzzReadXLSX reads an .xlsx whose package is sound and whose worksheet
// and shared-string XML are the fuzzer's: mutations reach the XML scan
// and excelize instead of stopping at the zip's checksum.
func FuzzReadXLSX(f *testing.F) {
	addSheetSeeds(f)
	f.Add(hostile.SheetXML(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><f>SUM(C1:C9)</f></c></row>`),
		`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Uraian</t></si></sst>`)
	f.Fuzz(func(t *testing.T, sheet, sst string) { fuzzRead(t, hostile.XLSX(sheet, sst), formatXLSX) })
}

// FuzzStream reads an .xlsx whose sheet and shared strings are the
// fuzzer's both ways, streamed and whole: whenever streaming does not give
// up, it must give what reading the whole workbook gives.
func FuzzStream(f *testing.F) {
	addSheetSeeds(f)
	f.Fuzz(func(t *testing.T, sheet, sst string) {
		readBothWays(t, File{Name: "f.xlsx", Data: hostile.XLSX(sheet, sst)}, Options{Limits: fuzzLimits()})
	})
}

// addSheetSeeds seeds a fuzz target taking a sheet's XML and the shared
// strings with every worksheet of the .xlsx seed files.
func addSheetSeeds(f *testing.F) {
	for _, data := range seedFiles(f, 4<<20, ".xlsx") {
		sheets := zipPartsMatching(data, 256<<10, func(n string) bool { return strings.HasPrefix(n, "xl/worksheets/sheet") })
		ssts := zipPartsMatching(data, 256<<10, func(n string) bool { return strings.EqualFold(n, "xl/sharedStrings.xml") })
		for _, sh := range sheets {
			sst := ""
			if len(ssts) > 0 {
				sst = string(ssts[0])
			}
			f.Add(string(sh), sst)
		}
	}
}

// FuzzReadODS reads an .ods whose content.xml is the fuzzer's.
func FuzzReadODS(f *testing.F) {
	for _, data := range seedFiles(f, 4<<20, ".ods") {
		for _, c := range zipPartsMatching(data, 256<<10, func(n string) bool { return n == "content.xml" }) {
			f.Add(string(c))
		}
	}
	f.Add(hostile.ODSContent(`<table:table table:name="T"><table:table-row table:number-rows-repeated="3">` +
		`<table:table-cell table:number-columns-spanned="2" office:value-type="float" office:value="1"/></table:table-row></table:table>`))
	f.Fuzz(func(t *testing.T, content string) { fuzzRead(t, hostile.ODS(content), formatODS) })
}

// FuzzReadXLS reads a .xls whose OLE container is sound and whose BIFF8
// Workbook stream is the fuzzer's.
func FuzzReadXLS(f *testing.F) {
	for _, data := range seedFiles(f, 4<<20, ".xls") {
		doc, err := mscfb.New(bytes.NewReader(data))
		if err != nil {
			continue
		}
		for entry, err := doc.Next(); err == nil; entry, err = doc.Next() {
			if entry.Name == "Workbook" && entry.Size <= 63<<10 {
				if b, err := io.ReadAll(entry); err == nil {
					f.Add(b)
				}
			}
		}
	}
	f.Fuzz(func(t *testing.T, stream []byte) {
		if len(stream) > 63<<10 {
			return
		}
		fuzzRead(t, hostile.XLS(stream), formatOLE)
	})
}

// FuzzReadHTML reads any bytes as an HTML page ("export to Excel").
func FuzzReadHTML(f *testing.F) {
	for _, data := range seedFiles(f, 1<<20, ".xls", ".xlsx") {
		if sniff(data) == formatHTML {
			f.Add(data)
		}
	}
	f.Add([]byte(`<html><body><h3>DINAS</h3><table><col style="display:none"><tr><th rowspan=2>No<th colspan=2>Anggaran` +
		`<tr><td x:num="1000.5">1.000,50<td x:fmla="=A1+1"></table>`))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, data, formatHTML) })
}

// FuzzReadCSV reads any bytes as a CSV file.
func FuzzReadCSV(f *testing.F) {
	for _, data := range seedFiles(f, 1<<20, ".csv", ".xlsx") {
		if sniff(data) == formatCSV {
			f.Add(data)
		}
	}
	f.Add([]byte("sep=;\nKode;Uraian;Anggaran\n1.01;\"Program; A\";Rp. 1.000,-\n"))
	f.Add([]byte("\xff\xfeK\x00o\x00d\x00e\x00\t\x00x\x00\n\x00"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, data, formatCSV) })
}
