package layout

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"lkjip/calc"
)

// Number formats are written with US separators; Excel and LibreOffice show
// them in the viewer's locale, so an Indonesian desktop shows 1.788.546.290.
// Negative amounts are red and in parentheses; a zero amount shows "-", as
// Indonesian financial tables print it. Percentages always show two
// decimals; a negative one (efisiensi) is red with a minus sign.
const (
	fmtAmount  = `#,##0.00;[Red](#,##0.00);"-"`
	fmtPercent = `#,##0.00;[Red]-#,##0.00`
	fmtCount   = `#,##0`
)

// localeTag is the language tag of Bahasa Indonesia (LCID 0x421). Prefixed
// to a number format it marks the format as Indonesian; separators still
// follow the viewer's locale.
const localeTag = "[$-421]"

// fontName is the font of every cell: present on every office desktop and
// metrically identical to Liberation Sans, which LibreOffice substitutes,
// so wrapped text breaks the same way everywhere.
const fontName = "Arial"

// fontSize is the body text size in points; lineHeight the height of one
// line of it in a row, in points.
const (
	fontSize   = 10
	lineHeight = 12.75
)

// severityFill is the fill colour of a cell that carries a finding: light
// red, light yellow, light blue (Excel's own "bad" and "neutral" tones).
func severityFill(sev calc.Severity) string {
	switch sev {
	case calc.Error:
		return "FFC7CE"
	case calc.Warning:
		return "FFEB9C"
	default:
		return "DDEBF7"
	}
}

// styles are the cell styles of a workbook written by this package. Each
// is a style ID of the file they were made for; derived styles (a base
// style highlighted for a finding, an amount with n decimals) are made on
// first use and remembered.
//
// The fields are the styles every sheet uses: title and subtitle lines,
// header cells, plain and wrapped text, amounts and percentages (plain and
// bold, for parent and total rows), counts, and text indented by tree depth
// (bold for the upper levels).
type styles struct {
	title, subtitle, section, header, text, wrap, center  int
	amount, percent, count, bold, boldAmount, boldPercent int
	boldWrap, wrapCenter, link, linkCenter, missing       int
	indent                                                [6]int

	f       *excelize.File
	tag     string                 // localeTag or ""
	defs    map[int]excelize.Style // definition of every style made here
	derived map[[2]int]int         // (base, variant) → style
	err     error
}

// styleOption changes how newStyles builds a file's styles.
type styleOption func(*styles)

// withLocaleTag prefixes every number format with [$-421].
func withLocaleTag(on bool) styleOption {
	return func(s *styles) {
		if on {
			s.tag = localeTag
		}
	}
}

// newStyles registers the styles in f. Every style has the body font and a
// thin grey border, except the title lines.
func newStyles(f *excelize.File, opts ...styleOption) (*styles, error) {
	s := &styles{f: f, defs: map[int]excelize.Style{}, derived: map[[2]int]int{}}
	for _, o := range opts {
		o(s)
	}
	if err := f.SetDefaultFont(fontName); err != nil {
		return nil, err
	}
	amount, percent, count := s.numFmt(fmtAmount), s.numFmt(fmtPercent), s.numFmt(fmtCount)
	top := &excelize.Alignment{Vertical: "top"}
	wrap := &excelize.Alignment{Vertical: "top", WrapText: true}
	s.title = s.make(excelize.Style{Font: font(true, 14)}, false)
	s.subtitle = s.make(excelize.Style{Font: font(false, 11)}, false)
	s.section = s.make(excelize.Style{Font: font(true, 11)}, false)
	s.header = s.make(excelize.Style{
		Font:      font(true, fontSize),
		Fill:      solid("D9E1F2"),
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
	}, true)
	s.text = s.make(excelize.Style{Alignment: top}, true)
	s.wrap = s.make(excelize.Style{Alignment: wrap}, true)
	s.wrapCenter = s.make(excelize.Style{Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top", WrapText: true}}, true)
	s.center = s.make(excelize.Style{Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}}, true)
	s.amount = s.make(excelize.Style{CustomNumFmt: &amount, Alignment: top}, true)
	s.percent = s.make(excelize.Style{CustomNumFmt: &percent, Alignment: top}, true)
	s.count = s.make(excelize.Style{CustomNumFmt: &count, Alignment: top}, true)
	s.bold = s.make(excelize.Style{Font: font(true, fontSize), Alignment: top}, true)
	s.boldWrap = s.make(excelize.Style{Font: font(true, fontSize), Alignment: wrap}, true)
	s.boldAmount = s.make(excelize.Style{Font: font(true, fontSize), CustomNumFmt: &amount, Alignment: top}, true)
	s.boldPercent = s.make(excelize.Style{Font: font(true, fontSize), CustomNumFmt: &percent, Alignment: top}, true)
	s.link = s.make(excelize.Style{
		Font:      &excelize.Font{Family: fontName, Size: fontSize, Color: "0563C1", Underline: "single"},
		Alignment: wrap,
	}, true)
	s.linkCenter = s.make(excelize.Style{
		Font:      &excelize.Font{Family: fontName, Size: fontSize, Color: "0563C1", Underline: "single"},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"},
	}, true)
	s.missing = s.make(excelize.Style{Font: &excelize.Font{Family: fontName, Size: fontSize, Color: "9C0006"},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}}, true)
	for i := range s.indent {
		s.indent[i] = s.make(excelize.Style{Font: font(i <= 1, fontSize),
			Alignment: &excelize.Alignment{Horizontal: "left", Indent: i, Vertical: "top", WrapText: true}}, true)
	}
	return s, s.err
}

