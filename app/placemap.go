package app

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"cpw/geomap"
	"cpw/workspace"
)

// placeMapState is what the Map screen shows, kept on the screen while it
// is built again after a change.
type placeMapState struct {
	level, measure string
	view           geomap.View
	hasView        bool
	// focus is a unit to show when the map is next read ("Show on the Map"
	// on its page): its level is chosen, the map centred on it and it
	// outlined.
	focus string
}

// mapState is what the Map shows, the segments by representation the
// first time.
func (s *workspaceScreen) mapState() *placeMapState {
	if s.placeMap == nil {
		s.placeMap = &placeMapState{level: "segment", measure: workspace.MeasureRepresented}
	}
	return s.placeMap
}

// placeMapData is what the Map screen reads off the UI thread: every
// unit's outline, projected once, and every unit's figures.
type placeMapData struct {
	all     *geomap.Layer
	figures map[string]*workspace.UnitFigures
}

// readPlaceMap reads the boundaries and the figures, the checks run for
// the open findings.
func readPlaceMap(f *workspace.File, day time.Time) (*placeMapData, error) {
	findings, err := f.RunChecks(day)
	if err != nil {
		return nil, err
	}
	figs, err := f.MapFigures(day.Format(workspace.DateLayout), findings)
	if err != nil {
		return nil, err
	}
	shapes, err := f.Boundaries("")
	if err != nil {
		return nil, err
	}
	for id := range shapes {
		if figs[id] == nil {
			delete(shapes, id) // its unit was deleted between the two reads
		}
	}
	return &placeMapData{all: geomap.LayerOf(shapes, func(id string) string { return figs[id].Path }), figures: figs}, nil
}

