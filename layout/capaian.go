package layout

import (
	"fmt"
	"strconv"

	"lkjip/calc"
)

// Columns of the Capaian Kinerja sheet that do not move.
const (
	colTarget  = "E"
	colRealInd = "F"
	colCapaian = "G"
)

// capaianCols are the columns of Capaian Kinerja from the capaian on: a
// column with the capaian limited to the configured cap comes after it
// only when a cap is set (calc then averages the capped values).
type capaianCols struct {
	capped, predikat, typed, source string // capped is "" without a cap
	headers                         []string
	widths                          []float64
}

func newCapaianCols(s calc.Settings) capaianCols {
	c := capaianCols{
		headers: []string{"No", "Sasaran", "Indikator", "Polaritas", "Target", "Realisasi", "Capaian (%)"},
		widths:  []float64{5, 30, 38, 11, 11, 11, 11},
	}
	next := 'H'
	col := func(header string, width float64) string {
		c.headers, c.widths = append(c.headers, header), append(c.widths, width)
		next++
		return string(next - 1)
	}
	if s.CapaianCap.IsPositive() {
		c.capped = col("Capaian dibatasi "+s.CapaianCap.String()+" (%)", 11)
	}
	c.predikat = col("Predikat", 13)
	c.typed = col("Capaian tertulis (%)", 11)
	c.source = col("Sumber", 24)
	return c
}

// averaged is the column whose values calc averages per sasaran.
func (c capaianCols) averaged() string {
	if c.capped != "" {
		return c.capped
	}
	return colCapaian
}

// capaian writes every indicator under its sasaran: polarity (and where it
// comes from), target, realisasi, the capaian computed under its polarity
// (a live formula), capped when a cap is set, predikat, and the capaian
// typed in the agency's file beside it. Below, the rows typed for the same
// indicators in other tables or for other years, where findings on them
// are shown.
func (rp *report) capaian() error {
	st, cc := rp.st, rp.capCols
	w, err := rp.open(SheetCapaian, cc.widths...)
	if err != nil {
		return err
	}
	if err := rp.heading(w, "Capaian Kinerja", cc.headers...); err != nil {
		return err
	}
	first := w.row + 1
	no := 0
	for _, s := range rp.r.Sasaran {
		start := w.row + 1
		if len(s.Indikator) == 0 {
			no++
			cells := []any{val(st.center, no), from(txt(st.wrap, s.Name), s.Src), txt(st.missing, "tidak ada indikator")}
			for len(cells) < len(cc.headers) {
				cells = append(cells, txt(st.text, ""))
			}
			if _, err := w.next(cells...); err != nil {
				return err
			}
			continue
		}
		for i, ind := range s.Indikator {
			no++
			sasaran := any(txt(st.wrap, ""))
			if i == 0 {
				sasaran = from(txt(st.wrap, s.Name), s.Src)
			}
			if err := rp.indicatorRow(w, no, sasaran, ind); err != nil {
				return err
			}
		}
		if w.row > start {
			if err := w.merge(cellRef("B", start), cellRef("B", w.row)); err != nil {
				return err
			}
		}
	}
	if w.row >= first {
		rng := fmt.Sprintf("%s%d:%s%d", cc.predikat, first, cc.predikat, w.row)
		if err := bandFormats(rp.f, SheetCapaian, rng, colCapaian, first, rp.bands); err != nil {
			return err
		}
	}
	if err := rp.otherTables(w); err != nil {
		return err
	}
	return w.finish(rp.page(true))
}

