package importexport

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"cpw/workspace"
)

// surveyWorkspace is a workspace with a community structure in which two
// cells share a name: Cluster 1 holds Cell 1 and Cell 2, Cluster 2 a Cell 1
// of its own.
func surveyWorkspace(t *testing.T) (*workspace.File, map[string]string) {
	t.Helper()
	f := newWorkspace(t)
	ids := map[string]string{}
	add := func(path, level, parent string) {
		u, err := f.CreateUnit(workspace.Unit{Level: level, Name: path[strings.LastIndex(path, "/")+1:], ParentID: ids[parent]})
		if err != nil {
			t.Fatal(err)
		}
		ids[path] = u.ID
	}
	add("Mukuru Kwa Njenga", "area", "")
	add("Mukuru Kwa Njenga/Segment 1", "segment", "Mukuru Kwa Njenga")
	add("Mukuru Kwa Njenga/Segment 1/Cluster 1", "cluster", "Mukuru Kwa Njenga/Segment 1")
	add("Mukuru Kwa Njenga/Segment 1/Cluster 2", "cluster", "Mukuru Kwa Njenga/Segment 1")
	add("Mukuru Kwa Njenga/Segment 1/Cluster 1/Cell 1", "cell", "Mukuru Kwa Njenga/Segment 1/Cluster 1")
	add("Mukuru Kwa Njenga/Segment 1/Cluster 1/Cell 2", "cell", "Mukuru Kwa Njenga/Segment 1/Cluster 1")
	add("Mukuru Kwa Njenga/Segment 1/Cluster 2/Cell 1", "cell", "Mukuru Kwa Njenga/Segment 1/Cluster 2")
	return f, ids
}

