package layout

import (
	"fmt"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"lkjip/calc"
)

// line is a budget row placed on the Penyerapan Anggaran sheet.
type line struct {
	n     *calc.Node
	depth int
	row   int
	kids  []int // rows of the children
}

// flatten lays the budget trees out in table order, numbering rows from
// first. A table's own total row (its Root) is a line only when there are
// several tables; with one, the sheet's JUMLAH row stands for it.
func flatten(budgets []*calc.Budget, first int) []*line {
	var out []*line
	var walk func(n *calc.Node, depth int) *line
	walk = func(n *calc.Node, depth int) *line {
		l := &line{n: n, depth: depth, row: first + len(out)}
		out = append(out, l)
		for _, c := range n.Children {
			l.kids = append(l.kids, walk(c, depth+1).row)
		}
		return l
	}
	for _, b := range budgets {
		if len(budgets) > 1 {
			walk(b.Root, 0)
			continue
		}
		for _, c := range b.Root.Children {
			walk(c, 0)
		}
	}
	return out
}

// Columns of the Penyerapan Anggaran sheet.
const (
	colAnggaran  = "D"
	colRealisasi = "E"
	colSisa      = "F"
	colPersen    = "G"
	colPredikat  = "H"
)

// penyerapan writes the whole budget tree: anggaran and realisasi typed at
// the leaves, every parent the sum of its children, sisa, percentage and
// predikat as formulas, each carrying the value calc computed. Rows are
// grouped by level so the detail can be folded away; a parent's typed
// figures are compared on the cell that shows its computed sum.
func (rp *report) penyerapan() error {
	w, err := rp.open(SheetPenyerapan, 13, 52, 15, 18, 18, 18, 9, 14)
	if err != nil {
		return err
	}
	if err := rp.heading(w, "Penyerapan Anggaran",
		"Kode / No", "Uraian", "Tingkat", "Anggaran (Rp)", "Realisasi (Rp)", "Sisa (Rp)", "%", "Predikat"); err != nil {
		return err
	}
	first := w.row + 1
	lines := flatten(rp.r.Agency.Budgets, first)
	var top []int
	for _, l := range lines {
		rp.nodeRow[l.n] = l.row
		if l.depth == 0 {
			top = append(top, l.row)
		}
		if err := rp.budgetRow(w, l); err != nil {
			return err
		}
	}
	rp.totalRow = w.row + 1
	st, t := rp.st, rp.r.Totals
	var root calc.Node // figures of the single table's own total row
	if b := rp.r.Agency.Budgets; len(b) == 1 {
		root = *b[0].Root
	}
	ang, real := val(st.boldAmount, num(t.Anggaran)), val(st.boldAmount, num(t.Realisasi))
	if len(top) > 0 {
		ang = formula(st.boldAmount, sumOf(colAnggaran, top), num(t.Anggaran))
		real = formula(st.boldAmount, sumOf(colRealisasi, top), num(t.Realisasi))
	}
	if _, err := w.next(
		txt(st.bold, ""), from(txt(st.bold, "JUMLAH"), root.Src), txt(st.bold, calc.LevelTotal.Label()),
		from(ang, root.Anggaran.Src), from(real, root.Realisasi.Src),
		from(rp.sisaCell(rp.totalRow, t, st.boldAmount), root.Sisa.Src),
		from(rp.persenCell(rp.totalRow, t, st.boldPercent), root.Persen.Src),
		rp.predikatCell(colPersen, rp.totalRow, t.Persen()),
	); err != nil {
		return err
	}
	rng := fmt.Sprintf("%s%d:%s%d", colPredikat, first, colPredikat, rp.totalRow)
	if err := bandFormats(rp.f, SheetPenyerapan, rng, colPersen, first, rp.bands); err != nil {
		return err
	}
	return w.finish(rp.page(true))
}

// budgetRow writes one row of the tree.
func (rp *report) budgetRow(w *sheetWriter, l *line) error {
	st, n := rp.st, l.n
	code := n.Code
	if code == "" {
		code = n.No
	}
	amount, pct := st.amount, st.percent
	ang, real := val(amount, num(n.Sum.Anggaran)), val(amount, num(n.Sum.Realisasi))
	if len(l.kids) > 0 {
		amount, pct = st.boldAmount, st.boldPercent
		ang = formula(amount, sumOf(colAnggaran, l.kids), num(n.Sum.Anggaran))
		real = formula(amount, sumOf(colRealisasi, l.kids), num(n.Sum.Realisasi))
	}
	name := n.Name
	if n.Level == calc.LevelTotal && name == "" {
		name = "JUMLAH " + n.Src.File
	}
	_, err := w.nextAt(l.depth,
		txt(st.text, code),
		from(txt(st.indent[min(l.depth, len(st.indent)-1)], name), n.Src),
		txt(st.text, n.Level.Label()),
		from(ang, n.Anggaran.Src), from(real, n.Realisasi.Src),
		from(rp.sisaCell(l.row, n.Sum, amount), n.Sisa.Src),
		from(rp.persenCell(l.row, n.Sum, pct), n.Persen.Src),
		rp.predikatCell(colPersen, l.row, n.Sum.Persen()),
	)
	return err
}

// sisaCell is anggaran − realisasi of a row on the Penyerapan sheet.
func (rp *report) sisaCell(row int, a calc.Amounts, style int) excelize.Cell {
	return formula(style, fmt.Sprintf("%s%d-%s%d", colAnggaran, row, colRealisasi, row), num(a.Sisa()))
}

// persenCell is realisasi ÷ anggaran × 100 of a row, 0 when anggaran is 0.
func (rp *report) persenCell(row int, a calc.Amounts, style int) excelize.Cell {
	return formula(style, percentOf(cellRef(colRealisasi, row), cellRef(colAnggaran, row)), num(a.Persen()))
}

// predikatCell names the band of the percentage in column col of a row,
// as calc.Predikat names pct.
func (rp *report) predikatCell(col string, row int, pct decimal.Decimal) any {
	return formula(rp.st.text, predikatFormula(cellRef(col, row), rp.bands), rp.r.Predikat(pct))
}
