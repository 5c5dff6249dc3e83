package importexport

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"cpw/workspace"
)

var testDay = time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)

// newWorkspace creates an empty workspace (sectors and roles seeded).
func newWorkspace(t *testing.T) *workspace.File {
	t.Helper()
	f, err := workspace.Create(filepath.Join(t.TempDir(), "new.cpw"), workspace.NewOptions{Name: "Import test", Author: "tester", Now: testDay})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// newDemo creates the small demo workspace.
func newDemo(t *testing.T) *workspace.File {
	t.Helper()
	f, err := workspace.CreateDemo(filepath.Join(t.TempDir(), "demo.cpw"), workspace.DemoOptions{Now: testDay})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// sheet is a sheet for writeBook: its name and rows, the first the headers.
type sheet struct {
	name string
	rows [][]any
}

// writeBook writes a workbook of the sheets with excelize.
func writeBook(t *testing.T, sheets ...sheet) string {
	t.Helper()
	x := excelize.NewFile()
	defer x.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := x.SetSheetName("Sheet1", s.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := x.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for r, cells := range s.rows {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := x.SetSheetRow(s.name, cell, &cells); err != nil {
				t.Fatal(err)
			}
		}
	}
	path := filepath.Join(t.TempDir(), "book.xlsx")
	if err := x.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func importBook(t *testing.T, f *workspace.File, path string, dryRun bool) *Report {
	t.Helper()
	r, err := Import(context.Background(), f, path, ImportOptions{DryRun: dryRun})
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	return r
}

// wantProblem fails unless the report has an error at the sheet, row and
// column whose message holds want.
func wantProblem(t *testing.T, r *Report, sheet string, row int, column, want string) {
	t.Helper()
	for _, p := range r.Problems {
		if p.Severity == Error && p.Sheet == sheet && p.Row == row && p.Column == column && strings.Contains(p.Message, want) {
			return
		}
	}
	t.Errorf("no error on %s row %d column %q saying %q; problems:\n%s", sheet, row, column, want, problems(r))
}

func problems(r *Report) string {
	var b strings.Builder
	r.WriteText(&b)
	return b.String()
}

func wantClean(t *testing.T, r *Report) {
	t.Helper()
	if r.Errors() > 0 {
		t.Fatalf("unexpected problems:\n%s", problems(r))
	}
}

func sheetResult(t *testing.T, r *Report, name string) SheetResult {
	t.Helper()
	for _, s := range r.Sheets {
		if s.Sheet == name {
			return s
		}
	}
	t.Fatalf("no result for sheet %s:\n%s", name, problems(r))
	return SheetResult{}
}

// digest hashes a file's bytes, and those of a journal beside it.
func digest(t *testing.T, path string) string {
	t.Helper()
	h := sha256.New()
	for _, p := range []string{path, path + "-journal", path + "-wal"} {
		b, err := os.ReadFile(p)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		h.Write([]byte(p))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))
}