// numFmt is a number format with the locale tag when one is asked for.
func (s *styles) numFmt(code string) string { return s.tag + code }

// make registers a style; bordered styles get the body font when they name
// none and a thin grey border.
func (s *styles) make(st excelize.Style, bordered bool) int {
	if s.err != nil {
		return 0
	}
	if st.Font == nil {
		st.Font = font(false, fontSize)
	}
	if bordered {
		st.Border = thinBorder()
	}
	id, err := s.f.NewStyle(&st)
	if err != nil {
		s.err = fmt.Errorf("style: %w", err)
		return 0
	}
	s.defs[id] = st
	return id
}

// Variants of a base style, for derived.
const (
	variantError = iota + 1
	variantWarning
	variantInfo
	variantPlaces // + n: a number with n decimals
)

// flagged is base highlighted with the fill of a finding's severity.
func (s *styles) flagged(base int, sev calc.Severity) int {
	v := variantInfo
	switch sev {
	case calc.Error:
		v = variantError
	case calc.Warning:
		v = variantWarning
	}
	return s.derive(base, v, func(st *excelize.Style) { st.Fill = solid(severityFill(sev)) })
}

// places is a number style with thousands separators and exactly n
// decimals (n ≤ 10), for figures whose precision is the value's own.
func (s *styles) places(n int) int {
	n = min(max(n, 0), 10)
	return s.derive(s.count, variantPlaces+n, func(st *excelize.Style) {
		code := fmtCount
		if n > 0 {
			code += "." + strings.Repeat("0", n)
		}
		code = s.numFmt(code)
		st.CustomNumFmt = &code
	})
}

// derive makes (once) a copy of base changed by change.
func (s *styles) derive(base, variant int, change func(*excelize.Style)) int {
	key := [2]int{base, variant}
	if id, ok := s.derived[key]; ok {
		return id
	}
	def, ok := s.defs[base]
	if !ok {
		def = excelize.Style{Font: font(false, fontSize)}
	}
	change(&def)
	id, err := s.f.NewStyle(&def)
	if err != nil {
		if s.err == nil {
			s.err = fmt.Errorf("style: %w", err)
		}
		return base
	}
	s.defs[id] = def
	s.derived[key] = id
	return id
}

// wraps reports whether a style wraps its text (for row heights).
func (s *styles) wraps(id int) bool {
	d, ok := s.defs[id]
	return ok && d.Alignment != nil && d.Alignment.WrapText
}

// isBold reports whether a style's font is bold (bold text is wider).
func (s *styles) isBold(id int) bool {
	d, ok := s.defs[id]
	return ok && d.Font != nil && d.Font.Bold
}

// boldFactor is how much wider bold text is than regular, roughly.
const boldFactor = 1.08

// indentOf is the indentation of a style, in levels.
func (s *styles) indentOf(id int) int {
	if d, ok := s.defs[id]; ok && d.Alignment != nil {
		return d.Alignment.Indent
	}
	return 0
}

// conditional registers a style for conditional formatting: a fill and a
// font colour.
func conditional(f *excelize.File, fill, color string) (int, error) {
	return f.NewConditionalStyle(&excelize.Style{Fill: solid(fill), Font: &excelize.Font{Color: color}})
}

func font(bold bool, size float64) *excelize.Font {
	return &excelize.Font{Family: fontName, Size: size, Bold: bold}
}

func solid(color string) excelize.Fill {
	return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}
}

func thinBorder() []excelize.Border {
	return []excelize.Border{
		{Type: "left", Color: "808080", Style: 1}, {Type: "right", Color: "808080", Style: 1},
		{Type: "top", Color: "808080", Style: 1}, {Type: "bottom", Color: "808080", Style: 1},
	}
}

// headers is a row of column headers.
func (st *styles) headers(cols []string) []any {
	cells := make([]any, len(cols))
	for i, c := range cols {
		cells[i] = txt(st.header, c)
	}
	return cells
}
