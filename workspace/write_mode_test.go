package workspace

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"cpw/internal/testkit"
)

// A file written in one piece (an export, a brief) is 0600, also where it
// replaces a file everyone could read.
func TestWriteFileAtomicIsThisUsersOnly(t *testing.T) {
	dir := t.TempDir()
	fresh := filepath.Join(dir, "fresh.xlsx")
	write := func(w io.Writer) error { _, err := w.Write([]byte("0722 000 000")); return err }
	if err := WriteFileAtomic(fresh, nil, write); err != nil {
		t.Fatal(err)
	}
	testkit.WantThisUserOnly(t, fresh)
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
	testkit.WantThisUserOnly(t, old)
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
	testkit.WantThisUserOnly(t, f.Path())
	copyPath := filepath.Join(dir, "notes copy.cpw")
	if err := f.SaveCopy(copyPath); err != nil {
		t.Fatal(err)
	}
	testkit.WantThisUserOnly(t, copyPath)
	c, err := Open(copyPath)
	if err != nil {
		t.Fatalf("the copy does not open: %v", err)
	}
	defer c.Close()
	if in, err := c.Initiative(); err != nil || in.Name != "Notes" {
		t.Errorf("the copy holds %q (%v)", in.Name, err)
	}
}
