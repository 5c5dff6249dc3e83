package importexport

import (
	"strings"
	"testing"

	"cpw/workspace"
)

// activityUnits gives a workspace two areas with segments; a segment
// called Riverside is in both.
func activityUnits(t *testing.T, f *workspace.File) map[string]string {
	t.Helper()
	ids := map[string]string{}
	for _, area := range []struct {
		name     string
		segments []string
	}{{"Mukuru kwa Njenga", []string{"Vietnam", "Milimani", "Riverside"}}, {"Mukuru kwa Reuben", []string{"Gatoto", "Riverside"}}} {
		a, err := f.CreateUnit(workspace.Unit{Level: "area", Name: area.name})
		if err != nil {
			t.Fatal(err)
		}
		ids[area.name] = a.ID
		for _, s := range area.segments {
			u, err := f.CreateUnit(workspace.Unit{Level: "segment", ParentID: a.ID, Name: s})
			if err != nil {
				t.Fatal(err)
			}
			ids[area.name+" / "+s] = u.ID
		}
	}
	return ids
}

// A 3W's rows keep what each says of its activity: what is done, by the
// implementing partner (the reporting organisation in its notes), in the
// row's sector, at the unit its places name (by path under a broader place,
// or by a name only one unit has), else at the place as written; its
// status as 3Ws write them, its start and notes. The activity columns are
// not reported as ignored (a place's P-code, which names no unit, is), a
// row repeating another is kept once, and the same 3W imported again
// changes nothing.
func TestImport3WKeepsActivities(t *testing.T) {
	f := newWorkspace(t)
	units := activityUnits(t, f)
	book := writeBook(t, sheet{"3W Mukuru", [][]any{
		{"Organisation", "Implementing partner", "Org type", "Sector", "County", "Ward", "Ward P-code", "Village", "Activity", "Status", "Start date", "Comments"},
		{"#org", "#org+impl", "#org+type", "#sector", "#adm1+name", "#adm2+name", "#adm2+code", "#adm3+name", "#activity", "#status", "#date+start", ""},
		{"Concern Worldwide", "Maji Safi Trust", "INGO", "WASH", "Nairobi", "Mukuru kwa Njenga", "KE047001", "Vietnam", "Water kiosks", "On-going", "2026-02-01", "Six kiosks"},
		{"Concern Worldwide", "", "INGO", "Health", "Nairobi", "", "", "Milimani", "Hygiene promotion", "Pipeline", "", ""},
		{"Akiba Mashinani Trust", "", "NGO", "Shelter", "Nairobi", "Kibera", "KE047002", "Soweto East", "Savings groups", "Completed", "", ""},
		{"Akiba Mashinani Trust", "", "NGO", "Shelter", "Nairobi", "", "", "Riverside", "Savings groups", "Suspended", "", ""},
		{"Concern Worldwide", "Maji Safi Trust", "INGO", "WASH", "Nairobi", "Mukuru kwa Njenga", "KE047001", "Vietnam", "Water kiosks", "On-going", "2026-02-01", "Six kiosks"},
	}})
	r := importBook(t, f, book, false)
	wantClean(t, r)
	if got := r.Sheets; len(got) != 2 || got[0].Records != "organisations (3W)" || got[0].New != 3 ||
		got[1].Records != "activities (3W)" || got[1].New != 4 || got[1].Sheet != "3W Mukuru" {
		t.Fatalf("sheets: %+v\n%s", got, problems(r))
	}
	codes := false
	for _, p := range r.Problems {
		if p.Column == "Ward P-code" {
			codes = codes || strings.Contains(p.Message, "ignored")
		} else if strings.Contains(p.Message, "ignored") {
			t.Errorf("a column about the activity was ignored: %s: %s", p.Where(), p.Message)
		}
	}
	if !codes {
		t.Errorf("the P-codes were not reported as ignored:\n%s", problems(r))
	}
	wantWarning := func(row int, column, says string) {
		t.Helper()
		for _, p := range r.Problems {
			if p.Severity == Warning && p.Row == row && p.Column == column && strings.Contains(p.Message, says) {
				return
			}
		}
		t.Errorf("no warning on row %d, %s, saying %q:\n%s", row, column, says, problems(r))
	}
	wantWarning(3, "County", "“Nairobi / Mukuru kwa Njenga / Vietnam” was taken as the community unit Mukuru kwa Njenga / Vietnam")
	wantWarning(4, "County", "was taken as the community unit Mukuru kwa Njenga / Milimani")
	wantWarning(5, "County", "“Nairobi / Kibera / Soweto East” names none of the workspace's community units, so the place was kept as written")
	wantWarning(6, "County", "could be any of 2 community units")
	wantWarning(6, "Status", "“Suspended” is not a status of an activity")
	wantWarning(7, "Activity", "repeats the activity of row 3")

	orgs, _ := f.Organisations()
	orgName := map[string]string{}
	for _, o := range orgs {
		orgName[o.ID] = o.Name
	}
	sectors, _ := f.Sectors()
	sectorName := map[string]string{}
	for _, s := range sectors {
		sectorName[s.ID] = s.Name
	}
	acts, err := f.Activities(workspace.ActivityFilter{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]workspace.Activity{}
	for _, a := range acts {
		got[orgName[a.OrganisationID]+": "+a.Description+" @ "+a.Place] = a
	}
	if len(got) != 4 {
		t.Fatalf("activities: %+v", acts)
	}
	kiosks := got["Maji Safi Trust: Water kiosks @ "]
	if kiosks.UnitID != units["Mukuru kwa Njenga / Vietnam"] || kiosks.Status != "ongoing" || kiosks.StartOn != "2026-02-01" ||
		kiosks.Notes != "Six kiosks\nReported by Concern Worldwide." || !strings.HasPrefix(sectorName[kiosks.SectorID], "Water") {
		t.Errorf("the implementing partner's activity: %+v", kiosks)
	}
	if hygiene := got["Concern Worldwide: Hygiene promotion @ "]; hygiene.UnitID != units["Mukuru kwa Njenga / Milimani"] || hygiene.Status != "planned" ||
		hygiene.Notes != "" || sectorName[hygiene.SectorID] != "Health" {
		t.Errorf("the reporting organisation's own activity: %+v", hygiene)
	}
	if soweto := got["Akiba Mashinani Trust: Savings groups @ Nairobi / Kibera / Soweto East"]; soweto.UnitID != "" || soweto.Status != "completed" ||
		!strings.HasPrefix(sectorName[soweto.SectorID], "Housing") {
		t.Errorf("the activity at a place that is no unit: %+v", soweto)
	}
	if riverside := got["Akiba Mashinani Trust: Savings groups @ Nairobi / Riverside"]; riverside.UnitID != "" || riverside.Status != "" || riverside.ID == "" {
		t.Errorf("the activity at a place two units share: %+v", riverside)
	}

	again := importBook(t, f, book, false)
	wantClean(t, again)
	if c, u, n := again.Totals(); c != 0 || u != 0 || n != 7 {
		t.Errorf("imported again: %s", again.Summary())
	}
	if after, _ := f.Activities(workspace.ActivityFilter{}); len(after) != 4 {
		t.Errorf("imported again, %d activities", len(after))
	}
}

// An Activities sheet written by hand is read strictly: its organisation,
// sector and unit must be the workspace's, its status one of the statuses.
func TestImportActivitiesSheet(t *testing.T) {
	f := newWorkspace(t)
	units := activityUnits(t, f)
	if _, err := f.CreateOrganisation(workspace.Organisation{Name: "Maji Safi Trust", Acronym: "MST", Kind: "ngo"}); err != nil {
		t.Fatal(err)
	}
	book := writeBook(t, sheet{"Activities", [][]any{
		{"Organisation", "Sector", "Unit", "Activity", "Status"},
		{"MST", "Health", "Mukuru kwa Njenga / Vietnam", "Hygiene clubs", "Ongoing"},
		{"Maji Safi Trust", "Wash", "Mukuru kwa Njenga / Vietnam", "Water kiosks", "done"},
		{"Nobody", "", "Atlantis", "", "Paused"},
	}})
	r := importBook(t, f, book, false)
	wantProblem(t, r, "Activities", 3, "Sector", "not one of this workspace's sectors")
	wantProblem(t, r, "Activities", 4, "Organisation", "There is no organisation “Nobody”")
	wantProblem(t, r, "Activities", 4, "Unit", "There is no community unit “Atlantis”")
	wantProblem(t, r, "Activities", 4, "Status", "is not one of the choices for Status")
	if r.Errors() != 4 {
		t.Errorf("%d errors:\n%s", r.Errors(), problems(r))
	}

	book = writeBook(t, sheet{"Activities", [][]any{
		{"Organisation", "Sector", "Unit", "Activity", "Status"},
		{"MST", "Health", "Mukuru kwa Njenga / Vietnam", "Hygiene clubs", "Ongoing"},
		{"Maji Safi Trust", "", "Vietnam", "Water kiosks", "done"},
	}})
	r = importBook(t, f, book, false)
	wantClean(t, r)
	acts, _ := f.Activities(workspace.ActivityFilter{UnitID: units["Mukuru kwa Njenga / Vietnam"]})
	if len(acts) != 2 || acts[0].Description != "Hygiene clubs" || acts[0].Status != "ongoing" || acts[1].Status != "completed" {
		t.Errorf("activities: %+v", acts)
	}
}
