package geomap

import (
	"math"
	"sort"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

const metresPerDegree = 111_320.0

// Layer is a set of units' outlines, in metres east and north of the
// middle of them all.
type Layer struct {
	Units []Unit
	Bound orb.Bound // of every unit, in metres
	lon0  float64
	lat0  float64
	kx    float64 // metres per degree of longitude at lat0
}

// Unit is one unit's outline in metres.
type Unit struct {
	ID    string
	Shape orb.MultiPolygon // in metres; outer rings counter-clockwise
	Bound orb.Bound
}

// NewLayer projects the shapes (longitude and latitude), ids[i] naming
// shapes[i].
func NewLayer(ids []string, shapes []orb.MultiPolygon) *Layer {
	l := &Layer{}
	var all orb.Bound
	for i, s := range shapes {
		if i == 0 {
			all = s.Bound()
		} else {
			all = all.Union(s.Bound())
		}
	}
	c := all.Center()
	l.lon0, l.lat0 = c[0], c[1]
	l.kx = metresPerDegree * math.Cos(l.lat0*math.Pi/180)
	for i, s := range shapes {
		m := make(orb.MultiPolygon, len(s))
		for pi, poly := range s {
			m[pi] = make(orb.Polygon, len(poly))
			for ri, ring := range poly {
				r := make(orb.Ring, len(ring))
				for k, p := range ring {
					r[k] = l.Project(p)
				}
				// Outer rings anticlockwise, holes clockwise, whoever wrote
				// them: the image fills by winding, the PDF by even-odd,
				// and both must leave holes empty.
				if (ri == 0) != (r.Orientation() == orb.CCW) {
					r.Reverse()
				}
				m[pi][ri] = r
			}
		}
		u := Unit{ID: ids[i], Shape: m, Bound: m.Bound()}
		if i == 0 {
			l.Bound = u.Bound
		} else {
			l.Bound = l.Bound.Union(u.Bound)
		}
		l.Units = append(l.Units, u)
	}
	return l
}

// LayerOf projects shapes given by id, drawn in the order of key(id): a
// unit's path, so that the same map looks the same each time.
func LayerOf(shapes map[string]orb.MultiPolygon, key func(id string) string) *Layer {
	ids := make([]string, 0, len(shapes))
	for id := range shapes {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return key(ids[i]) < key(ids[j]) })
	ms := make([]orb.MultiPolygon, len(ids))
	for i, id := range ids {
		ms[i] = shapes[id]
	}
	return NewLayer(ids, ms)
}

// Project turns longitude and latitude into the layer's metres.
func (l *Layer) Project(p orb.Point) orb.Point {
	return orb.Point{(p[0] - l.lon0) * l.kx, (p[1] - l.lat0) * metresPerDegree}
}

// At returns the index of the unit under the point (metres), or -1. Where
// units overlap, the one drawn last (on top) is found.
func (l *Layer) At(p orb.Point) int {
	for i := len(l.Units) - 1; i >= 0; i-- {
		u := &l.Units[i]
		if u.Bound.Contains(p) && planar.MultiPolygonContains(u.Shape, p) {
			return i
		}
	}
	return -1
}

// View is what part of a layer an image shows: the point at its middle
// (metres) and how many metres one pixel spans.
type View struct {
	X, Y           float64
	MetresPerPixel float64
}

// Fit returns the view that shows the whole layer in an image w×h pixels
// (or millimetres, for a page), leaving margin on each side.
func (l *Layer) Fit(w, h, margin float64) View { return FitBound(l.Bound, w, h, margin) }

// FitBound returns the view that shows a box (metres) in an image w×h
// pixels, leaving margin on each side.
func FitBound(b orb.Bound, w, h, margin float64) View {
	c := b.Center()
	bw, bh := b.Max[0]-b.Min[0], b.Max[1]-b.Min[1]
	fw, fh := math.Max(w-2*margin, 1), math.Max(h-2*margin, 1)
	mpp := math.Max(bw/fw, bh/fh)
	if mpp <= 0 || math.IsNaN(mpp) {
		mpp = 1
	}
	return View{X: c[0], Y: c[1], MetresPerPixel: mpp}
}

// Pixel returns where a point (metres) falls in an image w×h pixels.
func (v View) Pixel(p orb.Point, w, h float64) (x, y float64) {
	return w/2 + (p[0]-v.X)/v.MetresPerPixel, h/2 - (p[1]-v.Y)/v.MetresPerPixel
}

// Point returns the point (metres) under a pixel of an image w×h pixels.
func (v View) Point(x, y, w, h float64) orb.Point {
	return orb.Point{v.X + (x-w/2)*v.MetresPerPixel, v.Y - (y-h/2)*v.MetresPerPixel}
}

// Pan moves the view by dx, dy pixels, as a drag does: the map follows
// the pointer.
func (v View) Pan(dx, dy float64) View {
	v.X -= dx * v.MetresPerPixel
	v.Y += dy * v.MetresPerPixel
	return v
}

// Zoom scales the view by factor (above 1 brings the map closer), keeping
// the point under pixel (x, y) where it is. It stops between 5 cm and
// 500 m a pixel.
func (v View) Zoom(factor, x, y, w, h float64) View {
	at := v.Point(x, y, w, h)
	// The limits never turn a zoom around: a view fitted beyond them
	// (a country's units, a kiosk) stays where it is rather than jump.
	lo, hi := math.Min(0.05, v.MetresPerPixel), math.Max(500, v.MetresPerPixel)
	mpp := math.Min(math.Max(v.MetresPerPixel/factor, lo), hi)
	v.MetresPerPixel = mpp
	// Put at back under (x, y).
	v.X = at[0] - (x-w/2)*mpp
	v.Y = at[1] + (y-h/2)*mpp
	return v
}

// ScaleBar returns a round length (1, 2 or 5 times a power of ten metres)
// whose bar is at most maxPixels long in the view, and that bar's length
// in pixels.
func (v View) ScaleBar(maxPixels float64) (metres, pixels float64) {
	limit := maxPixels * v.MetresPerPixel
	if limit <= 0 || math.IsNaN(limit) || math.IsInf(limit, 0) {
		return 0, 0
	}
	p := math.Pow(10, math.Floor(math.Log10(limit)))
	for _, m := range []float64{5, 2, 1} {
		if m*p <= limit {
			return m * p, m * p / v.MetresPerPixel
		}
	}
	return p, p / v.MetresPerPixel
}

// Only returns the units for which keep is true, in the same projection,
// so that a view of one level fits another.
func (l *Layer) Only(keep func(u *Unit) bool) *Layer {
	out := &Layer{lon0: l.lon0, lat0: l.lat0, kx: l.kx}
	for i := range l.Units {
		u := &l.Units[i]
		if !keep(u) {
			continue
		}
		if len(out.Units) == 0 {
			out.Bound = u.Bound
		} else {
			out.Bound = out.Bound.Union(u.Bound)
		}
		out.Units = append(out.Units, *u)
	}
	return out
}
