package workspace

import (
	"path/filepath"
	"strings"
	"testing"
)

// A version 5 workspace upgrades to the survey schema with its people as
// they were: no survey submission, no head-counts recorded.
func TestMigrationKeepsPeopleForSurveys(t *testing.T) {
	path := olderWorkspace(t, 5,
		"INSERT INTO people (id, name, phone, resident, updated_at, copy_id) VALUES ('22222222-2222-4222-8222-222222222222', 'Amina Otieno', '0712 345 001', 1, '2024-01-01T00:00:00.000Z', 'c1')",
		"INSERT INTO people (id, name, updated_at, copy_id) VALUES ('33333333-3333-4333-8333-333333333333', 'Baraka Mwangi', '2024-01-01T00:00:00.000Z', 'c1')")

	f, err := Open(path)
	if err != nil {
		t.Fatalf("opening a version 5 workspace: %v", err)
	}
	defer f.Close()
	if f.SchemaVersion() < 6 {
		t.Fatalf("schema %d after the upgrade", f.SchemaVersion())
	}
	amina := must[Person](t)(f.Person("22222222-2222-4222-8222-222222222222"))
	baraka := must[Person](t)(f.Person("33333333-3333-4333-8333-333333333333"))
	if amina.Name != "Amina Otieno" || amina.Phone != "0712 345 001" || amina.Resident != Yes || baraka.Name != "Baraka Mwangi" {
		t.Errorf("after the upgrade: %+v, %+v", amina, baraka)
	}
	for _, p := range []Person{amina, baraka} {
		if p.SurveyID != "" || p.HouseholdSize != (Count{}) || p.HouseholdWomen != (Count{}) || p.HouseholdYouth != (Count{}) {
			t.Errorf("%s came out of the upgrade with survey data: %+v", p.Name, p)
		}
	}

	// A household from a survey: 0 women is kept as 0, the men not said
	// stay not recorded.
	amina.SurveyID = "6f1c2a9e-1b7d-4c1e-9a51-0c1d2e3f4a5b"
	amina.HouseholdSize, amina.HouseholdWomen, amina.HouseholdChildren = CountOf(4), CountOf(0), CountOf(2)
	must[Person](t)(f.UpdatePerson(amina))
	got := must[Person](t)(f.Person(amina.ID))
	if got.SurveyID != amina.SurveyID || got.HouseholdSize != CountOf(4) || got.HouseholdWomen != CountOf(0) ||
		got.HouseholdChildren != CountOf(2) || got.HouseholdMen != (Count{}) {
		t.Errorf("the household as read back: %+v", got)
	}
	if n, ok := got.HouseholdMen.Get(); ok || got.HouseholdMen.String() != "" {
		t.Errorf("the men not counted read as %d", n)
	}

	// No two people come from one submission, whatever its case.
	baraka.SurveyID = strings.ToUpper(amina.SurveyID)
	_, err = f.UpdatePerson(baraka)
	wantCode(t, err, ErrInvalid)
	if !strings.Contains(err.Error(), "survey submission") {
		t.Errorf("a second person from one submission: %v", err)
	}
	// More children than members is no household.
	baraka.SurveyID = ""
	baraka.HouseholdSize, baraka.HouseholdChildren = CountOf(3), CountOf(5)
	_, err = f.UpdatePerson(baraka)
	wantCode(t, err, ErrInvalid)
	baraka.HouseholdSize, baraka.HouseholdChildren = Count{}, CountOf(-1)
	_, err = f.UpdatePerson(baraka)
	wantCode(t, err, ErrInvalid)
}

// One household imported from the same survey in two copies is one person
// once they merge, as a partner entered twice is one organisation.
func TestMergeOneSurveyHouseholdInTwoCopies(t *testing.T) {
	cs := copies(t, 2)
	a, b := cs[0], cs[1]
	const submission = "0b7e9c1d-5a2f-4e8b-9c3d-7f6e5d4c3b2a"
	ours := must[Person](t)(a.CreatePerson(Person{Name: "Mercy Achieng", SurveyID: submission, HouseholdSize: CountOf(5)}))
	theirs := must[Person](t)(b.CreatePerson(Person{Name: "Mercy Achieng", SurveyID: submission, HouseholdSize: CountOf(5), HouseholdWomen: CountOf(2)}))
	must[MergeReport](t)(a.Merge(b.Path(), MergeOptions{}))
	must[MergeReport](t)(b.Merge(a.Path(), MergeOptions{}))
	for _, f := range []*File{a, b} {
		var found []Person
		for _, p := range must[[]Person](t)(f.People(PersonFilter{NameContains: "Mercy Achieng"})) {
			if p.SurveyID == submission {
				found = append(found, p)
			}
		}
		if len(found) != 1 || found[0].ID != min(ours.ID, theirs.ID) {
			t.Fatalf("%s: the household is %d people: %+v", filepath.Base(f.Path()), len(found), found)
		}
		if found[0].HouseholdWomen != CountOf(2) {
			t.Errorf("%s: the newer count of women was not kept: %+v", filepath.Base(f.Path()), found[0])
		}
	}
	sameRecords(t, fingerprint(t, a), fingerprint(t, b))
}
