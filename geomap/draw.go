package geomap

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	"golang.org/x/image/vector"
)

// Style is how Draw colours a layer.
type Style struct {
	Fill      []color.RGBA // per unit, as in Layer.Units; a zero colour leaves the unit out
	Line      color.RGBA   // the outline of every unit
	LineWidth float64      // pixels
	// Highlight is the index of a unit drawn with a heavier outline in
	// HighlightLine (the one under the pointer), or -1.
	Highlight     int
	HighlightLine color.RGBA
}

// Draw paints the layer's units into img as the view shows them, each
// filled and outlined. Only units inside the image are rasterized, each
// within its own box, so that ten thousand small cells cost no more than
// their pixels. Outlines are left out of units fewer than four pixels
// across, where they would hide the colours.
func (l *Layer) Draw(img *image.RGBA, v View, st Style) {
	w, h := float64(img.Bounds().Dx()), float64(img.Bounds().Dy())
	var z vector.Rasterizer
	for i := range l.Units {
		if i >= len(st.Fill) || st.Fill[i] == (color.RGBA{}) {
			continue
		}
		u := &l.Units[i]
		box, ok := pixelBox(u, v, w, h, st.LineWidth)
		if !ok {
			continue
		}
		fillUnit(&z, img, u, v, w, h, box, st.Fill[i])
		across := math.Max(u.Bound.Max[0]-u.Bound.Min[0], u.Bound.Max[1]-u.Bound.Min[1]) / v.MetresPerPixel
		if across >= 4 {
			outlineUnit(&z, img, u, v, w, h, box, st.Line, st.LineWidth)
		}
	}
	if st.Highlight >= 0 && st.Highlight < len(l.Units) {
		u := &l.Units[st.Highlight]
		width := math.Max(2*st.LineWidth, 2)
		if box, ok := pixelBox(u, v, w, h, width); ok {
			outlineUnit(&z, img, u, v, w, h, box, st.HighlightLine, width)
		}
	}
}

// pixelBox is the part of the image a unit covers, with room for its
// outline; false when it is outside the image.
func pixelBox(u *Unit, v View, w, h float64, line float64) (image.Rectangle, bool) {
	x0, y1 := v.Pixel(u.Bound.Min, w, h)
	x1, y0 := v.Pixel(u.Bound.Max, w, h)
	pad := line + 1
	r := image.Rect(int(math.Floor(x0-pad)), int(math.Floor(y0-pad)), int(math.Ceil(x1+pad)), int(math.Ceil(y1+pad)))
	r = r.Intersect(image.Rect(0, 0, int(w), int(h)))
	return r, !r.Empty()
}

func fillUnit(z *vector.Rasterizer, img *image.RGBA, u *Unit, v View, w, h float64, box image.Rectangle, c color.RGBA) {
	z.Reset(box.Dx(), box.Dy())
	for _, poly := range u.Shape {
		for _, ring := range poly {
			for k, p := range ring {
				x, y := v.Pixel(p, w, h)
				fx, fy := float32(x-float64(box.Min.X)), float32(y-float64(box.Min.Y))
				if k == 0 {
					z.MoveTo(fx, fy)
				} else {
					z.LineTo(fx, fy)
				}
			}
			z.ClosePath()
		}
	}
	z.Draw(img, box.Add(img.Bounds().Min), image.NewUniform(c), image.Point{})
}

// outlineUnit draws each edge of the unit as a thin quadrilateral: the
// rasterizer fills areas, it does not stroke lines.
func outlineUnit(z *vector.Rasterizer, img *image.RGBA, u *Unit, v View, w, h float64, box image.Rectangle, c color.RGBA, width float64) {
	if width <= 0 || c.A == 0 {
		return
	}
	z.Reset(box.Dx(), box.Dy())
	half := width / 2
	ox, oy := float64(box.Min.X), float64(box.Min.Y)
	for _, poly := range u.Shape {
		for _, ring := range poly {
			for k := 1; k < len(ring); k++ {
				ax, ay := v.Pixel(ring[k-1], w, h)
				bx, by := v.Pixel(ring[k], w, h)
				dx, dy := bx-ax, by-ay
				n := math.Hypot(dx, dy)
				if n == 0 {
					continue
				}
				// Along the edge and across it, half the width each way;
				// lengthened by half a width so that corners meet.
				ex, ey := dx/n*half, dy/n*half
				nx, ny := -ey, ex
				ax, ay, bx, by = ax-ex-ox, ay-ey-oy, bx+ex-ox, by+ey-oy
				z.MoveTo(float32(ax+nx), float32(ay+ny))
				z.LineTo(float32(bx+nx), float32(by+ny))
				z.LineTo(float32(bx-nx), float32(by-ny))
				z.LineTo(float32(ax-nx), float32(ay-ny))
				z.ClosePath()
			}
		}
	}
	z.Draw(img, box.Add(img.Bounds().Min), image.NewUniform(c), image.Point{})
}

// Clear fills img with one colour.
func Clear(img *image.RGBA, c color.RGBA) {
	draw.Draw(img, img.Bounds(), image.NewUniform(c), image.Point{}, draw.Src)
}
