package xlsx

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"lkjip/fixtures/synth"
)

// readAll reads every sheet into a map of "Sheet!A1" → cell.
func readAll(t testing.TB, data []byte) (map[string]Cell, map[string]bool, *Book) {
	t.Helper()
	b, err := Open(data, DefaultLimits())
	require.NoError(t, err)
	cells := map[string]Cell{}
	hidden := map[string]bool{}
	for i, sh := range b.Sheets {
		_, err := b.ReadSheet(context.Background(), i, func(row int, h bool, cs []Cell) error {
			if h {
				hidden[fmt.Sprintf("%s!%d", sh.Name, row)] = true
			}
			for _, c := range cs {
				cells[sh.Name+"!"+CellName(c.Col, row)] = c
			}
			return nil
		})
		require.NoError(t, err)
	}
	return cells, hidden, b
}

// TestSameAsExcelize reads the reader corpus and synthetic workbooks with
// this reader and with excelize, and compares every cell's stored value,
// type, formula, style, every merge and hidden row and column.
func TestSameAsExcelize(t *testing.T) {
	files := map[string][]byte{}
	paths, _ := filepath.Glob("../../workbook/testdata/corpus/*.xlsx")
	more, _ := filepath.Glob("../../fixtures/sampang2020/*.xlsx")
	for _, p := range append(paths, more...) {
		data, err := os.ReadFile(p)
		require.NoError(t, err)
		files[filepath.Base(p)] = data
	}
	require.GreaterOrEqual(t, len(files), 10)
	for _, formulas := range []bool{false, true} {
		data, _, err := synth.Bytes(synth.Options{Seed: 3, Rows: 2000, Formulas: formulas})
		require.NoError(t, err)
		files[fmt.Sprintf("synth-formulas=%v", formulas)] = data
	}
	for name, data := range files {
		t.Run(name, func(t *testing.T) {
			cells, hidden, b := readAll(t, data)
			f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true})
			require.NoError(t, err)
			defer f.Close()
			require.Equal(t, f.GetSheetList(), sheetNames(b))
			props, err := f.GetDocProps()
			require.NoError(t, err)
			assert.Equal(t, props.Title, b.Props.Title)
			assert.Equal(t, props.Subject, b.Props.Subject)
			n := 0
			for i, sh := range f.GetSheetList() {
				rows, err := f.GetRows(sh, excelize.Options{RawCellValue: true})
				require.NoError(t, err)
				for r, vals := range rows {
					for c, v := range vals {
						ref := CellName(c+1, r+1)
						got, ok := cells[sh+"!"+ref]
						formula, _ := f.GetCellFormula(sh, ref)
						if v == "" && formula == "" {
							assert.False(t, ok && got.Value != "", "%s!%s: excelize sees nothing, got %+v", sh, ref, got)
							continue
						}
						n++
						require.True(t, ok, "%s!%s missing (excelize: %q)", sh, ref, v)
						assert.Equal(t, v, got.Value, "%s!%s value", sh, ref)
						assert.Equal(t, formula, got.Formula, "%s!%s formula", sh, ref)
						style, _ := f.GetCellStyle(sh, ref)
						assert.Equal(t, style, got.Style, "%s!%s style", sh, ref)
					}
					visible, _ := f.GetRowVisible(sh, r+1)
					if len(vals) > 0 {
						assert.Equal(t, !visible, hidden[fmt.Sprintf("%s!%d", sh, r+1)], "%s row %d hidden", sh, r+1)
					}
				}
				lay, err := b.ReadSheet(context.Background(), i, func(int, bool, []Cell) error { return nil })
				require.NoError(t, err)
				merges, _ := f.GetMergeCells(sh, true)
				var want []string
				for _, m := range merges {
					want = append(want, m.GetStartAxis()+":"+m.GetEndAxis())
				}
				var got []string
				for _, m := range lay.Merges {
					got = append(got, CellName(m.C1, m.R1)+":"+CellName(m.C2, m.R2))
				}
				assert.ElementsMatch(t, want, got, "%s merges", sh)
				pre, err := b.SheetLayout(context.Background(), i)
				require.NoError(t, err)
				assert.Equal(t, lay, pre, "%s: SheetLayout differs from ReadSheet's layout", sh)
				for c := 1; c <= 30; c++ {
					visible, _ := f.GetColVisible(sh, string(appendCol(nil, c)))
					assert.Equal(t, !visible, lay.ColHidden(c), "%s column %d hidden", sh, c)
				}
			}
			assert.Positive(t, n)
		})
	}
}

func sheetNames(b *Book) []string {
	var out []string
	for _, s := range b.Sheets {
		out = append(out, s.Name)
	}
	return out
}

