package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cpw/internal/testkit"
	"cpw/workspace"
)

// Community › Attach boundaries… reads a GeoJSON file, says what matches,
// attaches it, and a damaged file is refused with its sentence.
func TestAttachBoundariesFromTheWindow(t *testing.T) {
	u, path := openDemo(t)
	testkit.WithoutBoundaries(t, u.file.Path())
	segments, err := u.file.Units(workspace.UnitFilter{Level: "segment"})
	if err != nil {
		t.Fatal(err)
	}
	shapes := filepath.Join(filepath.Dir(path), "segments.geojson")
	text := `{"type": "FeatureCollection", "features": [
		{"type": "Feature", "properties": {"name": "` + segments[0].Name + `", "code": "S1"}, "geometry": {"type": "Polygon", "coordinates": [[[36.88, -1.32], [36.90, -1.32], [36.90, -1.30], [36.88, -1.30], [36.88, -1.32]]]}},
		{"type": "Feature", "properties": {"name": "Nowhere Village", "code": "S9"}, "geometry": {"type": "Polygon", "coordinates": [[[36.91, -1.32], [36.92, -1.32], [36.92, -1.31], [36.91, -1.32]]]}}]}`
	if err := os.WriteFile(shapes, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	u.screen.previewBoundaries(shapes)
	dlg := top(t, u)
	shown := allText(dlg)
	for _, want := range []string{"1 of 2 features match a community unit.", "Nowhere Village", "no community unit has this name or path", "Left without a boundary"} {
		if !strings.Contains(shown, want) {
			t.Errorf("the preview does not say %q: %s", want, shown)
		}
	}
	tap(t, dlg, "Attach")
	if shown := allText(top(t, u)); !strings.Contains(shown, "1 added, 0 replaced, 0 unchanged.") {
		t.Errorf("after attaching: %s", shown)
	}
	got, err := u.file.UnitShapes()
	if err != nil || len(got) != 1 || got[segments[0].ID].Shape == "" {
		t.Errorf("stored: %v %v", got, err)
	}
	tap(t, top(t, u), "OK")

	bad := filepath.Join(filepath.Dir(path), "bow-tie.geojson")
	os.WriteFile(bad, []byte(`{"type": "Polygon", "coordinates": [[[36.88, -1.31], [36.89, -1.30], [36.89, -1.31], [36.88, -1.30], [36.88, -1.31]]]}`), 0o600)
	u.screen.previewBoundaries(bad)
	if shown := allText(top(t, u)); !strings.Contains(shown, "crosses itself") {
		t.Errorf("a damaged file: %s", shown)
	}
}
