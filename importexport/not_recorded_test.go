package importexport

import (
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"cpw/workspace"
)

// What a workbook does not say stays not recorded: no organisation is made
// local, prospective or of medium influence, no consortium forming, and no
// person a non-resident, on the import's own authority. Kinds written the
// way partners write them bring the base they say.
func TestImportLeavesWhatTheWorkbookDoesNotSayNotRecorded(t *testing.T) {
	f := newWorkspace(t)
	book := writeBook(t,
		sheet{"Organisations", [][]any{
			{"Name", "Kind"},
			{"Concern Worldwide", "INGO"},
			{"UN-Habitat", "UN Agency"},
			{"Nairobi City County Water Department", "County department"},
			{"Muungano wa Wanavijiji", "Urban poor federation"},
		}},
		sheet{"Consortia", [][]any{{"Code", "Name"}, {"WSE", "Water, Sanitation and Energy"}}},
		sheet{"People", [][]any{{"Name", "Organisation"}, {"Jane Wanjiru", "Concern Worldwide"}}},
	)
	wantClean(t, importBook(t, f, book, false))
	orgs, _ := f.Organisations()
	got := map[string]workspace.Organisation{}
	for _, o := range orgs {
		got[o.Name] = o
	}
	for name, want := range map[string][2]string{
		"Concern Worldwide":                    {"ngo", "international"},
		"UN-Habitat":                           {"international", "international"},
		"Nairobi City County Water Department": {"local-government", "local"},
		"Muungano wa Wanavijiji":               {"federation", ""},
	} {
		o := got[name]
		if o.Kind != want[0] || o.Base != want[1] {
			t.Errorf("%s: kind %q base %q, want %q and %q", name, o.Kind, o.Base, want[0], want[1])
		}
		if o.Commitment != "" || o.Influence != "" {
			t.Errorf("%s: commitment %q and influence %q invented", name, o.Commitment, o.Influence)
		}
	}
	c, err := f.ConsortiumByCode("WSE")
	if err != nil || c.Status != "" {
		t.Errorf("consortium status %q (%v), want not recorded", c.Status, err)
	}
	people, _ := f.People(workspace.PersonFilter{})
	if len(people) != 1 || people[0].Resident != workspace.NotRecorded {
		t.Errorf("people %+v: residence should be not recorded", people)
	}
}

// "Government" alone may be either level of government, which the checks
// tell apart: the import asks rather than guesses.
func TestImportAsksWhichGovernment(t *testing.T) {
	f := newWorkspace(t)
	book := writeBook(t, sheet{"Organisations", [][]any{{"Name", "Kind"}, {"Ministry of Lands", "Government"}}})
	r := importBook(t, f, book, false)
	wantProblem(t, r, "Organisations", 2, "Kind", "county department or the national government")
	if orgs, _ := f.Organisations(); len(orgs) != 0 {
		t.Errorf("written despite the question: %+v", orgs)
	}
}

// A 3W as OCHA lays it out: title rows above the header, an HXL row under
// it, an implementing partner beside the organisation, and a total row.
func TestImport3WAsOCHALaysItOut(t *testing.T) {
	f := newWorkspace(t)
	x := excelize.NewFile()
	defer x.Close()
	name := "Sheet1"
	rows := [][]any{
		{"Mukuru 3W: who does what where, March 2026"},
		{"Source: Nairobi WASH sector working group"},
		{},
		{"Organisation", "Implementing partner", "Org type", "Sector", "Location", "Activity", "Beneficiaries"},
		{"#org", "#org+impl", "#org+type", "#sector", "#loc", "#activity", "#reached"},
		{"Concern Worldwide", "Muungano wa Wanavijiji", "INGO", "WASH", "Mukuru kwa Njenga", "Water points", 1200},
		{"Concern Worldwide", "", "INGO", "Health", "Mukuru kwa Reuben", "Clinics", 800},
		{"Akiba Mashinani Trust", "Concern Worldwide", "NGO", "Shelter", "Mukuru Viwandani", "Savings", 300},
	}
	for i, cells := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := x.SetSheetRow(name, cell, &cells); err != nil {
			t.Fatal(err)
		}
	}
	if err := x.SetCellValue(name, "A9", "Total"); err != nil {
		t.Fatal(err)
	}
	if err := x.SetCellFormula(name, "G9", "SUM(G6:G8)"); err != nil {
		t.Fatal(err)
	}
	if err := x.SetCellValue(name, "G9", 2300); err != nil { // the cached value a spreadsheet program leaves
		t.Fatal(err)
	}
	if err := x.SetCellFormula(name, "G9", "SUM(G6:G8)"); err != nil {
		t.Fatal(err)
	}
	book := t.TempDir() + "/3w.xlsx"
	if err := x.SaveAs(book); err != nil {
		t.Fatal(err)
	}
	r := importBook(t, f, book, false)
	wantClean(t, r)
	orgs, _ := f.Organisations()
	var names []string
	base := map[string]string{}
	for _, o := range orgs {
		names = append(names, o.Name)
		base[o.Name] = o.Base
	}
	if strings.Join(names, "; ") != "Akiba Mashinani Trust; Concern Worldwide; Muungano wa Wanavijiji" {
		t.Errorf("organisations: %v\n%s", names, problems(r))
	}
	if base["Concern Worldwide"] != "international" || base["Muungano wa Wanavijiji"] != "" {
		t.Errorf("bases: %v", base)
	}
	var title, total bool
	for _, p := range r.Problems {
		title = title || p.Severity == Warning && p.Row == 1 && strings.Contains(p.Message, "row 4 is its header row")
		total = total || p.Severity == Warning && p.Row == 9 && strings.Contains(p.Message, "total")
	}
	if !title || !total {
		t.Errorf("the title rows and the total row should each be reported:\n%s", problems(r))
	}
}

