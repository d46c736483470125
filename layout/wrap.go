package layout

import (
	"strings"
	"unicode"
)

// Spreadsheets do not size rows when they open a file, so the writer
// estimates the lines wrapped text takes. Widths are measured in pixels at
// 96 dpi: a unit of column width is the width of a digit of the default
// font (Arial 11: 8 px) and a cell loses a few pixels to its padding; body
// text is Arial 10, whose glyph widths (in thousandths of an em, from the
// font's metrics, grouped) give the width of a word.
const (
	pxPerWidth  = 8
	cellPadding = 6
	pxPerIndent = 9  // one level of indentation
	emPx        = 13 // Arial 10 at 96 dpi: 10 pt = 13,3 px
)

// glyphWidth is the advance of a character of Arial in thousandths of an em.
func glyphWidth(r rune) int {
	switch {
	case strings.ContainsRune("ijlI|.,:;'!", r):
		return 240
	case strings.ContainsRune("ftr()[]/- ", r):
		return 320
	case strings.ContainsRune("mwMW%@", r):
		return 860
	case unicode.IsUpper(r):
		return 700
	}
	return 556
}

// textPx is the width of text in pixels of body text.
func textPx(s string) int {
	w := 0
	for _, r := range s {
		w += glyphWidth(r)
	}
	return (w*emPx + 999) / 1000
}

// wrappedLines estimates how many lines text takes when wrapped, word by
// word, in a column of the given width (in units of column width) and
// indentation (in levels).
func wrappedLines(text string, width float64, indent int) int {
	capacity := int(width*pxPerWidth) - cellPadding - indent*pxPerIndent
	capacity = max(capacity, 2*emPx)
	space := textPx(" ")
	lines := 0
	for _, para := range strings.Split(text, "\n") {
		lines++
		used := 0
		for _, word := range strings.Fields(para) {
			n := textPx(word)
			switch {
			case used == 0:
				used = n
			case used+space+n <= capacity:
				used += space + n
			default:
				lines++
				used = n
			}
			for used > capacity { // a word wider than the column breaks anywhere
				lines++
				used -= capacity
			}
		}
	}
	return lines
}
