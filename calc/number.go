package calc

import (
	"regexp"
	"strings"
	"unicode/utf8"

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
	if f.Text() != "" {
		return f.Text()
	}
	return FormatID(f.Value(), f.Places)
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

// FormatLike writes v with places decimals in the form old was typed in: the
// same prefix ("Rp. ") and suffix ("%", " Kasus", ",-" for a whole amount),
// a negative in brackets when old used them, the same decimal and thousands
// separators ("1,234,567.89" stays English), and no grouping when old had
// four or more digits without it. With no digits in old ("" or "-") it is
// FormatID.
func FormatLike(old string, v decimal.Decimal, places int32) string {
	isDigit := func(r rune) bool { return r >= '0' && r <= '9' }
	i := strings.IndexFunc(old, isDigit)
	if i < 0 {
		return FormatID(v, places)
	}
	for i > 0 && (old[i-1] == '.' || old[i-1] == ',') { // ",5" is a number
		i--
	}
	j := strings.LastIndexFunc(old, isDigit) + 1
	prefix, core, suffix := old[:i], old[i:j], old[j:]
	if !typedPrefix.MatchString(prefix) || !typedSuffix.MatchString(suffix) || strings.ContainsAny(core, " \u00a0") {
		return FormatID(v, places) // a form lkjip does not know: plain Indonesian
	}
	brackets := false
	if p, s := strings.TrimRight(prefix, " "), strings.TrimLeft(suffix, " "); strings.HasSuffix(p, "(") && strings.HasPrefix(s, ")") {
		brackets, prefix, suffix = true, strings.TrimSuffix(p, "("), strings.TrimPrefix(s, ")")
	}
	if p := strings.TrimRight(prefix, " "); strings.HasSuffix(p, "-") || strings.HasSuffix(p, "−") || strings.HasSuffix(p, "–") {
		_, size := utf8.DecodeLastRuneInString(p)
		prefix = p[:len(p)-size] // the sign belongs to the value, not the form
	}
	if places > 0 {
		for _, noCents := range []string{",-", ",–", ".-"} {
			suffix = strings.TrimPrefix(suffix, noCents)
		}
	}
	dec, group, grouped := separatorsOf(core)
	s := v.Abs().StringFixed(places)
	intPart, frac, _ := strings.Cut(s, ".")
	switch {
	case group == ',' && frac == "" && len(intPart) <= 6:
		grouped = false // "2,500" alone reads as two and a half
	case dec == '.' && len(frac) == 3 && intPart != "0" && !(grouped && len(intPart) > 3):
		dec, group = ',', '.' // "2.461" alone reads as two thousand
	}
	var b strings.Builder
	for k, c := range intPart {
		if grouped && k > 0 && (len(intPart)-k)%3 == 0 {
			b.WriteByte(group)
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteByte(dec)
		b.WriteString(frac)
	}
	num := b.String()
	switch {
	case v.IsNegative() && brackets:
		num = "(" + num + ")"
	case v.IsNegative():
		num = "-" + num
	}
	return prefix + num + suffix
}

// The forms FormatLike keeps around a number: a currency and a bracket or
// sign before it ("Rp. ", "(", "-"), a bracket, ",-", "%" or a unit word
// after it (")", ",-", " %", " Kasus").
var (
	typedPrefix = regexp.MustCompile(`^(\pL+\.? ?)?\(? ?[-−–]? ?$`)
	typedSuffix = regexp.MustCompile(`^ ?\)?(,-|\.-|,–)? ?(%|\pL+\.?)?$`)
)

// separatorsOf reads how a typed number separates decimals and thousands,
// the way the reader decides it: the last mark when both appear; "," alone
// is decimal unless it repeats; "." alone groups thousands when it repeats
// or three digits follow it. grouped is false for four or more digits typed
// without a thousands mark.
func separatorsOf(core string) (dec, group byte, grouped bool) {
	dots, commas := strings.Count(core, "."), strings.Count(core, ",")
	switch {
	case dots > 0 && commas > 0:
		dec = core[max(strings.LastIndexByte(core, '.'), strings.LastIndexByte(core, ','))]
	case commas == 1:
		dec = ','
	case commas > 1:
		dec = '.'
	case dots == 1 && len(core)-strings.IndexByte(core, '.')-1 != 3:
		dec = '.'
	default:
		dec = ','
	}
	group = '.'
	if dec == '.' {
		group = ','
	}
	intPart, _, _ := strings.Cut(core, string(dec))
	grouped = strings.IndexByte(intPart, group) >= 0 || len(intPart) < 4
	return dec, group, grouped
}
