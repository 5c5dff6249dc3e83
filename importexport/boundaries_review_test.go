package importexport

import (
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"cpw/workspace"
)

// ExportBoundaries reads the units and their boundaries, then runs the
// checks, then reads the figures, each in a read of its own. A unit that
// another window or program deletes after the boundaries are read and
// before the figures are has a boundary and no figures: figs[u.ID] is nil
// and the export panics (nil pointer) instead of leaving the unit out.
func TestReviewExportBoundariesWhileAUnitIsDeleted(t *testing.T) {
	f := newDemo(t)
	other, err := workspace.Open(f.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	clusters, err := f.Units(workspace.UnitFilter{Level: "cluster"})
	if err != nil {
		t.Fatal(err)
	}
	// New cells, with boundaries, that nothing refers to yet.
	var cells []workspace.Unit
	shapes := map[string]string{}
	for i := 0; i < 200; i++ {
		c, err := f.CreateUnit(workspace.Unit{Level: "cell", ParentID: clusters[0].ID, Name: fmt.Sprintf("New cell %d", i)})
		if err != nil {
			t.Fatal(err)
		}
		cells = append(cells, c)
		shapes[c.ID] = `{"type":"Polygon","coordinates":[[[36.88,-1.31],[36.8801,-1.31],[36.8801,-1.3099],[36.88,-1.3099],[36.88,-1.31]]]}`
	}
	if _, err := f.SetBoundaries(shapes, "new.geojson"); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var panicked any
	deleted := 0
	for attempt := 0; attempt < 30 && panicked == nil; attempt++ {
		stop := make(chan struct{})
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				case <-time.After(5 * time.Millisecond):
				}
				// Another window deletes a cell and what is under it.
				if len(cells) == 0 {
					return
				}
				c := cells[len(cells)-1]
				cells = cells[:len(cells)-1]
				if err := other.DeleteUnit(c.ID); err == nil {
					deleted++
				} else if deleted == 0 {
					t.Logf("delete: %v", err)
				}
			}
		}()
		func() {
			defer func() {
				if panicked = recover(); panicked != nil {
					panicked = fmt.Sprintf("%v\n%s", panicked, where())
				}
			}()
			if _, err := ExportBoundaries(f, filepath.Join(dir, fmt.Sprintf("units%d.geojson", attempt)), testDay, nil); err != nil {
				t.Logf("export %d: %v", attempt, err)
			}
		}()
		close(stop)
		wg.Wait()
	}
	if panicked != nil {
		t.Fatalf("the export panicked while another window deleted units (%d deleted): %v", deleted, panicked)
	}
	t.Logf("no panic in 30 exports, %d units deleted meanwhile", deleted)
}

// where is the line of importexport's own code the panic came from.
func where() string {
	pc := make([]uintptr, 30)
	n := runtime.Callers(3, pc)
	frames := runtime.CallersFrames(pc[:n])
	for {
		fr, more := frames.Next()
		if strings.Contains(fr.Function, "importexport.ExportBoundaries") {
			return fmt.Sprintf("at %s:%d", filepath.Base(fr.File), fr.Line)
		}
		if !more {
			return ""
		}
	}
}
