package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"lkjip/internal/outfile"
	"lkjip/workbook"
)

func templateCommand() *cli.Command {
	kinds := strings.Join(workbook.TemplateKinds(), "|")
	return &cli.Command{
		Name:      "template",
		Usage:     "tulis templat masukan kosong (" + kinds + ") yang selalu dikenali lkjip",
		ArgsUsage: kinds + " -o KELUARAN.xlsx",
		Description: "Templat berisi lembar Petunjuk dan lembar data dengan kepala tabel baku serta\n" +
			"validasi isian. dpa: realisasi anggaran; pohon: pohon kinerja; pk: perjanjian\n" +
			"kinerja; capaian: target dan realisasi indikator.",
		CustomHelpTemplate: commandHelp,
		OnUsageError:       usageError,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "berkas keluaran (.xlsx), wajib"},
		},
		Action: func(c *cli.Context) error {
			kind := c.Args().First()
			if c.NArg() != 1 || !slices.Contains(workbook.TemplateKinds(), kind) {
				return fmt.Errorf("perintah salah: sebutkan satu jenis templat (%s), misalnya: lkjip template dpa -o dpa.xlsx", kinds)
			}
			out := c.String("output")
			if out == "" {
				return fmt.Errorf("perintah salah: sebutkan berkas keluaran dengan -o, misalnya: lkjip template %s -o %s.xlsx", kind, kind)
			}
			if err := outfile.Write(out, func(w io.Writer) error { return workbook.Template(kind, w) }); err != nil {
				return fmt.Errorf("%s: templat tidak dapat ditulis: %w", out, err)
			}
			fmt.Fprintf(c.App.ErrWriter, "Templat %s ditulis ke %s; isi lembar datanya, lalu: lkjip check %s\n", kind, out, out)
			return nil
		},
	}
}
