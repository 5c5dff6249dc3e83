package importexport

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"cpw/workspace"
)

// A workbook exported after an erasure imports back without a problem and
// without touching the erased person; one that tries to give them their
// data back is refused for that row. The consent columns travel both ways.
func TestErasedPersonInAWorkbook(t *testing.T) {
	f := newDemo(t)
	people, err := f.People(workspace.PersonFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var erased, consented workspace.Person
	for _, p := range people {
		if p.Basis == "consent" && p.ConsentOn != "" && p.OrganisationID == "" {
			if erased.ID == "" {
				erased = p
			} else if consented.ID == "" {
				consented = p
			}
		}
	}
	if err := f.ErasePerson(erased.ID); err != nil {
		t.Fatal(err)
	}
	book := filepath.Join(t.TempDir(), "export.xlsx")
	if err := Export(context.Background(), f, book, ExportOptions{WithContacts: true}); err != nil {
		t.Fatal(err)
	}
	r := importBook(t, f, book, true)
	wantClean(t, r)
	if c, u, _ := r.Totals(); c != 0 || u != 0 {
		t.Fatalf("importing the export again would change records: %s", r.Summary())
	}
	// The consent of another person was written and read back.
	dst := newWorkspace(t)
	wantClean(t, importBook(t, dst, book, false))
	got, err := dst.Person(consented.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Basis != "consent" || got.ConsentOn != consented.ConsentOn || got.ConsentHow != consented.ConsentHow || got.ConsentBy != consented.ConsentBy {
		t.Errorf("consent after the round trip: %+v, want %+v", got, consented)
	}
	// A row giving the erased person a name again is refused.
	book = writeBook(t, sheet{"People", [][]any{{"ID", "Name", "Phone"}, {erased.ID, "Someone Again", "0722 000 111"}}})
	r = importBook(t, f, book, true)
	if r.Errors() == 0 {
		t.Fatal("a row bringing an erased person's data back was taken")
	}
	if p, _ := f.Person(erased.ID); p.Name != workspace.ErasedName || p.Phone != "" {
		t.Errorf("after the refused import: %+v", p)
	}
}

// A survey export imported again after one of its households was erased
// leaves that submission out, with a warning, and imports the others.
func TestSurveyOfAnErasedHousehold(t *testing.T) {
	f, _ := surveyWorkspace(t)
	households := sheet{"Household survey 2026", [][]any{
		{"hh/head_name", "hh/head_gender", "hh/cluster", "hh/cell", "_id", "_uuid"},
		{"Amina Otieno", "female", "", "Cell 2", 101, koboAmina},
		{"Baraka Mwangi", "male", "Cluster 2", "Cell 1", 102, koboBaraka},
	}}
	book := writeBook(t, households)
	wantClean(t, importBook(t, f, book, false))
	people := surveyed(t, f)
	amina, ok := people[koboAmina]
	if !ok {
		t.Fatalf("imported %+v", people)
	}
	if err := f.ErasePerson(amina.ID); err != nil {
		t.Fatal(err)
	}
	r := importBook(t, f, book, false)
	wantClean(t, r)
	wantWarning(t, r, "Household survey 2026", 2, "_uuid", "erased at their request")
	if p, _ := f.Person(amina.ID); p.Name != workspace.ErasedName {
		t.Errorf("after the import again: %+v", p)
	}
	for _, p := range must(f.People(workspace.PersonFilter{})) {
		if p.Name == "Amina Otieno" {
			t.Errorf("the erased household came back as %s", p.ID)
		}
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// An import's problems name the row and the column, never the phone
// number, e-mail address or person's name in it.
func TestImportProblemsDoNotRepeatPersonalData(t *testing.T) {
	f := newWorkspace(t)
	book := writeBook(t, sheet{"People", [][]any{
		{"Name", "Phone", "E-mail", "Organisation"},
		{"Zawadi Nyokabi", "0712 abc 345", "", ""},
		{"Zawadi Nyokabi", "", "zawadi.nyokabi@", ""},
		{"Zawadi Nyokabi", "", "", "No Such Organisation"},
	}})
	r := importBook(t, f, book, true)
	if r.Errors() < 3 {
		t.Fatalf("problems:\n%s", problems(r))
	}
	for _, p := range r.Problems {
		for _, v := range []string{"0712 abc 345", "zawadi.nyokabi@", "Zawadi"} {
			if strings.Contains(p.Value+" "+p.Message+" "+p.Where(), v) {
				t.Errorf("a problem repeats %q: %+v", v, p)
			}
		}
	}
}
