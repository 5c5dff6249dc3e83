package workspace

import (
	"database/sql"
	"errors"
	"sort"
)

// The measures a map colours its units by.
const (
	MeasureRepresented = "represented" // share of cells with a household representative
	MeasureMobilizers  = "mobilizers"  // current mobilizers per 100 households
	MeasureHouseholds  = "households"
	MeasureFindings    = "findings" // open findings about the unit or the units inside it
)

// MapMeasures are the measures a map can show, in the order offered.
var MapMeasures = []Choice{
	{MeasureRepresented, msg("Cells with a household representative")},
	{MeasureMobilizers, msg("Mobilizers per 100 households")},
	{MeasureHouseholds, msg("Households")},
	{MeasureFindings, msg("Open findings")},
}

// UnitFigures are what a map shows of one community unit. Figures count
// the unit and every unit inside it.
type UnitFigures struct {
	Unit             Unit
	Path             string
	Cells            int // cells in it; a cell counts itself
	CellsRepresented int // of those, cells with a current household representative
	Households       int // its own count, or else its cells' total
	Mobilizers       int // current community mobilizers in it and below it
	OpenFindings     int // the checks' findings about it or a unit inside it
	// MobilizersPer100 is mobilizers per 100 households. A cell has no
	// mobilizer of its own (they work in clusters), so it shows its
	// cluster's; HasMobilizerRate is false when no households are counted.
	MobilizersPer100 float64
	HasMobilizerRate bool
}

// Value returns the unit's figure for a measure, and false when it has
// none (no cells, or no households counted).
func (u UnitFigures) Value(measure string) (float64, bool) {
	switch measure {
	case MeasureRepresented:
		if u.Cells == 0 {
			return 0, false
		}
		return float64(u.CellsRepresented) / float64(u.Cells), true
	case MeasureMobilizers:
		return u.MobilizersPer100, u.HasMobilizerRate
	case MeasureHouseholds:
		return float64(u.Households), u.Households > 0
	case MeasureFindings:
		return float64(u.OpenFindings), true
	}
	return 0, false
}

// MapFigures returns the figures of every community unit, by id, on the
// day (YYYY-MM-DD), counting the findings given (those about units) into
// the units that hold them.
func (f *File) MapFigures(day string, findings []Finding) (map[string]*UnitFigures, error) {
	var units []Unit
	represented := map[string]bool{}
	mobilizers := map[string]int{}
	err := func() error {
		q := f.reader()
		var err error
		if units, err = list[Unit](q, "", "rowid"); err != nil {
			return err
		}
		roleOf := func(key string) (string, error) {
			var id string
			err := q.QueryRow("SELECT id FROM roles WHERE key = ?", key).Scan(&id)
			if errors.Is(err, sql.ErrNoRows) {
				return "", nil
			}
			return id, err
		}
		rep, err := roleOf(RoleRepresentativeCell)
		if err != nil {
			return err
		}
		mob, err := roleOf(RoleCommunityMobilizer)
		if err != nil {
			return err
		}
		rows, err := q.Query(`SELECT a.unit_id, a.role_id FROM assignments a
			WHERE a.role_id IN (:rep, :mob) AND a.unit_id IS NOT NULL AND `+currentSQL,
			sql.Named("rep", rep), sql.Named("mob", mob), sql.Named("today", day))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var unit, role string
			if err := rows.Scan(&unit, &role); err != nil {
				return err
			}
			if role == rep {
				represented[unit] = true
			} else {
				mobilizers[unit]++
			}
		}
		return rows.Err()
	}()
	if err != nil {
		return nil, internal("counting the figures of the map", err)
	}
	paths := UnitPaths(units)
	out := make(map[string]*UnitFigures, len(units))
	for _, u := range units {
		out[u.ID] = &UnitFigures{Unit: u, Path: paths[u.ID]}
	}
	// up calls add for a unit and each unit above it.
	up := func(id string, add func(*UnitFigures)) {
		for depth := 0; id != "" && depth < 8; depth++ {
			u := out[id]
			if u == nil {
				return
			}
			add(u)
			id = u.Unit.ParentID
		}
	}
	for _, u := range units {
		if u.Level == "cell" {
			rep := represented[u.ID]
			up(u.ID, func(x *UnitFigures) {
				x.Cells++
				if rep {
					x.CellsRepresented++
				}
			})
		}
		if n := mobilizers[u.ID]; n > 0 {
			up(u.ID, func(x *UnitFigures) { x.Mobilizers += n })
		}
	}
	for _, fd := range findings {
		if fd.Subject.Kind == SubjectUnit {
			up(fd.Subject.ID, func(x *UnitFigures) { x.OpenFindings++ })
		}
	}
	// Households as the Community screen counts them: a unit's own count,
	// or else the total of the units under it; the deepest units first.
	byDepth := make([]*UnitFigures, 0, len(out))
	for _, x := range out {
		byDepth = append(byDepth, x)
	}
	sort.Slice(byDepth, func(i, j int) bool { return LevelDepth(byDepth[i].Unit.Level) > LevelDepth(byDepth[j].Unit.Level) })
	under := map[string]int{}
	for _, x := range byDepth {
		x.Households = x.Unit.Households
		if x.Households == 0 {
			x.Households = under[x.Unit.ID]
		}
		under[x.Unit.ParentID] += x.Households
		if x.Unit.Level != "cell" && x.Households > 0 {
			x.MobilizersPer100, x.HasMobilizerRate = float64(x.Mobilizers)*100/float64(x.Households), true
		}
	}
	for _, x := range out {
		if p := out[x.Unit.ParentID]; x.Unit.Level == "cell" && p != nil {
			x.MobilizersPer100, x.HasMobilizerRate = p.MobilizersPer100, p.HasMobilizerRate
		}
	}
	return out, nil
}
