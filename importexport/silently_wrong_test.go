package importexport

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"cpw/workspace"
)

// Tests of values that imported as wrong records without a word: amounts in
// another currency, money columns with a unit in their header, dates of a
// Mac workbook or written month first, phone numbers and ages typed as
// numbers, and more secured than a gap costs.

// workspaceIn creates an empty workspace keeping its amounts in currency,
// in country.
func workspaceIn(t *testing.T, currency, country string) *workspace.File {
	t.Helper()
	f, err := workspace.Create(filepath.Join(t.TempDir(), "new.cpw"), workspace.NewOptions{Name: "Import test", Author: "tester",
		Currency: currency, Country: country, Now: testDay})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// gapsByTitle returns the workspace's gaps by title.
func gapsByTitle(t *testing.T, f *workspace.File) map[string]workspace.ResourceGap {
	t.Helper()
	gaps, err := f.ResourceGaps(workspace.GapFilter{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]workspace.ResourceGap{}
	for _, g := range gaps {
		out[g.Title] = g
	}
	return out
}

// wantWarning fails unless the report has a warning at the sheet, row and
// column whose message holds each of want.
func wantWarning(t *testing.T, r *Report, sheet string, row int, column string, want ...string) {
	t.Helper()
	for _, p := range r.Problems {
		if p.Severity != Warning || p.Sheet != sheet || p.Row != row || p.Column != column {
			continue
		}
		all := true
		for _, w := range want {
			all = all && strings.Contains(p.Message, w)
		}
		if all {
			return
		}
	}
	t.Errorf("no warning on %s row %d column %q saying %q; problems:\n%s", sheet, row, column, want, problems(r))
}

// An amount in another currency than the workspace's is refused, saying
// which currency it is in and which the workspace keeps; the workspace's own
// currency, however it is written, and a bare number are read.
func TestImportRefusesAmountsInAnotherCurrency(t *testing.T) {
	f := newWorkspace(t) // in KES
	r := importBook(t, f, writeBook(t, sheet{"Gaps", [][]any{
		{"Title", "Kind", "Estimated cost"},
		{"Survey", "Funding", "USD 10,000"},
		{"Drone", "Equipment", "$10,000"},
		{"Laptops", "Equipment", "US$ 2,500"},
		{"Printer", "Equipment", "EUR 5,000"},
		{"Venue", "Venue / logistics", "10,000 USD"},
		{"Banners", "Other", "£ 700"},
		{"Water tests", "Data", "€1,200"},
	}}), false)
	for row, currency := range map[int]string{2: "USD", 3: "USD", 4: "USD", 5: "EUR", 6: "USD", 7: "GBP", 8: "EUR"} {
		wantProblem(t, r, "Gaps", row, "Estimated cost", "is in "+currency+", but this workspace keeps its amounts in KES")
	}
	if r.Written {
		t.Fatal("amounts in another currency were written")
	}

	r = importBook(t, f, writeBook(t, sheet{"Gaps", [][]any{
		{"Title", "Kind", "Estimated cost"},
		{"Survey", "Funding", "KES 10,000"},
		{"Drone", "Equipment", "KSh 20,000"},
		{"Laptops", "Equipment", "Kshs 30,000"},
		{"Printer", "Equipment", "Shs. 40,000"},
		{"Venue", "Venue / logistics", "50,000/="},
		{"Banners", "Other", "60000"},
		{"Water tests", "Data", 70000},
	}}), false)
	wantClean(t, r)
	gaps := gapsByTitle(t, f)
	for title, want := range map[string]int64{"Survey": 10_000, "Drone": 20_000, "Laptops": 30_000, "Printer": 40_000, "Venue": 50_000,
		"Banners": 60_000, "Water tests": 70_000} {
		if got := gaps[title].EstimatedCost; got != want {
			t.Errorf("%s: cost %d, want %d", title, got, want)
		}
	}

	// A workspace in dollars reads $ and refuses shillings.
	usd := workspaceIn(t, "USD", "Kenya")
	r = importBook(t, usd, writeBook(t, sheet{"Gaps", [][]any{
		{"Title", "Kind", "Estimated cost"},
		{"Survey", "Funding", "$10,000"},
		{"Drone", "Equipment", "Ksh. 300,000/="},
	}}), false)
	wantProblem(t, r, "Gaps", 3, "Estimated cost", "is in KES, but this workspace keeps its amounts in USD")
}

// Money columns named with their unit ("Estimated cost (KES)", "Budget
// (KES)") or as people name them ("Amount secured", "Funds secured") are
// read, with the amounts people write: millions, thousands, decimals, a
// shilling's "/=", and words for no amount.
func TestImportReadsMoneyColumnsAndAmountsAsWritten(t *testing.T) {
	f := newWorkspace(t)
	r := importBook(t, f, writeBook(t,
		sheet{"Gaps", [][]any{
			{"Title", "Kind", "Estimated cost (KES)", "Amount secured"},
			{"Survey", "Funding", "KES 1.2M", "450k"},                  // row 2
			{"Drone", "Equipment", "2.5 million", "Ksh. 300,000/="},    // row 3
			{"Laptops", "Equipment", "KES 1,200,000.00", "-"},          // row 4
			{"Printer", "Equipment", "1250000.75", "nil"},              // row 5: rounded, with a warning
			{"Venue", "Venue / logistics", "TBD", "none"},              // row 6: not known yet, with a warning
			{"Banners", "Other", "n/a", ""},                            // row 7
			{"Water tests", "Data", 1250000.25, "KES 1,250,000"},       // row 8: a number cell with a fraction
			{"Legal review", "Expertise", "Ksh 900,000/-", "KSh 0.5M"}, // row 9
		}},
	), false)
	wantClean(t, r)
	gaps := gapsByTitle(t, f)
	for title, want := range map[string][2]int64{
		"Survey": {1_200_000, 450_000}, "Drone": {2_500_000, 300_000}, "Laptops": {1_200_000, 0}, "Printer": {1_250_001, 0},
		"Venue": {0, 0}, "Banners": {0, 0}, "Water tests": {1_250_000, 1_250_000}, "Legal review": {900_000, 500_000},
	} {
		if g := gaps[title]; g.EstimatedCost != want[0] || g.Secured != want[1] {
			t.Errorf("%s: cost %d secured %d, want %d and %d", title, g.EstimatedCost, g.Secured, want[0], want[1])
		}
	}
	wantWarning(t, r, "Gaps", 5, "Estimated cost (KES)", "rounded to 1,250,001")
	wantWarning(t, r, "Gaps", 8, "Estimated cost (KES)", "rounded to 1,250,000")
	wantWarning(t, r, "Gaps", 6, "Estimated cost (KES)", "not known yet", "not recorded")
	for _, p := range r.Problems {
		if strings.Contains(p.Message, "ignored") {
			t.Errorf("a money column was ignored: %+v", p)
		}
	}

	// Budget (KES) and Funds secured are the same columns.
	f = newWorkspace(t)
	r = importBook(t, f, writeBook(t, sheet{"Gaps", [][]any{
		{"Title", "Kind", "Budget (KES)", "Funds secured"},
		{"Survey", "Funding", "800,000", "200,000"},
	}}), false)
	wantClean(t, r)
	if g := gapsByTitle(t, f)["Survey"]; g.EstimatedCost != 800_000 || g.Secured != 200_000 {
		t.Errorf("Budget (KES) and Funds secured: %+v", g)
	}

	// A column in another currency has its bare amounts refused, naming
	// it; an amount that says it is in the workspace's currency is read.
	r = importBook(t, f, writeBook(t, sheet{"Gaps", [][]any{
		{"Title", "Kind", "Budget (USD)"},
		{"Survey", "Funding", "10,000"},
		{"Drone", "Equipment", "KES 1,300,000"},
	}}), true)
	wantProblem(t, r, "Gaps", 2, "Budget (USD)", "holds amounts in USD, but this workspace keeps its amounts in KES")
	for _, p := range r.Problems {
		if p.Row == 3 {
			t.Errorf("an amount in KES in a USD column was refused: %+v", p)
		}
	}
	for _, bad := range []string{"lots", "12.5%", "1,5", "-5,000", "KES USD 100"} {
		r = importBook(t, f, writeBook(t, sheet{"Gaps", [][]any{{"Title", "Estimated cost"}, {"Survey", bad}}}), true)
		if r.Errors() == 0 {
			t.Errorf("%q was taken for an amount", bad)
		}
	}
}

// A workbook made on a Mac counts its serial dates from 1904: a date there
// is read as the day the spreadsheet shows, not four years and a day
// earlier.
func TestImportReadsTheDatesOfA1904Workbook(t *testing.T) {
	x := excelize.NewFile()
	defer x.Close()
	yes := true
	if err := x.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}); err != nil {
		t.Fatal(err)
	}
	x.SetSheetName("Sheet1", "Meetings")
	x.SetSheetRow("Meetings", "A1", &[]any{"Kind", "Held on", "Title"})
	// 44653 days after 1904-01-01 is 2026-04-03; in the 1900 system it is
	// 2022-04-02.
	x.SetSheetRow("Meetings", "A2", &[]any{"Public meeting", 44653, "Launch"})
	path := filepath.Join(t.TempDir(), "mac.xlsx")
	if err := x.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	f := newWorkspace(t)
	wantClean(t, importBook(t, f, path, false))
	meetings, err := f.Meetings()
	if err != nil {
		t.Fatal(err)
	}
	if len(meetings) != 1 || meetings[0].HeldOn != "2026-04-03" {
		t.Fatalf("meetings: %+v", meetings)
	}
	// The same serial in a workbook of the 1900 system is that day.
	if got, ok := parseDate("46115"); !ok || got != "2026-04-03" {
		t.Errorf("parseDate(46115) = %q", got)
	}
}

