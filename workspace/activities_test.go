package workspace

import (
	"strings"
	"testing"
)

// An activity is checked like any record: what is done is required, its
// status one of the statuses, its dates dates in order; the same activity
// of one organisation at one place in one sector cannot be entered twice;
// it goes with its organisation, keeps a unit in use from being deleted,
// and loses its sector when the sector goes.
func TestActivityRecord(t *testing.T) {
	f := newFile(t)
	sectors := must[[]Sector](t)(f.Sectors())
	org := must[Organisation](t)(f.CreateOrganisation(Organisation{Name: "Maji Safi Trust", Kind: "ngo"}))
	area := must[Unit](t)(f.CreateUnit(Unit{Level: "area", Name: "Mukuru kwa Njenga"}))
	seg := must[Unit](t)(f.CreateUnit(Unit{Level: "segment", ParentID: area.ID, Name: "Vietnam"}))

	for _, bad := range []struct {
		a     Activity
		field string
	}{
		{Activity{OrganisationID: org.ID}, "Activity"},
		{Activity{Description: "Water kiosks"}, "Organisation"},
		{Activity{OrganisationID: org.ID, Description: "Water kiosks", Status: "paused"}, "Status"},
		{Activity{OrganisationID: org.ID, Description: "Water kiosks", StartOn: "March"}, "Start"},
		{Activity{OrganisationID: org.ID, Description: "Water kiosks", StartOn: "2026-03-01", EndOn: "2026-01-01"}, "End"},
		{Activity{OrganisationID: org.ID, Description: strings.Repeat("x", 301)}, "Activity"},
		{Activity{OrganisationID: org.ID, Description: "Water kiosks", UnitID: "8f7a1c0e-0000-4000-8000-000000000000"}, "Community unit"},
	} {
		_, err := f.CreateActivity(bad.a)
		wantCode(t, err, ErrInvalid)
		if e := err.(*Error); e.FieldKey != bad.field && e.Field != bad.field {
			t.Errorf("%+v: the error is about %q, not %q: %v", bad.a, e.Field, bad.field, err)
		}
	}

	a := must[Activity](t)(f.CreateActivity(Activity{OrganisationID: org.ID, SectorID: sectors[0].ID, UnitID: seg.ID,
		Description: " Water kiosks ", Status: "ongoing", StartOn: "2026-02-01"}))
	if a.Description != "Water kiosks" {
		t.Errorf("description %q", a.Description)
	}
	elsewhere := must[Activity](t)(f.CreateActivity(Activity{OrganisationID: org.ID, Place: "Kwa Njenga social hall", Description: "Hygiene talks"}))
	_, err := f.CreateActivity(Activity{OrganisationID: org.ID, SectorID: sectors[0].ID, UnitID: seg.ID, Description: "WATER KIOSKS"})
	wantCode(t, err, ErrInvalid)

	a.Status, a.EndOn = "completed", "2026-06-30"
	must[Activity](t)(f.UpdateActivity(a))
	got := must[[]Activity](t)(f.Activities(ActivityFilter{OrganisationID: org.ID}))
	if len(got) != 2 || got[0].Description != "Hygiene talks" || got[1].Status != "completed" || got[1].EndOn != "2026-06-30" {
		t.Fatalf("activities %+v", got)
	}
	if in := must[[]Activity](t)(f.Activities(ActivityFilter{UnitID: seg.ID})); len(in) != 1 || in[0].ID != a.ID {
		t.Errorf("activities in the segment: %+v", in)
	}

	wantCode(t, f.DeleteUnit(seg.ID), ErrInUse)
	refs := must[References](t)(f.ReferencesTo("organisations", org.ID))
	if len(refs.DeletedWith) != 1 || refs.DeletedWith[0] != "2 activities" {
		t.Errorf("deleting the organisation would take %v", refs.DeletedWith)
	}
	if err := f.DeleteSector(sectors[0].ID); err != nil {
		t.Fatal(err)
	}
	if a = must[Activity](t)(f.Activity(a.ID)); a.SectorID != "" {
		t.Errorf("the activity kept a deleted sector: %+v", a)
	}
	if err := f.DeleteOrganisation(org.ID); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{a.ID, elsewhere.ID} {
		if _, err := f.Activity(id); Code(err) != ErrNotFound {
			t.Errorf("an activity outlived its organisation: %v", err)
		}
	}
	if err := f.DeleteUnit(seg.ID); err != nil {
		t.Errorf("the segment is free once its activities are gone: %v", err)
	}
}

// Two copies each adding an activity merge into both; the same activity
// entered in both copies becomes one record.
func TestMergeActivities(t *testing.T) {
	cs := copies(t, 2)
	a, b := cs[0], cs[1]
	org := orgByName(t, a, "Maji Safi Trust")
	sectors := must[[]Sector](t)(a.Sectors())
	segs := must[[]Unit](t)(a.Units(UnitFilter{Level: "segment"}))
	before := len(must[[]Activity](t)(a.Activities(ActivityFilter{})))

	must[Activity](t)(a.CreateActivity(Activity{OrganisationID: org.ID, SectorID: sectors[0].ID, UnitID: segs[0].ID, Description: "Borehole repair", Status: "planned"}))
	must[Activity](t)(b.CreateActivity(Activity{OrganisationID: org.ID, Place: "Near the chief's camp", Description: "Handwashing stations", Status: "ongoing"}))
	// Both enter the same activity.
	must[Activity](t)(a.CreateActivity(Activity{OrganisationID: org.ID, SectorID: sectors[0].ID, UnitID: segs[1].ID, Description: "Toilet block"}))
	must[Activity](t)(b.CreateActivity(Activity{OrganisationID: org.ID, SectorID: sectors[0].ID, UnitID: segs[1].ID, Description: "toilet block", Status: "planned"}))

	report := must[MergeReport](t)(a.Merge(b.Path(), MergeOptions{}))
	if c := countOf(report, "activities"); c.Added != 1 || c.Conflicts != 1 {
		t.Errorf("activities %+v", c)
	}
	must[MergeReport](t)(b.Merge(a.Path(), MergeOptions{}))
	sameRecords(t, fingerprint(t, a), fingerprint(t, b))
	got := must[[]Activity](t)(a.Activities(ActivityFilter{}))
	if len(got) != before+3 {
		t.Fatalf("%d activities after the merge, want %d", len(got), before+3)
	}
	found := map[string]Activity{}
	for _, x := range got {
		found[strings.ToLower(x.Description)] = x
	}
	if x := found["handwashing stations"]; x.Place != "Near the chief's camp" || x.Status != "ongoing" {
		t.Errorf("their activity came as %+v", x)
	}
	if x := found["borehole repair"]; x.UnitID != segs[0].ID {
		t.Errorf("our activity is %+v", x)
	}
	if x := found["toilet block"]; x.Status != "planned" {
		t.Errorf("the activity entered twice kept %+v, not the newer version", x)
	}
	if err := a.checkHealth(); err != nil {
		t.Fatal(err)
	}
}
