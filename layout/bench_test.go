package layout

import (
	"context"
	"fmt"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"lkjip/internal/progtest"
)

// BenchmarkReport writes the report of a large synthetic agency and reports
// rows written per second, the CPU time the process spent (garbage
// collection included; on a shared machine a steadier figure than the wall
// clock), the size of the file, and the peak of live heap
// above what the analysed result itself holds (measured in one extra run,
// outside the timing, by collecting garbage every 10 ms). Run it alone:
//
//	go test ./layout -run '^$' -bench Report -benchtime 1x
//
// The sheets are streamed (the Penyerapan rows by rowStream to a
// temporary file, the other sheets by excelize, which keeps at most 16 MiB
// of a sheet's XML in memory), the budget tree is written as it is walked
// and the file is compressed on its way out, so live memory grows with the
// findings (each comment and link is kept until the file is saved), not
// with the rows.
func BenchmarkReport(b *testing.B) {
	for _, s := range []synthSize{
		{tables: 1, programs: 10, kegiatan: 10, sub: 5, rekening: 20}, // ≈ 10 600 rows
		{tables: 2, programs: 20, kegiatan: 10, sub: 5, rekening: 50}, // ≈ 102 000 rows
		{tables: 4, programs: 20, kegiatan: 10, sub: 5, rekening: 50}, // ≈ 205 000 rows
	} {
		b.Run(fmt.Sprintf("rows=%d", s.rows()), func(b *testing.B) {
			r := synthResult(s)
			write := func() int64 {
				var w countingWriter
				if err := Report(context.Background(), r, &w, Options{Now: fixedNow()}); err != nil {
					b.Fatal(err)
				}
				return w.n
			}
			b.ReportAllocs()
			b.ResetTimer()
			cpu := progtest.ProcessCPU()
			var size int64
			for i := 0; i < b.N; i++ {
				size = write()
			}
			cpu = progtest.ProcessCPU() - cpu
			b.StopTimer()
			b.ReportMetric(float64(s.rows()*b.N)/b.Elapsed().Seconds(), "rows/s")
			b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
			b.ReportMetric(float64(size)/(1<<20), "file-MB")
			b.ReportMetric(float64(len(r.Findings)), "findings")
			b.ReportMetric(float64(peakLiveHeap(func() { write() }))/(1<<20), "live-heap-MB")
		})
	}
}

type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) {
	w.n += int64(len(p))
	return len(p), nil
}

// peakLiveHeap runs fn and returns the highest live heap seen while it
// ran, above the heap live before it: every 10 ms it collects garbage and
// reads what is left.
func peakLiveHeap(fn func()) uint64 {
	live := func() uint64 {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	base := live()
	var peak atomic.Uint64
	done, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				if v := live(); v > peak.Load() {
					peak.Store(v)
				}
			}
		}
	}()
	fn()
	close(done)
	<-stopped
	if p := peak.Load(); p > base {
		return p - base
	}
	return 0
}
