package web

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"path"
	"strings"
	"unicode"

	"lkjip/workbook"
)

// httpError is a request problem with the status and the message (in
// Bahasa Indonesia) the user sees.
type httpError struct {
	status int
	msg    string
}

func (e *httpError) Error() string { return e.msg }

func tooLarge(limit int64) error {
	return &httpError{http.StatusRequestEntityTooLarge,
		fmt.Sprintf("Unggahan terlalu besar: batasnya %s per kiriman.", byteSize(limit))}
}

// readUpload reads the files of a multipart upload (field "files") into
// memory, within the request-size limit and at most maxFiles files.
func readUpload(w http.ResponseWriter, r *http.Request, cfg Config, maxFiles int) ([]workbook.File, error) {
	if r.ContentLength > cfg.MaxRequestBytes {
		return nil, tooLarge(cfg.MaxRequestBytes)
	}
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "multipart/form-data" {
		return nil, &httpError{http.StatusBadRequest, "Kirim berkas dengan formulir unggah (multipart/form-data, kolom \"files\")."}
	}
	r.Body = http.MaxBytesReader(w, r.Body, cfg.MaxRequestBytes)
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, &httpError{http.StatusBadRequest, "Kiriman tidak dapat dibaca sebagai formulir unggah."}
	}
	var files []workbook.File
	seen := map[string]int{}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, uploadErr(err, cfg)
		}
		if part.FormName() != "files" || part.FileName() == "" {
			part.Close()
			continue
		}
		if len(files) == maxFiles {
			return nil, &httpError{http.StatusBadRequest,
				fmt.Sprintf("Terlalu banyak berkas: paling banyak %d berkas per kiriman.", maxFiles)}
		}
		data, err := io.ReadAll(part)
		part.Close()
		if err != nil {
			return nil, uploadErr(err, cfg)
		}
		name := displayName(part.FileName())
		if n := seen[name]; n > 0 {
			seen[name] = n + 1
			name = fmt.Sprintf("%s (%d)", name, n+1)
		} else {
			seen[name] = 1
		}
		files = append(files, workbook.File{Name: name, Data: data})
	}
	if len(files) == 0 {
		return nil, &httpError{http.StatusBadRequest, "Tidak ada berkas yang diunggah. Pilih satu atau beberapa berkas spreadsheet."}
	}
	return files, nil
}

// uploadErr words a failure while reading the upload.
func uploadErr(err error, cfg Config) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return tooLarge(cfg.MaxRequestBytes)
	}
	return &httpError{http.StatusBadRequest, "Unggahan terputus atau rusak; silakan ulangi."}
}

// displayName keeps only the base of an uploaded file's name, without
// control characters, for use in messages and cell references. It is
// never used as a path.
func displayName(name string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	name = path.Base(name)
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, name)
	if r := []rune(name); len(r) > 120 {
		name = string(r[:120])
	}
	if name == "" || name == "." || name == "/" {
		name = "berkas"
	}
	return name
}

// byteSize writes a size for people: "100 MB".
func byteSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d byte", n)
}
