package layout

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"io"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"lkjip/calc"
)

// TestRowStreamAsExcelize writes the same rows through excelize's
// StreamWriter and through rowStream and compares the XML byte for byte.
func TestRowStreamAsExcelize(t *testing.T) {
	rows := []struct {
		cells []any
		opts  excelize.RowOpts
	}{
		{[]any{txt(1, "Kode / No"), txt(2, "Uraian"), nil, val(3, 12.5), val(0, 1788546290.0)}, excelize.RowOpts{}},
		{[]any{val(4, 0.1+0.2), val(4, 1e21), val(4, -4281036741.7999997), val(4, math.NaN()), val(4, 7), val(4, int64(-3))}, excelize.RowOpts{OutlineLevel: 3}},
		{[]any{txt(5, " spaced "), txt(5, "a\nb\tc"), txt(5, `<&>"'`), txt(5, "_x0041_ and _x005F_x0042_"), txt(5, "Rp. 1.000,-"), txt(5, "")}, excelize.RowOpts{Height: 45.5}},
		{[]any{formula(6, "SUM(D5:D9,D12)", 1234.5), formula(6, `IF(G5>=91,"Sangat Tinggi","x")`, "Sangat Tinggi"),
			formula(6, "A1&\" \"", " pad "), formula(6, "NA()", nil), formula(6, "1=1", true), val(6, false)}, excelize.RowOpts{OutlineLevel: 1, Height: 30}},
		{[]any{txt(7, strings.Repeat("é", 40000))}, excelize.RowOpts{}},
		{[]any{formula(8, `A1&"é"`, `x<é`), formula(8, `"<"&B1&""`, `"q"é`)}, excelize.RowOpts{}},
		{[]any{excelize.Cell{StyleID: 2, Value: "plain Cell"}, &excelize.Cell{Value: 3.25}}, excelize.RowOpts{}},
	}
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	require.NoError(t, err)
	rs, err := newRowStream("xl/worksheets/sheet1.xml")
	require.NoError(t, err)
	defer rs.remove()
	for i, r := range rows {
		require.NoError(t, sw.SetRow(cellName(1, i+1), append([]any(nil), r.cells...), r.opts))
		require.NoError(t, rs.row(i+1, r.cells, r.opts))
	}
	require.NoError(t, sw.Flush())
	buf, err := f.WriteToBuffer()
	require.NoError(t, err)
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	require.NoError(t, err)
	var sheet []byte
	for _, zf := range zr.File {
		if zf.Name == "xl/worksheets/sheet1.xml" {
			rc, err := zf.Open()
			require.NoError(t, err)
			sheet, err = io.ReadAll(rc)
			require.NoError(t, err)
		}
	}
	_, afterStart, ok := bytes.Cut(sheet, []byte("<sheetData>"))
	require.True(t, ok)
	want, _, ok := bytes.Cut(afterStart, []byte("</sheetData>"))
	require.True(t, ok)
	assert.Equal(t, string(want), rowsXML(t, rs))
}

// rowsXML inflates what a rowStream wrote: deflate blocks that end on a
// byte boundary, the stream not ended.
func rowsXML(t *testing.T, rs *rowStream) string {
	t.Helper()
	require.NoError(t, rs.finish())
	_, err := rs.file.Seek(0, io.SeekStart)
	require.NoError(t, err)
	got, err := io.ReadAll(flate.NewReader(rs.file))
	require.ErrorIs(t, err, io.ErrUnexpectedEOF) // no final block: the splice's part goes on
	return string(got)
}

func TestCRC32Combine(t *testing.T) {
	data := []byte(strings.Repeat("Belanja Modal Peralatan dan Mesin; ", 3000))
	for _, cut := range []int{0, 1, 7, 4096, len(data) - 1, len(data)} {
		a, b := data[:cut], data[cut:]
		assert.Equal(t, crc32.ChecksumIEEE(data), crc32Combine(crc32.ChecksumIEEE(a), crc32.ChecksumIEEE(b), uint64(len(b))), "cut at %d", cut)
	}
}

