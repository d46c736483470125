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

// item is one input after reading: its entry, and for a workbook its
// content, kept to be read again with the agency's other workbooks. The
// content is kept rather than the model read from it, which takes some 20
// times the memory: only an agency with several workbooks needs models,
// and those are made again one agency at a time.
type item struct {
	entry calc.Entry
	data  []byte
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
	err = forEach(ctx, len(groups), opt.Workers, func(i int) error {
		var err error
		summaries[i], err = agencySummary(ctx, items, entries, groups[i], year, opt)
		return err
	})
	if err != nil {
		return nil, err
	}
	return calc.Consolidate(year, entries, groups, summaries, opt.Settings), nil
}

// agencySummary analyses one agency: its workbooks together, so that the
// documents are cross-checked as `lkjip check` would with all of them, then
// joined with its check results. A single workbook's summary was made when
// it was read; several are read again and merged.
func agencySummary(ctx context.Context, items []item, entries []calc.Entry, g calc.Group, year int, opt Options) (calc.Summary, error) {
	var books []int
	var parts []calc.Summary
	for _, i := range g.Entries {
		if items[i].data != nil {
			books = append(books, i)
		} else {
			parts = append(parts, entries[i].Summary)
		}
	}
	switch {
	case len(books) == 1:
		parts = append([]calc.Summary{entries[books[0]].Summary}, parts...)
	case len(books) > 1:
		models := make([]*calc.Agency, len(books))
		for k, i := range books {
			a, err := workbook.Read(ctx, []workbook.File{{Name: entries[i].File, Data: items[i].data}}, opt.Read)
			if err != nil {
				return calc.Summary{}, err // read once already: only the end of ctx stops it now
			}
			models[k] = a
		}
		a := calc.MergeAgencies(models)
		a.Name, a.Year = g.Agency, year
		parts = append([]calc.Summary{calc.Summarize(calc.Analyze(a, opt.Settings))}, parts...)
	}
	sum := calc.MergeSummaries(parts)
	sum.Files = sum.Files[:0:0]
	for _, i := range g.Entries {
		sum.Files = append(sum.Files, entries[i].File)
	}
	return sum, nil
}

// forEach calls fn for 0…n-1 on a bounded pool of workers (zero means
// GOMAXPROCS), stopping at the first error or the end of ctx.
func forEach(ctx context.Context, n, workers int, fn func(i int) error) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		mu    sync.Mutex
		first error
		wg    sync.WaitGroup
	)
	next := 0
	for range min(workers, n) {
		wg.Go(func() {
			for {
				mu.Lock()
				i := next
				next++
				stop := first != nil || i >= n
				mu.Unlock()
				if stop || ctx.Err() != nil {
					return
				}
				if err := fn(i); err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
					cancel()
					return
				}
			}
		})
	}
	wg.Wait()
	if first != nil {
		return first
	}
	return ctx.Err()
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
	var mu sync.Mutex
	done := 0
	err := forEach(ctx, len(todo), opt.Workers, func(k int) error {
		i := todo[k]
		it, err := readOne(ctx, sources[i], opt)
		if err != nil {
			return err
		}
		items[i] = it
		if opt.Progress != nil {
			mu.Lock()
			done++
			opt.Progress(done, len(todo))
			mu.Unlock()
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return items, nil
}
