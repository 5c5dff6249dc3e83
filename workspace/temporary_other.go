//go:build !unix

package workspace

import (
	"io/fs"
	"os"
)

// processRuns reports whether a process with this id runs: on Windows,
// finding a process opens it, which fails once it has gone.
func processRuns(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}

// ownedByMe reports whether this user owns the file; a folder another user
// owns cannot be removed anyway.
func ownedByMe(fs.FileInfo) bool { return true }
