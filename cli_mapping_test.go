package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"cpw/workspace"
)

// writeWorkbook writes one sheet of rows with excelize.
func writeWorkbook(t *testing.T, path, sheet string, rows [][]any) {
	t.Helper()
	x := excelize.NewFile()
	defer x.Close()
	if err := x.SetSheetName("Sheet1", sheet); err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := x.SetSheetRow(sheet, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := x.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// --write-mapping writes the mapping and imports nothing; --mapping with
// the question answered imports; --sheet says what a sheet holds.
func TestImportMappingCommands(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "ws.cpw")
	if code, _, errOut := cpw("new", file, "--name", "Mapping test"); code != 0 {
		t.Fatal(errOut)
	}
	book := filepath.Join(dir, "partners.xlsx")
	writeWorkbook(t, book, "Partner list", [][]any{{"Organisation name", "Type"}, {"Pamoja Trust", "CSO/NGO (legal)"}, {"Ministry of Lands", "Govt"}})
	mapPath := filepath.Join(dir, "map.json")
	code, out, errOut := cpw("import", file, book, "--write-mapping", mapPath)
	if code != 0 || !strings.Contains(out, "Wrote the mapping") || !strings.Contains(out, "Nothing was imported") {
		t.Fatalf("--write-mapping: %d %s %s", code, out, errOut)
	}
	f, err := workspace.OpenReadOnly(file)
	if err != nil {
		t.Fatal(err)
	}
	orgs, _ := f.Organisations()
	f.Close()
	if len(orgs) != 0 {
		t.Fatalf("--write-mapping imported %d organisations", len(orgs))
	}
	data, err := os.ReadFile(mapPath)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("the mapping is not JSON: %v", err)
	}
	// Without the answer to "Govt", the import refuses and names it.
	if code, out, _ = cpw("import", file, book, "--mapping", mapPath); code != 1 || !strings.Contains(out, "county department or the national government") {
		t.Fatalf("import with the question open: %d %s", code, out)
	}
	edited := strings.Replace(string(data), `"value": "Govt",
      "means": ""`, `"value": "Govt",
      "means": "National government"`, 1)
	if edited == string(data) {
		t.Fatalf("the mapping has no open question for Govt:\n%s", data)
	}
	if err := os.WriteFile(mapPath, []byte(edited), 0o600); err != nil {
		t.Fatal(err)
	}
	// The values the program only suggested are asked about until the
	// user takes them, by removing their mark.
	if code, out, _ = cpw("import", file, book, "--mapping", mapPath); code != 1 || !strings.Contains(out, "did you mean CSO / NGO?") {
		t.Fatalf("import with a suggestion still marked: %d %s", code, out)
	}
	if err := os.WriteFile(mapPath, []byte(strings.ReplaceAll(edited, `"suggested": true`, `"suggested": false`)), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut = cpw("import", file, book, "--mapping", mapPath); code != 0 || !strings.HasPrefix(out, "Imported: ") {
		t.Fatalf("import --mapping: %d %s %s", code, out, errOut)
	}

	// --sheet: bad usage is exit 2 with a sentence; a sheet left out.
	if code, _, errOut = cpw("import", file, book, "--sheet", "Partner list"); code != 2 || !strings.Contains(errOut, "Mobilizers=People") {
		t.Errorf("--sheet without a kind: %d %s", code, errOut)
	}
	if code, _, errOut = cpw("import", file, book, "--sheet", "Partner list=Volunteers"); code != 2 || !strings.Contains(errOut, "not a kind of sheet") {
		t.Errorf("--sheet with an unknown kind: %d %s", code, errOut)
	}
	if code, out, _ = cpw("import", file, book, "--sheet", "Partner list=Skip"); code != 1 || !strings.Contains(out, "left out, as asked") {
		t.Errorf("--sheet Skip: %d %s", code, out)
	}
	// --write-mapping never writes over the workspace or the workbook.
	for _, target := range []string{file, book, filepath.Join(dir, "map.txt")} {
		before, _ := os.ReadFile(file)
		if code, _, errOut = cpw("import", file, book, "--write-mapping", target); code != 2 || !strings.Contains(errOut, "--write-mapping") {
			t.Errorf("--write-mapping %s: %d %s", filepath.Base(target), code, errOut)
		}
		if after, _ := os.ReadFile(file); string(after) != string(before) {
			t.Errorf("--write-mapping %s changed the workspace", filepath.Base(target))
		}
	}
	// A mapping file that is not one is refused in one sentence.
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte("sheet,kind\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut = cpw("import", file, book, "--mapping", bad); code != 1 || !strings.HasPrefix(errOut, "cpw: ") || strings.Count(errOut, "\n") != 1 {
		t.Errorf("a bad mapping file: %d %q", code, errOut)
	}
}
