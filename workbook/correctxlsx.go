package workbook

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"lkjip/calc"
)

// xlsxPlan is the corrected copy of an xlsx or xlsm being made: each fixed
// cell rewritten in place (same kind, same style plus the highlight), not
// yet written out. Planning is cheap, so Correct plans again when a round
// sets a formula aside; only the last plan is written.
type xlsxPlan struct {
	input     []byte
	p         *opc
	b         *book
	st        *styleBook
	sheets    []*sheetPlan
	fixes     []*cellFix
	unchanged bool // nothing to change and lkjip's Koreksi sheet already there
}

// sheetPlan is one worksheet's rewritten cells.
type sheetPlan struct {
	sh    bookSheet
	data  []byte
	edits []edit
	marks sheetMarks
	fixes map[cellAt]*cellFix
}

// planXLSX places the fixes in an xlsx. sheet gives, for a sheet the
// corrections name, its name in the package (they differ in a rebuilt
// copy). A workbook that already has lkjip's Koreksi sheet and nothing to
// correct is left as it is, so that correcting a corrected copy changes
// nothing.
func planXLSX(data []byte, fixes []calc.Correction, sheet func(string) string, lim Limits) (*xlsxPlan, error) {
	p, err := openOPC(data, lim.MaxInflated)
	if err != nil {
		return nil, err
	}
	b, err := openBook(p)
	if err != nil {
		return nil, err
	}
	pl := &xlsxPlan{input: data, p: p, b: b}
	if len(fixes) == 0 {
		if pl.unchanged, err = b.hasKoreksi(); err != nil || pl.unchanged {
			return pl, err
		}
	}
	if pl.st, err = b.stylesBook(); err != nil {
		return nil, err
	}
	bySheet := map[string]*sheetPlan{}
	for _, c := range fixes {
		name := sheet(c.Src.Sheet())
		sp := bySheet[name]
		if sp == nil {
			sh, ok := b.sheet(name)
			if !ok || sh.Part == "" {
				return nil, fmt.Errorf("lembar %q tidak ditemukan", name)
			}
			sp = &sheetPlan{sh: sh, fixes: map[cellAt]*cellFix{}}
			bySheet[name] = sp
			pl.sheets = append(pl.sheets, sp)
		}
		f := &cellFix{cor: c}
		sp.fixes[cellAt{int(c.Src.Row), int(c.Src.Col)}] = f
		pl.fixes = append(pl.fixes, f)
	}
	for _, sp := range pl.sheets {
		if sp.data, err = p.read(sp.sh.Part); err != nil {
			return nil, err
		}
		if sp.edits, sp.marks, err = patchCells(sp.data, sp.fixes, pl.st); err != nil {
			return nil, fmt.Errorf("lembar %q: %w", sp.sh.Name, err)
		}
	}
	return pl, nil
}

// write writes the planned copy: the rewritten cells with their notes, a
// Koreksi sheet at the end, the new styles. Every other zip entry is
// copied byte for byte. An unchanged copy is the input.
func (pl *xlsxPlan) write(k koreksiReport) ([]byte, error) {
	if pl.unchanged {
		return pl.input, nil
	}
	for _, sp := range pl.sheets {
		if err := pl.b.annotate(sp); err != nil {
			return nil, err
		}
	}
	k.Fixes = pl.fixes
	if err := pl.b.addSheet(pl.b.freeSheetName(koreksiName), koreksiXML(k, pl.st.addKoreksiStyles())); err != nil {
		return nil, err
	}
	pl.p.set(pl.b.styles, pl.st.bytes())
	var buf bytes.Buffer
	if err := pl.p.writeTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
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

// annotate gives a worksheet's fixed cells their notes and writes the
// worksheet part.
func (b *book) annotate(sp *sheetPlan) error {
	var notes []note
	for key, f := range sp.fixes {
		notes = append(notes, note{key: key, text: noteText(f)})
	}
	slices.SortFunc(notes, func(x, y note) int {
		if x.key.row != y.key.row {
			return x.key.row - y.key.row
		}
		return x.key.col - y.key.col
	})
	more, err := b.addNotes(sp.sh, sp.marks, notes, slices.Index(b.sheets, sp.sh)+1)
	if err != nil {
		return fmt.Errorf("lembar %q: %w", sp.sh.Name, err)
	}
	b.p.set(sp.sh.Part, applyEdits(sp.data, append(sp.edits, more...)))
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
