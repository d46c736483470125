package workbook

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"lkjip/calc"
)

// note is the comment a corrected cell carries.
type note struct {
	key  cellAt
	text string
}

// commentAuthor is the author of lkjip's comments.
const commentAuthor = "lkjip"

// addNotes gives corrected cells their comments: merged into a comment the
// cell already has, otherwise new ones in the sheet's comments part and
// its VML drawing (which Excel needs to show them), both created when the
// sheet has none. It returns the edit that links a new drawing to the
// worksheet part, if one is needed.
func (b *book) addNotes(sh bookSheet, marks sheetMarks, notes []note, drawingID int) ([]edit, error) {
	rels, err := b.p.rels(sh.Part)
	if err != nil {
		return nil, err
	}
	var commentsPart, vmlPart, vmlID string
	for _, r := range rels {
		switch {
		case strings.HasSuffix(r.Type, "/comments") && commentsPart == "":
			commentsPart = b.p.resolve(target(sh.Part, r))
		case r.ID == marks.legacyID && marks.legacyID != "",
			marks.legacyID == "" && vmlID == "" && strings.HasSuffix(r.Type, "/vmlDrawing"):
			// The sheet's drawing; or, when the sheet names none, the
			// drawing its comments were made with.
			vmlPart, vmlID = b.p.resolve(target(sh.Part, r)), r.ID
		}
	}
	shapes := notes // the notes that need a shape in the drawing: all, in a new drawing
	if commentsPart == "" {
		commentsPart = b.p.freeName("xl/comments%d.xml")
		b.p.set(commentsPart, []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+
			`<comments xmlns="`+nsMain+`"><authors><author>`+commentAuthor+`</author></authors><commentList/></comments>`))
		if err := b.p.declare(commentsPart, ctComments); err != nil {
			return nil, err
		}
		if _, err := b.p.addRel(sh.Part, relComments, commentsPart); err != nil {
			return nil, err
		}
	}
	data, err := b.p.read(commentsPart)
	if err != nil {
		return nil, err
	}
	merged, err := mergeComments(data, notes)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", commentsPart, err)
	}
	b.p.set(commentsPart, merged.data)
	if vmlPart != "" {
		shapes = merged.added
	}
	if vmlPart != "" {
		if len(shapes) > 0 {
			vml, err := b.p.read(vmlPart)
			if err != nil {
				return nil, err
			}
			b.p.set(vmlPart, appendShapes(vml, shapes, drawingID))
		}
		if marks.legacyID != "" {
			return nil, nil
		}
		return []edit{legacyDrawing(marks, vmlID)}, nil
	}
	vmlPart = b.p.freeName("xl/drawings/vmlDrawing%d.vml")
	b.p.set(vmlPart, appendShapes([]byte(newVML(drawingID)), shapes, drawingID))
	if err := b.p.declare(vmlPart, ctVML); err != nil {
		return nil, err
	}
	id, err := b.p.addRel(sh.Part, relVML, vmlPart)
	if err != nil {
		return nil, err
	}
	return []edit{legacyDrawing(marks, id)}, nil
}

// legacyDrawing links a worksheet to its VML drawing.
func legacyDrawing(marks sheetMarks, id string) edit {
	prefix, decl := prefixFor(marks.root, nsRelationships), ""
	if prefix == "" {
		prefix, decl = "r", ` xmlns:r="`+nsRelationships+`"`
	}
	el := "<" + qname(marks.root.Name.Space, "legacyDrawing") + decl + " " + prefix + `:id="` + id + `"/>`
	return edit{marks.drawingAt, marks.drawingAt, el}
}

// mergedComments is a comments part with lkjip's notes in it.
type mergedComments struct {
	data  []byte
	added []note // notes that became new comments (the others joined one)
}

