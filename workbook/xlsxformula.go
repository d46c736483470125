package workbook

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"lkjip/calc"
)

// formulaCell is a cell of an .xlsx worksheet that holds a formula, and
// whether the file stored its result.
type formulaCell struct {
	row, col int
	cached   bool
}

// sheetScan is what one pass over a worksheet's XML finds that excelize's
// row reader does not give: the formula cells (a formula without a stored
// result would look like an empty cell) and the merged ranges (excelize's
// own merge reader is quadratic in their number).
type sheetScan struct {
	formulas []formulaCell
	merges   []rect
}

// scanXLSX checks an .xlsx package before excelize opens it, and scans its
// worksheets. excelize reads every part into memory or a temporary file
// and its row reader pads sparse rows and reads a cut sheet without a
// word, so everything it would choke on is refused here first: a damaged
// zip, parts that unpack beyond the limit, a part named twice, XML with a
// huge tag or deep nesting, a worksheet cut short, rows, columns, cells
// and shared strings beyond the limits. The result maps sheet names to
// their scans.
func scanXLSX(ctx context.Context, name string, data []byte, lim Limits) (map[string]*sheetScan, error) {
	zr, err := openZip(name, data)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, f := range zr.File {
		n := strings.ToLower(partName(f))
		if seen[n] {
			return nil, inputErr(name, "%w: bagian %q ada dua kali", ErrDamaged, partName(f))
		}
		seen[n] = true
	}
	sheets, sst, err := xlsxSheetParts(zr)
	if err != nil {
		return nil, inputErr(name, "%w: daftar lembar (workbook.xml) tidak dapat dibaca: %s", ErrDamaged, damageText(err))
	}
	// A part named by several sheets is unpacked once for each.
	uses := map[string]int{}
	for _, p := range sheets {
		uses[p]++
	}
	extra := map[string]int{}
	for _, f := range zr.File {
		extra[f.Name] = max(0, uses[partName(f)]-1)
	}
	if err := checkInflated(name, zr, extra, lim); err != nil {
		return nil, err
	}
	sheetOf := map[string]string{} // part → a sheet that names it
	for sh, p := range sheets {
		sheetOf[p] = sh
	}
	budget := newCellBudget(name, lim)
	byPart := map[string]*sheetScan{}
	for _, f := range zr.File {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		p := partName(f)
		where := "bagian " + strconv.Quote(p)
		if sh, ok := sheetOf[p]; ok {
			where = "lembar " + strconv.Quote(sh)
		}
		var err error
		switch lower := strings.ToLower(p); {
		case !isXMLPart(p):
			continue
		case strings.HasSuffix(lower, ".vml"):
			err = drainPart(f) // legacy VML is not well-formed XML
		case uses[p] > 0 || strings.HasPrefix(lower, "xl/worksheets/") || looksLikeSheet(f):
			sc := &sheetScanner{lim: lim, budget: budget}
			err = scanPart(ctx, f, sc)
			byPart[p] = &sc.res
		case strings.EqualFold(p, sst) || lower == "xl/sharedstrings.xml":
			n := 0
			err = shapePart(f, func(local []byte) error {
				if string(local) == "si" {
					if n++; n > lim.MaxStrings {
						return &LimitError{Limit: LimitStrings, Detail: fmt.Sprintf("berisi lebih dari %d teks bersama", lim.MaxStrings)}
					}
				}
				return nil
			})
		default:
			err = shapePart(f, nil)
		}
		var le *LimitError
		switch {
		case err == nil:
		case errors.As(err, &le):
			return nil, limitErr(name, le.Limit, "%s %s", where, le.Detail)
		case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
			return nil, err
		default:
			return nil, inputErr(name, "%w: %s: %s", ErrDamaged, where, damageText(err))
		}
	}
	out := map[string]*sheetScan{}
	for sh, p := range sheets {
		if sc := byPart[p]; sc != nil {
			out[sh] = sc
		}
	}
	return out, nil
}

// looksLikeSheet reports whether a part's root element, near its start,
// is a worksheet: such a part gets a worksheet's checks wherever it lies.
func looksLikeSheet(f *zip.File) bool {
	rc, err := f.Open()
	if err != nil {
		return false
	}
	defer rc.Close()
	head := make([]byte, 4096)
	n, _ := io.ReadFull(rc, head)
	return bytes.Contains(head[:n], []byte("<worksheet")) || bytes.Contains(head[:n], []byte(":worksheet"))
}

