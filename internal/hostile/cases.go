package hostile

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// dpaRows is a small, correct realisation table: the content every case
// wraps in something broken or hostile.
func dpaRows(names ...string) []row {
	if len(names) == 0 {
		names = []string{"Program Pelayanan Administrasi Perkantoran", "Program Peningkatan Sarana dan Prasarana Aparatur"}
	}
	rows := []row{{"Kode", "Uraian", "Anggaran", "Realisasi"}}
	for i, n := range names {
		rows = append(rows, row{fmt.Sprintf("1.01.%02d", i+1), n, "1000000", "500000"})
	}
	return append(rows, row{"", "JUMLAH", fmt.Sprint(1000000 * len(names)), fmt.Sprint(500000 * len(names))})
}

// dpaCSV is dpaRows as a semicolon CSV.
func dpaCSV(names ...string) []byte {
	var b strings.Builder
	for _, r := range dpaRows(names...) {
		b.WriteString(strings.Join(r, ";") + "\n")
	}
	return []byte(b.String())
}

// dpaXLSX is dpaRows as an .xlsx with one sheet.
func dpaXLSX() []byte {
	return xlsxOf([]xlsxSheet{{"Realisasi", sheetXML(rowsXML(1, dpaRows()), "")}}, "")
}

func damaged() []Case {
	return []Case{
		{Name: "kosong", File: "kosong.xlsx", About: "an empty file", Reason: "berkas kosong",
			Make: func() []byte { return nil }},
		{Name: "acak", File: "acak.xlsx", About: "64 KiB of random bytes", Reason: "bukan berkas spreadsheet",
			Make: func() []byte {
				r := rand.New(rand.NewChaCha8([32]byte{'l', 'k', 'j', 'i', 'p'}))
				b := make([]byte, 64<<10)
				for i := range b {
					b[i] = byte(r.Uint32())
				}
				return b
			}},
		{Name: "zip-terpotong", File: "zip-terpotong.xlsx", About: "an .xlsx cut in half", Reason: "zip tidak utuh",
			Make: func() []byte { b := dpaXLSX(); return b[:len(b)/2] }},
		{Name: "lembar-terpotong", File: "lembar-terpotong.xlsx", Reason: "terpotong",
			About: "a sheet whose XML stops in the middle of a row (the zip itself is sound)",
			Make: func() []byte {
				names := make([]string, 40)
				for i := range names {
					names[i] = fmt.Sprintf("Program %d", i+1)
				}
				x := sheetXML(rowsXML(1, dpaRows(names...)), "")
				cut := strings.Index(x, `<row r="20">`) + 30
				return xlsxOf([]xlsxSheet{{"Realisasi", x[:cut]}}, "")
			}},
		{Name: "bagian-ganda", File: "bagian-ganda.xlsx", Reason: "dua kali",
			About: "a zip naming the sheet part twice: a harmless one, then one with a cell in column XFD",
			Make: func() []byte {
				parts := xlsxParts([]xlsxSheet{{"Realisasi", sheetXML(rowsXML(1, dpaRows()), "")}}, "")
				return zipOf(append(parts, part{name: "xl/worksheets/sheet1.xml",
					data: []byte(sheetXML(`<row r="1"><c r="XFD1"><v>1</v></c></row>`, ""))})...)
			}},
		{Name: "bagian-banyak", File: "bagian-banyak.xlsx", Big: true, Reason: "bagian",
			About: "an .xlsx of 500 000 empty parts (50 MB of zip directory)",
			Make: func() []byte {
				parts := xlsxParts([]xlsxSheet{{"Realisasi", sheetXML(rowsXML(1, dpaRows()), "")}}, "")
				for i := 0; i < 500_000; i++ {
					parts = append(parts, part{name: fmt.Sprintf("x/%d", i)})
				}
				return zipOf(parts...)
			}},
		{Name: "lembar-di-luar", File: "lembar-di-luar.xlsx", Reason: "kolom",
			About: `a sheet whose part lies outside xl/worksheets ("..\data.xml", a backslash path) and holds a cell in column XFD`,
			Make: func() []byte {
				parts := xlsxParts([]xlsxSheet{{"Realisasi", ""}}, "")
				var out []part
				for _, p := range parts {
					switch p.name {
					case "xl/worksheets/sheet1.xml":
						continue
					case "xl/_rels/workbook.xml.rels":
						p.data = bytes.ReplaceAll(p.data, []byte("worksheets/sheet1.xml"), []byte(`..\data.xml`))
					}
					out = append(out, p)
				}
				rows := rowsXML(1, dpaRows()) + `<row r="9"><c r="XFD9"><v>1</v></c></row>`
				return zipOf(append(out, part{name: `xl\..\data.xml`, data: []byte(sheetXML(rows, ""))})...)
			}},
		{Name: "entitas", File: "entitas.xlsx", About: "a sheet declaring nested entities (a billion laughs)", Reason: "XML tidak sah",
			Make: func() []byte {
				var dtd strings.Builder
				dtd.WriteString(`<!DOCTYPE worksheet [<!ENTITY a0 "hahahahahahahahahaha">`)
				for i := 1; i <= 9; i++ {
					fmt.Fprintf(&dtd, `<!ENTITY a%d "%s">`, i, strings.Repeat(fmt.Sprintf("&a%d;", i-1), 10))
				}
				dtd.WriteString(`]>`)
				x := `<?xml version="1.0"?>` + dtd.String() + `<worksheet xmlns="` + nsMain + `"><sheetData>` +
					`<row r="1"><c r="A1" t="inlineStr"><is><t>&a9;</t></is></c></row></sheetData></worksheet>`
				return xlsxOf([]xlsxSheet{{"Realisasi", x}}, "")
			}},
		{Name: "ole-rusak", File: "ole-rusak.xls", About: "the OLE signature followed by garbage", Reason: "wadah OLE",
			Make: func() []byte {
				b := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, bytes.Repeat([]byte{0xA5}, 4096)...)
				return b
			}},
		{Name: "csv-bernama-xlsx", File: "realisasi-csv.xlsx", Want: Read,
			About: "a CSV file named .xlsx: formats are known by content, so it is read as CSV",
			Make:  func() []byte { return dpaCSV() }},
		{Name: "html-bernama-xlsx", File: "realisasi-html.xlsx", Want: Read,
			About: "an HTML table named .xlsx: read as HTML, by content",
			Make: func() []byte {
				var b strings.Builder
				b.WriteString("<html><body><table>")
				for _, r := range dpaRows() {
					b.WriteString("<tr><td>" + strings.Join(r, "</td><td>") + "</td></tr>")
				}
				b.WriteString("</table></body></html>")
				return []byte(b.String())
			}},
	}
}

