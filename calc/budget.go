package calc

import (
	"github.com/shopspring/decimal"

	"lkjip/internal/fixed"
)

// Level is a row's place in the budget tree, from the grand total down to
// the account (rekening). Lower values sit higher in the tree.
type Level uint8

const (
	LevelTotal       Level = iota // the grand total row (JUMLAH)
	LevelGroup                    // BELANJA TIDAK LANGSUNG / LANGSUNG, Belanja Operasi / Modal …
	LevelProgram                  // program
	LevelKegiatan                 // kegiatan
	LevelSubKegiatan              // sub-kegiatan (Permendagri 90/2019)
	LevelAkun                     // account group (5.1.02)
	LevelRekening                 // account (5.1.02.01.01.0024)
)

// Label names the level in Bahasa Indonesia.
func (l Level) Label() string {
	switch l {
	case LevelTotal:
		return "Jumlah"
	case LevelGroup:
		return "Kelompok Belanja"
	case LevelProgram:
		return "Program"
	case LevelKegiatan:
		return "Kegiatan"
	case LevelSubKegiatan:
		return "Sub Kegiatan"
	case LevelAkun:
		return "Kelompok Rekening"
	default:
		return "Rekening"
	}
}

// Node is one row of a DPA realisation table: its typed figures, where it
// sits, and its children. Anggaran and Realisasi are always columns of the
// table; Persen and Sisa are Absent when the table has no such column.
type Node struct {
	Level Level
	// Code is the hierarchical code when the table has one ("2.16.01");
	// No is the numbering typed beside the name ("1", "a.").
	Code string
	No   string
	Name string
	Src  Ref // the cell holding the name

	Anggaran  Figure
	Realisasi Figure
	Persen    Figure
	Sisa      Figure

	Children []*Node

	// sum is a parent's anggaran and realisasi computed from the leaves
	// up, set by Analyze (see Sum). A leaf's are its own figures and are
	// not stored: a large DPA is nearly all leaves.
	sum *Amounts
}

// Sum is anggaran and realisasi computed from the leaves up (design.md §5:
// leaves are the source of truth): a leaf's typed figures (zero where it
// holds none), a parent's the sum of its children's, known once Analyze
// has run (zero before).
func (n *Node) Sum() Amounts {
	switch {
	case len(n.Children) == 0:
		return n.typed()
	case n.sum == nil:
		return Amounts{}
	}
	return *n.sum
}

// Amounts is a pair of exact budget figures and what follows from them.
type Amounts struct {
	Anggaran  decimal.Decimal
	Realisasi decimal.Decimal
}

// Persen is realisasi / anggaran × 100, exact; zero when anggaran is zero.
func (a Amounts) Persen() decimal.Decimal { return Percent(a.Realisasi, a.Anggaran) }

// Sisa is anggaran − realisasi.
func (a Amounts) Sisa() decimal.Decimal { return a.Anggaran.Sub(a.Realisasi) }

// Add returns the sum of two pairs.
func (a Amounts) Add(b Amounts) Amounts {
	return Amounts{a.Anggaran.Add(b.Anggaran), a.Realisasi.Add(b.Realisasi)}
}

// Budget is one DPA realisation table. Root is the grand total: its figures
// come from the table's total row (JUMLAH …) when there is one, and are
// Absent otherwise.
type Budget struct {
	Root *Node
}

// Walk calls fn for n and the nodes below it, parents before children; it
// descends into a node's children only when fn returns true for it.
func (n *Node) Walk(fn func(*Node) bool) {
	if !fn(n) {
		return
	}
	for _, c := range n.Children {
		c.Walk(fn)
	}
}

// FixedSum is Sum in 64-bit arithmetic (as fixed.Of gives it), without
// making decimals of a leaf's figures; ok is false when either amount does
// not fit, and Sum must be used.
func (n *Node) FixedSum() (anggaran, realisasi fixed.Dec, ok bool) {
	if len(n.Children) == 0 {
		a, ok1 := n.Anggaran.Fixed()
		r, ok2 := n.Realisasi.Fixed()
		return a, r, ok1 && ok2
	}
	s := n.Sum()
	a, ok1 := fixed.Of(s.Anggaran)
	r, ok2 := fixed.Of(s.Realisasi)
	return a, r, ok1 && ok2
}

// typed is the row's typed anggaran and realisasi, zero where it holds
// none.
func (n *Node) typed() Amounts { return Amounts{n.Anggaran.Or0(), n.Realisasi.Or0()} }

// sumUp sets the sums of n and of every parent below it (see Sum), adds
// n's to a and r, and appends n and the nodes below it to nodes, parents
// before children (the order Walk visits them in).
func (n *Node) sumUp(a, r *summer, nodes *[]*Node) {
	*nodes = append(*nodes, n)
	if len(n.Children) == 0 {
		a.addFigure(n.Anggaran)
		r.addFigure(n.Realisasi)
		return
	}
	var ca, cr summer
	for _, c := range n.Children {
		c.sumUp(&ca, &cr, nodes)
	}
	sum := Amounts{ca.total(), cr.total()}
	n.sum = &sum
	a.add(sum.Anggaran)
	r.add(sum.Realisasi)
}

// Find returns the nodes of the given level, in table order.
func (b *Budget) Find(level Level) []*Node {
	var out []*Node
	b.Root.Walk(func(n *Node) bool {
		if n.Level == level {
			out = append(out, n)
		}
		return n.Level < level
	})
	return out
}
