package workbook

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"lkjip/calc"
	"lkjip/internal/hostile"
)

// badFile is a case's content: its committed file under testdata/bad
// (written anew with -update), or made on the spot for a big one.
func badFile(t testing.TB, c hostile.Case) []byte {
	t.Helper()
	dir := filepath.Join("testdata", "bad")
	if *update && !c.Big {
		require.NoError(t, os.WriteFile(filepath.Join(dir, c.File), c.Make(), 0o644))
	}
	data, err := c.Content(dir)
	require.NoError(t, err, "missing: run go test ./workbook -run TestBadCorpus -update")
	return data
}

// TestBadCorpus reads every broken and hostile input through Read, as any
// caller would: a refusal is one line naming the file and the reason, a
// readable one is read; leaving nothing in the temporary folder. Time and
// memory are held to their bounds on the real command, in cmd/lkjip's
// TestHostileInputs; here a read is only stopped after 30 s.
func TestBadCorpus(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	for _, c := range hostile.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			data := badFile(t, c)
			opt := DefaultOptions()
			opt.Password = c.Password
			if c.Time > 0 {
				opt.Limits.Time = c.Time
			}
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			start := time.Now()
			a, err := Read(ctx, []File{{Name: c.File, Data: data}}, opt)
			if err == nil {
				calc.Analyze(a, calc.DefaultSettings())
			}
			elapsed := time.Since(start)
			require.NoError(t, ctx.Err(), "not within 30 s: %s", c.About)
			switch c.Want {
			case hostile.Refuse:
				require.Error(t, err, c.About)
				msg := err.Error()
				assert.True(t, strings.HasPrefix(msg, c.File+": "), "names the file: %s", msg)
				assert.Contains(t, msg, c.Reason, c.About)
				assert.NotContains(t, msg, "\n", "one line")
				assert.NotErrorIs(t, err, errReaderPanic)
				var ie *InputError
				assert.ErrorAs(t, err, &ie, "an input error, not a failure of lkjip")
			case hostile.Read:
				require.NoError(t, err, c.About)
			}
			left, err := os.ReadDir(tmp)
			require.NoError(t, err)
			assert.Empty(t, left, "temporary files left behind")
			t.Logf("%s: %v", c.Name, elapsed.Round(time.Millisecond))
		})
	}
}
