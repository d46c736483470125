package workbook

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
	Kind    cellKind
	Formula string
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

	mergeAt map[[2]int]int // cell → index in Merges, built on first use
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
	if s.mergeAt == nil {
		s.mergeAt = map[[2]int]int{}
		for i, m := range s.Merges {
			for rr := m.r1; rr <= m.r2; rr++ {
				for cc := m.c1; cc <= m.c2; cc++ {
					s.mergeAt[[2]int{rr, cc}] = i
				}
			}
		}
	}
	i, ok := s.mergeAt[[2]int{r, c}]
	if !ok {
		return rect{}, false
	}
	return s.Merges[i], true
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
