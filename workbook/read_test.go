package workbook

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"lkjip/calc"
	"lkjip/fixtures"
)

// readSample reads the embedded sample agency.
func readSample(t testing.TB) *calc.Agency {
	t.Helper()
	var files []File
	for _, f := range fixtures.Sampang2020() {
		files = append(files, File{Name: f.Name, Data: f.Data})
	}
	a, err := Read(context.Background(), files, DefaultOptions())
	require.NoError(t, err)
	return a
}

func TestReadSampleDPA(t *testing.T) {
	a := readSample(t)
	assert.Equal(t, "Badan Kesatuan Bangsa dan Politik Kabupaten Sampang", a.Name)
	assert.Equal(t, 2020, a.Year)
	require.Len(t, a.Budgets, 1)
	root := a.Budgets[0].Root
	require.Len(t, root.Children, 2, "BTL and BL")
	btl, bl := root.Children[0], root.Children[1]
	assert.Equal(t, calc.LevelGroup, btl.Level)
	assert.Equal(t, "2492490451.8", btl.Anggaran.Value().String())
	assert.Equal(t, int32(2), btl.Anggaran.Places)
	assert.Equal(t, "2.492.490.451,80", btl.Anggaran.Text())
	require.Len(t, bl.Children, 8, "eight programs")
	kegiatan := 0
	for _, p := range bl.Children {
		assert.Equal(t, calc.LevelProgram, p.Level, p.Name)
		for _, k := range p.Children {
			assert.Equal(t, calc.LevelKegiatan, k.Level, k.Name)
			kegiatan++
		}
	}
	assert.Equal(t, 18, kegiatan, "the list has 18 kegiatan (the text says 16)")

	kw := bl.Children[4]
	assert.Equal(t, "Program Peningkatan Kewaspadaan Dini", kw.Name)
	assert.Equal(t, "5", kw.No)
	assert.Equal(t, "dpa-realisasi-2020.xlsx: Realisasi!D22", kw.Realisasi.Src.String())
	assert.Equal(t, "Cegah Dini Permasalahan Sosial", kw.Children[0].Name, "numbering is cut from the name")
	assert.Equal(t, "1", kw.Children[0].No)

	p3 := bl.Children[2]
	assert.Equal(t, "0", p3.Realisasi.Value().String(), "- is zero")
	assert.Equal(t, calc.Blank, p3.Children[0].Realisasi.Kind, "an empty realisasi stays blank")

	assert.Equal(t, "4281036742", root.Anggaran.Value().String(), "the typed grand total")
	assert.Equal(t, "dpa-realisasi-2020.xlsx: Realisasi!C34", root.Anggaran.Src.String())
}

func TestReadSampleOtherTables(t *testing.T) {
	a := readSample(t)
	require.Len(t, a.Pohon, 1, "one tujuan")
	tujuan := a.Pohon[0]
	require.Len(t, tujuan.Children, 1, "one sasaran")
	sasaran := tujuan.Children[0]
	assert.Equal(t, "Persentase penurunan potensi konflik", sasaran.Indikator)
	assert.Equal(t, "((n-1) - n) / (n-1) x 100%", sasaran.Formula)
	require.Len(t, sasaran.Children, 8, "eight programs, across the repeated header")
	assert.Equal(t, "Program Perangkat Sarana dan Prasarana Aparatur", sasaran.Children[5].Name)
	assert.Len(t, sasaran.Children[0].Children, 2)

	require.Len(t, a.PK, 8)
	assert.Equal(t, "778841000", a.PK[0].Anggaran.Value().String())
	assert.Equal(t, "Meningkatnya pencegahan dan penanganan potensi konflik sosial", a.PK[7].Sasaran, "merged sasaran applies to every row")

	require.Len(t, a.Indikator, 3, "Tabel 3.2, and Tabel 3.3 for 2019 and 2020")
	assert.Equal(t, "85.71", a.Indikator[0].Capaian.Value().String())
	assert.Equal(t, 2019, a.Indikator[1].Year)
	assert.Equal(t, 2020, a.Indikator[2].Year)
	assert.Equal(t, "85.71", a.Indikator[2].Realisasi.Value().String())

	require.Len(t, a.Efisiensi, 1)
	assert.Equal(t, "14.16", a.Efisiensi[0].Efisiensi.Value().String())
	require.Len(t, a.Alokasi, 1)
	assert.Equal(t, "Program Peningkatan Kewaspadaan Dini", a.Alokasi[0].Program)
	assert.Equal(t, "43.54", a.Alokasi[0].Persen.Value().String())

	require.Len(t, a.Data, 1)
	d := a.Data[0]
	assert.Equal(t, []string{"2019", "2020"}, d.Columns)
	assert.Len(t, d.Rows, 5)
	require.NotNil(t, d.Total)
	assert.Equal(t, "10", d.Total.Values[0].Value().String())
	assert.Equal(t, "7", d.Total.Values[1].Value().String())
}

