package workbook

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"lkjip/calc"
)

// CorrectOptions control Correct.
type CorrectOptions struct {
	Read     Options
	Settings calc.Settings
	// Files names the files to write a corrected copy of; every file when
	// empty. The others are read for what they tell about the agency (a
	// DPA in another file, for the allocation table) and not copied.
	Files []string
	// Agency, when set, is what Read made of the files with these options:
	// Correct uses it rather than read them again.
	Agency *calc.Agency
}

// Copy is the corrected copy of one input file.
type Copy struct {
	File string // the input's name
	Data []byte // the copy: an xlsx, macro-enabled when Macro
	// Macro: the workbook has macros (.xlsm), kept in the copy, which must
	// be saved with the .xlsm extension for Excel to open it.
	Macro bool
	// Rebuilt is the input's format ("xls", "ods", "csv", "html") when it
	// was not an xlsx: the copy was built from the values read, without the
	// file's formulas, formats and styles. "" for an xlsx.
	Rebuilt string
	// Unchanged: nothing needed correcting and the file already had lkjip's
	// Koreksi sheet, so Data is the input as it was.
	Unchanged bool
	// Corrections are the cells changed, in cell order.
	Corrections []calc.Correction
	// Review are the file's error and warning findings left for a person,
	// as listed on the Koreksi sheet.
	Review []calc.Finding
}

// Ext is the extension the copy must be saved with.
func (c *Copy) Ext() string {
	if c.Macro {
		return ".xlsm"
	}
	return ".xlsx"
}

// Errors reports whether error-severity findings are left for a person.
func (c *Copy) Errors() bool {
	return calc.CountFindings(c.Review).Error > 0
}

// maxFormulaRounds bounds the rounds of Correct that set aside formulas
// whose own result differs from the corrected value. Setting one aside can
// only remove corrections, so the rounds end; after this many, every
// corrected formula is set aside.
const maxFormulaRounds = 4

// Correct reads one agency's files, corrects the agency (calc.Correct: the
// arithmetic its own tables decide from their lowest rows) and writes a
// corrected copy of each file asked for, with its cells fixed, highlighted
// and annotated and a Koreksi sheet listing every change and every
// finding left for a person. The inputs are not modified.
//
// A corrected cell that holds a formula keeps it, with the corrected value
// as its stored result; when the formula's own arithmetic gives another
// value, the cell is set aside for a person and the agency corrected again
// without it (a round); the copies are written after the last round.
func Correct(ctx context.Context, files []File, opt CorrectOptions) (out []Copy, err error) {
	defer func() {
		// A malformed part that slipped past the reader must not bring the
		// command or the service down: the user sees an unusable file.
		if p := recover(); p != nil {
			var place calc.Ref
			if len(files) > 0 {
				place = calc.FileRef(files[0].Name)
			}
			out, err = nil, &InputError{Place: place,
				Err: fmt.Errorf("%w: salinan terkoreksi tidak dapat dibuat (%w: %v)", ErrFormat, errReaderPanic, p)}
		}
	}()
	a := opt.Agency
	if a == nil {
		if a, err = Read(ctx, files, opt.Read); err != nil {
			return nil, err
		}
	}
	var copies []*fileCopy
	defer func() {
		for _, c := range copies {
			c.close()
		}
	}()
	for _, f := range files {
		if len(opt.Files) > 0 && !slices.Contains(opt.Files, f.Name) {
			continue
		}
		c, err := newFileCopy(ctx, f, a, opt.Read)
		if err != nil {
			return nil, copyErr(ctx, f.Name, err)
		}
		copies = append(copies, c)
	}
	keep := map[calc.Ref]bool{}
	wrong := map[calc.Ref]wrongFormula{}
	for round := 1; ; round++ {
		b, cs := calc.Correct(a, opt.Settings, keep)
		var bad []wrongFormula
		for _, c := range copies {
			w, err := c.plan(ctx, cs, wrong)
			if err != nil {
				return nil, copyErr(ctx, c.file.Name, err)
			}
			bad = append(bad, w...)
		}
		for _, w := range bad {
			keep[w.fix.cor.Src], wrong[w.fix.cor.Src] = true, w
		}
		if len(bad) > 0 && round == maxFormulaRounds {
			// Still unsettled: every corrected formula is left to a person.
			for _, c := range cs {
				if c.Old.Formula() != "" && !keep[c.Src] {
					keep[c.Src] = true
					wrong[c.Src] = wrongFormula{why: fmt.Sprintf("rumus =%s di sel ini tidak diubah; periksa rumusnya", c.Old.Formula())}
				}
			}
		}
		if len(bad) > 0 {
			continue
		}
		findings := calc.Analyze(b, opt.Settings).Findings
		for _, c := range copies {
			cp, err := c.write(findings, wrong)
			if err != nil {
				return nil, copyErr(ctx, c.file.Name, err)
			}
			out = append(out, cp)
		}
		return out, nil
	}
}