// A column whose dates show only month first (12/25/2025) has its
// ambiguous dates read month first, with one warning; a column showing both
// orders refuses each ambiguous date, naming a row of each order; otherwise
// 03/04/2026 is the 3rd of April.
func TestImportDecidesTheOrderOfDatesPerColumn(t *testing.T) {
	heldOn := func(f *workspace.File) map[string]string {
		meetings, err := f.Meetings()
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, m := range meetings {
			out[m.Title] = m.HeldOn
		}
		return out
	}
	f := newWorkspace(t)
	r := importBook(t, f, writeBook(t, sheet{"Meetings", [][]any{
		{"Kind", "Held on", "Title"},
		{"Public meeting", "12/25/2025", "Christmas"}, // row 2: month first
		{"Public meeting", "03/04/2026", "Launch"},    // row 3: read month first
		{"Public meeting", "05/06/2026", "Review"},    // row 4: the same, no second warning
		{"Public meeting", "07/07/2026", "Saba Saba"}, // the same either way
	}}), false)
	wantClean(t, r)
	if got := heldOn(f); got["Christmas"] != "2025-12-25" || got["Launch"] != "2026-03-04" || got["Review"] != "2026-05-06" || got["Saba Saba"] != "2026-07-07" {
		t.Errorf("month-first column: %v", got)
	}
	wantWarning(t, r, "Meetings", 3, "Held on", "Held on", "month first", "row 2")
	warnings := 0
	for _, p := range r.Problems {
		if p.Severity == Warning && strings.Contains(p.Message, "month first") {
			warnings++
		}
	}
	if warnings != 1 {
		t.Errorf("%d warnings of month first, want 1:\n%s", warnings, problems(r))
	}

	f = newWorkspace(t)
	r = importBook(t, f, writeBook(t, sheet{"Meetings", [][]any{
		{"Kind", "Held on", "Title"},
		{"Public meeting", "12/25/2025", "Christmas"},  // row 2: month first
		{"Public meeting", "26/12/2025", "Boxing day"}, // row 3: day first
		{"Public meeting", "03/04/2026", "Launch"},     // row 4: cannot be read
	}}), false)
	wantProblem(t, r, "Meetings", 4, "Held on", "row 3 is day first")
	wantProblem(t, r, "Meetings", 4, "Held on", "row 2 month first")

	f = newWorkspace(t)
	r = importBook(t, f, writeBook(t, sheet{"Meetings", [][]any{
		{"Kind", "Held on", "Title"},
		{"Public meeting", "26/12/2025", "Boxing day"},
		{"Public meeting", "03/04/2026", "Launch"},
	}}), false)
	wantClean(t, r)
	if got := heldOn(f); got["Launch"] != "2026-04-03" {
		t.Errorf("day-first column: %v", got)
	}
	if strings.Contains(problems(r), "Nothing in the column") {
		t.Errorf("a column that shows day first is said to show nothing:\n%s", problems(r))
	}

	// Nothing in the column shows the order: read day first, and said once.
	f = newWorkspace(t)
	r = importBook(t, f, writeBook(t, sheet{"Meetings", [][]any{
		{"Kind", "Held on", "Title"},
		{"Public meeting", "03/04/2026", "Launch"},
		{"Public meeting", "04/05/2026", "Review"},
	}}), false)
	wantClean(t, r)
	if got := heldOn(f); got["Launch"] != "2026-04-03" || got["Review"] != "2026-05-04" {
		t.Errorf("a column that shows no order: %v", got)
	}
	wantWarning(t, r, "Meetings", 2, "Held on", "Nothing in the column “Held on” shows whether", "read day first, as 2026-04-03")
	if n := strings.Count(problems(r), "Nothing in the column"); n != 1 {
		t.Errorf("said %d times:\n%s", n, problems(r))
	}
}

