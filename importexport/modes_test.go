package importexport

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"cpw/internal/testkit"
)

// readableByAll puts a file everyone can read at path, as an earlier
// version of the program left its exports.
func readableByAll(t *testing.T, path string) {
	t.Helper()
	if err := os.WriteFile(path, []byte("an old export"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chmod(path, 0o644) // whatever the umask
}

// An export, with the phone numbers or without, is the user's only, also
// where it replaces an older export that everyone could read.
func TestExportIsThisUsersOnly(t *testing.T) {
	f := newDemo(t)
	dir := t.TempDir()
	fresh := filepath.Join(dir, "fresh.xlsx")
	if err := Export(context.Background(), f, fresh, ExportOptions{WithContacts: true}); err != nil {
		t.Fatal(err)
	}
	testkit.WantThisUserOnly(t, fresh)
	old := filepath.Join(dir, "old.xlsx")
	readableByAll(t, old)
	if err := Export(context.Background(), f, old, ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	if rows := rowsOf(t, old, "Organisations"); len(rows) < 2 {
		t.Fatalf("the export that replaced the old file holds %d rows of organisations", len(rows))
	}
	testkit.WantThisUserOnly(t, old)
}

// The rows an import left out (names, phone numbers) are written to a
// workbook that is the user's only.
func TestRejectsAreThisUsersOnly(t *testing.T) {
	f := newWorkspace(t)
	book := writeBook(t, sheet{"People", [][]any{
		{"Name", "Phone", "Gender"},
		{"Jane Wanjiru", "0722 000 001", "F"},
		{"Otieno Ouma", "0722 000 002", "Alien"},
	}})
	rejects := filepath.Join(t.TempDir(), "rejects.xlsx")
	readableByAll(t, rejects)
	r := importSkipping(t, f, book, rejects)
	if !r.Written || r.Rejects != rejects {
		t.Fatalf("no rows left out, or no rejects:\n%s", problems(r))
	}
	if rows := rowsOf(t, rejects, "People"); len(rows) != 2 || rows[1][0] != "Otieno Ouma" {
		t.Fatalf("the rejects hold %v", rows)
	}
	testkit.WantThisUserOnly(t, rejects)
}

// A mapping file names a partner's columns and values: it is the user's
// only too.
func TestMappingFileIsThisUsersOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "map.json")
	readableByAll(t, path)
	if err := WriteMapping(&Mapping{Sheets: []SheetMapping{{Sheet: "Partner list", Kind: "Organisations"}}}, path); err != nil {
		t.Fatal(err)
	}
	m, err := ReadMapping(path)
	if err != nil || len(m.Sheets) != 1 {
		t.Fatalf("the mapping read back: %+v %v", m, err)
	}
	testkit.WantThisUserOnly(t, path)
}
