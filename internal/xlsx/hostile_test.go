package xlsx

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// book builds a minimal workbook whose first sheet is sheet, with the
// shared strings sst (none when empty).
func book(t testing.TB, sheet, sst string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	rels := `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>`
	if sst != "" {
		rels += `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`
	}
	parts := map[string]string{
		"_rels/.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml":            `<workbook><sheets><sheet name="Data" sheetId="1" r:id="rId1" xmlns:r="r"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<Relationships>` + rels + `</Relationships>`,
		"xl/worksheets/sheet1.xml":   sheet,
	}
	if sst != "" {
		parts["xl/sharedStrings.xml"] = sst
	}
	for name, body := range parts {
		w, err := zw.Create(name)
		require.NoError(t, err)
		_, err = w.Write([]byte(body))
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

// readBook opens and reads every sheet, returning the first error.
func readBook(data []byte, lim Limits) (cells int, err error) {
	b, err := Open(data, lim)
	if err != nil {
		return 0, err
	}
	for i := range b.Sheets {
		_, err := b.ReadSheet(context.Background(), i, func(_ int, _ bool, cs []Cell) error {
			cells += len(cs)
			return nil
		})
		if err != nil {
			return cells, err
		}
	}
	return cells, nil
}

func sheetXML(rows string) string {
	return `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` + rows + `</sheetData></worksheet>`
}

// TestHostile feeds the reader workbooks built to hurt it: each must be
// refused with an error that says what was wrong, without a panic and
// without unpacking or holding more than the limits allow.
func TestHostile(t *testing.T) {
	small := DefaultLimits()
	small.MaxInflated = 1 << 20
	small.MaxRows, small.MaxCols, small.MaxCells = 1000, 512, 5000
	small.MaxStrings, small.MaxStringBytes = 100, 4096
	small.MaxToken, small.MaxDepth = 4096, 32

	manyStrings := strings.Repeat("<si><t>x</t></si>", 101)
	longStrings := strings.Repeat("<si><t>"+strings.Repeat("y", 1000)+"</t></si>", 5)
	bomb := sheetXML(`<row r="1"><c r="A1"><v>1</v></c></row>` + strings.Repeat("<!-- padding padding padding -->", 40_000))
	deep := sheetXML(`<row r="1"><c r="A1">` + strings.Repeat("<x>", 100) + strings.Repeat("</x>", 100) + `</c></row>`)
	full := sheetXML(`<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row>`)

	for _, tc := range []struct {
		name, sheet, sst string
		want             string // in the error
		limit            bool   // errors.Is ErrLimit
	}{
		{"truncated sheet", full[:len(full)/2], "", "terpotong", false},
		{"truncated in a tag", full[:strings.Index(full, `r="B1"`)+3], "", "terpotong", false},
		{"end tag without start", `</worksheet>`, "", "tanpa pembuka", false},
		{"mismatched tags", sheetXML(`<row r="1"><c r="A1"><v>1</c></v></row>`), "", "ditutup dengan", false},
		{"zip bomb", bomb, "", "terurai lebih dari", true},
		{"too many shared strings", full, `<sst>` + manyStrings + `</sst>`, "teks bersama", true},
		{"shared strings too long", full, `<sst>` + longStrings + `</sst>`, "teks bersama lebih dari", true},
		{"missing shared string", sheetXML(`<row r="1"><c r="A1" t="s"><v>7</v></c></row>`), `<sst><si><t>a</t></si></sst>`, "tidak ada", false},
		{"value in column XFD", sheetXML(`<row r="1"><c r="XFD1"><v>1</v></c></row>`), "", "batas 512 kolom", true},
		{"row beyond the limit", sheetXML(`<row r="1048576"><c r="A1048576"><v>1</v></c></row>`), "", "batas 1000 baris", true},
		{"too many cells", sheetXML(strings.Repeat(`<row><c><v>1</v></c><c><v>2</v></c><c><v>3</v></c><c><v>4</v></c><c><v>5</v></c><c><v>6</v></c></row>`, 900)), "", "sel terisi", true},
		{"deep nesting", deep, "", "bersarang", false},
		{"huge attribute", sheetXML(`<row r="1"><c r="A1" s="` + strings.Repeat("9", 5000) + `"><v>1</v></c></row>`), "", "lebih panjang", false},
		{"huge text", sheetXML(`<row r="1"><c r="A1" t="inlineStr"><is><t>` + strings.Repeat("z", 5000) + `</t></is></c></row>`), "", "lebih panjang", false},
		{"DTD with entities", `<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>` + sheetXML(`<row r="1"><c r="A1" t="inlineStr"><is><t>&a;</t></is></c></row>`), "", "DTD", false},
		{"unknown entity", sheetXML(`<row r="1"><c r="A1" t="inlineStr"><is><t>&a;</t></is></c></row>`), "", "entitas", false},
		{"bad cell reference", sheetXML(`<row r="1"><c r="1A"><v>1</v></c></row>`), "", "alamat sel", false},
		{"bad row number", sheetXML(`<row r="-3"><c><v>1</v></c></row>`), "", "nomor baris", false},
		{"unquoted attribute", sheetXML(`<row r=1><c><v>1</v></c></row>`), "", "tanda kutip", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := readBook(book(t, tc.sheet, tc.sst), small)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.Equal(t, tc.limit, errors.Is(err, ErrLimit), "%v", err)
		})
	}
}

// TestTolerated are oddities real files have, which are read.
func TestTolerated(t *testing.T) {
	for _, tc := range []struct {
		name, sheet string
		cells       int
	}{
		{"styled empty cell in column XFD", sheetXML(`<row r="1"><c r="A1"><v>1</v></c><c r="XFD1" s="3"/></row>`), 1},
		{"rows and cells without r", sheetXML(`<row><c><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c></row>`), 3},
		{"prefixed elements", `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>` +
			`<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>`, 1},
		{"comments, CDATA and processing instructions", `<?xml version="1.0"?><!-- made by hand -->` +
			sheetXML(`<row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[a < b]]></t></is></c></row>`), 1},
		{"extension lists skipped", sheetXML(`<row r="1"><c r="A1"><v>1</v></c></row>`) + "", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n, err := readBook(book(t, tc.sheet, ""), DefaultLimits())
			require.NoError(t, err)
			assert.Equal(t, tc.cells, n)
		})
	}
}

