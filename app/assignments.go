package app

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"cpw/workspace"
)

// assignChoices is what the "Assign a role" form offers, read before it opens.
type assignChoices struct {
	roles               []workspace.Role // to choose from; the one role when it is fixed
	orgs, people, units []option
	levels              map[string]string // a unit's level, by its id
	consortia           []workspace.Consortium
	// Which fields the form has, besides the role and the start.
	pickPerson, pickOrg, pickConsortium, pickUnit bool
	// The names of what the page it is opened from fixes.
	person, consortium, unit string
}

// assignRole shows the "Assign a role" form. What fixed names (a role, a
// person, a consortium or a community unit) is fixed by the page the form
// is opened from; the rest is chosen. offered are the roles to choose from
// when the role is not fixed (nil: every role in use). Whether the holder
// and the place suit the role is the workspace's rule, the one the import
// follows too; a refusal is said under the field at fault.
func (s *workspaceScreen) assignRole(fixed workspace.Assignment, offered []workspace.Role) {
	s.ui.busy(lang.L("Reading…"), func() (func(), error) {
		c, err := s.readAssignChoices(fixed, offered)
		if err != nil {
			return nil, err
		}
		return func() { s.assignForm(fixed, c) }, nil
	})
}

func (s *workspaceScreen) readAssignChoices(fixed workspace.Assignment, offered []workspace.Role) (*assignChoices, error) {
	f := s.file
	c := &assignChoices{roles: offered, levels: map[string]string{}}
	var err error
	switch {
	case fixed.RoleID != "":
		var r workspace.Role
		if r, err = f.Role(fixed.RoleID); err != nil {
			return nil, err
		}
		c.roles = []workspace.Role{r}
	case offered == nil:
		if c.roles, err = f.Roles(false); err != nil {
			return nil, err
		}
	}
	if fixed.PersonID != "" {
		// From a person's page: only the roles a person may hold.
		var theirs []workspace.Role
		for _, r := range c.roles {
			if r.Holder != "organisation" {
				theirs = append(theirs, r)
			}
		}
		c.roles = theirs
	}
	var person, org, consortium, unit bool
	for _, r := range c.roles {
		person = person || r.Holder != "organisation"
		org = org || r.Holder != "person"
		consortium = consortium || r.Scope == "consortium"
		unit = unit || r.Scope == "unit"
	}
	person = person && fixed.PersonID == ""
	org = org && fixed.PersonID == ""
	unit = unit && fixed.UnitID == "" && fixed.ConsortiumID == ""
	consortium = consortium && fixed.ConsortiumID == "" && fixed.UnitID == ""
	c.pickPerson, c.pickOrg, c.pickConsortium, c.pickUnit = person, org, consortium, unit
	if c.orgs, c.people, c.units, err = s.pickOptions(person, unit); err != nil {
		return nil, err
	}
	if unit {
		units, err := f.Units(workspace.UnitFilter{})
		if err != nil {
			return nil, err
		}
		for _, u := range units {
			c.levels[u.ID] = u.Level
		}
	}
	if consortium {
		if c.consortia, err = f.Consortia(); err != nil {
			return nil, err
		}
	}
	n := newNames(f)
	c.person, c.consortium, c.unit = n.person(fixed.PersonID), n.consortium(fixed.ConsortiumID), n.unit(fixed.UnitID)
	return c, nil
}

// roleRule says where a role is held and by whom.
func roleRule(r workspace.Role) string {
	where := workspace.Label(workspace.RoleScopes, r.Scope)
	if r.Scope == "unit" && r.UnitLevel != "" {
		where += " (" + workspace.Label(workspace.UnitLevels, r.UnitLevel) + ")"
	}
	return fmt.Sprintf(lang.L("Held in: %s. Held by: %s."), where, workspace.Label(workspace.RoleHolders, r.Holder))
}

