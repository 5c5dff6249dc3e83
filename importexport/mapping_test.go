package importexport

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cpw/workspace"
)

// A partner list in the partner's own words: the plan says what the sheet
// was taken as and suggests a choice for each value, a suggestion is never
// applied without the user's word, the user's mapping imports it, and the
// next workbook of the same shape goes straight in.
func TestMappingIsPlannedGivenAndRemembered(t *testing.T) {
	f := newWorkspace(t)
	partners := sheet{"Partner list", [][]any{
		{"Organisation name", "Type", "Sex of contact"},
		{"Pamoja Trust", "CSO/NGO (legal)", ""},
		{"Nairobi City County Urban Planning", "Govt", ""},
		{"Slum Dwellers International Kenya", "CSO/NGO (legal)", ""},
	}}
	book := writeBook(t, partners)
	m, report, err := PlanMapping(context.Background(), f, book, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if report.Written {
		t.Fatal("planning wrote the workspace")
	}
	if len(m.Sheets) != 1 || m.Sheets[0].Kind != "Organisations" || !m.Sheets[0].Suggested {
		t.Fatalf("sheets: %+v", m.Sheets)
	}
	values := map[string]ValueMapping{}
	for _, v := range m.Values {
		values[v.Value] = v
	}
	if v := values["CSO/NGO (legal)"]; v.Means != "CSO / NGO" || v.Rows != 2 || !v.Suggested || v.Column != "Kind" {
		t.Errorf("CSO/NGO (legal): %+v", v)
	}
	if v := values["Govt"]; !v.Suggested || v.Means != "" {
		t.Errorf("Govt should be a question: %+v", v)
	}
	var ignored bool
	for _, c := range m.Columns {
		ignored = ignored || c.Header == "Sex of contact" && c.Column == ""
	}
	if !ignored {
		t.Errorf("columns: %+v", m.Columns)
	}

	// Without the user's word the suggestion is an error that names it.
	r := importBook(t, f, book, false)
	wantProblem(t, r, "Partner list", 2, "Type", "did you mean CSO / NGO?")
	if orgs, _ := f.Organisations(); len(orgs) != 0 {
		t.Fatalf("a suggestion was applied without the user's word: %+v", orgs)
	}

	// The mapping written to a file and read back, with the question
	// answered, imports the workbook.
	path := filepath.Join(t.TempDir(), "map.json")
	if err := WriteMapping(m, path); err != nil {
		t.Fatal(err)
	}
	given, err := ReadMapping(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := range given.Values {
		if given.Values[i].Value == "Govt" {
			given.Values[i].Means = "County / local-government department"
		}
	}
	// A suggestion still marked as one is no answer yet.
	r, err = Import(context.Background(), f, book, ImportOptions{Mapping: given})
	if err != nil {
		t.Fatal(err)
	}
	wantProblem(t, r, "Partner list", 2, "Type", "did you mean CSO / NGO?")
	for i := range given.Values {
		given.Values[i].Suggested = false // the user takes the suggestions
	}
	r, err = Import(context.Background(), f, book, ImportOptions{Mapping: given})
	if err != nil {
		t.Fatal(err)
	}
	wantClean(t, r)
	kinds := map[string]string{}
	orgs, _ := f.Organisations()
	for _, o := range orgs {
		kinds[o.Name] = o.Kind
	}
	if kinds["Pamoja Trust"] != "ngo" || kinds["Nairobi City County Urban Planning"] != "local-government" || len(orgs) != 3 {
		t.Errorf("kinds: %v", kinds)
	}
	remembered, err := f.ImportMappings()
	if err != nil || len(remembered) == 0 {
		t.Fatalf("nothing remembered (%v)", err)
	}

	// The next workbook of the same shape needs no mapping.
	g := sheet{"Partner list", [][]any{
		{"Organisation name", "Type"},
		{"Muungano Support Trust", "CSO/NGO (legal)"},
		{"Nairobi City County Water", "govt"},
	}}
	r = importBook(t, f, writeBook(t, g), false)
	wantClean(t, r)
	if got := sheetResult(t, r, "Partner list"); got.New != 2 {
		t.Errorf("second workbook: %+v\n%s", got, problems(r))
	}
}

// A mapping file that is not one is refused with a sentence, and nothing
// is imported.
func TestMappingFileRefusals(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"not-json.json":   "sheet,kind\nMobilizers,People\n",
		"other.json":      `{"format": "something else", "sheets": [], "columns": [], "values": []}`,
		"bad-kind.json":   `{"format": "` + MappingFormat + `", "sheets": [{"sheet": "Mobilizers", "kind": "Volunteers"}], "columns": [], "values": []}`,
		"bad-column.json": `{"format": "` + MappingFormat + `", "sheets": [], "columns": [{"kind": "People", "header": "Sex", "column": "Shoe size"}], "values": []}`,
		"extra.json":      `{"format": "` + MappingFormat + `", "sheets": [], "columns": [], "values": [], "script": "rm -rf /"}`,
	} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := ReadMapping(path)
		var refused *RefusedError
		if err == nil || !errors.As(err, &refused) || !strings.Contains(err.Error(), path) {
			t.Errorf("%s: %v", name, err)
		}
	}
	big := filepath.Join(dir, "big.json")
	if err := os.WriteFile(big, make([]byte, mappingFileLimit+10), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadMapping(big); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("a huge file: %v", err)
	}
}

