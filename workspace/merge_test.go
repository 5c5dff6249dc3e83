package workspace

import (
	"fmt"
	"os"
	osexec "os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// copies makes a small demo workspace and n copies of it, all open.
func copies(t *testing.T, n int) []*File {
	t.Helper()
	dir := t.TempDir()
	a, err := CreateDemo(filepath.Join(dir, "a.cpw"), DemoOptions{Scale: DemoSmall, Now: demoDay})
	if err != nil {
		t.Fatal(err)
	}
	out := []*File{a}
	for i := 1; i < n; i++ {
		p := filepath.Join(dir, fmt.Sprintf("%c.cpw", 'a'+i))
		if err := a.SaveCopy(p); err != nil {
			t.Fatal(err)
		}
		f, err := Open(p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, f)
	}
	// Each copy's clock runs on from a common start, a second per change.
	for i, f := range out {
		clock := demoDay.Add(time.Hour + time.Duration(i)*time.Millisecond)
		f.Now = func() time.Time { clock = clock.Add(time.Second); return clock }
		f.Author = fmt.Sprintf("lead %c", 'a'+i)
	}
	t.Cleanup(func() {
		for _, f := range out {
			f.Close()
		}
	})
	return out
}

// fingerprint is every exchanged record of a workspace, as text, by id.
func fingerprint(t *testing.T, f *File) map[string]string {
	t.Helper()
	out := map[string]string{}
	for i := range mergeTables {
		tab := &mergeTables[i]
		rows, _, err := readRows(f.db, tab)
		if err != nil {
			t.Fatal(err)
		}
		for id, r := range rows {
			out[tab.name+":"+id] = fmt.Sprint(r.vals...)
		}
	}
	return out
}

func sameRecords(t *testing.T, a, b map[string]string) {
	t.Helper()
	var diffs []string
	for k, v := range a {
		if b[k] != v {
			diffs = append(diffs, k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			diffs = append(diffs, k)
		}
	}
	sort.Strings(diffs)
	if len(diffs) > 0 {
		t.Errorf("%d records differ, such as %v", len(diffs), diffs[:min(len(diffs), 5)])
	}
}

func countOf(r MergeReport, kind string) MergeCount {
	for _, c := range r.Counts {
		if c.Kind == kind {
			return c
		}
	}
	return MergeCount{Kind: kind}
}

func orgByName(t *testing.T, f *File, name string) Organisation {
	t.Helper()
	for _, o := range must[[]Organisation](t)(f.Organisations()) {
		if strings.EqualFold(o.Name, name) {
			return o
		}
	}
	t.Fatalf("no organisation %q", name)
	return Organisation{}
}

func TestMergeBringsOneSidedChanges(t *testing.T) {
	cs := copies(t, 2)
	a, b := cs[0], cs[1]
	// b adds a partner and a person of it, edits a consortium and deletes a gap.
	org := must[Organisation](t)(b.CreateOrganisation(Organisation{Name: "Kibera Youth Group", Kind: "cbo", Base: "local"}))
	must[Person](t)(b.CreatePerson(Person{Name: "Zawadi Achieng", OrganisationID: org.ID, Resident: Yes}))
	wse := must[Consortium](t)(b.ConsortiumByCode("WSE"))
	wse.Purpose = "Water for every household by 2030."
	must[Consortium](t)(b.UpdateConsortium(wse))
	gap := must[[]ResourceGap](t)(b.ResourceGaps(GapFilter{ConsortiumID: wse.ID}))[0]
	if err := b.DeleteResourceGap(gap.ID); err != nil {
		t.Fatal(err)
	}
	// a changes something else meanwhile.
	hlt := must[Consortium](t)(a.ConsortiumByCode("HLT"))
	hlt.Status = "validated"
	must[Consortium](t)(a.UpdateConsortium(hlt))

	theirBytes := mustRead(t, b.Path())
	dry := must[MergeReport](t)(a.Merge(b.Path(), MergeOptions{DryRun: true}))
	if got := must[Consortium](t)(a.ConsortiumByCode("WSE")); got.Purpose == wse.Purpose {
		t.Fatal("a dry run changed the workspace")
	}
	report := must[MergeReport](t)(a.Merge(b.Path(), MergeOptions{}))
	if fmt.Sprint(dry.Counts) != fmt.Sprint(report.Counts) {
		t.Errorf("the dry run said %v, the merge did %v", dry.Counts, report.Counts)
	}
	if len(report.Conflicts) != 0 {
		t.Errorf("conflicts: %+v", report.Conflicts)
	}
	if c := countOf(report, "organisations"); c.Added != 1 {
		t.Errorf("organisations %+v", c)
	}
	if c := countOf(report, "people"); c.Added != 1 {
		t.Errorf("people %+v", c)
	}
	if c := countOf(report, "consortia"); c.Updated != 1 {
		t.Errorf("consortia %+v", c)
	}
	if c := countOf(report, "resource gaps"); c.Deleted != 1 {
		t.Errorf("gaps %+v", c)
	}
	if got := must[Consortium](t)(a.ConsortiumByCode("WSE")); got.Purpose != wse.Purpose {
		t.Errorf("purpose %q", got.Purpose)
	}
	if got := must[Consortium](t)(a.ConsortiumByCode("HLT")); got.Status != "validated" {
		t.Error("the merge undid a change made here")
	}
	_, err := a.ResourceGap(gap.ID)
	wantCode(t, err, ErrNotFound)
	if orgByName(t, a, "Kibera Youth Group").ID != org.ID {
		t.Error("the new partner has another id")
	}
	if string(mustRead(t, b.Path())) != string(theirBytes) {
		t.Error("merging changed the other copy's file")
	}
	log := must[[]Change](t)(a.Changes(ChangeFilter{Entity: "workspace"}))
	if len(log) == 0 || log[0].Action != "merge" || log[0].EntityID != b.CopyID() {
		t.Errorf("the merge is not in the change log: %+v", log[:min(1, len(log))])
	}
	if got := must[[]Change](t)(a.Changes(ChangeFilter{Entity: "organisation"})); got[0].Author != "lead b" {
		t.Errorf("their change log did not come along: %+v", got[0])
	}

	// The same copy again: nothing to do.
	again := must[MergeReport](t)(a.Merge(b.Path(), MergeOptions{}))
	if add, upd, del := again.Changes(); add+upd+del+len(again.Conflicts) != 0 {
		t.Errorf("merging twice changed more: %+v", again)
	}
}

func TestMergeConflicts(t *testing.T) {
	cs := copies(t, 2)
	a, b := cs[0], cs[1]
	edit := func(f *File, code, purpose string) {
		c := must[Consortium](t)(f.ConsortiumByCode(code))
		c.Purpose = purpose
		must[Consortium](t)(f.UpdateConsortium(c))
	}
	edit(a, "WSE", "Ours")
	edit(b, "WSE", "Theirs, later") // b's clock is a millisecond ahead: its change is newer
	// Edited here, deleted there.
	m := must[[]Meeting](t)(a.Meetings())[0]
	m.Place = "Moved to the chief's camp"
	must[Meeting](t)(a.UpdateMeeting(m))
	if err := b.DeleteMeeting(m.ID); err != nil {
		t.Fatal(err)
	}
	report := must[MergeReport](t)(a.Merge(b.Path(), MergeOptions{DryRun: true}))
	reasons := map[string]MergeConflict{}
	for _, c := range report.Conflicts {
		reasons[c.Reason] = c
	}
	both, ok := reasons["changed in both copies"]
	if !ok || both.Ours["purpose"] != "Ours" || both.Theirs["purpose"] != "Theirs, later" || both.Chosen != "theirs" {
		t.Errorf("both-sides conflict %+v", both)
	}
	del, ok := reasons["changed in this copy, deleted in theirs"]
	if !ok || del.Theirs != nil || del.ID != m.ID {
		t.Errorf("edit-delete conflict %+v", del)
	}
	// The user keeps ours for the consortium and for the meeting.
	report = must[MergeReport](t)(a.Merge(b.Path(), MergeOptions{Choose: map[string]Side{both.Key: Ours, del.Key: Ours}}))
	if got := must[Consortium](t)(a.ConsortiumByCode("WSE")); got.Purpose != "Ours" {
		t.Errorf("the choice was not kept: %q", got.Purpose)
	}
	if _, err := a.Meeting(m.ID); err != nil {
		t.Errorf("the meeting kept here was deleted: %v", err)
	}
}

func TestMergeThreeCopiesConverge(t *testing.T) {
	cs := copies(t, 3)
	a, b, c := cs[0], cs[1], cs[2]
	must[Organisation](t)(b.CreateOrganisation(Organisation{Name: "Kibera Youth Group", Kind: "cbo", Base: "local"}))
	must[Organisation](t)(c.CreateOrganisation(Organisation{Name: "Mathare Savings Circle", Kind: "cbo", Base: "local"}))
	y := orgByName(t, b, "Maji Safi Trust")
	y.Commitment = "committed"
	must[Organisation](t)(b.UpdateOrganisation(y))
	y2 := orgByName(t, c, "Maji Safi Trust")
	y2.Interests = "Sanitation"
	must[Organisation](t)(c.UpdateOrganisation(y2))
	gaps := must[[]ResourceGap](t)(c.ResourceGaps(GapFilter{}))
	if err := c.DeleteResourceGap(gaps[3].ID); err != nil {
		t.Fatal(err)
	}

	must[MergeReport](t)(a.Merge(b.Path(), MergeOptions{}))
	must[MergeReport](t)(a.Merge(c.Path(), MergeOptions{}))
	must[MergeReport](t)(b.Merge(a.Path(), MergeOptions{}))
	must[MergeReport](t)(c.Merge(a.Path(), MergeOptions{}))
	sameRecords(t, fingerprint(t, a), fingerprint(t, b))
	sameRecords(t, fingerprint(t, a), fingerprint(t, c))
	// Both changes to the one partner were made on different fields of the
	// same record: both are kept everywhere.
	if got := orgByName(t, a, "Maji Safi Trust"); got.Interests != "Sanitation" || got.Commitment != "committed" {
		t.Errorf("Maji Safi Trust in a: %+v", got)
	}
	for _, f := range cs {
		if err := f.checkHealth(); err != nil {
			t.Error(err)
		}
		if f == a {
			continue
		}
		r := must[MergeReport](t)(f.Merge(a.Path(), MergeOptions{DryRun: true}))
		if add, upd, del := r.Changes(); add+upd+del != 0 {
			t.Errorf("after converging, merging again still changes %+v", r.Counts)
		}
	}
}

func TestMergeSamePartnerEnteredTwice(t *testing.T) {
	cs := copies(t, 2)
	a, b := cs[0], cs[1]
	ours := must[Organisation](t)(a.CreateOrganisation(Organisation{Name: "Kibera Youth Group", Acronym: "KYG", Kind: "cbo", Base: "local"}))
	theirs := must[Organisation](t)(b.CreateOrganisation(Organisation{Name: "KIBERA YOUTH GROUP", Kind: "cbo", Base: "local"}))
	p := must[Person](t)(b.CreatePerson(Person{Name: "Brian Otieno", OrganisationID: theirs.ID}))
	report := must[MergeReport](t)(a.Merge(b.Path(), MergeOptions{}))
	var dup *MergeConflict
	for i, c := range report.Conflicts {
		if c.Reason == "entered in both copies, kept as one record" {
			dup = &report.Conflicts[i]
		}
	}
	if dup == nil {
		t.Fatalf("the partner typed twice is not reported: %+v", report.Conflicts)
	}
	var kept []Organisation
	for _, o := range must[[]Organisation](t)(a.Organisations()) {
		if strings.EqualFold(o.Name, "Kibera Youth Group") {
			kept = append(kept, o)
		}
	}
	if len(kept) != 1 {
		t.Fatalf("%d organisations named Kibera Youth Group", len(kept))
	}
	// Both copies keep the smaller id, so that they end up with one record.
	want := min(ours.ID, theirs.ID)
	if kept[0].ID != want {
		t.Errorf("kept %s, want the smaller id %s", kept[0].ID, want)
	}
	if got := must[Person](t)(a.Person(p.ID)); got.OrganisationID != want {
		t.Errorf("their person points at %s, not at the record kept, %s", got.OrganisationID, want)
	}
}

func TestMergeRefuses(t *testing.T) {
	cs := copies(t, 2)
	a, b := cs[0], cs[1]
	before := fingerprint(t, a)
	t.Run("AnotherInitiative", func(t *testing.T) {
		other := filepath.Join(t.TempDir(), "other.cpw")
		f := must[*File](t)(Create(other, NewOptions{Name: "Kibera"}))
		f.Close()
		_, err := a.Merge(other, MergeOptions{})
		wantCode(t, err, ErrInvalid)
		if !strings.Contains(err.Error(), "another initiative") {
			t.Errorf("%v", err)
		}
	})
	t.Run("Itself", func(t *testing.T) {
		_, err := a.Merge(a.Path(), MergeOptions{})
		wantCode(t, err, ErrInvalid)
	})
	t.Run("ForeignTrigger", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "tampered.cpw")
		if err := b.SaveCopy(path); err != nil {
			t.Fatal(err)
		}
		db := rawDB(t, path)
		exec(t, db, "CREATE TRIGGER wipe AFTER INSERT ON people BEGIN DELETE FROM organisations; END")
		db.Close()
		bytesBefore := mustRead(t, path)
		_, err := a.Merge(path, MergeOptions{})
		wantCode(t, err, ErrUntrusted)
		if string(mustRead(t, path)) != string(bytesBefore) {
			t.Error("the refused file was changed")
		}
	})
	t.Run("NotAWorkspace", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "notes.cpw")
		os.WriteFile(path, []byte(strings.Repeat("not a workspace ", 20)), 0o644)
		_, err := a.Merge(path, MergeOptions{})
		wantCode(t, err, ErrNotAWorkspace)
	})
	sameRecords(t, before, fingerprint(t, a))
}

