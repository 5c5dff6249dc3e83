package workspace

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
)

// Temporary copies (an older workspace upgraded to be read) hold the same
// personal data as the file. Each process keeps them in a folder of its own
// in the temporary folder, named after its process id and readable by this
// user only (0700), the copies themselves 0600. A process killed before it
// could remove its folder leaves it behind; the next run removes the
// folders of processes that no longer run, once, when it first opens a file.

const temporaryPrefix = "cpw-read-"

// temporaryFile creates an empty file, readable by this user only, in a new
// private folder of this process, and returns its path. Remove it with
// removeTemporary.
func temporaryFile(pattern string) (string, error) {
	removeStaleTemporariesOnce()
	dir, err := os.MkdirTemp("", fmt.Sprintf("%s%d-", temporaryPrefix, os.Getpid()))
	if err != nil {
		return "", err
	}
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		os.RemoveAll(dir)
		return "", err
	}
	f.Close()
	return f.Name(), nil
}

// removeTemporary removes a file made by temporaryFile, with its folder and
// whatever SQLite left beside it there.
func removeTemporary(path string) {
	os.RemoveAll(filepath.Dir(path))
}

var staleOnce sync.Once

func removeStaleTemporariesOnce() { staleOnce.Do(removeStaleTemporaries) }

// removeStaleTemporaries removes the private folders that processes of this
// program which no longer run left in the temporary folder.
func removeStaleTemporaries() {
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), temporaryPrefix+"*-*"))
	for _, dir := range dirs {
		digits, _, _ := strings.Cut(strings.TrimPrefix(filepath.Base(dir), temporaryPrefix), "-")
		pid, err := strconv.Atoi(digits)
		if err != nil || pid <= 0 || pid == os.Getpid() || processRuns(pid) {
			continue
		}
		if st, err := os.Lstat(dir); err != nil || !st.IsDir() || !ownedByMe(st) {
			continue
		}
		os.RemoveAll(dir)
	}
}
