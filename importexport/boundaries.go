// Reading the boundaries of community units from a GeoJSON file, as QGIS,
// HDX and OpenStreetMap exports write it: WGS84 longitude and latitude,
// Polygons and MultiPolygons with their holes. Every file may be damaged,
// from someone else or not what it claims: what this program could not
// draw truthfully is refused with a sentence, before anything is stored.

package importexport

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"

	"cpw/translate"
	"cpw/workspace"
)

// MaxBoundaryBytes is the largest boundaries file read: the cells of a
// settlement of 100,000 households fit many times over.
const MaxBoundaryBytes = 64 << 20

// Boundary is one feature of a boundaries file: its properties, as text,
// and its area.
type Boundary struct {
	Feature    int               // its place in the file, from 1
	Properties map[string]string // each property as text (numbers as written)
	Shape      orb.MultiPolygon  // longitude and latitude (WGS84), outer rings counter-clockwise
}

// ReadBoundaries reads a GeoJSON file of boundaries: a FeatureCollection, a
// Feature or a bare Polygon or MultiPolygon. It refuses, with one sentence
// worded by say, a file that is too big, not GeoJSON, in another
// projection, or holding a feature that is not an area, is empty, or whose
// outline crosses itself.
func ReadBoundaries(path string, say translate.Func) ([]Boundary, error) {
	say = wordsIn(say)
	name := filepath.Base(path)
	refused := func(message string) error {
		return &workspace.Error{Code: workspace.ErrInvalid, Message: message}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, &workspace.Error{Code: workspace.ErrNotFound, Message: say("%s cannot be read: %v.", name, err), Err: err}
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && !st.Mode().IsRegular() {
		return nil, refused(say("%s is not a file of boundaries: choose a .geojson file.", name))
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxBoundaryBytes+1))
	if err != nil {
		return nil, &workspace.Error{Code: workspace.ErrUnreadable, Message: say("%s cannot be read: %v.", name, err), Err: err}
	}
	if len(data) > MaxBoundaryBytes {
		return nil, refused(say("%s is larger than %s, more than the boundaries of a settlement need: simplify it in QGIS (Vector › Geometry Tools › Simplify), or keep only the settlement's area.", name, megabytes(MaxBoundaryBytes)))
	}
	var head struct {
		Type string          `json:"type"`
		CRS  json.RawMessage `json:"crs"`
	}
	if !json.Valid(data) || json.Unmarshal(data, &head) != nil || head.Type == "" {
		return nil, refused(say("%s is not a GeoJSON file: export the boundaries from QGIS as GeoJSON (Export › Save Features As…, format GeoJSON).", name))
	}
	if crs := crsName(head.CRS); crs != "" && !isLonLat(crs) {
		return nil, refused(say("%s is in another projection (%s): export it again in WGS 84 (EPSG:4326), longitude and latitude.", name, crs))
	}
	var features []*geojson.Feature
	switch head.Type {
	case "FeatureCollection":
		fc, err := geojson.UnmarshalFeatureCollection(data)
		if err != nil {
			return nil, refused(say("%s is not a GeoJSON file that can be read: %v.", name, err))
		}
		features = fc.Features
	case "Feature":
		ft, err := geojson.UnmarshalFeature(data)
		if err != nil {
			return nil, refused(say("%s is not a GeoJSON file that can be read: %v.", name, err))
		}
		features = []*geojson.Feature{ft}
	default:
		g, err := geojson.UnmarshalGeometry(data)
		if err != nil {
			return nil, refused(say("%s is not a GeoJSON file that can be read: %v.", name, err))
		}
		features = []*geojson.Feature{geojson.NewFeature(g.Geometry())}
	}
	if len(features) == 0 {
		return nil, refused(say("%s holds no boundaries: its list of features is empty.", name))
	}
	out := make([]Boundary, 0, len(features))
	for i, ft := range features {
		n := i + 1
		if ft == nil || ft.Geometry == nil {
			return nil, refused(say("Feature %d of %s has no shape.", n, name))
		}
		var shape orb.MultiPolygon
		switch g := ft.Geometry.(type) {
		case orb.Polygon:
			shape = orb.MultiPolygon{g}
		case orb.MultiPolygon:
			shape = g
		default:
			return nil, refused(say("Feature %d of %s is a %s, not an area: a boundary is a Polygon or a MultiPolygon.", n, name, ft.Geometry.GeoJSONType()))
		}
		switch checkShape(shape) {
		case shapeEmpty:
			return nil, refused(say("Feature %d of %s is empty: it has no outline, or one with fewer than three corners, or no area.", n, name))
		case shapeNotLonLat:
			return nil, refused(say("Feature %d of %s has points outside longitude -180 to 180 and latitude -90 to 90: the file is in another projection (metres, not degrees). Export it again in WGS 84 (EPSG:4326).", n, name))
		case shapeNotClosed:
			return nil, refused(say("Feature %d of %s has an outline that does not end where it began.", n, name))
		case shapeCrossesSelf:
			return nil, refused(say("Feature %d of %s has an outline that crosses itself: repair it in QGIS (Vector › Geometry Tools › Check Validity, then Fix Geometries) and export it again.", n, name))
		}
		out = append(out, Boundary{Feature: n, Properties: propertiesText(ft.Properties), Shape: oriented(shape)})
	}
	return out, nil
}

