// Package outfile writes output files atomically: into a temporary file in
// the target folder, renamed over the target only when complete, so an
// interrupted or failed run never leaves a partial output behind.
package outfile

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// ErrIsInput: the output would overwrite one of the inputs.
var ErrIsInput = errors.New("berkas keluaran sama dengan salah satu berkas masukan")

// Write creates path with what write produces. On any error, or a panic,
// the temporary file is removed and path is left as it was.
func Write(path string, write func(io.Writer) error) error {
	return WriteContext(context.Background(), path, write)
}

// WriteContext is Write that gives up when ctx ends (an interrupted run):
// even if write did not notice in time, the temporary file is removed
// instead of renamed. Whenever it fails once ctx has ended, whatever
// failed (write, which may have stopped for ctx in its own words, or the
// file system), it returns ctx's error itself, so that a caller can tell
// an interrupted run from a failed write by the error alone.
func WriteContext(ctx context.Context, path string, write func(io.Writer) error) (err error) {
	defer func() {
		if err != nil && ctx.Err() != nil {
			err = ctx.Err()
		}
	}()
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("buat berkas sementara di %s: %w", dir, err)
	}
	renamed := false
	defer func() {
		if !renamed {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = write(tmp); err != nil {
		return err
	}
	if err = ctx.Err(); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	if err = ctx.Err(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	renamed = true
	return nil
}

// CheckNotInput refuses an output path that names one of the inputs (the
// same file, by path or by identity).
func CheckNotInput(out string, inputs []string) error {
	outAbs, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	outInfo, statErr := os.Stat(out)
	for _, in := range inputs {
		inAbs, err := filepath.Abs(in)
		if err == nil && inAbs == outAbs {
			return fmt.Errorf("%w: %s", ErrIsInput, in)
		}
		if statErr == nil {
			if inInfo, err := os.Stat(in); err == nil && os.SameFile(inInfo, outInfo) {
				return fmt.Errorf("%w: %s", ErrIsInput, in)
			}
		}
	}
	return nil
}
