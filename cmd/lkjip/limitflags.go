package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"lkjip/workbook"
)

// limitFlag names the flag that raises a reading limit.
func limitFlag(l workbook.Limit) string {
	switch l {
	case workbook.LimitBytes:
		return "batas-ukuran"
	case workbook.LimitInflated:
		return "batas-isi"
	case workbook.LimitRows:
		return "batas-baris"
	case workbook.LimitCols:
		return "batas-kolom"
	case workbook.LimitCells:
		return "batas-sel"
	case workbook.LimitStrings:
		return "batas-teks-bersama"
	case workbook.LimitText:
		return "batas-karakter"
	case workbook.LimitTime:
		return "batas-waktu"
	}
	return string(l)
}

// limitFlags are the flags that raise (or lower) the limits on what one
// input file may cost (docs/security.md). Every command that reads
// spreadsheets takes them.
func limitFlags() []cli.Flag {
	d := workbook.DefaultLimits()
	return []cli.Flag{
		&cli.Int64Flag{Name: limitFlag(workbook.LimitBytes), Value: d.MaxBytes >> 20, Usage: "ukuran terbesar satu berkas masukan, MB"},
		&cli.Int64Flag{Name: limitFlag(workbook.LimitInflated), Value: d.MaxInflated >> 20, Usage: "ukuran terbesar isi berkas .xlsx/.ods setelah dibuka, MB"},
		&cli.IntFlag{Name: limitFlag(workbook.LimitRows), Value: d.MaxRows, Usage: "jumlah baris terbanyak satu lembar"},
		&cli.IntFlag{Name: limitFlag(workbook.LimitCols), Value: d.MaxCols, Usage: "jumlah kolom terbanyak satu baris"},
		&cli.IntFlag{Name: limitFlag(workbook.LimitCells), Value: d.MaxCells, Usage: "jumlah sel terbanyak satu berkas (termasuk sel kosong di sela dan sel gabungan)"},
		&cli.IntFlag{Name: limitFlag(workbook.LimitStrings), Value: d.MaxStrings, Usage: "jumlah teks bersama terbanyak (.xlsx, .xls)"},
		&cli.IntFlag{Name: limitFlag(workbook.LimitText), Value: d.MaxText, Usage: "jumlah karakter terbanyak satu sel"},
		&cli.DurationFlag{Name: limitFlag(workbook.LimitTime), Value: d.Time, Usage: "lama terlama membaca satu berkas, misalnya 30s atau 5m; 0 tanpa batas"},
	}
}

// passwordFlag gives the password of encrypted .xlsx files.
func passwordFlag() cli.Flag {
	return &cli.StringFlag{Name: "kata-sandi", Aliases: []string{"password"}, Usage: "kata sandi berkas .xlsx yang dilindungi"}
}

// setFileOptions sets in opt what every command that reads spreadsheets
// takes from the command line about each input file: the limits and the
// password.
func setFileOptions(c *cli.Context, opt *workbook.Options) error {
	lim, err := limitsFrom(c)
	if err != nil {
		return err
	}
	opt.Limits = lim
	opt.Password = c.String("kata-sandi")
	return nil
}

// limitsFrom reads the limits from the command line.
func limitsFrom(c *cli.Context) (workbook.Limits, error) {
	lim := workbook.Limits{
		MaxBytes:    c.Int64(limitFlag(workbook.LimitBytes)) << 20,
		MaxInflated: c.Int64(limitFlag(workbook.LimitInflated)) << 20,
		MaxRows:     c.Int(limitFlag(workbook.LimitRows)),
		MaxCols:     c.Int(limitFlag(workbook.LimitCols)),
		MaxCells:    c.Int(limitFlag(workbook.LimitCells)),
		MaxStrings:  c.Int(limitFlag(workbook.LimitStrings)),
		MaxText:     c.Int(limitFlag(workbook.LimitText)),
		Time:        c.Duration(limitFlag(workbook.LimitTime)),
	}
	for _, v := range []struct {
		flag string
		ok   bool
	}{
		{limitFlag(workbook.LimitBytes), lim.MaxBytes > 0 && lim.MaxBytes <= 1<<40},
		{limitFlag(workbook.LimitInflated), lim.MaxInflated > 0 && lim.MaxInflated <= 1<<40},
		{limitFlag(workbook.LimitRows), lim.MaxRows > 0},
		{limitFlag(workbook.LimitCols), lim.MaxCols > 0 && lim.MaxCols <= 16384},
		{limitFlag(workbook.LimitCells), lim.MaxCells > 0},
		{limitFlag(workbook.LimitStrings), lim.MaxStrings > 0},
		{limitFlag(workbook.LimitText), lim.MaxText > 0},
		{limitFlag(workbook.LimitTime), lim.Time >= 0},
	} {
		if !v.ok {
			return lim, fmt.Errorf("perintah salah: nilai --%s tidak masuk akal", v.flag)
		}
	}
	return lim, nil
}
