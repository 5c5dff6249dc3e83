package geomap

import (
	"image"
	"image/color"
	"math"
	"testing"

	"github.com/paulmach/orb"

	"cpw/translate"
)

// square is a square ring around (lon, lat), size degrees across,
// counter-clockwise, or clockwise for a hole.
func square(lon, lat, size float64, hole bool) orb.Ring {
	h := size / 2
	r := orb.Ring{{lon - h, lat - h}, {lon + h, lat - h}, {lon + h, lat + h}, {lon - h, lat + h}, {lon - h, lat - h}}
	if hole {
		for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
			r[i], r[j] = r[j], r[i]
		}
	}
	return r
}

// A layer of two units near Mukuru: one with a hole, one beside it.
func twoUnits() *Layer {
	return NewLayer([]string{"ring", "beside"}, []orb.MultiPolygon{
		{{square(36.88, -1.31, 0.01, false), square(36.88, -1.31, 0.004, true)}},
		{{square(36.895, -1.31, 0.01, false)}},
	})
}

func TestProjectionIsInMetres(t *testing.T) {
	l := twoUnits()
	// 0.01° of latitude is 1,113 m; of longitude at 1.31° south, cos(1.31°) of that.
	u := l.Units[0].Bound
	if h := u.Max[1] - u.Min[1]; math.Abs(h-1113.2) > 0.5 {
		t.Errorf("0.01° of latitude is %.1f m", h)
	}
	if w := u.Max[0] - u.Min[0]; math.Abs(w-1113.2*math.Cos(1.31*math.Pi/180)) > 0.5 {
		t.Errorf("0.01° of longitude is %.1f m", w)
	}
	// The middle of the layer is the origin.
	if c := l.Project(orb.Point{36.8875, -1.31}); math.Abs(c[0]) > 1e-6 || math.Abs(c[1]) > 1e-6 {
		t.Errorf("the middle of the layer is projected to %v", c)
	}
}

func TestFitPanAndZoom(t *testing.T) {
	l := twoUnits()
	v := l.Fit(400, 300, 10)
	for _, c := range []orb.Point{l.Bound.Min, l.Bound.Max} {
		x, y := v.Pixel(c, 400, 300)
		if x < 9.9 || x > 390.1 || y < 9.9 || y > 290.1 {
			t.Errorf("a corner of the layer is drawn at %.1f, %.1f, outside the margin", x, y)
		}
	}
	at := v.Point(123, 45, 400, 300)
	z := v.Zoom(2, 123, 45, 400, 300)
	if z.MetresPerPixel != v.MetresPerPixel/2 {
		t.Errorf("zoomed twice closer: %v", z.MetresPerPixel)
	}
	if got := z.Point(123, 45, 400, 300); math.Abs(got[0]-at[0]) > 1e-9 || math.Abs(got[1]-at[1]) > 1e-9 {
		t.Errorf("the point under the pointer moved from %v to %v", at, got)
	}
	if far := v.Zoom(1e-9, 0, 0, 400, 300); far.MetresPerPixel != 500 {
		t.Errorf("zooming out stops at 500 m a pixel, not %v", far.MetresPerPixel)
	}
	p := v.Pan(10, -20)
	x, y := p.Pixel(at, 400, 300)
	x0, y0 := v.Pixel(at, 400, 300)
	if math.Abs(x-x0-10) > 1e-9 || math.Abs(y-y0+20) > 1e-9 {
		t.Errorf("a drag of (10, -20) moved the map by (%.2f, %.2f)", x-x0, y-y0)
	}
}

func TestAtFindsTheUnitAndNotItsHole(t *testing.T) {
	l := twoUnits()
	for _, c := range []struct {
		lon, lat float64
		want     int
	}{{36.8765, -1.31, 0}, {36.88, -1.31, -1}, {36.895, -1.31, 1}, {36.88, -1.33, -1}} {
		if got := l.At(l.Project(orb.Point{c.lon, c.lat})); got != c.want {
			t.Errorf("at %v, %v: unit %d, want %d", c.lon, c.lat, got, c.want)
		}
	}
}

