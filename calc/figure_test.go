package calc

import (
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"

	"lkjip/internal/fixed"
)

// TestFigureValue checks that a figure gives back exactly the decimal it
// was given (coefficient and exponent, so every number it is printed as is
// the same), whether the value fits its 64-bit coefficient or sits behind
// its pointer, and that text and formula survive either way.
func TestFigureValue(t *testing.T) {
	for _, s := range []string{
		"0", "0.00", "1788546290", "-25000", "85.71", "0.8571428571428571",
		"999999999999999999", "-999999999999999999", // 18 digits: fit
		"1000000000000000000", "123456789012345678901234567890", // do not
		"1e-127", "1e-129", "5e127", "5e130", // exponents at and past int8
	} {
		d := decimal.RequireFromString(s)
		for _, typed := range [][2]string{{"", ""}, {"1.788.546.290", ""}, {"", "SUM(C5:C9)"}} {
			f := Figure{Kind: Number}.Typed(typed[0], typed[1]).WithValue(d)
			got := f.Value()
			assert.True(t, got.Equal(d), "%s", s)
			assert.Equal(t, d.Exponent(), got.Exponent(), "%s: exponent", s)
			assert.Equal(t, d.String(), got.String(), "%s", s)
			assert.Equal(t, d.Sign(), f.Sign(), "%s: sign", s)
			assert.Equal(t, typed[0], f.Text(), "%s: text", s)
			assert.Equal(t, typed[1], f.Formula(), "%s: formula", s)

			// The text and formula can change without losing the value.
			g := f.WithText("x").WithFormula("y")
			assert.Equal(t, d.String(), g.Value().String(), "%s after WithText", s)
			assert.Equal(t, d.String(), g.Typed("", "").Value().String(), "%s after Typed", s)

			want, wantOK := fixed.Of(d)
			fx, ok := f.Fixed()
			if e := d.Exponent(); e >= -128 && e <= 127 {
				assert.Equal(t, wantOK, ok, "%s: fits", s)
			}
			if ok {
				assert.Equal(t, want, fx, "%s", s)
			}
		}
	}
	// A figure without a number reads as Or0's zero.
	z, ok := Figure{Kind: Blank}.Fixed()
	want, _ := fixed.Of(Figure{Kind: Blank}.Or0())
	assert.True(t, ok)
	assert.Equal(t, want, z)
}

// TestFigureRevalue checks that a figure given a new value keeps its text
// and formula, whether the old or the new value sits behind its pointer.
func TestFigureRevalue(t *testing.T) {
	values := []string{"85.71", "-25000", "123456789012345678901234567890", "5e130"}
	for _, from := range values {
		for _, to := range values {
			old := decimal.RequireFromString(from)
			f := Figure{Kind: Number}.WithValue(old).Typed("85,71", "C5/C6")
			d := decimal.RequireFromString(to)
			g := f.WithValue(d)
			assert.Equal(t, d.String(), g.Value().String(), "%s to %s", from, to)
			assert.Equal(t, "85,71", g.Text(), "%s to %s: text", from, to)
			assert.Equal(t, "C5/C6", g.Formula(), "%s to %s: formula", from, to)
			assert.Equal(t, old.String(), f.Value().String(), "%s to %s: original changed", from, to)
		}
	}
}
