package place

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"cpw/workspace"
)

// Erased, then deleted, in a: c, which still holds the person, learns it through the place.
func TestAnErasureThenADeletionThroughAPlace(t *testing.T) {
	eachPlace(t, func(t *testing.T, newPlace func(*testing.T) Place) {
		p := newPlace(t)
		fs := copies(t, 3)
		a, b, c := fs[0], fs[1], fs[2]
		q, err := a.CreatePerson(workspace.Person{Name: "Qwerta Kerubo", Phone: "0711 222 333"})
		if err != nil {
			t.Fatal(err)
		}
		sync(t, a, p)
		sync(t, c, p)
		if err := a.ErasePerson(q.ID); err != nil {
			t.Fatal(err)
		}
		if err := a.DeletePerson(q.ID); err != nil {
			t.Fatal(err)
		}
		r := sync(t, a, p)
		t.Logf("a pushed=%v", r.Pushed)
		if s, ok := p.(*server); ok {
			ctx := context.Background()
			conn, err := pgx.Connect(ctx, s.conn)
			if err != nil {
				t.Fatal(err)
			}
			var n int
			if err := conn.QueryRow(ctx, "SELECT count(*) FROM "+s.table("erasures")).Scan(&n); err != nil {
				t.Fatal(err)
			}
			t.Logf("server erasures rows: %d", n)
			conn.Close(ctx)
		}
		r = sync(t, c, p)
		for _, m := range r.Pulled {
			t.Logf("c pulled: %s", m.Summary())
		}
		changes, _ := c.Changes(workspace.ChangeFilter{})
		for _, ch := range changes {
			if strings.Contains(ch.Summary, "Qwerta") {
				t.Errorf("c keeps %s", ch.Summary)
			}
		}
		_ = b
	})
}

