package xlsx

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"lkjip/fixtures/synth"
)

// BenchmarkReadSheet opens a synthetic SIPD-style workbook and streams
// every cell of its sheet, reporting input cells per second and the
// speed over the sheet's unpacked XML. The 200 k-row case is the one of
// docs/performance.md; run it alone:
//
//	go test ./internal/xlsx -run '^$' -bench ReadSheet -benchtime 3x
func BenchmarkReadSheet(b *testing.B) {
	for _, rows := range []int{20_000, 200_000} {
		b.Run(fmt.Sprintf("rows=%d", rows), func(b *testing.B) {
			data, res, err := synth.Bytes(synth.Options{Seed: 1, Rows: rows})
			require.NoError(b, err)
			xmlSize := sheetXMLSize(b, data)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				book, err := Open(data, DefaultLimits())
				require.NoError(b, err)
				cells := 0
				_, err = book.ReadSheet(context.Background(), 0, func(_ int, _ bool, cs []Cell) error {
					cells += len(cs)
					return nil
				})
				require.NoError(b, err)
				require.Equal(b, res.Cells, cells)
			}
			sec := b.Elapsed().Seconds() / float64(b.N)
			b.ReportMetric(float64(res.Cells)/sec, "cells/s")
			b.ReportMetric(float64(xmlSize)/(1<<20)/sec, "xml-MB/s")
		})
	}
}

// sheetXMLSize is the unpacked size of the first sheet's XML.
func sheetXMLSize(b *testing.B, data []byte) int64 {
	book, err := Open(data, DefaultLimits())
	require.NoError(b, err)
	before := book.left
	_, err = book.ReadSheet(context.Background(), 0, func(int, bool, []Cell) error { return nil })
	require.NoError(b, err)
	return before - book.left
}