// indicatorRow writes one indicator.
func (rp *report) indicatorRow(w *sheetWriter, no int, sasaran any, ind *calc.IndicatorResult) error {
	st, cc := rp.st, rp.capCols
	row := w.row + 1
	rp.indRow[ind] = row
	polarity := ind.Polarity.String()
	if ind.PolarityFrom != "" {
		polarity += " (" + ind.PolarityFrom + ")"
	}
	cells := []any{
		val(st.center, no), sasaran, from(txt(st.wrap, ind.Name), ind.Src), txt(st.wrapCenter, polarity),
		figureCell(st.percent, ind.Target), figureCell(st.percent, ind.Realisasi),
	}
	if !ind.HasCapaian {
		cells = append(cells, txt(st.percent, ""))
		if cc.capped != "" {
			cells = append(cells, txt(st.percent, ""))
		}
		cells = append(cells, txt(st.text, ""))
	} else {
		cells = append(cells, formula(st.percent, capaianFormula(row, ind.Polarity, rp.r.Settings.Variant), num(ind.Capaian)))
		if cc.capped != "" {
			limit := rp.r.Settings.CapaianCap.String()
			cells = append(cells, formula(st.percent, fmt.Sprintf("MIN(%s,%s)", cellRef(colCapaian, row), limit), num(ind.Capped)))
		}
		cells = append(cells, rp.predikatCell(colCapaian, row, rp.r.Predikat(ind.Capaian)))
	}
	cells = append(cells, figureCell(st.percent, ind.Indicator.Capaian), txt(st.wrap, ind.Src.String()))
	_, err := w.next(cells...)
	return err
}

// otherTables lists, as typed, the rows of each indicator in further
// tables for the same year and in tables of other years.
func (rp *report) otherTables(w *sheetWriter) error {
	st, cc := rp.st, rp.capCols
	type typed struct {
		sasaran string
		ind     calc.Indicator
	}
	var rows []typed
	for _, s := range rp.r.Sasaran {
		for _, ind := range s.Indikator {
			for _, o := range append(append([]calc.Indicator{}, ind.Repeats...), ind.History...) {
				rows = append(rows, typed{s.Name, o})
			}
		}
	}
	if len(rows) == 0 {
		return nil
	}
	headers := []string{"No", "Sasaran", "Indikator", "Tahun", "Target tertulis", "Realisasi tertulis", "Capaian tertulis (%)"}
	for len(headers) < len(cc.headers)-1 {
		headers = append(headers, "")
	}
	if err := rp.section(w, "Indikator yang sama di tabel lain, sebagaimana tertulis", append(headers, "Sumber")...); err != nil {
		return err
	}
	for i, o := range rows {
		year := strconv.Itoa(o.ind.Year)
		if o.ind.Year == 0 {
			year = strconv.Itoa(rp.r.Agency.Year)
		}
		cells := []any{val(st.center, i+1), txt(st.wrap, o.sasaran), from(txt(st.wrap, o.ind.Name), o.ind.Src),
			txt(st.center, year), figureCell(st.percent, o.ind.Target), figureCell(st.percent, o.ind.Realisasi),
			figureCell(st.percent, o.ind.Capaian)}
		for len(cells) < len(cc.headers)-1 {
			cells = append(cells, txt(st.text, ""))
		}
		if _, err := w.next(append(cells, txt(st.wrap, o.ind.Src.String()))...); err != nil {
			return err
		}
	}
	return nil
}

// capaianFormula is the spreadsheet form of calc.Capaian for target in E
// and realisasi in F of the given row.
func capaianFormula(row int, p calc.Polarity, v calc.Variant) string {
	t, r := cellRef(colTarget, row), cellRef(colRealInd, row)
	if p != calc.PolarityNegative {
		return fmt.Sprintf("IF(%s=0,100,%s/%s*100)", t, r, t)
	}
	zero := fmt.Sprintf("IF(%s=0,100,0)", r)
	switch v {
	case calc.VariantInverse:
		return fmt.Sprintf("IF(%s=0,%s,IF(%s=0,100,%s/%s*100))", t, zero, r, t, r)
	case calc.VariantReduction:
		return fmt.Sprintf("IF(%s=0,%s,(%s-%s)/%s*100)", t, zero, t, r, t)
	default:
		return fmt.Sprintf("IF(%s=0,%s,(2*%s-%s)/%s*100)", t, zero, t, r, t)
	}
}

// figureCell writes a typed figure as a number, what was typed when it is
// not a number, or an empty cell when it holds nothing; findings on the
// figure's cell are shown on it.
func figureCell(style int, f calc.Figure) sourced {
	switch {
	case f.Present():
		return from(val(style, num(f.Value())), f.Src)
	case f.Kind == calc.Invalid:
		return from(txt(style, f.Text()), f.Src)
	}
	return from(txt(style, ""), f.Src)
}