// crsName reads the name of a GeoJSON 2008 "crs" member, "" for none.
// (The GeoJSON of today has no such member: it is always WGS84.)
func crsName(raw json.RawMessage) string {
	var crs struct {
		Properties struct {
			Name string `json:"name"`
		} `json:"properties"`
	}
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) || json.Unmarshal(raw, &crs) != nil {
		return ""
	}
	return crs.Properties.Name
}

// isLonLat reports whether a projection's name is WGS84 longitude and
// latitude, as QGIS and older tools name it.
func isLonLat(crs string) bool {
	c := strings.ToUpper(crs)
	return strings.HasSuffix(c, "CRS84") || strings.HasSuffix(c, "EPSG::4326") || c == "EPSG:4326"
}

// shapeFault is what is wrong with a shape.
type shapeFault int

const (
	shapeSound shapeFault = iota
	shapeEmpty
	shapeNotLonLat
	shapeNotClosed
	shapeCrossesSelf
)

// checkShape finds the first fault of a shape.
func checkShape(shape orb.MultiPolygon) shapeFault {
	if len(shape) == 0 {
		return shapeEmpty
	}
	for _, poly := range shape {
		if len(poly) == 0 {
			return shapeEmpty
		}
		for i, ring := range poly {
			if len(ring) < 4 {
				return shapeEmpty
			}
			for _, p := range ring {
				if math.IsNaN(p[0]) || math.IsNaN(p[1]) || p[0] < -180 || p[0] > 180 || p[1] < -90 || p[1] > 90 {
					return shapeNotLonLat
				}
			}
			if ring[0] != ring[len(ring)-1] {
				return shapeNotClosed
			}
			if crossesItself(ring) {
				return shapeCrossesSelf
			}
			if i == 0 && planar.Area(ring) == 0 {
				return shapeEmpty
			}
		}
	}
	return shapeSound
}

// crossesItself reports whether two edges of a closed ring that are not
// neighbours touch or cross. Edges are sorted by their left end, so that
// each is compared only with those whose span of longitudes meets its own.
func crossesItself(ring orb.Ring) bool {
	n := len(ring) - 1 // edges: ring[i] → ring[i+1]
	type edge struct {
		i          int
		minX, maxX float64
	}
	edges := make([]edge, 0, n)
	for i := 0; i < n; i++ {
		a, b := ring[i], ring[i+1]
		if a == b {
			continue // a point written twice: no edge
		}
		edges = append(edges, edge{i, math.Min(a[0], b[0]), math.Max(a[0], b[0])})
	}
	sort.Slice(edges, func(x, y int) bool { return edges[x].minX < edges[y].minX })
	for x := range edges {
		for y := x + 1; y < len(edges) && edges[y].minX <= edges[x].maxX; y++ {
			i, j := edges[x].i, edges[y].i
			if d := (i - j + n) % n; d == 1 || d == n-1 {
				continue // neighbours share a corner
			}
			if segmentsMeet(ring[i], ring[i+1], ring[j], ring[j+1]) {
				return true
			}
		}
	}
	return false
}

