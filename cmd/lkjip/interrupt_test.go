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
			// A signal that comes before the process has installed its
			// handler kills it the default way (on a loaded machine the
			// start can take longer than the first wait): wait longer and
			// try again.
			for _, settle := range []time.Duration{200 * time.Millisecond, time.Second, 3 * time.Second} {
				if interruptReport(t, bin, data, settle, tt.when) {
					return
				}
				t.Logf("interrupted before its handler was in place (after %v); trying again", settle)
			}
			t.Fatal("the process never got as far as its signal handler")
		})
	}
}

// interruptReport runs `lkjip report` on data, interrupts it once settle
// has passed and when says, and checks how it stopped. It returns false
// when the signal came too early to be handled.
func interruptReport(t *testing.T, bin string, data []byte, settle time.Duration, when func(dir string) bool) bool {
	t.Helper()
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
	time.Sleep(settle)
	deadline := time.Now().Add(time.Minute)
	for !when(dir) {
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
	if cmd.ProcessState.ExitCode() == -1 && errOut.Len() == 0 {
		return false // killed by the signal itself
	}
	t.Logf("stopped %v after the interrupt", time.Since(sent).Round(time.Millisecond))
	assert.Equal(t, exitUnusable, cmd.ProcessState.ExitCode(), errOut.String())
	assert.Equal(t, "lkjip: dibatalkan; tidak ada berkas keluaran yang ditulis\n", errOut.String())
	assert.Equal(t, []string{"dpa.csv"}, dirNames(t, dir), "no report, no temporary file")
	assert.Empty(t, dirNames(t, tmp), "nothing left in TMPDIR")
	return true
}
