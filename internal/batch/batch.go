// Package batch reads many agencies' files for a consolidation: each input
// on its own and in parallel (bounded by the cores), identified by agency
// and fiscal year, grouped, analysed per agency and consolidated with
// calc.Consolidate. An input that cannot be used is recorded with its
// reason and never stops the others. Results come out in the order the
// inputs were given, whatever order the workers finish in.
//
// It is shared by `lkjip consolidate` and the upload service.
package batch

import (
	"context"
	"runtime"
	"sync"

	"lkjip/calc"
	"lkjip/workbook"
)

// Source is one input: a spreadsheet or the JSON written by `lkjip check
// --format json`. Its content is Data, or read from Path when Data is nil.
// Name is how the user knows it, used in every message and reference.
type Source struct {
	Name string
	Path string
	Data []byte
	// Skip, when set, is why a file found in a folder is not read (it is
	// listed, not consolidated).
	Skip string
}

// Options control a consolidation.
type Options struct {
	Read     workbook.Options
	Settings calc.Settings
	// Mapping overrides the agency and year found in an input's content.
	Mapping *Mapping
	// Workers is the number of inputs read at once; zero means GOMAXPROCS.
	Workers int
	// Progress, when set, is called after each input is read with the
	// number done and the number to read, from one goroutine at a time.
	Progress func(done, total int)
}

// DefaultOptions are the options used when nothing is configured.
func DefaultOptions() Options {
	return Options{Read: workbook.DefaultOptions(), Settings: calc.DefaultSettings()}
}

// item is one input after reading: its entry, and for a workbook the model
// read from it (to be merged with the agency's other workbooks).
type item struct {
	entry  calc.Entry
	agency *calc.Agency
}

// Consolidate reads every source and consolidates them. It fails only when
// the context ends or the inputs mix fiscal years (*calc.MixedYearsError);
// every other problem is an input's, recorded in its entry.
func Consolidate(ctx context.Context, sources []Source, opt Options) (*calc.Consolidation, error) {
	items, err := readAll(ctx, sources, opt)
	if err != nil {
		return nil, err
	}
	entries := make([]calc.Entry, len(items))
	for i, it := range items {
		entries[i] = it.entry
	}
	year, groups, err := calc.GroupEntries(entries)
	if err != nil {
		return nil, err
	}
	summaries := make([]calc.Summary, len(groups))
	for i, g := range groups {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		summaries[i] = agencySummary(items, entries, g, year, opt.Settings)
	}
	return calc.Consolidate(year, entries, groups, summaries, opt.Settings), nil
}

// agencySummary analyses one agency: its workbooks together, so that the
// documents are cross-checked as `lkjip check` would with all of them, then
// joined with its check results.
func agencySummary(items []item, entries []calc.Entry, g calc.Group, year int, s calc.Settings) calc.Summary {
	var books []*calc.Agency
	var book calc.Summary // the workbooks' summary
	var parts []calc.Summary
	for _, i := range g.Entries {
		if items[i].agency != nil {
			books = append(books, items[i].agency)
			book = entries[i].Summary
		} else {
			parts = append(parts, entries[i].Summary)
		}
	}
	if len(books) > 1 {
		a := calc.MergeAgencies(books)
		a.Name, a.Year = g.Agency, year
		book = calc.Summarize(calc.Analyze(a, s))
	}
	if len(books) > 0 {
		parts = append([]calc.Summary{book}, parts...)
	}
	sum := calc.MergeSummaries(parts)
	sum.Files = sum.Files[:0:0]
	for _, i := range g.Entries {
		sum.Files = append(sum.Files, entries[i].File)
	}
	return sum
}

// readAll reads the sources with a bounded pool of workers; items[i] is
// sources[i]'s.
func readAll(ctx context.Context, sources []Source, opt Options) ([]item, error) {
	items := make([]item, len(sources))
	var todo []int
	for i, src := range sources {
		if src.Skip != "" {
			items[i].entry = calc.Entry{File: src.Name, Kind: calc.EntryOther, Status: calc.EntrySkipped, Reason: src.Skip}
			continue
		}
		todo = append(todo, i)
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, max(1, len(todo)))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan int)
	done := make(chan error)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				it, err := readOne(ctx, sources[i], opt)
				items[i] = it
				done <- err
			}
		}()
	}
	go func() {
		defer close(jobs)
		for _, i := range todo {
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() {
		wg.Wait()
		close(done)
	}()
	var first error
	n := 0
	for err := range done {
		n++
		if err != nil && first == nil {
			first = err
			cancel()
		}
		if opt.Progress != nil && first == nil {
			opt.Progress(n, len(todo))
		}
	}
	if first == nil {
		first = ctx.Err()
	}
	if first != nil {
		return nil, first
	}
	return items, nil
}
