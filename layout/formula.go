package layout

import (
	"fmt"
	"strings"
)

// sumOf is a formula adding the given rows (ascending) of a column on the
// same sheet; consecutive rows become one range: SUM(D5:D9,D12).
func sumOf(col string, rows []int) string { return "SUM(" + refList("", col, rows) + ")" }

// sumOn is sumOf for a column of another sheet.
func sumOn(sheet, col string, rows []int) string {
	return "SUM(" + refList(sheet, col, rows) + ")"
}

// refList lists cells of a column, ascending rows folded into ranges,
// qualified by sheet when sheet is not "".
func refList(sheet, col string, rows []int) string {
	prefix := ""
	if sheet != "" {
		prefix = quoteSheet(sheet) + "!"
	}
	var parts []string
	for i := 0; i < len(rows); {
		j := i
		for j+1 < len(rows) && rows[j+1] == rows[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, fmt.Sprintf("%s%s%d:%s%d", prefix, col, rows[i], col, rows[j]))
		} else {
			parts = append(parts, fmt.Sprintf("%s%s%d", prefix, col, rows[i]))
		}
		i = j + 1
	}
	return strings.Join(parts, ",")
}

// ref is a cell of another sheet: 'Penyerapan Anggaran'!D12.
func ref(sheet, col string, row int) string {
	return fmt.Sprintf("%s!%s%d", quoteSheet(sheet), col, row)
}

// percentOf is part ÷ whole × 100, 0 when whole is 0: calc.Percent as a
// formula.
func percentOf(part, whole string) string {
	return "IF(" + whole + "=0,0," + part + "/" + whole + "*100)"
}

// quoteText is a string literal in a formula.
func quoteText(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
