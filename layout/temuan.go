package layout

import (
	"fmt"
	"net/url"

	"github.com/shopspring/decimal"

	"lkjip/calc"
)

// Columns of the Temuan sheet that Ringkasan counts.
const (
	colTemuanTingkat = "B"
	colTemuanAturan  = "C"
)

// temuan lists every finding: severity (coloured), rule, subject, what was
// typed, what it should be, why, and two places: the input cell (a link to
// it when Options.Links knows where the file is, relative to the report),
// and the report cell that shows the same figure, highlighted with the
// finding as a comment (an internal link). The header has a filter.
func (rp *report) temuan() error {
	st := rp.st
	w, err := rp.open(SheetTemuan, 5, 11, 18, 28, 17, 17, 50, 26, 24)
	if err != nil {
		return err
	}
	if err := rp.heading(w, "Temuan",
		"No", "Tingkat", "Aturan", "Subjek", "Tertulis", "Seharusnya", "Keterangan", "Tempat di berkas", "Di laporan"); err != nil {
		return err
	}
	if len(rp.r.Findings) == 0 {
		if _, err := w.next(txt(st.text, ""), txt(st.text, ""), txt(st.text, ""), txt(st.wrap, "Tidak ada temuan.")); err != nil {
			return err
		}
	}
	for i, f := range rp.r.Findings {
		row := w.row + 1
		at, inFile := f.Src.String(), rp.inputLink(f.Src)
		if at == "" {
			at = "-"
		}
		place := rp.marks.place(i)
		if _, err := w.next(val(st.center, i+1), txt(st.flagged(st.text, f.Severity), f.Severity.Label()),
			txt(st.text, string(f.Rule)), txt(st.wrap, f.Subject),
			rp.figureText(f.Reported), rp.figureText(f.Computed), txt(st.wrap, f.Message),
			txt(linkStyle(st, inFile != ""), at), txt(linkStyle(st, place != ""), placeLabel(place)),
		); err != nil {
			return err
		}
		if inFile != "" {
			if err := w.link(cellRef("H", row), inFile, true); err != nil {
				return err
			}
		}
		if place != "" {
			if err := w.link(cellRef("I", row), place, false); err != nil {
				return err
			}
		}
	}
	if err := rp.f.AutoFilter(SheetTemuan, fmt.Sprintf("A%d:I%d", headerRow, max(w.row, headerRow+1)), nil); err != nil {
		return err
	}
	return w.finish(rp.page(true))
}

func linkStyle(st *styles, linked bool) int {
	if linked {
		return st.link
	}
	return st.wrap
}

// inputLink is the hyperlink target of an input cell, relative to the
// report: "dpa.xlsx#'Realisasi'!D22" (the form Excel and LibreOffice follow
// to a cell of another workbook; the path is URL-escaped, so spaces become
// %20); "" when the file's place is not known.
func (rp *report) inputLink(src calc.Ref) string {
	path, ok := rp.opt.Links[src.File()]
	if !ok || path == "" {
		return ""
	}
	target := (&url.URL{Path: path}).EscapedPath()
	if c := src.Cell(); c != "" && src.Sheet() != "" {
		target += "#" + quoteSheet(src.Sheet()) + "!" + c
	}
	return target
}

// figureText writes a finding's typed or computed figure: a number shown
// with its own decimals when it is one, otherwise text (a name, a formula).
// An exact quotient (a rounding finding's computed value, 20 decimals) is
// more precise than a cell: it is shown to 10 decimals, and the message
// beside it says what matters.
func (rp *report) figureText(s string) any {
	st := rp.st
	d, err := decimal.NewFromString(s)
	if s == "" || err != nil {
		return txt(st.wrap, s)
	}
	return val(st.places(max(0, -int(d.Exponent()))), num(d))
}
