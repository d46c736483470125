package workbook

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"lkjip/calc"
)

// InputError is a problem with an input file that makes it unusable. It
// prints as one line naming the file (and the sheet and cell when known)
// and the reason in Bahasa Indonesia: `dpa.xlsx: Realisasi!D7: bukan angka`.
type InputError struct {
	Place calc.Ref
	Err   error
}

// Error is one line: control characters (a line break in a sheet name,
// an escape sequence in a file name) are shown escaped, as Go quotes them.
func (e *InputError) Error() string {
	text := e.Err.Error()
	if place := e.Place.String(); place != "" {
		text = place + ": " + text
	}
	if !strings.ContainsFunc(text, unicode.IsControl) {
		return text
	}
	var b strings.Builder
	for _, r := range text {
		if unicode.IsControl(r) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func (e *InputError) Unwrap() error { return e.Err }

// inputErr builds an InputError for a file.
func inputErr(file string, format string, args ...any) error {
	return inputErrOf(file, fmt.Errorf(format, args...))
}

// inputErrOf wraps an error as an InputError for a file.
func inputErrOf(file string, err error) error {
	return &InputError{Place: calc.FileRef(file), Err: err}
}

// Errors callers branch on.
var (
	// ErrNoTable: no table in the file was recognised.
	ErrNoTable = errors.New("tidak ada tabel yang dikenali")
	// ErrFormat: the file is not a spreadsheet lkjip can read.
	ErrFormat = errors.New("bukan berkas spreadsheet yang didukung")
	// ErrTooLarge: the file exceeds one of the configured limits (the
	// error is a *LimitError saying which).
	ErrTooLarge = errors.New("berkas melebihi batas")
	// ErrDamaged: the file is of a supported format but damaged or cut
	// short (a truncated zip, a sheet whose XML stops mid-row).
	ErrDamaged = errors.New("berkas rusak")
	// ErrEmpty: the file holds nothing at all.
	ErrEmpty = errors.New("berkas kosong (0 byte)")
	// ErrPassword: the file is encrypted and no password, or a wrong one,
	// was given.
	ErrPassword = errors.New("berkas dilindungi kata sandi")
	// ErrOwnOutput: the file is a report or a rekap lkjip wrote; its
	// figures are lkjip's, and reading them as an agency's would count
	// them twice.
	ErrOwnOutput = errors.New("berkas ini laporan atau rekap buatan lkjip sendiri, bukan berkas masukan; berikan berkas DPA, Pohon Kinerja atau capaian aslinya")
)
