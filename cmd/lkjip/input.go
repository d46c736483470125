package main

import (
	"context"

	"lkjip/calc"
	"lkjip/fixtures"
	"lkjip/workbook"
)

// analyze reads the files named on the command line (or the embedded sample
// when there are none) with the given reading options, and analyses them
// under the given settings.
func analyze(ctx context.Context, paths []string, opt workbook.Options, s calc.Settings) (*calc.Result, error) {
	var files []workbook.File
	if len(paths) == 0 {
		for _, f := range fixtures.Sampang2020() {
			files = append(files, workbook.File{Name: f.Name, Data: f.Data})
		}
	}
	loaded, err := loadFiles(paths, opt.Limits)
	if err != nil {
		return nil, err
	}
	a, err := workbook.Read(ctx, append(files, loaded...), opt)
	if err != nil {
		return nil, readHint(err)
	}
	return calc.Analyze(a, s), nil
}

// loadFiles reads the files named on the command line, each within the
// size limit.
func loadFiles(paths []string, lim workbook.Limits) ([]workbook.File, error) {
	files := make([]workbook.File, 0, len(paths))
	for _, p := range paths {
		f, err := workbook.Load(p, lim)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	return files, nil
}

// findingsStatus turns error-severity findings into exit status 1.
func findingsStatus(r *calc.Result) error {
	if r.Errors() {
		return errFindings
	}
	return nil
}

// filesUsage is the ArgsUsage of commands that read one agency's files.
const filesUsage = "[BERKAS...]"

// noArgsSample notes, in a command's help, what happens without files.
const noArgsSample = "Tanpa BERKAS, contoh bawaan (Bakesbangpol Kabupaten Sampang 2020) yang dipakai.\n" +
	"Beberapa berkas dari satu perangkat daerah boleh diberikan sekaligus (DPA di satu berkas,\n" +
	"Pohon Kinerja di berkas lain); tabel dikenali dari isinya, bukan dari nama berkas."
