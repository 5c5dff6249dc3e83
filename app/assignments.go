package app

import (
	"fmt"

	"fyne.io/fyne/v2/lang"

	"cpw/workspace"
)

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
