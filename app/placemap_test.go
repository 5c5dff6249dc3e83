package app

import (
	"math"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"cpw/geomap"
	"cpw/internal/testkit"
	"cpw/workspace"
)

// mapOn finds the Map screen's map among what the window shows.
func mapOn(t *testing.T, o fyne.CanvasObject) *mapCanvas {
	t.Helper()
	var m *mapCanvas
	walk(o, func(c fyne.CanvasObject) {
		if x, ok := c.(*mapCanvas); ok {
			m = x
		}
	})
	if m == nil {
		t.Fatal("the Map screen has no map")
	}
	return m
}

// The Map screen draws the demo's segments coloured by representation,
// says what each colour means, shows a unit's figures under the pointer,
// opens it on a click, and lists the units without a boundary.
func TestMapScreen(t *testing.T) {
	u, _ := openDemo(t)
	u.window.Resize(fyne.NewSize(1200, 800))
	u.screen.show(secPlaceMap)
	shown := allText(u.screen.area)
	for _, want := range []string{"6 of 6 drawn, coloured by cells with a household representative.", "Under 50% of cells", "Every cell", "No figure", "Without a boundary (0)"} {
		if !strings.Contains(shown, want) {
			t.Errorf("the Map screen does not say %q: %s", want, shown)
		}
	}
	m := mapOn(t, u.screen.area)
	if m.layer == nil || len(m.layer.Units) != 6 || m.img.Image.Bounds().Dx() < 100 {
		t.Fatalf("the segments are not drawn: %v", m.img.Image.Bounds())
	}
	// The third segment of the small demo has a third of its cells without
	// a representative: it is drawn in the colour of 50% to 75%.
	figs, err := u.file.MapFigures(demoDay.Format(workspace.DateLayout), nil)
	if err != nil {
		t.Fatal(err)
	}
	var late int = -1
	for i, unit := range m.layer.Units {
		if v, _ := figs[unit.ID].Value(workspace.MeasureRepresented); v > 0.5 && v < 0.75 {
			late = i
		}
	}
	if late < 0 {
		t.Fatal("no segment is between 50% and 75% represented")
	}
	if m.fill[late] != geomap.MoreIsBetter[1] {
		t.Errorf("the late segment is coloured %v", m.fill[late])
	}
	// The pixel at the middle of that segment has its colour.
	w, h, scale := m.pixels()
	c := m.layer.Units[late].Bound.Center()
	px, py := m.view.Pixel(c, w, h)
	if got := m.img.Image.At(int(px), int(py)); rgba(got) != geomap.MoreIsBetter[1] {
		t.Errorf("the map's pixel at the segment is %v", got)
	}
	pos := fyne.NewPos(float32(px)/scale, float32(py)/scale)
	m.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pos}})
	if shown := allText(u.screen.area); !strings.Contains(shown, figs[m.layer.Units[late].ID].Path) || !strings.Contains(shown, "cells with a household representative (") {
		t.Errorf("pointing at the segment does not show its figures: %s", shown)
	}
	// Zooming in keeps the point under the pointer where it was.
	before := m.view.Point(px, py, w, h)
	m.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: pos}, Scrolled: fyne.Delta{DY: 10}})
	if after := m.view.Point(px, py, w, h); m.view.MetresPerPixel >= u.screen.placeMap.view.MetresPerPixel*1.01 || math.Abs(before[0]-after[0]) > 1e-3 || math.Abs(before[1]-after[1]) > 1e-3 {
		t.Errorf("zooming moved the point under the pointer: %v to %v", before, after)
	}
	m.Dragged(&fyne.DragEvent{Dragged: fyne.Delta{DX: 30, DY: -10}})
	if u.screen.placeMap.view != m.view {
		t.Error("the view is not kept for the next time the screen is built")
	}
	m.fitAll()

	// Cells, coloured by open findings.
	for _, o := range []struct{ sel, choice string }{{"Segment", "Cell"}, {"Cells with a household representative", "Open findings"}} {
		var sel *widget.Select
		walk(u.screen.area, func(c fyne.CanvasObject) {
			if s, ok := c.(*widget.Select); ok && s.Selected == o.sel {
				sel = s
			}
		})
		if sel == nil {
			t.Fatalf("no choice shows %q", o.sel)
		}
		sel.SetSelected(o.choice)
	}
	if shown := allText(u.screen.area); !strings.Contains(shown, "360 of 360 drawn, coloured by open findings.") {
		t.Errorf("the cells: %s", shown)
	}

	// A new cell has no boundary: it is listed beside the map, and a click
	// on the list opens it.
	cluster, err := u.file.Units(workspace.UnitFilter{Level: "cluster"})
	if err != nil {
		t.Fatal(err)
	}
	cell, err := u.file.CreateUnit(workspace.Unit{Level: "cell", ParentID: cluster[0].ID, Name: "Cell 11"})
	if err != nil {
		t.Fatal(err)
	}
	u.screen.changed()
	if shown := allText(u.screen.area); !strings.Contains(shown, "360 of 361 drawn") || !strings.Contains(shown, "Without a boundary (1)") {
		t.Errorf("the cell without a boundary: %s", shown)
	}
	var list *widget.List
	walk(u.screen.area, func(c fyne.CanvasObject) {
		if l, ok := c.(*widget.List); ok {
			list = l
		}
	})
	list.Select(0)
	if u.screen.pageID != cell.ID {
		t.Errorf("the list opened %q, not the new cell", u.screen.pageID)
	}

	// A click on the map opens the unit under it.
	u.screen.show(secPlaceMap)
	m = mapOn(t, u.screen.area)
	w, h, scale = m.pixels()
	px, py = m.view.Pixel(m.layer.Units[0].Bound.Center(), w, h)
	m.Tapped(&fyne.PointEvent{Position: fyne.NewPos(float32(px)/scale, float32(py)/scale)})
	if u.screen.pageID != m.layer.Units[0].ID {
		t.Errorf("a click opened %q, not the cell under it", u.screen.pageID)
	}
}

