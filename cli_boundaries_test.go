package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"cpw/importexport"
	"cpw/internal/testkit"
	"cpw/workspace"
)

// square is a GeoJSON ring around a point, d degrees wide.
func square(lon, lat, d float64) string {
	return fmt.Sprintf("[[%g, %g], [%g, %g], [%g, %g], [%g, %g], [%g, %g]]", lon, lat, lon+d, lat, lon+d, lat+d, lon, lat+d, lon, lat)
}

// cpw boundaries attaches shapes matched by name and by path, MultiPolygons
// with holes included, says what matched nothing and what is left without
// one, and refuses a damaged file leaving the workspace's bytes as they were.
func TestBoundariesCommand(t *testing.T) {
	dir := t.TempDir()
	demo := filepath.Join(dir, "demo.cpw")
	if code, _, errOut := cpw("demo", demo); code != 0 {
		t.Fatal(errOut)
	}
	testkit.WithoutBoundaries(t, demo)
	f, err := workspace.OpenReadOnly(demo)
	if err != nil {
		t.Fatal(err)
	}
	units, err := f.Units(workspace.UnitFilter{})
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	paths := workspace.UnitPaths(units)
	var features []string
	var segment, cell workspace.Unit
	for _, u := range units {
		switch {
		case u.Level == "segment" && segment.ID == "":
			segment = u // by its name, which no other unit has
			features = append(features, `{"type": "Feature", "properties": {"name": "`+u.Name+`"}, "geometry": {"type": "MultiPolygon", "coordinates": [[`+
				square(36.88, -1.32, 0.02)+`, `+square(36.885, -1.315, 0.005)+`], [`+square(36.91, -1.32, 0.01)+`]]}}`)
		case u.Level == "cell" && cell.ID == "":
			cell = u // by its path: every cluster has a Cell 1
			features = append(features, `{"type": "Feature", "properties": {"name": "`+strings.ToUpper(paths[u.ID])+`"}, "geometry": {"type": "Polygon", "coordinates": [`+square(36.881, -1.319, 0.001)+`]}}`)
		}
	}
	features = append(features,
		`{"type": "Feature", "properties": {"name": "Nowhere Village"}, "geometry": {"type": "Polygon", "coordinates": [`+square(36.9, -1.3, 0.01)+`]}}`,
		`{"type": "Feature", "properties": {"name": "Cell 1"}, "geometry": {"type": "Polygon", "coordinates": [`+square(36.9, -1.3, 0.01)+`]}}`,
		`{"type": "Feature", "properties": {"name": "`+segment.Name+`"}, "geometry": {"type": "Polygon", "coordinates": [`+square(36.9, -1.3, 0.01)+`]}}`)
	shapes := filepath.Join(dir, "mukuru.geojson")
	if err := os.WriteFile(shapes, []byte(`{"type": "FeatureCollection", "features": [`+strings.Join(features, ",\n")+`]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := cpw("boundaries", demo, shapes, "--dry-run")
	if code != 0 || !strings.Contains(out, "Would attach the boundaries of 2 of 5 features") {
		t.Fatalf("dry run: %d %q %q", code, out, errOut)
	}
	code, out, errOut = cpw("boundaries", demo, shapes)
	for _, want := range []string{"Attached the boundaries of 2 of 5 features to community units: 2 added", "3 features matched no unit",
		"“Nowhere Village”): no community unit has this name or path", "community units are called so: match by path",
		"is already the boundary of", "Left without a boundary:"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("cpw boundaries: %d %q %q, want %q", code, out, errOut, want)
		}
	}
	f, err = workspace.OpenReadOnly(demo)
	if err != nil {
		t.Fatal(err)
	}
	got, err := f.UnitShapes()
	f.Close()
	if err != nil || len(got) != 2 {
		t.Fatalf("%d shapes stored (%v)", len(got), err)
	}
	mp, err := workspace.ParseShape(got[segment.ID].Shape)
	if err != nil || len(mp) != 2 || len(mp[0]) != 2 {
		t.Errorf("the segment's MultiPolygon with its hole: %v %v", mp, err)
	}
	if _, ok := got[cell.ID]; !ok {
		t.Error("the cell matched by its path has no shape")
	}
	// Again: nothing changes.
	if code, out, _ := cpw("boundaries", demo, shapes, "--json"); code != 0 || !strings.Contains(out, `"unchanged": 2`) {
		t.Errorf("again: %d %q", code, out)
	}
	var m struct {
		Matched   int                     `json:"matched"`
		Unmatched []struct{ Feature int } `json:"unmatched"`
	}
	if _, out, _ := cpw("boundaries", demo, shapes, "--json", "--dry-run"); json.Unmarshal([]byte(out), &m) != nil || m.Matched != 2 || len(m.Unmatched) != 3 {
		t.Errorf("--json: %q", out)
	}
	// Exported for QGIS: the two units with their shapes, read back.
	out2 := filepath.Join(dir, "units.geojson")
	if code, out, errOut := cpw("export", demo, out2); code != 0 || !strings.Contains(out, "the boundaries of 2 community units") {
		t.Fatalf("cpw export .geojson: %d %q %q", code, out, errOut)
	}
	back, err := importexport.ReadBoundaries(out2, nil)
	if err != nil || len(back) != 2 {
		t.Fatalf("the export read back: %v %v", back, err)
	}
	for _, b := range back {
		if b.Properties["id"] == segment.ID && (len(b.Shape) != 2 || len(b.Shape[0]) != 2 || b.Properties["path"] != paths[segment.ID] || b.Properties["level"] != "segment") {
			t.Errorf("the segment read back: %+v", b)
		}
		// With the Map screen's figures, as numbers.
		if b.Properties["id"] == segment.ID {
			cells, _ := strconv.Atoi(b.Properties["cells"])
			represented, _ := strconv.Atoi(b.Properties["cells_represented"])
			share, err := strconv.ParseFloat(b.Properties["share_represented"], 64)
			if cells != 60 || err != nil || math.Abs(share-float64(represented)/60) > 1e-4 || b.Properties["open_findings"] == "" {
				t.Errorf("the segment's figures: %v", b.Properties)
			}
		}
		if b.Properties["id"] == cell.ID && (b.Properties["cells"] != "1" || b.Properties["mobilizers_per_100_households"] == "") {
			t.Errorf("the cell's figures: %v", b.Properties)
		}
	}
	// ... and imported into another workspace by the path it names.
	other := filepath.Join(dir, "other.cpw")
	if code, _, errOut := cpw("demo", other); code != 0 {
		t.Fatal(errOut)
	}
	testkit.WithoutBoundaries(t, other)
	if code, out, errOut := cpw("boundaries", other, out2, "--match", "path"); code != 0 || !strings.Contains(out, "2 added") {
		t.Fatalf("the export imported by path: %d %q %q", code, out, errOut)
	}
	g, err := workspace.OpenReadOnly(other)
	if err != nil {
		t.Fatal(err)
	}
	otherUnits, _ := g.Units(workspace.UnitFilter{})
	otherShapes, _ := g.UnitShapes()
	g.Close()
	for id, p := range workspace.UnitPaths(otherUnits) {
		if p == paths[segment.ID] && otherShapes[id].Shape != got[segment.ID].Shape {
			t.Errorf("the segment's shape after the round trip: %s, want %s", otherShapes[id].Shape, got[segment.ID].Shape)
		}
	}
	// Damaged files change nothing.
	before, _ := os.ReadFile(demo)
	for name, text := range map[string]string{
		"bow-tie.geojson":   `{"type": "Polygon", "coordinates": [[[36.88, -1.31], [36.89, -1.30], [36.89, -1.31], [36.88, -1.30], [36.88, -1.31]]]}`,
		"metres.geojson":    `{"type": "Polygon", "coordinates": [[[262000, 9855000], [263000, 9855000], [263000, 9856000], [262000, 9855000]]]}`,
		"not-json.geojson":  "PK\x03\x04 a zip, not GeoJSON",
		"empty.geojson":     `{"type": "FeatureCollection", "features": []}`,
		"point.geojson":     `{"type": "Point", "coordinates": [36.88, -1.31]}`,
		"epsg21037.geojson": `{"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::21037"}}, "features": []}`,
	} {
		path := filepath.Join(dir, name)
		os.WriteFile(path, []byte(text), 0o600)
		if code, _, errOut := cpw("boundaries", demo, path); code != 1 || !strings.HasPrefix(errOut, "cpw: ") || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%s: %d %q", name, code, errOut)
		}
	}
	if after, _ := os.ReadFile(demo); string(after) != string(before) {
		t.Error("a refused file changed the workspace")
	}
}
