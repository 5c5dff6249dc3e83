package workspace

import (
	"os"
	osexec "os/exec"
	"sort"
	"strings"
	"testing"
)

// editPeopleChild, run as a child process, appends " (edited)" to the names
// of the people CPW_EDIT_IDS lists in the workspace CPW_EDIT_FILE, one change
// each, as a second program would while a merge runs.
func editPeopleChild(t *testing.T) {
	f, err := Open(os.Getenv("CPW_EDIT_FILE"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, id := range strings.Split(os.Getenv("CPW_EDIT_IDS"), ",") {
		p, err := f.Person(id)
		if err != nil {
			t.Fatal(err)
		}
		p.Name += " (edited)"
		if _, err := f.UpdatePerson(p); err != nil {
			t.Fatal(err)
		}
	}
}

// Another program edits the same people that the other copy changed, while
// a merge is under way: its edits are never lost, whether they are committed
// after the merge has read the other copy but before it writes (the merge
// then sees them, and they are the newer change), or while the merge writes
// (they wait, and follow it).
func TestMergeKeepsAnEditMadeMeanwhile(t *testing.T) {
	if os.Getenv("CPW_EDIT_FILE") != "" {
		editPeopleChild(t)
		return
	}
	for _, when := range []string{"before the merge writes", "while the merge writes"} {
		t.Run(when, func(t *testing.T) {
			cs := copies(t, 2)
			a, b := cs[0], cs[1]
			people := must[[]Person](t)(b.People(PersonFilter{}))
			sort.Slice(people, func(i, j int) bool { return people[i].ID < people[j].ID })
			var ids []string
			for _, p := range people[:30] {
				p.Name += " (B)"
				must[Person](t)(b.UpdatePerson(p))
				ids = append(ids, p.ID)
			}
			child := osexec.Command(os.Args[0], "-test.run=^TestMergeKeepsAnEditMadeMeanwhile$")
			child.Env = append(os.Environ(), "CPW_EDIT_FILE="+a.Path(), "CPW_EDIT_IDS="+strings.Join(ids, ","))
			var opt MergeOptions
			if when == "before the merge writes" {
				opt.beforeWrite = func() {
					if out, err := child.CombinedOutput(); err != nil {
						t.Fatalf("the other program failed: %v\n%s", err, out)
					}
				}
			} else {
				opt.beforeCommit = func() {
					if err := child.Start(); err != nil {
						t.Fatal(err)
					}
				}
			}
			must[MergeReport](t)(a.Merge(b.Path(), opt))
			if when == "while the merge writes" {
				if err := child.Wait(); err != nil {
					t.Fatalf("the other program failed: %v", err)
				}
			}
			for _, id := range ids {
				if p := must[Person](t)(a.Person(id)); !strings.HasSuffix(p.Name, " (edited)") {
					t.Fatalf("the other program's edit of %s is lost: %q", id, p.Name)
				}
			}
			if err := a.checkHealth(); err != nil {
				t.Error(err)
			}
		})
	}
}

// A record the program would never accept from a user, written into the
// other copy by another tool (a name of 10,000 characters, a phone number of
// letters), is refused with a sentence naming it, and nothing is merged.
func TestMergeRefusesAnInvalidIncomingRecord(t *testing.T) {
	for _, c := range []struct{ name, column, value string }{
		{"a name far too long", "name", strings.Repeat("x", 10000)},
		{"a phone number of letters", "phone", "call me maybe"},
	} {
		t.Run(c.name, func(t *testing.T) {
			cs := copies(t, 2)
			a, b := cs[0], cs[1]
			people := must[[]Person](t)(b.People(PersonFilter{}))
			if _, err := b.db.Exec("UPDATE people SET "+c.column+" = ?, updated_at = '2030-01-01T00:00:00.000Z' WHERE id = ?", c.value, people[0].ID); err != nil {
				t.Fatal(err)
			}
			before := fingerprint(t, a)
			_, err := a.Merge(b.Path(), MergeOptions{})
			wantCode(t, err, ErrInvalid)
			if !strings.Contains(err.Error(), "is not one this program accepts") || !strings.Contains(err.Error(), "nothing was merged") {
				t.Errorf("the refusal does not say what is wrong: %v", err)
			}
			sameRecords(t, before, fingerprint(t, a))
		})
	}
}

// Two copies made from one workspace, one after the other, never merged
// with each other; only the first has changed since. The second knows of
// the first (the parent had recorded making it), but the first does not know
// of the second: merging the first into the second brings its changes in
// with no conflict, since the first had seen the parent's versions.
func TestMergeSiblingCopiesWithoutFalseConflicts(t *testing.T) {
	cs := copies(t, 3)
	b, c := cs[1], cs[2]
	people := must[[]Person](t)(b.People(PersonFilter{}))
	for _, p := range people[:300] {
		p.Position = "Sibling copy's edit"
		must[Person](t)(b.UpdatePerson(p))
	}
	r := must[MergeReport](t)(c.Merge(b.Path(), MergeOptions{}))
	if len(r.Conflicts) != 0 {
		t.Errorf("%d conflicts, e.g. %+v", len(r.Conflicts), r.Conflicts[0])
	}
	if _, updated, _ := r.Changes(); updated != 300 {
		t.Errorf("%d records updated, want 300", updated)
	}
	sameRecords(t, fingerprint(t, b), fingerprint(t, c))
}

// mergeChild, run as a child process, merges the copy CPW_MERGE2_THEIRS into
// the workspace CPW_MERGE2_FILE, as a second window or terminal would.
func mergeChild(t *testing.T) {
	f, err := Open(os.Getenv("CPW_MERGE2_FILE"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Merge(os.Getenv("CPW_MERGE2_THEIRS"), MergeOptions{}); err != nil {
		t.Fatal(err)
	}
}

// Two merges of the same copy at once, the second committed after the first
// has read the other copy but before it writes: the first then finds
// everything already there, instead of failing on records added twice.
func TestTwoMergesAtOnce(t *testing.T) {
	if os.Getenv("CPW_MERGE2_FILE") != "" {
		mergeChild(t)
		return
	}
	cs := copies(t, 2)
	a, b := cs[0], cs[1]
	for i := 0; i < 20; i++ {
		must[Organisation](t)(b.CreateOrganisation(Organisation{Name: "Partner from b " + strings.Repeat("x", i), Kind: "cbo", Base: "local"}))
	}
	child := osexec.Command(os.Args[0], "-test.run=^TestTwoMergesAtOnce$")
	child.Env = append(os.Environ(), "CPW_MERGE2_FILE="+a.Path(), "CPW_MERGE2_THEIRS="+b.Path())
	r, err := a.Merge(b.Path(), MergeOptions{beforeWrite: func() {
		if out, err := child.CombinedOutput(); err != nil {
			t.Fatalf("the other merge failed: %v\n%s", err, out)
		}
	}})
	if err != nil {
		t.Fatalf("the second merge failed: %v", err)
	}
	if added, _, _ := r.Changes(); added != 0 {
		t.Errorf("the second merge added %d records the first had added", added)
	}
	sameRecords(t, fingerprint(t, b), fingerprint(t, a))
}
