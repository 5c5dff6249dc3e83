package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/google/uuid"
	_ "github.com/mattn/go-sqlite3"
	"github.com/xuri/excelize/v2"

	"cpw/importexport"
	"cpw/workspace"
)

// peopleRows is the size of the People sheet the import is timed on.
const peopleRows = 21000

// excelRows times the Excel import and export beside the bare cost of the
// same work done with excelize and SQLite directly, in the same run.
func excelRows(bin, dir, demo string, runs int, row func(op, size string, d, limit time.Duration), ratio func(op, size string, r, limit float64)) {
	small := filepath.Join(dir, "small.cpw")
	run(bin, "demo", small, "--scale", "small")
	book := filepath.Join(dir, "people.xlsx")
	orgs := writePeopleSheet(small, book)
	size := fmt.Sprintf("%d rows", peopleRows)

	imports := timeRuns(runs, func(i int) {
		importInto(small, filepath.Join(dir, fmt.Sprintf("import-%d.cpw", i)), book, importexport.ImportOptions{})
	})
	bare := timeRuns(runs, func(i int) {
		target := filepath.Join(dir, fmt.Sprintf("bare-%d.cpw", i))
		copyFile(small, target)
		bareImport(target, book, "People", orgs)
	})
	row("import People sheet (in process)", size, median(imports), 0)
	row("  bare: excelize row iterator + prepared INSERT", size, median(bare), 0)
	ratio("  import ÷ bare", size, float64(median(imports))/float64(median(bare)), 2.0)

	// A partner's roster as it comes: a sheet named Mobilizers, read as
	// people by its columns, its headers matched by meaning and aliases,
	// ages put in bands, phone numbers typed as numbers, and values in
	// Swahili mapped as the user said (the mapping planned once, before).
	roster := filepath.Join(dir, "roster.xlsx")
	writeRosterSheet(small, roster)
	plan := filepath.Join(dir, "plan.cpw")
	copyFile(small, plan)
	pf, err := workspace.Open(plan)
	if err != nil {
		fail(err)
	}
	mapping, _, err := importexport.PlanMapping(context.Background(), pf, roster, importexport.ImportOptions{})
	pf.Close()
	if err != nil {
		fail(err)
	}
	rosters := timeRuns(runs, func(i int) {
		importInto(small, filepath.Join(dir, fmt.Sprintf("roster-%d.cpw", i)), roster, importexport.ImportOptions{Mapping: mapping})
	})
	bareRosters := timeRuns(runs, func(i int) {
		target := filepath.Join(dir, fmt.Sprintf("bare-roster-%d.cpw", i))
		copyFile(small, target)
		bareImport(target, roster, "Mobilizers", orgs)
	})
	row("import a partner's roster, mapping included", size, median(rosters), 0)
	row("  bare: the same, row iterator + prepared INSERT", size, median(bareRosters), 0)
	ratio("  roster import ÷ bare", size, float64(median(rosters))/float64(median(bareRosters)), 2.0)

	f, err := workspace.OpenReadOnly(demo)
	if err != nil {
		fail(err)
	}
	defer f.Close()
	exports := timeRuns(runs, func(i int) {
		if err := importexport.Export(context.Background(), f, filepath.Join(dir, fmt.Sprintf("export-%d.xlsx", i)), importexport.ExportOptions{WithContacts: true}); err != nil {
			fail(err)
		}
	})
	cells := readCells(filepath.Join(dir, "export-0.xlsx"))
	bareExports := timeRuns(runs, func(i int) { streamCells(cells, filepath.Join(dir, fmt.Sprintf("stream-%d.xlsx", i))) })
	n := 0
	for _, s := range cells {
		n += len(s.rows)
	}
	size = fmt.Sprintf("%d rows, %d sheets", n, len(cells)-1)
	row("export the mukuru demo --with-contacts (in process)", size, median(exports), 0)
	row("  bare: excelize StreamWriter, same cells", size, median(bareExports), 0)
	ratio("  export ÷ bare", size, float64(median(exports))/float64(median(bareExports)), 1.5)
}

// writePeopleSheet writes a People sheet of new people who work for the
// small demo's organisations, and returns those organisations by name.
func writePeopleSheet(workspacePath, book string) map[string]string {
	orgs := organisationsOf(workspacePath)
	ids := map[string]string{}
	for _, o := range orgs {
		ids[o.Name] = o.ID
	}
	x := excelize.NewFile()
	defer x.Close()
	sw, err := x.NewStreamWriter("Sheet1")
	if err != nil {
		fail(err)
	}
	must(sw.SetRow("A1", []any{"Name", "Organisation", "Position", "Phone", "E-mail", "Gender", "Age band", "Resident", "Notes"}))
	genders := []string{"Female", "Male"}
	for i := 0; i < peopleRows; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		must(sw.SetRow(cell, []any{fmt.Sprintf("Mobilizer %05d", i), orgs[i%len(orgs)].Name, "Community mobilizer",
			fmt.Sprintf("+254 700 %06d", i), fmt.Sprintf("mobilizer%05d@example.org", i), genders[i%2], "25–35", "Yes",
			"Recruited in the 2026 roster"}))
	}
	must(sw.Flush())
	must(x.SetSheetName("Sheet1", "People"))
	must(x.SaveAs(book))
	return ids
}

