package importexport

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"cpw/workspace"
)

// importSkipping imports leaving out the rows with problems, writing them
// to rejects ("" for none).
func importSkipping(t *testing.T, f *workspace.File, path, rejects string) *Report {
	t.Helper()
	r, err := Import(context.Background(), f, path, ImportOptions{SkipBadRows: true, Rejects: rejects})
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	return r
}

// rowsOf reads a sheet of a workbook as its cells show.
func rowsOf(t *testing.T, path, sheet string) [][]string {
	t.Helper()
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, err := x.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// setCells changes cells of a workbook, as a user fixing it would.
func setCells(t *testing.T, path, sheet string, cells map[string]any) {
	t.Helper()
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	for cell, v := range cells {
		if err := x.SetCellValue(sheet, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	if err := x.Save(); err != nil {
		t.Fatal(err)
	}
}

// The rows that are fine are imported and the rows with problems left out,
// with the rows that refer to their records (a chain of them: a person of
// an organisation left out, a meeting that person attended). The rows left
// out go to a workbook of the same sheets and headers, with their cells as
// they were and their problems in a last column; fixed there, it imports
// the rest, and nothing is imported twice.
func TestSkipBadRowsAndImportTheRejectsAgain(t *testing.T) {
	f := newWorkspace(t)
	held := time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)
	book := writeBook(t,
		sheet{"Partners", [][]any{
			{"Name", "Acronym", "Kind", "Notes"},
			{"Akiba Mashinani Trust", "AMT", "Federation-support NGO", ""},
			{"Slum Dwellers International", "SDI", "Spaceship", "=HYPERLINK(\"http://x\")"},
			{"Muungano wa Wanavijiji", "MWW", "Urban poor federation", ""},
		}},
		sheet{"People", [][]any{
			{"Name", "Organisation", "E-mail", "Gender"},
			{"Jane Wanjiru", "AMT", "jane@example.org", "F"},
			{"Otieno Ouma", "SDI", "otieno@example.org", "male"},
			{"Achieng Atieno", "MWW", "achieng@example.org", "Alien"},
		}},
		sheet{"Gaps", [][]any{
			{"Title", "Kind", "Estimated cost", "Filled by organisation"},
			{"Water points", "Funding", 1250000, "SDI"},
			{"Drainage study", "Expertise", 400000, "AMT"},
		}},
		sheet{"Meetings", [][]any{
			{"Kind", "Title", "Held on", "Attendees"},
			{"Community planning forum", "Water and sanitation", held, "Otieno Ouma; Jane Wanjiru"},
			{"Public meeting", "Launch", held, "Jane Wanjiru"},
		}},
	)
	before := digest(t, f.Path())
	// Without leaving rows out, one error still means nothing is written,
	// and no workbook of rejected rows either.
	rejects := filepath.Join(t.TempDir(), "rejects.xlsx")
	r, err := Import(context.Background(), f, book, ImportOptions{Rejects: rejects})
	if err != nil || r.Written || r.Blocking() != r.Errors() || r.Errors() == 0 {
		t.Fatalf("an import with errors, not leaving rows out: %v %+v", err, r)
	}
	if _, err := os.Stat(rejects); !os.IsNotExist(err) || digest(t, f.Path()) != before {
		t.Fatalf("an import with errors wrote something: %v", err)
	}

	r = importSkipping(t, f, book, rejects)
	if !r.Written || r.Blocking() != 0 || r.Rejects != rejects {
		t.Fatalf("not written, or no rejects:\n%s", problems(r))
	}
	wantProblem(t, r, "Partners", 3, "Kind", "Spaceship")
	wantProblem(t, r, "People", 3, "Organisation", "row 3 of the Partners sheet")
	wantProblem(t, r, "People", 4, "Gender", "Alien")
	wantProblem(t, r, "Gaps", 2, "Filled by organisation", "row 3 of the Partners sheet")
	wantProblem(t, r, "Meetings", 2, "Attendees", "row 3 of the People sheet")
	for sheet, want := range map[string][2]int{"Partners": {2, 1}, "People": {1, 2}, "Gaps": {1, 1}, "Meetings": {1, 1}} {
		if got := sheetResult(t, r, sheet); got.New != want[0] || got.Skipped != want[1] {
			t.Errorf("%s: %d new, %d left out; want %v", sheet, got.New, got.Skipped, want)
		}
	}
	text := problems(r)
	for _, want := range []string{
		"Imported without the rows that have problems: 5 new, 0 updated, 0 unchanged. Rows left out: 5.",
		"The rows left out were written to " + rejects,
		"1 left out",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the report does not say %q:\n%s", want, text)
		}
	}
	js, _ := json.Marshal(r)
	if !strings.Contains(string(js), `"skipped":1`) || !strings.Contains(string(js), `"rejects":`) || !strings.Contains(string(js), `"unchanged":0`) {
		t.Errorf("the JSON report: %s", js)
	}
	orgs, _ := f.Organisations()
	people, _ := f.People(workspace.PersonFilter{})
	gaps, _ := f.ResourceGaps(workspace.GapFilter{})
	meetings, _ := f.Meetings()
	if len(orgs) != 2 || len(people) != 1 || len(gaps) != 1 || len(meetings) != 1 {
		t.Fatalf("written: %d organisations, %d people, %d gaps, %d meetings", len(orgs), len(people), len(gaps), len(meetings))
	}

	// The rejects: the sheets with rows left out, in the workbook's order,
	// each with its header row, the rows as they were, and their problems.
	x, err := excelize.OpenFile(rejects)
	if err != nil {
		t.Fatal(err)
	}
	if got := x.GetSheetList(); !slices.Equal(got, []string{"Partners", "People", "Gaps", "Meetings"}) {
		t.Errorf("the rejects' sheets: %v", got)
	}
	if f, _ := x.GetCellFormula("Partners", "D2"); f != "" {
		t.Errorf("a formula was written: %q", f)
	}
	if v, _ := x.GetCellValue("Partners", "D2", excelize.Options{RawCellValue: true}); v != "'=HYPERLINK(\"http://x\")" {
		t.Errorf("text that looks like a formula was not neutralised: %q", v)
	}
	if v, _ := x.GetCellValue("Meetings", "C2"); v != "2026-03-31" {
		t.Errorf("a date was not kept a date: %q", v)
	}
	if typ, _ := x.GetCellType("Gaps", "C2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("an amount was not kept a number: %v", typ)
	}
	x.Close()
	partners := rowsOf(t, rejects, "Partners")
	if len(partners) != 2 || !slices.Equal(partners[0], []string{"Name", "Acronym", "Kind", "Notes", "Problem"}) ||
		partners[1][0] != "Slum Dwellers International" || partners[1][2] != "Spaceship" ||
		!strings.HasPrefix(partners[1][4], "Kind (column C): “Spaceship” is not one of the choices") {
		t.Errorf("the rejected partners: %q", partners)
	}
	people2 := rowsOf(t, rejects, "People")
	if len(people2) != 3 || people2[1][0] != "Otieno Ouma" || people2[2][0] != "Achieng Atieno" ||
		!strings.Contains(people2[1][4], "Organisation (column B): The organisation “SDI” is on row 3 of the Partners sheet") {
		t.Errorf("the rejected people: %q", people2)
	}

	// Fixed where the problems say, the rejects import: the rest comes in,
	// and what was imported before is not imported again.
	setCells(t, rejects, "Partners", map[string]any{"C2": "CSO / NGO"})
	setCells(t, rejects, "People", map[string]any{"D3": "Female"})
	r = importBook(t, f, rejects, false)
	wantClean(t, r)
	if !r.Written {
		t.Fatal("the fixed rejects were not written")
	}
	for _, p := range r.Problems {
		if p.Column == "Problem" && !strings.Contains(p.Message, "ignored") {
			t.Errorf("the Problem column was read: %+v", p)
		}
	}
	orgs, _ = f.Organisations()
	people, _ = f.People(workspace.PersonFilter{})
	gaps, _ = f.ResourceGaps(workspace.GapFilter{})
	meetings, _ = f.Meetings()
	if len(orgs) != 3 || len(people) != 3 || len(gaps) != 2 || len(meetings) != 2 {
		t.Fatalf("after the rejects: %d organisations, %d people, %d gaps, %d meetings", len(orgs), len(people), len(gaps), len(meetings))
	}
	var sdi workspace.Organisation
	for _, o := range orgs {
		if o.Acronym == "SDI" {
			sdi = o
		}
	}
	if sdi.Kind != "ngo" || sdi.Notes != "=HYPERLINK(\"http://x\")" {
		t.Errorf("the fixed organisation: %+v", sdi)
	}
	for _, g := range gaps {
		if g.Title == "Water points" && (g.EstimatedCost != 1250000 || g.FilledByOrganisationID != sdi.ID) {
			t.Errorf("the gap: %+v", g)
		}
	}
	for _, m := range meetings {
		if m.Title == "Water and sanitation" && (m.HeldOn != "2026-03-31" || len(m.AttendeeIDs) != 2) {
			t.Errorf("the meeting: %+v", m)
		}
	}
}

// A row whose save wrote part of its record before its error (an
// organisation's sectors changed, then its new name refused as another's)
// is undone whole; the rows around it are kept.
func TestSkipBadRowsUndoesAHalfWrittenRow(t *testing.T) {
	f := newWorkspace(t)
	sectors, _ := f.Sectors()
	a, err := f.CreateOrganisation(workspace.Organisation{Name: "Akiba Mashinani Trust", Kind: "ngo", SectorIDs: []string{sectors[0].ID}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.CreateOrganisation(workspace.Organisation{Name: "Muungano wa Wanavijiji", Kind: "federation"}); err != nil {
		t.Fatal(err)
	}
	book := writeBook(t, sheet{"Organisations", [][]any{
		{"ID", "Name", "Kind", "Sectors"},
		{"", "Pamoja Trust", "CSO / NGO", sectors[2].Name},
		{a.ID, "Muungano wa Wanavijiji", "CSO / NGO", sectors[1].Name},
		{"", "Kituo cha Sheria", "CSO / NGO", sectors[3].Name},
	}})
	r := importSkipping(t, f, book, "")
	if !r.Written || r.Errors() != 1 || sheetResult(t, r, "Organisations").Skipped != 1 || sheetResult(t, r, "Organisations").New != 2 {
		t.Fatalf("report:\n%s", problems(r))
	}
	got, err := f.Organisation(a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != a.Name || !slices.Equal(got.SectorIDs, a.SectorIDs) {
		t.Errorf("the refused row was half written: %+v, was %+v", got, a)
	}
	if orgs, _ := f.Organisations(); len(orgs) != 4 {
		t.Errorf("organisations: %+v", orgs)
	}
}

// A 3W sheet gathers its rows into organisations: a row with an error keeps
// its organisation out, and every row naming that organisation is left out
// with it, so that the fixed rows give it all its sectors. The rejects keep
// the sheet's HXL row.
func TestSkipBadRowsOf3W(t *testing.T) {
	f := newWorkspace(t)
	book := writeBook(t, sheet{"3W Mukuru", [][]any{
		{"Organisation", "Implementing partner", "Sector", "Org type"},
		{"#org", "#org+impl", "#sector", "#org+type"},
		{"Alpha Trust", "", "WASH", "NGO"},
		{"Beta Group", "", "Shelter", "Government"},
		{"Beta Group", "", "WASH", ""},
		{"Gamma Aid", "Beta Group", "Health", "NGO"},
		{"Delta Youth", "", "Education", "NGO"},
		{"Epsilon Trust", "Delta Youth", "Shelter", "Government"},
	}})
	r := importSkipping(t, f, book, filepath.Join(t.TempDir(), "rejects.xlsx"))
	if !r.Written || r.Blocking() != 0 {
		t.Fatalf("not written:\n%s", problems(r))
	}
	wantProblem(t, r, "3W Mukuru", 4, "Org type", "Government")
	wantProblem(t, r, "3W Mukuru", 5, "Organisation", "row 4 of the 3W Mukuru sheet")
	wantProblem(t, r, "3W Mukuru", 6, "Organisation", "row 4 of the 3W Mukuru sheet")
	wantProblem(t, r, "3W Mukuru", 7, "Organisation", "another row naming it has a problem")
	wantProblem(t, r, "3W Mukuru", 8, "Org type", "Government")
	// Gamma Aid's only row names Beta Group beside it: left out whole,
	// Gamma Aid is not made from it either.
	if got := sheetResult(t, r, "3W Mukuru"); got.Skipped != 5 || got.New != 1 {
		t.Errorf("3W: %+v", got)
	}
	if orgs, _ := f.Organisations(); len(orgs) != 1 || orgs[0].Name != "Alpha Trust" {
		t.Errorf("written from the 3W: %+v", orgs)
	}
	rows := rowsOf(t, r.Rejects, "3W Mukuru")
	if len(rows) != 7 || !slices.Equal(rows[1], []string{"#org", "#org+impl", "#sector", "#org+type"}) || rows[2][0] != "Beta Group" {
		t.Fatalf("the rejected 3W rows: %q", rows)
	}
	setCells(t, r.Rejects, "3W Mukuru", map[string]any{"D3": "County", "D7": "National government"})
	r = importBook(t, f, r.Rejects, false)
	wantClean(t, r)
	orgs, _ := f.Organisations()
	names := map[string]workspace.Organisation{}
	for _, o := range orgs {
		names[o.Name] = o
	}
	if len(orgs) != 5 || len(names) != 5 {
		t.Fatalf("organisations: %+v", orgs)
	}
	if beta := names["Beta Group"]; beta.Kind != "local-government" || len(beta.SectorIDs) != 3 {
		t.Errorf("Beta Group has not all its sectors: %+v", beta)
	}
	if len(names["Gamma Aid"].SectorIDs) != 1 || len(names["Delta Youth"].SectorIDs) != 2 {
		t.Errorf("Gamma Aid %+v, Delta Youth %+v", names["Gamma Aid"], names["Delta Youth"])
	}
}

// A roster's row whose role cannot be assigned (held in a consortium,
// which the row does not say) finds it out once every sheet is in, after
// its person was saved: the import runs again without that row, so that
// nothing of it is written, and the rows referring to its person are left
// out with it.
func TestSkipBadRowsLeavesOutRowsWrittenBeforeTheirProblem(t *testing.T) {
	f := newWorkspace(t)
	book := writeBook(t,
		sheet{"People", [][]any{
			{"Name", "E-mail", "Role"},
			{"Jane Wanjiru", "jane@example.org", "Community organiser"},
			{"Otieno Ouma", "otieno@example.org", "Engineer"},
		}},
		sheet{"Meetings", [][]any{
			{"Kind", "Title", "Held on", "Attendees"},
			{"Public meeting", "Launch", "2026-03-31", "Jane Wanjiru"},
			{"Community planning forum", "Water", "2026-04-02", "Jane Wanjiru; Otieno Ouma"},
		}},
	)
	r := importSkipping(t, f, book, filepath.Join(t.TempDir(), "rejects.xlsx"))
	if !r.Written || r.Blocking() != 0 {
		t.Fatalf("not written:\n%s", problems(r))
	}
	wantProblem(t, r, "People", 3, "Role", "held in a consortium")
	wantProblem(t, r, "Meetings", 3, "Attendees", "row 3 of the People sheet")
	people, _ := f.People(workspace.PersonFilter{})
	meetings, _ := f.Meetings()
	assignments, _ := f.Assignments(workspace.AssignmentFilter{})
	if len(people) != 1 || people[0].Name != "Jane Wanjiru" || len(meetings) != 1 || len(assignments) != 1 {
		t.Fatalf("written: people %+v, meetings %+v, assignments %+v", people, meetings, assignments)
	}
	if s := sheetResult(t, r, "People"); s.Skipped != 1 || s.New != 1 || r.Skipped() != 2 {
		t.Errorf("people: %+v; %d left out in all", s, r.Skipped())
	}
	setCells(t, r.Rejects, "People", map[string]any{"C2": "Community organiser"})
	wantClean(t, importBook(t, f, r.Rejects, false))
	people, _ = f.People(workspace.PersonFilter{})
	meetings, _ = f.Meetings()
	assignments, _ = f.Assignments(workspace.AssignmentFilter{})
	if len(people) != 2 || len(meetings) != 2 || len(assignments) != 2 {
		t.Fatalf("after the rejects: people %+v, meetings %+v, assignments %+v", people, meetings, assignments)
	}
}

// An error that is no row's (a sheet without a required column) still
// means nothing is written, rejects included; a cancelled import removes
// the rejects it wrote; no row left out, or a dry run, writes none, and
// the report says why.
func TestSkipBadRowsKeepsWhatTheImportGuarantees(t *testing.T) {
	f := newWorkspace(t)
	before := digest(t, f.Path())
	rejects := filepath.Join(t.TempDir(), "rejects.xlsx")
	badRow := sheet{"Organisations", [][]any{{"Name", "Kind"}, {"Pamoja Trust", "CSO / NGO"}, {"Kituo cha Sheria", "Spaceship"}}}
	noName := sheet{"People", [][]any{{"E-mail", "Gender"}, {"jane@example.org", "F"}}}

	r := importSkipping(t, f, writeBook(t, badRow, noName), rejects)
	if r.Written || r.Blocking() != 1 || r.Rejects != "" || !strings.Contains(problems(r), "Nothing was imported, so no workbook of rejected rows was written.") {
		t.Fatalf("a sheet without its required column:\n%s", problems(r))
	}
	if _, err := os.Stat(rejects); !os.IsNotExist(err) || digest(t, f.Path()) != before {
		t.Fatalf("something was written: %v", err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	book := writeBook(t, badRow)
	_, err := Import(ctx, f, book, ImportOptions{SkipBadRows: true, Rejects: rejects, beforeWrite: cancel})
	if !errors.Is(err, ErrCancelled) {
		t.Fatalf("cancelled: %v", err)
	}
	if _, err := os.Stat(rejects); !os.IsNotExist(err) || digest(t, f.Path()) != before {
		t.Fatalf("a cancelled import left something: %v", err)
	}

	r, err = Import(context.Background(), f, book, ImportOptions{SkipBadRows: true, Rejects: rejects, DryRun: true})
	if err != nil || r.Written || sheetResult(t, r, "Organisations").Skipped != 1 ||
		!strings.Contains(r.Summary(), "it would give 1 new, 0 updated, 0 unchanged. Rows it would leave out: 1.") ||
		!strings.Contains(problems(r), "This was a dry run, so the rows it would leave out were not written to "+rejects) {
		t.Fatalf("a dry run: %v\n%s", err, problems(r))
	}
	if _, err := os.Stat(rejects); !os.IsNotExist(err) || digest(t, f.Path()) != before {
		t.Fatalf("a dry run wrote something: %v", err)
	}

	if _, err := Import(context.Background(), f, book, ImportOptions{SkipBadRows: true, Rejects: book}); workspace.Code(err) != workspace.ErrInvalid ||
		!strings.Contains(err.Error(), "it is the workbook being imported") || digest(t, f.Path()) != before {
		t.Fatalf("rejects over the workbook imported: %v", err)
	}

	r = importSkipping(t, f, writeBook(t, sheet{"Organisations", [][]any{{"Name", "Kind"}, {"Pamoja Trust", "CSO / NGO"}}}), rejects)
	if !r.Written || r.Rejects != "" || !strings.Contains(problems(r), "No row was left out, so no workbook of rejected rows was written.") {
		t.Fatalf("nothing left out:\n%s", problems(r))
	}
	if _, err := os.Stat(rejects); !os.IsNotExist(err) {
		t.Fatalf("rejects were written with no row left out: %v", err)
	}
}

// A workbook counting its dates from 1904 (made on a Mac) gives rejects
// that do too, so that a date left out comes back the same day.
func TestRejectsKeepTheDateSystem(t *testing.T) {
	f := newWorkspace(t)
	x := excelize.NewFile()
	yes := true
	if err := x.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}); err != nil {
		t.Fatal(err)
	}
	x.SetSheetName("Sheet1", "Meetings")
	x.SetSheetRow("Meetings", "A1", &[]any{"Kind", "Title", "Held on"})
	// 2026-03-31 is day 46112 from 1900 and 44650 from 1904.
	x.SetSheetRow("Meetings", "A2", &[]any{"Public meeting", "Launch", 44650})
	x.SetSheetRow("Meetings", "A3", &[]any{"Tea party", "Review", 44650})
	book := filepath.Join(t.TempDir(), "mac.xlsx")
	if err := x.SaveAs(book); err != nil {
		t.Fatal(err)
	}
	x.Close()
	r := importSkipping(t, f, book, filepath.Join(t.TempDir(), "rejects.xlsx"))
	if !r.Written || r.Rejects == "" {
		t.Fatalf("report:\n%s", problems(r))
	}
	setCells(t, r.Rejects, "Meetings", map[string]any{"A2": "Public meeting"})
	wantClean(t, importBook(t, f, r.Rejects, false))
	meetings, _ := f.Meetings()
	if len(meetings) != 2 || meetings[0].HeldOn != "2026-03-31" || meetings[1].HeldOn != "2026-03-31" {
		t.Fatalf("meetings: %+v", meetings)
	}
}

// The Problem column of the rejects means no column of any sheet, so that
// importing the rejects ignores it.
func TestRejectsProblemColumnIsNoSheetsColumn(t *testing.T) {
	for _, s := range sheets {
		if c := s.at(rejectsColumn); c >= 0 {
			t.Errorf("%s has a column %s", s.name, rejectsColumn)
		}
		if c := columnByMeaning(s, rejectsColumn); c >= 0 {
			t.Errorf("%s reads %s as %s", s.name, rejectsColumn, s.cols[c].header)
		}
	}
}
