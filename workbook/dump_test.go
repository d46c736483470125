package workbook

import (
	"fmt"
	"strings"

	"lkjip/calc"
)

// dumpAgency writes an agency's model as canonical text for golden files:
// every table found, every ignored and hidden row, and every node and row
// with its level, code, name, source cell and figures.
func dumpAgency(a *calc.Agency) string {
	var b strings.Builder
	fmt.Fprintf(&b, "agency %q year %d\n", a.Name, a.Year)
	for _, in := range a.Inputs {
		fmt.Fprintf(&b, "input %s\n", in.File)
		for _, t := range in.Tables {
			fmt.Fprintf(&b, "  table %q %s %s\n", t.Sheet, t.Kind, t.Range)
		}
		for _, ig := range in.Ignored {
			fmt.Fprintf(&b, "  ignored %q!%d %s %q\n", ig.Sheet, ig.Row, ig.Reason, ig.Text)
		}
		for _, h := range in.Hidden {
			if h.Row > 0 {
				fmt.Fprintf(&b, "  hidden row %q!%d %q\n", h.Sheet, h.Row, h.Text)
			} else {
				fmt.Fprintf(&b, "  hidden column %q!%s %q\n", h.Sheet, calc.ColumnName(h.Col), h.Text)
			}
		}
	}
	for i, bu := range a.Budgets {
		fmt.Fprintf(&b, "budget %d\n", i+1)
		dumpNode(&b, bu.Root, 1)
	}
	for _, p := range a.Pohon {
		p.Walk(func(n *calc.PohonNode) bool {
			fmt.Fprintf(&b, "pohon %s%s %q code=%q @%s", strings.Repeat("  ", int(n.Level)), n.Level.Label(), n.Name, n.Code, n.Src.Cell())
			if n.Indikator != "" {
				fmt.Fprintf(&b, " indikator=%q", n.Indikator)
			}
			if n.Formula != "" {
				fmt.Fprintf(&b, " formula=%q", n.Formula)
			}
			if n.Sasaran != "" {
				fmt.Fprintf(&b, " sasaran=%q", n.Sasaran)
			}
			b.WriteByte('\n')
			return true
		})
	}
	for _, r := range a.PK {
		fmt.Fprintf(&b, "pk %q @%s sasaran=%q indikator=%q anggaran=%s\n", r.Program, r.Src.Cell(), r.Sasaran, r.Indikator, dumpFigure(r.Anggaran))
	}
	for _, r := range a.Indikator {
		fmt.Fprintf(&b, "indikator %q @%s year=%d sasaran=%q target=%s realisasi=%s capaian=%s\n",
			r.Name, r.Src.Cell(), r.Year, r.Sasaran, dumpFigure(r.Target), dumpFigure(r.Realisasi), dumpFigure(r.Capaian))
	}
	for _, r := range a.Efisiensi {
		fmt.Fprintf(&b, "efisiensi %q @%s capaian=%s penyerapan=%s efisiensi=%s\n",
			r.Sasaran, r.Src.Cell(), dumpFigure(r.Capaian), dumpFigure(r.Penyerapan), dumpFigure(r.Efisiensi))
	}
	for _, r := range a.Alokasi {
		fmt.Fprintf(&b, "alokasi %q %q @%s anggaran=%s persen=%s\n", r.Sasaran, r.Program, r.Src.Cell(), dumpFigure(r.Anggaran), dumpFigure(r.Persen))
	}
	for _, d := range a.Data {
		fmt.Fprintf(&b, "data %q columns=%v\n", d.Title, d.Columns)
		for _, r := range d.Rows {
			fmt.Fprintf(&b, "  row %q @%s %s\n", r.Label, r.Src.Cell(), dumpFigures(r.Values))
		}
		if d.Total != nil {
			fmt.Fprintf(&b, "  total %q @%s %s\n", d.Total.Label, d.Total.Src.Cell(), dumpFigures(d.Total.Values))
		}
	}
	return b.String()
}

func dumpNode(b *strings.Builder, n *calc.Node, depth int) {
	fmt.Fprintf(b, "%s%s", strings.Repeat("  ", depth), n.Level.Label())
	if n.Code != "" {
		fmt.Fprintf(b, " [%s]", n.Code)
	}
	if n.No != "" {
		fmt.Fprintf(b, " no=%q", n.No)
	}
	fmt.Fprintf(b, " %q @%s", n.Name, n.Src.Cell())
	for _, f := range []struct {
		name string
		fig  calc.Figure
	}{{"anggaran", n.Anggaran}, {"realisasi", n.Realisasi}, {"persen", n.Persen}, {"sisa", n.Sisa}} {
		if f.fig.Kind != calc.Absent {
			fmt.Fprintf(b, " %s=%s", f.name, dumpFigure(f.fig))
		}
	}
	b.WriteByte('\n')
	for _, c := range n.Children {
		dumpNode(b, c, depth+1)
	}
}

// dumpFigure writes a figure: its exact value with the places typed, its
// cell, the text typed when it was text, and its formula.
func dumpFigure(f calc.Figure) string {
	var s string
	switch f.Kind {
	case calc.Absent:
		return "-"
	case calc.Blank:
		s = "blank"
	case calc.Invalid:
		s = fmt.Sprintf("invalid(%q)", f.Text())
	default:
		s = f.Value().StringFixed(f.Places)
		if f.Text() != "" {
			s += fmt.Sprintf("(%q)", f.Text())
		}
	}
	if c := f.Src.Cell(); c != "" {
		s += "@" + c
	}
	if f.Formula() != "" {
		s += " =" + f.Formula()
		if f.NoCache {
			s += " nocache"
		}
	}
	return s
}

func dumpFigures(fs []calc.Figure) string {
	parts := make([]string, len(fs))
	for i, f := range fs {
		parts[i] = dumpFigure(f)
	}
	return strings.Join(parts, " ")
}
