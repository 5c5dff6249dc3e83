package workspace

import (
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// wantThisUserOnly fails unless the file at path is readable by this user
// only (0600). Windows keeps no such mode.
func wantThisUserOnly(t *testing.T, path string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		return
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("%s is %v, not 0600: it holds the same personal data as the workspace", filepath.Base(path), st.Mode().Perm())
	}
}

// A file written in one piece (an export, a brief) is 0600, also where it
// replaces a file everyone could read.
func TestWriteFileAtomicIsThisUsersOnly(t *testing.T) {
	dir := t.TempDir()
	fresh := filepath.Join(dir, "fresh.xlsx")
	write := func(w io.Writer) error { _, err := w.Write([]byte("0722 000 000")); return err }
	if err := WriteFileAtomic(fresh, nil, write); err != nil {
		t.Fatal(err)
	}
	wantThisUserOnly(t, fresh)
	old := filepath.Join(dir, "old.xlsx")
	if err := os.WriteFile(old, []byte("readable by all"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chmod(old, 0o644) // whatever the umask
	if err := WriteFileAtomic(old, nil, write); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(old); string(b) != "0722 000 000" {
		t.Fatalf("the file holds %q after being replaced", b)
	}
	wantThisUserOnly(t, old)
}

// A copy for sharing holds the same phone numbers as the workspace, and is
// 0600 as it is.
func TestSaveCopyIsThisUsersOnly(t *testing.T) {
	dir := t.TempDir()
	f, err := Create(filepath.Join(dir, "notes.cpw"), NewOptions{Name: "Notes", Now: demoDay})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	wantThisUserOnly(t, f.Path())
	copyPath := filepath.Join(dir, "notes copy.cpw")
	if err := f.SaveCopy(copyPath); err != nil {
		t.Fatal(err)
	}
	wantThisUserOnly(t, copyPath)
	c, err := Open(copyPath)
	if err != nil {
		t.Fatalf("the copy does not open: %v", err)
	}
	defer c.Close()
	if in, err := c.Initiative(); err != nil || in.Name != "Notes" {
		t.Errorf("the copy holds %q (%v)", in.Name, err)
	}
}
