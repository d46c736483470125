package workbook

import (
	"bytes"
	"context"
)

// format is a file's format, decided by its content, never its name.
type format uint8

const (
	formatUnknown format = iota
	formatXLSX
	formatODS
	formatOLE // legacy .xls (BIFF8), or an encrypted .xlsx
	formatHTML
	formatCSV
)

// sniff decides a file's format from its first bytes.
func sniff(data []byte) format {
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		if bytes.Contains(data[:min(len(data), 200)], []byte("mimetypeapplication/vnd.oasis.opendocument.spreadsheet")) {
			return formatODS
		}
		return formatXLSX
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		return formatOLE
	}
	head := bytes.ToLower(bytes.TrimSpace(bytes.TrimPrefix(data[:min(len(data), 4096)], []byte("\xef\xbb\xbf"))))
	if bytes.HasPrefix(head, []byte("<")) && (bytes.Contains(head, []byte("<table")) || bytes.Contains(head, []byte("<html"))) {
		return formatHTML
	}
	if len(head) > 0 && bytes.IndexByte(head, 0) < 0 {
		return formatCSV
	}
	return formatUnknown
}

// readSheets reads any supported file into sheets of raw cells.
func readSheets(ctx context.Context, name string, data []byte, lim Limits) ([]*sheet, docInfo, error) {
	switch sniff(data) {
	case formatXLSX:
		return readXLSX(ctx, name, data, lim)
	case formatODS:
		return nil, docInfo{}, inputErr(name, "%w: berkas OpenDocument (.ods) belum didukung; simpan sebagai .xlsx", ErrFormat)
	case formatOLE:
		return nil, docInfo{}, inputErr(name, "%w: berkas Excel lama (.xls) belum didukung; simpan sebagai .xlsx", ErrFormat)
	case formatHTML:
		return nil, docInfo{}, inputErr(name, "%w: tabel HTML belum didukung; simpan sebagai .xlsx", ErrFormat)
	case formatCSV:
		return nil, docInfo{}, inputErr(name, "%w: berkas CSV belum didukung; simpan sebagai .xlsx", ErrFormat)
	}
	return nil, docInfo{}, inputErr(name, "%w", ErrFormat)
}
