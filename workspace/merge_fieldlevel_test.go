package workspace

import (
	"testing"
	"time"
)

// Two copies changing different fields of one person both keep their
// change, with no conflict; the same field changed in both is a conflict on
// that field alone, and the choice reaches the other copy.
func TestMergeFieldByField(t *testing.T) {
	cs := copies(t, 2)
	a, b := cs[0], cs[1]
	b.Now = func() time.Time { return time.Now().Add(time.Minute) }
	person := func(f *File) Person {
		people := must[[]Person](t)(f.People(PersonFilter{}))
		for _, p := range people {
			if p.Name == "Grace Wanjiru" {
				return p
			}
		}
		return people[0]
	}
	p := person(a)
	p.Phone = "0722 111 222"
	must[Person](t)(a.UpdatePerson(p))
	q := person(b)
	q.Position = "Chair of the savings group"
	must[Person](t)(b.UpdatePerson(q))

	r := must[MergeReport](t)(a.Merge(b.Path(), MergeOptions{}))
	if len(r.Conflicts) != 0 {
		t.Fatalf("different fields changed: conflicts %+v", r.Conflicts)
	}
	if got := person(a); got.Phone != "0722 111 222" || got.Position != "Chair of the savings group" {
		t.Errorf("after the merge: phone %q, position %q", got.Phone, got.Position)
	}
	r = must[MergeReport](t)(b.Merge(a.Path(), MergeOptions{}))
	if len(r.Conflicts) != 0 {
		t.Fatalf("merging back: conflicts %+v", r.Conflicts)
	}
	sameRecords(t, fingerprint(t, a), fingerprint(t, b))
	if r := must[MergeReport](t)(a.Merge(b.Path(), MergeOptions{DryRun: true})); len(r.Conflicts) != 0 || r.Summary() != "Nothing to merge: this workspace already has everything in that copy." {
		t.Errorf("after converging: %s %+v", r.Summary(), r.Conflicts)
	}

	// The same field in both, and another field in one.
	p = person(a)
	p.Phone, p.Notes = "0700 000 001", "Met at the chief's camp"
	must[Person](t)(a.UpdatePerson(p))
	q = person(b)
	q.Phone = "0700 000 002"
	must[Person](t)(b.UpdatePerson(q))
	r = must[MergeReport](t)(a.Merge(b.Path(), MergeOptions{DryRun: true}))
	if len(r.Conflicts) != 1 {
		t.Fatalf("the same field changed in both: conflicts %+v", r.Conflicts)
	}
	c := r.Conflicts[0]
	if d := c.Differences(); len(d) != 1 || d[0].Field != "Phone" || d[0].Ours != "0700 000 001" || d[0].Theirs != "0700 000 002" {
		t.Errorf("the conflict's differences: %+v", d)
	}
	// Theirs is the newer change (their clock runs a minute ahead); ours is
	// chosen, and must travel back with the other field of theirs kept.
	r = must[MergeReport](t)(a.Merge(b.Path(), MergeOptions{Choose: map[string]Side{c.Key: Ours}}))
	if got := person(a); got.Phone != "0700 000 001" || got.Notes != "Met at the chief's camp" {
		t.Errorf("after choosing ours: %+v", got)
	}
	r = must[MergeReport](t)(b.Merge(a.Path(), MergeOptions{}))
	if len(r.Conflicts) != 0 {
		t.Errorf("the choice travelling back: conflicts %+v", r.Conflicts)
	}
	if got := person(b); got.Phone != "0700 000 001" || got.Notes != "Met at the chief's camp" {
		t.Errorf("b after merging a: %+v", got)
	}
	sameRecords(t, fingerprint(t, a), fingerprint(t, b))
}

// Three copies each change another field of one partner and merge in a
// ring: every copy ends with all three changes, and merging again changes
// nothing.
func TestMergeFieldsThroughAThirdCopy(t *testing.T) {
	cs := copies(t, 3)
	edits := []func(*Organisation){
		func(o *Organisation) { o.Commitment = "committed" },
		func(o *Organisation) { o.Interests = "Sanitation and drainage" },
		func(o *Organisation) { o.Notes = "Runs the Kosovo water kiosks" },
	}
	for i, f := range cs {
		o := orgByName(t, f, "Maji Safi Trust")
		edits[i](&o)
		must[Organisation](t)(f.UpdateOrganisation(o))
	}
	for round := 0; round < 2; round++ {
		for i, f := range cs {
			next := cs[(i+1)%len(cs)]
			if r := must[MergeReport](t)(next.Merge(f.Path(), MergeOptions{})); len(r.Conflicts) != 0 {
				t.Fatalf("round %d, merging %d into %d: conflicts %+v", round, i, (i+1)%len(cs), r.Conflicts)
			}
		}
	}
	for i, f := range cs {
		o := orgByName(t, f, "Maji Safi Trust")
		if o.Commitment != "committed" || o.Interests != "Sanitation and drainage" || o.Notes != "Runs the Kosovo water kiosks" {
			t.Errorf("copy %d: %+v", i, o)
		}
	}
	sameRecords(t, fingerprint(t, cs[0]), fingerprint(t, cs[1]))
	sameRecords(t, fingerprint(t, cs[0]), fingerprint(t, cs[2]))
}
