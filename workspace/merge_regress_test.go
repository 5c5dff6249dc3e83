package workspace

import (
	"strings"
	"testing"
	"time"
)

// Cases found in review, each a sequence of edits and merges that once lost
// work or left two copies apart for good.

func setPurpose(t *testing.T, f *File, p string) {
	t.Helper()
	c := must[Consortium](t)(f.ConsortiumByCode("WSE"))
	c.Purpose = p
	must[Consortium](t)(f.UpdateConsortium(c))
}

func TestMergeEditsAfterAMergeStillTravel(t *testing.T) {
	cs := copies(t, 2)
	a, b := cs[0], cs[1]
	ahead := demoDay.Add(2 * time.Hour) // b's clock is two hours ahead of a's
	b.Now = func() time.Time { ahead = ahead.Add(time.Second); return ahead }
	setPurpose(t, b, "from b")
	must[MergeReport](t)(a.Merge(b.Path(), MergeOptions{}))
	p := must[[]Person](t)(a.People(PersonFilter{}))
	p[0].Position = "edit 1"
	must[Person](t)(a.UpdatePerson(p[0]))
	must[MergeReport](t)(b.Merge(a.Path(), MergeOptions{}))
	p[1].Position = "edit 2"
	must[Person](t)(a.UpdatePerson(p[1]))
	must[MergeReport](t)(b.Merge(a.Path(), MergeOptions{}))
	if got := must[Person](t)(b.Person(p[1].ID)).Position; got != "edit 2" {
		t.Errorf("an edit made after a merge never reached the other copy (%q)", got)
	}
}

func TestMergeRecreatedRecord(t *testing.T) {
	cs := copies(t, 2)
	a, b := cs[0], cs[1]
	o := must[Organisation](t)(a.CreateOrganisation(Organisation{Name: "Kibera Youth Group", Kind: "cbo", Base: "local"}))
	must[MergeReport](t)(b.Merge(a.Path(), MergeOptions{}))
	must[MergeReport](t)(a.Merge(b.Path(), MergeOptions{}))
	if err := a.DeleteOrganisation(o.ID); err != nil {
		t.Fatal(err)
	}
	o.ID = ""
	again := must[Organisation](t)(a.CreateOrganisation(o))
	must[MergeReport](t)(b.Merge(a.Path(), MergeOptions{}))
	if got := orgByName(t, b, "Kibera Youth Group"); got.ID != again.ID {
		t.Errorf("b has %s, want the new record %s", got.ID, again.ID)
	}
}

func TestMergeLinkRemovedAndAddedAgain(t *testing.T) {
	cs := copies(t, 2)
	a, b := cs[0], cs[1]
	o := must[Organisation](t)(a.Organisation(orgByName(t, a, "Maji Safi Trust").ID))
	keep := append([]string{}, o.SectorIDs...)
	o.SectorIDs = []string{}
	o = must[Organisation](t)(a.UpdateOrganisation(o))
	o.SectorIDs = keep
	must[Organisation](t)(a.UpdateOrganisation(o))
	r := must[MergeReport](t)(b.Merge(a.Path(), MergeOptions{}))
	if got := must[Organisation](t)(b.Organisation(o.ID)); len(got.SectorIDs) != len(keep) {
		t.Errorf("b has %d sectors, a %d (%s)", len(got.SectorIDs), len(keep), r.Summary())
	}
	if len(r.Conflicts) != 0 {
		t.Errorf("a link ticked off and on again is a conflict: %+v", r.Conflicts)
	}
}

