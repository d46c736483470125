package workbook

import (
	"bytes"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"lkjip/calc"
)

// realisasi describes a synthetic DPA realisation workbook with faults
// planted on purpose, for the corrected copy's tests and benchmark.
//
// Seed style is how the sample agency keeps it: title rows, a two-row
// merged header, BELANJA LANGSUNG over programs numbered in the NO column
// and kegiatan numbered in the name cell, amounts and percentages typed as
// Indonesian text, no formulas. SIPD style is how SIPD exports it: a KODE
// REKENING column (program, kegiatan, sub-kegiatan), numbers stored as
// numbers, every total a SUM formula with its cached result, sisa and %
// formulas (% in a percent format), and a second sheet of notes.
type realisasi struct {
	sipd                        bool
	programs, kegiatan, subPerK int // tree shape (sub-kegiatan in SIPD style only)
	seed                        uint64
	faults                      bool
	// typosEvery, when set, plants a typo on every n-th leaf as well, for
	// a copy with thousands of corrections.
	typosEvery int
	// wrongSum plants, in SIPD style, a SUM over the wrong range: a fault
	// only a person can mend.
	wrongSum bool
}

// planted names the cells of the planted faults.
type planted struct {
	data []byte
	// The faults: a leaf typo that breaks its parent's total, a wrong
	// typed percentage, realisasi over anggaran on a leaf; in SIPD style
	// also a total typed over its formula, a formula whose cached result is
	// stale, and, with wrongSum, a SUM over the wrong range.
	typoParent, badPercent, overLeaf string
	typedTotal, staleFormula         string
	wrongRange                       string
	// commented is a corrected cell that already had a comment.
	commented string
	rows      int
}

// line is one row of the generated budget tree.
type line struct {
	code, name  string
	ang, real   decimal.Decimal // exact, from the leaves
	children    []*line
	row         int
	typedAng    decimal.Decimal // as the spreadsheet shows it
	typedReal   decimal.Decimal
	percentText string // a mistyped percentage
}

// sum sets a parent's exact amounts from its leaves.
func (l *line) sum() {
	if len(l.children) == 0 {
		return
	}
	l.ang, l.real = decimal.Zero, decimal.Zero
	for _, c := range l.children {
		c.sum()
		l.ang, l.real = l.ang.Add(c.ang), l.real.Add(c.real)
	}
}

// faults are the rows a fault is planted on.
type faults struct {
	typo      *line                     // a leaf whose anggaran was mistyped after its parents were summed
	before    map[*line]decimal.Decimal // the anggaran of each mistyped leaf before the typo
	over      *line                     // a leaf that spent more than its anggaran
	pct       *line                     // a leaf with a wrong typed percentage
	typedOver *line                     // a parent whose realisasi is typed over its formula, wrongly (SIPD)
	wrong     *line                     // a parent whose SUM leaves out its last child (SIPD)
}

// typeUp sets what the spreadsheet shows: leaves as typed, parents the sum
// of their children as shown (the typo's parents with the value from
// before the typo, a wrong SUM without its last child, a total typed over
// its formula off by 4.500.000). It returns what the parent sums.
func (l *line) typeUp(f *faults) (decimal.Decimal, decimal.Decimal) {
	if len(l.children) == 0 {
		l.typedAng, l.typedReal = l.ang, l.real
		if v, ok := f.before[l]; ok {
			return v, l.real
		}
		return l.ang, l.real
	}
	l.typedAng, l.typedReal = decimal.Zero, decimal.Zero
	for i, c := range l.children {
		a, r := c.typeUp(f)
		if l == f.wrong && i == len(l.children)-1 {
			continue
		}
		l.typedAng, l.typedReal = l.typedAng.Add(a), l.typedReal.Add(r)
	}
	if l == f.typedOver {
		l.typedReal = l.typedReal.Add(decimal.NewFromInt(4_500_000))
	}
	return l.typedAng, l.typedReal
}

// leavesOf lists a subtree's lowest rows in order.
func leavesOf(l *line) []*line {
	if len(l.children) == 0 {
		return []*line{l}
	}
	var out []*line
	for _, c := range l.children {
		out = append(out, leavesOf(c)...)
	}
	return out
}

