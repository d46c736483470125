package workbook

import (
	"strconv"
	"strings"

	"lkjip/calc"
)

// dpaMapper builds a budget tree from a DPA realisation table.
type dpaMapper struct {
	t     *table
	a     *calc.Agency
	b     *calc.Budget
	stack []*calc.Node // the open path from the root down
	total bool         // the grand total row has been read

	colNo, colKode, colName                       int
	colAnggaran, colRealisasi, colPersen, colSisa int
}

func newDPAMapper(t *table, a *calc.Agency) *dpaMapper {
	h := t.hdr
	m := &dpaMapper{t: t, a: a,
		colNo: h.col(fNo), colKode: h.col(fKode),
		colAnggaran: h.col(fAnggaran), colRealisasi: h.col(fRealisasi), colSisa: h.col(fSisa),
	}
	for _, f := range []field{fUraian, fProgram, fKegiatan, fSubKegiatan} {
		if c := h.col(f); c > 0 {
			m.colName = c
			break
		}
	}
	m.colPersen = h.col(fPersen)
	if m.colPersen == 0 {
		m.colPersen = h.col(fCapaian)
	}
	root := &calc.Node{Level: calc.LevelTotal,
		Anggaran: absent(), Realisasi: absent(), Persen: absent(), Sisa: absent()}
	m.b = &calc.Budget{Root: root}
	m.stack = []*calc.Node{root}
	a.Budgets = append(a.Budgets, m.b)
	return m
}

func absent() calc.Figure { return calc.Figure{Kind: calc.Absent} }

func (m *dpaMapper) row(r int) string {
	t := m.t
	no := t.text(r, m.colNo)
	kode := t.text(r, m.colKode)
	name := t.text(r, m.colName)
	if m.colKode == 0 && m.colNo != 0 && looksLikeCode(no) {
		kode, no = no, ""
	}
	n := &calc.Node{
		Code: kode, No: no, Name: name, Src: t.ref(r, m.colName),
		Anggaran: t.fig(r, m.colAnggaran), Realisasi: t.fig(r, m.colRealisasi),
		Persen: t.fig(r, m.colPersen), Sisa: t.fig(r, m.colSisa),
	}
	if n.Anggaran.Kind == calc.Blank && n.Realisasi.Kind == calc.Blank {
		return otherRowReason(t.sh, r)
	}
	if name == "" && kode == "" {
		return "angka tanpa uraian"
	}
	if isTotalRow(name) || isTotalRow(no) {
		if m.total {
			return "baris jumlah tambahan"
		}
		m.total = true
		root := m.stack[0]
		root.Name, root.Src = name, n.Src
		root.Anggaran, root.Realisasi, root.Persen, root.Sisa = n.Anggaran, n.Realisasi, n.Persen, n.Sisa
		return ""
	}
	if m.total {
		return "di bawah baris jumlah"
	}
	n.Level = m.level(n)
	if n.Level >= calc.LevelKegiatan {
		if num, rest, ok := cutNumbering(name); ok {
			n.No, n.Name = num, rest
		}
	}
	for len(m.stack) > 1 && m.stack[len(m.stack)-1].Level >= n.Level {
		m.stack = m.stack[:len(m.stack)-1]
	}
	parent := m.stack[len(m.stack)-1]
	parent.Children = append(parent.Children, n)
	m.stack = append(m.stack, n)
	return ""
}

func (m *dpaMapper) finish() {}

