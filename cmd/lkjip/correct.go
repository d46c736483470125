package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"lkjip/calc"
	"lkjip/internal/outfile"
	"lkjip/workbook"
)

func correctCommand() *cli.Command {
	return &cli.Command{
		Name:      "correct",
		Usage:     "tulis salinan buku kerja dengan sel yang salah diperbaiki, diberi warna dan komentar, dan lembar Koreksi",
		ArgsUsage: "BERKAS [BERKAS_PENDUKUNG...] -o KELUARAN.xlsx",
		Description: "Salinan BERKAS ditulis ke KELUARAN; BERKAS sendiri tidak diubah. Baris paling rinci dianggap benar:\n" +
			"jumlah induk, persentase dan sisa yang salah dihitung ulang darinya. Yang tidak dapat dihitung\n" +
			"(angka rincian, realisasi melebihi anggaran, Perjanjian Kinerja, capaian, nama) dicantumkan di\n" +
			"lembar Koreksi sebagai \"perlu diperiksa petugas\". BERKAS_PENDUKUNG (misalnya DPA di berkas lain)\n" +
			"ikut dibaca tetapi tidak disalin. Berkas .xlsm disalin sebagai .xlsm (makronya tetap); berkas\n" +
			".xls, .ods, .csv dan HTML disalin sebagai .xlsx yang dibuat ulang dari nilainya.\n\n" +
			"Status keluar: 0 salinan tidak menyisakan kesalahan, 1 masih ada kesalahan yang perlu\n" +
			"diperiksa petugas, 2 berkas tidak dapat dipakai atau perintah salah.\n\n" + readFlagsHelp(),
		CustomHelpTemplate: commandHelp,
		OnUsageError:       usageError,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "berkas keluaran (.xlsx, atau .xlsm untuk berkas bermakro), wajib"},
		}, agencyFlags()...),
		Action: func(c *cli.Context) error {
			out := c.String("output")
			paths := c.Args().Slice()
			if len(paths) == 0 {
				return fmt.Errorf("perintah salah: sebutkan berkas yang dikoreksi, misalnya: lkjip correct dpa.xlsx -o dpa-koreksi.xlsx")
			}
			if out == "" {
				return fmt.Errorf("perintah salah: sebutkan berkas keluaran dengan -o, misalnya: lkjip correct %s -o %s",
					paths[0], koreksiName(paths[0]))
			}
			if err := outfile.CheckNotInput(out, paths); err != nil {
				return err
			}
			s, opt, err := agencyOptions(c)
			if err != nil {
				return err
			}
			files, err := loadFiles(paths, opt.Limits)
			if err != nil {
				return err
			}
			copies, err := workbook.Correct(c.Context, files, workbook.CorrectOptions{Read: opt, Settings: s, Files: paths[:1]})
			if err != nil {
				return readHint(err)
			}
			cp := copies[0]
			if ext := cp.Ext(); !strings.EqualFold(filepath.Ext(out), ext) {
				why := "berkas ini tidak berisi makro"
				if cp.Macro {
					why = "berkas ini berisi makro"
				}
				return fmt.Errorf("perintah salah: salinan harus berakhiran %s (%s; Excel tidak membuka berkas dengan akhiran lain), misalnya -o %s",
					ext, why, strings.TrimSuffix(out, filepath.Ext(out))+ext)
			}
			err = outfile.WriteContext(c.Context, out, func(w io.Writer) error {
				_, err := w.Write(cp.Data)
				return err
			})
			if err != nil {
				return fmt.Errorf("%s: salinan tidak dapat ditulis: %w", out, err)
			}
			printCorrected(c.App.ErrWriter, out, &cp)
			if cp.Errors() {
				return errFindings
			}
			return nil
		},
	}
}

// printCorrected tells the user, on stderr, what the copy holds.
func printCorrected(w io.Writer, out string, cp *workbook.Copy) {
	n := calc.CountFindings(cp.Review) // Review holds errors and warnings only
	if cp.Unchanged {
		fmt.Fprintf(w, "Tidak ada sel yang perlu diperbaiki lagi; %s sudah memuat lembar Koreksi lkjip, jadi %s sama persis dengan berkas itu.\n",
			cp.File, out)
	} else {
		fmt.Fprintf(w, "Salinan terkoreksi ditulis ke %s: %d sel diperbaiki; perlu diperiksa petugas: %d kesalahan, %d peringatan (lihat lembar Koreksi).\n",
			out, len(cp.Corrections), n.Error, n.Warning)
	}
	if cp.Rebuilt != "" {
		fmt.Fprintf(w, "Catatan: %s berformat %s, bukan .xlsx; salinan dibuat ulang sebagai .xlsx dari nilai yang terbaca (rumus, format angka dan gaya tidak ikut).\n",
			cp.File, strings.ToUpper(cp.Rebuilt))
	}
}

// koreksiName suggests the name of a file's corrected copy.
func koreksiName(path string) string {
	base := filepath.Base(path)
	return strings.TrimSuffix(base, filepath.Ext(base)) + "-koreksi.xlsx"
}
