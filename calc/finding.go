package calc

import (
	"cmp"
	"fmt"
	"slices"
)

// Severity ranks findings. Any Error makes `lkjip check` exit with status 1.
type Severity uint8

const (
	Info Severity = iota
	Warning
	Error
)

// String is the severity's stable code, used in JSON: "info", "warning",
// "error".
func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	default:
		return "info"
	}
}

// Label is the severity in Bahasa Indonesia, for people.
func (s Severity) Label() string {
	switch s {
	case Error:
		return "kesalahan"
	case Warning:
		return "peringatan"
	default:
		return "info"
	}
}

// Rule is a finding's stable code (kebab-case), documented in docs/rules.md.
type Rule string

// The rule catalogue. Codes are a contract: scripts depend on them.
const (
	RuleTotalMismatch     Rule = "total-mismatch"
	RulePercentMismatch   Rule = "percent-mismatch"
	RuleSisaMismatch      Rule = "sisa-mismatch"
	RuleRounding          Rule = "rounding"
	RuleOverRealization   Rule = "over-realization"
	RulePKBudgetMismatch  Rule = "pk-budget-mismatch"
	RuleNameMismatch      Rule = "name-mismatch"
	RuleCapaianMismatch   Rule = "capaian-mismatch"
	RuleRealisasiMismatch Rule = "realisasi-mismatch"
	// RuleIndicatorFormulaMismatch: the typed realisasi differs from the
	// value of the indicator's Pohon Kinerja formula over the data tables.
	RuleIndicatorFormulaMismatch Rule = "indicator-formula-mismatch"
	// RuleCodeMismatch: the same program or kegiatan carries different
	// codes in two documents.
	RuleCodeMismatch       Rule = "code-mismatch"
	RuleEfficiencyMismatch Rule = "efficiency-mismatch"
	RuleAllocationMismatch Rule = "allocation-mismatch"
	RuleNotANumber         Rule = "not-a-number"
	RuleMissingValue       Rule = "missing-value"
	RuleNegativeValue      Rule = "negative-value"
	RuleFormulaNoCache     Rule = "formula-no-cache"
	RuleLowAbsorption      Rule = "low-absorption"
)

// RuleInfo describes a rule: its usual severity and a one-line title in
// Bahasa Indonesia.
type RuleInfo struct {
	Rule     Rule
	Severity Severity
	Title    string
}

// Rules lists the catalogue in the order docs/rules.md presents it.
func Rules() []RuleInfo {
	return []RuleInfo{
		{RuleTotalMismatch, Error, "Jumlah induk tidak sama dengan jumlah rinciannya"},
		{RulePercentMismatch, Error, "Persentase tidak sama dengan realisasi ÷ anggaran × 100"},
		{RuleSisaMismatch, Error, "Sisa tidak sama dengan anggaran − realisasi"},
		{RuleRounding, Info, "Selisih hanya karena pembulatan atau pemotongan angka"},
		{RuleOverRealization, Error, "Realisasi melebihi anggaran"},
		{RulePKBudgetMismatch, Error, "Anggaran program di Perjanjian Kinerja berbeda dengan DPA"},
		{RuleNameMismatch, Warning, "Nama program/kegiatan berbeda atau tidak ada di dokumen lain"},
		{RuleCapaianMismatch, Error, "Capaian tidak sesuai target dan realisasi indikator"},
		{RuleRealisasiMismatch, Error, "Realisasi indikator yang sama berbeda antar tabel"},
		{RuleIndicatorFormulaMismatch, Error, "Realisasi indikator tidak sesuai rumus Pohon Kinerja atas data pendukung"},
		{RuleCodeMismatch, Warning, "Kode program/kegiatan berbeda antar dokumen"},
		{RuleEfficiencyMismatch, Error, "Tingkat efisiensi tidak sesuai perhitungan"},
		{RuleAllocationMismatch, Error, "Persentase alokasi anggaran per sasaran tidak sesuai"},
		{RuleNotANumber, Error, "Sel yang harus berisi angka berisi teks"},
		{RuleMissingValue, Error, "Sel yang harus berisi angka kosong"},
		{RuleNegativeValue, Error, "Angka negatif pada sel yang tidak boleh negatif"},
		{RuleFormulaNoCache, Info, "Rumus tanpa hasil tersimpan; lkjip menghitungnya"},
		{RuleLowAbsorption, Warning, "Penyerapan anggaran di bawah ambang batas"},
	}
}

// Finding is one disagreement, at the cell where it sits. Reported is the
// figure as typed, Computed the one lkjip computed, both as exact decimal
// strings (or names, for name-mismatch); Message explains it in Bahasa
// Indonesia.
type Finding struct {
	Rule     Rule
	Severity Severity
	Src      Ref
	Subject  string
	Reported string
	Computed string
	Message  string
}

// String is the one-line text form `lkjip check` prints:
// "dpa.xlsx: Realisasi!D22: kesalahan [total-mismatch] Program …: message".
func (f Finding) String() string {
	place := f.Src.String()
	if place == "" {
		place = "-"
	}
	return fmt.Sprintf("%s: %s [%s] %s", place, f.Severity.Label(), f.Rule, f.Message)
}

// sortFindings orders findings by file, sheet, row and column, then rule,
// subject and message, and drops duplicates: findings of the same rule on
// the same cell about the same subject and figures, however they were
// worded.
func sortFindings(fs []Finding) []Finding {
	type key struct {
		src                         Ref
		rule                        Rule
		subject, reported, computed string
	}
	seen := map[key]bool{}
	out := fs[:0:0]
	for _, f := range fs {
		k := key{f.Src, f.Rule, f.Subject, f.Reported, f.Computed}
		if !seen[k] {
			seen[k] = true
			out = append(out, f)
		}
	}
	slices.SortStableFunc(out, func(a, b Finding) int {
		return cmp.Or(a.Src.Compare(b.Src), cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Subject, b.Subject),
			cmp.Compare(a.Message, b.Message))
	})
	return out
}

// Count tallies findings by severity.
type Count struct {
	Error   int `json:"error"`
	Warning int `json:"warning"`
	Info    int `json:"info"`
}

// CountFindings tallies fs by severity.
func CountFindings(fs []Finding) Count {
	var c Count
	for _, f := range fs {
		switch f.Severity {
		case Error:
			c.Error++
		case Warning:
			c.Warning++
		default:
			c.Info++
		}
	}
	return c
}
