package layout

import (
	"fmt"
	"strconv"
	"strings"
)

// appendSum appends a formula adding the given rows (ascending) of a
// column on the same sheet; consecutive rows become one range:
// SUM(D5:D9,D12).
func appendSum(dst []byte, col string, rows []int) []byte {
	return append(appendRefList(append(dst, "SUM("...), "", col, rows), ')')
}

// sumOn is appendSum's formula for a column of another sheet.
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
	return string(appendRefList(nil, prefix, col, rows))
}

// appendRefList appends the list of refList, each item prefixed.
func appendRefList(dst []byte, prefix, col string, rows []int) []byte {
	for i := 0; i < len(rows); {
		j := i
		for j+1 < len(rows) && rows[j+1] == rows[j]+1 {
			j++
		}
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendRef(append(dst, prefix...), col, rows[i])
		if j > i {
			dst = appendRef(append(dst, ':'), col, rows[j])
		}
		i = j + 1
	}
	return dst
}

// appendRef appends cellRef(col, row).
func appendRef(dst []byte, col string, row int) []byte {
	return strconv.AppendInt(append(dst, col...), int64(row), 10)
}

// ref is a cell of another sheet: 'Penyerapan Anggaran'!D12.
func ref(sheet, col string, row int) string {
	return fmt.Sprintf("%s!%s%d", quoteSheet(sheet), col, row)
}

// percentOf is part ÷ whole × 100, 0 when whole is 0: calc.Percent as a
// formula.
func percentOf(part, whole string) string { return string(appendPercentOf(nil, part, whole)) }

// appendPercentOf appends percentOf(part, whole).
func appendPercentOf[T string | []byte](dst []byte, part, whole T) []byte {
	dst = append(append(append(dst, "IF("...), whole...), "=0,0,"...)
	return append(append(append(append(dst, part...), '/'), whole...), "*100)"...)
}

// quoteText is a string literal in a formula.
func quoteText(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