// build generates the workbook.
func (spec realisasi) build(t testing.TB) *planted {
	t.Helper()
	rng := rand.New(rand.NewPCG(spec.seed, 7))
	amount := func() decimal.Decimal {
		return decimal.NewFromInt((10 + rng.Int64N(490)) * 1_000_000).Add(decimal.NewFromInt(rng.Int64N(1000) * 1000))
	}
	spent := func(a decimal.Decimal) decimal.Decimal {
		return a.Mul(decimal.NewFromInt(50 + rng.Int64N(49))).Div(decimal.NewFromInt(100)).Round(0)
	}
	root := &line{name: "BELANJA LANGSUNG"}
	for p := range spec.programs {
		prog := &line{code: fmt.Sprintf("1.01.%02d", p+1), name: fmt.Sprintf("Program Pelayanan %d", p+1)}
		for k := range spec.kegiatan {
			keg := &line{code: fmt.Sprintf("%s.2.%02d", prog.code, k+1), name: fmt.Sprintf("Kegiatan Penyediaan %d.%d", p+1, k+1)}
			if spec.sipd {
				for s := range spec.subPerK {
					a := amount()
					keg.children = append(keg.children, &line{code: fmt.Sprintf("%s.%04d", keg.code, s+1),
						name: fmt.Sprintf("Sub Kegiatan Belanja %d.%d.%d", p+1, k+1, s+1), ang: a, real: spent(a)})
				}
			} else {
				keg.ang = amount()
				keg.real = spent(keg.ang)
			}
			prog.children = append(prog.children, keg)
		}
		root.children = append(root.children, prog)
	}
	f := &faults{before: map[*line]decimal.Decimal{}}
	typo := func(l *line) {
		f.before[l] = l.ang
		l.ang = l.ang.Add(decimal.NewFromInt(90_000))
	}
	if spec.typosEvery > 0 {
		for i, l := range leavesOf(root) {
			if i%spec.typosEvery == spec.typosEvery-1 {
				typo(l)
			}
		}
	}
	if spec.faults {
		f.typo = leavesOf(root.children[0])[0]
		typo(f.typo)
		last := leavesOf(root.children[len(root.children)-1])
		f.over, f.pct = last[0], last[1]
		f.over.real = f.over.ang.Add(decimal.NewFromInt(1_250_000))
		f.pct.percentText = "75,00"
		if spec.sipd {
			f.typedOver = root.children[1]
		}
		if spec.sipd && spec.wrongSum {
			f.wrong = root.children[2].children[0]
		}
	}
	root.sum()
	root.typeUp(f)
	if spec.sipd {
		return spec.writeSIPD(t, root, f)
	}
	return spec.writeSeed(t, root, f)
}

// percentOf is realisasi ÷ anggaran × 100, exact.
func percentOf(real, ang decimal.Decimal) decimal.Decimal { return calc.Percent(real, ang) }

func newStreamBook(t testing.TB, sheet string) (*excelize.File, *excelize.StreamWriter) {
	t.Helper()
	f := excelize.NewFile()
	require.NoError(t, f.SetSheetName("Sheet1", sheet))
	require.NoError(t, f.SetDocProps(&excelize.DocProperties{Creator: "lkjip test", Created: "2024-01-01T00:00:00Z", Modified: "2024-01-01T00:00:00Z"}))
	sw, err := f.NewStreamWriter(sheet)
	require.NoError(t, err)
	return f, sw
}

func bookBytes(t testing.TB, f *excelize.File) []byte {
	t.Helper()
	var buf bytes.Buffer
	_, err := f.WriteTo(&buf)
	require.NoError(t, err)
	require.NoError(t, f.Close())
	return buf.Bytes()
}

