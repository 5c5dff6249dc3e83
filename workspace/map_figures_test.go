package workspace

import (
	"math"
	"testing"

	"github.com/paulmach/orb/planar"
)

// The map's figures add up as the coverage does, count each finding about
// a unit into the units above it, and give a cell its cluster's rate of
// mobilizers.
func TestMapFigures(t *testing.T) {
	f := demoFile(t, DemoSmall)
	day := demoDay.Format(DateLayout)
	findings, err := f.RunChecks(demoDay)
	if err != nil {
		t.Fatal(err)
	}
	figs, err := f.MapFigures(day, findings)
	if err != nil {
		t.Fatal(err)
	}
	cov, err := f.RepresentationCoverage(day)
	if err != nil {
		t.Fatal(err)
	}
	var cells, represented, households, aboutUnits int
	for _, u := range figs {
		if u.Unit.Level == "area" {
			cells, represented, households = cells+u.Cells, represented+u.CellsRepresented, households+u.Households
		}
	}
	for _, fd := range findings {
		if fd.Subject.Kind == SubjectUnit && figs[fd.Subject.ID].Unit.Level == "segment" {
			aboutUnits++
		}
	}
	if cells != cov.Cells || represented != cov.CellsRepresented || households != cov.Households {
		t.Errorf("the areas hold %d cells, %d represented, %d households; the coverage says %+v", cells, represented, households, cov)
	}
	if aboutUnits == 0 {
		t.Fatal("the demo has no finding about a segment")
	}
	var segFindings, areaFindings int
	for _, u := range figs {
		switch u.Unit.Level {
		case "segment":
			segFindings += u.OpenFindings
		case "area":
			areaFindings += u.OpenFindings
		case "cell":
			p := figs[u.Unit.ParentID]
			if u.MobilizersPer100 != p.MobilizersPer100 || u.HasMobilizerRate != p.HasMobilizerRate {
				t.Fatalf("cell %s: %v per 100 households, its cluster %v", u.Path, u.MobilizersPer100, p.MobilizersPer100)
			}
			if v, ok := u.Value(MeasureRepresented); !ok || (v != 0 && v != 1) {
				t.Fatalf("a cell is represented or not, not %v", v)
			}
		case "cluster":
			if u.HasMobilizerRate && math.Abs(u.MobilizersPer100-float64(u.Mobilizers)*100/float64(u.Households)) > 1e-9 {
				t.Fatalf("cluster %s: %v per 100 of %d households with %d mobilizers", u.Path, u.MobilizersPer100, u.Households, u.Mobilizers)
			}
		}
	}
	if segFindings != aboutUnits || areaFindings != aboutUnits {
		t.Errorf("%d findings about segments; the segments count %d, the areas %d", aboutUnits, segFindings, areaFindings)
	}
}

// Every unit of the demo has a boundary; a unit's units lie inside it and
// fill it, without overlapping.
func TestDemoShapesNest(t *testing.T) {
	f := demoFile(t, DemoSmall)
	units, err := f.Units(UnitFilter{})
	if err != nil {
		t.Fatal(err)
	}
	shapes, err := f.UnitShapes()
	if err != nil {
		t.Fatal(err)
	}
	if len(shapes) != len(units) {
		t.Fatalf("%d boundaries for %d units", len(shapes), len(units))
	}
	area := map[string]float64{}
	inside := map[string]float64{}
	for _, u := range units {
		m, err := ParseShape(shapes[u.ID].Shape)
		if err != nil {
			t.Fatal(err)
		}
		area[u.ID] = planar.Area(m)
		inside[u.ParentID] += planar.Area(m)
		if u.ParentID == "" {
			continue
		}
		parent, _ := ParseShape(shapes[u.ParentID].Shape)
		c, _ := planar.CentroidArea(m)
		if !planar.MultiPolygonContains(parent, c) {
			t.Fatalf("%s lies outside the unit it belongs to", u.Name)
		}
		if lon, lat := c[0], c[1]; math.Abs(lon-36.88) > 0.03 || math.Abs(lat+1.31) > 0.03 {
			t.Fatalf("%s lies at %v, %v, far from Mukuru", u.Name, lon, lat)
		}
	}
	for id, a := range area {
		if in, ok := inside[id]; ok && math.Abs(in-a) > a*1e-6 {
			t.Fatalf("the units under a unit cover %.10f of its %.10f", in, a)
		}
	}
}
