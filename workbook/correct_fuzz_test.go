package workbook

import (
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
