package main

import (
	"os"
	"path/filepath"
	"testing"

	"cpw/internal/testkit"
)

// cpw copy and cpw export write files that hold the same phone numbers as
// the workspace, and are the user's only as it is; an export replacing one
// everyone could read ends the user's only too.
func TestCopyAndExportAreThisUsersOnly(t *testing.T) {
	dir := t.TempDir()
	demo := filepath.Join(dir, "demo.cpw")
	if code, _, errOut := cpw("demo", demo); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	testkit.WantThisUserOnly(t, demo)
	out := filepath.Join(dir, "notes.cpw")
	if code, _, errOut := cpw("copy", demo, out); code != 0 {
		t.Fatalf("copy: %s", errOut)
	}
	testkit.WantThisUserOnly(t, out)
	book := filepath.Join(dir, "export.xlsx")
	if err := os.WriteFile(book, []byte("an old export"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chmod(book, 0o644) // whatever the umask
	if code, _, errOut := cpw("export", demo, book, "--with-contacts"); code != 0 {
		t.Fatalf("export: %s", errOut)
	}
	if b, err := os.ReadFile(book); err != nil || string(b) == "an old export" {
		t.Fatalf("the export did not replace the old file: %v", err)
	}
	testkit.WantThisUserOnly(t, book)
	mapping := filepath.Join(dir, "map.json")
	if code, _, errOut := cpw("import", demo, book, "--write-mapping", mapping); code != 0 {
		t.Fatalf("--write-mapping: %s", errOut)
	}
	testkit.WantThisUserOnly(t, mapping)
}
