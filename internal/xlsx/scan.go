package xlsx

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

// tokKind is the kind of an XML token.
type tokKind uint8

const (
	tokEOF tokKind = iota
	tokStart
	tokEnd
	tokText // character data, CDATA included
)

// attr is an attribute of the current start tag: its local name and its
// raw (still escaped) value.
type attr struct {
	name, value []byte
}

// scanner is a small streaming XML tokenizer for the parts of a workbook.
// It reads the subset of XML that spreadsheet programs write, checks that
// elements nest and close, refuses DTDs (and so entity expansion), and
// holds at most one token in memory: a token longer than maxToken, or
// elements nested deeper than maxDepth, are errors. Names are compared by
// their local part; prefixes are dropped.
//
// Token slices (name, attrs, text) are valid until the next call to next.
type scanner struct {
	r        io.Reader
	buf      []byte
	pos, end int
	eof      bool
	maxToken int
	maxDepth int

	kind  tokKind
	name  []byte
	attrs []attr
	text  []byte
	cdata bool // text came from CDATA: it is not escaped
	self  bool // the start tag closed itself; an end token follows

	// stack holds the names of open elements, end to end, for checking
	// that each end tag closes the element it should.
	stack  []byte
	starts []int
	depth  int
	err    error
}

// errTruncated is a part that ends inside an element.
var errTruncated = errors.New("XML terpotong (bagian berakhir sebelum semua elemen ditutup)")

func newScanner(r io.Reader, maxToken, maxDepth int) *scanner {
	return &scanner{r: r, buf: make([]byte, min(64<<10, maxToken)), maxToken: maxToken, maxDepth: maxDepth}
}

// fill reads more input, keeping buf[pos:end]. It reports false at the end
// of the input or on an error (s.err).
func (s *scanner) fill() bool {
	if s.eof || s.err != nil {
		return false
	}
	if s.pos > 0 {
		s.end = copy(s.buf, s.buf[s.pos:s.end])
		s.pos = 0
	}
	if s.end == len(s.buf) {
		if len(s.buf) >= s.maxToken {
			s.err = fmt.Errorf("satu unsur XML lebih panjang dari %d byte (XML tidak wajar)", s.maxToken)
			return false
		}
		nb := make([]byte, min(2*len(s.buf), s.maxToken))
		copy(nb, s.buf[:s.end])
		s.buf = nb
	}
	n, err := s.r.Read(s.buf[s.end:])
	s.end += n
	if err == io.EOF {
		s.eof = true
	} else if err != nil {
		s.err = err
		return false
	}
	return n > 0 || !s.eof
}

// indexFrom finds sep in the unread input at or after offset off,
// reading more as needed. It returns the index relative to s.pos.
func (s *scanner) indexFrom(off int, sep []byte) int {
	for {
		if i := bytes.Index(s.buf[s.pos+off:s.end], sep); i >= 0 {
			return off + i
		}
		off = max(0, s.end-s.pos-len(sep)+1)
		if !s.fill() {
			return -1
		}
	}
}

// next reads the next token.
func (s *scanner) next() (tokKind, error) {
	if s.self {
		s.self = false
		s.kind = tokEnd
		return tokEnd, s.pop()
	}
	for {
		if s.pos >= s.end && !s.fill() {
			return s.atEOF()
		}
		if s.buf[s.pos] != '<' {
			return s.charData()
		}
		if s.end-s.pos < 2 && !s.fill() {
			return 0, s.fail(errTruncated)
		}
		switch s.buf[s.pos+1] {
		case '?':
			if err := s.skipPast([]byte("?>")); err != nil {
				return 0, err
			}
			continue
		case '!':
			k, err := s.bang()
			if err != nil || k != tokEOF {
				return k, err
			}
			continue
		case '/':
			return s.endTag()
		}
		return s.startTag()
	}
}

func (s *scanner) atEOF() (tokKind, error) {
	if s.err != nil {
		return 0, s.err
	}
	if s.depth > 0 {
		return 0, s.fail(errTruncated)
	}
	s.kind = tokEOF
	return tokEOF, nil
}

func (s *scanner) fail(err error) error {
	if s.err == nil {
		s.err = err
	}
	return s.err
}

