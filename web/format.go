package web

import (
	"github.com/shopspring/decimal"

	"lkjip/calc"
)

// rupiah writes a JSON amount the Indonesian way: "4281036741.80" →
// "4.281.036.741,80".
func rupiah(s string) string {
	d, err := decimal.NewFromString(s)
	if err != nil {
		return s
	}
	places := int32(0)
	if !d.Equal(d.Truncate(0)) {
		places = 2
	}
	return calc.FormatID(d, places)
}

// persen writes a JSON percentage the Indonesian way: "69.88" → "69,88".
func persen(s string) string {
	d, err := decimal.NewFromString(s)
	if err != nil {
		return s
	}
	return calc.FormatID(d, 2)
}

// severityLabel names a JSON severity in Bahasa Indonesia.
func severityLabel(s string) string {
	switch s {
	case "error":
		return calc.Error.Label()
	case "warning":
		return calc.Warning.Label()
	}
	return calc.Info.Label()
}
