package app

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"cpw/workspace"
)

// writeBook writes a workbook of sheets, each a name and its rows (the
// first the header), into dir.
func writeBook(t *testing.T, dir, name string, sheets ...[]any) string {
	t.Helper()
	x := excelize.NewFile()
	defer x.Close()
	for i, s := range sheets {
		sheet := s[0].(string)
		if i == 0 {
			x.SetSheetName("Sheet1", sheet)
		} else if _, err := x.NewSheet(sheet); err != nil {
			t.Fatal(err)
		}
		for r, row := range s[1].([][]any) {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := x.SetSheetRow(sheet, cell, &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	path := filepath.Join(dir, name)
	if err := x.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// mobilizersBook is a partner's workbook in its own words: a sheet of
// mobilizers with Swahili headers and values, and a partner list whose
// kinds are the partner's.
func mobilizersBook(t *testing.T, dir string) string {
	return writeBook(t, dir, "Mobilizers.xlsx",
		[]any{"Mobilizers", [][]any{
			{"Jina", "Jinsia", "Simu"},
			{"Amina Achieng Odhiambo", "Mwanamke", "0712 345678"},
			{"Otieno Omondi Were", "Mwanaume", "0722 111222"},
			{"Wanjiru Njeri Kamau", "Mwanamke", "0733 222333"},
		}},
		[]any{"Partner list", [][]any{
			{"Organisation name", "Type"},
			{"Pamoja Mashinani Trust", "CSO/NGO (legal)"},
			{"Kwa Njenga Youth Initiative", "CSO/NGO (legal)"},
		}})
}

// visit walks everything shown under o, into widgets through their
// renderers, so that the rows a list shows are reached too.
func visit(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	fn(o)
	switch w := o.(type) {
	case *fyne.Container:
		for _, c := range w.Objects {
			visit(c, fn)
		}
	case *widget.Label, *widget.Select, *widget.Button:
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(w).Objects() {
			visit(c, fn)
		}
	}
}

// previewTabs is the guided preview's tabs.
func previewTabs(t *testing.T, u *ui) *container.AppTabs {
	t.Helper()
	var tabs *container.AppTabs
	visit(top(t, u), func(o fyne.CanvasObject) {
		if a, ok := o.(*container.AppTabs); ok {
			tabs = a
		}
	})
	if tabs == nil {
		t.Fatalf("the preview has no tabs: %v", texts(top(t, u)))
	}
	return tabs
}

// shownRow is what a row of the preview's lists shows.
type shownRow struct {
	title, detail, chosen string
	choice                *widget.Select
	buttons               []*widget.Button
}

// rowsOfTab opens a tab of the preview and returns the rows its list shows.
func rowsOfTab(t *testing.T, u *ui, tab int) []shownRow {
	t.Helper()
	tabs := previewTabs(t, u)
	tabs.SelectIndex(tab)
	return rowsShown(tabs.Selected().Content)
}

func rowsShown(o fyne.CanvasObject) []shownRow {
	var rows []shownRow
	visit(o, func(c fyne.CanvasObject) {
		r, ok := c.(*mappingRow)
		if !ok {
			return
		}
		s := shownRow{title: r.title.Text, detail: r.detail.Text}
		if r.right.Visible() {
			visit(r.right, func(c fyne.CanvasObject) {
				switch w := c.(type) {
				case *widget.Select:
					s.choice, s.chosen = w, w.Selected
				case *widget.Button:
					s.buttons = append(s.buttons, w)
				}
			})
		}
		rows = append(rows, s)
	})
	return rows
}

// row finds the row titled so, or fails.
func row(t *testing.T, rows []shownRow, title string) shownRow {
	t.Helper()
	for _, r := range rows {
		if r.title == title {
			return r
		}
	}
	t.Fatalf("no row %s in %+v", title, rows)
	return shownRow{}
}

func wantRow(t *testing.T, rows []shownRow, title, chosen, detail string) {
	t.Helper()
	r := row(t, rows, title)
	if r.chosen != chosen || !strings.Contains(r.detail, detail) {
		t.Errorf("%s: shown as %q (%q), want %q (%q)", title, r.chosen, r.detail, chosen, detail)
	}
}

// A partner's workbook in its own words: the preview says what each
// sheet, column and value was taken to mean, with the suggestions marked;
// changing a sheet's kind plans again; a value's meaning changed is
// imported as changed, and the workspace remembers what it was given.
func TestGuidedImportOfAPartnersWorkbook(t *testing.T) {
	u, path := openDemo(t)
	before, _ := u.file.Counts()
	book := mobilizersBook(t, filepath.Dir(path))
	u.screen.previewImport(book)

	dlg := top(t, u)
	if !has(texts(dlg), "The workbook can be imported: it would give 5 new") {
		t.Fatalf("the preview does not say what the import with the suggestions brings: %v", texts(dlg))
	}
	if after, _ := u.file.Counts(); after != before {
		t.Fatal("the preview changed the workspace")
	}
	if remembered, _ := u.file.ImportMappings(); len(remembered) != 0 {
		t.Fatalf("the preview remembered mappings: %+v", remembered)
	}
	tabs := previewTabs(t, u)
	if tabs.SelectedIndex() != 0 || tabs.Items[0].Text != "Sheets (2, 2 suggested)" || tabs.Items[1].Text != "Columns (5, 3 suggested)" ||
		tabs.Items[2].Text != "Values (3, 3 suggested)" {
		t.Errorf("tabs: %q %q %q, %d chosen", tabs.Items[0].Text, tabs.Items[1].Text, tabs.Items[2].Text, tabs.SelectedIndex())
	}

	sheets := rowsOfTab(t, u, 0)
	wantRow(t, sheets, "“Mobilizers”", "People", "Suggested (its columns “Jina”, “Jinsia”, “Simu”)")
	wantRow(t, sheets, "“Partner list”", "Organisations", "Suggested (its columns “Organisation name”, “Type”)")
	if opts := row(t, sheets, "“Mobilizers”").choice.Options; !has(opts, "3W (who does what where)") || !has(opts, "Skip: leave the sheet out") || !has(opts, "Meetings") {
		t.Errorf("the kinds offered: %v", opts)
	}

	columns := rowsOfTab(t, u, 1)
	wantRow(t, columns, "People", "", "3 columns, in the sheet “Mobilizers”")
	wantRow(t, columns, "“Jina”", "Name", "Suggested (its header means it)")
	wantRow(t, columns, "“Jinsia”", "Gender", "Suggested (its header means it)")
	wantRow(t, columns, "“Simu”", "Phone", "Suggested (its header means it)")
	wantRow(t, columns, "“Organisation name”", "Name", "Known (its header)")
	wantRow(t, columns, "“Type”", "Kind", "Known (its header)")
	if opts := row(t, columns, "“Simu”").choice.Options; !has(opts, "Ignore this column") || !has(opts, "E-mail") {
		t.Errorf("the columns offered: %v", opts)
	}

	values := rowsOfTab(t, u, 2)
	wantRow(t, values, "People › Gender", "", "2 values to check")
	wantRow(t, values, "“Mwanamke”", "Female", "2 rows (suggested)")
	wantRow(t, values, "“Mwanaume”", "Male", "1 row (suggested)")
	wantRow(t, values, "“CSO/NGO (legal)”", "CSO / NGO", "2 rows (suggested)")

	// A sheet left out is planned again without its columns and values;
	// taken back, the values shown before are as they were.
	row(t, rowsOfTab(t, u, 0), "“Partner list”").choice.SetSelected("Skip: leave the sheet out")
	if !has(texts(top(t, u)), "it would give 3 new") {
		t.Errorf("the sheet left out was not planned again: %v", texts(top(t, u)))
	}
	values = rowsOfTab(t, u, 2)
	for _, r := range values {
		if r.title == "“CSO/NGO (legal)”" {
			t.Error("a value of a sheet left out is still shown")
		}
	}
	wantRow(t, rowsOfTab(t, u, 0), "“Partner list”", "Skip: leave the sheet out", "Your choice (the program suggested Organisations)")
	row(t, rowsOfTab(t, u, 0), "“Partner list”").choice.SetSelected("Organisations")
	wantRow(t, rowsOfTab(t, u, 2), "“CSO/NGO (legal)”", "CSO / NGO", "2 rows (suggested)")

	// The user says the partners are community-based organisations.
	row(t, rowsOfTab(t, u, 2), "“CSO/NGO (legal)”").choice.SetSelected("Community-based organisation")
	wantRow(t, rowsOfTab(t, u, 2), "“CSO/NGO (legal)”", "Community-based organisation", "2 rows, your choice (the program suggested CSO / NGO)")
	if after, _ := u.file.Counts(); after != before {
		t.Fatal("a choice in the preview changed the workspace")
	}
	tap(t, top(t, u), "Import")

	if o := u.window.Canvas().Overlays().Top(); o == nil || !has(texts(o), "Imported: 5 new") {
		t.Fatalf("the import's result was not shown: %v", texts(o))
	}
	people := map[string]workspace.Person{}
	for _, p := range mustPeople(t, u.file) {
		people[p.Name] = p
	}
	if p := people["Amina Achieng Odhiambo"]; p.Gender != "female" || !strings.Contains(p.Phone, "712") {
		t.Errorf("Amina: %+v", p)
	}
	if p := people["Otieno Omondi Were"]; p.Gender != "male" {
		t.Errorf("Otieno: %+v", p)
	}
	orgs, _ := u.file.Organisations()
	kinds := map[string]string{}
	for _, o := range orgs {
		kinds[o.Name] = o.Kind
	}
	if kinds["Pamoja Mashinani Trust"] != "cbo" || kinds["Kwa Njenga Youth Initiative"] != "cbo" {
		t.Errorf("the value's meaning changed in the preview was not imported: %v", kinds)
	}
	remembered := rememberedMap(t, u.file)
	for key, meaning := range map[string]string{
		"sheet|mobilizers":                         "People",
		"sheet|partner list":                       "Organisations",
		"column|People|jinsia":                     "Gender",
		"column|People|simu":                       "Phone",
		"value|People|Gender|mwanamke":             "Female",
		"value|People|Gender|mwanaume":             "Male",
		"value|Organisations|Kind|cso/ngo (legal)": "Community-based organisation",
	} {
		if remembered[key] != meaning {
			t.Errorf("%s is remembered as %q, not %q", key, remembered[key], meaning)
		}
	}
	if _, ok := remembered["column|Organisations|type"]; ok {
		t.Error("a column known by its own header was remembered")
	}

	// The next workbook of the same shape needs no word.
	next := writeBook(t, t.TempDir(), "Mobilizers 2.xlsx", []any{"Mobilizers", [][]any{
		{"Jina", "Jinsia", "Simu"},
		{"Halima Wekesa Nafula", "Mwanamke", "0744 555666"},
	}})
	u.screen.previewImport(next)
	got := texts(top(t, u))
	if !has(got, "The workbook can be imported: it would give 1 new") || has(got, "Report") || !exactly(got, "Import") {
		t.Errorf("a workbook of a shape the workspace knows is not previewed plainly: %v", got)
	}
}

// rememberedMap is the workspace's import mappings, key → meaning.
func rememberedMap(t *testing.T, f *workspace.File) map[string]string {
	t.Helper()
	list, err := f.ImportMappings()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, m := range list {
		out[m.Key] = m.Meaning
	}
	return out
}

// The mappings screen, opened from Settings, lists what the workspace
// remembers; Change corrects one through a form, Forget forgets one after
// asking, and the change log records both.
func TestImportMappingsScreen(t *testing.T) {
	u, _ := openDemo(t)
	for k, v := range map[string]string{"sheet|mobilizers": "People", "column|People|jinsia": "Gender", "column|People|maoni ya ziada": "-", "value|People|Gender|mwanamke": "Female"} {
		if err := u.file.CorrectImportMapping(k, "", v); err != nil {
			t.Fatal(err)
		}
	}
	// Settings opens it.
	u.onSettings()
	tap(t, top(t, u), "Import mappings…")
	rows := rowsShown(top(t, u))
	wantMapping := func(rows []shownRow, title, detail string) shownRow {
		t.Helper()
		r := row(t, rows, title)
		if r.detail != detail || len(r.buttons) != 2 {
			t.Errorf("%s: %q with %d buttons, want %q", title, r.detail, len(r.buttons), detail)
		}
		return r
	}
	wantMapping(rows, "The sheet “mobilizers”", "holds People")
	wantMapping(rows, "The column “jinsia” of People", "means Gender")
	wantMapping(rows, "The column “maoni ya ziada” of People", "is ignored")
	mwanamke := wantMapping(rows, "“mwanamke” in People › Gender", "means Female")
	if !has(texts(top(t, u)), "4 mappings") {
		t.Errorf("no count: %v", texts(top(t, u)))
	}
	if rows[0].title != "The sheet “mobilizers”" {
		t.Errorf("sheets are not listed first: %+v", rows)
	}
	var filter *widget.Entry
	visit(top(t, u), func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok {
			filter = e
		}
	})
	test.Type(filter, "gender")
	if rows := rowsShown(top(t, u)); len(rows) != 2 || !has(texts(top(t, u)), "2 of 4 mappings") {
		t.Errorf("filtered by gender: %+v", rows)
	}
	filter.SetText("")

	// Forget asks first, then forgets.
	test.Tap(mwanamke.buttons[1])
	tap(t, top(t, u), "Yes")
	remembered := rememberedMap(t, u.file)
	if _, ok := remembered["value|People|Gender|mwanamke"]; ok || len(remembered) != 3 {
		t.Errorf("after Forget: %v", remembered)
	}
	rows = rowsShown(top(t, u))
	for _, r := range rows {
		if strings.Contains(r.title, "mwanamke") {
			t.Error("the forgotten mapping is still listed")
		}
	}

	// Change offers what a sheet may hold.
	test.Tap(row(t, rows, "The sheet “mobilizers”").buttons[0])
	fill := formField(t, top(t, u), "Meaning").(*widget.Select)
	if !has(fill.Options, "Skip: leave the sheet out") || fill.Selected != "People" {
		t.Fatalf("the form: %v, %q", fill.Options, fill.Selected)
	}
	fill.SetSelected("Skip: leave the sheet out")
	tap(t, top(t, u), "Save")
	if got := rememberedMap(t, u.file)["sheet|mobilizers"]; got != "Skip" {
		t.Errorf("after Change: %q", got)
	}
	wantMapping(rowsShown(top(t, u)), "The sheet “mobilizers”", "holds Skip: leave the sheet out")
	changes, _ := u.file.Changes(workspace.ChangeFilter{})
	logged := ""
	for _, c := range changes {
		logged += c.Summary + "\n"
	}
	if !strings.Contains(logged, "forgot value › People › Gender › mwanamke") || !strings.Contains(logged, "sheet › mobilizers → Skip") {
		t.Errorf("the change log does not record the corrections:\n%s", logged)
	}
}

// A workbook of hundreds of values that are none of the choices gives a
// preview no taller than the window, its values in a list that scrolls.
func TestGuidedImportOfManyValuesFitsTheWindow(t *testing.T) {
	u, path := openDemo(t)
	rows := [][]any{{"Name", "Kind"}}
	for i := range 400 {
		rows = append(rows, []any{fmt.Sprintf("Partner %03d", i), fmt.Sprintf("Kind number %03d", i)})
	}
	book := writeBook(t, filepath.Dir(path), "many.xlsx", []any{"Organisations", rows})
	u.screen.previewImport(book)
	tabs := previewTabs(t, u)
	if tabs.Items[2].Text != "Values (400, 400 suggested)" {
		t.Errorf("values tab: %q", tabs.Items[2].Text)
	}
	if !has(texts(top(t, u)), "400 values have no meaning yet") {
		t.Errorf("no word on the values without a meaning: %v", texts(top(t, u)))
	}
	window := u.window.Canvas().Size()
	var content fyne.Size
	if p, ok := top(t, u).(*widget.PopUp); ok {
		content = p.Content.Size()
	}
	if content.Height == 0 || content.Height > window.Height || content.Width > window.Width {
		t.Errorf("the preview is %v in a window of %v", content, window)
	}
	if shown := len(rowsOfTab(t, u, 2)); shown == 0 || shown >= 401 {
		t.Errorf("%d rows made for 401: the list does not scroll", shown)
	}
}

// A value none of the choices is close to is a question: Import waits for
// its answer, and the answer to the last such value checks the workbook
// again, so that the preview says what the import will do.
func TestGuidedImportAsksWhatAValueMeans(t *testing.T) {
	u, path := openDemo(t)
	book := writeBook(t, filepath.Dir(path), "partners.xlsx", []any{"Partner list", [][]any{
		{"Organisation name", "Type"},
		{"Embakasi Sub-county Office", "Govt"},
	}})
	u.screen.previewImport(book)
	var importButton *widget.Button
	visit(top(t, u), func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Import" {
			importButton = b
		}
	})
	if importButton == nil || !importButton.Disabled() || !has(texts(top(t, u)), "1 value has no meaning yet: choose one in Values.") {
		t.Fatalf("Import does not wait for the answer: %v", texts(top(t, u)))
	}
	values := rowsOfTab(t, u, 2)
	wantRow(t, values, "“Govt”", "", "1 row: none of the choices is close, choose what it means")
	row(t, values, "“Govt”").choice.SetSelected("County / local-government department")
	if importButton.Disabled() || !has(texts(top(t, u)), "The workbook can be imported: it would give 1 new") {
		t.Fatalf("the answer was not checked: %v", texts(top(t, u)))
	}
	test.Tap(importButton)
	orgs, _ := u.file.Organisations()
	kind := "not imported"
	for _, o := range orgs {
		if o.Name == "Embakasi Sub-county Office" {
			kind = o.Kind
		}
	}
	if kind != "local-government" {
		t.Errorf("the office: %s", kind)
	}
	if got := rememberedMap(t, u.file)["value|Organisations|Kind|govt"]; got != "County / local-government department" {
		t.Errorf("the answer is remembered as %q", got)
	}
}

// The guided preview, like the plain one, can import the rows that are
// fine and save the others to fix: a value nobody answered leaves its row
// out, the rest goes in with the mapping shown.
func TestGuidedImportOfTheOtherRows(t *testing.T) {
	u, path := openDemo(t)
	book := writeBook(t, filepath.Dir(path), "partners.xlsx", []any{"Partner list", [][]any{
		{"Organisation name", "Type"},
		{"Embakasi Sub-county Office", "Govt"},
		{"Mukuru Savings Group", "CBO (registered)"},
	}})
	u.screen.previewImport(book)
	var rest *widget.Button
	visit(top(t, u), func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Import the other rows…" {
			rest = b
		}
	})
	if rest == nil || !rest.Visible() {
		t.Fatalf("the guided preview offers no way to import the other rows: %v", texts(top(t, u)))
	}
	plan, err := planImport(context.Background(), u.file, book, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	g := u.screen.showGuidedImport(book, plan)
	rejects := filepath.Join(filepath.Dir(path), "to fix.xlsx")
	u.screen.runImport(book, g.plan.given(), g, rejects, g.plan.report.AnswersRead())
	names := map[string]string{}
	orgs, _ := u.file.Organisations()
	for _, o := range orgs {
		names[o.Name] = o.Kind
	}
	if names["Mukuru Savings Group"] != "cbo" || names["Embakasi Sub-county Office"] != "" {
		t.Errorf("imported: savings group %q, office %q", names["Mukuru Savings Group"], names["Embakasi Sub-county Office"])
	}
	x, err := excelize.OpenFile(rejects)
	if err != nil {
		t.Fatalf("the row to fix was not saved: %v", err)
	}
	defer x.Close()
	if rows, _ := x.GetRows("Partner list"); len(rows) != 2 || rows[1][1] != "Govt" {
		t.Errorf("the rows to fix: %v", rows)
	}
}

// A value of a column that names records (a sector, an organisation) is
// answered in an entry that is laid out and shows the suggestion, not an
// empty box of no size in the place of a drop-down.
func TestGuidedImportShowsTheNameEntry(t *testing.T) {
	u, path := openDemo(t)
	book := writeBook(t, filepath.Dir(path), "partners.xlsx", []any{"Partners", [][]any{
		{"Organisation name", "Type", "Sector(s)"},
		{"Mukuru Savings Group", "CBO (registered)", "Education"},
	}})
	u.screen.previewImport(book)
	tabs := previewTabs(t, u)
	tabs.SelectIndex(2)
	found := false
	visit(tabs.Selected().Content, func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.SelectEntry); ok && e.Visible() {
			found = true
			if e.Text != "Education, youth and culture" || e.Size().Width < 100 || e.Size().Height < 10 {
				t.Errorf("the entry shows %q at size %v", e.Text, e.Size())
			}
		}
	})
	if !found {
		t.Error("no entry for the sector's value")
	}
}
