package importexport

import (
	"os"
	"testing"

	"cpw/workspace"
)

// The workbooks under testdata were made by LibreOffice Calc from the CSV
// files in testdata/sources (soffice --headless --convert-to xlsx), so they
// are read as another program writes them: its own sheet names, shared
// strings, real dates and numbers.

func TestFixturePartnersWithAmericanSpelling(t *testing.T) {
	f := newDemo(t)
	r := importBook(t, f, "testdata/partners-libreoffice.xlsx", false)
	wantClean(t, r)
	if got := sheetResult(t, r, "partners"); got.New != 2 {
		t.Fatalf("%+v", got)
	}
	orgs, _ := f.Organisations()
	var found bool
	for _, o := range orgs {
		if o.Name == "Akiba Mashinani Trust" {
			found = true
			if o.Kind != "federation-support-ngo" || len(o.SectorIDs) != 2 || o.Stance != "supportive" {
				t.Errorf("AMT: %+v", o)
			}
		}
	}
	if !found {
		t.Error("Akiba Mashinani Trust was not imported")
	}
}

func TestFixture3WMatrix(t *testing.T) {
	f := newWorkspace(t)
	r := importBook(t, f, "testdata/3w-hxl-libreoffice.xlsx", false)
	wantClean(t, r)
	orgs, _ := f.Organisations()
	kinds := map[string]string{}
	for _, o := range orgs {
		kinds[o.Name] = o.Kind
	}
	want := map[string]string{"Kenya Red Cross Society": "ngo", "UN-Habitat": "international", "Pamoja Trust": "ngo"}
	for name, kind := range want {
		if kinds[name] != kind {
			t.Errorf("%s: kind %q, want %q", name, kinds[name], kind)
		}
	}
	if len(orgs) != 3 {
		t.Errorf("%d organisations", len(orgs))
	}
}

// Real date cells and text dates, real numbers and numbers as text.
func TestFixtureDatesAndAmounts(t *testing.T) {
	f := newDemo(t)
	wantClean(t, importBook(t, f, "testdata/members-libreoffice.xlsx", false))
	wse, _ := f.ConsortiumByCode("WSE")
	members, _ := f.Members(wse.ID)
	found := false
	for _, m := range members {
		if m.Contribution == "Engineers and water data" {
			found = m.JoinedOn == "2025-02-14"
		}
	}
	if !found {
		t.Errorf("the WSE membership was not imported with its date: %+v", members)
	}
	r := importBook(t, f, "testdata/gaps-libreoffice.xlsx", false)
	wantClean(t, r)
	gaps, _ := f.ResourceGaps(workspace.GapFilter{})
	costs := map[string][2]int64{}
	for _, g := range gaps {
		costs[g.Title] = [2]int64{g.EstimatedCost, g.Secured}
	}
	if costs["Hydrogeological survey"] != [2]int64{1250000, 250000} || costs["Community health volunteers' stipends"] != [2]int64{1800000, 0} {
		t.Errorf("amounts: %v", costs)
	}
}

func TestFixtureRenamedCSV(t *testing.T) {
	if _, err := os.Stat("testdata/partners-csv-renamed.xlsx"); err != nil {
		t.Fatal(err)
	}
	refusedWith(t, "testdata/partners-csv-renamed.xlsx", DefaultLimits, "may be a text or CSV file renamed")
}