// Two mobilizers of one name, told apart by their village, age and phone,
// are two people, and a roster's own headers are read.
func TestImportTwoPeopleOfOneName(t *testing.T) {
	f := newWorkspace(t)
	area, err := f.CreateUnit(workspace.Unit{Level: "area", Name: "Mukuru kwa Njenga"})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"Vietnam", "Riara"} {
		if _, err := f.CreateUnit(workspace.Unit{Level: "segment", Name: n, ParentID: area.ID}); err != nil {
			t.Fatal(err)
		}
	}
	book := writeBook(t, sheet{"Roster", [][]any{
		{"Name of Mobilizer", "Sex", "Age", "Tel", "Mobile No.", "Village"},
		{"Mary Wanjiru", "F", 23, "", 712345001, "Vietnam"},
		{"Mary Wanjiru", "Female", 41, "0722 000 111", "", "Riara"},
	}})
	r := importBook(t, f, book, false)
	wantClean(t, r)
	people, _ := f.People(workspace.PersonFilter{})
	if len(people) != 2 {
		t.Fatalf("people: %+v\n%s", people, problems(r))
	}
	got := map[string]string{}
	for _, p := range people {
		u, _ := f.Unit(p.HomeUnitID)
		got[u.Name] = p.AgeBand + " " + p.Phone + " " + p.Gender
	}
	if got["Vietnam"] != "18-24 0712345001 female" || got["Riara"] != "36-59 0722 000 111 female" {
		t.Errorf("people read as %v", got)
	}
}

// Imported again a year on, a person whose age band or home changed is the
// same person, not a second one.
func TestReimportedPersonWithANewAgeIsTheSamePerson(t *testing.T) {
	f := newWorkspace(t)
	r := importBook(t, f, writeBook(t, sheet{"People", [][]any{{"Name", "Sex", "Age", "Phone"}, {"Mary Wanjiru", "F", 24, "0712345001"}}}), false)
	wantClean(t, r)
	r = importBook(t, f, writeBook(t, sheet{"People", [][]any{{"Name", "Sex", "Age", "Phone"}, {"Mary Wanjiru", "F", 25, "0712345001"}}}), false)
	wantClean(t, r)
	people, _ := f.People(workspace.PersonFilter{})
	if len(people) != 1 || people[0].AgeBand != "25-35" {
		t.Errorf("people after the second import: %+v", people)
	}
}

// A kind that implies a base never overwrites a base recorded before.
func TestImpliedBaseKeepsARecordedOne(t *testing.T) {
	f := newWorkspace(t)
	wantClean(t, importBook(t, f, writeBook(t, sheet{"Organisations", [][]any{{"Name", "Kind", "Base"}, {"Plan International Kenya", "INGO", "National"}}}), false))
	wantClean(t, importBook(t, f, writeBook(t, sheet{"Organisations", [][]any{{"Name", "Kind"}, {"Plan International Kenya", "INGO"}}}), false))
	orgs, _ := f.Organisations()
	if len(orgs) != 1 || orgs[0].Base != "national" {
		t.Errorf("organisations: %+v", orgs)
	}
}

// A column with values but no header is said, not dropped unseen.
func TestColumnWithoutHeaderIsSaid(t *testing.T) {
	f := newWorkspace(t)
	r := importBook(t, f, writeBook(t, sheet{"People", [][]any{{"Name", "Phone", "", "Gender"}, {"Achieng Otieno", "0712 345 001", "0722 000 111", "F"}}}), false)
	wantClean(t, r)
	found := false
	for _, p := range r.Problems {
		found = found || p.Severity == Warning && p.Letter == "C" && strings.Contains(p.Message, "has values but no header")
	}
	if !found {
		t.Errorf("the column without a header is not said:\n%s", problems(r))
	}
}
