package workbook

// Limits bound what one input may cost. Every limit is explicit and can be
// raised by flags; a file beyond one is refused with ErrTooLarge.
type Limits struct {
	// MaxBytes is the largest input file accepted, in bytes.
	MaxBytes int64
	// MaxInflated is the most a compressed workbook may unpack to, in bytes.
	MaxInflated int64
	// MaxRows is the most rows a sheet may have.
	MaxRows int
	// MaxCols is the most columns a row may use.
	MaxCols int
	// MaxCells is the most cell slots (empty ones between filled ones
	// included) one file may unpack to, whatever repeat counts it holds.
	MaxCells int
}

// DefaultLimits suit a kabupaten's files with a wide margin: 100 MiB per
// file, 1 GiB unpacked, 1 048 576 rows (Excel's own limit), 512 columns,
// 10 million cells (about half a gigabyte of memory).
func DefaultLimits() Limits {
	return Limits{
		MaxBytes:    100 << 20,
		MaxInflated: 1 << 30,
		MaxRows:     1 << 20,
		MaxCols:     512,
		MaxCells:    10_000_000,
	}
}

// cellBudget counts the cell slots a file has unpacked against MaxCells.
type cellBudget struct {
	file        string
	left, limit int
}

func newCellBudget(file string, lim Limits) *cellBudget {
	return &cellBudget{file: file, left: lim.MaxCells, limit: lim.MaxCells}
}

// take accounts for n more cell slots, failing beyond the limit.
func (b *cellBudget) take(n int) error {
	b.left -= n
	if b.left < 0 {
		return inputErr(b.file, "%w: lebih dari %d sel", ErrTooLarge, b.limit)
	}
	return nil
}
