package workbook

import (
	"strings"

	"lkjip/calc"
)

// kindOf decides what document a header belongs to from the columns it
// has; "" when it is no table lkjip reads.
func kindOf(h header) calc.TableKind {
	has := h.has
	switch {
	case has(fEfisiensi):
		return calc.KindEfisiensi
	case has(fFormula), has(fTujuan) && has(fKegiatan),
		has(fProgram) && has(fKegiatan) && has(fIndikator) && !has(fAnggaran):
		return calc.KindPohon
	case has(fPersenAnggaran):
		return calc.KindAlokasi
	case has(fTarget) && (has(fRealisasi) || has(fCapaian)):
		return calc.KindCapaian
	case has(fAnggaran) && has(fRealisasi) && (has(fUraian) || has(fProgram) || has(fKegiatan)):
		return calc.KindDPA
	case has(fProgram) && has(fAnggaran):
		return calc.KindPK
	case has(fYear) && (has(fLabel) || has(fUraian)):
		return calc.KindData
	}
	return ""
}

// rowMapper maps the data rows of one table into the agency. row returns
// "" when it mapped the row, or the reason it did not (in Bahasa
// Indonesia); finish runs after the table's last row.
type rowMapper interface {
	row(r int) string
	finish()
}

// table is a table being read.
type table struct {
	sh    *sheet
	kind  calc.TableKind
	hdr   header
	first int // first data row
	last  int // last row mapped so far
	m     rowMapper
	base  calc.Ref // the sheet, interned once by ref for all its cells
}

// ref returns the calc reference to a cell of the table's sheet.
func (t *table) ref(r, c int) calc.Ref {
	if t.base.IsZero() {
		t.base = calc.NewRef(t.sh.File, t.sh.Name, 0, 0)
	}
	return t.base.At(r, c)
}

// text returns the cleaned text of a cell, looking through merges.
func (t *table) text(r, c int) string {
	if c == 0 {
		return ""
	}
	v, _ := t.sh.value(r, c)
	return cleanText(v.Text)
}

// fig reads the figure in column c of row r; Absent when the table has no
// such column.
func (t *table) fig(r, c int) calc.Figure {
	if c == 0 {
		return calc.Figure{Kind: calc.Absent}
	}
	return figure(t.sh.at(r, c), t.ref(r, c))
}

// rangeText is the table's extent in A1 form ("A4:E34").
func (t *table) rangeText() string {
	c1, c2 := 0, 0
	for _, c := range t.hdr.Cols {
		if c1 == 0 || c.Col < c1 {
			c1 = c.Col
		}
		c2 = max(c2, c.Col)
	}
	last := max(t.last, t.hdr.LastRow)
	return calc.Ref{Row: t.hdr.Row, Col: c1}.Cell() + ":" + calc.Ref{Row: last, Col: c2}.Cell()
}

// sheetResult is what reading one sheet produced.
type sheetResult struct {
	tables  []*table
	ignored []calc.Ignored
	titles  []string // texts of title rows, to find the agency and year
}

// readSheet finds the tables of a sheet and maps their rows into a. Every
// non-empty row ends up mapped or in the ignored list with its reason.
//
// Rows are let go once passed (sheet.releaser), so that the cells of a
// large sheet and the model built from them are not both held in full:
// afterwards the sheet holds only the rows that merged ranges show.
func readSheet(s *sheet, a *calc.Agency, o Override) sheetResult {
	var res sheetResult
	ignore := func(r int, reason string) {
		res.ignored = append(res.ignored, calc.Ignored{Sheet: s.Name, Row: r, Reason: reason, Text: s.firstText(r)})
	}
	var cur *table
	finish := func() {
		if cur != nil {
			cur.m.finish()
			res.tables = append(res.tables, cur)
		}
	}
	passed := s.releaser()
	for r := 1; r <= len(s.Rows); r++ {
		passed(r)
		if s.rowEmpty(r) {
			continue
		}
		h, ok := readHeader(s, r, cur != nil)
		if o.HeaderRow > 0 {
			ok = r == o.HeaderRow
			if ok {
				h = headerAt(s, r, subHeader(s, r))
			}
		}
		if ok {
			h = o.apply(h)
			if kind := kindOf(h); kind != "" {
				if cur != nil && kind == cur.kind && h.signature() == cur.hdr.signature() {
					for hr := r; hr <= h.LastRow; hr++ {
						ignore(hr, "kepala tabel berulang")
					}
				} else {
					finish()
					cur = &table{sh: s, kind: kind, hdr: h, first: h.LastRow + 1}
					cur.m = newMapper(cur, a)
					for hr := r; hr <= h.LastRow; hr++ {
						ignore(hr, "kepala tabel")
					}
				}
				r = h.LastRow
				if columnNumbers(s, r+1) {
					r++
					ignore(r, "nomor kolom")
				}
				continue
			}
		}
		if cur == nil {
			ignore(r, "judul")
			res.titles = append(res.titles, rowText(s, r))
			continue
		}
		if reason := cur.m.row(r); reason != "" {
			ignore(r, reason)
			if reason == "judul" {
				res.titles = append(res.titles, rowText(s, r))
			}
			continue
		}
		cur.last = r
	}
	finish()
	return res
}

// rowText joins the texts of a row, for title detection.
func rowText(s *sheet, r int) string {
	var parts []string
	for _, c := range s.Rows[r-1] {
		if t := cleanText(c.Text); t != "" {
			parts = append(parts, t)
		}
	}
	return strings.Join(parts, " ")
}

// newMapper returns the row mapper for a table's kind.
func newMapper(t *table, a *calc.Agency) rowMapper {
	switch t.kind {
	case calc.KindDPA:
		return newDPAMapper(t, a)
	case calc.KindPohon:
		return newPohonMapper(t, a)
	case calc.KindPK:
		return &pkMapper{t: t, a: a}
	case calc.KindCapaian:
		return &capaianMapper{t: t, a: a}
	case calc.KindEfisiensi:
		return &efisiensiMapper{t: t, a: a}
	case calc.KindAlokasi:
		return &alokasiMapper{t: t, a: a}
	default:
		return newDataMapper(t, a)
	}
}

// textOnly reports whether row r holds only text in at most one cell (a
// title, heading or note), not data.
func textOnly(s *sheet, r int) bool {
	n := 0
	for _, c := range s.Rows[r-1] {
		if c.empty() {
			continue
		}
		if isNumeric(c) {
			return false
		}
		n++
	}
	return n == 1
}

// isNote reports whether a text is a note under a table ("Catatan : …",
// "Sumber: …", "Keterangan").
func isNote(text string) bool {
	n := strings.ToLower(text)
	for _, p := range []string{"catatan", "sumber", "keterangan", "ket.", "ket :", "*)"} {
		if strings.HasPrefix(n, p) {
			return true
		}
	}
	return false
}

// otherRowReason explains a row a mapper could not use.
func otherRowReason(s *sheet, r int) string {
	switch {
	case isNote(s.firstText(r)):
		return "catatan"
	case textOnly(s, r):
		return "judul"
	}
	return "tidak dikenali sebagai baris data"
}
