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

// formulaSession checks the corrected cells that hold a formula, in one
// workbook opened once for all of Correct's rounds. Only such a cell's
// stored result is changed, so a formula whose own arithmetic does not give
// the corrected value (it sums the wrong range, or text that lkjip reads
// as a number) would show one value in viewers that do not recalculate and
// another in those that do: such a cell is for a person. Each formula is
// computed over its inputs as the copy shows them: every corrected cell,
// and every formula already left for a person, as the value it holds, so
// that a wrong formula below does not make the right ones above it look
// wrong. excelize computes in float64, ample to tell a wrong formula from
// a right one at the precision the value is shown with.
type formulaSession struct {
	file     string
	x        *excelize.File
	sheet    func(string) string
	shown    map[calc.Ref]*cellFix // cells the session holds as a value, by the fix that set it
	formulas map[calc.Ref]string   // the formula of each corrected formula cell
}

func openFormulaSession(file string, data []byte, sheet func(string) string, lim Limits) (*formulaSession, error) {
	x, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit: lim.MaxInflated, UnzipXMLSizeLimit: min(lim.MaxInflated, 16<<20)})
	if err != nil {
		return nil, err
	}
	return &formulaSession{file: file, x: x, sheet: sheet, shown: map[calc.Ref]*cellFix{}, formulas: map[calc.Ref]string{}}, nil
}

func (s *formulaSession) close() { s.x.Close() }

// check checks a round's corrected formulas and returns the wrong ones,
// each with the reason in Bahasa Indonesia.
func (s *formulaSession) check(ctx context.Context, fixes []*cellFix, wrong map[calc.Ref]wrongFormula) ([]wrongFormula, error) {
	now := map[calc.Ref]*cellFix{}
	for _, f := range fixes {
		now[f.cor.Src] = f
		if _, ok := s.formulas[f.cor.Src]; f.formula && !ok {
			text := f.formulaText
			if text == "" { // a shared formula's follower: excelize derives it
				text, _ = s.x.GetCellFormula(s.sheet(f.cor.Src.Sheet()), f.cor.Src.Cell())
			}
			s.formulas[f.cor.Src] = text
		}
	}
	for _, w := range wrong {
		if w.fix != nil && w.fix.cor.Src.File() == s.file && now[w.fix.cor.Src] == nil {
			now[w.fix.cor.Src] = w.fix
		}
	}
	for ref, f := range s.shown { // corrected in an earlier round only: as typed
		if now[ref] == nil {
			if err := s.set(f, typedStored(f)); err != nil {
				return nil, err
			}
		}
	}
	for ref, f := range now {
		value := f.stored
		if _, set := wrong[ref]; set {
			value = typedStored(f)
		}
		if err := s.set(f, value); err != nil {
			return nil, err
		}
		s.shown[ref] = f
	}
	var bad []wrongFormula
	for _, f := range fixes {
		if !f.formula {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		c := f.cor
		sh, cell, text := s.sheet(c.Src.Sheet()), c.Src.Cell(), s.formulas[c.Src]
		got, err := "", s.x.SetCellFormula(sh, cell, text)
		if err == nil {
			got, err = evaluate(s.x, sh, cell)
		}
		if err := s.set(f, f.stored); err != nil {
			return nil, err
		}
		switch {
		case err != nil:
			bad = append(bad, wrongFormula{f, fmt.Sprintf("rumus =%s di sel ini tidak dapat dihitung lkjip (%v); periksa rumusnya", text, err)})
		case !formulaAgrees(got, f):
			bad = append(bad, wrongFormula{f, fmt.Sprintf("rumus =%s di sel ini menghasilkan %s, bukan %s; periksa rumusnya",
				text, shownResult(got, f), shownNew(f))})
		}
	}
	return bad, nil
}

// typedStored is what a cell left as typed holds: its old value, as the
// cell stores it.
func typedStored(f *cellFix) string {
	o := f.cor.Old
	if f.text || !o.Present() {
		return o.Text()
	}
	if f.percent {
		return numText(o.Value().Shift(-2))
	}
	return numText(o.Value())
}

// set makes a corrected cell a plain value, as text or as a number as the
// cell holds it.
func (s *formulaSession) set(f *cellFix, stored string) error {
	sheet, cell := s.sheet(f.cor.Src.Sheet()), f.cor.Src.Cell()
	if v, err := strconv.ParseFloat(stored, 64); err == nil && !f.text {
		return s.x.SetCellFloat(sheet, cell, v, -1, 64)
	}
	return s.x.SetCellStr(sheet, cell, stored)
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
