package calc

import (
	"fmt"

	"github.com/shopspring/decimal"
)

// sasaranBook resolves the sasaran names typed in each document to one list,
// reporting names that do not agree with the first document that lists them.
type sasaranBook struct {
	c       *checker
	r       *Result
	primary string // the document the list was built from
	seen    map[string]bool
}

// add appends a sasaran unless it is already listed (same name after
// normalisation).
func (b *sasaranBook) add(name string, src Ref) *SasaranResult {
	for _, s := range b.r.Sasaran {
		if NormalizeName(s.Name) == NormalizeName(name) {
			return s
		}
	}
	s := &SasaranResult{Name: name, Src: src}
	b.r.Sasaran = append(b.r.Sasaran, s)
	return s
}

// resolve finds the sasaran that a document's row means. An empty name means
// the only sasaran, when there is one. A name that does not match exactly is
// linked to the closest sasaran (or the only one) with a finding, once per
// document and name; a name with no plausible counterpart becomes a new
// sasaran.
func (b *sasaranBook) resolve(name string, src Ref, doc string) *SasaranResult {
	if len(b.r.Sasaran) == 0 {
		if name == "" {
			return nil
		}
		b.primary = doc
		return b.add(name, src)
	}
	if name == "" {
		if len(b.r.Sasaran) == 1 {
			return b.r.Sasaran[0]
		}
		return nil
	}
	names := make([]Named, len(b.r.Sasaran))
	for i, s := range b.r.Sasaran {
		names[i] = Named{Name: s.Name}
	}
	m := MatchNames([]Named{{Name: name}}, names)
	key := doc + "\x00" + NormalizeName(name)
	report := !b.seen[key]
	b.seen[key] = true
	if p, ok := m.PairOf(0); ok {
		target := b.r.Sasaran[p.B]
		if !p.Exact && report {
			b.c.addAs(Info, Finding{Rule: RuleNameMismatch, Src: src, Subject: name, Reported: name, Computed: target.Name,
				Message: fmt.Sprintf("Sasaran %q di %s ditulis %q di %s (kemiripan %s %%)",
					name, doc, target.Name, b.primary, similarityText(p.Score))})
		}
		return target
	}
	var target *SasaranResult
	score := 0.0
	if s, ok := m.Suggest[0]; ok {
		target, score = b.r.Sasaran[s.B], s.Score
	} else if len(b.r.Sasaran) == 1 {
		target, score = b.r.Sasaran[0], Similarity(name, b.r.Sasaran[0].Name)
	}
	if target == nil {
		if report {
			b.c.add(Finding{Rule: RuleNameMismatch, Src: src, Subject: name, Reported: name,
				Message: fmt.Sprintf("Sasaran %q di %s tidak ditemukan di %s", name, doc, b.primary)})
		}
		return b.add(name, src)
	}
	if report {
		b.c.add(Finding{Rule: RuleNameMismatch, Src: src, Subject: name, Reported: name, Computed: target.Name,
			Message: fmt.Sprintf("Sasaran %q di %s berbeda dengan %q di %s (kemiripan %s %%); dianggap sasaran yang sama",
				name, doc, target.Name, b.primary, similarityText(score))})
	}
	return target
}

