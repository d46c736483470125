package calc

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// entry is a usable consolidation input of an agency with a DPA (when
// anggaran is not "") whose totals are anggaran and realisasi.
func entry(file, agency string, year int, anggaran, realisasi string) Entry {
	e := Entry{File: file, Agency: agency, Year: year, Digest: file}
	if anggaran != "" {
		e.Summary = Summary{HasBudget: true, Totals: Amounts{dec(anggaran), dec(realisasi)}}
	}
	return e
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func TestGroupEntries(t *testing.T) {
	tests := []struct {
		name    string
		entries []Entry
		groups  []Group
		status  []EntryStatus
		sameAs  []string
	}{
		{
			name: "one agency's files together, whatever the case of its name",
			entries: []Entry{
				entry("a.xlsx", "Dinas Sosial Kabupaten Contoh", 2024, "100", "50"),
				entry("b.xlsx", "Dinas Kesehatan Kabupaten Contoh", 2024, "200", "100"),
				entry("a-pk.xlsx", "DINAS SOSIAL  KABUPATEN CONTOH", 2024, "", ""),
			},
			groups: []Group{
				{Agency: "Dinas Sosial Kabupaten Contoh", Entries: []int{0, 2}},
				{Agency: "Dinas Kesehatan Kabupaten Contoh", Entries: []int{1}},
			},
			status: []EntryStatus{EntryUsed, EntryUsed, EntryUsed},
		},
		{
			name: "the same bytes twice: the second is a duplicate",
			entries: []Entry{
				entry("a.xlsx", "Dinas Sosial", 2024, "100", "50"),
				{File: "copy/a.xlsx", Agency: "Dinas Sosial", Year: 2024, Digest: "a.xlsx",
					Summary: Summary{HasBudget: true, Totals: Amounts{dec("100"), dec("50")}}},
			},
			groups: []Group{{Agency: "Dinas Sosial", Entries: []int{0}}},
			status: []EntryStatus{EntryUsed, EntryDuplicate},
			sameAs: []string{"", "a.xlsx"},
		},
		{
			name: "two DPAs with the same totals: counted once",
			entries: []Entry{
				entry("a.xlsx", "Dinas Sosial", 2024, "100", "50"),
				entry("a.json", "Dinas Sosial", 2024, "100.00", "50"),
				entry("a-pk.xlsx", "Dinas Sosial", 2024, "", ""),
			},
			groups: []Group{{Agency: "Dinas Sosial", Entries: []int{0, 2}}},
			status: []EntryStatus{EntryUsed, EntryDuplicate, EntryUsed},
			sameAs: []string{"", "a.xlsx", ""},
		},
		{
			name: "two DPAs that differ: the agency is not counted",
			entries: []Entry{
				entry("a.xlsx", "Dinas Sosial", 2024, "100", "50"),
				entry("b.xlsx", "Dinas Kesehatan", 2024, "200", "100"),
				entry("a-revisi.xlsx", "Dinas Sosial", 2024, "100", "60"),
				entry("a-pk.xlsx", "Dinas Sosial", 2024, "", ""),
			},
			groups: []Group{{Agency: "Dinas Kesehatan", Entries: []int{1}}},
			status: []EntryStatus{EntryFailed, EntryUsed, EntryFailed, EntryFailed},
		},
		{
			name: "failed and skipped inputs stay out of the groups",
			entries: []Entry{
				{File: "rusak.xlsx", Status: EntryFailed, Reason: "bukan spreadsheet"},
				entry("a.xlsx", "Dinas Sosial", 2024, "100", "50"),
				{File: "catatan.pdf", Status: EntrySkipped, Kind: EntryOther},
			},
			groups: []Group{{Agency: "Dinas Sosial", Entries: []int{1}}},
			status: []EntryStatus{EntryFailed, EntryUsed, EntrySkipped},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			year, groups, err := GroupEntries(tt.entries)
			require.NoError(t, err)
			assert.Equal(t, 2024, year)
			assert.Equal(t, tt.groups, groups)
			for i, e := range tt.entries {
				assert.Equal(t, tt.status[i], e.Status, e.File)
				if tt.sameAs != nil {
					assert.Equal(t, tt.sameAs[i], e.SameAs, e.File)
				}
			}
		})
	}
}

