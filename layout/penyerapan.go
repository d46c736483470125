package layout

import (
	"fmt"

	"lkjip/calc"
)

// topNodes are the budget rows laid out at the top level of the tree: a
// table's own total row (its Root) only when there are several tables;
// with one, the sheet's JUMLAH row stands for it and its children come
// first.
func topNodes(budgets []*calc.Budget) []*calc.Node {
	if len(budgets) == 1 {
		return budgets[0].Root.Children
	}
	out := make([]*calc.Node, len(budgets))
	for i, b := range budgets {
		out[i] = b.Root
	}
	return out
}

// rowsOf is the number of rows a subtree takes on the sheet.
func rowsOf(n *calc.Node) int {
	rows := 1
	for _, c := range n.Children {
		rows += rowsOf(c)
	}
	return rows
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
	if err := rp.streamRows(w); err != nil {
		return err
	}
	if err := rp.heading(w, "Penyerapan Anggaran",
		"Kode / No", "Uraian", "Tingkat", "Anggaran (Rp)", "Realisasi (Rp)", "Sisa (Rp)", "%", "Predikat"); err != nil {
		return err
	}
	first := w.row + 1
	var top []int
	for _, n := range topNodes(rp.r.Agency.Budgets) {
		top = append(top, w.row+1)
		if err := rp.budgetTree(w, n, 0); err != nil {
			return err
		}
	}
	rp.totalRow = w.row + 1
	st := rp.st
	var root calc.Node // figures of the single table's own total row
	if b := rp.r.Agency.Budgets; len(b) == 1 {
		root = *b[0].Root
	}
	text := [3]rowCell{{style: st.bold}, {style: st.bold, text: "JUMLAH", src: &root.Src}, {style: st.bold, text: calc.LevelTotal.Label()}}
	fig := figuresOf(rp.r.Totals, rp.bands, rp.r.Settings.Labels)
	if err := rp.figureRow(w, 0, text, fig, &root, top, true); err != nil {
		return err
	}
	rng := fmt.Sprintf("%s%d:%s%d", colPredikat, first, colPredikat, rp.totalRow)
	if err := bandFormats(rp.f, SheetPenyerapan, rng, colPersen, first, rp.bands); err != nil {
		return err
	}
	return w.finish(rp.page(true))
}

// budgetTree writes a node and, below it, its subtree. Rows are written as
// the tree is walked, so memory does not grow with the number of rows: a
// parent's formula needs only its children's rows, worked out from the
// sizes of their subtrees. Rows of kegiatan and above are remembered for
// the formulas and links of other sheets.
func (rp *report) budgetTree(w *sheetWriter, n *calc.Node, depth int) error {
	row := w.row + 1
	kids := make([]int, len(n.Children))
	next := row + 1
	for i, c := range n.Children {
		kids[i] = next
		next += rowsOf(c)
	}
	if n.Level <= calc.LevelKegiatan {
		rp.nodeRow[n] = row
	}
	if err := rp.budgetRow(w, n, depth, kids); err != nil {
		return err
	}
	for _, c := range n.Children {
		if err := rp.budgetTree(w, c, depth+1); err != nil {
			return err
		}
	}
	return nil
}

// budgetRow writes one row of the tree: the node's figures, summed from
// the rows of its children when it has any.
func (rp *report) budgetRow(w *sheetWriter, n *calc.Node, depth int, kids []int) error {
	st := rp.st
	code := n.Code
	if code == "" {
		code = n.No
	}
	name := n.Name
	if n.Level == calc.LevelTotal && name == "" {
		name = "JUMLAH " + n.Src.File()
	}
	text := [3]rowCell{
		{style: st.center, text: code},
		{style: st.indent[min(depth, len(st.indent)-1)], text: name, src: &n.Src},
		{style: st.text, text: n.Level.Label()},
	}
	fig := nodeFigures(n, rp.bands, rp.r.Settings.Labels)
	return rp.figureRow(w, depth, text, fig, n, kids, len(kids) > 0)
}

// figureRow writes the next row at an outline level: three text cells,
// then fig (the figures as calc computes them), in bold when bold.
// Anggaran and realisasi are the sums of rows kids when there are any;
// sisa, percentage and predikat are formulas on the row. src's figures
// name the input cells the figures stand for.
func (rp *report) figureRow(w *sheetWriter, level int, text [3]rowCell, fig figures, src *calc.Node, kids []int, bold bool) error {
	st, row := rp.st, w.row+1
	amount, pct := st.amount, st.percent
	if bold {
		amount, pct = st.boldAmount, st.boldPercent
	}
	fb := &rp.formulas // one buffer per formula column, reused row after row
	var sumAng, sumReal []byte
	if len(kids) > 0 {
		fb[0] = appendSum(fb[0][:0], colAnggaran, kids)
		fb[1] = appendSum(fb[1][:0], colRealisasi, kids)
		sumAng, sumReal = fb[0], fb[1]
	}
	var dRef, eRef [24]byte
	d, e := appendRef(dRef[:0], colAnggaran, row), appendRef(eRef[:0], colRealisasi, row)
	fb[2] = append(append(append(fb[2][:0], d...), '-'), e...)
	fb[3] = appendPercentOf(fb[3][:0], e, d)
	fb[4] = appendPredikat(fb[4][:0], rp.predikat, colPersen, row)
	cells := [...]rowCell{
		text[0], text[1], text[2],
		{style: amount, isNumber: true, number: fig.anggaran, formula: sumAng, src: &src.Anggaran.Src},
		{style: amount, isNumber: true, number: fig.realisasi, formula: sumReal, src: &src.Realisasi.Src},
		{style: amount, isNumber: true, number: fig.sisa, formula: fb[2], src: &src.Sisa.Src},
		{style: pct, isNumber: true, number: fig.persen, formula: fb[3], src: &src.Persen.Src},
		{style: st.text, text: fig.predikat, formula: fb[4]},
	}
	_, err := w.nextCells(level, cells[:])
	return err
}

// predikatCell names the band of the percentage in column col of a row;
// label is the band calc.Predikat names.
func (rp *report) predikatCell(col string, row int, label string) any {
	return formula(rp.st.text, string(appendPredikat(nil, rp.predikat, col, row)), label)
}
