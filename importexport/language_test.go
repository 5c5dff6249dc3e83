package importexport

import (
	"path/filepath"
	"testing"

	"cpw/translate"
	"cpw/workspace"
)

// With the window in Swahili, the workspace words its checks in Swahili and
// a workbook's problems still land on the workbook's own (English) columns,
// and English choice labels are still read.
func TestImportProblemsInAnotherLanguage(t *testing.T) {
	f := newDemo(t)
	sw := translate.For("sw")
	workspace.SetLanguage(sw)
	t.Cleanup(func() { workspace.SetLanguage(nil) })
	book := writeBook(t,
		sheet{"Organisations", [][]any{
			{"Name", "Kind"},
			{"", "CSO / NGO"},
			{"Kiswahili Org", "Academia"},
		}},
		sheet{"People", [][]any{
			{"Name", "E-mail", "Organisation"},
			{"Mary Achieng", "mary@", "Kiswahili Org"},
		}},
	)
	r := importBook(t, f, book, false)
	wantProblem(t, r, "Organisations", 2, "Name", sw("%s is required.", sw("Name")))
	wantProblem(t, r, "People", 2, "E-mail", "")
	if got := sheetResult(t, r, "Organisations"); got.New != 1 {
		t.Errorf("the row with an English kind was not read: %+v", got)
	}
}

// A 3W sheet's sectors find the themes of a workspace seeded in Swahili.
func TestImport3WIntoASwahiliWorkspace(t *testing.T) {
	f, err := workspace.Create(filepath.Join(t.TempDir(), "sw.cpw"), workspace.NewOptions{Name: "Mukuru", Language: "sw"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	book := writeBook(t, sheet{"3W", [][]any{
		{"Organisation", "Sector"},
		{"#org+name", "#sector"},
		{"Kenya Red Cross", "WASH"},
		{"UN-Habitat", "Shelter"},
	}})
	r := importBook(t, f, book, false)
	wantClean(t, r)
	sectors, _ := f.Sectors()
	name := map[string]string{}
	for _, s := range sectors {
		name[s.ID] = s.Name
	}
	orgs, _ := f.Organisations()
	got := map[string]string{}
	for _, o := range orgs {
		for _, id := range o.SectorIDs {
			got[o.Name] = name[id]
		}
	}
	sw := translate.For("sw")
	if got["Kenya Red Cross"] != sw("Water, sanitation and energy") || got["UN-Habitat"] != sw("Housing, infrastructure and commerce") {
		t.Errorf("sectors: %v", got)
	}
}
