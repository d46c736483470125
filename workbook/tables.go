package workbook

import (
	"maps"
	"slices"
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
	base  calc.Ref // the sheet, interned once for all its cells
}

// ref returns the calc reference to a cell of the table's sheet.
func (t *table) ref(r, c int) calc.Ref {
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
	return calc.CellName(t.hdr.Row, c1) + ":" + calc.CellName(last, c2)
}

// sheetResult is what reading one sheet produced.
type sheetResult struct {
	tables  []*table
	ignored []calc.Ignored
	titles  []string      // texts of title rows, to find the agency and year
	hidden  []calc.Hidden // hidden rows, then hidden columns, that hold something
}

// addTo records in a file's input the tables, ignored rows and hidden
// rows and columns of one of its sheets.
func (res sheetResult) addTo(in *calc.Input, sheet string) {
	for _, t := range res.tables {
		in.Tables = append(in.Tables, calc.Table{Sheet: sheet, Kind: t.kind, Range: t.rangeText()})
	}
	in.Ignored = append(in.Ignored, res.ignored...)
	in.Hidden = append(in.Hidden, res.hidden...)
}

// readSheet finds the tables of a sheet and maps their rows into a. Every
// non-empty row ends up mapped or in the ignored list with its reason.
func readSheet(s *sheet, a *calc.Agency, o Override) sheetResult {
	return newSheetReading(s, a, o).finish()
}

// sheetReading is readSheet taken a row at a time, so that the rows of a
// sheet can be mapped while later rows are still being read (streamXLSX).
// A row is looked at with at most lookahead rows below it, and a row the
// reading has passed is let go (sheet.releaser), so that the cells of a
// large sheet and the model built from them are not both held in full:
// afterwards the sheet holds only the rows that merged ranges show. Hidden
// rows and columns that hold something are noted as the rows go.
type sheetReading struct {
	s   *sheet
	a   *calc.Agency
	o   Override
	res sheetResult
	cur *table
	r   int // the next row to look at

	passed     func(r int)
	hiddenCols map[int]string // hidden column → its first text
}

// lookahead is how many rows below the one being read may be looked at
// (a header's sub-header row and the row of column numbers under it).
const lookahead = 2

func newSheetReading(s *sheet, a *calc.Agency, o Override) *sheetReading {
	sr := &sheetReading{s: s, a: a, o: o, r: 1}
	if len(s.HiddenCols) > 0 {
		sr.hiddenCols = map[int]string{}
	}
	sr.passed = s.releaser(sr.noteHidden)
	return sr
}

// noteHidden notes row r, about to be let go, if it is hidden or holds the
// first text of a hidden column.
func (sr *sheetReading) noteHidden(r int) {
	s := sr.s
	if s.Hidden[r] && !s.rowEmpty(r) {
		sr.res.hidden = append(sr.res.hidden, calc.Hidden{Sheet: s.Name, Row: r, Text: s.firstText(r)})
	}
	if sr.hiddenCols == nil {
		return
	}
	for c, v := range s.row(r) {
		if _, seen := sr.hiddenCols[c+1]; !seen && s.HiddenCols[c+1] && !v.empty() {
			sr.hiddenCols[c+1] = shorten(cleanText(v.Text), 80)
		}
	}
}

func (sr *sheetReading) ignore(r int, reason string) {
	sr.res.ignored = append(sr.res.ignored, calc.Ignored{Sheet: sr.s.Name, Row: r, Reason: reason, Text: sr.s.firstText(r)})
}

// endTable closes the open table, if any.
func (sr *sheetReading) endTable() {
	if sr.cur != nil {
		sr.cur.m.finish()
		sr.res.tables = append(sr.res.tables, sr.cur)
		sr.cur = nil
	}
}

// advance reads the rows up to last; the rows up to last+lookahead must
// be on the sheet, or the sheet complete.
func (sr *sheetReading) advance(last int) {
	s, o := sr.s, sr.o
	last = min(last, s.rowCount())
	for ; sr.r <= last; sr.r++ {
		r := sr.r
		sr.passed(r)
		if s.rowEmpty(r) {
			continue
		}
		h, ok := readHeader(s, r, sr.cur != nil)
		if o.HeaderRow > 0 {
			ok = r == o.HeaderRow
			if ok {
				h = headerAt(s, r, subHeader(s, r))
			}
		}
		if ok {
			h = o.apply(h)
			if kind := kindOf(h); kind != "" {
				if sr.cur != nil && kind == sr.cur.kind && h.signature() == sr.cur.hdr.signature() {
					for hr := r; hr <= h.LastRow; hr++ {
						sr.ignore(hr, "kepala tabel berulang")
					}
				} else {
					sr.endTable()
					sr.cur = &table{sh: s, kind: kind, hdr: h, first: h.LastRow + 1, base: calc.NewRef(s.File, s.Name, 0, 0)}
					sr.cur.m = newMapper(sr.cur, sr.a)
					for hr := r; hr <= h.LastRow; hr++ {
						sr.ignore(hr, "kepala tabel")
					}
				}
				sr.r = h.LastRow
				if columnNumbers(s, sr.r+1) {
					sr.r++
					sr.ignore(sr.r, "nomor kolom")
				}
				continue
			}
		}
		if sr.cur == nil {
			sr.ignore(r, "judul")
			sr.res.titles = append(sr.res.titles, rowText(s, r))
			continue
		}
		if reason := sr.cur.m.row(r); reason != "" {
			sr.ignore(r, reason)
			if reason == "judul" {
				sr.res.titles = append(sr.res.titles, rowText(s, r))
			}
			continue
		}
		sr.cur.last = r
	}
}

// finish reads the rows left once the sheet is complete, and ends the
// reading.
func (sr *sheetReading) finish() sheetResult {
	sr.advance(sr.s.rowCount())
	sr.endTable()
	sr.passed(sr.s.rowCount() + 1)
	for _, c := range slices.Sorted(maps.Keys(sr.hiddenCols)) {
		sr.res.hidden = append(sr.res.hidden, calc.Hidden{Sheet: sr.s.Name, Col: c, Text: sr.hiddenCols[c]})
	}
	return sr.res
}

// rowText joins the texts of a row, for title detection.
func rowText(s *sheet, r int) string {
	var parts []string
	for _, c := range s.row(r) {
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
	for _, c := range s.row(r) {
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