// mergeComments adds notes to a comments part: appended to the text of a
// cell's comment when it has one, as new comments otherwise, by the author
// lkjip (added to the authors when missing).
func mergeComments(data []byte, notes []note) (mergedComments, error) {
	var root, authors, list *element
	nAuthors, authorID := 0, -1
	texts := map[string]int{} // cell → where the text of its comment ends
	var ref string
	err := scanXML(data, func(e *element) error {
		if e.Depth == 2 && e.Name.Local == "comment" {
			ref = attrOr(e, "", "ref")
		}
		return nil
	}, func(e *element) error {
		switch {
		case e.Depth == 0:
			root = e
		case e.Depth == 1 && e.Name.Local == "authors":
			authors = e
		case e.Depth == 1 && e.Name.Local == "commentList":
			list = e
		case e.Depth == 2 && e.Name.Local == "author":
			if string(data[e.OpenEnd:e.CloseStart]) == commentAuthor && authorID < 0 {
				authorID = nAuthors
			}
			nAuthors++
		case e.Depth == 4 && (e.Name.Local == "rPh" || e.Name.Local == "phoneticPr"):
			if _, ok := texts[ref]; !ok {
				texts[ref] = e.Start
			}
		case e.Depth == 3 && e.Name.Local == "text":
			if _, ok := texts[ref]; !ok && !e.selfClosing() {
				texts[ref] = e.CloseStart
			}
		}
		return nil
	})
	if err != nil {
		return mergedComments{}, err
	}
	if root == nil || authors == nil {
		return mergedComments{}, fmt.Errorf("komentar tanpa daftar penulis")
	}
	prefix := root.Name.Space
	var edits []edit
	if authorID < 0 {
		authorID = nAuthors
		el := "<" + qname(prefix, "author") + ">" + commentAuthor + "</" + qname(prefix, "author") + ">"
		edits = append(edits, appendInside(authors, el))
	}
	var out mergedComments
	var fresh strings.Builder
	for _, n := range notes {
		cell := calc.CellName(n.key.row, n.key.col)
		if at, ok := texts[cell]; ok {
			edits = append(edits, edit{at, at, withPrefix(noteRuns("\n\n"+n.text), prefix)})
			continue
		}
		out.added = append(out.added, n)
		fresh.WriteString(withPrefix(fmt.Sprintf(`<comment ref="%s" authorId="%d"><text>%s</text></comment>`,
			cell, authorID, noteRuns(n.text)), prefix))
	}
	switch {
	case fresh.Len() == 0:
	case list == nil:
		at := root.CloseStart
		edits = append(edits, edit{at, at, "<" + qname(prefix, "commentList") + ">" + fresh.String() + "</" + qname(prefix, "commentList") + ">"})
	default:
		edits = append(edits, appendInside(list, fresh.String()))
	}
	out.data = applyEdits(data, edits)
	return out, nil
}

// noteRuns writes a note as comment text: "lkjip:" in bold, then the text,
// in the small font Excel gives comments.
func noteRuns(text string) string {
	lead, rest := "lkjip:", text
	if strings.HasPrefix(text, "\n\n") {
		lead, rest = "\n\nlkjip:", strings.TrimPrefix(text, "\n\n")
	}
	const font = `<sz val="9"/><color indexed="81"/><rFont val="Tahoma"/><family val="2"/>`
	return `<r><rPr><b/>` + font + `</rPr><t xml:space="preserve">` + escapeXML(lead) + `</t></r>` +
		`<r><rPr>` + font + `</rPr><t xml:space="preserve"> ` + escapeXML(rest) + `</t></r>`
}

// VML namespaces.
const (
	nsVML    = "urn:schemas-microsoft-com:vml"
	nsOffice = "urn:schemas-microsoft-com:office:office"
	nsExcel  = "urn:schemas-microsoft-com:office:excel"
)

// newVML is an empty VML drawing for comments, as Excel writes one.
func newVML(drawingID int) string {
	return `<xml xmlns:v="` + nsVML + `" xmlns:o="` + nsOffice + `" xmlns:x="` + nsExcel + `">` +
		`<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="` + strconv.Itoa(drawingID) + `"/></o:shapelayout>` +
		noteShapeType("v", "o") + "</xml>"
}

