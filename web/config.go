package web

import (
	"runtime"
	"time"

	"lkjip/calc"
	"lkjip/workbook"
)

// Config holds the service's limits and settings. Start from
// DefaultConfig; every field has a safe default.
type Config struct {
	// Addr is the address to listen on.
	Addr string
	// MaxRequestBytes is the largest request body accepted; larger
	// uploads are refused with 413.
	MaxRequestBytes int64
	// MaxFiles is the most files one agency's upload may carry;
	// MaxRekapFiles the most a consolidation of many agencies may.
	MaxFiles      int
	MaxRekapFiles int
	// MaxJobs is the number of uploads processed at once; MaxQueue more
	// may wait up to QueueWait for a turn before getting 503.
	MaxJobs   int
	MaxQueue  int
	QueueWait time.Duration
	// JobTimeout bounds the time one upload may take to process.
	JobTimeout time.Duration
	// ResultTTL is how long results stay downloadable before deletion.
	ResultTTL time.Duration
	// TempDir is where results are kept; "" means the system's.
	TempDir string
	// Read bounds each uploaded file (size, unpacked size, rows, columns).
	Read workbook.Options
	// Settings choose how agencies are judged, as the CLI's --config and
	// flags do.
	Settings calc.Settings
}

// DefaultConfig: 100 MiB per request, 20 files per agency (500 for a
// consolidation), one job per core with 64
// waiting up to 30 s, 2 minutes per job, results kept 30 minutes.
func DefaultConfig() Config {
	return Config{
		Addr:            "127.0.0.1:8080",
		MaxRequestBytes: 100 << 20,
		MaxFiles:        20,
		MaxRekapFiles:   500,
		MaxJobs:         runtime.GOMAXPROCS(0),
		MaxQueue:        64,
		QueueWait:       30 * time.Second,
		JobTimeout:      2 * time.Minute,
		ResultTTL:       30 * time.Minute,
		Read:            workbook.DefaultOptions(),
		Settings:        calc.DefaultSettings(),
	}
}
