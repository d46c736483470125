package workbook

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"lkjip/calc"
)

// The Koreksi sheet lists what a corrected copy changed and what is left
// for a person. Its first cell, with its name, is lkjip's mark: the reader
// recognises the sheet by both and lists its rows as ignored, with a
// reason, instead of reading them as data (a user's own sheet called
// Koreksi is read like any other).
const (
	koreksiName   = "Koreksi"
	koreksiTitle  = "KOREKSI OLEH LKJIP"
	koreksiReason = "lembar Koreksi buatan lkjip"
)

// koreksiNamed reports whether a sheet's name is that of a Koreksi sheet
// (Koreksi…, in any case), which lkjip's mark may then confirm.
func koreksiNamed(name string) bool {
	return strings.HasPrefix(strings.ToLower(name), strings.ToLower(koreksiName))
}

// isKoreksi reports whether a sheet with this name and first cell is a
// Koreksi sheet lkjip wrote.
func isKoreksi(name, first string) bool {
	return koreksiNamed(name) && cleanText(first) == koreksiTitle
}

// isKoreksiSheet reports whether a sheet is a Koreksi sheet lkjip wrote.
func isKoreksiSheet(s *sheet) bool {
	return isKoreksi(s.Name, s.at(1, 1).Text)
}

// koreksiIgnored lists every non-empty row of lkjip's Koreksi sheet as
// ignored, so that nothing in it, a user's addition included, is dropped
// without a word.
func koreksiIgnored(s *sheet) []calc.Ignored {
	var out []calc.Ignored
	for r := 1; r <= len(s.Rows); r++ {
		if !s.rowEmpty(r) {
			out = append(out, calc.Ignored{Sheet: s.Name, Row: r, Reason: koreksiReason, Text: s.firstText(r)})
		}
	}
	return out
}

// koreksiReport is what a Koreksi sheet says.
type koreksiReport struct {
	File    string
	Agency  string
	Year    int
	Rebuilt string // the input's format when the copy was rebuilt from its values
	Fixes   []*cellFix
	Review  []calc.Finding
	// Formulas are the formulas whose own result differs from the
	// corrected value, by cell: left for a person, with the reason.
	Formulas map[calc.Ref]wrongFormula
	// Sheet renames sheets whose names xlsx does not allow (a rebuilt copy).
	Sheet func(string) string
}

// koreksiColumns are the widths of the sheet's columns, A to H.
var koreksiColumns = []float64{5, 18, 8, 42, 18, 18, 24, 80}

