package importexport

import (
	"context"
	"os"
	osexec "os/exec"
	"strings"
	"testing"

	"cpw/workspace"
)

// notesChild, run as a child process, writes "edited meanwhile" into the
// notes of the people CPW_NOTES_IDS lists in the workspace CPW_NOTES_FILE,
// as another program would while an import runs.
func notesChild(t *testing.T) {
	f, err := workspace.Open(os.Getenv("CPW_NOTES_FILE"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, id := range strings.Split(os.Getenv("CPW_NOTES_IDS"), ",") {
		p, err := f.Person(id)
		if err != nil {
			t.Fatal(err)
		}
		p.Notes = "edited meanwhile"
		if _, err := f.UpdatePerson(p); err != nil {
			t.Fatal(err)
		}
	}
}

// Another program edits people's notes while an import of a workbook that
// changes their positions (and has no Notes column) is under way, after the
// workbook is read and before the import writes: the import reads the
// people inside its write, so the notes edited meanwhile are kept.
func TestImportKeepsAnEditMadeMeanwhile(t *testing.T) {
	if os.Getenv("CPW_NOTES_FILE") != "" {
		notesChild(t)
		return
	}
	f := newDemo(t)
	people, err := f.People(workspace.PersonFilter{})
	if err != nil {
		t.Fatal(err)
	}
	rows := [][]any{{"ID", "Name", "Position"}}
	var ids []string
	for _, p := range people[:20] {
		rows = append(rows, []any{p.ID, p.Name, "Planner"})
		ids = append(ids, p.ID)
	}
	book := writeBook(t, sheet{"People", rows})
	child := osexec.Command(os.Args[0], "-test.run=^TestImportKeepsAnEditMadeMeanwhile$")
	child.Env = append(os.Environ(), "CPW_NOTES_FILE="+f.Path(), "CPW_NOTES_IDS="+strings.Join(ids, ","))
	opts := ImportOptions{beforeWrite: func() {
		if out, err := child.CombinedOutput(); err != nil {
			t.Fatalf("the other program failed: %v\n%s", err, out)
		}
	}}
	report, err := Import(context.Background(), f, book, opts)
	if err != nil {
		t.Fatal(err)
	}
	wantClean(t, report)
	for _, id := range ids {
		p, err := f.Person(id)
		if err != nil {
			t.Fatal(err)
		}
		if p.Notes != "edited meanwhile" || p.Position != "Planner" {
			t.Fatalf("%s: notes %q, position %q: the other program's edit or the import's is lost", p.Name, p.Notes, p.Position)
		}
	}
}