// level decides a row's place in the tree: by its code when it has one, by
// words (BELANJA …, Program …), by numbering (an integer in the No column
// is a program, "1 Nama…" inside the name cell a kegiatan), and otherwise
// one level below the row above it.
func (m *dpaMapper) level(n *calc.Node) calc.Level {
	lower := calc.NormalizeName(n.Name)
	top := m.stack[len(m.stack)-1].Level
	if n.Code != "" {
		if l, ok := codeLevel(n.Code); ok {
			return l
		}
	}
	switch {
	case isGroupName(lower):
		return calc.LevelGroup
	case strings.HasPrefix(lower, "program"):
		return calc.LevelProgram
	case strings.HasPrefix(lower, "sub kegiatan"):
		return calc.LevelSubKegiatan
	case strings.HasPrefix(lower, "kegiatan"):
		return calc.LevelKegiatan
	}
	if _, err := strconv.Atoi(n.No); err == nil {
		return calc.LevelProgram
	}
	if num, _, ok := cutNumbering(n.Name); ok && top >= calc.LevelProgram {
		return m.numberedLevel(num)
	}
	if top < calc.LevelProgram {
		return calc.LevelProgram
	}
	return min(top+1, calc.LevelRekening)
}

// numberedLevel places a row numbered inside its name cell ("1 Nama…",
// "1.2 Nama…") below the open program: one level per number part beyond
// the program's own numbering.
func (m *dpaMapper) numberedLevel(num string) calc.Level {
	programParts := 0
	for _, n := range m.stack {
		if n.Level == calc.LevelProgram && n.No != "" {
			programParts = len(strings.Split(n.No, "."))
		}
	}
	depth := len(strings.Split(num, ".")) - programParts
	if strings.Trim(num, "0123456789.") != "" { // a letter: "a."
		depth = 2
	}
	depth = max(depth, 1)
	return min(calc.LevelProgram+calc.Level(depth), calc.LevelSubKegiatan)
}

// isGroupName recognises the rows that group spending (design.md §7).
func isGroupName(normalized string) bool {
	for _, g := range []string{"belanja tidak langsung", "belanja langsung", "belanja operasi", "belanja modal",
		"belanja tidak terduga", "belanja transfer"} {
		if strings.HasPrefix(normalized, g) {
			return true
		}
	}
	return false
}

// isTotalRow recognises a grand total row: JUMLAH, TOTAL, Jumlah Keseluruhan.
func isTotalRow(text string) bool {
	n := strings.ToLower(text)
	return strings.HasPrefix(n, "jumlah") || strings.HasPrefix(n, "total") || strings.HasPrefix(n, "grand total")
}

// cutNumbering splits "1 Pelayanan…", "1. Pelayanan…", "1) …" or "a. …"
// into the number and the name.
func cutNumbering(s string) (num, rest string, ok bool) {
	word, rest, found := strings.Cut(s, " ")
	if !found || rest == "" {
		return "", s, false
	}
	w := strings.TrimRight(word, ".)")
	if w == "" {
		return "", s, false
	}
	if strings.Trim(w, "0123456789.") == "" {
		return w, strings.TrimSpace(rest), true
	}
	if len(w) == 1 && w[0] >= 'a' && w[0] <= 'z' && len(word) == 2 {
		return w, strings.TrimSpace(rest), true
	}
	return "", s, false
}

// looksLikeCode reports whether a No cell holds a hierarchical code
// ("2.16.01") rather than list numbering ("1", "A").
func looksLikeCode(s string) bool {
	return strings.Count(s, ".") >= 1 && strings.Trim(s, "0123456789. ") == "" && len(strings.Trim(s, ". ")) > 2
}

// codeLevel places a code by its number of segments, in the Permendagri
// 90/2019 nomenclature: program X.XX.XX, kegiatan X.XX.XX.X.XX,
// sub-kegiatan X.XX.XX.X.XX.XXXX; account codes start with 5 (belanja).
func codeLevel(code string) (calc.Level, bool) {
	segs := strings.Split(calc.NormalizeCode(code), ".")
	if segs[0] == "5" {
		if len(segs) >= 6 {
			return calc.LevelRekening, true
		}
		return calc.LevelAkun, true
	}
	switch len(segs) {
	case 3:
		return calc.LevelProgram, true
	case 4, 5:
		return calc.LevelKegiatan, true
	case 6:
		return calc.LevelSubKegiatan, true
	}
	return 0, false
}
