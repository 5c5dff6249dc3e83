package app

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"cpw/translate"
	"cpw/workspace"
)

// conflictOverHomeUnit saves a copy of the open demo and moves one person
// to another home unit in each copy, so that merging the copy has a
// conflict over the field. It returns the copy's path, the person and the
// names of the two units (this copy's, theirs).
func conflictOverHomeUnit(t *testing.T, u *ui) (string, workspace.Person, string, string) {
	t.Helper()
	copyPath := filepath.Join(filepath.Dir(u.file.Path()), "wse-lead.cpw")
	if err := u.file.SaveCopy(copyPath); err != nil {
		t.Fatal(err)
	}
	units, err := u.file.Units(workspace.UnitFilter{})
	if err != nil || len(units) < 3 {
		t.Fatalf("the demo has %d units (%v)", len(units), err)
	}
	people, err := u.file.People(workspace.PersonFilter{})
	if err != nil || len(people) == 0 {
		t.Fatalf("the demo has no people (%v)", err)
	}
	p := people[0]
	ours, theirs := units[1], units[2]
	p.HomeUnitID = ours.ID
	if _, err := u.file.UpdatePerson(p); err != nil {
		t.Fatal(err)
	}
	other, err := workspace.Open(copyPath)
	if err != nil {
		t.Fatal(err)
	}
	other.Now = func() time.Time { return time.Now().Add(72 * time.Hour) }
	p.HomeUnitID = theirs.ID
	if _, err := other.UpdatePerson(p); err != nil {
		t.Fatal(err)
	}
	other.Close()
	return copyPath, p, ours.Name, theirs.Name
}

// The merge preview names each field that differs in the users' words, in
// the window's language, with the records it refers to by their names; its
// Cancel closes it and changes nothing, not a byte of the file.
func TestMergePreviewInWordsAndCancel(t *testing.T) {
	for _, code := range []string{"en", "sw"} {
		t.Run(code, func(t *testing.T) {
			u, path := openDemo(t)
			useLanguage(code)
			t.Cleanup(func() { useLanguage("en") })
			copyPath, p, ours, theirs := conflictOverHomeUnit(t, u)
			before, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}

			u.screen.previewMerge(copyPath)
			shown := allText(top(t, u))
			say := translate.For(code)
			want := say("%s: “%s” here, “%s” in theirs", say("Home unit"), ours, theirs)
			if !strings.Contains(shown, want) {
				t.Errorf("the preview lacks %q:\n%s", want, shown)
			}
			for _, raw := range []string{"home_unit_id", "home unit id", "updated_at"} {
				if strings.Contains(shown, raw) {
					t.Errorf("the preview shows the raw field %q:\n%s", raw, shown)
				}
			}

			tap(t, top(t, u), say("Cancel"))
			if o := u.window.Canvas().Overlays().Top(); o != nil {
				t.Fatalf("Cancel left a dialog open: %v", texts(o))
			}
			after, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(before, after) {
				t.Error("Cancel changed the workspace file")
			}
			got, err := u.file.Person(p.ID)
			if err != nil || got.HomeUnitID == p.HomeUnitID {
				t.Errorf("after Cancel the person's home unit is theirs (%v)", err)
			}
			log, err := u.file.Changes(workspace.ChangeFilter{Entity: "workspace"})
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range log {
				if c.Action == "merge" {
					t.Errorf("after Cancel the change log records a merge: %+v", c)
				}
			}
		})
	}
}
