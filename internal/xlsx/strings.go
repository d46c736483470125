package xlsx

import (
	"strconv"
	"strings"
)

// readStrings reads the shared-string table: each <si> is the text of its
// <t>, or of the <t> of its runs (<r>); phonetic runs (<rPh>) are not part
// of the text. The declared count is never trusted: the table grows as
// strings are read, within MaxStrings and MaxStringBytes.
func (b *Book) readStrings(part string) error {
	var total int64
	return b.scan(part, func(s *scanner) error {
		var text []byte
		inSI, inT, skipDepth := false, false, 0
		for {
			k, err := s.next()
			if err != nil || k == tokEOF {
				return err
			}
			switch k {
			case tokStart:
				switch {
				case skipDepth > 0:
				case string(s.name) == "si":
					inSI, text = true, text[:0]
				case inSI && string(s.name) == "rPh":
					skipDepth = s.depth
				case inSI && string(s.name) == "t":
					inT = true
				}
			case tokText:
				if inT && skipDepth == 0 {
					if text, err = s.appendText(text); err != nil {
						return err
					}
					if int64(len(text))+total > b.lim.MaxStringBytes {
						return limitf(LimitInflated, "teks bersama lebih dari %d byte", b.lim.MaxStringBytes)
					}
				}
			case tokEnd:
				switch {
				case skipDepth > 0:
					if s.depth < skipDepth {
						skipDepth = 0
					}
				case string(s.name) == "t":
					inT = false
				case string(s.name) == "si" && inSI:
					if len(b.strings) >= b.lim.MaxStrings {
						return limitf(LimitStrings, "lebih dari %d teks bersama", b.lim.MaxStrings)
					}
					total += int64(len(text))
					b.strings = append(b.strings, unescapeOOXML(string(text)))
					inSI = false
				}
			}
		}
	})
}

// unescapeOOXML decodes the _xHHHH_ escapes the format uses for characters
// XML cannot hold ("_x000D_" is a carriage return; "_x005F_" escapes "_").
func unescapeOOXML(s string) string {
	i := indexEscape(s, 0)
	if i < 0 {
		return s
	}
	out := make([]byte, 0, len(s))
	from := 0
	for i >= 0 {
		out = append(out, s[from:i]...)
		n, _ := strconv.ParseUint(s[i+2:i+6], 16, 32)
		if n == 0x5F {
			out = append(out, '_')
		} else {
			out = append(out, string(rune(n))...)
		}
		from = i + 7
		i = indexEscape(s, from)
	}
	return string(append(out, s[from:]...))
}

// indexEscape finds the next _xHHHH_ in s at or after from.
func indexEscape(s string, from int) int {
	for {
		j := strings.Index(s[from:], "_x")
		if j < 0 {
			return -1
		}
		i := from + j
		if i+7 <= len(s) && s[i+6] == '_' && isHex(s[i+2]) && isHex(s[i+3]) && isHex(s[i+4]) && isHex(s[i+5]) {
			return i
		}
		from = i + 1
	}
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