// noteShapeType is the shape type of comment boxes.
func noteShapeType(v, o string) string {
	return `<` + v + `:shapetype id="_x0000_t202" coordsize="21600,21600" ` + o + `:spt="202" path="m,l,21600r21600,l21600,xe">` +
		`<` + v + `:stroke joinstyle="miter"/><` + v + `:path gradientshapeok="t" ` + o + `:connecttype="rect"/></` + v + `:shapetype>`
}

var (
	vmlShapeID  = regexp.MustCompile(`_x0000_s(\d+)`)
	vmlRootOpen = regexp.MustCompile(`(?i)<xml\b[^>]*>`)
)

// appendShapes adds a comment box for each note to a VML drawing. VML is
// not always well-formed XML, so the drawing is edited as text: shapes go
// before its last </xml>, with the prefixes its root declares (declared
// there when missing), and numbers above every shape id it has.
func appendShapes(vml []byte, notes []note, drawingID int) []byte {
	s := string(vml)
	root := vmlRootOpen.FindStringIndex(s)
	end := strings.LastIndex(strings.ToLower(s), "</xml>")
	if root == nil || end < root[1] {
		s, root, end = newVML(drawingID), nil, 0
		root = vmlRootOpen.FindStringIndex(s)
		end = strings.LastIndex(s, "</xml>")
	}
	open := s[root[0]:root[1]]
	prefixes := map[string]string{}
	var decl string
	for i, ns := range []string{nsVML, nsOffice, nsExcel} {
		m := regexp.MustCompile(`xmlns:([\w.-]+)\s*=\s*["']` + regexp.QuoteMeta(ns) + `["']`).FindStringSubmatch(open)
		if m != nil {
			prefixes[ns] = m[1]
			continue
		}
		p := []string{"v", "o", "x"}[i] + "lkjip"
		prefixes[ns] = p
		decl += ` xmlns:` + p + `="` + ns + `"`
	}
	v, o, x := prefixes[nsVML], prefixes[nsOffice], prefixes[nsExcel]
	next := drawingID * 1024
	for _, m := range vmlShapeID.FindAllStringSubmatch(s, -1) {
		if id, err := strconv.Atoi(m[1]); err == nil && id < 1<<30 {
			next = max(next, id)
		}
	}
	var b strings.Builder
	if !strings.Contains(s, `"_x0000_t202"`) {
		b.WriteString(noteShapeType(v, o))
	}
	for _, n := range notes {
		next++
		r0, c0 := n.key.row-1, n.key.col-1
		top := max(r0-1, 0)
		fmt.Fprintf(&b, `<%[1]s:shape id="_x0000_s%[4]d" type="#_x0000_t202" style="position:absolute;margin-left:60pt;margin-top:2pt;width:240pt;height:110pt;z-index:%[4]d;visibility:hidden" fillcolor="#ffffe1" %[2]s:insetmode="auto">`+
			`<%[1]s:fill color2="#ffffe1"/><%[1]s:shadow on="t" color="black" obscured="t"/><%[1]s:path %[2]s:connecttype="none"/>`+
			`<%[1]s:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></%[1]s:textbox>`+
			`<%[3]s:ClientData ObjectType="Note"><%[3]s:MoveWithCells/><%[3]s:SizeWithCells/>`+
			`<%[3]s:Anchor>%[5]d, 15, %[6]d, 10, %[7]d, 15, %[8]d, 4</%[3]s:Anchor><%[3]s:AutoFill>False</%[3]s:AutoFill>`+
			`<%[3]s:Row>%[9]d</%[3]s:Row><%[3]s:Column>%[10]d</%[3]s:Column></%[3]s:ClientData></%[1]s:shape>`,
			v, o, x, next, c0+1, top, c0+5, top+8, r0, c0)
	}
	return []byte(s[:root[1]-1] + decl + s[root[1]-1:end] + b.String() + s[end:])
}
