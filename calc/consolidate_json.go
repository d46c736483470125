package calc

// The JSON form of a Consolidation (design.md §4), the contract of
// `lkjip consolidate --format json`. Decimals are strings, exact. Fields
// may be added; none may be renamed.

import (
	"encoding/json"
	"io"
)

// JSONConsolidation is the top-level document.
type JSONConsolidation struct {
	Year       int               `json:"year"`
	Region     string            `json:"region"`
	Agencies   []JSONAgency      `json:"agencies"`
	Totals     JSONAmounts       `json:"totals"`
	Counts     Count             `json:"counts"`
	Failed     []JSONFailure     `json:"failed"`
	Duplicates []JSONDuplicate   `json:"duplicates"`
	Skipped    []JSONFailure     `json:"skipped"`
	Files      []JSONEntryStatus `json:"files"`
}

// JSONAgency is one agency's line.
type JSONAgency struct {
	Agency string   `json:"agency"`
	Files  []string `json:"files"`
	JSONAmounts
	Predikat   string     `json:"predikat,omitempty"`
	Rank       int        `json:"rank,omitempty"`
	Capaian    string     `json:"capaian,omitempty"`
	Efisiensi  string     `json:"efisiensi,omitempty"`
	Findings   Count      `json:"findings"`
	HasBudget  bool       `json:"has_budget"`
	Programs   []JSONNode `json:"programs"`
	Ignored    int        `json:"ignored_rows"`
	TableCount int        `json:"tables"`
}

// JSONFailure is an input that could not be used (or was skipped), and why.
type JSONFailure struct {
	File   string `json:"file"`
	Reason string `json:"reason"`
}

// JSONDuplicate is an input left out because it repeats another.
type JSONDuplicate struct {
	File   string `json:"file"`
	Agency string `json:"agency"`
	SameAs string `json:"same_as"`
}

// JSONEntryStatus is what became of one input: "used", "failed",
// "duplicate" or "skipped".
type JSONEntryStatus struct {
	File   string `json:"file"`
	Kind   string `json:"kind"`
	Agency string `json:"agency,omitempty"`
	Status string `json:"status"`
}

// Code is the status's stable JSON code.
func (s EntryStatus) Code() string {
	return [...]string{"used", "failed", "duplicate", "skipped"}[s]
}

// Code is the kind's stable JSON code.
func (k EntryKind) Code() string {
	return [...]string{"workbook", "check-json", "other"}[k]
}

// EncodeConsolidationJSON writes the JSON form of c, indented, as `lkjip
// consolidate --format json` prints it.
func EncodeConsolidationJSON(w io.Writer, c *Consolidation) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(c.JSON())
}

// JSON builds the JSON form of the consolidation.
func (c *Consolidation) JSON() JSONConsolidation {
	out := JSONConsolidation{
		Year: c.Year, Region: c.Region,
		Agencies: []JSONAgency{}, Totals: jsonAmounts(c.Totals), Counts: c.Counts(),
		Failed: []JSONFailure{}, Duplicates: []JSONDuplicate{}, Skipped: []JSONFailure{}, Files: []JSONEntryStatus{},
	}
	for _, a := range c.Agencies {
		ja := JSONAgency{
			Agency: a.Agency, Files: a.Files, JSONAmounts: jsonAmounts(a.Totals),
			Rank: a.Rank, Findings: a.Counts, HasBudget: a.HasBudget, Programs: []JSONNode{},
		}
		if a.HasBudget {
			ja.Predikat = c.Predikat(a.Persen())
		}
		if a.HasCapaian {
			ja.Capaian = jsonPercent(a.Capaian)
		}
		if a.HasEfisiensi {
			ja.Efisiensi = jsonPercent(a.Efisiensi)
		}
		for _, p := range a.Programs {
			ja.Programs = append(ja.Programs, JSONNode{Code: p.Code, Name: p.Name, Source: p.Src.String(), JSONAmounts: jsonAmounts(p.Amounts)})
		}
		for _, in := range a.Inputs {
			ja.Ignored += len(in.Ignored)
			ja.TableCount += len(in.Tables)
		}
		out.Agencies = append(out.Agencies, ja)
	}
	for _, e := range c.Entries {
		out.Files = append(out.Files, JSONEntryStatus{File: e.File, Kind: e.Kind.Code(), Agency: e.Agency, Status: e.Status.Code()})
		switch e.Status {
		case EntryFailed:
			out.Failed = append(out.Failed, JSONFailure{File: e.File, Reason: e.Reason})
		case EntrySkipped:
			out.Skipped = append(out.Skipped, JSONFailure{File: e.File, Reason: e.Reason})
		case EntryDuplicate:
			out.Duplicates = append(out.Duplicates, JSONDuplicate{File: e.File, Agency: e.Agency, SameAs: e.SameAs})
		}
	}
	return out
}
