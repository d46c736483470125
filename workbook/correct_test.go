package workbook

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"lkjip/calc"
)

// correctOne writes the corrected copy of one file.
func correctOne(t testing.TB, name string, data []byte) Copy {
	t.Helper()
	copies, err := Correct(context.Background(), []File{{Name: name, Data: data}},
		CorrectOptions{Read: DefaultOptions(), Settings: calc.DefaultSettings()})
	require.NoError(t, err)
	require.Len(t, copies, 1)
	return copies[0]
}

// analyze reads a workbook and checks it.
func analyze(t testing.TB, name string, data []byte) *calc.Result {
	t.Helper()
	a, err := Read(context.Background(), []File{{Name: name, Data: data}}, DefaultOptions())
	require.NoError(t, err)
	return calc.Analyze(a, calc.DefaultSettings())
}

func openBytes(t testing.TB, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	require.NoError(t, err)
	t.Cleanup(func() { f.Close() })
	return f
}

// findingKeys lists findings as "rule@sheet!cell", for comparing sets.
func findingKeys(fs []calc.Finding, min calc.Severity) []string {
	var out []string
	for _, f := range fs {
		if f.Severity >= min {
			out = append(out, fmt.Sprintf("%s@%s!%s", f.Rule, f.Src.Sheet(), f.Src.Cell()))
		}
	}
	slices.Sort(out)
	return out
}

// plantedCases are the acceptance workbooks of issue 6, in both styles.
var plantedCases = []struct {
	name string
	spec realisasi
	// left are the findings a person must look at in the copy.
	left func(p *planted) []string
}{
	{"seed.xlsx", realisasi{programs: 4, kegiatan: 3, seed: 1, faults: true}, func(p *planted) []string {
		return []string{"over-realization@Realisasi!" + p.overLeaf}
	}},
	{"sipd.xlsx", realisasi{sipd: true, programs: 4, kegiatan: 3, subPerK: 3, seed: 1, faults: true}, func(p *planted) []string {
		return []string{"over-realization@LRA!" + p.overLeaf}
	}},
	// A SUM over the wrong range: the formula is for a person.
	{"sipd-formula.xlsx", realisasi{sipd: true, programs: 4, kegiatan: 3, subPerK: 3, seed: 1, faults: true, wrongSum: true}, wrongSumLeft},
	// A typo on one leaf in five, one of them under the SUM over the wrong
	// range, whose stored result is then stale too.
	{"sipd-typos.xlsx", realisasi{sipd: true, programs: 4, kegiatan: 3, subPerK: 3, seed: 1, faults: true, wrongSum: true, typosEvery: 5}, wrongSumLeft},
}

// wrongSumLeft is what a person must look at in a SIPD copy with a SUM
// over the wrong range.
func wrongSumLeft(p *planted) []string {
	d := "D" + strings.TrimPrefix(p.wrongRange, "C")
	return []string{"over-realization@LRA!" + p.overLeaf, "total-mismatch@LRA!" + p.wrongRange, "total-mismatch@LRA!" + d}
}

