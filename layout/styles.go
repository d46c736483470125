package layout

import "github.com/xuri/excelize/v2"

// Number formats are written with US separators; Excel and LibreOffice show
// them in the viewer's locale, so an Indonesian desktop shows 1.788.546.290.
const (
	fmtAmount  = "#,##0.00;(#,##0.00);-"
	fmtPercent = "#,##0.00"
)

// styles are the cell styles of a report workbook.
type styles struct {
	title, header, text, wrap, amount, percent, bold, boldAmount, boldPercent int
	indent                                                                    [6]int
}

func newStyles(f *excelize.File) (*styles, error) {
	border := []excelize.Border{
		{Type: "left", Color: "808080", Style: 1}, {Type: "right", Color: "808080", Style: 1},
		{Type: "top", Color: "808080", Style: 1}, {Type: "bottom", Color: "808080", Style: 1},
	}
	amount, percent := fmtAmount, fmtPercent
	s := &styles{}
	var err error
	mk := func(st excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(&st)
		return id
	}
	s.title = mk(excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	s.header = mk(excelize.Style{
		Font: &excelize.Font{Bold: true}, Border: border,
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
	})
	s.text = mk(excelize.Style{Border: border, Alignment: &excelize.Alignment{Vertical: "top"}})
	s.wrap = mk(excelize.Style{Border: border, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	s.amount = mk(excelize.Style{Border: border, CustomNumFmt: &amount})
	s.percent = mk(excelize.Style{Border: border, CustomNumFmt: &percent})
	s.bold = mk(excelize.Style{Border: border, Font: &excelize.Font{Bold: true}})
	s.boldAmount = mk(excelize.Style{Border: border, Font: &excelize.Font{Bold: true}, CustomNumFmt: &amount})
	s.boldPercent = mk(excelize.Style{Border: border, Font: &excelize.Font{Bold: true}, CustomNumFmt: &percent})
	for i := range s.indent {
		s.indent[i] = mk(excelize.Style{Border: border, Font: &excelize.Font{Bold: i <= 2},
			Alignment: &excelize.Alignment{Indent: i, Vertical: "top", WrapText: true}})
	}
	return s, err
}
