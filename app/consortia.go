package app

import (
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"cpw/workspace"
)

// consortiumRow is a consortium with its leads, members and gaps in words.
type consortiumRow struct {
	workspace.Consortium
	countyLead, civilLead string
	members, openGaps     int
	missing               int64
}

// consortiaList is the Consortia section: each consortium with its leads,
// members and open gaps; opening one shows its page.
func (s *workspaceScreen) consortiaList() *listView[consortiumRow] {
	f := s.file
	l := newListView(s.ui, lang.L("consortium"), lang.L("consortia"), []column[consortiumRow]{
		{title: lang.L("Code"), width: 80, text: func(c consortiumRow) string { return c.Code }},
		{title: lang.L("Name"), width: 330, text: func(c consortiumRow) string { return c.Name }},
		{title: lang.L("Status"), width: 170, text: func(c consortiumRow) string { return workspace.Label(workspace.ConsortiumStatuses, c.Status) }},
		{title: lang.L("County lead"), width: 180, text: func(c consortiumRow) string { return c.countyLead }},
		{title: lang.L("Civil-society lead"), width: 180, text: func(c consortiumRow) string { return c.civilLead }},
		{title: lang.L("Members"), width: 80, text: func(c consortiumRow) string { return thousands(c.members) },
			sortKey: func(c consortiumRow) string { return amountKey(int64(c.members)) }},
		{title: lang.L("Open gaps"), width: 90, text: func(c consortiumRow) string { return thousands(c.openGaps) },
			sortKey: func(c consortiumRow) string { return amountKey(int64(c.openGaps)) }},
		{title: lang.L("Missing"), width: 120, text: func(c consortiumRow) string { return thousands64(c.missing) },
			sortKey: func(c consortiumRow) string { return amountKey(c.missing) }},
	}, func() ([]consortiumRow, error) { return s.readConsortia() })
	if !f.ReadOnly() {
		l.onNew = func() { s.editConsortium(workspace.Consortium{}) }
		l.onDel = func(c consortiumRow) {
			s.ui.confirmDelete(fmt.Sprintf(lang.L("the consortium %s"), c.Code), "consortia", c.ID, func() error { return f.DeleteConsortium(c.ID) }, s.changed)
		}
	}
	l.onOpen = func(c consortiumRow) { s.showConsortium(c.ID) }
	return l.build()
}

// readConsortia reads each consortium with its current leads, members and open gaps.
func (s *workspaceScreen) readConsortia() ([]consortiumRow, error) {
	f := s.file
	today := s.today().Format(workspace.DateLayout)
	cs, err := f.Consortia()
	if err != nil {
		return nil, err
	}
	// A lead role gone from the catalogue leaves its column blank.
	county, _, err := seededRole(f, workspace.RoleTechnicalLeadGovernment)
	if err != nil {
		return nil, err
	}
	civil, _, err := seededRole(f, workspace.RoleTechnicalLeadCivil)
	if err != nil {
		return nil, err
	}
	current, err := f.Assignments(workspace.AssignmentFilter{CurrentOn: today, OutsideUnits: true})
	if err != nil {
		return nil, err
	}
	members, err := f.Members("")
	if err != nil {
		return nil, err
	}
	gaps, err := f.ResourceGaps(workspace.GapFilter{})
	if err != nil {
		return nil, err
	}
	byID := map[string]*consortiumRow{}
	out := make([]consortiumRow, len(cs))
	for i, c := range cs {
		out[i] = consortiumRow{Consortium: c}
		byID[c.ID] = &out[i]
	}
	n := newNames(f)
	for _, a := range current {
		r := byID[a.ConsortiumID]
		if r == nil {
			continue
		}
		switch a.RoleID {
		case county.ID:
			r.countyLead = joinNonEmpty(r.countyLead, n.holder(a))
		case civil.ID:
			r.civilLead = joinNonEmpty(r.civilLead, n.holder(a))
		}
	}
	for _, m := range members {
		if r := byID[m.ConsortiumID]; r != nil && m.LeftOn == "" {
			r.members++
		}
	}
	for _, g := range gaps {
		if r := byID[g.ConsortiumID]; r != nil && g.IsOpen() {
			r.openGaps++
			r.missing += g.Missing()
		}
	}
	return out, nil
}

