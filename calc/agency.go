package calc

// Agency is everything read from one agency's files for one fiscal year.
// Each slice holds the rows of every table of that kind, in reading order.
type Agency struct {
	Name string
	Year int

	Inputs []Input

	Budgets   []*Budget      // DPA realisation tables
	Pohon     []*PohonNode   // Pohon Kinerja roots (tujuan, or lower when a row has none)
	PK        []PKRow        // Perjanjian Kinerja rows, one per program
	Indikator []Indicator    // capaian tables: target, realisasi, capaian
	Efisiensi []EfisiensiRow // efficiency tables
	Alokasi   []AlokasiRow   // allocation per sasaran tables
	Data      []DataTable    // supporting data (e.g. counts of potential conflicts)
}

// Input describes one file read: the tables found in it and every non-empty
// row that was not mapped into the model, with the reason.
type Input struct {
	File    string
	Tables  []Table
	Ignored []Ignored
	// Hidden lists the hidden rows and columns that held something. They
	// were read like any other; the list lets the user know they count.
	Hidden []Hidden
}

// Hidden is a hidden row (Col 0) or column (Row 0) of an input sheet that
// held something.
type Hidden struct {
	Sheet string
	Row   int
	Col   int
	Text  string // the row's first non-empty text, or the column's header
}

// TableKind is the kind of document a table was recognised as.
type TableKind string

const (
	KindDPA       TableKind = "dpa"
	KindPohon     TableKind = "pohon"
	KindPK        TableKind = "pk"
	KindCapaian   TableKind = "capaian"
	KindEfisiensi TableKind = "efisiensi"
	KindAlokasi   TableKind = "alokasi"
	KindData      TableKind = "data"
)

// Label names the kind of table in Bahasa Indonesia.
func (k TableKind) Label() string {
	switch k {
	case KindDPA:
		return "Realisasi Anggaran (DPA)"
	case KindPohon:
		return "Pohon Kinerja"
	case KindPK:
		return "Perjanjian Kinerja"
	case KindCapaian:
		return "Capaian Kinerja"
	case KindEfisiensi:
		return "Efisiensi"
	case KindAlokasi:
		return "Alokasi per Sasaran"
	default:
		return "Data Pendukung"
	}
}

// Table is a table found in an input file.
type Table struct {
	Sheet string
	Kind  TableKind
	Range string // "A4:E40"
}

// Ignored is a non-empty input row that lkjip did not map, and why.
type Ignored struct {
	Sheet  string
	Row    int
	Reason string // in Bahasa Indonesia: "judul", "baris kepala tabel", "catatan" …
	Text   string // the row's first non-empty text, shortened
}

// PohonLevel is a node's level in the performance tree.
type PohonLevel uint8

const (
	PohonTujuan PohonLevel = iota
	PohonSasaran
	PohonProgram
	PohonKegiatan
	PohonSubKegiatan
)

// Label names the level in Bahasa Indonesia.
func (l PohonLevel) Label() string {
	return [...]string{"Tujuan", "Sasaran", "Program", "Kegiatan", "Sub Kegiatan"}[l]
}

// PohonNode is one node of the Pohon Kinerja (cascading): a tujuan, sasaran,
// program or kegiatan, with its own target statement and indicator.
type PohonNode struct {
	Level     PohonLevel
	Code      string
	Name      string
	Src       Ref
	Sasaran   string // the node's own target statement (sasaran program / kegiatan)
	Indikator string
	Formula   string
	// IndikatorSrc is the cell of the indicator (zero when the reader did
	// not record it: findings then point at the node's name cell).
	IndikatorSrc Ref
	// Polarity is the indicator's polarity when the tree states it (a
	// Polaritas / Sifat column); PolarityDefault otherwise.
	Polarity Polarity
	Children []*PohonNode
}

// IndikatorRef is the cell to cite for the node's indicator.
func (n *PohonNode) IndikatorRef() Ref { return orRef(n.IndikatorSrc, n.Src) }

// orRef returns r, or fallback when r points nowhere.
func orRef(r, fallback Ref) Ref {
	if r.IsZero() {
		return fallback
	}
	return r
}

// Walk calls fn for n and the nodes below it, parents first; it descends
// only when fn returns true.
func (n *PohonNode) Walk(fn func(*PohonNode) bool) {
	if !fn(n) {
		return
	}
	for _, c := range n.Children {
		c.Walk(fn)
	}
}

// PKRow is one program line of a Perjanjian Kinerja, with the sasaran and
// indicator it serves and the budget agreed for it.
type PKRow struct {
	Code      string // the program's code, when the PK has a Kode column
	Tujuan    string
	Sasaran   string
	Indikator string
	Program   string
	Src       Ref // the program name cell
	Anggaran  Figure
	// IndikatorSrc is the indicator's cell (zero when the reader did not
	// record it: findings then point at the program cell).
	IndikatorSrc Ref
}

// Polarity says whether more is better for an indicator.
type Polarity uint8

const (
	PolarityDefault  Polarity = iota // not stated: the configured default applies
	PolarityPositive                 // higher is better
	PolarityNegative                 // lower is better
)

// String is the polarity's code in JSON: "positif" or "negatif".
func (p Polarity) String() string {
	if p == PolarityNegative {
		return "negatif"
	}
	return "positif"
}

// label names the polarity in a sentence: "polaritas positif".
func (p Polarity) label() string { return "polaritas " + p.String() }

// Indicator is one row of a capaian table: an indicator's target and
// realisation, and the capaian typed beside them (Absent when the table has
// no capaian column). Year is the year of the realisation when the table
// gives several years; zero means the report's year.
type Indicator struct {
	Sasaran   string
	Name      string
	Src       Ref // the indicator name cell
	Polarity  Polarity
	Year      int
	Target    Figure
	Realisasi Figure
	Capaian   Figure
}

// EfisiensiRow is one row of an efficiency table (Tabel 3.4 in the sample).
type EfisiensiRow struct {
	Sasaran    string
	Indikator  string
	Src        Ref // the sasaran cell
	Capaian    Figure
	Penyerapan Figure
	Efisiensi  Figure
	// IndikatorSrc is the indicator's cell (zero when the reader did not
	// record it: findings then point at the sasaran cell).
	IndikatorSrc Ref
}

// AlokasiRow is one row of an allocation-per-sasaran table: a program that
// serves a sasaran, its budget and its typed share of the total.
type AlokasiRow struct {
	Sasaran   string
	Program   string
	Indikator string
	Src       Ref // the program cell (or sasaran, when no program is named)
	Anggaran  Figure
	Persen    Figure
	// IndikatorSrc is the indicator's cell (zero when the reader did not
	// record it: findings then point at Src).
	IndikatorSrc Ref
}

// DataTable is a table of supporting counts, such as potential conflicts by
// field and year: labelled rows of figures per column, and the typed total
// row when there is one.
type DataTable struct {
	Title   string
	Src     Ref // the table's first header cell
	Columns []string
	Rows    []DataRow
	Total   *DataRow
}

// DataRow is one labelled row of a DataTable.
type DataRow struct {
	Label  string
	Src    Ref
	Values []Figure
}