// A workspace without boundaries says how to attach them.
func TestMapScreenWithoutBoundaries(t *testing.T) {
	u, _ := openDemo(t)
	testkit.WithoutBoundaries(t, u.file.Path())
	u.screen.show(secPlaceMap)
	if shown := allText(u.screen.area); !strings.Contains(shown, "No community unit has a boundary yet.") || !strings.Contains(shown, "Without a boundary (6)") {
		t.Errorf("without boundaries: %s", shown)
	}
}

// A unit's page says whether it has a boundary, and can take it away.
func TestUnitPageBoundary(t *testing.T) {
	u, _ := openDemo(t)
	segments, err := u.file.Units(workspace.UnitFilter{Level: "segment"})
	if err != nil {
		t.Fatal(err)
	}
	u.screen.showUnit(segments[0].ID)
	if !strings.Contains(allText(u.screen.area), "Boundary: attached, drawn on the Map") {
		t.Fatalf("the page: %s", allText(u.screen.area))
	}
	tap(t, u.screen.area, "Remove boundary…")
	tap(t, top(t, u), "Yes")
	if _, has, err := u.file.UnitShapeOf(segments[0].ID); has || err != nil {
		t.Fatalf("the boundary is still there (%v)", err)
	}
	if !strings.Contains(allText(u.screen.area), "Boundary: none yet") {
		t.Errorf("the page after: %s", allText(u.screen.area))
	}
}

// The keyboard moves and zooms the map.
func TestMapKeys(t *testing.T) {
	u, _ := openDemo(t)
	u.window.Resize(fyne.NewSize(1200, 800))
	u.screen.show(secPlaceMap)
	m := mapOn(t, u.screen.area)
	start := m.view
	m.TypedRune('+')
	if m.view.MetresPerPixel >= start.MetresPerPixel {
		t.Error("+ does not zoom in")
	}
	m.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	if m.view.X <= start.X {
		t.Error("→ does not move the view east")
	}
	m.TypedKey(&fyne.KeyEvent{Name: fyne.KeyHome})
	if m.view != start {
		t.Errorf("Home does not show the whole map again: %+v, want %+v", m.view, start)
	}
}

// The Map lets its boundaries go when another section is shown, and comes
// back as it was left.
func TestMapLetsGoWhenLeft(t *testing.T) {
	u, _ := openDemo(t)
	u.window.Resize(fyne.NewSize(1200, 800))
	u.screen.show(secPlaceMap)
	m := mapOn(t, u.screen.area)
	m.zoomBy(2)
	view := m.view
	u.screen.show(secPeople)
	if _, kept := u.screen.built[secPlaceMap]; kept {
		t.Error("the Map is kept while another section shows")
	}
	u.screen.show(secPlaceMap)
	if m = mapOn(t, u.screen.area); m.view != view || m.layer == nil || len(m.layer.Units) != 6 {
		t.Errorf("back on the Map: view %+v (was %+v)", m.view, view)
	}
}

// "Show on the Map" on a unit's page opens the Map at the unit's level,
// centred on it, outlined, with its figures.
func TestShowOnTheMap(t *testing.T) {
	u, _ := openDemo(t)
	u.window.Resize(fyne.NewSize(1200, 800))
	cells, err := u.file.Units(workspace.UnitFilter{Level: "cell"})
	if err != nil {
		t.Fatal(err)
	}
	cell := cells[17]
	u.screen.showUnit(cell.ID)
	tap(t, u.screen.area, "Show on the Map")
	if u.screen.current != secPlaceMap || u.screen.placeMap.level != "cell" {
		t.Fatalf("shown: %s at level %s", u.screen.current, u.screen.placeMap.level)
	}
	m := mapOn(t, u.screen.area)
	if m.hover < 0 || m.layer.Units[m.hover].ID != cell.ID {
		t.Fatal("the cell is not outlined")
	}
	w, h, _ := m.pixels()
	x, y := m.view.Pixel(m.layer.Units[m.hover].Bound.Center(), w, h)
	if math.Abs(x-w/2) > 2 || math.Abs(y-h/2) > 2 || m.view.MetresPerPixel > 1 {
		t.Errorf("the cell is drawn at %.0f, %.0f of %.0f×%.0f, at %.2f m a pixel", x, y, w, h, m.view.MetresPerPixel)
	}
	path, _ := u.file.UnitPath(cell.ID)
	if !strings.Contains(allText(u.screen.area), path) {
		t.Errorf("the cell's figures are not shown: %s", allText(u.screen.area))
	}
}
