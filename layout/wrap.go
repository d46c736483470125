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
	emPx        = 13 // Arial 10 at 96 dpi: 10 pt = 13,3 px, rounded down
)

// glyphWidth is the advance of a character of Arial in thousandths of an
// em (from the font's metrics, in groups; other scripts count as wide).
func glyphWidth(r rune) int {
	switch {
	case r == 0:
		return 0
	case strings.ContainsRune("ijl|", r):
		return 222
	case strings.ContainsRune("ft.,:;'!I[]/ ", r):
		return 278
	case strings.ContainsRune("r()-", r):
		return 333
	case strings.ContainsRune("cksvxyzJ", r):
		return 500
	case strings.ContainsRune("mM", r):
		return 833
	case strings.ContainsRune("wW%", r):
		return 944
	case r == '@':
		return 1015
	case unicode.IsUpper(r):
		return 722
	}
	return 556
}

// textPx is the width of text in pixels of body text, with a margin of
// 4 % for the differences between renderers.
func textPx(s string) int {
	w := 0
	for _, r := range s {
		w += glyphWidth(r)
	}
	return (w*emPx*104/100 + 999) / 1000
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
		for _, word := range words(para) {
			n := textPx(word)
			switch {
			case used == 0:
				used = n
			case used+space+n <= capacity:
				used += space + n
			case strings.HasPrefix(word, "\x00") && used+n <= capacity:
				used += n // the rest of a word broken after "/" or "-"
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

// words splits text where a spreadsheet may break a line: at spaces, and
// after "/" and "-" inside a word. A piece that continues a word starts
// with "\x00", which has no width.
func words(text string) []string {
	var out []string
	for _, field := range strings.Fields(text) {
		start := 0
		for i, r := range field {
			if (r == '/' || r == '-') && i+1 < len(field) {
				out = append(out, mark(start > 0)+field[start:i+1])
				start = i + 1
			}
		}
		out = append(out, mark(start > 0)+field[start:])
	}
	return out
}

func mark(cont bool) string {
	if cont {
		return "\x00"
	}
	return ""
}
