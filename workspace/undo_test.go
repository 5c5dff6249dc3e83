package workspace

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// demoCopy makes a small demo workspace, open, with a clock a second per change.
func demoCopy(t *testing.T) *File {
	t.Helper()
	return copies(t, 1)[0]
}

// sameRecords fails unless two fingerprints hold the same records, field for field.
func sameFingerprint(t *testing.T, what string, want, got map[string]string) {
	t.Helper()
	if reflect.DeepEqual(want, got) {
		return
	}
	n := 0
	for k, v := range want {
		if got[k] != v && n < 5 {
			t.Errorf("%s: %s is %q, want %q", what, k, got[k], v)
			n++
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok && n < 5 {
			t.Errorf("%s: %s should not be there", what, k)
			n++
		}
	}
	t.Fatalf("%s: the records differ", what)
}

// TestUndoEachKindOfStep makes each kind of change, undoes it and redoes
// it: the undo puts every record back field for field, the redo brings the
// change back, and both work again after the file is closed and opened.
func TestUndoEachKindOfStep(t *testing.T) {
	f := demoCopy(t)
	orgs := must[[]Organisation](t)(f.Organisations())
	cons := must[[]Consortium](t)(f.Consortia())
	members := must[[]ConsortiumMember](t)(f.Members(cons[0].ID))
	units := must[[]Unit](t)(f.Units(UnitFilter{Level: "cell"}))
	asg := must[[]Assignment](t)(f.Assignments(AssignmentFilter{}))
	var current Assignment
	for _, a := range asg {
		if a.EndOn == "" {
			current = a
			break
		}
	}
	steps := []struct {
		name, want string
		do         func() error
	}{
		{"add an organisation", "add organisation “Undo Test Trust”", func() error {
			_, err := f.CreateOrganisation(Organisation{Name: "Undo Test Trust", Kind: "ngo"})
			return err
		}},
		{"edit an organisation", "change organisation", func() error {
			o := must[Organisation](t)(f.Organisation(orgs[1].ID))
			o.Name, o.Notes = o.Name+" (renamed)", "edited"
			_, err := f.UpdateOrganisation(o)
			return err
		}},
		{"delete a consortium member", "delete consortium member", func() error { return f.DeleteMember(members[0].ID) }},
		{"delete a meeting with its decisions, actions and attendees", "delete meeting", func() error {
			for _, m := range must[[]Meeting](t)(f.Meetings()) {
				if len(must[[]Decision](t)(f.Decisions(m.ID))) > 0 && len(m.AttendeeIDs) > 0 {
					return f.DeleteMeeting(m.ID)
				}
			}
			t.Fatal("the demo has no meeting with decisions and attendees")
			return nil
		}},
		{"end an assignment", "change assignment", func() error {
			_, err := f.EndAssignment(current.ID, "2026-11-30", "transferred")
			return err
		}},
		{"rename a unit", "change community unit", func() error {
			u := units[0]
			u.Name = "Renamed cell"
			_, err := f.UpdateUnit(u)
			return err
		}},
		{"change the thresholds", "change setting", func() error {
			th := must[Thresholds](t)(f.Thresholds())
			th.KeyRoleLimit++
			return f.SetThresholds(th)
		}},
	}
	for _, s := range steps {
		before := fingerprint(t, f)
		if err := s.do(); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		after := fingerprint(t, f)
		next, ok, err := f.NextUndo()
		if err != nil || !ok {
			t.Fatalf("%s: nothing to undo (%v)", s.name, err)
		}
		if !strings.HasPrefix(next.Name(), s.want) {
			t.Errorf("%s: the step is named %q, want it to begin %q", s.name, next.Name(), s.want)
		}
		u, err := f.Undo()
		if err != nil {
			t.Fatalf("undo %s: %v", s.name, err)
		}
		if u.Step.ID != next.ID || u.By.Kind != StepUndo {
			t.Errorf("undo %s: undid step %d as %s, want step %d as an undo", s.name, u.Step.ID, u.By.Kind, next.ID)
		}
		sameFingerprint(t, "after undoing "+s.name, before, fingerprint(t, f))
		// After a restart: the redo is kept in the file.
		f = reopen(t, f)
		if _, err := f.Redo(); err != nil {
			t.Fatalf("redo %s: %v", s.name, err)
		}
		sameFingerprint(t, "after redoing "+s.name, after, fingerprint(t, f))
		f = reopen(t, f)
		if _, err := f.Undo(); err != nil {
			t.Fatalf("undo %s again: %v", s.name, err)
		}
		sameFingerprint(t, "after undoing "+s.name+" again", before, fingerprint(t, f))
		if _, err := f.Redo(); err != nil {
			t.Fatalf("redo %s again: %v", s.name, err)
		}
	}
	// Undo is logged under the user's name.
	log := must[[]Change](t)(f.Changes(ChangeFilter{Entity: "workspace"}))
	found := false
	for _, c := range log {
		if c.Action == "undo" && c.Author == f.Author && strings.HasPrefix(c.Summary, "Undid “") {
			found = true
		}
	}
	if !found {
		t.Errorf("no undo in the change log under %q: %v", f.Author, log[:min(len(log), 3)])
	}
}

// reopen closes f and opens its file again, as after a restart.
func reopen(t *testing.T, f *File) *File {
	t.Helper()
	clock, author, path := f.Now, f.Author, f.Path()
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	g, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	g.Now, g.Author = clock, author
	t.Cleanup(func() { g.Close() })
	return g
}

// TestUndoStack: undo goes back step by step, redo forward, and a new
// change ends what can be redone.
func TestUndoStack(t *testing.T) {
	f := newFile(t)
	var ids []string
	for _, name := range []string{"First Trust", "Second Trust", "Third Trust"} {
		o := must[Organisation](t)(f.CreateOrganisation(Organisation{Name: name, Kind: "ngo"}))
		ids = append(ids, o.ID)
	}
	names := func() []string {
		var out []string
		for _, o := range must[[]Organisation](t)(f.Organisations()) {
			out = append(out, o.Name)
		}
		return out
	}
	must[Undone](t)(f.Undo())
	must[Undone](t)(f.Undo())
	if got := names(); !reflect.DeepEqual(got, []string{"First Trust"}) {
		t.Fatalf("after two undos: %v", got)
	}
	r := must[Step](t)(func() (Step, error) { s, _, err := f.NextRedo(); return s, err }())
	if r.Name() != "add organisation “Second Trust”" {
		t.Errorf("the next redo is %q", r.Name())
	}
	must[Undone](t)(f.Redo())
	if got := names(); !reflect.DeepEqual(got, []string{"First Trust", "Second Trust"}) {
		t.Fatalf("after a redo: %v", got)
	}
	must[Organisation](t)(f.CreateOrganisation(Organisation{Name: "Fourth Trust", Kind: "ngo"}))
	if _, ok, _ := f.NextRedo(); ok {
		t.Error("a new change should end what can be redone")
	}
	_, err := f.Redo()
	wantCode(t, err, ErrNotFound)
	// What a window named is undone only while it is still the newest step.
	named, _, _ := f.NextUndo()
	must[Organisation](t)(f.CreateOrganisation(Organisation{Name: "Fifth Trust", Kind: "ngo"}))
	_, err = f.UndoStep(named.ID)
	wantCode(t, err, ErrConflict)
	if got := names(); len(got) != 4 {
		t.Errorf("a refused undo changed the organisations: %v", got)
	}
	must[Undone](t)(f.UndoStep(named.ID + 1))
	// The third organisation's deletion was noted for other copies.
	stones := must[[]Tombstone](t)(f.Tombstones())
	found := false
	for _, s := range stones {
		found = found || s.ID == ids[2]
	}
	if !found {
		t.Error("undoing an addition should note the deletion for other copies")
	}
}

// TestRevertRefused: a step whose records were changed since, or whose new
// records others now use, is refused with a sentence naming them, and
// nothing is written.
func TestRevertRefused(t *testing.T) {
	f := newFile(t)
	o := must[Organisation](t)(f.CreateOrganisation(Organisation{Name: "Maji Safi Trust", Kind: "ngo"}))
	first := must[Step](t)(func() (Step, error) { s, _, err := f.NextUndo(); return s, err }())
	o.Notes = "first note"
	o = must[Organisation](t)(f.UpdateOrganisation(o))
	edit := must[Step](t)(func() (Step, error) { s, _, err := f.NextUndo(); return s, err }())
	o.Notes = "second note"
	must[Organisation](t)(f.UpdateOrganisation(o))
	before := fingerprint(t, f)
	_, err := f.Revert(edit.ID)
	wantCode(t, err, ErrConflict)
	if !strings.Contains(err.Error(), "Maji Safi Trust") || !strings.Contains(err.Error(), "changed again since") {
		t.Errorf("the refusal should name the record changed since: %v", err)
	}
	plan := must[RevertPlan](t)(f.PlanRevert(edit.ID))
	if plan.Refused == nil {
		t.Error("the preview should say the revert is refused")
	}
	sameFingerprint(t, "after a refused revert", before, fingerprint(t, f))
	// The later change undone, the earlier one can be reverted.
	must[Undone](t)(f.Undo())
	plan = must[RevertPlan](t)(f.PlanRevert(edit.ID))
	if plan.Refused != nil || len(plan.Lines) != 1 || !strings.Contains(plan.Lines[0], "first note") {
		t.Fatalf("preview: %+v", plan)
	}
	must[Undone](t)(f.Revert(edit.ID))
	if got := must[Organisation](t)(f.Organisation(o.ID)); got.Notes != "" {
		t.Errorf("after reverting the first edit the notes are %q", got.Notes)
	}
	// A record now used by a person added since cannot be taken away.
	must[Person](t)(f.CreatePerson(Person{Name: "Amina Otieno", OrganisationID: o.ID}))
	before = fingerprint(t, f)
	_, err = f.Revert(first.ID)
	wantCode(t, err, ErrInUse)
	if !strings.Contains(err.Error(), "Amina Otieno") {
		t.Errorf("the refusal should name the person: %v", err)
	}
	sameFingerprint(t, "after a refused revert", before, fingerprint(t, f))
	_, err = f.Revert(9999)
	wantCode(t, err, ErrNotFound)

	// The preview shows choices by their labels, as a conflict does.
	o = must[Organisation](t)(f.Organisation(o.ID))
	o.Kind = "cbo"
	must[Organisation](t)(f.UpdateOrganisation(o))
	kind, _, _ := f.NextUndo()
	plan = must[RevertPlan](t)(f.PlanRevert(kind.ID))
	if len(plan.Lines) != 1 || !strings.Contains(plan.Lines[0], "“Community-based organisation” → “CSO / NGO”") {
		t.Errorf("the preview of a kind changed back: %q", plan.Lines)
	}

	// Redoing the addition of a partner whose name another took since is
	// refused, and says it is a redo.
	must[Organisation](t)(f.CreateOrganisation(Organisation{Name: "Pamoja Trust", Kind: "ngo"}))
	undone := must[Undone](t)(f.Undo())
	must[Organisation](t)(f.CreateOrganisation(Organisation{Name: "Pamoja Trust", Kind: "ngo"}))
	_, err = f.Revert(undone.By.ID)
	wantCode(t, err, ErrInvalid)
	if !strings.Contains(err.Error(), "This cannot be redone: Another organisation already has this name") {
		t.Errorf("a refused redo says: %v", err)
	}
}

// TestUndoMerge: a merge is one step; undoing it puts this copy back as it
// was, including what it knew of the other copy, so that neither copy loses
// its work silently afterwards: the next merge, either way, meets the other
// copy's changes and the undo as conflicts to settle.
func TestUndoMerge(t *testing.T) {
	cs := copies(t, 2)
	a, b := cs[0], cs[1]
	org := must[[]Organisation](t)(b.Organisations())[0]
	org.Notes = "changed in b"
	must[Organisation](t)(b.UpdateOrganisation(org))
	onlyB := must[Organisation](t)(b.CreateOrganisation(Organisation{Name: "Only In B", Kind: "ngo"}))
	members := must[[]ConsortiumMember](t)(b.Members(""))
	if err := b.DeleteMember(members[0].ID); err != nil {
		t.Fatal(err)
	}
	before := fingerprint(t, a)
	must[MergeReport](t)(a.Merge(b.Path(), MergeOptions{}))
	merged := fingerprint(t, a)
	next, _, _ := a.NextUndo()
	if next.Name() != "merge of "+filepath.Base(b.Path()) {
		t.Errorf("the merge step is named %q", next.Name())
	}
	must[Undone](t)(a.Undo())
	sameFingerprint(t, "after undoing the merge", before, fingerprint(t, a))
	must[Undone](t)(a.Redo())
	sameFingerprint(t, "after redoing the merge", merged, fingerprint(t, a))
	must[Undone](t)(a.Undo())

	// Either copy merging the other now sees b's changes and a's undo of
	// them as conflicts, none settled silently.
	conflicted := func(rep MergeReport, ids ...string) {
		t.Helper()
		in := map[string]bool{}
		for _, c := range rep.Conflicts {
			in[c.ID] = true
		}
		for _, id := range ids {
			if !in[id] {
				t.Errorf("no conflict about %s: %+v", id, rep.Conflicts)
			}
		}
	}
	conflicted(must[MergeReport](t)(b.Merge(a.Path(), MergeOptions{DryRun: true})), org.ID, onlyB.ID, members[0].ID)
	conflicted(must[MergeReport](t)(a.Merge(b.Path(), MergeOptions{DryRun: true})), org.ID, onlyB.ID, members[0].ID)
	// Choosing theirs for every conflict brings the merge back.
	rep := must[MergeReport](t)(a.Merge(b.Path(), MergeOptions{DryRun: true}))
	choose := map[string]Side{}
	for _, c := range rep.Conflicts {
		choose[c.Key] = Theirs
	}
	must[MergeReport](t)(a.Merge(b.Path(), MergeOptions{Choose: choose}))
	sameFingerprint(t, "after merging again, theirs chosen", merged, fingerprint(t, a))
}

// An undo that finds nothing to write back (the merge kept this copy's
// version and only stamped it anew) still counts: Undo moves on to the
// step before it.
func TestUndoOfAStepThatOnlyStamped(t *testing.T) {
	cs := copies(t, 2)
	a, b := cs[0], cs[1]
	o := must[[]Organisation](t)(a.Organisations())[0]
	o.Notes = "a's note"
	must[Organisation](t)(a.UpdateOrganisation(o))
	ob := must[Organisation](t)(b.Organisation(o.ID))
	ob.Notes = "b's later note"
	must[Organisation](t)(b.UpdateOrganisation(ob))
	rep := must[MergeReport](t)(a.Merge(b.Path(), MergeOptions{DryRun: true}))
	if len(rep.Conflicts) != 1 {
		t.Fatalf("want one conflict, got %+v", rep.Conflicts)
	}
	must[MergeReport](t)(a.Merge(b.Path(), MergeOptions{Choose: map[string]Side{rep.Conflicts[0].Key: Ours}}))
	first := must[Undone](t)(a.Undo())
	second := must[Undone](t)(a.Undo())
	if first.Step.ID == second.Step.ID || second.Step.Action != "update" {
		t.Fatalf("undo undid step %d, then %d (%s)", first.Step.ID, second.Step.ID, second.Step.Name())
	}
	if got := must[Organisation](t)(a.Organisation(o.ID)); got.Notes != "" {
		t.Errorf("after undoing the edit the notes are %q", got.Notes)
	}
}

// A merge that swapped two partners' names is undone in one go.
func TestUndoMergeThatSwappedNames(t *testing.T) {
	cs := copies(t, 2)
	a, b := cs[0], cs[1]
	orgs := must[[]Organisation](t)(b.Organisations())
	x, y := orgs[0], orgs[1]
	xn, yn := x.Name, y.Name
	x.Name = "Parked for the swap"
	x = must[Organisation](t)(b.UpdateOrganisation(x))
	y.Name = xn
	must[Organisation](t)(b.UpdateOrganisation(y))
	x.Name = yn
	must[Organisation](t)(b.UpdateOrganisation(x))
	before := fingerprint(t, a)
	must[MergeReport](t)(a.Merge(b.Path(), MergeOptions{}))
	must[Undone](t)(a.Undo())
	sameFingerprint(t, "after undoing the swap", before, fingerprint(t, a))
}

// A copy made to share holds nothing of the steps, not even in its free
// pages: a deleted person's notes are not in its bytes.
func TestSaveCopyLeavesNoStepsBehind(t *testing.T) {
	f := newFile(t)
	p := must[Person](t)(f.CreatePerson(Person{Name: "Achieng Otieno", Notes: "QWERTY-99 lives behind the kiosk"}))
	if err := f.DeletePerson(p.ID); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "share.cpw")
	if err := f.SaveCopy(out); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b, []byte("QWERTY-99")) {
		t.Error("the copy holds a deleted person's notes")
	}
	g, err := Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	if steps := must[[]Step](t)(g.Steps(0)); len(steps) != 0 {
		t.Errorf("the copy has %d steps", len(steps))
	}
}

