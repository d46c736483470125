package calc

import "slices"

// Clone returns a deep copy of the agency: changing the copy's figures,
// rows or trees leaves a untouched.
func (a *Agency) Clone() *Agency {
	b := *a
	b.Inputs = make([]Input, len(a.Inputs))
	for i, in := range a.Inputs {
		in.Tables = slices.Clone(in.Tables)
		in.Ignored = slices.Clone(in.Ignored)
		b.Inputs[i] = in
	}
	b.Budgets = make([]*Budget, len(a.Budgets))
	for i, bud := range a.Budgets {
		b.Budgets[i] = &Budget{Root: bud.Root.clone()}
	}
	b.Pohon = make([]*PohonNode, len(a.Pohon))
	for i, n := range a.Pohon {
		b.Pohon[i] = n.clone()
	}
	b.PK = slices.Clone(a.PK)
	b.Indikator = slices.Clone(a.Indikator)
	b.Efisiensi = slices.Clone(a.Efisiensi)
	b.Alokasi = slices.Clone(a.Alokasi)
	b.Data = make([]DataTable, len(a.Data))
	for i, t := range a.Data {
		t.Columns = slices.Clone(t.Columns)
		t.Rows = slices.Clone(t.Rows)
		for j := range t.Rows {
			t.Rows[j].Values = slices.Clone(t.Rows[j].Values)
		}
		if t.Total != nil {
			total := *t.Total
			total.Values = slices.Clone(total.Values)
			t.Total = &total
		}
		b.Data[i] = t
	}
	return &b
}

func (n *Node) clone() *Node {
	c := *n
	c.Children = make([]*Node, len(n.Children))
	for i, ch := range n.Children {
		c.Children[i] = ch.clone()
	}
	return &c
}

func (n *PohonNode) clone() *PohonNode {
	c := *n
	c.Children = make([]*PohonNode, len(n.Children))
	for i, ch := range n.Children {
		c.Children[i] = ch.clone()
	}
	return &c
}
