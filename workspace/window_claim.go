package workspace

import (
	"os"
)

// A window that shows a workspace claims it, so that a second window (or a
// second `cpw FILE`) on the same file can say so. The claim is an
// operating-system lock on a small file beside the workspace: it goes with
// the process, so a window that crashed leaves no claim behind.

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
	fh, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, false
	}
	held, err := lockFile(fh)
	if err != nil || !held {
		fh.Close()
		return nil, err == nil
	}
	return &WindowClaim{file: fh, path: p}, false
}

// OpenInWindow reports whether a window holds the workspace at path now.
func OpenInWindow(path string) bool {
	c, elsewhere := ClaimForWindow(path)
	c.Release()
	return elsewhere
}

// Release gives the claim up when the window closes the workspace.
func (c *WindowClaim) Release() {
	if c == nil {
		return
	}
	os.Remove(c.path) // while still locked, so no one holds the name meanwhile
	c.file.Close()
}