// segmentsMeet reports whether segments ab and cd share a point.
func segmentsMeet(a, b, c, d orb.Point) bool {
	o1, o2, o3, o4 := orient(a, b, c), orient(a, b, d), orient(c, d, a), orient(c, d, b)
	if o1 != o2 && o3 != o4 {
		return true
	}
	return o1 == 0 && onSegment(a, c, b) || o2 == 0 && onSegment(a, d, b) ||
		o3 == 0 && onSegment(c, a, d) || o4 == 0 && onSegment(c, b, d)
}

func orient(a, b, c orb.Point) int {
	v := (b[0]-a[0])*(c[1]-a[1]) - (b[1]-a[1])*(c[0]-a[0])
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}

// onSegment reports whether q, on the line through p and r, lies between them.
func onSegment(p, q, r orb.Point) bool {
	return q[0] <= math.Max(p[0], r[0]) && q[0] >= math.Min(p[0], r[0]) && q[1] <= math.Max(p[1], r[1]) && q[1] >= math.Min(p[1], r[1])
}

// oriented gives every outer ring the counter-clockwise and every hole the
// clockwise order GeoJSON asks for (RFC 7946), whatever the file wrote.
func oriented(shape orb.MultiPolygon) orb.MultiPolygon {
	out := make(orb.MultiPolygon, len(shape))
	for i, poly := range shape {
		p := make(orb.Polygon, len(poly))
		for j, ring := range poly {
			r := append(orb.Ring{}, ring...)
			if (j == 0) != (r.Orientation() == orb.CCW) {
				r.Reverse()
			}
			p[j] = r
		}
		out[i] = p
	}
	return out
}

// propertiesText writes each property of a feature as text: numbers as
// they read (a code 12 is "12"), nothing for null, other values as JSON.
func propertiesText(p geojson.Properties) map[string]string {
	out := make(map[string]string, len(p))
	for k, v := range p {
		switch x := v.(type) {
		case nil:
		case string:
			out[k] = strings.TrimSpace(x)
		case float64:
			// As written, never in exponent form: a county code 21107010
			// must match "21107010".
			out[k] = strconv.FormatFloat(x, 'f', -1, 64)
		case bool:
			out[k] = fmt.Sprint(x)
		default:
			if b, err := json.Marshal(x); err == nil {
				out[k] = string(b)
			}
		}
	}
	return out
}

// BoundaryMatch is how the features of a boundaries file met the units.
type BoundaryMatch struct {
	Shapes    map[string]string  `json:"-"`         // unit id → its new boundary, as stored
	Matched   int                `json:"matched"`   // features matched to a unit
	Unmatched []UnmatchedFeature `json:"unmatched"` // features no unit took, and why
	// Without lists, by level, the units left without a boundary once
	// these are stored.
	Without map[string][]string `json:"without"`
}

// UnmatchedFeature is a feature of the file that matched no unit.
type UnmatchedFeature struct {
	Feature int    `json:"feature"`
	Value   string `json:"value"`
	Why     string `json:"why"`
}

// MatchBoundaries matches each feature to a community unit by the value of
// one of its properties: a unit's path ("Mukuru kwa Njenga / Segment 3",
// its levels split by "/"), or a name that only one unit has. Two features
// for one unit, a value no unit has, and a name several units share are
// reported, not guessed.
func MatchBoundaries(f *workspace.File, bs []Boundary, property string, say translate.Func) (BoundaryMatch, error) {
	say = wordsIn(say)
	m := BoundaryMatch{Shapes: map[string]string{}, Without: map[string][]string{}}
	units, err := f.Units(workspace.UnitFilter{})
	if err != nil {
		return m, err
	}
	paths := workspace.UnitPaths(units)
	byPath, byName := map[string]string{}, map[string][]string{}
	for _, u := range units {
		byPath[pathKey(paths[u.ID])] = u.ID
		byName[key(u.Name)] = append(byName[key(u.Name)], u.ID)
	}
	taken := map[string]int{} // unit id → the feature that took it
	for _, b := range bs {
		v, ok := b.Properties[property]
		unmatched := func(why string) { m.Unmatched = append(m.Unmatched, UnmatchedFeature{b.Feature, v, why}) }
		if !ok || v == "" {
			unmatched(say("it has no property “%s”", property))
			continue
		}
		id, found := byPath[pathKey(v)]
		if !found {
			switch same := byName[key(v)]; len(same) {
			case 0:
				unmatched(say("no community unit has this name or path"))
				continue
			case 1:
				id = same[0]
			default:
				unmatched(say("%d community units are called so: match by path (Area / Segment / Cluster / Cell)", len(same)))
				continue
			}
		}
		if first, twice := taken[id]; twice {
			unmatched(say("feature %d is already the boundary of %s", first, paths[id]))
			continue
		}
		text, err := workspace.ShapeText(b.Shape)
		if err != nil {
			return m, err
		}
		taken[id] = b.Feature
		m.Shapes[id] = text
		m.Matched++
	}
	has, err := f.UnitShapes()
	if err != nil {
		return m, err
	}
	for _, u := range units {
		if _, now := m.Shapes[u.ID]; !now {
			if _, before := has[u.ID]; !before {
				m.Without[u.Level] = append(m.Without[u.Level], paths[u.ID])
			}
		}
	}
	for _, l := range m.Without {
		sort.Strings(l)
	}
	return m, nil
}

