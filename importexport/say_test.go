package importexport

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"cpw/translate"
	"cpw/workspace"
)

// sayBook is a workbook with a few problems of the import's own: an
// unknown column, a kind not among the choices, a yes/no that is neither,
// and an organisation nobody has.
func sayBook(t *testing.T) string {
	t.Helper()
	return writeBook(t,
		sheet{"Organisations", [][]any{
			{"Name", "Kind", "Favourite colour"},
			{"Kiswahili Org", "Academia", "blue"},
			{"Spaceship Trust", "Spaceship", "red"},
		}},
		sheet{"People", [][]any{
			{"Name", "Resident", "Organisation"},
			{"Mary Achieng", "maybe", "Nobody Org"},
		}},
	)
}

func importSaying(t *testing.T, path string, say translate.Func) (*Report, []string) {
	t.Helper()
	var steps []string
	progress := func(_, _ int, what string) { steps = append(steps, what) }
	r, err := Import(context.Background(), newWorkspace(t), path, ImportOptions{DryRun: true, Say: say, Progress: progress})
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	return r, steps
}

// With Say in Swahili the report's own sentences are Swahili, on the same
// sheets, rows and columns as in English; without it all stays English, as
// the command line prints it.
func TestImportReportInTheWindowsLanguage(t *testing.T) {
	sw := translate.For("sw")
	book := sayBook(t)
	en, enSteps := importSaying(t, book, nil)
	got, swSteps := importSaying(t, book, sw)

	kinds := strings.Join(labels(workspace.OrganisationKinds), ", ")
	want := []struct {
		severity Severity
		sheet    string
		row      int
		column   string
		format   string
		args     []any
	}{
		{Warning, "Organisations", 1, "Favourite colour", "This column was ignored: it is not one this program imports into %s.", []any{"organisations"}},
		{Error, "Organisations", 3, "Kind", "“%s” is not one of the choices for %s: %s.", []any{"Spaceship", "Kind", kinds}},
		{Error, "People", 2, "Organisation", "There is no %s “%s” in the workspace or in the workbook.", []any{"organisation", "Nobody Org"}},
		{Error, "People", 2, "Resident", "“%s” is neither Yes nor No.", []any{"maybe"}},
	}
	if len(en.Problems) != len(want) || len(got.Problems) != len(want) {
		t.Fatalf("want %d problems, got %d in English and %d in Swahili:\n%s\n%s", len(want), len(en.Problems), len(got.Problems), problems(en), problems(got))
	}
	for i, w := range want {
		e, s := en.Problems[i], got.Problems[i]
		if e.Severity != w.severity || e.Sheet != w.sheet || e.Row != w.row || e.Column != w.column {
			t.Errorf("problem %d in English: %+v, want %s on %s row %d column %q", i, e, w.severity, w.sheet, w.row, w.column)
		}
		if s.Severity != e.Severity || s.Sheet != e.Sheet || s.Row != e.Row || s.Column != e.Column || s.Letter != e.Letter || s.Value != e.Value {
			t.Errorf("problem %d is elsewhere in Swahili: %+v, in English %+v", i, s, e)
		}
		if english := translate.English(w.format, w.args...); e.Message != english {
			t.Errorf("problem %d in English: %q, want %q", i, e.Message, english)
		}
		// The values put in that are words (not data) are Swahili too.
		args := append([]any(nil), w.args...)
		for j, a := range args {
			if a == "organisations" || a == "organisation" {
				args[j] = sw(a.(string))
			}
		}
		swahili := sw(w.format, args...)
		if s.Message != swahili {
			t.Errorf("problem %d in Swahili: %q, want %q", i, s.Message, swahili)
		}
		if swahili == e.Message {
			t.Errorf("problem %d has no Swahili: %q", i, swahili)
		}
	}
	// Where a problem is: the row is a sentence, the sheet and column are
	// the workbook's.
	p := got.Problems[1]
	if want := sw("%s, %s (column %s)", sw("%s row %d", "Organisations", 3), "Kind", "B") + " (“Spaceship”)"; p.Where() != want {
		t.Errorf("where in Swahili: %q, want %q", p.Where(), want)
	}
	if want := "Organisations row 3, Kind (column B) (“Spaceship”)"; en.Problems[1].Where() != want {
		t.Errorf("where in English: %q, want %q", en.Problems[1].Where(), want)
	}

	counts := "1 new, 0 updated, 0 unchanged"
	if want := "Nothing was imported: 3 problems must be fixed first (the workbook would give " + counts + ")."; en.Summary() != want {
		t.Errorf("English summary: %q, want %q", en.Summary(), want)
	}
	swCounts := sw("%s new, %s updated, %s unchanged", "1", "0", "0")
	if want := sw("Nothing was imported: %s problems must be fixed first (the workbook would give %s).", "3", swCounts); got.Summary() != want || want == en.Summary() {
		t.Errorf("Swahili summary: %q, want %q", got.Summary(), want)
	}
	if r := sheetResult(t, got, "Organisations"); r.Records != sw("organisations") || r.Records == "organisations" {
		t.Errorf("Swahili records: %q", r.Records)
	}
	if r := sheetResult(t, en, "Organisations"); r.Records != "organisations" {
		t.Errorf("English records: %q", r.Records)
	}

	// The text the command line prints: English without Say, Swahili with.
	enText, swText := problems(en), problems(got)
	for _, s := range []string{"ERROR: People row 2, Resident (column B) (“maybe”): “maybe” is neither Yes nor No.", "WARNING: Organisations row 1", " new ", " unchanged"} {
		if !strings.Contains(enText, s) {
			t.Errorf("the English text lacks %q:\n%s", s, enText)
		}
	}
	if s := sw("ERROR") + ": " + sw("%s, %s (column %s)", sw("%s row %d", "People", 2), "Resident", "B"); !strings.Contains(swText, s) || strings.Contains(swText, "ERROR:") {
		t.Errorf("the Swahili text lacks %q:\n%s", s, swText)
	}

	// The steps shown beside the progress bar.
	if len(enSteps) == 0 || enSteps[0] != "Opening the workbook" {
		t.Errorf("English steps: %q", enSteps)
	}
	if len(swSteps) == 0 || swSteps[0] != sw("Opening the workbook") || swSteps[0] == enSteps[0] {
		t.Errorf("Swahili steps: %q", swSteps)
	}
}

