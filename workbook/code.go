package workbook

import (
	"strings"

	"lkjip/calc"
)

// code is a hierarchical code as typed: "2.16.01.2.01.0001" (Permendagri
// 90/2019), "1.20.1.20.03.15.01" (13/2006), "5.1.02.01.01.0024" (an
// account), "X.XX.01" (SIPD's placeholder for programs common to every
// bidang).
type code struct {
	segs []string // as typed, stray spaces removed
	norm string   // calc.NormalizeCode: segments without leading zeros
	text string   // the segments joined, when that is the text as typed
}

// parseCode reads a code: at least two segments of digits (or X
// placeholders) joined by dots, spaces around them tolerated. ok is false
// for anything else.
func parseCode(s string) (code, bool) {
	c, ok := parseCodeSegs(s)
	if !ok || len(c.segs) < 2 {
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
	segs := strings.Split(s, ".")
	for i, p := range segs {
		p = strings.TrimSpace(p)
		if p == "" || len(p) > 6 {
			return code{}, false
		}
		for _, r := range p {
			if (r < '0' || r > '9') && r != 'X' && r != 'x' {
				return code{}, false
			}
		}
		segs[i] = p
	}
	c := code{segs: segs, norm: normalizeSegs(segs)}
	if !strings.Contains(s, " ") {
		c.text = s // String would join the segments into s again
	}
	return c, true
}

// normalizeSegs is calc.NormalizeCode of segments already checked to be
// digits or placeholders: leading zeros dropped, placeholders lower case.
func normalizeSegs(segs []string) string {
	var b strings.Builder
	b.Grow(len(segs) * 4)
	for i, s := range segs {
		if i > 0 {
			b.WriteByte('.')
		}
		t := strings.TrimLeft(s, "0")
		if t == "" {
			t = "0"
		}
		for j := 0; j < len(t); j++ {
			b.WriteByte(t[j] | 0x20*byte(boolInt(t[j] == 'X')))
		}
	}
	return b.String()
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// String is the code as typed, without stray spaces.
func (c code) String() string {
	if c.text != "" {
		return c.text
	}
	return strings.Join(c.segs, ".")
}

// strict reports whether the code cannot be list numbering ("1.1",
// "1.2.3"): a segment with a leading zero ("2.16.01"), a placeholder
// ("X.XX.01"), or five segments or more.
func (c code) strict() bool {
	if len(c.segs) >= 5 {
		return true
	}
	for _, s := range c.segs {
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
	if len(c.segs) < 2 {
		return false
	}
	switch c.segs[0] {
	case "4", "5", "6":
		return len(c.segs[1]) == 1 && c.segs[1] != "0"
	}
	return false
}

// accountLevel places an account: rincian objek (5 segments) and below
// are accounts (rekening); shorter ones group them.
func (c code) accountLevel() calc.Level {
	if len(c.segs) >= 5 {
		return calc.LevelRekening
	}
	return calc.LevelAkun
}

// shapeLevel places a code by its shape in the 90/2019 nomenclature:
// urusan X, bidang X.XX, program X.XX.XX, kegiatan X.XX.XX.X.XX,
// sub-kegiatan X.XX.XX.X.XX.XXXX. ok is false for other shapes (13/2006
// codes, which are placed by what contains them).
func (c code) shapeLevel() (calc.Level, bool) {
	width := func(i, w int) bool { return i < len(c.segs) && len(c.segs[i]) == w }
	if !width(0, 1) || !width(1, 2) {
		return 0, false
	}
	switch len(c.segs) {
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
// leading zeros ignored.
func (c code) contains(d code) bool {
	return len(c.norm) < len(d.norm) && strings.HasPrefix(d.norm, c.norm) && d.norm[len(c.norm)] == '.'
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
