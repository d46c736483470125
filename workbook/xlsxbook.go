package workbook

import (
	"encoding/xml"
	"errors"
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
		qname(b.sheetsPrefix, "sheet"), escapeXML(name), b.maxSheetID+1, decl, rel, id)
	b.p.set(b.wb, applyEdits(wb, []edit{{b.sheetsEnd, b.sheetsEnd, el}}))
	b.sheets = append(b.sheets, bookSheet{Name: name, Part: part})
	return nil
}

// hasKoreksi reports whether the workbook has lkjip's Koreksi sheet: a
// sheet named Koreksi… whose first cell is lkjip's mark (an inline string as
// lkjip writes it, or a shared string once a spreadsheet program saved it).
func (b *book) hasKoreksi() (bool, error) {
	for _, s := range b.sheets {
		if !koreksiNamed(s.Name) || s.Part == "" {
			continue
		}
		data, err := b.p.read(s.Part)
		if err != nil {
			return false, err
		}
		text, err := b.firstCell(data)
		if err != nil {
			return false, err
		}
		if isKoreksi(s.Name, text) {
			return true, nil
		}
	}
	return false, nil
}

// firstCell returns the text of cell A1 of a worksheet part.
func (b *book) firstCell(data []byte) (string, error) {
	var typ, text string
	var inA1, found bool
	err := scanXML(data, func(e *element) error {
		if e.Name.Local == "c" && attrOr(e, "", "r") == "A1" {
			inA1, typ = true, attrOr(e, "", "t")
		}
		return nil
	}, func(e *element) error {
		switch {
		case !inA1:
		case e.Name.Local == "t" || e.Name.Local == "v":
			text += string(data[e.OpenEnd:e.CloseStart])
		case e.Name.Local == "c":
			inA1, found = false, true
			return errFound
		}
		return nil
	})
	if err != nil && err != errFound {
		return "", err
	}
	if !found {
		return "", nil
	}
	if typ == "s" {
		return b.sharedString(strings.TrimSpace(text))
	}
	return unescapeXML(text), nil
}

// errFound ends a scan that found what it looked for.
var errFound = errors.New("found")

// sharedString returns the text of the shared string with the given index.
func (b *book) sharedString(index string) (string, error) {
	n, err := strconv.Atoi(index)
	if err != nil {
		return "", nil
	}
	rels, err := b.p.rels(b.wb)
	if err != nil {
		return "", err
	}
	for _, r := range rels {
		if !strings.HasSuffix(r.Type, "/sharedStrings") {
			continue
		}
		data, err := b.p.read(target(b.wb, r))
		if err != nil {
			return "", err
		}
		var sst struct {
			Items []struct {
				T string   `xml:"t"`
				R []string `xml:"r>t"`
			} `xml:"si"`
		}
		if err := xml.Unmarshal(data, &sst); err != nil || n < 0 || n >= len(sst.Items) {
			return "", nil
		}
		return sst.Items[n].T + strings.Join(sst.Items[n].R, ""), nil
	}
	return "", nil
}

// unescapeXML decodes the character data of an element as written.
func unescapeXML(s string) string {
	var out string
	if xml.Unmarshal([]byte("<x>"+s+"</x>"), &struct {
		XMLName xml.Name `xml:"x"`
		Text    *string  `xml:",chardata"`
	}{Text: &out}) != nil {
		return s
	}
	return out
}