func TestDrawFillsUnitsNotHoles(t *testing.T) {
	l := twoUnits()
	back, red, blue, line := color.RGBA{255, 255, 255, 255}, color.RGBA{200, 0, 0, 255}, color.RGBA{0, 0, 200, 255}, color.RGBA{0, 0, 0, 255}
	img := image.NewRGBA(image.Rect(0, 0, 400, 200))
	v := l.Fit(400, 200, 5)
	Clear(img, back)
	l.Draw(img, v, Style{Fill: []color.RGBA{red, blue}, Line: line, LineWidth: 1, Highlight: -1})
	at := func(lon, lat float64) color.Color {
		x, y := v.Pixel(l.Project(orb.Point{lon, lat}), 400, 200)
		return img.At(int(x), int(y))
	}
	for _, c := range []struct {
		lon, lat float64
		want     color.RGBA
		what     string
	}{{36.8765, -1.31, red, "the ring"}, {36.88, -1.31, back, "the hole"}, {36.895, -1.31, blue, "the unit beside"}, {36.88, -1.3045, back, "outside"}} {
		if got := at(c.lon, c.lat); got != c.want {
			t.Errorf("%s is %v, want %v", c.what, got, c.want)
		}
	}
	// An outline, drawn smoothly, on the edge between them.
	if got := at(36.89, -1.31).(color.RGBA); got == red || got == blue || got.R > 160 {
		t.Errorf("the shared edge is %v", got)
	}
	// Zoomed in far, with most of each unit outside the image: what shows
	// is filled, and nothing panics.
	close := v.Zoom(40, 100, 100, 400, 200)
	Clear(img, back)
	l.Draw(img, close, Style{Fill: []color.RGBA{red, blue}, Line: line, LineWidth: 1, Highlight: 1, HighlightLine: line})
	x, y := close.Pixel(l.Project(orb.Point{36.8765, -1.31}), 400, 200)
	if x >= 0 && x < 400 && y >= 0 && y < 200 {
		if got := img.At(int(x), int(y)); got != red {
			t.Errorf("zoomed in, the ring is %v", got)
		}
	}
	// A unit without a colour is left out.
	Clear(img, back)
	l.Draw(img, v, Style{Fill: []color.RGBA{{}, blue}, Highlight: -1})
	if got := at(36.8765, -1.31); got != back {
		t.Errorf("a unit without a colour is drawn: %v", got)
	}
}

func TestScaleBar(t *testing.T) {
	for _, c := range []struct{ mpp, max, metres float64 }{{2.5, 250, 500}, {1, 90, 50}, {0.1, 30, 2}, {40, 100, 2000}} {
		m, px := View{MetresPerPixel: c.mpp}.ScaleBar(c.max)
		if m != c.metres || math.Abs(px-m/c.mpp) > 1e-9 || px > c.max {
			t.Errorf("at %v m a pixel, at most %v pixels: %v m, %v pixels; want %v m", c.mpp, c.max, m, px, c.metres)
		}
	}
	if got := ScaleText(2000, translate.English); got != "2 km" {
		t.Errorf("2000 m is written %q", got)
	}
	if got := ScaleText(250, translate.English); got != "250 m" {
		t.Errorf("250 m is written %q", got)
	}
}

func TestScales(t *testing.T) {
	s := ShareScale(MoreIsBetter)
	for _, c := range []struct {
		v    float64
		ok   bool
		want color.RGBA
	}{{0, true, MoreIsBetter[0]}, {0.49, true, MoreIsBetter[0]}, {0.5, true, MoreIsBetter[1]}, {0.8, true, MoreIsBetter[2]},
		{0.95, true, MoreIsBetter[3]}, {1, true, MoreIsBetter[4]}, {1, false, NoFigure}, {math.NaN(), true, NoFigure}} {
		if got := s.Colour(c.v, c.ok); got != c.want {
			t.Errorf("share %v (%v): %v, want %v", c.v, c.ok, got, c.want)
		}
	}
	labels := s.Labels(translate.English)
	if labels[0] != "Under 50% of cells" || labels[3] != "90% and more, not all" || labels[4] != "Every cell" {
		t.Errorf("share labels: %q", labels)
	}
	// Households: five round steps to a round top.
	h := CountScale([]float64{12, 87, 430}, true, Counts)
	if len(h.Classes) != 5 || h.Classes[4].To != 500 {
		t.Errorf("households up to 430: %+v", h.Classes)
	}
	if got := h.Labels(translate.English); got[0] != "0 to 99" || got[4] != "400 to 500" {
		t.Errorf("household labels: %q", got)
	}
	// A count that tops out at 2: a class for each of 0, 1 and 2.
	f := CountScale([]float64{0, 2, 1}, true, Problems)
	if got := f.Labels(translate.English); len(got) != 3 || got[0] != "0" || got[2] != "2" {
		t.Errorf("findings up to 2: %q", got)
	}
	if f.Colour(0, true) != Problems[0] || f.Colour(2, true) != Problems[4] {
		t.Error("a short count does not run from the palette's first colour to its last")
	}
	// A rate keeps its decimals.
	r := CountScale([]float64{0.3, 1.2}, false, MoreIsBetter)
	if got := r.Labels(translate.English); got[0] != "0 to 0.25" {
		t.Errorf("rate labels: %q", got)
	}
}

// Rings wound the other way (a copy from another program) are turned
// round: the hole stays empty.
func TestRingsWoundEitherWay(t *testing.T) {
	outer, hole := square(36.88, -1.31, 0.01, true), square(36.88, -1.31, 0.004, false)
	l := NewLayer([]string{"ring"}, []orb.MultiPolygon{{{outer, hole}}})
	img := image.NewRGBA(image.Rect(0, 0, 100, 100))
	v := l.Fit(100, 100, 5)
	Clear(img, color.RGBA{255, 255, 255, 255})
	l.Draw(img, v, Style{Fill: []color.RGBA{{200, 0, 0, 255}}, Highlight: -1})
	if got := img.At(50, 50); got != (color.RGBA{255, 255, 255, 255}) {
		t.Errorf("the hole is %v", got)
	}
	if l.At(l.Project(orb.Point{36.88, -1.31})) != -1 || l.At(l.Project(orb.Point{36.8765, -1.31})) != 0 {
		t.Error("the unit is not found around its hole")
	}
}
