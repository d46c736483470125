package calc_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"lkjip/calc"
	"lkjip/fixtures/synth"
	"lkjip/workbook"
)

// BenchmarkAnalyze recomputes and checks a synthetic SIPD-style agency
// read from its workbook (reading is outside the timing), in budget rows
// per second. Run it alone:
//
//	go test ./calc -run '^$' -bench Analyze -benchtime 3x
func BenchmarkAnalyze(b *testing.B) {
	for _, rows := range []int{20_000, 200_000} {
		b.Run(fmt.Sprintf("rows=%d", rows), func(b *testing.B) {
			data, res, err := synth.Bytes(synth.Options{Seed: 1, Rows: rows})
			require.NoError(b, err)
			a, err := workbook.Read(context.Background(), []workbook.File{{Name: "lra.xlsx", Data: data}}, workbook.DefaultOptions())
			require.NoError(b, err)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				r := calc.Analyze(a, calc.DefaultSettings())
				require.Equal(b, res.Anggaran.String(), r.Totals.Anggaran.String())
			}
			b.ReportMetric(float64(res.Rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}