// surveyed returns the people of the workspace who came from a survey, by
// submission ID, failing if two share one.
func surveyed(t *testing.T, f *workspace.File) map[string]workspace.Person {
	t.Helper()
	people, err := f.People(workspace.PersonFilter{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]workspace.Person{}
	for _, p := range people {
		if p.SurveyID == "" {
			continue
		}
		if _, ok := out[p.SurveyID]; ok {
			t.Fatalf("two people came from the submission %s", p.SurveyID)
		}
		out[p.SurveyID] = p
	}
	return out
}

// counts writes a person's head-counts as size/women/men/children/youth,
// "-" for one not recorded.
func counts(p workspace.Person) string {
	var parts []string
	for _, c := range []workspace.Count{p.HouseholdSize, p.HouseholdWomen, p.HouseholdMen, p.HouseholdChildren, p.HouseholdYouth} {
		if s := c.String(); s != "" {
			parts = append(parts, s)
		} else {
			parts = append(parts, "-")
		}
	}
	return strings.Join(parts, "/")
}

const (
	koboAmina   = "3c9f8e2a-6d41-4b7a-9e0c-1f2a3b4c5d6e"
	koboBaraka  = "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
	koboWanjiru = "b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e"
	koboKevin   = "c4d5e6f7-a8b9-4c0d-8e1f-2a3b4c5d6e7f"
)

// A KoboToolbox export: the households' sheet, named after the form, with
// the tool's group/field headers and its meta columns, and the repeat group
// of the households' members, named "members" as the form names it (not the
// consortia's Members sheet). Each household's head is a resident of the
// cell the row names, counted as the form says or as the members' rows
// count; a later export of the form updates by _uuid.
func TestSurveyKoboExport(t *testing.T) {
	f, units := surveyWorkspace(t)
	households := sheet{"Household survey 2026", [][]any{
		{"start", "end", "hh/head_name", "hh/head_gender", "hh/head_age", "hh/cluster", "hh/cell", "hh/size", "_id", "_uuid", "_submission_time", "_index"},
		{"2026-05-02T09:12:00", "2026-05-02T09:31:00", "Amina Otieno", "female", 34, "", "Cell 2", 4, 101, koboAmina, "2026-05-02T09:32:10", 1},
		{"2026-05-02T10:02:00", "2026-05-02T10:20:00", "Baraka Mwangi", "male", 51, "Cluster 2", "Cell 1", "", 102, koboBaraka, "2026-05-02T10:21:40", 2},
		{"2026-05-03T08:40:00", "2026-05-03T08:55:00", "Wanjiru Kamau", "female", 28, "", "Mukuru Kwa Njenga / Segment 1 / Cluster 1 / Cell 1", 2, 103, koboWanjiru, "2026-05-03T08:56:02", 3},
	}}
	members := sheet{"members", [][]any{
		{"members/member_name", "members/member_gender", "members/member_age", "_index", "_parent_table_name", "_parent_index", "_submission__uuid"},
		{"Amina Otieno", "female", 34, 1, "Household survey 2026", 1, koboAmina},
		{"Peter Otieno", "male", 38, 2, "Household survey 2026", 1, koboAmina},
		{"Faith Otieno", "female", 9, 3, "Household survey 2026", 1, koboAmina},
		{"Brian Otieno", "male", 4, 4, "Household survey 2026", 1, koboAmina},
		{"Baraka Mwangi", "male", 51, 5, "Household survey 2026", 2, koboBaraka},
		{"Mary Mwangi", "female", 47, 6, "Household survey 2026", 2, koboBaraka},
		{"Kevin Mwangi", "male", 22, 7, "Household survey 2026", 2, koboBaraka},
	}}
	// A repeat group that lists no people: read, not counted.
	livestock := sheet{"livestock", [][]any{
		{"livestock/animal", "livestock/number", "_index", "_parent_table_name", "_parent_index"},
		{"goats", 3, 1, "Household survey 2026", 2},
	}}
	r := importBook(t, f, writeBook(t, households, members, livestock), false)
	wantClean(t, r)
	if got := sheetResult(t, r, "Household survey 2026"); got.New != 3 || got.Records != "surveyed households" {
		t.Errorf("the households' sheet: %+v", got)
	}
	if got := sheetResult(t, r, "members"); got.Rows != 7 || got.New+got.Updated+got.Unchanged != 0 || got.Records != "household members, counted" {
		t.Errorf("the members' sheet: %+v", got)
	}
	for _, s := range r.Sheets {
		if s.Sheet == "livestock" {
			t.Errorf("the livestock was read as %s", s.Records)
		}
	}
	wantWarning(t, r, "livestock", 1, "", "not counted")
	people := surveyed(t, f)
	if len(people) != 3 {
		t.Fatalf("%d households imported: %+v", len(people), people)
	}
	cell := "Mukuru Kwa Njenga/Segment 1/Cluster "
	for id, want := range map[string]struct{ name, gender, band, home, counts string }{
		koboAmina:   {"Amina Otieno", "female", "25-35", cell + "1/Cell 2", "4/1/1/2/1"},
		koboBaraka:  {"Baraka Mwangi", "male", "36-59", cell + "2/Cell 1", "3/1/2/0/1"},
		koboWanjiru: {"Wanjiru Kamau", "female", "25-35", cell + "1/Cell 1", "2/-/-/-/-"},
	} {
		p := people[id]
		if p.Name != want.name || p.Gender != want.gender || p.AgeBand != want.band || p.HomeUnitID != units[want.home] ||
			p.Resident != workspace.Yes || counts(p) != want.counts {
			t.Errorf("%s: %+v (counts %s), want %+v", want.name, p, counts(p), want)
		}
	}

	// The next export of the form: a household first that is new, the
	// _index of the others moved down, Amina's name written in full and a
	// fifth member born. Nothing is added twice.
	households.rows = [][]any{households.rows[0],
		{"2026-05-20T11:00:00", "2026-05-20T11:15:00", "Kevin Ochieng", "male", 30, "Cluster 1", "Cell 1", 1, 104, koboKevin, "2026-05-20T11:16:00", 1},
		{"2026-05-02T09:12:00", "2026-05-02T09:31:00", "Amina Achieng Otieno", "female", 34, "", "Cell 2", 5, 101, koboAmina, "2026-05-02T09:32:10", 2},
		{"2026-05-02T10:02:00", "2026-05-02T10:20:00", "Baraka Mwangi", "male", 51, "Cluster 2", "Cell 1", "", 102, koboBaraka, "2026-05-02T10:21:40", 3},
		{"2026-05-03T08:40:00", "2026-05-03T08:55:00", "Wanjiru Kamau", "female", 28, "", "Mukuru Kwa Njenga / Segment 1 / Cluster 1 / Cell 1", 2, 103, koboWanjiru, "2026-05-03T08:56:02", 4},
	}
	members.rows = [][]any{members.rows[0],
		{"Kevin Ochieng", "male", 30, 1, "Household survey 2026", 1, koboKevin},
		{"Amina Otieno", "female", 34, 2, "Household survey 2026", 2, koboAmina},
		{"Peter Otieno", "male", 38, 3, "Household survey 2026", 2, koboAmina},
		{"Faith Otieno", "female", 9, 4, "Household survey 2026", 2, koboAmina},
		{"Brian Otieno", "male", 4, 5, "Household survey 2026", 2, koboAmina},
		{"Grace Otieno", "female", 0, 6, "Household survey 2026", 2, koboAmina},
		{"Baraka Mwangi", "male", 51, 7, "Household survey 2026", 3, koboBaraka},
		{"Mary Mwangi", "female", 47, 8, "Household survey 2026", 3, koboBaraka},
		{"Kevin Mwangi", "male", 22, 9, "Household survey 2026", 3, koboBaraka},
	}
	before := len(peopleOf(t, f, ""))
	r = importBook(t, f, writeBook(t, households, members), false)
	wantClean(t, r)
	if got := sheetResult(t, r, "Household survey 2026"); got.New != 1 || got.Updated != 1 || got.Unchanged != 2 {
		t.Errorf("the later export: %+v\n%s", got, problems(r))
	}
	if after := len(peopleOf(t, f, "")); after != before+1 {
		t.Errorf("%d people after the later export, %d before: households were added twice", after, before)
	}
	people = surveyed(t, f)
	if p := people[koboAmina]; p.Name != "Amina Achieng Otieno" || counts(p) != "5/1/1/3/1" {
		t.Errorf("Amina's household after the later export: %s, %s", p.Name, counts(p))
	}
	if p := people[koboKevin]; p.HomeUnitID != units[cell+"1/Cell 1"] || counts(p) != "1/0/1/0/1" {
		t.Errorf("the new household: %+v (%s)", p, counts(p))
	}
}

// An ODK Central export: group-field headers, its own meta columns, and the
// repeat group's sheet linked by PARENT_KEY to the households' KEY. The same
// export imported again changes nothing.
func TestSurveyODKCentralExport(t *testing.T) {
	f, units := surveyWorkspace(t)
	const odkAkinyi, odkJuma = "uuid:5d6e7f80-9a1b-4c2d-8e3f-4a5b6c7d8e9f", "uuid:6e7f8091-ab2c-4d3e-9f40-5b6c7d8e9fa0"
	households := sheet{"hh_survey", [][]any{
		{"SubmissionDate", "start", "end", "hh-head_name", "hh-head_gender", "hh-head_age", "hh-cluster", "hh-cell", "meta-instanceID", "KEY", "SubmitterID", "ReviewState"},
		{"2026-05-04T07:30:00.000Z", "2026-05-04T07:02:00.000Z", "2026-05-04T07:25:00.000Z", "Akinyi Odhiambo", "female", 41, "Cluster 2", "Cell 1", odkAkinyi, odkAkinyi, 7, ""},
		{"2026-05-04T08:10:00.000Z", "2026-05-04T07:45:00.000Z", "2026-05-04T08:05:00.000Z", "Juma Hassan", "male", 19, "Cluster 1", "Cell 2", odkJuma, odkJuma, 7, "approved"},
	}}
	members := sheet{"hh_survey-members", [][]any{
		{"member_name", "member_gender", "member_age", "PARENT_KEY", "KEY"},
		{"Akinyi Odhiambo", "female", 41, odkAkinyi, odkAkinyi + "/members[1]"},
		{"Otieno Odhiambo", "male", 16, odkAkinyi, odkAkinyi + "/members[2]"},
		{"Juma Hassan", "male", 19, odkJuma, odkJuma + "/members[1]"},
		{"Halima Hassan", "female", 24, odkJuma, odkJuma + "/members[2]"},
		{"Said Hassan", "", 2, odkJuma, odkJuma + "/members[3]"},
		{"Amani Hassan", "", 30, odkJuma, odkJuma + "/members[4]"},
	}}
	book := writeBook(t, households, members)
	r := importBook(t, f, book, false)
	wantClean(t, r)
	if got := sheetResult(t, r, "hh_survey"); got.New != 2 {
		t.Errorf("the households' sheet: %+v", got)
	}
	if got := sheetResult(t, r, "hh_survey-members"); got.Rows != 6 {
		t.Errorf("the members' sheet: %+v", got)
	}
	people := surveyed(t, f)
	akinyi, juma := people[strings.TrimPrefix(odkAkinyi, "uuid:")], people[strings.TrimPrefix(odkJuma, "uuid:")]
	if akinyi.Name != "Akinyi Odhiambo" || akinyi.HomeUnitID != units["Mukuru Kwa Njenga/Segment 1/Cluster 2/Cell 1"] || counts(akinyi) != "2/1/0/1/0" {
		t.Errorf("Akinyi's household: %+v (%s)", akinyi, counts(akinyi))
	}
	// An adult whose gender is not given: the women and men are not
	// counted, the children and youth are. A child's gender counts for
	// nothing.
	if juma.AgeBand != "18-24" || juma.HomeUnitID != units["Mukuru Kwa Njenga/Segment 1/Cluster 1/Cell 2"] || counts(juma) != "4/-/-/1/3" {
		t.Errorf("Juma's household: %+v (%s)", juma, counts(juma))
	}
	r = importBook(t, f, book, false)
	wantClean(t, r)
	if c, u, n := r.Totals(); c != 0 || u != 0 || n != 2 {
		t.Errorf("the same export again: %d new, %d updated, %d unchanged\n%s", c, u, n, problems(r))
	}
}

// A sheet without a survey tool's columns is read as a survey when the user
// says so; a cell name two clusters share needs its cluster.
func TestSurveyKindGiven(t *testing.T) {
	f, units := surveyWorkspace(t)
	book := writeBook(t, sheet{"Data", [][]any{
		{"respondent_name", "sex_of_head", "village", "cell", "household_size", "num_women", "num_men", "num_children"},
		{"Rose Nduta", "F", "Mukuru Kwa Njenga", "Cell 2", 6, 2, 1, 3},
		{"Samuel Kiptoo", "M", "", "Cell 1", 3, 1, 1, 1},
	}})
	r, err := Import(context.Background(), f, book, ImportOptions{Sheets: map[string]string{"Data": "Survey"}})
	if err != nil {
		t.Fatal(err)
	}
	wantProblem(t, r, "Data", 3, "cell", "2 community units are called “Cell 1”")
	// With the second household's cluster, both go in.
	book = writeBook(t, sheet{"Data", [][]any{
		{"respondent_name", "sex_of_head", "village", "cell", "household_size", "num_women", "num_men", "num_children"},
		{"Rose Nduta", "F", "Mukuru Kwa Njenga", "Cell 2", 6, 2, 1, 3},
		{"Samuel Kiptoo", "M", "Cluster 2", "Cell 1", 3, 1, 1, 1},
	}})
	r, err = Import(context.Background(), f, book, ImportOptions{Sheets: map[string]string{"Data": "Survey"}})
	if err != nil {
		t.Fatal(err)
	}
	wantClean(t, r)
	wantWarning(t, r, "Data", 1, "", "no column of submission IDs")
	people := peopleOf(t, f, "Samuel")
	if len(people) != 1 || people[0].HomeUnitID != units["Mukuru Kwa Njenga/Segment 1/Cluster 2/Cell 1"] || counts(people[0]) != "3/1/1/1/-" {
		t.Errorf("Samuel's household: %+v", people)
	}
	// Without the user's word the sheet is no survey.
	r = importBook(t, f, book, true)
	for _, s := range r.Sheets {
		if s.Records == "surveyed households" {
			t.Errorf("the sheet was read as a survey without being said to be one: %+v", s)
		}
	}
}

// The people a survey brought, with their submissions and head-counts, go
// out on the People sheet and come back the same.
func TestSurveyHouseholdsRoundTrip(t *testing.T) {
	src, _ := surveyWorkspace(t)
	wantClean(t, importBook(t, src, writeBook(t, sheet{"Household survey", [][]any{
		{"hh/head_name", "hh/head_gender", "hh/cell", "hh/size", "hh/num_women", "_uuid", "_submission_time", "_index"},
		{"Amina Otieno", "female", "Cell 2", 4, 0, koboAmina, "2026-05-02T09:32:10", 1},
		{"Wanjiru Kamau", "female", "Cluster 1 / Cell 1", 2, "", koboWanjiru, "2026-05-03T08:56:02", 2},
	}}), false))
	book := filepath.Join(t.TempDir(), "export.xlsx")
	if err := Export(context.Background(), src, book, ExportOptions{WithContacts: true}); err != nil {
		t.Fatal(err)
	}
	dst := newWorkspace(t)
	wantClean(t, importBook(t, dst, book, false))
	went, came := surveyed(t, src), surveyed(t, dst)
	if len(went) != 2 || len(came) != len(went) {
		t.Fatalf("%d households went out, %d came back", len(went), len(came))
	}
	for id, p := range went {
		q := came[id]
		p.Stamp, q.Stamp = workspace.Stamp{}, workspace.Stamp{}
		if p != q {
			t.Errorf("a household came back changed:\n%+v\n%+v", p, q)
		}
	}
	if p := came[koboAmina]; counts(p) != "4/0/-/-/-" {
		t.Errorf("Amina's household came back as %s", counts(p))
	}
	// Imported again, nothing changes.
	r := importBook(t, dst, book, true)
	if c, u, _ := r.Totals(); c != 0 || u != 0 {
		t.Errorf("the export imported again would change records: %s", r.Summary())
	}
}

// peopleOf lists the workspace's people whose name holds name.
func peopleOf(t *testing.T, f *workspace.File, name string) []workspace.Person {
	t.Helper()
	people, err := f.People(workspace.PersonFilter{NameContains: name})
	if err != nil {
		t.Fatal(err)
	}
	return people
}