// b learns of an erasure through a file merge, with the person deleted here already.
func TestAnErasureLearntFromAFileIsPushed(t *testing.T) {
	dir := t.TempDir()
	p, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	fs := copies(t, 3)
	a, b, c := fs[0], fs[1], fs[2]
	q, err := a.CreatePerson(workspace.Person{Name: "Qwerta Kerubo", Phone: "0711 222 333"})
	if err != nil {
		t.Fatal(err)
	}
	sync(t, a, p) // a holds the person through the folder
	sync(t, b, p)
	sync(t, c, p)
	if err := b.DeletePerson(q.ID); err != nil {
		t.Fatal(err)
	}
	sync(t, b, p)                               // the folder: deleted (older snapshots hold the person)
	if err := a.ErasePerson(q.ID); err != nil { // a is a copy that never syncs again
		t.Fatal(err)
	}
	if err := a.DeletePerson(q.ID); err != nil {
		t.Fatal(err)
	}
	mr, err := b.Merge(a.Path(), workspace.MergeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("b ← a: %s", mr.Summary())
	r := sync(t, b, p)
	t.Logf("b synced: pushed=%v", r.Pushed)
	sync(t, c, p)
	changes, _ := c.Changes(workspace.ChangeFilter{})
	for _, ch := range changes {
		if strings.Contains(ch.Summary, "Qwerta") {
			t.Errorf("c keeps %s", ch.Summary)
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	for _, f := range files {
		if tr := placeTraces(t, f); tr {
			t.Errorf("the folder's %s holds the person", filepath.Base(f))
		}
	}
}

func placeTraces(t *testing.T, path string) bool {
	raw, err := readFile(path)
	if err != nil {
		return false
	}
	return strings.Contains(string(raw), "Qwerta")
}

var readFile = func(p string) ([]byte, error) { return os.ReadFile(p) }

func TestAChangeToAnErasedPersonSyncs(t *testing.T) {
	dir := t.TempDir()
	p, _ := Open(dir)
	fs := copies(t, 2)
	a, b := fs[0], fs[1]
	sync(t, a, p)
	sync(t, b, p)
	people, _ := a.People(workspace.PersonFilter{})
	var q workspace.Person
	for _, x := range people {
		if x.OrganisationID != "" {
			q = x
			break
		}
	}
	orgs, _ := b.Organisations()
	for _, o := range orgs {
		if o.ID != q.OrganisationID {
			q.OrganisationID = o.ID
			break
		}
	}
	if err := a.ErasePerson(q.ID); err != nil {
		t.Fatal(err)
	}
	sync(t, a, p)
	if _, err := b.UpdatePerson(q); err != nil {
		t.Fatal(err)
	}
	if _, err := Sync(b, p, Options{}); err != nil {
		t.Errorf("b's sync: %v", err)
	}
}

func TestNoPushAfterAnErasureHasSynced(t *testing.T) {
	eachPlace(t, func(t *testing.T, newPlace func(*testing.T) Place) {
		p := newPlace(t)
		fs := copies(t, 2)
		a, b := fs[0], fs[1]
		path := filepath.Join(t.TempDir(), "for-kplc.cpw")
		if err := a.SaveCopyFor(path, workspace.CopyOptions{LeaveOut: workspace.LeaveOutContacts}); err != nil {
			t.Fatal(err)
		}
		c, err := workspace.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		all := []*workspace.File{a, b, c}
		for _, f := range all {
			sync(t, f, p)
		}
		people, _ := a.People(workspace.PersonFilter{})
		if err := a.ErasePerson(people[0].ID); err != nil {
			t.Fatal(err)
		}
		if err := b.ErasePerson(people[1].ID); err != nil {
			t.Fatal(err)
		}
		q, _ := c.Person(people[2].ID)
		if err := c.ErasePerson(q.ID); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 3; i++ {
			for _, f := range all {
				sync(t, f, p)
			}
		}
		for _, f := range all {
			before := placeState(t, p)
			r := sync(t, f, p)
			if r.Pushed || r.Changed() || placeState(t, p) != before {
				t.Errorf("%s: a sync with nothing new pushed=%v changed=%v", filepath.Base(f.Path()), r.Pushed, r.Changed())
			}
			for _, m := range r.Pulled {
				t.Logf("%s pulled %s", filepath.Base(f.Path()), m.Summary())
			}
		}
	})
}

func copyDir(t *testing.T, from, to string) {
	files, _ := filepath.Glob(filepath.Join(from, "*"))
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(filepath.Join(to, filepath.Base(f))); err == nil {
			continue
		}
		if err := os.WriteFile(filepath.Join(to, filepath.Base(f)), raw, 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

// Two laptops push while apart (a cloud folder): the snapshot of the one that had not heard of the erasure stays.
func TestAFolderKeepsNoForkedSnapshotOfAnErasedPerson(t *testing.T) {
	for _, who := range []int{0, 1, 2} {
		dir, dir2 := t.TempDir(), t.TempDir()
		p, _ := Open(dir)
		p2, _ := Open(dir2)
		fs := copies(t, 3)
		a, b, c := fs[0], fs[1], fs[2]
		q, err := a.CreatePerson(workspace.Person{Name: "Qwerta Kerubo", Phone: "0711 222 333"})
		if err != nil {
			t.Fatal(err)
		}
		sync(t, a, p)
		sync(t, b, p)
		sync(t, c, p)
		copyDir(t, dir, dir2)
		in, _ := b.Initiative()
		in.Vision = "changed apart"
		if _, err := b.UpdateInitiative(in); err != nil {
			t.Fatal(err)
		}
		sync(t, b, p2)
		time.Sleep(20 * time.Millisecond)
		if err := a.ErasePerson(q.ID); err != nil {
			t.Fatal(err)
		}
		sync(t, a, p)
		copyDir(t, dir2, dir) // the cloud brings b's snapshot
		snaps, _, _ := p.List()
		for _, h := range workspace.Heads(snaps) {
			t.Logf("head %s %s holds=%v", filepath.Base(h.Path), h.High, placeTraces(t, h.Path))
		}
		r := sync(t, fs[who], p)
		t.Logf("who=%d pushed=%v", who, r.Pushed)
		files0, _ := filepath.Glob(filepath.Join(dir, "*"))
		for _, f := range files0 {
			t.Logf("  after: %s holds=%v", filepath.Base(f), placeTraces(t, f))
		}
		for i := 0; i < 2; i++ {
			for _, f := range fs {
				sync(t, f, p)
			}
		}
		files, _ := filepath.Glob(filepath.Join(dir, "*"))
		for _, f := range files {
			if placeTraces(t, f) {
				t.Errorf("who=%d: the folder's %s holds the person (%d files)", who, filepath.Base(f), len(files))
			}
		}
	}
}

func TestADeletionOfAnErasedPersonSyncs(t *testing.T) {
	eachPlace(t, func(t *testing.T, newPlace func(*testing.T) Place) {
		p := newPlace(t)
		fs := copies(t, 2)
		a, b := fs[0], fs[1]
		q, _ := a.CreatePerson(workspace.Person{Name: "Qwerta Kerubo", Phone: "0711 222 333"})
		sync(t, a, p)
		sync(t, b, p)
		if err := a.ErasePerson(q.ID); err != nil {
			t.Fatal(err)
		}
		sync(t, a, p)
		sync(t, b, p)
		if err := b.DeletePerson(q.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := Sync(b, p, Options{}); err != nil {
			t.Errorf("b's sync after deleting the erased person: %v", err)
		}
	})
}