// TestNumFastPath compares num's arithmetic path with parsing the
// decimal's text, on amounts, percentages and awkward values.
func TestNumFastPath(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20_000 {
		coef := rng.Int64N(2_000_000_000_000_000) - 1_000_000_000_000_000
		coef /= int64(math.Pow10(rng.IntN(16)))
		d := decimal.New(coef, int32(rng.IntN(30))-22)
		want, err := strconv.ParseFloat(d.String(), 64)
		require.NoError(t, err)
		if got := num(d); got != want {
			t.Fatalf("num(%s) = %v, ParseFloat gives %v", d, got, want)
		}
	}
	// Percentages as calc works them out: 20 places, beyond 64 bits.
	for range 20_000 {
		whole := decimal.New(rng.Int64N(1_000_000_000_000)+1, -int32(rng.IntN(3)))
		part := decimal.New(rng.Int64N(2_000_000_000_000)-500_000_000_000, -int32(rng.IntN(3)))
		d := calc.Percent(part, whole)
		want, err := strconv.ParseFloat(d.String(), 64)
		require.NoError(t, err)
		if got := num(d); got != want {
			t.Fatalf("num(%s) = %v, ParseFloat gives %v", d, got, want)
		}
	}
}

// TestTypedRowAsRow: typedRow writes what row writes for the same cells
// given as excelize cells.
func TestTypedRowAsRow(t *testing.T) {
	rows := [][]rowCell{
		{{style: 1, text: "5.1.02"}, {style: 2, text: " Belanja <Barang> & Jasa "}, {text: ""}, {style: 3, isNumber: true, number: 1788546290}},
		{{style: 4, isNumber: true, number: -4281036741.7999997, formula: []byte("SUM(D5:D9,D12)")},
			{style: 4, isNumber: true, number: 85.71428571428571, formula: []byte("IF(D7=0,0,E7/D7*100)")},
			{style: 5, text: "Sangat Tinggi", formula: []byte(`IF(G7>=91,"Sangat Tinggi","é")`)},
			{isNumber: true, number: math.Inf(1)}, {text: "_x0041_ é\n"}, {style: 6, text: " lead", formula: []byte("A1")}},
	}
	typed, err := newRowStream("xl/worksheets/sheet1.xml")
	require.NoError(t, err)
	defer typed.remove()
	generic, err := newRowStream("xl/worksheets/sheet1.xml")
	require.NoError(t, err)
	defer generic.remove()
	for i, cells := range rows {
		opts := excelize.RowOpts{OutlineLevel: i, Height: 15 * float64(i)}
		var boxed []any
		for _, c := range cells {
			cell := excelize.Cell{StyleID: c.style, Formula: string(c.formula), Value: c.text}
			if c.isNumber {
				cell.Value = c.number
			}
			boxed = append(boxed, cell)
		}
		require.NoError(t, generic.row(i+1, boxed, opts))
		require.NoError(t, typed.typedRow(i+1, cells, opts))
	}
	assert.Equal(t, rowsXML(t, generic), rowsXML(t, typed))
}

// TestAppendAmount: appendAmount writes what appendShortest writes,
// whenever it takes a value, and it takes amounts in rupiah and sen.
func TestAppendAmount(t *testing.T) {
	check := func(x float64, amount bool) {
		t.Helper()
		got, ok := appendAmount([]byte("x"), x)
		if want := appendShortest([]byte("x"), x); ok && !bytes.Equal(got, want) {
			t.Fatalf("%v: %q, want %q", x, got, want)
		}
		if amount && !ok {
			t.Fatalf("%v: not taken", x)
		}
	}
	for _, x := range []float64{0, 1, -1, 0.5, 0.05, -0.05, 0.1, 0.3, 1788546290, 123.45, -123.45, 100.1,
		999999999999999, 9999999999999.99, 1e12 + 0.01, 1.15, 0.07, 4.35, 1234567.89} {
		check(x, true)
	}
	for _, x := range []float64{math.Copysign(0, -1), 1e15, 1e16, 1e21, 0.1 + 0.2, 1e-7, 85.71428571428571,
		math.MaxFloat64, math.SmallestNonzeroFloat64, 99999999999999.99, 1e14 + 0.01, 2.675, 1.005} {
		check(x, false)
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 500_000 {
		check(float64(rng.Int64N(2e15)-1e15)/pow10[rng.IntN(3)], true) // up to 15 digits and 2 places
		check(float64(rng.Int64N(2e6)-1e6)/pow10[rng.IntN(3)], true)
		check(float64(rng.Int64N(2e17)-1e17)/pow10[rng.IntN(6)], false)
		check(math.Float64frombits(rng.Uint64()), false)
		check(rng.Float64()*math.Pow10(rng.IntN(30)-10), false)
	}
}
