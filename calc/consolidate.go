package calc

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// EntryKind is what a consolidation input is.
type EntryKind uint8

const (
	EntryWorkbook  EntryKind = iota // an agency's spreadsheet
	EntryCheckJSON                  // the JSON written by `lkjip check --format json`
	EntryOther                      // neither: skipped when found in a folder
)

// Label names the kind in Bahasa Indonesia.
func (k EntryKind) Label() string {
	switch k {
	case EntryWorkbook:
		return "buku kerja"
	case EntryCheckJSON:
		return "hasil check (JSON)"
	}
	return "lain"
}

// EntryStatus is what became of a consolidation input.
type EntryStatus uint8

const (
	EntryUsed      EntryStatus = iota // counted in its agency
	EntryFailed                       // unusable; Reason says why
	EntryDuplicate                    // repeats SameAs; not counted twice
	EntrySkipped                      // not an input lkjip reads; Reason says why
)

// Entry is one input of a consolidation after it was read on its own and
// identified (agency and fiscal year, from a mapping file, its content or
// its name). Entries keep the order in which inputs were given.
type Entry struct {
	File   string
	Kind   EntryKind
	Agency string
	Year   int
	// Digest identifies the file's bytes: two inputs with the same digest
	// are the same file given twice.
	Digest string
	// Summary is the input's own figures (a workbook analysed alone).
	Summary Summary
	Status  EntryStatus
	Reason  string // why it failed or was skipped (Bahasa Indonesia)
	SameAs  string // for a duplicate, the input it repeats
}

// Group is one agency of a consolidation: the indexes of the entries that
// make it up, in input order.
type Group struct {
	Agency  string
	Entries []int
}

// MixedYearsError refuses a consolidation whose inputs name more than one
// fiscal year.
type MixedYearsError struct {
	Years map[int][]string // year → files
}

func (e *MixedYearsError) Error() string {
	years := make([]int, 0, len(e.Years))
	for y := range e.Years {
		years = append(years, y)
	}
	slices.Sort(years)
	parts := make([]string, len(years))
	for i, y := range years {
		files := e.Years[y]
		list := strings.Join(files[:min(3, len(files))], ", ")
		if len(files) > 3 {
			list += fmt.Sprintf(", dan %d lainnya", len(files)-3)
		}
		parts[i] = fmt.Sprintf("%d (%d berkas: %s)", y, len(files), list)
	}
	return "tahun anggaran bercampur: " + strings.Join(parts, "; ") +
		"; satu rekap hanya untuk satu tahun anggaran (pisahkan berkasnya, atau tetapkan tahunnya di berkas pemetaan)"
}

// GroupEntries groups the usable entries by agency (names compared after
// normalisation) and checks that they share one fiscal year. It marks
// duplicates in entries:
//   - an input whose bytes equal an earlier one's is a duplicate of it;
//   - an agency appears twice when more than one of its inputs carries a DPA
//     table (a workbook with a DPA, or a check result that read one). When
//     they all give the same anggaran and realisasi totals, the first is
//     used and the others are duplicates, not counted again; when they
//     differ, lkjip cannot know which is right: none of the agency's inputs
//     is used and each is marked failed with the reason.
//
// Groups are ordered by their first input.
func GroupEntries(entries []Entry) (int, []Group, error) {
	years := map[int][]string{}
	seen := map[string]int{} // digest → first entry
	for i := range entries {
		e := &entries[i]
		if e.Status != EntryUsed {
			continue
		}
		if e.Digest != "" {
			if j, ok := seen[e.Digest]; ok {
				e.Status, e.SameAs = EntryDuplicate, entries[j].File
				continue
			}
			seen[e.Digest] = i
		}
		years[e.Year] = append(years[e.Year], e.File)
	}
	if len(years) > 1 {
		return 0, nil, &MixedYearsError{Years: years}
	}
	year := 0
	for y := range years {
		year = y
	}
	var groups []Group
	index := map[string]int{}
	for i, e := range entries {
		if e.Status != EntryUsed {
			continue
		}
		key := NormalizeName(e.Agency)
		g, ok := index[key]
		if !ok {
			g = len(groups)
			index[key] = g
			groups = append(groups, Group{Agency: e.Agency})
		}
		groups[g].Entries = append(groups[g].Entries, i)
	}
	out := groups[:0]
	for _, g := range groups {
		if g, ok := dedupeBudgets(entries, g); ok {
			out = append(out, g)
		}
	}
	return year, out, nil
}

