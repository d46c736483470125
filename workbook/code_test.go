package workbook

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"lkjip/calc"
)

func TestParseCode(t *testing.T) {
	tests := []struct {
		in      string
		ok      bool
		norm    string
		strict  bool
		account bool
		level   calc.Level // by shape (90/2019) or, for accounts, by length; 0 when unknown
	}{
		{"2.16.01", true, "2.16.1", true, false, calc.LevelProgram},
		{"2.16.01.2.01", true, "2.16.1.2.1", true, false, calc.LevelKegiatan},
		{"2.16.01.2.01.0001", true, "2.16.1.2.1.1", true, false, calc.LevelSubKegiatan},
		{" 2 .16. 01 ", true, "2.16.1", true, false, calc.LevelProgram},
		{"X.XX.01", true, "x.xx.1", true, false, calc.LevelProgram},
		{"2.16", true, "2.16", false, false, calc.LevelGroup},
		{"5.01.01", true, "5.1.1", true, false, calc.LevelProgram}, // urusan 5, not an account
		{"5.1.02", true, "5.1.2", true, true, calc.LevelAkun},
		{"5.1.02.01.01.0024", true, "5.1.2.1.1.24", true, true, calc.LevelRekening},
		{"5.2.2.01.01", true, "5.2.2.1.1", true, true, calc.LevelRekening},
		{"1.20.03.15.01", true, "1.20.3.15.1", true, false, 0}, // 13/2006: placed by its parent
		{"1.1", true, "1.1", false, false, 0},
		{"1.1.1", true, "1.1.1", false, false, 0},
		{"2", false, "", false, false, 0},
		{"2.16.01 PROGRAM", false, "", false, false, 0},
		{"a.1", false, "", false, false, 0},
		{"..", false, "", false, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			c, ok := parseCode(tt.in)
			assert.Equal(t, tt.ok, ok)
			if !ok {
				return
			}
			assert.Equal(t, tt.norm, normOf(c))
			assert.Equal(t, tt.strict, c.strict())
			assert.Equal(t, tt.account, c.account())
			level, known := c.shapeLevel()
			if c.account() {
				level, known = c.accountLevel(), true
			}
			if tt.level == 0 {
				assert.False(t, known)
			} else {
				assert.Equal(t, tt.level, level)
			}
		})
	}
}

func TestCodeContains(t *testing.T) {
	c := func(s string) code {
		v, ok := parseKode(s)
		assert.True(t, ok, s)
		return v
	}
	assert.True(t, c("2.16.01").contains(c("2.16.1.2.01")), "leading zeros ignored")
	assert.True(t, c("2").contains(c("2.16")))
	assert.False(t, c("2.16.01").contains(c("2.16.01")), "not its own parent")
	assert.False(t, c("2.16.01").contains(c("2.16.010")))
	assert.False(t, c("2.1").contains(c("2.16")))
}

func TestCutCode(t *testing.T) {
	tests := []struct{ in, code, rest string }{
		{"2.16.01 PROGRAM PENUNJANG", "2.16.01", "PROGRAM PENUNJANG"},
		{"5.1.02.01.01.0024 - Belanja ATK", "5.1.02.01.01.0024", "Belanja ATK"},
		{"1.1 Pelayanan Administrasi", "", "1.1 Pelayanan Administrasi"}, // numbering
		{"2.16.01", "", "2.16.01"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			c, rest, ok := cutCode(tt.in)
			assert.Equal(t, tt.code != "", ok)
			if ok {
				assert.Equal(t, tt.code, c.String())
			}
			assert.Equal(t, tt.rest, rest)
		})
	}
}

// normOf is calc.NormalizeCode of a code, from its segments.
func normOf(c code) string {
	segs := make([]string, c.n)
	for i := range segs {
		segs[i] = strings.ToLower(trimZeros(c.seg(i)))
	}
	return strings.Join(segs, ".")
}

// TestCodeContainsNormalized checks contains against calc's normalisation:
// c contains d when NormalizeCode(c) is a proper prefix of
// NormalizeCode(d), segment by segment.
func TestCodeContainsNormalized(t *testing.T) {
	codes := []string{"2", "02", "2.16", "2.16.01", "2.16.1", "2.16.010", "2.16.01.2.01", "2.16.01.2.01.0001",
		"X.XX.01", "x.xx.1.2", "X.Xx.01.2.01.0001", "5.1.02.01.01.0024", "5.1.2", "0.00.1", "0.0.1.5", "x.Xx"}
	for _, a := range codes {
		ca, ok := parseKode(a)
		assert.True(t, ok, a)
		assert.Equal(t, calc.NormalizeCode(a), normOf(ca), a)
		for _, b := range codes {
			cb, _ := parseKode(b)
			na, nb := calc.NormalizeCode(a), calc.NormalizeCode(b)
			want := len(na) < len(nb) && strings.HasPrefix(nb, na+".")
			assert.Equal(t, want, ca.contains(cb), "%s contains %s", a, b)
		}
	}
}

// TestIsClean checks the fast path of cleanText.
func TestIsClean(t *testing.T) {
	for _, s := range []string{"", "a", "Belanja Modal", " a", "a ", "a  b", "a\tb", "Rp.\u00a01", "a\u200bb", "x\x7fy"} {
		t.Run(s, func(t *testing.T) {
			if isClean(s) {
				assert.Equal(t, s, cleanText(s))
			}
		})
	}
}
