package workbook

import (
	"context"
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
	for _, f := range c.Review {
		if f.Severity == calc.Error {
			return true
		}
	}
	return false
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
func Correct(ctx context.Context, files []File, opt CorrectOptions) ([]Copy, error) {
	a := opt.Agency
	if a == nil {
		var err error
		if a, err = Read(ctx, files, opt.Read); err != nil {
			return nil, err
		}
	}
	keep := map[calc.Ref]bool{}
	wrong := map[calc.Ref]wrongFormula{}
	for round := 1; ; round++ {
		b, cs := calc.Correct(a, opt.Settings, keep)
		res := calc.Analyze(b, opt.Settings)
		var copies []Copy
		found := 0
		for _, f := range files {
			if len(opt.Files) > 0 && !slices.Contains(opt.Files, f.Name) {
				continue
			}
			c, bad, err := copyFile(ctx, f, a, cs, res.Findings, wrong, opt)
			if err != nil {
				if ctx.Err() != nil {
					return nil, ctx.Err()
				}
				return nil, &InputError{Place: calc.Ref{File: f.Name}, Err: fmt.Errorf("salinan terkoreksi tidak dapat dibuat: %w", err)}
			}
			for _, w := range bad {
				keep[w.fix.cor.Src], wrong[w.fix.cor.Src] = true, w
				found++
			}
			copies = append(copies, c)
		}
		if found == 0 {
			return copies, nil
		}
		if round == maxFormulaRounds {
			// Still unsettled: every corrected formula is left to a person.
			for _, c := range cs {
				if c.Old.Formula != "" && !keep[c.Src] {
					keep[c.Src] = true
					wrong[c.Src] = wrongFormula{why: fmt.Sprintf("rumus =%s di sel ini tidak diubah; periksa rumusnya", c.Old.Formula)}
				}
			}
		}
	}
}

// copyFile writes the corrected copy of one file from the corrections and
// findings of the whole agency, and returns the corrected formulas whose
// own result differs from the corrected value.
func copyFile(ctx context.Context, f File, a *calc.Agency, cs []calc.Correction, findings []calc.Finding,
	wrong map[calc.Ref]wrongFormula, opt CorrectOptions) (Copy, []wrongFormula, error) {
	c := Copy{File: f.Name}
	for _, x := range cs {
		if x.Src.File == f.Name {
			c.Corrections = append(c.Corrections, x)
		}
	}
	for _, x := range findings {
		if x.Src.File == f.Name && x.Severity >= calc.Warning {
			c.Review = append(c.Review, x)
		}
	}
	data, rename := f.Data, func(s string) string { return s }
	if format := sniff(f.Data); format != formatXLSX {
		c.Rebuilt = formatName(format)
		sheets, _, err := readSheets(ctx, f.Name, f.Data, opt.Read.Limits)
		if err != nil {
			return c, nil, err
		}
		var names map[string]string
		if data, names, err = rebuildXLSX(ctx, sheets); err != nil {
			return c, nil, err
		}
		rename = func(s string) string { return names[s] }
	}
	k := koreksiReport{File: f.Name, Agency: a.Name, Year: a.Year, Rebuilt: c.Rebuilt,
		Review: c.Review, Formulas: wrong, Sheet: rename}
	x, err := patchXLSX(data, c.Corrections, k, hasKoreksi(a, f.Name), opt.Read.Limits)
	if err != nil {
		return c, nil, err
	}
	c.Data, c.Macro, c.Unchanged = x.data, x.macro, x.unchanged
	bad, err := checkFormulas(ctx, x.data, x.fixes, wrong, rename, opt.Read.Limits)
	return c, bad, err
}

// hasKoreksi reports whether the reader found lkjip's Koreksi sheet in a
// file.
func hasKoreksi(a *calc.Agency, file string) bool {
	for _, in := range a.Inputs {
		if in.File != file {
			continue
		}
		for _, ig := range in.Ignored {
			if ig.Reason == koreksiReason {
				return true
			}
		}
	}
	return false
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
