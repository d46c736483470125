package workbook

import (
	"strings"
	"unicode"

	"github.com/shopspring/decimal"

	"lkjip/calc"
)

// cleanText normalises a cell's text for reading: non-breaking and other
// odd spaces become spaces, zero-width characters go, runs of white space
// collapse to one space, and the ends are trimmed.
func cleanText(s string) string {
	if isClean(s) {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		switch r {
		case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad':
			continue
		}
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u202f' || r == '\u2007' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// isClean reports whether cleanText would return s unchanged: printable
// ASCII with single spaces between words, as nearly every cell is.
func isClean(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x80 || c == ' ' && space {
			return false
		}
		space = c == ' '
	}
	return true
}

// parsedNumber is a number read from text typed the Indonesian way (or the
// English way, where that is unambiguous).
type parsedNumber struct {
	Value   decimal.Decimal
	Places  int32 // digits typed after the decimal separator
	Percent bool  // a "%" was typed
	Unit    string
}

// parseNumber reads an amount, percentage or count typed as text:
// "1.788.546.290", "2.492.490.451,80", "Rp. 1.788.546.290,-", "(1.000)",
// "-" (zero), "85,71 %", "10 Kasus". It reports false for anything else.
func parseNumber(text string) (parsedNumber, bool) {
	var p parsedNumber
	t := cleanText(text)
	switch t {
	case "":
		return p, false
	case "-", "–", "—":
		return parsedNumber{Value: decimal.Zero}, true
	}
	neg := false
	if strings.HasPrefix(t, "(") && strings.HasSuffix(t, ")") {
		neg, t = true, strings.TrimSpace(t[1:len(t)-1])
	}
	t = trimCurrency(t)
	switch t {
	case "-", "–", "—": // "Rp. -": a currency amount of zero
		return parsedNumber{Value: decimal.Zero}, true
	}
	if rest, ok := strings.CutSuffix(t, "%"); ok {
		p.Percent, t = true, strings.TrimSpace(rest)
	}
	// A unit word after the number: "10 Kasus", "3 Laporan".
	if i := strings.LastIndexByte(t, ' '); i > 0 && isWord(t[i+1:]) {
		p.Unit, t = t[i+1:], strings.TrimSpace(t[:i])
	}
	t = trimCurrency(t)
	for _, sign := range []string{"-", "−", "–"} {
		if rest, ok := strings.CutPrefix(t, sign); ok {
			neg, t = !neg, strings.TrimSpace(rest)
			break
		}
	}
	t = strings.ReplaceAll(t, " ", "")
	digits, places, ok := normalizeSeparators(t)
	if !ok {
		return p, false
	}
	v, err := storedDecimal(digits)
	if err != nil {
		return p, false
	}
	if neg {
		v = v.Neg()
	}
	p.Value, p.Places = v, places
	return p, true
}

// trimCurrency removes a leading "Rp", "Rp." or "IDR" and a trailing ",-"
// or ".-" (as in "Rp. 1.788.546.290,-").
func trimCurrency(t string) string {
	lower := strings.ToLower(t)
	for _, pre := range []string{"rp.", "rp", "idr"} {
		if strings.HasPrefix(lower, pre) {
			t = strings.TrimSpace(t[len(pre):])
			break
		}
	}
	for _, suf := range []string{",-", ".-", ",–", ",00-"} {
		if rest, ok := strings.CutSuffix(t, suf); ok {
			t = strings.TrimSpace(rest)
			break
		}
	}
	return t
}

// isWord reports whether s is a short word of letters (a unit such as
// "Kasus", "orang", "Laporan").
func isWord(s string) bool {
	if s == "" || len(s) > 20 {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) && r != '.' {
			return false
		}
	}
	return true
}

// normalizeSeparators turns "1.788.546.290", "2.492.490.451,80", "85,71",
// "70.57" or "1,234,567.89" into a plain decimal string, deciding which mark
// separates decimals: the last one when both appear; "," alone is decimal
// unless it repeats; "." alone groups thousands when it repeats or is
// followed by exactly three digits (and the number does not start with 0),
// and is decimal otherwise.
func normalizeSeparators(t string) (string, int32, bool) {
	if t == "" {
		return "", 0, false
	}
	for _, r := range t {
		if (r < '0' || r > '9') && r != '.' && r != ',' {
			return "", 0, false
		}
	}
	dots, commas := strings.Count(t, "."), strings.Count(t, ",")
	var dec byte // the decimal separator, 0 if none
	switch {
	case dots > 0 && commas > 0:
		dec = t[max(strings.LastIndexByte(t, '.'), strings.LastIndexByte(t, ','))]
	case commas == 1:
		dec = ','
	case dots == 1 && (len(t)-strings.IndexByte(t, '.')-1 != 3 || t[0] == '0'):
		// "7.100" groups thousands; "70.57" and "0.001" have decimals
		// (no grouped number starts with 0).
		dec = '.'
	}
	var intPart, frac string
	if dec != 0 {
		i := strings.LastIndexByte(t, dec)
		intPart, frac = t[:i], t[i+1:]
		if strings.ContainsAny(frac, ".,") {
			return "", 0, false
		}
	} else {
		intPart = t
	}
	if !groupedOK(intPart) {
		return "", 0, false
	}
	intPart = strings.NewReplacer(".", "", ",", "").Replace(intPart)
	if intPart == "" {
		intPart = "0"
	}
	if frac == "" {
		if dec != 0 && len(t) > 0 && t[len(t)-1] == dec {
			return "", 0, false
		}
		return intPart, 0, true
	}
	return intPart + "." + frac, int32(len(frac)), true
}

