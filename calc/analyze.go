package calc

import (
	"runtime"
	"strings"

	"github.com/shopspring/decimal"
)

// Result is an analysed agency: the figures recomputed from the lowest level
// up, the performance results per sasaran, and every finding in file, sheet,
// row, column order.
type Result struct {
	Agency   *Agency
	Settings Settings

	Totals   Amounts // every DPA table's grand total, from the leaves up
	Groups   []*Node // BTL / BL, Belanja Operasi / Modal …
	Programs []*Node
	// BelanjaLangsung is the denominator of allocation shares: the Belanja
	// Langsung group where there is one, otherwise the total.
	BelanjaLangsung decimal.Decimal

	Sasaran []*SasaranResult
	// PohonDPA maps each Pohon Kinerja program and kegiatan to the DPA row
	// it was matched with (absent when it has no counterpart).
	PohonDPA map[*PohonNode]*Node

	Findings []Finding

	// blGroup is the Belanja Langsung group row, when there is one.
	blGroup *Node
	// fixes are the corrections the checks found for copied and derived
	// figures; Correct applies them.
	fixes []Correction
}

// SasaranResult is one sasaran's performance: its indicators with computed
// capaian, the DPA programs that serve it, and what follows.
type SasaranResult struct {
	Name      string
	Src       Ref
	Indikator []*IndicatorResult
	Programs  []*Node
	Amounts   Amounts // the programs' anggaran and realisasi

	// Capaian is the mean of the indicators' computed capaian; HasCapaian
	// is false when no indicator could be computed.
	Capaian    decimal.Decimal
	HasCapaian bool
	// Efisiensi is capaian − penyerapan (EfficiencySelisih) or realisasi ÷
	// anggaran × 100 (EfficiencyRasio); Alokasi the share of Belanja
	// Langsung, in percent.
	Efisiensi decimal.Decimal
	Alokasi   decimal.Decimal
}

// Penyerapan is the absorption of the sasaran's programs, in percent.
func (s *SasaranResult) Penyerapan() decimal.Decimal { return s.Amounts.Persen() }

// IndicatorResult is an indicator with its capaian computed under its
// effective polarity. History holds the same indicator's rows for other
// years, as typed; Repeats its rows for the same year in further tables.
type IndicatorResult struct {
	Indicator
	Polarity Polarity
	// PolarityFrom says where the polarity came from, in Bahasa Indonesia
	// ("kolom Polaritas", "Pohon Kinerja", "pengaturan").
	PolarityFrom string
	Capaian      decimal.Decimal
	HasCapaian   bool
	// Capped is Capaian limited to Settings.CapaianCap; equal to Capaian
	// when no cap is set.
	Capped decimal.Decimal
	// Formula is the indicator's Pohon Kinerja formula evaluated from the
	// data tables, when HasFormula; FormulaNote says why a formula the
	// Pohon Kinerja gives could not be evaluated.
	Formula     FormulaValue
	HasFormula  bool
	FormulaNote string
	History     []Indicator
	Repeats     []Indicator
}

// Errors reports whether any finding has error severity (exit status 1).
func (r *Result) Errors() bool {
	for _, f := range r.Findings {
		if f.Severity == Error {
			return true
		}
	}
	return false
}

// Predikat names the band of a percentage under the result's label set.
func (r *Result) Predikat(pct decimal.Decimal) string { return Predikat(pct, r.Settings.Labels) }

// Analyze recomputes every total and percentage of an agency, cross-checks
// its documents and returns the result with its findings. It does not
// modify the figures of a; it sets each Node's Sum.
func Analyze(a *Agency, s Settings) *Result { return analyze(a, s, runtime.GOMAXPROCS(0)) }

// analyze is Analyze with large budget tables checked on up to workers
// goroutines.
func analyze(a *Agency, s Settings, workers int) *Result {
	c := &checker{s: s, pkDPA: map[int]*Node{}, workers: workers}
	r := &Result{Agency: a, Settings: s, PohonDPA: map[*PohonNode]*Node{}}
	for _, b := range a.Budgets {
		c.checkBudget(b)
		r.Totals = r.Totals.Add(b.Root.Sum())
		r.Groups = append(r.Groups, b.Find(LevelGroup)...)
		r.Programs = append(r.Programs, b.Find(LevelProgram)...)
	}
	r.BelanjaLangsung = r.Totals.Anggaran
	for _, g := range r.Groups {
		if isBelanjaLangsung(g.Name) {
			r.BelanjaLangsung = g.Sum().Anggaran
			r.blGroup = g
			break
		}
	}
	c.checkPohon(r)
	c.checkPK(r)
	c.checkPerformance(r)
	for _, t := range a.Data {
		c.checkData(t)
	}
	c.flushAbsent()
	r.Findings = sortFindings(c.findings)
	r.fixes = c.fixes
	return r
}

// belanjaLabel names the denominator of allocation shares, for messages.
func (r *Result) belanjaLabel() string {
	if r.blGroup != nil {
		return "Belanja Langsung"
	}
	return "total belanja"
}

// isBelanjaLangsung recognises the Belanja Langsung group row, which is the
// denominator of allocation shares in the 13/2006 nomenclature.
func isBelanjaLangsung(name string) bool {
	n := NormalizeName(name)
	return strings.HasPrefix(n, "belanja langsung")
}
