package main

import (
	"fmt"
	"io"
	"os"

	"github.com/urfave/cli/v2"

	"lkjip/calc"
)

// maxConfigBytes bounds the config file: a handful of settings, never a
// megabyte.
const maxConfigBytes = 1 << 20

// settingsFlags are the flags that choose how an agency is judged, shared by
// the commands that analyse one. Every one may also be set in the config
// file; a flag wins over the file.
func settingsFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "config", Usage: "berkas pengaturan JSON (misalnya lkjip.json); lihat docs/panduan.md"},
		&cli.StringFlag{Name: "polaritas", Usage: "polaritas indikator yang tidak disebut di berkas: positif atau negatif"},
		&cli.StringFlag{Name: "varian-negatif", Usage: "rumus capaian polaritas negatif: kondisi-khusus (2T−R)/T, t-per-r T/R, atau selisih (T−R)/T"},
		&cli.StringFlag{Name: "predikat", Usage: "kata predikat: tinggi (Sangat Tinggi … Sangat Rendah) atau baik (Sangat Baik … Sangat Kurang)"},
		&cli.StringFlag{Name: "efisiensi", Usage: "metode efisiensi: selisih (% capaian − % penyerapan) atau rasio (Kepmendagri 690.900.327/1996)"},
		&cli.StringFlag{Name: "ambang-penyerapan", Usage: "penyerapan (%) di bawah angka ini diberi peringatan; 0 mematikan (bawaan 50)"},
		&cli.StringFlag{Name: "batas-capaian", Usage: "tambahkan capaian yang dibatasi, misalnya 100 atau 120; 0 tanpa batas"},
	}
}

// settingsFrom builds the settings of a command: the defaults, changed by
// the config file named with --config, changed by the flags given.
func settingsFrom(c *cli.Context) (calc.Settings, error) {
	s := calc.DefaultSettings()
	if path := c.String("config"); path != "" {
		fc, err := readConfig(path)
		if err != nil {
			return s, err
		}
		if s, err = fc.Apply(s); err != nil {
			return s, fmt.Errorf("%s: %w", path, err)
		}
	}
	flags := calc.Config{
		Polaritas:        c.String("polaritas"),
		VarianNegatif:    c.String("varian-negatif"),
		Predikat:         c.String("predikat"),
		Efisiensi:        c.String("efisiensi"),
		AmbangPenyerapan: c.String("ambang-penyerapan"),
		BatasCapaian:     c.String("batas-capaian"),
	}
	s, err := flags.Apply(s)
	if err != nil {
		return s, fmt.Errorf("perintah salah: %w", err)
	}
	return s, nil
}

// readConfig reads and parses a config file, naming it in every error.
func readConfig(path string) (calc.Config, error) {
	f, err := os.Open(path)
	if err != nil {
		if os.IsNotExist(err) {
			return calc.Config{}, fmt.Errorf("%s: berkas pengaturan tidak ada", path)
		}
		return calc.Config{}, fmt.Errorf("%s: berkas pengaturan tidak dapat dibuka: %w", path, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxConfigBytes+1))
	if err != nil {
		return calc.Config{}, fmt.Errorf("%s: berkas pengaturan tidak dapat dibaca: %w", path, err)
	}
	if len(data) > maxConfigBytes {
		return calc.Config{}, fmt.Errorf("%s: berkas pengaturan lebih dari %d byte", path, maxConfigBytes)
	}
	fc, err := calc.ParseConfig(data)
	if err != nil {
		return fc, fmt.Errorf("%s: %w", path, err)
	}
	return fc, nil
}
