package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cpw/workspace"
)

// organisationRow is an organisation with the names its row shows.
type organisationRow struct {
	workspace.Organisation
	sectors string
}

// organisationsList is the Organisations section; opening one shows its
// page.
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
		l.addAction(lang.L("Edit…"), theme.DocumentCreateIcon(), func(o organisationRow) { s.editOrganisation(o.Organisation) })
	}
	l.onOpen = func(o organisationRow) { s.showOrganisation(o.ID) }
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
	read := o // as read, for saving only what the form changes
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
			_, err = workspace.UpdateFrom(f, read, o)
		}
		return err
	}, s.changed)
}

// organisationActivities adds what the organisation does where, each with
// its unit or place and status, to correct or delete; and a way to add one.
func (s *workspaceScreen) organisationActivities(p *recordPage, o workspace.Organisation) error {
	f, n := s.file, p.names
	acts, err := f.Activities(workspace.ActivityFilter{OrganisationID: o.ID})
	if err != nil {
		return err
	}
	p.part(fmt.Sprintf(lang.L("Activities (%d)"), len(acts)), lang.L("Add…"), func() { s.editActivity(workspace.Activity{OrganisationID: o.ID}) })
	if len(acts) == 0 {
		p.line(lang.L("None yet: add one, or import a partner's 3W matrix."))
	}
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
		p.lineWith(strings.Join([]string{a.Description, where, status}, " — "),
			widget.NewButton(lang.L("Edit…"), func() { s.editActivity(a) }),
			widget.NewButton(lang.L("Delete…"), func() {
				s.ui.confirmDelete(fmt.Sprintf(lang.L("the activity “%s”"), clipText(a.Description, 40)), "activities", a.ID,
					func() error { return f.DeleteActivity(a.ID) }, s.changed)
			}))
	}
	return nil
}

// editActivity shows an activity's form (a new one when its id is empty),
// once the units it offers are read.
func (s *workspaceScreen) editActivity(a workspace.Activity) {
	s.withOptions(false, true, func(_, _, units []option) {
		f := s.file
		sectors, err := f.Sectors()
		if err != nil {
			s.ui.showError(err)
			return
		}
		choices := []workspace.Choice{{Key: "", Label: lang.L("Not recorded")}}
		for _, sec := range sectors {
			choices = append(choices, workspace.Choice{Key: sec.ID, Label: sec.Name})
		}
		description, place, notes := entry(a.Description), entry(a.Place), multiline(a.Notes)
		sector := newDataChoice(choices, a.SectorID)
		unit := newPicker(lang.L("Community unit"), units, a.UnitID)
		status := newChoice(workspace.ActivityStatuses, a.Status)
		start, end := dateEntry(a.StartOn), dateEntry(a.EndOn)
		title, confirm := lang.L("New activity"), lang.L("Add")
		if a.ID != "" {
			title, confirm = fmt.Sprintf(lang.L("Activity: %s"), a.Description), lang.L("Save")
		}
		s.readOnlyNote(&title)
		read := a // as read, for saving only what the form changes
		s.ui.showForm(title, confirm, []field{
			{label: lang.L("Activity"), obj: description, hint: lang.L("What is done, such as water kiosks")},
			{label: lang.L("Sector"), obj: sector},
			{label: lang.L("Community unit"), obj: unit, hint: lang.L("Where it happens, when a unit of the workspace")},
			{label: lang.L("Place"), obj: place, hint: lang.L("Where it happens as the partner wrote it, when no unit is")},
			{label: lang.L("Status"), obj: status},
			{label: lang.L("Start"), obj: start},
			{label: lang.L("End"), obj: end},
			{label: lang.L("Notes"), obj: notes},
		}, func() error {
			unitID, err := unit.id()
			if err != nil {
				return err
			}
			a.Description, a.SectorID, a.UnitID, a.Place = description.Text, sector.key(), unitID, place.Text
			a.Status, a.StartOn, a.EndOn, a.Notes = status.key(), start.Text, end.Text, notes.Text
			if a.ID == "" {
				_, err = f.CreateActivity(a)
			} else {
				_, err = workspace.UpdateFrom(f, read, a)
			}
			return err
		}, s.changed)
	})
}

