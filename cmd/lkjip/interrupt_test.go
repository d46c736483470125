package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// bigDPA is a sound realisation CSV with n programs: reading it and
// writing its report take seconds.
func bigDPA(n int) []byte {
	var b bytes.Buffer
	b.WriteString("Kode;Uraian;Anggaran;Realisasi\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "2.16.%02d;Program nomor %d;1000000;500000\n", i%99+1, i)
	}
	fmt.Fprintf(&b, ";JUMLAH;%d;%d\n", 1000000*n, 500000*n)
	return b.Bytes()
}

// TestInterruptedReport sends Ctrl+C's signal to the real process while it
// reads, and while it writes the report: either way it stops with exit
// status 2 and one line, leaving no report, no partial file and no
// temporary file.
func TestInterruptedReport(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a large report; skipped with -short")
	}
	bin, err := exec.LookPath("lkjip")
	require.NoError(t, err)
	data := bigDPA(80_000)
	tests := []struct {
		name string
		// when waits for the moment to interrupt.
		when func(dir string) bool
	}{
		{"while reading", func(string) bool { return true }},
		{"while writing the report", func(dir string) bool {
			m, _ := filepath.Glob(filepath.Join(dir, ".laporan.xlsx.*.tmp"))
			return len(m) > 0
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, tmp := t.TempDir(), t.TempDir()
			require.NoError(t, os.WriteFile(filepath.Join(dir, "dpa.csv"), data, 0o644))
			cmd := exec.Command(bin, "report", "dpa.csv", "-o", "laporan.xlsx")
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "TMPDIR="+tmp)
			var errOut bytes.Buffer
			cmd.Stderr = &errOut
			require.NoError(t, cmd.Start())
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			time.Sleep(200 * time.Millisecond) // the signal handler is in place
			deadline := time.Now().Add(time.Minute)
			for !tt.when(dir) {
				require.True(t, time.Now().Before(deadline), "the moment never came")
				time.Sleep(2 * time.Millisecond)
			}
			if err := interrupt(cmd.Process); errors.Is(err, errors.ErrUnsupported) {
				cmd.Process.Kill()
				t.Skip("cannot send an interrupt on this system")
			}
			sent := time.Now()
			select {
			case <-done:
			case <-time.After(maxTime):
				cmd.Process.Kill()
				t.Fatalf("still running %v after the interrupt", maxTime)
			}
			t.Logf("stopped %v after the interrupt", time.Since(sent).Round(time.Millisecond))
			assert.Equal(t, exitUnusable, cmd.ProcessState.ExitCode(), errOut.String())
			assert.Equal(t, "lkjip: dibatalkan; tidak ada berkas keluaran yang ditulis\n", errOut.String())
			assert.Equal(t, []string{"dpa.csv"}, dirNames(t, dir), "no report, no temporary file")
			assert.Empty(t, dirNames(t, tmp), "nothing left in TMPDIR")
		})
	}
}
