package workbook

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"lkjip/calc"
	"lkjip/fixtures"
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
		if !ok || again.norm != c.norm {
			t.Fatalf("%q read as %q (%q), which reads back as %q (%v)", s, c.String(), c.norm, again.norm, ok)
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
	return Limits{MaxBytes: 4 << 20, MaxInflated: 16 << 20, MaxRows: 20000, MaxCols: 128, MaxCells: 200000}
}

func FuzzRead(f *testing.F) {
	entries, err := os.ReadDir(filepath.Join("testdata", "corpus"))
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		switch filepath.Ext(e.Name()) {
		case ".xlsx", ".xls", ".ods", ".csv":
			data, err := os.ReadFile(filepath.Join("testdata", "corpus", e.Name()))
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	for _, fx := range fixtures.Sampang2020() {
		f.Add(fx.Data)
	}
	f.Add([]byte("Kode;Uraian;Anggaran;Realisasi\n2.16.01;PROGRAM;1.000,50;(500)\n;JUMLAH;1.000,50;-\n"))
	f.Add([]byte("<table><tr><td rowspan=3 colspan=2>Uraian<td>Anggaran<td>Realisasi<tr><td>1<td>2</table>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		opt := DefaultOptions()
		opt.Limits = fuzzLimits()
		done := make(chan error, 1)
		go func() {
			a, err := Read(context.Background(), []File{{Name: "x", Data: data}}, opt)
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
		case <-time.After(15 * time.Second):
			t.Fatalf("reading a %d-byte file took more than 15 s", len(data))
		}
	})
}