func bombs() []Case {
	xlsxBomb := func(declared uint64) func() []byte {
		return func() []byte {
			parts := xlsxParts([]xlsxSheet{{"Realisasi", ""}}, "")
			head := `<?xml version="1.0"?><worksheet xmlns="` + nsMain + `"><sheetData>`
			return bombZip(parts, "xl/worksheets/sheet1.xml", head, `</sheetData></worksheet>`, 1000, declared)
		}
	}
	return []Case{
		{Name: "bom-zip", File: "bom-zip.xlsx", Big: true, Reason: "melebihi batas",
			About: "a 1 MB .xlsx whose sheet inflates to 1 GB (of spaces inside sheetData), sizes declared truly",
			Make:  xlsxBomb(0)},
		{Name: "bom-zip-bohong", File: "bom-zip-bohong.xlsx", Big: true, Reason: "zip tidak utuh",
			About: "the same bomb, its header claiming 1 MiB", Make: xlsxBomb(1 << 20)},
		{Name: "bom-zip-ods", File: "bom-zip.ods", Big: true, Reason: "melebihi batas",
			About: "a 1 MB .ods whose content.xml inflates to 1 GB",
			Make: func() []byte {
				parts := []part{{name: "mimetype", data: []byte("application/vnd.oasis.opendocument.spreadsheet")}}
				return bombZip(parts, "content.xml", odsHead, odsTail, 1000, 0)
			}},
		{Name: "lembar-kembar", File: "lembar-kembar.xlsx", Reason: "melebihi batas",
			About: "4000 sheets naming the same 100 KB sheet part, which would be unpacked 4000 times",
			Make: func() []byte {
				names := make([]string, 2500)
				for i := range names {
					names[i] = fmt.Sprintf("Program %d", i+1)
				}
				parts := xlsxParts([]xlsxSheet{{"Realisasi", sheetXML(rowsXML(1, dpaRows(names...)), "")}}, "")
				var book strings.Builder
				book.WriteString(`<?xml version="1.0"?><workbook xmlns="` + nsMain + `" xmlns:r="` + nsRel + `"><sheets>`)
				for i := 1; i <= 4000; i++ {
					fmt.Fprintf(&book, `<sheet name="L%d" sheetId="%d" r:id="rId1"/>`, i, i)
				}
				book.WriteString(`</sheets></workbook>`)
				for i := range parts {
					if parts[i].name == "xl/workbook.xml" {
						parts[i].data = []byte(book.String())
					}
				}
				return zipOf(parts...)
			}},
		{Name: "atribut-raksasa", File: "atribut-raksasa.xlsx", Reason: "XML tidak wajar",
			About: "a cell with a 64 MiB attribute",
			Make: func() []byte {
				x := sheetXML(`<row r="1"><c r="A1" x="`+strings.Repeat("A", 64<<20)+`"><v>1</v></c></row>`, "")
				return xlsxOf([]xlsxSheet{{"Realisasi", x}}, "")
			}},
		{Name: "bersarang-dalam", File: "bersarang-dalam.xlsx", Reason: "bersarang",
			About: "a sheet nesting one million elements",
			Make: func() []byte {
				x := sheetXML(`<row r="1">`+strings.Repeat("<x>", 1<<20)+strings.Repeat("</x>", 1<<20)+`</row>`, "")
				return xlsxOf([]xlsxSheet{{"Realisasi", x}}, "")
			}},
		{Name: "bersarang-dalam-ods", File: "bersarang-dalam.ods", Reason: "bersarang",
			About: "an .ods cell nesting one million elements",
			Make: func() []byte {
				return odsOf(`<table:table table:name="T"><table:table-row><table:table-cell>` +
					strings.Repeat("<text:p>", 1<<20) + strings.Repeat("</text:p>", 1<<20) +
					`</table:table-cell></table:table-row></table:table>`)
			}},
		{Name: "tabel-bersarang", File: "tabel-bersarang.xls", Reason: "tabel di dalam tabel",
			About: "an HTML page (named .xls) nesting a thousand tables",
			Make: func() []byte {
				return []byte("<html><body>" + strings.Repeat("<table><tr><td>", 1000) + "x</body></html>")
			}},
		{Name: "atribut-raksasa-html", File: "atribut-raksasa.xls", Big: true, Reason: "XML tidak wajar",
			About: "an HTML page (named .xls) with a 2 MiB attribute",
			Make: func() []byte {
				return []byte(`<html><body><table><tr><td title="` + strings.Repeat("A", 2<<20) + `">1</td></tr></table></body></html>`)
			}},
	}
}