func TestMergeRenameAndNewRecordWithTheOldName(t *testing.T) {
	cs := copies(t, 2)
	a, b := cs[0], cs[1]
	old := orgByName(t, b, "Maji Safi Trust")
	old.Name = "Maji Safi Trust (until 2026)"
	must[Organisation](t)(b.UpdateOrganisation(old))
	fresh := must[Organisation](t)(b.CreateOrganisation(Organisation{Name: "Maji Safi Trust", Kind: "ngo", Base: "national"}))
	must[MergeReport](t)(a.Merge(b.Path(), MergeOptions{}))
	if got := orgByName(t, a, "Maji Safi Trust"); got.ID != fresh.ID || got.Base != "national" {
		t.Errorf("the new partner became %+v", got)
	}
	if got := must[Organisation](t)(a.Organisation(old.ID)); got.Name != old.Name {
		t.Errorf("the renamed partner is %q", got.Name)
	}
}

func TestMergeNewChildOfADeletedRecord(t *testing.T) {
	cs := copies(t, 2)
	a, b := cs[0], cs[1]
	m := must[[]Meeting](t)(a.Meetings())[0]
	if err := a.DeleteMeeting(m.ID); err != nil {
		t.Fatal(err)
	}
	d := must[Decision](t)(b.CreateDecision(Decision{MeetingID: m.ID, Text: "Kiosks in every segment"}))
	r := must[MergeReport](t)(b.Merge(a.Path(), MergeOptions{}))
	if _, err := b.Decision(d.ID); err != nil {
		t.Errorf("b's new decision was deleted with the meeting (%s)", r.Summary())
	}
	if len(r.Conflicts) == 0 {
		t.Error("keeping the meeting was not reported")
	}
	// And the other way: a brings the meeting back for b's decision.
	r = must[MergeReport](t)(a.Merge(b.Path(), MergeOptions{}))
	if _, err := a.Decision(d.ID); err != nil {
		t.Errorf("a cannot take b's decision: %v (%s)", err, r.Summary())
	}
	if err := a.checkHealth(); err != nil {
		t.Error(err)
	}
}

func TestMergePersonOfADeletedOrganisation(t *testing.T) {
	cs := copies(t, 2)
	a, b := cs[0], cs[1]
	o := must[Organisation](t)(a.CreateOrganisation(Organisation{Name: "Kibera Youth Group", Kind: "cbo", Base: "local"}))
	must[MergeReport](t)(b.Merge(a.Path(), MergeOptions{}))
	must[MergeReport](t)(a.Merge(b.Path(), MergeOptions{}))
	if err := a.DeleteOrganisation(o.ID); err != nil {
		t.Fatal(err)
	}
	p := must[Person](t)(b.CreatePerson(Person{Name: "New member", OrganisationID: o.ID}))
	if _, err := a.Merge(b.Path(), MergeOptions{}); err != nil {
		t.Fatalf("a cannot merge b: %v", err)
	}
	if got := must[Person](t)(a.Person(p.ID)); got.OrganisationID != o.ID {
		t.Error("the person lost their organisation")
	}
	must[MergeReport](t)(b.Merge(a.Path(), MergeOptions{}))
	sameRecords(t, fingerprint(t, a), fingerprint(t, b))
}

func TestMergeChoiceTravels(t *testing.T) {
	cs := copies(t, 2)
	a, b := cs[0], cs[1]
	setPurpose(t, a, "A's")
	setPurpose(t, b, "B's (later)")
	key := must[MergeReport](t)(a.Merge(b.Path(), MergeOptions{DryRun: true})).Conflicts[0].Key
	must[MergeReport](t)(a.Merge(b.Path(), MergeOptions{Choose: map[string]Side{key: Ours}}))
	must[MergeReport](t)(b.Merge(a.Path(), MergeOptions{}))
	if got := must[Consortium](t)(b.ConsortiumByCode("WSE")).Purpose; got != "A's" {
		t.Errorf("the choice made in a did not reach b: %q", got)
	}
	sameRecords(t, fingerprint(t, a), fingerprint(t, b))
}

