package workspace

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// holderOf picks a person of f who holds a role, and gives them a phone,
// an e-mail address and a new name, so that the change log shows all three.
func holderOf(t *testing.T, f *File) Person {
	t.Helper()
	var id string
	if err := f.db.QueryRow("SELECT person_id FROM assignments WHERE person_id IS NOT NULL ORDER BY id LIMIT 1").Scan(&id); err != nil {
		t.Fatal(err)
	}
	p := must[Person](t)(f.Person(id))
	p.Name, p.Phone, p.Email = "Xolani Otieno Wambui", "0733 555 010", "xolani@example.org"
	return must[Person](t)(f.UpdatePerson(p))
}

// tracesOf lists where in a workspace file a person's name, phone or
// e-mail is still found: read with SQL, and as the file's bytes.
func tracesOf(t *testing.T, path string, values ...string) []string {
	t.Helper()
	text := strings.Join(textValues(t, path), "\n")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, v := range values {
		if strings.Contains(text, v) {
			out = append(out, v+" (SQL)")
		}
		if strings.Contains(string(raw), v) {
			out = append(out, v+" (bytes)")
		}
	}
	return out
}

// Erasing a person empties their personal fields, keeps the roles they
// held, leaves nothing of them in the change log, the undo history or the
// file's bytes, and cannot be undone or edited afterwards.
func TestEraseLeavesNothingOfThePerson(t *testing.T) {
	a := copies(t, 1)[0]
	p := holderOf(t, a)
	old := p.Name
	p.Name = "Xolani Wambui"
	p = must[Person](t)(a.UpdatePerson(p)) // a rename: both names are in the log
	var roles int
	a.db.QueryRow("SELECT count(*) FROM assignments WHERE person_id = ?", p.ID).Scan(&roles)
	if err := a.ErasePerson(p.ID); err != nil {
		t.Fatal(err)
	}
	e := must[Person](t)(a.Person(p.ID))
	if e.Name != ErasedName || e.Phone != "" || e.Email != "" || e.Gender != "" || e.HomeUnitID != "" || e.ErasedOn == "" {
		t.Fatalf("after the erasure: %+v", e)
	}
	var still int
	a.db.QueryRow("SELECT count(*) FROM assignments WHERE person_id = ?", p.ID).Scan(&still)
	if still != roles || roles == 0 {
		t.Errorf("%d roles before, %d after", roles, still)
	}
	var undo int
	a.db.QueryRow("SELECT count(*) FROM step_rows WHERE tbl = 'people' AND row_id = ?", p.ID).Scan(&undo)
	if undo != 0 {
		t.Errorf("the undo history keeps %d versions of the person", undo)
	}
	// Undoing now undoes the rename's step no more: it kept the person.
	if _, err := a.Undo(); err != nil && !strings.Contains(err.Error(), "nothing") {
		t.Log(err)
	}
	if e := must[Person](t)(a.Person(p.ID)); e.Name != ErasedName || e.Phone != "" {
		t.Fatalf("an undo brought the person back: %+v", e)
	}
	e.Phone = "0700 000 111"
	_, err := a.UpdatePerson(e)
	wantCode(t, err, ErrInvalid)
	e.ErasedOn = "" // as a program that ignores erasures would write it
	_, err = a.UpdatePerson(e)
	wantCode(t, err, ErrInvalid)
	if _, err := a.db.Exec("UPDATE people SET phone = '0700 000 111' WHERE id = ?", p.ID); err == nil || !strings.Contains(err.Error(), "erased") {
		t.Errorf("a plain UPDATE of the erased person: %v", err)
	}
	wantCode(t, a.ErasePerson(p.ID), ErrInvalid)
	path := a.Path()
	a.Close()
	if got := tracesOf(t, path, old, "Xolani", "0733 555 010", "xolani@example.org"); len(got) > 0 {
		t.Errorf("the file still holds %v", got)
	}
}

// An erasure wins over edits made in another copy before or after it, in
// both directions of a merge and through a third copy; the other copy's
// change log comes in without the person's names.
func TestErasureWinsInEveryMerge(t *testing.T) {
	fs := copies(t, 3)
	a, b, c := fs[0], fs[1], fs[2]
	p := holderOf(t, a)
	mustMerge(t, b, a.Path())
	mustMerge(t, c, a.Path())
	// b renames the person and changes the phone; c changes the e-mail
	// after the erasure.
	pb := must[Person](t)(b.Person(p.ID))
	pb.Name, pb.Phone = "Xolani O. Wambui", "0744 222 333"
	must[Person](t)(b.UpdatePerson(pb))
	if err := a.ErasePerson(p.ID); err != nil {
		t.Fatal(err)
	}
	pc := must[Person](t)(c.Person(p.ID))
	pc.Email = "wambui@example.org"
	must[Person](t)(c.UpdatePerson(pc))
	values := []string{"Xolani", "0733 555 010", "0744 222 333", "xolani@example.org", "wambui@example.org"}

	mustMerge(t, a, b.Path()) // the edits come to the erasing copy
	mustMerge(t, b, a.Path()) // the erasure goes to the editing copy
	mustMerge(t, c, b.Path()) // and on, through b, to a third
	mustMerge(t, a, c.Path()) // whose later edit never comes back
	mustMerge(t, b, c.Path())
	for _, f := range fs {
		e := must[Person](t)(f.Person(p.ID))
		if e.Name != ErasedName || e.Phone != "" || e.Email != "" || e.ErasedOn == "" {
			t.Errorf("%s: %+v", filepath.Base(f.Path()), e)
		}
	}
	for _, f := range fs {
		path := f.Path()
		f.Close()
		if got := tracesOf(t, path, values...); len(got) > 0 {
			t.Errorf("%s still holds %v", filepath.Base(path), got)
		}
	}
}

func mustMerge(t *testing.T, f *File, other string) MergeReport {
	t.Helper()
	r, err := f.Merge(other, MergeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// The trigger people_stay_erased and erasedValues name the same personal
// fields: whatever field erasing empties, no statement fills it again.
func TestEveryErasedFieldStaysErased(t *testing.T) {
	a := copies(t, 1)[0]
	p := holderOf(t, a)
	if err := a.ErasePerson(p.ID); err != nil {
		t.Fatal(err)
	}
	var unit string
	if err := a.db.QueryRow("SELECT id FROM units LIMIT 1").Scan(&unit); err != nil {
		t.Fatal(err)
	}
	for _, e := range erasedValues {
		value := any("something")
		switch e.col {
		case "home_unit_id":
			value = unit
		case "household_size", "household_women", "household_men", "household_children", "household_youth":
			value = 3
		case "gender":
			value = "female"
		}
		if _, err := a.db.Exec("UPDATE people SET "+e.col+" = ? WHERE id = ?", value, p.ID); err == nil || !strings.Contains(err.Error(), "erased") {
			t.Errorf("%s of an erased person could be set again: %v", e.col, err)
		}
	}
	if _, err := a.db.Exec("UPDATE people SET erased_on = '' WHERE id = ?", p.ID); err == nil {
		t.Error("an erased person could be marked not erased")
	}
}
