package main

import (
	"path/filepath"
	"strings"
	"testing"

	"cpw/internal/testkit"
	"cpw/workspace"
)

// cpw export of a workspace where one unit has a boundary says "the
// boundaries of 1 community units": the first review fixed "1 segments"
// in the brief, and the program words every other count by its number.
func TestReview2ExportOneBoundary(t *testing.T) {
	dir := t.TempDir()
	demo := filepath.Join(dir, "demo.cpw")
	if code, _, errOut := cpw("demo", demo); code != 0 {
		t.Fatal(errOut)
	}
	testkit.WithoutBoundaries(t, demo)
	f, err := workspace.Open(demo)
	if err != nil {
		t.Fatal(err)
	}
	segments, err := f.Units(workspace.UnitFilter{Level: "segment"})
	if err == nil {
		_, err = f.SetBoundaries(map[string]string{segments[0].ID: `{"type":"Polygon","coordinates":[[[36.88,-1.32],[36.9,-1.32],[36.9,-1.3],[36.88,-1.3],[36.88,-1.32]]]}`}, "one.geojson")
	}
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	code, out, errOut := cpw("export", demo, filepath.Join(dir, "units.geojson"))
	if code != 0 {
		t.Fatalf("cpw export: %d %q %q", code, out, errOut)
	}
	if strings.Contains(out, "1 community units") {
		t.Errorf("cpw export says %q", strings.TrimSpace(out))
	}
}
