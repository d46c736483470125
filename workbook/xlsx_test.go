package workbook

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"lkjip/fixtures/synth"
)

// rewriteSheet returns a copy of an .xlsx whose first worksheet's XML is
// changed by edit.
func rewriteSheet(t *testing.T, data []byte, edit func([]byte) []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, err := f.Open()
		require.NoError(t, err)
		body, err := io.ReadAll(rc)
		require.NoError(t, err)
		if f.Name == "xl/worksheets/sheet1.xml" {
			body = edit(body)
		}
		w, err := zw.Create(f.Name)
		require.NoError(t, err)
		_, err = w.Write(body)
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	return out.Bytes()
}

// TestXLSXRefusals: a damaged or oversized workbook is one input error
// naming the file, as a format problem or a limit, never a panic.
func TestXLSXRefusals(t *testing.T) {
	good, _, err := synth.Bytes(synth.Options{Seed: 1, Rows: 500})
	require.NoError(t, err)
	small := DefaultLimits()
	small.MaxInflated = 64 << 10
	for _, tc := range []struct {
		name string
		data []byte
		lim  Limits
		want error
		text string
	}{
		{"truncated sheet", rewriteSheet(t, good, func(b []byte) []byte { return b[:len(b)/2] }), DefaultLimits(), ErrDamaged, "terpotong"},
		{"unpacks beyond the limit", good, small, ErrTooLarge, "setelah dibuka"},
		{"value in column XFD", rewriteSheet(t, good, func(b []byte) []byte {
			return bytes.Replace(b, []byte(`<row r="1">`), []byte(`<row r="1"><c r="XFD1"><v>1</v></c>`), 1)
		}), DefaultLimits(), ErrTooLarge, "batas 512 kolom"},
		{"sheet data not deflate", corruptDeflate(t, good, "xl/worksheets/sheet1.xml"), DefaultLimits(), ErrDamaged, "kompresi tidak sah"},
		{"nested deeper than the limit", rewriteSheet(t, good, func(b []byte) []byte {
			return bytes.Replace(b, []byte(`<sheetData>`), []byte(`<sheetData>`+strings.Repeat("<x>", 300)+strings.Repeat("</x>", 300)), 1)
		}), DefaultLimits(), ErrDamaged, "bersarang"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read(context.Background(), []File{{Name: "lra.xlsx", Data: tc.data}}, Options{Limits: tc.lim})
			require.Error(t, err)
			assert.True(t, errors.Is(err, tc.want), "%v", err)
			var ie *InputError
			require.True(t, errors.As(err, &ie))
			assert.Equal(t, "lra.xlsx", ie.Place.File())
			assert.Contains(t, err.Error(), tc.text)
			assert.NotContains(t, err.Error(), "\n")
		})
	}
}

// corruptDeflate returns a copy of a zip whose part's compressed data
// starts with a block of the reserved type, which no inflater accepts.
func corruptDeflate(t *testing.T, data []byte, part string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	for _, f := range zr.File {
		if f.Name == part {
			off, err := f.DataOffset()
			require.NoError(t, err)
			out := bytes.Clone(data)
			out[off] = 0x07 // final block, type 3 (reserved)
			return out
		}
	}
	t.Fatalf("no part %s", part)
	return nil
}
