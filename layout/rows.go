package layout

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"os"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
)

// rowStream writes the rows of one large sheet itself, to a temporary
// file, instead of through excelize's StreamWriter.SetRow, which spends
// most of a large report's writing time on generic cell handling. The XML
// is what SetRow writes, byte for byte, for the values the report uses
// (text, float64, integers, booleans, formulas with a cached value), given
// as excelize cells (row) or, for the budget rows, as unboxed rowCells
// (typedRow); the sheet's StreamWriter still writes everything else (columns, panes,
// merges, conditional formats, comments, page setup) with no rows, and
// zipWriter splices these rows into its sheetData when the file is saved.
//
// The rows are compressed as they are written, on the other cores, in
// blocks that end on a byte boundary; the splice appends the compressed
// blocks to the part as they are, so the rows cost no compression time
// when the file is saved and the temporary file holds them compressed.
type rowStream struct {
	part string     // the worksheet's part, "xl/worksheets/sheet2.xml"
	cols [26]string // column names A to Z, made once
	file *os.File
	fw   *bufio.Writer // to file
	pw   *partWriter   // compresses into fw
	w    *bufio.Writer // into pw
	line []byte        // a row's XML, while the row is written
	num  []byte        // a cell's number, while the cell is written
	ref  []byte        // the row's number, while the row is written
	done bool
}

func newRowStream(part string) (*rowStream, error) {
	f, err := os.CreateTemp("", "lkjip-rows-*.deflate")
	if err != nil {
		return nil, fmt.Errorf("rows of %s: %w", part, err)
	}
	r := &rowStream{part: part, file: f, fw: bufio.NewWriterSize(f, 256<<10), num: make([]byte, 0, 64), ref: make([]byte, 0, 24)}
	r.pw = &partWriter{out: r.fw, workers: max(1, runtime.GOMAXPROCS(0)), free: make(chan []byte, 8), fws: newDeflaters(), outs: make(chan []byte, 8)}
	r.w = bufio.NewWriterSize(r.pw, 64<<10)
	for i := range r.cols {
		r.cols[i] = colName(i + 1)
	}
	return r, nil
}

// remove deletes the temporary file.
func (r *rowStream) remove() {
	r.file.Close()
	os.Remove(r.file.Name())
}

// finish ends the rows: every block compressed and on file.
func (r *rowStream) finish() error {
	if r.done {
		return nil
	}
	r.done = true
	if err := r.w.Flush(); err != nil {
		return err
	}
	if err := r.pw.flushBlocks(); err != nil {
		return err
	}
	return r.fw.Flush()
}

// appendTo appends the compressed rows to part p.
func (r *rowStream) appendTo(p *partWriter) error {
	if err := r.finish(); err != nil {
		return err
	}
	if _, err := r.file.Seek(0, io.SeekStart); err != nil {
		return err
	}
	return p.appendDeflated(bufio.NewReaderSize(r.file, 256<<10), r.pw.crc, r.pw.size, r.pw.csize)
}

// row writes row number row, its cells from column A (nil cells are
// skipped), as StreamWriter.SetRow does.
func (r *rowStream) row(row int, cells []any, opts excelize.RowOpts) error {
	b, err := r.startRow(row, opts)
	if err != nil {
		return err
	}
	for i, v := range cells {
		if v == nil {
			continue
		}
		if b, err = r.appendCell(b, i+1, row, v); err != nil {
			return err
		}
	}
	return r.endRow(b)
}

// typedRow is row for cells of known kinds, which need no boxing.
func (r *rowStream) typedRow(row int, cells []rowCell, opts excelize.RowOpts) error {
	b, err := r.startRow(row, opts)
	if err != nil {
		return err
	}
	for i := range cells {
		c := &cells[i]
		var x cellValue
		if c.isNumber {
			x = r.number(c.number)
		} else {
			x = r.text(c.text, c.formula != nil)
		}
		b = appendCellXML(b, r.col(i+1), r.ref, c.style, c.formula, x)
	}
	return r.endRow(b)
}