func limits() []Case {
	return []Case{
		{Name: "kolom-xfd", File: "kolom-xfd.xlsx", Reason: "kolom",
			About: "20 000 rows, each with one cell in column XFD (excelize pads such rows to 16 384 cells)",
			Make: func() []byte {
				var b strings.Builder
				for r := 1; r <= 20000; r++ {
					fmt.Fprintf(&b, `<row r="%d"><c r="XFD%d"><v>1</v></c></row>`, r, r)
				}
				return xlsxOf([]xlsxSheet{{"Realisasi", sheetXML(b.String(), "")}}, "")
			}},
		{Name: "baris-berlebih", File: "baris-berlebih.xlsx", Big: true, Reason: "baris",
			About: "1 048 577 rows, one more than the row limit",
			Make: func() []byte {
				var b strings.Builder
				for r := 1; r <= 1<<20+1; r++ {
					fmt.Fprintf(&b, `<row r="%d"><c r="A%d"><v>1</v></c></row>`, r, r)
				}
				return xlsxOf([]xlsxSheet{{"Realisasi", sheetXML(b.String(), "")}}, "")
			}},
		{Name: "baris-berlebih-csv", File: "baris-berlebih.csv", Big: true, Reason: "baris",
			About: "a CSV of 1 048 577 rows",
			Make: func() []byte {
				return bytes.Repeat([]byte("1;2\n"), 1<<20+1)
			}},
		{Name: "teks-bersama-raksasa", File: "teks-bersama-raksasa.xlsx", Reason: "teks bersama",
			About: "a shared-string table of 3 million entries",
			Make: func() []byte {
				sst := `<?xml version="1.0"?><sst xmlns="` + nsMain + `">` + strings.Repeat("<si><t>a</t></si>", 3_000_000) + `</sst>`
				return xlsxOf([]xlsxSheet{{"Realisasi", sheetXML(rowsXML(1, dpaRows()), "")}}, sst)
			}},
		{Name: "ulang-baris-ods", File: "ulang-baris.ods", Reason: "baris",
			About: "an .ods row with text repeated 2 147 483 647 times",
			Make: func() []byte {
				return odsOf(`<table:table table:name="T"><table:table-row table:number-rows-repeated="2147483647">` +
					`<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table>`)
			}},
		{Name: "ulang-kolom-ods", File: "ulang-kolom.ods", Reason: "kolom",
			About: "an .ods cell with text repeated across 16 384 columns",
			Make: func() []byte {
				return odsOf(`<table:table table:name="T"><table:table-row>` +
					`<table:table-cell table:number-columns-repeated="16384" office:value-type="string"><text:p>x</text:p></table:table-cell>` +
					`</table:table-row></table:table>`)
			}},
		{Name: "bagian-besar", File: "bagian-besar.xlsx", Want: Read,
			About: "a sound table whose sheet and shared strings are padded with comments to 18 MB each: excelize unpacks both to temporary files",
			Make: func() []byte {
				pad := strings.Repeat("<!--"+strings.Repeat(" ", 900_000)+"-->", 20)
				var strs []string
				var rows strings.Builder
				for i, r := range dpaRows() {
					fmt.Fprintf(&rows, `<row r="%d">`, i+1)
					for j, v := range r {
						ref := cellRef(j+1, i+1)
						switch {
						case v == "":
						case isNumber(v):
							fmt.Fprintf(&rows, `<c r="%s"><v>%s</v></c>`, ref, v)
						default:
							fmt.Fprintf(&rows, `<c r="%s" t="s"><v>%d</v></c>`, ref, len(strs))
							strs = append(strs, v)
						}
					}
					rows.WriteString(`</row>`)
				}
				var sst strings.Builder
				sst.WriteString(`<?xml version="1.0"?><sst xmlns="` + nsMain + `">`)
				for _, v := range strs {
					sst.WriteString("<si><t>" + xmlEscape(v) + "</t></si>")
				}
				sst.WriteString(pad + `</sst>`)
				return xlsxOf([]xlsxSheet{{"Realisasi", sheetXML(rows.String(), pad)}}, sst.String())
			}},
		{Name: "gabungan-banyak", File: "gabungan-banyak.xlsx", Want: Read, Big: true,
			About: "a table followed by 100 000 overlapping merged ranges (excelize merges overlaps in quadratic time)",
			Make: func() []byte {
				var m strings.Builder
				m.WriteString(`<mergeCells count="100000">`)
				for i := 0; i < 100000; i++ {
					fmt.Fprintf(&m, `<mergeCell ref="F%d:G%d"/>`, 100+i, 101+i)
				}
				m.WriteString(`</mergeCells>`)
				return xlsxOf([]xlsxSheet{{"Realisasi", sheetXML(rowsXML(1, dpaRows()), m.String())}}, "")
			}},
		{Name: "sel-panjang", File: "sel-panjang.csv", Reason: "karakter",
			About: "a CSV cell of 40 000 characters (Excel's limit is 32 767)",
			Make:  func() []byte { return dpaCSV(strings.Repeat("Program ", 5000)) }},
		{Name: "waktu-habis", File: "waktu-habis.csv", Big: true, Reason: "lebih lama dari", Time: 20 * time.Millisecond,
			About: "a large, sound CSV read under a 20 ms time limit",
			Make: func() []byte {
				names := make([]string, 300_000)
				for i := range names {
					names[i] = fmt.Sprintf("Program %d", i)
				}
				return dpaCSV(names...)
			}},
	}
}

