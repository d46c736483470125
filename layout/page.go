package layout

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// page is how a sheet prints: A4 landscape, scaled to the page width (as
// many pages down as it needs), narrow margins, the rows from titleFrom to
// titleTo repeated at the top of every page (none when zero), a header with
// the document and sheet names, and page numbers in the footer.
type page struct {
	titleFrom, titleTo int
	header             string // left header: the agency and year, for instance
}

// paperA4 is A4 in the OOXML paper size list.
const paperA4 = 9

func (p page) apply(f *excelize.File, sheet string) error {
	size, orient, wide, tall := paperA4, "landscape", 1, 0
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Size: &size, Orientation: &orient, FitToWidth: &wide, FitToHeight: &tall,
	}); err != nil {
		return err
	}
	// Inches: 1,5 cm at the sides, 2 cm top and bottom, header and footer
	// 0,8 cm from the edge.
	side, edge, hf := 0.59, 0.79, 0.31
	center := true
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{
		Left: &side, Right: &side, Top: &edge, Bottom: &edge, Header: &hf, Footer: &hf, Horizontally: &center,
	}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddHeader: "&L&8" + headerText(p.header) + "&R&8&A",
		OddFooter: "&L&8Disusun dengan lkjip&CHalaman &P dari &N",
	}); err != nil {
		return err
	}
	if p.titleFrom == 0 {
		return nil
	}
	return f.SetDefinedName(&excelize.DefinedName{
		Name:     "_xlnm.Print_Titles",
		RefersTo: fmt.Sprintf("%s!$%d:$%d", quoteSheet(sheet), p.titleFrom, p.titleTo),
		Scope:    sheet,
	})
}

// headerText escapes text for a page header, where "&" starts a code, and
// keeps it within the 255 characters a header may hold.
func headerText(s string) string {
	if r := []rune(s); len(r) > 150 {
		s = string(r[:150]) + "…"
	}
	return strings.ReplaceAll(s, "&", "&&")
}

// quoteSheet quotes a sheet name for a formula or reference: 'Temuan',
// 'Penyerapan Anggaran', 'O”Brien'.
func quoteSheet(name string) string {
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}