// bareImport is the least any import must do: read the sheet with the row
// iterator and insert each row with one prepared statement.
func bareImport(path, book, sheet string, orgs map[string]string) {
	db, err := sql.Open("sqlite3", "file:"+path+"?_foreign_keys=on")
	if err != nil {
		fail(err)
	}
	defer db.Close()
	x, err := excelize.OpenFile(book)
	if err != nil {
		fail(err)
	}
	defer x.Close()
	tx, err := db.Begin()
	if err != nil {
		fail(err)
	}
	stmt, err := tx.Prepare(`INSERT INTO people (id, name, organisation_id, position, phone, email, gender, age_band, resident, notes, updated_at, copy_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		fail(err)
	}
	rows, err := x.Rows(sheet)
	if err != nil {
		fail(err)
	}
	at := time.Now().UTC().Format(workspace.StampLayout)
	first := true
	for rows.Next() {
		c, err := rows.Columns()
		if err != nil {
			fail(err)
		}
		if first {
			first = false
			continue
		}
		if _, err := stmt.Exec(uuid.NewString(), c[0], orgs[c[1]], c[2], c[3], c[4], "female", "25-35", c[7] == "Yes", c[8], at, ""); err != nil {
			fail(err)
		}
	}
	must(rows.Close())
	must(tx.Commit())
}

type sheetCells struct {
	name string
	rows [][]any
}

// readCells reads every cell of a workbook, typed as written: numbers as
// numbers, dates as times.
func readCells(book string) []sheetCells {
	x, err := excelize.OpenFile(book)
	if err != nil {
		fail(err)
	}
	defer x.Close()
	var out []sheetCells
	for _, name := range x.GetSheetList() {
		rows, err := x.GetRows(name, excelize.Options{RawCellValue: true})
		if err != nil {
			fail(err)
		}
		s := sheetCells{name: name}
		for _, r := range rows {
			cells := make([]any, len(r))
			for i, v := range r {
				cells[i] = v
			}
			s.rows = append(s.rows, cells)
		}
		out = append(out, s)
	}
	return out
}

// streamCells writes the cells with excelize's StreamWriter and nothing else.
func streamCells(sheets []sheetCells, path string) {
	x := excelize.NewFile()
	defer x.Close()
	for i, s := range sheets {
		if i == 0 {
			must(x.SetSheetName("Sheet1", s.name))
		} else if _, err := x.NewSheet(s.name); err != nil {
			fail(err)
		}
		sw, err := x.NewStreamWriter(s.name)
		if err != nil {
			fail(err)
		}
		for n, r := range s.rows {
			cell, _ := excelize.CoordinatesToCellName(1, n+1)
			must(sw.SetRow(cell, r))
		}
		must(sw.Flush())
	}
	must(x.SaveAs(path))
}

func copyFile(from, to string) {
	b, err := os.ReadFile(from)
	if err != nil {
		fail(err)
	}
	must(os.WriteFile(to, b, 0o644))
}

func must(err error) {
	if err != nil {
		fail(err)
	}
}

// writeRosterSheet writes a mobilizer roster as partners send one: its own
// sheet name and headers, sex as F and M, ages in years, phone numbers
// typed as numbers, residence in Swahili, for the small demo's
// organisations. Its columns are in the order of writePeopleSheet's.
func writeRosterSheet(workspacePath, book string) {
	orgs := organisationsOf(workspacePath)
	x := excelize.NewFile()
	defer x.Close()
	sw, err := x.NewStreamWriter("Sheet1")
	if err != nil {
		fail(err)
	}
	must(sw.SetRow("A1", []any{"Name of Mobilizer", "Organisation", "Designation", "Mobile No.", "Email address", "Sex", "Age", "Mkazi", "Remarks"}))
	sexes := []string{"F", "M"}
	for i := 0; i < peopleRows; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		must(sw.SetRow(cell, []any{fmt.Sprintf("Mobilizer %05d", i), orgs[i%len(orgs)].Name, "Community mobilizer",
			700000000 + i, fmt.Sprintf("mobilizer%05d@example.org", i), sexes[i%2], 25 + i%10, "Ndiyo",
			"Recruited in the 2026 roster"}))
	}
	must(sw.Flush())
	must(x.SetSheetName("Sheet1", "Mobilizers"))
	must(x.SaveAs(book))
}

// importInto imports a workbook of peopleRows new people into a copy of
// the workspace at from, and fails unless it made them all.
func importInto(from, target, book string, opts importexport.ImportOptions) {
	copyFile(from, target)
	f, err := workspace.Open(target)
	if err != nil {
		fail(err)
	}
	defer f.Close()
	report, err := importexport.Import(context.Background(), f, book, opts)
	if err != nil {
		fail(err)
	}
	if c, _, _ := report.Totals(); c != peopleRows || !report.Written {
		fail(fmt.Errorf("the import of %s made %d people, not %d: %s", filepath.Base(book), c, peopleRows, report.Summary()))
	}
}

// organisationsOf reads the organisations of the workspace at path.
func organisationsOf(path string) []workspace.Organisation {
	f, err := workspace.OpenReadOnly(path)
	if err != nil {
		fail(err)
	}
	defer f.Close()
	orgs, err := f.Organisations()
	if err != nil {
		fail(err)
	}
	return orgs
}
