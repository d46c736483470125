package web

import (
	"context"
	"errors"
	"time"
)

// errBusy: the queue is full or the wait for a turn ran out.
var errBusy = errors.New("server sibuk")

// limiter admits at most n jobs at once and lets at most q more wait.
type limiter struct {
	slots   chan struct{}
	waiting chan struct{}
	wait    time.Duration
}

func newLimiter(n, q int, wait time.Duration) *limiter {
	return &limiter{slots: make(chan struct{}, max(n, 1)), waiting: make(chan struct{}, max(q, 0)), wait: wait}
}

// acquire waits for a turn; release must be called when the job is done.
func (l *limiter) acquire(ctx context.Context) (release func(), err error) {
	select {
	case l.slots <- struct{}{}:
		return l.release, nil
	default:
	}
	select {
	case l.waiting <- struct{}{}:
	default:
		return nil, errBusy
	}
	defer func() { <-l.waiting }()
	t := time.NewTimer(l.wait)
	defer t.Stop()
	select {
	case l.slots <- struct{}{}:
		return l.release, nil
	case <-t.C:
		return nil, errBusy
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (l *limiter) release() { <-l.slots }
