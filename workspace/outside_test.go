package workspace

import (
	"errors"
	"os"
	"testing"
	"time"
)

// secondHandle opens f's file again, as another window or program would.
func secondHandle(t *testing.T, f *File) *File {
	t.Helper()
	g, err := Open(f.Path())
	if err != nil {
		t.Fatal(err)
	}
	clock := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	g.Now = func() time.Time { clock = clock.Add(time.Second); return clock }
	g.Author = "someone else"
	t.Cleanup(func() { g.Close() })
	return g
}

// A record read before another program changed it is not saved over the
// newer change: a plain save is refused and writes nothing; a form's save
// (UpdateFrom) keeps the other's changes to the fields it left, names the
// field both changed with both values, and saves the user's choice.
func TestSaveOverNewerChangeIsRefused(t *testing.T) {
	f := newFile(t)
	org := must[Organisation](t)(f.CreateOrganisation(Organisation{Name: "Muungano Support Trust", Kind: "ngo"}))
	home := must[Unit](t)(f.CreateUnit(Unit{Name: "Kwa Njenga", Level: "area"}))
	p := must[Person](t)(f.CreatePerson(Person{Name: "Achieng Otieno", Phone: "0712 345678", OrganisationID: org.ID}))

	// Another program writes the person's phone and home unit.
	g := secondHandle(t, f)
	theirs := must[Person](t)(g.Person(p.ID))
	theirs.Phone, theirs.HomeUnitID = "0722 000111", home.ID
	must[Person](t)(g.UpdatePerson(theirs))

	// The copy read before that, saved with a new position and phone.
	mine := p
	mine.Position, mine.Phone = "Secretary", "0733 999888"
	_, err := f.UpdatePerson(mine)
	wantCode(t, err, ErrConflict)
	if now := must[Person](t)(f.Person(p.ID)); now.Phone != "0722 000111" || now.Position != "" {
		t.Fatalf("the refused save wrote: %+v", now)
	}

	// Saved as a form saves: only the phone is a conflict.
	_, err = UpdateFrom(f, p, mine)
	var ce *ConflictError
	if !errors.As(err, &ce) || len(ce.Fields) != 1 || ce.Fields[0].Field != "Phone" || ce.Fields[0].Label != "Phone" ||
		ce.Fields[0].Yours != "0733 999888" || ce.Fields[0].Saved != "0722 000111" {
		t.Fatalf("want a conflict over the phone alone, got %v %+v", err, ce)
	}
	if err := ce.SaveChoosing(map[string]bool{"Phone": false}); err != nil {
		t.Fatal(err)
	}
	now := must[Person](t)(f.Person(p.ID))
	if now.Phone != "0733 999888" || now.Position != "Secretary" || now.HomeUnitID != home.ID {
		t.Fatalf("after choosing: %+v", now)
	}

	// A unit is named by its path, a choice by its label.
	before := now
	theirs = must[Person](t)(g.Person(p.ID))
	theirs.HomeUnitID, theirs.Gender = "", "male"
	must[Person](t)(g.UpdatePerson(theirs))
	edited := before
	edited.HomeUnitID, edited.Gender = "", "female"
	_, err = UpdateFrom(f, before, edited)
	if !errors.As(err, &ce) || len(ce.Fields) != 1 || ce.Fields[0].Label != "Gender" || ce.Fields[0].Yours != "Female" || ce.Fields[0].Saved != "Male" {
		t.Fatalf("the gender conflict: %v %+v", err, ce)
	}
}

// A record saved with the same values another program saved meanwhile, or
// built without reading it, is no conflict.
func TestSaveWithoutConflict(t *testing.T) {
	f := newFile(t)
	c := must[Consortium](t)(f.CreateConsortium(Consortium{Code: "WSE", Name: "Water, sanitation and energy"}))
	g := secondHandle(t, f)
	theirs := must[Consortium](t)(g.Consortium(c.ID))
	theirs.Purpose = "Plan water"
	must[Consortium](t)(g.UpdateConsortium(theirs))
	mine := c
	mine.Purpose = "Plan water"
	if _, err := f.UpdateConsortium(mine); err != nil {
		t.Fatalf("the same value saved twice: %v", err)
	}
	fresh := Consortium{ID: c.ID, Code: "WSE", Name: "Water, sanitation and energy", Purpose: "Unread"}
	if _, err := f.UpdateConsortium(fresh); err != nil {
		t.Fatalf("a record not read from the file: %v", err)
	}
}

