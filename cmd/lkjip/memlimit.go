package main

import (
	"math"
	"os"
	"runtime/debug"
)

// Soft memory limit of a report run. The model of a DPA takes about 20
// times its .xlsx file in memory, and with the garbage collector's
// default pacing the heap grows to twice what is live before it is
// collected; a soft limit of about 1.5 times the live model keeps the peak
// near what is needed, for more frequent collections (200 k rows, 8 MB:
// peak RSS ≈330 MB -> ≈235 MB; 1 M rows, 40 MB: ≈1.6 GB -> ≈1.1 GB; the
// CPU time it adds is within the noise of a shared machine). It is soft:
// a workbook that needs more still gets it (the runtime then spends at
// most half the CPU time collecting), and GOMEMLIMIT, when set, wins.
const (
	memPerInputByte = 30
	minMemoryLimit  = 192 << 20
)

// softMemoryLimit sets the soft memory limit for reading and reporting on
// the files at paths, and returns the function that restores the previous
// one.
func softMemoryLimit(paths []string) (restore func()) {
	if os.Getenv("GOMEMLIMIT") != "" || len(paths) == 0 {
		return func() {}
	}
	var size int64
	for _, p := range paths {
		if fi, err := os.Stat(p); err == nil {
			size += fi.Size()
		}
	}
	limit := int64(minMemoryLimit)
	if size > (math.MaxInt64-limit)/memPerInputByte {
		return func() {}
	}
	limit = max(limit, memPerInputByte*size)
	prev := debug.SetMemoryLimit(limit)
	return func() { debug.SetMemoryLimit(prev) }
}
