package batch

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"lkjip/calc"
	"lkjip/fixtures/kabupaten"
	"lkjip/workbook"
)

// generate writes a synthetic kabupaten into a new folder.
func generate(t testing.TB, opt kabupaten.Options) (*kabupaten.Kabupaten, string) {
	t.Helper()
	k, err := kabupaten.Generate(opt)
	require.NoError(t, err)
	dir := t.TempDir()
	require.NoError(t, k.WriteDir(dir))
	return k, dir
}

// consolidateDir consolidates everything under the given paths.
func consolidateDir(t testing.TB, opt Options, paths ...string) *calc.Consolidation {
	t.Helper()
	sources, err := Walk(paths, nil)
	require.NoError(t, err)
	c, err := Consolidate(context.Background(), sources, opt)
	require.NoError(t, err)
	return c
}

// assertKabupaten checks a consolidation against the generator's own
// figures: every agency's anggaran and realisasi to the last sen, the
// region's totals, capaian, the faults typed on purpose, and the broken
// file listed with its reason. crossChecked says whether each agency's
// files were analysed together (a Perjanjian Kinerja read alone cannot be
// compared with the DPA).
func assertKabupaten(t *testing.T, k *kabupaten.Kabupaten, c *calc.Consolidation, crossChecked bool) {
	t.Helper()
	require.Len(t, c.Agencies, len(k.Agencies))
	for _, a := range c.Agencies {
		want := k.Agency(a.Agency)
		if !assert.NotNil(t, want, "agency %q (files %v) is not one the generator made", a.Agency, a.Files) {
			continue
		}
		assert.Equal(t, want.Anggaran.String(), a.Totals.Anggaran.String(), "%s anggaran", a.Agency)
		assert.Equal(t, want.Realisasi.String(), a.Totals.Realisasi.String(), "%s realisasi", a.Agency)
		assert.Len(t, a.Programs, len(want.Programs), a.Agency)
		assert.Equal(t, want.HasCapaian, a.HasCapaian, a.Agency)
		if want.HasCapaian {
			assert.Equal(t, want.Capaian.String(), a.Capaian.String(), "%s capaian", a.Agency)
		}
		for _, rule := range want.Faults {
			if rule == string(calc.RulePKBudgetMismatch) && !crossChecked {
				continue
			}
			assert.True(t, slices.ContainsFunc(a.Findings, func(f calc.Finding) bool { return string(f.Rule) == rule }),
				"%s: the %s typed on purpose is not reported", a.Agency, rule)
		}
		if len(want.Faults) == 0 {
			assert.Zero(t, a.Counts.Error, "%s has no fault typed, yet: %v", a.Agency, a.Findings)
		}
	}
	assert.Equal(t, k.Anggaran.String(), c.Totals.Anggaran.String(), "kabupaten anggaran")
	assert.Equal(t, k.Realisasi.String(), c.Totals.Realisasi.String(), "kabupaten realisasi")
	failed := c.Failed()
	require.Len(t, failed, 1)
	assert.Equal(t, k.Broken, filepath.Base(failed[0].File))
	assert.Equal(t, "berkas rusak: zip tidak utuh (terpotong atau rusak)", failed[0].Reason)
	assert.Equal(t, k.Year, c.Year)
	assert.Equal(t, k.Region, c.Region)
}

// TestConsolidateKabupaten is the acceptance: two dozen agencies in
// three layouts and one broken file, for several seeds.
func TestConsolidateKabupaten(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3} {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			k, dir := generate(t, kabupaten.Options{Seed: seed})
			layouts := map[kabupaten.Layout]int{}
			for _, a := range k.Agencies {
				layouts[a.Layout]++
			}
			require.Equal(t, map[kabupaten.Layout]int{kabupaten.LayoutSeed: 8, kabupaten.LayoutSIPD: 8, kabupaten.LayoutWords: 8}, layouts)
			c := consolidateDir(t, DefaultOptions(), dir)
			assertKabupaten(t, k, c, true)
			for _, a := range c.Agencies {
				want := k.Agency(a.Agency)
				if want == nil {
					continue
				}
				var files []string
				for _, f := range a.Files {
					files = append(files, filepath.Base(f))
				}
				assert.ElementsMatch(t, want.Files, files, "%s: its files grouped by content", a.Agency)
			}
		})
	}
}

