package workbook

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// readODS reads an OpenDocument spreadsheet (.ods, as LibreOffice and
// Gnumeric save it). content.xml is decoded as a token stream, so memory
// follows the cells that hold something: runs of empty rows and cells
// ("number-rows-repeated=1048000", as LibreOffice writes after the data)
// only move the position, and a repeated non-empty row or cell is copied
// out only within the row and column limits.
func readODS(ctx context.Context, name string, data []byte, lim Limits) ([]*sheet, docInfo, error) {
	zr, err := openZip(name, data)
	if err != nil {
		return nil, docInfo{}, err
	}
	if err := checkInflated(name, zr, nil, lim); err != nil {
		return nil, docInfo{}, err
	}
	if manifest, err := readZipPart(zr, "META-INF/manifest.xml", 1<<20); err == nil && bytes.Contains(manifest, []byte("encryption-data")) {
		return nil, docInfo{}, inputErr(name, "%w; kata sandi .ods belum didukung: buka di LibreOffice lalu simpan tanpa kata sandi", ErrPassword)
	}
	var info docInfo
	if meta, err := readZipPart(zr, "meta.xml", 1<<20); err == nil {
		info = odsMeta(meta)
	}
	f := zipFile(zr, "content.xml")
	if f == nil {
		return nil, info, inputErr(name, "%w: content.xml tidak ada", ErrDamaged)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, info, inputErr(name, "%w: %s", ErrDamaged, damageText(err))
	}
	defer rc.Close()
	p := &odsParser{file: name, lim: lim, budget: newCellBudget(name, lim), dec: xml.NewDecoder(&runGuard{r: rc})}
	sheets, err := p.parse(ctx)
	if err != nil {
		return nil, info, err
	}
	return sheets, info, nil
}

// zipFile finds a part of a zip by name.
func zipFile(zr *zip.Reader, name string) *zip.File {
	for _, f := range zr.File {
		if partName(f) == name {
			return f
		}
	}
	return nil
}

// readZipPart reads a small part of a zip, refusing one above limit bytes.
func readZipPart(zr *zip.Reader, name string, limit int64) ([]byte, error) {
	f := zipFile(zr, name)
	if f == nil {
		return nil, fmt.Errorf("bagian %s tidak ada", name)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("bagian %s lebih dari %s", name, mib(limit))
	}
	return b, nil
}

// odsMeta reads the document properties of meta.xml.
func odsMeta(b []byte) docInfo {
	var m struct {
		Title       string `xml:"meta>title"`
		Subject     string `xml:"meta>subject"`
		Description string `xml:"meta>description"`
		Keywords    string `xml:"meta>keyword"`
	}
	if xml.Unmarshal(b, &m) != nil {
		return docInfo{}
	}
	return docInfo{Title: m.Title, Subject: m.Subject, Description: m.Description, Keywords: m.Keywords}
}

// odsParser walks content.xml.
type odsParser struct {
	file   string
	lim    Limits
	budget *cellBudget
	dec    *xml.Decoder
	sheets []*sheet
	s      *sheet
	row    int // sheet row of the next table-row (1-based)
	col    int // column of the next cell in the row
	cells  []cell
	spans  []rect // merges started in the current row, row 0 for "this row"
	rowRep int
	hidden bool
	colNo  int
	depth  xmlDepth
}

// damaged reports content.xml as damaged. Its errors come from the XML
// decoder, the zip part under it (through runGuard) and the depth guard:
// never a limit or the end of the context, which parse checks itself.
func (p *odsParser) damaged(err error) error {
	return inputErr(p.file, "%w: content.xml: %s", ErrDamaged, damageText(err))
}

const odsMaxRepeat = 1 << 24 // a count beyond any sheet: only moves the position

