package workbook

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSniff(t *testing.T) {
	ods, err := os.ReadFile(filepath.Join("testdata", "corpus", "sipd.ods"))
	require.NoError(t, err)
	xls, err := os.ReadFile(filepath.Join("testdata", "corpus", "sipd.xls"))
	require.NoError(t, err)
	tests := []struct {
		name string
		data []byte
		want format
	}{
		{"ods", ods, formatODS},
		{"xls", xls, formatOLE},
		{"html", []byte("\xef\xbb\xbf  <HTML><body><table>"), formatHTML},
		{"html fragment", []byte("<table><tr><td>1</td></tr></table>"), formatHTML},
		{"csv", []byte("a;b;c\n1;2;3\n"), formatCSV},
		{"utf-16 csv", []byte("\xff\xfea\x00\t\x00b\x00\n\x00"), formatCSV},
		{"one word", []byte("PK not really a zip"), formatUnknown},
		{"binary", []byte{0, 1, 2, 3, 0xff}, formatUnknown},
		{"pdf", []byte("%PDF-1.4\n\x00\x01\x02"), formatUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { assert.Equal(t, tt.want, sniff(tt.data)) })
	}
}

func TestReadCSV(t *testing.T) {
	tests := []struct {
		name, text string
		rows       [][]string
	}{
		{"semicolon", "a;b\n1.000,50;\"x;y\"\n", [][]string{{"a", "b"}, {"1.000,50", "x;y"}}},
		{"comma with quoted amounts", "a,b\n\"1.000,50\",2\n", [][]string{{"a", "b"}, {"1.000,50", "2"}}},
		{"sep line", "sep=,\na;b,c\n", [][]string{{"a;b", "c"}}},
		{"tab", "a\tb\tc\n", [][]string{{"a", "b", "c"}}},
		{"windows-1252", "Uraian;Jumlah\nBelanja \x93ATK\x94;1\n", [][]string{{"Uraian", "Jumlah"}, {"Belanja \u201cATK\u201d", "1"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sheets, _, err := readCSV(context.Background(), "x.csv", []byte(tt.text), DefaultLimits())
			require.NoError(t, err)
			require.Len(t, sheets, 1)
			assert.Equal(t, "x", sheets[0].Name)
			var got [][]string
			for _, row := range sheets[0].Rows {
				var r []string
				for _, c := range row {
					r = append(r, c.Text)
				}
				got = append(got, r)
			}
			assert.Equal(t, tt.rows, got)
		})
	}
}

func TestReadHTMLSpans(t *testing.T) {
	page := `<p>Judul</p><table>
<tr><th rowspan=2>No<th rowspan=2>Uraian<th colspan=2>Anggaran
<tr><th>Pagu<th>Realisasi
<tr style="display: none"><td>1<td>Program<td x:num="1000.5">1.000,50<td>-
</table>`
	sheets, _, err := readHTML(context.Background(), "web.xls", []byte(page), DefaultLimits())
	require.NoError(t, err)
	s := sheets[0]
	assert.Equal(t, "Judul", s.at(1, 1).Text)
	assert.Equal(t, "Anggaran", s.at(2, 3).Text)
	assert.Equal(t, "Pagu", s.at(3, 3).Text, "the cell after two row-spanning cells")
	assert.Equal(t, "Realisasi", s.at(3, 4).Text)
	assert.Equal(t, cell{Text: "1000.5", Kind: cellNumber}, s.at(4, 3))
	assert.True(t, s.Hidden[4])
	assert.ElementsMatch(t, []rect{{2, 1, 3, 1}, {2, 2, 3, 2}, {2, 3, 2, 4}}, s.Merges)
}

// odsWith builds an .ods around a content.xml body.
func odsWith(t *testing.T, table string) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	w, err := z.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
	require.NoError(t, err)
	_, _ = w.Write([]byte("application/vnd.oasis.opendocument.spreadsheet"))
	w, err = z.Create("content.xml")
	require.NoError(t, err)
	_, _ = w.Write([]byte(`<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ` +
		`xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">` +
		`<office:body><office:spreadsheet><table:table table:name="T">` + table + `</table:table></office:spreadsheet></office:body></office:document-content>`))
	require.NoError(t, z.Close())
	return buf.Bytes()
}

func TestReadODSRepeats(t *testing.T) {
	cellA := `<table:table-cell office:value-type="string"><text:p>a</text:p></table:table-cell>`
	t.Run("empty runs only move the position", func(t *testing.T) {
		data := odsWith(t, `<table:table-row>`+cellA+`</table:table-row>`+
			`<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>`)
		sheets, _, err := readSheets(context.Background(), "x.ods", data, DefaultOptions())
		require.NoError(t, err)
		assert.Len(t, sheets[0].Rows, 1)
		assert.Equal(t, "a", sheets[0].at(1, 1).Text)
	})
	t.Run("a repeated filled row is bounded", func(t *testing.T) {
		data := odsWith(t, `<table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="500" office:value-type="float" office:value="1"/></table:table-row>`)
		opt := DefaultOptions()
		opt.Limits.MaxCells = 100_000
		_, _, err := readSheets(context.Background(), "x.ods", data, opt)
		assert.ErrorIs(t, err, ErrTooLarge)
		assert.ErrorContains(t, err, "lebih dari 100000 sel")
	})
	t.Run("comments are not cell text, spaces are expanded", func(t *testing.T) {
		data := odsWith(t, `<table:table-row><table:table-cell office:value-type="string"><office:annotation><text:p>catatan</text:p></office:annotation><text:p>Rp<text:s text:c="2"/>1</text:p></table:table-cell></table:table-row>`)
		sheets, _, err := readSheets(context.Background(), "x.ods", data, DefaultOptions())
		require.NoError(t, err)
		assert.Equal(t, "Rp  1", sheets[0].at(1, 1).Text)
	})
}

func TestReadDamaged(t *testing.T) {
	xls, err := os.ReadFile(filepath.Join("testdata", "corpus", "sipd.xls"))
	require.NoError(t, err)
	ods, err := os.ReadFile(filepath.Join("testdata", "corpus", "sipd.ods"))
	require.NoError(t, err)
	tests := []struct {
		name string
		data []byte
	}{
		{"xls cut in half", xls[:len(xls)/2]},
		{"xls header only", xls[:512]},
		{"ods cut in half", ods[:len(ods)/2]},
		{"ole signature only", oleMagic},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := readSheets(context.Background(), "x", tt.data, DefaultOptions())
			require.Error(t, err)
			assert.ErrorIs(t, err, ErrDamaged)
			assert.NotErrorIs(t, err, errReaderPanic)
			assert.False(t, strings.Contains(err.Error(), "\n"), "one line")
		})
	}
}
