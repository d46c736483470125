package calc

import "github.com/shopspring/decimal"

// RatioBand names the efficiency band of a ratio (realisasi ÷ anggaran ×
// 100) under Kepmendagri 690.900.327/1996: ≥ 100 tidak efisien, 90–100
// kurang efisien, 80–90 cukup efisien, 60–80 efisien, < 60 sangat efisien.
func RatioBand(ratio decimal.Decimal) string {
	switch {
	case ratio.GreaterThanOrEqual(decimal.NewFromInt(100)):
		return "tidak efisien"
	case ratio.GreaterThanOrEqual(decimal.NewFromInt(90)):
		return "kurang efisien"
	case ratio.GreaterThanOrEqual(decimal.NewFromInt(80)):
		return "cukup efisien"
	case ratio.GreaterThanOrEqual(decimal.NewFromInt(60)):
		return "efisien"
	}
	return "sangat efisien"
}

// EfficiencyLabel names what an efisiensi figure means under a method:
// under selisih, zero or more is "efisien" and less "tidak efisien"; under
// rasio, the band of RatioBand.
func EfficiencyLabel(m EfficiencyMethod, efisiensi decimal.Decimal) string {
	if m == EfficiencyRasio {
		return RatioBand(efisiensi)
	}
	if efisiensi.IsNegative() {
		return "tidak efisien"
	}
	return "efisien"
}

// Efisiensi computes a sasaran's efficiency from its capaian and
// penyerapan (both in percent) under a method: capaian − penyerapan for
// selisih, penyerapan itself (realisasi ÷ anggaran × 100) for rasio.
func Efisiensi(m EfficiencyMethod, capaian, penyerapan decimal.Decimal) decimal.Decimal {
	if m == EfficiencyRasio {
		return penyerapan
	}
	return capaian.Sub(penyerapan)
}

// formula describes the method's formula, for messages.
func (m EfficiencyMethod) formula() string {
	if m == EfficiencyRasio {
		return "metode rasio, realisasi ÷ anggaran × 100"
	}
	return "metode selisih, % capaian − % penyerapan"
}
