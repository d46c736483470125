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
}

// DefaultLimits suit a kabupaten's files with a wide margin: 100 MiB per
// file, 1 GiB unpacked, 1 048 576 rows (Excel's own limit), 512 columns.
func DefaultLimits() Limits {
	return Limits{
		MaxBytes:    100 << 20,
		MaxInflated: 1 << 30,
		MaxRows:     1 << 20,
		MaxCols:     512,
	}
}
