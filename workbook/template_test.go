package workbook

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"lkjip/calc"
)

// fillTemplate writes a template, types rows into its data sheet from row
// 7 as a user would (numbers as numbers, the agency and year in B2 and
// B3), and reads it back.
func fillTemplate(t *testing.T, kind string, rows [][]any) *calc.Agency {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, Template(kind, &buf))
	f, err := excelize.OpenReader(&buf)
	require.NoError(t, err)
	defer f.Close()
	sheets := f.GetSheetList()
	require.Len(t, sheets, 2)
	assert.Equal(t, "Petunjuk", sheets[0])
	data := sheets[1]
	dvs, err := f.GetDataValidations(data)
	require.NoError(t, err)
	assert.NotEmpty(t, dvs, "the data sheet validates its entries")
	require.NoError(t, f.SetCellStr(data, "B2", "Dinas Pekerjaan Umum Kabupaten Contoh"))
	require.NoError(t, f.SetCellInt(data, "B3", 2024))
	for i, row := range rows {
		for j, v := range row {
			if v != nil {
				require.NoError(t, f.SetCellValue(data, calc.CellName(7+i, j+1), v))
			}
		}
	}
	var out bytes.Buffer
	_, err = f.WriteTo(&out)
	require.NoError(t, err)
	a, err := Read(context.Background(), []File{{Name: kind + ".xlsx", Data: out.Bytes()}}, DefaultOptions())
	require.NoError(t, err)
	assert.Equal(t, "Dinas Pekerjaan Umum Kabupaten Contoh", a.Name)
	assert.Equal(t, 2024, a.Year)
	return a
}

func TestTemplates(t *testing.T) {
	t.Run("dpa", func(t *testing.T) {
		a := fillTemplate(t, "dpa", [][]any{
			{"1.03.02", "PROGRAM PENGELOLAAN SUMBER DAYA AIR", 500000000, 450000000, 50000000, 90},
			{"1.03.02.2.01", "Pengelolaan SDA dan Bangunan Pengaman Pantai", 500000000, 450000000},
			{"1.03.02.2.01.0001", "Penyusunan Pola Pengelolaan SDA", 500000000, 450000000},
			{"5.1.02.02.01.0030", "Belanja Jasa Tenaga Ahli", 500000000, 450000000},
			{nil, "JUMLAH", 500000000, 450000000},
		})
		require.Len(t, a.Budgets, 1)
		root := a.Budgets[0].Root
		assert.Equal(t, "500000000", root.Anggaran.Value().String())
		require.Len(t, root.Children, 1)
		p := root.Children[0]
		assert.Equal(t, calc.LevelProgram, p.Level)
		assert.Equal(t, "90", p.Persen.Value().String())
		assert.Equal(t, "50000000", p.Sisa.Value().String())
		rek := p.Children[0].Children[0].Children[0]
		assert.Equal(t, calc.LevelRekening, rek.Level)
		assert.Equal(t, "dpa.xlsx: Realisasi!D10", rek.Realisasi.Src.String())
	})
	t.Run("pohon", func(t *testing.T) {
		a := fillTemplate(t, "pohon", [][]any{
			{"Meningkatnya infrastruktur", "Indeks infrastruktur", "Meningkatnya jalan mantap", "Persentase jalan mantap", "panjang mantap / panjang total x 100%",
				"Program Penyelenggaraan Jalan", "Persentase jalan baik", "Pembangunan Jalan", "Panjang jalan dibangun", "Pembangunan Jalan Kabupaten", "Km jalan"},
			{nil, nil, nil, nil, nil, nil, nil, nil, nil, "Rehabilitasi Jalan", "Km jalan direhabilitasi"},
		})
		require.Len(t, a.Pohon, 1)
		var subs []string
		a.Pohon[0].Walk(func(n *calc.PohonNode) bool {
			if n.Level == calc.PohonSubKegiatan {
				subs = append(subs, n.Name)
			}
			return true
		})
		assert.Equal(t, []string{"Pembangunan Jalan Kabupaten", "Rehabilitasi Jalan"}, subs)
		assert.Equal(t, "panjang mantap / panjang total x 100%", a.Pohon[0].Children[0].Formula)
	})
	t.Run("pk", func(t *testing.T) {
		a := fillTemplate(t, "pk", [][]any{
			{1, "Meningkatnya jalan mantap", "Persentase jalan mantap", "80 %", "Program Penyelenggaraan Jalan", 1250000000},
			{nil, nil, nil, nil, "Program Pengelolaan Sumber Daya Air", 500000000},
		})
		require.Len(t, a.PK, 2)
		assert.Equal(t, "Meningkatnya jalan mantap", a.PK[1].Sasaran)
		assert.Equal(t, "500000000", a.PK[1].Anggaran.Value().String())
	})
	t.Run("capaian", func(t *testing.T) {
		a := fillTemplate(t, "capaian", [][]any{
			{1, "Meningkatnya jalan mantap", "Persentase jalan mantap", "Positif", 80, 76, 95},
			{2, nil, "Persentase genangan banjir", "Negatif", 10, 12, 80},
		})
		require.Len(t, a.Indikator, 2)
		assert.Equal(t, calc.PolarityNegative, a.Indikator[1].Polarity)
		assert.Equal(t, "12", a.Indikator[1].Realisasi.Value().String())
		assert.Equal(t, "Meningkatnya jalan mantap", a.Indikator[1].Sasaran)
	})
	t.Run("unknown", func(t *testing.T) {
		assert.Error(t, Template("lra", &bytes.Buffer{}))
	})
}