// checkJSON is what `lkjip check --format json` writes for these files.
func checkJSON(t testing.TB, paths ...string) []byte {
	t.Helper()
	opt := workbook.DefaultOptions()
	var files []workbook.File
	for _, p := range paths {
		f, err := workbook.Load(p, opt.Limits)
		require.NoError(t, err)
		files = append(files, f)
	}
	a, err := workbook.Read(context.Background(), files, opt)
	require.NoError(t, err)
	data, err := json.Marshal(calc.Analyze(a, calc.DefaultSettings()).JSON())
	require.NoError(t, err)
	return data
}

// TestConsolidateCheckResults merges the JSON of separate check runs, as a
// batch system would produce them, and gets what reading the workbooks
// gives: per agency (all its files in one run) and per file.
func TestConsolidateCheckResults(t *testing.T) {
	k, dir := generate(t, kabupaten.Options{Seed: 1})
	fromBooks := consolidateDir(t, DefaultOptions(), dir)

	perAgency, perFile := t.TempDir(), t.TempDir()
	for i, a := range k.Agencies {
		var paths []string
		for j, f := range a.Files {
			p := filepath.Join(dir, f)
			paths = append(paths, p)
			require.NoError(t, os.WriteFile(filepath.Join(perFile, fmt.Sprintf("%02d-%d.json", i, j)), checkJSON(t, p), 0o644))
		}
		require.NoError(t, os.WriteFile(filepath.Join(perAgency, fmt.Sprintf("%02d.json", i)), checkJSON(t, paths...), 0o644))
	}
	broken, err := os.ReadFile(filepath.Join(dir, k.Broken))
	require.NoError(t, err)
	for _, d := range []string{perAgency, perFile} {
		require.NoError(t, os.WriteFile(filepath.Join(d, k.Broken), broken, 0o644))
	}

	t.Run("one check run per agency", func(t *testing.T) {
		c := consolidateDir(t, DefaultOptions(), perAgency)
		assertKabupaten(t, k, c, true)
		assertSameAgencies(t, fromBooks, c, true)
	})
	t.Run("one check run per file", func(t *testing.T) {
		c := consolidateDir(t, DefaultOptions(), perFile)
		assertKabupaten(t, k, c, false)
		assertSameAgencies(t, fromBooks, c, false)
	})
}

// assertSameAgencies compares two consolidations agency by agency; with
// findings, also their counts (a check run per file cannot cross-check the
// files of one agency, so its findings may differ).
func assertSameAgencies(t *testing.T, want, got *calc.Consolidation, findings bool) {
	t.Helper()
	byName := map[string]*calc.AgencyResult{}
	for _, a := range got.Agencies {
		byName[a.Agency] = a
	}
	for _, w := range want.Agencies {
		g := byName[w.Agency]
		if !assert.NotNil(t, g, w.Agency) {
			continue
		}
		assert.True(t, w.Totals.Anggaran.Equal(g.Totals.Anggaran), w.Agency)
		assert.True(t, w.Totals.Realisasi.Equal(g.Totals.Realisasi), w.Agency)
		assert.Equal(t, w.Rank, g.Rank, w.Agency)
		assert.Equal(t, w.Capaian.String(), g.Capaian.String(), w.Agency)
		assert.Len(t, g.Programs, len(w.Programs), w.Agency)
		if findings {
			assert.Equal(t, w.Counts, g.Counts, w.Agency)
		}
	}
}

// TestConsolidateDeterministic: the order of the output does not depend on
// how many files are read at once.
func TestConsolidateDeterministic(t *testing.T) {
	_, dir := generate(t, kabupaten.Options{Seed: 4, Agencies: 9})
	var outs [][]byte
	for _, workers := range []int{1, 3, 16} {
		opt := DefaultOptions()
		opt.Workers = workers
		data, err := json.Marshal(consolidateDir(t, opt, dir).JSON())
		require.NoError(t, err)
		outs = append(outs, data)
	}
	assert.Equal(t, string(outs[0]), string(outs[1]))
	assert.Equal(t, string(outs[0]), string(outs[2]))
}

func TestConsolidateProgress(t *testing.T) {
	k, dir := generate(t, kabupaten.Options{Seed: 5, Agencies: 6})
	require.NoError(t, os.WriteFile(filepath.Join(dir, "catatan.pdf"), []byte("%PDF"), 0o644))
	var calls [][2]int
	opt := DefaultOptions()
	opt.Progress = func(done, total int) { calls = append(calls, [2]int{done, total}) }
	c := consolidateDir(t, opt, dir)
	n := len(k.Files) // the skipped file is not read
	require.Len(t, calls, n)
	for i, call := range calls {
		assert.Equal(t, [2]int{i + 1, n}, call)
	}
	assert.Len(t, c.Skipped(), 1)
}

