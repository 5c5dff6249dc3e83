package main

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"cpw/importexport"
	"cpw/workspace"
)

// undoRows times undoing an import of the People sheet on the mukuru
// demo, and redoing it: the import is one step, so one undo takes back
// all its people. Only the undo and the redo are timed, not the import.
func undoRows(bin, dir, demo string, runs int, row func(op, size string, d, limit time.Duration)) {
	book := filepath.Join(dir, "undo-people.xlsx")
	writePeopleSheet(demo, book) // the sheet must name the demo's organisations
	undos := make([]time.Duration, runs)
	redos := make([]time.Duration, runs)
	for i := 0; i < runs; i++ {
		target := filepath.Join(dir, fmt.Sprintf("undo-%d.cpw", i))
		copyFile(demo, target)
		f, err := workspace.Open(target)
		if err != nil {
			fail(err)
		}
		report, err := importexport.Import(context.Background(), f, book, importexport.ImportOptions{})
		if err != nil {
			fail(err)
		}
		if c, _, _ := report.Totals(); c != peopleRows || !report.Written {
			fail(fmt.Errorf("the import made %d people, not %d: %s", c, peopleRows, report.Summary()))
		}
		start := time.Now()
		u, err := f.Undo()
		undos[i] = time.Since(start)
		if err != nil {
			fail(err)
		}
		if u.Removed != peopleRows {
			fail(fmt.Errorf("the undo took away %d people, not %d", u.Removed, peopleRows))
		}
		start = time.Now()
		u, err = f.Redo()
		redos[i] = time.Since(start)
		if err != nil {
			fail(err)
		}
		if u.Restored != peopleRows {
			fail(fmt.Errorf("the redo put back %d people, not %d", u.Restored, peopleRows))
		}
		f.Close()
	}
	size := fmt.Sprintf("%s rows, mukuru demo", workspace.Thousands(peopleRows))
	row("undo the import of the People sheet", size, median(undos), 2*time.Second)
	row("  redo it", size, median(redos), 2*time.Second)
}
