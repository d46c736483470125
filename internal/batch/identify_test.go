package batch

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFromFileName(t *testing.T) {
	tests := []struct {
		name   string
		agency string
		year   int
	}{
		{"07_Dinas-Kesehatan_2024.xlsx", "Dinas Kesehatan", 2024},
		{"kab/03 dinas pekerjaan umum dan penataan ruang TA 2023.xlsx", "Dinas Pekerjaan Umum dan Penataan Ruang", 2023},
		{"Realisasi BADAN KESATUAN BANGSA DAN POLITIK.xlsx", "Badan Kesatuan Bangsa dan Politik", 0},
		{"RSUD dr. Soetomo 2024.xlsx", "RSUD Dr Soetomo", 2024},
		{"LRA_SKPD_2024 (3).xlsx", "", 2024},
		{"dinasti.xlsx", "", 0},
		{"laporan-20245.xlsx", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			agency, year := fromFileName(tt.name)
			assert.Equal(t, tt.agency, agency)
			assert.Equal(t, tt.year, year)
		})
	}
}

func TestIdentifyOrder(t *testing.T) {
	m, err := ParseMapping("peta.csv", []byte("berkas,perangkat daerah,tahun\n07-*.xlsx,Dinas Kesehatan Kabupaten Contoh,\n*,,2024\n"))
	require.NoError(t, err)
	tests := []struct {
		name          string
		file          string
		contentAgency string
		contentYear   int
		mapping       *Mapping
		agency        string
		year          int
	}{
		{"content wins over the file name", "07-dinas-sosial-2023.xlsx", "Dinas Kesehatan", 2024, nil, "Dinas Kesehatan", 2024},
		{"the file name fills what the content lacks", "07-dinas-sosial-2023.xlsx", "", 0, nil, "Dinas Sosial", 2023},
		{"the mapping wins over both", "07-dinas-sosial-2023.xlsx", "Dinas X", 2022, m, "Dinas Kesehatan Kabupaten Contoh", 2024},
		{"a mapping row without agency leaves the content's", "lra.xlsx", "Dinas X", 2022, m, "Dinas X", 2024},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			agency, year := identify(tt.file, tt.contentAgency, tt.contentYear, tt.mapping)
			assert.Equal(t, tt.agency, agency)
			assert.Equal(t, tt.year, year)
		})
	}
}

func TestParseMapping(t *testing.T) {
	tests := []struct {
		name   string
		csv    string
		lookup map[string][2]any // file → agency, year
		err    string
	}{
		{
			name: "semicolons and a byte-order mark, as Excel saves it on an Indonesian desktop",
			csv:  "\ufeffBerkas;Perangkat Daerah;Tahun\r\nlra (3).xlsx;Dinas Sosial Kabupaten Contoh;2024\r\n",
			lookup: map[string][2]any{
				"kab/lra (3).xlsx": {"Dinas Sosial Kabupaten Contoh", 2024},
				"lra (4).xlsx":     {"", 0},
			},
		},
		{
			name: "commas, columns in another order, quoted names, patterns",
			csv:  "tahun,nama_berkas,opd\n,\"*dinkes*\",\"Dinas Kesehatan, Pengendalian Penduduk dan KB\"\n2023,arsip/*.xlsx,\n",
			lookup: map[string][2]any{
				"01-dinkes.xlsx":       {"Dinas Kesehatan, Pengendalian Penduduk dan KB", 0},
				"arsip/01-dinkes.xlsx": {"Dinas Kesehatan, Pengendalian Penduduk dan KB", 2023},
				"lain/arsip/x.xlsx":    {"", 0},
			},
		},
		{
			name:   "tabs",
			csv:    "berkas\tperangkat daerah\nx.xlsx\tDinas X\n",
			lookup: map[string][2]any{"x.xlsx": {"Dinas X", 0}},
		},
		{name: "no berkas column", csv: "nama;tahun\nx;2024\n",
			err: `peta.csv: berkas pemetaan tidak dapat dipakai: baris kepala harus memuat kolom "berkas" dan "perangkat daerah" dan/atau "tahun"`},
		{name: "a year that is none", csv: "berkas;tahun\nx.xlsx;24\n",
			err: `peta.csv: berkas pemetaan tidak dapat dipakai: baris 2: tahun "24" bukan tahun anggaran`},
		{name: "a bad pattern", csv: "berkas;tahun\n[x.xlsx;2024\n",
			err: `peta.csv: berkas pemetaan tidak dapat dipakai: baris 2: pola berkas "[x.xlsx" salah`},
		{name: "empty", csv: "", err: "peta.csv: berkas pemetaan tidak dapat dipakai: baris kepala tidak dapat dibaca: EOF"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := ParseMapping("peta.csv", []byte(tt.csv))
			if tt.err != "" {
				require.Error(t, err)
				assert.True(t, errors.Is(err, ErrMapping))
				assert.Equal(t, tt.err, err.Error())
				return
			}
			require.NoError(t, err)
			for file, want := range tt.lookup {
				agency, year := m.Lookup(file)
				assert.Equal(t, want[0], agency, file)
				assert.Equal(t, want[1], year, file)
			}
		})
	}
}

func TestWalk(t *testing.T) {
	dir := t.TempDir()
	files := []string{
		"01-dinas.xlsx", "02-dinas.XLSX", "catatan.pdf", ".tersembunyi.xlsx", "~$01-dinas.xlsx",
		"sub/03-dinas.json", ".git/config.json", "rekap.xlsx", "peta.csv",
	}
	for _, f := range files {
		p := filepath.Join(dir, f)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(f), 0o644))
	}
	direct := filepath.Join(t.TempDir(), "hasil.txt")
	require.NoError(t, os.WriteFile(direct, []byte("x"), 0o644))
	// The output and the mapping, spelled differently than the walk finds them.
	exclude := []string{filepath.Join(dir, "sub", "..", "rekap.xlsx"), filepath.Join(dir, "peta.csv")}

	sources, err := Walk([]string{dir, direct, "tidak-ada.xlsx"}, exclude)
	require.NoError(t, err)
	var got [][2]string
	for _, s := range sources {
		name, _ := filepath.Rel(dir, s.Name)
		if !filepath.IsLocal(name) {
			name = filepath.Base(s.Name)
		}
		got = append(got, [2]string{name, s.Skip})
	}
	assert.Equal(t, [][2]string{
		{"01-dinas.xlsx", ""},
		{"02-dinas.XLSX", ""},
		{"catatan.pdf", "bukan spreadsheet atau hasil check (dilewati)"},
		{"sub/03-dinas.json", ""},
		{"hasil.txt", ""},      // named directly: its content decides
		{"tidak-ada.xlsx", ""}, // fails when read, with its reason
	}, got)
}
