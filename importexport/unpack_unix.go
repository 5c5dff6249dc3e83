//go:build unix

package importexport

import (
	"errors"
	"syscall"
)

// processRunning reports whether a process with the id is running. A
// process of another user (EPERM) counts as running: its folder is not ours.
func processRunning(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