// Answers remembered travel as settings: a copy has them, and a merge
// brings one copy's answers into the other.
func TestRememberedMappingsTravelWithCopies(t *testing.T) {
	f := newWorkspace(t)
	book := writeBook(t, sheet{"Mobilizers", [][]any{{"Jina", "Jinsia", "Simu"}, {"Achieng Otieno", "Mwanamke", "0712 345 001"}}})
	m, _, err := PlanMapping(context.Background(), f, book, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range m.Values {
		if m.Values[i].Means != "" {
			m.Values[i].Suggested = false
		}
	}
	r, err := Import(context.Background(), f, book, ImportOptions{Mapping: m})
	if err != nil {
		t.Fatal(err)
	}
	wantClean(t, r)
	copyPath := filepath.Join(t.TempDir(), "copy.cpw")
	if err := f.SaveCopy(copyPath); err != nil {
		t.Fatal(err)
	}
	c, err := workspace.Open(copyPath)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	r = importBook(t, c, writeBook(t, sheet{"Mobilizers", [][]any{{"Jina", "Jinsia", "Simu"}, {"Wanjiku Kamau", "Mwanamke", "0722 000 111"}}}), false)
	wantClean(t, r)
	people, _ := c.People(workspace.PersonFilter{})
	if len(people) != 2 || people[1].Gender != "female" {
		t.Errorf("the copy did not use the answers: %+v", people)
	}
}

// Only what a mapping's import used is remembered, and never a column the
// program suggested ignoring: a later workbook may give it a meaning.
func TestMappingRemembersOnlyWhatItUsedAndNoSuggestedIgnore(t *testing.T) {
	f := newWorkspace(t)
	book := writeBook(t, sheet{"People", [][]any{{"Name", "Phone", "Contact", "Gender"}, {"Achieng Otieno", "0712 345 001", "0722 000 111", "Mwanamke"}}})
	m, _, err := PlanMapping(context.Background(), f, book, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var ignored bool
	for _, c := range m.Columns {
		ignored = ignored || c.Header == "Contact" && c.Column == "" && c.Suggested
	}
	if !ignored {
		t.Fatalf("the plan does not suggest ignoring Contact: %+v", m.Columns)
	}
	m.Values = append(m.Values, ValueMapping{Kind: "Organisations", Column: "Kind", Value: "Spaceship", Means: "Other organisation"})
	// A value handed back still marked as the program's suggestion is no
	// one's word: it is asked about again, and nothing is imported.
	r, err := Import(context.Background(), f, book, ImportOptions{Mapping: m})
	if err != nil {
		t.Fatal(err)
	}
	if r.Blocking() == 0 || !strings.Contains(problems(r), "“Mwanamke” is not one of the choices for Gender: did you mean Female?") {
		t.Fatalf("a value still marked as suggested was taken:\n%s", problems(r))
	}
	if people, _ := f.People(workspace.PersonFilter{}); len(people) != 0 {
		t.Fatalf("imported: %+v", people)
	}
	for i := range m.Values {
		m.Values[i].Suggested = false // the user's word now
	}
	r, err = Import(context.Background(), f, book, ImportOptions{Mapping: m})
	if err != nil {
		t.Fatal(err)
	}
	wantClean(t, r)
	remembered, _ := f.ImportMappings()
	for _, a := range remembered {
		if strings.Contains(a.Key, "contact") || strings.Contains(a.Key, "spaceship") {
			t.Errorf("remembered %s → %s", a.Key, a.Meaning)
		}
	}
	// Contact alone is read as the phone, as a new workspace would.
	r = importBook(t, f, writeBook(t, sheet{"People", [][]any{{"Name", "Contact"}, {"Baraka Mwangi", "0733 444 555"}}}), false)
	wantClean(t, r)
	people, _ := f.People(workspace.PersonFilter{NameContains: "Baraka"})
	if len(people) != 1 || people[0].Phone != "0733 444 555" {
		t.Errorf("Contact was not read as the phone: %+v", people)
	}
}

// A sheet kind remembered for a name many workbooks use gives way when the
// sheet's columns say it holds something else, and the report says so.
func TestRememberedSheetKindGivesWayToItsColumns(t *testing.T) {
	f := newWorkspace(t)
	people := writeBook(t, sheet{"Sheet1", [][]any{{"Name", "Sex", "Phone"}, {"Achieng Otieno", "F", "0712 345 001"}}})
	r, err := Import(context.Background(), f, people, ImportOptions{Mapping: &Mapping{Sheets: []SheetMapping{{Sheet: "Sheet1", Kind: "People"}}}})
	if err != nil {
		t.Fatal(err)
	}
	wantClean(t, r)
	orgs := writeBook(t, sheet{"Sheet1", [][]any{{"Name", "Acronym", "Kind", "Sectors"}, {"Slum Dwellers International Kenya", "SDI-K", "CSO / NGO", ""}}})
	r = importBook(t, f, orgs, false)
	wantClean(t, r)
	if o, _ := f.Organisations(); len(o) != 1 {
		t.Errorf("organisations: %+v\n%s", o, problems(r))
	}
	if !strings.Contains(problems(r), "remembers a sheet of this name as People") {
		t.Errorf("the report does not say the memory gave way:\n%s", problems(r))
	}
	r = importBook(t, f, writeBook(t, sheet{"Sheet1", [][]any{{"Name", "Sex", "Phone"}, {"Baraka Mwangi", "M", "0733 444 555"}}}), false)
	wantClean(t, r)
	if !strings.Contains(problems(r), "as the workspace remembers") {
		t.Errorf("the report does not say the kind was remembered:\n%s", problems(r))
	}
}

// An import given the answers its check read refuses to go on when the
// workspace's answers changed since: the workbook would be read otherwise
// than the user was shown.
func TestImportRefusesWhenTheAnswersChangedSinceTheCheck(t *testing.T) {
	f := newWorkspace(t)
	book := writeBook(t, sheet{"Mobilizers", [][]any{{"Name", "Sex", "Phone"}, {"Achieng Otieno", "Mwanamke", "0712 345 001"}}})
	if err := f.CorrectImportMapping(valueKey("People", "Gender", "Mwanamke"), "", "Female"); err != nil {
		t.Fatal(err)
	}
	_, check, err := PlanMapping(context.Background(), f, book, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// Another window changes what Mwanamke means, after the check.
	if err := f.CorrectImportMapping(valueKey("People", "Gender", "Mwanamke"), "Female", "Other gender"); err != nil {
		t.Fatal(err)
	}
	r, err := Import(context.Background(), f, book, ImportOptions{AnswersSeen: check.AnswersRead()})
	if err != nil {
		t.Fatal(err)
	}
	if r.Written || !strings.Contains(problems(r), "changed after this one was checked") {
		t.Fatalf("imported over a changed answer:\n%s", problems(r))
	}
	if people, _ := f.People(workspace.PersonFilter{}); len(people) != 0 {
		t.Errorf("written: %+v", people)
	}
	// Checked again, it imports as it is now read.
	_, check, err = PlanMapping(context.Background(), f, book, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	r, err = Import(context.Background(), f, book, ImportOptions{AnswersSeen: check.AnswersRead()})
	if err != nil {
		t.Fatal(err)
	}
	wantClean(t, r)
	if people, _ := f.People(workspace.PersonFilter{}); len(people) != 1 || people[0].Gender != "other" {
		t.Errorf("people: %+v", people)
	}
}
