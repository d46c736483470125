package calc

import "fmt"

// indicatorBook holds, per sasaran, the indicator names every other
// document is compared with: the Pohon Kinerja's (the sasaran's own
// indicator and those of the programs and kegiatan under it), or the
// capaian tables' when there is no Pohon Kinerja.
type indicatorBook struct {
	c    *checker
	doc  string
	refs map[*SasaranResult]*indicatorRefs
	seen map[string]bool
}

// indicatorRefs are one sasaran's reference indicators; own are the
// sasaran-level ones, offered as the suggestion when nothing else is alike.
type indicatorRefs struct {
	names []Named
	own   []int
}

func (b *indicatorBook) add(s *SasaranResult, name string, own bool) {
	if s == nil || name == "" {
		return
	}
	refs := b.refs[s]
	if refs == nil {
		refs = &indicatorRefs{}
		b.refs[s] = refs
	}
	for i, n := range refs.names {
		if NormalizeName(n.Name) == NormalizeName(name) {
			if own && !containsInt(refs.own, i) {
				refs.own = append(refs.own, i)
			}
			return
		}
	}
	if own {
		refs.own = append(refs.own, len(refs.names))
	}
	refs.names = append(refs.names, Named{Name: name})
}

func containsInt(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// check compares an indicator named in document doc for sasaran s with the
// reference: a near match is info, anything else a warning with the
// closest reference indicator (or the sasaran's only one) suggested. Each
// name is reported once per document and sasaran.
func (b *indicatorBook) check(s *SasaranResult, name string, src Ref, doc string) {
	refs := b.refs[s]
	if s == nil || name == "" || refs == nil {
		return
	}
	key := doc + "\x00" + s.Name + "\x00" + NormalizeName(name)
	if b.seen[key] {
		return
	}
	b.seen[key] = true
	m := MatchNames([]Named{{Name: name}}, refs.names)
	if p, ok := m.PairOf(0); ok {
		if !p.Exact {
			b.c.addAs(Info, Finding{Rule: RuleNameMismatch, Src: src, Subject: name, Reported: name, Computed: refs.names[p.B].Name,
				Message: fmt.Sprintf("Indikator %q di %s ditulis %q di %s (kemiripan %s %%); dianggap sama, tetapi sebaiknya ejaannya diseragamkan",
					name, doc, refs.names[p.B].Name, b.doc, similarityText(p.Score))})
		}
		return
	}
	f := Finding{Rule: RuleNameMismatch, Src: src, Subject: name, Reported: name}
	j, score := -1, 0.0
	if sg, ok := m.Suggest[0]; ok {
		j, score = sg.B, sg.Score
	} else if len(refs.own) == 1 {
		j = refs.own[0]
		score = Similarity(name, refs.names[j].Name)
	}
	if j >= 0 {
		f.Computed = refs.names[j].Name
		f.Message = fmt.Sprintf("Indikator %q di %s tidak ditemukan di %s untuk sasaran %q; mungkin maksudnya %q (kemiripan %s %%)",
			name, doc, b.doc, s.Name, f.Computed, similarityText(score))
	} else {
		f.Message = fmt.Sprintf("Indikator %q di %s tidak ditemukan di %s untuk sasaran %q", name, doc, b.doc, s.Name)
	}
	b.c.add(f)
}

// checkIndicatorNames compares the indicator names of the Perjanjian
// Kinerja, capaian, allocation and efficiency tables with the Pohon
// Kinerja's, sasaran by sasaran, and reports a Pohon Kinerja sasaran
// indicator that no capaian table reports.
func (c *checker) checkIndicatorNames(r *Result, pohon []*PohonNode, pk, ind, al, ef []*SasaranResult) {
	a := r.Agency
	b := &indicatorBook{c: c, doc: "Pohon Kinerja", refs: map[*SasaranResult]*indicatorRefs{}, seen: map[string]bool{}}
	for _, n := range pohon {
		s := matchSasaran(r, n.Name)
		b.add(s, n.Indikator, true)
		n.Walk(func(d *PohonNode) bool {
			if d != n {
				b.add(s, d.Indikator, false)
			}
			return true
		})
	}
	if len(b.refs) == 0 {
		b.doc = "tabel capaian"
		for i, x := range a.Indikator {
			b.add(ind[i], x.Name, true)
		}
	} else {
		for i, x := range a.Indikator {
			b.check(ind[i], x.Name, x.Src, "tabel capaian")
		}
		c.unreportedIndicators(r, pohon, ind)
	}
	for i, row := range a.PK {
		b.check(pk[i], row.Indikator, orRef(row.IndikatorSrc, row.Src), "Perjanjian Kinerja")
	}
	for i, row := range a.Alokasi {
		b.check(al[i], row.Indikator, orRef(row.IndikatorSrc, row.Src), "tabel alokasi")
	}
	for i, row := range a.Efisiensi {
		b.check(ef[i], row.Indikator, orRef(row.IndikatorSrc, row.Src), "tabel efisiensi")
	}
}

// unreportedIndicators warns about a Pohon Kinerja sasaran indicator that
// no capaian table reports (by the same name or a near one), when there
// are capaian tables at all.
func (c *checker) unreportedIndicators(r *Result, pohon []*PohonNode, ind []*SasaranResult) {
	if len(r.Agency.Indikator) == 0 {
		return
	}
	for _, n := range pohon {
		if n.Indikator == "" {
			continue
		}
		s := matchSasaran(r, n.Name)
		found := false
		for i, x := range r.Agency.Indikator {
			if ind[i] == s && NearNames(x.Name, n.Indikator) {
				found = true
				break
			}
		}
		if !found {
			c.add(Finding{Rule: RuleNameMismatch, Src: n.IndikatorRef(), Subject: n.Indikator, Reported: n.Indikator,
				Message: fmt.Sprintf("Indikator %q sasaran %q di Pohon Kinerja tidak ada di tabel capaian; capaiannya tidak dilaporkan",
					n.Indikator, n.Name)})
		}
	}
}