func TestMergeAnOlderCopy(t *testing.T) {
	cs := copies(t, 1)
	a := cs[0]
	dir := t.TempDir()
	old := oldWorkspace(t, dir) // another initiative, of schema 1
	_, err := a.Merge(old, MergeOptions{})
	wantCode(t, err, ErrInvalid)
	if v := mustRead(t, old); len(v) == 0 || must[header](t)(readHeader(old)).userVersion != 1 {
		t.Error("the older copy was upgraded in place")
	}
}

// checkHealth runs SQLite's integrity and foreign key checks.
func (f *File) checkHealth() error {
	var result string
	if err := f.db.QueryRow("PRAGMA integrity_check").Scan(&result); err != nil || result != "ok" {
		return fmt.Errorf("integrity check: %v %s", err, result)
	}
	table, parent, err := danglingReference(f.db)
	if err != nil {
		return err
	}
	if table != "" {
		return fmt.Errorf("foreign key check: a row of %s points at a missing %s", table, parent)
	}
	return nil
}

// TestMergeKilled kills a merging process just before it commits and finds
// the workspace as it was.
func TestMergeKilled(t *testing.T) {
	if os.Getenv("CPW_MERGE_CHILD") != "" {
		f, err := Open(os.Getenv("CPW_MERGE_OURS"))
		if err != nil {
			t.Fatal(err)
		}
		f.Merge(os.Getenv("CPW_MERGE_THEIRS"), MergeOptions{beforeCommit: func() {
			os.WriteFile(os.Getenv("CPW_MERGE_READY"), []byte("ready"), 0o644)
			time.Sleep(time.Minute)
		}})
		return
	}
	cs := copies(t, 2)
	a, b := cs[0], cs[1]
	for i := 0; i < 30; i++ {
		must[Organisation](t)(b.CreateOrganisation(Organisation{Name: fmt.Sprintf("New partner %d", i), Kind: "cbo", Base: "local"}))
	}
	before := fingerprint(t, a)
	aPath := a.Path()
	a.Close()
	ready := filepath.Join(t.TempDir(), "ready")
	cmd := osexec.Command(os.Args[0], "-test.run=^TestMergeKilled$")
	cmd.Env = append(os.Environ(), "CPW_MERGE_CHILD=1", "CPW_MERGE_OURS="+aPath, "CPW_MERGE_THEIRS="+b.Path(), "CPW_MERGE_READY="+ready)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 600 && !FileExists(ready); i++ {
		time.Sleep(50 * time.Millisecond)
	}
	if !FileExists(ready) {
		cmd.Process.Kill()
		t.Fatal("the merging process never got to its commit")
	}
	if err := cmd.Process.Kill(); err != nil { // SIGKILL on Unix
		t.Fatal(err)
	}
	cmd.Wait()
	f, err := Open(aPath)
	if err != nil {
		t.Fatalf("the workspace does not open after the killed merge: %v", err)
	}
	defer f.Close()
	sameRecords(t, before, fingerprint(t, f))
	if err := f.checkHealth(); err != nil {
		t.Error(err)
	}
}

