package workbook

import "strings"

// maxFallbackCells bounds the cells a fallback evaluation's references
// may cover, all together.
const maxFallbackCells = 100_000

// fallbackFuncs are the functions handed to excelize's calculator: those
// whose cost follows the cells and text they are given. Left out are the
// ones that make text or arrays of any size from a number (REPT, MUNIT,
// SEQUENCE, SUBSTITUTE), that reach cells the formula does not name
// (INDIRECT, OFFSET), and everything else not known to be tame.
var fallbackFuncs = wordSet(`ABS AND AVERAGE AVERAGEA AVERAGEIF AVERAGEIFS CEILING CHOOSE
		CONCATENATE COUNT COUNTA COUNTBLANK COUNTIF COUNTIFS DATE DAY EXACT FIND FLOOR HLOOKUP IF
		IFERROR IFNA INDEX INT ISBLANK ISERROR ISNUMBER ISTEXT LARGE LEFT LEN LOWER MATCH MAX MAXA
		MEDIAN MID MIN MINA MOD MONTH NOT OR POWER PRODUCT PROPER RANK RIGHT ROUND ROUNDDOWN
		ROUNDUP SEARCH SIGN SMALL SQRT SUBTOTAL SUM SUMIF SUMIFS SUMPRODUCT TEXT TRIM TRUNC UPPER
		VALUE VLOOKUP YEAR`)

// wordSet makes a set of the words of s.
func wordSet(s string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.Fields(s) {
		set[w] = true
	}
	return set
}

// fallbackSafe reports whether a formula may go to excelize's calculator,
// whose cost is otherwise unbounded: only known functions (fallbackFuncs),
// references to cells and ranges that together cover at most
// maxFallbackCells, none of them holding a formula (the calculator
// recomputes a referenced formula, however deep the chain goes, on the
// goroutine's stack), and no defined names, whole rows or columns, or
// structured references. The cells looked at count against the
// evaluator's work limit.
func (e *evaluator) fallbackSafe(home *sheet, formula string) bool {
	src := strings.TrimPrefix(strings.TrimSpace(formula), "=")
	if len(src) > 2000 {
		return false
	}
	p := &formulaParser{e: e, s: home, src: src}
	area := 0
	for p.pos < len(src) {
		c := src[p.pos]
		switch {
		case c == '"':
			end := strings.IndexByte(src[p.pos+1:], '"')
			if end < 0 {
				return false
			}
			p.pos += end + 2 // a doubled quote inside reads as two strings
		case c == '[':
			return false // a structured or external reference
		case c >= '0' && c <= '9' || c == '.':
			for p.pos < len(src) && (src[p.pos] >= '0' && src[p.pos] <= '9' || src[p.pos] == '.') {
				p.pos++
			}
			if p.pos < len(src) && src[p.pos] == ':' {
				return false // whole rows: 3:3
			}
		case c == '\'' || c == '$' || c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z':
			if name, ok := p.funcName(); ok {
				if !fallbackFuncs[name] {
					return false
				}
				continue
			}
			start := p.pos
			if r, ok := p.reference(); ok && (p.pos >= len(src) || !identChar(src[p.pos])) {
				area += (r.r2 - r.r1 + 1) * (r.c2 - r.c1 + 1)
				if area > maxFallbackCells || e.holdsFormula(r) {
					return false
				}
				continue
			}
			p.pos = start
			for p.pos < len(src) && identChar(src[p.pos]) {
				p.pos++
			}
			if w := strings.ToUpper(src[start:p.pos]); w != "TRUE" && w != "FALSE" {
				return false // a defined name, a whole column, anything unknown
			}
		default:
			p.pos++
		}
	}
	return true
}

// holdsFormula reports whether any cell of a range holds a formula.
func (e *evaluator) holdsFormula(r refRange) bool {
	for row := r.r1; row <= min(r.r2, r.s.rowCount()); row++ {
		cells := r.s.row(row)
		for col := r.c1; col <= min(r.c2, len(cells)); col++ {
			if e.steps++; e.steps > evalLimit || cells[col-1].Formula != "" {
				return true
			}
		}
	}
	return false
}

func identChar(c byte) bool {
	return c == '_' || c == '.' || c == '$' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
}