func TestGroupEntriesConflictReason(t *testing.T) {
	entries := []Entry{
		entry("a.xlsx", "Dinas Sosial", 2024, "100", "50"),
		entry("a-revisi.xlsx", "Dinas Sosial", 2024, "100", "60"),
		entry("a-pk.xlsx", "Dinas Sosial", 2024, "", ""),
	}
	_, _, err := GroupEntries(entries)
	require.NoError(t, err)
	assert.Equal(t, "DPA Dinas Sosial diberikan lebih dari sekali dengan angka berbeda: "+
		"a.xlsx (anggaran 100, realisasi 50); a-revisi.xlsx (anggaran 100, realisasi 60); "+
		"perangkat daerah ini tidak dihitung (sisakan satu berkas DPA, lalu ulangi)", entries[0].Reason)
	assert.Equal(t, entries[0].Reason, entries[1].Reason)
	assert.Equal(t, "tidak dihitung: DPA Dinas Sosial diberikan lebih dari sekali dengan angka berbeda (a.xlsx, a-revisi.xlsx)",
		entries[2].Reason)
}

func TestGroupEntriesMixedYears(t *testing.T) {
	entries := []Entry{
		entry("a.xlsx", "Dinas Sosial", 2024, "100", "50"),
		entry("b.xlsx", "Dinas Kesehatan", 2023, "100", "50"),
		entry("c.xlsx", "Dinas Pendidikan", 2024, "100", "50"),
		{File: "rusak.xlsx", Year: 2019, Status: EntryFailed},
	}
	_, _, err := GroupEntries(entries)
	var mixed *MixedYearsError
	require.True(t, errors.As(err, &mixed), "%v", err)
	assert.Equal(t, map[int][]string{2023: {"b.xlsx"}, 2024: {"a.xlsx", "c.xlsx"}}, mixed.Years)
	assert.Equal(t, "tahun anggaran bercampur: 2023 (1 berkas: b.xlsx); 2024 (2 berkas: a.xlsx, c.xlsx); "+
		"satu rekap hanya untuk satu tahun anggaran (pisahkan berkasnya, atau tetapkan tahunnya di berkas pemetaan)", err.Error())
}

// consolidateOf groups the entries and consolidates them with one summary
// per group taken from its first entry.
func consolidateOf(t testing.TB, s Settings, entries ...Entry) *Consolidation {
	t.Helper()
	year, groups, err := GroupEntries(entries)
	require.NoError(t, err)
	sums := make([]Summary, len(groups))
	for i, g := range groups {
		sums[i] = entries[g.Entries[0]].Summary
	}
	return Consolidate(year, entries, groups, sums, s)
}

func TestConsolidateRanks(t *testing.T) {
	c := consolidateOf(t, DefaultSettings(),
		entry("a.xlsx", "Dinas A Kabupaten Contoh", 2024, "100", "50"),    // 50 %
		entry("b.xlsx", "Dinas B Kabupaten Contoh", 2024, "300", "240"),   // 80 %
		entry("c.xlsx", "Dinas C Kabupaten Contoh", 2024, "0", "0"),       // no anggaran: no rank
		entry("d.xlsx", "Dinas D Kabupaten Contoh", 2024, "200", "100"),   // 50 %, tied with A
		entry("e.xlsx", "Dinas E Kabupaten Contoh", 2024, "1000", "10.5"), // 1.05 %
	)
	var ranks []int
	for _, a := range c.Agencies {
		ranks = append(ranks, a.Rank)
	}
	assert.Equal(t, []int{2, 1, 0, 2, 4}, ranks)
	assert.Equal(t, "1600", c.Totals.Anggaran.String())
	assert.Equal(t, "400.5", c.Totals.Realisasi.String())
	assert.Equal(t, "Kabupaten Contoh", c.Region)
	assert.Equal(t, "Rekap Kabupaten Contoh Tahun Anggaran 2024", c.Title())
}

