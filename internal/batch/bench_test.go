package batch

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"lkjip/fixtures/kabupaten"
)

// BenchmarkConsolidate reads and consolidates one kabupaten (24 agencies,
// 31 files) and ten of them (240 agencies, 310 files) from disk:
//
//	go test -run - -bench Consolidate -benchmem ./internal/batch
func BenchmarkConsolidate(b *testing.B) {
	for _, regions := range []int{1, 10} {
		b.Run(fmt.Sprintf("%d agencies", 24*regions), func(b *testing.B) {
			dir := b.TempDir()
			files := 0
			for i := range regions {
				k, err := kabupaten.Generate(kabupaten.Options{Seed: uint64(i), Region: fmt.Sprintf("Kabupaten Contoh%c", 'a'+i)})
				require.NoError(b, err)
				sub := filepath.Join(dir, fmt.Sprint(i))
				require.NoError(b, mkdir(sub))
				require.NoError(b, k.WriteDir(sub))
				files += len(k.Files)
			}
			sources, err := Walk([]string{dir}, nil)
			require.NoError(b, err)
			require.Len(b, sources, files)
			b.ResetTimer()
			for b.Loop() {
				c, err := Consolidate(context.Background(), sources, DefaultOptions())
				require.NoError(b, err)
				require.Len(b, c.Agencies, 24*regions)
			}
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/float64(files), "ms/file")
		})
	}
}

func mkdir(dir string) error { return os.MkdirAll(dir, 0o755) }