// An entry another copy wrote, brought by a merge, is not this copy's to
// revert on its own: reverting the merge is offered on the merge's entry.
func TestStepOfAnotherCopysChange(t *testing.T) {
	cs := copies(t, 2)
	a, b := cs[0], cs[1]
	must[Organisation](t)(b.CreateOrganisation(Organisation{Name: "Only In B", Kind: "ngo"}))
	must[MergeReport](t)(a.Merge(b.Path(), MergeOptions{}))
	seen := 0
	for _, c := range must[[]Change](t)(a.Changes(ChangeFilter{})) {
		merge, theirs := c.Action == "merge", c.Summary == "Only In B"
		if !merge && !theirs {
			continue
		}
		seen++
		if _, ok, err := a.StepOfChange(c.ID); err != nil || ok != merge {
			t.Errorf("%q: revertible %v (%v)", c.Summary, ok, err)
		}
	}
	if seen != 2 {
		t.Errorf("found %d of the two entries", seen)
	}
}

// TestUndoTravels: an undo in one copy is a change like any other when the
// copies merge, and it does not bring back what the other copy changed since.
func TestUndoTravels(t *testing.T) {
	cs := copies(t, 2)
	a, b := cs[0], cs[1]
	members := must[[]ConsortiumMember](t)(a.Members(""))
	m := members[0]
	if err := a.DeleteMember(m.ID); err != nil {
		t.Fatal(err)
	}
	must[MergeReport](t)(b.Merge(a.Path(), MergeOptions{}))
	if _, err := memberByID(b, m.ID); Code(err) != ErrNotFound {
		t.Fatalf("the deletion did not reach b: %v", err)
	}
	must[Undone](t)(a.Undo())
	rep := must[MergeReport](t)(b.Merge(a.Path(), MergeOptions{}))
	got, err := memberByID(b, m.ID)
	if err != nil {
		t.Fatalf("the undone deletion did not reach b: %v (%+v)", err, rep)
	}
	if got.Contribution != m.Contribution || got.JoinedOn != m.JoinedOn {
		t.Errorf("b has the member back as %+v, want %+v", got, m)
	}
	sameFingerprint(t, "a and b after the undo travelled", fingerprint(t, a), fingerprint(t, b))

	// b changes a record; a, not having seen it, undoes its own older
	// change of the same record: the merge sees a conflict, not a silent
	// overwrite.
	o := must[[]Organisation](t)(a.Organisations())[2]
	o.Notes = "a's note"
	must[Organisation](t)(a.UpdateOrganisation(o))
	must[MergeReport](t)(b.Merge(a.Path(), MergeOptions{}))
	ob := must[Organisation](t)(b.Organisation(o.ID))
	ob.Notes = "b's note, after a's"
	must[Organisation](t)(b.UpdateOrganisation(ob))
	must[Undone](t)(a.Undo())
	rep = must[MergeReport](t)(b.Merge(a.Path(), MergeOptions{DryRun: true}))
	if len(rep.Conflicts) != 1 || rep.Conflicts[0].ID != o.ID {
		t.Fatalf("want the undo and b's later change as one conflict, got %+v", rep.Conflicts)
	}
}

