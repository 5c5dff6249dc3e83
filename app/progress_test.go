package app

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"cpw/importexport"
)

// The import's progress bar only moves forward: the import reports the
// whole job, each stage in its own part of it, and a late report of the
// read-through does not take the bar back.
func TestImportProgressOnlyMovesForward(t *testing.T) {
	u, path := openDemo(t)
	book := filepath.Join(filepath.Dir(path), "people.xlsx")
	x := excelize.NewFile()
	sw, err := x.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	sw.SetRow("A1", []any{"Name"})
	for i := 0; i < 3000; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		sw.SetRow(cell, []any{fmt.Sprintf("Mobilizer %04d", i)})
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	x.SetSheetName("Sheet1", "People")
	if err := x.SaveAs(book); err != nil {
		t.Fatal(err)
	}
	x.Close()
	before, _ := u.file.Counts()

	bar := widget.NewProgressBar()
	forward := newForwardBar(bar)
	var set []float64   // the values the bar was set to, in turn
	var plain []float64 // done ÷ total as the import reports them
	_, err = importexport.Import(context.Background(), u.file, book, importexport.ImportOptions{Say: inWindowLanguage,
		Progress: func(done, total int, step string) {
			if total > 0 {
				plain = append(plain, float64(done)/float64(total))
			}
			was := bar.Value
			forward.report(done, total, step)
			if bar.Value != was {
				set = append(set, bar.Value)
			}
		}})
	if err != nil {
		t.Fatal(err)
	}
	if after, _ := u.file.Counts(); after.People != before.People+3000 {
		t.Fatalf("people %d → %d", before.People, after.People)
	}
	// The import reports the whole job, stage after stage: only forward.
	for i := 1; i < len(plain); i++ {
		if plain[i] < plain[i-1] {
			t.Fatalf("the import's reports went back from %.3f to %.3f: %v", plain[i-1], plain[i], plain)
		}
	}
	// The workbook's read-through reports from its own goroutine, so a
	// report may come late: the bar stays where it was.
	late := newForwardBar(widget.NewProgressBar())
	late.report(500, 1000, "")
	late.report(150, 1000, "")
	if late.bar.Value != 0.5 {
		t.Errorf("a late report took the bar back to %.3f", late.bar.Value)
	}
	if len(set) < 5 {
		t.Fatalf("the bar was set only to %v", set)
	}
	for i := 1; i < len(set); i++ {
		if set[i] < set[i-1] {
			t.Fatalf("the bar went back from %.3f to %.3f: %v", set[i-1], set[i], set)
		}
	}
	if last := set[len(set)-1]; last < 0.9 || last > 1 {
		t.Errorf("the bar ended at %.3f: %v", last, set)
	}
}

// Of the reports of a job, the first of each step is shown, and then one
// every progressEvery: the clock is the test's.
func TestFewProgressReportsShown(t *testing.T) {
	r := &fewReports{}
	start := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	at := func(d time.Duration) time.Time { return start.Add(d) }
	for i, c := range []struct {
		step string
		at   time.Time
		want bool
	}{
		{"Opening the workbook", at(0), true},
		{"Opening the workbook", at(progressEvery / 2), false},
		{"Reading the sheet People", at(progressEvery / 2), true}, // another step: at once
		{"Reading the sheet People", at(progressEvery), false},
		{"Reading the sheet People", at(progressEvery*3/2 + 1), true},
		{"Checking and saving People", at(progressEvery*3/2 + 2), true},
		{"Checking and saving People", at(2 * progressEvery), false},
	} {
		if got := r.due(c.step, c.at); got != c.want {
			t.Errorf("report %d (%s at %v): shown %v, want %v", i, c.step, c.at.Sub(start), got, c.want)
		}
	}
}
