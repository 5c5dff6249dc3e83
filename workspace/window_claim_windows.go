//go:build windows

package workspace

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// lockFile takes an exclusive lock on fh without waiting; held is false
// when another process holds it.
func lockFile(fh *os.File) (held bool, err error) {
	ol := new(windows.Overlapped)
	err = windows.LockFileEx(windows.Handle(fh.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, ol)
	if errors.Is(err, windows.ERROR_LOCK_VIOLATION) {
		return false, nil
	}
	return err == nil, err
}

func unlockFile(fh *os.File) {
	windows.UnlockFileEx(windows.Handle(fh.Fd()), 0, 1, 0, new(windows.Overlapped))
}

// releaseFile lets the claim file go, then removes it: Windows does not
// remove a file that is open. Another window holding it by then keeps it.
func releaseFile(fh *os.File, path string) {
	fh.Close()
	os.Remove(path)
}
