package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"lkjip/fixtures"
	"lkjip/layout"
)

// TestReportLinksInputs: given files, the report's Temuan links each
// finding to its cell in the input file, by a path relative to the report.
func TestReportLinksInputs(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "masukan data")
	require.NoError(t, os.MkdirAll(in, 0o755))
	var args []string
	for _, f := range fixtures.Sampang2020() {
		p := filepath.Join(in, f.Name)
		require.NoError(t, os.WriteFile(p, f.Data, 0o644))
		args = append(args, p)
	}
	out := filepath.Join(dir, "hasil", "laporan.xlsx")
	require.NoError(t, os.MkdirAll(filepath.Dir(out), 0o755))
	code, _, errOut := runCLI(t, append([]string{"report", "--locale-tag", "-o", out}, args...)...)
	require.Equal(t, exitFindings, code, errOut)

	f, err := excelize.OpenFile(out)
	require.NoError(t, err)
	defer f.Close()
	// The first finding sits on the allocation table's typed 43,54 %.
	ok, target, err := f.GetCellHyperLink(layout.SheetTemuan, "H5")
	require.NoError(t, err)
	assert.True(t, ok)
	assert.Equal(t, "../masukan%20data/capaian-kinerja-2020.xlsx#'Alokasi'!F4", target)
}

func TestInputLinks(t *testing.T) {
	for _, tc := range []struct {
		name, out, in, want string
	}{
		{"same folder", "laporan.xlsx", "dpa.xlsx", "dpa.xlsx"},
		{"input in a subfolder", "laporan.xlsx", "data/dpa.xlsx", "data/dpa.xlsx"},
		{"report in a subfolder", "hasil/laporan.xlsx", "dpa.xlsx", "../dpa.xlsx"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := inputLinks(tc.out, []string{tc.in})
			assert.Equal(t, map[string]string{tc.in: tc.want}, got)
		})
	}
}
