package app

import (
	"database/sql"

	_ "github.com/mattn/go-sqlite3"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"cpw/internal/testkit"
	"cpw/workspace"
)

// levelSelect is the Map screen's choice of level: the Select that offers
// "Segment".
func levelSelect(t *testing.T, o fyne.CanvasObject) *widget.Select {
	t.Helper()
	var sel *widget.Select
	walk(o, func(c fyne.CanvasObject) {
		if s, ok := c.(*widget.Select); ok {
			for _, opt := range s.Options {
				if opt == "Segment" {
					sel = s
				}
			}
		}
	})
	if sel == nil {
		t.Fatal("the Map screen has no choice of level")
	}
	return sel
}

// A workspace without boundaries: the user drags the empty map (or
// scrolls it, or presses an arrow key or a zoom button) before any
// boundary is attached. The drag pans the zero view (0 m a pixel) and
// onView keeps it as the user's view (hasView), so once boundaries are
// attached the Map never fits them: it draws at 0 m a pixel, which is
// nothing at all, until "Whole map" is pressed. The same happens at the
// mukuru scale to a user who scrolls while "Reading the boundaries…".
func TestReview2DragOnAnEmptyMapKeepsANullView(t *testing.T) {
	u, _ := openDemo(t)
	testkit.WithoutBoundaries(t, u.file.Path())
	u.window.Resize(fyne.NewSize(1200, 800))
	u.screen.show(secPlaceMap)
	if shown := allText(u.screen.area); !strings.Contains(shown, "No community unit has a boundary yet.") {
		t.Fatalf("before: %s", shown)
	}
	m := mapOn(t, u.screen.area)
	m.Dragged(&fyne.DragEvent{Dragged: fyne.Delta{DX: 30, DY: -10}})
	t.Logf("after the drag: state view %+v, hasView %v", u.screen.placeMap.view, u.screen.placeMap.hasView)

	segments, err := u.file.Units(workspace.UnitFilter{Level: "segment"})
	if err != nil {
		t.Fatal(err)
	}
	sq := segmentSquare
	if _, err := u.file.SetBoundaries(map[string]string{segments[0].ID: sq(36.88), segments[1].ID: sq(36.90)}, "segments.geojson"); err != nil {
		t.Fatal(err)
	}
	u.screen.changed()
	if shown := allText(u.screen.area); !strings.Contains(shown, "2 of 6 drawn") {
		t.Fatalf("after: %s", shown)
	}
	m = mapOn(t, u.screen.area)
	if m.view.MetresPerPixel <= 0 {
		t.Errorf("the boundaries attached are drawn at %v m a pixel (view %+v): the map is blank until \"Whole map\"", m.view.MetresPerPixel, m.view)
	}
	wholeLayerShown(t, m)
}

// A segment's page opened from the Map (a click on it): "Remove
// boundary…" takes its boundary away, the page says so, and Back goes to
// the Map built before the change. changed() keeps the section shown
// (the Map is current while its page shows) and the Map has no list to
// reload, so it still draws the removed boundary and does not list the
// segment as one without a boundary.
func TestReview2BackToTheMapAfterRemovingABoundaryFromItsPage(t *testing.T) {
	u, _ := openDemo(t)
	u.window.Resize(fyne.NewSize(1200, 800))
	u.screen.show(secPlaceMap)
	m := mapOn(t, u.screen.area)
	w, h, scale := m.pixels()
	id := m.layer.Units[0].ID
	px, py := m.view.Pixel(m.layer.Units[0].Bound.Center(), w, h)
	m.Tapped(&fyne.PointEvent{Position: fyne.NewPos(float32(px)/scale, float32(py)/scale)})
	if u.screen.pageID != id {
		t.Fatalf("the click opened %q", u.screen.pageID)
	}
	tap(t, u.screen.area, "Remove boundary…")
	tap(t, top(t, u), "Yes")
	if !strings.Contains(allText(u.screen.area), "Boundary: none yet") {
		t.Fatalf("the page after: %s", allText(u.screen.area))
	}
	tap(t, u.screen.area, "Back")
	if u.screen.current != secPlaceMap {
		t.Fatalf("Back went to %s", u.screen.current)
	}
	shown := allText(u.screen.area)
	if !strings.Contains(shown, "5 of 6 drawn") || !strings.Contains(shown, "Without a boundary (1)") {
		t.Errorf("back on the Map after removing a segment's boundary, it says %q and %q", lineWith2(shown, " drawn"), lineWith2(shown, "Without a boundary"))
	}
	m = mapOn(t, u.screen.area)
	for _, unit := range m.layer.Units {
		if unit.ID == id {
			t.Errorf("the segment whose boundary was removed is still drawn (%d units drawn)", len(m.layer.Units))
		}
	}
}

