package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"path"
	"regexp"
	"strconv"
	"strings"

	"lkjip/calc"
	"lkjip/workbook"
)

// Corrected copies (docs/correct.md): the upload page's result offers a
// corrected copy of every uploaded file; POST /api/correct returns the
// copy of the first file, the others being read alongside it (a DPA in
// another file) and not copied.

// want says what an upload is processed into besides the check's JSON.
type want struct {
	report bool
	// copies says which files get corrected copies: all of them, the
	// first, or none.
	copies copyScope
}

// copyScope is which uploaded files get a corrected copy.
type copyScope uint8

const (
	noCopies copyScope = iota
	firstCopy
	allCopies
)

// targets lists the files a scope copies.
func (c copyScope) targets(files []workbook.File) []string {
	var out []string
	for i, f := range files {
		if c == allCopies || (c == firstCopy && i == 0) {
			out = append(out, f.Name)
		}
	}
	return out
}

// correctFiles writes the corrected copies an upload asks for, from the
// agency already read. On the upload page a copy that cannot be made
// leaves the page without copies (and a line in the log), not without its
// findings; the API says why with 422.
func (s *Server) correctFiles(ctx context.Context, files []workbook.File, a *calc.Agency, scope copyScope) ([]workbook.Copy, error) {
	if scope == noCopies {
		return nil, nil
	}
	copies, err := workbook.Correct(ctx, files, workbook.CorrectOptions{Read: s.cfg.Read, Settings: s.cfg.Settings,
		Files: scope.targets(files), Agency: a})
	var ie *workbook.InputError
	switch {
	case err == nil || ctx.Err() != nil:
		return copies, err
	case scope == allCopies:
		s.log.Warn("corrected copy not made") // the reason names the file: not logged (docs/web.md)
		return nil, nil
	case errors.As(err, &ie):
		return nil, &httpError{http.StatusUnprocessableEntity, ie.Error()}
	}
	return nil, err
}

// copyEntry is one stored corrected copy, as the result page lists it and
// its download is named (koreksi.json).
type copyEntry struct {
	Stored      string `json:"stored"`   // the stored file: koreksi-1.xlsx
	Download    string `json:"download"` // the name it downloads as: dpa-koreksi.xlsx
	File        string `json:"file"`     // the uploaded file it copies
	Corrections int    `json:"corrections"`
	Errors      int    `json:"errors"`
	Warnings    int    `json:"warnings"`
	Rebuilt     string `json:"rebuilt,omitempty"`
	Unchanged   bool   `json:"unchanged,omitempty"`
}

// storedCopy matches the stored names of corrected copies.
var storedCopy = regexp.MustCompile(`^koreksi-[0-9]{1,4}\.xls[xm]$`)

// copyEntries names and describes the copies of an upload for storing.
func copyEntries(copies []workbook.Copy) ([]copyEntry, map[string][]byte) {
	var list []copyEntry
	files := map[string][]byte{}
	for i, c := range copies {
		e := copyEntry{Stored: "koreksi-" + strconv.Itoa(i+1) + c.Ext(), Download: downloadName(c.File, c.Ext()),
			File: c.File, Corrections: len(c.Corrections), Rebuilt: c.Rebuilt, Unchanged: c.Unchanged}
		n := calc.CountFindings(c.Review) // Review holds errors and warnings only
		e.Errors, e.Warnings = n.Error, n.Warning
		list = append(list, e)
		files[e.Stored] = c.Data
	}
	return list, files
}

// downloadName is the name a copy downloads as: the uploaded file's name
// with "-koreksi" and the copy's extension ("dpa-koreksi.xlsx").
func downloadName(file, ext string) string {
	base := path.Base(file)
	return strings.TrimSuffix(base, path.Ext(base)) + "-koreksi" + ext
}