// A list of links both sides changed is named by the linked records.
func TestConflictOverLinks(t *testing.T) {
	f := newFile(t)
	a := must[Person](t)(f.CreatePerson(Person{Name: "Wanjiru Kamau"}))
	b := must[Person](t)(f.CreatePerson(Person{Name: "Otieno Odhiambo"}))
	m := must[Meeting](t)(f.CreateMeeting(Meeting{Kind: "consortium", HeldOn: "2026-01-05", AttendeeIDs: []string{a.ID}}))
	g := secondHandle(t, f)
	theirs := must[Meeting](t)(g.Meeting(m.ID))
	theirs.AttendeeIDs = []string{a.ID, b.ID}
	must[Meeting](t)(g.UpdateMeeting(theirs))
	mine := m
	mine.AttendeeIDs = []string{}
	_, err := UpdateFrom(f, m, mine)
	var ce *ConflictError
	if !errors.As(err, &ce) || len(ce.Fields) != 1 || ce.Fields[0].Label != "Attendees" || ce.Fields[0].Saved != "Otieno Odhiambo, Wanjiru Kamau" {
		t.Fatalf("want the attendees named in a conflict, got %v %+v", err, ce)
	}
}

// The change log tells a window what others wrote, and not what it wrote.
func TestOutsideChanges(t *testing.T) {
	f := newFile(t)
	mark, err := f.LastChange()
	if err != nil {
		t.Fatal(err)
	}
	must[Sector](t)(f.CreateSector(Sector{Name: "Mine"}))
	g := secondHandle(t, f)
	must[Sector](t)(g.CreateSector(Sector{Name: "Theirs"}))
	must[Sector](t)(f.CreateSector(Sector{Name: "Mine again"}))
	out, next, err := f.OutsideChanges(mark)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 1 || out[0].Author != "someone else" || out[0].Action != "create" {
		t.Fatalf("outside changes: %+v", out)
	}
	if out, _, _ := f.OutsideChanges(next); len(out) != 0 {
		t.Fatalf("after the newest mark: %+v", out)
	}
}

// A second window on a file is told that a window holds it; closing the
// first frees it.
func TestWindowClaim(t *testing.T) {
	f := newFile(t)
	first, elsewhere := ClaimForWindow(f.Path())
	if first == nil || elsewhere {
		t.Fatalf("the first window: claim %v, open elsewhere %v", first, elsewhere)
	}
	if !OpenInWindow(f.Path()) {
		t.Fatal("a file a window holds is not reported open")
	}
	second, elsewhere := ClaimForWindow(f.Path())
	if second != nil || !elsewhere {
		t.Fatal("a second window was not told the file is open")
	}
	first.Release()
	if OpenInWindow(f.Path()) {
		t.Fatal("a released file is still reported open")
	}
	if _, err := os.Stat(f.Path() + claimSuffix); !os.IsNotExist(err) {
		t.Fatalf("the claim left a file beside the workspace: %v", err)
	}
}