// ExportedBoundaries says what ExportBoundaries wrote.
type ExportedBoundaries struct {
	Written int
	// Unreadable names, by path, the units whose stored boundary cannot be
	// read (a copy merged in from an older version): they are left out, as
	// the Map leaves them out, rather than stop the export.
	Unreadable []string
}

// ExportBoundaries writes the community units that have a boundary as a
// GeoJSON FeatureCollection, for QGIS and HDX: each with its id, name,
// level, path, households and the Map screen's figures on the day. A name
// not ending in .geojson or .json is refused.
func ExportBoundaries(f *workspace.File, path string, day time.Time, say translate.Func) (ExportedBoundaries, error) {
	var done ExportedBoundaries
	say = wordsIn(say)
	if ext := strings.ToLower(filepath.Ext(path)); ext != ".geojson" && ext != ".json" {
		return done, &workspace.Error{Code: workspace.ErrInvalid, Message: say("A GeoJSON file's name must end in .geojson: “%s” does not.", filepath.Base(path))}
	}
	// The units come with their figures, read after the checks: a unit
	// another program deleted meanwhile is in neither, or has no figures
	// and is left out, as is a boundary whose unit is gone.
	findings, err := f.RunChecks(day)
	if err != nil {
		return done, err
	}
	figs, err := f.MapFigures(day.Format(workspace.DateLayout), findings)
	if err != nil {
		return done, err
	}
	shapes, err := f.UnitShapes()
	if err != nil {
		return done, err
	}
	units := make([]*workspace.UnitFigures, 0, len(figs))
	for _, fg := range figs {
		units = append(units, fg)
	}
	sort.Slice(units, func(i, j int) bool { return units[i].Path < units[j].Path })
	fc := geojson.NewFeatureCollection()
	for _, fg := range units {
		u := fg.Unit
		s, ok := shapes[u.ID]
		if !ok {
			continue
		}
		shape, err := workspace.ParseShape(s.Shape)
		if err != nil {
			done.Unreadable = append(done.Unreadable, fg.Path)
			continue
		}
		var g orb.Geometry = shape
		if len(shape) == 1 {
			g = shape[0]
		}
		ft := geojson.NewFeature(g)
		ft.ID = u.ID
		ft.Properties["id"] = u.ID
		ft.Properties["name"] = u.Name
		ft.Properties["level"] = u.Level
		ft.Properties["path"] = fg.Path
		// The figures as numbers QGIS can colour by; a share, a rate or a
		// count of households that has no figure is null, not 0.
		ft.Properties["households"] = figure(fg, workspace.MeasureHouseholds)
		ft.Properties["cells"] = fg.Cells
		ft.Properties["cells_represented"] = fg.CellsRepresented
		ft.Properties["share_represented"] = figure(fg, workspace.MeasureRepresented)
		ft.Properties["mobilizers"] = fg.Mobilizers
		ft.Properties["mobilizers_per_100_households"] = figure(fg, workspace.MeasureMobilizers)
		ft.Properties["open_findings"] = fg.OpenFindings
		fc.Append(ft)
	}
	err = workspace.WriteFileAtomic(path, say, func(w io.Writer) error {
		b, err := json.Marshal(fc)
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	})
	done.Written = len(fc.Features)
	return done, err
}

// figure is a unit's figure for a measure, rounded to four decimals, or nil
// when it has none.
func figure(u *workspace.UnitFigures, measure string) any {
	v, ok := u.Value(measure)
	if !ok {
		return nil
	}
	return math.Round(v*1e4) / 1e4
}