// TestCorrectPlanted is issue 6's acceptance: on a realisation workbook with
// planted faults the copy passes the check with no total, percent or sisa
// mismatch; only amount and percentage cells changed, each keeping its
// kind, highlighted and commented; everything else is as it was; the
// Koreksi sheet lists each change and what is left for a person.
func TestCorrectPlanted(t *testing.T) {
	for _, tc := range plantedCases {
		t.Run(tc.name, func(t *testing.T) {
			p := tc.spec.build(t)
			input := bytes.Clone(p.data)
			c := correctOne(t, tc.name, p.data)
			assert.Equal(t, input, p.data, "the input is not modified")
			assert.False(t, c.Unchanged)
			assert.Empty(t, c.Rebuilt)

			after := analyze(t, tc.name, c.Data)
			for _, f := range after.Findings {
				if f.Severity == calc.Error && slices.Contains([]calc.Rule{calc.RuleTotalMismatch, calc.RulePercentMismatch, calc.RuleSisaMismatch}, f.Rule) {
					assert.Contains(t, tc.left(p), fmt.Sprintf("%s@%s!%s", f.Rule, f.Src.Sheet(), f.Src.Cell()), "left in the copy: %s", f)
				}
			}
			assert.Equal(t, tc.left(p), findingKeys(after.Findings, calc.Error), "errors left for a person")
			assert.Equal(t, findingKeys(after.Findings, calc.Warning), findingKeys(c.Review, calc.Warning),
				"the Koreksi sheet's list is what checking the copy finds")

			fixed := map[string]calc.Correction{}
			for _, x := range c.Corrections {
				fixed[x.Src.Sheet()+"!"+x.Src.Cell()] = x
			}
			sheet := after.Agency.Inputs[0].Tables[0].Sheet
			assert.Contains(t, fixed, sheet+"!"+p.typoParent, "the total the typo broke")
			assert.Contains(t, fixed, sheet+"!"+p.badPercent, "the wrong percentage")
			assert.NotContains(t, fixed, sheet+"!"+p.overLeaf, "realisasi over anggaran is for a person")
			if p.wrongRange != "" {
				assert.NotContains(t, fixed, sheet+"!"+p.wrongRange, "a formula over the wrong range is for a person")
				assert.Contains(t, fixed, sheet+"!"+p.typedTotal, "a total typed over its formula")
			}

			compareWorkbooks(t, input, c.Data, c.Corrections)
			compareParts(t, input, c.Data, c.Corrections)
			checkKoreksi(t, c, tc.name)
		})
	}
}

// compareWorkbooks checks, through excelize, that the copy differs from the
// input only in the corrected cells and the new Koreksi sheet: every other
// cell's value, type, formula and style, every merge, column width, page
// layout and comment is as it was; each corrected cell keeps its kind
// (text, number, formula) and its style but for the highlight, and
// carries a comment.
func compareWorkbooks(t *testing.T, input, output []byte, cs []calc.Correction) {
	t.Helper()
	in, out := openBytes(t, input), openBytes(t, output)
	sheets := in.GetSheetList()
	require.Equal(t, append(slices.Clone(sheets), koreksiName), out.GetSheetList())
	fixed := map[string]map[string]calc.Correction{}
	for _, c := range cs {
		if fixed[c.Src.Sheet()] == nil {
			fixed[c.Src.Sheet()] = map[string]calc.Correction{}
		}
		fixed[c.Src.Sheet()][c.Src.Cell()] = c
	}
	for _, sh := range sheets {
		rows, err := in.GetRows(sh, excelize.Options{RawCellValue: true})
		require.NoError(t, err)
		outRows, err := out.GetRows(sh, excelize.Options{RawCellValue: true})
		require.NoError(t, err)
		require.Len(t, outRows, len(rows), sh)
		for r, row := range rows {
			for c := range max(len(row), len(outRows[r])) {
				ref := calc.CellName(r+1, c+1)
				before, after := cellState(t, in, sh, ref), cellState(t, out, sh, ref)
				cor, ok := fixed[sh][ref]
				if !ok {
					assert.Equal(t, before, after, "%s!%s changed", sh, ref)
					continue
				}
				assert.NotEqual(t, before.value, after.value, "%s!%s", sh, ref)
				assert.Equal(t, before.kind, after.kind, "%s!%s keeps its kind", sh, ref)
				assert.Equal(t, before.formula, after.formula, "%s!%s keeps its formula", sh, ref)
				assert.Equal(t, before.numFmt, after.numFmt, "%s!%s keeps its number format", sh, ref)
				assert.Equal(t, before.font, after.font, "%s!%s keeps its font", sh, ref)
				assert.Equal(t, highlightRGB[2:], after.fill, "%s!%s is highlighted", sh, ref)
				if before.kind == "text" {
					assert.Equal(t, cor.Text(), after.value, "%s!%s is typed as it was", sh, ref)
				}
			}
		}
		for _, get := range []func(*excelize.File) (any, error){
			func(f *excelize.File) (any, error) { return f.GetMergeCells(sh) },
			func(f *excelize.File) (any, error) { return f.GetPageLayout(sh) },
			func(f *excelize.File) (any, error) { return f.GetPageMargins(sh) },
			func(f *excelize.File) (any, error) { return f.GetSheetView(sh, 0) },
		} {
			b, errB := get(in)
			a, errA := get(out)
			assert.Equal(t, errB, errA)
			assert.Equal(t, b, a, sh)
		}
		for col := 1; col <= 8; col++ {
			name, _ := excelize.ColumnNumberToName(col)
			wb, _ := in.GetColWidth(sh, name)
			wa, _ := out.GetColWidth(sh, name)
			assert.Equal(t, wb, wa, "%s column %s width", sh, name)
		}
		inNotes, err := in.GetComments(sh)
		require.NoError(t, err)
		outNotes, err := out.GetComments(sh)
		require.NoError(t, err)
		byCell := map[string]string{}
		for _, n := range outNotes {
			byCell[n.Cell] = noteString(n)
		}
		for _, n := range inNotes {
			assert.True(t, strings.HasPrefix(byCell[n.Cell], noteString(n)), "%s!%s keeps its comment %q: %q", sh, n.Cell, noteString(n), byCell[n.Cell])
			if _, ok := fixed[sh][n.Cell]; !ok {
				assert.Equal(t, noteString(n), byCell[n.Cell], "%s!%s comment unchanged", sh, n.Cell)
			}
		}
		for ref, c := range fixed[sh] {
			note := byCell[ref]
			assert.Contains(t, note, "lkjip:", "%s!%s", sh, ref)
			assert.Contains(t, note, "Aturan: "+string(c.Rule), "%s!%s", sh, ref)
			assert.Contains(t, note, "Alasan: "+c.Why, "%s!%s", sh, ref)
		}
	}
}

