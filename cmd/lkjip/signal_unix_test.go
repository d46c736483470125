//go:build unix

package main

import (
	"os"
	"syscall"
)

// interrupt sends Ctrl+C's signal to a process.
func interrupt(p *os.Process) error { return p.Signal(syscall.SIGINT) }
