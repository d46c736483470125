package layout

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// TestZipWriter writes parts of every size through the block-parallel
// compressor, one with rows spliced into it, and reads them back with
// archive/zip, which also checks each part's CRC and sizes.
func TestZipWriter(t *testing.T) {
	var big strings.Builder
	for i := 0; big.Len() < 3*chunkSize+12345; i++ {
		fmt.Fprintf(&big, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>Belanja %d</t></is></c></row>`, i, i, i*7919%1000)
	}
	// Rows enough for several compressed blocks, written twice: into the
	// part, and inflated on their own for the expected content.
	var rows, copyRows *rowStream
	for _, rs := range []**rowStream{&rows, &copyRows} {
		var err error
		*rs, err = newRowStream("xl/worksheets/sheet2.xml")
		require.NoError(t, err)
		defer (*rs).remove()
		require.NoError(t, (*rs).row(1, []any{txt(3, "Kode"), val(4, 12.5), formula(5, "A1*2", 25.0)}, excelize.RowOpts{OutlineLevel: 2, Height: 30}))
		for r := 2; r < 40_000; r++ {
			require.NoError(t, (*rs).row(r, []any{txt(3, fmt.Sprintf("5.1.02.%04d", r%977)), val(4, float64(r)*1000.5), formula(5, fmt.Sprintf("D%d-E%d", r, r), 7.0)}, excelize.RowOpts{}))
		}
	}
	rowsText := rowsXML(t, copyRows)
	require.Greater(t, len(rowsText), 3*chunkSize)
	want := map[string]string{
		"empty.xml":                "",
		"small.xml":                "<a>small</a>",
		"big.xml":                  big.String(),
		"xl/worksheets/sheet2.xml": `<worksheet><sheetData></sheetData><mergeCells/></worksheet>`,
	}
	var out bytes.Buffer
	zw := newZipWriter(&out)
	zw.splices[rows.part] = rows
	for _, name := range []string{"empty.xml", "small.xml", "big.xml", "xl/worksheets/sheet2.xml"} {
		w, err := zw.Create(name)
		require.NoError(t, err)
		// Written in small pieces, so that the splice meets </sheetData> cut in two.
		for s := want[name]; s != ""; {
			n := min(len(s), 7)
			_, err := io.WriteString(w, s[:n])
			require.NoError(t, err)
			s = s[n:]
		}
	}
	require.NoError(t, zw.Close())
	require.True(t, strings.HasPrefix(rowsText, `<row r="1" ht="30" customHeight="1" outlineLevel="2">`+
		`<c r="A1" s="3" t="inlineStr"><is><t>Kode</t></is></c><c r="B1" s="4"><v>12.5</v></c><c r="C1" s="5"><f>A1*2</f><v>25</v></c></row>`))
	want["xl/worksheets/sheet2.xml"] = `<worksheet><sheetData>` + rowsText + `</sheetData><mergeCells/></worksheet>`

	zr, err := zip.NewReader(bytes.NewReader(out.Bytes()), int64(out.Len()))
	require.NoError(t, err)
	require.Len(t, zr.File, len(want))
	for _, f := range zr.File {
		rc, err := f.Open()
		require.NoError(t, err)
		got, err := io.ReadAll(rc)
		require.NoError(t, err, f.Name)
		assert.Equal(t, want[f.Name], string(got), f.Name)
	}
}

// TestSpliceMissing: rows registered for a part that never ends its
// sheetData are an error, not a silently empty sheet.
func TestSpliceMissing(t *testing.T) {
	rows, err := newRowStream("x.xml")
	require.NoError(t, err)
	defer rows.remove()
	zw := newZipWriter(io.Discard)
	zw.splices[rows.part] = rows
	w, err := zw.Create("x.xml")
	require.NoError(t, err)
	_, err = io.WriteString(w, "<worksheet/>")
	require.NoError(t, err)
	assert.Error(t, zw.Close())
}
