package workbook

import (
	"strconv"
	"strings"

	"lkjip/calc"
)

// carry remembers the last value of a column for rows that leave it empty
// under a merged or "same as above" cell.
type carry struct{ last string }

// at returns the text of column c in row r, or the last one seen when the
// cell is empty.
func (cv *carry) at(t *table, r, c int) string {
	if c == 0 {
		return ""
	}
	if s := t.text(r, c); s != "" {
		cv.last = s
	}
	return cv.last
}

// pkMapper reads a Perjanjian Kinerja: one row per program with its budget.
type pkMapper struct {
	t                          *table
	a                          *calc.Agency
	tujuan, sasaran, indikator carry
}

func (m *pkMapper) row(r int) string {
	t, h := m.t, m.t.hdr
	tujuan := m.tujuan.at(t, r, h.col(fTujuan))
	sasaran := m.sasaran.at(t, r, h.col(fSasaran))
	indikator := m.indikator.at(t, r, h.col(fIndikator))
	program := t.text(r, h.col(fProgram))
	if isTotalRow(program) {
		return "baris jumlah"
	}
	if program == "" {
		return otherRowReason(t.sh, r)
	}
	m.a.PK = append(m.a.PK, calc.PKRow{
		Tujuan: tujuan, Sasaran: sasaran, Indikator: indikator,
		Program: program, Src: t.ref(r, h.col(fProgram)),
		Anggaran: t.fig(r, h.col(fAnggaran)),
	})
	return ""
}

func (m *pkMapper) finish() {}

// capaianMapper reads a capaian table: per indicator its target and
// realisation (one per year when the table has a column per year) and the
// typed capaian.
type capaianMapper struct {
	t       *table
	a       *calc.Agency
	sasaran carry
}

func (m *capaianMapper) row(r int) string {
	t, h := m.t, m.t.hdr
	name := t.text(r, h.col(fIndikator))
	if name == "" {
		return otherRowReason(t.sh, r)
	}
	base := calc.Indicator{
		Sasaran:  m.sasaran.at(t, r, h.col(fSasaran)),
		Name:     name,
		Src:      t.ref(r, h.col(fIndikator)),
		Polarity: polarityOf(t.text(r, h.col(fPolaritas))),
		Target:   t.fig(r, h.col(fTarget)),
	}
	reals := h.all(fRealisasi)
	if len(reals) == 0 {
		ind := base
		ind.Realisasi = calc.Figure{Kind: calc.Absent}
		ind.Capaian = t.fig(r, h.col(fCapaian))
		m.a.Indikator = append(m.a.Indikator, ind)
		return ""
	}
	latest := 0
	for i, c := range reals {
		if c.Year > reals[latest].Year {
			latest = i
		}
	}
	for i, c := range reals {
		ind := base
		ind.Year = c.Year
		ind.Realisasi = t.fig(r, c.Col)
		ind.Capaian = calc.Figure{Kind: calc.Absent}
		if i == latest {
			ind.Capaian = t.fig(r, h.col(fCapaian))
		}
		m.a.Indikator = append(m.a.Indikator, ind)
	}
	return ""
}

func (m *capaianMapper) finish() {}

// polarityOf reads a Polaritas / Sifat cell.
func polarityOf(s string) calc.Polarity {
	switch n := strings.ToLower(s); {
	case n == "":
		return calc.PolarityDefault
	case strings.Contains(n, "negatif"), strings.Contains(n, "menurun"), n == "-", strings.Contains(n, "minimal"):
		return calc.PolarityNegative
	default:
		return calc.PolarityPositive
	}
}

// efisiensiMapper reads an efficiency table (Tabel 3.4).
type efisiensiMapper struct {
	t       *table
	a       *calc.Agency
	sasaran carry
}

func (m *efisiensiMapper) row(r int) string {
	t, h := m.t, m.t.hdr
	ef := t.fig(r, h.col(fEfisiensi))
	if ef.Kind == calc.Blank {
		return otherRowReason(t.sh, r)
	}
	m.a.Efisiensi = append(m.a.Efisiensi, calc.EfisiensiRow{
		Sasaran:    m.sasaran.at(t, r, h.col(fSasaran)),
		Indikator:  t.text(r, h.col(fIndikator)),
		Src:        t.ref(r, max(h.col(fSasaran), 1)),
		Capaian:    t.fig(r, h.col(fCapaian)),
		Penyerapan: t.fig(r, h.col(fPenyerapan)),
		Efisiensi:  ef,
	})
	return ""
}

func (m *efisiensiMapper) finish() {}

// alokasiMapper reads an allocation-per-sasaran table.
type alokasiMapper struct {
	t       *table
	a       *calc.Agency
	sasaran carry
}

func (m *alokasiMapper) row(r int) string {
	t, h := m.t, m.t.hdr
	persen := t.fig(r, h.col(fPersenAnggaran))
	anggaran := t.fig(r, h.col(fAnggaran))
	if persen.Kind == calc.Blank && anggaran.Kind == calc.Blank {
		return otherRowReason(t.sh, r)
	}
	program := t.text(r, h.col(fProgram))
	if isTotalRow(program) || isTotalRow(t.text(r, h.col(fSasaran))) {
		return "baris jumlah"
	}
	src := h.col(fProgram)
	if program == "" {
		src = h.col(fSasaran)
	}
	m.a.Alokasi = append(m.a.Alokasi, calc.AlokasiRow{
		Sasaran:   m.sasaran.at(t, r, h.col(fSasaran)),
		Program:   program,
		Indikator: t.text(r, h.col(fIndikator)),
		Src:       t.ref(r, max(src, 1)),
		Anggaran:  anggaran,
		Persen:    persen,
	})
	return ""
}

func (m *alokasiMapper) finish() {}

// dataMapper reads a table of supporting counts by year, such as potential
// conflicts per field.
type dataMapper struct {
	t     *table
	a     *calc.Agency
	data  calc.DataTable
	label int
	years []column
}

func newDataMapper(t *table, a *calc.Agency) *dataMapper {
	h := t.hdr
	m := &dataMapper{t: t, a: a, label: h.col(fLabel), years: h.all(fYear)}
	if m.label == 0 {
		m.label = h.col(fUraian)
	}
	m.data.Src = t.ref(h.Row, m.label)
	m.data.Title = t.sh.Name
	for _, y := range m.years {
		m.data.Columns = append(m.data.Columns, strconv.Itoa(y.Year))
	}
	return m
}

func (m *dataMapper) row(r int) string {
	t := m.t
	label := t.text(r, m.label)
	no := t.text(r, t.hdr.col(fNo))
	var vals []calc.Figure
	any := false
	for _, y := range m.years {
		f := t.fig(r, y.Col)
		any = any || f.Kind != calc.Blank
		vals = append(vals, f)
	}
	if !any || (label == "" && no == "") {
		return otherRowReason(t.sh, r)
	}
	row := calc.DataRow{Label: label, Src: t.ref(r, m.label), Values: vals}
	if isTotalRow(label) || isTotalRow(no) {
		if label == "" {
			row.Label, row.Src = no, t.ref(r, t.hdr.col(fNo))
		}
		m.data.Total = &row
		return ""
	}
	m.data.Rows = append(m.data.Rows, row)
	return ""
}

func (m *dataMapper) finish() { m.a.Data = append(m.a.Data, m.data) }
