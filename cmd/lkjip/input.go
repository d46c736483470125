package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"lkjip/calc"
	"lkjip/fixtures"
	"lkjip/workbook"
)

// analyze reads the files named on the command line (or the embedded sample
// when there are none) with the given reading options, and analyses them
// under the given settings, telling stage what it is doing.
func analyze(ctx context.Context, paths []string, opt workbook.Options, s calc.Settings, stage func(string)) (*calc.Result, error) {
	var files []workbook.File
	if len(paths) == 0 {
		for _, f := range fixtures.Sampang2020() {
			files = append(files, workbook.File{Name: f.Name, Data: f.Data})
		}
	}
	stage(fmt.Sprintf("membaca %d berkas", max(len(paths), len(files))))
	loaded, err := loadFiles(paths, opt.Limits)
	if err != nil {
		return nil, err
	}
	a, err := workbook.Read(ctx, append(files, loaded...), opt)
	if err != nil {
		return nil, readHint(err)
	}
	stage("menghitung")
	return calc.Analyze(a, s), nil
}

// stagePrinter shows on one line, as a long run goes, what it is doing
// ("Membaca 1 berkas… menghitung… menulis laporan…"); end closes the line,
// with the time taken when the run succeeded, and returns its error. Shown
// only on a terminal: elsewhere both do nothing.
func stagePrinter(w io.Writer, terminal bool) (stage func(string), end func(error) error) {
	if !terminal {
		return func(string) {}, func(err error) error { return err }
	}
	start, shown := time.Now(), false
	stage = func(s string) {
		if !shown {
			s = strings.ToUpper(s[:1]) + s[1:]
		} else {
			s = " " + s
		}
		shown = true
		fmt.Fprint(w, s+"…")
	}
	end = func(err error) error {
		switch {
		case !shown:
		case err != nil:
			fmt.Fprintln(w)
		default:
			secs := strings.Replace(fmt.Sprintf("%.1f", time.Since(start).Seconds()), ".", ",", 1)
			fmt.Fprintf(w, " selesai (%s detik)\n", secs)
		}
		return err
	}
	return stage, end
}

// loadFiles reads the files named on the command line, each within the
// size limit; a file over it is refused with the flag that raises it.
func loadFiles(paths []string, lim workbook.Limits) ([]workbook.File, error) {
	files := make([]workbook.File, 0, len(paths))
	for _, p := range paths {
		f, err := workbook.Load(p, lim)
		if err != nil {
			return nil, readHint(err)
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
