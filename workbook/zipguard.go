package workbook

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Guards for the zip-based formats (.xlsx, .ods), applied before any XML
// decoder sees a part. Apart from the limit errors they return, they hold
// no workbook types, so that another reader can take them over as they
// are.

// maxXMLRun is the most bytes an XML part may hold between two '<'. An
// XML decoder keeps a whole tag (with its attributes) or text run in
// memory; no spreadsheet program writes one near this size (a cell holds
// at most 32 767 characters, a formula 8 192).
const maxXMLRun = 1 << 20

// maxXMLDepth is the deepest nesting of elements a token scan accepts.
// Spreadsheets nest about ten deep; Go's decoder keeps a stack entry per
// open element, so depth is memory.
const maxXMLDepth = 256

var (
	errXMLRun   = fmt.Errorf("satu tag atau teks lebih dari %d byte (XML tidak wajar)", maxXMLRun)
	errXMLDepth = fmt.Errorf("elemen bersarang lebih dari %d tingkat (XML tidak wajar)", maxXMLDepth)
	errXMLCut   = errors.New("XML terpotong (berakhir di tengah elemen)")
)

// runGuard passes an XML stream through, failing once more than
// maxXMLRun bytes come without a '<'.
type runGuard struct {
	r   io.Reader
	run int
}

func (g *runGuard) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	b := p[:n]
	for {
		i := bytes.IndexByte(b, '<')
		if i < 0 {
			g.run += len(b)
			break
		}
		if g.run+i > maxXMLRun {
			g.run += i
			break
		}
		g.run, b = 0, b[i+1:]
	}
	if g.run > maxXMLRun {
		return 0, errXMLRun
	}
	return n, err
}

// maxZipParts is the most parts a zip may have. A workbook with 255
// sheets, each with its drawing, comments and relationships, has a few
// thousand; a 100 MB zip can list a million empty ones, and reading
// their directory alone costs seconds and half a gigabyte.
const maxZipParts = 10_000

// openZip opens a zip after counting its parts from its end record, so
// that a directory of a million entries is refused before it is read.
func openZip(name string, data []byte) (*zip.Reader, error) {
	if n, ok := zipCount(data); ok && n > maxZipParts {
		return nil, inputErr(name, "%w: zip berisi %d bagian (batas %d)", ErrDamaged, n, maxZipParts)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, inputErr(name, "%w: %s", ErrDamaged, damageText(err))
	}
	if len(zr.File) > maxZipParts {
		return nil, inputErr(name, "%w: zip berisi %d bagian (batas %d)", ErrDamaged, len(zr.File), maxZipParts)
	}
	return zr, nil
}

// zipCount reads the number of entries a zip's end record (or its zip64
// end record) declares; ok is false when they cannot be found.
func zipCount(data []byte) (n uint64, ok bool) {
	tail := data[max(0, len(data)-(22+65535)):]
	i := bytes.LastIndex(tail, []byte("PK\x05\x06"))
	if i < 0 || i+22 > len(tail) {
		return 0, false
	}
	end := len(data) - len(tail) + i
	if c := binary.LittleEndian.Uint16(data[end+10:]); c != 0xFFFF {
		return uint64(c), true
	}
	loc := end - 20 // the zip64 end locator
	if loc < 0 || !bytes.Equal(data[loc:loc+4], []byte("PK\x06\x07")) {
		return 0, false
	}
	rec := binary.LittleEndian.Uint64(data[loc+8:])
	if rec > uint64(len(data)) || int(rec)+40 > len(data) || !bytes.Equal(data[rec:rec+4], []byte("PK\x06\x06")) {
		return 0, false
	}
	return binary.LittleEndian.Uint64(data[rec+32:]), true
}

// zipInflated is what a zip's parts unpack to, by the sizes it declares:
// archive/zip refuses a part that inflates beyond its declared size, so
// a header that lies is caught when the part is read. extra counts parts
// that a reader will unpack more than once.
func zipInflated(zr *zip.Reader, extra map[string]int) uint64 {
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64 * uint64(1+extra[f.Name])
		if total > 1<<62 || f.UncompressedSize64 > 1<<50 {
			return 1 << 62 // beyond any limit, without overflowing
		}
	}
	return total
}

// checkInflated refuses a zip whose parts together unpack beyond the limit.
func checkInflated(name string, zr *zip.Reader, extra map[string]int, lim Limits) error {
	if n := zipInflated(zr, extra); n > uint64(lim.MaxInflated) {
		return limitErr(name, LimitInflated, "isinya %s setelah dibuka (batas %s)", mib(int64(min(n, 1<<62))), mib(lim.MaxInflated))
	}
	return nil
}

// xmlDepth tracks the nesting of a token scan.
type xmlDepth int

// step follows one token, failing beyond maxXMLDepth.
func (d *xmlDepth) step(tok xml.Token) error {
	switch tok.(type) {
	case xml.StartElement:
		if *d++; *d > maxXMLDepth {
			return errXMLDepth
		}
	case xml.EndElement:
		*d--
	}
	return nil
}

// xmlEnd tells how a token scan ended: io.EOF after the last element
// closed is the end; io.EOF inside one is a cut part.
func xmlEnd(err error, depth xmlDepth) error {
	if errors.Is(err, io.EOF) {
		if depth > 0 {
			return errXMLCut
		}
		return nil
	}
	var se *xml.SyntaxError
	if errors.As(err, &se) && se.Msg == "unexpected EOF" {
		return errXMLCut
	}
	return err
}

// damageText words the errors of reading a zip and its XML in Bahasa
// Indonesia.
func damageText(err error) string {
	var se *xml.SyntaxError
	var corrupt flate.CorruptInputError
	switch {
	case errors.Is(err, zip.ErrFormat), errors.Is(err, io.ErrUnexpectedEOF):
		return "zip tidak utuh (terpotong atau rusak)"
	case errors.Is(err, zip.ErrChecksum):
		return "isi zip rusak (checksum salah)"
	case errors.Is(err, zip.ErrAlgorithm):
		return "metode kompresi zip tidak didukung"
	case errors.Is(err, zip.ErrInsecurePath):
		return "nama bagian zip tidak sah"
	case errors.As(err, &se):
		return fmt.Sprintf("XML tidak sah di baris %d", se.Line)
	case errors.As(err, &corrupt):
		return "data zip rusak (kompresi tidak sah)"
	}
	return err.Error()
}

// partName is a part's name as excelize reads it: backslashes are slashes.
func partName(f *zip.File) string { return strings.ReplaceAll(f.Name, `\`, "/") }
