package main

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSoftMemoryLimit(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "besar.xlsx")
	f, err := os.Create(big)
	require.NoError(t, err)
	require.NoError(t, f.Truncate(10<<20)) // sparse: 10 MiB without writing them
	require.NoError(t, f.Close())
	small := filepath.Join(dir, "kecil.xlsx")
	require.NoError(t, os.WriteFile(small, []byte("x"), 0o644))

	current := func() int64 { return debug.SetMemoryLimit(-1) } // -1 reads it
	before := current()
	for _, tc := range []struct {
		name  string
		env   string
		paths []string
		want  int64
	}{
		{"grows with the input", "", []string{big, small}, memPerInputByte * (10<<20 + 1)},
		{"at least the floor", "", []string{small}, minMemoryLimit},
		{"GOMEMLIMIT wins", "1GiB", []string{big}, before},
		{"the sample workbook", "", nil, before},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("GOMEMLIMIT", tc.env)
			restore := softMemoryLimit(tc.paths)
			assert.Equal(t, tc.want, current())
			restore()
			assert.Equal(t, before, current(), "restored")
		})
	}
}
