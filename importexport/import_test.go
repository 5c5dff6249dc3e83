package importexport

import (
	"context"
	"reflect"
	"sort"
	"strings"
	"testing"

	"cpw/workspace"
)

// Sheets and headers are found whatever their case, spacing or spelling;
// columns come in any order; extra columns are ignored and reported.
func TestImportFindsSheetsAndHeadersByName(t *testing.T) {
	f := newWorkspace(t)
	book := writeBook(t,
		sheet{"  ORGANIZATIONS ", [][]any{
			{"Favourite colour", "Acronym", "organization name", "TYPE", "Sectors"},
			{"blue", "MUF", "Muungano wa Wanavijiji", "Urban poor federation", "Land and institutional framework"},
			{"red", "AMT", "Akiba Mashinani Trust", "federation-support NGO", "finance; Housing, infrastructure and commerce"},
		}},
		sheet{"Contacts", [][]any{
			{"Email address", "Names", "Employer", "Sex", "Lives in settlement"},
			{"jane@example.org", "Jane Wanjiru", "AMT", "F", "yes"},
			{"", "Otieno Ouma", "Muungano wa Wanavijiji", "male", "No"},
		}},
	)
	r := importBook(t, f, book, false)
	wantClean(t, r)
	if !r.Written {
		t.Fatal("a clean import was not written")
	}
	if got := sheetResult(t, r, "  ORGANIZATIONS "); got.New != 2 || got.Records != "organisations" {
		t.Errorf("organisations: %+v", got)
	}
	if got := sheetResult(t, r, "Contacts"); got.New != 2 || got.Records != "people" {
		t.Errorf("people: %+v", got)
	}
	var ignored bool
	for _, p := range r.Problems {
		if p.Severity == Warning && p.Column == "Favourite colour" && p.Letter == "A" && strings.Contains(p.Message, "ignored") {
			ignored = true
		}
	}
	if !ignored {
		t.Errorf("the extra column was not reported:\n%s", problems(r))
	}
	orgs, _ := f.Organisations()
	if len(orgs) != 2 || orgs[0].Name != "Akiba Mashinani Trust" || orgs[0].Kind != "federation-support-ngo" || len(orgs[0].SectorIDs) != 2 {
		t.Fatalf("organisations: %+v", orgs)
	}
	people, _ := f.People(workspace.PersonFilter{})
	if len(people) != 2 || people[0].Name != "Jane Wanjiru" || people[0].Email != "jane@example.org" || people[0].Gender != "female" ||
		people[0].Resident != workspace.Yes || people[0].OrganisationID != orgs[0].ID {
		t.Fatalf("people: %+v", people)
	}
}

func TestImportAcceptsOtherNamesForSheets(t *testing.T) {
	for _, name := range []string{"Organisations", "Organizations", "Partners", "partners ", "ORGANISATION"} {
		if !organisationsSheet.matchesSheet(name) {
			t.Errorf("%q is not taken for organisations", name)
		}
	}
	email := peopleSheet.column("E-mail")
	for _, h := range []string{"E-mail", "Email", "email address", "E-Mail Address"} {
		if !email.matches(h) {
			t.Errorf("%q is not taken for E-mail", h)
		}
	}
}

