package workbook

import (
	"errors"
	"fmt"

	"lkjip/calc"
)

// InputError is a problem with an input file that makes it unusable. It
// prints as one line naming the file (and the sheet and cell when known)
// and the reason in Bahasa Indonesia: `dpa.xlsx: Realisasi!D7: bukan angka`.
type InputError struct {
	Place calc.Ref
	Err   error
}

func (e *InputError) Error() string {
	place := e.Place.String()
	if place == "" {
		return e.Err.Error()
	}
	return place + ": " + e.Err.Error()
}

func (e *InputError) Unwrap() error { return e.Err }

// inputErr builds an InputError for a file.
func inputErr(file string, format string, args ...any) error {
	return &InputError{Place: calc.Ref{File: file}, Err: fmt.Errorf(format, args...)}
}

// Errors callers branch on.
var (
	// ErrNoTable: no table in the file was recognised.
	ErrNoTable = errors.New("tidak ada tabel yang dikenali")
	// ErrFormat: the file is not a spreadsheet lkjip can read.
	ErrFormat = errors.New("bukan berkas spreadsheet yang didukung")
	// ErrTooLarge: the file exceeds one of the configured limits.
	ErrTooLarge = errors.New("berkas melebihi batas")
)