// showOrganisation shows an organisation's page: what it is, its people,
// the consortia it belongs and belonged to, the roles it and its people
// hold, the gaps it filled or may fill, what it does where, and the
// findings about it.
func (s *workspaceScreen) showOrganisation(id string) {
	o, p, ok := openPage(s, id, s.file.Organisation, s.showOrganisation)
	if !ok {
		return
	}
	sectors, err := s.file.Sectors()
	if err != nil {
		s.ui.showError(err)
		return
	}
	sectorNames := map[string]string{}
	for _, sc := range sectors {
		sectorNames[sc.ID] = sc.Name
	}
	var its []string
	for _, sid := range o.SectorIDs {
		its = append(its, sectorNames[sid])
	}
	p.recorded(lang.L("Kind"), workspace.Label(workspace.OrganisationKinds, o.Kind))
	p.recorded(lang.L("Base"), workspace.Label(workspace.Bases, o.Base))
	p.recorded(lang.L("Commitment"), workspace.Label(workspace.Commitments, o.Commitment))
	p.recorded(lang.L("Stance"), workspace.Label(workspace.Stances, o.Stance))
	p.recorded(lang.L("Influence"), workspace.Label(workspace.Influences, o.Influence))
	p.recorded(lang.L("Sectors"), strings.Join(its, ", "))
	p.recorded(lang.L("Interests"), o.Interests)
	p.field(lang.L("Notes"), o.Notes) // free text: nothing to say when blank
	err = s.organisationPeople(p, o)
	if err == nil {
		err = s.organisationMemberships(p, o)
	}
	if err == nil {
		err = s.organisationRoles(p, o)
	}
	if err == nil {
		err = s.organisationGaps(p, o)
	}
	if err == nil {
		err = s.organisationActivities(p, o)
	}
	if err != nil {
		s.ui.showError(err)
		return
	}
	if findings := s.findingsAbout(id); len(findings) > 0 {
		p.part(lang.L("Health-check findings"), "", nil)
		p.findings(findings)
	}
	title := o.Name
	if o.Acronym != "" {
		title += " (" + o.Acronym + ")"
	}
	p.show(title, func() { s.editOrganisation(o) })
}

// recorded adds "label: value", saying "Not recorded" where the value is
// blank, as the lists do.
func (p *recordPage) recorded(label, value string) {
	p.line(label + ": " + nonEmpty(value, lang.L("Not recorded")))
}

// organisationPeople adds how many people the organisation has and the
// first of them by name, each with a way to their page; a big one has
// thousands, so only those listed are read.
func (s *workspaceScreen) organisationPeople(p *recordPage, o workspace.Organisation) error {
	people, total, err := s.file.OrganisationPeople(o.ID, maxListed)
	if err != nil {
		return err
	}
	p.part(fmt.Sprintf(lang.L("People (%d)"), total), lang.L("Add person…"),
		func() { s.editPerson(workspace.Person{OrganisationID: o.ID}) })
	if total == 0 {
		p.box.Add(widget.NewLabel(lang.L("None.")))
	}
	for _, person := range people {
		// Opening a page is reading, so it is offered on a read-only file too.
		p.box.Add(lineWith(person.Name+nonEmptyPrefix(", ", person.Position),
			widget.NewButton(lang.L("Open…"), func() { s.enter(secPeople); s.showPerson(person.ID) })))
	}
	if total > len(people) {
		p.box.Add(widget.NewLabel(fmt.Sprintf(lang.L("… and %d more: the People section lists them all."), total-len(people))))
	}
	return nil
}

// organisationMemberships adds the consortia it belongs to now, then those
// it left, each with what it brings and when.
func (s *workspaceScreen) organisationMemberships(p *recordPage, o workspace.Organisation) error {
	ms, err := s.file.MembershipsOf(o.ID)
	if err != nil {
		return err
	}
	var now, before []workspace.ConsortiumMember
	for _, m := range ms {
		if m.LeftOn == "" {
			now = append(now, m)
		} else {
			before = append(before, m)
		}
	}
	p.part(fmt.Sprintf(lang.L("Consortium memberships (%d now)"), len(now)), "", nil)
	if len(ms) == 0 {
		p.box.Add(widget.NewLabel(lang.L("None.")))
	}
	for _, m := range append(now, before...) {
		text := p.names.consortium(m.ConsortiumID) + nonEmptyPrefix(" — ", m.Contribution) + nonEmptyPrefix(", ", membershipPeriod(m))
		p.lineWith(text, widget.NewButton(lang.L("Edit…"), func() {
			c, err := s.file.Consortium(m.ConsortiumID)
			if err != nil {
				s.ui.showError(err)
				return
			}
			s.editMember(c, m)
		}))
	}
	return nil
}

