package calc

import (
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"
)

// side is one document's list of names taking part in a cross-check.
type side struct {
	doc   string // the document, in Bahasa Indonesia: "Pohon Kinerja", "DPA"
	names []Named
	srcs  []Ref
}

// crossNames matches the names of document a against document b and reports
// every disagreement (design.md §5): a near match is info on a's cell; a
// pair made by code whose names are not near is a warning; two codes for
// one name is a code-mismatch; a name of a with no counterpart in b is a
// warning with the closest name of b suggested; a name of b with no
// counterpart in a, and not suggested for one, is noted as absent from a
// (one warning per cell, naming every document it is absent from) when
// missingB is set.
func (c *checker) crossNames(what string, a, b side, missingB bool) NameMatching {
	m := MatchNames(a.names, b.names)
	for _, p := range m.Pairs {
		na, nb := a.names[p.A], b.names[p.B]
		if IsCode(na.Code) && IsCode(nb.Code) && NormalizeCode(na.Code) != NormalizeCode(nb.Code) {
			c.add(Finding{Rule: RuleCodeMismatch, Src: a.srcs[p.A], Subject: na.Name, Reported: na.Code, Computed: nb.Code,
				Message: fmt.Sprintf("%s %q berkode %s di %s, tetapi %s di %s; kode yang sama harus dipakai di semua dokumen",
					what, na.Name, na.Code, a.doc, nb.Code, b.doc)})
		}
		if p.Exact || NormalizeName(na.Name) == NormalizeName(nb.Name) {
			continue
		}
		if p.ByCode && !NearNames(na.Name, nb.Name) {
			c.add(Finding{Rule: RuleNameMismatch, Src: a.srcs[p.A], Subject: na.Name, Reported: na.Name, Computed: nb.Name,
				Message: fmt.Sprintf("%s berkode %s ditulis %q di %s, tetapi %q di %s (kemiripan %s %%); kodenya sama, namanya seharusnya juga sama",
					what, na.Code, na.Name, a.doc, nb.Name, b.doc, similarityText(p.Score))})
			continue
		}
		c.addAs(Info, Finding{Rule: RuleNameMismatch, Src: a.srcs[p.A], Subject: na.Name, Reported: na.Name, Computed: nb.Name,
			Message: fmt.Sprintf("%s %q di %s ditulis %q di %s (kemiripan %s %%); dianggap sama, tetapi sebaiknya ejaannya diseragamkan",
				what, na.Name, a.doc, nb.Name, b.doc, similarityText(p.Score))})
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
			f.Message = fmt.Sprintf("%s %q di %s tidak ditemukan di %s, juga tidak ada nama yang mirip", what, na, a.doc, b.doc)
		}
		c.add(f)
	}
	if missingB {
		for _, j := range m.UnmatchedB {
			if !m.Suggested(j) {
				c.noteAbsent(b.srcs[j], what, b.names[j].Name, b.doc, a.doc)
			}
		}
	}
	return m
}

// absence is a program or kegiatan of one document missing from others.
type absence struct {
	src             Ref
	what, name, doc string
	from            []string
}

// noteAbsent records that a name of document doc is absent from document
// from; flushAbsent reports it, once per cell.
func (c *checker) noteAbsent(src Ref, what, name, doc, from string) {
	if a := c.absent[src]; a != nil {
		if !slices.Contains(a.from, from) {
			a.from = append(a.from, from)
		}
		return
	}
	if c.absent == nil {
		c.absent = map[Ref]*absence{}
	}
	c.absent[src] = &absence{src: src, what: what, name: name, doc: doc, from: []string{from}}
}

// flushAbsent reports every recorded absence (sortFindings orders them).
func (c *checker) flushAbsent() {
	for _, a := range c.absent {
		c.add(Finding{Rule: RuleNameMismatch, Src: a.src, Subject: a.name, Reported: a.name,
			Message: fmt.Sprintf("%s %q di %s tidak ada di %s; seharusnya tercantum juga di sana, atau ejaannya di sana terlalu berbeda untuk dikenali",
				a.what, a.name, a.doc, strings.Join(a.from, " maupun "))})
	}
	c.absent = nil
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
		c.checkFigure(row.Anggaran, "Anggaran", row.Program, required, row.Src)
	}
	if len(rows) == 0 || len(r.Programs) == 0 {
		return
	}
	pk := side{doc: "Perjanjian Kinerja"}
	for _, row := range rows {
		pk.names = append(pk.names, Named{Code: row.Code, Name: row.Program})
		pk.srcs = append(pk.srcs, row.Src)
	}
	m := c.crossNames("Program", pk, nodeSide("DPA", r.Programs), true)
	for _, p := range m.Pairs {
		row, dpa := rows[p.A], r.Programs[p.B]
		c.pkDPA[p.A] = dpa
		if !row.Anggaran.Present() {
			continue
		}
		want := dpa.Sum().Anggaran
		switch compareAmount(row.Anggaran, want) {
		case differs:
			c.add(Finding{Rule: RulePKBudgetMismatch, Src: row.Anggaran.Src, Subject: dpa.Name,
				Reported: row.Anggaran.Value().String(), Computed: jsonAmount(want),
				Message: fmt.Sprintf("%s: anggaran di Perjanjian Kinerja tertulis %s, seharusnya %s seperti di DPA (%s; selisih %s)",
					dpa.Name, typedText(row.Anggaran), formatAmount(want), dpa.Src, formatAmount(row.Anggaran.Value().Sub(want)))})
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
			c.checkFigure(v, columnTitle(t, i), row.Label, optional, row.Src)
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
