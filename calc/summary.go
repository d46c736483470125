package calc

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// Summary is what a consolidation keeps of one agency: its totals, its
// programs, the capaian of its sasaran and its findings. It is built from an
// analysed Result (Summarize) or from the JSON that `lkjip check --format
// json` wrote (SummaryFromJSON); both give the same figures, so a large
// consolidation can be split into many check runs and merged.
type Summary struct {
	Agency string
	Year   int
	// Files are the consolidation's own inputs this summary comes from.
	Files []string
	// Inputs are the spreadsheet files read, with their tables and ignored
	// rows; for a check result, the files that check run read.
	Inputs []Input
	// HasBudget reports that a DPA realisation table was read.
	HasBudget bool
	Totals    Amounts
	Programs  []ProgramSummary
	// SasaranCapaian holds each sasaran's capaian where it could be
	// computed, as the check JSON publishes it (rounded to two places), so
	// that both ways of consolidating agree to the last digit.
	SasaranCapaian []decimal.Decimal
	Findings       []Finding
}

// ProgramSummary is one DPA program with its amounts from the leaves up.
type ProgramSummary struct {
	Code    string
	Name    string
	Src     Ref
	Amounts Amounts
}

// Summarize keeps what a consolidation needs of an analysed agency. Files
// are the names of the agency's inputs.
func Summarize(r *Result) Summary {
	s := Summary{
		Agency:   r.Agency.Name,
		Year:     r.Agency.Year,
		Inputs:   r.Agency.Inputs,
		Totals:   r.Totals,
		Findings: r.Findings,
	}
	for _, in := range r.Agency.Inputs {
		s.Files = append(s.Files, in.File)
	}
	s.HasBudget = len(r.Agency.Budgets) > 0
	for _, p := range r.Programs {
		s.Programs = append(s.Programs, ProgramSummary{Code: p.Code, Name: p.Name, Src: p.Src, Amounts: p.Sum()})
	}
	for _, ss := range r.Sasaran {
		if ss.HasCapaian {
			s.SasaranCapaian = append(s.SasaranCapaian, ss.Capaian.Round(2))
		}
	}
	return s
}

// SummaryFromJSON reads back the JSON of `lkjip check --format json`, file
// being the name it was read from. Amounts are exact decimal strings; a
// value that is not one makes the whole result unusable.
func SummaryFromJSON(j JSONResult, file string) (Summary, error) {
	s := Summary{Agency: j.Agency, Year: j.Year, Files: []string{file}}
	var err error
	if s.Totals, err = amountsFromJSON(j.Totals, "totals"); err != nil {
		return Summary{}, err
	}
	for _, in := range j.Inputs {
		ci := Input{File: in.File}
		for _, t := range in.Tables {
			ci.Tables = append(ci.Tables, Table{Sheet: t.Sheet, Kind: TableKind(t.Kind), Range: t.Range})
			s.HasBudget = s.HasBudget || TableKind(t.Kind) == KindDPA
		}
		for _, ig := range in.Ignored {
			ci.Ignored = append(ci.Ignored, Ignored{Sheet: ig.Sheet, Row: ig.Row, Reason: ig.Reason, Text: ig.Text})
		}
		s.Inputs = append(s.Inputs, ci)
	}
	for i, p := range j.Programs {
		a, err := amountsFromJSON(p.JSONAmounts, fmt.Sprintf("programs[%d]", i))
		if err != nil {
			return Summary{}, err
		}
		s.Programs = append(s.Programs, ProgramSummary{Code: p.Code, Name: p.Name, Src: ParseRef(p.Source), Amounts: a})
	}
	for i, ss := range j.Sasaran {
		if ss.Capaian == "" {
			continue
		}
		c, err := decimal.NewFromString(ss.Capaian)
		if err != nil {
			return Summary{}, fmt.Errorf("sasaran[%d].capaian bukan angka: %q", i, ss.Capaian)
		}
		s.SasaranCapaian = append(s.SasaranCapaian, c)
	}
	for i, f := range j.Findings {
		sev, ok := parseSeverity(f.Severity)
		if !ok {
			return Summary{}, fmt.Errorf("findings[%d].severity tidak dikenal: %q", i, f.Severity)
		}
		src := NewRef(f.File, f.Sheet, 0, 0)
		if f.Cell != "" {
			row, col, ok := parseCell(f.Cell)
			if !ok {
				return Summary{}, fmt.Errorf("findings[%d].cell bukan alamat sel: %q", i, f.Cell)
			}
			src = src.At(row, col)
		}
		s.Findings = append(s.Findings, Finding{Rule: Rule(f.Rule), Severity: sev, Src: src,
			Subject: f.Subject, Reported: f.Reported, Computed: f.Computed, Message: f.Message})
	}
	return s, nil
}

