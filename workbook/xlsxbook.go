package workbook

import (
	"fmt"
	"path"
	"strconv"
	"strings"
)

// book is what the corrected copy needs to know of an xlsx package: its
// workbook part, its sheets and its styles.
type book struct {
	p      *opc
	wb     string // the workbook part, "xl/workbook.xml"
	sheets []bookSheet
	styles string // the styles part; "" when the package has none
	macro  bool   // a macro-enabled workbook (.xlsm)

	// Where a sheet is added in the workbook part.
	sheetsEnd    int    // offset of </sheets>
	sheetsPrefix string // prefix the sheets element is written with
	relPrefix    string // prefix bound to the relationships namespace on the root, if any
	maxSheetID   int
}

// bookSheet is one worksheet: its name and part.
type bookSheet struct {
	Name, Part string
}

// openBook reads the structure of an xlsx package.
func openBook(p *opc) (*book, error) {
	b := &book{p: p}
	rels, err := p.rels("")
	if err != nil {
		return nil, err
	}
	for _, r := range rels {
		if strings.HasSuffix(r.Type, "/officeDocument") {
			b.wb = p.resolve(target("", r))
		}
	}
	if b.wb == "" {
		return nil, fmt.Errorf("tidak ada bagian workbook")
	}
	ct, err := p.contentTypes()
	if err != nil {
		return nil, err
	}
	b.macro = ct.of(b.wb) == ctMacroBook
	wbRels, err := p.rels(b.wb)
	if err != nil {
		return nil, err
	}
	byID := map[string]string{}
	for _, r := range wbRels {
		byID[r.ID] = target(b.wb, r)
		if strings.HasSuffix(r.Type, "/styles") && b.styles == "" {
			b.styles = p.resolve(target(b.wb, r))
		}
	}
	data, err := p.read(b.wb)
	if err != nil {
		return nil, err
	}
	err = scanXML(data, nil, func(e *element) error {
		switch {
		case e.Depth == 0:
			b.relPrefix = prefixFor(e, nsRelationships)
		case e.Depth == 1 && e.Name.Local == "sheets":
			b.sheetsEnd, b.sheetsPrefix = e.CloseStart, e.Name.Space
			if e.selfClosing() {
				return fmt.Errorf("daftar lembar kosong")
			}
		case e.Depth == 2 && e.Name.Local == "sheet":
			name, _ := e.attr("", "name")
			if id, err := strconv.Atoi(attrOr(e, "", "sheetId")); err == nil {
				b.maxSheetID = max(b.maxSheetID, id)
			}
			for _, a := range e.Attr {
				if a.Name.Local == "id" && a.Name.Space != "" {
					b.sheets = append(b.sheets, bookSheet{Name: name, Part: p.resolve(byID[a.Value])})
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", b.wb, err)
	}
	return b, nil
}

// attrOr returns an attribute's value, or "".
func attrOr(e *element, prefix, local string) string {
	v, _ := e.attr(prefix, local)
	return v
}

// prefixFor returns the prefix an element declares for a namespace; ""
// when it declares none (a default namespace does not bind attributes).
func prefixFor(e *element, ns string) string {
	for _, a := range e.Attr {
		if a.Name.Space == "xmlns" && a.Value == ns {
			return a.Name.Local
		}
	}
	return ""
}

// sheet returns the worksheet of the given name.
func (b *book) sheet(name string) (bookSheet, bool) {
	for _, s := range b.sheets {
		if s.Name == name {
			return s, true
		}
	}
	return bookSheet{}, false
}

// freeSheetName returns base, or "base (2)", "base (3)" … whichever no
// sheet is called (sheet names compare without case).
func (b *book) freeSheetName(base string) string {
	taken := map[string]bool{}
	for _, s := range b.sheets {
		taken[strings.ToLower(s.Name)] = true
	}
	name := base
	for i := 2; taken[strings.ToLower(name)]; i++ {
		name = fmt.Sprintf("%s (%d)", base, i)
	}
	return name
}

// addSheet adds a worksheet at the end of the workbook.
func (b *book) addSheet(name string, data []byte) error {
	part := b.p.freeName(path.Join(path.Dir(b.wb), "worksheets", "sheet%d.xml"))
	b.p.set(part, data)
	if err := b.p.declare(part, ctWorksheet); err != nil {
		return err
	}
	id, err := b.p.addRel(b.wb, relWorksheet, part)
	if err != nil {
		return err
	}
	wb, err := b.p.read(b.wb)
	if err != nil {
		return err
	}
	rel, decl := b.relPrefix, ""
	if rel == "" {
		rel, decl = "r", ` xmlns:r="`+nsRelationships+`"`
	}
	el := fmt.Sprintf(`<%s name="%s" sheetId="%d"%s %s:id="%s"/>`,
		qname(b.sheetsPrefix, "sheet"), escapeAttr(name), b.maxSheetID+1, decl, rel, id)
	b.p.set(b.wb, applyEdits(wb, []edit{{b.sheetsEnd, b.sheetsEnd, el}}))
	b.sheets = append(b.sheets, bookSheet{Name: name, Part: part})
	return nil
}
