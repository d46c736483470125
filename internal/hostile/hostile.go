// Package hostile makes the broken and hostile input files that lkjip must
// refuse cleanly, or read safely (docs/security.md). Small ones are
// committed under workbook/testdata/bad (rewritten by
// `go test ./workbook -run TestBadCorpus -update`); big ones are made by
// the tests that need them. Nothing here imports lkjip's own packages, so
// that every package's tests may use it.
package hostile

import (
	"os"
	"path/filepath"
	"time"
)

// Outcome is what lkjip must do with a case's file.
type Outcome int

const (
	// Refuse: exit status 2 and one line on stderr naming the file and
	// the reason; no output file.
	Refuse Outcome = iota
	// Read: read it (exit status 0 or 1) and write the outputs.
	Read
)

// Case is one broken or hostile input.
type Case struct {
	// Name names the case in tests; unique.
	Name string
	// File is the file's name, as a user would have it.
	File string
	// About says what the file is.
	About string
	// Big files are too large to commit: tests make them.
	Big bool
	// Make builds the file's content.
	Make func() []byte
	// Want is what lkjip must do with it.
	Want Outcome
	// Reason is a phrase the refusal must hold (Bahasa Indonesia).
	Reason string
	// Password is given when set (--password).
	Password string
	// Time, when set, is the time limit to read with (--time-limit).
	Time time.Duration
	// Payloads are texts from the file that every output must hold as
	// text, never as a formula.
	Payloads []string
}

// Content is the case's file: made now for a big one, else read from
// dir, the folder of the committed files (workbook/testdata/bad).
func (c Case) Content(dir string) ([]byte, error) {
	if c.Big {
		return c.Make(), nil
	}
	return os.ReadFile(filepath.Join(dir, c.File))
}

// Cases lists every case, in a fixed order.
func Cases() []Case {
	var out []Case
	for _, group := range [][]Case{damaged(), bombs(), limits(), passwords(), formulas(), names(), texts()} {
		out = append(out, group...)
	}
	return out
}

// XLSX packs one worksheet's XML, and a shared-string table when sst is
// not empty, as an .xlsx: for fuzzing what lies inside a sound package.
func XLSX(sheet, sst string) []byte {
	return xlsxOf([]xlsxSheet{{"Realisasi", sheet}}, sst)
}

// ODS packs content.xml as an .ods.
func ODS(content string) []byte {
	return zipOf(
		part{name: "mimetype", data: []byte("application/vnd.oasis.opendocument.spreadsheet")},
		part{name: "content.xml", data: []byte(content)},
	)
}

// XLS packs a BIFF8 Workbook stream as an OLE file (at most 63 KiB).
func XLS(stream []byte) []byte { return oleOf("Workbook", stream) }

// SheetXML is a worksheet around sheetData rows.
func SheetXML(rows string) string { return sheetXML(rows, "") }

// ODSContent is content.xml around tables.
func ODSContent(tables string) string { return odsContent(tables) }
