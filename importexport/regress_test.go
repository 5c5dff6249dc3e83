package importexport

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"cpw/workspace"
)

// Each test here is a failure found in review, kept so it stays fixed.

func TestCancelledBeforeTheCommitWritesNothing(t *testing.T) {
	f := newDemo(t)
	before := digest(t, f.Path())
	book := writeBook(t, sheet{"Organisations", [][]any{{"Name", "Kind"}, {"Late Org", "Media"}}})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Import(ctx, f, book, ImportOptions{})
	if !errors.Is(err, ErrCancelled) {
		t.Fatalf("want a cancellation, got %v", err)
	}
	if digest(t, f.Path()) != before {
		t.Fatal("a cancelled import wrote")
	}
	if err := Export(ctx, f, filepath.Join(t.TempDir(), "x.xlsx"), ExportOptions{}); !errors.Is(err, ErrCancelled) {
		t.Fatalf("a cancelled export: %v", err)
	}
}

// A person's name edited in an exported workbook wins over the ID beside it.
func TestEditedNameWinsOverTheIDBesideIt(t *testing.T) {
	f := newWorkspace(t)
	wantClean(t, importBook(t, f, writeBook(t,
		sheet{"People", [][]any{{"Name", "E-mail"}, {"Jane Wanjiru", "jane@example.org"}, {"Paul Otieno", "paul@example.org"}}},
		sheet{"Roles", [][]any{{"Name", "Group", "Scope", "Holder"}, {"Treasurer", "Central leadership", "Whole initiative", "A person"}}},
		sheet{"Assignments", [][]any{{"Role", "Person", "Start"}, {"Treasurer", "Jane Wanjiru", "2026-01-05"}}},
	), false))
	book := filepath.Join(t.TempDir(), "out.xlsx")
	if err := Export(context.Background(), f, book, ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	x.SetCellValue("Assignments", "C2", "Paul Otieno") // the Person column; Person ID still Jane's
	if err := x.Save(); err != nil {
		t.Fatal(err)
	}
	x.Close()
	r := importBook(t, f, book, false)
	wantClean(t, r)
	if got := sheetResult(t, r, "Assignments"); got.Updated != 1 {
		t.Fatalf("assignments: %+v\n%s", got, problems(r))
	}
	as, _ := f.Assignments(workspace.AssignmentFilter{})
	paul, _ := f.People(workspace.PersonFilter{NameContains: "Paul"})
	if len(as) != 1 || as[0].PersonID != paul[0].ID {
		t.Fatalf("the assignment is held by %v, not Paul", as)
	}
	warned := false
	for _, p := range r.Problems {
		warned = warned || (p.Severity == Warning && strings.Contains(p.Message, "the name was used"))
	}
	if !warned {
		t.Errorf("no warning:\n%s", problems(r))
	}
}

// A workbook's ID for a record the workspace holds under another id (found
// by its e-mail) still works for the rows that refer to it.
func TestWorkbookIDsOfMatchedRecordsStillResolve(t *testing.T) {
	f := newWorkspace(t)
	jane, err := f.CreatePerson(workspace.Person{Name: "Jane Wanjiru", Email: "jane@example.org"})
	if err != nil {
		t.Fatal(err)
	}
	other := "0b8f6a52-4a43-4d8e-9d7c-1b2f0a1c9e11"
	r := importBook(t, f, writeBook(t,
		sheet{"People", [][]any{{"ID", "Name", "E-mail"}, {other, "Jane Wanjiru", "jane@example.org"}}},
		sheet{"Meetings", [][]any{{"Kind", "Held on", "Attendees", "Attendee IDs"}, {"Public meeting", "2026-02-01", "Jane Wanjiru", other}}},
	), false)
	wantClean(t, r)
	ms, _ := f.Meetings()
	if len(ms) != 1 || len(ms[0].AttendeeIDs) != 1 || ms[0].AttendeeIDs[0] != jane.ID {
		t.Fatalf("meeting: %+v", ms)
	}
}

func TestAnAcronymNeverRenamesAnotherOrganisation(t *testing.T) {
	f := newWorkspace(t)
	if _, err := f.CreateOrganisation(workspace.Organisation{Name: "Kenya Red Cross", Acronym: "KRC", Kind: "ngo", Base: "national"}); err != nil {
		t.Fatal(err)
	}
	r := importBook(t, f, writeBook(t, sheet{"Organisations", [][]any{{"Name", "Acronym", "Kind"}, {"Kenya Railways Corporation", "KRC", "Utility"}}}), false)
	wantProblem(t, r, "Organisations", 2, "Acronym", "is that of Kenya Red Cross")
	orgs, _ := f.Organisations()
	if len(orgs) != 1 || orgs[0].Name != "Kenya Red Cross" {
		t.Fatalf("organisations: %+v", orgs)
	}
}

func TestARowMatchedByIDIsCheckedOnce(t *testing.T) {
	f := newDemo(t)
	units, _ := f.Units(workspace.UnitFilter{Level: "area"})
	r := importBook(t, f, writeBook(t, sheet{"Units", [][]any{{"ID", "Level", "Name"}, {units[0].ID, "Galaxy", units[0].Name}}}), false)
	n := 0
	for _, p := range r.Problems {
		if strings.Contains(p.Message, "Galaxy") {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("%d problems about the level:\n%s", n, problems(r))
	}
}

func TestHeaderProblemsAreOnTheHeaderRow(t *testing.T) {
	f := newWorkspace(t)
	r := importBook(t, f, writeBook(t, sheet{"Organisations", [][]any{{}, {}, {"Name", "Organisation name", "Kind"}, {"A", "B", "Media"}}}), false)
	wantProblem(t, r, "Organisations", 3, "Organisation name", "Two columns mean Name")
}

func TestIDsInOtherFormsAreStoredAsIDs(t *testing.T) {
	f := newWorkspace(t)
	wantClean(t, importBook(t, f, writeBook(t, sheet{"Organisations", [][]any{{"ID", "Name", "Kind"},
		{"{0B8F6A52-4A43-4D8E-9D7C-1B2F0A1C9E11}", "Braced", "Media"}}}), false))
	if _, err := f.Organisation("0b8f6a52-4a43-4d8e-9d7c-1b2f0a1c9e11"); err != nil {
		t.Fatalf("the id was not stored in its usual form: %v", err)
	}
}

func TestTemplateDatesTakeRealDates(t *testing.T) {
	f := newWorkspace(t)
	path := filepath.Join(t.TempDir(), "t.xlsx")
	if err := WriteTemplate(f, path, TemplateOptions{}); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	dvs, _ := x.GetDataValidations("Members")
	found := false
	for _, dv := range dvs {
		if dv.Type == "date" {
			found = true
			if dv.Formula1 != "18264" || dv.Formula2 != "109939" {
				t.Errorf("date range %q to %q", dv.Formula1, dv.Formula2)
			}
		}
	}
	if !found {
		t.Fatal("no date validation on Members")
	}
}

func TestA3WDonorColumnIsNotTheOrganisation(t *testing.T) {
	f := newWorkspace(t)
	r := importBook(t, f, writeBook(t, sheet{"4W", [][]any{
		{"Donor", "Partner", "Sector"},
		{"#org+funder+name", "#org+impl+name", "#sector"},
		{"ECHO", "Kenya Red Cross", "WASH"},
	}}), false)
	wantClean(t, r)
	orgs, _ := f.Organisations()
	if len(orgs) != 1 || orgs[0].Name != "Kenya Red Cross" {
		t.Fatalf("organisations: %+v", orgs)
	}
}

func TestOddNumbersAndDates(t *testing.T) {
	for _, bad := range []string{"NaN", "0x1p15", "Inf", "1e3"} {
		if got, ok := parseDate(bad); ok {
			t.Errorf("parseDate(%q) = %q", bad, got)
		}
	}
	for _, bad := range []string{"1,5", "12,34,567", "0x10"} {
		if got, ok := parseWhole(bad); ok {
			t.Errorf("parseWhole(%q) = %d", bad, got)
		}
	}
	f := newWorkspace(t)
	r := importBook(t, f, writeBook(t, sheet{"Units", [][]any{{"Level", "Name", "Households"}, {"Area", "Big", "99999999999999999999"}}}), false)
	wantProblem(t, r, "Units", 2, "Households", "is too large a number")
}

// A candidate for a gap whose own row has a problem is told so, not that
// there is no such gap.
func TestCandidateOfABrokenGapRow(t *testing.T) {
	f := newDemo(t)
	book := writeBook(t,
		sheet{"Gaps", [][]any{
			{"Consortium", "Title", "Kind"},
			{"WSE", "Surveyor", "Charity"}, // row 2: unknown kind
		}},
		sheet{"Candidates", [][]any{
			{"Consortium", "Gap", "Organisation", "Stage"},
			{"WSE", "Surveyor", "Maji Safi Trust", "Approached"},
		}},
	)
	r := importBook(t, f, book, false)
	wantProblem(t, r, "Candidates", 2, "Gap", "row 2 of the Gaps sheet, which has a problem of its own")
}

// A phone number starting with + is written as it is, not with the
// apostrophe that keeps formulas from running, and a formula still gets one.
func TestNeutraliseLeavesPhoneNumbers(t *testing.T) {
	for in, want := range map[string]string{
		"+254 712 358 461":        "+254 712 358 461",
		"+1 (202) 555-0100":       "+1 (202) 555-0100",
		"=HYPERLINK(\"x\")":       "'=HYPERLINK(\"x\")",
		"+254 712 358 461 =cmd|x": "'+254 712 358 461 =cmd|x",
		"@SUM(A1)":                "'@SUM(A1)",
		"-A1":                     "'-A1",
	} {
		if got := neutralise(in); got != want {
			t.Errorf("neutralise(%q) = %q, want %q", in, got, want)
		}
		if back := unneutralise(neutralise(in)); back != in {
			t.Errorf("%q comes back as %q", in, back)
		}
	}
}

// A decision of a meeting whose own row has a problem is told so, not that
// there is no such meeting.
func TestDecisionOfABrokenMeetingRow(t *testing.T) {
	f := newDemo(t)
	book := writeBook(t,
		sheet{"Meetings", [][]any{
			{"Kind", "Held on", "Title"},
			{"Charity meeting", "2026-03-04", "Launch"}, // row 2: unknown kind
		}},
		sheet{"Decisions", [][]any{
			{"Held on", "Meeting", "Decision"},
			{"2026-03-04", "Launch", "Start in Kosovo"},
		}},
	)
	r := importBook(t, f, book, false)
	wantProblem(t, r, "Decisions", 2, "Meeting", "row 2 of the Meetings sheet, which has a problem of its own")
}
