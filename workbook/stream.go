package workbook

import (
	"context"
	"errors"
	"reflect"

	"lkjip/calc"
	"lkjip/internal/xlsx"
)

// streamed is what streamXLSX read from one file.
type streamed struct {
	agency *calc.Agency // what the file's tables hold, to add to the agency read
	in     calc.Input
	info   docInfo
	titles []string
}

// errGaveUp ends the streamed reading of a sheet (streamXLSX).
var errGaveUp = errors.New("dibaca ulang dengan cara biasa")

// streamXLSX reads an .xlsx file as readFile does, but maps each sheet's
// rows while the rest of the sheet is still being unpacked, instead of
// after the whole workbook is in memory: on two cores the mapping then
// costs little time, and the rows it has passed are let go at once.
//
// The mapping needs a sheet's merged ranges, which the file stores after
// the rows, so they are read first in a quick pass of their own
// (xlsx.SheetLayout) on another goroutine. streamXLSX gives up (ok false)
// whenever its result could differ from reading the whole workbook first:
// a formula without a stored result (evaluated once every sheet is read),
// rows out of order, a text longer than the limit, the layout read ahead
// not being the one read with the rows, lkjip's own sheets or outputs, any
// error. The caller then reads the file the usual way, which also words
// the error. Only the end of ctx is returned as an error.
func streamXLSX(ctx context.Context, f File, opt Options) (r streamed, ok bool, err error) {
	r.in.File = f.Name
	defer func() {
		if p := recover(); p != nil { // the usual reading words it
			r, ok, err = streamed{in: calc.Input{File: f.Name}}, false, nil
		}
	}()
	lim := opt.Limits
	b, err := openXLSX(f.Name, f.Data, lim)
	if err != nil {
		return r, false, ctx.Err()
	}
	r.info = propsInfo(b.Props)
	if r.info.ownOutput() {
		return r, false, nil
	}
	r.agency = &calc.Agency{}
	budget := newCellBudget(f.Name, lim)
	merged := 0 // cells of merged ranges, counted as checkSheets counts them
	for i, bs := range b.Sheets {
		want := opt.Override.wantSheet(bs.Name)
		if want && koreksiNamed(bs.Name) {
			return r, false, nil
		}
		ss := &sheetStream{lim: lim, a: r.agency, o: opt.Override}
		s, err := ss.read(ctx, b, i, f.Name, budget, want)
		if err != nil {
			return r, false, ctx.Err()
		}
		merged += mergedSlots(s)
		if want {
			res := ss.sr.finish()
			res.addTo(&r.in, s.Name)
			r.titles = append(r.titles, res.titles...)
		}
	}
	if merged > budget.left || len(r.in.Tables) == 0 { // over MaxCells with the merges
		return r, false, nil
	}
	return r, true, nil
}

// streamMinBytes is the size from which an .xlsx file is streamed. A
// smaller one is read in a few milliseconds either way, and streaming
// unpacks each sheet twice: in a consolidation, where every core already
// reads a file of its own, that is a tenth more work for nothing.
const streamMinBytes = 1 << 20

// aheadLayout is a sheet's layout read ahead of its rows.
type aheadLayout struct {
	lay *xlsx.Layout
	err error
}

// sheetStream maps the rows of one sheet as they are read.
type sheetStream struct {
	lim   Limits
	a     *calc.Agency
	o     Override
	ahead chan aheadLayout // nil for a sheet that is read but not mapped
	lay   *xlsx.Layout     // the layout read ahead, once it is there
	sr    *sheetReading
	last  int // the last row read
}

// read reads sheet i, mapping its rows as they come when want is true.
func (ss *sheetStream) read(ctx context.Context, b *xlsx.Book, i int, file string, budget *cellBudget, want bool) (*sheet, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	if want {
		ss.ahead = make(chan aheadLayout, 1)
		go func() {
			lay, err := b.SheetLayout(ctx, i)
			ss.ahead <- aheadLayout{lay, err}
		}()
	}
	s, lay, err := readXLSXSheet(ctx, b, i, file, budget, ss.added)
	switch {
	case err != nil:
		return nil, err
	case want:
		return s, ss.end(s, lay)
	}
	s.setLayout(lay, s.width())
	s.clampMerges(ss.lim)
	return s, nil
}

// added checks a batch of rows just put on the sheet and maps the rows
// that no longer need rows below them, once the layout is known.
func (ss *sheetStream) added(s *sheet, batch *cellBatch) error {
	for _, br := range batch.rows {
		if br.r <= ss.last {
			return errGaveUp // out of order: a row already mapped may change
		}
		ss.last = br.r
		for _, c := range s.row(br.r) {
			if c.NoCache || len(c.Text) > ss.lim.MaxText || len(c.Formula) > ss.lim.MaxText {
				return errGaveUp
			}
		}
	}
	if ss.ahead == nil {
		return nil
	}
	if ss.sr == nil {
		select {
		case a := <-ss.ahead:
			if err := ss.start(s, a); err != nil {
				return err
			}
		default:
			return nil // rows wait on the sheet until the layout is read
		}
	}
	ss.sr.advance(ss.last - lookahead)
	return nil
}

// start begins mapping once the layout read ahead is there.
func (ss *sheetStream) start(s *sheet, a aheadLayout) error {
	if a.err != nil || len(a.lay.Cols) > maxStreamCols {
		return errGaveUp
	}
	ss.lay = a.lay
	width := 0
	for _, c := range a.lay.Cols {
		width = max(width, min(c.Max, ss.lim.MaxCols))
	}
	s.setLayout(a.lay, width)
	s.clampMerges(ss.lim)
	ss.sr = newSheetReading(s, ss.a, ss.o)
	s.recycle = true // rows are let go while others are still to come
	return nil
}

// maxStreamCols is the most <col> entries a streamed sheet may have:
// working out which columns are hidden costs their number times the
// columns they cover.
const maxStreamCols = 256

// end checks, once every row is read, that the layout read ahead is the
// one read with the rows (finish maps the rows left).
func (ss *sheetStream) end(s *sheet, lay *xlsx.Layout) error {
	if ss.sr == nil {
		if err := ss.start(s, <-ss.ahead); err != nil {
			return err
		}
	}
	if !reflect.DeepEqual(ss.lay, lay) {
		return errGaveUp
	}
	return nil
}
