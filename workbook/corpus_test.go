package workbook

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"lkjip/calc"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// corpusFiles lists the workbooks of testdata/corpus (see make-corpus.sh).
func corpusFiles(t testing.TB) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join("testdata", "corpus"))
	require.NoError(t, err)
	var out []string
	for _, e := range entries {
		switch filepath.Ext(e.Name()) {
		case ".xlsx", ".xls", ".ods", ".csv":
			out = append(out, e.Name())
		}
	}
	return out
}

// readCorpus reads one corpus file on its own.
func readCorpus(t testing.TB, name string) *calc.Agency {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "corpus", name))
	require.NoError(t, err)
	a, err := Read(context.Background(), []File{{Name: name, Data: data}}, DefaultOptions())
	require.NoError(t, err)
	return a
}

// TestCorpus reads every corpus workbook and compares its model with the
// golden text beside it (regenerate with -update, and review the diff).
func TestCorpus(t *testing.T) {
	files := corpusFiles(t)
	require.GreaterOrEqual(t, len(files), 15)
	for _, name := range files {
		t.Run(name, func(t *testing.T) {
			got := dumpAgency(readCorpus(t, name))
			golden := filepath.Join("testdata", "corpus", name+".golden")
			if *update {
				require.NoError(t, os.WriteFile(golden, []byte(got), 0o644))
				return
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err, "no golden file: run go test ./workbook -run TestCorpus -update")
			assert.Equal(t, string(want), got)
		})
	}
}

// TestCorpusNothingLost checks, for every corpus file, that each non-empty
// row is either mapped into the model or listed as ignored, never both.
func TestCorpusNothingLost(t *testing.T) {
	for _, name := range corpusFiles(t) {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "corpus", name))
			require.NoError(t, err)
			a := readCorpus(t, name)
			sheets, _, err := readSheets(context.Background(), name, data, DefaultOptions())
			require.NoError(t, err)
			for _, s := range sheets {
				ignored := map[int]bool{}
				for _, ig := range a.Inputs[0].Ignored {
					if ig.Sheet == s.Name {
						ignored[ig.Row] = true
					}
				}
				mapped := mappedRows(a, name, s.Name)
				for r := 1; r <= len(s.Rows); r++ {
					if s.rowEmpty(r) {
						continue
					}
					assert.True(t, ignored[r] != mapped[r], "%s row %d (%s): mapped=%v ignored=%v",
						s.Name, r, strings.TrimSpace(s.firstText(r)), mapped[r], ignored[r])
				}
			}
		})
	}
}
