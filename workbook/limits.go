package workbook

import (
	"fmt"
	"time"
)

// Limits bound what one input may cost. Every limit is explicit, documented
// in docs/security.md, and can be raised by flags; a file beyond one is
// refused with a *LimitError (errors.Is(err, ErrTooLarge) holds).
type Limits struct {
	// MaxBytes is the largest input file accepted, in bytes.
	MaxBytes int64
	// MaxInflated is the most a compressed workbook (.xlsx, .ods) may
	// unpack to, all its parts together, in bytes; also the most of a
	// .xls file's Workbook stream that is read.
	MaxInflated int64
	// MaxRows is the most rows a sheet may have.
	MaxRows int
	// MaxCols is the most columns a row may use.
	MaxCols int
	// MaxCells is the most cell slots (empty ones between filled ones
	// included, and the columns merged ranges cover) one file may unpack
	// to, whatever repeat counts it holds.
	MaxCells int
	// MaxStrings is the most entries a workbook's shared-string table
	// (.xlsx, .xls) may have.
	MaxStrings int
	// MaxText is the most characters one cell's text may have (Excel's
	// own limit is 32 767).
	MaxText int
	// Time is the most time reading one file may take; zero means no
	// limit. It is checked between steps (rows, sheets, parts), so a
	// reader stops soon after it passes.
	Time time.Duration
}

// DefaultLimits suit a kabupaten's files with a wide margin: 100 MiB per
// file, 256 MiB unpacked, 1 048 576 rows (Excel's own limit), 512 columns,
// 10 million cells, 2 million shared strings, 32 767 characters per cell
// (Excel's limit), 2 minutes per file.
func DefaultLimits() Limits {
	return Limits{
		MaxBytes:    100 << 20,
		MaxInflated: 256 << 20,
		MaxRows:     1 << 20,
		MaxCols:     512,
		MaxCells:    10_000_000,
		MaxStrings:  2_000_000,
		MaxText:     32767,
		Time:        2 * time.Minute,
	}
}

// Limit names one of the limits, so that a caller can tell the user which
// setting to raise.
type Limit string

// The limits, one per field of Limits.
const (
	LimitBytes    Limit = "bytes"
	LimitInflated Limit = "inflated"
	LimitRows     Limit = "rows"
	LimitCols     Limit = "cols"
	LimitCells    Limit = "cells"
	LimitStrings  Limit = "strings"
	LimitText     Limit = "text"
	LimitTime     Limit = "time"
)

// LimitError is a file beyond one of the limits. Detail says what was
// found and the limit, in Bahasa Indonesia.
type LimitError struct {
	Limit  Limit
	Detail string
}

func (e *LimitError) Error() string { return ErrTooLarge.Error() + ": " + e.Detail }

// Is makes errors.Is(err, ErrTooLarge) hold for every limit.
func (e *LimitError) Is(target error) bool { return target == ErrTooLarge }

// limitErr builds the InputError of a file beyond a limit.
func limitErr(file string, l Limit, format string, args ...any) error {
	return inputErrOf(file, &LimitError{Limit: l, Detail: fmt.Sprintf(format, args...)})
}

// tooLarge reports a sheet beyond a count limit.
func tooLarge(file, sheetName string, l Limit, what string, n, limit int) error {
	return limitErr(file, l, "lembar %q %s (batas %d)", sheetName, fmt.Sprintf(what, n), limit)
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
		return limitErr(b.file, LimitCells, "lebih dari %d sel", b.limit)
	}
	return nil
}

// mib shows a byte count as the flags take it, in mebibytes, or in bytes
// when it is not a whole number of them.
func mib(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%d byte", n)
}
