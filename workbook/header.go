package workbook

import (
	"strconv"
	"strings"
)

// field is what a table column holds, recognised from its header words.
type field uint8

const (
	fNone field = iota
	fNo
	fKode
	fUraian // program / kegiatan / sub-kegiatan names in one column
	fTujuan
	fSasaran
	fSasaranProgram
	fSasaranKegiatan
	fProgram
	fKegiatan
	fSubKegiatan
	fIndikator
	fFormula
	fPolaritas
	fSatuan
	fTarget
	fRealisasi
	fCapaian
	fAnggaran
	fPersen
	fPersenAnggaran
	fSisa
	fPenyerapan
	fEfisiensi
	fLabel
	fYear
	fKeterangan
)

// classifyHeader recognises a header cell by its words (design.md §7). The
// order of the tests matters: "% Penyerapan Anggaran" is penyerapan, not
// anggaran; "Indikator Sasaran" is an indicator, not a sasaran.
func classifyHeader(text string) (field, int) {
	h := strings.ToLower(cleanText(text))
	h = strings.TrimRight(h, " :")
	if h == "" {
		return fNone, 0
	}
	if y, ok := yearOf(h); ok {
		return fYear, y
	}
	has := func(words ...string) bool {
		for _, w := range words {
			if strings.Contains(h, w) {
				return true
			}
		}
		return false
	}
	switch {
	case has("efisiensi"):
		return fEfisiensi, 0
	case has("penyerapan"):
		return fPenyerapan, 0
	case has("polaritas", "sifat indikator"):
		return fPolaritas, 0
	case strings.HasPrefix(h, "satuan"):
		return fSatuan, 0
	case has("keterangan") || h == "ket" || h == "ket.":
		return fKeterangan, 0
	case strings.HasPrefix(h, "indikator"):
		return fIndikator, 0
	case has("formula", "rumus", "cara perhitungan", "cara pengukuran"):
		return fFormula, 0
	case has("tujuan"):
		return fTujuan, 0
	case has("sasaran program"):
		return fSasaranProgram, 0
	case has("sasaran kegiatan"):
		return fSasaranKegiatan, 0
	case has("sasaran"):
		return fSasaran, 0
	case has("uraian"), has("program") && has("kegiatan", "/"):
		return fUraian, 0
	case has("sub kegiatan", "sub-kegiatan", "subkegiatan"):
		return fSubKegiatan, 0
	case has("kegiatan"):
		return fKegiatan, 0
	case has("program", "progam"):
		return fProgram, 0
	case has("kode", "rekening"):
		return fKode, 0
	case h == "no" || h == "no." || h == "nomor" || h == "no urut":
		return fNo, 0
	case has("target"):
		return fTarget, 0
	case has("realisasi"):
		return fRealisasi, 0
	case has("capaian"):
		return fCapaian, 0
	case h == "%" || has("persentase", "prosentase", "persen"):
		if has("anggaran") {
			return fPersenAnggaran, 0
		}
		return fPersen, 0
	case strings.HasPrefix(h, "%") && has("anggaran", "alokasi"):
		return fPersenAnggaran, 0
	case has("sisa", "selisih"):
		return fSisa, 0
	case has("anggaran", "pagu", "alokasi", "jumlah", "nilai"):
		return fAnggaran, 0
	case has("bidang", "jenis", "nama", "kelompok"):
		return fLabel, 0
	}
	return fNone, 0
}

// yearOf reads a header that is just a year ("2020", "Tahun 2020").
func yearOf(h string) (int, bool) {
	h = strings.TrimSpace(strings.TrimPrefix(h, "tahun"))
	if len(h) != 4 {
		return 0, false
	}
	y, err := strconv.Atoi(h)
	if err != nil || y < 1990 || y > 2100 {
		return 0, false
	}
	return y, true
}

// column is one recognised column of a table.
type column struct {
	Col   int
	Field field
	Year  int    // for a column under a year sub-header
	Text  string // the header as written
}

// header is a recognised header: its rows and columns.
type header struct {
	Row, LastRow int // first and last header row (two-row headers)
	Cols         []column
}

// has reports whether the header has a column for f.
func (h header) has(f field) bool { return h.col(f) > 0 }

// col returns the first column holding f, or 0.
func (h header) col(f field) int {
	for _, c := range h.Cols {
		if c.Field == f {
			return c.Col
		}
	}
	return 0
}

// cols returns every column holding f.
func (h header) all(f field) []column {
	var out []column
	for _, c := range h.Cols {
		if c.Field == f {
			out = append(out, c)
		}
	}
	return out
}

// signature identifies a header's layout, to recognise a header repeated
// on the next printed page as the same table.
func (h header) signature() string {
	var b strings.Builder
	for _, c := range h.Cols {
		b.WriteString(strconv.Itoa(c.Col))
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(int(c.Field)))
		b.WriteByte(',')
	}
	return b.String()
}

// maxHeaderLen is the longest text taken as a column header; longer cells
// are sentences of data ("Persentase penurunan kejadian terkait konflik").
const maxHeaderLen = 40

