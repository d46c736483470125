package main

import (
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"lkjip/calc"
	"lkjip/internal/memlimit"
)

func checkCommand() *cli.Command {
	return &cli.Command{
		Name:               "check",
		Usage:              "periksa berkas dan cetak setiap temuan (teks atau JSON)",
		ArgsUsage:          filesUsage,
		Description:        noArgsSample + "\n\n" + readFlagsHelp(),
		CustomHelpTemplate: commandHelp,
		OnUsageError:       usageError,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "bentuk keluaran: text atau json"},
		}, agencyFlags()...),
		Action: func(c *cli.Context) error {
			format := c.String("format")
			if format != "text" && format != "json" {
				return fmt.Errorf("perintah salah: --format harus text atau json, bukan %q", format)
			}
			s, opt, err := agencyOptions(c)
			if err != nil {
				return err
			}
			defer memlimit.Follow()()
			r, err := analyze(c.Context, c.Args().Slice(), opt, s, func(string) {})
			if err != nil {
				return err
			}
			if format == "json" {
				err = calc.EncodeJSON(c.App.Writer, r)
			} else {
				err = writeText(c.App.Writer, r)
			}
			if err != nil {
				return err
			}
			return findingsStatus(r)
		},
	}
}

// writeText prints one finding per line (file, sheet and cell first), then
// a summary.
func writeText(w io.Writer, r *calc.Result) error {
	for _, f := range r.Findings {
		if _, err := fmt.Fprintln(w, oneLine(f.String())); err != nil {
			return err
		}
	}
	c := calc.CountFindings(r.Findings)
	t := r.Totals
	_, err := fmt.Fprintf(w, "\n%s, tahun %d: anggaran Rp %s, realisasi Rp %s, penyerapan %s %%.\n"+
		"Temuan: %d kesalahan, %d peringatan, %d info.\n",
		orUnknown(r.Agency.Name), r.Agency.Year, calc.FormatID(t.Anggaran, 2), calc.FormatID(t.Realisasi, 2),
		calc.FormatID(t.Persen(), 2), c.Error, c.Warning, c.Info)
	return err
}

// orUnknown names an agency whose name was not found in its files.
func orUnknown(name string) string {
	if name == "" {
		return "(nama perangkat daerah tidak ditemukan)"
	}
	return name
}