// attachment is the Content-Disposition of a download (the name quoted or
// encoded as RFC 6266 requires).
func attachment(name string) string {
	if v := mime.FormatMediaType("attachment", map[string]string{"filename": name}); v != "" {
		return v
	}
	return `attachment; filename="koreksi.xlsx"`
}

// xlsmType is the content type of a workbook with macros.
const xlsmType = "application/vnd.ms-excel.sheet.macroEnabled.12"

// copyType is the content type of a stored copy.
func copyType(name string) string {
	if strings.HasSuffix(name, ".xlsm") {
		return xlsmType
	}
	return xlsxType
}

// apiCorrect returns the corrected copy of the first uploaded file; the
// headers say what it holds.
func (s *Server) apiCorrect(w http.ResponseWriter, r *http.Request) {
	o, err := s.upload(w, r, want{copies: firstCopy})
	if err != nil {
		s.apiError(w, err)
		return
	}
	list, files := copyEntries(o.copies)
	e := list[0]
	w.Header().Set("Content-Type", copyType(e.Stored))
	w.Header().Set("Content-Disposition", attachment(e.Download))
	w.Header().Set("X-Lkjip-Sel-Diperbaiki", strconv.Itoa(e.Corrections))
	w.Header().Set("X-Lkjip-Kesalahan-Tersisa", strconv.Itoa(e.Errors))
	w.Header().Set("X-Lkjip-Peringatan-Tersisa", strconv.Itoa(e.Warnings))
	if e.Rebuilt != "" {
		w.Header().Set("X-Lkjip-Dibuat-Ulang", e.Rebuilt)
	}
	w.Write(files[e.Stored])
}

// storeCopies adds an upload's corrected copies and their list to the
// files stored for its result page.
func storeCopies(files map[string][]byte, copies []workbook.Copy) error {
	if len(copies) == 0 {
		return nil
	}
	list, data := copyEntries(copies)
	for name, b := range data {
		files[name] = b
	}
	b, err := json.Marshal(list)
	if err != nil {
		return err
	}
	files[fileKoreksiList] = b
	return nil
}

// storedCopies reads the list of a result's corrected copies; none when it
// has no list.
func (s *Server) storedCopies(token string) []copyEntry {
	p, err := s.store.path(token, fileKoreksiList)
	if err != nil {
		return nil
	}
	var list []copyEntry
	if err := readJSONFile(p, &list); err != nil {
		return nil
	}
	return list
}

// downloadCopy serves a stored corrected copy under its download name.
func (s *Server) downloadCopy(w http.ResponseWriter, r *http.Request, token, name string) {
	for _, e := range s.storedCopies(token) {
		if e.Stored != name {
			continue
		}
		p, err := s.store.path(token, name)
		if err != nil {
			break
		}
		w.Header().Set("Content-Type", copyType(name))
		w.Header().Set("Content-Disposition", attachment(e.Download))
		http.ServeFile(w, r, p)
		return
	}
	s.pageError(w, r, &httpError{http.StatusNotFound, errNoResult.Error() + "; silakan unggah ulang."})
}

// resultWithCopies is the result page with the corrected copies listed.
type resultWithCopies struct {
	resultPage
	Copies []copyEntry
}

// Summary says in a phrase what a copy holds.
func (e copyEntry) Summary() string {
	var s string
	switch {
	case e.Unchanged:
		s = "tidak ada yang perlu diperbaiki lagi (salinan sama dengan berkas)"
	case e.Corrections == 0:
		s = "tidak ada sel yang diperbaiki"
	default:
		s = fmt.Sprintf("%d sel diperbaiki", e.Corrections)
	}
	s += fmt.Sprintf("; perlu diperiksa petugas: %d kesalahan, %d peringatan", e.Errors, e.Warnings)
	if e.Rebuilt != "" {
		s += fmt.Sprintf("; berkas %s dibuat ulang sebagai .xlsx dari nilainya", strings.ToUpper(e.Rebuilt))
	}
	return s
}