// placeMapScreen is the Map section: the units of one level, coloured by
// a measure, with a legend, the figures of the unit under the pointer, and
// the units that have no boundary.
func (s *workspaceScreen) placeMapScreen() fyne.CanvasObject {
	state := s.mapState()
	status := widget.NewLabel(lang.L("Reading the boundaries…"))
	status.Wrapping = fyne.TextWrapWord
	m := newMapCanvas(s.ui.background)
	legend := container.NewVBox()
	hint := lang.L("Point at a unit to see its figures; click it to open it. Drag to move the map, scroll to zoom (or the arrow keys, + and -).")
	info := widget.NewLabel(hint)
	info.Wrapping = fyne.TextWrapWord
	var data *placeMapData
	var layer *geomap.Layer
	var without []string
	withoutTitle := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	withoutList := widget.NewList(func() int { return len(without) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(data.figures[without[i]].Path)
		})
	withoutList.OnSelected = func(i widget.ListItemID) {
		withoutList.UnselectAll()
		s.showUnit(without[i])
	}

	levelNames := make([]string, len(workspace.UnitLevels))
	for i, c := range workspace.UnitLevels {
		levelNames[i] = workspace.Label(workspace.UnitLevels, c.Key)
	}
	measureNames := make([]string, len(workspace.MapMeasures))
	for i, c := range workspace.MapMeasures {
		measureNames[i] = workspace.Label(workspace.MapMeasures, c.Key)
	}
	level := widget.NewSelect(levelNames, nil)
	measure := widget.NewSelect(measureNames, nil)

	// show draws the chosen level coloured by the chosen measure.
	show := func() {
		if data == nil {
			return
		}
		layer = data.all.Only(func(u *geomap.Unit) bool { return data.figures[u.ID].Unit.Level == state.level })
		var values []float64
		for _, u := range layer.Units {
			if v, ok := data.figures[u.ID].Value(state.measure); ok {
				values = append(values, v)
			}
		}
		scale := mapScale(state.measure, values)
		fill := make([]color.RGBA, len(layer.Units))
		for i, u := range layer.Units {
			fill[i] = scale.Colour(data.figures[u.ID].Value(state.measure))
		}
		legend.Objects = legendRows(scale)
		legend.Refresh()
		without = without[:0]
		drawn := map[string]bool{}
		for _, u := range layer.Units {
			drawn[u.ID] = true
		}
		for id, fg := range data.figures {
			if fg.Unit.Level == state.level && !drawn[id] {
				without = append(without, id)
			}
		}
		sort.Slice(without, func(i, j int) bool { return data.figures[without[i]].Path < data.figures[without[j]].Path })
		withoutTitle.SetText(fmt.Sprintf(lang.L("Without a boundary (%s)"), thousands(len(without))))
		withoutList.Refresh()
		switch {
		case len(data.all.Units) == 0:
			status.SetText(lang.L("No community unit has a boundary yet. Attach them from a GeoJSON file (Community › Attach boundaries…), as QGIS, HDX or OpenStreetMap write it."))
		case len(layer.Units) == 0:
			status.SetText(fmt.Sprintf(lang.L("No %s has a boundary: choose another level."), strings.ToLower(workspace.Label(workspace.UnitLevels, state.level))))
		default:
			status.SetText(fmt.Sprintf(lang.L("%s of %s drawn, coloured by %s."), thousands(len(layer.Units)),
				thousands(len(layer.Units)+len(without)), strings.ToLower(workspace.Label(workspace.MapMeasures, state.measure))))
		}
		if !state.hasView && len(layer.Units) > 0 {
			m.fit = true
		}
		hover := -1
		if state.focus != "" {
			for i, u := range layer.Units {
				if u.ID == state.focus {
					// The unit and its neighbours around it.
					b := u.Bound.Pad(math.Max(u.Bound.Max[0]-u.Bound.Min[0], u.Bound.Max[1]-u.Bound.Min[1]))
					m.fit, m.fitTo, hover = true, &b, i
					info.SetText(unitFiguresText(data.figures[u.ID]))
				}
			}
			state.focus = ""
		}
		m.setLayer(layer, fill, hover)
	}
	level.OnChanged = func(string) {
		state.level = workspace.UnitLevels[level.SelectedIndex()].Key
		show()
	}
	measure.OnChanged = func(string) {
		state.measure = workspace.MapMeasures[measure.SelectedIndex()].Key
		show()
	}
	level.SetSelectedIndex(workspace.LevelDepth(state.level))
	for i, c := range workspace.MapMeasures {
		if c.Key == state.measure {
			measure.SetSelectedIndex(i)
		}
	}
	m.view, m.fit = state.view, !state.hasView
	m.onView = func(v geomap.View) { state.view, state.hasView = v, true }
	m.onHover = func(i int) {
		if i < 0 || layer == nil || i >= len(layer.Units) {
			info.SetText(hint)
			return
		}
		info.SetText(unitFiguresText(data.figures[layer.Units[i].ID]))
	}
	m.onOpen = func(i int) {
		if layer != nil && i >= 0 && i < len(layer.Units) {
			s.showUnit(layer.Units[i].ID)
		}
	}

	// This build is the live one until the Map is built again: a read that
	// ends after that (the section left and shown again meanwhile) is
	// dropped, and leaves the shared state to the new one.
	build := new(int)
	s.placeMapBuild = build
	f, day := s.file, s.today()
	s.ui.background(func() {
		loaded, err := readPlaceMap(f, day)
		fyne.Do(func() {
			if s.placeMapBuild != build {
				return
			}
			if err != nil {
				s.ui.showError(err)
				status.SetText(lang.L("The map could not be drawn."))
				return
			}
			data = loaded
			if u := data.figures[state.focus]; u != nil && u.Unit.Level != state.level {
				state.level = u.Unit.Level
				level.SetSelectedIndex(workspace.LevelDepth(u.Unit.Level)) // shows the level
			} else {
				show()
			}
			// Reading 11,000 boundaries leaves their text and decoding
			// behind: hand that back once the map is shown.
			giveBackMemory()
		})
	})

	zoomIn := widget.NewButtonWithIcon("", theme.ZoomInIcon(), func() { m.zoomBy(1.5) })
	zoomOut := widget.NewButtonWithIcon("", theme.ZoomOutIcon(), func() { m.zoomBy(1 / 1.5) })
	fit := widget.NewButtonWithIcon(lang.L("Whole map"), theme.ZoomFitIcon(), func() { m.fitAll() })
	// The measure's names are long: its list is as wide as the longest.
	widest := float32(0)
	for _, n := range measureNames {
		widest = max(widest, fyne.MeasureText(n, theme.TextSize(), fyne.TextStyle{}).Width)
	}
	measureBox := container.NewGridWrap(fyne.NewSize(widest+6*theme.Padding()+2*theme.IconInlineSize(), measure.MinSize().Height), measure)
	bar := container.NewHBox(widget.NewLabel(lang.L("Level")), level, widget.NewLabel(lang.L("Colour by")), measureBox, zoomIn, zoomOut, fit)
	side := container.NewBorder(
		container.NewVBox(widget.NewLabelWithStyle(lang.L("Legend"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), legend,
			widget.NewSeparator(), info, widget.NewSeparator(), withoutTitle),
		nil, nil, nil, withoutList)
	split := container.NewHSplit(m, side)
	split.Offset = 0.72
	return container.NewBorder(container.NewPadded(container.NewVBox(container.NewHScroll(bar), status)), nil, nil, nil, split)
}

// showOnMap opens the Map on a unit: its level, centred on it among its
// neighbours, outlined, its figures beside.
func (s *workspaceScreen) showOnMap(unitID string) {
	s.mapState().focus = unitID
	delete(s.built, secPlaceMap) // read again, for the unit
	s.show(secPlaceMap)
}

// mapScale is the scale of a measure: fixed steps for a share, five round
// steps from zero otherwise.
func mapScale(measure string, values []float64) geomap.Scale {
	switch measure {
	case workspace.MeasureRepresented:
		return geomap.ShareScale(geomap.MoreIsBetter)
	case workspace.MeasureMobilizers:
		return geomap.CountScale(values, false, geomap.MoreIsBetter)
	case workspace.MeasureFindings:
		return geomap.CountScale(values, true, geomap.Problems)
	}
	return geomap.CountScale(values, true, geomap.Counts)
}

// legendRows are the legend's rows: a swatch and what its colour means.
func legendRows(scale geomap.Scale) []fyne.CanvasObject {
	var rows []fyne.CanvasObject
	row := func(c color.RGBA, text string) {
		sw := canvas.NewRectangle(c)
		sw.SetMinSize(fyne.NewSize(22, 14))
		sw.StrokeColor, sw.StrokeWidth = theme.Color(theme.ColorNameSeparator), 1
		rows = append(rows, container.NewHBox(container.NewCenter(sw), widget.NewLabel(text)))
	}
	labels := scale.Labels(inWindowLanguage)
	for i, c := range scale.Classes {
		row(c.Colour, labels[i])
	}
	row(geomap.NoFigure, lang.L("No figure"))
	return rows
}

// unitFiguresText is what the Map screen says of the unit under the
// pointer.
func unitFiguresText(u *workspace.UnitFigures) string {
	if u == nil {
		return ""
	}
	lines := []string{u.Path, byCount(u.Households, lang.L("1 household"), lang.L("%s households"))}
	if u.Households == 0 {
		lines[1] = lang.L("Households not counted")
	}
	switch {
	case u.Unit.Level == "cell" && u.CellsRepresented == 1:
		lines = append(lines, lang.L("Has a household representative"))
	case u.Unit.Level == "cell":
		lines = append(lines, lang.L("No household representative"))
	case u.Cells > 0:
		lines = append(lines, fmt.Sprintf(lang.L("%s of %s cells with a household representative (%.0f%%)"),
			thousands(u.CellsRepresented), thousands(u.Cells), share(u.CellsRepresented, u.Cells)))
	}
	switch {
	case u.Unit.Level == "cell" && u.HasMobilizerRate:
		lines = append(lines, fmt.Sprintf(lang.L("Its cluster: %s mobilizers per 100 households"), geomap.Decimal(u.MobilizersPer100)))
	case u.HasMobilizerRate:
		lines = append(lines, fmt.Sprintf(lang.L("%s mobilizers, %s per 100 households"), thousands(u.Mobilizers), geomap.Decimal(u.MobilizersPer100)))
	}
	lines = append(lines, byCount(u.OpenFindings, lang.L("1 open finding"), lang.L("%s open findings")))
	// Each line stands alone: a count worded for the middle of a sentence
	// ("kaya 7,926") starts with a capital here.
	for i := range lines[1:] {
		lines[i+1] = workspace.Capitalise(lines[i+1])
	}
	return strings.Join(lines, "\n")
}

// mapCanvas draws a layer, and lets the user move it, zoom it, point at a
// unit and open it. Drawing happens off the UI thread: a change asked for
// while one is drawn is drawn when it ends, the latest only.
type mapCanvas struct {
	widget.BaseWidget
	img      *canvas.Image
	barBack  *canvas.Rectangle // behind the scale bar, so that it reads on any colour
	bar      *canvas.Rectangle
	barText  *canvas.Text
	layer    *geomap.Layer
	fill     []color.RGBA
	view     geomap.View
	fit      bool       // fit the whole layer (or fitTo) when next drawn
	fitTo    *orb.Bound // the box to fit instead of the whole layer, once
	hover    int
	drawing  bool
	again    bool
	onView   func(geomap.View)
	onHover  func(int)
	onOpen   func(int)
	drawnFor fyne.Size
	// background runs the drawing off the UI thread (in line in tests).
	background func(func())
}

func newMapCanvas(background func(func())) *mapCanvas {
	m := &mapCanvas{hover: -1, background: background}
	m.img = canvas.NewImageFromImage(image.NewRGBA(image.Rect(0, 0, 1, 1)))
	m.img.FillMode = canvas.ImageFillStretch
	m.img.ScaleMode = canvas.ImageScalePixels
	back := color.NRGBAModel.Convert(theme.Color(theme.ColorNameBackground)).(color.NRGBA)
	back.A = 0xd0
	m.barBack = canvas.NewRectangle(back)
	m.barBack.CornerRadius = 3
	m.bar = canvas.NewRectangle(theme.Color(theme.ColorNameForeground))
	m.barText = canvas.NewText("", theme.Color(theme.ColorNameForeground))
	m.barText.TextSize = theme.CaptionTextSize()
	m.ExtendBaseWidget(m)
	return m
}

func (m *mapCanvas) CreateRenderer() fyne.WidgetRenderer {
	return &mapRenderer{m: m, objects: []fyne.CanvasObject{m.img, m.barBack, m.bar, m.barText}}
}

type mapRenderer struct {
	m       *mapCanvas
	objects []fyne.CanvasObject
}

func (r *mapRenderer) Layout(size fyne.Size) {
	r.m.img.Resize(size)
	r.m.img.Move(fyne.NewPos(0, 0))
	if size != r.m.drawnFor {
		r.m.redraw()
	}
}
func (r *mapRenderer) MinSize() fyne.Size           { return fyne.NewSize(200, 200) }
func (r *mapRenderer) Refresh()                     { r.Layout(r.m.Size()); canvas.Refresh(r.m.img) }
func (r *mapRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *mapRenderer) Destroy()                     {}

// setLayer shows another layer, or other colours, with one unit outlined
// (-1 for none).
func (m *mapCanvas) setLayer(l *geomap.Layer, fill []color.RGBA, outlined int) {
	m.layer, m.fill, m.hover = l, fill, outlined
	m.redraw()
}

// pixels is the widget's size in the screen's pixels.
func (m *mapCanvas) pixels() (w, h float64, scale float32) {
	scale = 1
	if c := fyne.CurrentApp().Driver().CanvasForObject(m); c != nil {
		scale = c.Scale()
	}
	s := m.Size()
	return math.Floor(float64(s.Width * scale)), math.Floor(float64(s.Height * scale)), scale
}

// redraw draws the map again off the UI thread.
func (m *mapCanvas) redraw() {
	if m.drawing {
		m.again = true
		return
	}
	w, h, scale := m.pixels()
	if m.layer == nil || w < 2 || h < 2 {
		return
	}
	// A layer with nothing in it has no extent to fit: the fit waits for
	// one that has (boundaries attached, another level chosen).
	if m.fit && len(m.layer.Units) > 0 {
		b := m.layer.Bound
		if m.fitTo != nil {
			b = *m.fitTo
		}
		m.view, m.fit, m.fitTo = geomap.FitBound(b, w, h, 12*float64(scale)), false, nil
		if m.onView != nil {
			m.onView(m.view)
		}
	}
	m.drawing, m.drawnFor = true, m.Size()
	l, v, hover := m.layer, m.view, m.hover
	st := geomap.Style{Fill: m.fill, Line: rgba(theme.Color(theme.ColorNameBackground)), LineWidth: float64(scale) * 0.8,
		Highlight: hover, HighlightLine: rgba(theme.Color(theme.ColorNameForeground))}
	back := rgba(theme.Color(theme.ColorNameInputBackground))
	metres, barPixels := v.ScaleBar(w / 4)
	m.background(func() {
		img := image.NewRGBA(image.Rect(0, 0, int(w), int(h)))
		geomap.Clear(img, back)
		l.Draw(img, v, st)
		fyne.Do(func() {
			m.drawing = false
			m.img.Image = img
			m.img.Refresh()
			m.placeScaleBar(metres, float32(barPixels)/scale)
			if m.again {
				m.again = false
				m.redraw()
			}
		})
	})
}

// placeScaleBar puts the scale bar in the map's lower left corner.
func (m *mapCanvas) placeScaleBar(metres float64, width float32) {
	if metres <= 0 {
		m.barBack.Hide()
		m.bar.Hide()
		m.barText.Hide()
		return
	}
	text := geomap.ScaleText(metres, inWindowLanguage)
	h := m.Size().Height
	m.bar.Resize(fyne.NewSize(width, 3))
	m.bar.Move(fyne.NewPos(12, h-14))
	m.barText.Text = text
	m.barText.Move(fyne.NewPos(12, h-16-m.barText.MinSize().Height))
	textSize := m.barText.MinSize()
	m.barBack.Move(fyne.NewPos(6, h-20-textSize.Height))
	m.barBack.Resize(fyne.NewSize(max(width, textSize.Width)+12, textSize.Height+16))
	m.barBack.Show()
	m.bar.Show()
	m.barText.Show()
	m.barBack.Refresh()
	m.bar.Refresh()
	m.barText.Refresh()
}

func rgba(c color.Color) color.RGBA { return color.RGBAModel.Convert(c).(color.RGBA) }

// setView moves the map. Before the map has been fitted to something
// there is nowhere to move from: the move is left, and the first units
// drawn are shown whole.
func (m *mapCanvas) setView(v geomap.View) {
	if m.layer == nil || len(m.layer.Units) == 0 || m.fit || m.view.MetresPerPixel <= 0 {
		return
	}
	m.view = v
	if m.onView != nil {
		m.onView(v)
	}
	m.redraw()
}

// zoomBy zooms about the middle of the map.
func (m *mapCanvas) zoomBy(factor float64) {
	w, h, _ := m.pixels()
	m.setView(m.view.Zoom(factor, w/2, h/2, w, h))
}

func (m *mapCanvas) fitAll() {
	m.fit = true
	m.redraw()
}

// unitAt is the index of the unit under a position of the widget, or -1.
func (m *mapCanvas) unitAt(pos fyne.Position) int {
	if m.layer == nil {
		return -1
	}
	w, h, scale := m.pixels()
	return m.layer.At(m.view.Point(float64(pos.X*scale), float64(pos.Y*scale), w, h))
}

// Dragged moves the map with the pointer.
func (m *mapCanvas) Dragged(e *fyne.DragEvent) {
	_, _, scale := m.pixels()
	m.setView(m.view.Pan(float64(e.Dragged.DX*scale), float64(e.Dragged.DY*scale)))
}

func (m *mapCanvas) DragEnd() {}

// Scrolled zooms about the pointer.
func (m *mapCanvas) Scrolled(e *fyne.ScrollEvent) {
	w, h, scale := m.pixels()
	// A wheel's notch comes as a DY of 10 or more, a touchpad's stroke as
	// many small ones: a notch zooms by about a fifth.
	steps := math.Max(-3, math.Min(3, float64(e.Scrolled.DY)/10))
	if steps == 0 {
		return
	}
	m.setView(m.view.Zoom(math.Pow(1.2, steps), float64(e.Position.X*scale), float64(e.Position.Y*scale), w, h))
}

// Tapped opens the unit clicked. The map takes the keyboard's focus too,
// for the keys that move and zoom it.
func (m *mapCanvas) Tapped(e *fyne.PointEvent) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(m); c != nil {
		c.Focus(m)
	}
	if i := m.unitAt(e.Position); i >= 0 && m.onOpen != nil {
		m.onOpen(i)
	}
}