// A phone number typed as a number gets back the 0 of a Kenyan mobile
// number; a number of five digits is refused; Tel and Mobile No. both keep
// their numbers.
func TestImportReadsPhoneNumbersAsWritten(t *testing.T) {
	for _, h := range []string{"Mobile No.", "Mobile no", "Phone no.", "Tel no.", "Telephone No", "Tel"} {
		if !peopleSheet.column("Phone").matches(h) {
			t.Errorf("%q is not taken for Phone", h)
		}
	}
	f := newWorkspace(t) // in Kenya
	r := importBook(t, f, writeBook(t, sheet{"People", [][]any{
		{"Name", "Tel", "Mobile No."},
		{"Amina Otieno", 712345001, "0733 123 456"},
		{"Baraka Mwangi", "", 112345678},
		{"Chebet Kiprop", "0722 000 111", "0722000111"}, // the same number twice
	}}), false)
	wantClean(t, r)
	people, err := f.People(workspace.PersonFilter{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"Amina Otieno": "0712345001 / 0733 123 456", "Baraka Mwangi": "0112345678", "Chebet Kiprop": "0722 000 111"}
	for _, p := range people {
		if p.Phone != want[p.Name] {
			t.Errorf("%s: phone %q, want %q", p.Name, p.Phone, want[p.Name])
		}
	}

	r = importBook(t, f, writeBook(t, sheet{"People", [][]any{{"Name", "Phone no."}, {"Daudi Kamau", "07123"}}}), true)
	wantProblem(t, r, "People", 2, "Phone no.", "at least 7 digits")

	// Elsewhere a number of nine digits is left as it is.
	ug := workspaceIn(t, "UGX", "Uganda")
	wantClean(t, importBook(t, ug, writeBook(t, sheet{"People", [][]any{{"Name", "Phone"}, {"Amina Otieno", 712345001}}}), false))
	if people, _ := ug.People(workspace.PersonFilter{}); len(people) != 1 || people[0].Phone != "712345001" {
		t.Errorf("Uganda: %+v", people)
	}
}

// An age in years in the Age column goes into its band; an impossible age
// is refused.
func TestImportPutsAgesInTheirBands(t *testing.T) {
	f := newWorkspace(t)
	r := importBook(t, f, writeBook(t, sheet{"People", [][]any{
		{"Name", "Age"},
		{"Amina Otieno", 23},
		{"Baraka Mwangi", "23 years"},
		{"Chebet Kiprop", "23.0"},
		{"Daudi Kamau", 17},
		{"Esther Wambui", "35"},
		{"Faith Akinyi", 36},
		{"Grace Njeri", "60 yrs"},
		{"Hassan Ali", "25–35"},
		{"Imani Mutua", ""},
	}}), false)
	wantClean(t, r)
	want := map[string]string{"Amina Otieno": "18-24", "Baraka Mwangi": "18-24", "Chebet Kiprop": "18-24", "Daudi Kamau": "under-18",
		"Esther Wambui": "25-35", "Faith Akinyi": "36-59", "Grace Njeri": "60+", "Hassan Ali": "25-35", "Imani Mutua": ""}
	people, err := f.People(workspace.PersonFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(people) != len(want) {
		t.Fatalf("%d people", len(people))
	}
	for _, p := range people {
		if p.AgeBand != want[p.Name] {
			t.Errorf("%s: age band %q, want %q", p.Name, p.AgeBand, want[p.Name])
		}
	}
	r = importBook(t, f, writeBook(t, sheet{"People", [][]any{{"Name", "Age"}, {"Old Person", 130}, {"Young Person", "-2"}}}), true)
	wantProblem(t, r, "People", 2, "Age", "is not a possible age")
	wantProblem(t, r, "People", 3, "Age", "is not a possible age")
}

// More secured than a gap's estimated cost is refused by the import, with
// both amounts.
func TestImportRefusesMoreSecuredThanTheCost(t *testing.T) {
	f := newWorkspace(t)
	r := importBook(t, f, writeBook(t, sheet{"Gaps", [][]any{
		{"Title", "Kind", "Estimated cost", "Secured"},
		{"Survey", "Funding", "1,000,000", "1,200,000"},
		{"Drone", "Equipment", "1,000,000", "1,000,000"},
	}}), false)
	wantProblem(t, r, "Gaps", 2, "Secured", "1,200,000")
	wantProblem(t, r, "Gaps", 2, "Secured", "1,000,000")
	if r.Errors() != 1 {
		t.Errorf("want one error:\n%s", problems(r))
	}
}

// A header that names its currency or a scale anywhere, not only in
// brackets, is heard: "Estimated cost USD" is not shillings, "Budget (KES
// '000)" is not whole shillings; and 1.200, which reads two ways, is
// refused.
func TestImportHearsUnitsAnywhereInAMoneyHeader(t *testing.T) {
	f := newWorkspace(t) // in KES
	for _, c := range []struct {
		header, cell any
		want         string
	}{
		{"Estimated cost USD", 5000, "holds amounts in USD"},
		{"Estimated cost, in US$", 5000, "holds amounts in USD"},
		{"Budget (KES '000)", 5000, "thousands or millions"},
		{"Estimated cost (millions)", 4.5, "thousands or millions"},
		{"Estimated cost", "1.200", "is not a whole number of KES"},
	} {
		r := importBook(t, f, writeBook(t, sheet{"Gaps", [][]any{{"Title", "Kind", c.header}, {"Survey", "Funding", c.cell}}}), false)
		wantProblem(t, r, "Gaps", 2, c.header.(string), c.want)
		if r.Written {
			t.Errorf("%v: written", c.header)
		}
	}
}

// A value written with a question mark is the writer's doubt: it is asked
// about, never taken as the choice it would be without it.
func TestImportAsksAboutAValueWithAQuestionMark(t *testing.T) {
	f := newWorkspace(t)
	r := importBook(t, f, writeBook(t, sheet{"People", [][]any{
		{"Name", "Gender"},
		{"Achieng Otieno", "Female?"},
	}}), false)
	wantProblem(t, r, "People", 2, "Gender", "“Female?” is not one of the choices for Gender")
	if people, _ := f.People(workspace.PersonFilter{}); len(people) != 0 {
		t.Fatalf("imported: %+v", people)
	}
}
