package workbook

import (
	"bytes"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// decodeText turns the bytes of a text file (CSV, HTML) into UTF-8: a UTF-8
// byte-order mark is dropped, UTF-16 with a byte-order mark (Excel's
// "Unicode Text") is converted, and bytes that are not UTF-8 are read as
// Windows-1252, the code page of Indonesian Windows.
func decodeText(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		data = data[3:]
	case bytes.HasPrefix(data, []byte("\xff\xfe")):
		return decodeUTF16(data[2:], false)
	case bytes.HasPrefix(data, []byte("\xfe\xff")):
		return decodeUTF16(data[2:], true)
	}
	if utf8.Valid(data) {
		return string(data)
	}
	// A multi-byte character cut at the end of a sniffed prefix is still UTF-8.
	if cut := validUTF8Prefix(data); len(data)-cut < utf8.UTFMax && cut > 0 {
		return string(data[:cut])
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return string(bytes.ToValidUTF8(data, []byte("\ufffd")))
	}
	return string(out)
}

// validUTF8Prefix is the length of the longest valid UTF-8 prefix of b.
func validUTF8Prefix(b []byte) int {
	n := 0
	for n < len(b) {
		r, size := utf8.DecodeRune(b[n:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		n += size
	}
	return n
}

// decodeUTF16 decodes UTF-16 text in either byte order.
func decodeUTF16(b []byte, bigEndian bool) string {
	u := make([]uint16, len(b)/2)
	for i := range u {
		if bigEndian {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			u[i] = uint16(b[2*i]) | uint16(b[2*i+1])<<8
		}
	}
	return string(utf16.Decode(u))
}

// looksLikeText reports whether decoded content is text a person typed
// rather than binary data: no NUL, and control characters (other than tab
// and line ends) at most one in a hundred.
func looksLikeText(s string) bool {
	if s == "" {
		return false
	}
	ctl, n := 0, 0
	for _, r := range s {
		n++
		switch {
		case r == 0:
			return false
		case r == '\t' || r == '\n' || r == '\r':
		case r < 0x20 || r == 0x7f || r == utf8.RuneError:
			ctl++
		}
	}
	return ctl*100 <= n
}
