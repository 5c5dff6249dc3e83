// The boundaries of community units, for maps: one shape per unit, stored
// as GeoJSON in WGS84 longitude and latitude (schema 12).

package workspace

import (
	"encoding/json"
	"fmt"
	"sort"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"
)

// UnitShape is the boundary of one community unit.
type UnitShape struct {
	ID     string
	UnitID string
	Shape  string // a GeoJSON Polygon or MultiPolygon
	Stamp
}

func (s *UnitShape) table() table {
	return table{"unit_shapes", msg("unit boundary"), msg("unit boundaries"), []string{"unit_id", "shape"}}
}
func (s *UnitShape) key() *string  { return &s.ID }
func (s *UnitShape) stamp() *Stamp { return &s.Stamp }
func (s *UnitShape) title() string { return s.UnitID }
func (s *UnitShape) fields() []any {
	return []any{refField{&s.UnitID, "units", msg("Community unit"), cascade}, &s.Shape}
}
func (s *UnitShape) check(*tx) error { return s.Validate() }

// describe names a boundary by its unit, for the change log.
func (s *UnitShape) describe(q querier) string {
	return say("boundary of %s", nameOf(q, "units", "name", s.UnitID))
}

// maxShapeBytes is the largest boundary of one unit: a cell drawn with
// tens of thousands of corners.
const maxShapeBytes = 1 << 20

// Validate checks that the shape is an area in longitude and latitude: a
// copy merged in may come from anyone.
func (s *UnitShape) Validate() error {
	if err := required(msg("Community unit"), s.UnitID); err != nil {
		return err
	}
	if len(s.Shape) > maxShapeBytes {
		return invalid(msg("Boundary"), "The boundary is too detailed: at most %d KB for one unit.", maxShapeBytes>>10)
	}
	if _, err := ParseShape(s.Shape); err != nil {
		return err
	}
	return nil
}

// ParseShape reads a stored boundary.
func ParseShape(text string) (orb.MultiPolygon, error) {
	g, err := geojson.UnmarshalGeometry([]byte(text))
	if err != nil {
		return nil, invalid(msg("Boundary"), "The boundary is not a GeoJSON Polygon or MultiPolygon.")
	}
	var shape orb.MultiPolygon
	switch x := g.Geometry().(type) {
	case orb.Polygon:
		shape = orb.MultiPolygon{x}
	case orb.MultiPolygon:
		shape = x
	default:
		return nil, invalid(msg("Boundary"), "The boundary is not a GeoJSON Polygon or MultiPolygon.")
	}
	if len(shape) == 0 {
		return nil, invalid(msg("Boundary"), "The boundary is empty.")
	}
	for _, poly := range shape {
		if len(poly) == 0 {
			return nil, invalid(msg("Boundary"), "The boundary is empty.")
		}
		for _, ring := range poly {
			if len(ring) < 4 || ring[0] != ring[len(ring)-1] {
				return nil, invalid(msg("Boundary"), "The boundary has an outline that is not closed, or has fewer than three corners.")
			}
			for _, p := range ring {
				if !(p[0] >= -180 && p[0] <= 180 && p[1] >= -90 && p[1] <= 90) {
					return nil, invalid(msg("Boundary"), "The boundary is not in longitude and latitude.")
				}
			}
		}
		// An outline with no area (its corners on one line) draws nothing
		// and has no middle to name it at.
		if planar.Area(poly[0]) == 0 {
			return nil, invalid(msg("Boundary"), "The boundary is empty.")
		}
	}
	return shape, nil
}

// ShapeText writes a shape as the GeoJSON geometry stored: a Polygon when
// it has one part.
func ShapeText(shape orb.MultiPolygon) (string, error) {
	var g orb.Geometry = shape
	if len(shape) == 1 {
		g = shape[0]
	}
	b, err := json.Marshal(geojson.NewGeometry(g))
	return string(b), err
}

