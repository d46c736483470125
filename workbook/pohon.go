package workbook

import "lkjip/calc"

// pohonMapper builds the performance tree from a Pohon Kinerja (cascading)
// table. Each level (tujuan, sasaran, program, kegiatan, sub-kegiatan) has a
// column; its indicator, formula and target-statement columns follow it. A
// cell merged down, or left empty, under a level's cell means "same as
// above", so a node spans as many rows as its children.
type pohonMapper struct {
	t      *table
	a      *calc.Agency
	levels []pohonColumn
	cur    [5]*calc.PohonNode // the open node at each level
}

// pohonColumn is a level's name column and the columns describing it.
type pohonColumn struct {
	level                 calc.PohonLevel
	col                   int
	indikator, formula, s int
}

func newPohonMapper(t *table, a *calc.Agency) *pohonMapper {
	m := &pohonMapper{t: t, a: a}
	levelOf := map[field]calc.PohonLevel{
		fTujuan: calc.PohonTujuan, fSasaran: calc.PohonSasaran, fProgram: calc.PohonProgram,
		fKegiatan: calc.PohonKegiatan, fSubKegiatan: calc.PohonSubKegiatan,
	}
	for _, c := range t.hdr.Cols {
		if l, ok := levelOf[c.Field]; ok {
			m.levels = append(m.levels, pohonColumn{level: l, col: c.Col})
			continue
		}
		if len(m.levels) == 0 {
			continue
		}
		last := &m.levels[len(m.levels)-1]
		switch c.Field {
		case fIndikator:
			if last.indikator == 0 {
				last.indikator = c.Col
			}
		case fFormula:
			if last.formula == 0 {
				last.formula = c.Col
			}
		case fSasaranProgram, fSasaranKegiatan:
			last.s = c.Col
		}
	}
	return m
}

func (m *pohonMapper) row(r int) string {
	created := false
	for _, lc := range m.levels {
		v, inside := m.t.sh.value(r, lc.col)
		name := cleanText(v.Text)
		if inside || name == "" {
			continue // same as above
		}
		n := &calc.PohonNode{
			Level: lc.level, Name: name, Src: m.t.ref(r, lc.col),
			Indikator: m.t.text(r, lc.indikator), Formula: m.t.text(r, lc.formula), Sasaran: m.t.text(r, lc.s),
		}
		if num, rest, ok := cutNumbering(name); ok && lc.level >= calc.PohonProgram {
			n.Code, n.Name = num, rest
		}
		var parent *calc.PohonNode
		for l := int(lc.level) - 1; l >= 0; l-- {
			if m.cur[l] != nil {
				parent = m.cur[l]
				break
			}
		}
		if parent == nil {
			m.a.Pohon = append(m.a.Pohon, n)
		} else {
			parent.Children = append(parent.Children, n)
		}
		m.cur[lc.level] = n
		for l := int(lc.level) + 1; l < len(m.cur); l++ {
			m.cur[l] = nil
		}
		created = true
	}
	if !created {
		return otherRowReason(m.t.sh, r)
	}
	return ""
}

func (m *pohonMapper) finish() {}
