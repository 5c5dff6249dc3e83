package app

import (
	"cpw/internal/testkit"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"cpw/workspace"
)

// wholeLayerShown fails unless every corner of the map's layer is inside
// the map's image.
func wholeLayerShown(t *testing.T, m *mapCanvas) {
	t.Helper()
	if m.layer == nil || len(m.layer.Units) == 0 {
		t.Fatal("the map has no units")
	}
	w, h, scale := m.pixels()
	fit := m.layer.Fit(w, h, 12*float64(scale))
	for _, c := range []struct{ x, y float64 }{{m.layer.Bound.Min[0], m.layer.Bound.Min[1]}, {m.layer.Bound.Max[0], m.layer.Bound.Max[1]}} {
		x, y := m.view.Pixel([2]float64{c.x, c.y}, w, h)
		if x < 0 || x > w || y < 0 || y > h {
			t.Errorf("a corner of the units drawn is at pixel (%.0f, %.0f), outside the %.0f×%.0f map: view %+v; the whole map would be %+v",
				x, y, w, h, m.view, fit)
			return
		}
	}
}

// A workspace whose Map was opened before it had boundaries: once they are
// attached, the map does not show them whole. The empty layer was "fitted"
// (at 1 m a pixel around nothing) and that view was kept as the user's.
func TestReviewMapAfterAttachingBoundariesShowsThemWhole(t *testing.T) {
	u, _ := openDemo(t)
	testkit.WithoutBoundaries(t, u.file.Path())
	u.window.Resize(fyne.NewSize(1200, 800))
	u.screen.show(secPlaceMap)
	if shown := allText(u.screen.area); !strings.Contains(shown, "No community unit has a boundary yet.") {
		t.Fatalf("before: %s", shown)
	}
	segments, err := u.file.Units(workspace.UnitFilter{Level: "segment"})
	if err != nil {
		t.Fatal(err)
	}
	// Two segments of 0.02° (2.2 km) side by side, as Attach boundaries
	// would store them.
	sq := segmentSquare
	if _, err := u.file.SetBoundaries(map[string]string{segments[0].ID: sq(36.88), segments[1].ID: sq(36.90)}, "segments.geojson"); err != nil {
		t.Fatal(err)
	}
	u.screen.changed()
	if shown := allText(u.screen.area); !strings.Contains(shown, "2 of 6 drawn") {
		t.Fatalf("after: %s", shown)
	}
	wholeLayerShown(t, mapOn(t, u.screen.area))
}

// Boundaries of cells only (a common file): the Map opens on segments,
// which have none; choosing Cell then shows the cells not whole.
func TestReviewMapOfCellsWhenSegmentsHaveNoBoundary(t *testing.T) {
	u, _ := openDemo(t)
	shapes, err := u.file.UnitShapes()
	if err != nil {
		t.Fatal(err)
	}
	// Keep the cells' boundaries only, spread over 3 km so that the
	// difference shows on a small demo.
	cells, err := u.file.Units(workspace.UnitFilter{Level: "cell"})
	if err != nil {
		t.Fatal(err)
	}
	isCell := map[string]bool{}
	for _, c := range cells {
		isCell[c.ID] = true
	}
	for id, s := range shapes {
		if !isCell[id] {
			if err := u.file.DeleteUnitShape(s.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	far := `{"type":"Polygon","coordinates":[[[36.91,-1.33],[36.9102,-1.33],[36.9102,-1.3298],[36.91,-1.3298],[36.91,-1.33]]]}`
	if _, err := u.file.SetBoundaries(map[string]string{cells[0].ID: far}, "far.geojson"); err != nil {
		t.Fatal(err)
	}
	u.window.Resize(fyne.NewSize(1200, 800))
	u.screen.show(secPlaceMap)
	if shown := allText(u.screen.area); !strings.Contains(shown, "No segment has a boundary") {
		t.Fatalf("segments: %s", shown)
	}
	var sel *widget.Select
	walk(u.screen.area, func(c fyne.CanvasObject) {
		if s, ok := c.(*widget.Select); ok && s.Selected == "Segment" {
			sel = s
		}
	})
	sel.SetSelected("Cell")
	if shown := allText(u.screen.area); !strings.Contains(shown, "360 of 360 drawn") {
		t.Fatalf("cells: %s", shown)
	}
	wholeLayerShown(t, mapOn(t, u.screen.area))
}

func ftoa(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// segmentSquare is a segment's boundary as Attach boundaries would store
// it: a square 0.02° (2.2 km) across, its west side at lon.
func segmentSquare(lon float64) string {
	return `{"type":"Polygon","coordinates":[[[` + ftoa(lon) + `,-1.32],[` + ftoa(lon+0.02) + `,-1.32],[` + ftoa(lon+0.02) + `,-1.30],[` + ftoa(lon) + `,-1.30],[` + ftoa(lon) + `,-1.32]]]}`
}