func noteString(c excelize.Comment) string {
	var b strings.Builder
	for _, r := range c.Paragraph {
		b.WriteString(r.Text)
	}
	return c.Author + ": " + b.String()
}

// cellLook is what a cell holds and how it looks.
type cellLook struct {
	value, kind, formula string
	numFmt               int
	font                 string
	fill                 string
}

func cellState(t testing.TB, f *excelize.File, sheet, ref string) cellLook {
	t.Helper()
	var c cellLook
	c.value, _ = f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
	c.formula, _ = f.GetCellFormula(sheet, ref)
	typ, _ := f.GetCellType(sheet, ref)
	switch typ {
	case excelize.CellTypeInlineString, excelize.CellTypeSharedString:
		c.kind = "text"
	case excelize.CellTypeFormula:
		c.kind = "formula-text"
	case excelize.CellTypeUnset, excelize.CellTypeNumber:
		if c.value != "" || c.formula != "" {
			c.kind = "number"
		}
	default:
		c.kind = fmt.Sprint(typ)
	}
	id, err := f.GetCellStyle(sheet, ref)
	require.NoError(t, err)
	st, err := f.GetStyle(id)
	require.NoError(t, err)
	c.numFmt = st.NumFmt
	if ft := st.Font; ft != nil {
		theme := -1
		if ft.ColorTheme != nil {
			theme = *ft.ColorTheme
		}
		c.font = fmt.Sprintf("%v %v %q %q %v %q %d", ft.Bold, ft.Italic, ft.Underline, ft.Family, ft.Size, ft.Color, theme)
	}
	if len(st.Fill.Color) > 0 {
		c.fill = st.Fill.Color[0]
	}
	return c
}

