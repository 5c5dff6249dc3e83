package workspace

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// FuzzMerge edits two copies of a small workspace as the input says, merges
// one into the other, and checks that the result is a sound workspace in
// which no record was lost: each one is there, or was deleted in a copy, or
// was found to be the same as one already there.
func FuzzMerge(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 0, 9}, []byte{0, 0, 2, 1, 7, 3})
	f.Add([]byte{7, 7, 7}, []byte{1, 1, 1, 2})
	f.Add([]byte{3, 3, 3, 4, 4}, []byte{0, 3, 5, 6})
	f.Fuzz(func(t *testing.T, ours, theirs []byte) {
		if len(ours) > 40 || len(theirs) > 40 {
			return
		}
		dir := t.TempDir()
		a, err := Create(filepath.Join(dir, "a.cpw"), NewOptions{Name: "Fuzz"})
		if err != nil {
			t.Fatal(err)
		}
		defer a.Close()
		base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		a.Now = func() time.Time { base = base.Add(time.Second); return base }
		seedFuzz(t, a)
		if err := a.SaveCopy(filepath.Join(dir, "b.cpw")); err != nil {
			t.Fatal(err)
		}
		b, err := Open(filepath.Join(dir, "b.cpw"))
		if err != nil {
			t.Fatal(err)
		}
		clockB := base.Add(time.Millisecond)
		b.Now = func() time.Time { clockB = clockB.Add(time.Second); return clockB }
		editFuzz(a, ours, "a")
		editFuzz(b, theirs, "b")
		theirRows := fingerprint(t, b)
		ourRows := fingerprint(t, a)
		b.Close()

		report, err := a.Merge(filepath.Join(dir, "b.cpw"), MergeOptions{})
		if err != nil {
			if Code(err) == ErrInvalid && strings.Contains(err.Error(), "pointing at") {
				// Refused as a whole: nothing may have changed.
				sameRecords(t, ourRows, fingerprint(t, a))
				return
			}
			t.Fatalf("merge: %v", err)
		}
		if err := a.checkHealth(); err != nil {
			t.Fatal(err)
		}
		after := fingerprint(t, a)
		stones := map[string]bool{}
		for _, s := range must[[]Tombstone](t)(a.Tombstones()) {
			stones[s.ID] = true
		}
		mapped := map[string]bool{}
		for _, c := range report.Conflicts {
			if c.Reason == "entered in both copies" {
				mapped[c.Kind] = true
			}
		}
		for _, rows := range []map[string]string{ourRows, theirRows} {
			for key := range rows {
				id := key[strings.Index(key, ":")+1:]
				table := key[:strings.Index(key, ":")]
				if _, ok := after[key]; ok || stones[id] {
					continue
				}
				if kindMapped(table, mapped) {
					continue
				}
				t.Errorf("record %s was lost (report %+v)", key, report)
			}
		}
	})
}

func kindMapped(table string, mapped map[string]bool) bool {
	for _, t := range mergeTables {
		if t.name == table {
			return mapped[t.one]
		}
	}
	return false
}

func seedFuzz(t *testing.T, f *File) {
	for i := 0; i < 3; i++ {
		o := must[Organisation](t)(f.CreateOrganisation(Organisation{Name: fmt.Sprintf("Org %d", i), Kind: "ngo", Base: "local"}))
		must[Person](t)(f.CreatePerson(Person{Name: fmt.Sprintf("Person %d", i), OrganisationID: o.ID}))
		c := must[Consortium](t)(f.CreateConsortium(Consortium{Code: fmt.Sprintf("C%d", i), Name: fmt.Sprintf("Consortium %d", i)}))
		must[ConsortiumMember](t)(f.CreateMember(ConsortiumMember{ConsortiumID: c.ID, OrganisationID: o.ID}))
	}
}

// editFuzz makes one change per byte; changes the rules refuse are skipped.
func editFuzz(f *File, ops []byte, side string) {
	for i, op := range ops {
		orgs, _ := f.Organisations()
		people, _ := f.People(PersonFilter{})
		consortia, _ := f.Consortia()
		pick := func(n int) int { return (int(op) / 8) % max(n, 1) }
		switch op % 8 {
		case 0:
			f.CreateOrganisation(Organisation{Name: fmt.Sprintf("New org %d", int(op)/8%4), Kind: "cbo", Base: "local"})
		case 1:
			if len(orgs) > 0 {
				o := orgs[pick(len(orgs))]
				o.Notes = fmt.Sprintf("%s %d", side, i)
				f.UpdateOrganisation(o)
			}
		case 2:
			if len(orgs) > 0 {
				f.DeleteOrganisation(orgs[pick(len(orgs))].ID)
			}
		case 3:
			if len(orgs) > 0 {
				f.CreatePerson(Person{Name: fmt.Sprintf("%s person %d", side, i), OrganisationID: orgs[pick(len(orgs))].ID})
			}
		case 4:
			if len(people) > 0 {
				f.DeletePerson(people[pick(len(people))].ID)
			}
		case 5:
			if len(orgs) > 0 && len(consortia) > 0 {
				f.CreateMember(ConsortiumMember{ConsortiumID: consortia[pick(len(consortia))].ID, OrganisationID: orgs[pick(len(orgs))].ID})
			}
		case 6:
			if len(consortia) > 0 {
				c := consortia[pick(len(consortia))]
				c.Purpose = fmt.Sprintf("%s %d", side, i)
				f.UpdateConsortium(c)
			}
		case 7:
			if len(consortia) > 0 {
				f.DeleteConsortium(consortia[pick(len(consortia))].ID)
			}
		}
	}
}
