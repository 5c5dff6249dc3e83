package workspace

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// The ways an erasure was found to leak, each kept as a test.

func addPerson(t *testing.T, f *File, name, phone, survey string) Person {
	t.Helper()
	return must[Person](t)(f.CreatePerson(Person{Name: name, Phone: phone, Email: strings.ToLower(strings.Fields(name)[0]) + "@example.org", SurveyID: survey, Notes: "secret note of " + name}))
}

// personHolds says what a person's record holds, or that it is gone.
func personHolds(f *File, id string) string {
	p, err := f.Person(id)
	if err != nil {
		return "gone"
	}
	return fmt.Sprintf("name=%q phone=%q email=%q notes=%q erased=%q", p.Name, p.Phone, p.Email, p.Notes, p.ErasedOn)
}

func logMentions(t *testing.T, f *File, s string) []string {
	t.Helper()
	rows, err := f.db.Query("SELECT entity || '/' || action || ': ' || summary FROM changes WHERE summary LIKE ?", "%"+s+"%")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var x string
		rows.Scan(&x)
		out = append(out, x)
	}
	return out
}

// wantErasedOrGone fails when f holds any of the values about the person.
func wantErasedOrGone(t *testing.T, f *File, id string, values ...string) {
	t.Helper()
	held := personHolds(f, id)
	for _, v := range values {
		if strings.Contains(held, v) {
			t.Errorf("%s holds %q: %s", f.Path(), v, held)
		}
		if l := logMentions(t, f, v); len(l) > 0 {
			t.Errorf("%s's change log holds %q: %v", f.Path(), v, l)
		}
	}
}