func TestConsolidateCancelled(t *testing.T) {
	_, dir := generate(t, kabupaten.Options{Seed: 5, Agencies: 3})
	sources, err := Walk([]string{dir}, nil)
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = Consolidate(ctx, sources, DefaultOptions())
	assert.ErrorIs(t, err, context.Canceled)
}

// copyFile copies a file into dir, under name.
func copyFile(t testing.TB, from, dir, name string) {
	t.Helper()
	data, err := os.ReadFile(from)
	require.NoError(t, err)
	require.NoError(t, os.MkdirAll(dir, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, name), data, 0o644))
}

func TestConsolidateDuplicates(t *testing.T) {
	opt := kabupaten.Options{Seed: 6, Agencies: 4}
	k, dir := generate(t, opt)
	first := k.Agencies[0]
	dpa := filepath.Join(dir, first.Files[0])

	t.Run("the same file in two folders is counted once", func(t *testing.T) {
		copyFile(t, dpa, filepath.Join(dir, "arsip"), first.Files[0])
		defer os.RemoveAll(filepath.Join(dir, "arsip"))
		c := consolidateDir(t, DefaultOptions(), dir)
		assertKabupaten(t, k, c, true)
		dups := c.Duplicates()
		require.Len(t, dups, 1)
		assert.Equal(t, filepath.Join(dir, "arsip", first.Files[0]), dups[0].File)
		assert.Equal(t, dpa, dups[0].SameAs)
	})
	t.Run("a check result beside its workbook is counted once", func(t *testing.T) {
		extra := t.TempDir()
		json := filepath.Join(extra, "dinas.json")
		require.NoError(t, os.WriteFile(json, checkJSON(t, dpa), 0o644))
		c := consolidateDir(t, DefaultOptions(), dir, json)
		assertKabupaten(t, k, c, true)
		dups := c.Duplicates()
		require.Len(t, dups, 1)
		assert.Equal(t, json, dups[0].File)
	})
	t.Run("two different DPAs of one agency: it is not counted", func(t *testing.T) {
		opt.Seed = 7
		other, otherDir := generate(t, opt)
		require.Equal(t, first.Name, other.Agencies[0].Name)
		require.False(t, first.Anggaran.Equal(other.Agencies[0].Anggaran))
		revisi := filepath.Join(t.TempDir(), "revisi.xlsx")
		copyFile(t, filepath.Join(otherDir, other.Agencies[0].Files[0]), filepath.Dir(revisi), "revisi.xlsx")

		c := consolidateDir(t, DefaultOptions(), dir, revisi)
		assert.Nil(t, agencyNamed(c, first.Name))
		assert.Len(t, c.Agencies, len(k.Agencies)-1)
		assert.Equal(t, k.Anggaran.Sub(first.Anggaran).String(), c.Totals.Anggaran.String())
		var failed []string
		for _, e := range c.Failed() {
			failed = append(failed, filepath.Base(e.File))
		}
		assert.ElementsMatch(t, append([]string{k.Broken, "revisi.xlsx"}, first.Files...), failed)
	})
}

// agencyNamed returns the consolidation's agency of that name, or nil.
func agencyNamed(c *calc.Consolidation, name string) *calc.AgencyResult {
	for _, a := range c.Agencies {
		if a.Agency == name {
			return a
		}
	}
	return nil
}

func TestConsolidateMixedYears(t *testing.T) {
	k2023, dir2023 := generate(t, kabupaten.Options{Seed: 8, Agencies: 2, Year: 2023})
	k2024, dir2024 := generate(t, kabupaten.Options{Seed: 8, Agencies: 3, Year: 2024})
	sources, err := Walk([]string{dir2023, dir2024}, nil)
	require.NoError(t, err)
	_, err = Consolidate(context.Background(), sources, DefaultOptions())
	var mixed *calc.MixedYearsError
	require.True(t, errors.As(err, &mixed), "%v", err)
	assert.Len(t, mixed.Years[2023], len(k2023.Files)-1, "every readable file of 2023")
	assert.Len(t, mixed.Years[2024], len(k2024.Files)-1)
}

// jsonResult is a minimal check result.
func jsonResult(agency string, year int, anggaran, realisasi string) []byte {
	data, _ := json.Marshal(calc.JSONResult{Agency: agency, Year: year, Inputs: []calc.JSONInput{},
		Totals: calc.JSONAmounts{Anggaran: anggaran, Realisasi: realisasi}})
	return data
}

