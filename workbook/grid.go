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
	Rows   [][]cell // Rows[i] holds row i+1
	Merges []rect
	Hidden map[int]bool // hidden rows
	// HiddenCols are the hidden columns.
	HiddenCols map[int]bool

	// free are cells allocated ahead for rows to come (newRow).
	free []cell

	// mergeCols lists, per column, the merges covering it in order of their
	// first row; built on first use. Its size is the sum of the merges'
	// widths, never of their areas, so a huge merged range costs little.
	mergeCols map[int][]int
}

// at returns the cell at row r, column c (1-based).
func (s *sheet) at(r, c int) cell {
	if r < 1 || r > len(s.Rows) || c < 1 || c > len(s.Rows[r-1]) {
		return cell{}
	}
	return s.Rows[r-1][c-1]
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
		for ; next < r && next <= len(s.Rows); next++ {
			visit(next)
			if !tops[next] {
				s.Rows[next-1] = nil
			}
		}
	}
}

// width is the number of columns in the widest row.
func (s *sheet) width() int {
	w := 0
	for _, row := range s.Rows {
		w = max(w, len(row))
	}
	return w
}

// rowEmpty reports whether row r holds nothing.
func (s *sheet) rowEmpty(r int) bool {
	if r < 1 || r > len(s.Rows) {
		return true
	}
	for _, c := range s.Rows[r-1] {
		if !c.empty() {
			return false
		}
	}
	return true
}

// firstText returns the first non-empty text of row r, shortened, for
// listing ignored rows.
func (s *sheet) firstText(r int) string {
	if r < 1 || r > len(s.Rows) {
		return ""
	}
	for _, c := range s.Rows[r-1] {
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
