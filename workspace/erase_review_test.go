package workspace

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func anotherOrg(t *testing.T, f *File, not string) string {
	var id string
	if err := f.db.QueryRow("SELECT id FROM organisations WHERE id IS NOT ? ORDER BY id LIMIT 1", not).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

// A copy changes the organisation / residence of a person erased in another.
func TestAnotherCopyChangesAnErasedPersonsOrganisation(t *testing.T) {
	for _, what := range []string{"org", "resident"} {
		t.Run(what, func(t *testing.T) {
			fs := copies(t, 2)
			a, b := fs[0], fs[1]
			p := addPerson(t, a, "Qwerta Kerubo", "0711 222 333", "")
			mustMerge(t, b, a.Path())
			if err := a.ErasePerson(p.ID); err != nil {
				t.Fatal(err)
			}
			later := b.Now
			b.Now = func() time.Time { return later().Add(time.Hour) }
			pb := must[Person](t)(b.Person(p.ID))
			if what == "org" {
				pb.OrganisationID = anotherOrg(t, b, pb.OrganisationID)
			} else {
				pb.Resident = "yes"
				if p.Resident == "yes" {
					pb.Resident = "no"
				}
			}
			must[Person](t)(b.UpdatePerson(pb))
			if _, err := a.Merge(b.Path(), MergeOptions{}); err != nil {
				t.Errorf("a ← b: %v", err)
			}
			if _, err := b.Merge(a.Path(), MergeOptions{}); err != nil {
				t.Errorf("b ← a: %v", err)
			}
			if _, err := a.Merge(b.Path(), MergeOptions{}); err != nil {
				t.Errorf("a ← b again: %v", err)
			}
			wantErasedOrGone(t, b, p.ID, "Qwerta", "0711")
		})
	}
}

// Both copies erase the same person, apart.
func TestTwoCopiesEraseOnePersonApart(t *testing.T) {
	fs := copies(t, 3)
	a, b, c := fs[0], fs[1], fs[2]
	p := addPerson(t, a, "Qwerta Kerubo", "0711 222 333", "")
	mustMerge(t, b, a.Path())
	mustMerge(t, c, a.Path())
	if err := a.ErasePerson(p.ID); err != nil {
		t.Fatal(err)
	}
	later := b.Now
	b.Now = func() time.Time { return later().Add(time.Hour) }
	if err := b.ErasePerson(p.ID); err != nil {
		t.Fatal(err)
	}
	for i, m := range [][2]*File{{a, b}, {b, a}, {c, b}, {c, a}, {a, c}, {b, c}, {a, b}, {b, a}} {
		r, err := m[0].Merge(m[1].Path(), MergeOptions{})
		if err != nil {
			t.Fatalf("%d: %v", i, err)
		}
		if len(r.Conflicts) > 0 {
			t.Errorf("%d: %s", i, r.Summary())
		}
	}
}

func TestPreviewOfAnErasureOfAPersonDeletedHere(t *testing.T) {
	fs := copies(t, 2)
	a, b := fs[0], fs[1]
	p := addPerson(t, a, "Qwerta Kerubo", "0711 222 333", "")
	mustMerge(t, b, a.Path())
	if err := b.DeletePerson(p.ID); err != nil {
		t.Fatal(err)
	}
	if err := a.ErasePerson(p.ID); err != nil {
		t.Fatal(err)
	}
	r, err := b.Merge(a.Path(), MergeOptions{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	// Deleted here, erased (a change) there: a conflict, which shows
	// nothing of them, and either side leaves nothing.
	if r.Erased != 1 || r.Nothing() {
		t.Errorf("the preview: %s", r.Summary())
	}
	for _, c := range r.Conflicts {
		if strings.Contains(fmt.Sprint(c), "Qwerta") || strings.Contains(fmt.Sprint(c), "0711") {
			t.Errorf("a conflict shows the erased person: %+v", c)
		}
	}
}

func TestPreviewOfAnErasureOfAPersonDeletedInBoth(t *testing.T) {
	fs := copies(t, 2)
	a, b := fs[0], fs[1]
	p := addPerson(t, a, "Qwerta Kerubo", "0711 222 333", "")
	mustMerge(t, b, a.Path())
	if err := b.DeletePerson(p.ID); err != nil {
		t.Fatal(err)
	}
	if err := a.ErasePerson(p.ID); err != nil {
		t.Fatal(err)
	}
	if err := a.DeletePerson(p.ID); err != nil {
		t.Fatal(err)
	}
	r, err := b.Merge(a.Path(), MergeOptions{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if r.Erased != 1 || r.Nothing() || len(r.Conflicts) > 0 {
		t.Errorf("the preview: %s", r.Summary())
	}
	mustMerge(t, b, a.Path())
	wantErasedOrGone(t, b, p.ID, "Qwerta", "0711 222 333")
}

func TestRetentionKeepsAPersonWithARoleToCome(t *testing.T) {
	x := newFixture(t)
	_, cells := x.cells("Segment 3", 2)
	fut := x.person("Amina Otieno", "", true)
	x.end(x.assign(RoleRepresentativeCell, Assignment{PersonID: fut.ID, UnitID: cells[0].ID, StartOn: "2020-01-01"}), "2021-03-01")
	x.assign(RoleCommunityMobilizer, Assignment{PersonID: fut.ID, UnitID: cells[1].ID, StartOn: "2026-09-01"})
	if err := x.f.SetPrivacy(Privacy{RetentionMonths: 24}); err != nil {
		t.Fatal(err)
	}
	got := must[[]KeptTooLong](t)(x.f.KeptTooLong(checkDay))
	if len(got) != 0 {
		t.Errorf("kept too long: %+v", got)
	}
}

// The record replaced (larger id) is erased in a copy that never met the
// kept one: the kept one is erased wherever the two meet, also after its
// survey submission changed.
func TestErasureOfTheReplacedRecord(t *testing.T) { erasureOfTheReplacedRecord(t, false) }

func TestErasureOfTheReplacedRecordAfterItsSubmissionChanged(t *testing.T) {
	erasureOfTheReplacedRecord(t, true)
}

func erasureOfTheReplacedRecord(t *testing.T, newSubmission bool) {
	fs := copies(t, 3)
	a, b, c := fs[0], fs[1], fs[2]
	pa := addPerson(t, a, "Wanjiru Achieng", "0722 100 200", "S-77")
	pb := addPerson(t, b, "Wanjiru Bchieng", "0733 300 400", "S-77")
	small, large, sp, lp := a, b, pa, pb
	if pb.ID < pa.ID {
		small, large, sp, lp = b, a, pb, pa
	}
	mustMerge(t, c, large.Path())     // c holds the larger id
	mustMerge(t, small, large.Path()) // small keeps its id; the larger is replaced
	if newSubmission {                // the survey key no longer ties the two records
		x := must[Person](t)(small.Person(sp.ID))
		x.SurveyID = "S-77b"
		must[Person](t)(small.UpdatePerson(x))
	}
	later := c.Now
	c.Now = func() time.Time { return later().Add(time.Hour) }
	if err := c.ErasePerson(lp.ID); err != nil {
		t.Fatal(err)
	}
	r := mustMerge(t, small, c.Path())
	t.Logf("small ← c: %s", r.Summary())
	var n int
	small.db.QueryRow("SELECT count(*) FROM step_rows WHERE tbl = 'people' AND row_id = ? AND before LIKE '%chieng%'", sp.ID).Scan(&n)
	t.Logf("step_rows of sp holding the name: %d", n)
	var ne int
	small.db.QueryRow("SELECT count(*) FROM erasures WHERE person_id = ?", sp.ID).Scan(&ne)
	if n > 0 || ne != 1 {
		t.Errorf("the kept record: %d versions in the undo history, %d erasures noted", n, ne)
	}
	if u, err := small.Undo(); err != nil {
		t.Logf("undo: %v", err)
	} else {
		t.Logf("undid %s: %s", u.Step.Name(), personHolds(small, sp.ID))
		small.Redo()
	}
	mustMerge(t, c, small.Path())
	values := []string{"Achieng", "Bchieng", "0722 100 200", "0733 300 400", "secret note"}
	for _, f := range []*File{small, c} {
		for _, id := range []string{sp.ID, lp.ID} {
			t.Logf("%s %s: %s", f.Path(), id, personHolds(f, id))
			wantErasedOrGone(t, f, id, values...)
		}
	}
}

func TestUndoAndRedoAroundAnErasure(t *testing.T) {
	a := copies(t, 1)[0]
	p := addPerson(t, a, "Qwerta Kerubo", "0711 222 333", "")
	p.Phone = "0755 444 333"
	p = must[Person](t)(a.UpdatePerson(p))
	if _, err := a.Undo(); err != nil { // the phone back to 0711
		t.Fatal(err)
	}
	if err := a.ErasePerson(p.ID); err != nil {
		t.Fatal(err)
	}
	s, ok, _ := a.NextRedo()
	t.Logf("next redo: %v %s", ok, s.Name())
	if ok {
		u, err := a.Redo()
		t.Logf("redo: %+v %v", u.Counts(), err)
	}
	for i := 0; i < 4; i++ {
		s, ok, _ := a.NextUndo()
		if !ok {
			break
		}
		u, err := a.Undo()
		t.Logf("undo %s: %s %v", s.Name(), u.Counts(), err)
	}
	wantErasedOrGone(t, a, p.ID, "Qwerta", "0711 222 333", "0755 444 333")
	steps, _ := a.Steps(0)
	for _, s := range steps {
		if strings.Contains(s.Title, "Qwerta") {
			t.Errorf("step %s", s.Title)
		}
	}
	var n int
	a.db.QueryRow("SELECT count(*) FROM step_rows WHERE before LIKE '%Qwerta%' OR before LIKE '%0711%' OR before LIKE '%0755%'").Scan(&n)
	if n > 0 {
		t.Errorf("step_rows hold %d", n)
	}
}

func TestADeletionOfAnErasedPersonMerges(t *testing.T) {
	fs := copies(t, 2)
	a, b := fs[0], fs[1]
	p := addPerson(t, a, "Qwerta Kerubo", "0711 222 333", "")
	if err := a.ErasePerson(p.ID); err != nil {
		t.Fatal(err)
	}
	mustMerge(t, b, a.Path())
	if err := b.DeletePerson(p.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Merge(b.Path(), MergeOptions{}); err != nil {
		t.Errorf("a ← b (b deleted the erased person): %v", err)
	}
	if _, err := a.Person(p.ID); err == nil {
		t.Error("the deletion did not reach the erasing copy")
	}
}
