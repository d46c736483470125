package workbook

import (
	"bytes"
	"context"
	"fmt"
	"strconv"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"lkjip/calc"
)

// wrongFormula is a corrected cell holding a formula whose own arithmetic
// gives another value than the corrected one: it is left as typed, for a
// person, with the reason in Bahasa Indonesia.
type wrongFormula struct {
	fix *cellFix // the correction tried; nil when every formula was left
	why string
}

// checkFormulas checks each corrected cell that holds a formula. Only the
// cell's stored result was changed, so a formula whose own arithmetic does
// not give the corrected value (it sums the wrong range, or text that lkjip
// reads as a number) would show one value in viewers that do not
// recalculate and another in those that do: such a cell is for a person.
// Each formula is computed over its inputs as the copy shows them: every
// corrected cell, and every formula already left for a person (wrong), as
// the value it holds, so that a wrong formula below does not make the
// right ones above it look wrong. excelize computes in float64, ample to
// tell a wrong formula from a right one at the precision the value is
// shown with.
func checkFormulas(ctx context.Context, data []byte, fixes []*cellFix, wrong map[calc.Ref]wrongFormula,
	sheet func(string) string, lim Limits) ([]wrongFormula, error) {
	var formulas []*cellFix
	for _, f := range fixes {
		if f.formula {
			formulas = append(formulas, f)
		}
	}
	if len(formulas) == 0 {
		return nil, nil
	}
	x, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit: lim.MaxInflated, UnzipXMLSizeLimit: min(lim.MaxInflated, 16<<20)})
	if err != nil {
		return nil, err
	}
	defer x.Close()
	text := make([]string, len(formulas))
	for i, f := range formulas {
		if text[i] = f.formulaText; text[i] == "" { // a shared formula's follower: excelize derives it
			text[i], _ = x.GetCellFormula(sheet(f.cor.Src.Sheet), f.cor.Src.Cell())
		}
	}
	for _, f := range fixes {
		if f.formula {
			if err := setValue(x, sheet(f.cor.Src.Sheet), f, f.stored); err != nil {
				return nil, err
			}
		}
	}
	for _, w := range wrong {
		if w.fix != nil && w.fix.cor.Src.File == fixes[0].cor.Src.File {
			if err := setValue(x, sheet(w.fix.cor.Src.Sheet), w.fix, typedStored(w.fix)); err != nil {
				return nil, err
			}
		}
	}
	var bad []wrongFormula
	for i, f := range formulas {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		c := f.cor
		sh, cell := sheet(c.Src.Sheet), c.Src.Cell()
		formula := "=" + text[i]
		got, err := "", x.SetCellFormula(sh, cell, text[i])
		if err == nil {
			got, err = evaluate(x, sh, cell)
		}
		if err := setValue(x, sh, f, f.stored); err != nil {
			return nil, err
		}
		switch {
		case err != nil:
			bad = append(bad, wrongFormula{f, fmt.Sprintf("rumus %s di sel ini tidak dapat dihitung lkjip (%v); periksa rumusnya", formula, err)})
		case !formulaAgrees(got, f):
			bad = append(bad, wrongFormula{f, fmt.Sprintf("rumus %s di sel ini menghasilkan %s, bukan %s; periksa rumusnya",
				formula, shownResult(got, f), shownNew(f))})
		}
	}
	return bad, nil
}

// typedStored is what a cell left as typed holds: its old value, as the
// cell stores it.
func typedStored(f *cellFix) string {
	o := f.cor.Old
	if f.text || !o.Present() {
		return o.Text
	}
	if f.percent {
		return numText(o.Value.Shift(-2))
	}
	return numText(o.Value)
}

// setValue makes a corrected cell a plain value: stored, as text or as a
// number as the cell holds it.
func setValue(x *excelize.File, sheet string, f *cellFix, stored string) error {
	if f.text {
		return x.SetCellStr(sheet, f.cor.Src.Cell(), stored)
	}
	v, err := strconv.ParseFloat(stored, 64)
	if err != nil {
		return x.SetCellStr(sheet, f.cor.Src.Cell(), stored)
	}
	return x.SetCellFloat(sheet, f.cor.Src.Cell(), v, -1, 64)
}

// evaluate computes a formula cell, turning a panic of the evaluator into
// an error.
func evaluate(x *excelize.File, sheet, cell string) (v string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	return x.CalcCellValue(sheet, cell, excelize.Options{RawCellValue: true})
}

// formulaAgrees reports whether a formula's result is the corrected value:
// equal at the precision the value was corrected to, give or take what
// computing in float64 costs (a relative 1e-13, well under a rupiah for
// any amount up to 9.999.999.999.999).
func formulaAgrees(got string, f *cellFix) bool {
	if f.text {
		return cleanText(got) == cleanText(f.stored)
	}
	d, err := decimal.NewFromString(got)
	if err != nil {
		return false
	}
	if f.percent {
		d = d.Shift(2)
	}
	want := f.cor.New
	tolerance := decimal.New(5, -f.cor.Places-1).Add(decimal.Max(want.Abs(), decimal.NewFromInt(1)).Shift(-13))
	return d.Sub(want).Abs().LessThanOrEqual(tolerance)
}

// shownResult writes a formula's result for a message.
func shownResult(got string, f *cellFix) string {
	d, err := decimal.NewFromString(got)
	if err != nil || f.text {
		return fmt.Sprintf("%q", got)
	}
	if f.percent {
		d = d.Shift(2)
	}
	return calc.FormatID(d, f.cor.Places) + percentSign(f)
}
