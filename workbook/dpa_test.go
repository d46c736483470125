package workbook

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"lkjip/calc"
)

// readText reads a CSV written in a test.
func readText(t *testing.T, text string) *calc.Agency {
	t.Helper()
	a, err := Read(context.Background(), []File{{Name: "t.csv", Data: []byte(text)}}, DefaultOptions())
	require.NoError(t, err)
	return a
}

// TestSectionsAndSubtotals: section headings without figures take them
// from the subtotal row that closes them; the grand total still ends the
// table, and "Jumlah Belanja" alone is the grand total.
func TestSectionsAndSubtotals(t *testing.T) {
	a := readText(t, `No;Uraian;Anggaran;Realisasi
A;BELANJA TIDAK LANGSUNG;;
1;Belanja Pegawai;1.000;900
;Jumlah Belanja Tidak Langsung;1.000;900
B;BELANJA LANGSUNG;;
1;Program A;500;400
;1 Kegiatan A1;300;250
;2 Kegiatan A2;200;150
;Sub Total;500;400
;Jumlah Belanja Langsung;500;400
;Jumlah Belanja;1.500;1.300
;Mengetahui,;;
`)
	root := a.Budgets[0].Root
	assert.Equal(t, "Jumlah Belanja", root.Name)
	assert.Equal(t, "1500", root.Anggaran.Value().String())
	require.Len(t, root.Children, 2)
	btl, bl := root.Children[0], root.Children[1]
	assert.Equal(t, calc.LevelGroup, btl.Level)
	assert.Equal(t, "1000", btl.Anggaran.Value().String())
	assert.Equal(t, "t.csv: t!C4", btl.Anggaran.Src.String(), "the subtotal row's cell")
	assert.Equal(t, calc.LevelAkun, btl.Children[0].Level, "Belanja Pegawai groups accounts")
	assert.Equal(t, "500", bl.Anggaran.Value().String())
	require.Len(t, bl.Children, 1)
	p := bl.Children[0]
	assert.Equal(t, calc.LevelProgram, p.Level)
	assert.Len(t, p.Children, 2)
	var reasons []string
	for _, ig := range a.Inputs[0].Ignored {
		reasons = append(reasons, ig.Reason)
	}
	assert.Contains(t, reasons, `subjumlah dari "Program A"; angkanya sudah dibaca di baris 6`)
	assert.Contains(t, reasons, "judul", "the signature line under the table")

	r := calc.Analyze(a, calc.DefaultSettings())
	for _, f := range r.Findings {
		assert.NotEqual(t, calc.Error, f.Severity, "%s", f)
	}
}

// TestTotalAboveRows: a grand total typed above the rows does not end the
// table.
func TestTotalAboveRows(t *testing.T) {
	a := readText(t, `Kode;Uraian;Anggaran;Realisasi
;TOTAL;1.000;800
2.16.01;PROGRAM A;1.000;800
2.16.01.2.01;Kegiatan A1;1.000;800
`)
	root := a.Budgets[0].Root
	assert.Equal(t, "1000", root.Anggaran.Value().String())
	require.Len(t, root.Children, 1)
	assert.Len(t, root.Children[0].Children, 1)
}
