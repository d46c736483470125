package xlsx

import "strconv"

// maxStyles bounds the cell formats a workbook may define (Excel allows
// 64 000).
const maxStyles = 1 << 20

// readStyles notes which cell formats (cellXfs, by index) show numbers as
// percentages: the built-in formats 9 (0%) and 10 (0.00%), and custom
// formats with a % outside quoted text.
func (b *Book) readStyles(part string) error {
	custom := map[int]string{}
	inXfs := false
	err := b.scan(part, func(s *scanner) error {
		for {
			k, err := s.next()
			if err != nil || k == tokEOF {
				return err
			}
			switch {
			case k == tokStart && string(s.name) == "numFmt":
				id, err := strconv.Atoi(b.attrText(s, "numFmtId"))
				if err == nil && len(custom) < maxStyles {
					custom[id] = b.attrText(s, "formatCode")
				}
			case k == tokStart && string(s.name) == "cellXfs":
				inXfs = true
			case k == tokEnd && string(s.name) == "cellXfs":
				inXfs = false
			case k == tokStart && inXfs && string(s.name) == "xf":
				if len(b.percent) >= maxStyles {
					return limitf("", "lebih dari %d format sel", maxStyles)
				}
				id, _ := strconv.Atoi(b.attrText(s, "numFmtId"))
				b.percent = append(b.percent, isPercentFormat(id, custom))
				if err := s.skip(); err != nil {
					return err
				}
			}
		}
	})
	if err != nil {
		return err
	}
	return nil
}

// isPercentFormat reports whether number format id shows a percentage.
// Built-in formats (below 50) are what the format defines, whatever a file
// says about them.
func isPercentFormat(id int, custom map[int]string) bool {
	if id == 9 || id == 10 {
		return true
	}
	code, ok := custom[id]
	return id >= 50 && ok && IsPercentCode(code)
}

// IsPercentCode reports whether a number format code shows a percentage:
// a % that is not literal text. Quoted text ("0.00\"%\""), an escaped
// character (0\%), the character after _ (a space as wide as it) or *
// (a fill), and brackets ([Red], [$-421]) are not a percent sign: such
// formats show the number as it is, without multiplying it by 100.
func IsPercentCode(code string) bool {
	quoted := false
	for i := 0; i < len(code); i++ {
		switch c := code[i]; {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '\\' || c == '_' || c == '*':
			i++ // the next character is literal
		case c == '[':
			for i < len(code) && code[i] != ']' {
				i++ // a colour, condition or locale
			}
		case c == '%':
			return true
		}
	}
	return false
}

// Percent reports whether cell format style shows numbers as percentages.
func (b *Book) Percent(style int) bool {
	return style > 0 && style < len(b.percent) && b.percent[style]
}