// copyErr words a failure to make a file's copy.
func copyErr(ctx context.Context, file string, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	var ie *InputError
	if errors.As(err, &ie) {
		return err
	}
	return inputErr(file, "salinan terkoreksi tidak dapat dibuat: %w", err)
}

// fileCopy is one file being copied, across Correct's rounds.
type fileCopy struct {
	file    File
	agency  *calc.Agency
	data    []byte // its xlsx: the file itself, or rebuilt from the values read
	rebuilt string // the file's format when rebuilt
	sheet   func(string) string
	lim     Limits
	cs      []calc.Correction // this round's corrections in the file
	pl      *xlsxPlan
	formula *formulaSession // opened when a round first corrects a formula
}

// newFileCopy prepares a file's copy, rebuilding a file that is not an
// xlsx as one from its values read with the options Read was given (an
// encrypted xlsx needs its password).
func newFileCopy(ctx context.Context, f File, a *calc.Agency, opt Options) (*fileCopy, error) {
	c := &fileCopy{file: f, agency: a, data: f.Data, sheet: func(s string) string { return s }, lim: opt.Limits}
	if format := sniff(f.Data); format != formatXLSX {
		c.rebuilt = formatName(format)
		sheets, _, err := readSheets(ctx, f.Name, f.Data, opt)
		if err != nil {
			return nil, err
		}
		var names map[string]string
		if c.data, names, err = rebuildXLSX(ctx, sheets); err != nil {
			return nil, err
		}
		c.sheet = func(s string) string { return names[s] }
	}
	return c, nil
}

// plan places a round's corrections in the copy and returns the corrected
// formulas whose own arithmetic gives another value.
func (c *fileCopy) plan(ctx context.Context, cs []calc.Correction, wrong map[calc.Ref]wrongFormula) ([]wrongFormula, error) {
	c.cs = nil
	for _, x := range cs {
		if x.Src.File() == c.file.Name {
			c.cs = append(c.cs, x)
		}
	}
	var err error
	if c.pl, err = planXLSX(c.data, c.cs, c.sheet, c.lim); err != nil {
		return nil, err
	}
	if c.formula == nil && slices.ContainsFunc(c.pl.fixes, func(f *cellFix) bool { return f.formula }) {
		if c.formula, err = openFormulaSession(c.file.Name, c.data, c.sheet, c.lim); err != nil {
			return nil, err
		}
	}
	if c.formula == nil {
		return nil, nil
	}
	return c.formula.check(ctx, c.pl.fixes, wrong)
}

// write writes the copy as last planned, with the findings of the
// corrected agency that are in its file.
func (c *fileCopy) write(findings []calc.Finding, wrong map[calc.Ref]wrongFormula) (Copy, error) {
	out := Copy{File: c.file.Name, Rebuilt: c.rebuilt, Corrections: c.cs, Macro: c.pl.b.macro, Unchanged: c.pl.unchanged}
	for _, x := range findings {
		if x.Src.File() == c.file.Name && x.Severity >= calc.Warning {
			out.Review = append(out.Review, x)
		}
	}
	var err error
	out.Data, err = c.pl.write(koreksiReport{File: c.file.Name, Agency: c.agency.Name, Year: c.agency.Year,
		Rebuilt: c.rebuilt, Review: out.Review, Formulas: wrong, Sheet: c.sheet})
	return out, err
}

func (c *fileCopy) close() {
	if c.formula != nil {
		c.formula.close()
	}
}

// formatName names a file format for people.
func formatName(f format) string {
	switch f {
	case formatODS:
		return "ods"
	case formatOLE:
		return "xls"
	case formatCSV:
		return "csv"
	case formatHTML:
		return "html"
	}
	return "xlsx"
}