// Every value is checked like an edit in the window, and each problem names
// its sheet, row and column.
func TestImportReportsEachProblemWhereItIs(t *testing.T) {
	f := newDemo(t)
	before := digest(t, f.Path())
	book := writeBook(t,
		sheet{"Organisations", [][]any{
			{"Name", "Kind", "Stance"},
			{"Good Org", "CSO / NGO", "Supportive"},
			{"", "CSO / NGO", ""},                     // row 3: blank name
			{"Bad Kind Org", "Charity", ""},           // row 4: unknown kind
			{"Bad Stance Org", "Academia", "Hostile"}, // row 5: unknown stance
		}},
		sheet{"People", [][]any{
			{"Name", "E-mail", "Organisation", "Phone"},
			{"Mary Achieng", "mary@", "Good Org", ""}, // row 2: bad e-mail
			{"Peter Kamau", "", "Nowhere Org", ""},    // row 3: no such organisation
			{"Grace Njeri", "", "Bad Kind Org", ""},   // row 4: its organisation failed
			{"Paul Mwangi", "", "", "call me"},        // row 5: bad phone
			{"Mary Achieng", "mary2@example.org", "Good Org", ""},
			{"Mary Achieng", "mary2@example.org", "Good Org", ""}, // row 7: same as row 6
		}},
		sheet{"Gaps", [][]any{
			{"Consortium", "Title", "Kind", "Estimated cost", "Secured"},
			{"WSE", "Hydrologist", "Expertise", "1,250,000", "KES 250 000"}, // numbers as text: fine
			{"NOPE", "Surveyor", "Expertise", "10", ""},                     // row 3: no such consortium
			{"WSE", "Drone", "Equipment", "lots", ""},                       // row 4: not a number
		}},
		sheet{"Members", [][]any{
			{"Consortium", "Organisation", "Joined on"},
			{"WSE", "Good Org", "31/02/2026"}, // row 2: not a date
			{"WSE", "Good Org", "3 March 2026"},
		}},
		sheet{"Meetings", [][]any{
			{"Kind", "Held on", "Title"},
			{"Public meeting", "", "Launch"}, // row 2: blank required date
		}},
	)
	r := importBook(t, f, book, false)
	wantProblem(t, r, "Organisations", 3, "Name", "Name is required")
	wantProblem(t, r, "Organisations", 4, "Kind", `“Charity” is not one of the choices for Kind`)
	wantProblem(t, r, "Organisations", 5, "Stance", `“Hostile” is not one of the choices`)
	wantProblem(t, r, "People", 2, "E-mail", "is not an e-mail address")
	wantProblem(t, r, "People", 3, "Organisation", `There is no organisation “Nowhere Org” in the workspace or in the workbook`)
	wantProblem(t, r, "People", 4, "Organisation", "row 4 of the Organisations sheet, which has a problem of its own")
	wantProblem(t, r, "People", 5, "Phone", "may hold only digits")
	wantProblem(t, r, "People", 7, "", "same person as row 6 of the People sheet")
	wantProblem(t, r, "Gaps", 3, "Consortium", `There is no consortium “NOPE”`)
	wantProblem(t, r, "Gaps", 4, "Estimated cost", `“lots” is not a whole number`)
	wantProblem(t, r, "Members", 2, "Joined on", `“31/02/2026” is not a date`)
	wantProblem(t, r, "Meetings", 2, "Held on", "Held on is required")
	if r.Written {
		t.Fatal("an import with errors was written")
	}
	if !strings.HasPrefix(r.Summary(), "Nothing was imported") {
		t.Errorf("summary: %s", r.Summary())
	}
	if after := digest(t, f.Path()); after != before {
		t.Fatal("a failed import changed the workspace file")
	}
	// The rows without problems were still checked and counted.
	if got := sheetResult(t, r, "Gaps"); got.New != 1 {
		t.Errorf("gaps: %+v", got)
	}
}

// Importing the same workbook twice updates, never duplicates; an edited
// cell updates only its record; a column the sheet lacks is never cleared.
func TestReimportUpdatesInsteadOfDuplicating(t *testing.T) {
	f := newWorkspace(t)
	rows := [][]any{
		{"Name", "Acronym", "Kind", "Notes"},
		{"Slum Dwellers International", "SDI", "International / regional organisation", "network"},
		{"Strathmore University", "", "Academia", ""},
	}
	book := writeBook(t, sheet{"Organisations", rows})
	wantClean(t, importBook(t, f, book, false))
	r := importBook(t, f, book, false)
	wantClean(t, r)
	if got := sheetResult(t, r, "Organisations"); got.New != 0 || got.Unchanged != 2 {
		t.Fatalf("second import: %+v", got)
	}
	// Matched by acronym, without regard to case; Notes absent: kept.
	book = writeBook(t, sheet{"Partners", [][]any{{"Acronym", "Name", "Kind"}, {"sdi", "Slum Dwellers International", "Funder"}}})
	r = importBook(t, f, book, false)
	wantClean(t, r)
	if got := sheetResult(t, r, "Partners"); got.Updated != 1 || got.New != 0 {
		t.Fatalf("third import: %+v", got)
	}
	orgs, _ := f.Organisations()
	if len(orgs) != 2 || orgs[0].Kind != "funder" || orgs[0].Notes != "network" {
		t.Fatalf("after the update: %+v", orgs)
	}
	// The change log has what the import added, per sheet, and each change
	// with what changed.
	log, _ := f.Changes(workspace.ChangeFilter{Entity: "organisation"})
	var added, changed bool
	for _, c := range log {
		added = added || (c.Action == "import" && c.Summary == "Imported 2 new organisations from the sheet “Organisations” of book.xlsx")
		changed = changed || (c.Action == "update" && strings.Contains(c.Summary, "Slum Dwellers International") && strings.Contains(c.Summary, "“funder”"))
	}
	if !added || !changed {
		t.Errorf("change log: %+v", log)
	}
	// People: by e-mail, else by name and organisation.
	people := [][]any{{"Name", "Organisation", "E-mail", "Position"}, {"Anne Wairimu", "SDI", "anne@example.org", "Lead"}, {"John Otieno", "Strathmore University", "", "Lecturer"}}
	wantClean(t, importBook(t, f, writeBook(t, sheet{"People", people}), false))
	people[1][0], people[1][3] = "Anne W. Wairimu", "Director" // renamed, same e-mail
	people[2][3] = "Professor"
	r = importBook(t, f, writeBook(t, sheet{"People", people}), false)
	wantClean(t, r)
	if got := sheetResult(t, r, "People"); got.Updated != 2 || got.New != 0 {
		t.Fatalf("people again: %+v", got)
	}
	all, _ := f.People(workspace.PersonFilter{})
	if len(all) != 2 || all[0].Name != "Anne W. Wairimu" || all[1].Position != "Professor" {
		t.Fatalf("people: %+v", all)
	}
}

