package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"cpw/workspace"
)

// exported exports a workspace with cpw export and reads every sheet back,
// row by row.
func exported(t *testing.T, path string) map[string][][]string {
	t.Helper()
	book := filepath.Join(t.TempDir(), "export.xlsx")
	if code, _, errOut := cpw("export", path, book, "--with-contacts"); code != 0 {
		t.Fatalf("export: %s", errOut)
	}
	x, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	out := map[string][][]string{}
	for _, s := range x.GetSheetList() {
		rows, err := x.GetRows(s)
		if err != nil {
			t.Fatal(err)
		}
		out[s] = rows
	}
	return out
}

// sameExport fails unless two exports hold the same cells.
func sameExport(t *testing.T, what string, want, got map[string][][]string) {
	t.Helper()
	if reflect.DeepEqual(want, got) {
		return
	}
	for sheet, rows := range want {
		if len(got[sheet]) != len(rows) {
			t.Fatalf("%s: sheet %s has %d rows, want %d", what, sheet, len(got[sheet]), len(rows))
		}
		for i := range rows {
			if !reflect.DeepEqual(rows[i], got[sheet][i]) {
				t.Fatalf("%s: sheet %s row %d is %q, want %q", what, sheet, i+1, got[sheet][i], rows[i])
			}
		}
	}
	t.Fatalf("%s: the exports differ", what)
}

// TestUndoImportOfMukuruPeople imports a People sheet of 21,000 residents
// into the mukuru demo, undoes it (one step) and redoes it, each from the
// command line, so each in a new process's open of the file: the export
// after the undo is the export before the import, cell for cell.
func TestUndoImportOfMukuruPeople(t *testing.T) {
	if testing.Short() {
		t.Skip("the mukuru demo takes a while")
	}
	dir := t.TempDir()
	demo := filepath.Join(dir, "mukuru.cpw")
	if code, _, errOut := cpw("demo", demo, "--scale", "mukuru"); code != 0 {
		t.Fatal(errOut)
	}
	f, err := workspace.OpenReadOnly(demo)
	if err != nil {
		t.Fatal(err)
	}
	orgs, err := f.Organisations()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	book := filepath.Join(dir, "people.xlsx")
	x := excelize.NewFile()
	sw, err := x.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	sw.SetRow("A1", []any{"Name", "Organisation", "Position", "Phone", "Gender", "Age band", "Resident"})
	for i := 0; i < 21000; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		sw.SetRow(cell, []any{fmt.Sprintf("Resident %05d", i), orgs[i%len(orgs)].Name, "Household representative",
			fmt.Sprintf("+254 711 %06d", i), []string{"Female", "Male"}[i%2], "25–35", "Yes"})
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	x.SetSheetName("Sheet1", "People")
	if err := x.SaveAs(book); err != nil {
		t.Fatal(err)
	}
	x.Close()

	before := exported(t, demo)
	if code, out, errOut := cpw("import", demo, book); code != 0 || !strings.Contains(out, "21,000 new") {
		t.Fatalf("import: %d %s %s", code, out, errOut)
	}
	imported := exported(t, demo)
	code, out, _ := cpw("history", demo, "--json")
	var steps []struct {
		ID   int64  `json:"id"`
		Kind string `json:"kind"`
		What string `json:"what"`
	}
	if err := json.Unmarshal([]byte(out), &steps); code != 0 || err != nil || len(steps) != 1 || steps[0].What != "import of people.xlsx" {
		t.Fatalf("history after the import: %d %v %s", code, err, out)
	}
	code, out, errOut := cpw("undo", demo)
	if code != 0 || !strings.HasPrefix(out, "Undid step 1, import of people.xlsx") || !strings.Contains(out, "21,000 records taken away") {
		t.Fatalf("undo: %d %q %q", code, out, errOut)
	}
	sameExport(t, "after undoing the import", before, exported(t, demo))
	code, out, errOut = cpw("redo", demo)
	if code != 0 || !strings.HasPrefix(out, "Redid step 1, import of people.xlsx") || !strings.Contains(out, "21,000 records put back") {
		t.Fatalf("redo: %d %q %q", code, out, errOut)
	}
	sameExport(t, "after redoing the import", imported, exported(t, demo))
	code, out, _ = cpw("history", demo)
	if code != 0 || !strings.Contains(out, "redo of import of people.xlsx") || !strings.Contains(out, "undo of import of people.xlsx (redone by step 3)") {
		t.Errorf("history after undo and redo:\n%s", out)
	}
}

// TestUndoMergeCommand undoes a merge from the command line, and refuses a
// step a later change depends on with a sentence and exit status 1.
func TestUndoMergeCommand(t *testing.T) {
	dir := t.TempDir()
	ours, theirs := filepath.Join(dir, "master.cpw"), filepath.Join(dir, "lead.cpw")
	if code, _, errOut := cpw("demo", ours); code != 0 {
		t.Fatal(errOut)
	}
	if code, _, errOut := cpw("copy", ours, theirs); code != 0 {
		t.Fatal(errOut)
	}
	f, err := workspace.Open(theirs)
	if err != nil {
		t.Fatal(err)
	}
	orgs, _ := f.Organisations()
	o := orgs[0]
	o.Notes = "Changed by the lead"
	if _, err := f.UpdateOrganisation(o); err != nil {
		t.Fatal(err)
	}
	if _, err := f.CreateOrganisation(workspace.Organisation{Name: "Kibera Youth Group", Kind: "cbo", Base: "local"}); err != nil {
		t.Fatal(err)
	}
	f.Close()
	before := exported(t, ours)
	if code, _, errOut := cpw("merge", ours, theirs); code != 0 {
		t.Fatal(errOut)
	}
	if code, out, errOut := cpw("undo", ours); code != 0 || !strings.HasPrefix(out, "Undid step 1, merge of lead.cpw") {
		t.Fatalf("undo of the merge: %d %q %q", code, out, errOut)
	}
	sameExport(t, "after undoing the merge", before, exported(t, ours))
	if code, _, errOut := cpw("redo", ours); code != 0 {
		t.Fatal(errOut)
	}
	// A later change of a record the merge changed: the merge cannot be
	// reverted, and the refusal names the record.
	f, err = workspace.Open(ours)
	if err != nil {
		t.Fatal(err)
	}
	o, _ = f.Organisation(o.ID)
	o.Notes = "Changed again at the master"
	if _, err := f.UpdateOrganisation(o); err != nil {
		t.Fatal(err)
	}
	f.Close()
	merged := exported(t, ours)
	code, out, errOut := cpw("undo", ours, "--step", "3")
	if code != 1 || out != "" || !strings.Contains(errOut, "cannot be undone") || !strings.Contains(errOut, o.Name) {
		t.Errorf("a revert a later change depends on: %d %q %q", code, out, errOut)
	}
	sameExport(t, "after a refused revert", merged, exported(t, ours))
	if code, _, errOut := cpw("undo", ours, "--step", "x"); code != 2 || !strings.Contains(errOut, "--step takes the number of a step") {
		t.Errorf("a bad --step: %d %q", code, errOut)
	}
}
