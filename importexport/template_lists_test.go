package importexport

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"cpw/translate"
)

// A dropdown never points at empty cells: the blank template (no
// consortia) and a template whose workspace-drawn lists are all empty
// (no sectors, no roles in use, no consortia) offer a dropdown only over
// values, and every column whose list has values keeps its dropdown.
func TestTemplateListsHaveNoEmptyDropdowns(t *testing.T) {
	dir := t.TempDir()
	blank := filepath.Join(dir, "blank.xlsx")
	if err := WriteBlankTemplate(blank, TemplateOptions{}); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty.xlsx")
	if err := writeTemplate(listsFrom(nil, nil, nil), empty, translate.English); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{blank, empty} {
		t.Run(filepath.Base(path), func(t *testing.T) { checkTemplateDropdowns(t, path) })
	}
}

func checkTemplateDropdowns(t *testing.T, path string) {
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	// What the Lists sheet holds, by header.
	cols, err := x.GetCols(listsSheet)
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]int{}
	for _, c := range cols {
		n := 0
		for _, v := range c[1:] {
			if v != "" {
				n++
			}
		}
		listed[c[0]] = n
	}
	if listed["Consortium codes"] != 0 {
		t.Fatalf("the template lists %d consortium codes, want none", listed["Consortium codes"])
	}
	for _, s := range writeOrder {
		dvs, err := x.GetDataValidations(s.name)
		if err != nil {
			t.Fatal(err)
		}
		dropdowns := map[string]string{} // column letter: the range it offers
		for _, dv := range dvs {
			if dv.Type != "list" {
				continue
			}
			column := strings.TrimRight(strings.SplitN(dv.Sqref, ":", 2)[0], "0123456789")
			dropdowns[column] = dv.Formula1
			sheet, area, ok := strings.Cut(dv.Formula1, "!")
			if !ok || sheet != listsSheet {
				t.Errorf("%s!%s: the dropdown offers %q, not a range of the Lists sheet", s.name, dv.Sqref, dv.Formula1)
				continue
			}
			from, to, _ := strings.Cut(strings.ReplaceAll(area, "$", ""), ":")
			c1, r1, err1 := excelize.CellNameToCoordinates(from)
			c2, r2, err2 := excelize.CellNameToCoordinates(to)
			if err1 != nil || err2 != nil {
				t.Errorf("%s!%s: the dropdown's range %q cannot be read", s.name, dv.Sqref, dv.Formula1)
				continue
			}
			for c := c1; c <= c2; c++ {
				for r := r1; r <= r2; r++ {
					cell, _ := excelize.CoordinatesToCellName(c, r)
					if v, _ := x.GetCellValue(listsSheet, cell); v == "" {
						t.Errorf("%s!%s: the dropdown's range %s holds the empty cell %s", s.name, dv.Sqref, dv.Formula1, cell)
					}
				}
			}
		}
		for i, c := range columnsFor(s, true) {
			if c.list == "" {
				continue
			}
			column, _ := excelize.ColumnNumberToName(i + 1)
			_, has := dropdowns[column]
			if want := listed[c.list] > 0; has != want {
				t.Errorf("%s: column %s (%s) has a dropdown: %v, but its list %q holds %d values", s.name, column, c.header, has, c.list, listed[c.list])
			}
		}
	}
}