// A partner renamed in one copy to the name a new partner was given in the
// other: both are kept, the one with the larger id renamed "Name (2)" in both
// copies alike, and the conflict is listed for the user to resolve.
func TestMergeRenameCollision(t *testing.T) {
	cs := copies(t, 2)
	a, b := cs[0], cs[1]
	added := must[Organisation](t)(a.CreateOrganisation(Organisation{Name: "Mukuru Water Watch", Kind: "cbo", Base: "local"}))
	o := orgByName(t, b, "Maji Safi Trust")
	o.Name = "Mukuru Water Watch"
	must[Organisation](t)(b.UpdateOrganisation(o))
	r := must[MergeReport](t)(a.Merge(b.Path(), MergeOptions{}))
	keeper, other := added.ID, o.ID
	if other < keeper {
		keeper, other = other, keeper
	}
	if got := must[Organisation](t)(a.Organisation(keeper)).Name; got != "Mukuru Water Watch" {
		t.Errorf("the record with the smaller id is named %q", got)
	}
	if got := must[Organisation](t)(a.Organisation(other)).Name; got != "Mukuru Water Watch (2)" {
		t.Errorf("the other is named %q", got)
	}
	var listed bool
	for _, c := range r.Conflicts {
		if c.ID == other && strings.Contains(c.Reason, "renamed “Mukuru Water Watch (2)”") && c.Settled() {
			listed = true
		}
	}
	if !listed {
		t.Errorf("the rename is not listed as a conflict: %+v", r.Conflicts)
	}
	if err := a.checkHealth(); err != nil {
		t.Error(err)
	}
	// Merged back, b comes out the same; merged again, nothing changes.
	must[MergeReport](t)(b.Merge(a.Path(), MergeOptions{}))
	sameRecords(t, fingerprint(t, a), fingerprint(t, b))
	again := must[MergeReport](t)(a.Merge(b.Path(), MergeOptions{}))
	if n1, n2, n3 := again.Changes(); n1+n2+n3 != 0 {
		t.Errorf("merging again changed %d, %d, %d", n1, n2, n3)
	}
}
