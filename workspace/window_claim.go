package workspace

import (
	"errors"
	"io/fs"
	"os"
)

// A window that shows a workspace claims it, so that a second window (or a
// second `cpw FILE`) on the same file can say so. The claim is an
// operating-system lock on a small empty file beside the workspace: it goes
// with the process, so a window that crashed leaves no claim behind (only
// the empty file, which the next window takes over).

// claimSuffix names the file beside a workspace that its windows lock.
const claimSuffix = "-open"

// WindowClaim is a window's hold on the workspace it shows.
type WindowClaim struct {
	file *os.File
	path string
}

// ClaimForWindow claims the workspace at path for a window. It reports
// whether another window holds it already; the claim is then nil, and the
// second window works on the file all the same. A folder this user cannot
// write to takes no claim and reports none.
func ClaimForWindow(path string) (claim *WindowClaim, openElsewhere bool) {
	p := path + claimSuffix
	for try := 0; try < 3; try++ {
		// Empty, and readable by all: another account sharing the folder
		// must be able to lock it too.
		fh, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE, 0o644)
		if errors.Is(err, fs.ErrPermission) {
			fh, err = os.Open(p)
		}
		if err != nil {
			return nil, false
		}
		held, err := lockFile(fh)
		if err != nil || !held {
			fh.Close()
			return nil, err == nil
		}
		// A window that was closing may have removed the name after this
		// one opened it: hold the file the name is, or try again.
		if st, err := os.Stat(p); err == nil {
			if mine, err := fh.Stat(); err == nil && os.SameFile(st, mine) {
				return &WindowClaim{file: fh, path: p}, false
			}
		}
		fh.Close()
	}
	return nil, false
}

// OpenInWindow reports whether a window holds the workspace at path now.
// It creates nothing: without the claim file, no window holds it.
func OpenInWindow(path string) bool {
	fh, err := os.Open(path + claimSuffix)
	if err != nil {
		return false
	}
	defer fh.Close()
	held, err := lockFile(fh)
	if err != nil {
		return false
	}
	if held {
		unlockFile(fh)
		return false
	}
	return true
}

// Release gives the claim up when the window closes the workspace, and
// takes its file away.
func (c *WindowClaim) Release() {
	if c == nil {
		return
	}
	releaseFile(c.file, c.path)
}
