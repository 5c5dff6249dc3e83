package reports

import (
	"image/color"

	"codeberg.org/go-pdf/fpdf"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"cpw/geomap"
	"cpw/workspace"
)

// briefMap is a map a brief draws: units with their colours and names,
// and what the colours mean.
type briefMap struct {
	layer  *geomap.Layer
	fill   []color.RGBA
	names  []string // per unit, written at its middle when it fits
	title  string   // of the legend: what the colours show
	legend []legendRow
}

type legendRow struct {
	colour color.RGBA
	text   string
}

// segmentLayer reads the segments' boundaries, with their figures by id:
// the briefs map segments, which a reader can name.
func segmentLayer(x *facts) (*geomap.Layer, map[string]*workspace.UnitFigures, int, error) {
	figs, err := x.f.MapFigures(x.day, x.findings)
	if err != nil {
		return nil, nil, 0, err
	}
	shapes, err := x.f.Boundaries("segment")
	if err != nil {
		return nil, nil, 0, err
	}
	segments := 0
	for _, u := range figs {
		if u.Unit.Level == "segment" {
			segments++
		}
	}
	for id := range shapes {
		if u := figs[id]; u == nil || u.Unit.Level != "segment" {
			delete(shapes, id) // its unit was deleted, or moved, between the two reads
		}
	}
	layer := geomap.LayerOf(shapes, func(id string) string { return figs[id].Path })
	return layer, figs, segments - len(layer.Units), nil
}

// coverageMap is the initiative brief's map: the segments coloured by the
// share of their cells with a household representative.
func (b *brief) coverageMap() {
	d := b.d
	d.heading(b.say("Where the community is represented"))
	layer, figs, without, err := segmentLayer(b.x)
	if err != nil {
		d.para(b.say("The map could not be drawn: %v.", err))
		return
	}
	if len(layer.Units) == 0 {
		d.para(b.say("No segment has a boundary yet. Attach the boundaries of the community units (Community › Attach boundaries…, or cpw boundaries) and this map shows which segments lack representatives."))
		return
	}
	scale := geomap.ShareScale(geomap.MoreIsBetter)
	m := briefMap{layer: layer, title: b.say("Cells with a household representative")}
	for _, u := range layer.Units {
		m.fill = append(m.fill, scale.Colour(figs[u.ID].Value(workspace.MeasureRepresented)))
		m.names = append(m.names, figs[u.ID].Unit.Name)
	}
	for i, t := range scale.Labels(b.say) {
		m.legend = append(m.legend, legendRow{scale.Classes[i].Colour, t})
	}
	m.legend = append(m.legend, legendRow{geomap.NoFigure, b.say("No cells recorded")})
	d.drawMap(m)
	switch {
	case without == 1:
		d.para(b.say("1 segment has no boundary and is not drawn."))
	case without > 1:
		d.para(b.say("%d segments have no boundary and are not drawn.", without))
	}
}

// workMap is a consortium brief's map: the segments where its current
// members carry out planned or ongoing activities in its sectors.
func (b *brief) workMap(c workspace.Consortium) {
	d, x := b.d, b.x
	d.heading(b.say("Where its members work"))
	layer, figs, _, err := segmentLayer(x)
	if err == nil && len(layer.Units) == 0 {
		d.para(b.say("No segment has a boundary yet. Attach the boundaries of the community units (Community › Attach boundaries…, or cpw boundaries) and this map shows where the members work."))
		return
	}
	var acts []workspace.Activity
	if err == nil {
		acts, err = x.f.Activities(workspace.ActivityFilter{})
	}
	if err != nil {
		d.para(b.say("The map could not be drawn: %v.", err))
		return
	}
	members := map[string]bool{}
	for _, m := range x.currentMembers(c.ID) {
		members[m.OrganisationID] = true
	}
	sectors := map[string]bool{}
	for _, s := range c.SectorIDs {
		sectors[s] = true
	}
	// Each activity counts in its unit's segment, or in every segment of
	// its area.
	at := map[string]map[string]bool{} // segment → organisations
	mark := func(segment, org string) {
		if at[segment] == nil {
			at[segment] = map[string]bool{}
		}
		at[segment][org] = true
	}
	for _, a := range acts {
		if !members[a.OrganisationID] || a.UnitID == "" || a.Status == "completed" || (len(sectors) > 0 && a.SectorID != "" && !sectors[a.SectorID]) {
			continue
		}
		u := figs[a.UnitID]
		for depth := 0; u != nil && u.Unit.Level != "segment" && u.Unit.Level != "area" && depth < 8; depth++ {
			u = figs[u.Unit.ParentID]
		}
		switch {
		case u == nil:
		case u.Unit.Level == "segment":
			mark(u.Unit.ID, a.OrganisationID)
		default:
			for id, s := range figs {
				if s.Unit.Level == "segment" && s.Unit.ParentID == u.Unit.ID {
					mark(id, a.OrganisationID)
				}
			}
		}
	}
	var values []float64
	for _, u := range layer.Units {
		values = append(values, float64(len(at[u.ID])))
	}
	scale := geomap.CountScale(values, true, geomap.Counts)
	m := briefMap{layer: layer, title: b.say("Member organisations at work there")}
	for i, u := range layer.Units {
		m.fill = append(m.fill, scale.Colour(values[i], true))
		m.names = append(m.names, figs[u.ID].Unit.Name)
	}
	for i, t := range scale.Labels(b.say) {
		m.legend = append(m.legend, legendRow{scale.Classes[i].Colour, t})
	}
	d.drawMap(m)
	if len(at) == 0 {
		d.para(b.say("No planned or ongoing activity of a member names a community unit yet."))
	}
}