// TestReadSampleNothingLost checks that every non-empty row of every sample
// sheet is either mapped or listed as ignored.
func TestReadSampleNothingLost(t *testing.T) {
	a := readSample(t)
	for _, f := range fixtures.Sampang2020() {
		sheets, _, err := readSheets(context.Background(), f.Name, f.Data, DefaultOptions())
		require.NoError(t, err)
		var in calc.Input
		for _, x := range a.Inputs {
			if x.File == f.Name {
				in = x
			}
		}
		for _, s := range sheets {
			ignored := map[int]bool{}
			for _, ig := range in.Ignored {
				if ig.Sheet == s.Name {
					ignored[ig.Row] = true
				}
			}
			mapped := mappedRows(a, f.Name, s.Name)
			for r := 1; r <= len(s.Rows); r++ {
				if s.rowEmpty(r) {
					continue
				}
				assert.True(t, ignored[r] != mapped[r], "%s %s row %d: mapped=%v ignored=%v", f.Name, s.Name, r, mapped[r], ignored[r])
			}
		}
	}
}

// mappedRows lists the rows of a sheet that some model element came from.
func mappedRows(a *calc.Agency, file, sheetName string) map[int]bool {
	rows := map[int]bool{}
	mark := func(r calc.Ref) {
		if r.File() == file && r.Sheet() == sheetName {
			rows[int(r.Row)] = true
		}
	}
	for _, b := range a.Budgets {
		b.Root.Walk(func(n *calc.Node) bool {
			mark(n.Src)
			// A subtotal row gives its figures to the row it closes.
			for _, f := range []calc.Figure{n.Anggaran, n.Realisasi, n.Persen, n.Sisa} {
				mark(f.Src)
			}
			return true
		})
	}
	for _, p := range a.Pohon {
		p.Walk(func(n *calc.PohonNode) bool { mark(n.Src); return true })
	}
	for _, r := range a.PK {
		mark(r.Src)
	}
	for _, r := range a.Indikator {
		mark(r.Src)
	}
	for _, r := range a.Efisiensi {
		mark(r.Src)
	}
	for _, r := range a.Alokasi {
		mark(r.Src)
	}
	for _, d := range a.Data {
		for _, r := range d.Rows {
			mark(r.Src)
		}
		if d.Total != nil {
			mark(d.Total.Src)
		}
	}
	return rows
}

func TestReadRejects(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, ErrEmpty},
		{"random bytes", []byte{0x00, 0x01, 0x02, 0xff}, ErrFormat},
		{"truncated zip", []byte("PK\x03\x04garbage"), ErrDamaged},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(context.Background(), []File{{Name: "x.xlsx", Data: tt.data}}, DefaultOptions())
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.want)
			var ie *InputError
			require.ErrorAs(t, err, &ie)
			assert.Equal(t, "x.xlsx", ie.Place.File())
		})
	}
}