// startRow starts the XML of row number row in r.line, and keeps the
// row's number in r.ref for its cells.
func (r *rowStream) startRow(row int, opts excelize.RowOpts) ([]byte, error) {
	if opts.OutlineLevel > 7 || opts.Height > excelize.MaxRowHeight || opts.StyleID != 0 || opts.Hidden {
		return nil, fmt.Errorf("row %d: options not supported by the row writer", row)
	}
	r.ref = strconv.AppendInt(r.ref[:0], int64(row), 10)
	b := append(r.line[:0], `<row r="`...)
	b = append(append(b, r.ref...), '"')
	if opts.Height > 0 {
		b = append(b, ` ht="`...)
		b = strconv.AppendFloat(b, opts.Height, 'f', -1, 64)
		b = append(b, `" customHeight="1"`...)
	}
	if opts.OutlineLevel > 0 {
		b = append(b, ` outlineLevel="`...)
		b = strconv.AppendInt(b, int64(opts.OutlineLevel), 10)
		b = append(b, '"')
	}
	return append(b, '>'), nil
}

// endRow ends the row's XML and writes it.
func (r *rowStream) endRow(b []byte) error {
	r.line = append(b, `</row>`...)
	_, err := r.w.Write(r.line)
	return err
}

// col is the name of a 1-based column.
func (r *rowStream) col(col int) string {
	if col <= len(r.cols) && r.cols[col-1] != "" {
		return r.cols[col-1]
	}
	return colName(col)
}

// cellValue is a cell's value as appendCellXML writes it.
type cellValue struct {
	t      string // the cell's type attribute
	val    string // its text, escaped for an inline string
	digits []byte // a number's text, written as it is (val then is "")
	inline bool   // val goes in <is><t>, not in <v>
	space  bool   // val starts or ends with white space
}

// text is the value of a text cell, with a formula or not, as excelize's
// writeCell has it.
func (r *rowStream) text(s string, formula bool) cellValue {
	if formula {
		return cellValue{t: "str", val: cellText(s, false), space: edgeSpace(s)}
	}
	return cellValue{t: "inlineStr", val: cellText(s, true), space: edgeSpace(s), inline: true}
}

// number is the value of a number cell. Its digits are in r.num until the
// next cell.
func (r *rowStream) number(x float64) cellValue {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return cellValue{t: "inlineStr", val: cellText(fmt.Sprint(x), true), inline: true}
	}
	return cellValue{digits: appendFloat(r.num[:0], x)}
}

// appendCell appends one cell of row number row (also in r.ref) as
// excelize's writeCell writes it.
func (r *rowStream) appendCell(b []byte, col, row int, v any) ([]byte, error) {
	style, formula := 0, ""
	switch c := v.(type) {
	case excelize.Cell:
		style, formula, v = c.StyleID, c.Formula, c.Value
	case *excelize.Cell:
		style, formula, v = c.StyleID, c.Formula, c.Value
	case sourced:
		style, formula, v = c.StyleID, c.Formula, c.Value
	}
	var x cellValue
	if formula != "" {
		x.t = "str"
	}
	switch v := v.(type) {
	case nil:
	case string:
		x = r.text(v, formula != "")
	case float64:
		x = r.number(v)
	case int:
		x = cellValue{digits: strconv.AppendInt(r.num[:0], int64(v), 10)}
	case int64:
		x = cellValue{digits: strconv.AppendInt(r.num[:0], v, 10)}
	case int32:
		x = cellValue{digits: strconv.AppendInt(r.num[:0], int64(v), 10)}
	case bool:
		x = cellValue{t: "b", val: "0"}
		if v {
			x.val = "1"
		}
	default:
		return b, fmt.Errorf("%s: value of type %T not supported by the row writer", cellName(col, row), v)
	}
	return appendCellXML(b, r.col(col), r.ref, style, formula, x), nil
}

// appendCellXML appends a cell's XML: its column's name and row's number,
// style, formula (text or bytes) and value.
func appendCellXML[F string | []byte](b []byte, col string, row []byte, style int, formula F, x cellValue) []byte {
	b = append(b, `<c`...)
	if x.space && !x.inline {
		b = append(b, ` xml:space="preserve"`...)
	}
	b = append(append(append(b, ` r="`...), col...), row...)
	b = append(b, '"')
	if style != 0 {
		b = strconv.AppendInt(append(b, ` s="`...), int64(style), 10)
		b = append(b, '"')
	}
	if x.t != "" {
		b = append(append(append(b, ` t="`...), x.t...), '"')
	}
	b = append(b, '>')
	if len(formula) > 0 {
		b = append(appendEscaped(append(b, `<f>`...), formula), `</f>`...)
	}
	switch {
	case x.inline:
		b = append(b, `<is><t`...)
		if x.space {
			b = append(b, ` xml:space="preserve"`...)
		}
		b = append(append(append(b, '>'), x.val...), `</t></is>`...)
	case x.digits != nil:
		b = append(append(append(b, `<v>`...), x.digits...), `</v>`...)
	case x.val != "":
		b = append(appendEscaped(append(b, `<v>`...), x.val), `</v>`...)
	}
	return append(b, `</c>`...)
}

