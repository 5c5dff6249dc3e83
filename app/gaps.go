package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"cpw/workspace"
)

// gapRow is a gap with the names its row shows.
type gapRow struct {
	workspace.ResourceGap
	consortium, role string
}

// gapsList is the Resource gaps section, its amounts in the workspace's
// currency; opening one shows its page.
func (s *workspaceScreen) gapsList() *listView[gapRow] {
	f := s.file
	currency := "KES"
	if in, err := f.Initiative(); err != nil {
		s.ui.showError(err) // the list still shows, its amounts headed in the default currency
	} else if in.Currency != "" {
		currency = in.Currency
	}
	initiative := lang.L("(initiative)") // a gap of no consortium
	l := newListView(s.ui, lang.L("resource gap"), lang.L("resource gaps"), []column[gapRow]{
		{title: lang.L("Consortium"), width: 130, text: func(g gapRow) string { return g.consortium }},
		{title: lang.L("Title"), width: 300, text: func(g gapRow) string { return g.Title }},
		{title: lang.L("Kind"), width: 120, text: func(g gapRow) string { return workspace.Label(workspace.GapKinds, g.Kind) }},
		{title: lang.L("Priority"), width: 80, text: func(g gapRow) string { return workspace.Label(workspace.Priorities, g.Priority) }},
		{title: lang.L("Status"), width: 110, text: func(g gapRow) string { return workspace.Label(workspace.GapStatuses, g.Status) }},
		{title: fmt.Sprintf(lang.L("Cost (%s)"), currency), width: 120, text: func(g gapRow) string { return thousands64(g.EstimatedCost) },
			sortKey: func(g gapRow) string { return amountKey(g.EstimatedCost) }},
		{title: lang.L("Secured"), width: 120, text: func(g gapRow) string { return thousands64(g.Secured) },
			sortKey: func(g gapRow) string { return amountKey(g.Secured) }},
		{title: lang.L("Missing"), width: 120, text: func(g gapRow) string { return thousands64(g.Missing()) },
			sortKey: func(g gapRow) string { return amountKey(g.Missing()) }},
		{title: lang.L("Role"), width: 200, text: func(g gapRow) string { return g.role }},
	}, func() ([]gapRow, error) {
		lk, err := readLookups(f, false)
		if err != nil {
			return nil, err
		}
		gaps, err := f.ResourceGaps(workspace.GapFilter{})
		out := make([]gapRow, len(gaps))
		for i, g := range gaps {
			c := lk.consortia[g.ConsortiumID]
			if c == "" {
				c = initiative
			}
			out[i] = gapRow{g, c, lk.roles[g.RoleID]}
		}
		return out, err
	})
	if !f.ReadOnly() {
		l.onNew = func() { s.editGap(workspace.ResourceGap{}) }
		l.onDel = func(g gapRow) {
			s.ui.confirmDelete(fmt.Sprintf(lang.L("the resource gap “%s”"), g.Title), "gaps", g.ID, func() error { return f.DeleteResourceGap(g.ID) }, s.changed)
		}
	}
	l.onOpen = func(g gapRow) { s.showGap(g.ID) }
	return l.build()
}

// editGap shows a resource gap's form: a new one when its id is empty.
func (s *workspaceScreen) editGap(g workspace.ResourceGap) {
	f := s.file
	consortia, err := f.Consortia()
	if err != nil {
		s.ui.showError(err)
		return
	}
	roles, err := f.Roles(false)
	if err != nil {
		s.ui.showError(err)
		return
	}
	in, err := f.Initiative()
	if err != nil {
		s.ui.showError(err)
		return
	}
	where := []workspace.Choice{{Key: "", Label: lang.L("The whole initiative")}}
	for _, c := range consortia {
		where = append(where, workspace.Choice{Key: c.ID, Label: c.Code + " — " + c.Name})
	}
	roleChoices := []workspace.Choice{{Key: "", Label: lang.L("None")}}
	for _, r := range roles {
		roleChoices = append(roleChoices, workspace.Choice{Key: r.ID, Label: r.Name})
	}
	consortium := newDataChoice(where, g.ConsortiumID)
	title := entry(g.Title)
	kind := newChoice(workspace.GapKinds, g.Kind)
	role := newDataChoice(roleChoices, g.RoleID)
	priority := newChoice(workspace.Priorities, g.Priority)
	status := newChoice(workspace.GapStatuses, g.Status)
	cost, secured := entry(thousands64(g.EstimatedCost)), entry(thousands64(g.Secured))
	notes := multiline(g.Notes)
	heading, confirm := lang.L("New resource gap"), lang.L("Add")
	if g.ID != "" {
		heading, confirm = fmt.Sprintf(lang.L("Resource gap: %s"), g.Title), lang.L("Save")
	}
	s.readOnlyNote(&heading)
	base := g // as read, for saving only what the form changes
	s.ui.showForm(heading, confirm, []field{
		{label: lang.L("Consortium"), obj: consortium, hint: lang.L("Who needs it")},
		{label: lang.L("Title"), obj: title, hint: lang.L("What is needed, in a few words")},
		{label: lang.L("Kind"), obj: kind},
		{label: lang.L("Role"), obj: role, hint: lang.L("The role it would fill, if any")},
		{label: lang.L("Priority"), obj: priority},
		{label: lang.L("Status"), obj: status},
		{label: lang.L("Estimated cost"), obj: cost, hint: fmt.Sprintf(lang.L("In %s, such as 1,250,000 or 1.2M"), in.Currency), also: []string{lang.L("Amounts")}},
		{label: lang.L("Secured"), obj: secured, hint: lang.L("How much of the cost is already found")},
		{label: lang.L("Notes"), obj: notes},
	}, func() error {
		c, err := amount(lang.L("Estimated cost"), in.Currency, cost)
		if err != nil {
			return err
		}
		sec, err := amount(lang.L("Secured"), in.Currency, secured)
		if err != nil {
			return err
		}
		g.ConsortiumID, g.Title, g.Kind, g.RoleID = consortium.key(), title.Text, kind.key(), role.key()
		g.Priority, g.Status, g.EstimatedCost, g.Secured, g.Notes = priority.key(), status.key(), c, sec, notes.Text
		if g.ID == "" {
			_, err = f.CreateResourceGap(g)
		} else {
			_, err = workspace.UpdateFrom(f, base, g)
		}
		return err
	}, s.changed)
}