// groupedOK checks thousands grouping: when an integer part has separators,
// every group after the first has exactly three digits.
func groupedOK(s string) bool {
	if !strings.ContainsAny(s, ".,") {
		return true
	}
	groups := strings.FieldsFunc(s, func(r rune) bool { return r == '.' || r == ',' })
	if len(groups) == 0 || strings.Count(s, ".")+strings.Count(s, ",") != len(groups)-1 {
		return false
	}
	for i, g := range groups {
		if g == "" || len(g) > 3 || (i > 0 && len(g) != 3) || (i == 0 && g[0] == '0') {
			return false
		}
	}
	return true
}

// figure reads a cell that should hold a number into a calc.Figure. The
// text is kept only when the number was typed as text: a number stored as
// one shows nothing a message or a correction needs.
func figure(c cell, at calc.Ref) calc.Figure {
	f := calc.Figure{Src: at, NoCache: c.NoCache}
	switch c.Kind {
	case cellEmpty:
		f.Kind = calc.Blank
		return f.Typed(cleanText(c.Text), c.Formula)
	case cellNumber:
		shift := int32(0)
		if c.Percent {
			shift = 2 // 0.8571 formatted as a percentage shows 85.71
		}
		f.Kind = calc.Number
		if coef, exp, ok := plainDecimal(c.Text); ok { // nearly every number
			f.Places = max(0, -(exp + shift))
			return f.WithCoefficient(coef, exp+shift).Typed("", c.Formula)
		}
		v, err := decimal.NewFromString(c.Text) // not plain: the general parser
		if err != nil {
			f.Kind = calc.Invalid
			return f.Typed(cleanText(c.Text), c.Formula)
		}
		if shift != 0 {
			v = v.Shift(shift)
		}
		f.Places = max(0, -v.Exponent())
		return f.WithValue(v).Typed("", c.Formula)
	}
	f = f.Typed(cleanText(c.Text), c.Formula)
	p, ok := parseNumber(c.Text)
	if !ok {
		f.Kind = calc.Invalid
		return f
	}
	f.Kind, f.Places = calc.Number, p.Places
	return f.WithValue(p.Value)
}

// storedDecimal is decimal.NewFromString for the stored numbers of cells,
// with the plain ones ("1788546290", "85.71", at most 18 digits) read
// directly: the same value and exponent, without the general parser.
func storedDecimal(s string) (decimal.Decimal, error) {
	if coef, exp, ok := plainDecimal(s); ok {
		return decimal.New(coef, exp), nil
	}
	return decimal.NewFromString(s)
}

// plainDecimal reads a plain decimal ("1788546290", "-85.71", at most 18
// digits) as coefficient and exponent, as decimal.NewFromString would; ok
// is false for any other text.
func plainDecimal(s string) (coef int64, exp int32, ok bool) {
	i, neg := 0, false
	if len(s) > 0 && s[0] == '-' {
		i, neg = 1, true
	}
	digits, frac, dot := 0, 0, false
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			coef = coef*10 + int64(c-'0')
			digits++
			if dot {
				frac++
			}
		case c == '.' && !dot:
			dot = true
		default:
			return 0, 0, false
		}
	}
	if digits == 0 || digits > 18 || dot && frac == 0 {
		return 0, 0, false
	}
	if neg {
		coef = -coef
	}
	return coef, -int32(frac), true
}

// isNumeric reports whether a cell holds a number, stored or typed.
func isNumeric(c cell) bool {
	if c.Kind == cellNumber {
		return true
	}
	if c.Kind != cellText {
		return false
	}
	_, ok := parseNumber(c.Text)
	return ok
}

// excelDigits is the precision of a spreadsheet number: Excel keeps and
// shows 15 significant digits; the 16th and 17th that a file may store
// ("4281036741.7999997") are binary noise, not something anyone typed.
const excelDigits = 15

// storedNumber normalises a number stored in a cell ("1788546290.8",
// "8.571E-1") to plain decimal text rounded to 15 significant digits.
func storedNumber(s string) (string, bool) {
	if canonicalNumber(s) {
		return s, true
	}
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return "", false
	}
	d, err := decimal.NewFromString(s)
	// Beyond a double's range is no spreadsheet number (and "1E+99999999"
	// would print a hundred million digits).
	if err != nil || d.Exponent() > 310 || d.Exponent() < -400 {
		return "", false
	}
	return excelPrecision(d).String(), true
}

// canonicalNumber reports whether s is already the plain decimal text
// storedNumber would return: an optional minus, digits without a leading
// zero, an optional fraction without a trailing zero, at most 15
// significant digits, and not zero written with a sign. Nearly every
// number a workbook stores ("1788546290", "85.71") is, and so is kept as
// it is, without a round trip through decimal.
func canonicalNumber(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	start, sig, dot, nonzero := i, 0, -1, false
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			if c != '0' {
				nonzero = true
			}
			if nonzero {
				sig++
			}
		case c == '.' && dot < 0 && i > start:
			dot = i
		default:
			return false
		}
	}
	switch {
	case i == start || sig > excelDigits || !nonzero && s[0] == '-':
		return false
	case s[start] == '0' && i > start+1 && s[start+1] != '.':
		return false // a leading zero
	case dot >= 0 && (dot == len(s)-1 || s[len(s)-1] == '0'):
		return false
	}
	return true
}

// excelPrecision rounds d to 15 significant digits.
func excelPrecision(d decimal.Decimal) decimal.Decimal {
	if d.IsZero() {
		return decimal.Zero
	}
	digits := int32(len(d.Coefficient().String()))
	if d.IsNegative() {
		digits--
	}
	intDigits := digits + d.Exponent() // digits before the decimal point
	places := excelDigits - intDigits
	if -d.Exponent() <= places {
		return d
	}
	return d.Round(places)
}