// skipPast skips input up to and including sep.
func (s *scanner) skipPast(sep []byte) error {
	for {
		if i := bytes.Index(s.buf[s.pos:s.end], sep); i >= 0 {
			s.pos += i + len(sep)
			return nil
		}
		// Keep only what may start sep; the rest is skipped.
		s.pos = max(s.pos, s.end-len(sep)+1)
		if !s.fill() {
			return s.fail(errTruncated)
		}
	}
}

// bang reads "<!": a comment (skipped), CDATA (text) or a DTD (refused).
// It returns tokEOF for a skipped comment.
func (s *scanner) bang() (tokKind, error) {
	for s.end-s.pos < 9 && s.fill() {
	}
	head := s.buf[s.pos:min(s.end, s.pos+9)]
	switch {
	case bytes.HasPrefix(head, []byte("<!--")):
		s.pos += 4
		return tokEOF, s.skipPast([]byte("-->"))
	case bytes.HasPrefix(head, []byte("<![CDATA[")):
		i := s.indexFrom(len(head), []byte("]]>"))
		if i < 0 {
			return 0, s.fail(errTruncated)
		}
		s.text = s.buf[s.pos+9 : s.pos+i]
		s.pos += i + 3
		s.kind, s.cdata = tokText, true
		return tokText, nil
	}
	if bytes.HasPrefix(head, []byte("<!DOCTYPE")) {
		return 0, s.fail(errors.New("XML tidak sah: berisi DTD (<!DOCTYPE>), yang tidak dipakai berkas spreadsheet"))
	}
	if len(head) < 9 {
		return 0, s.fail(errTruncated)
	}
	return 0, s.fail(fmt.Errorf("XML rusak: %q tidak dikenal", head))
}

// charData reads text up to the next tag.
func (s *scanner) charData() (tokKind, error) {
	i := s.indexFrom(0, []byte{'<'})
	if i < 0 {
		if s.err != nil {
			return 0, s.err
		}
		i = s.end - s.pos // text at the very end
	}
	s.text = s.buf[s.pos : s.pos+i]
	s.pos += i
	s.kind, s.cdata = tokText, false
	return tokText, nil
}

// tagEnd finds the '>' closing the tag at s.pos, outside quoted values.
func (s *scanner) tagEnd() int {
	quote := byte(0)
	for i := 1; ; i++ {
		if s.pos+i >= s.end && !s.fill() {
			return -1
		}
		c := s.buf[s.pos+i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return i
		}
	}
}

func (s *scanner) endTag() (tokKind, error) {
	i := s.tagEnd()
	if i < 0 {
		return 0, s.fail(errTruncated)
	}
	tag := trimSpaceRight(s.buf[s.pos+2 : s.pos+i])
	s.pos += i + 1
	s.name = localName(tag)
	s.kind = tokEnd
	return tokEnd, s.popName(tag)
}

func (s *scanner) startTag() (tokKind, error) {
	i := s.tagEnd()
	if i < 0 {
		return 0, s.fail(errTruncated)
	}
	tag := s.buf[s.pos+1 : s.pos+i]
	s.pos += i + 1
	s.self = len(tag) > 0 && tag[len(tag)-1] == '/'
	if s.self {
		tag = tag[:len(tag)-1]
	}
	n := 0
	for n < len(tag) && !isSpace(tag[n]) {
		n++
	}
	if n == 0 {
		return 0, s.fail(errors.New("XML rusak: tag tanpa nama"))
	}
	full := tag[:n]
	s.name = localName(full)
	s.attrs = s.attrs[:0]
	rest := tag[n:]
	for {
		rest = trimSpace(rest)
		if len(rest) == 0 {
			break
		}
		eq := bytes.IndexByte(rest, '=')
		if eq <= 0 {
			return 0, s.fail(fmt.Errorf("XML rusak: atribut tanpa nilai di <%s>", full))
		}
		an := trimSpaceRight(rest[:eq])
		rest = trimSpace(rest[eq+1:])
		if len(rest) == 0 || (rest[0] != '"' && rest[0] != '\'') {
			return 0, s.fail(fmt.Errorf("XML rusak: nilai atribut tanpa tanda kutip di <%s>", full))
		}
		end := bytes.IndexByte(rest[1:], rest[0])
		if end < 0 {
			return 0, s.fail(fmt.Errorf("XML rusak: nilai atribut tidak ditutup di <%s>", full))
		}
		s.attrs = append(s.attrs, attr{name: localName(an), value: rest[1 : 1+end]})
		rest = rest[end+2:]
	}
	if s.depth >= s.maxDepth {
		return 0, s.fail(fmt.Errorf("XML bersarang lebih dari %d tingkat", s.maxDepth))
	}
	s.depth++
	s.starts = append(s.starts, len(s.stack))
	s.stack = append(s.stack, full...)
	s.kind = tokStart
	return tokStart, nil
}

