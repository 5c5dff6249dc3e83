package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"

	"cpw/workspace"
)

// organisationRow is an organisation with the names its row shows.
type organisationRow struct {
	workspace.Organisation
	sectors string
}

// organisationsList is the Organisations section; opening one shows its
// form, since an organisation has no page of its own.
func (s *workspaceScreen) organisationsList() *listView[organisationRow] {
	f := s.file
	l := newListView(s.ui, lang.L("organisation"), lang.L("organisations"), []column[organisationRow]{
		{title: lang.L("Name"), width: 300, text: func(o organisationRow) string { return o.Name }},
		{title: lang.L("Acronym"), width: 90, text: func(o organisationRow) string { return o.Acronym }},
		{title: lang.L("Kind"), width: 220, text: func(o organisationRow) string { return workspace.Label(workspace.OrganisationKinds, o.Kind) }},
		{title: lang.L("Base"), width: 100, text: func(o organisationRow) string { return workspace.Label(workspace.Bases, o.Base) }},
		{title: lang.L("Commitment"), width: 110, text: func(o organisationRow) string { return workspace.Label(workspace.Commitments, o.Commitment) }},
		{title: lang.L("Stance"), width: 150, text: func(o organisationRow) string { return workspace.Label(workspace.Stances, o.Stance) }},
		{title: lang.L("Influence"), width: 90, text: func(o organisationRow) string { return workspace.Label(workspace.Influences, o.Influence) }},
		{title: lang.L("Sectors"), width: 300, text: func(o organisationRow) string { return o.sectors }},
	}, func() ([]organisationRow, error) {
		lk, err := readLookups(f, false)
		if err != nil {
			return nil, err
		}
		orgs, err := f.Organisations()
		out := make([]organisationRow, len(orgs))
		for i, o := range orgs {
			out[i] = organisationRow{o, lk.names(lk.sectors, o.SectorIDs)}
		}
		return out, err
	})
	if !f.ReadOnly() {
		l.onNew = func() { s.editOrganisation(workspace.Organisation{}) }
		l.onDel = func(o organisationRow) {
			s.ui.confirmDelete(fmt.Sprintf(lang.L("the organisation “%s”"), o.Name), "organisations", o.ID, func() error { return f.DeleteOrganisation(o.ID) }, s.changed)
		}
	}
	l.onOpen = func(o organisationRow) { s.editOrganisation(o.Organisation) }
	return l.build()
}

// editOrganisation shows the organisation's form: a new one when its id is empty.
func (s *workspaceScreen) editOrganisation(o workspace.Organisation) {
	f := s.file
	sectors, err := f.Sectors()
	if err != nil {
		s.ui.showError(err)
		return
	}
	name, acronym := entry(o.Name), entry(o.Acronym)
	kind := newChoice(workspace.OrganisationKinds, o.Kind)
	base := newChoice(workspace.Bases, o.Base)
	secs := newSectorChecks(sectors, o.SectorIDs)
	interests := multiline(o.Interests)
	commitment := newChoice(workspace.Commitments, o.Commitment)
	stance := newChoice(workspace.Stances, o.Stance)
	influence := newChoice(workspace.Influences, o.Influence)
	notes := multiline(o.Notes)
	title, confirm := lang.L("New organisation"), lang.L("Add")
	var activities []field
	if o.ID != "" {
		title, confirm = fmt.Sprintf(lang.L("Organisation: %s"), o.Name), lang.L("Save")
		list, err := organisationActivities(f, o.ID)
		if err != nil {
			s.ui.showError(err)
			return
		}
		activities = append(activities, field{label: lang.L("Activities"), obj: list, hint: lang.L("What it does where, as its 3W matrices say")})
	}
	s.readOnlyNote(&title)
	s.ui.showForm(title, confirm, append([]field{
		{label: lang.L("Name"), obj: name, hint: lang.L("Its full name; no two organisations may share it")},
		{label: lang.L("Acronym"), obj: acronym},
		{label: lang.L("Kind"), obj: kind},
		{label: lang.L("Base"), obj: base, hint: lang.L("Where it is rooted")},
		{label: lang.L("Sectors"), obj: secs.group, hint: lang.L("What it knows about")},
		{label: lang.L("Interests"), obj: interests, hint: lang.L("What it wants from the initiative")},
		{label: lang.L("Commitment"), obj: commitment},
		{label: lang.L("Stance"), obj: stance, hint: lang.L("For the stakeholder map")},
		{label: lang.L("Influence"), obj: influence, hint: lang.L("For the stakeholder map")},
		{label: lang.L("Notes"), obj: notes},
	}, activities...), func() error {
		o.Name, o.Acronym, o.Kind, o.Base = name.Text, acronym.Text, kind.key(), base.key()
		o.SectorIDs, o.Interests, o.Commitment = secs.ids(), interests.Text, commitment.key()
		o.Stance, o.Influence, o.Notes = stance.key(), influence.key(), notes.Text
		var err error
		if o.ID == "" {
			_, err = f.CreateOrganisation(o)
		} else {
			_, err = f.UpdateOrganisation(o)
		}
		return err
	}, s.changed)
}

// organisationActivities lists, read-only, what an organisation does
// where: each activity with its place (the community unit's path, else the
// place as written) and its status.
func organisationActivities(f *workspace.File, orgID string) (fyne.CanvasObject, error) {
	acts, err := f.Activities(workspace.ActivityFilter{OrganisationID: orgID})
	if err != nil {
		return nil, err
	}
	box := container.NewVBox()
	if len(acts) == 0 {
		box.Add(wrapped(lang.L("None yet: importing a partner's 3W matrix adds them.")))
		return box, nil
	}
	n := newNames(f)
	for _, a := range acts {
		where := n.unit(a.UnitID)
		switch {
		case where != "":
		case a.Place != "":
			where = "“" + a.Place + "”" // as the partner wrote it: no unit of the workspace
		default:
			where = lang.L("place not recorded")
		}
		status := workspace.Label(workspace.ActivityStatuses, a.Status)
		box.Add(wrapped(strings.Join([]string{a.Description, where, status}, " — ")))
	}
	return box, nil
}
