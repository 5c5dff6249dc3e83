package reports

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// A brief, with contacts or without, is the user's only (0600) as the
// workspace is, also where it replaces a brief everyone could read.
func TestBriefIsThisUsersOnly(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows keeps no such mode")
	}
	f := demo(t)
	path := filepath.Join(t.TempDir(), "brief.pdf")
	if err := os.WriteFile(path, []byte("an old brief"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chmod(path, 0o644) // whatever the umask
	if err := Write(f, path, Options{WithContacts: true, Date: briefDay}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("no brief written over the old file: %v", err)
	}
	if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("the brief is %v (%v), not 0600: it holds phone numbers", st.Mode().Perm(), err)
	}
}
