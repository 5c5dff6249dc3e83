package app

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

// writeOrganisations writes a workbook with an Organisations sheet.
func writeOrganisations(t *testing.T, dir string, rows ...[]any) string {
	t.Helper()
	x := excelize.NewFile()
	defer x.Close()
	x.SetSheetName("Sheet1", "Organisations")
	for i, r := range append([][]any{{"Name", "Kind"}}, rows...) {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := x.SetSheetRow("Organisations", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, "partners.xlsx")
	if err := x.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestImportFromTheWindow(t *testing.T) {
	u, path := openDemo(t)
	before, _ := u.file.Counts()

	bad := writeOrganisations(t, t.TempDir(), []any{"", "Community-based organisation"})
	u.screen.previewImport(bad)
	top := u.window.Canvas().Overlays().Top()
	if top == nil || !has(texts(top), "Nothing was imported: 1 problem must be fixed first") || !has(texts(top), "1 error and no warnings") {
		t.Fatalf("the preview of a bad workbook: %v", texts(top))
	}
	if exactly(texts(top), "Import") {
		t.Errorf("a workbook with errors can be imported: %v", texts(top))
	}

	good := writeOrganisations(t, filepath.Dir(path), []any{"Mukuru Youth Group", "Community-based organisation"})
	u.screen.previewImport(good)
	top = u.window.Canvas().Overlays().Top()
	if top == nil || !has(texts(top), "The workbook can be imported: it would give 1 new") || !exactly(texts(top), "Import") {
		t.Fatalf("the preview does not say what the import brings: %v", texts(top))
	}
	if after, _ := u.file.Counts(); after != before {
		t.Fatal("the preview changed the workspace")
	}
	u.screen.runImport(good, nil, nil, "", "")
	after, _ := u.file.Counts()
	if after.Organisations != before.Organisations+1 {
		t.Fatalf("organisations %d → %d", before.Organisations, after.Organisations)
	}
	if !has(texts(u.window.Content()), thousands(after.Organisations)) {
		t.Error("the overview was not redrawn after the import")
	}
	if top := u.window.Canvas().Overlays().Top(); top == nil || !has(texts(top), "Imported: 1 new") {
		t.Error("the import's result was not shown")
	}

	// A file that is no workbook is refused with the reason.
	text := filepath.Join(t.TempDir(), "list.xlsx")
	os.WriteFile(text, []byte("Name,Kind\n"), 0o644)
	u.screen.previewImport(text)
	if top := u.window.Canvas().Overlays().Top(); top == nil || !has(texts(top), "is not an Excel workbook") {
		t.Errorf("the refusal was not shown: %v", texts(top))
	}
}

func TestExportFromTheWindow(t *testing.T) {
	u, path := openDemo(t)
	out := filepath.Join(filepath.Dir(path), "export.xlsx")
	u.screen.exportTo(out, false)
	x, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatalf("no workbook written: %v", err)
	}
	defer x.Close()
	rows, _ := x.GetRows("Organisations")
	c, _ := u.file.Counts()
	if len(rows) != c.Organisations+1 {
		t.Errorf("%d rows for %d organisations", len(rows), c.Organisations)
	}
	if top := u.window.Canvas().Overlays().Top(); top == nil || !has(texts(top), "Open it") {
		t.Error("no offer to open the workbook")
	}
}

func exactly(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Saving over a file asks first; a name without its extension gets it.
func TestSaveAsAsksBeforeReplacing(t *testing.T) {
	u, path := openDemo(t)
	dir := filepath.Dir(path)
	var got []string
	u.saveAs(dir, " partners ", ".xlsx", func(p string) { got = append(got, p) })
	if len(got) != 1 || got[0] != filepath.Join(dir, "partners.xlsx") {
		t.Fatalf("a new file: %v", got)
	}
	u.saveAs(dir, filepath.Base(path), ".cpw", func(p string) { got = append(got, p) })
	if len(got) != 1 {
		t.Fatal("an existing file was replaced without asking")
	}
	tap(t, top(t, u), "Yes")
	if len(got) != 2 || got[1] != path {
		t.Errorf("after Yes: %v", got)
	}
}

// A workbook with a bad row can have its other rows imported from the
// preview, the bad one saved to a workbook to fix.
func TestImportTheOtherRowsFromTheWindow(t *testing.T) {
	u, path := openDemo(t)
	before, _ := u.file.Counts()
	book := writeOrganisations(t, t.TempDir(), []any{"Mukuru Youth Group", "Community-based organisation"}, []any{"", "Community-based organisation"})
	u.screen.previewImport(book)
	top := u.window.Canvas().Overlays().Top()
	if top == nil || !exactly(texts(top), "Import the other rows…") {
		t.Fatalf("the preview offers no way to import the other rows: %v", texts(top))
	}
	rejects := filepath.Join(filepath.Dir(path), "to fix.xlsx")
	u.screen.runImport(book, nil, nil, rejects, "")
	after, _ := u.file.Counts()
	if after.Organisations != before.Organisations+1 {
		t.Fatalf("organisations %d → %d", before.Organisations, after.Organisations)
	}
	x, err := excelize.OpenFile(rejects)
	if err != nil {
		t.Fatalf("the rows with problems were not saved: %v", err)
	}
	defer x.Close()
	rows, _ := x.GetRows("Organisations")
	if len(rows) != 2 || rows[1][1] != "Community-based organisation" {
		t.Errorf("the rows to fix: %v", rows)
	}
	if top := u.window.Canvas().Overlays().Top(); top == nil || !has(texts(top), "Rows left out: 1") {
		t.Errorf("the result does not say a row was left out: %v", texts(top))
	}
}