// readHeader tries row r as a table header, taking row r+1 as a sub-header
// when merged cells say it is one. ok is false when the row is not a header.
// Inside an open table (strict) a row needs stronger evidence: every cell
// a header word (one may be unknown in a wide row), since data rows of a
// Pohon Kinerja read like headers ("Program …", "Jumlah rambu …").
func readHeader(s *sheet, r int, strict bool) (header, bool) {
	width := len(s.row(r))
	// A stored number other than a year is data: the common case inside a
	// table, decided before any text is cleaned or parsed.
	for c := 1; c <= width; c++ {
		if v, inside := s.value(r, c); !inside && v.Kind == cellNumber {
			if _, year := yearOf(v.Text); !year {
				return header{}, false
			}
		}
	}
	own := 0   // non-empty cells of the row
	known := 0 // of which recognised
	fields := map[field]bool{}
	for c := 1; c <= width; c++ {
		v, inside := s.value(r, c)
		t := cleanText(v.Text)
		if t == "" || inside {
			continue
		}
		own++
		if isNumeric(v) {
			if _, year := yearOf(t); !year {
				return header{}, false // data, not words
			}
		}
		if len([]rune(t)) > maxHeaderLen {
			continue // a sentence is data, whatever words it holds
		}
		if f, _ := classifyHeader(t); f != fNone {
			known++
			fields[f] = true
		}
	}
	sub := subHeader(s, r)
	if sub {
		for c := 1; c <= len(s.row(r+1)); c++ {
			if v, inside := s.value(r+1, c); !inside {
				if f, _ := classifyHeader(v.Text); f != fNone {
					fields[f] = true
				}
			}
		}
	}
	delete(fields, fNo)
	if own < 2 || len(fields) < 2 || known*2 < own {
		return header{}, false
	}
	if strict && known < own && (own < 5 || own-known > 1) {
		return header{}, false
	}
	return headerAt(s, r, sub), true
}

// headerAt reads row r (and r+1 when sub) as a header, whatever it holds.
func headerAt(s *sheet, r int, sub bool) header {
	h := header{Row: r, LastRow: r}
	if sub {
		h.LastRow = r + 1
	}
	width := s.headerWidth(h.Row, h.LastRow)
	for c := 1; c <= width; c++ {
		top, _ := s.value(r, c)
		topText := cleanText(top.Text)
		col := column{Col: c, Text: topText}
		col.Field, _ = classifyHeader(topText)
		if m, ok := s.merge(r, c); ok && m.c2 > m.c1 && m.r1 == r {
			// A header merged across columns may name one thing per column:
			// "Sasaran Strategis / Program".
			if parts := strings.Split(topText, "/"); len(parts) == m.c2-m.c1+1 {
				col.Field, _ = classifyHeader(parts[c-m.c1])
			}
		}
		if sub {
			bottom, inside := s.value(r+1, c)
			if bt := cleanText(bottom.Text); bt != "" && !(inside && bottom.Text == top.Text) {
				f, y := classifyHeader(bt)
				switch {
				case f == fYear && col.Field != fNone:
					col.Year = y
				case f == fYear:
					col.Field, col.Year = fYear, y
				case f != fNone:
					col.Field = f
				}
				col.Text = strings.TrimSpace(topText + " " + bt)
			}
		}
		if col.Field != fNone && col.Text != "" {
			h.Cols = append(h.Cols, col)
		}
	}
	return h
}

// headerWidth is the number of columns that show something on rows r1 to
// r2: their own cells, and merged ranges reaching into them. Rows further
// down do not count, so a header reads the same whether or not the rows
// below it have been read yet.
func (s *sheet) headerWidth(r1, r2 int) int {
	w := 0
	for r := r1; r <= r2 && r <= s.rowCount(); r++ {
		w = max(w, len(s.row(r)))
	}
	for _, m := range s.Merges {
		if m.r1 <= r2 && m.r2 >= r1 {
			w = max(w, m.c2)
		}
	}
	return w
}

// subHeader reports whether row r+1 continues the header of row r: some
// header cell of r is merged across columns (or down into r+1), and every
// cell r+1 holds on its own is a header word or a year.
func subHeader(s *sheet, r int) bool {
	if r+1 > s.rowCount() || s.rowEmpty(r+1) {
		return false
	}
	merged := false
	for c := 1; c <= len(s.row(r)); c++ {
		if m, ok := s.merge(r, c); ok && m.r1 == r && (m.c2 > m.c1 || m.r2 > r) {
			merged = true
			break
		}
	}
	if !merged {
		return false
	}
	for c := 1; c <= len(s.row(r+1)); c++ {
		v, inside := s.value(r+1, c)
		t := cleanText(v.Text)
		if t == "" || inside {
			continue
		}
		if f, _ := classifyHeader(t); f == fNone {
			return false
		}
	}
	return true
}

// columnNumbers reports whether row r is the row of column numbers some
// tables put under the header (1 2 3 4 5, or (1) (2) (3)).
func columnNumbers(s *sheet, r int) bool {
	if r > s.rowCount() {
		return false
	}
	n, prev := 0, 0
	for _, c := range s.row(r) {
		t := strings.Trim(cleanText(c.Text), "()")
		if t == "" {
			continue
		}
		v, err := strconv.Atoi(t)
		if err != nil || v <= prev || v > 100 {
			return false
		}
		prev = v
		n++
	}
	return n >= 3
}
