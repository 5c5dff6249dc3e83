package testkit

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// WantThisUserOnly fails unless the file at path is readable by this user
// only (0600), as a workspace is: every file the program writes holds its
// personal data. Windows keeps no such mode.
func WantThisUserOnly(t testing.TB, path string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		return
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("%s is %v, not 0600: it holds the workspace's personal data", filepath.Base(path), st.Mode().Perm())
	}
}
