package workbook

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"lkjip/calc"
)

// xlsxCopy is what writing one corrected xlsx produced.
type xlsxCopy struct {
	data      []byte
	macro     bool
	unchanged bool // nothing to change and lkjip's Koreksi sheet already there: data is the input
	fixes     []*cellFix
}

// patchXLSX writes the corrected copy of an xlsx or xlsm: the fixed cells
// rewritten in place (same kind, same style plus the highlight), each with
// its comment, and a Koreksi sheet at the end. Every other zip entry is
// copied byte for byte. A workbook that already has lkjip's Koreksi sheet
// and nothing to correct is returned as it is, so that correcting a
// corrected copy changes nothing.
func patchXLSX(data []byte, fixes []calc.Correction, k koreksiReport, hasKoreksi bool, lim Limits) (*xlsxCopy, error) {
	p, err := openOPC(data, lim.MaxInflated)
	if err != nil {
		return nil, err
	}
	b, err := openBook(p)
	if err != nil {
		return nil, err
	}
	out := &xlsxCopy{macro: b.macro}
	if len(fixes) == 0 && hasKoreksi {
		out.data, out.unchanged = data, true
		return out, nil
	}
	st, err := b.stylesBook()
	if err != nil {
		return nil, err
	}
	bySheet := map[string]map[cellAt]*cellFix{}
	var order []string
	for _, c := range fixes {
		name := k.Sheet(c.Src.Sheet)
		if bySheet[name] == nil {
			bySheet[name] = map[cellAt]*cellFix{}
			order = append(order, name)
		}
		f := &cellFix{cor: c}
		bySheet[name][cellAt{c.Src.Row, c.Src.Col}] = f
		out.fixes = append(out.fixes, f)
	}
	for _, name := range order {
		if err := b.patchSheet(name, bySheet[name], st); err != nil {
			return nil, err
		}
	}
	k.Fixes = out.fixes
	if err := b.addSheet(b.freeSheetName(koreksiName), koreksiXML(k, st.addKoreksiStyles())); err != nil {
		return nil, err
	}
	p.set(b.styles, st.bytes())
	var buf bytes.Buffer
	if err := p.writeTo(&buf); err != nil {
		return nil, err
	}
	out.data = buf.Bytes()
	return out, nil
}

// stylesBook reads the workbook's styles, creating a styles part when the
// package has none.
func (b *book) stylesBook() (*styleBook, error) {
	if b.styles == "" {
		b.styles = b.p.freeName(strings.TrimSuffix(b.wb, "workbook.xml") + "styles%d.xml")
		b.p.set(b.styles, []byte(minimalStyles))
		if err := b.p.declare(b.styles, ctStyles); err != nil {
			return nil, err
		}
		if _, err := b.p.addRel(b.wb, relStyles, b.styles); err != nil {
			return nil, err
		}
	}
	data, err := b.p.read(b.styles)
	if err != nil {
		return nil, err
	}
	st, err := parseStyles(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", b.styles, err)
	}
	return st, nil
}

// patchSheet rewrites one worksheet's fixed cells and gives them notes.
func (b *book) patchSheet(name string, fixes map[cellAt]*cellFix, st *styleBook) error {
	sh, ok := b.sheet(name)
	if !ok || sh.Part == "" {
		return fmt.Errorf("lembar %q tidak ditemukan", name)
	}
	data, err := b.p.read(sh.Part)
	if err != nil {
		return err
	}
	edits, marks, err := patchCells(data, fixes, st)
	if err != nil {
		return fmt.Errorf("lembar %q: %w", name, err)
	}
	var notes []note
	for key, f := range fixes {
		notes = append(notes, note{key: key, text: noteText(f)})
	}
	slices.SortFunc(notes, func(x, y note) int {
		if x.key.row != y.key.row {
			return x.key.row - y.key.row
		}
		return x.key.col - y.key.col
	})
	more, err := b.addNotes(sh, marks, notes, slices.Index(b.sheets, sh)+1)
	if err != nil {
		return fmt.Errorf("lembar %q: %w", name, err)
	}
	b.p.set(sh.Part, applyEdits(data, append(edits, more...)))
	return nil
}

// noteText is the comment of a corrected cell, in Bahasa Indonesia: what
// it was, what it is, the rule and why.
func noteText(f *cellFix) string {
	c := f.cor
	s := fmt.Sprintf("sel ini diperbaiki.\nSemula: %s\nMenjadi: %s\nAturan: %s (%s)\nAlasan: %s",
		shownOld(f), shownNew(f), c.Rule, ruleTitle(c.Rule), c.Why)
	if f.formula {
		s += fmt.Sprintf("\nRumus =%s tetap; hasil tersimpannya diperbarui.", f.formulaText)
	}
	return s
}
