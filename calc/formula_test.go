package calc

import (
	"errors"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseFormula(t *testing.T) {
	years := func(v FormulaVar) (decimal.Decimal, bool) {
		if !v.Year {
			return decimal.Zero, false
		}
		return map[int]decimal.Decimal{0: decimal.NewFromInt(7), 1: decimal.NewFromInt(10), 2: decimal.NewFromInt(12)}[v.Back], true
	}
	named := func(v FormulaVar) (decimal.Decimal, bool) {
		switch v.String() {
		case "konflik yang diselesaikan":
			return decimal.NewFromInt(3), true
		case "jumlah konflik":
			return decimal.NewFromInt(4), true
		}
		return decimal.Zero, false
	}
	tests := []struct {
		name    string
		formula string
		lookup  func(FormulaVar) (decimal.Decimal, bool)
		want    string
		vars    []string
		wantErr string
	}{
		{"the sample's formula", "((n-1) - n) / (n-1) x 100%", years, "30", []string{"n-1", "n"}, ""},
		{"spaces and unicode operators", "{(n − 1) − n} ÷ (n − 1) × 100 %", years, "30", []string{"n-1", "n"}, ""},
		{"words around years describe them", "(konflik tahun n-1 - konflik tahun n) / konflik tahun n-1 * 100", years, "30", []string{"n-1", "n"}, ""},
		{"two years back", "(n-2 - n) / n-2 x 100", years, "41.666666666666666667", []string{"n-2", "n"}, ""},
		{"named rows", "konflik yang diselesaikan / jumlah konflik x 100%", named, "75", []string{"konflik yang diselesaikan", "jumlah konflik"}, ""},
		{"Indonesian operator words", "konflik yang diselesaikan dibagi jumlah konflik dikali 100", named, "75", nil, ""},
		{"decimal comma", "n x 1,5", years, "10.5", nil, ""},
		{"worked result after = is ignored", "(n-1 - n)/(n-1) x 100% = 30%", years, "30", nil, ""},
		{"unary minus", "-(n - (n-1))/(n-1)*100", years, "30", nil, ""},
		{"n minus a big number is arithmetic", "n - 100", years, "-93", []string{"n"}, ""},
		{"precedence", "2 + 3 x 4", years, "14", []string{}, ""},
		{"division by zero", "n / (n - n)", years, "", nil, "pembagian dengan nol"},
		{"unknown row", "jumlah kasus / 2", named, "", nil, `tidak ada data untuk "jumlah kasus"`},
		{"unclosed", "((n-1) - n", years, "", nil, "kurung tidak ditutup"},
		{"dangling operator", "n x", years, "", nil, "berakhir sebelum lengkap"},
		{"two operands in a row", "10 kasus", years, "", nil, "tidak diharapkan"},
		{"stray character", "n ; 2", years, "", nil, "tanda \";\" tidak dikenal"},
		{"empty", "", years, "", nil, "berakhir sebelum lengkap"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := ParseFormula(tt.formula)
			var got decimal.Decimal
			if err == nil {
				if tt.vars != nil {
					var names []string
					for _, v := range f.Vars() {
						names = append(names, v.String())
					}
					if len(tt.vars) == 0 {
						assert.Empty(t, names)
					} else {
						assert.Equal(t, tt.vars, names)
					}
				}
				got, err = f.Eval(tt.lookup)
			}
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.True(t, errors.Is(err, ErrFormula))
				assert.Contains(t, err.Error(), tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got.String())
		})
	}
}

func TestParseFormulaLimits(t *testing.T) {
	deep := ""
	for range 60 {
		deep += "("
	}
	_, err := ParseFormula(deep + "n")
	assert.ErrorContains(t, err, "terlalu banyak tanda kurung")
	long := make([]byte, maxFormulaLen+1)
	for i := range long {
		long[i] = 'n'
	}
	_, err = ParseFormula(string(long))
	assert.ErrorContains(t, err, "lebih dari")
}

// FuzzParseFormula: any text either parses or fails with ErrFormula, never
// panics, and a parsed formula evaluates without panicking.
func FuzzParseFormula(f *testing.F) {
	for _, s := range []string{"((n-1) - n) / (n-1) x 100%", "konflik yang diselesaikan / jumlah konflik",
		"{(n − 1) − n} ÷ (n − 1) × 100 %", "n-", "(((", "- - - n", "1,5 x n = 3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fm, err := ParseFormula(s)
		if err != nil {
			if !errors.Is(err, ErrFormula) {
				t.Fatalf("error without ErrFormula: %v", err)
			}
			return
		}
		_, err = fm.Eval(func(v FormulaVar) (decimal.Decimal, bool) { return decimal.NewFromInt(int64(v.Back + 1)), true })
		if err != nil && !errors.Is(err, ErrFormula) {
			t.Fatalf("eval error without ErrFormula: %v", err)
		}
	})
}