func (m *mapCanvas) FocusGained() {}
func (m *mapCanvas) FocusLost()   {}

// TypedRune zooms with + and -, and shows the whole map with 0.
func (m *mapCanvas) TypedRune(r rune) {
	switch r {
	case '+', '=':
		m.zoomBy(1.5)
	case '-':
		m.zoomBy(1 / 1.5)
	case '0':
		m.fitAll()
	}
}

// TypedKey moves the map with the arrow keys, an eighth of it at a time.
func (m *mapCanvas) TypedKey(e *fyne.KeyEvent) {
	w, h, _ := m.pixels()
	switch e.Name {
	case fyne.KeyLeft:
		m.setView(m.view.Pan(w/8, 0))
	case fyne.KeyRight:
		m.setView(m.view.Pan(-w/8, 0))
	case fyne.KeyUp:
		m.setView(m.view.Pan(0, h/8))
	case fyne.KeyDown:
		m.setView(m.view.Pan(0, -h/8))
	case fyne.KeyHome:
		m.fitAll()
	}
}

func (m *mapCanvas) MouseIn(e *desktop.MouseEvent) { m.MouseMoved(e) }

// MouseMoved outlines the unit under the pointer and shows its figures.
func (m *mapCanvas) MouseMoved(e *desktop.MouseEvent) {
	if i := m.unitAt(e.Position); i != m.hover {
		m.hover = i
		if m.onHover != nil {
			m.onHover(i)
		}
		m.redraw()
	}
}

func (m *mapCanvas) MouseOut() {
	if m.hover != -1 {
		m.hover = -1
		if m.onHover != nil {
			m.onHover(-1)
		}
		m.redraw()
	}
}