func TestConsolidateCapaianEfisiensi(t *testing.T) {
	withCapaian := entry("a.xlsx", "Dinas A", 2024, "200", "150") // 75 %
	withCapaian.Summary.SasaranCapaian = []decimal.Decimal{dec("90"), dec("85.51")}
	without := entry("b.xlsx", "Dinas B", 2024, "100", "100")
	tests := []struct {
		name      string
		method    EfficiencyMethod
		efisiensi []string // per agency, "" when none
		notes     []string
	}{
		{"capaian minus penyerapan", EfficiencySelisih, []string{"12.755", ""}, []string{"efisien", ""}},
		{"absorption ratio", EfficiencyRasio, []string{"75", "100"}, []string{"efisien", "tidak efisien"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := DefaultSettings()
			s.Efficiency = tt.method
			c := consolidateOf(t, s, withCapaian, without)
			require.Len(t, c.Agencies, 2)
			a := c.Agencies[0]
			assert.True(t, a.HasCapaian)
			assert.Equal(t, "87.755", a.Capaian.String())
			assert.False(t, c.Agencies[1].HasCapaian)
			for i, want := range tt.efisiensi {
				ag := c.Agencies[i]
				assert.Equal(t, want != "", ag.HasEfisiensi, ag.Agency)
				if want != "" {
					assert.Equal(t, want, ag.Efisiensi.String(), ag.Agency)
				}
				assert.Equal(t, tt.notes[i], c.EfisiensiNote(ag), ag.Agency)
			}
			assert.Equal(t, "", c.Region, "agencies name no common region")
		})
	}
}

// sampleAgency is a small analysed agency: a DPA with two programs, a
// Perjanjian Kinerja that mistypes one budget, and a capaian table.
func sampleAgency(file string) *Agency {
	b := budget(
		node(LevelProgram, "Program A", "5", "300", "200",
			node(LevelKegiatan, "K1", "6", "100", "100"),
			node(LevelKegiatan, "K2", "7", "200", "100")),
		node(LevelProgram, "Program B", "8", "50.50", "10",
			node(LevelKegiatan, "K3", "9", "50.50", "10")))
	a := &Agency{Name: "Dinas A Kabupaten Contoh", Year: 2024, Budgets: []*Budget{b},
		Inputs: []Input{{File: file, Tables: []Table{{Sheet: "S", Kind: KindDPA, Range: "A4:E9"}},
			Ignored: []Ignored{{Sheet: "S", Row: 1, Reason: "judul", Text: "DINAS A"}}}},
		PK: []PKRow{{Sasaran: "Sasaran 1", Program: "Program A", Src: at("D20", "0").Src, Anggaran: at("E20", "310")}},
		Indikator: []Indicator{
			{Sasaran: "Sasaran 1", Name: "Indikator 1", Src: at("C30", "0").Src, Target: at("D30", "80"), Realisasi: at("E30", "70")},
			{Sasaran: "Sasaran 1", Name: "Indikator 2", Src: at("C31", "0").Src, Target: at("D31", "3"), Realisasi: at("E31", "2")},
		},
	}
	b.Root.Walk(func(n *Node) bool {
		n.Anggaran.Src, n.Realisasi.Src, n.Src = inFile(n.Anggaran.Src, file), inFile(n.Realisasi.Src, file), inFile(n.Src, file)
		return true
	})
	return a
}

// inFile returns r moved to another file.
func inFile(r Ref, file string) Ref { return NewRef(file, r.Sheet(), int(r.Row), int(r.Col)) }

