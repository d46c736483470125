package workbook

import (
	"fmt"
	"io"
	"slices"

	"github.com/xuri/excelize/v2"

	"lkjip/calc"
)

// templateRows is how many rows of a template carry data validation.
const templateRows = 2000

// template describes one input template: its data sheet, its header (the
// canonical words the reader always recognises), the columns that take
// amounts or percentages, a list of allowed values per column, and the
// instructions.
type template struct {
	sheet   string
	title   string
	header  []string
	widths  []float64
	amounts []int            // columns (1-based) of amounts
	texts   []int            // columns of names, kept to a sane length
	lists   map[int][]string // columns with a drop-down list
	notes   []string         // the instructions sheet, one line each
}

// TemplateKinds lists the templates lkjip writes, in the order the help
// names them.
func TemplateKinds() []string { return []string{"dpa", "pohon", "pk", "capaian"} }

// templates are the blank input templates, by kind.
func templates() map[string]template {
	common := []string{
		"Isi sel B2 dengan nama perangkat daerah beserta kabupaten/kotanya",
		"(contoh: Dinas Kesehatan Kabupaten …), dan sel B3 dengan tahun anggarannya.",
		"Jangan mengubah atau memindahkan baris kepala tabel (baris 5) dan nomor kolom (baris 6).",
		"Isi data mulai baris 7, satu baris untuk setiap butir, tanpa baris kosong di antaranya.",
		"Angka diketik sebagai angka (1788546290 atau 1.788.546.290,80), bukan teks; persen tanpa tanda %.",
		"Lembar lain, warna, dan kolom tambahan di sebelah kanan tidak mengganggu pembacaan.",
	}
	return map[string]template{
		"dpa": {
			sheet:  "Realisasi",
			title:  "LAPORAN REALISASI ANGGARAN",
			header: []string{"KODE", "URAIAN", "ANGGARAN", "REALISASI", "SISA", "%"},
			widths: []float64{22, 70, 20, 20, 20, 10}, amounts: []int{3, 4, 5, 6},
			notes: append([]string{
				"Templat Realisasi Anggaran (DPA)",
				"",
				"Satu baris untuk setiap program, kegiatan, sub kegiatan dan rekening.",
				"KODE: kode menurut Permendagri 90/2019 (program 2.16.01, kegiatan 2.16.01.2.01,",
				"sub kegiatan 2.16.01.2.01.0001, rekening 5.1.02.01.01.0024) atau 13/2006.",
				"Tingkatan dibaca dari kodenya: rekening diletakkan di bawah sub kegiatan di atasnya.",
				"Tanpa kode, tulis kata Program / Kegiatan / Sub Kegiatan di awal URAIAN.",
				"SISA dan % boleh dikosongkan; bila diisi, lkjip memeriksanya.",
				"Baris terakhir boleh berisi JUMLAH dengan total yang Anda hitung.",
			}, common...),
		},
		"pohon": {
			sheet: "Pohon Kinerja",
			title: "POHON KINERJA (CASCADING)",
			header: []string{"TUJUAN", "INDIKATOR TUJUAN", "SASARAN", "INDIKATOR SASARAN", "FORMULA",
				"PROGRAM", "INDIKATOR PROGRAM", "KEGIATAN", "INDIKATOR KEGIATAN", "SUB KEGIATAN", "INDIKATOR SUB KEGIATAN"},
			widths: []float64{30, 30, 30, 30, 25, 35, 30, 35, 30, 35, 30},
			texts:  []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11},
			notes: append([]string{
				"Templat Pohon Kinerja (Cascading)",
				"",
				"Setiap baris menurunkan satu butir dari butir di kirinya.",
				"Bila tujuan, sasaran atau program sama dengan baris di atasnya, kosongkan selnya",
				"(atau gabungkan sel ke bawah): lkjip membacanya sebagai \"sama dengan di atas\".",
				"FORMULA: cara menghitung indikator sasaran, misalnya (realisasi / target) x 100%.",
			}, common...),
		},
		"pk": {
			sheet:  "Perjanjian Kinerja",
			title:  "PERJANJIAN KINERJA",
			header: []string{"NO", "SASARAN", "INDIKATOR KINERJA", "TARGET", "PROGRAM", "ANGGARAN"},
			widths: []float64{6, 40, 40, 12, 50, 20}, amounts: []int{6},
			notes: append([]string{
				"Templat Perjanjian Kinerja",
				"",
				"Satu baris untuk setiap program beserta anggarannya, seperti pada dokumen yang ditandatangani.",
				"Sasaran dan indikator yang sama dengan baris di atasnya boleh dikosongkan.",
				"Anggaran program dibandingkan dengan anggaran program yang sama di DPA.",
			}, common...),
		},
		"capaian": {
			sheet:  "Capaian Kinerja",
			title:  "CAPAIAN KINERJA",
			header: []string{"NO", "SASARAN", "INDIKATOR KINERJA", "POLARITAS", "TARGET", "REALISASI", "CAPAIAN (%)"},
			widths: []float64{6, 40, 45, 12, 12, 12, 14}, amounts: []int{5, 6, 7},
			lists: map[int][]string{4: {"Positif", "Negatif"}},
			notes: append([]string{
				"Templat Capaian Kinerja",
				"",
				"Satu baris untuk setiap indikator: target, realisasi, dan capaian yang Anda hitung.",
				"POLARITAS: Positif bila makin tinggi makin baik, Negatif bila makin rendah makin baik.",
				"CAPAIAN boleh dikosongkan; bila diisi, lkjip memeriksanya terhadap target dan realisasi.",
			}, common...),
		},
	}
}