// showGap shows a resource gap's page: what is needed, what it costs, and
// the organisations approached to fill it and how far each got.
func (s *workspaceScreen) showGap(id string) {
	g, p, ok := openPage(s, id, s.file.ResourceGap, s.showGap)
	if !ok {
		return
	}
	n := p.names
	where := n.consortium(g.ConsortiumID)
	if where == "" {
		where = lang.L("the whole initiative")
	}
	p.line(fmt.Sprintf(lang.L("%s for %s · %s priority · %s"), workspace.Label(workspace.GapKinds, g.Kind), where,
		strings.ToLower(workspace.Label(workspace.Priorities, g.Priority)), workspace.Label(workspace.GapStatuses, g.Status)))
	p.line(fmt.Sprintf(lang.L("Cost %s %s, secured %s, missing %s."), p.initiative.Currency, thousands64(g.EstimatedCost), thousands64(g.Secured), thousands64(g.Missing())))
	p.field(lang.L("Role it would fill"), n.role(g.RoleID))
	p.field(lang.L("Filled by"), n.organisation(g.FilledByOrganisationID)+n.person(g.FilledByPersonID))
	p.field(lang.L("Notes"), g.Notes)

	candidates, err := s.file.GapCandidates(id)
	if err != nil {
		s.ui.showError(err)
		return
	}
	p.part(fmt.Sprintf(lang.L("Candidate organisations (%d)"), len(candidates)), lang.L("Add candidate…"),
		func() { s.editCandidate(g, workspace.GapCandidate{GapID: id}) })
	if len(candidates) == 0 {
		p.box.Add(widget.NewLabel(lang.L("None approached yet.")))
	}
	for _, c := range candidates {
		text := n.organisation(c.OrganisationID) + " — " + workspace.Label(workspace.CandidateStages, c.Stage) + nonEmptyPrefix(": ", c.Notes)
		p.lineWith(text,
			widget.NewButton(lang.L("Edit…"), func() { s.editCandidate(g, c) }),
			widget.NewButton(lang.L("Remove…"), func() {
				s.ui.confirmDelete(fmt.Sprintf(lang.L("%s as a candidate"), n.organisation(c.OrganisationID)), "gap_candidates", c.ID,
					func() error { return s.file.RemoveCandidate(c.ID) }, s.changed)
			}))
	}
	p.show(g.Title, func() { s.editGap(g) })
}

// editCandidate shows the form of an organisation approached to fill a
// gap: a new one when its id is empty.
func (s *workspaceScreen) editCandidate(g workspace.ResourceGap, c workspace.GapCandidate) {
	s.withOptions(false, false, func(orgs, _, _ []option) {
		f := s.file
		org := newPicker(lang.L("Organisation"), orgs, c.OrganisationID)
		stage := newChoice(workspace.CandidateStages, c.Stage)
		notes := multiline(c.Notes)
		title, confirm := fmt.Sprintf(lang.L("Candidate for “%s”"), g.Title), lang.L("Add")
		if c.ID != "" {
			confirm = lang.L("Save")
		}
		base := c // as read, for saving only what the form changes
		s.ui.showForm(title, confirm, []field{
			{label: lang.L("Organisation"), obj: org},
			{label: lang.L("Stage"), obj: stage, hint: lang.L("How far the approach got")},
			{label: lang.L("Notes"), obj: notes},
		}, func() error {
			oid, err := org.id()
			if err != nil {
				return err
			}
			c.OrganisationID, c.Stage, c.Notes = oid, stage.key(), notes.Text
			if c.ID == "" {
				_, err = f.AddCandidate(c)
			} else {
				_, err = workspace.UpdateFrom(f, base, c)
			}
			return err
		}, s.changed)
	})
}
