package workbook

import (
	"context"
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"lkjip/calc"
	"lkjip/internal/progtest"
)

// benchBooks are the large realisation workbooks the corrected copy is
// measured on (docs/correct.md): SIPD style (numbers, a SUM formula on
// every total, sisa and % formulas, comments) with the planted faults,
// and with a typo on one leaf in 20 (thousands of corrections, each a
// formula to check and a note to write); seed style (text amounts).
var benchBooks = []struct {
	name string
	spec realisasi
}{
	{"sipd-20k", realisasi{sipd: true, programs: 40, kegiatan: 25, subPerK: 19, seed: 1, faults: true, wrongSum: true}},
	{"sipd-50k", realisasi{sipd: true, programs: 100, kegiatan: 25, subPerK: 19, seed: 1, faults: true, wrongSum: true}},
	{"sipd-50k-typos", realisasi{sipd: true, programs: 100, kegiatan: 25, subPerK: 19, seed: 1, faults: true, wrongSum: true, typosEvery: 20}},
	{"seed-10k", realisasi{programs: 400, kegiatan: 24, seed: 1, faults: true}},
}

// BenchmarkCorrect measures `lkjip correct` on each large workbook, and,
// for comparison, reading and checking it (what `lkjip check` does). The
// process's CPU time per operation (cpu-s/op, garbage collection
// included) is steadier than the wall clock on a shared machine.
func BenchmarkCorrect(b *testing.B) {
	for _, bc := range benchBooks {
		p := bc.spec.build(b)
		files := []File{{Name: bc.name + ".xlsx", Data: p.data}}
		b.Run(bc.name+"/check", func(b *testing.B) {
			b.ReportAllocs()
			cpu := progtest.ProcessCPU()
			for b.Loop() {
				a, err := Read(context.Background(), files, DefaultOptions())
				require.NoError(b, err)
				calc.Analyze(a, calc.DefaultSettings())
			}
			b.ReportMetric((progtest.ProcessCPU()-cpu).Seconds()/float64(b.N), "cpu-s/op")
			b.ReportMetric(float64(p.rows), "rows")
		})
		b.Run(bc.name+"/correct", func(b *testing.B) {
			b.ReportAllocs()
			var c Copy
			cpu := progtest.ProcessCPU()
			for b.Loop() {
				copies, err := Correct(context.Background(), files, CorrectOptions{Read: DefaultOptions(), Settings: calc.DefaultSettings()})
				require.NoError(b, err)
				c = copies[0]
			}
			b.ReportMetric((progtest.ProcessCPU()-cpu).Seconds()/float64(b.N), "cpu-s/op")
			b.ReportMetric(float64(p.rows), "rows")
			b.ReportMetric(float64(len(p.data))/1e6, "MB-in")
			b.ReportMetric(float64(len(c.Data))/1e6, "MB-out")
			b.ReportMetric(float64(len(c.Corrections)), "corrections")
		})
	}
}

// TestWriteBenchWorkbook writes the largest benchmark workbook to the file
// named by LKJIP_BENCH_OUT, for scripts/correct-bench.sh to measure the
// whole command (time, peak memory).
func TestWriteBenchWorkbook(t *testing.T) {
	out := os.Getenv("LKJIP_BENCH_OUT")
	if out == "" {
		t.Skip("set LKJIP_BENCH_OUT to write the benchmark workbook")
	}
	p := benchBooks[2].spec.build(t)
	require.NoError(t, os.WriteFile(out, p.data, 0o644))
}
