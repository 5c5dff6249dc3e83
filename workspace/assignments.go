package workspace

import (
	"strings"
)

// Assignment says who holds a role, where, and from when to when. Ending an
// assignment keeps it as history; a successor is a new assignment that
// follows it.
type Assignment struct {
	ID             string
	RoleID         string
	PersonID       string // the holder, when a person holds it
	OrganisationID string // the holder, when an organisation holds it
	ConsortiumID   string // where, for roles held in a consortium
	UnitID         string // where, for roles held in a community unit
	StartOn        string // first day held
	EndOn          string // first day no longer held; "" while current
	EndReason      string // why it ended: transferred, withdrew, term over
	FollowsID      string // the assignment this one succeeded, if any
	Notes          string
	Stamp
}

func (a *Assignment) table() table {
	return table{"assignments", msg("assignment"), msg("assignments"), []string{"role_id", "person_id", "organisation_id", "consortium_id", "unit_id", "start_on", "end_on", "end_reason", "follows_id", "notes"}}
}
func (a *Assignment) key() *string  { return &a.ID }
func (a *Assignment) stamp() *Stamp { return &a.Stamp }
func (a *Assignment) title() string { return "assignment from " + a.StartOn }
func (a *Assignment) describe(q querier) string {
	holder := nameOf(q, "people", "name", a.PersonID) + nameOf(q, "organisations", "name", a.OrganisationID)
	where := nameOf(q, "consortia", "code", a.ConsortiumID) + nameOf(q, "units", "name", a.UnitID)
	if where != "" {
		where = " in " + where
	}
	return nameOf(q, "roles", "name", a.RoleID) + ": " + holder + where + " from " + a.StartOn
}
func (a *Assignment) fields() []any {
	return []any{ref(&a.RoleID, "roles", msg("Role")), ref(&a.PersonID, "people", msg("Person")), ref(&a.OrganisationID, "organisations", msg("Organisation")),
		ref(&a.ConsortiumID, "consortia", msg("Consortium")), ref(&a.UnitID, "units", msg("Community unit")), &a.StartOn, &a.EndOn, &a.EndReason,
		refField{&a.FollowsID, "assignments", msg("Follows"), setNull}, &a.Notes}
}

// CurrentOn reports whether the assignment is held on the date (YYYY-MM-DD).
func (a *Assignment) CurrentOn(date string) bool {
	return a.StartOn <= date && (a.EndOn == "" || a.EndOn > date)
}

// Validate checks the assignment's own fields; the role's rules are checked
// when it is saved.
func (a *Assignment) Validate() error {
	clean(&a.StartOn, &a.EndOn, &a.EndReason)
	if err := firstError(required(msg("Role"), a.RoleID), checkDate(msg("Start"), a.StartOn, true), checkDate(msg("End"), a.EndOn, false)); err != nil {
		return err
	}
	if a.EndOn != "" && a.EndOn < a.StartOn {
		return invalid("End", "End (%s) cannot be before start (%s).", a.EndOn, a.StartOn)
	}
	if (a.PersonID == "") == (a.OrganisationID == "") {
		return invalid("Holder", "Choose who holds the role: one person or one organisation.")
	}
	if a.FollowsID != "" && a.FollowsID == a.ID {
		return invalid("Follows", "An assignment cannot follow itself.")
	}
	return nil
}

// check applies the role's rules: who may hold it, and where it is held.
func (a *Assignment) check(t *tx) error {
	if err := a.Validate(); err != nil {
		return err
	}
	var r Role
	if err := load(t, &r, a.RoleID); err != nil {
		return invalid("Role", "The role chosen is not in the catalogue: it may have been deleted.")
	}
	if r.RetiredOn != "" && a.EndOn == "" && a.StartOn >= r.RetiredOn {
		return invalid("Role", "The role “%s” was retired on %s: choose another role or bring it back into use.", r.Name, r.RetiredOn)
	}
	switch {
	case r.Holder == "person" && a.PersonID == "":
		return invalid("Holder", "The role “%s” is held by a person, not an organisation.", r.Name)
	case r.Holder == "organisation" && a.OrganisationID == "":
		return invalid("Holder", "The role “%s” is held by an organisation, not a person.", r.Name)
	}
	switch r.Scope {
	case "initiative":
		if a.ConsortiumID != "" || a.UnitID != "" {
			return invalid("Where", "The role “%s” is held for the whole initiative, not in a consortium or a community unit.", r.Name)
		}
	case "consortium":
		if a.ConsortiumID == "" {
			return invalid("Consortium", "The role “%s” is held in a consortium: choose which.", r.Name)
		}
		if a.UnitID != "" {
			return invalid("Community unit", "The role “%s” is held in a consortium, not in a community unit.", r.Name)
		}
	case "unit":
		if a.UnitID == "" {
			return invalid("Community unit", "The role “%s” is held in a community unit: choose which.", r.Name)
		}
		if a.ConsortiumID != "" {
			return invalid("Consortium", "The role “%s” is held in a community unit, not in a consortium.", r.Name)
		}
		if r.UnitLevel != "" {
			var level string
			if err := t.QueryRow("SELECT level FROM units WHERE id = ?", a.UnitID).Scan(&level); err != nil {
				return invalid("Community unit", "The community unit chosen is not in this workspace: it may have been deleted.")
			}
			if level != r.UnitLevel {
				return invalid("Community unit", "The role “%s” is held in a %s, not in a %s.", r.Name, levelName(r.UnitLevel), levelName(level))
			}
		}
	}
	return nil
}

