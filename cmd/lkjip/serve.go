package main

import (
	"fmt"
	"log/slog"
	"time"

	"github.com/urfave/cli/v2"

	"lkjip/web"
)

func serveCommand() *cli.Command {
	def := web.DefaultConfig()
	return &cli.Command{
		Name:               "serve",
		Usage:              "jalankan halaman unggah untuk staf keuangan (tanpa JavaScript)",
		ArgsUsage:          "[--addr 127.0.0.1:8080]",
		Description:        "Buka alamatnya di peramban, unggah berkas satu perangkat daerah, lalu lihat temuan\ndan unduh buku kerja laporan. Hentikan dengan Ctrl+C; unggahan yang sedang diproses diselesaikan dulu.",
		CustomHelpTemplate: commandHelp,
		OnUsageError:       usageError,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "addr", Value: def.Addr, Usage: "alamat dan port yang didengarkan"},
			&cli.Int64Flag{Name: "max-upload-mb", Value: def.MaxRequestBytes >> 20, Usage: "ukuran terbesar satu kiriman, MB"},
			&cli.IntFlag{Name: "max-files", Value: def.MaxFiles, Usage: "jumlah berkas terbanyak per kiriman satu perangkat daerah"},
			&cli.IntFlag{Name: "max-rekap-files", Value: def.MaxRekapFiles, Usage: "jumlah berkas terbanyak per kiriman rekap"},
			&cli.IntFlag{Name: "jobs", Value: def.MaxJobs, Usage: "jumlah unggahan yang diproses bersamaan"},
			&cli.IntFlag{Name: "queue", Value: def.MaxQueue, Usage: "jumlah unggahan yang boleh menunggu giliran"},
			&cli.DurationFlag{Name: "queue-wait", Value: def.QueueWait, Usage: "lama menunggu giliran sebelum dijawab 503"},
			&cli.DurationFlag{Name: "job-timeout", Value: def.JobTimeout, Usage: "batas waktu memproses satu unggahan"},
			&cli.DurationFlag{Name: "keep", Value: def.ResultTTL, Usage: "lama hasil dapat diunduh sebelum dihapus"},
			&cli.StringFlag{Name: "tmpdir", Usage: "folder penyimpanan sementara hasil (bawaan: folder sementara sistem)"},
		}, append(settingsFlags(), limitFlags()...)...),
		Action: func(c *cli.Context) error {
			if c.Args().Len() > 0 {
				return fmt.Errorf("perintah salah: serve tidak menerima nama berkas")
			}
			cfg := def
			settings, err := settingsFrom(c)
			if err != nil {
				return err
			}
			cfg.Settings = settings
			if cfg.Read.Limits, err = limitsFrom(c); err != nil {
				return err
			}
			cfg.Addr = c.String("addr")
			cfg.MaxRequestBytes = c.Int64("max-upload-mb") << 20
			cfg.MaxFiles = c.Int("max-files")
			cfg.MaxRekapFiles = c.Int("max-rekap-files")
			cfg.MaxJobs = c.Int("jobs")
			cfg.MaxQueue = c.Int("queue")
			cfg.QueueWait = c.Duration("queue-wait")
			cfg.JobTimeout = c.Duration("job-timeout")
			cfg.ResultTTL = c.Duration("keep")
			cfg.TempDir = c.String("tmpdir")
			log := slog.New(slog.NewJSONHandler(c.App.ErrWriter, nil))
			s, err := web.New(cfg, log)
			if err != nil {
				return err
			}
			defer s.Close()
			fmt.Fprintf(c.App.ErrWriter, "lkjip: halaman unggah di http://%s/ (hentikan dengan Ctrl+C)\n", cfg.Addr)
			return s.ListenAndServe(c.Context, 30*time.Second)
		},
	}
}
