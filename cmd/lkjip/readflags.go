package main

import (
	"errors"
	"fmt"

	"github.com/urfave/cli/v2"

	"lkjip/calc"
	"lkjip/workbook"
)

// readFlags are the flags that help the reader when it guesses wrong:
// the sheet, the header row, and the column of each field. check and
// report take them.
func readFlags() []cli.Flag {
	flags := []cli.Flag{
		&cli.StringFlag{Name: "sheet", Usage: "baca hanya lembar dengan nama ini"},
		&cli.IntFlag{Name: "header-row", Usage: "nomor baris kepala tabel (mulai 1)"},
	}
	for _, f := range workbook.ColumnFields() {
		flags = append(flags, &cli.StringFlag{Name: "col-" + f, Usage: "kolom " + f + " (huruf atau nomor)"})
	}
	return flags
}

// agencyFlags are the flags of a command that reads one agency's files:
// the settings, the reading flags, the limits and the password. check,
// report and correct take them; agencyOptions reads them.
func agencyFlags() []cli.Flag {
	return append(settingsFlags(), append(readFlags(), append(limitFlags(), passwordFlag())...)...)
}

// agencyOptions are the settings and the reading options of a command
// that reads one agency's files.
func agencyOptions(c *cli.Context) (calc.Settings, workbook.Options, error) {
	s, err := settingsFrom(c)
	if err != nil {
		return s, workbook.Options{}, err
	}
	opt, err := readOptions(c)
	return s, opt, err
}

// readOptions builds the reader's options from the command line.
func readOptions(c *cli.Context) (workbook.Options, error) {
	opt := workbook.DefaultOptions()
	if err := setFileOptions(c, &opt); err != nil {
		return opt, err
	}
	opt.Override.Sheet = c.String("sheet")
	if n := c.Int("header-row"); n != 0 {
		if n < 1 {
			return opt, fmt.Errorf("perintah salah: --header-row harus 1 atau lebih, bukan %d", n)
		}
		opt.Override.HeaderRow = n
	}
	for _, f := range workbook.ColumnFields() {
		v := c.String("col-" + f)
		if v == "" {
			continue
		}
		col, err := workbook.ParseColumn(v)
		if err != nil {
			return opt, fmt.Errorf("perintah salah: --col-%s: %v", f, err)
		}
		if opt.Override.Columns == nil {
			opt.Override.Columns = map[string]int{}
		}
		opt.Override.Columns[f] = col
	}
	return opt, nil
}

// readHint adds to a reader's error the flag that helps: where the table
// is when none was recognised, the password of an encrypted file, the
// limit a large file broke.
func readHint(err error) error {
	var le *workbook.LimitError
	var ie *workbook.InputError
	switch {
	case errors.Is(err, workbook.ErrNoTable):
		return fmt.Errorf("%w; tunjukkan tabelnya dengan --sheet NAMA, --header-row N dan kolom seperti --col-uraian B --col-anggaran C --col-realisasi D (lihat: lkjip check --help)", err)
	case errors.As(err, &ie) && ie.Err == workbook.ErrPassword:
		return fmt.Errorf("%w; berikan kata sandinya dengan --kata-sandi", err)
	case errors.As(err, &le):
		return fmt.Errorf("%w; bila berkas ini memang sebesar itu, naikkan batasnya dengan --%s", err, limitFlag(le.Limit))
	}
	return err
}

// readFlagsHelp is the help text about these flags.
func readFlagsHelp() string {
	return "Bila tabel tidak dikenali, tunjukkan letaknya dengan --sheet, --header-row dan\n" +
		"--col-BIDANG KOLOM, misalnya: --header-row 5 --col-uraian B --col-anggaran C --col-realisasi D."
}