// edgeSpace reports whether text starts or ends with white space, which
// excelize marks xml:space="preserve".
func edgeSpace(s string) bool {
	if s == "" {
		return false
	}
	isWS := func(c byte) bool { return c == 9 || c == 10 || c == 13 || c == 32 }
	return isWS(s[0]) || isWS(s[len(s)-1])
}

// cellText prepares text as excelize's trimCellValue does: cut to 32 767
// UTF-16 units, escaped for an inline string (with line breaks kept as
// they are), and _xHHHH_ sequences protected.
func cellText(s string, escape bool) string {
	if len(s) > maxCellChars {
		s = truncateUTF16(s, maxCellChars)
	}
	if escape && s != "" && !plainXML(s) {
		var b strings.Builder
		_ = xml.EscapeText(&b, []byte(s))
		s = strings.ReplaceAll(b.String(), "&#xA;", "\n")
	}
	if strings.Contains(s, "_x") {
		s = bstrMarshal(s)
	}
	return s
}

// maxCellChars is the most characters (UTF-16 units) a cell holds.
const maxCellChars = 32767

func truncateUTF16(s string, n int) string {
	cnt := 0
	for i, r := range s {
		if cnt += utf16.RuneLen(r); cnt > n {
			return s[:i]
		}
	}
	return s
}

// plainXML reports whether s needs no escaping at all.
func plainXML(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20 || c >= 0x80, c == '<', c == '>', c == '&', c == '"', c == '\'':
			return false
		}
	}
	return true
}

// appendEscaped appends s escaped as encoding/xml.EscapeText does:
// printable ASCII here, anything else (control characters, other
// scripts) by EscapeText itself.
func appendEscaped[T string | []byte](dst []byte, s T) []byte {
	from := 0
	for i := 0; i < len(s); i++ {
		if !xmlSpecial[s[i]] {
			continue
		}
		var esc string
		switch c := s[i]; {
		case c < 0x20 || c >= 0x80:
			b := bytes.NewBuffer(dst)
			_ = xml.EscapeText(b, []byte(s[from:]))
			return b.Bytes()
		case c == '"':
			esc = "&#34;"
		case c == '\'':
			esc = "&#39;"
		case c == '&':
			esc = "&amp;"
		case c == '<':
			esc = "&lt;"
		case c == '>':
			esc = "&gt;"
		}
		dst = append(dst, s[from:i]...)
		dst = append(dst, esc...)
		from = i + 1
	}
	return append(dst, s[from:]...)
}

// xmlSpecial marks the bytes appendEscaped does not copy as they are.
var xmlSpecial = func() (t [256]bool) {
	for c := range t {
		t[c] = c < 0x20 || c >= 0x80 || strings.IndexByte(`"'&<>`, byte(c)) >= 0
	}
	return t
}()

// appendFloat is excelize's formatCellFloat with automatic precision: the
// shortest decimal, cut to Excel's 15 significant digits.
func appendFloat(dst []byte, value float64) []byte {
	if b, ok := appendAmount(dst, value); ok {
		return b
	}
	return appendShortest(dst, value)
}

// appendShortest is appendFloat by generating the shortest digits.
func appendShortest(dst []byte, value float64) []byte {
	b := strconv.AppendFloat(dst, value, 'f', -1, 64)
	str := b[len(dst):]
	if math.Abs(value) == math.MaxFloat64 {
		return b
	}
	const maxPrec = 15
	dot := bytes.IndexByte(str, '.')
	significant := 0
	for idx := range str {
		if str[idx] < '0' || str[idx] > '9' || significant == 0 && str[idx] == '0' {
			continue
		}
		significant++
		if significant <= maxPrec {
			continue
		}
		if dot >= 0 && idx > dot {
			return bytes.TrimSuffix(b[:len(dst)+idx], []byte("."))
		}
		if dot < 0 {
			dot = len(str)
		}
		truncated := b[:len(dst)+dot]
		for ; idx < dot; idx++ {
			truncated[len(dst)+idx] = '0'
		}
		return truncated
	}
	return b
}