// writeSeed writes the seed style: text amounts, no formulas.
func (spec realisasi) writeSeed(t testing.TB, root *line, f *faults) *planted {
	x, sw := newStreamBook(t, "Realisasi")
	bold, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Horizontal: "center"}})
	require.NoError(t, err)
	require.NoError(t, sw.SetColWidth(1, 1, 6))
	require.NoError(t, sw.SetColWidth(2, 2, 60))
	require.NoError(t, sw.SetColWidth(3, 5, 20))
	put := func(r int, vals ...any) { require.NoError(t, sw.SetRow(fmt.Sprintf("A%d", r), vals)) }
	put(1, "DINAS CONTOH KABUPATEN CONTOH")
	put(2, "Tabel 3.5")
	put(3, "Pagu Anggaran dan Realisasi Tahun Anggaran 2024")
	put(4, excelize.Cell{StyleID: bold, Value: "NO"}, excelize.Cell{StyleID: bold, Value: "URAIAN"}, excelize.Cell{StyleID: bold, Value: "ANGGARAN"})
	put(5, nil, nil, excelize.Cell{StyleID: bold, Value: "ANGGARAN"}, excelize.Cell{StyleID: bold, Value: "REALISASI"}, excelize.Cell{StyleID: bold, Value: "%"})
	for _, m := range [][2]string{{"A4", "A5"}, {"B4", "B5"}, {"C4", "E4"}} {
		require.NoError(t, sw.MergeCell(m[0], m[1]))
	}
	text := func(d decimal.Decimal) string {
		if d.IsZero() {
			return "-"
		}
		return calc.FormatID(d, max(0, -d.Exponent()))
	}
	percent := func(l *line) string {
		if l.percentText != "" {
			return l.percentText
		}
		return calc.FormatID(percentOf(l.typedReal, l.typedAng), 2)
	}
	r := 6
	write := func(no, name string, l *line) {
		l.row = r
		put(r, no, name, text(l.typedAng), text(l.typedReal), percent(l))
		r++
	}
	write("", root.name, root)
	for i, p := range root.children {
		write(fmt.Sprint(i+1), p.name, p)
		for j, k := range p.children {
			write("", fmt.Sprintf("%d %s", j+1, k.name), k)
		}
	}
	write("", "JUMLAH", &line{typedAng: root.typedAng, typedReal: root.typedReal})
	require.NoError(t, sw.Flush())
	out := &planted{rows: r - 1}
	if f.typo != nil {
		out.typoParent = fmt.Sprintf("C%d", root.children[0].row)
		out.overLeaf = fmt.Sprintf("D%d", f.over.row)
		out.badPercent = fmt.Sprintf("E%d", f.pct.row)
		out.commented = out.typoParent
	}
	out.data = bookBytes(t, x)
	if out.commented != "" {
		out.data = withComments(t, out.data, "Realisasi", map[string]string{out.commented: "Diketik dari DPA induk"})
	}
	return out
}

