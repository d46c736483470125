package calc

import (
	"strings"

	"github.com/shopspring/decimal"
)

// FormatID writes d the Indonesian way, with "." between thousands and ","
// before the decimals, rounded half-up to places decimals
// (FormatID(4281036741.8, 2) = "4.281.036.741,80"). Negative numbers get a
// leading minus.
func FormatID(d decimal.Decimal, places int32) string {
	s := d.StringFixed(places)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteByte(',')
		b.WriteString(frac)
	}
	return b.String()
}

// formatAmount writes an amount in Indonesian form with the decimals it
// needs, never rounded.
func formatAmount(d decimal.Decimal) string { return FormatID(d, amountPlaces(d)) }

// formatPercent writes a percentage rounded to two places, as reports show it.
func formatPercent(d decimal.Decimal) string { return FormatID(d, 2) }

// typedText is what a message quotes as "typed": the cell's own text when
// the reader kept it, otherwise the value in Indonesian form.
func typedText(f Figure) string {
	if f.Text != "" {
		return f.Text
	}
	return FormatID(f.Value, f.Places)
}

// jsonAmount is the exact plain form used in JSON: whole rupiah print without
// decimals, anything else with at least two ("4281036741.80"), never rounded.
func jsonAmount(d decimal.Decimal) string {
	return d.StringFixed(amountPlaces(d))
}

// amountPlaces is the number of decimals an amount needs to be written
// exactly: 0 for whole rupiah, otherwise at least 2.
func amountPlaces(d decimal.Decimal) int32 {
	_, frac, ok := strings.Cut(d.String(), ".")
	if !ok {
		return 0
	}
	return max(2, int32(len(frac)))
}

// jsonPercent is a percentage rounded half-up to two places, as a string.
func jsonPercent(d decimal.Decimal) string { return d.StringFixed(2) }