// amountsFromJSON reads anggaran and realisasi; sisa and persen follow
// from them and are not read back.
func amountsFromJSON(j JSONAmounts, where string) (Amounts, error) {
	var a Amounts
	var err error
	if a.Anggaran, err = decimal.NewFromString(j.Anggaran); err != nil {
		return a, fmt.Errorf("%s.anggaran bukan angka: %q", where, j.Anggaran)
	}
	if a.Realisasi, err = decimal.NewFromString(j.Realisasi); err != nil {
		return a, fmt.Errorf("%s.realisasi bukan angka: %q", where, j.Realisasi)
	}
	return a, nil
}

// parseSeverity reads a severity's JSON code.
func parseSeverity(s string) (Severity, bool) {
	for _, sev := range []Severity{Info, Warning, Error} {
		if sev.String() == s {
			return sev, true
		}
	}
	return Info, false
}

// parseCell reads an A1-style address ("D22") into row and column.
func parseCell(s string) (row, col int, ok bool) {
	i := 0
	for i < len(s) && s[i] >= 'A' && s[i] <= 'Z' {
		col = col*26 + int(s[i]-'A'+1)
		i++
	}
	if i == 0 || i > 3 || i == len(s) {
		return 0, 0, false
	}
	row, err := strconv.Atoi(s[i:])
	if err != nil || row <= 0 {
		return 0, 0, false
	}
	return row, col, true
}

// ParseRef reads back a reference printed by Ref.String ("dpa.xlsx:
// Realisasi!D22"). Sheet names cannot hold ":", so the file ends at the
// last ": ".
func ParseRef(s string) Ref {
	i := strings.LastIndex(s, ": ")
	if i < 0 {
		return FileRef(s)
	}
	file, sheet := s[:i], s[i+2:]
	if j := strings.LastIndexByte(sheet, '!'); j >= 0 {
		if row, col, ok := parseCell(sheet[j+1:]); ok {
			return NewRef(file, sheet[:j], row, col)
		}
	}
	return NewRef(file, sheet, 0, 0)
}

// MergeSummaries joins the summaries of one agency's separate inputs (check
// results of different files): totals add, everything else is listed
// together, findings in file, sheet, row and column order.
func MergeSummaries(parts []Summary) Summary {
	if len(parts) == 1 {
		return parts[0]
	}
	var s Summary
	for _, p := range parts {
		if s.Agency == "" {
			s.Agency, s.Year = p.Agency, p.Year
		}
		s.Files = append(s.Files, p.Files...)
		s.Inputs = append(s.Inputs, p.Inputs...)
		s.HasBudget = s.HasBudget || p.HasBudget
		s.Totals = s.Totals.Add(p.Totals)
		s.Programs = append(s.Programs, p.Programs...)
		s.SasaranCapaian = append(s.SasaranCapaian, p.SasaranCapaian...)
		s.Findings = append(s.Findings, p.Findings...)
	}
	s.Findings = sortFindings(s.Findings)
	return s
}

// MergeAgencies joins what was read from several files of one agency into
// one model, as if the files had been read together, so that Analyze
// cross-checks them (the Perjanjian Kinerja in one file against the DPA in
// another). Name and Year are left for the caller to set.
func MergeAgencies(parts []*Agency) *Agency {
	a := &Agency{}
	for _, p := range parts {
		a.Add(p)
	}
	return a
}

// Add appends what p holds, its inputs and every table, to a.
func (a *Agency) Add(p *Agency) {
	a.Inputs = append(a.Inputs, p.Inputs...)
	a.Budgets = append(a.Budgets, p.Budgets...)
	a.Pohon = append(a.Pohon, p.Pohon...)
	a.PK = append(a.PK, p.PK...)
	a.Indikator = append(a.Indikator, p.Indikator...)
	a.Efisiensi = append(a.Efisiensi, p.Efisiensi...)
	a.Alokasi = append(a.Alokasi, p.Alokasi...)
	a.Data = append(a.Data, p.Data...)
}