func TestMergeOwnChangeComingBackIsNoConflict(t *testing.T) {
	cs := copies(t, 2)
	a, b := cs[0], cs[1]
	setPurpose(t, b, "v1")
	must[MergeReport](t)(a.Merge(b.Path(), MergeOptions{}))
	setPurpose(t, b, "v2")
	r := must[MergeReport](t)(b.Merge(a.Path(), MergeOptions{}))
	if len(r.Conflicts) > 0 {
		t.Errorf("b's own earlier change counts as a conflict: %+v", r.Conflicts)
	}
	if got := must[Consortium](t)(b.ConsortiumByCode("WSE")).Purpose; got != "v2" {
		t.Errorf("b lost its own edit: %q", got)
	}
}

func TestMergeSamePartnerBecomesOne(t *testing.T) {
	cs := copies(t, 2)
	a, b := cs[0], cs[1]
	must[Organisation](t)(a.CreateOrganisation(Organisation{Name: "Kibera Youth Group", Kind: "cbo", Base: "local"}))
	must[Organisation](t)(b.CreateOrganisation(Organisation{Name: "kibera youth group", Kind: "cbo", Base: "local", Notes: "from b"}))
	must[MergeReport](t)(a.Merge(b.Path(), MergeOptions{}))
	must[MergeReport](t)(b.Merge(a.Path(), MergeOptions{}))
	sameRecords(t, fingerprint(t, a), fingerprint(t, b))
	// Later edits to the one record travel both ways.
	o := orgByName(t, a, "Kibera Youth Group")
	o.Interests = "Youth employment"
	must[Organisation](t)(a.UpdateOrganisation(o))
	r := must[MergeReport](t)(b.Merge(a.Path(), MergeOptions{}))
	if got := orgByName(t, b, "Kibera Youth Group"); got.Interests != "Youth employment" {
		t.Errorf("an edit to the partner did not travel: %+v (%s)", got, r.Summary())
	}
}

func TestMergeSwappedNames(t *testing.T) {
	cs := copies(t, 2)
	a, b := cs[0], cs[1]
	x, y := orgByName(t, b, "Maji Safi Trust"), orgByName(t, b, "Afya Mtaani Initiative")
	x.Name = "Maji Safi Trust (old)"
	must[Organisation](t)(b.UpdateOrganisation(x))
	y.Name = "Maji Safi Trust"
	must[Organisation](t)(b.UpdateOrganisation(y))
	if _, err := a.Merge(b.Path(), MergeOptions{}); err != nil {
		t.Fatalf("renames that end valid were refused: %v", err)
	}
	sameRecords(t, fingerprint(t, a), fingerprint(t, b))
}

func TestMergeAcronymClash(t *testing.T) {
	cs := copies(t, 2)
	a, b := cs[0], cs[1]
	must[Organisation](t)(a.CreateOrganisation(Organisation{Name: "Kibera Youth Group", Acronym: "KYG", Kind: "cbo", Base: "local"}))
	kayole := must[Organisation](t)(b.CreateOrganisation(Organisation{Name: "Kayole Youth Group", Acronym: "KYG", Kind: "cbo", Base: "local"}))
	r := must[MergeReport](t)(a.Merge(b.Path(), MergeOptions{}))
	// The partner with the larger id gives the acronym up, in both copies.
	kibera := orgByName(t, a, "Kibera Youth Group")
	loser, keeper := kayole.ID, kibera.ID
	if kibera.ID > kayole.ID {
		loser, keeper = kibera.ID, kayole.ID
	}
	if got := must[Organisation](t)(a.Organisation(loser)); got.Acronym != "" {
		t.Errorf("the larger id kept the acronym: %+v", got)
	}
	if got := must[Organisation](t)(a.Organisation(keeper)); got.Acronym != "KYG" {
		t.Errorf("the smaller id lost the acronym: %+v", got)
	}
	if len(r.Conflicts) != 1 || !strings.Contains(r.Conflicts[0].Reason, "is also used by") {
		t.Errorf("conflicts %+v", r.Conflicts)
	}
	must[MergeReport](t)(b.Merge(a.Path(), MergeOptions{}))
	sameRecords(t, fingerprint(t, a), fingerprint(t, b))
}
