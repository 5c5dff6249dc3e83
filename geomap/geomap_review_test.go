package geomap

import (
	"image"
	"image/color"
	"testing"

	"github.com/paulmach/orb"

	"cpw/translate"
)

// A layer wider than 500 m a pixel can show (units across a county or a
// country): Fit gives a view beyond Zoom's limit, and zooming out from it
// brings the map closer instead.
func TestReviewZoomOutFromAWideFitZoomsIn(t *testing.T) {
	l := NewLayer([]string{"west", "east"}, []orb.MultiPolygon{
		{{square(34.0, 0, 0.5, false)}},
		{{square(40.0, 0, 0.5, false)}},
	})
	v := l.Fit(800, 600, 10)
	if v.MetresPerPixel <= 500 {
		t.Skipf("the layer fits at %v m a pixel", v.MetresPerPixel)
	}
	out := v.Zoom(1/1.5, 400, 300, 800, 600)
	if out.MetresPerPixel < v.MetresPerPixel {
		t.Errorf("zooming out from %.0f m a pixel gave %.0f m a pixel: the map came %.1f times closer",
			v.MetresPerPixel, out.MetresPerPixel, v.MetresPerPixel/out.MetresPerPixel)
	}
}

// A layer smaller than 5 cm a pixel (a single small unit): zooming in from
// the fitted view moves the map away.
func TestReviewZoomInOnATinyLayerZoomsOut(t *testing.T) {
	l := NewLayer([]string{"kiosk"}, []orb.MultiPolygon{{{square(36.88, -1.31, 0.00001, false)}}}) // about a metre
	v := l.Fit(800, 600, 10)
	in := v.Zoom(1.5, 400, 300, 800, 600)
	if in.MetresPerPixel > v.MetresPerPixel {
		t.Errorf("zooming in from %.4f m a pixel gave %.4f m a pixel: the map moved %.0f times away",
			v.MetresPerPixel, in.MetresPerPixel, in.MetresPerPixel/v.MetresPerPixel)
	}
}

// Draw says outlines are left out of units fewer than four pixels across,
// "where they would hide the colours". The box it measures includes the
// outline's padding, so a unit two pixels across still gets its outline.
func TestReviewTinyUnitsHaveNoOutline(t *testing.T) {
	l := NewLayer([]string{"cell"}, []orb.MultiPolygon{{{square(36.88, -1.31, 0.001, false)}}}) // 111 m
	w, h := 200.0, 200.0
	v := View{X: 0, Y: 0, MetresPerPixel: 111.32 / 2} // the unit is two pixels across
	draw := func(line color.RGBA) *image.RGBA {
		img := image.NewRGBA(image.Rect(0, 0, int(w), int(h)))
		Clear(img, color.RGBA{255, 255, 255, 255})
		l.Draw(img, v, Style{Fill: []color.RGBA{{0, 0, 200, 255}}, Line: line, LineWidth: 1, Highlight: -1})
		return img
	}
	a, b := draw(color.RGBA{0, 0, 0, 255}), draw(color.RGBA{255, 0, 0, 255})
	changed := 0
	for i := range a.Pix {
		if a.Pix[i] != b.Pix[i] {
			changed++
		}
	}
	if changed > 0 {
		x0, y0 := v.Pixel(l.Units[0].Bound.Min, w, h)
		x1, y1 := v.Pixel(l.Units[0].Bound.Max, w, h)
		t.Errorf("a unit %.1f×%.1f pixels is outlined: the outline's colour changes %d bytes of the image (its middle is %v)",
			x1-x0, y0-y1, changed, a.At(int(w/2), int(h/2)))
	}
}

// A rate scale of low rates (1 mobilizer per 5,000 households is 0.02 per
// 100): the steps are finer than the two decimals Decimal writes, so the
// legend's classes read alike ("0.01 to 0.01").
func TestReviewLowRateLabelsAreDistinct(t *testing.T) {
	s := CountScale([]float64{0.008, 0.02}, false, MoreIsBetter)
	labels := s.Labels(translate.English)
	seen := map[string]bool{}
	for _, l := range labels {
		if seen[l] {
			t.Errorf("two classes of the legend read %q: %q (classes %+v)", l, labels, s.Classes)
			break
		}
		seen[l] = true
	}
	for i, c := range s.Classes {
		if Decimal(c.From) == Decimal(c.To) {
			t.Errorf("class %d, %v to %v, reads %q", i, c.From, c.To, labels[i])
		}
	}
}
