package workbook

import (
	"fmt"
	"strconv"
	"strings"

	"lkjip/internal/xlsx"
)

// styleBook adds to a workbook's styles part what the corrected copy needs:
// a highlighted twin of each style a corrected cell uses (the same number
// format, font, border and alignment, with a fill), and the styles of the
// Koreksi sheet. Existing styles are never changed, so no other cell's look
// changes.
type styleBook struct {
	data []byte
	// The containers new entries go into, and how many each holds.
	fonts, fills, xfs *element
	nFonts, nFills    int
	xfList            []*element // cellXfs' xf elements
	numFmts           map[int]string
	fontName, fontSz  string // of the default font

	newFonts, newFills, newXfs []string
	highlightFill              int
	derived                    map[int]int // style → its highlighted twin
}

// Colours of the corrected copy (ARGB).
const (
	highlightRGB = "FFFFFF00" // a corrected cell: yellow
	headerRGB    = "FFD9D9D9" // the Koreksi sheet's header row: light grey
	linkRGB      = "FF0563C1" // a hyperlink
)

// minimalStyles is the styles part of a package that has none: one font,
// the two fills every workbook has, one border, one style.
const minimalStyles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`

// parseStyles reads a styles part.
func parseStyles(data []byte) (*styleBook, error) {
	st := &styleBook{data: data, numFmts: map[int]string{}, derived: map[int]int{}, fontName: "Calibri", fontSz: "11"}
	var in string // the container being read
	var font0 *element
	err := scanXML(data, func(e *element) error {
		if e.Depth == 1 {
			in = e.Name.Local
		}
		return nil
	}, func(e *element) error {
		switch {
		case e.Depth == 1:
			switch in {
			case "fonts":
				st.fonts = e
			case "fills":
				st.fills = e
			case "cellXfs":
				st.xfs = e
			}
			in = ""
		case e.Depth != 2:
		case in == "numFmts" && e.Name.Local == "numFmt":
			if id, err := strconv.Atoi(attrOr(e, "", "numFmtId")); err == nil {
				st.numFmts[id] = attrOr(e, "", "formatCode")
			}
		case in == "fonts":
			if font0 == nil {
				font0 = e
			}
			st.nFonts++
		case in == "fills":
			st.nFills++
		case in == "cellXfs":
			st.xfList = append(st.xfList, e)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if st.fonts == nil || st.fills == nil || st.xfs == nil || len(st.xfList) == 0 {
		return nil, fmt.Errorf("styles tanpa fonts, fills atau cellXfs")
	}
	if font0 != nil {
		// The Koreksi sheet writes in the workbook's own default font.
		err = scanXML(data[font0.Start:font0.End], nil, func(e *element) error {
			switch {
			case e.Depth == 1 && e.Name.Local == "name":
				st.fontName = attrOr(e, "", "val")
			case e.Depth == 1 && e.Name.Local == "sz":
				st.fontSz = attrOr(e, "", "val")
			}
			return nil
		})
	}
	return st, err
}

// percent reports whether a cell style shows numbers as percentages
// (0.7057 shows as 70,57 %).
func (st *styleBook) percent(style int) bool {
	if style < 0 || style >= len(st.xfList) {
		return false
	}
	id, err := strconv.Atoi(attrOr(st.xfList[style], "", "numFmtId"))
	if err != nil {
		return false
	}
	if id == 9 || id == 10 {
		return true
	}
	return xlsx.IsPercentCode(st.numFmts[id]) // as the reader decides it
}

// highlight returns the index of a style like style but with the
// highlight fill, adding it on first use.
func (st *styleBook) highlight(style int) int {
	if style < 0 || style >= len(st.xfList) {
		style = 0
	}
	if id, ok := st.derived[style]; ok {
		return id
	}
	if st.highlightFill == 0 {
		st.highlightFill = st.addFill(highlightRGB)
	}
	id := st.addXF(st.xfList[style], map[string]string{"fillId": strconv.Itoa(st.highlightFill), "applyFill": "1"}, "")
	st.derived[style] = id
	return id
}

// koreksiStyles are the styles of the Koreksi sheet.
type koreksiStyles struct {
	title, header, body, link, number int
}

// addKoreksiStyles adds the Koreksi sheet's styles: a bold title, a bold
// header on grey, wrapped text, blue underlined links.
func (st *styleBook) addKoreksiStyles() koreksiStyles {
	font := func(extra, size string) int {
		st.newFonts = append(st.newFonts, fmt.Sprintf(`<font>%s<sz val="%s"/><name val="%s"/></font>`,
			extra, escapeXML(size), escapeXML(st.fontName)))
		return st.nFonts + len(st.newFonts) - 1
	}
	bold := font("<b/>", st.fontSz)
	big := font("<b/>", "14")
	link := font(`<u/><color rgb="`+linkRGB+`"/>`, st.fontSz)
	grey := st.addFill(headerRGB)
	top := `<alignment vertical="top" wrapText="1"/>`
	base := st.xfList[0]
	return koreksiStyles{
		title:  st.addXF(base, map[string]string{"fontId": strconv.Itoa(big), "applyFont": "1"}, ""),
		header: st.addXF(base, map[string]string{"fontId": strconv.Itoa(bold), "fillId": strconv.Itoa(grey), "applyFont": "1", "applyFill": "1", "applyAlignment": "1"}, top),
		body:   st.addXF(base, map[string]string{"applyAlignment": "1"}, top),
		link:   st.addXF(base, map[string]string{"fontId": strconv.Itoa(link), "applyFont": "1", "applyAlignment": "1"}, top),
		number: st.addXF(base, map[string]string{"numFmtId": "3", "applyNumberFormat": "1", "applyAlignment": "1"}, top),
	}
}

func (st *styleBook) addFill(rgb string) int {
	st.newFills = append(st.newFills, fmt.Sprintf(
		`<fill><patternFill patternType="solid"><fgColor rgb="%s"/><bgColor indexed="64"/></patternFill></fill>`, rgb))
	return st.nFills + len(st.newFills) - 1
}

// addXF adds a cell style made from base with some attributes set and,
// when inner is not empty, its content (alignment) replaced.
func (st *styleBook) addXF(base *element, set map[string]string, inner string) int {
	attrs := base.Attr
	for _, k := range []string{"numFmtId", "fontId", "fillId", "borderId", "applyNumberFormat", "applyFont", "applyFill", "applyAlignment"} {
		if v, ok := set[k]; ok {
			attrs = setAttr(attrs, k, v)
		}
	}
	if inner == "" && !base.selfClosing() {
		inner = string(st.data[base.OpenEnd:base.CloseStart])
	}
	name := base.Name
	var x string
	if inner == "" {
		x = startTag(name, attrs, true)
	} else {
		x = startTag(name, attrs, false) + withPrefix(inner, name.Space) + "</" + qname(name.Space, name.Local) + ">"
	}
	st.newXfs = append(st.newXfs, x)
	return len(st.xfList) + len(st.newXfs) - 1
}

// withPrefix writes the unprefixed elements of an XML fragment lkjip made
// with the given prefix.
func withPrefix(fragment, prefix string) string {
	if prefix == "" || strings.Contains(fragment, prefix+":") {
		return fragment
	}
	fragment = strings.ReplaceAll(fragment, "</", "\x00")
	fragment = strings.ReplaceAll(fragment, "<", "<"+prefix+":")
	return strings.ReplaceAll(fragment, "\x00", "</"+prefix+":")
}

// bytes returns the styles part with the new entries.
func (st *styleBook) bytes() []byte {
	var edits []edit
	add := func(c *element, n int, items []string) {
		if len(items) == 0 {
			return
		}
		counted := *c // its start tag with the new count
		if _, ok := c.attr("", "count"); ok {
			counted.Attr = setAttr(c.Attr, "count", strconv.Itoa(n+len(items)))
		}
		if !c.selfClosing() {
			edits = append(edits, edit{c.Start, c.OpenEnd, startTag(c.Name, counted.Attr, false)})
		}
		edits = append(edits, appendInside(&counted, withPrefix(strings.Join(items, ""), c.Name.Space)))
	}
	add(st.fonts, st.nFonts, st.newFonts)
	add(st.fills, st.nFills, st.newFills)
	add(st.xfs, len(st.xfList), st.newXfs)
	return applyEdits(st.data, edits)
}