// UnitShapes returns every unit's boundary, by unit id.
func (f *File) UnitShapes() (map[string]UnitShape, error) {
	shapes, err := list[UnitShape](f.reader(), "", "id")
	if err != nil {
		return nil, err
	}
	out := make(map[string]UnitShape, len(shapes))
	for _, s := range shapes {
		out[s.UnitID] = s
	}
	return out, nil
}

// BoundariesSaved says what SetBoundaries did.
type BoundariesSaved struct {
	Added    int `json:"added"`
	Replaced int `json:"replaced"`
	Same     int `json:"unchanged"`
}

// SetBoundaries gives units their boundaries (unit id → GeoJSON geometry,
// as ShapeText writes it), in one change named after the file they came
// from. A unit that has one gets the new one; the others keep theirs.
func (f *File) SetBoundaries(shapes map[string]string, from string) (BoundariesSaved, error) {
	var saved BoundariesSaved
	ids := make([]string, 0, len(shapes))
	for id := range shapes {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	err := f.write(func(t *tx) error {
		saved = BoundariesSaved{}
		t.quietCreates = true
		existing := map[string]UnitShape{}
		current, err := list[UnitShape](t, "", "id")
		if err != nil {
			return err
		}
		for _, s := range current {
			existing[s.UnitID] = s
		}
		for _, unit := range ids {
			if nameOf(t, "units", "id", unit) == "" {
				return newError(ErrNotFound, "A community unit the boundaries were matched to is no longer in the workspace: another window or program deleted it. Attach the boundaries again.")
			}
			s := UnitShape{UnitID: unit, Shape: shapes[unit]}
			if err := s.Validate(); err != nil {
				return err
			}
			old, has := existing[unit]
			switch {
			case !has:
				if err := t.create(&s); err != nil {
					return err
				}
				saved.Added++
			case old.Shape == s.Shape:
				saved.Same++
			default:
				s.ID, s.Stamp = old.ID, old.Stamp
				if _, err := t.Exec("UPDATE unit_shapes SET shape = ?, updated_at = ?, copy_id = ? WHERE id = ?", s.Shape, t.at, t.f.copyID, s.ID); err != nil {
					return err
				}
				saved.Replaced++
			}
		}
		if saved.Added+saved.Replaced == 0 {
			return nil
		}
		t.nameWhole("import", from)
		return t.logChange("workspace", "", "import", fmt.Sprintf("Boundaries from %s: %d added, %d replaced", from, saved.Added, saved.Replaced))
	})
	return saved, err
}

// UnitShapeOf returns one unit's boundary, and false when it has none.
func (f *File) UnitShapeOf(unitID string) (UnitShape, bool, error) {
	shapes, err := list[UnitShape](f.reader(), "unit_id = ?", "id", unitID)
	if err != nil || len(shapes) == 0 {
		return UnitShape{}, false, err
	}
	return shapes[0], true, nil
}

// DeleteUnitShape takes a unit's boundary away; the unit stays.
func (f *File) DeleteUnitShape(id string) error { return deleteRecord[UnitShape](f, id) }

// Boundaries returns the boundaries of the units of a level ("" for every
// level) read into shapes, by unit id. A stored boundary that cannot be
// read is left out, so that its unit shows as one without a boundary
// rather than stopping a map.
func (f *File) Boundaries(level string) (map[string]orb.MultiPolygon, error) {
	where, args := "", []any{}
	if level != "" {
		where, args = "unit_id IN (SELECT id FROM units WHERE level = ?)", []any{level}
	}
	shapes, err := list[UnitShape](f.reader(), where, "id", args...)
	if err != nil {
		return nil, err
	}
	out := make(map[string]orb.MultiPolygon, len(shapes))
	for _, s := range shapes {
		if m, err := ParseShape(s.Shape); err == nil {
			out[s.UnitID] = m
		}
	}
	return out, nil
}
