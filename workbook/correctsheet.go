package workbook

import (
	"encoding/xml"
	"errors"
	"slices"
	"strconv"

	"github.com/shopspring/decimal"

	"lkjip/calc"
)

// cellAt is a cell's row and column, 1-based.
type cellAt struct{ row, col int }

// cellFix is one correction as a worksheet part receives it, and how the
// cell was written.
type cellFix struct {
	cor calc.Correction

	// formula: the cell keeps a formula and its cached result is what
	// changed; its text is "" for a shared formula's follower.
	formula     bool
	formulaText string
	percent     bool   // a number shown as a percentage: the cell holds New ÷ 100
	text        bool   // written as text
	stored      string // what the cell now holds: the <v> or the text
}

// sheetMarks are the places in a worksheet part where the notes of its
// corrected cells hook in.
type sheetMarks struct {
	root      *element
	legacyID  string // r:id of the sheet's <legacyDrawing> (VML), "" when none
	drawingAt int    // where a <legacyDrawing> goes when the sheet has none
}

// lateElements are the worksheet children that come after legacyDrawing
// (ECMA-376 CT_Worksheet), so that one is inserted before the first of them.
var lateElements = []string{"legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls",
	"webPublishItems", "tableParts", "extLst", "AlternateContent"}

// cellScan rewrites the corrected cells of one worksheet part.
type cellScan struct {
	data  []byte
	fixes map[cellAt]*cellFix
	st    *styleBook
	rows  []int         // rows with fixes, in order
	cols  map[int][]int // columns with fixes, by row, in order
	watch map[int]bool  // columns with fixes: what kind of value they hold
	edits []edit
	marks sheetMarks

	sheetData           *element
	nextRow             int // index in rows of the next row with fixes not reached yet
	row, prevCol        int
	rowEl               *element
	pending             []int           // columns of the current row not written yet
	colStyle            map[int]int     // default style of a column (<col style>)
	textAbove           map[int]bool    // the nearest value above in a watched column is text
	blanks              map[int][]blank // fixed empty cells waiting to learn their column's kind
	cell                *element        // the cell being read, when fixed or watched
	cellCol             int             // its column
	fixing              bool            // the cell is fixed
	formula, extra      string          // raw <f> and other children of the fixed cell
	hasValue, isText    bool            // what the watched cell holds
	inSheetData, inCols bool
}

// patchCells returns the edits that write fixes into a worksheet part, and
// the part's landmarks.
func patchCells(data []byte, fixes map[cellAt]*cellFix, st *styleBook) ([]edit, sheetMarks, error) {
	s := &cellScan{data: data, fixes: fixes, st: st, cols: map[int][]int{}, watch: map[int]bool{},
		colStyle: map[int]int{}, textAbove: map[int]bool{}, blanks: map[int][]blank{}}
	for k := range fixes {
		if len(s.cols[k.row]) == 0 {
			s.rows = append(s.rows, k.row)
		}
		s.cols[k.row] = append(s.cols[k.row], k.col)
		s.watch[k.col] = true
	}
	slices.Sort(s.rows)
	for _, cs := range s.cols {
		slices.Sort(cs)
	}
	if err := scanXML(data, s.open, s.close); err != nil {
		return nil, s.marks, err
	}
	for col := range s.blanks {
		s.resolve(col, s.textAbove[col]) // nothing below: the nearest value above decides
	}
	if s.sheetData == nil {
		return nil, s.marks, errNoSheetData
	}
	if s.marks.drawingAt == 0 {
		s.marks.drawingAt = s.marks.root.CloseStart
	}
	return s.edits, s.marks, nil
}

var errNoSheetData = errors.New("lembar tanpa sheetData")

