package layout

import (
	"strconv"

	"github.com/shopspring/decimal"

	"lkjip/internal/fixed"
)

// num converts an exact amount to the float64 a spreadsheet cell stores.
// The xlsx format holds IEEE doubles, so this is the one place exactness
// meets the file format: for up to 15 significant digits (every amount up
// to 9.999.999.999.999,99) the digits written are exactly the decimal's.
// The conversion is correctly rounded (the nearest double), like
// decimal.Float64, without its big.Rat.
func num(d decimal.Decimal) float64 {
	// An amount of up to 15 digits is an exact double, and so is a power of
	// ten up to 10^22: one division or multiplication, correctly rounded
	// by the hardware, is then the nearest double, as ParseFloat finds it.
	// floatOfDec does exactly that for such a coefficient (under 2^53) and
	// exponent.
	//
	// More than 15 places (a percentage calc worked out to 20) means more
	// than 15 digits, so NumDigits, which costs big.Int arithmetic beyond
	// 64 bits, is not asked.
	if e := d.Exponent(); e >= -15 && e <= 22 && d.NumDigits() <= 15 {
		return floatOfDec(fixed.Dec{C: d.CoefficientInt64(), E: e})
	}
	// Otherwise ParseFloat of the exact digits ("8571…e-20"), which is
	// correctly rounded too.
	var buf [64]byte
	b := d.Coefficient().Append(buf[:0], 10)
	b = append(b, 'e')
	b = strconv.AppendInt(b, int64(d.Exponent()), 10)
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil { // out of range: ±Inf, which no amount reaches
		f, _ = d.Float64()
	}
	return f
}

// exactInCell reports whether d survives the trip into a cell unchanged.
func exactInCell(d decimal.Decimal) bool {
	return strconv.FormatFloat(num(d), 'f', -1, 64) == d.String()
}

// pow10 are the powers of ten a double holds exactly.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}