// dedupeBudgets applies the appears-twice rule to one agency's entries; ok
// is false when the agency cannot be counted.
func dedupeBudgets(entries []Entry, g Group) (Group, bool) {
	var budgets []int
	for _, i := range g.Entries {
		if entries[i].Summary.HasBudget {
			budgets = append(budgets, i)
		}
	}
	if len(budgets) < 2 {
		return g, true
	}
	first := entries[budgets[0]].Summary.Totals
	same := true
	for _, i := range budgets[1:] {
		t := entries[i].Summary.Totals
		same = same && t.Anggaran.Equal(first.Anggaran) && t.Realisasi.Equal(first.Realisasi)
	}
	if same {
		kept := g.Entries[:0:0]
		for _, i := range g.Entries {
			if slices.Contains(budgets[1:], i) {
				entries[i].Status, entries[i].SameAs = EntryDuplicate, entries[budgets[0]].File
				continue
			}
			kept = append(kept, i)
		}
		g.Entries = kept
		return g, true
	}
	var listed []string
	var files []string
	for _, i := range budgets {
		t := entries[i].Summary.Totals
		listed = append(listed, fmt.Sprintf("%s (anggaran %s, realisasi %s)",
			entries[i].File, formatAmount(t.Anggaran), formatAmount(t.Realisasi)))
		files = append(files, entries[i].File)
	}
	for _, i := range g.Entries {
		e := &entries[i]
		e.Status = EntryFailed
		if e.Summary.HasBudget {
			e.Reason = fmt.Sprintf("DPA %s diberikan lebih dari sekali dengan angka berbeda: %s; perangkat daerah ini tidak dihitung (sisakan satu berkas DPA, lalu ulangi)",
				g.Agency, strings.Join(listed, "; "))
		} else {
			e.Reason = fmt.Sprintf("tidak dihitung: DPA %s diberikan lebih dari sekali dengan angka berbeda (%s)",
				g.Agency, strings.Join(files, ", "))
		}
	}
	return g, false
}

// Consolidation is many agencies of one fiscal year in one view: each
// agency's totals, rank by absorption, capaian and findings, the totals of
// the region, and what became of every input.
type Consolidation struct {
	Year     int
	Region   string // "Kabupaten Contoh", when every agency names the same one
	Settings Settings
	Agencies []*AgencyResult // in the order of their first input
	Totals   Amounts
	Entries  []Entry // every input, in the order given
}

// AgencyResult is one agency's line of a consolidation.
type AgencyResult struct {
	Summary
	// Rank orders agencies by absorption, highest first; agencies with equal
	// absorption share a rank (1, 2, 2, 4). Zero for an agency without
	// anggaran, which has no absorption to rank.
	Rank int
	// Capaian is the mean of the sasaran capaian; Efisiensi follows the
	// configured method (capaian − penyerapan, or the absorption ratio).
	Capaian      decimal.Decimal
	HasCapaian   bool
	Efisiensi    decimal.Decimal
	HasEfisiensi bool
	Counts       Count
}

// Persen is the agency's absorption in percent.
func (a *AgencyResult) Persen() decimal.Decimal { return a.Totals.Persen() }

// Consolidate builds the consolidation from the grouped entries and one
// summary per group (summaries[i] is groups[i]'s agency).
func Consolidate(year int, entries []Entry, groups []Group, summaries []Summary, s Settings) *Consolidation {
	c := &Consolidation{Year: year, Settings: s, Entries: entries}
	for i, g := range groups {
		a := &AgencyResult{Summary: summaries[i]}
		a.Agency, a.Year = g.Agency, year
		a.Counts = CountFindings(a.Findings)
		if n := len(a.SasaranCapaian); n > 0 {
			var sum decimal.Decimal
			for _, v := range a.SasaranCapaian {
				sum = sum.Add(v)
			}
			a.Capaian, a.HasCapaian = sum.DivRound(decimal.NewFromInt(int64(n)), divPrecision), true
		}
		switch {
		case s.Efficiency == EfficiencyRasio && a.HasBudget:
			a.Efisiensi, a.HasEfisiensi = a.Persen(), true
		case s.Efficiency == EfficiencySelisih && a.HasCapaian:
			a.Efisiensi, a.HasEfisiensi = a.Capaian.Sub(a.Persen()), true
		}
		c.Agencies = append(c.Agencies, a)
		c.Totals = c.Totals.Add(a.Totals)
	}
	rank(c.Agencies)
	c.Region = commonRegion(c.Agencies)
	return c
}

