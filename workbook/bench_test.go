package workbook

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"lkjip/fixtures/synth"
)

// BenchmarkRead reads a synthetic SIPD-style realisation workbook into
// the model: the .xlsx reader, table detection and the budget mapping,
// in input cells per second. Run it alone:
//
//	go test ./workbook -run '^$' -bench Read -benchtime 3x
func BenchmarkRead(b *testing.B) {
	for _, rows := range []int{20_000, 200_000} {
		b.Run(fmt.Sprintf("rows=%d", rows), func(b *testing.B) {
			data, res, err := synth.Bytes(synth.Options{Seed: 1, Rows: rows})
			require.NoError(b, err)
			files := []File{{Name: "lra.xlsx", Data: data}}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				a, err := Read(context.Background(), files, DefaultOptions())
				require.NoError(b, err)
				require.Len(b, a.Budgets, 1)
			}
			b.ReportMetric(float64(res.Cells)*float64(b.N)/b.Elapsed().Seconds(), "cells/s")
		})
	}
}