// memberByID reads one consortium member, ErrNotFound when there is none.
func memberByID(f *File, id string) (ConsortiumMember, error) {
	var m ConsortiumMember
	return m, load(f.db, &m, id)
}

// A revert decides inside its write: a change another program commits
// after the preview was made is never written over.
func TestRevertAfterAChangeMeanwhile(t *testing.T) {
	f := newFile(t)
	o := must[Organisation](t)(f.CreateOrganisation(Organisation{Name: "Maji Safi Trust", Kind: "ngo"}))
	o.Notes = "met at the forum"
	must[Organisation](t)(f.UpdateOrganisation(o))
	edit, _, _ := f.NextUndo()
	if plan := must[RevertPlan](t)(f.PlanRevert(edit.ID)); plan.Refused != nil {
		t.Fatalf("the preview refuses: %v", plan.Refused)
	}
	// Another program, through its own handle, changes the same record.
	g, err := Open(f.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	g.Author, g.Now = "Otieno", f.Now
	og := must[Organisation](t)(g.Organisation(o.ID))
	og.Notes = "met at the forum; wants to lead WSE"
	must[Organisation](t)(g.UpdateOrganisation(og))
	_, err = f.Revert(edit.ID)
	wantCode(t, err, ErrConflict)
	if !strings.Contains(err.Error(), "Otieno") {
		t.Errorf("the refusal should say who changed it: %v", err)
	}
	if got := must[Organisation](t)(f.Organisation(o.ID)); got.Notes != og.Notes {
		t.Errorf("the other program's note became %q", got.Notes)
	}
	// Undo now undoes the other program's change, the newest step.
	u := must[Undone](t)(f.Undo())
	if u.Step.Author != "Otieno" {
		t.Errorf("undo undid %q's step", u.Step.Author)
	}
}

// Units added under one another in one step (a community structure
// imported) are taken away together, children before their parents.
func TestUndoNestedUnits(t *testing.T) {
	f := newFile(t)
	before := fingerprint(t, f)
	if err := f.Batch(true, func(b *Batch) error {
		area, _, err := Save(b, Unit{Level: "area", Name: "Mukuru kwa Reuben"})
		if err != nil {
			return err
		}
		seg, _, err := Save(b, Unit{Level: "segment", Name: "Segment 1", ParentID: area.ID})
		if err != nil {
			return err
		}
		cl, _, err := Save(b, Unit{Level: "cluster", Name: "Cluster 1", ParentID: seg.ID})
		if err != nil {
			return err
		}
		_, _, err = Save(b, Unit{Level: "cell", Name: "Cell 1", ParentID: cl.ID, Households: 10})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	must[Undone](t)(f.Undo())
	sameFingerprint(t, "after undoing the structure", before, fingerprint(t, f))
	must[Undone](t)(f.Redo())
	if units := must[[]Unit](t)(f.Units(UnitFilter{})); len(units) != 4 {
		t.Errorf("after the redo: %d units", len(units))
	}
}

// A step kept before a later schema added columns (its rows lack them)
// is undone all the same: a row written back keeps the new columns' values,
// a row put back takes their defaults.
func TestUndoOfAStepFromAnEarlierSchema(t *testing.T) {
	f := newFile(t)
	p := must[Person](t)(f.CreatePerson(Person{Name: "Amina Otieno"}))
	p.Position = "Cell chair"
	p = must[Person](t)(f.UpdatePerson(p))
	if err := f.DeletePerson(p.ID); err != nil {
		t.Fatal(err)
	}
	// As schema 10 kept them: no basis, no consent, no erasure.
	if _, err := f.db.Exec("UPDATE step_rows SET before = json_remove(before, '$.basis', '$.consent_on', '$.consent_how', '$.consent_by', '$.withdrawn_on', '$.erased_on') WHERE tbl = 'people' AND before IS NOT NULL"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Undo(); err != nil { // the deletion: put back
		t.Fatal(err)
	}
	if got := must[Person](t)(f.Person(p.ID)); got.Position != "Cell chair" || got.Basis != "" {
		t.Fatalf("put back as %+v", got)
	}
	if _, err := f.Undo(); err != nil { // the update: written back
		t.Fatal(err)
	}
	if got := must[Person](t)(f.Person(p.ID)); got.Position != "" {
		t.Fatalf("written back as %+v", got)
	}
}
