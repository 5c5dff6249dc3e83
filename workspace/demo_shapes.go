package workspace

import (
	"hash/fnv"
	"math"

	"github.com/paulmach/orb"
)

// The demo's boundaries are synthetic: a lattice of cells laid out where
// Mukuru lies, east of Nairobi's centre, turned along the Ngong River and
// jittered so that it reads as a settlement rather than a grid. No shape
// is a surveyed boundary.
const (
	demoCentreLon = 36.880
	demoCentreLat = -1.310
	demoCellEast  = 20.0 // metres across a cell
	demoCellNorth = 13.0 // metres from its south side to its north side
	demoTurn      = 0.3  // radians, anticlockwise
	demoJitter    = 0.28 // of a cell, each way, for every corner
	metresPerDeg  = 111_320.0
)

// demoShapesNote says what the demo's boundaries are, for its change log
// and description.
const demoShapesNote = "synthetic, not surveyed"

// shapes gives every demo unit a boundary. Each area is a block of cells,
// the areas stacked north to south: its segments side by side, each
// segment a grid of clusters, each cluster a grid of cells. A unit's
// outline is the edge of its block, so neighbours share their corners
// exactly.
func (d *demo) shapes(scale DemoScale) {
	clusterCols, clusterRows, cellCols, cellRows := 4, 20, 5, 2
	if scale == DemoSmall {
		clusterCols, clusterRows = 1, 6
	}
	segWidth, segHeight := clusterCols*cellCols, clusterRows*cellRows
	const gap = 3 // cells of road and river between areas
	width, height := 0, len(d.areas)*(segHeight+gap)-gap
	for _, a := range d.areas {
		width = max(width, len(a.segments)*segWidth)
	}
	for ai, a := range d.areas {
		y0 := height - (ai+1)*segHeight - ai*gap // the first area northmost
		// The corner (i, j) of this area's lattice, i east and j north.
		corner := func(i, j int) orb.Point {
			jx, jy := demoNoise(ai, i, j, 0), demoNoise(ai, i, j, 1)
			x := (float64(i) + jx*demoJitter - float64(width)/2) * demoCellEast
			y := (float64(y0+j) + jy*demoJitter - float64(height)/2) * demoCellNorth
			// A gentle bend, so that the blocks are not straight.
			y += math.Sin(float64(i)/17) * demoCellNorth * 2
			x, y = x*math.Cos(demoTurn)-y*math.Sin(demoTurn), x*math.Sin(demoTurn)+y*math.Cos(demoTurn)
			lat := demoCentreLat + y/metresPerDeg
			lon := demoCentreLon + x/(metresPerDeg*math.Cos(demoCentreLat*math.Pi/180))
			return orb.Point{math.Round(lon*1e6) / 1e6, math.Round(lat*1e6) / 1e6}
		}
		block := func(i0, j0, w, h int) orb.MultiPolygon {
			var ring orb.Ring
			for i := i0; i < i0+w; i++ {
				ring = append(ring, corner(i, j0))
			}
			for j := j0; j < j0+h; j++ {
				ring = append(ring, corner(i0+w, j))
			}
			for i := i0 + w; i > i0; i-- {
				ring = append(ring, corner(i, j0+h))
			}
			for j := j0 + h; j > j0; j-- {
				ring = append(ring, corner(i0, j))
			}
			return orb.MultiPolygon{{append(ring, ring[0])}}
		}
		d.shape(a.id, block(0, 0, len(a.segments)*segWidth, segHeight))
		for si, s := range a.segments {
			si0 := si * segWidth // the first segment westmost
			d.shape(s.id, block(si0, 0, segWidth, segHeight))
			for ci, c := range s.clusters {
				ci0, cj0 := si0+(ci%clusterCols)*cellCols, segHeight-(ci/clusterCols+1)*cellRows
				d.shape(c.id, block(ci0, cj0, cellCols, cellRows))
				for ei, e := range c.cells {
					d.shape(e, block(ci0+ei%cellCols, cj0+cellRows-1-ei/cellCols, 1, 1))
				}
			}
		}
	}
}

func (d *demo) shape(unitID string, shape orb.MultiPolygon) {
	if d.err != nil {
		return
	}
	text, err := ShapeText(shape)
	if err != nil {
		d.err = err
		return
	}
	d.add(&UnitShape{UnitID: unitID, Shape: text})
}

// demoNoise is a number from -1 to 1 fixed by its arguments, so that a
// corner shared by neighbours moves the same way for both, and the demo's
// random draws stay as they were.
func demoNoise(a, i, j, k int) float64 {
	h := fnv.New64a()
	var b [32]byte
	for n, v := range []int{a, i, j, k} {
		for s := 0; s < 8; s++ {
			b[n*8+s] = byte(uint64(v) >> (8 * s))
		}
	}
	h.Write(b[:])
	return float64(h.Sum64()%20001)/10000 - 1
}