// Erased, then deleted: the erasure still travels. A copy that changed the
// person shows no conflict with their data, choosing its side brings back
// only the erased record, and the other copy cannot undo its way back.
func TestErasedThenDeletedStaysErased(t *testing.T) {
	fs := copies(t, 3)
	a, b, c := fs[0], fs[1], fs[2]
	p := addPerson(t, a, "Qwerta Kerubo", "0711 222 333", "")
	mustMerge(t, b, a.Path())
	mustMerge(t, c, a.Path())
	pb := must[Person](t)(b.Person(p.ID))
	pb.Phone = "0799 888 777"
	must[Person](t)(b.UpdatePerson(pb))
	if err := a.ErasePerson(p.ID); err != nil {
		t.Fatal(err)
	}
	if err := a.DeletePerson(p.ID); err != nil {
		t.Fatal(err)
	}
	r, err := a.Merge(b.Path(), MergeOptions{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	choose := map[string]Side{}
	for _, c := range r.Conflicts {
		if s := fmt.Sprint(c); strings.Contains(s, "Qwerta") || strings.Contains(s, "0799") {
			t.Errorf("a conflict shows erased data: %s", s)
		}
		choose[c.Key] = Theirs
	}
	mustMergeWith(t, a, b.Path(), MergeOptions{Choose: choose})
	mustMerge(t, b, a.Path())
	// c never changed the person: it takes the deletion and the erasure,
	// and undoing that merge brings nothing back.
	mustMerge(t, c, a.Path())
	if _, err := c.Undo(); err != nil {
		t.Fatal(err)
	}
	mustMerge(t, a, c.Path())
	for _, f := range fs {
		wantErasedOrGone(t, f, p.ID, "Qwerta", "0711 222 333", "0799 888 777", "secret note")
	}
}

// A copy that had deleted the person learns of the erasure: its change log
// and its undo history forget them, and its file's bytes hold nothing.
func TestDeletedHereErasedThere(t *testing.T) {
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
	r := mustMerge(t, b, a.Path())
	if r.Erased != 1 {
		t.Errorf("the merge learnt %d erasures", r.Erased)
	}
	wantErasedOrGone(t, b, p.ID, "Qwerta", "0711 222 333")
	if _, err := b.Undo(); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Undo(); err != nil { // the deletion: nothing of them to put back
		t.Fatal(err)
	}
	wantErasedOrGone(t, b, p.ID, "Qwerta", "0711 222 333")
	path := b.Path()
	b.Close()
	if got := tracesOf(t, path, "Qwerta", "0711 222 333"); len(got) > 0 {
		t.Errorf("b's file holds %v", got)
	}
}

// A person entered twice, kept as one by their survey submission, then
// erased: the record under the other id, in a copy that still holds it and
// changes it after the erasure, is erased too, and so is everything the
// erasing copy kept of it.
func TestErasureReachesARecordEnteredTwice(t *testing.T) {
	fs := copies(t, 3)
	a, b, c := fs[0], fs[1], fs[2]
	pa := addPerson(t, a, "Wanjiru Achieng", "0722 100 200", "S-77")
	pb := addPerson(t, b, "Wanjiru Bchieng", "0733 300 400", "S-77")
	pb.Phone = "0733 300 401"
	must[Person](t)(b.UpdatePerson(pb))
	small, large, sp, lp := a, b, pa, pb
	if pb.ID < pa.ID {
		small, large, sp, lp = b, a, pb, pa
	}
	mustMerge(t, c, large.Path())     // c holds the larger id
	mustMerge(t, small, large.Path()) // small keeps its id; the larger is replaced
	if err := small.ErasePerson(sp.ID); err != nil {
		t.Fatal(err)
	}
	later := c.Now
	c.Now = func() time.Time { return later().Add(time.Hour) }
	pc := must[Person](t)(c.Person(lp.ID))
	pc.Phone = "0744 500 600"
	must[Person](t)(c.UpdatePerson(pc))
	mustMerge(t, c, small.Path())
	mustMerge(t, small, c.Path())
	values := []string{"Achieng", "Bchieng", "0722 100 200", "0733 300 40", "0744 500 600", "secret note"}
	for _, f := range []*File{small, c} {
		for _, id := range []string{sp.ID, lp.ID} {
			wantErasedOrGone(t, f, id, values...)
		}
		var n int
		f.db.QueryRow("SELECT count(*) FROM step_rows WHERE before LIKE '%chieng%' OR before LIKE '%07__ _00 _0_%'").Scan(&n)
		if n > 0 {
			t.Errorf("%s's undo history keeps %d versions of the person", f.Path(), n)
		}
	}
	for i := 0; i < 3; i++ {
		small.Undo()
	}
	for _, id := range []string{sp.ID, lp.ID} {
		wantErasedOrGone(t, small, id, values...)
	}
}

// The same, with the erasing copy made without contacts: the record it
// sends is erased whole, not filled with the other copy's phone number.
func TestErasureFromACopyWithoutContactsOfARecordEnteredTwice(t *testing.T) {
	fs := copies(t, 2)
	a, c := fs[0], fs[1]
	sp := t.TempDir() + "/s.cpw"
	if err := a.SaveCopyFor(sp, CopyOptions{LeaveOut: LeaveOutContacts, For: "x"}); err != nil {
		t.Fatal(err)
	}
	s := must[*File](t)(Open(sp))
	defer s.Close()
	s.Now = func() time.Time { return demoDay.Add(2 * time.Hour) }
	var ps, pa Person
	for {
		ps = must[Person](t)(s.CreatePerson(Person{Name: "Wanjiru Achieng", SurveyID: "S-77"}))
		pa = addPerson(t, a, "Wanjiru Achieng", "0722 100 200", "S-77")
		if ps.ID < pa.ID {
			break
		}
		s.DeletePerson(ps.ID)
		a.DeletePerson(pa.ID)
	}
	mustMerge(t, c, a.Path()) // c holds the larger id, with the phone
	mustMerge(t, s, a.Path()) // s keeps its id
	s.Now = func() time.Time { return demoDay.Add(3 * time.Hour) }
	if err := s.ErasePerson(ps.ID); err != nil {
		t.Fatal(err)
	}
	mustMerge(t, c, sp)
	for _, id := range []string{ps.ID, pa.ID} {
		wantErasedOrGone(t, c, id, "Achieng", "0722 100 200", "@example.org")
	}
}

// Values an earlier change left behind in the file's free pages are not in
// its bytes after an erasure.
func TestEarlierValuesLeaveTheBytes(t *testing.T) {
	a := copies(t, 1)[0]
	p := addPerson(t, a, "Qwerta Kerubo", "0711 222 333", "")
	p.Phone = "0755 444 333"
	p.Notes = strings.Repeat("Qwerta lives by the river ", 300)
	p = must[Person](t)(a.UpdatePerson(p))
	p.Phone, p.Notes = "0766 999 000", "short"
	p = must[Person](t)(a.UpdatePerson(p))
	if err := a.ErasePerson(p.ID); err != nil {
		t.Fatal(err)
	}
	path := a.Path()
	a.Close()
	if got := tracesOf(t, path, "Qwerta", "0711 222 333", "0755 444 333", "0766 999 000", "by the river"); len(got) > 0 {
		t.Errorf("the file still holds %v", got)
	}
}

// A name leaves other entries only where it stands as words of its own.
func TestNamesAreScrubbedAsWords(t *testing.T) {
	r := newNameScrubber([]string{"Al", "Ann Wambui", "Ann"})
	for in, want := range map[string]string{
		"Alice Qwerty: phone: “1” → “2”":   "Alice Qwerty: phone: “1” → “2”",
		"Al joined; Ann Wambui left":       "An erased person joined; An erased person left",
		"Cell representative: Ann (2025)":  "Cell representative: An erased person (2025)",
		"Annette and Al-Amin; “Ann”, Ann.": "Annette and An erased person-Amin; “An erased person”, An erased person.",
	} {
		if got := r.Replace(in); got != want {
			t.Errorf("%q → %q, want %q", in, got, want)
		}
	}
	a := copies(t, 1)[0]
	must[Person](t)(a.CreatePerson(Person{Name: "Alice Qwerty"}))
	x := must[Person](t)(a.CreatePerson(Person{Name: "Al"}))
	if err := a.ErasePerson(x.ID); err != nil {
		t.Fatal(err)
	}
	if l := logMentions(t, a, "Qwerty"); len(l) != 1 || !strings.Contains(l[0], "Alice Qwerty") {
		t.Errorf("another person's entry changed: %v", l)
	}
}

// A record of an erased person's survey submission entered apart, in
// another copy, is erased when the copies meet; importing the submission
// again here is refused.
func TestASurveySubmissionOfAnErasedPerson(t *testing.T) {
	fs := copies(t, 2)
	a, b := fs[0], fs[1]
	pa := addPerson(t, a, "Wanjiru Achieng", "0722 100 200", "S-88")
	pb := addPerson(t, b, "Wanjiru Achieng", "0733 300 400", "S-88")
	if err := a.ErasePerson(pa.ID); err != nil {
		t.Fatal(err)
	}
	mustMerge(t, a, b.Path())
	mustMerge(t, b, a.Path())
	for _, f := range fs {
		for _, id := range []string{pa.ID, pb.ID} {
			wantErasedOrGone(t, f, id, "Achieng", "0722 100 200", "0733 300 400")
		}
	}
	_, err := a.CreatePerson(Person{Name: "Wanjiru Achieng", SurveyID: "s-88"})
	wantCode(t, err, ErrInvalid)
}

func mustMergeWith(t *testing.T, f *File, other string, opt MergeOptions) MergeReport {
	t.Helper()
	r, err := f.Merge(other, opt)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
