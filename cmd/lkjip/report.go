package main

import (
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/urfave/cli/v2"

	"lkjip/calc"
	"lkjip/internal/memlimit"
	"lkjip/internal/outfile"
	"lkjip/layout"
)

func reportCommand() *cli.Command {
	return &cli.Command{
		Name:               "report",
		Usage:              "tulis buku kerja laporan (penyerapan, capaian, efisiensi, alokasi, pohon kinerja, temuan)",
		ArgsUsage:          filesUsage + " -o KELUARAN.xlsx",
		Description:        noArgsSample + "\n\n" + readFlagsHelp(),
		CustomHelpTemplate: commandHelp,
		OnUsageError:       usageError,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "berkas keluaran (.xlsx), wajib"},
			&cli.BoolFlag{Name: "locale-tag", Usage: "tandai format angka dengan kode bahasa Indonesia [$-421]"},
		}, agencyFlags()...),
		Action: func(c *cli.Context) error {
			out := c.String("output")
			if out == "" {
				return fmt.Errorf("perintah salah: sebutkan berkas keluaran dengan -o, misalnya: lkjip report -o laporan.xlsx")
			}
			paths := c.Args().Slice()
			if err := outfile.CheckNotInput(out, paths); err != nil {
				return err
			}
			s, opt, err := agencyOptions(c)
			if err != nil {
				return err
			}
			defer memlimit.Follow()()
			stage, end := stagePrinter(c.App.ErrWriter, isTerminal(c.App.ErrWriter))
			r, err := analyze(c.Context, paths, opt, s, stage)
			if err != nil {
				return end(err)
			}
			stage("menulis laporan")
			err = end(outfile.WriteContext(c.Context, out, func(w io.Writer) error {
				return layout.Report(c.Context, r, w, layout.Options{
					Now: time.Now(), LocaleTag: c.Bool("locale-tag"), Links: inputLinks(out, paths),
				})
			}))
			if err != nil {
				return fmt.Errorf("%s: laporan tidak dapat ditulis: %w", out, err)
			}
			n := calc.CountFindings(r.Findings)
			fmt.Fprintf(c.App.ErrWriter, "Laporan ditulis ke %s (%d lembar; temuan: %d kesalahan, %d peringatan, %d info).\n",
				out, len(layout.ReportSheets()), n.Error, n.Warning, n.Info)
			return findingsStatus(r)
		},
	}
}

// inputLinks gives each input file a hyperlink target relative to the
// report, so that a finding in the report opens the file at its cell. A
// file whose relative place cannot be worked out gets no link.
func inputLinks(out string, paths []string) map[string]string {
	links := map[string]string{}
	dir, err := filepath.Abs(filepath.Dir(out))
	if err != nil {
		return links
	}
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			continue
		}
		if rel, err := filepath.Rel(dir, abs); err == nil {
			links[p] = filepath.ToSlash(rel)
		}
	}
	return links
}