func TestShiftFormula(t *testing.T) {
	for _, tc := range []struct {
		name, in   string
		dRow, dCol int
		want       string
	}{
		{"relative", "C8-D8", 1, 0, "C9-D9"},
		{"absolute", "$C$8*D8+C$8+$D8", 2, 1, "$C$8*E10+D$8+$D10"},
		{"range and function", "SUM(C9:C12)", 3, 0, "SUM(C12:C15)"},
		{"string kept", `IF(A1="B2","C3",A1)`, 1, 0, `IF(A2="B2","C3",A2)`},
		{"sheet qualified", "'Data 2'!B2+Data!C3", 1, 1, "'Data 2'!C3+Data!D4"},
		{"function names", "LOG10(A1)+ATAN2(B1,C1)", 1, 0, "LOG10(A2)+ATAN2(B2,C2)"},
		{"whole columns", "SUM(C:C)", 5, 1, "SUM(D:D)"},
		{"off the sheet", "A1", -1, 0, "A#REF!"},
		{"numbers", "A1*1.5E+10", 1, 0, "A2*1.5E+10"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, shiftFormula(tc.in, tc.dRow, tc.dCol))
		})
	}
}

func TestUnescapeOOXML(t *testing.T) {
	assert.Equal(t, "a\rb", unescapeOOXML("a_x000D_b"))
	assert.Equal(t, "_x000D_", unescapeOOXML("_x005F_x000D_"))
	assert.Equal(t, "plain_x00", unescapeOOXML("plain_x00"))
}

func TestParseRef(t *testing.T) {
	for _, tc := range []struct {
		in       string
		col, row int
		ok       bool
	}{
		{"A1", 1, 1, true}, {"$C$5", 3, 5, true}, {"xfd1048576", 16384, 1048576, true},
		{"A0", 0, 0, false}, {"1A", 0, 0, false}, {"ABCD1", 0, 0, false}, {"A", 0, 0, false},
		{"A123456789", 0, 0, false},
	} {
		t.Run(tc.in, func(t *testing.T) {
			c, r, ok := ParseRef([]byte(tc.in))
			assert.Equal(t, tc.ok, ok)
			if ok {
				assert.Equal(t, []int{tc.col, tc.row}, []int{c, r})
			}
		})
	}
	assert.Equal(t, "XFD7", CellName(16384, 7))
	assert.Equal(t, "AA1", CellName(27, 1))
	assert.True(t, strings.HasPrefix(CellName(1, 1), "A"))
}

// TestIsPercentCode: only a % that a spreadsheet program takes as the
// percent sign makes a percent format; literal ones leave numbers as
// they are.
func TestIsPercentCode(t *testing.T) {
	for code, want := range map[string]bool{
		"0%":          true,
		"0.00%":       true,
		`0.00" %"`:    false,
		`0\%`:         false,
		`0_%`:         false,
		`0*%`:         false,
		`[Red]0.00`:   false,
		`[$%-421]0`:   false,
		`[Red]0.00%`:  true,
		`#,##0;"%"0%`: true,
		`"Rp "#,##0`:  false,
		`0\\%`:        true, // an escaped backslash, then the percent sign
	} {
		t.Run(code, func(t *testing.T) {
			if got := IsPercentCode(code); got != want {
				t.Errorf("IsPercentCode(%q) = %v, want %v", code, got, want)
			}
		})
	}
}

// TestSheetLayout reads merges and columns without the rows: with a
// namespace prefix, with a self-closing sheetData, and (the case it cannot
// tell) with the end tag written inside CDATA, where it stops early and
// so differs from ReadSheet, which the caller detects.
func TestSheetLayout(t *testing.T) {
	const ns = `xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	for _, tc := range []struct {
		name, xml string
		merges    int
		same      bool
	}{
		{"prefixed", `<x:worksheet ` + ns + `><x:cols><x:col min="2" max="2" hidden="1"/></x:cols><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>a&lt;/x:sheetData&gt;</x:t></x:is></x:c></x:row></x:sheetData><x:mergeCells><x:mergeCell ref="A1:C1"/></x:mergeCells></x:worksheet>`, 1, true},
		{"empty", `<worksheet><sheetData/><mergeCells><mergeCell ref="A1:B2"/></mergeCells></worksheet>`, 1, true},
		{"cdata", `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[</sheetData>]]></t></is></c></row></sheetData><mergeCells><mergeCell ref="A1:B2"/></mergeCells></worksheet>`, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := Open(book(t, tc.xml, ""), DefaultLimits())
			require.NoError(t, err)
			lay, err := b.ReadSheet(context.Background(), 0, func(int, bool, []Cell) error { return nil })
			require.NoError(t, err)
			pre, err := b.SheetLayout(context.Background(), 0)
			if !tc.same {
				if err == nil {
					assert.NotEqual(t, lay, pre)
				}
				return
			}
			require.NoError(t, err)
			assert.Equal(t, lay, pre)
			assert.Len(t, pre.Merges, tc.merges)
		})
	}
}
