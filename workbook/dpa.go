package workbook

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unsafe"

	"lkjip/calc"
)

// dpaMapper builds a budget tree from a DPA realisation table.
type dpaMapper struct {
	t     *table
	a     *calc.Agency
	b     *calc.Budget
	stack []*calc.Node // the open path from the root down
	// codes[i] is the code of stack[i], when it has one.
	codes []stackCode
	total bool // the grand total row ended the table
	// norm remembers calc.NormalizeName: budget names repeat row after row.
	norm map[string]string
	// free are nodes allocated ahead, a block at a time (newNode); block
	// is the size of the last block.
	free  []calc.Node
	block int

	colNo, colKode, colName                       int
	colAnggaran, colRealisasi, colPersen, colSisa int
}

func newDPAMapper(t *table, a *calc.Agency) *dpaMapper {
	h := t.hdr
	m := &dpaMapper{t: t, a: a, norm: map[string]string{},
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
	m.stack, m.codes = []*calc.Node{root}, []stackCode{{}}
	a.Budgets = append(a.Budgets, m.b)
	return m
}

func absent() calc.Figure { return calc.Figure{Kind: calc.Absent} }

func (m *dpaMapper) row(r int) string {
	t := m.t
	no := t.text(r, m.colNo)
	kode := t.text(r, m.colKode)
	name := t.text(r, m.colName)
	n := m.newNode()
	*n = calc.Node{
		No: no, Name: name, Src: t.ref(r, m.colName),
		Anggaran: t.fig(r, m.colAnggaran), Realisasi: t.fig(r, m.colRealisasi),
		Persen: t.fig(r, m.colPersen), Sisa: t.fig(r, m.colSisa),
	}
	if n.Anggaran.Kind == calc.Blank && n.Realisasi.Kind == calc.Blank {
		if !isSection(name) || m.total {
			return otherRowReason(t.sh, r)
		}
		// A section heading without figures ("BELANJA LANGSUNG"), whose
		// subtotal row may follow: nothing to check until then.
		n.Anggaran, n.Realisasi, n.Persen, n.Sisa = absent(), absent(), absent(), absent()
	}
	if isTotalRow(name) || isTotalRow(no) || isTotalRow(kode) {
		return m.totalRow(n, firstNonEmpty(name, no, kode))
	}
	if m.total {
		return "di bawah baris jumlah"
	}
	c, coded := m.codeOf(n, kode)
	if n.Name == "" && !coded {
		return "angka tanpa uraian"
	}
	if coded {
		n.Code = c.String()
	}
	m.place(n, c, coded)
	if n.Level >= calc.LevelKegiatan && !coded {
		if num, rest, ok := cutNumbering(n.Name); ok {
			n.No, n.Name = num, rest
		}
	}
	parent := m.stack[len(m.stack)-1]
	parent.Children = append(parent.Children, n)
	m.free = m.free[1:] // n is in the tree
	m.stack = append(m.stack, n)
	m.codes = append(m.codes, stackCode{c, coded})
	return ""
}

// newNode returns the node for the next row, from a block allocated ahead:
// one allocation per block rather than per row. The node stays free for
// the row after until it is placed in the tree. Blocks double in size up
// to maxNodeBlock, so a small table does not hold a large block.
func (m *dpaMapper) newNode() *calc.Node {
	if len(m.free) == 0 {
		m.block = min(max(2*m.block, 16), maxNodeBlock)
		m.free = make([]calc.Node, m.block)
	}
	return &m.free[0]
}

// maxNodeBlock is the most budget nodes allocated at once: as many as fit
// in 112 KB, 14 of the runtime's 8 KB pages. A block that large is
// allocated in whole pages, so a count that does not fill them wastes the
// rest (256 nodes of 456 bytes would take 15 pages, 24 bytes a node;
// of 360 bytes, 318 nodes fill 14 pages to within 208 bytes).
const maxNodeBlock = 14 << 13 / int(unsafe.Sizeof(calc.Node{}))

// stackCode is the code of an open row, if it has one.
type stackCode struct {
	code
	ok bool
}

// truncate closes the open rows from depth i down.
func (m *dpaMapper) truncate(i int) {
	m.stack, m.codes = m.stack[:i], m.codes[:i]
}

// topCode is the code of the innermost open row.
func (m *dpaMapper) topCode() (code, bool) {
	c := m.codes[len(m.codes)-1]
	return c.code, c.ok
}

// normalized is calc.NormalizeName, remembered.
func (m *dpaMapper) normalized(name string) string {
	if v, ok := m.norm[name]; ok {
		return v
	}
	v := calc.NormalizeName(name)
	if len(m.norm) >= 1<<12 {
		clear(m.norm)
	}
	m.norm[name] = v
	return v
}

func (m *dpaMapper) finish() {}

// codeOf finds a row's code: in the Kode column, in the No column when it
// holds a code rather than numbering, or typed at the start of the name.
// A code cut from the name leaves the name without it.
func (m *dpaMapper) codeOf(n *calc.Node, kode string) (code, bool) {
	if c, ok := parseKode(kode); ok {
		return c, true
	}
	if c, ok := parseCode(n.No); ok && c.strict() {
		n.No = ""
		return c, true
	}
	if c, rest, ok := cutCode(n.Name); ok {
		n.Name = rest
		return c, true
	}
	return code{}, false
}

// totalRow reads a row of totals: the grand total (JUMLAH, TOTAL, Jumlah
// Keseluruhan), or a subtotal that names an open row ("Jumlah Belanja
// Langsung") or says it is one ("Sub Total"). A subtotal gives its figures
// to the row it closes when that row had none of its own.
func (m *dpaMapper) totalRow(n *calc.Node, label string) string {
	if target := m.subtotalOf(label); target != nil {
		m.truncate(slices.Index(m.stack, target))
		if unfilled(target.Anggaran) && unfilled(target.Realisasi) {
			target.Anggaran, target.Realisasi, target.Persen, target.Sisa = n.Anggaran, n.Realisasi, n.Persen, n.Sisa
			return ""
		}
		return fmt.Sprintf("subjumlah dari %q; angkanya sudah dibaca di baris %d", shorten(target.Name, 40), target.Src.Row)
	}
	root := m.stack[0]
	if root.Anggaran.Kind != calc.Absent {
		return "baris jumlah tambahan"
	}
	m.total = len(root.Children) > 0 // a total above the rows does not end the table
	root.Name, root.Src = label, n.Src
	root.Anggaran, root.Realisasi, root.Persen, root.Sisa = n.Anggaran, n.Realisasi, n.Persen, n.Sisa
	return ""
}

// subtotalOf finds the open row a total row closes, or nil for the grand
// total.
func (m *dpaMapper) subtotalOf(label string) *calc.Node {
	rest := calc.NormalizeName(label)
	for _, w := range []string{"grand total", "sub total", "subtotal", "sub jumlah", "jumlah", "total"} {
		if strings.HasPrefix(rest, w) {
			rest = strings.TrimSpace(strings.TrimPrefix(rest, w))
			break
		}
	}
	rest = strings.TrimSpace(strings.TrimLeft(rest, "-:"))
	// A subtotal names a section or program in two words or more: "Jumlah
	// Belanja Langsung"; "Jumlah Belanja" is the grand total.
	if len(strings.Fields(rest)) >= 2 {
		for i := len(m.stack) - 1; i > 0; i-- {
			n := m.stack[i]
			nm := calc.NormalizeName(n.Name)
			if n.Level <= calc.LevelKegiatan && nm != "" && (strings.HasPrefix(nm, rest) || strings.HasPrefix(rest, nm)) {
				return n
			}
		}
	}
	lower := strings.ToLower(label)
	if strings.HasPrefix(lower, "sub") && len(m.stack) >= 3 {
		return m.stack[len(m.stack)-2]
	}
	return nil
}

// place decides a row's level and pops the open path to its parent.
//
// A coded row nests under the nearest open row whose code contains its own
// (segment by segment, leading zeros ignored); accounts nest under the
// program, kegiatan or sub-kegiatan above them. Its level comes from
// words in the name ("Program …"), else from the code's shape in the
// 90/2019 nomenclature, else one below its coded parent (13/2006 codes).
// An uncoded row is placed by words, numbering and the row above it.
func (m *dpaMapper) place(n *calc.Node, c code, coded bool) {
	if !coded {
		n.Level = m.level(n)
		for len(m.stack) > 1 && m.stack[len(m.stack)-1].Level >= n.Level {
			m.truncate(len(m.stack) - 1)
		}
		return
	}
	if c.account() {
		for len(m.stack) > 1 {
			top, ok := m.topCode()
			if !ok || !top.account() || top.contains(c) {
				break
			}
			m.truncate(len(m.stack) - 1)
		}
		n.Level = c.accountLevel()
		if words, ok := wordLevel(m.normalized(n.Name), m.stack[len(m.stack)-1].Level); ok && words == calc.LevelGroup {
			n.Level = calc.LevelGroup // "5.1 BELANJA OPERASI" above the programs
		}
		return
	}
	level, known := wordLevel(m.normalized(n.Name), calc.LevelTotal)
	if !known || level == calc.LevelAkun {
		level, known = c.shapeLevel()
	}
	for len(m.stack) > 1 {
		top := m.stack[len(m.stack)-1]
		tc, topCoded := m.topCode()
		if topCoded && !tc.account() && tc.contains(c) {
			break
		}
		// Uncoded rows and coded sections ("5.2 BELANJA LANGSUNG") hold
		// the coded rows of lower levels.
		container := !topCoded || tc.account() && top.Level == calc.LevelGroup
		if container && top.Level < calc.LevelAkun && !(known && top.Level >= level) {
			break
		}
		m.truncate(len(m.stack) - 1)
	}
	if !known {
		parent := m.stack[len(m.stack)-1]
		level = max(parent.Level+1, calc.LevelProgram)
		if _, pc := m.topCode(); !pc && parent.Level >= calc.LevelProgram {
			level = calc.LevelProgram // a coded row under uncoded ones starts the coded tree
		}
		level = min(level, calc.LevelSubKegiatan)
	}
	n.Level = level
}

// level decides an uncoded row's place in the tree: by words (BELANJA …,
// Program …), by numbering (an integer in the No column is a program,
// "1 Nama…" inside the name cell a kegiatan), and otherwise one level
// below the row above it.
func (m *dpaMapper) level(n *calc.Node) calc.Level {
	top := m.stack[len(m.stack)-1].Level
	if l, ok := wordLevel(m.normalized(n.Name), top); ok {
		return l
	}
	if _, err := strconv.Atoi(n.No); err == nil {
		return calc.LevelProgram
	}
	if parts := numberingParts(n.No); parts > 1 {
		return min(calc.LevelProgram+calc.Level(parts-1), calc.LevelSubKegiatan)
	}
	if num, _, ok := cutNumbering(n.Name); ok && top >= calc.LevelProgram {
		return m.numberedLevel(num)
	}
	if top < calc.LevelProgram {
		return calc.LevelProgram
	}
	return min(top+1, calc.LevelRekening)
}

// wordLevel places a row by the words its name starts with. The sections
// above the programs (Belanja Langsung, Belanja Operasi …) are groups;
// any other "Belanja …" row, and a section's name inside a kegiatan, is an
// account group (Belanja Pegawai, Belanja Modal under a 13/2006 kegiatan).
func wordLevel(normalized string, top calc.Level) (calc.Level, bool) {
	switch {
	case isGroupName(normalized) && top < calc.LevelKegiatan:
		return calc.LevelGroup, true
	case strings.HasPrefix(normalized, "belanja "):
		return calc.LevelAkun, true
	case strings.HasPrefix(normalized, "urusan"), strings.HasPrefix(normalized, "bidang urusan"),
		strings.HasPrefix(normalized, "organisasi"), strings.HasPrefix(normalized, "unit organisasi"):
		return calc.LevelGroup, true
	case strings.HasPrefix(normalized, "program"):
		return calc.LevelProgram, true
	case strings.HasPrefix(normalized, "sub kegiatan"), strings.HasPrefix(normalized, "subkegiatan"):
		return calc.LevelSubKegiatan, true
	case strings.HasPrefix(normalized, "kegiatan"):
		return calc.LevelKegiatan, true
	}
	return 0, false
}

// numberingParts counts the parts of list numbering in the No column
// ("1.2" has two); 0 when it is no such numbering.
func numberingParts(no string) int {
	no = strings.TrimRight(no, ".")
	if no == "" || strings.Trim(no, "0123456789.") != "" {
		return 0
	}
	return len(strings.Split(no, "."))
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

// isTotalRow recognises a row of totals: JUMLAH, TOTAL, Jumlah
// Keseluruhan, Sub Total.
func isTotalRow(text string) bool {
	ascii := isASCII(text)
	n := text
	if !ascii {
		n = strings.ToLower(text)
	}
	for _, p := range []string{"jumlah", "total", "grand total", "sub total", "subtotal", "sub jumlah"} {
		if ascii && len(n) >= len(p) && strings.EqualFold(n[:len(p)], p) || !ascii && strings.HasPrefix(n, p) {
			return true
		}
	}
	return false
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// isSection recognises the heading of a section above the programs
// (Belanja Langsung, Belanja Operasi, Urusan …), which may carry no
// figures of its own.
func isSection(name string) bool {
	l, ok := wordLevel(calc.NormalizeName(name), calc.LevelTotal)
	return ok && l == calc.LevelGroup
}

// unfilled reports whether a figure is still to be given (by a subtotal).
func unfilled(f calc.Figure) bool { return f.Kind == calc.Blank || f.Kind == calc.Absent }

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

// firstNonEmpty returns the first of its arguments that is not empty.
func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
