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
