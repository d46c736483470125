package workbook

import (
	"context"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// readHTML reads an HTML page (the "export to Excel" of many web systems,
// saved with an .xls name) as one sheet, laid out as Excel shows such a
// page: each line of text outside a table is a row with one cell, and the
// tables follow one another in page order. Cells spanning rows or columns
// become merged ranges; rows and columns styled display:none are hidden.
// Excel's own HTML (x:num, x:fmla) gives stored numbers and formulas;
// everything else is text, read as typed.
//
// The page is tokenised, not parsed into a tree, so memory stays near the
// size of the sheet itself; sloppy markup (cells and rows never closed) is
// closed where the next one starts.
func readHTML(ctx context.Context, name string, data []byte, lim Limits) ([]*sheet, docInfo, error) {
	text := htmlText(data)
	b := &htmlBuilder{s: &sheet{File: name, Name: htmlSheetName(text, name), Hidden: map[int]bool{}}, lim: lim, budget: newCellBudget(name, lim)}
	z := html.NewTokenizer(strings.NewReader(text))
	z.SetMaxBuf(maxXMLRun)
	var info docInfo
	skip := 0 // inside script or style
	inTitle := false
	for tokens := 0; ; tokens++ {
		if tokens%8192 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, info, err
			}
		}
		tt := z.Next()
		if tt == html.ErrorToken {
			if err := z.Err(); !errors.Is(err, io.EOF) {
				return nil, info, inputErr(name, "%w: HTML: %s", ErrDamaged, htmlErrText(err))
			}
			break
		}
		switch tt {
		case html.TextToken:
			if skip > 0 {
				continue
			}
			t := string(z.Text())
			if inTitle {
				info.Title += t
				continue
			}
			b.text(t)
		case html.StartTagToken, html.SelfClosingTagToken:
			tn, hasAttr := z.TagName()
			tag := string(tn)
			attrs := map[string]string{}
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				attrs[string(k)] = string(v)
			}
			switch tag {
			case "script", "style":
				if tt == html.StartTagToken {
					skip++
				}
			case "title":
				inTitle = tt == html.StartTagToken
			default:
				if err := b.start(tag, attrs); err != nil {
					return nil, info, err
				}
			}
		case html.EndTagToken:
			tn, _ := z.TagName()
			switch tag := string(tn); tag {
			case "script", "style":
				skip = max(0, skip-1)
			case "title":
				inTitle = false
			default:
				if err := b.end(tag); err != nil {
					return nil, info, err
				}
			}
		}
		if b.err != nil {
			return nil, info, b.err
		}
	}
	if err := b.finish(); err != nil {
		return nil, info, err
	}
	info.Title = cleanText(info.Title)
	return []*sheet{b.s}, info, nil
}

// htmlErrText words the tokenizer's errors.
func htmlErrText(err error) string {
	if errors.Is(err, html.ErrBufferExceeded) {
		return errXMLRun.Error()
	}
	return err.Error()
}

// htmlText decodes a page: a charset named in a meta tag wins unless the
// bytes say otherwise (a page that is valid UTF-8 is read as UTF-8).
func htmlText(data []byte) string {
	if e, cs, _ := charset.DetermineEncoding(data, ""); e != nil && cs != "utf-8" && cs != "windows-1252" {
		if out, err := e.NewDecoder().Bytes(data); err == nil {
			return string(out)
		}
	}
	return decodeText(data)
}

// excelSheetName finds the sheet name in Excel's own HTML.
var excelSheetName = regexp.MustCompile(`(?i)<x:Name>([^<]{1,31})</x:Name>`)

func htmlSheetName(text, file string) string {
	if m := excelSheetName.FindStringSubmatch(text[:min(len(text), 64<<10)]); m != nil {
		return html.UnescapeString(strings.TrimSpace(m[1]))
	}
	return baseSheetName(file)
}

