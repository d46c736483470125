package workbook

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
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

// xlsxFormulaCells finds every formula cell of every worksheet, by sheet
// name. excelize's row reader returns only values, so a formula without a
// stored result would look like an empty cell; this scan of the sheet XML
// is what makes such cells visible.
func xlsxFormulaCells(data []byte, lim Limits) (map[string][]formulaCell, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	parts, err := xlsxSheetParts(zr)
	if err != nil {
		return nil, err
	}
	out := map[string][]formulaCell{}
	for name, part := range parts {
		f := zipFile(zr, part)
		if f == nil {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		out[name] = scanFormulaCells(io.LimitReader(rc, lim.MaxInflated), lim)
		rc.Close()
	}
	return out, nil
}

// xlsxSheetParts maps sheet names to their worksheet parts, following the
// package and workbook relationships.
func xlsxSheetParts(zr *zip.Reader) (map[string]string, error) {
	book := "xl/workbook.xml"
	if rels, err := readZipPart(zr, "_rels/.rels", 1<<20); err == nil {
		for _, r := range relationships(rels) {
			if strings.HasSuffix(r.Type, "/officeDocument") {
				book = strings.TrimPrefix(r.Target, "/")
			}
		}
	}
	wb, err := readZipPart(zr, book, 16<<20)
	if err != nil {
		return nil, err
	}
	var w struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := xml.Unmarshal(wb, &w); err != nil {
		return nil, err
	}
	dir := path.Dir(book)
	relsPart := path.Join(dir, "_rels", path.Base(book)+".rels")
	rb, err := readZipPart(zr, relsPart, 16<<20)
	if err != nil {
		return nil, err
	}
	targets := map[string]string{}
	for _, r := range relationships(rb) {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join(dir, t)
		}
		targets[r.ID] = t
	}
	out := map[string]string{}
	for _, s := range w.Sheets {
		if t, ok := targets[s.ID]; ok {
			out[s.Name] = t
		}
	}
	return out, nil
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

// scanFormulaCells walks a worksheet's XML for <c> elements holding <f>.
// Cells and rows without an r attribute follow the one before, as the
// format allows.
func scanFormulaCells(r io.Reader, lim Limits) []formulaCell {
	dec := xml.NewDecoder(r)
	var out []formulaCell
	row, col := 0, 0
	var cur *formulaCell
	hasF, inV := false, false
	for {
		tok, err := dec.Token()
		if err != nil {
			return out // at the end, or as far as a damaged part goes, as excelize reads it
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				row++
				if n, err := strconv.Atoi(attr(t, "r")); err == nil && n > 0 {
					row = n
				}
				col = 0
			case "c":
				col++
				if ref := attr(t, "r"); ref != "" {
					if c, r, ok := splitRef(ref); ok {
						col, row = c, r
					}
				}
				cur, hasF = &formulaCell{row: row, col: col}, false
			case "f":
				hasF = cur != nil
			case "v":
				inV = cur != nil
			}
		case xml.CharData:
			if inV && len(bytes.TrimSpace(t)) > 0 {
				cur.cached = true
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "v":
				inV = false
			case "c":
				if cur != nil && hasF && cur.row <= lim.MaxRows && cur.col <= lim.MaxCols {
					out = append(out, *cur)
				}
				cur = nil
			}
		}
	}
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
