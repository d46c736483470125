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

// checkFormulas checks each corrected cell that holds a formula. Only the
// cell's stored result was changed, so a formula whose own arithmetic does
// not give the corrected value (it sums the wrong range, or text that lkjip
// reads as a number) would show one value in viewers that do not
// recalculate and another in those that do: such a cell is for a person.
// Each formula is computed over the corrected values of its inputs (every
// corrected cell taken as the value it now holds), so that a wrong formula
// below does not make the right ones above it look wrong. checkFormulas
// returns the wrong ones, each with the reason in Bahasa Indonesia.
// excelize computes in float64, ample to tell a wrong formula from a right
// one at the precision the value is shown with.
func checkFormulas(ctx context.Context, data []byte, fixes []*cellFix, sheet func(string) string, lim Limits) (map[calc.Ref]string, error) {
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
		text[i], _ = x.GetCellFormula(sheet(f.cor.Src.Sheet), f.cor.Src.Cell())
	}
	for _, f := range formulas {
		if err := setStored(x, sheet(f.cor.Src.Sheet), f); err != nil {
			return nil, err
		}
	}
	bad := map[calc.Ref]string{}
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
		if err := setStored(x, sh, f); err != nil {
			return nil, err
		}
		switch {
		case err != nil:
			bad[c.Src] = fmt.Sprintf("rumus %s di sel ini tidak dapat dihitung lkjip (%v); periksa rumusnya", formula, err)
		case !formulaAgrees(got, f):
			bad[c.Src] = fmt.Sprintf("rumus %s di sel ini menghasilkan %s, bukan %s; periksa rumusnya", formula, shownResult(got, f), shownNew(f))
		}
	}
	return bad, nil
}

// setStored makes a corrected cell a plain value: what it now holds.
func setStored(x *excelize.File, sheet string, f *cellFix) error {
	if f.text {
		return x.SetCellStr(sheet, f.cor.Src.Cell(), f.stored)
	}
	v, err := strconv.ParseFloat(f.stored, 64)
	if err != nil {
		return err
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