// TestSummaryFromJSON checks that a check result read back gives the same
// summary as the analysed agency it was written from.
func TestSummaryFromJSON(t *testing.T) {
	r := Analyze(sampleAgency("t.xlsx"), DefaultSettings())
	want := Summarize(r)
	require.NotEmpty(t, want.Findings)
	require.Len(t, want.SasaranCapaian, 1)

	data, err := json.Marshal(r.JSON())
	require.NoError(t, err)
	var j JSONResult
	require.NoError(t, json.Unmarshal(data, &j))
	got, err := SummaryFromJSON(j, "a.json")
	require.NoError(t, err)

	assert.Equal(t, []string{"a.json"}, got.Files)
	assert.Equal(t, want.Agency, got.Agency)
	assert.Equal(t, want.Year, got.Year)
	assert.True(t, got.HasBudget)
	assert.True(t, want.Totals.Anggaran.Equal(got.Totals.Anggaran))
	assert.True(t, want.Totals.Realisasi.Equal(got.Totals.Realisasi))
	require.Len(t, got.Programs, len(want.Programs))
	for i, p := range want.Programs {
		g := got.Programs[i]
		assert.Equal(t, p.Name, g.Name)
		assert.Equal(t, p.Src, g.Src)
		assert.True(t, p.Amounts.Anggaran.Equal(g.Amounts.Anggaran), p.Name)
		assert.True(t, p.Amounts.Realisasi.Equal(g.Amounts.Realisasi), p.Name)
	}
	require.Len(t, got.SasaranCapaian, 1)
	assert.True(t, want.SasaranCapaian[0].Equal(got.SasaranCapaian[0]), "%s vs %s", want.SasaranCapaian[0], got.SasaranCapaian[0])
	assert.Equal(t, want.Findings, got.Findings)
	assert.Equal(t, want.Inputs, got.Inputs)
}