// "Show on the Map" on a cell's page, then another section, then the Map
// again, before the first read has ended (at the mukuru scale it takes
// seconds). The first Map screen, dropped, still gets its read: it takes
// the focus and sets the shared level to "cell". The Map shown then draws
// the cells while its level reads "Segment", and the cell is neither
// outlined nor centred.
func TestReview2ReadOfADroppedMapChangesTheMapShown(t *testing.T) {
	u, _ := openDemo(t)
	u.window.Resize(fyne.NewSize(1200, 800))
	cells, err := u.file.Units(workspace.UnitFilter{Level: "cell"})
	if err != nil {
		t.Fatal(err)
	}
	cell := cells[17]
	u.screen.showUnit(cell.ID)
	// From now on, work sent off the UI thread waits until run.
	var queue []func()
	u.background = func(f func()) { queue = append(queue, f) }
	tap(t, u.screen.area, "Show on the Map")
	u.screen.show(secPeople)
	u.screen.show(secPlaceMap)
	for len(queue) > 0 {
		f := queue[0]
		queue = queue[1:]
		f()
	}
	sel := levelSelect(t, u.screen.area)
	m := mapOn(t, u.screen.area)
	drawn := ""
	if m.layer != nil && len(m.layer.Units) > 0 {
		l, _ := u.file.Unit(m.layer.Units[0].ID)
		drawn = l.Level
	}
	if want := workspace.Label(workspace.UnitLevels, drawn); sel.Selected != want {
		t.Errorf("the Map draws units of level %q while its level reads %q (state: %q)", drawn, sel.Selected, u.screen.placeMap.level)
	}
	if m.hover < 0 || m.layer.Units[m.hover].ID != cell.ID {
		t.Errorf("the cell shown on the Map is not outlined (hover %d)", m.hover)
	}
}

// lineWith2 is the first line of s that holds part.
func lineWith2(s, part string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, part) {
			return l
		}
	}
	return ""
}

// A cell whose stored boundary no longer reads (attached by an earlier
// version before a rule was added): the Map leaves it out and lists it
// "Without a boundary", while its page says "Boundary: attached, drawn on
// the Map" and offers "Show on the Map", which opens the cells with
// nothing outlined and nothing said.
func TestReview2ShowOnTheMapOfABoundaryThatDoesNotRead(t *testing.T) {
	u, _ := openDemo(t)
	u.window.Resize(fyne.NewSize(1200, 800))
	cells, err := u.file.Units(workspace.UnitFilter{Level: "cell"})
	if err != nil {
		t.Fatal(err)
	}
	cell := cells[17]
	db, err := sql.Open("sqlite3", "file:"+u.file.Path()+"?mode=rw&_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	// Its corners on one line: no area, which an earlier version stored.
	_, err = db.Exec(`UPDATE unit_shapes SET shape = ? WHERE unit_id = ?`,
		`{"type":"Polygon","coordinates":[[[36.88,-1.31],[36.8801,-1.31],[36.8802,-1.31],[36.88,-1.31]]]}`, cell.ID)
	db.Close()
	if err != nil {
		t.Skipf("the workspace refuses the shape: %v", err)
	}
	u.screen.showUnit(cell.ID)
	page := allText(u.screen.area)
	if !strings.Contains(page, "drawn on the Map") {
		t.Skipf("the page does not claim it is drawn: %s", page)
	}
	tap(t, u.screen.area, "Show on the Map")
	m := mapOn(t, u.screen.area)
	shown := allText(u.screen.area)
	if m.hover < 0 || m.layer.Units[m.hover].ID != cell.ID {
		t.Errorf("its page says \"Boundary: attached, drawn on the Map\"; Show on the Map outlines nothing (hover %d) and says %q, %q",
			m.hover, lineWith2(shown, " drawn"), lineWith2(shown, "Without a boundary"))
	}
}
