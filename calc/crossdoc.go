package calc

import (
	"fmt"

	"github.com/shopspring/decimal"
)

// side is one document's list of names taking part in a cross-check.
type side struct {
	doc   string // the document, in Bahasa Indonesia: "Pohon Kinerja", "DPA"
	names []Named
	srcs  []Ref
}

// crossNames matches the names of document a against document b and reports
// every disagreement (design.md §5): a near match is info on a's cell; a name
// of a with no counterpart in b is a warning with the closest name of b
// suggested; a name of b with no counterpart in a, and not suggested for
// one, is a warning on b's cell when missingB is set.
func (c *checker) crossNames(what string, a, b side, missingB bool) NameMatching {
	m := MatchNames(a.names, b.names)
	for _, p := range m.Pairs {
		if p.Exact {
			continue
		}
		na, nb := a.names[p.A].Name, b.names[p.B].Name
		if NormalizeName(na) == NormalizeName(nb) {
			continue // matched by code, same name
		}
		c.addAs(Info, Finding{Rule: RuleNameMismatch, Src: a.srcs[p.A], Subject: na, Reported: na, Computed: nb,
			Message: fmt.Sprintf("%s %q di %s ditulis %q di %s (kemiripan %s %%)",
				what, na, a.doc, nb, b.doc, similarityText(p.Score))})
	}
	for _, i := range m.UnmatchedA {
		na := a.names[i].Name
		f := Finding{Rule: RuleNameMismatch, Src: a.srcs[i], Subject: na, Reported: na}
		if s, ok := m.Suggest[i]; ok {
			nb := b.names[s.B].Name
			f.Computed = nb
			f.Message = fmt.Sprintf("%s %q di %s tidak ditemukan di %s; mungkin maksudnya %q (kemiripan %s %%)",
				what, na, a.doc, b.doc, nb, similarityText(s.Score))
		} else {
			f.Message = fmt.Sprintf("%s %q di %s tidak ditemukan di %s", what, na, a.doc, b.doc)
		}
		c.add(f)
	}
	if missingB {
		for _, j := range m.UnmatchedB {
			if m.Suggested(j) {
				continue
			}
			nb := b.names[j].Name
			c.add(Finding{Rule: RuleNameMismatch, Src: b.srcs[j], Subject: nb, Reported: nb,
				Message: fmt.Sprintf("%s %q di %s tidak ada di %s", what, nb, b.doc, a.doc)})
		}
	}
	return m
}

// similarityText shows a similarity score as a whole percentage.
func similarityText(score float64) string {
	return decimal.NewFromFloat(score * 100).Round(0).String()
}

// nodeSide lists budget rows for matching.
func nodeSide(doc string, nodes []*Node) side {
	s := side{doc: doc}
	for _, n := range nodes {
		s.names = append(s.names, Named{Code: n.Code, Name: n.Name})
		s.srcs = append(s.srcs, n.Src)
	}
	return s
}

// pohonSide lists performance-tree nodes for matching.
func pohonSide(nodes []*PohonNode) side {
	s := side{doc: "Pohon Kinerja"}
	for _, n := range nodes {
		s.names = append(s.names, Named{Code: n.Code, Name: n.Name})
		s.srcs = append(s.srcs, n.Src)
	}
	return s
}

// pohonLevel returns the nodes of a level in the performance tree.
func pohonLevel(roots []*PohonNode, l PohonLevel) []*PohonNode {
	var out []*PohonNode
	for _, r := range roots {
		r.Walk(func(n *PohonNode) bool {
			if n.Level == l {
				out = append(out, n)
			}
			return n.Level < l
		})
	}
	return out
}

// childrenAt returns the kegiatan-level children of a budget program.
func childrenAt(n *Node, l Level) []*Node {
	var out []*Node
	for _, c := range n.Children {
		if c.Level == l {
			out = append(out, c)
		}
	}
	return out
}

// checkPohon matches the Pohon Kinerja's programs, and each program's
// kegiatan, against the DPA.
func (c *checker) checkPohon(r *Result) {
	progs := pohonLevel(r.Agency.Pohon, PohonProgram)
	if len(progs) == 0 || len(r.Programs) == 0 {
		return
	}
	m := c.crossNames("Program", pohonSide(progs), nodeSide("DPA", r.Programs), true)
	counterpart := map[int]int{}
	for _, p := range m.Pairs {
		counterpart[p.A] = p.B
		r.PohonDPA[progs[p.A]] = r.Programs[p.B]
	}
	for i, s := range m.Suggest {
		counterpart[i] = s.B
	}
	for i := range progs {
		j, ok := counterpart[i]
		if !ok {
			continue
		}
		pk := progs[i].Children
		dk := childrenAt(r.Programs[j], LevelKegiatan)
		if len(pk) == 0 || len(dk) == 0 {
			continue
		}
		km := c.crossNames("Kegiatan", pohonSide(pk), nodeSide("DPA", dk), true)
		for _, p := range km.Pairs {
			r.PohonDPA[pk[p.A]] = dk[p.B]
		}
	}
}

// checkPK compares the Perjanjian Kinerja's program budgets with the DPA.
func (c *checker) checkPK(r *Result) {
	rows := r.Agency.PK
	for _, row := range rows {
		c.checkFigure(row.Anggaran, "Anggaran", row.Program, true, row.Src)
	}
	if len(rows) == 0 || len(r.Programs) == 0 {
		return
	}
	pk := side{doc: "Perjanjian Kinerja"}
	for _, row := range rows {
		pk.names = append(pk.names, Named{Name: row.Program})
		pk.srcs = append(pk.srcs, row.Src)
	}
	m := c.crossNames("Program", pk, nodeSide("DPA", r.Programs), true)
	for _, p := range m.Pairs {
		row, dpa := rows[p.A], r.Programs[p.B]
		c.pkDPA[p.A] = dpa
		if !row.Anggaran.Present() {
			continue
		}
		want := dpa.Sum.Anggaran
		switch compareAmount(row.Anggaran, want) {
		case differs:
			c.add(Finding{Rule: RulePKBudgetMismatch, Src: row.Anggaran.Src, Subject: dpa.Name,
				Reported: row.Anggaran.Value.String(), Computed: jsonAmount(want),
				Message: fmt.Sprintf("%s: anggaran di Perjanjian Kinerja %s, di DPA %s (selisih %s)",
					dpa.Name, typedText(row.Anggaran), formatAmount(want), formatAmount(row.Anggaran.Value.Sub(want)))})
		case rounded:
			c.roundingFinding(row.Anggaran, want, dpa.Name, "anggaran di Perjanjian Kinerja")
		}
	}
}

// checkData checks a supporting data table's typed total row, column by
// column.
func (c *checker) checkData(t DataTable) {
	for _, row := range t.Rows {
		for i, v := range row.Values {
			c.checkFigure(v, columnTitle(t, i), row.Label, false, row.Src)
		}
	}
	if t.Total == nil {
		return
	}
	for i, typed := range t.Total.Values {
		var sum decimal.Decimal
		for _, row := range t.Rows {
			if i < len(row.Values) {
				sum = sum.Add(row.Values[i].Or0())
			}
		}
		c.checkTotal(typed, sum, columnTitle(t, i), t.Total.Label)
	}
}

func columnTitle(t DataTable, i int) string {
	if i < len(t.Columns) {
		return t.Columns[i]
	}
	return fmt.Sprintf("kolom %d", i+1)
}