// drawMap draws a map as vectors across the page: the units filled and
// outlined, their names where they fit, a frame with a north arrow and a
// scale bar, and the legend beside it.
func (d *doc) drawMap(m briefMap) {
	const height, legendW, gap = 105.0, 46.0, 4.0
	d.keep(height + 2)
	d.ensure(height + 2)
	pdf := d.pdf
	x0, y0 := margin, pdf.GetY()+1
	w, h := d.contentWidth()-legendW-gap, height
	v := m.layer.Fit(w, h, 4)
	at := func(p orb.Point) (float64, float64) {
		x, y := v.Pixel(p, w, h)
		return x0 + x, y0 + y
	}
	pdf.SetLineWidth(0.2)
	pdf.SetDrawColor(255, 255, 255)
	for i, u := range m.layer.Units {
		c := m.fill[i]
		pdf.SetFillColor(int(c.R), int(c.G), int(c.B))
		for _, poly := range u.Shape {
			for _, ring := range poly {
				for k, p := range ring {
					x, y := at(p)
					if k == 0 {
						pdf.MoveTo(x, y)
					} else {
						pdf.LineTo(x, y)
					}
				}
				pdf.ClosePath()
			}
		}
		pdf.DrawPath("B*")
	}
	// Names where they fit inside their unit's box, dark on a pale patch
	// so that they read on every colour; each written once, so that the
	// PDF's text holds it once.
	pdf.SetFont("body", "", 6.5)
	for i, u := range m.layer.Units {
		name := d.clean(m.names[i])
		tw := pdf.GetStringWidth(name)
		if tw > (u.Bound.Max[0]-u.Bound.Min[0])/v.MetresPerPixel*0.9 {
			continue
		}
		c, _ := planar.CentroidArea(u.Shape)
		x, y := at(c)
		pdf.SetAlpha(0.7, "Normal")
		pdf.SetFillColor(255, 255, 255)
		pdf.Rect(x-tw/2-0.8, y-1.5, tw+1.6, 3.2, "F")
		pdf.SetAlpha(1, "Normal")
		pdf.SetTextColor(30, 30, 30)
		pdf.Text(x-tw/2, y+0.9, name)
	}
	pdf.SetTextColor(0, 0, 0)
	pdf.SetDrawColor(150, 150, 150)
	pdf.SetLineWidth(0.2)
	pdf.Rect(x0, y0, w, h, "D")

	// North is up: an arrow in the upper right corner.
	nx, ny := x0+w-7, y0+4
	pdf.SetFillColor(60, 60, 60)
	pdf.Polygon([]fpdf.PointType{{X: nx, Y: ny}, {X: nx - 2, Y: ny + 6}, {X: nx, Y: ny + 4.8}, {X: nx + 2, Y: ny + 6}}, "F")
	pdf.SetFont("body", "B", 7)
	pdf.Text(nx-pdf.GetStringWidth("N")/2, ny+9.5, "N")

	// The scale bar in the lower left corner.
	metres, length := v.ScaleBar(w / 4)
	if metres > 0 {
		sx, sy := x0+4, y0+h-5
		pdf.SetDrawColor(40, 40, 40)
		pdf.SetLineWidth(0.5)
		pdf.Line(sx, sy, sx+length, sy)
		pdf.SetLineWidth(0.3)
		pdf.Line(sx, sy-1.2, sx, sy+0.6)
		pdf.Line(sx+length, sy-1.2, sx+length, sy+0.6)
		pdf.SetFont("body", "", 7)
		pdf.Text(sx, sy-2, geomap.ScaleText(metres, d.say))
	}

	// The legend beside the map.
	lx := x0 + w + gap
	pdf.SetXY(lx, y0)
	pdf.SetFont("body", "B", tableSize)
	for _, l := range d.lines(m.title, legendW) {
		pdf.SetX(lx)
		pdf.CellFormat(legendW, d.lineHeight(tableSize)+0.8, l, "", 1, "L", false, 0, "")
	}
	pdf.Ln(1)
	pdf.SetFont("body", "", tableSize)
	pdf.SetLineWidth(0.2)
	pdf.SetDrawColor(150, 150, 150)
	for _, r := range m.legend {
		y := pdf.GetY()
		pdf.SetFillColor(int(r.colour.R), int(r.colour.G), int(r.colour.B))
		pdf.Rect(lx, y+0.6, 6, 3.6, "FD")
		lines := d.lines(r.text, legendW-8)
		for _, l := range lines {
			pdf.SetX(lx + 8)
			pdf.CellFormat(legendW-8, d.lineHeight(tableSize)+0.8, l, "", 1, "L", false, 0, "")
		}
		pdf.Ln(0.8)
	}
	pdf.SetXY(margin, y0+h+3)
}