// rank numbers agencies by absorption, highest first, ties sharing a rank.
func rank(agencies []*AgencyResult) {
	var ranked []*AgencyResult
	for _, a := range agencies {
		if a.Totals.Anggaran.IsPositive() {
			ranked = append(ranked, a)
		}
	}
	slices.SortStableFunc(ranked, func(x, y *AgencyResult) int { return y.Persen().Cmp(x.Persen()) })
	for i, a := range ranked {
		if i > 0 && a.Persen().Equal(ranked[i-1].Persen()) {
			a.Rank = ranked[i-1].Rank
		} else {
			a.Rank = i + 1
		}
	}
}

// regionPattern finds the region at the end of an agency's name.
var regionPattern = regexp.MustCompile(`(?i)\b(kabupaten|kota|provinsi)\s+(.+)$`)

// commonRegion is the region every agency names ("Kabupaten Contoh"), or "".
func commonRegion(agencies []*AgencyResult) string {
	region := ""
	for _, a := range agencies {
		m := regionPattern.FindStringSubmatch(a.Agency)
		if m == nil {
			return ""
		}
		r := m[1] + " " + m[2]
		switch {
		case region == "":
			region = r
		case NormalizeName(region) != NormalizeName(r):
			return ""
		}
	}
	return region
}

// Failed lists the inputs that could not be used.
func (c *Consolidation) Failed() []Entry { return c.withStatus(EntryFailed) }

// Duplicates lists the inputs left out as repeats of another.
func (c *Consolidation) Duplicates() []Entry { return c.withStatus(EntryDuplicate) }

// Skipped lists the files found in folders that are not inputs lkjip reads.
func (c *Consolidation) Skipped() []Entry { return c.withStatus(EntrySkipped) }

func (c *Consolidation) withStatus(s EntryStatus) []Entry {
	var out []Entry
	for _, e := range c.Entries {
		if e.Status == s {
			out = append(out, e)
		}
	}
	return out
}

// Errors reports whether any agency has an error-severity finding.
func (c *Consolidation) Errors() bool {
	for _, a := range c.Agencies {
		if a.Counts.Error > 0 {
			return true
		}
	}
	return false
}

// Counts tallies every agency's findings.
func (c *Consolidation) Counts() Count {
	var n Count
	for _, a := range c.Agencies {
		n.Error += a.Counts.Error
		n.Warning += a.Counts.Warning
		n.Info += a.Counts.Info
	}
	return n
}

// Predikat names the band of a percentage under the consolidation's labels.
func (c *Consolidation) Predikat(pct decimal.Decimal) string { return Predikat(pct, c.Settings.Labels) }

// EfisiensiNote says what an agency's efisiensi means: efisien or tidak
// efisien (capaian − penyerapan), or the band of the absorption ratio.
func (c *Consolidation) EfisiensiNote(a *AgencyResult) string {
	switch {
	case !a.HasEfisiensi:
		return ""
	case c.Settings.Efficiency == EfficiencyRasio:
		return RatioBand(a.Efisiensi)
	case a.Efisiensi.IsNegative():
		return "tidak efisien"
	}
	return "efisien"
}

// Title names the consolidation: "Rekap Kabupaten Contoh Tahun Anggaran 2024".
func (c *Consolidation) Title() string {
	t := "Rekap Perangkat Daerah"
	if c.Region != "" {
		t = "Rekap " + c.Region
	}
	if c.Year != 0 {
		t += " Tahun Anggaran " + strconv.Itoa(c.Year)
	}
	return t
}
