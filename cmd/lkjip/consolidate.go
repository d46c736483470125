package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"lkjip/calc"
	"lkjip/internal/batch"
	"lkjip/internal/outfile"
	"lkjip/layout"
)

// maxMappingBytes bounds the mapping file: a row per input file is a few
// hundred bytes.
const maxMappingBytes = 4 << 20

func consolidateCommand() *cli.Command {
	return &cli.Command{
		Name:      "consolidate",
		Usage:     "rekap banyak perangkat daerah satu tahun anggaran dalam satu buku kerja (untuk Bappeda)",
		ArgsUsage: "BERKAS_ATAU_FOLDER... -o REKAP.xlsx",
		Description: "Folder dibaca seluruhnya (termasuk subfolder). Satu perangkat daerah boleh punya beberapa\n" +
			"berkas; berkas dikelompokkan menurut nama perangkat daerah dan tahun anggaran yang tertulis\n" +
			"di judul tabel atau properti dokumen, atau (jika tidak ada) di nama berkas, atau menurut\n" +
			"berkas pemetaan (--map). Hasil `lkjip check --format json` juga dapat direkap.\n" +
			"Berkas yang gagal dibaca dicatat beserta alasannya; rekap tetap ditulis dan status keluar 2.",
		CustomHelpTemplate: commandHelp,
		OnUsageError:       usageError,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "berkas keluaran (.xlsx), wajib"},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "bentuk ringkasan di layar: text atau json"},
			&cli.StringFlag{Name: "map", Usage: "berkas CSV pemetaan: kolom berkas, perangkat daerah, tahun"},
		}, append(settingsFlags(), append(limitFlags(), passwordFlag())...)...),
		Action: func(c *cli.Context) error {
			out, format := c.String("output"), c.String("format")
			paths := c.Args().Slice()
			switch {
			case format != "text" && format != "json":
				return fmt.Errorf("perintah salah: --format harus text atau json, bukan %q", format)
			case out == "":
				return errors.New("perintah salah: sebutkan berkas keluaran dengan -o, misalnya: lkjip consolidate berkas/ -o rekap.xlsx")
			case len(paths) == 0:
				return errors.New("perintah salah: sebutkan berkas atau folder yang direkap, misalnya: lkjip consolidate berkas/ -o rekap.xlsx")
			}
			if err := outfile.CheckNotInput(out, paths); err != nil {
				return err
			}
			opt := batch.DefaultOptions()
			if err := setFileOptions(c, &opt.Read); err != nil {
				return err
			}
			settings, err := settingsFrom(c)
			if err != nil {
				return err
			}
			opt.Settings = settings
			if m := c.String("map"); m != "" {
				mapping, err := readMapping(m)
				if err != nil {
					return err
				}
				opt.Mapping = mapping
			}
			sources, err := batch.Walk(paths, []string{out, c.String("map")})
			if err != nil {
				return err
			}
			if len(sources) == 0 {
				return fmt.Errorf("tidak ada berkas untuk direkap di %s", strings.Join(paths, ", "))
			}
			if isTerminal(c.App.ErrWriter) {
				opt.Progress = progressPrinter(c.App.ErrWriter)
			}
			con, err := batch.Consolidate(c.Context, sources, opt)
			if err != nil {
				return err
			}
			return finishConsolidation(c, con, out, format)
		},
	}
}

