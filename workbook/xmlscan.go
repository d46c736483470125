package workbook

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"slices"
	"strings"
)

// The corrected copy edits an xlsx's XML parts in place, byte ranges at a
// time, so that everything it does not mean to change stays byte for byte
// as the user's program wrote it (encoding/xml would drop prefixes,
// reorder namespaces and lose what it does not know when re-encoding).
// These helpers find elements and their offsets.

// element is an element found in an XML part: its name as written (Space
// holds the prefix, not the namespace), its attributes, and its byte
// offsets: the whole element is data[Start:End], its start tag
// data[Start:OpenEnd], its content data[OpenEnd:CloseStart].
type element struct {
	Name                            xml.Name
	Attr                            []xml.Attr
	Start, OpenEnd, CloseStart, End int
	Depth                           int // 0 for the root
}

// selfClosing reports whether the element was written as <x/>.
func (e *element) selfClosing() bool { return e.CloseStart == e.End }

// attr returns the value of the attribute with the given local name (and
// prefix, "" for none).
func (e *element) attr(prefix, local string) (string, bool) {
	for _, a := range e.Attr {
		if a.Name.Local == local && a.Name.Space == prefix {
			return a.Value, true
		}
	}
	return "", false
}

// scanXML walks an XML document and calls open at each start tag (the
// element's Start and OpenEnd are set) and close at each end (all offsets
// set). Either may be nil; an error either returns ends the walk.
func scanXML(data []byte, open, close func(e *element) error) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	var stack []*element
	for {
		off := int(d.InputOffset())
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			e := &element{Name: t.Name, Attr: t.Attr, Start: off, OpenEnd: int(d.InputOffset()), Depth: len(stack)}
			stack = append(stack, e)
			if open != nil {
				if err := open(e); err != nil {
					return err
				}
			}
		case xml.EndElement:
			if len(stack) == 0 {
				return errors.New("end tag without start tag")
			}
			e := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			e.End = int(d.InputOffset())
			e.CloseStart = off // <x/> ends where it ends: off == End
			if close != nil {
				if err := close(e); err != nil {
					return err
				}
			}
		}
	}
	if len(stack) > 0 {
		return errors.New("unclosed element " + stack[len(stack)-1].Name.Local)
	}
	return nil
}

// qname writes a name with the prefix it was written with.
func qname(prefix, local string) string {
	if prefix == "" {
		return local
	}
	return prefix + ":" + local
}

// startTag writes a start tag (or an empty element when empty is set) with
// the given attributes in order.
func startTag(name xml.Name, attrs []xml.Attr, empty bool) string {
	var b strings.Builder
	b.WriteString("<" + qname(name.Space, name.Local))
	for _, a := range attrs {
		b.WriteString(" " + qname(a.Name.Space, a.Name.Local) + `="` + escapeXML(a.Value) + `"`)
	}
	if empty {
		b.WriteString("/>")
	} else {
		b.WriteString(">")
	}
	return b.String()
}

// setAttr returns attrs with the attribute local (no prefix) set to value:
// replaced where it is, appended otherwise.
func setAttr(attrs []xml.Attr, local, value string) []xml.Attr {
	out := make([]xml.Attr, 0, len(attrs)+1)
	done := false
	for _, a := range attrs {
		if a.Name.Space == "" && a.Name.Local == local {
			if !done {
				out = append(out, xml.Attr{Name: a.Name, Value: value})
				done = true
			}
			continue
		}
		out = append(out, a)
	}
	if !done {
		out = append(out, xml.Attr{Name: xml.Name{Local: local}, Value: value})
	}
	return out
}

// dropAttr returns attrs without the unprefixed attribute local.
func dropAttr(attrs []xml.Attr, local string) []xml.Attr {
	out := make([]xml.Attr, 0, len(attrs))
	for _, a := range attrs {
		if a.Name.Space != "" || a.Name.Local != local {
			out = append(out, a)
		}
	}
	return out
}

// escapeXML escapes character data or an attribute value: xml.EscapeText
// escapes the quotes too (as &#34; and &#39;).
func escapeXML(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// edit is a replacement of data[From:To] (an insertion when they are
// equal).
type edit struct {
	From, To int
	Text     string
}

// appendInside is the edit that adds text at the end of e's content: a
// self-closing e is written out as its start tag, the text and its end
// tag.
func appendInside(e *element, text string) edit {
	if e.selfClosing() {
		return edit{e.Start, e.End, startTag(e.Name, e.Attr, false) + text + "</" + qname(e.Name.Space, e.Name.Local) + ">"}
	}
	return edit{e.CloseStart, e.CloseStart, text}
}

// applyEdits applies non-overlapping edits to data. Edits at the same
// offset keep their order.
func applyEdits(data []byte, edits []edit) []byte {
	slices.SortStableFunc(edits, func(a, b edit) int { return a.From - b.From })
	var b bytes.Buffer
	b.Grow(len(data) + 1024)
	pos := 0
	for _, e := range edits {
		b.Write(data[pos:e.From])
		b.WriteString(e.Text)
		pos = e.To
	}
	b.Write(data[pos:])
	return b.Bytes()
}