func joinNonEmpty(a, b string) string {
	if a == "" {
		return b
	}
	return a + ", " + b
}

// editConsortium shows a consortium's form: a new one when its id is empty.
func (s *workspaceScreen) editConsortium(c workspace.Consortium) {
	f := s.file
	sectors, err := f.Sectors()
	if err != nil {
		s.ui.showError(err)
		return
	}
	code, name, purpose := entry(c.Code), entry(c.Name), multiline(c.Purpose)
	status := newChoice(workspace.ConsortiumStatuses, c.Status)
	secs := newSectorChecks(sectors, c.SectorIDs)
	title, confirm := lang.L("New consortium"), lang.L("Add")
	if c.ID != "" {
		title, confirm = fmt.Sprintf(lang.L("Consortium %s"), c.Code), lang.L("Save")
	}
	s.readOnlyNote(&title)
	base := c // as read, for saving only what the form changes
	s.ui.showForm(title, confirm, []field{
		{label: lang.L("Code"), obj: code, hint: lang.L("One short word, such as WSE")},
		{label: lang.L("Name"), obj: name},
		{label: lang.L("Purpose"), obj: purpose},
		{label: lang.L("Status"), obj: status},
		{label: lang.L("Sectors"), obj: secs.group},
	}, func() error {
		c.Code, c.Name, c.Purpose, c.Status, c.SectorIDs = code.Text, name.Text, purpose.Text, status.key(), secs.ids()
		var err error
		if c.ID == "" {
			_, err = f.CreateConsortium(c)
		} else {
			_, err = workspace.UpdateFrom(f, base, c)
		}
		return err
	}, s.changed)
}

// showConsortium shows a consortium's page: its leads (with their history),
// members, planners and engineers, gaps with totals, meetings and open
// actions, and the findings about it.
func (s *workspaceScreen) showConsortium(id string) {
	c, p, ok := openPage(s, id, s.file.Consortium, s.showConsortium)
	if !ok {
		return
	}
	lk, err := readLookups(s.file, false)
	if err != nil {
		s.ui.showError(err)
		return
	}
	p.line(fmt.Sprintf("%s · %s", workspace.Label(workspace.ConsortiumStatuses, c.Status), lk.names(lk.sectors, c.SectorIDs)))
	if c.Purpose != "" {
		p.line(c.Purpose)
	}
	assignments, err := s.file.Assignments(workspace.AssignmentFilter{ConsortiumID: id})
	if err == nil {
		err = s.consortiumLeads(p, c, assignments)
	}
	if err == nil {
		err = s.consortiumMembers(p, c)
	}
	if err == nil {
		err = s.consortiumTechnical(p, c, assignments)
	}
	if err == nil {
		err = s.consortiumGaps(p, c)
	}
	if err == nil {
		err = s.consortiumMeetings(p, c)
	}
	if err != nil {
		s.ui.showError(err)
		return
	}
	findings := s.findingsAbout(id)
	p.box.Add(widget.NewSeparator())
	p.box.Add(heading(fmt.Sprintf(lang.L("Health-check findings (%d)"), len(findings))))
	p.findings(findings)
	if len(findings) == 0 {
		p.box.Add(widget.NewLabel(lang.L("The checks found nothing about this consortium.")))
	}
	p.show(c.Code+" — "+c.Name, func() { s.editConsortium(c) })
}

