package app

import (
	"fmt"

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
	if o.ID != "" {
		title, confirm = fmt.Sprintf(lang.L("Organisation: %s"), o.Name), lang.L("Save")
	}
	s.readOnlyNote(&title)
	s.ui.showForm(title, confirm, []field{
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
	}, func() error {
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