// A file that is not a workbook is refused in the language asked for.
func TestRefusalInTheWindowsLanguage(t *testing.T) {
	sw := translate.For("sw")
	path := writeFile(t, "partners.xlsx", []byte("Name,Kind\nAMT,NGO\n"))
	const format = "%s is not an Excel workbook (.xlsx): it may be a text or CSV file renamed. Open it in a spreadsheet program and save it as an .xlsx workbook."
	for _, c := range []struct {
		say  translate.Func
		want string
	}{
		{nil, translate.English(format, path)},
		{sw, sw(format, path)},
	} {
		_, err := Import(context.Background(), newWorkspace(t), path, ImportOptions{Say: c.say})
		var refused *RefusedError
		if !errors.As(err, &refused) || err.Error() != c.want {
			t.Errorf("refusal: %v, want %q", err, c.want)
		}
	}
	if sw(format, path) == translate.English(format, path) {
		t.Error("the refusal has no Swahili")
	}
}

// Exports and templates word their errors in the language asked for; the
// command line's stay English.
func TestWriteErrorsInTheWindowsLanguage(t *testing.T) {
	sw := translate.For("sw")
	f := newWorkspace(t)
	path := filepath.Join(t.TempDir(), "partners.csv")
	const format = "A workbook's name must end in .xlsx: “%s” does not."
	english, swahili := translate.English(format, "partners.csv"), sw(format, "partners.csv")
	if english == swahili {
		t.Fatal("the error has no Swahili")
	}
	if err := WriteTemplate(f, path, TemplateOptions{}); err == nil || err.Error() != english {
		t.Errorf("template, English: %v", err)
	}
	if err := WriteTemplate(f, path, TemplateOptions{Say: sw}); err == nil || err.Error() != swahili {
		t.Errorf("template, Swahili: %v", err)
	}
	if err := Export(context.Background(), f, path, ExportOptions{}); err == nil || err.Error() != english {
		t.Errorf("export, English: %v", err)
	}
	if err := Export(context.Background(), f, path, ExportOptions{Say: sw}); err == nil || err.Error() != swahili {
		t.Errorf("export, Swahili: %v", err)
	}
}

// An import made with the window in Swahili writes the change log in
// English, as the file keeps it.
func TestImportLogStaysEnglish(t *testing.T) {
	f := newWorkspace(t)
	book := writeBook(t, sheet{"Organisations", [][]any{{"Name", "Kind"}, {"Kiswahili Org", "Academia"}}})
	r, err := Import(context.Background(), f, book, ImportOptions{Say: translate.For("sw")})
	if err != nil || r.Errors() > 0 || !r.Written {
		t.Fatalf("Import: %v\n%s", err, problems(r))
	}
	log, _ := f.Changes(workspace.ChangeFilter{})
	var sheetEntry, bookEntry bool
	for _, c := range log {
		sheetEntry = sheetEntry || c.Summary == "Imported 1 new organisation from the sheet “Organisations” of book.xlsx"
		bookEntry = bookEntry || c.Summary == "Imported the workbook book.xlsx: 1 new, 0 updated, 0 unchanged"
	}
	if !sheetEntry || !bookEntry {
		t.Errorf("change log: %+v", log)
	}
}