// AssignmentFilter narrows a list of assignments; empty fields do not narrow.
type AssignmentFilter struct {
	RoleID         string
	PersonID       string
	OrganisationID string
	ConsortiumID   string
	UnitID         string
	// CurrentOn, a date, keeps only assignments held on that day.
	CurrentOn string
	// OutsideUnits leaves out the assignments held in community units
	// (representatives and mobilizers), which are most of them.
	OutsideUnits bool
}

// Assignments returns the assignments matching filter, newest start first.
func (f *File) Assignments(filter AssignmentFilter) ([]Assignment, error) {
	var c conditions
	c.equal("role_id", filter.RoleID)
	c.equal("person_id", filter.PersonID)
	c.equal("organisation_id", filter.OrganisationID)
	c.equal("consortium_id", filter.ConsortiumID)
	c.equal("unit_id", filter.UnitID)
	if filter.CurrentOn != "" {
		c.add("start_on <= ? AND (end_on = '' OR end_on > ?)", filter.CurrentOn, filter.CurrentOn)
	}
	if filter.OutsideUnits {
		c.add("unit_id IS NULL")
	}
	return list[Assignment](f.reader(), c.where(), "start_on DESC, id", c.args...)
}

// Assignment returns one assignment.
func (f *File) Assignment(id string) (Assignment, error) {
	return getRecord[Assignment](f.reader(), id)
}

// Assign records that someone holds a role from a.StartOn.
func (f *File) Assign(a Assignment) (Assignment, error) { return createRecord(f, a) }

// UpdateAssignment corrects an assignment.
func (f *File) UpdateAssignment(a Assignment) (Assignment, error) { return updateRecord(f, a) }

// EndAssignment ends an assignment on the date, with a reason; it stays as history.
func (f *File) EndAssignment(id, on, reason string) (Assignment, error) {
	var a Assignment
	err := f.write(func(t *tx) error { // read where it is written: another program may end it meanwhile
		if err := load(t, &a, id); err != nil {
			return err
		}
		if a.EndOn != "" {
			return invalid("End", "This assignment already ended on %s.", a.EndOn)
		}
		if strings.TrimSpace(on) == "" {
			return invalid("End", "End is required: write it as YYYY-MM-DD, for example 2026-03-31.")
		}
		a.EndOn, a.EndReason = on, reason
		if err := a.check(t); err != nil {
			return err
		}
		return t.update(&a)
	})
	if err != nil {
		return Assignment{}, err
	}
	return a, nil
}

// Succeed hands the role of assignment id to a successor from next.StartOn:
// the old assignment ends that day (unless it already ended) and the new one
// follows it, in the same role and place. Both change together or not at all.
func (f *File) Succeed(id string, next Assignment, reason string) (Assignment, error) {
	err := f.write(func(t *tx) error {
		var old Assignment
		if err := load(t, &old, id); err != nil {
			return err
		}
		next.ID = ""
		next.RoleID, next.ConsortiumID, next.UnitID, next.FollowsID = old.RoleID, old.ConsortiumID, old.UnitID, old.ID
		if err := next.check(t); err != nil {
			return err
		}
		if next.StartOn < old.StartOn {
			return invalid("Start", "The successor cannot start (%s) before the holder they replace started (%s).", next.StartOn, old.StartOn)
		}
		if old.EndOn == "" {
			old.EndOn, old.EndReason = next.StartOn, reason
			if err := t.update(&old); err != nil {
				return err
			}
		}
		return t.create(&next)
	})
	if err != nil {
		return Assignment{}, err
	}
	return next, nil
}

// DeleteAssignment deletes an assignment entered by mistake. To record that
// someone left a role, end the assignment instead.
func (f *File) DeleteAssignment(id string) error { return deleteRecord[Assignment](f, id) }
