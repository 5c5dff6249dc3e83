package workspace

import (
	"database/sql"
	"errors"
	"strings"
)

// Role is an entry of the role catalogue: a part someone plays in the
// initiative. Seeded roles carry a stable Key that survives renaming.
type Role struct {
	ID               string
	Key              string // stable key of a seeded role; "" for roles users add
	Name             string
	Group            string // one of RoleGroups
	Scope            string // one of RoleScopes: where it is held
	UnitLevel        string // for unit roles, the level it is held at; "" for any
	IsKey            bool   // a key role: a vacancy or an overloaded holder matters
	Holder           string // one of RoleHolders
	Description      string
	Responsibilities string
	Position         int    // order in lists
	RetiredOn        string // "" while the role is in use
	Stamp
}

func (r *Role) table() table {
	return table{"roles", msg("role"), msg("roles"), []string{"key", "name", "role_group", "scope", "unit_level", "is_key", "holder", "description", "responsibilities", "position", "retired_on"}}
}
func (r *Role) key() *string  { return &r.ID }
func (r *Role) stamp() *Stamp { return &r.Stamp }
func (r *Role) title() string { return r.Name }
func (r *Role) fields() []any {
	return []any{optional(&r.Key), &r.Name, &r.Group, &r.Scope, &r.UnitLevel, &r.IsKey, &r.Holder, &r.Description,
		&r.Responsibilities, &r.Position, &r.RetiredOn}
}

// Validate checks the role's fields.
func (r *Role) Validate() error {
	clean(&r.Name, &r.RetiredOn)
	if r.Holder == "" {
		r.Holder = "person"
	}
	if r.UnitLevel != "" && r.Scope != "unit" {
		return invalid("Unit level", "Only a role held in a community unit has a unit level.")
	}
	return firstError(required(msg("Name"), r.Name), maxLength(msg("Name"), r.Name, 120), checkChoice(msg("Group"), r.Group, RoleGroups),
		checkChoice(msg("Scope"), r.Scope, RoleScopes), checkChoice(msg("Holder"), r.Holder, RoleHolders),
		checkChoice(msg("Unit level"), r.UnitLevel, append([]Choice{{"", "Any"}}, UnitLevels...)),
		checkDate(msg("Retired on"), r.RetiredOn, false))
}

func (r *Role) check(t *tx) error {
	if err := r.Validate(); err != nil {
		return err
	}
	if r.ID == "" {
		return nil
	}
	var n int
	if err := t.QueryRow(`SELECT count(*) FROM assignments a WHERE a.role_id = ? AND (
			(? = 'initiative' AND (a.consortium_id IS NOT NULL OR a.unit_id IS NOT NULL)) OR
			(? = 'consortium' AND a.consortium_id IS NULL) OR
			(? = 'unit' AND a.unit_id IS NULL))`, r.ID, r.Scope, r.Scope, r.Scope).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return invalid("Scope", "The scope cannot change while %s made under the old scope exist: end or delete them, or add a new role.", count(n, msg("assignment"), msg("assignments")))
	}
	if err := t.QueryRow(`SELECT count(*) FROM assignments a WHERE a.role_id = ? AND (
			(? = 'person' AND a.person_id IS NULL) OR (? = 'organisation' AND a.organisation_id IS NULL))`, r.ID, r.Holder, r.Holder).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return invalid("Holder", "Who may hold the role cannot change while %s by the other kind of holder exist: end or delete them first.", count(n, msg("assignment"), msg("assignments")))
	}
	if r.UnitLevel != "" {
		if err := t.QueryRow(`SELECT count(*) FROM assignments a JOIN units u ON u.id = a.unit_id WHERE a.role_id = ? AND u.level <> ?`, r.ID, r.UnitLevel).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return invalid("Unit level", "The unit level cannot change while %s in units of another level exist.", count(n, msg("assignment"), msg("assignments")))
		}
	}
	return nil
}

// Roles returns the catalogue in its order; retired roles are included when asked.
func (f *File) Roles(withRetired bool) ([]Role, error) {
	where := "retired_on = ''"
	if withRetired {
		where = ""
	}
	return list[Role](f.reader(), where, "position, name")
}

// Role returns one role.
func (f *File) Role(id string) (Role, error) { return getRecord[Role](f.reader(), id) }

// RoleByKey returns the seeded role with the stable key, however it was renamed.
func (f *File) RoleByKey(key string) (Role, error) {
	var id string
	err := f.reader().QueryRow("SELECT id FROM roles WHERE key = ?", key).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return Role{}, newError(ErrNotFound, "The role catalogue has no role with the key “%s”.", key)
	} else if err != nil {
		return Role{}, internal("reading a role", err)
	}
	return f.Role(id)
}

// CreateRole adds a role to the catalogue. Roles users add have no key.
func (f *File) CreateRole(r Role) (Role, error) {
	r.Key = ""
	return createRecord(f, r)
}

// UpdateRole changes a role; its key stays as it was.
func (f *File) UpdateRole(r Role) (Role, error) {
	old, err := f.Role(r.ID)
	if err != nil {
		return Role{}, err
	}
	r.Key = old.Key
	return updateRecord(f, r)
}

// RetireRole takes a role out of use from the date on; its assignments stay
// as history. An empty date brings it back into use.
func (f *File) RetireRole(id, on string) (Role, error) {
	var r Role
	err := f.write(func(t *tx) error { // read where it is written
		if err := load(t, &r, id); err != nil {
			return err
		}
		r.RetiredOn = strings.TrimSpace(on)
		if err := r.check(t); err != nil {
			return err
		}
		return t.update(&r)
	})
	if err != nil {
		return Role{}, err
	}
	return r, nil
}

// DeleteRole deletes a role that was never assigned; retire it otherwise.
func (f *File) DeleteRole(id string) error { return deleteRecord[Role](f, id) }