func (s *cellScan) open(e *element) error {
	switch {
	case e.Depth == 0:
		s.marks.root = e
	case e.Depth == 1:
		s.inSheetData, s.inCols = e.Name.Local == "sheetData", e.Name.Local == "cols"
		switch {
		case e.Name.Local == "legacyDrawing":
			for _, a := range e.Attr {
				if a.Name.Local == "id" && a.Name.Space != "" {
					s.marks.legacyID = a.Value
				}
			}
		case s.marks.drawingAt == 0 && slices.Contains(lateElements, e.Name.Local):
			s.marks.drawingAt = e.Start
		}
	case e.Depth == 2 && s.inCols && e.Name.Local == "col":
		lo, _ := strconv.Atoi(attrOr(e, "", "min"))
		hi, _ := strconv.Atoi(attrOr(e, "", "max"))
		if style, err := strconv.Atoi(attrOr(e, "", "style")); err == nil {
			for c := range s.watch {
				if c >= lo && c <= hi {
					s.colStyle[c] = style
				}
			}
		}
	case e.Depth == 2 && s.inSheetData && e.Name.Local == "row":
		r := s.row + 1
		if v, err := strconv.Atoi(attrOr(e, "", "r")); err == nil {
			r = v
		}
		s.insertRowsBefore(r, e.Start)
		s.row, s.prevCol, s.rowEl, s.pending = r, 0, e, nil
		if s.nextRow < len(s.rows) && s.rows[s.nextRow] == r {
			s.pending = slices.Clone(s.cols[r])
			s.nextRow++
		}
	case e.Depth == 3 && s.rowEl != nil && e.Name.Local == "c":
		col := s.prevCol + 1
		if ref, ok := e.attr("", "r"); ok {
			if c, _, ok := splitRef(ref); ok {
				col = c
			}
		}
		s.prevCol = col
		s.insertCellsBefore(col, e.Start)
		s.cell, s.cellCol = nil, col
		if s.watch[col] {
			s.cell, s.formula, s.extra, s.hasValue = e, "", "", false
			s.fixing = s.fixes[cellAt{s.row, col}] != nil
			s.isText = isTextType(attrValue(e.Attr, "t"))
		}
	}
	return nil
}

func (s *cellScan) close(e *element) error {
	switch {
	case e.Depth == 4 && s.cell != nil:
		switch e.Name.Local {
		case "f":
			s.formula = string(s.data[e.Start:e.End])
		case "v", "is":
			s.hasValue = s.hasValue || e.CloseStart > e.OpenEnd
		default:
			if s.fixing {
				s.extra += string(s.data[e.Start:e.End])
			}
		}
	case e.Depth == 3 && s.cell == e:
		key := cellAt{s.row, s.cellCol}
		empty := !s.hasValue && s.formula == ""
		switch {
		case s.fixing && empty:
			s.edits = append(s.edits, edit{e.Start, e.End, ""})
			s.wait(key, e.Attr, e.Name.Space, s.extra)
		case s.fixing:
			s.edits = append(s.edits, edit{e.Start, e.End, s.write(s.fixes[key], e.Attr, e.Name.Space, s.formula, s.extra, false)})
		}
		if s.fixing {
			s.pending = slices.DeleteFunc(s.pending, func(c int) bool { return c == key.col })
		}
		if !empty {
			s.textAbove[key.col] = s.isText
			s.resolve(key.col, s.isText)
		}
		s.cell, s.fixing = nil, false
	case e.Depth == 2 && e == s.rowEl:
		if len(s.pending) > 0 {
			end := "</" + qname(e.Name.Space, e.Name.Local) + ">"
			at := e.CloseStart
			if e.selfClosing() {
				s.edits = append(s.edits, edit{e.Start, e.End, startTag(e.Name, e.Attr, false)})
				at = e.End
			}
			s.newCells(s.row, s.pending, e.Name.Space, at)
			if e.selfClosing() {
				s.edits = append(s.edits, edit{at, at, end})
			}
		}
		s.rowEl, s.pending = nil, nil
	case e.Depth == 1 && e.Name.Local == "sheetData":
		s.sheetData = e
		at := e.CloseStart
		if e.selfClosing() {
			s.edits = append(s.edits, edit{e.Start, e.End, startTag(e.Name, e.Attr, false)})
		}
		s.insertRowsBefore(int(^uint(0)>>1), at)
		if e.selfClosing() {
			s.edits = append(s.edits, edit{e.End, e.End, "</" + qname(e.Name.Space, e.Name.Local) + ">"})
		}
		s.inSheetData = false
	case e.Depth == 1:
		s.inCols = false
	}
	return nil
}

// insertRowsBefore writes, at offset at, the rows with fixes numbered below
// r that the part does not have.
func (s *cellScan) insertRowsBefore(r, at int) {
	prefix := s.marks.root.Name.Space
	for s.nextRow < len(s.rows) && s.rows[s.nextRow] < r {
		row := s.rows[s.nextRow]
		s.nextRow++
		s.edits = append(s.edits, edit{at, at, "<" + qname(prefix, "row") + ` r="` + strconv.Itoa(row) + `">`})
		s.newCells(row, s.cols[row], prefix, at)
		s.edits = append(s.edits, edit{at, at, "</" + qname(prefix, "row") + ">"})
	}
}

// insertCellsBefore writes, at offset at, the fixed cells of the current
// row left of column col that the row does not have.
func (s *cellScan) insertCellsBefore(col, at int) {
	var before []int
	for len(s.pending) > 0 && s.pending[0] < col {
		before = append(before, s.pending[0])
		s.pending = s.pending[1:]
	}
	s.newCells(s.row, before, s.marks.root.Name.Space, at)
}