// koreksiXML writes the Koreksi sheet.
func koreksiXML(k koreksiReport, ks koreksiStyles) []byte {
	w := &sheetWriter{}
	w.row(textCell(koreksiTitle, ks.title))
	about := "Berkas: " + k.File
	if k.Agency != "" {
		about += " · Perangkat daerah: " + k.Agency
	}
	if k.Year != 0 {
		about += " · Tahun: " + strconv.Itoa(k.Year)
	}
	w.row(textCell(about, 0))
	w.row(textCell("Sel yang diperbaiki diberi warna kuning dan komentar. Baris paling rinci dianggap benar: "+
		"jumlah induk, persentase dan sisa dihitung ulang darinya. Angka lain tidak diubah; yang perlu diperiksa petugas ada di bagian B.", 0))
	if k.Rebuilt != "" {
		w.row(textCell(fmt.Sprintf("Berkas asli berformat %s, bukan .xlsx: salinan ini dibuat ulang sebagai .xlsx dari nilai yang terbaca; "+
			"rumus, format angka dan gaya berkas asli tidak ikut.", strings.ToUpper(k.Rebuilt)), 0))
	}
	w.row()
	w.row(textCell(fmt.Sprintf("A. Sel yang diperbaiki (%d)", len(k.Fixes)), ks.title))
	w.row(headerCells(ks, "Semula", "Menjadi")...)
	if len(k.Fixes) == 0 {
		w.row(textCell("", 0), textCell("Tidak ada sel yang perlu diperbaiki.", 0))
	}
	for i, f := range k.Fixes {
		c := f.cor
		why := ruleTitle(c.Rule) + ": " + c.Why
		if f.formula {
			why += fmt.Sprintf(". Rumus =%s tetap; hasil tersimpannya diperbarui", f.formulaText)
		}
		w.row(numberCell(i+1, ks.number), bodyCell(k.Sheet(c.Src.Sheet()), ks), linkCell(k.Sheet(c.Src.Sheet()), c.Src, ks.link),
			bodyCell(c.Subject, ks), bodyCell(shownOld(f), ks), bodyCell(shownNew(f), ks),
			bodyCell(string(c.Rule), ks), bodyCell(why, ks))
	}
	w.row()
	w.row(textCell(fmt.Sprintf("B. Perlu diperiksa petugas (%d)", len(k.Review)), ks.title))
	w.row(headerCells(ks, "Tertulis", "Hitungan lkjip")...)
	if len(k.Review) == 0 {
		w.row(textCell("", 0), textCell("Tidak ada temuan yang perlu diperiksa.", 0))
	}
	for i, f := range k.Review {
		msg := f.Message
		if w, ok := k.Formulas[f.Src]; ok {
			msg += "; " + w.why
		}
		w.row(numberCell(i+1, ks.number), bodyCell(k.Sheet(f.Src.Sheet()), ks), linkCell(k.Sheet(f.Src.Sheet()), f.Src, ks.link),
			bodyCell(f.Subject, ks), bodyCell(shownFigure(f.Reported), ks), bodyCell(shownFigure(f.Computed), ks),
			bodyCell(fmt.Sprintf("%s (%s)", f.Rule, f.Severity.Label()), ks), bodyCell(msg, ks))
	}
	return w.bytes()
}

// headerCells is the header row of a section.
func headerCells(ks koreksiStyles, old, new string) []xcell {
	var out []xcell
	for _, h := range []string{"No", "Lembar", "Sel", "Uraian", old, new, "Aturan", "Keterangan"} {
		c := textCell(h, ks.header)
		c.wrap = true
		out = append(out, c)
	}
	return out
}

// ruleTitle is a rule's one-line title in Bahasa Indonesia.
func ruleTitle(r calc.Rule) string {
	for _, ri := range calc.Rules() {
		if ri.Rule == r {
			return ri.Title
		}
	}
	return string(r)
}

// shownOld is what a corrected cell held, as its user saw it.
func shownOld(f *cellFix) string {
	o := f.cor.Old
	switch {
	case o.Text() != "":
		return o.Text()
	case o.Present():
		return calc.FormatID(o.Value(), shownPlaces(f)) + percentSign(f)
	}
	return "(kosong)"
}

// shownNew is what a corrected cell holds now, as its user sees it.
func shownNew(f *cellFix) string {
	if f.text {
		return f.stored
	}
	return calc.FormatID(f.cor.New, shownPlaces(f)) + percentSign(f)
}

// shownPlaces is the decimals a corrected number is shown with: two for a
// percentage, none for whole rupiah, two otherwise; more only where they
// are what tells the old value from the new (a stored result such as
// 64,332465930568 has many more than anyone reads).
func shownPlaces(f *cellFix) int32 {
	o, n := f.cor.Old, f.cor.New
	var p int32 = 2
	if !f.cor.Percent && n.IsInteger() && (!o.Present() || o.Value().IsInteger()) {
		p = 0
	}
	for limit := max(f.cor.Places, o.Places); p < limit && o.Present() &&
		calc.FormatID(o.Value(), p) == calc.FormatID(n, p); p++ {
	}
	return p
}

func percentSign(f *cellFix) string {
	if f.percent {
		return " %"
	}
	return ""
}

