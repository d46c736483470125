package hostile

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"strings"

	"github.com/xuri/excelize/v2"
)

// part is one file of a zip package.
type part struct {
	name string
	data []byte
}

// zipOf packs parts, in order, as a zip.
func zipOf(parts ...part) []byte {
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, p := range parts {
		method := zip.Deflate
		if p.name == "mimetype" || len(p.data) == 0 {
			method = zip.Store
		}
		w, err := z.CreateHeader(&zip.FileHeader{Name: p.name, Method: method})
		if err != nil {
			panic(err)
		}
		if _, err := w.Write(p.data); err != nil {
			panic(err)
		}
	}
	if err := z.Close(); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

const (
	nsMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsRel  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
)

// sheetXML is a worksheet around its sheetData rows (and what follows
// sheetData, such as merged ranges).
func sheetXML(rows, after string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<worksheet xmlns="` + nsMain + `" xmlns:r="` + nsRel + `"><sheetData>` + rows + `</sheetData>` + after + `</worksheet>`
}

// xlsxSheet is a worksheet of a hand-made .xlsx.
type xlsxSheet struct {
	name, xml string
}

// xlsxOf packs worksheets (and optionally a shared-string table and more
// parts) as a minimal .xlsx, written by hand so that every byte is
// what the case needs.
func xlsxOf(sheets []xlsxSheet, sst string, extra ...part) []byte {
	return zipOf(xlsxParts(sheets, sst, extra...)...)
}

// xlsxParts are the parts of xlsxOf.
func xlsxParts(sheets []xlsxSheet, sst string, extra ...part) []part {
	var types, book, rels strings.Builder
	types.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`)
	book.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="` + nsMain + `" xmlns:r="` + nsRel + `"><sheets>`)
	rels.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	parts := []part{{name: "[Content_Types].xml"}, {name: "_rels/.rels", data: []byte(
		`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="` + nsRel + `/officeDocument" Target="xl/workbook.xml"/></Relationships>`)},
		{name: "xl/workbook.xml"}, {name: "xl/_rels/workbook.xml.rels"}}
	for i, s := range sheets {
		p := fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1)
		fmt.Fprintf(&types, `<Override PartName="/%s" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, p)
		fmt.Fprintf(&book, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, xmlEscape(s.name), i+1, i+1)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="%s/worksheet" Target="worksheets/sheet%d.xml"/>`, i+1, nsRel, i+1)
		parts = append(parts, part{name: p, data: []byte(s.xml)})
	}
	if sst != "" {
		types.WriteString(`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="%s/sharedStrings" Target="sharedStrings.xml"/>`, len(sheets)+1, nsRel)
		parts = append(parts, part{name: "xl/sharedStrings.xml", data: []byte(sst)})
	}
	types.WriteString(`</Types>`)
	book.WriteString(`</sheets></workbook>`)
	rels.WriteString(`</Relationships>`)
	parts[0].data, parts[2].data, parts[3].data = []byte(types.String()), []byte(book.String()), []byte(rels.String())
	return append(parts, extra...)
}

// odsOf packs a content.xml body (the tables) as a minimal .ods.
func odsOf(tables string) []byte { return ODS(odsContent(tables)) }

const odsHead = `<?xml version="1.0" encoding="UTF-8"?><office:document-content ` +
	`xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ` +
	`xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" ` +
	`xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>`

const odsTail = `</office:spreadsheet></office:body></office:document-content>`

func odsContent(tables string) string { return odsHead + tables + odsTail }

// row is one row of cells; a string cell holding a number is written as a
// number.
type row []string