func TestConsolidateIdentify(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, data, 0o644))
		return p
	}
	named := write("01.json", jsonResult("Dinas Sosial Kabupaten Contoh", 2024, "100", "50"))
	fromName := write("07_dinas-perikanan_2024.json", jsonResult("", 0, "200", "150"))
	anonymous := write("lra (3).json", jsonResult("", 2024, "300", "100"))
	noYear := write("dinas-pertanian.json", jsonResult("", 0, "400", "100"))
	mapped := write("lra (4).json", jsonResult("", 0, "500", "250"))
	renamed := write("dinkes.json", jsonResult("Dinas Kesehatan", 2024, "600", "300"))
	mapping, err := ParseMapping("peta.csv", []byte("berkas;perangkat daerah;tahun\n"+
		"lra (4).json;Dinas Perhubungan Kabupaten Contoh;2024\n"+
		"dinkes.json;Dinas Kesehatan Kabupaten Contoh;\n"))
	require.NoError(t, err)
	opt := DefaultOptions()
	opt.Mapping = mapping
	c := consolidateDir(t, opt, named, fromName, anonymous, noYear, mapped, renamed)

	var names []string
	for _, a := range c.Agencies {
		names = append(names, a.Agency)
	}
	assert.Equal(t, []string{"Dinas Sosial Kabupaten Contoh", "Dinas Perikanan", "Dinas Perhubungan Kabupaten Contoh",
		"Dinas Kesehatan Kabupaten Contoh"}, names)
	reasons := map[string]string{}
	for _, e := range c.Failed() {
		reasons[e.File] = e.Reason
	}
	assert.Equal(t, map[string]string{
		anonymous: "nama perangkat daerah tidak ditemukan di judul tabel, properti dokumen, maupun nama berkas; tuliskan di berkas pemetaan (--map)",
		noYear:    "tahun anggaran tidak ditemukan di judul tabel, properti dokumen, maupun nama berkas; tuliskan di berkas pemetaan (--map)",
	}, reasons)
	assert.Equal(t, "1400", c.Totals.Anggaran.String())
}

func TestConsolidateRefusesOtherJSON(t *testing.T) {
	dir := t.TempDir()
	cases := map[string]string{
		"rekap.json":  `{"year": 2024, "agencies": [], "totals": {}}`,
		"lain.json":   `{"nama": "bukan hasil lkjip"}`,
		"rusak.json":  `{"agency": "Dinas A", `,
		"angka.json":  `{"agency": "Dinas A", "year": 2024, "inputs": [], "totals": {"anggaran": "1.000,00", "realisasi": "0"}}`,
		"benar.json ": string(jsonResult("Dinas A Kabupaten Contoh", 2024, "10", "5")),
	}
	for name, content := range cases {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644))
	}
	c := consolidateDir(t, DefaultOptions(), dir)
	reasons := map[string]string{}
	for _, e := range c.Failed() {
		reasons[filepath.Base(e.File)] = e.Reason
	}
	assert.Equal(t, map[string]string{
		"rekap.json": "ini hasil lkjip consolidate, bukan hasil lkjip check --format json",
		"lain.json":  `JSON ini bukan hasil lkjip check --format json (tidak ada "totals" dan "inputs")`,
		"rusak.json": "JSON tidak dapat dibaca: unexpected end of JSON input",
		"angka.json": `hasil check tidak sah: totals.anggaran bukan angka: "1.000,00"`,
	}, reasons)
	require.Len(t, c.Skipped(), 1, "a name ending in a space is not a .json file")
}

func TestConsolidateLimits(t *testing.T) {
	small := jsonResult("Dinas A", 2024, "1", "1")
	big := append(bytes.Clone(small), bytes.Repeat([]byte(" "), 100)...)
	opt := DefaultOptions()
	opt.Read.Limits.MaxBytes = int64(len(small))
	c, err := Consolidate(context.Background(), []Source{
		{Name: "besar.json", Data: big},
		{Name: "kecil.json", Data: small},
		{Name: "hilang.json", Path: filepath.Join(t.TempDir(), "hilang.json")},
	}, opt)
	require.NoError(t, err)
	var got [][3]string
	for _, e := range c.Failed() {
		got = append(got, [3]string{e.File, e.Kind.Code(), e.Reason})
	}
	assert.Equal(t, [][3]string{
		{"besar.json", "check-json", fmt.Sprintf("berkas melebihi batas: ukuran %d byte (batas %d byte)", len(big), len(small))},
		{"hilang.json", "check-json", "tidak dapat dibuka: berkas tidak ada"},
	}, got)
}