// htmlBuilder lays the page's text lines and tables out on one sheet.
type htmlBuilder struct {
	s      *sheet
	lim    Limits
	budget *cellBudget
	err    error
	line   strings.Builder // text outside tables, until the next block
	tabs   []*htmlTable    // open tables, innermost last
}

// htmlTable is a table being laid out: its rows go straight onto the sheet.
type htmlTable struct {
	top          int   // sheet row of the table's first row, 0 before it
	row          int   // sheet row being filled, 0 before the first <tr>
	col          int   // next free column (1-based) in the row
	coveredUntil []int // per column: last sheet row a row-spanning cell covers
	colNo        int   // <col> elements seen, for hidden columns
	cell         *htmlCell
	hiddenRow    bool
}

// htmlCell is a cell being read.
type htmlCell struct {
	row, col, rows, cols int
	text                 strings.Builder
	num, formula         string
	hasNum               bool
}

// blockTags end a line of text outside tables.
var blockTags = map[string]bool{"p": true, "div": true, "br": true, "h1": true, "h2": true, "h3": true,
	"h4": true, "h5": true, "h6": true, "li": true, "ul": true, "ol": true, "center": true, "hr": true,
	"body": true, "caption": true}

func (b *htmlBuilder) text(t string) {
	if tb := b.cur(); tb != nil {
		if tb.cell != nil {
			tb.cell.text.WriteString(t)
		} else if tb.row == 0 && strings.TrimSpace(t) != "" {
			b.line.WriteString(t) // a caption typed straight into the table
		}
		return
	}
	b.line.WriteString(t)
}

func (b *htmlBuilder) cur() *htmlTable {
	if len(b.tabs) == 0 {
		return nil
	}
	return b.tabs[len(b.tabs)-1]
}

func (b *htmlBuilder) start(tag string, attrs map[string]string) error {
	tb := b.cur()
	switch tag {
	case "table":
		if tb != nil {
			tb.endCell(b)
		}
		if len(b.tabs) >= maxXMLDepth {
			return inputErr(b.s.File, "%w: HTML: tabel di dalam tabel lebih dari %d tingkat", ErrDamaged, maxXMLDepth)
		}
		b.flushLine()
		b.tabs = append(b.tabs, &htmlTable{})
		return nil
	case "br":
		if tb != nil && tb.cell != nil {
			tb.cell.text.WriteByte('\n')
			return nil
		}
	}
	if tb == nil {
		if blockTags[tag] {
			b.flushLine()
		}
		return nil
	}
	switch tag {
	case "tr":
		tb.endRow(b)
		if len(b.s.Rows) >= b.lim.MaxRows {
			return tooLarge(b.s.File, b.s.Name, LimitRows, "berisi lebih dari %d baris", b.lim.MaxRows, b.lim.MaxRows)
		}
		b.s.Rows = append(b.s.Rows, nil)
		tb.row, tb.col = len(b.s.Rows), 1
		if tb.top == 0 {
			tb.top = tb.row
		}
		tb.hiddenRow = hiddenStyle(attrs["style"])
	case "td", "th":
		if tb.row == 0 {
			if err := b.start("tr", nil); err != nil {
				return err
			}
		}
		tb.endCell(b)
		for tb.col < len(tb.coveredUntil) && tb.coveredUntil[tb.col] >= tb.row {
			tb.col++
		}
		c := &htmlCell{row: tb.row, col: tb.col, rows: spanOf(attrs["rowspan"], b.lim.MaxRows), cols: spanOf(attrs["colspan"], b.lim.MaxCols)}
		if tb.col+c.cols-1 > b.lim.MaxCols {
			return tooLarge(b.s.File, b.s.Name, LimitCols, "memakai %d kolom", tb.col+c.cols-1, b.lim.MaxCols)
		}
		c.num, c.hasNum = attrs["x:num"]
		c.formula = strings.TrimPrefix(attrs["x:fmla"], "=")
		tb.cell = c
	case "col":
		n := spanOf(attrs["span"], b.lim.MaxCols)
		for i := 0; i < n && tb.colNo < b.lim.MaxCols; i++ {
			tb.colNo++
			if hiddenStyle(attrs["style"]) {
				if b.s.HiddenCols == nil {
					b.s.HiddenCols = map[int]bool{}
				}
				b.s.HiddenCols[tb.colNo] = true
			}
		}
	}
	return nil
}