func (s *workspaceScreen) assignForm(fixed workspace.Assignment, c *assignChoices) {
	f := s.file
	byID := map[string]workspace.Role{}
	var choices []workspace.Choice
	for _, r := range c.roles {
		byID[r.ID] = r
		choices = append(choices, workspace.Choice{Key: r.ID, Label: r.Name})
	}
	var fields []field
	title := lang.L("Assign a role")
	var role *choiceSelect
	if fixed.RoleID != "" {
		title = fmt.Sprintf(lang.L("Assign: %s"), c.roles[0].Name)
		fields = append(fields, field{label: lang.L("Role"), obj: widget.NewLabel(c.roles[0].Name), hint: roleRule(c.roles[0])})
	} else {
		role = newDataChoice(choices, "")
		fields = append(fields, field{label: lang.L("Role"), obj: role, hint: lang.L("What the holder and the place may be follows the role")})
	}
	var person, org, unit *picker
	switch {
	case fixed.PersonID != "":
		title = fmt.Sprintf(lang.L("Assign a role to %s"), c.person)
		fields = append(fields, field{label: lang.L("Person"), obj: widget.NewLabel(c.person), also: []string{lang.L("Holder")}})
	default:
		if c.pickPerson {
			person = newPicker(lang.L("Person"), c.people, "")
			fields = append(fields, field{label: lang.L("Person"), obj: person, hint: lang.L("Type part of the name"), also: []string{lang.L("Holder")}})
		}
		if c.pickOrg {
			org = newPicker(lang.L("Organisation"), c.orgs, "")
			fields = append(fields, field{label: lang.L("Organisation"), obj: org, hint: lang.L("Or an organisation holds it"), also: []string{lang.L("Holder")}})
		}
	}
	var consortium *choiceSelect
	switch {
	case fixed.ConsortiumID != "":
		fields = append(fields, field{label: lang.L("Consortium"), obj: widget.NewLabel(c.consortium), also: []string{lang.L("Where")}})
	case c.pickConsortium:
		options := []workspace.Choice{{Key: "", Label: lang.L("None")}}
		for _, co := range c.consortia {
			options = append(options, workspace.Choice{Key: co.ID, Label: co.Code})
		}
		consortium = newDataChoice(options, "")
		fields = append(fields, field{label: lang.L("Consortium"), obj: consortium, hint: lang.L("For roles held in a consortium"), also: []string{lang.L("Where")}})
	}
	switch {
	case fixed.UnitID != "":
		if fixed.RoleID == "" {
			title = fmt.Sprintf(lang.L("Assign a role in %s"), c.unit)
		}
		fields = append(fields, field{label: lang.L("Community unit"), obj: widget.NewLabel(c.unit), also: []string{lang.L("Where")}})
	case c.pickUnit:
		unit = newPicker(lang.L("Community unit"), nil, "")
		// Any unit typed is read, so that the workspace can say why one
		// of another level does not do; only those of the role's level
		// are offered.
		for _, o := range c.units {
			unit.byLabel[o.label] = o.id
		}
		fields = append(fields, field{label: lang.L("Community unit"), obj: unit, hint: lang.L("For roles held in a community unit"), also: []string{lang.L("Where")}})
	}
	offerUnits := func(level string) {
		if unit == nil {
			return
		}
		unit.options = nil
		for _, o := range c.units {
			if level == "" || c.levels[o.id] == level {
				unit.options = append(unit.options, o)
			}
		}
		unit.narrow(unit.Text)
	}
	if fixed.RoleID != "" {
		offerUnits(c.roles[0].UnitLevel)
	} else {
		offerUnits("")
	}
	start := dateEntry(s.today().Format(workspace.DateLayout))
	fields = append(fields, field{label: lang.L("Start"), obj: start, hint: lang.L("The first day it is held")})
	frm := s.ui.showForm(title, lang.L("Assign"), fields, func() error {
		a := fixed
		a.StartOn = start.Text
		if role != nil {
			a.RoleID = role.key()
		}
		var err error
		for _, p := range []struct {
			picker *picker
			id     *string
		}{{person, &a.PersonID}, {org, &a.OrganisationID}, {unit, &a.UnitID}} {
			if p.picker == nil {
				continue
			}
			if *p.id, err = p.picker.id(); err != nil {
				return err
			}
		}
		if consortium != nil {
			a.ConsortiumID = consortium.key()
		}
		_, err = f.Assign(a)
		// An organisation given where a person is wanted is the
		// organisation's fault, not the person left blank.
		var we *workspace.Error
		if errors.As(err, &we) && we.FieldKey == "Holder" && a.PersonID == "" && a.OrganisationID != "" && org != nil {
			moved := *we
			moved.Field = lang.L("Organisation")
			return &moved
		}
		return err
	}, s.changed)
	if role != nil {
		role.OnChanged = func(string) {
			r := byID[role.key()]
			fields[0].hint = roleRule(r)
			offerUnits(r.UnitLevel)
			frm.clear()
		}
	}
}

