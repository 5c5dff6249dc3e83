package workspace

import (
	"strings"
	"testing"
)

// The check of residents in roles without a basis fires for them, one by
// name or many together, and clears once a basis is recorded.
func TestResidentWithoutBasis(t *testing.T) {
	x := newFixture(t)
	_, cells := x.cells("Segment 3", 2)
	amina := x.person("Amina Otieno", "", true)
	x.person("Baraka Mwangi", "", true) // holds no role
	x.assign(RoleRepresentativeCell, Assignment{PersonID: amina.ID, UnitID: cells[0].ID})
	x.want("resident-without-basis", "Amina Otieno lives in the settlement and holds a role, but why they are recorded (their consent, or a public role) is not.")
	juma := x.person("Juma Kariuki", "", true)
	x.assign(RoleRepresentativeCell, Assignment{PersonID: juma.ID, UnitID: cells[1].ID})
	x.want("resident-without-basis", "2 residents who hold roles have no recorded basis for holding their data: Amina Otieno, Juma Kariuki.")
	for _, p := range []Person{amina, juma} {
		p = must[Person](t)(x.f.Person(p.ID))
		p.Basis, p.ConsentOn, p.ConsentHow, p.ConsentBy = "consent", "2025-01-01", "Signed form", "Mobilizer Grace"
		must[Person](t)(x.f.UpdatePerson(p))
	}
	x.want("resident-without-basis")
}

// Consent withdrawn while the data is held is a finding until the person
// is erased.
func TestConsentWithdrawnDataHeld(t *testing.T) {
	x := newFixture(t)
	p := x.person("Amina Otieno", "", true)
	p.Basis, p.ConsentOn, p.WithdrawnOn = "consent", "2025-01-01", "2026-05-01"
	p = must[Person](t)(x.f.UpdatePerson(p))
	x.want("consent-withdrawn-data-held", "Amina Otieno withdrew their consent on 2026-05-01, and their personal data is still held.")
	if err := x.f.ErasePerson(p.ID); err != nil {
		t.Fatal(err)
	}
	x.want("consent-withdrawn-data-held")
	// Consent given after it was withdrawn, or without the basis, is refused.
	q := x.person("Baraka Mwangi", "", true)
	q.Basis, q.ConsentOn, q.WithdrawnOn = "consent", "2025-01-01", "2024-01-01"
	_, err := x.f.UpdatePerson(q)
	wantCode(t, err, ErrInvalid)
	q.Basis, q.WithdrawnOn = "public role", ""
	_, err = x.f.UpdatePerson(q)
	wantCode(t, err, ErrInvalid)
}

// With a retention set, people whose roles all ended longer ago are
// listed, and one action erases them all; someone holding a role now, or
// whose role ended recently, stays.
func TestKeptPastRetention(t *testing.T) {
	x := newFixture(t)
	_, cells := x.cells("Segment 3", 3)
	old := x.person("Amina Otieno", "", true)
	x.end(x.assign(RoleRepresentativeCell, Assignment{PersonID: old.ID, UnitID: cells[0].ID, StartOn: "2023-01-01"}), "2024-03-01")
	recent := x.person("Juma Kariuki", "", true)
	x.end(x.assign(RoleRepresentativeCell, Assignment{PersonID: recent.ID, UnitID: cells[1].ID, StartOn: "2023-01-01"}), "2026-01-01")
	current := x.person("Wanjiku Njoroge", "", true)
	x.end(x.assign(RoleRepresentativeCell, Assignment{PersonID: current.ID, UnitID: cells[2].ID, StartOn: "2023-01-01"}), "2024-01-01")
	x.assign(RoleCommunityMobilizer, Assignment{PersonID: current.ID, UnitID: cells[2].ID, StartOn: "2024-02-01"})
	x.want("kept-past-retention") // the workspace keeps people
	if _, err := x.f.EraseKeptTooLong(checkDay); err == nil {
		t.Fatal("erased with no retention set")
	}
	if err := x.f.SetPrivacy(Privacy{Purposes: "Planning the upgrading of Mukuru with its residents.", RetentionMonths: 24}); err != nil {
		t.Fatal(err)
	}
	if got := must[Privacy](t)(x.f.Privacy()); got.RetentionMonths != 24 || !strings.HasPrefix(got.Purposes, "Planning") {
		t.Fatalf("privacy read back as %+v", got)
	}
	x.want("kept-past-retention", "Amina Otieno's last role ended on 2024-03-01, more than 24 months ago: the workspace keeps people that long.")
	if n := must[int](t)(x.f.EraseKeptTooLong(checkDay)); n != 1 {
		t.Fatalf("erased %d people", n)
	}
	if p := must[Person](t)(x.f.Person(old.ID)); p.ErasedOn == "" || p.Name != ErasedName {
		t.Errorf("not erased: %+v", p)
	}
	for _, id := range []string{recent.ID, current.ID} {
		if p := must[Person](t)(x.f.Person(id)); p.ErasedOn != "" {
			t.Errorf("%s erased", p.Name)
		}
	}
	x.want("kept-past-retention")
	err := x.f.SetPrivacy(Privacy{RetentionMonths: MaxRetentionMonths + 1})
	wantCode(t, err, ErrInvalid)
}

// A phone number or an e-mail address a form refuses is not repeated in
// the error: errors end up in terminals and reports.
func TestErrorsDoNotRepeatContacts(t *testing.T) {
	f := newFile(t)
	for _, p := range []Person{
		{Name: "Amina Otieno", Phone: "0712 abc 345"},
		{Name: "Amina Otieno", Phone: "0712"},
		{Name: "Amina Otieno", Email: "amina.otieno@"},
	} {
		_, err := f.CreatePerson(p)
		wantCode(t, err, ErrInvalid)
		for _, v := range []string{p.Phone, p.Email} {
			if v != "" && strings.Contains(err.Error(), v) {
				t.Errorf("the error repeats %q: %v", v, err)
			}
		}
	}
}

// The personal data settings are saved from what the dialog read: a field
// another program changed meanwhile keeps its value unless the dialog
// changed it too.
func TestPrivacySavedFromWhatWasRead(t *testing.T) {
	f := newFile(t)
	other, err := Open(f.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	read := must[Privacy](t)(f.Privacy())
	if err := other.SetPrivacy(Privacy{Purposes: "Planning with residents."}); err != nil {
		t.Fatal(err)
	}
	// The dialog changed only the retention: the purposes saved meanwhile stay.
	if err := f.SetPrivacyFrom(read, Privacy{RetentionMonths: 24}); err != nil {
		t.Fatal(err)
	}
	if got := must[Privacy](t)(f.Privacy()); got.Purposes != "Planning with residents." || got.RetentionMonths != 24 {
		t.Errorf("saved: %+v", got)
	}
	// The dialog changed the purposes too, to something else: refused.
	err = f.SetPrivacyFrom(read, Privacy{Purposes: "Something else", RetentionMonths: 24})
	wantCode(t, err, ErrConflict)
	if got := must[Privacy](t)(f.Privacy()); got.Purposes != "Planning with residents." {
		t.Errorf("after the refusal: %+v", got)
	}
}
