package importexport

import (
	"context"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"cpw/workspace"
)

// rosterPlace is a workspace with a community structure and the partners a
// mobilizer roster names.
type rosterPlace struct {
	f                                *workspace.File
	area, vietnam, kosovo, vietnamC1 workspace.Unit
	muungano, amt, sdi               workspace.Organisation
}

func newRosterPlace(t *testing.T) *rosterPlace {
	t.Helper()
	f := newWorkspace(t)
	f.Now = func() time.Time { return testDay }
	unit := func(parent, level, name string) workspace.Unit {
		u, err := f.CreateUnit(workspace.Unit{ParentID: parent, Level: level, Name: name})
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	org := func(name, acronym, kind string) workspace.Organisation {
		o, err := f.CreateOrganisation(workspace.Organisation{Name: name, Acronym: acronym, Kind: kind})
		if err != nil {
			t.Fatal(err)
		}
		return o
	}
	p := &rosterPlace{f: f}
	p.area = unit("", "area", "Mukuru Kwa Njenga")
	p.vietnam = unit(p.area.ID, "segment", "Vietnam")
	p.kosovo = unit(p.area.ID, "segment", "Kosovo")
	p.vietnamC1 = unit(p.vietnam.ID, "cluster", "Vietnam C1")
	unit(p.vietnamC1.ID, "cell", "Vietnam C1-01")
	p.muungano = org("Muungano wa Wanavijiji", "", "federation")
	p.amt = org("Akiba Mashinani Trust", "AMT", "federation-support-ngo")
	p.sdi = org("Slum Dwellers International Kenya", "", "federation-support-ngo")
	org("Kenya Red Cross Society", "KRCS", "ngo")
	return p
}

func (p *rosterPlace) role(t *testing.T, key string) workspace.Role {
	t.Helper()
	r, err := p.f.RoleByKey(key)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// assignmentsResult returns the count of the assignments a sheet's rows made.
func assignmentsResult(t *testing.T, r *Report, sheet string) SheetResult {
	t.Helper()
	for _, s := range r.Sheets {
		if s.Sheet == sheet && s.Records == "assignments" {
			return s
		}
	}
	t.Fatalf("no count of assignments for the sheet %s:\n%s", sheet, problems(r))
	return SheetResult{}
}

// A mobilizer roster as partners keep it: each row makes or updates the
// person, links them to their organisation (written with a note in
// brackets) and their home unit, and assigns the role it names, in their
// home unit for a role held in a unit, in the initiative for one held
// there; the household representative's unit says which representative
// role. Imported again, it makes nothing twice.
func TestRosterRowsMakePeopleAndTheirRoles(t *testing.T) {
	p := newRosterPlace(t)
	roster := sheet{"Mobilizers", [][]any{
		{"Name", "Sex", "Age", "Phone Number", "Village", "Organisation", "Role", "Date joined"},
		{"Achieng Otieno", "F", 23, "0712 345 001", "Vietnam", "Muungano wa Wanavijiji (federation)", "Mobilizer", ""},
		{"Brian Kiprono", "M", "31 yrs", "+254 722 000 111", "Mukuru Kwa Njenga / Kosovo", "Muungano wa Wanavijiji (federation)", "Community mobiliser", "2025-03-10"},
		{"Catherine Wambui", "Female", 45, "722111222", "Vietnam C1", "Akiba Mashinani Trust", "Household representative", ""},
		{"David Mwangi", "male", 28, "0733 444 555", "Kosovo", "AMT", "Mobilizer; Co-researcher", ""},
	}}
	book := writeBook(t, roster)
	r := importBook(t, p.f, book, false)
	wantClean(t, r)
	if got := sheetResult(t, r, "Mobilizers"); got.New != 4 {
		t.Errorf("people: %+v", got)
	}
	if got := assignmentsResult(t, r, "Mobilizers"); got.New != 5 || got.Unchanged != 0 {
		t.Errorf("assignments: %+v\n%s", got, problems(r))
	}
	// The roles given without a start date start on the day of the
	// import, and the report says so once for the sheet.
	if !strings.Contains(problems(r), "4 roles given on this sheet without a start date were recorded as starting on") {
		t.Errorf("the undated roles are not said:\n%s", problems(r))
	}
	// The note in brackets is read, and the report says so once.
	wantWarning(t, r, "Mobilizers", 2, "Organisation", "was read as Muungano wa Wanavijiji")
	notes := 0
	for _, pr := range r.Problems {
		if strings.Contains(pr.Message, "the part in brackets was taken as a note") {
			notes++
		}
	}
	if notes != 1 {
		t.Errorf("the note was told %d times, not once:\n%s", notes, problems(r))
	}

	people, err := p.f.People(workspace.PersonFilter{})
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]workspace.Person{}
	for _, x := range people {
		byName[x.Name] = x
	}
	want := []struct {
		name, org, gender, age, phone, home string
	}{
		{"Achieng Otieno", p.muungano.ID, "female", "18-24", "0712 345 001", p.vietnam.ID},
		{"Brian Kiprono", p.muungano.ID, "male", "25-35", "+254 722 000 111", p.kosovo.ID},
		{"Catherine Wambui", p.amt.ID, "female", "36-59", "0722111222", p.vietnamC1.ID},
		{"David Mwangi", p.amt.ID, "male", "25-35", "0733 444 555", p.kosovo.ID},
	}
	if len(people) != len(want) {
		t.Fatalf("%d people: %+v", len(people), people)
	}
	for _, w := range want {
		x, ok := byName[w.name]
		switch {
		case !ok:
			t.Errorf("%s was not imported", w.name)
		case x.OrganisationID != w.org:
			t.Errorf("%s: organisation %q, want %q", w.name, x.OrganisationID, w.org)
		case x.Gender != w.gender:
			t.Errorf("%s: gender %q, want %q", w.name, x.Gender, w.gender)
		case x.AgeBand != w.age:
			t.Errorf("%s: age band %q, want %q", w.name, x.AgeBand, w.age)
		case x.Phone != w.phone:
			t.Errorf("%s: phone %q, want %q", w.name, x.Phone, w.phone)
		case x.HomeUnitID != w.home:
			t.Errorf("%s: home unit %q, want %q", w.name, x.HomeUnitID, w.home)
		}
	}

	mobilizer := p.role(t, workspace.RoleCommunityMobilizer)
	coResearcher := p.role(t, workspace.RoleCommunityCoResearcher)
	clusterRep := p.role(t, workspace.RoleRepresentativeCluster)
	type held struct{ role, person, unit, start string }
	wantHeld := []held{
		{mobilizer.ID, byName["Achieng Otieno"].ID, p.vietnam.ID, "2026-06-01"},
		{mobilizer.ID, byName["Brian Kiprono"].ID, p.kosovo.ID, "2025-03-10"},
		{clusterRep.ID, byName["Catherine Wambui"].ID, p.vietnamC1.ID, "2026-06-01"},
		{mobilizer.ID, byName["David Mwangi"].ID, p.kosovo.ID, "2026-06-01"},
		{coResearcher.ID, byName["David Mwangi"].ID, "", "2026-06-01"},
	}
	heldNow := func() []held {
		as, err := p.f.Assignments(workspace.AssignmentFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var out []held
		for _, a := range as {
			if a.OrganisationID != "" || a.ConsortiumID != "" || a.EndOn != "" || a.FollowsID != "" {
				t.Errorf("assignment %+v: more than the roster says", a)
			}
			out = append(out, held{a.RoleID, a.PersonID, a.UnitID, a.StartOn})
		}
		return out
	}
	same := func(got, want []held) bool {
		less := func(s []held) func(i, j int) bool {
			return func(i, j int) bool { return s[i].person+s[i].role < s[j].person+s[j].role }
		}
		sort.Slice(got, less(got))
		sort.Slice(want, less(want))
		if len(got) != len(want) {
			return false
		}
		for i := range got {
			if got[i] != want[i] {
				return false
			}
		}
		return true
	}
	if got := heldNow(); !same(got, wantHeld) {
		t.Errorf("assignments:\n%+v\nwant\n%+v", got, wantHeld)
	}

	// Imported again: no person, no assignment twice.
	r = importBook(t, p.f, book, false)
	wantClean(t, r)
	if got := sheetResult(t, r, "Mobilizers"); got.New != 0 || got.Updated != 0 || got.Unchanged != 4 {
		t.Errorf("people again: %+v", got)
	}
	if got := assignmentsResult(t, r, "Mobilizers"); got.New != 0 || got.Unchanged != 5 {
		t.Errorf("assignments again: %+v", got)
	}
	if got := heldNow(); !same(got, wantHeld) {
		t.Errorf("assignments after importing again:\n%+v", got)
	}

	// Another start for a role held already is told, and the recorded one kept.
	r = importBook(t, p.f, writeBook(t, sheet{"Mobilizers", [][]any{
		{"Name", "Village", "Role", "Since"}, {"Brian Kiprono", "Kosovo", "Mobilizer", "2025-04-01"}}}), false)
	wantClean(t, r)
	wantWarning(t, r, "Mobilizers", 2, "Role", "has held Community mobilizer since 2025-03-10, not 2025-04-01")
	if got := heldNow(); !same(got, wantHeld) {
		t.Errorf("assignments after another start:\n%+v", got)
	}
}

// A role a roster cannot place is a problem of its row, as is a role that
// is no role: a representative whose home is an area, a role held in a
// consortium, a mobilizer without a home.
func TestRosterRolesThatCannotBePlaced(t *testing.T) {
	p := newRosterPlace(t)
	r := importBook(t, p.f, writeBook(t, sheet{"Mobilizers", [][]any{
		{"Name", "Village", "Role"},
		{"Esther Njeri", "Mukuru Kwa Njenga", "Household representative"},
		{"Faith Achieng", "Vietnam", "Technical lead (civil society)"},
		{"George Ouma", "", "Mobilizer"},
		{"Hassan Ali", "Kosovo", "Mobilizer trainer"},
	}}), false)
	wantProblem(t, r, "Mobilizers", 2, "Role", "but the Home unit Mukuru Kwa Njenga is not one")
	wantProblem(t, r, "Mobilizers", 3, "Role", "is held in a consortium, which this sheet does not say")
	wantProblem(t, r, "Mobilizers", 4, "Role", "give the person's Home unit")
	wantProblem(t, r, "Mobilizers", 5, "Role", "There is no role “Mobilizer trainer”: did you mean Community mobilizer?")
	if r.Written {
		t.Error("a roster with problems was written")
	}
}

// A partner list with its consortia: the partners' sectors written as the
// codes of consortia the workbook adds mean those consortia's sectors, and
// the consortia's lead columns assign their county and civil-society leads
// to the organisations named. Imported again, nothing is assigned twice.
func TestPartnerListAssignsConsortiumLeads(t *testing.T) {
	f := newWorkspace(t)
	f.Now = func() time.Time { return testDay }
	consortia := [][]string{
		// code, name, sectors, county lead, civil-society lead
		{"WSE", "Water, Sanitation and Energy", "Water, sanitation and energy", "Nairobi City County Water Department", "AMT"},
		{"HIC", "Housing, Infrastructure and Commerce", "Housing, infrastructure and commerce", "Nairobi City County Housing Department", "Slum Dwellers International Kenya"},
		{"HEA", "Health Services", "Health", "Nairobi City County Health Department", "Amref Health Africa"},
		{"EYC", "Education, Youth and Culture", "Education, youth and culture", "Nairobi City County Education Department", "Strathmore University"},
		{"LIF", "Land and Institutional Framework", "Land and institutional framework", "Nairobi City County Lands Department", "Pamoja Trust (lead)"},
		{"ENR", "Environment and Natural Resources", "Environment and natural resources", "Nairobi City County Environment Department", "Natural Justice"},
		{"FIN", "Finance", "Finance", "Nairobi City County Finance Department", "Muungano wa Wanavijiji; Akiba Mashinani Trust"},
		{"CCO", "Coordination and Communication", "Coordination, community organisation and communication", "Nairobi City County Urban Planning Department", ""},
	}
	cons := sheet{"Consortia", [][]any{{"Code", "Name", "Sectors", "Lead (County)", "Lead (CSO)"}}}
	partners := sheet{"Partners", [][]any{{"Name", "Acronym", "Type", "Sectors"}}}
	for _, c := range consortia {
		cons.rows = append(cons.rows, []any{c[0], c[1], c[2], c[3], c[4]})
		partners.rows = append(partners.rows, []any{c[3], "", "County department", c[0]})
	}
	partners.rows = append(partners.rows,
		[]any{"Akiba Mashinani Trust", "AMT", "Federation support NGO", "WSE, HIC"},
		[]any{"Slum Dwellers International Kenya", "", "Federation support NGO", "HIC, LIF"},
		[]any{"Amref Health Africa", "", "NGO", "HEA"},
		[]any{"Strathmore University", "", "University", "EYC; ENR"},
		[]any{"Pamoja Trust", "", "NGO", "LIF"},
		[]any{"Natural Justice", "", "NGO", "Environment and natural resources, Land and institutional framework"},
		[]any{"Muungano wa Wanavijiji", "", "Federation", "Water, sanitation and energy, FIN"},
	)
	book := writeBook(t, partners, cons)
	r := importBook(t, f, book, false)
	wantClean(t, r)
	if got := assignmentsResult(t, r, "Consortia"); got.New != 16 {
		t.Errorf("leads: %+v\n%s", got, problems(r))
	}
	wantWarning(t, r, "Consortia", 6, "Lead (CSO)", "was read as Pamoja Trust")
	if strings.Contains(problems(r), "who still does") {
		t.Errorf("two leads named in one cell are told of each other:\n%s", problems(r))
	}

	// The sectors.
	sectors, _ := f.Sectors()
	sectorName := map[string]string{}
	for _, s := range sectors {
		sectorName[s.ID] = s.Name
	}
	orgs, _ := f.Organisations()
	orgByName, orgName := map[string]workspace.Organisation{}, map[string]string{}
	for _, o := range orgs {
		orgByName[o.Name], orgName[o.ID] = o, o.Name
	}
	wantSectors := map[string][]string{
		"Akiba Mashinani Trust":                  {"Housing, infrastructure and commerce", "Water, sanitation and energy"},
		"Slum Dwellers International Kenya":      {"Housing, infrastructure and commerce", "Land and institutional framework"},
		"Strathmore University":                  {"Education, youth and culture", "Environment and natural resources"},
		"Natural Justice":                        {"Environment and natural resources", "Land and institutional framework"},
		"Muungano wa Wanavijiji":                 {"Finance", "Water, sanitation and energy"},
		"Nairobi City County Finance Department": {"Finance"},
	}
	for name, want := range wantSectors {
		got := mapNames(sectorName, orgByName[name].SectorIDs)
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%s: sectors %q, want %q", name, got, want)
		}
	}

	// The leads.
	county, civil := roleByKey(t, f, workspace.RoleTechnicalLeadGovernment), roleByKey(t, f, workspace.RoleTechnicalLeadCivil)
	leads := func() map[string]string {
		as, err := f.Assignments(workspace.AssignmentFilter{})
		if err != nil {
			t.Fatal(err)
		}
		all, _ := f.Consortia()
		code := map[string]string{}
		for _, c := range all {
			code[c.ID] = c.Code
		}
		out := map[string]string{}
		for _, a := range as {
			if a.PersonID != "" || a.UnitID != "" || a.EndOn != "" || a.StartOn != "2026-06-01" {
				t.Errorf("lead %+v: not as the workbook says", a)
			}
			which := map[string]string{county.ID: "county", civil.ID: "civil"}[a.RoleID]
			k := code[a.ConsortiumID] + " " + which
			out[k] = strings.TrimPrefix(out[k]+"; "+orgName[a.OrganisationID], "; ")
		}
		return out
	}
	got := leads()
	for _, c := range consortia {
		if got[c[0]+" county"] != c[3] {
			t.Errorf("%s county lead: %q, want %q", c[0], got[c[0]+" county"], c[3])
		}
	}
	wantCivil := map[string]string{"WSE": "Akiba Mashinani Trust", "HIC": "Slum Dwellers International Kenya", "HEA": "Amref Health Africa",
		"EYC": "Strathmore University", "LIF": "Pamoja Trust", "ENR": "Natural Justice", "FIN": "Akiba Mashinani Trust; Muungano wa Wanavijiji", "CCO": ""}
	for code, want := range wantCivil {
		names := strings.Split(got[code+" civil"], "; ")
		sort.Strings(names)
		if strings.Join(names, "; ") != want {
			t.Errorf("%s civil-society lead: %q, want %q", code, got[code+" civil"], want)
		}
	}

	// Imported again: every lead is there already.
	r = importBook(t, f, book, false)
	wantClean(t, r)
	if got := assignmentsResult(t, r, "Consortia"); got.New != 0 || got.Unchanged != 16 {
		t.Errorf("leads again: %+v", got)
	}
	if again := leads(); len(again) != len(got) {
		t.Errorf("leads after importing again: %v", again)
	}
	for k, v := range got {
		if leads()[k] != v {
			t.Errorf("%s: %q after importing again, was %q", k, leads()[k], v)
		}
	}

	// Another lead named while the first still leads: both lead, and the
	// report says so.
	r = importBook(t, f, writeBook(t, sheet{"Consortia", [][]any{{"Code", "County lead"}, {"WSE", "Nairobi City County Housing Department"}}}), false)
	wantClean(t, r)
	wantWarning(t, r, "Consortia", 2, "County lead", "Nairobi City County Housing Department now leads WSE", "beside Nairobi City County Water Department")
	if got := leads()["WSE county"]; got != "Nairobi City County Water Department; Nairobi City County Housing Department" &&
		got != "Nairobi City County Housing Department; Nairobi City County Water Department" {
		t.Errorf("WSE county leads: %q", got)
	}
}

func roleByKey(t *testing.T, f *workspace.File, key string) workspace.Role {
	t.Helper()
	r, err := f.RoleByKey(key)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// An organisation written otherwise than the workspace has it is not
// guessed: the error names the one most likely meant, a plan lists it for
// the user to confirm, and the user's answer imports the row.
func TestReferenceSuggestedThenAnswered(t *testing.T) {
	p := newRosterPlace(t)
	if _, err := p.f.CreateOrganisation(workspace.Organisation{Name: "Caritas Switzerland", Kind: "ngo"}); err != nil {
		t.Fatal(err)
	}
	book := writeBook(t, sheet{"People", [][]any{
		{"Name", "Organisation"},
		{"Irene Mutua", "SDI Kenya"},
		{"James Kamau", "Caritas (Caritas Switzerland)"},
		{"Kevin Odhiambo", "Nowhere Org"},
	}})
	r := importBook(t, p.f, book, false)
	wantProblem(t, r, "People", 2, "Organisation", "There is no organisation “SDI Kenya”: did you mean Slum Dwellers International Kenya?")
	wantProblem(t, r, "People", 3, "Organisation", "did you mean Caritas Switzerland?")
	wantProblem(t, r, "People", 4, "Organisation", "There is no organisation “Nowhere Org” in the workspace or in the workbook.")
	if people, _ := p.f.People(workspace.PersonFilter{}); len(people) != 0 {
		t.Fatalf("a suggestion was applied without the user's word: %+v", people)
	}

	m, _, err := PlanMapping(context.Background(), p.f, book, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	values := map[string]ValueMapping{}
	for _, v := range m.Values {
		values[v.Value] = v
	}
	if v := values["SDI Kenya"]; v.Kind != "People" || v.Column != "Organisation" || v.Means != "Slum Dwellers International Kenya" || !v.Suggested {
		t.Errorf("SDI Kenya in the plan: %+v", v)
	}
	if v := values["Nowhere Org"]; v.Means != "" || !v.Suggested {
		t.Errorf("Nowhere Org should be a question: %+v", v)
	}

	answered := writeBook(t, sheet{"People", [][]any{{"Name", "Organisation"}, {"Irene Mutua", "SDI Kenya"}}})
	r, err = Import(context.Background(), p.f, answered, ImportOptions{Mapping: &Mapping{Values: []ValueMapping{
		{Kind: "People", Column: "Organisation", Value: "SDI Kenya", Means: "Slum Dwellers International Kenya"}}}})
	if err != nil {
		t.Fatal(err)
	}
	wantClean(t, r)
	people, _ := p.f.People(workspace.PersonFilter{})
	if len(people) != 1 || people[0].Name != "Irene Mutua" || people[0].OrganisationID != p.sdi.ID {
		t.Errorf("people: %+v", people)
	}
}

// The suggestions for references: initials, words in common, a note in
// brackets; never a record that shares only a common word.
func TestSuggestRecord(t *testing.T) {
	candidates := []refCandidate{
		{"sdi", []string{"Slum Dwellers International Kenya", ""}},
		{"amt", []string{"Akiba Mashinani Trust", ""}},
		{"krcs", []string{"Kenya Red Cross Society", "KRCS"}},
		{"moh", []string{"Ministry of Health", ""}},
		{"caritas", []string{"Caritas Switzerland", ""}},
		{"good", []string{"Good Org", ""}},
		{"pamoja", []string{"Pamoja Trust", ""}},
	}
	for written, want := range map[string]string{
		"SDI Kenya": "sdi", "AMT": "amt", "Akiba Mashinani": "amt", "MoH": "moh", "Red Cross": "krcs",
		"Caritas (Caritas Switzerland)": "caritas", "Pamoja Trst": "pamoja", "Kenya Red Cross": "krcs",
		"Nowhere Org": "", "Trust": "", "xyzzy": "",
	} {
		got, ok := suggestRecord(written, candidates)
		if !ok {
			got = ""
		}
		if got != want {
			t.Errorf("“%s”: suggested %q, want %q", written, got, want)
		}
	}
}

// A list in one cell splits on semicolons and line breaks, and on commas
// only where every piece names a record.
func TestSplitRefs(t *testing.T) {
	known := map[string]bool{"water, sanitation and energy": true, "health": true, "wse": true, "hic": true}
	names := func(s string) bool { return known[strings.ToLower(strings.TrimSpace(s))] }
	for cell, want := range map[string]string{
		"WSE, HIC":                             "WSE|HIC",
		"Water, sanitation and energy":         "Water, sanitation and energy",
		"Water, sanitation and energy, Health": "Water, sanitation and energy|Health",
		"Health;WSE\nHIC":                      "Health|WSE|HIC",
		"WSE, Nowhere":                         "WSE, Nowhere",
		"":                                     "",
	} {
		if got := strings.Join(splitRefs(cell, names), "|"); got != want {
			t.Errorf("%q: %q, want %q", cell, got, want)
		}
	}
}

// Export writes each person's roles and each consortium's leads, as the
// import reads them, and the workbook imported again makes no assignment.
func TestExportWritesRolesAndLeads(t *testing.T) {
	p := newRosterPlace(t)
	wantClean(t, importBook(t, p.f, writeBook(t,
		sheet{"Mobilizers", [][]any{{"Name", "Village", "Role"}, {"David Mwangi", "Kosovo", "Mobilizer; Co-researcher"}}},
		sheet{"Consortia", [][]any{{"Code", "Name", "County lead", "Civil-society lead"}, {"WSE", "Water", "", "AMT; Muungano wa Wanavijiji"}}},
	), false))
	book := t.TempDir() + "/export.xlsx"
	if err := Export(context.Background(), p.f, book, ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	cell := func(sheet, header string, row int) string {
		t.Helper()
		rows, err := x.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for i, h := range rows[0] {
			if h == header && i < len(rows[row]) {
				return rows[row][i]
			}
		}
		return ""
	}
	if got := cell("People", "Role", 1); got != "Community co-researcher; Community mobilizer" {
		t.Errorf("People, Role: %q", got)
	}
	if got := cell("People", "Role since", 1); got != "" {
		t.Errorf("People, Role since for two roles: %q", got)
	}
	if got := cell("Consortia", "Civil-society lead", 1); got != "Akiba Mashinani Trust; Muungano wa Wanavijiji" {
		t.Errorf("Consortia, Civil-society lead: %q", got)
	}
	r := importBook(t, p.f, book, false)
	wantClean(t, r)
	if c, u, _ := r.Totals(); c != 0 || u != 0 {
		t.Errorf("the export imported again changes records: %s", r.Summary())
	}
}
