package outfile

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.xlsx")
	require.NoError(t, Write(path, func(w io.Writer) error {
		_, err := io.WriteString(w, "isi")
		return err
	}))
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "isi", string(got))
	entries, _ := os.ReadDir(dir)
	assert.Len(t, entries, 1, "no temporary file left")
}

func TestWriteFailureLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.xlsx")
	require.NoError(t, os.WriteFile(path, []byte("lama"), 0o644))
	boom := errors.New("boom")
	err := Write(path, func(w io.Writer) error {
		io.WriteString(w, "setengah")
		return boom
	})
	assert.ErrorIs(t, err, boom)
	got, _ := os.ReadFile(path)
	assert.Equal(t, "lama", string(got), "the old file is untouched")
	entries, _ := os.ReadDir(dir)
	assert.Len(t, entries, 1, "no temporary file left")
}

func TestWriteContextEnded(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.xlsx")
	ctx, cancel := context.WithCancel(context.Background())
	err := WriteContext(ctx, path, func(w io.Writer) error {
		_, err := io.WriteString(w, "lengkap")
		cancel() // interrupted after the writer finished, before the rename
		return err
	})
	assert.ErrorIs(t, err, context.Canceled)
	entries, _ := os.ReadDir(dir)
	assert.Empty(t, entries, "neither the output nor its temporary file")
}

// TestWriteContextEndedFailure: once ctx has ended, a failure is
// reported as ctx's error, whatever failed: the writer, stopped in its
// own words, or the file system.
func TestWriteContextEndedFailure(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.xlsx")
	ctx, cancel := context.WithCancel(context.Background())
	err := WriteContext(ctx, path, func(w io.Writer) error {
		io.WriteString(w, "setengah")
		cancel()
		return errors.New("berhenti di tengah")
	})
	assert.Equal(t, context.Canceled, err, "ctx's error itself")
	entries, _ := os.ReadDir(dir)
	assert.Empty(t, entries, "neither the output nor its temporary file")

	err = WriteContext(ctx, filepath.Join(dir, "tidak-ada", "out.xlsx"), func(io.Writer) error {
		t.Error("write called without a temporary file")
		return nil
	})
	assert.Equal(t, context.Canceled, err, "the temporary file could not be made, but ctx had ended")
}

// TestWriteContextFailure: while ctx lives, the writer's error is
// returned as it is.
func TestWriteContextFailure(t *testing.T) {
	boom := errors.New("boom")
	err := WriteContext(context.Background(), filepath.Join(t.TempDir(), "out.xlsx"), func(io.Writer) error { return boom })
	assert.Equal(t, boom, err)
}

func TestWritePanicLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.xlsx")
	assert.Panics(t, func() {
		_ = Write(path, func(w io.Writer) error {
			io.WriteString(w, "setengah")
			panic("boom")
		})
	})
	entries, _ := os.ReadDir(dir)
	assert.Empty(t, entries, "no temporary file left")
}

func TestCheckNotInput(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "dpa.xlsx")
	require.NoError(t, os.WriteFile(in, []byte("x"), 0o644))
	assert.ErrorIs(t, CheckNotInput(in, []string{in}), ErrIsInput)
	assert.ErrorIs(t, CheckNotInput(filepath.Join(dir, ".", "dpa.xlsx"), []string{in}), ErrIsInput)
	link := filepath.Join(dir, "link.xlsx")
	require.NoError(t, os.Symlink(in, link))
	assert.ErrorIs(t, CheckNotInput(link, []string{in}), ErrIsInput, "the same file by another name")
	assert.NoError(t, CheckNotInput(filepath.Join(dir, "laporan.xlsx"), []string{in}))
}