// pop closes the innermost element (a self-closed tag).
func (s *scanner) pop() error {
	s.depth--
	n := s.starts[len(s.starts)-1]
	s.name = localName(s.stack[n:])
	s.starts = s.starts[:len(s.starts)-1]
	s.stack = s.stack[:n]
	return nil
}

// popName closes the innermost element, which must be the one named.
func (s *scanner) popName(full []byte) error {
	if s.depth == 0 {
		return s.fail(fmt.Errorf("XML rusak: </%s> tanpa pembuka", full))
	}
	n := s.starts[len(s.starts)-1]
	if !bytes.Equal(s.stack[n:], full) {
		return s.fail(fmt.Errorf("XML rusak: <%s> ditutup dengan </%s>", s.stack[n:], full))
	}
	return s.pop()
}

// attr returns the raw value of the current tag's attribute named local.
func (s *scanner) attr(local string) ([]byte, bool) {
	for _, a := range s.attrs {
		if string(a.name) == local {
			return a.value, true
		}
	}
	return nil, false
}

// skip skips the rest of the element just started, children included.
func (s *scanner) skip() error {
	depth := s.depth
	for s.depth >= depth {
		k, err := s.next()
		if err != nil {
			return err
		}
		if k == tokEOF {
			return s.fail(errTruncated)
		}
	}
	return nil
}

// skipRaw skips the rest of the element just started by looking for its
// end tag in the raw bytes, without reading what is inside: far faster
// than skip, but fooled by the end tag written inside CDATA.
func (s *scanner) skipRaw() error {
	if s.self {
		s.self = false
		return s.pop()
	}
	n := s.starts[len(s.starts)-1]
	end := append(append([]byte("</"), s.stack[n:]...), '>')
	if err := s.skipPast(end); err != nil {
		return err
	}
	return s.pop()
}

// appendText appends the current text token, unescaped, to dst.
func (s *scanner) appendText(dst []byte) ([]byte, error) {
	if s.cdata {
		return append(dst, s.text...), nil
	}
	return unescape(dst, s.text)
}

func localName(b []byte) []byte {
	if i := bytes.IndexByte(b, ':'); i >= 0 {
		return b[i+1:]
	}
	return b
}

// trimSpaceRight is bytes.TrimRight(b, " \t\r\n") without building the
// cut set at every tag.
func trimSpaceRight(b []byte) []byte {
	for len(b) > 0 && isSpace(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

func trimSpace(b []byte) []byte {
	for len(b) > 0 && isSpace(b[0]) {
		b = b[1:]
	}
	return b
}

// unescape appends b to dst with XML's entity and character references
// replaced. Any other entity is an error: workbooks have no DTD to define
// one.
func unescape(dst, b []byte) ([]byte, error) {
	for {
		i := bytes.IndexByte(b, '&')
		if i < 0 {
			return append(dst, b...), nil
		}
		dst = append(dst, b[:i]...)
		b = b[i:]
		semi := bytes.IndexByte(b, ';')
		if semi < 0 || semi > 12 {
			return dst, errors.New("XML rusak: '&' tanpa ';'")
		}
		ent := b[1:semi]
		b = b[semi+1:]
		switch string(ent) {
		case "lt":
			dst = append(dst, '<')
		case "gt":
			dst = append(dst, '>')
		case "amp":
			dst = append(dst, '&')
		case "quot":
			dst = append(dst, '"')
		case "apos":
			dst = append(dst, '\'')
		default:
			if len(ent) < 2 || ent[0] != '#' {
				return dst, fmt.Errorf("XML rusak: entitas &%s; tidak dikenal", ent)
			}
			var n uint64
			var err error
			if ent[1] == 'x' || ent[1] == 'X' {
				n, err = strconv.ParseUint(string(ent[2:]), 16, 32)
			} else {
				n, err = strconv.ParseUint(string(ent[1:]), 10, 32)
			}
			if err != nil || !utf8.ValidRune(rune(n)) {
				return dst, fmt.Errorf("XML rusak: rujukan karakter &%s; tidak sah", ent)
			}
			dst = utf8.AppendRune(dst, rune(n))
		}
	}
}