// newCells places, at offset at, fixed cells that the part does not have:
// empty cells, which take their row's or column's style.
func (s *cellScan) newCells(row int, cols []int, prefix string, at int) {
	for _, col := range cols {
		attrs := []xml.Attr{{Name: xml.Name{Local: "r"}, Value: calc.CellName(row, col)}}
		style := s.colStyle[col]
		if s.rowEl != nil && s.row == row && attrOr(s.rowEl, "", "customFormat") == "1" {
			style, _ = strconv.Atoi(attrOr(s.rowEl, "", "s"))
		}
		attrs = append(attrs, xml.Attr{Name: xml.Name{Local: "s"}, Value: strconv.Itoa(style)})
		s.edits = append(s.edits, edit{at, at, ""})
		s.wait(cellAt{row, col}, attrs, prefix, "")
	}
}

// blank is a fixed cell that was empty. Whether it is written as text or as
// a number is the kind of its column: of the first value below it (a
// parent's first child), or, at the bottom, the nearest above.
type blank struct {
	edit          int // its edit, written when the kind is known
	key           cellAt
	attrs         []xml.Attr
	prefix, extra string
}

// wait holds back the last edit, for an empty fixed cell, until its
// column's kind is known.
func (s *cellScan) wait(key cellAt, attrs []xml.Attr, prefix, extra string) {
	s.blanks[key.col] = append(s.blanks[key.col], blank{len(s.edits) - 1, key, attrs, prefix, extra})
}

// resolve writes the empty fixed cells of a column, now that its kind is
// known.
func (s *cellScan) resolve(col int, text bool) {
	for _, b := range s.blanks[col] {
		s.edits[b.edit].Text = s.write(s.fixes[b.key], b.attrs, b.prefix, "", b.extra, text)
	}
	delete(s.blanks, col)
}

// write writes a fixed cell. A formula keeps its formula and gets the new
// result; text stays text in the form it was typed; a number stays a
// number with its format (divided by 100 where the format shows a
// percentage). An empty cell is written as text when asText.
func (s *cellScan) write(f *cellFix, attrs []xml.Attr, prefix, formula, extra string, asText bool) string {
	style, _ := strconv.Atoi(attrValue(attrs, "s"))
	f.formula, f.formulaText = formula != "", formulaText(formula)
	f.text = isTextType(attrValue(attrs, "t")) || asText
	f.percent = !f.text && s.st.percent(style)
	attrs = dropAttr(setAttr(attrs, "s", strconv.Itoa(s.st.highlight(style))), "t")
	var value string
	switch {
	case f.text:
		f.stored = f.cor.Text()
		if formula != "" {
			attrs = setAttr(attrs, "t", "str")
			value = "<" + qname(prefix, "v") + ">" + escapeXML(f.stored) + "</" + qname(prefix, "v") + ">"
		} else {
			attrs = setAttr(attrs, "t", "inlineStr")
			value = "<" + qname(prefix, "is") + "><" + qname(prefix, "t") + ` xml:space="preserve">` + escapeXML(f.stored) +
				"</" + qname(prefix, "t") + "></" + qname(prefix, "is") + ">"
		}
	default:
		v := f.cor.New
		if f.percent {
			v = v.Shift(-2)
		}
		f.stored = numText(v)
		value = "<" + qname(prefix, "v") + ">" + f.stored + "</" + qname(prefix, "v") + ">"
	}
	name := xml.Name{Space: prefix, Local: "c"}
	return startTag(name, attrs, false) + formula + value + extra + "</" + qname(prefix, "c") + ">"
}

// isTextType reports whether a cell type holds text.
func isTextType(t string) bool { return t == "s" || t == "str" || t == "inlineStr" }

// attrValue returns the value of an unprefixed attribute, or "".
func attrValue(attrs []xml.Attr, local string) string {
	for _, a := range attrs {
		if a.Name.Space == "" && a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// formulaText is the formula of a raw <f> element ("" for a shared
// formula's follower, which has none of its own).
func formulaText(raw string) string {
	if raw == "" {
		return ""
	}
	var f struct {
		Text string `xml:",chardata"`
	}
	if xml.Unmarshal([]byte(raw), &f) != nil {
		return ""
	}
	return f.Text
}

// numText writes a number into a cell the way a spreadsheet stores it: an
// IEEE double. As in layout.num, this is the one place where an exact
// amount meets the file format: for up to 15 significant digits (every
// amount up to 9.999.999.999.999,99) the digits written are exactly the
// decimal's; beyond that, the nearest double's shortest form.
func numText(d decimal.Decimal) string {
	f, err := strconv.ParseFloat(d.String(), 64)
	if err != nil {
		return d.String()
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}
