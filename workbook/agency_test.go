package workbook

import "testing"

// TestAgencyOf: the agency's name and year from title rows as offices
// write them.
func TestAgencyOf(t *testing.T) {
	for _, tc := range []struct {
		name   string
		titles []string
		agency string
		year   int
	}{
		{"one title", []string{"LAPORAN REALISASI BADAN KESATUAN BANGSA DAN POLITIK KABUPATEN SAMPANG TAHUN ANGGARAN 2020"},
			"Badan Kesatuan Bangsa dan Politik Kabupaten Sampang", 2020},
		{"office and region on separate rows", []string{"PEMERINTAH KABUPATEN CONTOH", "DINAS SOSIAL", "LAPORAN REALISASI TAHUN ANGGARAN 2024"},
			"Dinas Sosial Kabupaten Contoh", 2024},
		{"region row below the office row", []string{"Dinas Sosial", "Pemerintah Kota Malang", "Tahun 2023"},
			"Dinas Sosial Kota Malang", 2023},
		{"a full name wins over the parts", []string{"PEMERINTAH KABUPATEN CONTOH", "DINAS SOSIAL", "DINAS KESEHATAN KABUPATEN CONTOH"},
			"Dinas Kesehatan Kabupaten Contoh", 0},
		{"an office without a region is no name", []string{"DINAS SOSIAL", "LAPORAN REALISASI TAHUN 2024"}, "", 2024},
		{"a sentence is not an office row", []string{"PEMERINTAH KABUPATEN CONTOH", "Dinas sosial menyampaikan laporan tahun 2024: 95%"}, "", 2024},
	} {
		t.Run(tc.name, func(t *testing.T) {
			agency, year := agencyOf(tc.titles)
			if agency != tc.agency || year != tc.year {
				t.Errorf("agencyOf = %q, %d; want %q, %d", agency, year, tc.agency, tc.year)
			}
		})
	}
}
