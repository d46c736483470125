package calc

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNormalizeName(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"ampersand", "Program Pelayanan Administrasi & Jasa Perkantoran", "program pelayanan administrasi dan jasa perkantoran"},
		{"case and spaces", "  Program  peningkatan\u00a0Sarana ", "program peningkatan sarana"},
		{"punctuation", "Rapat - rapat koordinasi", "rapat rapat koordinasi"},
		{"numbering", "1 Pelayanan Administrasi", "pelayanan administrasi"},
		{"prog abbreviation", "Prog. Integrasi Kebangsaan", "program integrasi kebangsaan"},
		{"invisible", "Program\u200b Integrasi", "program integrasi"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, NormalizeName(tt.in))
		})
	}
}

func TestNormalizeCode(t *testing.T) {
	assert.Equal(t, NormalizeCode("2.16.01"), NormalizeCode(" 2.16.1 "))
	assert.Equal(t, NormalizeCode("5.1.02.01.01.0024"), NormalizeCode("5.1.2.1.1.24"))
	assert.NotEqual(t, NormalizeCode("2.16.01"), NormalizeCode("2.16.02"))
}

func TestMatchNames(t *testing.T) {
	dpa := []Named{
		{Name: "Program Peningkatan Sarana dan Prasarana Aparatur"},
		{Name: "Program Peningkatan Sistem Perencanaan, Penganggaran, Pelaporan dan Pelayanan Infomasi Publik"},
		{Name: "Program Pelayanan Administrasi dan Jasa Perkantoran"},
		{Name: "Program Integrasi Kebangsaan"},
	}
	other := []Named{
		{Name: "Program Pelayanan Administrasi & Jasa Perkantoran"},
		{Name: "Program peningkatan Sistem Perencanaan, Penganggaran, Pelaporan & Pelayanan Informasi Publik"},
		{Name: "Program Perangkat Sarana dan Prasarana Aparatur"},
		{Name: "Program Sesuatu Yang Lain Sama Sekali"},
	}
	m := MatchNames(other, dpa)

	p, ok := m.PairOf(0)
	assert.True(t, ok)
	assert.Equal(t, 2, p.B)
	assert.True(t, p.Exact, "& and dan are the same")

	p, ok = m.PairOf(1)
	assert.True(t, ok)
	assert.Equal(t, 1, p.B)
	assert.False(t, p.Exact, "a one-letter typo is a near match")

	_, ok = m.PairOf(2)
	assert.False(t, ok, "a different word is not a near match")
	s, ok := m.Suggest[2]
	assert.True(t, ok)
	assert.Equal(t, 0, s.B, "the closest DPA program is suggested")

	_, ok = m.Suggest[3]
	assert.False(t, ok, "nothing alike, nothing suggested")
	assert.Equal(t, []int{2, 3}, m.UnmatchedA)
	assert.Equal(t, []int{0, 3}, m.UnmatchedB)
	assert.True(t, m.Suggested(0))
	assert.False(t, m.Suggested(3))
}

func TestMatchNamesByCode(t *testing.T) {
	a := []Named{{Code: "2.16.01", Name: "Program Satu"}}
	b := []Named{{Code: "2.16.02", Name: "Program Satu"}, {Code: "2.16.1", Name: "Program Lain Namanya"}}
	m := MatchNames(a, b)
	p, ok := m.PairOf(0)
	assert.True(t, ok)
	assert.Equal(t, 1, p.B, "codes match before names")
}

// TestMatchNamesBounded: names no agency writes (thousands of characters,
// or very many) cost bounded work: without the bounds, 30 names of 20 000
// characters on each side take hours. Such names match only when equal.
func TestMatchNamesBounded(t *testing.T) {
	long := func(seed int) string {
		r := rand.New(rand.NewPCG(uint64(seed), 0))
		var b strings.Builder
		for i := 0; i < 20000; i++ {
			b.WriteByte("abcdefghij "[r.IntN(11)])
		}
		return "Program " + b.String()
	}
	var a, b []Named
	for i := 0; i < 30; i++ {
		a = append(a, Named{Name: long(i + 1)})
		b = append(b, Named{Name: long(i + 100)})
	}
	b[5] = a[7]
	m := MatchNames(a, b)
	require.Len(t, m.Pairs, 1)
	assert.Equal(t, NameMatch{A: 7, B: 5, Exact: true, Score: 1}, m.Pairs[0])
	assert.False(t, NearNames(a[0].Name, a[0].Name+"x"), "too long to judge a slip")

	t.Run("many names", func(t *testing.T) {
		var a, b []Named
		for i := 0; i < 20000; i++ {
			a = append(a, Named{Name: fmt.Sprintf("Program Pembinaan Nomor %d", i)})
			b = append(b, Named{Name: fmt.Sprintf("Program Pengembangan Nomor %d", i)})
		}
		m := MatchNames(a, b)
		assert.Empty(t, m.Pairs)
		assert.Empty(t, m.Suggest, "near matching skipped: too much work")
	})
}