// appendAmount is appendFloat for the double of a decimal of at most 15
// digits and 2 places (an amount in rupiah and sen), found without
// generating the shortest digits: two decimals of at most 15 digits never
// round to the same double, so the shortest decimal of the double is that
// decimal, and its digits are an integer's. The decimal is checked to
// round to the value; ok is false for other values.
func appendAmount(dst []byte, value float64) ([]byte, bool) {
	for places := range 3 {
		y := math.Round(value * pow10[places])
		if math.Abs(y) >= 1e15 || y/pow10[places] != value || y == 0 && math.Signbit(y) {
			continue
		}
		c := int64(y)
		if c < 0 {
			dst, c = append(dst, '-'), -c
		}
		for ; places > 0 && c%10 == 0; places-- {
			c /= 10
		}
		start := len(dst)
		dst = strconv.AppendInt(dst, c, 10)
		if places == 0 {
			return dst, true
		}
		for len(dst)-start <= places { // 0.05: zeros before the digits
			dst = append(dst, 0)
			copy(dst[start+1:], dst[start:])
			dst[start] = '0'
		}
		dst = append(dst, 0)
		point := len(dst) - 1 - places
		copy(dst[point+1:], dst[point:])
		dst[point] = '.'
		return dst, true
	}
	return dst, false
}

var (
	bstrExp       = regexp.MustCompile(`_x[a-fA-F\d]{4}_`)
	bstrEscapeExp = regexp.MustCompile(`x[a-fA-F\d]{4}_`)
)

// bstrMarshal is excelize's: text that looks like an _xHHHH_ escape is
// itself escaped, so that it reads back as typed.
func bstrMarshal(s string) (result string) {
	matches, l, cursor := bstrExp.FindAllStringSubmatchIndex(s, -1), len(s), 0
	for _, match := range matches {
		result += s[cursor:match[0]]
		subStr := s[match[0]:match[1]]
		if subStr == "_x005F_" {
			cursor = match[1]
			if match[1]+6 <= l && bstrEscapeExp.MatchString(s[match[1]:match[1]+6]) {
				_, err := strconv.Unquote(`"\u` + s[match[1]+1:match[1]+5] + `"`)
				if err == nil {
					result += subStr + "x005F" + subStr
					continue
				}
			}
			result += subStr + "x005F_"
			continue
		}
		if bstrExp.MatchString(subStr) {
			cursor = match[1]
			if _, err := strconv.Unquote(`"\u` + s[match[0]+2:match[1]-1] + `"`); err == nil {
				result += "_x005F" + subStr
				continue
			}
		}
	}
	if cursor < l {
		result += s[cursor:]
	}
	return result
}

// splice passes a worksheet part through to w, writing the rows before
// its </sheetData>.
type splice struct {
	w     *partWriter
	rows  *rowStream
	carry []byte
	done  bool
}

var endSheetData = []byte("</sheetData>")

func (s *splice) Write(p []byte) (int, error) {
	if s.done {
		return s.w.Write(p)
	}
	buf := append(s.carry, p...)
	i := bytes.Index(buf, endSheetData)
	if i < 0 {
		keep := min(len(buf), len(endSheetData)-1)
		if _, err := s.w.Write(buf[:len(buf)-keep]); err != nil {
			return 0, err
		}
		s.carry = append(s.carry[:0], buf[len(buf)-keep:]...)
		return len(p), nil
	}
	if _, err := s.w.Write(buf[:i]); err != nil {
		return 0, err
	}
	if err := s.rows.appendTo(s.w); err != nil {
		return 0, fmt.Errorf("rows of %s: %w", s.rows.part, err)
	}
	s.done, s.carry = true, nil
	if _, err := s.w.Write(buf[i:]); err != nil {
		return 0, err
	}
	return len(p), nil
}

// close checks that the rows found their place.
func (s *splice) close() error {
	if !s.done {
		return fmt.Errorf("rows of %s: the sheet has no </sheetData>", s.rows.part)
	}
	return nil
}