// shownFigure writes a finding's reported or computed figure (an exact
// decimal, or a name) for people: numbers the Indonesian way.
func shownFigure(s string) string {
	d, err := decimal.NewFromString(s)
	if err != nil || strings.ContainsAny(s, "eE") {
		return s
	}
	return calc.FormatID(d, max(0, -d.Exponent()))
}

// xcell is one cell the sheet writer writes.
type xcell struct {
	text   string
	num    string
	style  int
	link   string // an internal hyperlink's location
	isText bool
	wrap   bool // the style wraps text: the row grows to show it
}

func textCell(s string, style int) xcell { return xcell{text: s, style: style, isText: true} }

// bodyCell is a cell of a table: wrapped text, aligned to the top.
func bodyCell(s string, ks koreksiStyles) xcell {
	return xcell{text: s, style: ks.body, isText: true, wrap: true}
}
func numberCell(n, style int) xcell { return xcell{num: strconv.Itoa(n), style: style} }

// linkCell shows a cell's address and links to it.
func linkCell(sheetName string, r calc.Ref, style int) xcell {
	c := textCell(r.Cell(), style)
	if r.Cell() != "" {
		c.link = "'" + strings.ReplaceAll(sheetName, "'", "''") + "'!" + r.Cell()
	}
	return c
}

// sheetWriter writes a small worksheet part: rows of inline strings and
// numbers, column widths, internal hyperlinks, A4 landscape printing.
type sheetWriter struct {
	rows  strings.Builder
	links strings.Builder
	n     int
}

func (w *sheetWriter) row(cells ...xcell) {
	w.n++
	lines := 1
	for i, c := range cells {
		if c.wrap && i < len(koreksiColumns) {
			// Wrapped text: about 1,1 characters per unit of column width.
			perLine := int(koreksiColumns[i] * 1.1)
			lines = max(lines, (utf8.RuneCountInString(c.text)+perLine-1)/perLine)
		}
	}
	if lines > 1 {
		fmt.Fprintf(&w.rows, `<row r="%d" ht="%d" customHeight="1">`, w.n, 15*lines)
	} else {
		fmt.Fprintf(&w.rows, `<row r="%d">`, w.n)
	}
	for i, c := range cells {
		ref := calc.CellName(w.n, i+1)
		style := ""
		if c.style != 0 {
			style = fmt.Sprintf(` s="%d"`, c.style)
		}
		switch {
		case c.isText && c.text == "":
			if style != "" {
				fmt.Fprintf(&w.rows, `<c r="%s"%s/>`, ref, style)
			}
		case c.isText:
			fmt.Fprintf(&w.rows, `<c r="%s"%s t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>`, ref, style, escapeXML(c.text))
		default:
			fmt.Fprintf(&w.rows, `<c r="%s"%s><v>%s</v></c>`, ref, style, c.num)
		}
		if c.link != "" {
			fmt.Fprintf(&w.links, `<hyperlink ref="%s" location="%s" display="%s"/>`, ref, escapeXML(c.link), escapeXML(c.text))
		}
	}
	w.rows.WriteString("</row>")
}

func (w *sheetWriter) bytes() []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	b.WriteString(`<worksheet xmlns="` + nsMain + `" xmlns:r="` + nsRelationships + `">`)
	b.WriteString(`<sheetPr><tabColor rgb="FFFFC000"/><pageSetUpPr fitToPage="1"/></sheetPr>`)
	fmt.Fprintf(&b, `<dimension ref="A1:H%d"/>`, max(w.n, 1))
	b.WriteString(`<sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>`)
	for i, width := range koreksiColumns {
		fmt.Fprintf(&b, `<col min="%d" max="%d" width="%g" customWidth="1"/>`, i+1, i+1, width)
	}
	b.WriteString(`</cols><sheetData>` + w.rows.String() + `</sheetData>`)
	if w.links.Len() > 0 {
		b.WriteString(`<hyperlinks>` + w.links.String() + `</hyperlinks>`)
	}
	b.WriteString(`<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>`)
	b.WriteString(`<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/></worksheet>`)
	return []byte(b.String())
}
