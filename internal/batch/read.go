package batch

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"lkjip/calc"
	"lkjip/workbook"
)

// readOne reads and identifies one input. An unusable input gives a failed
// entry, never an error: the error is only for the end of the context.
func readOne(ctx context.Context, src Source, opt Options) (item, error) {
	failed := func(kind calc.EntryKind, err error) item {
		return item{entry: calc.Entry{File: src.Name, Kind: kind, Status: calc.EntryFailed, Reason: reasonOf(err, src.Name, src.Path)}}
	}
	if err := ctx.Err(); err != nil {
		return item{}, err
	}
	kind := calc.EntryWorkbook // until the content says otherwise
	if strings.EqualFold(filepath.Ext(src.Name), ".json") {
		kind = calc.EntryCheckJSON
	}
	data := src.Data
	if data == nil {
		f, err := workbook.Load(src.Path, opt.Read.Limits)
		if err != nil {
			return failed(kind, err), nil
		}
		data = f.Data
	}
	if lim := opt.Read.Limits.MaxBytes; int64(len(data)) > lim {
		return failed(kind, fmt.Errorf("%w: ukuran %d byte (batas %d byte)", workbook.ErrTooLarge, len(data), lim)), nil
	}
	sum := sha256.Sum256(data)
	digest := hex.EncodeToString(sum[:])
	var it item
	if looksJSON(data) {
		s, err := readCheckJSON(src.Name, data)
		if err != nil {
			return failed(calc.EntryCheckJSON, err), nil
		}
		it.entry = calc.Entry{File: src.Name, Kind: calc.EntryCheckJSON, Summary: s}
	} else {
		a, err := workbook.Read(ctx, []workbook.File{{Name: src.Name, Data: data}}, opt.Read)
		if err != nil {
			if ctx.Err() != nil {
				return item{}, ctx.Err()
			}
			if errors.Is(err, workbook.ErrOwnOutput) { // an earlier rekap or report left in the folder
				return item{entry: calc.Entry{File: src.Name, Kind: calc.EntryOther, Status: calc.EntrySkipped,
					Reason: "laporan atau rekap buatan lkjip sendiri (dilewati)"}}, nil
			}
			return failed(calc.EntryWorkbook, err), nil
		}
		it.data = data
		it.entry = calc.Entry{File: src.Name, Kind: calc.EntryWorkbook, Summary: calc.Summarize(calc.Analyze(a, opt.Settings))}
	}
	it.entry.Digest = digest
	it.entry.Agency, it.entry.Year = identify(src.Name, it.entry.Summary.Agency, it.entry.Summary.Year, opt.Mapping)
	switch {
	case it.entry.Agency == "":
		return failed(it.entry.Kind, errors.New("nama perangkat daerah tidak ditemukan di judul tabel, properti dokumen, maupun nama berkas; "+
			"tuliskan di berkas pemetaan (--map)")), nil
	case it.entry.Year == 0:
		return failed(it.entry.Kind, errors.New("tahun anggaran tidak ditemukan di judul tabel, properti dokumen, maupun nama berkas; "+
			"tuliskan di berkas pemetaan (--map)")), nil
	}
	return it, nil
}

// reasonOf is an error's text without the file name (or path) the reader
// already put in front of it: the Berkas sheet and the failed list name the
// file apart.
func reasonOf(err error, names ...string) string {
	text := err.Error()
	for _, n := range names {
		if n != "" {
			text = strings.TrimPrefix(text, n+": ")
		}
	}
	return text
}

// looksJSON reports whether a file is JSON rather than a spreadsheet: its
// first non-blank character opens an object.
func looksJSON(data []byte) bool {
	t := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n")
	return len(t) > 0 && t[0] == '{'
}

// checkDocument is what tells a check result from other JSON: the fields
// that every check result has, and the one a consolidation has.
type checkDocument struct {
	calc.JSONResult
	Totals   *calc.JSONAmounts `json:"totals"`
	Inputs   *[]calc.JSONInput `json:"inputs"`
	Agencies json.RawMessage   `json:"agencies"`
}

// readCheckJSON reads the JSON written by `lkjip check --format json`.
func readCheckJSON(name string, data []byte) (calc.Summary, error) {
	var doc checkDocument
	if err := json.Unmarshal(data, &doc); err != nil {
		return calc.Summary{}, fmt.Errorf("JSON tidak dapat dibaca: %v", err)
	}
	switch {
	case doc.Agencies != nil:
		return calc.Summary{}, errors.New("ini hasil lkjip consolidate, bukan hasil lkjip check --format json")
	case doc.Totals == nil || doc.Inputs == nil:
		return calc.Summary{}, errors.New("JSON ini bukan hasil lkjip check --format json (tidak ada \"totals\" dan \"inputs\")")
	}
	doc.JSONResult.Totals, doc.JSONResult.Inputs = *doc.Totals, *doc.Inputs
	s, err := calc.SummaryFromJSON(doc.JSONResult, name)
	if err != nil {
		return calc.Summary{}, fmt.Errorf("hasil check tidak sah: %w", err)
	}
	return s, nil
}