func (p *odsParser) parse(ctx context.Context) ([]*sheet, error) {
	for n := 0; ; n++ {
		if n%8192 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		tok, err := p.dec.Token()
		if err != nil {
			if err = xmlEnd(err, p.depth); err == nil {
				break
			}
			return nil, p.damaged(err)
		}
		if err := p.depth.step(tok); err != nil {
			return nil, p.damaged(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if err := p.start(t); err != nil {
				return nil, err
			}
		case xml.EndElement:
			if err := p.end(t); err != nil {
				return nil, err
			}
		}
	}
	for _, s := range p.sheets {
		s.clampMerges(p.lim)
	}
	return p.sheets, nil
}

// attr returns an attribute by local name.
func attr(e xml.StartElement, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// repeat reads a repeat or span count: at least 1, at most odsMaxRepeat.
func repeat(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return 1
	}
	return min(n, odsMaxRepeat)
}

func (p *odsParser) start(e xml.StartElement) error {
	switch e.Name.Local {
	case "table":
		if !strings.HasSuffix(e.Name.Space, ":table:1.0") {
			return nil
		}
		p.s = &sheet{File: p.file, Name: attr(e, "name"), Hidden: map[int]bool{}}
		p.sheets = append(p.sheets, p.s)
		p.row, p.colNo = 1, 0
	case "table-column":
		if p.s == nil {
			return nil
		}
		n := repeat(attr(e, "number-columns-repeated"))
		hidden := isHiddenVisibility(attr(e, "visibility"))
		for i := 0; i < n && p.colNo < p.lim.MaxCols; i++ {
			p.colNo++
			if hidden {
				if p.s.HiddenCols == nil {
					p.s.HiddenCols = map[int]bool{}
				}
				p.s.HiddenCols[p.colNo] = true
			}
		}
	case "table-row":
		if p.s == nil {
			return nil
		}
		p.col, p.cells, p.spans = 1, p.cells[:0], p.spans[:0]
		p.rowRep = repeat(attr(e, "number-rows-repeated"))
		p.hidden = isHiddenVisibility(attr(e, "visibility"))
	case "table-cell", "covered-table-cell":
		if p.s == nil {
			return nil
		}
		return p.cell(e)
	}
	return nil
}

func isHiddenVisibility(v string) bool { return v == "collapse" || v == "filter" }

func (p *odsParser) end(e xml.EndElement) error {
	switch e.Name.Local {
	case "table":
		if strings.HasSuffix(e.Name.Space, ":table:1.0") {
			p.s = nil
		}
	case "table-row":
		if p.s == nil {
			return nil
		}
		return p.endRow()
	}
	return nil
}

// cell reads one cell element and its text, placing it (repeated as it
// says) in the current row.
func (p *odsParser) cell(e xml.StartElement) error {
	n := repeat(attr(e, "number-columns-repeated"))
	c := cell{}
	if f := attr(e, "formula"); f != "" {
		c.Formula = odsFormula(f)
	}
	text, err := p.cellText(e)
	if err != nil {
		return err
	}
	vt := attr(e, "value-type")
	numeric := vt == "float" || vt == "currency" || vt == "percentage"
	v, isNum := storedNumber(attr(e, "value"))
	switch {
	case numeric && isNum:
		c.Kind, c.Text, c.Percent = cellNumber, v, vt == "percentage"
	case vt == "boolean":
		c.Kind, c.Text = cellBool, attr(e, "boolean-value")
	case c.Formula != "" && (numeric || vt == ""):
		// A formula without its result: the text shown, if any, is stale.
		c.NoCache = true
	case text != "":
		c.Kind, c.Text = cellText, text
	}
	rows, cols := repeat(attr(e, "number-rows-spanned")), repeat(attr(e, "number-columns-spanned"))
	if e.Name.Local == "table-cell" && (rows > 1 || cols > 1) && p.col <= p.lim.MaxCols {
		p.spans = append(p.spans, rect{0, p.col, rows - 1, p.col + cols - 1})
	}
	if c.empty() {
		p.col += n
		return nil
	}
	if p.col+n-1 > p.lim.MaxCols {
		return tooLarge(p.file, p.s.Name, LimitCols, "memakai %d kolom", p.col+n-1, p.lim.MaxCols)
	}
	for len(p.cells) < p.col-1 {
		p.cells = append(p.cells, cell{})
	}
	for i := 0; i < n; i++ {
		p.cells = append(p.cells, c)
	}
	p.col += n
	return nil
}

// cellText gathers the paragraphs of a cell up to its end tag, skipping
// comments (office:annotation) and expanding text:s, text:tab and
// text:line-break.
func (p *odsParser) cellText(start xml.StartElement) (string, error) {
	sv := attr(start, "string-value")
	var b strings.Builder
	depth, paragraphs, skip := 0, 0, 0
	for {
		tok, err := p.dec.Token()
		if err != nil {
			return "", p.damaged(xmlEnd(err, p.depth+1))
		}
		if err := p.depth.step(tok); err != nil {
			return "", p.damaged(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch {
			case skip > 0 || t.Name.Local == "annotation":
				skip++
			case t.Name.Local == "p" || t.Name.Local == "h":
				if paragraphs > 0 {
					b.WriteByte('\n')
				}
				paragraphs++
			case t.Name.Local == "s":
				b.WriteString(strings.Repeat(" ", min(repeat(attr(t, "c")), 1000)))
			case t.Name.Local == "tab":
				b.WriteByte('\t')
			case t.Name.Local == "line-break":
				b.WriteByte('\n')
			}
		case xml.EndElement:
			if depth == 0 {
				if sv != "" {
					return sv, nil
				}
				return b.String(), nil
			}
			depth--
			if skip > 0 {
				skip--
			}
		case xml.CharData:
			if skip == 0 && depth > 0 {
				b.Write(t)
			}
		}
	}
}

// endRow places the row just read, as many times as it repeats. An empty
// row (LibreOffice writes a million of them after the data) only moves the
// position; a non-empty one is copied out within the row limit.
func (p *odsParser) endRow() error {
	n := p.rowRep
	if len(p.cells) == 0 && len(p.spans) == 0 {
		p.row = min(p.row+n, p.lim.MaxRows+1)
		return nil
	}
	if len(p.cells) == 0 {
		n = 1 // merged empty cells: one copy says all there is
	} else if p.row+n-1 > p.lim.MaxRows {
		return tooLarge(p.file, p.s.Name, LimitRows, "berisi %d baris", p.row+n-1, p.lim.MaxRows)
	}
	for i := 0; i < n && p.row <= p.lim.MaxRows; i++ {
		for _, m := range p.spans {
			p.s.Merges = append(p.s.Merges, rect{p.row, m.c1, p.row + m.r2, m.c2})
		}
		if len(p.s.Merges) > p.lim.MaxRows {
			return tooLarge(p.file, p.s.Name, LimitCells, "berisi %d sel gabungan", len(p.s.Merges), p.lim.MaxRows)
		}
		if len(p.cells) > 0 {
			if err := p.budget.take(len(p.cells)); err != nil {
				return err
			}
			for len(p.s.Rows) < p.row-1 {
				p.s.Rows = append(p.s.Rows, nil)
			}
			p.s.Rows = append(p.s.Rows, append([]cell(nil), p.cells...))
			if p.hidden {
				p.s.Hidden[p.row] = true
			}
		}
		p.row++
	}
	p.row = min(p.row+p.rowRep-n, p.lim.MaxRows+1)
	return nil
}

// odsFormula turns an OpenFormula ("of:=SUM([.C5:.C9])") into the A1 form
// used everywhere else ("SUM(C5:C9)"), for messages and evaluation.
func odsFormula(f string) string {
	if i := strings.Index(f, ":="); i >= 0 && i < 8 {
		f = f[i+2:]
	}
	f = strings.TrimPrefix(f, "=")
	var b strings.Builder
	inStr := false
	for i := 0; i < len(f); i++ {
		ch := f[i]
		switch {
		case ch == '"':
			inStr = !inStr
			b.WriteByte(ch)
		case inStr:
			b.WriteByte(ch)
		case ch == '[':
			end := strings.IndexByte(f[i:], ']')
			if end < 0 {
				b.WriteString(f[i:])
				return b.String()
			}
			b.WriteString(odsRef(f[i+1 : i+end]))
			i += end
		case ch == ';':
			b.WriteByte(',')
		default:
			b.WriteByte(ch)
		}
	}
	return b.String()
}

// odsRef converts ".C5:.C9", "$Sheet2.A1" or "'Data 1'.B2" to A1 form.
func odsRef(r string) string {
	parts := strings.Split(r, ":")
	for i, part := range parts {
		sheetName, cellRef, ok := strings.Cut(part, ".")
		for ok && strings.Contains(cellRef, ".") { // a dot inside a quoted sheet name
			var more string
			more, cellRef, _ = strings.Cut(cellRef, ".")
			sheetName += "." + more
		}
		if !ok {
			parts[i] = part
			continue
		}
		sheetName = strings.TrimPrefix(sheetName, "$")
		if sheetName == "" || i > 0 {
			parts[i] = cellRef
			continue
		}
		if !strings.HasPrefix(sheetName, "'") {
			sheetName = "'" + sheetName + "'"
		}
		parts[i] = sheetName + "!" + cellRef
	}
	return strings.Join(parts, ":")
}
