//go:build !unix && !windows

package workspace

import "os"

// lockFile: no lock on this system, so a second window is not told.
func lockFile(*os.File) (bool, error) { return true, nil }

func unlockFile(*os.File) {}

func releaseFile(fh *os.File, path string) {
	fh.Close()
	os.Remove(path)
}
