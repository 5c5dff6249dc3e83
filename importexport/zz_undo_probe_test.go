package importexport

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"cpw/workspace"
)

func TestZZUndoProbe(t *testing.T) {
	dir := t.TempDir()
	f, err := workspace.CreateDemo(filepath.Join(dir, "m.cpw"), workspace.DemoOptions{Scale: workspace.DemoMukuru})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	orgs, _ := f.Organisations()
	x := excelize.NewFile()
	sw, _ := x.NewStreamWriter("Sheet1")
	sw.SetRow("A1", []any{"Name", "Organisation", "Position", "Phone", "E-mail", "Gender", "Age band", "Resident", "Notes"})
	genders := []string{"Female", "Male"}
	for i := 0; i < 21000; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		sw.SetRow(cell, []any{fmt.Sprintf("Mobilizer %05d", i), orgs[i%len(orgs)].Name, "Community mobilizer",
			fmt.Sprintf("+254 700 %06d", i), fmt.Sprintf("mobilizer%05d@example.org", i), genders[i%2], "25–35", "Yes", "Recruited"})
	}
	sw.Flush()
	x.SetSheetName("Sheet1", "People")
	book := filepath.Join(dir, "p.xlsx")
	x.SaveAs(book)
	start := time.Now()
	rep, err := Import(context.Background(), f, book, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("import %v: %s", time.Since(start), rep.Summary())
	start = time.Now()
	u, err := f.Undo()
	t.Logf("undo %v: %+v %v", time.Since(start), u.Step, err)
	start = time.Now()
	u, err = f.Redo()
	t.Logf("redo %v: removed %d restored %d %v", time.Since(start), u.Removed, u.Restored, err)
}