// consortiumLeads adds the county and civil-society leads: who holds each
// now, who will, and who held it before.
func (s *workspaceScreen) consortiumLeads(p *recordPage, c workspace.Consortium, assignments []workspace.Assignment) error {
	n := p.names
	for _, key := range []string{workspace.RoleTechnicalLeadGovernment, workspace.RoleTechnicalLeadCivil} {
		role, ok, err := seededRole(s.file, key)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		var held []workspace.Assignment
		for _, a := range assignments {
			if a.RoleID == role.ID {
				held = append(held, a)
			}
		}
		now, before, upcoming := splitByDay(held, p.today)
		p.part(role.Name, lang.L("Assign…"), func() { s.assign(role, c, workspace.Assignment{}) })
		if len(now) == 0 {
			p.box.Add(widget.NewLabel(lang.L("Nobody holds it now.")))
		}
		for _, a := range now {
			p.lineWith(n.holder(a)+", "+period(a),
				widget.NewButton(lang.L("End…"), func() { s.endAssignment(a, n.holder(a)) }),
				widget.NewButton(lang.L("Replace…"), func() { s.assign(role, c, a) }))
		}
		for _, a := range upcoming {
			p.lineWith(fmt.Sprintf(lang.L("From %s: %s"), a.StartOn, n.holder(a)),
				widget.NewButton(lang.L("End…"), func() { s.endAssignment(a, n.holder(a)) }))
		}
		sort.Slice(before, func(i, j int) bool { return before[i].StartOn > before[j].StartOn })
		for _, a := range before {
			p.line(fmt.Sprintf(lang.L("Before: %s, %s"), n.holder(a), period(a)))
		}
	}
	return nil
}

// consortiumMembers adds the member organisations and what each brings.
func (s *workspaceScreen) consortiumMembers(p *recordPage, c workspace.Consortium) error {
	n := p.names
	members, err := s.file.Members(c.ID)
	if err != nil {
		return err
	}
	current := 0
	for _, m := range members {
		if m.LeftOn == "" {
			current++
		}
	}
	p.part(fmt.Sprintf(lang.L("Members (%d now)"), current), lang.L("Add member…"),
		func() { s.editMember(c, workspace.ConsortiumMember{ConsortiumID: c.ID, JoinedOn: p.today}) })
	sort.SliceStable(members, func(i, j int) bool {
		return n.organisation(members[i].OrganisationID) < n.organisation(members[j].OrganisationID)
	})
	for _, m := range members {
		text := n.organisation(m.OrganisationID)
		if m.Contribution != "" {
			text += " — " + m.Contribution
		}
		if m.LeftOn != "" {
			text += " " + fmt.Sprintf(lang.L("(left %s)"), m.LeftOn)
		}
		p.lineWith(text, widget.NewButton(lang.L("Edit…"), func() { s.editMember(c, m) }))
	}
	return nil
}

// consortiumTechnical adds the planners and engineers who work for it now.
func (s *workspaceScreen) consortiumTechnical(p *recordPage, c workspace.Consortium, assignments []workspace.Assignment) error {
	n := p.names
	var technical []workspace.Role
	for _, key := range []string{workspace.RoleSpatialPlanner, workspace.RoleSectoralPlanner, workspace.RoleEngineer} {
		r, ok, err := seededRole(s.file, key)
		if err != nil {
			return err
		}
		if ok && r.RetiredOn == "" {
			technical = append(technical, r)
		}
	}
	var assign func()
	if len(technical) > 0 {
		assign = func() { s.assignTechnical(technical, c) }
	}
	p.part(lang.L("Planners and engineers"), lang.L("Assign…"), assign)
	found := false
	for _, a := range assignments {
		for _, r := range technical {
			if a.RoleID == r.ID && a.CurrentOn(p.today) {
				found = true
				p.lineWith(r.Name+": "+n.holder(a)+", "+period(a),
					widget.NewButton(lang.L("End…"), func() { s.endAssignment(a, n.holder(a)) }))
			}
		}
	}
	if !found {
		p.box.Add(widget.NewLabel(lang.L("None now.")))
	}
	return nil
}