func passwords() []Case {
	// Written by excelize, whose package (styles, theme) is larger than
	// the 4 KiB under which its encryption stores the package in the OLE
	// mini stream, which its own decryption then fails to read.
	encrypted := func() []byte {
		f := excelize.NewFile()
		defer f.Close()
		for i, r := range dpaRows() {
			vals := make([]any, len(r))
			for j, v := range r {
				vals[j] = v
				if isNumber(v) {
					vals[j], _ = strconv.Atoi(v)
				}
			}
			if err := f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+1), &vals); err != nil {
				panic(err)
			}
		}
		plain, err := f.WriteToBuffer()
		if err != nil {
			panic(err)
		}
		b, err := excelize.Encrypt(plain.Bytes(), &excelize.Options{Password: "rahasia"})
		if err != nil {
			panic(err)
		}
		return b
	}
	return []Case{
		{Name: "terenkripsi", File: "terenkripsi.xlsx", About: "an .xlsx encrypted with the password 'rahasia'",
			Reason: "kata sandi", Make: encrypted},
		{Name: "terenkripsi-sandi", File: "terenkripsi.xlsx", About: "the same, with its password: read",
			Want: Read, Password: "rahasia", Make: encrypted},
		{Name: "terenkripsi-sandi-salah", File: "terenkripsi.xlsx", About: "the same, with a wrong password",
			Reason: "kata sandi salah", Password: "bukan", Make: encrypted},
		{Name: "terenkripsi-xls", File: "terenkripsi-ole.xls", About: "an encrypted .xlsx named .xls (an OLE file, not BIFF)",
			Reason: "kata sandi", Make: encrypted},
		{Name: "filepass-xls", File: "filepass.xls", About: "a BIFF8 .xls with a FILEPASS record (encrypted by Excel 97–2003)",
			Reason: "kata sandi",
			Make: func() []byte {
				stream := append(biffBOF(5), biffRecord(0x002F, append([]byte{1, 0}, make([]byte, 52)...))...)
				return oleOf("Workbook", append(stream, biffRecord(0x000A, nil)...))
			}},
		{Name: "terenkripsi-ods", File: "terenkripsi.ods", About: "an .ods whose manifest says it is encrypted",
			Reason: "kata sandi",
			Make: func() []byte {
				return zipOf(part{name: "mimetype", data: []byte("application/vnd.oasis.opendocument.spreadsheet")},
					part{name: "META-INF/manifest.xml", data: []byte(`<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">` +
						`<manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data/></manifest:file-entry></manifest:manifest>`)},
					part{name: "content.xml", data: []byte("\x8f\x12 encrypted bytes")})
			}},
	}
}

