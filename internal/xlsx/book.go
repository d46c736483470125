package xlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/klauspost/compress/flate"
)

// Limits bound what one workbook may cost. Every limit is checked while
// reading, against what is actually unpacked, never against sizes the
// file declares.
type Limits struct {
	// MaxInflated is the most all parts read may unpack to, in bytes.
	MaxInflated int64
	// MaxRows and MaxCols bound the rows of a sheet and the columns of a
	// row that hold something.
	MaxRows, MaxCols int
	// MaxCells bounds the cells holding something, over the whole workbook.
	MaxCells int
	// MaxStrings and MaxStringBytes bound the shared-string table: its
	// number of strings and their total length.
	MaxStrings     int
	MaxStringBytes int64
	// MaxToken bounds one XML tag (attributes included) or one run of
	// text, in bytes.
	MaxToken int
	// MaxDepth bounds how deeply XML elements may nest.
	MaxDepth int
}

// DefaultLimits are generous for any workbook an office keeps.
func DefaultLimits() Limits {
	return Limits{
		MaxInflated: 1 << 30, MaxRows: 1 << 20, MaxCols: 16384, MaxCells: 10_000_000,
		MaxStrings: 10_000_000, MaxStringBytes: 256 << 20, MaxToken: 1 << 20, MaxDepth: 64,
	}
}

// ErrLimit marks a workbook beyond one of the Limits.
var ErrLimit = errors.New("melebihi batas")

// Limit names the limit a workbook went beyond, so that a caller can say
// which setting raises it; empty for the fixed bounds no real file meets.
type Limit string

// The limits that follow a field of Limits.
const (
	LimitInflated Limit = "inflated"
	LimitRows     Limit = "rows"
	LimitCols     Limit = "cols"
	LimitCells    Limit = "cells"
	LimitStrings  Limit = "strings"
)

// LimitError is a workbook beyond a limit; errors.Is(err, ErrLimit) holds.
type LimitError struct {
	Limit  Limit
	Detail string
}

func (e *LimitError) Error() string { return ErrLimit.Error() + ": " + e.Detail }

// Is makes errors.Is(err, ErrLimit) hold.
func (e *LimitError) Is(target error) bool { return target == ErrLimit }

// limitf builds a *LimitError.
func limitf(l Limit, format string, args ...any) error {
	return &LimitError{Limit: l, Detail: fmt.Sprintf(format, args...)}
}

// Sheet is a sheet of the workbook as workbook.xml lists it.
type Sheet struct {
	Name string
	// State is "visible", "hidden" or "veryHidden".
	State string
	// Part is the worksheet's part in the package; empty for a sheet that
	// is not a worksheet (a chart sheet, a dialog sheet).
	Part string
}

// Props are the document properties (docProps/core.xml) lkjip uses.
type Props struct {
	Title, Subject, Description, Keywords, Creator string
}

// Book is an opened workbook: its sheets, shared strings, styles and
// properties. Sheets are read one at a time with ReadSheet.
type Book struct {
	Sheets []Sheet
	Props  Props

	zr      *zip.Reader
	lim     Limits
	left    int64 // bytes that may still be unpacked
	cells   int   // cells read so far
	strings []string
	percent []bool // by style index: a percent number format
}

// Open reads a workbook's structure: its sheets in order, document
// properties, styles and shared strings. data is the whole file.
func Open(data []byte, lim Limits) (*Book, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err // "zip: not a valid zip file", as users have seen it
	}
	return OpenZip(zr, lim)
}

// OpenZip is Open for a package whose zip directory the caller has
// already read (and checked). Its parts are then unpacked with
// klauspost/compress's inflater, which takes a quarter less time than the
// standard library's on a large sheet (its errors are the standard
// library's: compress/flate.CorruptInputError, io.ErrUnexpectedEOF).
func OpenZip(zr *zip.Reader, lim Limits) (*Book, error) {
	zr.RegisterDecompressor(zip.Deflate, inflater)
	b := &Book{zr: zr, lim: lim, left: lim.MaxInflated}
	bookPart := "xl/workbook.xml"
	if rels, err := b.rels("_rels/.rels", ""); err == nil {
		for _, r := range rels {
			if strings.HasSuffix(r.typ, "/officeDocument") {
				bookPart = r.target
			}
		}
	} else if !errors.Is(err, errNoPart) {
		return nil, err
	}
	rels, err := b.rels(relsOf(bookPart), path.Dir(bookPart))
	if err != nil && !errors.Is(err, errNoPart) {
		return nil, err
	}
	targets := map[string]string{}
	var stylesPart, stringsPart string
	for _, r := range rels {
		targets[r.id] = ""
		switch {
		case strings.HasSuffix(r.typ, "/worksheet"):
			targets[r.id] = r.target
		case strings.HasSuffix(r.typ, "/styles"):
			stylesPart = r.target
		case strings.HasSuffix(r.typ, "/sharedStrings"):
			stringsPart = r.target
		}
	}
	if err := b.readWorkbook(bookPart, targets); err != nil {
		return nil, err
	}
	if stylesPart != "" {
		if err := b.readStyles(stylesPart); err != nil {
			return nil, err
		}
	}
	if stringsPart != "" {
		if err := b.readStrings(stringsPart); err != nil {
			return nil, err
		}
	}
	if err := b.readProps(); err != nil {
		return nil, err
	}
	return b, nil
}

func inflater(r io.Reader) io.ReadCloser { return flate.NewReader(r) }

// errNoPart is a part the package does not have.
var errNoPart = errors.New("bagian tidak ada")