// partName is a part's name as excelize sees it.
func partName(f *zip.File) string { return strings.ReplaceAll(f.Name, `\`, "/") }

// scanPart reads a worksheet part through the guards, handing its tokens
// to sc.
func scanPart(ctx context.Context, f *zip.File, sc *sheetScanner) error {
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	dec := xml.NewDecoder(&runGuard{r: rc})
	var depth xmlDepth
	for n := 0; ; n++ {
		if n%8192 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		tok, err := dec.Token()
		if err != nil {
			return xmlEnd(err, depth)
		}
		if err := depth.step(tok); err != nil {
			return err
		}
		if err := sc.token(tok); err != nil {
			return err
		}
	}
}

// sheetScanner walks a worksheet's XML: rows, cells, formulas and merged
// ranges, against the limits. Cells and rows without an r attribute
// follow the one before, as the format allows.
type sheetScanner struct {
	lim    Limits
	budget *cellBudget
	res    sheetScan

	rows, row, col, width int
	cur                   *formulaCell
	hasF, inV             bool
}

func (s *sheetScanner) token(tok xml.Token) error {
	switch t := tok.(type) {
	case xml.StartElement:
		switch t.Name.Local {
		case "row":
			if err := s.endRow(); err != nil {
				return err
			}
			s.row++
			if n, err := strconv.Atoi(attr(t, "r")); err == nil && n > 0 {
				s.row = n
			}
			if s.rows++; s.rows > s.lim.MaxRows || s.row > s.lim.MaxRows {
				return s.tooMany(LimitRows, fmt.Sprintf("berisi lebih dari %d baris", s.lim.MaxRows))
			}
			s.col = 0
		case "c":
			s.col++
			if ref := attr(t, "r"); ref != "" {
				if c, r, ok := splitRef(ref); ok {
					s.col, s.row = c, r
				}
			}
			if s.col > s.lim.MaxCols {
				return s.tooMany(LimitCols, fmt.Sprintf("baris %d memakai kolom ke-%d (batas %d kolom)", s.row, s.col, s.lim.MaxCols))
			}
			if s.row > s.lim.MaxRows {
				return s.tooMany(LimitRows, fmt.Sprintf("berisi lebih dari %d baris", s.lim.MaxRows))
			}
			s.width = max(s.width, s.col)
			s.cur, s.hasF = &formulaCell{row: max(s.row, 1), col: s.col}, false
		case "f":
			s.hasF = s.cur != nil
		case "v":
			s.inV = s.cur != nil
		case "mergeCell":
			return s.merge(attr(t, "ref"))
		}
	case xml.CharData:
		if s.inV && len(bytes.TrimSpace(t)) > 0 {
			s.cur.cached = true
		}
	case xml.EndElement:
		switch t.Name.Local {
		case "v":
			s.inV = false
		case "c":
			if s.cur != nil && s.hasF {
				s.res.formulas = append(s.res.formulas, *s.cur)
			}
			s.cur = nil
		case "sheetData":
			return s.endRow()
		}
	}
	return nil
}

// endRow accounts for the cell slots of the row just read: excelize's row
// reader pads a row up to its last cell.
func (s *sheetScanner) endRow() error {
	w := s.width
	s.width = 0
	if err := s.budget.take(w); err != nil {
		return s.tooMany(LimitCells, fmt.Sprintf("berisi lebih dari %d sel", s.lim.MaxCells))
	}
	return nil
}

// merge records a merged range; the columns it spans count as cells.
func (s *sheetScanner) merge(ref string) error {
	a, b, ok := strings.Cut(ref, ":")
	if !ok {
		return nil
	}
	c1, r1, ok1 := splitRef(a)
	c2, r2, ok2 := splitRef(b)
	if !ok1 || !ok2 {
		return nil
	}
	m := rect{min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)}
	if err := s.budget.take(min(m.c2, s.lim.MaxCols) - m.c1 + 1); err != nil {
		return s.tooMany(LimitCells, fmt.Sprintf("berisi lebih dari %d sel (termasuk sel gabungan)", s.lim.MaxCells))
	}
	s.res.merges = append(s.res.merges, m)
	return nil
}

func (s *sheetScanner) tooMany(l Limit, detail string) error {
	return &LimitError{Limit: l, Detail: detail}
}

// xlsxSheetParts maps sheet names to their worksheet parts, following the
// package and workbook relationships, and finds the shared-string part.
func xlsxSheetParts(zr *zip.Reader) (sheets map[string]string, sst string, err error) {
	book := "xl/workbook.xml"
	if rels, err := readZipPart(zr, "_rels/.rels", 1<<20); err == nil {
		for _, r := range relationships(rels) {
			if strings.HasSuffix(r.Type, "/officeDocument") {
				book = strings.TrimPrefix(r.Target, "/")
				break // the first, as excelize takes it
			}
		}
	}
	wb, err := readZipPart(zr, book, 16<<20)
	if err != nil {
		return nil, "", err
	}
	var w struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := xml.Unmarshal(wb, &w); err != nil {
		return nil, "", err
	}
	dir := path.Dir(book)
	relsPart := path.Join(dir, "_rels", path.Base(book)+".rels")
	rb, err := readZipPart(zr, relsPart, 16<<20)
	if err != nil {
		return nil, "", err
	}
	targets := map[string]string{}
	for _, r := range relationships(rb) {
		// Resolved as excelize resolves it (getWorksheetPath), so that
		// the part checked is the part it reads.
		t := dir + "/" + r.Target
		if strings.HasPrefix(r.Target, "/") {
			t = r.Target
		}
		t = strings.TrimPrefix(strings.ReplaceAll(path.Clean(t), `\`, "/"), "/")
		targets[r.ID] = t
		if strings.HasSuffix(r.Type, "/sharedStrings") {
			sst = t
		}
	}
	sheets = map[string]string{}
	for _, s := range w.Sheets {
		if t, ok := targets[s.ID]; ok {
			sheets[s.Name] = t
		}
	}
	return sheets, sst, nil
}

type relationship struct {
	ID     string `xml:"Id,attr"`
	Type   string `xml:"Type,attr"`
	Target string `xml:"Target,attr"`
}

func relationships(b []byte) []relationship {
	var r struct {
		Rels []relationship `xml:"Relationship"`
	}
	_ = xml.Unmarshal(b, &r)
	return r.Rels
}

// splitRef reads "C5" into column and row.
func splitRef(ref string) (int, int, bool) {
	i := 0
	col := 0
	for i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z' && i < 3 {
		col = col*26 + int(ref[i]-'A'+1)
		i++
	}
	row, err := strconv.Atoi(ref[i:])
	if i == 0 || err != nil || row < 1 {
		return 0, 0, false
	}
	return col, row, true
}

// cellName is the A1 name of a cell.
func cellName(row, col int) string { return calc.Ref{Row: row, Col: col}.Cell() }
