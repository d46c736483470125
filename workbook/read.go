package workbook

import (
	"context"
	"errors"
	"io"
	"os"
	"strconv"
	"strings"

	"lkjip/calc"
)

// File is an input file: its name as the user gave it (used in every
// reference to its cells) and its content.
type File struct {
	Name string
	Data []byte
}

// Options control reading.
type Options struct {
	Limits Limits
	// Override names the sheet, header row and columns when detection
	// guesses wrong.
	Override Override
	// Password opens encrypted .xlsx files.
	Password string
}

// DefaultOptions are the options used when nothing is configured.
func DefaultOptions() Options { return Options{Limits: DefaultLimits()} }

// Load reads a file from disk, refusing one larger than the limit before
// reading it.
func Load(path string, lim Limits) (File, error) {
	f, err := os.Open(path)
	if err != nil {
		return File{}, inputErr(path, "tidak dapat dibuka: %v", osReason(err))
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return File{}, inputErr(path, "tidak dapat dibaca: %v", osReason(err))
	}
	if st.IsDir() {
		return File{}, inputErr(path, "ini folder, bukan berkas")
	}
	if st.Size() > lim.MaxBytes {
		return File{}, limitErr(path, LimitBytes, "ukuran %s (batas %s)", mib(st.Size()), mib(lim.MaxBytes))
	}
	data, err := readAll(io.LimitReader(f, lim.MaxBytes+1), st.Size())
	if err != nil {
		return File{}, inputErr(path, "tidak dapat dibaca: %v", osReason(err))
	}
	if int64(len(data)) > lim.MaxBytes {
		return File{}, limitErr(path, LimitBytes, "lebih dari %s", mib(lim.MaxBytes))
	}
	return File{Name: path, Data: data}, nil
}

// readAll reads r to its end into a buffer of the size it is expected to
// have, in one piece (io.ReadAll would grow and copy its buffer a dozen
// times for a large workbook), growing it only if r holds more. The buffer
// is made, not grown: bytes.Buffer.Grow clears its memory first, which
// touches every page twice and cost 50-100 ms for an 8 MB file here.
func readAll(r io.Reader, size int64) ([]byte, error) {
	data := make([]byte, 0, size+512)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return data, err
		}
	}
}

// osReason words the common file-system errors in Bahasa Indonesia.
func osReason(err error) string {
	switch {
	case os.IsNotExist(err):
		return "berkas tidak ada"
	case os.IsPermission(err):
		return "tidak ada izin membaca"
	}
	return err.Error()
}

// Read reads one agency's files into the model. Tables are recognised by
// their content, never by file name; a file in which no table is
// recognised is an error, as is one that cannot be read at all.
func Read(ctx context.Context, files []File, opt Options) (*calc.Agency, error) {
	a := &calc.Agency{}
	var titles []string
	var infos []docInfo
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		in, info, fileTitles, err := readFile(ctx, a, f, opt)
		if err != nil {
			return nil, err
		}
		infos = append(infos, info)
		titles = append(titles, fileTitles...)
		a.Inputs = append(a.Inputs, in)
	}
	for _, info := range infos {
		titles = append(titles, info.Subject, info.Title, info.Description)
	}
	a.Name, a.Year = agencyOf(titles)
	return a, nil
}

// readFile reads one file into a, within the time limit: a deadline that
// passes while reading is the file's fault (a *LimitError naming it); the
// end of ctx itself is returned as it is.
func readFile(ctx context.Context, a *calc.Agency, f File, opt Options) (in calc.Input, info docInfo, titles []string, err error) {
	in.File = f.Name
	if int64(len(f.Data)) > opt.Limits.MaxBytes {
		return in, info, nil, limitErr(f.Name, LimitBytes, "ukuran %s (batas %s)", mib(int64(len(f.Data))), mib(opt.Limits.MaxBytes))
	}
	fctx := ctx
	if opt.Limits.Time > 0 {
		var cancel context.CancelFunc
		fctx, cancel = context.WithTimeout(ctx, opt.Limits.Time)
		defer cancel()
	}
	defer func() {
		if err != nil && ctx.Err() == nil && errors.Is(fctx.Err(), context.DeadlineExceeded) {
			err = limitErr(f.Name, LimitTime, "pembacaan lebih lama dari %s", opt.Limits.Time)
		}
	}()
	if len(f.Data) >= streamMinBytes && sniff(f.Data) == formatXLSX {
		if r, ok, err := streamXLSX(fctx, f, opt); ok || err != nil {
			if ok {
				a.Add(r.agency) // r.in is returned, not in r.agency
			}
			return r.in, r.info, r.titles, err
		}
	}
	return readWhole(fctx, a, f, opt)
}

// readWhole reads every sheet of a file, then maps the rows of each.
func readWhole(fctx context.Context, a *calc.Agency, f File, opt Options) (in calc.Input, info docInfo, titles []string, err error) {
	in.File = f.Name
	sheets, info, err := readSheets(fctx, f.Name, f.Data, opt)
	if err != nil {
		return in, info, nil, err
	}
	if info.ownOutput() {
		return in, info, nil, inputErrOf(f.Name, ErrOwnOutput)
	}
	found := false
	for _, s := range sheets {
		if err := fctx.Err(); err != nil {
			return in, info, nil, err
		}
		if !opt.Override.wantSheet(s.Name) {
			continue
		}
		found = true
		if isKoreksiSheet(s) { // lkjip's own list of corrections, not data
			in.Ignored = append(in.Ignored, koreksiIgnored(s)...)
			continue
		}
		res := readSheet(s, a, opt.Override)
		res.addTo(&in, s.Name)
		titles = append(titles, res.titles...)
	}
	if !found {
		return in, info, nil, inputErr(f.Name, "%w: lembar %q tidak ada (lembar yang ada: %s)", ErrNoTable, opt.Override.Sheet, sheetNames(sheets))
	}
	if len(in.Tables) == 0 {
		return in, info, nil, inputErr(f.Name,
			"%w (dicari kepala tabel seperti URAIAN / ANGGARAN / REALISASI, PROGRAM / KEGIATAN / INDIKATOR, atau TARGET / REALISASI / CAPAIAN)", ErrNoTable)
	}
	return in, info, titles, nil
}

// sheetNames lists the sheets of a file for a message.
func sheetNames(sheets []*sheet) string {
	names := make([]string, len(sheets))
	for i, s := range sheets {
		names[i] = strconv.Quote(s.Name)
	}
	return strings.Join(names, ", ")
}
