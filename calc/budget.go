package calc

import "github.com/shopspring/decimal"

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

	// Sum holds anggaran and realisasi computed from the leaves up
	// (design.md §5: leaves are the source of truth). Set by Analyze.
	Sum Amounts
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

// sumUp sets Sum on n and every node below it: leaves take their typed
// figures, parents the sum of their children.
func (n *Node) sumUp() Amounts {
	if len(n.Children) == 0 {
		n.Sum = Amounts{n.Anggaran.Or0(), n.Realisasi.Or0()}
		return n.Sum
	}
	var a, r summer
	for _, c := range n.Children {
		cs := c.sumUp()
		a.add(cs.Anggaran)
		r.add(cs.Realisasi)
	}
	n.Sum = Amounts{a.total(), r.total()}
	return n.Sum
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