// Template writes the blank input template of a kind ("dpa", "pohon",
// "pk", "capaian"): an instructions sheet (Petunjuk) and a data sheet in
// the canonical layout the reader always recognises, with data validation
// on the amount and list columns.
func Template(kind string, w io.Writer) error {
	t, ok := templates()[kind]
	if !ok {
		return fmt.Errorf("templat %q tidak ada (pilihan: %v)", kind, TemplateKinds())
	}
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "Petunjuk"); err != nil {
		return err
	}
	for i, line := range t.notes {
		if err := f.SetCellStr("Petunjuk", calc.CellName(i+1, 1), line); err != nil {
			return err
		}
	}
	if err := f.SetColWidth("Petunjuk", "A", "A", 110); err != nil {
		return err
	}
	if _, err := f.NewSheet(t.sheet); err != nil {
		return err
	}
	if err := writeTemplateSheet(f, t); err != nil {
		return err
	}
	if idx, err := f.GetSheetIndex(t.sheet); err == nil {
		f.SetActiveSheet(idx)
	}
	if err := f.SetDocProps(&excelize.DocProperties{Title: t.title, Creator: "lkjip", Description: "Templat masukan lkjip"}); err != nil {
		return err
	}
	_, err := f.WriteTo(w)
	return err
}

func writeTemplateSheet(f *excelize.File, t template) error {
	s := t.sheet
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
		Border:    []excelize.Border{{Type: "left", Style: 1}, {Type: "right", Style: 1}, {Type: "top", Style: 1}, {Type: "bottom", Style: 1}},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}}})
	if err != nil {
		return err
	}
	cells := [][2]any{{"A1", t.title}, {"A2", "Perangkat Daerah"}, {"A3", "Tahun Anggaran"}}
	for _, c := range cells {
		if err := f.SetCellValue(s, c[0].(string), c[1]); err != nil {
			return err
		}
	}
	last := calc.ColumnName(len(t.header))
	for i, h := range t.header {
		col := calc.ColumnName(i + 1)
		if err := f.SetCellStr(s, col+"5", h); err != nil {
			return err
		}
		if err := f.SetCellStr(s, col+"6", fmt.Sprintf("(%d)", i+1)); err != nil {
			return err
		}
		if i < len(t.widths) {
			if err := f.SetColWidth(s, col, col, t.widths[i]); err != nil {
				return err
			}
		}
	}
	if err := f.SetCellStyle(s, "A5", last+"6", bold); err != nil {
		return err
	}
	if err := f.SetPanes(s, &excelize.Panes{Freeze: true, YSplit: 6, TopLeftCell: "A7", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	for _, col := range t.amounts {
		dv := excelize.NewDataValidation(true)
		dv.Sqref = fmt.Sprintf("%s7:%s%d", calc.ColumnName(col), calc.ColumnName(col), templateRows+6)
		if err := dv.SetRange(-1e15, 1e15, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, "Bukan angka", "Kolom "+t.header[col-1]+" hanya berisi angka.")
		if err := f.AddDataValidation(s, dv); err != nil {
			return err
		}
	}
	for _, col := range t.texts {
		dv := excelize.NewDataValidation(true)
		dv.Sqref = fmt.Sprintf("%s7:%s%d", calc.ColumnName(col), calc.ColumnName(col), templateRows+6)
		if err := dv.SetRange(1, 1000, excelize.DataValidationTypeTextLength, excelize.DataValidationOperatorBetween); err != nil {
			return err
		}
		dv.SetInput(t.header[col-1], "Kosongkan bila sama dengan baris di atasnya.")
		if err := f.AddDataValidation(s, dv); err != nil {
			return err
		}
	}
	cols := make([]int, 0, len(t.lists))
	for col := range t.lists {
		cols = append(cols, col)
	}
	slices.Sort(cols)
	for _, col := range cols {
		dv := excelize.NewDataValidation(true)
		dv.Sqref = fmt.Sprintf("%s7:%s%d", calc.ColumnName(col), calc.ColumnName(col), templateRows+6)
		if err := dv.SetDropList(t.lists[col]); err != nil {
			return err
		}
		if err := f.AddDataValidation(s, dv); err != nil {
			return err
		}
	}
	return nil
}
