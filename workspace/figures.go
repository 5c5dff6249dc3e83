package workspace

import (
	"database/sql"
	"errors"
)

// Coverage says how much of the community structure has a household
// representative on a day.
type Coverage struct {
	Cells                 int
	CellsRepresented      int // cells with a current household representative (cell)
	Households            int
	HouseholdsRepresented int // households of the represented cells
}

// Share returns the share of cells represented, from 0 to 1.
func (c Coverage) Share() float64 {
	if c.Cells == 0 {
		return 0
	}
	return float64(c.CellsRepresented) / float64(c.Cells)
}

// RepresentationCoverage counts the cells, and their households, that have a
// current cell representative on the day (YYYY-MM-DD).
func (f *File) RepresentationCoverage(day string) (Coverage, error) {
	var c Coverage
	// The role's id first: joining roles inside the EXISTS lets SQLite walk
	// every representative for every cell.
	var role string // "" when the catalogue lost the role: no cell is represented
	if err := f.reader().QueryRow("SELECT id FROM roles WHERE key = ?", RoleRepresentativeCell).Scan(&role); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return c, internal("counting representation", err)
	}
	err := f.reader().QueryRow(`SELECT count(*), coalesce(sum(x.represented), 0), coalesce(sum(x.households), 0),
			coalesce(sum(x.represented * x.households), 0)
		FROM (SELECT u.households, EXISTS (SELECT 1 FROM assignments a
				WHERE a.unit_id = u.id AND a.role_id = :role AND `+currentSQL+`) AS represented
			FROM units u WHERE u.level = 'cell') x`,
		sql.Named("role", role), sql.Named("today", day)).Scan(&c.Cells, &c.CellsRepresented, &c.Households, &c.HouseholdsRepresented)
	return c, internal("counting representation", err)
}

// KeyRoleHolders counts the people who hold at least one key role on the day.
func (f *File) KeyRoleHolders(day string) (int, error) {
	var n int
	err := f.reader().QueryRow(`SELECT count(DISTINCT a.person_id) FROM roles r CROSS JOIN assignments a ON a.role_id = r.id
		WHERE r.is_key = 1 AND a.person_id IS NOT NULL AND `+currentSQL, sql.Named("today", day)).Scan(&n)
	return n, internal("counting the people in key roles", err)
}
