package memlimit

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// limitReaches collects until the soft limit satisfies ok, or fails after
// a few seconds: the limit is moved by a cleanup, which runs on its own
// goroutine after the collection.
func limitReaches(t *testing.T, what string, ok func(limit int64) bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !ok(debug.SetMemoryLimit(-1)) {
		if time.Now().After(deadline) {
			t.Fatalf("the limit never %s: it is %d", what, debug.SetMemoryLimit(-1))
		}
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
}

func TestFollow(t *testing.T) {
	const floor = 16 << 20
	before := debug.SetMemoryLimit(-1)
	stop := follow(floor, 0.5)
	assert.Equal(t, int64(floor), debug.SetMemoryLimit(-1), "starts at the floor")

	// A live heap well above the floor lifts the limit to it and its
	// headroom, and no further.
	held := make([]byte, 64<<20)
	for i := range held {
		held[i] = 1
	}
	limitReaches(t, "rose above the live heap", func(l int64) bool { return l >= 96<<20 })
	assert.Less(t, debug.SetMemoryLimit(-1), int64(128<<20), "headroom of a half over 64 MiB live")
	runtime.KeepAlive(held)

	// Once the heap is let go, the limit comes back down to the floor.
	limitReaches(t, "came back to the floor", func(l int64) bool { return l == floor })

	stop()
	assert.Equal(t, before, debug.SetMemoryLimit(-1), "stop puts back the limit before")
	runtime.GC()
	time.Sleep(20 * time.Millisecond)
	assert.Equal(t, before, debug.SetMemoryLimit(-1), "a stopped follower moves nothing")
}

func TestFollowLeavesGOMEMLIMIT(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "1GiB")
	before := debug.SetMemoryLimit(-1)
	stop := Follow()
	defer stop()
	require.Equal(t, before, debug.SetMemoryLimit(-1))
}
