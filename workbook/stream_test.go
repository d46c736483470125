package workbook

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"lkjip/calc"
	"lkjip/fixtures/synth"
)

// TestStreamSameAsWhole reads .xlsx workbooks both ways, mapping rows
// while the sheet is read (streamXLSX) and after every sheet is read
// (readWhole), and checks that the model, the tables, the ignored and
// hidden rows and the titles are the same; and that streaming gives up
// where it cannot be sure of that.
func TestStreamSameAsWhole(t *testing.T) {
	files := map[string][]byte{}
	paths, _ := filepath.Glob(filepath.Join("testdata", "corpus", "*.xlsx"))
	more, _ := filepath.Glob(filepath.Join("..", "fixtures", "sampang2020", "*.xlsx"))
	for _, p := range append(paths, more...) {
		data, err := os.ReadFile(p)
		require.NoError(t, err)
		files[filepath.Base(p)] = data
	}
	for _, formulas := range []bool{false, true} {
		data, _, err := synth.Bytes(synth.Options{Seed: 7, Rows: 3000, Formulas: formulas})
		require.NoError(t, err)
		files[fmt.Sprintf("synth-formulas=%v.xlsx", formulas)] = data
	}
	files["merged-header.xlsx"] = mergedHeaderBook(t)
	// A name merged down over many batches of rows: row 1200 must
	// outlive the rows around it.
	files["merged-down.xlsx"] = rewriteSheet(t, files["synth-formulas=false.xlsx"], func(x []byte) []byte {
		return bytes.Replace(x, []byte(`<mergeCell `), []byte(`<mergeCell ref="B1200:B2950"/><mergeCell `), 1)
	})
	// Streaming must give up on these, and reading still works.
	giveUp := map[string][]byte{
		"no-cache.xlsx": withFormula(t, files["synth-formulas=false.xlsx"]),
		"out-of-order.xlsx": rewriteSheet(t, files["synth-formulas=false.xlsx"], func(x []byte) []byte {
			i := bytes.Index(x, []byte(`<row r="20"`))
			j := bytes.Index(x, []byte(`<row r="21"`))
			k := bytes.Index(x, []byte(`<row r="22"`))
			return slices.Concat(x[:i], x[j:k], x[i:j], x[k:]) // row 21 before row 20
		}),
	}
	streamed := 0
	for name, data := range files {
		t.Run(name, func(t *testing.T) {
			if !readBothWays(t, File{Name: name, Data: data}, DefaultOptions()) {
				assert.NotContains(t, name, "merged-down", "streamed")
				return
			}
			streamed++
		})
	}
	assert.GreaterOrEqual(t, streamed, len(files)-2, "most workbooks are streamed")
	for name, data := range giveUp {
		t.Run(name, func(t *testing.T) {
			_, ok, err := streamXLSX(context.Background(), File{Name: name, Data: data}, DefaultOptions())
			require.NoError(t, err)
			assert.False(t, ok, "streaming gives up")
			a, err := Read(context.Background(), []File{{Name: name, Data: data}}, DefaultOptions())
			require.NoError(t, err)
			assert.NotEmpty(t, a.Budgets)
		})
	}
}

// readBothWays reads a file streamed and whole and, when streaming does
// not give up (streamed), requires the same model, input, document
// information and titles. Streaming may only fail with the end of its
// context.
func readBothWays(t testing.TB, f File, opt Options) (streamed bool) {
	t.Helper()
	r, ok, err := streamXLSX(context.Background(), f, opt)
	require.NoError(t, err, "streaming fails only with the end of its context")
	if !ok {
		return false
	}
	whole := &calc.Agency{}
	in, info, titles, err := readWhole(context.Background(), whole, f, opt)
	require.NoError(t, err, "streamed, but the whole reading fails")
	whole.Inputs, r.agency.Inputs = []calc.Input{in}, []calc.Input{r.in}
	require.Equal(t, dumpAgency(whole), dumpAgency(r.agency))
	require.Equal(t, in, r.in)
	require.Equal(t, info, r.info)
	require.Equal(t, titles, r.titles)
	return true
}

// mergedHeaderBook is a DPA whose header has "Sisa / %" merged over two
// columns, the second beyond every row near the header (the first data
// rows have no percentage), with a hidden column and row that hold
// something.
func mergedHeaderBook(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	sh := "Sheet1"
	rows := [][]any{
		{"REALISASI ANGGARAN DINAS CONTOH TAHUN 2024"},
		{},
		{"Kode", "Uraian", "Anggaran", "Realisasi", "Keterangan", "Sisa / %"},
		{"1", "Program A", 1000, 900, "", 100},
		{"1.1", "Kegiatan A", 600, 500, "", 100},
		{"1.2", "Kegiatan B", 400, 400, "", 0, 100},
		{"", "JUMLAH", 1000, 900, "", 100, 90},
	}
	for i, row := range rows {
		require.NoError(t, f.SetSheetRow(sh, fmt.Sprintf("A%d", i+1), &row))
	}
	require.NoError(t, f.MergeCell(sh, "A1", "F1"))
	require.NoError(t, f.MergeCell(sh, "F3", "G3"))
	require.NoError(t, f.SetCellValue(sh, "J7", "bantu"))
	require.NoError(t, f.SetColVisible(sh, "J", false))
	require.NoError(t, f.SetRowVisible(sh, 4, false))
	var buf bytes.Buffer
	require.NoError(t, f.Write(&buf))
	return buf.Bytes()
}