// checkPerformance builds the sasaran list, links each sasaran to its
// programs and indicators, computes capaian, penyerapan, efisiensi and
// alokasi, and checks the typed capaian, efisiensi and alokasi tables.
func (c *checker) checkPerformance(r *Result) {
	a := r.Agency
	book := &sasaranBook{c: c, r: r, seen: map[string]bool{}}

	// The list comes from the Pohon Kinerja when there is one, then the PK,
	// the capaian tables and the allocation table.
	pohonSasaran := pohonLevel(a.Pohon, PohonSasaran)
	for _, n := range pohonSasaran {
		book.primary = "Pohon Kinerja"
		book.add(n.Name, n.Src)
	}
	pkSasaran := make([]*SasaranResult, len(a.PK))
	for i, row := range a.PK {
		pkSasaran[i] = book.resolve(row.Sasaran, row.Src, "Perjanjian Kinerja")
	}
	indSasaran := make([]*SasaranResult, len(a.Indikator))
	for i, ind := range a.Indikator {
		indSasaran[i] = book.resolve(ind.Sasaran, ind.Src, "tabel capaian")
	}
	alSasaran := make([]*SasaranResult, len(a.Alokasi))
	for i, row := range a.Alokasi {
		alSasaran[i] = book.resolve(row.Sasaran, row.Src, "tabel alokasi")
	}
	efSasaran := make([]*SasaranResult, len(a.Efisiensi))
	for i, row := range a.Efisiensi {
		efSasaran[i] = book.resolve(row.Sasaran, row.Src, "tabel efisiensi")
	}

	alDPA := c.alokasiPrograms(r)
	c.linkPrograms(r, pohonSasaran, pkSasaran, alSasaran, alDPA)
	c.checkIndicators(r, indSasaran)
	c.checkIndicatorNames(r, pohonSasaran, pkSasaran, indSasaran, alSasaran, efSasaran)

	for _, s := range r.Sasaran {
		for _, p := range s.Programs {
			s.Amounts = s.Amounts.Add(p.Sum())
		}
		s.Alokasi = Percent(s.Amounts.Anggaran, r.BelanjaLangsung)
		var sum decimal.Decimal
		n := 0
		for _, ind := range s.Indikator {
			if ind.HasCapaian {
				sum = sum.Add(ind.Capped) // the raw capaian when no cap is set
				n++
			}
		}
		if n > 0 {
			s.Capaian = sum.DivRound(decimal.NewFromInt(int64(n)), divPrecision)
			s.HasCapaian = true
		}
		s.Efisiensi = Efisiensi(r.Settings.Efficiency, s.Capaian, s.Penyerapan())
	}
	c.checkAlokasi(r, alSasaran, alDPA)
	c.checkEfisiensi(r, efSasaran)
}

// alokasiPrograms matches the allocation table's programs with the DPA.
func (c *checker) alokasiPrograms(r *Result) map[int]*Node {
	out := map[int]*Node{}
	al := side{doc: "tabel alokasi"}
	var idx []int
	for i, row := range r.Agency.Alokasi {
		if row.Program == "" {
			continue
		}
		al.names = append(al.names, Named{Name: row.Program})
		al.srcs = append(al.srcs, row.Src)
		idx = append(idx, i)
	}
	if len(idx) == 0 || len(r.Programs) == 0 {
		return out
	}
	m := c.crossNames("Program", al, nodeSide("DPA", r.Programs), false)
	for _, p := range m.Pairs {
		out[idx[p.A]] = r.Programs[p.B]
	}
	return out
}

// linkPrograms gives each sasaran the DPA programs that serve it: from the
// allocation table when it names programs for the sasaran (it is what the
// report's own arithmetic uses), otherwise from the Pohon Kinerja, otherwise
// from the Perjanjian Kinerja.
func (c *checker) linkPrograms(r *Result, pohon []*PohonNode, pk, al []*SasaranResult, alDPA map[int]*Node) {
	link := func(s *SasaranResult, p *Node) {
		if s == nil || p == nil {
			return
		}
		for _, q := range s.Programs {
			if q == p {
				return
			}
		}
		s.Programs = append(s.Programs, p)
	}
	fromAlokasi := map[*SasaranResult]bool{}
	for i := range r.Agency.Alokasi {
		if p := alDPA[i]; p != nil && al[i] != nil {
			link(al[i], p)
			fromAlokasi[al[i]] = true
		}
	}
	fromPohon := map[*SasaranResult]bool{}
	for _, n := range pohon {
		s := matchSasaran(r, n.Name)
		if s == nil || fromAlokasi[s] {
			continue
		}
		for _, ch := range n.Children {
			if p := r.PohonDPA[ch]; p != nil {
				link(s, p)
				fromPohon[s] = true
			}
		}
	}
	for i := range r.Agency.PK {
		s := pk[i]
		if s == nil || fromAlokasi[s] || fromPohon[s] {
			continue
		}
		link(s, c.pkDPA[i])
	}
}

// matchSasaran returns the listed sasaran with this exact (normalised) name.
func matchSasaran(r *Result, name string) *SasaranResult {
	for _, s := range r.Sasaran {
		if NormalizeName(s.Name) == NormalizeName(name) {
			return s
		}
	}
	return nil
}
