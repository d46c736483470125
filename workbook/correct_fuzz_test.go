package workbook

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/shopspring/decimal"

	"lkjip/calc"
)

// FuzzFormatLike checks that a corrected amount written in the form of
// what was typed (calc.FormatLike) reads back, through the reader's own
// number parser, as the value written: a corrected cell must never say
// another number than its correction.
func FuzzFormatLike(f *testing.F) {
	for _, s := range []string{"1.788.546.290", "2.492.490.451,80", "Rp. 1.788.546.290,-", "(1.000)", "-", "85,71 %",
		"10 Kasus", "1,234,567.89", "70.57", "1788546290", "Rp -1.000", "0,5"} {
		f.Add(s, int64(123456789), int8(2))
		f.Add(s, int64(-2500), int8(0))
	}
	f.Fuzz(func(t *testing.T, old string, units int64, places int8) {
		if _, ok := parseNumber(old); !ok && cleanText(old) != "" {
			return // only cells the reader read as a number are corrected
		}
		p := int32(places%5+5) % 5
		v := decimal.New(units, -p)
		text := calc.FormatLike(cleanText(old), v, p)
		got, ok := parseNumber(text)
		if !ok {
			t.Fatalf("FormatLike(%q, %s, %d) = %q: not a number to the reader", old, v, p, text)
		}
		if !got.Value.Equal(v) {
			t.Fatalf("FormatLike(%q, %s, %d) = %q: reads back as %s", old, v, p, text, got.Value)
		}
	})
}

// FuzzCorrectSheet gives the corrected copy a worksheet part of any
// content, in an otherwise sound workbook with planted faults: whatever the
// reader accepts, writing the copy must end in a copy or an error, never a
// panic (which Correct would report as errReaderPanic).
func FuzzCorrectSheet(f *testing.F) {
	p := realisasi{programs: 2, kegiatan: 2, seed: 3, faults: true}.build(f)
	sheet := zipParts(f, p.data).data["xl/worksheets/sheet1.xml"]
	f.Add(sheet)
	f.Add(bytes.ReplaceAll(sheet, []byte(`<c r="C7"`), []byte(`<c`)))
	f.Add(bytes.ReplaceAll(sheet, []byte(`<row r="7"`), []byte(`<row`)))
	f.Add(bytes.ReplaceAll(sheet, []byte("<sheetData>"), []byte(`<sheetData/><x>`)))
	f.Fuzz(func(t *testing.T, part []byte) {
		data := rezip(t, p.data, func(name string, b []byte) []byte {
			if name == "xl/worksheets/sheet1.xml" {
				return part
			}
			return b
		}, nil)
		_, err := Correct(context.Background(), []File{{Name: "seed.xlsx", Data: data}},
			CorrectOptions{Read: DefaultOptions(), Settings: calc.DefaultSettings()})
		if errors.Is(err, errReaderPanic) {
			t.Fatal(err)
		}
	})
}
