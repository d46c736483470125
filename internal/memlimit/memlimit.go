// Package memlimit keeps lkjip's memory close to the data it holds.
//
// Go's collector lets the heap grow to twice what was live after its last
// cycle (GOGC=100) and returns freed pages to the system lazily: a report
// on a million-row DPA, whose model is some 260 MB, peaked at 380 to
// 510 MB of resident memory, depending on when the collections fell. On the machines lkjip runs on, memory is also time (a
// fresh page costs about 10 µs to fault in; docs/performance.md). Follow
// sets a soft memory limit (runtime/debug.SetMemoryLimit) that follows the
// live heap, Headroom above it and never below Floor: for a large file the
// collector then runs, and gives memory back, before the process grows far
// past its data; a small run, whose heap stays below Floor, is paced by
// GOGC alone, as before. The limit is soft: the runtime exceeds it rather
// than fail, and a file larger still raises it as its data grows.
package memlimit

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

const (
	// Floor is the lowest limit set (256 MiB): a run whose live heap stays
	// below Floor/(1+Headroom) is paced by GOGC alone.
	Floor = 256 << 20
	// Headroom is the share above the live heap the limit allows: at a
	// million rows, 0.25 keeps the report at 355-385 MB of resident
	// memory for 0.1-0.2 s more work by the collector (0.3: 383-386 MB;
	// no limit: 383-512 MB; docs/performance.md).
	Headroom = 0.25
)

// Follow starts following the live heap with Floor and Headroom, and
// returns a function that stops and puts back the limit there was before.
// When the GOMEMLIMIT environment variable is set, the user's limit
// stands: Follow changes nothing.
func Follow() (stop func()) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	return follow(Floor, Headroom)
}

// follower moves the limit after every collection, from a cleanup that
// each collection runs (runtime.AddCleanup on an object nothing keeps).
type follower struct {
	floor    int64
	headroom float64

	mu      sync.Mutex // cleanups may run side by side
	stopped bool
	sample  []metrics.Sample
}

func follow(floor int64, headroom float64) (stop func()) {
	before := debug.SetMemoryLimit(-1)
	f := &follower{floor: floor, headroom: headroom,
		sample: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
	debug.SetMemoryLimit(floor)
	f.arm()
	return func() {
		f.mu.Lock()
		defer f.mu.Unlock()
		f.stopped = true
		debug.SetMemoryLimit(before)
	}
}

// sentinel is what each collection finds unreachable; large enough not to
// be batched with other tiny objects, whose cleanups may never run.
type sentinel [64]byte

// arm asks for cycle after the next collection.
func (f *follower) arm() {
	runtime.AddCleanup(new(sentinel), (*follower).cycle, f)
}

// cycle sets the limit from the heap the last collection found live.
func (f *follower) cycle() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.stopped {
		return
	}
	metrics.Read(f.sample)
	if v := f.sample[0].Value; v.Kind() == metrics.KindUint64 {
		debug.SetMemoryLimit(max(f.floor, int64(float64(v.Uint64())*(1+f.headroom))))
	}
	f.arm()
}