func formulas() []Case {
	withRealisasi := func(f1, f2 string, more ...func() xlsxSheet) func() []byte {
		return func() []byte {
			rows := dpaRows()
			rows[1][3], rows[2][3], rows[3][3] = f1, f2, "=SUM(D2:D3)"
			sheets := []xlsxSheet{{"Realisasi", sheetXML(rowsXML(1, rows), "")}}
			for _, m := range more {
				sheets = append(sheets, m())
			}
			return xlsxOf(sheets, "")
		}
	}
	chain := func() xlsxSheet {
		var b strings.Builder
		const n = 120_000
		for r := 1; r < n; r++ {
			fmt.Fprintf(&b, `<row r="%d"><c r="A%d"><f>A%d+1</f></c></row>`, r, r, r+1)
		}
		fmt.Fprintf(&b, `<row r="%d"><c r="A%d"><v>1</v></c></row>`, n, n)
		return xlsxSheet{"Hitung", sheetXML(b.String(), "")}
	}
	return []Case{
		{Name: "rumus-melingkar", File: "rumus-melingkar.xlsx", Want: Read,
			About: "realisation figures as circular formulas without stored results (also through MAX, the calculator's way)",
			Make:  withRealisasi("=D3+1", "=MAX(D2)")},
		{Name: "rumus-berantai", File: "rumus-berantai.xlsx", Want: Read, Big: true,
			About: "a realisation figure at the head of a chain of 120 000 formulas without stored results, each referring to the next",
			Make:  withRealisasi("=Hitung!A1", "=500000", chain)},
		{Name: "rumus-rept", File: "rumus-rept.xlsx", Want: Read,
			About: `a formula without a stored result making a gigabyte of text: =REPT("9",1E9)`,
			Make:  withRealisasi(`=REPT("9",1000000000)`, "=500000")},
	}
}

