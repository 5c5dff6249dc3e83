package workspace

import (
	"testing"

	"github.com/paulmach/orb"
)

func testShape(t *testing.T, lon float64) string {
	t.Helper()
	s, err := ShapeText(orb.MultiPolygon{{{{lon, -1.32}, {lon + 0.01, -1.32}, {lon + 0.01, -1.31}, {lon, -1.31}, {lon, -1.32}}}})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Boundaries are one step to undo, travel with a merge, and two copies
// that gave one unit a boundary each end with one.
func TestBoundariesMergeAndUndo(t *testing.T) {
	fs := copies(t, 2)
	a, b := fs[0], fs[1]
	units := must[[]Unit](t)(a.Units(UnitFilter{Level: "segment"}))
	one, two := units[0].ID, units[1].ID
	saved := must[BoundariesSaved](t)(a.SetBoundaries(map[string]string{one: testShape(t, 36.88), two: testShape(t, 36.90)}, "segments.geojson"))
	if saved.Replaced != 2 { // the demo's synthetic ones
		t.Fatalf("saved %+v", saved)
	}
	// b gives the first segment a boundary of its own, later.
	must[BoundariesSaved](t)(b.SetBoundaries(map[string]string{one: testShape(t, 36.95)}, "mine.geojson"))
	mustMerge(t, b, a.Path())
	mustMerge(t, a, b.Path())
	for _, f := range fs {
		got := must[map[string]UnitShape](t)(f.UnitShapes())
		if got[one].Shape != testShape(t, 36.95) || got[two].Shape != testShape(t, 36.90) {
			t.Errorf("%s: %d shapes, %v", f.Path(), len(got), got)
		}
	}
	// Replacing is one step, undone whole.
	saved = must[BoundariesSaved](t)(a.SetBoundaries(map[string]string{one: testShape(t, 36.99), two: testShape(t, 36.90)}, "again.geojson"))
	if saved.Replaced != 1 || saved.Same != 1 {
		t.Fatalf("again: %+v", saved)
	}
	if _, err := a.Undo(); err != nil {
		t.Fatal(err)
	}
	if got := must[map[string]UnitShape](t)(a.UnitShapes()); got[one].Shape != testShape(t, 36.95) {
		t.Errorf("after the undo: %v", got[one].Shape)
	}
	// A shape that is not one is refused, in a merge as from a command.
	_, err := a.SetBoundaries(map[string]string{one: `{"type": "Point", "coordinates": [36.9, -1.3]}`}, "bad.geojson")
	wantCode(t, err, ErrInvalid)
}

// A boundary whose corners lie on one line has no area: refused, from a
// merge as from a command.
func TestFlatBoundaryRefused(t *testing.T) {
	_, err := ParseShape(`{"type": "Polygon", "coordinates": [[[36.88, -1.31], [36.89, -1.31], [36.9, -1.31], [36.88, -1.31]]]}`)
	wantCode(t, err, ErrInvalid)
}