// rowsXML writes rows as worksheet XML from row first, with inline
// strings, so that no shared-string table is needed.
func rowsXML(first int, rows []row) string {
	var b strings.Builder
	for i, r := range rows {
		n := first + i
		fmt.Fprintf(&b, `<row r="%d">`, n)
		for j, v := range r {
			ref := cellRef(j+1, n)
			switch {
			case v == "":
			case strings.HasPrefix(v, "="):
				fmt.Fprintf(&b, `<c r="%s"><f>%s</f></c>`, ref, xmlEscape(v[1:]))
			case isNumber(v):
				fmt.Fprintf(&b, `<c r="%s"><v>%s</v></c>`, ref, v)
			default:
				fmt.Fprintf(&b, `<c r="%s" t="inlineStr"><is><t>%s</t></is></c>`, ref, xmlEscape(v))
			}
		}
		b.WriteString(`</row>`)
	}
	return b.String()
}

// cellRef is a cell's reference: column 2 of row 3 is B3.
func cellRef(col, row int) string {
	ref, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		panic(err)
	}
	return ref
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if (r < '0' || r > '9') && r != '.' {
			return false
		}
	}
	return true
}

func xmlEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '"':
			b.WriteString("&quot;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// deflateRun compresses prefix, n MiB of one byte, and suffix, fast: once
// the window holds nothing but the byte, each further MiB compresses to
// the same bytes, so one compressed MiB is written n times over. It
// returns the raw deflate stream, the CRC-32 and the inflated size.
func deflateRun(prefix []byte, fill byte, n int, suffix []byte) ([]byte, uint32, uint64) {
	const mb = 1 << 20
	if n < 3 {
		panic("deflateRun: at least 3 MiB")
	}
	var buf bytes.Buffer
	w, err := flate.NewWriter(&buf, flate.BestCompression)
	if err != nil {
		panic(err)
	}
	chunk := bytes.Repeat([]byte{fill}, mb)
	flush := func(b []byte) []byte {
		start := buf.Len()
		if _, err := w.Write(b); err != nil {
			panic(err)
		}
		if err := w.Flush(); err != nil {
			panic(err)
		}
		return append([]byte(nil), buf.Bytes()[start:]...)
	}
	flush(prefix)
	flush(chunk)
	second := flush(chunk)
	head := buf.Len()
	third := flush(chunk)
	if !bytes.Equal(second, third) {
		panic("deflateRun: a compressed chunk does not repeat")
	}
	tailStart := buf.Len()
	if _, err := w.Write(suffix); err != nil {
		panic(err)
	}
	if err := w.Close(); err != nil {
		panic(err)
	}
	out := append([]byte(nil), buf.Bytes()[:head]...)
	for i := 2; i < n; i++ {
		out = append(out, third...)
	}
	out = append(out, buf.Bytes()[tailStart:]...)

	crc := crc32.Update(0, crc32.IEEETable, prefix)
	for i := 0; i < n; i++ {
		crc = crc32.Update(crc, crc32.IEEETable, chunk)
	}
	crc = crc32.Update(crc, crc32.IEEETable, suffix)
	return out, crc, uint64(len(prefix)) + uint64(n)*mb + uint64(len(suffix))
}

// bombZip packs parts and, in place of the part named name, a bomb:
// prefix, mib MiB of spaces, suffix. declared is the inflated size its
// header claims (0: the true one).
func bombZip(parts []part, name string, prefix, suffix string, mib int, declared uint64) []byte {
	data, crc, size := deflateRun([]byte(prefix), ' ', mib, []byte(suffix))
	if declared == 0 {
		declared = size
	}
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, p := range parts {
		if p.name == name {
			continue
		}
		method := zip.Deflate
		if p.name == "mimetype" {
			method = zip.Store
		}
		w, err := z.CreateHeader(&zip.FileHeader{Name: p.name, Method: method})
		if err != nil {
			panic(err)
		}
		_, _ = w.Write(p.data)
	}
	w, err := z.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc,
		CompressedSize64: uint64(len(data)), UncompressedSize64: declared})
	if err != nil {
		panic(err)
	}
	_, _ = w.Write(data)
	if err := z.Close(); err != nil {
		panic(err)
	}
	return buf.Bytes()
}