// dpaAndPK is one CSV holding a realisation table and a Perjanjian
// Kinerja whose program names differ: lkjip compares every name of one
// with every name of the other.
func dpaAndPK(n int, name func(doc, i int) string) []byte {
	names := make([]string, n)
	for i := range names {
		names[i] = name(0, i)
	}
	var b bytes.Buffer
	b.Write(dpaCSV(names...))
	b.WriteString("\nNo;Program;Anggaran\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "%d;%s;1000000\n", i+1, name(1, i))
	}
	return b.Bytes()
}

func names() []Case {
	return []Case{
		{Name: "nama-panjang", File: "nama-panjang.csv", Want: Read, Big: true,
			About: "a realisation table and a Perjanjian Kinerja, each naming 30 programs in 5 000 random characters",
			Make: func() []byte {
				return dpaAndPK(30, func(doc, i int) string {
					r := rand.New(rand.NewPCG(uint64(doc), uint64(i)))
					b := []byte("Program ")
					for len(b) < 5000 {
						b = append(b, "abcdefghij "[r.IntN(11)])
					}
					return string(b)
				})
			}},
		{Name: "nama-banyak", File: "nama-banyak.csv", Want: Read, Big: true,
			About: "a realisation table and a Perjanjian Kinerja of 2 000 programs each, every name different",
			Make: func() []byte {
				return dpaAndPK(2000, func(doc, i int) string {
					return fmt.Sprintf("Program %s Nomor %d", []string{"Pembinaan", "Pengembangan"}[doc], i)
				})
			}},
	}
}

func texts() []Case {
	payloads := []string{`=HYPERLINK("http://contoh.invalid/","klik")`, "+62 811 0000", "-Belanja Pegawai", "@SUM(1+1)*cmd|' /C calc'!A0"}
	return []Case{
		{Name: "teks-rumus", File: "teks-rumus.csv", Want: Read, Payloads: payloads,
			About: "program names starting with =, +, - and @: text, never formulas, in every output",
			Make:  func() []byte { return dpaCSV(payloads...) }},
		{Name: "lembar-markup", File: "lembar-markup.xlsx", Want: Read,
			Payloads: []string{`<img src=x onerror=alert(1)>`},
			About:    `a sheet named "><svg onload=alert(1)> and a program named with markup`,
			Make: func() []byte {
				return xlsxOf([]xlsxSheet{{`"><svg onload=alert(1)>`, sheetXML(rowsXML(1, dpaRows(`<img src=x onerror=alert(1)>`, "Program Biasa")), "")}}, "")
			}},
	}
}
