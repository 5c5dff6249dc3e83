//go:build unix

package workspace

import (
	"errors"
	"os"
	"syscall"
)

// lockFile takes an exclusive lock on fh without waiting; held is false
// when another process holds it. flock locks are apart from the record
// locks SQLite takes, and the claim file is not the database.
func lockFile(fh *os.File) (held bool, err error) {
	err = syscall.Flock(int(fh.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return false, nil
	}
	return err == nil, err
}

func unlockFile(fh *os.File) { syscall.Flock(int(fh.Fd()), syscall.LOCK_UN) }

// releaseFile removes the claim file while still holding it, so that no
// other window holds the name meanwhile, then lets it go.
func releaseFile(fh *os.File, path string) {
	os.Remove(path)
	fh.Close()
}