func (b *htmlBuilder) end(tag string) error {
	tb := b.cur()
	if tb == nil {
		if blockTags[tag] {
			b.flushLine()
		}
		return nil
	}
	switch tag {
	case "td", "th":
		tb.endCell(b)
	case "tr":
		tb.endRow(b)
	case "caption":
		b.flushLine()
	case "table":
		tb.endRow(b)
		b.tabs = b.tabs[:len(b.tabs)-1]
	}
	return b.err
}

// finish closes what the page left open.
func (b *htmlBuilder) finish() error {
	for len(b.tabs) > 0 {
		if err := b.end("table"); err != nil {
			return err
		}
	}
	b.flushLine()
	for len(b.s.Rows) > 0 && len(b.s.Rows[len(b.s.Rows)-1]) == 0 {
		b.s.Rows = b.s.Rows[:len(b.s.Rows)-1]
	}
	return nil
}

// flushLine writes the text outside tables gathered so far as a row.
func (b *htmlBuilder) flushLine() {
	t := b.line.String()
	b.line.Reset()
	if strings.TrimSpace(t) == "" {
		return
	}
	if len(b.s.Rows) >= b.lim.MaxRows {
		b.err = tooLarge(b.s.File, b.s.Name, LimitRows, "berisi lebih dari %d baris", b.lim.MaxRows, b.lim.MaxRows)
		return
	}
	b.s.Rows = append(b.s.Rows, []cell{{Text: strings.TrimSpace(t), Kind: cellText}})
}

func (tb *htmlTable) endRow(b *htmlBuilder) {
	tb.endCell(b)
	if tb.row > 0 && tb.hiddenRow {
		b.s.Hidden[tb.row] = true
	}
	tb.hiddenRow = false
}

// endCell places the open cell on the sheet.
func (tb *htmlTable) endCell(b *htmlBuilder) {
	c := tb.cell
	if c == nil {
		return
	}
	tb.cell = nil
	v := cell{Formula: c.formula}
	text := strings.TrimSpace(c.text.String())
	switch {
	case c.hasNum && strings.TrimSpace(c.num) != "":
		if n, ok := storedNumber(c.num); ok {
			v.Kind, v.Text = cellNumber, n
			v.Percent = strings.HasSuffix(text, "%")
			break
		}
		fallthrough
	case text != "":
		v.Kind, v.Text = cellText, text
	case c.formula != "":
		v.NoCache = true
	}
	if !v.empty() {
		row := &b.s.Rows[c.row-1]
		if n := c.col - len(*row); n > 0 {
			if err := b.budget.take(n); err != nil && b.err == nil {
				b.err = err
				return
			}
			*row = append(*row, make([]cell, n)...)
		}
		(*row)[c.col-1] = v
	}
	if c.rows > 1 || c.cols > 1 {
		last := min(c.row+c.rows-1, b.lim.MaxRows)
		b.s.Merges = append(b.s.Merges, rect{c.row, c.col, last, c.col + c.cols - 1})
		for len(tb.coveredUntil) < c.col+c.cols {
			tb.coveredUntil = append(tb.coveredUntil, 0)
		}
		for cc := c.col; cc < c.col+c.cols; cc++ {
			tb.coveredUntil[cc] = last
		}
	}
	tb.col = c.col + c.cols
}

// spanOf reads a rowspan or colspan, between 1 and the limit.
func spanOf(s string, limit int) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 1 {
		return 1
	}
	return min(n, limit)
}

// hiddenStyle recognises the inline styles that hide a row or column.
func hiddenStyle(style string) bool {
	s := strings.ReplaceAll(strings.ToLower(style), " ", "")
	return strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden")
}
