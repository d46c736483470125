package workbook

import (
	"archive/zip"
	"bytes"
	"io"
)

// xmlShape follows an XML stream byte by byte, at the speed it inflates,
// without decoding it: it fails on what no spreadsheet program writes and
// what would make a decoder use memory out of proportion (a tag, text,
// comment or CDATA section longer than maxXMLRun; elements nested deeper
// than maxXMLDepth), and counts elements by local name. It is the check
// for parts that other code decodes whole (excelize's styles, workbook,
// relationships) and for the shared-string table, whose entries it
// counts. Use it as an io.Writer.
type xmlShape struct {
	// count, when set, is called with the local name of every element.
	count func(local []byte) error

	state int
	run   int // bytes since the '<' that began the current markup or text
	depth int
	name  []byte // the current tag's local name, at most 64 bytes
	quote byte   // the quote of an attribute value being read
	slash bool   // the last byte of a start tag was '/'
	rep   int    // repeats of a terminator's first byte (?>, -->, ]]>)
	term  byte   // that byte
	need  int    // how many of it the terminator needs
	bang  []byte // the first bytes after "<!"
}

// States of xmlShape.
const (
	shapeText    = iota // character data
	shapeOpen           // after '<'
	shapeName           // a start tag's name
	shapeAttrs          // a start tag's attributes
	shapeEnd            // an end tag
	shapeBang           // after "<!": a comment, CDATA or declaration
	shapeSkip           // inside ?..?>, <!--..-->, <![CDATA[..]]>
	shapeDecl           // inside <!DOCTYPE ..>
	maxShapeName = 64
)

func (x *xmlShape) Write(p []byte) (int, error) {
	for i := 0; i < len(p); i++ {
		if x.state == shapeText {
			j := bytes.IndexByte(p[i:], '<')
			if j < 0 {
				x.run += len(p) - i
				break
			}
			x.run += j
			if x.run > maxXMLRun {
				return 0, errXMLRun
			}
			x.run, x.state = 0, shapeOpen
			i += j
			continue
		}
		b := p[i]
		if x.run++; x.run > maxXMLRun {
			return 0, errXMLRun
		}
		if err := x.step(b); err != nil {
			return 0, err
		}
	}
	if x.run > maxXMLRun {
		return 0, errXMLRun
	}
	return len(p), nil
}

// step follows one byte of markup.
func (x *xmlShape) step(b byte) error {
	switch x.state {
	case shapeOpen:
		switch b {
		case '/':
			x.state = shapeEnd
		case '?':
			x.skipTo('?', 1)
		case '!':
			x.state, x.bang = shapeBang, x.bang[:0]
		default:
			x.state, x.name, x.slash = shapeName, append(x.name[:0], b), false
		}
	case shapeName:
		switch {
		case b == '>' || b == '/' || b == ' ' || b == '\t' || b == '\n' || b == '\r':
			x.state = shapeAttrs
			return x.step(b)
		case b == ':':
			x.name = x.name[:0]
		case len(x.name) < maxShapeName:
			x.name = append(x.name, b)
		}
	case shapeAttrs:
		switch {
		case x.quote != 0:
			if b == x.quote {
				x.quote = 0
			}
		case b == '"' || b == '\'':
			x.quote, x.slash = b, false
		case b == '>':
			x.state = shapeText
			if x.count != nil {
				if err := x.count(x.name); err != nil {
					return err
				}
			}
			if !x.slash {
				if x.depth++; x.depth > maxXMLDepth {
					return errXMLDepth
				}
			}
		default:
			x.slash = b == '/'
		}
	case shapeEnd:
		if b == '>' {
			x.state = shapeText
			x.depth--
		}
	case shapeBang:
		x.bang = append(x.bang, b)
		switch {
		case string(x.bang) == "--":
			x.skipTo('-', 2)
		case string(x.bang) == "[CDATA[":
			x.skipTo(']', 2)
		case len(x.bang) >= 7 || !bytes.HasPrefix([]byte("[CDATA["), x.bang) && !bytes.HasPrefix([]byte("--"), x.bang):
			x.state = shapeDecl
			return x.step(b)
		}
	case shapeDecl:
		if b == '>' {
			x.state = shapeText
		}
	case shapeSkip:
		switch {
		case b == x.term:
			x.rep++
		case b == '>' && x.rep >= x.need:
			x.state = shapeText
		default:
			x.rep = 0
		}
	}
	return nil
}

// skipTo skips to a terminator: need times term, then '>'.
func (x *xmlShape) skipTo(term byte, need int) {
	x.state, x.term, x.need, x.rep = shapeSkip, term, need, 0
}

// shapePart reads a part to its end through an xmlShape.
func shapePart(f *zip.File, count func([]byte) error) error {
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	_, err = io.Copy(&xmlShape{count: count}, rc)
	return err
}