// FuzzReadBook reads arbitrary bytes as a workbook and arbitrary sheet XML
// inside a valid package: never a panic, and never more cells than the
// limits allow.
func FuzzReadBook(f *testing.F) {
	paths, _ := filepath.Glob("../../workbook/testdata/corpus/*.xlsx")
	for _, p := range paths[:min(3, len(paths))] {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data, "")
		}
	}
	f.Add([]byte{}, sheetXML(`<row r="1"><c r="A1" t="s"><v>0</v><f t="shared" si="0" ref="A1:A3">B1*2</f></c></row>`))
	f.Add([]byte{}, sheetXML(`<row r="2"><c r="C2"><f t="shared" si="0"/></c></row><mergeCells><mergeCell ref="A1:B2"/></mergeCells>`))
	lim := DefaultLimits()
	lim.MaxInflated, lim.MaxCells, lim.MaxStrings, lim.MaxStringBytes = 8<<20, 10_000, 1000, 1<<20
	f.Fuzz(func(t *testing.T, data []byte, sheet string) {
		if sheet != "" {
			data = book(t, sheet, `<sst><si><t>a</t></si><si><r><t>b</t></r><rPh><t>c</t></rPh></si></sst>`)
		}
		n, err := readBook(data, lim)
		if err == nil && n > lim.MaxCells {
			t.Fatalf("%d cells read, limit %d", n, lim.MaxCells)
		}
		_ = fmt.Sprint(err)
	})
}