// A form's save keeps what someone else changed meanwhile in the fields the
// form left alone; only a field both changed is a conflict.
func TestUpdateFromMergesFieldByField(t *testing.T) {
	f := newFile(t)
	sectors := must[[]Sector](t)(f.Sectors())
	base := must[Organisation](t)(f.CreateOrganisation(Organisation{Name: "Pamoja Trust", Kind: "ngo", SectorIDs: []string{sectors[0].ID}}))
	g := secondHandle(t, f)
	theirs := must[Organisation](t)(g.Organisation(base.ID))
	theirs.Acronym, theirs.Notes, theirs.SectorIDs = "PT", "theirs", []string{sectors[1].ID}
	must[Organisation](t)(g.UpdateOrganisation(theirs))

	mine := base
	mine.Interests, mine.Notes = "Land tenure", "mine"
	_, err := UpdateFrom(f, base, mine)
	var ce *ConflictError
	if !errors.As(err, &ce) || len(ce.Fields) != 1 || ce.Fields[0].Field != "Notes" || ce.Fields[0].Yours != "mine" || ce.Fields[0].Saved != "theirs" {
		t.Fatalf("want a conflict over the notes alone, got %v %+v", err, ce)
	}
	if err := ce.SaveChoosing(map[string]bool{"Notes": false}); err != nil {
		t.Fatal(err)
	}
	got := must[Organisation](t)(f.Organisation(base.ID))
	if got.Acronym != "PT" || got.Notes != "mine" || got.Interests != "Land tenure" || len(got.SectorIDs) != 1 || got.SectorIDs[0] != sectors[1].ID {
		t.Fatalf("after the merge of fields: %+v", got)
	}

	// No field changed on both sides: saved at once, each side's change kept.
	base = got
	theirs = must[Organisation](t)(g.Organisation(base.ID))
	theirs.Stance = "supportive"
	must[Organisation](t)(g.UpdateOrganisation(theirs))
	mine = base
	mine.Influence = "high"
	saved := must[Organisation](t)(UpdateFrom(f, base, mine))
	got = must[Organisation](t)(f.Organisation(base.ID))
	if got.Stance != "supportive" || got.Influence != "high" || saved.Influence != "high" {
		t.Fatalf("fields changed apart: %+v", got)
	}
}

// The thresholds a dialog saves keep what another program changed in the
// others; one both changed is refused, naming both values.
func TestThresholdsSavedFromWhatWasRead(t *testing.T) {
	f := newFile(t)
	read := must[Thresholds](t)(f.Thresholds())
	g := secondHandle(t, f)
	theirs := read
	theirs.KeyRoleLimit = 5
	if err := g.SetThresholds(theirs); err != nil {
		t.Fatal(err)
	}
	mine := read
	mine.VacancyDays = 45
	if err := f.SetThresholdsFrom(read, mine); err != nil {
		t.Fatal(err)
	}
	now := must[Thresholds](t)(f.Thresholds())
	if now.KeyRoleLimit != 5 || now.VacancyDays != 45 {
		t.Fatalf("thresholds after both: %+v", now)
	}
	mine.KeyRoleLimit = 4
	err := f.SetThresholdsFrom(read, mine)
	wantCode(t, err, ErrConflict)
	if got := must[Thresholds](t)(f.Thresholds()); got.KeyRoleLimit != 5 {
		t.Fatalf("the refused save wrote: %+v", got)
	}
}

// Asking whether a window holds a file creates nothing beside it.
func TestAskingLeavesNoClaimFile(t *testing.T) {
	f := newFile(t)
	if OpenInWindow(f.Path()) {
		t.Fatal("a file no window holds is reported open")
	}
	if _, err := os.Stat(f.Path() + claimSuffix); !os.IsNotExist(err) {
		t.Fatalf("asking left a file beside the workspace: %v", err)
	}
}

// A write stamps after another program's newer write, however far its
// own clock is behind: the newest stamp is read again when the change log
// shows someone else wrote last.
func TestStampsGrowAcrossProcesses(t *testing.T) {
	f := newFile(t) // its clock: 2026-01-01 09:00
	s := must[Sector](t)(f.CreateSector(Sector{Name: "Mine"}))
	g := secondHandle(t, f) // its clock: 2026-01-01 12:00
	theirs := must[Sector](t)(g.CreateSector(Sector{Name: "Theirs"}))
	s.Name = "Mine again"
	mine := must[Sector](t)(f.UpdateSector(s))
	if mine.UpdatedAt <= theirs.UpdatedAt {
		t.Fatalf("a stamp after %s is %s", theirs.UpdatedAt, mine.UpdatedAt)
	}
}
