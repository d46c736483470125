package xlsx

import "strconv"

// shiftFormula moves the relative references of a shared formula's master
// by dRow rows and dCol columns, as the cells that share it read it:
// "C8-D8" in row 8 is "C9-D9" in row 9; "$C$8" stays. Text in quotes
// (strings, quoted sheet names) is left alone, and so are names that only
// look like references because they go on (SUM(, A1B).
func shiftFormula(f string, dRow, dCol int) string {
	if dRow == 0 && dCol == 0 {
		return f
	}
	out := make([]byte, 0, len(f)+8)
	for i := 0; i < len(f); {
		c := f[i]
		if c == '"' || c == '\'' {
			j := i + 1
			for j < len(f) {
				if f[j] == c {
					if j+1 < len(f) && f[j+1] == c { // a doubled quote
						j += 2
						continue
					}
					break
				}
				j++
			}
			j = min(j+1, len(f))
			out = append(out, f[i:j]...)
			i = j
			continue
		}
		if i > 0 && isNameChar(f[i-1]) || !(c == '$' || isLetter(c) || isDigit(c)) {
			out = append(out, c)
			i++
			continue
		}
		n, ref := shiftRef(f[i:], dRow, dCol)
		if n == 0 {
			// Not a reference: copy the whole word.
			j := i + 1
			for j < len(f) && isNameChar(f[j]) {
				j++
			}
			out = append(out, f[i:j]...)
			i = j
			continue
		}
		out = append(out, ref...)
		i += n
	}
	return string(out)
}

// shiftRef reads a reference at the start of s ("C8", "$C$8", "C:C",
// …) and returns its length and its shifted text; 0 when s does not
// start with one. Whole rows ("8:8") are left as they are.
func shiftRef(s string, dRow, dCol int) (int, string) {
	colAbs, col, rowAbs, row, n := refParts(s)
	if n > 0 && n < len(s) && s[n] == ':' {
		// A range of whole columns: "C:E".
		if col > 0 && row < 0 {
			cAbs2, col2, _, row2, m := refParts(s[n+1:])
			if m > 0 && row2 < 0 && col2 > 0 && (n+1+m == len(s) || !isNameChar(s[n+1+m])) {
				return n + 1 + m, colText(colAbs, col, dCol) + ":" + colText(cAbs2, col2, dCol)
			}
		}
	}
	if n == 0 || col <= 0 || row <= 0 || (n < len(s) && (isNameChar(s[n]) || s[n] == '(')) {
		return 0, ""
	}
	return n, colText(colAbs, col, dCol) + rowText(rowAbs, row, dRow)
}

// refParts reads [$]letters[$]digits; row is -1 when no digits follow.
func refParts(s string) (colAbs bool, col int, rowAbs bool, row, n int) {
	i := 0
	if i < len(s) && s[i] == '$' {
		colAbs = true
		i++
	}
	start := i
	for i < len(s) && isLetter(s[i]) && i-start < 3 {
		col = col*26 + int(s[i]|0x20-'a'+1)
		i++
	}
	if i == start || col > 16384 || (i < len(s) && isLetter(s[i])) {
		return false, 0, false, 0, 0
	}
	j := i
	if j < len(s) && s[j] == '$' {
		rowAbs = true
		j++
	}
	dstart := j
	row = 0
	for j < len(s) && isDigit(s[j]) && j-dstart < 8 {
		row = row*10 + int(s[j]-'0')
		j++
	}
	if j == dstart {
		return colAbs, col, false, -1, i
	}
	return colAbs, col, rowAbs, row, j
}

func colText(abs bool, col, d int) string {
	if abs {
		return "$" + string(appendCol(nil, col))
	}
	if col+d < 1 || col+d > 16384 {
		return "#REF!"
	}
	return string(appendCol(nil, col+d))
}

func rowText(abs bool, row, d int) string {
	if abs {
		return "$" + strconv.Itoa(row)
	}
	if row+d < 1 {
		return "#REF!"
	}
	return strconv.Itoa(row + d)
}

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isNameChar(c byte) bool {
	return isLetter(c) || isDigit(c) || c == '_' || c == '.' || c == '\\'
}