// A dry run reports what an import would do and writes nothing.
func TestDryRunWritesNothing(t *testing.T) {
	f := newDemo(t)
	before := digest(t, f.Path())
	book := writeBook(t, sheet{"Organisations", [][]any{{"Name", "Kind"}, {"New Partner", "Media"}}})
	r := importBook(t, f, book, true)
	wantClean(t, r)
	if r.Written || sheetResult(t, r, "Organisations").New != 1 || !strings.Contains(r.Summary(), "can be imported") {
		t.Fatalf("dry run: %+v %s", r, r.Summary())
	}
	if digest(t, f.Path()) != before {
		t.Fatal("a dry run changed the file")
	}
}

// A cancelled import writes nothing.
func TestCancelledImportWritesNothing(t *testing.T) {
	f := newDemo(t)
	before := digest(t, f.Path())
	rows := [][]any{{"Name"}}
	for i := 0; i < 2000; i++ {
		rows = append(rows, []any{"Person " + strings.Repeat("x", i%7) + string(rune('A'+i%26)) + strings.Repeat("y", i/26)})
	}
	book := writeBook(t, sheet{"People", rows})
	ctx, cancel := context.WithCancel(context.Background())
	_, err := Import(ctx, f, book, ImportOptions{Progress: func(done, total int, what string) {
		if done > 300 {
			cancel()
		}
	}})
	if err == nil || !strings.Contains(err.Error(), "Cancelled") {
		t.Fatalf("want a cancellation, got %v", err)
	}
	if digest(t, f.Path()) != before {
		t.Fatal("a cancelled import changed the file")
	}
}

// A 3W/4W matrix, with its HXL hashtag row, gives organisations and their
// sectors; the same organisation on several rows is one organisation.
func TestImport3WWithHXLRow(t *testing.T) {
	f := newWorkspace(t)
	book := writeBook(t, sheet{"3W Nairobi", [][]any{
		{"Organisation", "Org type", "Sector", "County", "Sub-county", "Activity"},
		{"#org+name", "#org+type", "#sector", "#adm1+name", "#adm2+name", "#activity"},
		{"Kenya Red Cross", "NGO", "WASH", "Nairobi", "Embakasi South", "Water trucking"},
		{"Kenya Red Cross", "NGO", "Health", "Nairobi", "Makadara", "Clinics"},
		{"UN-Habitat", "UN agency", "Shelter", "Nairobi", "Embakasi South", "Housing survey"},
		{"Pamoja Trust", "", "Protection", "Nairobi", "Makadara", "Paralegals"},
	}})
	r := importBook(t, f, book, false)
	wantClean(t, r)
	if got := sheetResult(t, r, "3W Nairobi"); got.New != 3 || got.Records != "organisations (3W)" {
		t.Fatalf("3W: %+v", got)
	}
	orgs, _ := f.Organisations()
	sectors, _ := f.Sectors()
	name := map[string]string{}
	for _, s := range sectors {
		name[s.ID] = s.Name
	}
	got := map[string][]string{}
	kinds := map[string]string{}
	for _, o := range orgs {
		for _, id := range o.SectorIDs {
			got[o.Name] = append(got[o.Name], name[id])
		}
		kinds[o.Name] = o.Kind
	}
	if len(got["Kenya Red Cross"]) != 2 || len(got["UN-Habitat"]) != 1 || !strings.HasPrefix(got["UN-Habitat"][0], "Housing") {
		t.Errorf("sectors: %v", got)
	}
	if kinds["Kenya Red Cross"] != "ngo" || kinds["UN-Habitat"] != "international" || kinds["Pamoja Trust"] != "other" {
		t.Errorf("kinds: %v", kinds)
	}
	var protection, location bool
	for _, p := range r.Problems {
		protection = protection || (p.Severity == Warning && strings.Contains(p.Message, `“Protection”`))
		// The places are kept with each row's activity, not ignored.
		location = location || (p.Severity == Warning && p.Column == "County" && p.Letter == "D" && strings.Contains(p.Message, "kept as written"))
	}
	if !protection || !location {
		t.Errorf("warnings missing:\n%s", problems(r))
	}
}

