package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSizeLimitHint: a file larger than --batas-ukuran is refused, before
// it is read, with the flag that raises the limit, by every command that
// loads the files itself.
func TestSizeLimitHint(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "besar.csv")
	require.NoError(t, os.WriteFile(in, bytes.Repeat([]byte("x"), 1<<20+1), 0o644)) // 1 MB and a byte
	out := filepath.Join(dir, "keluaran.xlsx")
	for _, args := range [][]string{
		{"check", in},
		{"report", in, "-o", out},
		{"correct", in, "-o", out},
	} {
		t.Run(args[0], func(t *testing.T) {
			code, _, errOut := runCLI(t, append(args, "--batas-ukuran", "1")...)
			assert.Equal(t, exitUnusable, code, errOut)
			assert.True(t, strings.HasPrefix(errOut, "lkjip: "+in+": berkas melebihi batas: "), errOut)
			assert.True(t, strings.HasSuffix(errOut, "; bila berkas ini memang sebesar itu, naikkan batasnya dengan --batas-ukuran\n"), errOut)
			assert.Equal(t, 1, strings.Count(errOut, "\n"), "one line: %q", errOut)
			assert.NoFileExists(t, out)
		})
	}
}