// writeSIPD writes the SIPD style: numbers, SUM formulas with cached
// results, a percent format, a notes sheet.
func (spec realisasi) writeSIPD(t testing.TB, root *line, fl *faults) *planted {
	f, sw := newStreamBook(t, "LRA")
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	require.NoError(t, err)
	money, err := f.NewStyle(&excelize.Style{NumFmt: 3})
	require.NoError(t, err)
	pctStyle, err := f.NewStyle(&excelize.Style{NumFmt: 10})
	require.NoError(t, err)
	require.NoError(t, sw.SetColWidth(1, 1, 24))
	require.NoError(t, sw.SetColWidth(2, 2, 60))
	require.NoError(t, sw.SetColWidth(3, 5, 20))
	require.NoError(t, sw.SetColWidth(6, 6, 10))
	put := func(r int, vals ...any) { require.NoError(t, sw.SetRow(fmt.Sprintf("A%d", r), vals)) }
	put(1, "PEMERINTAH KABUPATEN CONTOH")
	put(2, "LAPORAN REALISASI ANGGARAN PER SUB KEGIATAN")
	put(3, "Perangkat Daerah : Dinas Contoh Kabupaten Contoh")
	put(4, "TAHUN ANGGARAN 2024")
	for r := 1; r <= 4; r++ {
		require.NoError(t, sw.MergeCell(fmt.Sprintf("A%d", r), fmt.Sprintf("F%d", r)))
	}
	var hdr, nums []any
	for i, h := range []string{"KODE REKENING", "URAIAN", "ANGGARAN (Rp)", "REALISASI (Rp)", "SISA ANGGARAN (Rp)", "%"} {
		hdr = append(hdr, excelize.Cell{StyleID: bold, Value: h})
		nums = append(nums, excelize.Cell{StyleID: bold, Value: i + 1})
	}
	put(6, hdr...)
	put(7, nums...)
	// Rows first, so that a parent's formula can name its children.
	r := 8
	var place func(*line)
	place = func(l *line) {
		l.row = r
		r++
		for _, c := range l.children {
			place(c)
		}
	}
	for _, p := range root.children {
		place(p)
	}
	total := r
	out := &planted{rows: total}
	if fl.typo != nil {
		// The typo's kegiatan: its SUM's cached result is from before the typo.
		out.staleFormula = fmt.Sprintf("C%d", root.children[0].children[0].row)
		out.typedTotal = fmt.Sprintf("D%d", fl.typedOver.row)
		if fl.wrong != nil {
			out.wrongRange = fmt.Sprintf("C%d", fl.wrong.row)
		}
		out.overLeaf = fmt.Sprintf("D%d", fl.over.row)
		out.badPercent = fmt.Sprintf("F%d", fl.pct.row)
		out.typoParent = out.staleFormula
		out.commented = out.typedTotal
	}
	sumOf := func(l *line, col string) string {
		first, last := l.children[0], l.children[len(l.children)-1]
		if len(first.children) == 0 {
			if l == fl.wrong {
				return fmt.Sprintf("SUM(%s%d:%s%d)", col, first.row, col, last.row-1)
			}
			return fmt.Sprintf("SUM(%s%d:%s%d)", col, first.row, col, last.row)
		}
		var parts []string
		for _, c := range l.children {
			parts = append(parts, fmt.Sprintf("%s%d", col, c.row))
		}
		return "SUM(" + strings.Join(parts, ",") + ")"
	}
	var write func(*line)
	write = func(l *line) {
		ang, real := l.typedAng, l.typedReal
		sisa := ang.Sub(real)
		p := percentOf(real, ang).Div(decimal.NewFromInt(100))
		cells := []any{l.code, l.name}
		if len(l.children) == 0 {
			cells = append(cells, excelize.Cell{StyleID: money, Value: ang.InexactFloat64()},
				excelize.Cell{StyleID: money, Value: real.InexactFloat64()})
		} else {
			cells = append(cells, excelize.Cell{StyleID: money, Formula: sumOf(l, "C"), Value: ang.InexactFloat64()},
				excelize.Cell{StyleID: money, Formula: sumOf(l, "D"), Value: real.InexactFloat64()})
			if l == fl.typedOver {
				cells[3] = excelize.Cell{StyleID: money, Value: real.InexactFloat64()}
			}
		}
		cells = append(cells, excelize.Cell{StyleID: money, Formula: fmt.Sprintf("C%d-D%d", l.row, l.row), Value: sisa.InexactFloat64()})
		if l == fl.pct {
			cells = append(cells, excelize.Cell{StyleID: pctStyle, Value: 0.75})
		} else {
			cells = append(cells, excelize.Cell{StyleID: pctStyle, Formula: fmt.Sprintf("IF(C%d=0,0,D%d/C%d)", l.row, l.row, l.row),
				Value: p.InexactFloat64()})
		}
		put(l.row, cells...)
		for _, c := range l.children {
			write(c)
		}
	}
	for _, p := range root.children {
		write(p)
	}
	var progs []string
	for _, p := range root.children {
		progs = append(progs, fmt.Sprintf("%%s%d", p.row))
	}
	sumProgs := func(col string) string {
		return "SUM(" + strings.ReplaceAll(strings.Join(progs, ","), "%s", col) + ")"
	}
	put(total, nil, excelize.Cell{StyleID: bold, Value: "JUMLAH"},
		excelize.Cell{StyleID: money, Formula: sumProgs("C"), Value: root.typedAng.InexactFloat64()},
		excelize.Cell{StyleID: money, Formula: sumProgs("D"), Value: root.typedReal.InexactFloat64()},
		excelize.Cell{StyleID: money, Formula: fmt.Sprintf("C%d-D%d", total, total), Value: root.typedAng.Sub(root.typedReal).InexactFloat64()},
		excelize.Cell{StyleID: pctStyle, Formula: fmt.Sprintf("IF(C%d=0,0,D%d/C%d)", total, total, total),
			Value: percentOf(root.typedReal, root.typedAng).Div(decimal.NewFromInt(100)).InexactFloat64()})
	require.NoError(t, sw.Flush())
	// A second sheet the copy must leave exactly as it is.
	_, err = f.NewSheet("Catatan")
	require.NoError(t, err)
	require.NoError(t, f.SetCellValue("Catatan", "A1", "Catatan bendahara"))
	require.NoError(t, f.SetCellValue("Catatan", "A2", "Realisasi per 31 Desember 2024"))
	require.NoError(t, f.SetCellFormula("Catatan", "B3", fmt.Sprintf("LRA!C%d", total)))
	require.NoError(t, f.MergeCell("Catatan", "A1", "C1"))
	require.NoError(t, f.SetColWidth("Catatan", "A", "A", 40))
	out.data = bookBytes(t, f)
	if out.commented != "" {
		out.data = withComments(t, out.data, "LRA", map[string]string{out.commented: "Diisi manual dari SP2D", "B6": "Kolom uraian"})
	}
	return out
}

// withComments reopens a workbook (the stream writer cannot add comments)
// to give cells comments by the treasurer, and sets the sheet's printing
// to A4 landscape.
func withComments(t testing.TB, data []byte, sheet string, comments map[string]string) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	require.NoError(t, err)
	for _, cell := range slices.Sorted(maps.Keys(comments)) {
		require.NoError(t, f.AddComment(sheet, excelize.Comment{Cell: cell, Author: "Bendahara",
			Paragraph: []excelize.RichTextRun{{Text: comments[cell]}}}))
	}
	require.NoError(t, f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: intPtr(9), Orientation: strPtr("landscape")}))
	return bookBytes(t, f)
}

func intPtr(i int) *int       { return &i }
func strPtr(s string) *string { return &s }
