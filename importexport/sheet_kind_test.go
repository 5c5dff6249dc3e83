package importexport

import (
	"context"
	"strings"
	"testing"

	"cpw/workspace"
)

// A sheet whose name says nothing is read as the kind its columns show,
// and the report says so; the user's word for a sheet wins over both.
func TestSheetIsReadAsTheKindItsColumnsShow(t *testing.T) {
	roster := sheet{"Mobilizers", [][]any{
		{"Name", "Sex", "Phone", "Organisation"},
		{"Achieng Otieno", "F", "0712 345 001", ""},
	}}
	f := newWorkspace(t)
	r := importBook(t, f, writeBook(t, roster), false)
	wantClean(t, r)
	if got := sheetResult(t, r, "Mobilizers"); got.New != 1 {
		t.Fatalf("Mobilizers: %+v\n%s", got, problems(r))
	}
	if !strings.Contains(problems(r), "This sheet was read as People") || !strings.Contains(problems(r), "“Sex”") {
		t.Errorf("the report does not say how the sheet was read:\n%s", problems(r))
	}
	people, _ := f.People(workspace.PersonFilter{})
	if len(people) != 1 || people[0].Gender != "female" {
		t.Errorf("people: %+v", people)
	}

	// Told to skip it, the import leaves it out and writes nothing.
	g := newWorkspace(t)
	r, err := Import(context.Background(), g, writeBook(t, roster), ImportOptions{Sheets: map[string]string{"mobilizers": SheetSkipped}})
	if err != nil {
		t.Fatal(err)
	}
	if people, _ := g.People(workspace.PersonFilter{}); len(people) != 0 || !strings.Contains(problems(r), "left out, as asked") {
		t.Errorf("a sheet to skip was read: %+v\n%s", people, problems(r))
	}

	// A kind given for a sheet the workbook lacks, or a kind there is not, is
	// an error that names it.
	r, err = Import(context.Background(), g, writeBook(t, roster), ImportOptions{Sheets: map[string]string{"Mobilisers": "People"}})
	if err != nil {
		t.Fatal(err)
	}
	wantProblem(t, r, "Mobilisers", 0, "", "no sheet called “Mobilisers”")
	r, err = Import(context.Background(), g, writeBook(t, roster), ImportOptions{Sheets: map[string]string{"Mobilizers": "Volunteers"}})
	if err != nil {
		t.Fatal(err)
	}
	wantProblem(t, r, "Mobilizers", 0, "", "“Volunteers” is not a kind of sheet")
}

// A sheet whose columns fit two kinds equally, or none, is not guessed.
func TestSheetKindIsNotGuessedFromTooLittle(t *testing.T) {
	for _, headers := range [][]any{
		{"Name", "Notes"},           // a name alone could be anyone's
		{"Colour", "Size", "Shape"}, // nothing of this program's
	} {
		s := &sheetRows{name: "Sheet1", headers: make([]string, len(headers))}
		for i, h := range headers {
			s.headers[i] = h.(string)
		}
		if spec, _, why := kindByColumns(s); spec != nil {
			t.Errorf("%v taken as %s (%v)", headers, spec.name, why)
		}
	}
}

// Role, Person and Start fit both an assignment and a person with a role:
// they are most of an assignment, so the sheet is read as assignments.
func TestSheetKindTieGoesToTheKindTheyAreMostOf(t *testing.T) {
	s := &sheetRows{name: "Sheet1", headers: []string{"Role", "Person", "Start"}}
	spec, _, why := kindByColumns(s)
	if spec == nil || spec.name != "Assignments" {
		t.Errorf("taken as %v (%v), want Assignments", spec, why)
	}
}