// open opens a part of the package for reading, counting what it unpacks
// against MaxInflated. Part names are matched exactly, then ignoring case
// (as the packaging format wants) and taking backslashes for slashes.
func (b *Book) open(name string) (io.ReadCloser, error) {
	name = strings.TrimPrefix(name, "/")
	f, err := b.find(name)
	if err != nil {
		return nil, err
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &limitedPart{rc: rc, b: b, name: name}, nil
}

// find is the zip entry of a part.
func (b *Book) find(name string) (*zip.File, error) {
	name = strings.TrimPrefix(name, "/")
	var f *zip.File
	for _, zf := range b.zr.File {
		if zf.Name == name {
			f = zf
			break
		}
	}
	if f == nil {
		for _, zf := range b.zr.File {
			// Backslashes are read as slashes, as excelize reads them.
			if strings.EqualFold(path.Clean(strings.ReplaceAll(zf.Name, `\`, "/")), name) {
				f = zf
				break
			}
		}
	}
	if f == nil {
		return nil, fmt.Errorf("%s: %w", name, errNoPart)
	}
	return f, nil
}

// limitedPart counts a part's unpacked bytes against the book's budget.
type limitedPart struct {
	rc   io.ReadCloser
	b    *Book
	name string
}

func (p *limitedPart) Read(buf []byte) (int, error) {
	if p.b.left <= 0 {
		return 0, limitf(LimitInflated, "isi berkas terurai lebih dari %d byte (%s)", p.b.lim.MaxInflated, p.name)
	}
	if int64(len(buf)) > p.b.left+1 {
		buf = buf[:p.b.left+1]
	}
	n, err := p.rc.Read(buf)
	p.b.left -= int64(n)
	if p.b.left < 0 {
		return n, limitf(LimitInflated, "isi berkas terurai lebih dari %d byte (%s)", p.b.lim.MaxInflated, p.name)
	}
	if err != nil && err != io.EOF {
		err = fmt.Errorf("%s: %w", p.name, err)
	}
	return n, err
}

func (p *limitedPart) Close() error { return p.rc.Close() }

// scan opens a part and runs fn over its XML tokens.
func (b *Book) scan(part string, fn func(s *scanner) error) error {
	rc, err := b.open(part)
	if err != nil {
		return err
	}
	defer rc.Close()
	s := newScanner(rc, b.lim.MaxToken, b.lim.MaxDepth)
	if err := fn(s); err != nil {
		return fmt.Errorf("%s: %w", part, err)
	}
	return nil
}

// each calls fn at every start tag of a part, to the end of the part.
func (b *Book) each(part string, fn func(s *scanner) error) error {
	return b.scan(part, func(s *scanner) error {
		for {
			k, err := s.next()
			switch {
			case err != nil:
				return err
			case k == tokEOF:
				return nil
			case k == tokStart:
				if err := fn(s); err != nil {
					return err
				}
			}
		}
	})
}

type relationship struct{ id, typ, target string }

// relsOf is the relationships part of a part.
func relsOf(part string) string {
	return path.Join(path.Dir(part), "_rels", path.Base(part)+".rels")
}

// rels reads a relationships part; targets are resolved against dir.
func (b *Book) rels(part, dir string) ([]relationship, error) {
	var out []relationship
	err := b.each(part, func(s *scanner) error {
		if string(s.name) != "Relationship" {
			return nil
		}
		r := relationship{id: b.attrText(s, "Id"), typ: b.attrText(s, "Type"), target: b.attrText(s, "Target")}
		if mode := b.attrText(s, "TargetMode"); mode == "External" {
			return nil
		}
		r.target = strings.ReplaceAll(r.target, `\`, "/") // as excelize reads it
		if strings.HasPrefix(r.target, "/") {
			r.target = strings.TrimPrefix(r.target, "/")
		} else {
			r.target = path.Join(dir, r.target)
		}
		out = append(out, r)
		return nil
	})
	return out, err
}

// attrText is an attribute's value, unescaped ("" when absent or broken).
func (b *Book) attrText(s *scanner, name string) string {
	v, ok := s.attr(name)
	if !ok {
		return ""
	}
	t, err := unescape(nil, v)
	if err != nil {
		return ""
	}
	return string(t)
}

// readWorkbook lists the sheets in order.
func (b *Book) readWorkbook(part string, targets map[string]string) error {
	err := b.each(part, func(s *scanner) error {
		if string(s.name) != "sheet" {
			return nil
		}
		sh := Sheet{Name: b.attrText(s, "name"), State: b.attrText(s, "state")}
		if sh.State == "" {
			sh.State = "visible"
		}
		sh.Part = targets[b.attrText(s, "id")]
		if len(b.Sheets) >= 4096 {
			return limitf("", "lebih dari 4096 lembar")
		}
		b.Sheets = append(b.Sheets, sh)
		return nil
	})
	if errors.Is(err, errNoPart) {
		return fmt.Errorf("bukan buku kerja Excel: %w", err)
	}
	return err
}

// readProps reads the core document properties, when the package has
// them.
func (b *Book) readProps() error {
	fields := map[string]*string{
		"title": &b.Props.Title, "subject": &b.Props.Subject, "description": &b.Props.Description,
		"keywords": &b.Props.Keywords, "creator": &b.Props.Creator,
	}
	err := b.scan("docProps/core.xml", func(s *scanner) error {
		var field *string
		var text []byte
		for {
			k, err := s.next()
			if err != nil || k == tokEOF {
				return err
			}
			switch k {
			case tokStart:
				field, text = fields[string(s.name)], text[:0]
				if s.depth > 2 {
					field = nil
				}
			case tokText:
				if field != nil {
					if text, err = s.appendText(text); err != nil {
						return err
					}
				}
			case tokEnd:
				if field != nil {
					*field = string(text)
				}
				field = nil
			}
		}
	})
	if errors.Is(err, errNoPart) {
		return nil
	}
	return err
}
