//go:build !unix

package main

import (
	"errors"
	"os"
)

// interrupt cannot send Ctrl+C's signal to another process here.
func interrupt(*os.Process) error { return errors.ErrUnsupported }