func TestSummaryFromJSONRefuses(t *testing.T) {
	good := func() JSONResult {
		return JSONResult{Agency: "Dinas A", Year: 2024, Totals: JSONAmounts{Anggaran: "100", Realisasi: "50"}}
	}
	tests := []struct {
		name   string
		change func(*JSONResult)
		want   string
	}{
		{"amount not a number", func(j *JSONResult) { j.Totals.Anggaran = "1.000,00" }, `totals.anggaran bukan angka: "1.000,00"`},
		{"program amount", func(j *JSONResult) {
			j.Programs = []JSONNode{{Name: "P", JSONAmounts: JSONAmounts{Anggaran: "1", Realisasi: "x"}}}
		}, `programs[0].realisasi bukan angka: "x"`},
		{"severity", func(j *JSONResult) { j.Findings = []JSONFinding{{Severity: "fatal"}} }, `findings[0].severity tidak dikenal: "fatal"`},
		{"cell", func(j *JSONResult) { j.Findings = []JSONFinding{{Severity: "info", Cell: "22D"}} }, `findings[0].cell bukan alamat sel: "22D"`},
		{"capaian", func(j *JSONResult) { j.Sasaran = []JSONSasaran{{Capaian: "85,71"}} }, `sasaran[0].capaian bukan angka: "85,71"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j := good()
			tt.change(&j)
			_, err := SummaryFromJSON(j, "a.json")
			require.Error(t, err)
			assert.Equal(t, tt.want, err.Error())
		})
	}
}

func TestParseRef(t *testing.T) {
	tests := []struct {
		in   string
		want Ref
	}{
		{"dpa.xlsx: Realisasi!D22", NewRef("dpa.xlsx", "Realisasi", 22, 4)},
		{"kab/02: LRA (2).xlsx: Sheet 1!AB7", NewRef("kab/02: LRA (2).xlsx", "Sheet 1", 7, 28)},
		{"dpa.xlsx: Realisasi", NewRef("dpa.xlsx", "Realisasi", 0, 0)},
		{"dpa.xlsx: Hasil!Akhir", NewRef("dpa.xlsx", "Hasil!Akhir", 0, 0)},
		{"dpa.xlsx", FileRef("dpa.xlsx")},
		{"", Ref{}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := ParseRef(tt.in)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.in, got.String(), "round trip")
		})
	}
}

func TestMergeAgencies(t *testing.T) {
	dpa := sampleAgency("dpa.xlsx")
	pk := &Agency{PK: dpa.PK, Indikator: dpa.Indikator, Inputs: []Input{{File: "pk.xlsx"}}}
	dpa.PK, dpa.Indikator = nil, nil
	merged := MergeAgencies([]*Agency{dpa, pk})
	merged.Name, merged.Year = "Dinas A Kabupaten Contoh", 2024
	together := Analyze(merged, DefaultSettings())
	whole := Analyze(sampleAgency("dpa.xlsx"), DefaultSettings())
	assert.Equal(t, CountFindings(whole.Findings), CountFindings(together.Findings))
	var pkFound bool
	for _, f := range together.Findings {
		pkFound = pkFound || f.Rule == RulePKBudgetMismatch
	}
	assert.True(t, pkFound, "the PK in one file is checked against the DPA in the other")
	assert.Equal(t, []string{"dpa.xlsx", "pk.xlsx"}, []string{merged.Inputs[0].File, merged.Inputs[1].File})
}

// TestAgencyAdd: every slice of an Agency is carried over, including ones
// added to the type later (a streamed file's tables reach the agency read
// through Add).
func TestAgencyAdd(t *testing.T) {
	var src, dst Agency
	v := reflect.ValueOf(&src).Elem()
	for i := range v.NumField() {
		if f := v.Field(i); f.Kind() == reflect.Slice {
			f.Set(reflect.MakeSlice(f.Type(), 1, 1))
		}
	}
	dst.Add(&src)
	d := reflect.ValueOf(dst)
	for i := range d.NumField() {
		if d.Field(i).Kind() == reflect.Slice {
			assert.Equal(t, 1, d.Field(i).Len(), "%s is not carried over", d.Type().Field(i).Name)
		}
	}
}

func TestMergeSummaries(t *testing.T) {
	a := entry("a.xlsx", "Dinas A", 2024, "100.50", "50").Summary
	a.Files, a.Findings = []string{"a.xlsx"}, []Finding{{Rule: RuleRounding, Src: FileRef("b.xlsx")}}
	b := Summary{Files: []string{"a-pk.json"}, Totals: Amounts{dec("0"), dec("0")},
		Findings: []Finding{{Rule: RulePKBudgetMismatch, Src: FileRef("a.xlsx")}}}
	m := MergeSummaries([]Summary{a, b})
	assert.Equal(t, []string{"a.xlsx", "a-pk.json"}, m.Files)
	assert.Equal(t, "100.5", m.Totals.Anggaran.String())
	assert.True(t, m.HasBudget)
	assert.Equal(t, []Rule{RulePKBudgetMismatch, RuleRounding}, []Rule{m.Findings[0].Rule, m.Findings[1].Rule}, "in place order")
}

// TestConsolidationJSON checks the contract's field names (design.md §4).
func TestConsolidationJSON(t *testing.T) {
	entries := []Entry{
		entry("01.xlsx", "Dinas Pendidikan Kabupaten Contoh", 2024, "1000", "750.25"),
		{File: "99.xlsx", Status: EntryFailed, Reason: "bukan berkas spreadsheet yang didukung"},
		{File: "catatan.pdf", Kind: EntryOther, Status: EntrySkipped, Reason: "dilewati"},
	}
	entries[0].Summary.Files = []string{"01.xlsx"}
	entries[0].Summary.Findings = []Finding{{Rule: RuleLowAbsorption, Severity: Warning}}
	c := consolidateOf(t, DefaultSettings(), entries...)
	data, err := json.Marshal(c.JSON())
	require.NoError(t, err)
	var got map[string]any
	require.NoError(t, json.Unmarshal(data, &got))
	assert.Equal(t, 2024.0, got["year"])
	agencies := got["agencies"].([]any)
	require.Len(t, agencies, 1)
	a := agencies[0].(map[string]any)
	assert.Equal(t, "Dinas Pendidikan Kabupaten Contoh", a["agency"])
	assert.Equal(t, []any{"01.xlsx"}, a["files"])
	assert.Equal(t, "1000", a["anggaran"])
	assert.Equal(t, "750.25", a["realisasi"])
	assert.Equal(t, "75.03", a["persen"])
	assert.Equal(t, map[string]any{"error": 0.0, "warning": 1.0, "info": 0.0}, a["findings"])
	assert.Equal(t, 1.0, a["rank"])
	assert.Equal(t, map[string]any{"anggaran": "1000", "realisasi": "750.25", "sisa": "249.75", "persen": "75.03"}, got["totals"])
	assert.Equal(t, []any{map[string]any{"file": "99.xlsx", "reason": "bukan berkas spreadsheet yang didukung"}}, got["failed"])
	assert.Equal(t, []any{map[string]any{"file": "catatan.pdf", "reason": "dilewati"}}, got["skipped"])
	assert.Len(t, got["files"], 3)
}