// finishConsolidation writes the workbook and the summary, reports every
// input that was not used, and decides the exit status: 2 when an input
// failed (the rekap is written without it), 1 when an agency has
// error-severity findings, 0 otherwise.
func finishConsolidation(c *cli.Context, con *calc.Consolidation, out, format string) error {
	stderr := c.App.ErrWriter
	failed := con.Failed()
	for _, e := range failed {
		fmt.Fprintf(stderr, "lkjip: %s: %s\n", e.File, e.Reason)
	}
	for _, e := range con.Duplicates() {
		fmt.Fprintf(stderr, "lkjip: %s: ganda, sama dengan %s; tidak dihitung dua kali\n", e.File, e.SameAs)
	}
	if len(con.Agencies) == 0 {
		return errors.New("tidak ada berkas yang dapat direkap; rekap tidak ditulis")
	}
	err := outfile.WriteContext(c.Context, out, func(w io.Writer) error {
		return layout.Consolidation(c.Context, con, w, layout.Options{Now: time.Now()})
	})
	if err != nil {
		return fmt.Errorf("%s: rekap tidak dapat ditulis: %w", out, err)
	}
	if format == "json" {
		err = calc.EncodeConsolidationJSON(c.App.Writer, con)
	} else {
		err = writeConsolidationText(c.App.Writer, con)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "Rekap ditulis ke %s (%d perangkat daerah, %d berkas).\n", out, len(con.Agencies), len(con.Entries))
	switch {
	case len(failed) > 0:
		return fmt.Errorf("%d berkas gagal dibaca; rekap ditulis tanpa berkas itu (lihat lembar %s)", len(failed), layout.SheetBerkas)
	case con.Errors():
		return errFindings
	}
	return nil
}

// writeConsolidationText prints one line per agency, then the totals.
func writeConsolidationText(w io.Writer, con *calc.Consolidation) error {
	pw := &printer{w: w}
	pw.printf("%s\n\n", con.Title())
	for i, a := range con.Agencies {
		rank := "tanpa peringkat"
		if a.Rank > 0 {
			rank = fmt.Sprintf("peringkat %d", a.Rank)
		}
		pw.printf("%2d. %s: anggaran Rp %s, realisasi Rp %s, penyerapan %s %% (%s); temuan: %d kesalahan, %d peringatan, %d info\n",
			i+1, a.Agency, calc.FormatID(a.Totals.Anggaran, 2), calc.FormatID(a.Totals.Realisasi, 2),
			calc.FormatID(a.Persen(), 2), rank, a.Counts.Error, a.Counts.Warning, a.Counts.Info)
	}
	n := con.Counts()
	pw.printf("\nJumlah %d perangkat daerah: anggaran Rp %s, realisasi Rp %s, penyerapan %s %%.\n"+
		"Temuan: %d kesalahan, %d peringatan, %d info.\n",
		len(con.Agencies), calc.FormatID(con.Totals.Anggaran, 2), calc.FormatID(con.Totals.Realisasi, 2),
		calc.FormatID(con.Totals.Persen(), 2), n.Error, n.Warning, n.Info)
	pw.printf("Berkas: %d dibaca, %d gagal, %d ganda, %d dilewati.\n", len(con.Entries)-len(con.Failed())-
		len(con.Duplicates())-len(con.Skipped()), len(con.Failed()), len(con.Duplicates()), len(con.Skipped()))
	return pw.err
}

// printer keeps the first write error, so a long report checks it once.
type printer struct {
	w   io.Writer
	err error
}

func (p *printer) printf(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, args...)
	}
}

// readMapping reads and parses the mapping file.
func readMapping(path string) (*batch.Mapping, error) {
	f, err := os.Open(path)
	if err != nil {
		reason := err.Error()
		if errors.Is(err, fs.ErrNotExist) {
			reason = "berkas tidak ada"
		}
		return nil, fmt.Errorf("%s: berkas pemetaan tidak dapat dibuka: %s", path, reason)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxMappingBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s: berkas pemetaan tidak dapat dibaca: %w", path, err)
	}
	if len(data) > maxMappingBytes {
		return nil, fmt.Errorf("%s: berkas pemetaan melebihi %d byte", path, maxMappingBytes)
	}
	return batch.ParseMapping(path, data)
}

// isTerminal reports whether w is a terminal, where progress is shown.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// progressPrinter shows "Membaca berkas: 12 dari 25" on one line, updated
// in place, and ends the line when every file is read.
func progressPrinter(w io.Writer) func(done, total int) {
	return func(done, total int) {
		fmt.Fprintf(w, "\rMembaca berkas: %d dari %d", done, total)
		if done == total {
			fmt.Fprintln(w)
		}
	}
}