// TestReadingRowByRow reads every sheet of the corpus with its rows handed
// over one at a time, as streamXLSX may hand them (advance keeping
// lookahead rows back), and checks that the result is that of reading the
// whole sheet: nothing the reading does may depend on rows further down.
func TestReadingRowByRow(t *testing.T) {
	files := map[string][]byte{"merged-header.xlsx": mergedHeaderBook(t)}
	for _, name := range corpusFiles(t) {
		data, err := os.ReadFile(filepath.Join("testdata", "corpus", name))
		require.NoError(t, err)
		files[name] = data
	}
	for name, data := range files {
		t.Run(name, func(t *testing.T) {
			sheets, _, err := readSheets(context.Background(), name, data, DefaultOptions())
			require.NoError(t, err)
			for _, s := range sheets {
				whole, part := *s, *s
				whole.Rows = slices.Clone(s.Rows)
				part.Rows = nil
				wa, pa := &calc.Agency{}, &calc.Agency{}
				want := readSheet(&whole, wa, Override{})
				sr := newSheetReading(&part, pa, Override{})
				for _, row := range s.Rows {
					part.Rows = append(part.Rows, row)
					sr.advance(len(part.Rows) - lookahead)
				}
				got := sr.finish()
				var win, gin calc.Input
				want.addTo(&win, s.Name)
				got.addTo(&gin, s.Name)
				wa.Inputs, pa.Inputs = []calc.Input{win}, []calc.Input{gin}
				assert.Equal(t, dumpAgency(wa), dumpAgency(pa), "sheet %q", s.Name)
				assert.Equal(t, want.titles, got.titles, "sheet %q", s.Name)
			}
		})
	}
}

// withFormula gives a workbook a formula without a stored result.
func withFormula(t *testing.T, data []byte) []byte {
	t.Helper()
	return rewriteSheet(t, data, func(x []byte) []byte {
		i := bytes.Index(x, []byte(`<row r="30"`))
		j := i + bytes.Index(x[i:], []byte(`</row>`))
		return slices.Concat(x[:j], []byte(`<c r="H30"><f>C30-D30</f></c>`), x[j:])
	})
}

// TestReleasedRowsRecycled follows a streamed sheet's rows as the reading
// lets them go: their cells are handed to the rows still to come, the
// index of rows shrinks back to the size of the rows being read once the
// rows that waited for the layout are gone, and the top row of a merged
// range outlives its neighbours.
func TestReleasedRowsRecycled(t *testing.T) {
	const rows, waiting, width = 30000, 12000, 3
	s := &sheet{Merges: []rect{{r1: 10, c1: 1, r2: 25000, c2: 1}}, recycle: true}
	passed := s.releaser(func(int) {})
	blocks := 0
	for r := 1; r <= rows; r++ {
		s.growRows(r)
		if len(s.spare) == 0 && len(s.free) < width {
			blocks++ // newRow is about to cut a new block
		}
		row := s.newRow(width)
		require.Equal(t, cell{}, row[1], "row %d: a recycled row comes back empty", r)
		row[0], row[1] = cell{Text: fmt.Sprint(r), Kind: cellText}, cell{Text: "x", Kind: cellText}
		s.Rows[r-1-s.base] = row
		if r <= waiting {
			continue // the rows wait for the layout read ahead
		}
		passed(r - 2) // then the reading is two rows behind, as with lookahead
		assert.Equal(t, fmt.Sprint(r-2), s.at(r-2, 1).Text, "row %d: the row being read is there", r-2)
		if r > 2*waiting {
			require.LessOrEqual(t, len(s.Rows), 2*slideMin+4, "row %d: the index is not the sheet's", r)
		}
	}
	assert.LessOrEqual(t, cap(s.Rows), 8*slideMin, "the room the waiting rows took is given back")
	assert.Equal(t, "10", s.at(10, 1).Text, "a merged range's top row is kept")
	v, inside := s.value(24999, 1)
	assert.True(t, inside)
	assert.Equal(t, "10", v.Text, "and shows through the range")
	assert.Nil(t, s.row(11), "other rows are let go")
	assert.Equal(t, rows, s.rowCount())
	assert.Less(t, blocks, waiting*width/rowBlock+3, "after the waiting rows, cells come from rows let go")
}
