package main

import (
	"fmt"
	"image"
	"image/color"
	"time"

	"cpw/geomap"
	"cpw/workspace"
)

// mapRows time the Map screen's two halves at the mukuru scale, in
// process: reading the boundaries and figures (done once when the screen
// opens, off the UI thread), and drawing the 10,400 cells into an image
// larger than the window's map (done on every move, zoom and hover).
func mapRows(demo string, runs int, row func(op, size string, d, limit time.Duration)) {
	f, err := workspace.OpenReadOnly(demo)
	if err != nil {
		fail(err)
	}
	defer f.Close()
	var layer *geomap.Layer
	var figs map[string]*workspace.UnitFigures
	read := median(timeRuns(runs, func(int) {
		findings, err := f.RunChecks(time.Now())
		if err != nil {
			fail(err)
		}
		if figs, err = f.MapFigures(time.Now().Format(workspace.DateLayout), findings); err != nil {
			fail(err)
		}
		shapes, err := f.Boundaries("")
		if err != nil {
			fail(err)
		}
		layer = geomap.LayerOf(shapes, func(id string) string { return figs[id].Path })
	}))
	row("Map: boundaries and figures read (screen opens)", fmt.Sprintf("%d units with a boundary", len(layer.Units)), read, 0)

	cells := layer.Only(func(u *geomap.Unit) bool { return figs[u.ID].Unit.Level == "cell" })
	scale := geomap.ShareScale(geomap.MoreIsBetter)
	fill := make([]color.RGBA, len(cells.Units))
	for i, u := range cells.Units {
		fill[i] = scale.Colour(figs[u.ID].Value(workspace.MeasureRepresented))
	}
	const w, h = 1280, 800
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	v := cells.Fit(w, h, 12)
	st := geomap.Style{Fill: fill, Line: color.RGBA{255, 255, 255, 255}, LineWidth: 0.8, Highlight: 0, HighlightLine: color.RGBA{0, 0, 0, 255}}
	draw := median(timeRuns(runs*2, func(int) {
		geomap.Clear(img, color.RGBA{242, 242, 242, 255})
		cells.Draw(img, v, st)
	}))
	row("Map: drawing the cell level", fmt.Sprintf("%d polygons, %d×%d px", len(cells.Units), w, h), draw, 200*time.Millisecond)
}
