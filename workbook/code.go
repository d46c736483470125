package workbook

import (
	"strings"

	"lkjip/calc"
)

// code is a hierarchical code as typed: "2.16.01.2.01.0001" (Permendagri
// 90/2019), "1.20.1.20.03.15.01" (13/2006), "5.1.02.01.01.0024" (an
// account), "X.XX.01" (SIPD's placeholder for programs common to every
// bidang).
//
// It is held as its text alone, the segments read from it when needed:
// every budget row has a code, and splitting it into a slice of segments
// (and a normalised copy) cost two allocations a row.
type code struct {
	text string // the segments joined by dots, stray spaces removed
	n    int    // the number of segments
}

// parseCode reads a code: at least two segments of digits (or X
// placeholders) joined by dots, spaces around them tolerated. ok is false
// for anything else.
func parseCode(s string) (code, bool) {
	c, ok := parseCodeSegs(s)
	if !ok || c.n < 2 {
		return code{}, false
	}
	return c, true
}

// parseKode reads a cell of a Kode column, where a lone segment ("2", an
// urusan) is a code too.
func parseKode(s string) (code, bool) { return parseCodeSegs(s) }

func parseCodeSegs(s string) (code, bool) {
	s = strings.Trim(cleanText(s), " .")
	if s == "" || len(s) > 64 {
		return code{}, false
	}
	n := 0
	for p := range strings.SplitSeq(s, ".") {
		p = strings.TrimSpace(p)
		if p == "" || len(p) > 6 {
			return code{}, false
		}
		for i := 0; i < len(p); i++ {
			if r := p[i]; (r < '0' || r > '9') && r != 'X' && r != 'x' {
				return code{}, false
			}
		}
		n++
	}
	if strings.Contains(s, " ") { // " 2 .16. 01 ": the text without the spaces
		s = strings.ReplaceAll(s, " ", "")
	}
	return code{text: s, n: n}, true
}

// seg is the i-th segment, "" beyond the last.
func (c code) seg(i int) string {
	s := c.text
	for ; i > 0; i-- {
		_, rest, ok := strings.Cut(s, ".")
		if !ok {
			return ""
		}
		s = rest
	}
	seg, _, _ := strings.Cut(s, ".")
	return seg
}

// String is the code as typed, without stray spaces.
func (c code) String() string { return c.text }

// strict reports whether the code cannot be list numbering ("1.1",
// "1.2.3"): a segment with a leading zero ("2.16.01"), a placeholder
// ("X.XX.01"), or five segments or more.
func (c code) strict() bool {
	if c.n >= 5 {
		return true
	}
	for s := range strings.SplitSeq(c.text, ".") {
		if len(s) > 1 && s[0] == '0' || strings.ContainsAny(s, "Xx") {
			return true
		}
	}
	return false
}

// account reports whether the code is a budget account (kode rekening):
// it starts with 4 (pendapatan), 5 (belanja) or 6 (pembiayaan) followed by
// a one-digit kelompok: 5.1, 5.1.02, 5.2.2.01.01, 5.1.02.01.01.0024. (A
// program of urusan 5 has a two-digit bidang: 5.01.01.)
func (c code) account() bool {
	if c.n < 2 {
		return false
	}
	switch c.seg(0) {
	case "4", "5", "6":
		s := c.seg(1)
		return len(s) == 1 && s != "0"
	}
	return false
}

// accountLevel places an account: rincian objek (5 segments) and below
// are accounts (rekening); shorter ones group them.
func (c code) accountLevel() calc.Level {
	if c.n >= 5 {
		return calc.LevelRekening
	}
	return calc.LevelAkun
}

// shapeLevel places a code by its shape in the 90/2019 nomenclature:
// urusan X, bidang X.XX, program X.XX.XX, kegiatan X.XX.XX.X.XX,
// sub-kegiatan X.XX.XX.X.XX.XXXX. ok is false for other shapes (13/2006
// codes, which are placed by what contains them).
func (c code) shapeLevel() (calc.Level, bool) {
	if c.n > 6 {
		return 0, false
	}
	var widths [6]int
	i := 0
	for s := range strings.SplitSeq(c.text, ".") {
		widths[i] = len(s)
		i++
	}
	width := func(i, w int) bool { return widths[i] == w }
	if !width(0, 1) || !width(1, 2) {
		return 0, false
	}
	switch c.n {
	case 2:
		return calc.LevelGroup, true
	case 3:
		if width(2, 2) {
			return calc.LevelProgram, true
		}
	case 5:
		if width(2, 2) && width(3, 1) && width(4, 2) {
			return calc.LevelKegiatan, true
		}
	case 6:
		if width(2, 2) && width(3, 1) && width(4, 2) && (width(5, 4) || width(5, 2)) {
			return calc.LevelSubKegiatan, true
		}
	}
	return 0, false
}

// contains reports whether c is a proper prefix of d, segment by segment,
// leading zeros ignored (calc.NormalizeCode of c a prefix of d's).
func (c code) contains(d code) bool {
	cs, ds := c.text, d.text
	for {
		cseg, crest, cmore := strings.Cut(cs, ".")
		dseg, drest, dmore := strings.Cut(ds, ".")
		if !sameSegment(cseg, dseg) {
			return false
		}
		if !cmore || !dmore {
			return !cmore && dmore
		}
		cs, ds = crest, drest
	}
}

// sameSegment compares two segments of codes as calc.NormalizeCode does:
// leading zeros ignored, placeholders in either case.
func sameSegment(a, b string) bool {
	return strings.EqualFold(trimZeros(a), trimZeros(b))
}

func trimZeros(s string) string {
	if t := strings.TrimLeft(s, "0"); t != "" {
		return t
	}
	return "0"
}

// cutCode splits a code typed at the start of a name cell ("2.16.01
// PROGRAM …", "5.1.02.01.01.0024 - Belanja …"). Only a strict code is cut:
// "1.1 Nama" is numbering, left to cutNumbering.
func cutCode(name string) (code, string, bool) {
	word, rest, ok := strings.Cut(name, " ")
	if !ok {
		return code{}, name, false
	}
	c, ok := parseCode(word)
	if !ok || !c.strict() {
		return code{}, name, false
	}
	rest = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(rest), "-–:"))
	if rest == "" {
		return code{}, name, false
	}
	return c, rest, true
}