// compareParts checks the copy at the level of its zip entries: every part
// other than those the copy edits is byte for byte the input's, and in the
// edited worksheets nothing changed outside the corrected cells (and the
// link to their comments).
func compareParts(t *testing.T, input, output []byte, cs []calc.Correction) {
	t.Helper()
	in, out := zipParts(t, input), zipParts(t, output)
	edited := map[string]bool{"[Content_Types].xml": true, "xl/workbook.xml": true, "xl/_rels/workbook.xml.rels": true, "xl/styles.xml": true}
	for name := range out.data {
		switch {
		case strings.Contains(name, "comments"), strings.Contains(name, "vmlDrawing"), strings.HasPrefix(name, "xl/worksheets/_rels/"):
			edited[name] = true
		}
	}
	for _, name := range in.names {
		if strings.HasPrefix(name, "xl/worksheets/sheet") {
			continue
		}
		if !edited[name] {
			assert.Equal(t, in.data[name], out.data[name], "part %s changed", name)
		}
	}
	assert.Equal(t, in.names, out.names[:len(in.names)], "the input's parts keep their order")
	refs := map[string]bool{}
	for _, c := range cs {
		refs[c.Src.Cell()] = true
	}
	for _, name := range in.names {
		if !strings.HasPrefix(name, "xl/worksheets/sheet") {
			continue
		}
		assert.Equal(t, string(withoutCells(t, in.data[name], refs)), string(withoutCells(t, out.data[name], refs)),
			"%s differs outside the corrected cells", name)
	}
}

type parts struct {
	names []string
	data  map[string][]byte
}

func zipParts(t testing.TB, data []byte) parts {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	p := parts{data: map[string][]byte{}}
	for _, f := range zr.File {
		rc, err := f.Open()
		require.NoError(t, err)
		b, err := io.ReadAll(rc)
		require.NoError(t, err)
		rc.Close()
		p.names = append(p.names, f.Name)
		p.data[f.Name] = b
	}
	return p
}

// withoutCells drops from a worksheet part the cells named (a sheet's own
// cells; the sheets of these tests share no addresses that matter) and its
// legacyDrawing element.
func withoutCells(t testing.TB, data []byte, refs map[string]bool) []byte {
	t.Helper()
	var edits []edit
	require.NoError(t, scanXML(data, nil, func(e *element) error {
		if (e.Name.Local == "c" && refs[attrOr(e, "", "r")]) || (e.Depth == 1 && e.Name.Local == "legacyDrawing") {
			edits = append(edits, edit{e.Start, e.End, ""})
		}
		return nil
	}))
	return applyEdits(data, edits)
}

// checkKoreksi checks the Koreksi sheet: lkjip's mark, a row per change
// and per finding left, each cell linked; and compares it with its golden
// file.
func checkKoreksi(t *testing.T, c Copy, name string) {
	t.Helper()
	f := openBytes(t, c.Data)
	rows, err := f.GetRows(koreksiName)
	require.NoError(t, err)
	require.NotEmpty(t, rows)
	assert.Equal(t, koreksiTitle, rows[0][0])
	listed := map[string]bool{}
	for r, row := range rows {
		if len(row) >= 3 && row[2] != "" && row[2] != "Sel" {
			listed[row[1]+"!"+row[2]] = true
			ok, target, err := f.GetCellHyperLink(koreksiName, calc.CellName(r+1, 3))
			require.NoError(t, err)
			assert.True(t, ok, "row %d links to its cell", r+1)
			assert.Equal(t, "'"+row[1]+"'!"+row[2], target)
		}
	}
	for _, x := range c.Corrections {
		assert.True(t, listed[x.Src.Sheet()+"!"+x.Src.Cell()], "Koreksi lists %s", x.Src)
	}
	for _, x := range c.Review {
		assert.True(t, listed[x.Src.Sheet()+"!"+x.Src.Cell()], "Koreksi lists %s", x.Src)
	}
	var dump strings.Builder
	for _, row := range rows {
		dump.WriteString(strings.TrimRight(strings.Join(row, " | "), " |") + "\n")
	}
	golden(t, filepath.Join("testdata", "correct", name+".koreksi.golden"), dump.String())
}

// golden compares text with a golden file, or rewrites it with -update.
func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./workbook -run %s -update", t.Name())
	assert.Equal(t, string(want), got)
}

