package workbook

import "slices"

// cellKind is what a cell stores.
type cellKind uint8

const (
	cellEmpty cellKind = iota
	cellText
	cellNumber
	cellBool
	cellError
)

// cell is one stored cell: its raw value (a number as stored, "1788546290.8",
// or the text as typed), its kind, and its formula when it has one.
type cell struct {
	Text    string
	Formula string
	Kind    cellKind
	// NoCache: the formula had no stored result.
	NoCache bool
	// Percent: a number shown with a percent format (0.7057 shows 70,57 %).
	Percent bool
}

// empty reports whether the cell holds nothing at all.
func (c cell) empty() bool { return c.Kind == cellEmpty && c.Formula == "" }

// rect is a merged range, 1-based and inclusive.
type rect struct{ r1, c1, r2, c2 int }

// sheet is one worksheet as raw cells, whatever the file format.
type sheet struct {
	File   string
	Name   string
	Rows   [][]cell // Rows[i] holds row base+i+1; read them with row
	Merges []rect
	Hidden map[int]bool // hidden rows
	// HiddenCols are the hidden columns.
	HiddenCols map[int]bool

	// free are cells allocated ahead for rows to come (newRow).
	free []cell
	// recycle says that rows let go (releaser) are handed to the rows
	// still to come, kept in spare, and dropped from the front of Rows:
	// set while rows are mapped as the sheet is read, when both happen at
	// once. base is then the number of rows dropped, and kept holds those
	// of them that merged ranges show.
	recycle bool
	spare   [][]cell
	widest  int // the widest row newRow has made while recycling
	base    int
	kept    map[int][]cell

	// mergeCols lists, per column, the merges covering it in order of their
	// first row; built on first use. Its size is the sum of the merges'
	// widths, never of their areas, so a huge merged range costs little.
	mergeCols map[int][]int
}

// row returns the cells of row r (1-based), nil when it has none or was
// let go.
func (s *sheet) row(r int) []cell {
	if i := r - 1 - s.base; i >= 0 && i < len(s.Rows) {
		return s.Rows[i]
	}
	return s.kept[r]
}

// rowCount is the number of the last row the sheet has.
func (s *sheet) rowCount() int { return s.base + len(s.Rows) }

// at returns the cell at row r, column c (1-based).
func (s *sheet) at(r, c int) cell {
	if row := s.row(r); c >= 1 && c <= len(row) {
		return row[c-1]
	}
	return cell{}
}

// merge returns the merged range covering (r, c), if any.
func (s *sheet) merge(r, c int) (rect, bool) {
	if s.mergeCols == nil {
		s.mergeCols = map[int][]int{}
		for i, m := range s.Merges {
			for cc := m.c1; cc <= m.c2; cc++ {
				s.mergeCols[cc] = append(s.mergeCols[cc], i)
			}
		}
		for _, list := range s.mergeCols {
			slices.SortFunc(list, func(a, b int) int { return s.Merges[a].r1 - s.Merges[b].r1 })
		}
	}
	list := s.mergeCols[c]
	// The last merge of the column starting at or above r.
	i, found := slices.BinarySearchFunc(list, r, func(idx, row int) int { return s.Merges[idx].r1 - row })
	if !found {
		i--
	}
	if i < 0 {
		return rect{}, false
	}
	m := s.Merges[list[i]]
	if r > m.r2 {
		return rect{}, false
	}
	return m, true
}

// clampMerges drops merged ranges that are malformed or cover one cell,
// and cuts the rest to the sheet's limits, so that no file can make a
// merge cost more than its rows and columns.
func (s *sheet) clampMerges(lim Limits) {
	out := s.Merges[:0]
	for _, m := range s.Merges {
		if m.r1 > m.r2 {
			m.r1, m.r2 = m.r2, m.r1
		}
		if m.c1 > m.c2 {
			m.c1, m.c2 = m.c2, m.c1
		}
		if m.r1 < 1 || m.c1 < 1 || m.r1 > lim.MaxRows || m.c1 > lim.MaxCols {
			continue
		}
		m.r2, m.c2 = min(m.r2, lim.MaxRows), min(m.c2, lim.MaxCols)
		if m.r1 == m.r2 && m.c1 == m.c2 {
			continue
		}
		out = append(out, m)
	}
	s.Merges = out
	s.mergeCols = nil
}