// membershipPeriod writes a membership's dates, as far as they are known.
func membershipPeriod(m workspace.ConsortiumMember) string {
	switch {
	case m.JoinedOn == "" && m.LeftOn == "":
		return ""
	case m.LeftOn == "":
		return fmt.Sprintf(lang.L("since %s"), m.JoinedOn)
	case m.JoinedOn == "":
		return fmt.Sprintf(lang.L("left %s"), m.LeftOn)
	}
	return fmt.Sprintf(lang.L("%s to %s"), m.JoinedOn, m.LeftOn)
}

// organisationRoles adds the roles the organisation itself holds, will hold
// and held, then those its people hold now (at most maxListed of them).
func (s *workspaceScreen) organisationRoles(p *recordPage, o workspace.Organisation) error {
	n := p.names
	own, err := s.file.Assignments(workspace.AssignmentFilter{OrganisationID: o.ID})
	if err != nil {
		return err
	}
	theirs, total, err := s.file.AssignmentsOfPeopleIn(o.ID, p.today, maxListed)
	if err != nil {
		return err
	}
	p.held(own, rolesTitles(), func(a workspace.Assignment) string { return roleLine(n, a) },
		func(workspace.Assignment) string { return o.Name }, nil)
	p.part(fmt.Sprintf(lang.L("Roles its people hold now (%d)"), total), "", nil)
	if total == 0 {
		p.box.Add(widget.NewLabel(lang.L("None.")))
	}
	for _, a := range theirs {
		p.line(n.person(a.PersonID) + ": " + roleLine(n, a))
	}
	if total > len(theirs) {
		p.box.Add(widget.NewLabel(fmt.Sprintf(lang.L("… and %d more."), total-len(theirs))))
	}
	return nil
}

// organisationGaps adds the resource gaps it filled and those it is a
// candidate for, with how far the approach got.
func (s *workspaceScreen) organisationGaps(p *recordPage, o workspace.Organisation) error {
	n := p.names
	filled, err := s.file.GapsFilledBy(o.ID)
	if err != nil {
		return err
	}
	candidacies, err := s.file.CandidaciesOf(o.ID)
	if err != nil {
		return err
	}
	whose := func(g workspace.ResourceGap) string {
		if g.ConsortiumID == "" {
			return lang.L("the whole initiative")
		}
		return n.consortium(g.ConsortiumID)
	}
	// Opening a gap is reading, so it is offered on a read-only file too.
	open := func(g workspace.ResourceGap) fyne.CanvasObject {
		return widget.NewButton(lang.L("Open…"), func() { s.enter(secGaps); s.showGap(g.ID) })
	}
	p.part(fmt.Sprintf(lang.L("Resource gaps it filled (%d)"), len(filled)), "", nil)
	if len(filled) == 0 {
		p.box.Add(widget.NewLabel(lang.L("None.")))
	}
	for _, g := range filled {
		p.box.Add(lineWith(fmt.Sprintf(lang.L("%s, for %s"), g.Title, whose(g)), open(g)))
	}
	p.part(fmt.Sprintf(lang.L("Resource gaps it is a candidate for (%d)"), len(candidacies)), "", nil)
	if len(candidacies) == 0 {
		p.box.Add(widget.NewLabel(lang.L("None.")))
	}
	for _, c := range candidacies {
		text := fmt.Sprintf(lang.L("%s, for %s"), c.Gap.Title, whose(c.Gap)) + " — " + workspace.Label(workspace.CandidateStages, c.Candidate.Stage) +
			" (" + strings.ToLower(workspace.Label(workspace.GapStatuses, c.Gap.Status)) + ")"
		p.box.Add(lineWith(text, open(c.Gap)))
	}
	return nil
}
