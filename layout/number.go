package layout

import (
	"strconv"

	"github.com/shopspring/decimal"
)

// num converts an exact amount to the float64 a spreadsheet cell stores.
// The xlsx format holds IEEE doubles, so this is the one place exactness
// meets the file format: for up to 15 significant digits (every amount up
// to 9.999.999.999.999,99) the digits written are exactly the decimal's.
// The conversion is correctly rounded (the nearest double), like
// decimal.Float64, without its big.Rat.
func num(d decimal.Decimal) float64 {
	f, err := strconv.ParseFloat(d.String(), 64)
	if err != nil { // out of range: ±Inf, which no amount reaches
		f, _ = d.Float64()
	}
	return f
}

// exactInCell reports whether d survives the trip into a cell unchanged.
func exactInCell(d decimal.Decimal) bool {
	return strconv.FormatFloat(num(d), 'f', -1, 64) == d.String()
}
