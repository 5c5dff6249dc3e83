package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// cpw import --skip-bad-rows writes the rows that are fine and exits 0,
// the report showing the rows left out; --rejects writes those to a
// workbook, and is a usage error without --skip-bad-rows or .xlsx.
func TestImportSkipBadRows(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "mukuru.cpw")
	if code, _, errOut := cpw("new", target, "--name", "Mukuru SPA"); code != 0 {
		t.Fatal(errOut)
	}
	x := excelize.NewFile()
	x.SetSheetName("Sheet1", "Organisations")
	x.SetSheetRow("Organisations", "A1", &[]any{"Name", "Kind"})
	x.SetSheetRow("Organisations", "A2", &[]any{"Pamoja Trust", "CSO / NGO"})
	x.SetSheetRow("Organisations", "A3", &[]any{"Kituo cha Sheria", "Spaceship"})
	book := filepath.Join(dir, "partners.xlsx")
	if err := x.SaveAs(book); err != nil {
		t.Fatal(err)
	}
	x.Close()
	rejects := filepath.Join(dir, "rejects.xlsx")

	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--rejects", rejects}, "--rejects writes the rows --skip-bad-rows leaves out"},
		{[]string{"--skip-bad-rows", "--rejects", filepath.Join(dir, "rejects.csv")}, "ends in .xlsx"},
	} {
		code, out, errOut := cpw(append([]string{"import", target, book}, c.args...)...)
		if code != 2 || out != "" || !strings.Contains(errOut, c.want) || !strings.Contains(errOut, "[--skip-bad-rows] [--rejects OUT.xlsx]") {
			t.Errorf("%v: %d %q %q", c.args, code, out, errOut)
		}
	}
	if code, out, _ := cpw("import", target, book); code != 1 || !strings.HasPrefix(out, "Nothing was imported") {
		t.Fatalf("an error without --skip-bad-rows: %d %s", code, out)
	}
	code, out, errOut := cpw("import", target, book, "--skip-bad-rows", "--rejects", rejects)
	if code != 0 || !strings.Contains(out, "Rows left out: 1.") || !strings.Contains(out, "written to "+rejects) {
		t.Fatalf("--skip-bad-rows: %d %s %s", code, out, errOut)
	}
	if _, err := os.Stat(rejects); err != nil {
		t.Fatal(err)
	}
	code, out, _ = cpw("import", target, book, "--skip-bad-rows", "--json")
	var report struct {
		Written bool `json:"written"`
		Sheets  []struct {
			Skipped int `json:"skipped"`
		} `json:"sheets"`
	}
	if err := json.Unmarshal([]byte(out), &report); err != nil || code != 0 || !report.Written || len(report.Sheets) != 1 || report.Sheets[0].Skipped != 1 {
		t.Fatalf("--json: %d %v %s", code, err, out)
	}
}