// consortiumGaps adds its resource gaps, with the totals of the open ones.
func (s *workspaceScreen) consortiumGaps(p *recordPage, c workspace.Consortium) error {
	gaps, err := s.file.ResourceGaps(workspace.GapFilter{ConsortiumID: c.ID})
	if err != nil {
		return err
	}
	var cost, secured, missing int64
	for _, g := range gaps {
		if g.IsOpen() {
			cost += g.EstimatedCost
			secured += g.Secured
			missing += g.Missing()
		}
	}
	p.part(fmt.Sprintf(lang.L("Resource gaps (%d)"), len(gaps)), lang.L("Add gap…"), func() { s.editGap(workspace.ResourceGap{ConsortiumID: c.ID}) })
	totals := wrapped(fmt.Sprintf(lang.L("Open gaps: cost %s %s, secured %s, missing %s."), p.initiative.Currency, thousands64(cost), thousands64(secured), thousands64(missing)))
	totals.TextStyle = fyne.TextStyle{Bold: true}
	p.box.Add(totals)
	for _, g := range gaps {
		text := fmt.Sprintf(lang.L("%s — %s, %s priority; cost %s, secured %s, missing %s"), g.Title, workspace.Label(workspace.GapStatuses, g.Status),
			strings.ToLower(workspace.Label(workspace.Priorities, g.Priority)), thousands64(g.EstimatedCost), thousands64(g.Secured), thousands64(g.Missing()))
		// Opening a gap is reading, so it is offered on a read-only file too.
		p.box.Add(lineWith(text, widget.NewButton(lang.L("Open…"), func() { s.enter(secGaps); s.showGap(g.ID) })))
	}
	return nil
}

// consortiumMeetings adds its latest meetings and the actions still open
// from any of them.
func (s *workspaceScreen) consortiumMeetings(p *recordPage, c workspace.Consortium) error {
	meetings, err := s.file.Meetings()
	if err != nil {
		return err
	}
	p.box.Add(widget.NewSeparator())
	p.box.Add(heading(lang.L("Meetings and open actions")))
	shown := 0
	for _, m := range meetings {
		if !contains(m.ConsortiumIDs, c.ID) {
			continue
		}
		shown++
		if shown <= maxListed {
			p.line(m.HeldOn + " — " + workspace.Label(workspace.MeetingKinds, m.Kind) + nonEmptyPrefix(": ", m.Title))
		}
		actions, err := s.file.FollowUps(m.ID)
		if err != nil {
			return err
		}
		for _, a := range actions {
			if a.DoneOn == "" {
				text := "    " + fmt.Sprintf(lang.L("Open action: %s"), a.Text)
				if a.DueOn != "" {
					text += " " + fmt.Sprintf(lang.L("(due %s)"), a.DueOn)
				}
				if a.OwnerID != "" {
					text += " — " + p.names.person(a.OwnerID)
				}
				p.line(text)
			}
		}
	}
	if shown == 0 {
		p.box.Add(widget.NewLabel(lang.L("No meeting recorded.")))
	} else if shown > maxListed {
		p.box.Add(widget.NewLabel(fmt.Sprintf(lang.L("… and %d earlier meetings."), shown-maxListed)))
	}
	return nil
}

// editMember shows the form of an organisation's membership of a
// consortium: a new one when its id is empty.
func (s *workspaceScreen) editMember(c workspace.Consortium, m workspace.ConsortiumMember) {
	s.withOptions(false, false, func(orgs, _, _ []option) {
		f := s.file
		org := newPicker(lang.L("Organisation"), orgs, m.OrganisationID)
		contribution := entry(m.Contribution)
		joined, left := dateEntry(m.JoinedOn), dateEntry(m.LeftOn)
		title, confirm := fmt.Sprintf(lang.L("New member of %s"), c.Code), lang.L("Add")
		if m.ID != "" {
			title, confirm = fmt.Sprintf(lang.L("Membership of %s"), c.Code), lang.L("Save")
		}
		base := m // as read, for saving only what the form changes
		s.ui.showForm(title, confirm, []field{
			{label: lang.L("Organisation"), obj: org},
			{label: lang.L("Contribution"), obj: contribution, hint: lang.L("What it brings: expertise, staff, data, funds")},
			{label: lang.L("Joined on"), obj: joined},
			{label: lang.L("Left on"), obj: left, hint: lang.L("Blank while it is a member")},
		}, func() error {
			oid, err := org.id()
			if err != nil {
				return err
			}
			m.OrganisationID, m.Contribution, m.JoinedOn, m.LeftOn = oid, contribution.Text, joined.Text, left.Text
			if m.ID == "" {
				_, err = f.CreateMember(m)
			} else {
				_, err = workspace.UpdateFrom(f, base, m)
			}
			return err
		}, s.changed)
	})
}
