package importexport

import (
	"context"
	"fmt"
	"github.com/xuri/excelize/v2"
	"os"
	"testing"
	"time"

	"cpw/workspace"
)

func TestProfExport(t *testing.T) {
	if os.Getenv("PROF") == "" {
		t.Skip()
	}
	f, err := workspace.OpenReadOnly("/tmp/m.cpw")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := Export(context.Background(), f, "/tmp/prof/e.xlsx", ExportOptions{WithContacts: true}); err != nil {
		t.Fatal(err)
	}
}

func TestProfImport(t *testing.T) {
	if os.Getenv("PROF") == "" {
		t.Skip()
	}
	x := excelize.NewFile()
	sw, _ := x.NewStreamWriter("Sheet1")
	sw.SetRow("A1", []any{"Name", "Organisation", "Position", "Phone", "E-mail", "Gender", "Age band", "Resident", "Notes"})
	src, _ := workspace.OpenReadOnly("/tmp/s.cpw")
	orgs, _ := src.Organisations()
	src.Close()
	for i := 0; i < 21000; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		sw.SetRow(cell, []any{fmt.Sprintf("Mobilizer %05d", i), orgs[i%len(orgs)].Name, "Community mobilizer",
			fmt.Sprintf("+254 700 %06d", i), fmt.Sprintf("mobilizer%05d@example.org", i), "Female", "25–35", "Yes", "Recruited"})
	}
	sw.Flush()
	x.SetSheetName("Sheet1", "People")
	x.SaveAs("/tmp/prof/p.xlsx")
	b, _ := os.ReadFile("/tmp/s.cpw")
	os.WriteFile("/tmp/prof/s.cpw", b, 0o644)
	f, err := workspace.Open("/tmp/prof/s.cpw")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	start := time.Now()
	r, err := Import(context.Background(), f, "/tmp/prof/p.xlsx", ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Log(r.Summary(), time.Since(start))
}