// TestCorrectCorpus corrects every workbook of the reader's corpus (made by
// openpyxl, LibreOffice, Gnumeric, Excel's HTML export; .xlsx, .xls, .ods,
// .csv) and checks what must hold for any input: the copy reads back, its
// check finds exactly what the Koreksi sheet leaves for a person, no
// corrected cell is still at fault, and correcting the copy changes
// nothing.
func TestCorrectCorpus(t *testing.T) {
	for _, name := range corpusFiles(t) {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "corpus", name))
			require.NoError(t, err)
			c := correctOne(t, name, data)
			if sniff(data) == formatXLSX {
				assert.Empty(t, c.Rebuilt)
			} else {
				assert.Equal(t, formatName(sniff(data)), c.Rebuilt)
			}
			after := analyze(t, name, c.Data)
			assert.Equal(t, findingKeys(after.Findings, calc.Warning), findingKeys(c.Review, calc.Warning))
			for _, x := range c.Corrections {
				for _, f := range after.Findings {
					if f.Src == x.Src && f.Severity == calc.Error {
						t.Errorf("corrected %s still at fault: %s", x.Src, f)
					}
				}
			}
			again := correctOne(t, name, c.Data)
			assert.True(t, again.Unchanged, "correcting the copy changes nothing")
			assert.Empty(t, again.Corrections)
			assert.Equal(t, c.Data, again.Data)
			t.Logf("%d corrected, %d left", len(c.Corrections), len(c.Review))
		})
	}
}

// TestPlantedWorkbooksCommitted keeps testdata/correct/seed.xlsx and
// sipd.xlsx, the planted workbooks the CLI and web tests correct, equal
// to what the generator makes (-update rewrites them).
func TestPlantedWorkbooksCommitted(t *testing.T) {
	for _, tc := range plantedCases[:2] {
		t.Run(tc.name, func(t *testing.T) {
			p := tc.spec.build(t)
			path := filepath.Join("testdata", "correct", tc.name)
			if *update {
				require.NoError(t, os.WriteFile(path, p.data, 0o644))
				return
			}
			data, err := os.ReadFile(path)
			require.NoError(t, err, "run go test ./workbook -run %s -update", t.Name())
			assert.True(t, bytes.Equal(p.data, data), "%s is not what the generator makes: run go test ./workbook -run %s -update", path, t.Name())
		})
	}
}

// TestCorrectEncrypted corrects an encrypted .xlsx given its password: the
// copy is rebuilt from the values read with the caller's options, so it
// must be read with the password too, as Read does.
func TestCorrectEncrypted(t *testing.T) {
	const name = "terenkripsi.xlsx"
	data, err := os.ReadFile(filepath.Join("testdata", "bad", name))
	require.NoError(t, err)
	opt := DefaultOptions()
	opt.Password = "rahasia"
	_, err = Read(context.Background(), []File{{Name: name, Data: data}}, opt)
	require.NoError(t, err, "the file reads with its password")
	copies, err := Correct(context.Background(), []File{{Name: name, Data: data}},
		CorrectOptions{Read: opt, Settings: calc.DefaultSettings()})
	require.NoError(t, err)
	require.Len(t, copies, 1)
	c := copies[0]
	assert.Equal(t, name, c.File)
	assert.NotEmpty(t, c.Rebuilt, "rebuilt from the values read")
	assert.Equal(t, formatXLSX, sniff(c.Data), "the copy is a plain xlsx")
	analyze(t, name, c.Data)
}

// TestMergeCommentsOwnPrefix adds lkjip's author and notes to a comments
// part whose lists carry a prefix other than the root's: each list is
// closed with its own name, so the part stays well-formed XML.
func TestMergeCommentsOwnPrefix(t *testing.T) {
	part := []byte(`<x:comments xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ` +
		`xmlns:y="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><y:authors/><y:commentList/></x:comments>`)
	got, err := mergeComments(part, []note{{key: cellAt{2, 3}, text: "diperbaiki"}})
	require.NoError(t, err)
	dec := xml.NewDecoder(bytes.NewReader(got.data))
	for {
		_, err := dec.Token()
		if err == io.EOF {
			break
		}
		require.NoError(t, err, "%s", got.data)
	}
	assert.Contains(t, string(got.data), "</y:authors>")
	assert.Contains(t, string(got.data), "</y:commentList>")
	assert.Contains(t, string(got.data), `ref="C2"`)
}