// value returns the cell's content, looking through merges: a cell inside a
// merged range shows the range's top-left cell. inside is true for every
// cell of a merged range except its top-left one.
func (s *sheet) value(r, c int) (v cell, inside bool) {
	if m, ok := s.merge(r, c); ok {
		return s.at(m.r1, m.c1), r != m.r1 || c != m.c1
	}
	return s.at(r, c), false
}

// releaser returns a function that lets the garbage collector have the
// rows above row r once the reading has passed them, calling visit on each
// row first: nothing reads a row above the one it is at, except through a
// merged range, so the rows holding a merged range's top-left cell are
// kept.
func (s *sheet) releaser(visit func(r int)) func(r int) {
	tops := make(map[int]bool, len(s.Merges))
	for _, m := range s.Merges {
		tops[m.r1] = true
	}
	next := 1 // the first row not yet released
	return func(r int) {
		for ; next < r && next <= s.rowCount(); next++ {
			visit(next)
			if !tops[next] {
				s.spareRow(s.row(next))
				s.Rows[next-1-s.base] = nil
			}
		}
		if gone := next - 1 - s.base; s.recycle && gone >= slideMin && 2*gone >= len(s.Rows) {
			s.slide(gone, tops)
		}
	}
}

// slideMin is the fewest rows let go that slide drops at once.
const slideMin = 1024

// slide drops the first n rows of Rows, all let go, moving those that
// merged ranges show (tops) to kept: the index of a streamed sheet then
// stays the size of the rows being read, not of the sheet (24 MB at a
// million rows).
func (s *sheet) slide(n int, tops map[int]bool) {
	for i, row := range s.Rows[:n] {
		if r := s.base + i + 1; tops[r] && row != nil {
			if s.kept == nil {
				s.kept = map[int][]cell{}
			}
			s.kept[r] = row
		}
	}
	rest := copy(s.Rows, s.Rows[n:])
	clear(s.Rows[rest:])
	s.Rows = s.Rows[:rest]
	s.base += n
	if cap(s.Rows) > 8*slideMin && 4*rest < cap(s.Rows) {
		// The index grew while rows waited for the layout read ahead;
		// give that room back.
		s.Rows = append(make([][]cell, 0, max(2*rest, 4*slideMin)), s.Rows...)
	}
}

// spareRow keeps a row let go for newRow to hand out again, when rows are
// recycled: a streamed sheet of a million rows then allocates cells for a
// few rows, not for all of them. Nothing holds a row once it is let go.
func (s *sheet) spareRow(row []cell) {
	if s.recycle && cap(row) > 0 && len(s.spare) < maxSpare {
		s.spare = append(s.spare, row)
	}
}

// maxSpare is the most rows kept for recycling: a batch of rows
// (batchCells cells, so at most as many rows) comes while the batch before
// is let go.
const maxSpare = batchCells

// width is the number of columns in the widest row.
func (s *sheet) width() int {
	w := 0
	for _, row := range s.Rows {
		w = max(w, len(row))
	}
	for _, row := range s.kept {
		w = max(w, len(row))
	}
	return w
}

// rowEmpty reports whether row r holds nothing.
func (s *sheet) rowEmpty(r int) bool {
	for _, c := range s.row(r) {
		if !c.empty() {
			return false
		}
	}
	return true
}

// firstText returns the first non-empty text of row r, shortened, for
// listing ignored rows.
func (s *sheet) firstText(r int) string {
	for _, c := range s.row(r) {
		if t := cleanText(c.Text); t != "" {
			return shorten(t, 80)
		}
	}
	return ""
}

// shorten cuts s to at most n runes, marking the cut.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
