package place

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cpw/workspace"
)

// A copy without contacts syncs like any copy: its changes reach the place
// and the other copies, the contacts they hold stay, and none reach it.
func TestACopyWithoutContactsSyncs(t *testing.T) {
	eachPlace(t, func(t *testing.T, newPlace func(*testing.T) Place) {
		p := newPlace(t)
		a := copies(t, 1)[0]
		sync(t, a, p)
		path := filepath.Join(t.TempDir(), "for-kplc.cpw")
		if err := a.SaveCopyFor(path, workspace.CopyOptions{LeaveOut: workspace.LeaveOutContacts}); err != nil {
			t.Fatal(err)
		}
		c, err := workspace.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		phones := func(f *workspace.File) map[string]string {
			people, err := f.People(workspace.PersonFilter{})
			if err != nil {
				t.Fatal(err)
			}
			out := map[string]string{}
			for _, q := range people {
				if q.Phone != "" || q.Email != "" {
					out[q.ID] = q.Phone + " " + q.Email
				}
			}
			return out
		}
		before := phones(a)
		people, _ := c.People(workspace.PersonFilter{})
		q := people[0]
		q.Position = "Cell chair"
		if _, err := c.UpdatePerson(q); err != nil {
			t.Fatal(err)
		}
		sync(t, c, p)
		sync(t, a, p)
		if got, err := a.Person(q.ID); err != nil || got.Position != "Cell chair" {
			t.Errorf("the change of the copy without contacts: %+v %v", got, err)
		}
		after := phones(a)
		for id, v := range before {
			if after[id] != v {
				t.Errorf("a contact was lost through the place: %q, then %q", v, after[id])
			}
		}
		// a changes a phone: it reaches the place, not the copy.
		for id := range before {
			x, _ := a.Person(id)
			x.Phone = "0733 444 555"
			if _, err := a.UpdatePerson(x); err != nil {
				t.Fatal(err)
			}
			break
		}
		sync(t, a, p)
		sync(t, c, p)
		if got := phones(c); len(got) != 0 {
			t.Errorf("contacts reached the copy without them: %v", got)
		}
	})
}

// An erasure travels through the place: a copy that changed the person
// before it heard of the erasure ends with them erased, and its change
// never comes back to the copy that erased them.
func TestAnErasureSyncs(t *testing.T) {
	eachPlace(t, func(t *testing.T, newPlace func(*testing.T) Place) {
		p := newPlace(t)
		fs := copies(t, 2)
		a, b := fs[0], fs[1]
		sync(t, a, p)
		sync(t, b, p)
		people, err := a.People(workspace.PersonFilter{})
		if err != nil {
			t.Fatal(err)
		}
		id := people[0].ID
		q, _ := b.Person(id)
		q.Phone, q.Name = "0733 444 556", "Xolani Wambui"
		if _, err := b.UpdatePerson(q); err != nil {
			t.Fatal(err)
		}
		if err := a.ErasePerson(id); err != nil {
			t.Fatal(err)
		}
		sync(t, a, p)
		sync(t, b, p)
		sync(t, a, p)
		for _, f := range fs {
			got, err := f.Person(id)
			if err != nil || got.Name != workspace.ErasedName || got.Phone != "" || got.ErasedOn == "" {
				t.Errorf("%s: %+v %v", filepath.Base(f.Path()), got, err)
			}
			changes, err := f.Changes(workspace.ChangeFilter{})
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range changes {
				if strings.Contains(c.Summary, "Xolani") || strings.Contains(c.Summary, "0733 444 556") {
					t.Errorf("%s keeps in its change log: %s", filepath.Base(f.Path()), c.Summary)
				}
			}
		}
	})
}

// After an erasure has synced through a folder, no snapshot left in the
// folder holds the person: the older ones go at once.
func TestAFolderKeepsNoSnapshotOfAnErasedPerson(t *testing.T) {
	dir := t.TempDir()
	p, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	fs := copies(t, 2)
	a, b := fs[0], fs[1]
	q, err := a.CreatePerson(workspace.Person{Name: "Qwerta Kerubo", Phone: "0711 222 333"})
	if err != nil {
		t.Fatal(err)
	}
	sync(t, a, p)
	sync(t, b, p)
	if err := a.ErasePerson(q.ID); err != nil {
		t.Fatal(err)
	}
	sync(t, a, p)
	sync(t, b, p)
	sync(t, a, p)
	files, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil || len(files) == 0 {
		t.Fatalf("the folder holds %v (%v)", files, err)
	}
	for _, path := range files {
		raw, err := os.ReadFile(path)
		if err != nil {
			continue // a folder of the place's own
		}
		if strings.Contains(string(raw), "Qwerta") || strings.Contains(string(raw), "0711 222 333") {
			t.Errorf("%s still holds the erased person", filepath.Base(path))
		}
	}
}
