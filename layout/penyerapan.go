package layout

import (
	"fmt"
	"strings"

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
// first.
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
		for _, c := range b.Root.Children {
			walk(c, 0)
		}
	}
	return out
}

// sumOf is a formula adding the given rows of a column.
func sumOf(col string, rows []int) string {
	refs := make([]string, len(rows))
	for i, r := range rows {
		refs[i] = cellRef(col, r)
	}
	return "SUM(" + strings.Join(refs, ",") + ")"
}

// penyerapan writes the whole budget tree: anggaran and realisasi typed at
// the leaves, every parent the sum of its children, sisa and percentage as
// formulas, each carrying the value calc computed.
func (rp *report) penyerapan(w *sheetWriter) error {
	st := rp.st
	if err := rp.heading(w, "Penyerapan Anggaran", []float64{14, 60, 16, 20, 20, 20, 10, 16},
		"Kode / No", "Uraian", "Tingkat", "Anggaran (Rp)", "Realisasi (Rp)", "Sisa (Rp)", "%", "Predikat"); err != nil {
		return err
	}
	lines := flatten(rp.r.Agency.Budgets, w.row+1)
	var top []int
	for _, l := range lines {
		n := l.n
		if l.depth == 0 {
			top = append(top, l.row)
		}
		code := n.Code
		if code == "" {
			code = n.No
		}
		amount, pct := st.amount, st.percent
		if len(l.kids) > 0 {
			amount, pct = st.boldAmount, st.boldPercent
		}
		ang, real := any(num(n.Sum.Anggaran)), any(num(n.Sum.Realisasi))
		if len(l.kids) > 0 {
			ang = formula(amount, sumOf("D", l.kids), num(n.Sum.Anggaran))
			real = formula(amount, sumOf("E", l.kids), num(n.Sum.Realisasi))
		} else {
			ang, real = val(amount, ang), val(amount, real)
		}
		if _, err := w.next(
			txt(st.text, code),
			txt(st.indent[min(l.depth, len(st.indent)-1)], n.Name),
			txt(st.text, n.Level.Label()),
			ang, real,
			rp.sisaCell(l.row, n.Sum, amount),
			rp.persenCell(l.row, n.Sum, pct),
			txt(st.text, rp.r.Predikat(n.Sum.Persen())),
		); err != nil {
			return err
		}
	}
	totalRow := w.row + 1
	rp.totalRow = totalRow
	t := rp.r.Totals
	_, err := w.next(
		txt(st.bold, ""), txt(st.bold, "JUMLAH"), txt(st.bold, calc.LevelTotal.Label()),
		formula(st.boldAmount, sumOf("D", top), num(t.Anggaran)),
		formula(st.boldAmount, sumOf("E", top), num(t.Realisasi)),
		rp.sisaCell(totalRow, t, st.boldAmount),
		rp.persenCell(totalRow, t, st.boldPercent),
		txt(st.bold, rp.r.Predikat(t.Persen())),
	)
	return err
}

// sisaCell is anggaran − realisasi of a row on the Penyerapan sheet.
func (rp *report) sisaCell(row int, a calc.Amounts, style int) any {
	return formula(style, fmt.Sprintf("D%d-E%d", row, row), num(a.Sisa()))
}

// persenCell is realisasi ÷ anggaran × 100 of a row, 0 when anggaran is 0.
func (rp *report) persenCell(row int, a calc.Amounts, style int) any {
	return formula(style, fmt.Sprintf("IF(D%d=0,0,E%d/D%d*100)", row, row, row), num(a.Persen()))
}
