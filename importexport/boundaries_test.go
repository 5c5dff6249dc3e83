package importexport

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"cpw/workspace"
)

func writeGeoJSON(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "shapes.geojson")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// A FeatureCollection as QGIS writes it: a Polygon written clockwise, and
// a MultiPolygon of two parts, one with a hole; properties of any type.
func TestReadBoundaries(t *testing.T) {
	path := writeGeoJSON(t, `{"type": "FeatureCollection", "name": "cells",
	"crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}},
	"features": [
	{"type": "Feature", "properties": {"name": "Cell 1", "code": 12, "segment": "Vietnam", "note": null},
	 "geometry": {"type": "Polygon", "coordinates": [[[36.88, -1.31], [36.88, -1.30], [36.89, -1.30], [36.89, -1.31], [36.88, -1.31]]]}},
	{"type": "Feature", "properties": {"name": "Cell 2"},
	 "geometry": {"type": "MultiPolygon", "coordinates": [
		[[[36.90, -1.31], [36.92, -1.31], [36.92, -1.29], [36.90, -1.29], [36.90, -1.31]],
		 [[36.905, -1.305], [36.905, -1.295], [36.915, -1.295], [36.915, -1.305], [36.905, -1.305]]],
		[[[36.93, -1.31], [36.94, -1.31], [36.94, -1.30], [36.93, -1.31]]]]}}]}`)
	got, err := ReadBoundaries(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("%d boundaries", len(got))
	}
	if p := got[0].Properties; p["name"] != "Cell 1" || p["code"] != "12" || p["segment"] != "Vietnam" {
		t.Errorf("properties as text: %v", p)
	}
	if _, ok := got[0].Properties["note"]; ok {
		t.Error("a null property was read as text")
	}
	if len(got[1].Shape) != 2 || len(got[1].Shape[0]) != 2 {
		t.Fatalf("the MultiPolygon and its hole: %v", got[1].Shape)
	}
	for _, b := range got {
		for _, poly := range b.Shape {
			for i, ring := range poly {
				if want := orb.CCW; (i == 0) != (ring.Orientation() == want) {
					t.Errorf("feature %d ring %d is not in GeoJSON's order", b.Feature, i)
				}
			}
		}
	}
	// A bare geometry is one boundary too.
	if got, err := ReadBoundaries(writeGeoJSON(t, `{"type": "Polygon", "coordinates": [[[36.88, -1.31], [36.89, -1.31], [36.89, -1.30], [36.88, -1.31]]]}`), nil); err != nil || len(got) != 1 {
		t.Errorf("a bare Polygon: %v %v", got, err)
	}
}

// Each file this program cannot draw truthfully is refused with a
// sentence saying why and what to do.
func TestReadBoundariesRefusals(t *testing.T) {
	square := `[[36.88, -1.31], [36.89, -1.31], [36.89, -1.30], [36.88, -1.30], [36.88, -1.31]]`
	feature := func(geometry string) string {
		return `{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "Cell 1"}, "geometry": ` + geometry + `}]}`
	}
	for _, c := range []struct{ name, text, want string }{
		{"not JSON", "name,lon,lat\nCell 1,36.88,-1.31\n", "is not a GeoJSON file"},
		{"JSON, not GeoJSON", `{"cells": [1, 2, 3]}`, "is not a GeoJSON file"},
		{"broken part-way", `{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[[36.88`, "is not a GeoJSON file"},
		{"no features", `{"type": "FeatureCollection", "features": []}`, "holds no boundaries"},
		{"another projection, named", `{"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::21037"}}, "features": []}`, "in another projection (urn:ogc:def:crs:EPSG::21037)"},
		{"another projection, in metres", feature(`{"type": "Polygon", "coordinates": [[[262000, 9855000], [263000, 9855000], [263000, 9856000], [262000, 9855000]]]}`), "another projection (metres, not degrees)"},
		{"a point", feature(`{"type": "Point", "coordinates": [36.88, -1.31]}`), "is a Point, not an area"},
		{"no shape", feature(`null`), "has no shape"},
		{"empty", feature(`{"type": "Polygon", "coordinates": []}`), "is empty"},
		{"a line for a ring", feature(`{"type": "Polygon", "coordinates": [[[36.88, -1.31], [36.89, -1.31], [36.88, -1.31]]]}`), "is empty"},
		{"no area", feature(`{"type": "Polygon", "coordinates": [[[36.88, -1.31], [36.89, -1.31], [36.90, -1.31], [36.88, -1.31]]]}`), "is empty"},
		{"not closed", feature(`{"type": "Polygon", "coordinates": [[[36.88, -1.31], [36.89, -1.31], [36.89, -1.30], [36.88, -1.30]]]}`), "does not end where it began"},
		{"a bow tie", feature(`{"type": "Polygon", "coordinates": [[[36.88, -1.31], [36.89, -1.30], [36.89, -1.31], [36.88, -1.30], [36.88, -1.31]]]}`), "crosses itself"},
		{"a hole crossing itself", feature(`{"type": "Polygon", "coordinates": [` + square + `, [[36.882, -1.308], [36.886, -1.302], [36.886, -1.308], [36.882, -1.302], [36.882, -1.308]]]}`), "crosses itself"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ReadBoundaries(writeGeoJSON(t, c.text), nil)
			if err == nil || !strings.Contains(err.Error(), c.want) || workspace.Code(err) != workspace.ErrInvalid {
				t.Errorf("got %v, want a refusal saying %q", err, c.want)
			}
		})
	}
	big := filepath.Join(t.TempDir(), "huge.geojson")
	if err := os.WriteFile(big, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, 200<<20); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadBoundaries(big, nil); err == nil || !strings.Contains(err.Error(), "is larger than 64 MB") {
		t.Errorf("a 200 MB file: %v", err)
	}
	if _, err := ReadBoundaries(t.TempDir(), nil); err == nil || !strings.Contains(err.Error(), "is not a file of boundaries") {
		t.Errorf("a folder: %v", err)
	}
}
