package workspace

import (
	"database/sql"
	"errors"
	"strings"
)

// Unit is a part of the community's representation structure: an area holds
// segments, a segment clusters (about 100 households), a cluster cells
// (about 10 households).
type Unit struct {
	ID         string
	ParentID   string // "" for an area
	Level      string // one of UnitLevels
	Name       string
	Households int
	Stamp
}

func (u *Unit) table() table {
	return table{"units", msg("community unit"), msg("community units"), []string{"parent_id", "level", "name", "households"}}
}
func (u *Unit) key() *string  { return &u.ID }
func (u *Unit) stamp() *Stamp { return &u.Stamp }
func (u *Unit) title() string { return u.Name }
func (u *Unit) fields() []any {
	return []any{ref(&u.ParentID, "units", msg("Parent unit")), &u.Level, &u.Name, &u.Households}
}

// levelName names a unit level in a sentence, in the language of the
// package's messages: "segment".
func levelName(level string) string { return strings.ToLower(Label(UnitLevels, level)) }

// parentLevel says which level a unit of each level sits under.
var parentLevel = map[string]string{"area": "", "segment": "area", "cluster": "segment", "cell": "cluster"}

// Validate checks the unit's own fields.
func (u *Unit) Validate() error {
	clean(&u.Name)
	if u.Households < 0 {
		return invalid("Households", "Households cannot be negative.")
	}
	return firstError(required(msg("Name"), u.Name), maxLength(msg("Name"), u.Name, 120), checkChoice(msg("Level"), u.Level, UnitLevels))
}

func (u *Unit) check(t *tx) error {
	if err := u.Validate(); err != nil {
		return err
	}
	want := parentLevel[u.Level]
	if u.ParentID == "" {
		if want != "" {
			return invalid("Parent unit", "A %s must sit under a %s: choose its parent.", levelName(u.Level), levelName(want))
		}
		return nil
	}
	if want == "" {
		return invalid("Parent unit", "An area is the top of the structure and has no parent unit.")
	}
	if u.ParentID == u.ID {
		return invalid("Parent unit", "A unit cannot sit under itself.")
	}
	var level string
	err := t.QueryRow("SELECT level FROM units WHERE id = ?", u.ParentID).Scan(&level)
	if err != nil {
		return invalid("Parent unit", "The parent unit chosen is not in this workspace: it may have been deleted.")
	}
	if level != want {
		return invalid("Parent unit", "A %s must sit under a %s, not under a %s.", levelName(u.Level), levelName(want), levelName(level))
	}
	if u.ID != "" {
		var children int
		if err := t.QueryRow("SELECT count(*) FROM units WHERE parent_id = ?", u.ID).Scan(&children); err != nil {
			return err
		}
		var oldLevel string
		if err := t.QueryRow("SELECT level FROM units WHERE id = ?", u.ID).Scan(&oldLevel); err == nil && oldLevel != u.Level && children > 0 {
			return invalid("Level", "The level of a unit that has units under it cannot change.")
		}
	}
	return nil
}

// UnitFilter narrows a list of units; empty fields do not narrow.
type UnitFilter struct {
	Level    string
	ParentID string
}

// Units returns the units matching filter, by name within each parent.
func (f *File) Units(filter UnitFilter) ([]Unit, error) {
	var c conditions
	c.equal("level", filter.Level)
	c.equal("parent_id", filter.ParentID)
	return list[Unit](f.reader(), c.where(), "parent_id, name COLLATE NOCASE", c.args...)
}

// Unit returns one unit.
func (f *File) Unit(id string) (Unit, error) { return getRecord[Unit](f.reader(), id) }

// UnitPath names a unit with the units above it: "Mukuru Kwa Njenga / Segment 3 / Cluster 12".
func (f *File) UnitPath(id string) (string, error) { return unitPathIn(f.reader(), id) }

func unitPathIn(q querier, id string) (string, error) {
	var names []string
	for id != "" && len(names) < 8 {
		var name, parent string
		err := q.QueryRow("SELECT name, coalesce(parent_id, '') FROM units WHERE id = ?", id).Scan(&name, &parent)
		if errors.Is(err, sql.ErrNoRows) {
			return "", notFound((&Unit{}).table())
		} else if err != nil {
			return "", internal("reading a community unit", err)
		}
		names = append([]string{name}, names...)
		id = parent
	}
	return strings.Join(names, " / "), nil
}

// UnitPaths names every unit by its path, as UnitPath does, in one pass.
func UnitPaths(units []Unit) map[string]string {
	byID := make(map[string]*Unit, len(units))
	for i := range units {
		byID[units[i].ID] = &units[i]
	}
	paths := make(map[string]string, len(units))
	var path func(id string, depth int) string
	path = func(id string, depth int) string {
		if p, ok := paths[id]; ok {
			return p
		}
		u := byID[id]
		if u == nil || depth > 8 {
			return ""
		}
		p := u.Name
		if u.ParentID != "" {
			p = path(u.ParentID, depth+1) + " / " + u.Name
		}
		paths[id] = p
		return p
	}
	for _, u := range units {
		path(u.ID, 0)
	}
	return paths
}

// CreateUnit adds a unit.
func (f *File) CreateUnit(u Unit) (Unit, error) { return createRecord(f, u) }

// UpdateUnit changes a unit.
func (f *File) UpdateUnit(u Unit) (Unit, error) { return updateRecord(f, u) }

// DeleteUnit deletes a unit with no units under it and no one assigned to it.
func (f *File) DeleteUnit(id string) error { return deleteRecord[Unit](f, id) }

// LevelDepth is how deep a unit level sits in the structure: area 0,
// segment 1, cluster 2, cell 3; an unknown level comes after them all.
func LevelDepth(level string) int {
	for i, c := range UnitLevels {
		if c.Key == level {
			return i
		}
	}
	return len(UnitLevels)
}