// Export then import into a new workspace gives the same records, field by
// field, and the same counts.
func TestRoundTripExportImport(t *testing.T) {
	src := newDemo(t)
	book := t.TempDir() + "/export.xlsx"
	if err := Export(context.Background(), src, book, ExportOptions{WithContacts: true}); err != nil {
		t.Fatal(err)
	}
	dst := newWorkspace(t)
	r := importBook(t, dst, book, false)
	wantClean(t, r)
	for _, p := range r.Problems {
		t.Logf("%+v", p)
	}
	a, b := countsOf(t, src), countsOf(t, dst)
	a.Changes, b.Changes = 0, 0
	if a != b {
		t.Fatalf("counts differ:\n%+v\n%+v", a, b)
	}
	sameRecords(t, src, dst)
	// Imported again: nothing changes.
	r = importBook(t, dst, book, true)
	wantClean(t, r)
	if c, u, _ := r.Totals(); c != 0 || u != 0 {
		t.Fatalf("a second import would change records: %s", r.Summary())
	}
}

func countsOf(t *testing.T, f *workspace.File) workspace.Counts {
	c, err := f.Counts()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// sameRecords compares every exported kind of record of two workspaces by
// id, without their stamps. Roles and sectors are matched by name, since a
// new workspace seeds its own.
func sameRecords(t *testing.T, a, b *workspace.File) {
	t.Helper()
	ra, rb := mustBook(t, a), mustBook(t, b)
	roleName := func(bk *book, id string) string { return bk.names.roles[id] }
	sectorNames := func(bk *book, ids []string) []string { return mapNames(bk.names.sectors, ids) }
	compare := func(kind string, x, y any) {
		t.Helper()
		if !reflect.DeepEqual(x, y) {
			t.Errorf("%s differ:\n%+v\n%+v", kind, x, y)
		}
	}
	byID := func(n int, id func(i int) string) map[string]int {
		m := map[string]int{}
		for i := 0; i < n; i++ {
			m[id(i)] = i
		}
		return m
	}
	ib := byID(len(rb.organisations), func(i int) string { return rb.organisations[i].ID })
	for _, o := range ra.organisations {
		p := rb.organisations[ib[o.ID]]
		if !reflect.DeepEqual(sectorNames(ra, o.SectorIDs), sectorNames(rb, p.SectorIDs)) {
			t.Errorf("sectors of %s differ", o.Name)
		}
		o.SectorIDs, p.SectorIDs, o.Stamp, p.Stamp = nil, nil, workspace.Stamp{}, workspace.Stamp{}
		compare("organisations", o, p)
	}
	ib = byID(len(rb.people), func(i int) string { return rb.people[i].ID })
	for _, x := range ra.people {
		y := rb.people[ib[x.ID]]
		x.Stamp, y.Stamp = workspace.Stamp{}, workspace.Stamp{}
		compare("people", x, y)
	}
	ib = byID(len(rb.units), func(i int) string { return rb.units[i].ID })
	for _, x := range ra.units {
		y := rb.units[ib[x.ID]]
		x.Stamp, y.Stamp = workspace.Stamp{}, workspace.Stamp{}
		compare("units", x, y)
	}
	ib = byID(len(rb.consortia), func(i int) string { return rb.consortia[i].ID })
	for _, x := range ra.consortia {
		y := rb.consortia[ib[x.ID]]
		if !reflect.DeepEqual(sectorNames(ra, x.SectorIDs), sectorNames(rb, y.SectorIDs)) {
			t.Errorf("sectors of %s differ", x.Code)
		}
		x.SectorIDs, y.SectorIDs, x.Stamp, y.Stamp = nil, nil, workspace.Stamp{}, workspace.Stamp{}
		compare("consortia", x, y)
	}
	ib = byID(len(rb.members), func(i int) string { return rb.members[i].ID })
	for _, x := range ra.members {
		y := rb.members[ib[x.ID]]
		x.Stamp, y.Stamp = workspace.Stamp{}, workspace.Stamp{}
		compare("members", x, y)
	}
	ib = byID(len(rb.assignments), func(i int) string { return rb.assignments[i].ID })
	for _, x := range ra.assignments {
		y := rb.assignments[ib[x.ID]]
		if roleName(ra, x.RoleID) != roleName(rb, y.RoleID) {
			t.Errorf("role of assignment %s differs", x.ID)
		}
		x.RoleID, y.RoleID, x.Stamp, y.Stamp = "", "", workspace.Stamp{}, workspace.Stamp{}
		compare("assignments", x, y)
	}
	ib = byID(len(rb.gaps), func(i int) string { return rb.gaps[i].ID })
	for _, x := range ra.gaps {
		y := rb.gaps[ib[x.ID]]
		if roleName(ra, x.RoleID) != roleName(rb, y.RoleID) {
			t.Errorf("role of gap %s differs", x.Title)
		}
		x.RoleID, y.RoleID, x.Stamp, y.Stamp = "", "", workspace.Stamp{}, workspace.Stamp{}
		compare("gaps", x, y)
	}
	ib = byID(len(rb.meetings), func(i int) string { return rb.meetings[i].ID })
	for _, x := range ra.meetings {
		y := rb.meetings[ib[x.ID]]
		for _, m := range []*workspace.Meeting{&x, &y} {
			m.Stamp = workspace.Stamp{}
			m.AttendeeIDs = append([]string{}, m.AttendeeIDs...)
			sort.Strings(m.AttendeeIDs)
			m.ConsortiumIDs = append([]string{}, m.ConsortiumIDs...)
			sort.Strings(m.ConsortiumIDs)
		}
		compare("meetings", x, y)
	}
	ib = byID(len(rb.candidates), func(i int) string { return rb.candidates[i].ID })
	if len(ra.candidates) == 0 || len(ra.decisions) == 0 || len(ra.actions) == 0 {
		t.Errorf("the demo has %d candidates, %d decisions, %d actions: nothing to compare", len(ra.candidates), len(ra.decisions), len(ra.actions))
	}
	if len(ra.candidates) != len(rb.candidates) || len(ra.decisions) != len(rb.decisions) || len(ra.actions) != len(rb.actions) {
		t.Errorf("candidates %d/%d, decisions %d/%d, actions %d/%d", len(ra.candidates), len(rb.candidates),
			len(ra.decisions), len(rb.decisions), len(ra.actions), len(rb.actions))
	}
	for _, x := range ra.candidates {
		y := rb.candidates[ib[x.ID]]
		x.Stamp, y.Stamp = workspace.Stamp{}, workspace.Stamp{}
		compare("candidates", x, y)
	}
	ib = byID(len(rb.decisions), func(i int) string { return rb.decisions[i].ID })
	for _, x := range ra.decisions {
		y := rb.decisions[ib[x.ID]]
		x.Stamp, y.Stamp = workspace.Stamp{}, workspace.Stamp{}
		compare("decisions", x, y)
	}
	ib = byID(len(rb.actions), func(i int) string { return rb.actions[i].ID })
	for _, x := range ra.actions {
		y := rb.actions[ib[x.ID]]
		x.Stamp, y.Stamp = workspace.Stamp{}, workspace.Stamp{}
		compare("actions", x, y)
	}
	ib = byID(len(rb.activities), func(i int) string { return rb.activities[i].ID })
	if len(ra.activities) != len(rb.activities) {
		t.Errorf("activities %d/%d", len(ra.activities), len(rb.activities))
	}
	for _, x := range ra.activities {
		y := rb.activities[ib[x.ID]]
		if ra.names.sectors[x.SectorID] != rb.names.sectors[y.SectorID] {
			t.Errorf("sector of activity %s differs", x.Description)
		}
		x.SectorID, y.SectorID, x.Stamp, y.Stamp = "", "", workspace.Stamp{}, workspace.Stamp{}
		compare("activities", x, y)
	}
	ib = byID(len(rb.roles), func(i int) string { return rb.roles[i].Name })
	for _, x := range ra.roles {
		y := rb.roles[ib[x.Name]]
		x.ID, y.ID, x.Key, y.Key, x.Stamp, y.Stamp = "", "", "", "", workspace.Stamp{}, workspace.Stamp{}
		compare("roles", x, y)
	}
}

func mustBook(t *testing.T, f *workspace.File) *book {
	b, err := readBook(f)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
