package layout

import (
	"fmt"

	"github.com/xuri/excelize/v2"

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
	st, t := rp.st, rp.r.Totals
	var root calc.Node // figures of the single table's own total row
	if b := rp.r.Agency.Budgets; len(b) == 1 {
		root = *b[0].Root
	}
	fig := figuresOf(t, rp.bands, rp.r.Settings.Labels)
	ang, real := val(st.boldAmount, fig.anggaran), val(st.boldAmount, fig.realisasi)
	if len(top) > 0 {
		ang = formula(st.boldAmount, sumOf(colAnggaran, top), fig.anggaran)
		real = formula(st.boldAmount, sumOf(colRealisasi, top), fig.realisasi)
	}
	if _, err := w.next(
		txt(st.bold, ""), from(txt(st.bold, "JUMLAH"), root.Src), txt(st.bold, calc.LevelTotal.Label()),
		from(ang, root.Anggaran.Src), from(real, root.Realisasi.Src),
		from(rp.sisaCell(rp.totalRow, fig.sisa, st.boldAmount), root.Sisa.Src),
		from(rp.persenCell(rp.totalRow, fig.persen, st.boldPercent), root.Persen.Src),
		rp.predikatCell(colPersen, rp.totalRow, fig.predikat),
	); err != nil {
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
	if err := rp.budgetRow(w, n, depth, row, kids); err != nil {
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
func (rp *report) budgetRow(w *sheetWriter, n *calc.Node, depth, row int, kids []int) error {
	st := rp.st
	code := n.Code
	if code == "" {
		code = n.No
	}
	name := n.Name
	if n.Level == calc.LevelTotal && name == "" {
		name = "JUMLAH " + n.Src.File
	}
	fig := figuresOf(n.Sum, rp.bands, rp.r.Settings.Labels)
	amount, pct := st.amount, st.percent
	fb := &rp.formulas // one buffer per formula column, reused row after row
	var sumAng, sumReal []byte
	if len(kids) > 0 {
		amount, pct = st.boldAmount, st.boldPercent
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
		{style: st.center, text: code},
		{style: st.indent[min(depth, len(st.indent)-1)], text: name, src: &n.Src},
		{style: st.text, text: n.Level.Label()},
		{style: amount, isNumber: true, number: fig.anggaran, formula: sumAng, src: &n.Anggaran.Src},
		{style: amount, isNumber: true, number: fig.realisasi, formula: sumReal, src: &n.Realisasi.Src},
		{style: amount, isNumber: true, number: fig.sisa, formula: fb[2], src: &n.Sisa.Src},
		{style: pct, isNumber: true, number: fig.persen, formula: fb[3], src: &n.Persen.Src},
		{style: st.text, text: fig.predikat, formula: fb[4]},
	}
	_, err := w.nextCells(depth, cells[:])
	return err
}

// sisaCell is anggaran − realisasi of a row on the Penyerapan sheet;
// sisa is the value calc computed.
func (rp *report) sisaCell(row int, sisa float64, style int) excelize.Cell {
	return formula(style, cellRef(colAnggaran, row)+"-"+cellRef(colRealisasi, row), sisa)
}

// persenCell is realisasi ÷ anggaran × 100 of a row, 0 when anggaran is 0;
// pct is the value calc computed.
func (rp *report) persenCell(row int, pct float64, style int) excelize.Cell {
	return formula(style, percentOf(cellRef(colRealisasi, row), cellRef(colAnggaran, row)), pct)
}

// predikatCell names the band of the percentage in column col of a row;
// label is the band calc.Predikat names.
func (rp *report) predikatCell(col string, row int, label string) any {
	return formula(rp.st.text, string(appendPredikat(nil, rp.predikat, col, row)), label)
}