// assign assigns a role in a consortium; with a current assignment given,
// the new holder succeeds it (the old one ends the day the new one starts).
func (s *workspaceScreen) assign(role workspace.Role, c workspace.Consortium, replacing workspace.Assignment) {
	s.withOptions(true, false, func(orgs, people, _ []option) {
		f := s.file
		person := newPicker(lang.L("Person"), people, "")
		org := newPicker(lang.L("Organisation"), orgs, "")
		start := dateEntry(s.today().Format(workspace.DateLayout))
		reason := entry("")
		fields := []field{}
		if role.Holder != "organisation" {
			fields = append(fields, field{label: lang.L("Person"), obj: person, hint: lang.L("Type part of the name"), also: []string{lang.L("Holder")}})
		}
		if role.Holder != "person" {
			fields = append(fields, field{label: lang.L("Organisation"), obj: org, hint: lang.L("Or an organisation holds it"), also: []string{lang.L("Holder")}})
		}
		fields = append(fields, field{label: lang.L("Start"), obj: start, hint: lang.L("The first day it is held")})
		title := fmt.Sprintf(lang.L("%s in %s"), role.Name, c.Code)
		if replacing.ID != "" {
			title = fmt.Sprintf(lang.L("Replace %s as %s in %s"), newNames(f).holder(replacing), role.Name, c.Code)
			fields = append(fields, field{label: lang.L("Reason"), obj: reason, hint: lang.L("Why the predecessor leaves: transferred, withdrew, term over")})
		}
		s.ui.showForm(title, lang.L("Assign"), fields, func() error {
			pid, oid, err := holderIDs(person, org)
			if err != nil {
				return err
			}
			next := workspace.Assignment{RoleID: role.ID, PersonID: pid, OrganisationID: oid, ConsortiumID: c.ID, StartOn: start.Text}
			if replacing.ID != "" {
				_, err = f.Succeed(replacing.ID, next, reason.Text)
			} else {
				_, err = f.Assign(next)
			}
			return err
		}, s.changed)
	})
}

// assignTechnical assigns a planner or engineer in a consortium.
func (s *workspaceScreen) assignTechnical(roles []workspace.Role, c workspace.Consortium) {
	s.withOptions(true, false, func(orgs, people, _ []option) {
		f := s.file
		var choices []workspace.Choice
		for _, r := range roles {
			choices = append(choices, workspace.Choice{Key: r.ID, Label: r.Name})
		}
		role := newDataChoice(choices, roles[0].ID)
		person := newPicker(lang.L("Person"), people, "")
		org := newPicker(lang.L("Organisation"), orgs, "")
		start := dateEntry(s.today().Format(workspace.DateLayout))
		s.ui.showForm(fmt.Sprintf(lang.L("Planner or engineer in %s"), c.Code), lang.L("Assign"), []field{
			{label: lang.L("Role"), obj: role},
			{label: lang.L("Person"), obj: person, also: []string{lang.L("Holder")}},
			{label: lang.L("Organisation"), obj: org, hint: lang.L("Or an organisation holds it")},
			{label: lang.L("Start"), obj: start},
		}, func() error {
			pid, oid, err := holderIDs(person, org)
			if err != nil {
				return err
			}
			_, err = f.Assign(workspace.Assignment{RoleID: role.key(), PersonID: pid, OrganisationID: oid, ConsortiumID: c.ID, StartOn: start.Text})
			return err
		}, s.changed)
	})
}

// holderIDs reads the holder an assignment's form names: the ids of the
// person and of the organisation chosen, blank where none is.
func holderIDs(person, org *picker) (personID, orgID string, err error) {
	if personID, err = person.id(); err != nil {
		return "", "", err
	}
	orgID, err = org.id()
	return personID, orgID, err
}

// endAssignment ends an assignment on a day, keeping it as history.
func (s *workspaceScreen) endAssignment(a workspace.Assignment, holder string) {
	f := s.file
	on := dateEntry(s.today().Format(workspace.DateLayout))
	reason := entry("")
	s.ui.showForm(fmt.Sprintf(lang.L("End: %s"), holder), lang.L("End it"), []field{
		{label: lang.L("End"), obj: on, hint: lang.L("The first day it is no longer held")},
		{label: lang.L("Reason"), obj: reason, hint: lang.L("Transferred, withdrew, term over…")},
	}, func() error {
		_, err := f.EndAssignment(a.ID, on.Text, reason.Text)
		return err
	}, s.changed)
}

// splitByDay sorts assignments into those held on the day, those ended
// before it and those that start after it.
func splitByDay(as []workspace.Assignment, day string) (now, before, upcoming []workspace.Assignment) {
	for _, a := range as {
		switch {
		case a.CurrentOn(day):
			now = append(now, a)
		case a.StartOn > day:
			upcoming = append(upcoming, a)
		default:
			before = append(before, a)
		}
	}
	return now, before, upcoming
}

func roleLine(n *names, a workspace.Assignment) string {
	text := n.role(a.RoleID)
	if w := n.where(a); w != "" {
		text = fmt.Sprintf(lang.L("%s in %s"), text, w)
	}
	return text + ", " + period(a)
}
