package app

import (
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
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
	county, _ := f.RoleByKey(workspace.RoleTechnicalLeadGovernment)
	civil, _ := f.RoleByKey(workspace.RoleTechnicalLeadCivil)
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
			_, err = f.UpdateConsortium(c)
		}
		return err
	}, s.changed)
}

// page is a record's own page inside a section, with a way back.
func (s *workspaceScreen) showPage(title string, body fyne.CanvasObject, actions ...fyne.CanvasObject) {
	back := widget.NewButtonWithIcon(lang.L("Back"), theme.NavigateBackIcon(), func() { s.show(s.current) })
	heading := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	heading.Truncation = fyne.TextTruncateEllipsis
	bar := container.NewBorder(nil, nil, back, container.NewHBox(actions...), heading)
	s.setContent(container.NewBorder(container.NewPadded(bar), nil, nil, nil, container.NewVScroll(container.NewPadded(body))))
	// Choosing the section again in the navigation goes back to its list.
	s.nav.UnselectAll()
}

func heading(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return l
}

func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// lineWith is a line of text with buttons at its end.
func lineWith(text string, buttons ...fyne.CanvasObject) fyne.CanvasObject {
	l := widget.NewLabel(text)
	l.Truncation = fyne.TextTruncateEllipsis
	return container.NewBorder(nil, nil, nil, container.NewHBox(buttons...), l)
}

// showConsortium shows a consortium's page: its leads (with their history),
// members, planners and engineers, gaps with totals, meetings and open
// actions, and the findings about it.
func (s *workspaceScreen) showConsortium(id string) {
	f := s.file
	today := s.today().Format(workspace.DateLayout)
	c, err := f.Consortium(id)
	if err != nil {
		s.ui.showError(err)
		return
	}
	s.reopen = func() { s.showConsortium(id) }
	n := newNames(f)
	in, _ := f.Initiative()
	sectors, _ := readLookups(f, false)
	writable := !f.ReadOnly()
	body := container.NewVBox()
	body.Add(wrapped(fmt.Sprintf("%s · %s", workspace.Label(workspace.ConsortiumStatuses, c.Status), sectors.names(sectors.sectors, c.SectorIDs))))
	if c.Purpose != "" {
		body.Add(wrapped(c.Purpose))
	}

	assignments, err := f.Assignments(workspace.AssignmentFilter{ConsortiumID: id})
	if err != nil {
		s.ui.showError(err)
		return
	}
	// Leads: who holds each now, and who held it before.
	for _, key := range []string{workspace.RoleTechnicalLeadGovernment, workspace.RoleTechnicalLeadCivil} {
		role, err := f.RoleByKey(key)
		if err != nil {
			continue
		}
		body.Add(widget.NewSeparator())
		var held []workspace.Assignment
		for _, a := range assignments {
			if a.RoleID == role.ID {
				held = append(held, a)
			}
		}
		now, before, upcoming := splitByDay(held, today)
		var assign fyne.CanvasObject = layoutSpacer()
		if writable {
			r := role
			assign = widget.NewButtonWithIcon(lang.L("Assign…"), theme.ContentAddIcon(), func() { s.assign(r, c, workspace.Assignment{}) })
		}
		body.Add(container.NewBorder(nil, nil, nil, assign, heading(role.Name)))
		if len(now) == 0 {
			body.Add(widget.NewLabel(lang.L("Nobody holds it now.")))
		}
		for _, a := range now {
			a, r := a, role
			var buttons []fyne.CanvasObject
			if writable {
				buttons = append(buttons,
					widget.NewButton(lang.L("End…"), func() { s.endAssignment(a, n.holder(a)) }),
					widget.NewButton(lang.L("Replace…"), func() { s.assign(r, c, a) }))
			}
			body.Add(lineWith(n.holder(a)+", "+period(a), buttons...))
		}
		for _, a := range upcoming {
			a := a
			var buttons []fyne.CanvasObject
			if writable {
				buttons = append(buttons, widget.NewButton(lang.L("End…"), func() { s.endAssignment(a, n.holder(a)) }))
			}
			body.Add(lineWith(fmt.Sprintf(lang.L("From %s: %s"), a.StartOn, n.holder(a)), buttons...))
		}
		sort.Slice(before, func(i, j int) bool { return before[i].StartOn > before[j].StartOn })
		for _, a := range before {
			body.Add(wrapped(fmt.Sprintf(lang.L("Before: %s, %s"), n.holder(a), period(a))))
		}
	}

	// Members and what each brings.
	members, err := f.Members(id)
	if err != nil {
		s.ui.showError(err)
		return
	}
	body.Add(widget.NewSeparator())
	var addMember fyne.CanvasObject = layoutSpacer()
	if writable {
		addMember = widget.NewButtonWithIcon(lang.L("Add member…"), theme.ContentAddIcon(), func() { s.editMember(c, workspace.ConsortiumMember{ConsortiumID: c.ID, JoinedOn: today}) })
	}
	current := 0
	for _, m := range members {
		if m.LeftOn == "" {
			current++
		}
	}
	body.Add(container.NewBorder(nil, nil, nil, addMember, heading(fmt.Sprintf(lang.L("Members (%d now)"), current))))
	sort.SliceStable(members, func(i, j int) bool {
		return n.organisation(members[i].OrganisationID) < n.organisation(members[j].OrganisationID)
	})
	for _, m := range members {
		m := m
		text := n.organisation(m.OrganisationID)
		if m.Contribution != "" {
			text += " — " + m.Contribution
		}
		if m.LeftOn != "" {
			text += " " + fmt.Sprintf(lang.L("(left %s)"), m.LeftOn)
		}
		var buttons []fyne.CanvasObject
		if writable {
			buttons = append(buttons, widget.NewButton(lang.L("Edit…"), func() { s.editMember(c, m) }))
		}
		body.Add(lineWith(text, buttons...))
	}

	// Planners and engineers.
	body.Add(widget.NewSeparator())
	var technical []workspace.Role
	for _, key := range []string{workspace.RoleSpatialPlanner, workspace.RoleSectoralPlanner, workspace.RoleEngineer} {
		if r, err := f.RoleByKey(key); err == nil && r.RetiredOn == "" {
			technical = append(technical, r)
		}
	}
	var addTech fyne.CanvasObject = layoutSpacer()
	if writable && len(technical) > 0 {
		addTech = widget.NewButtonWithIcon(lang.L("Assign…"), theme.ContentAddIcon(), func() { s.assignTechnical(technical, c) })
	}
	body.Add(container.NewBorder(nil, nil, nil, addTech, heading(lang.L("Planners and engineers"))))
	found := false
	for _, a := range assignments {
		for _, r := range technical {
			if a.RoleID == r.ID && a.CurrentOn(today) {
				a := a
				found = true
				var buttons []fyne.CanvasObject
				if writable {
					buttons = append(buttons, widget.NewButton(lang.L("End…"), func() { s.endAssignment(a, n.holder(a)) }))
				}
				body.Add(lineWith(r.Name+": "+n.holder(a)+", "+period(a), buttons...))
			}
		}
	}
	if !found {
		body.Add(widget.NewLabel(lang.L("None now.")))
	}

	// Resource gaps with totals.
	gaps, err := f.ResourceGaps(workspace.GapFilter{ConsortiumID: id})
	if err != nil {
		s.ui.showError(err)
		return
	}
	var cost, secured, missing int64
	for _, g := range gaps {
		if g.IsOpen() {
			cost += g.EstimatedCost
			secured += g.Secured
			missing += g.Missing()
		}
	}
	body.Add(widget.NewSeparator())
	var addGap fyne.CanvasObject = layoutSpacer()
	if writable {
		addGap = widget.NewButtonWithIcon(lang.L("Add gap…"), theme.ContentAddIcon(), func() { s.editGap(workspace.ResourceGap{ConsortiumID: c.ID}) })
	}
	body.Add(container.NewBorder(nil, nil, nil, addGap, heading(fmt.Sprintf(lang.L("Resource gaps (%d)"), len(gaps)))))
	totals := wrapped(fmt.Sprintf(lang.L("Open gaps: cost %s %s, secured %s, missing %s."), in.Currency, thousands64(cost), thousands64(secured), thousands64(missing)))
	totals.TextStyle = fyne.TextStyle{Bold: true}
	body.Add(totals)
	for _, g := range gaps {
		g := g
		text := fmt.Sprintf(lang.L("%s — %s, %s priority; cost %s, secured %s, missing %s"), g.Title, workspace.Label(workspace.GapStatuses, g.Status),
			strings.ToLower(workspace.Label(workspace.Priorities, g.Priority)), thousands64(g.EstimatedCost), thousands64(g.Secured), thousands64(g.Missing()))
		body.Add(lineWith(text, widget.NewButton(lang.L("Open…"), func() { s.show(secGaps); s.showGap(g.ID) })))
	}

	// Meetings and open actions.
	meetings, err := f.Meetings()
	if err != nil {
		s.ui.showError(err)
		return
	}
	body.Add(widget.NewSeparator())
	body.Add(heading(lang.L("Meetings and open actions")))
	shown := 0
	for _, m := range meetings {
		if !contains(m.ConsortiumIDs, id) {
			continue
		}
		shown++
		if shown <= maxListed {
			body.Add(wrapped(m.HeldOn + " — " + workspace.Label(workspace.MeetingKinds, m.Kind) + nonEmptyPrefix(": ", m.Title)))
		}
		actions, _ := f.FollowUps(m.ID)
		for _, a := range actions {
			if a.DoneOn == "" {
				text := "    " + fmt.Sprintf(lang.L("Open action: %s"), a.Text)
				if a.DueOn != "" {
					text += " " + fmt.Sprintf(lang.L("(due %s)"), a.DueOn)
				}
				if a.OwnerID != "" {
					text += " — " + n.person(a.OwnerID)
				}
				body.Add(wrapped(text))
			}
		}
	}
	if shown == 0 {
		body.Add(widget.NewLabel(lang.L("No meeting recorded.")))
	} else if shown > maxListed {
		body.Add(widget.NewLabel(fmt.Sprintf(lang.L("… and %d earlier meetings."), shown-maxListed)))
	}

	// Findings.
	body.Add(widget.NewSeparator())
	findings := s.findingsAbout(id)
	body.Add(heading(fmt.Sprintf(lang.L("Health-check findings (%d)"), len(findings))))
	for _, fd := range findings {
		body.Add(container.NewBorder(nil, nil, widget.NewIcon(severityIcon(fd.Severity)), nil, wrapped(fd.Message)))
	}
	if len(findings) == 0 {
		body.Add(widget.NewLabel(lang.L("The checks found nothing about this consortium.")))
	}

	var actions []fyne.CanvasObject
	if writable {
		actions = append(actions, widget.NewButtonWithIcon(lang.L("Edit…"), theme.DocumentCreateIcon(), func() { s.editConsortium(c) }))
	}
	s.showPage(c.Code+" — "+c.Name, body, actions...)
}

func nonEmptyPrefix(prefix, s string) string {
	if s == "" {
		return ""
	}
	return prefix + s
}

func layoutSpacer() fyne.CanvasObject { return widget.NewLabel("") }

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
			pid, err := person.id()
			if err != nil {
				return err
			}
			oid, err := org.id()
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
			pid, err := person.id()
			if err != nil {
				return err
			}
			oid, err := org.id()
			if err != nil {
				return err
			}
			_, err = f.Assign(workspace.Assignment{RoleID: role.key(), PersonID: pid, OrganisationID: oid, ConsortiumID: c.ID, StartOn: start.Text})
			return err
		}, s.changed)
	})
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
				_, err = f.UpdateMember(m)
			}
			return err
		}, s.changed)
	})
}

// withOptions reads what a form's pickers offer off the UI thread (there
// may be 21,000 people), then builds the form.
func (s *workspaceScreen) withOptions(people, units bool, then func(orgs, people, units []option)) {
	s.ui.busy(lang.L("Reading…"), func() (func(), error) {
		orgs, persons, unitOpts, err := s.pickOptions(people, units)
		if err != nil {
			return nil, err
		}
		return func() { then(orgs, persons, unitOpts) }, nil
	})
}

// showPerson shows a person's page: who they are and every role they hold
// and held.
func (s *workspaceScreen) showPerson(id string) {
	f := s.file
	p, err := f.Person(id)
	if err != nil {
		s.ui.showError(err)
		return
	}
	s.reopen = func() { s.showPerson(id) }
	today := s.today().Format(workspace.DateLayout)
	n := newNames(f)
	body := container.NewVBox()
	d := &details{box: body, names: n}
	d.field(lang.L("Organisation"), n.organisation(p.OrganisationID))
	d.field(lang.L("Position"), p.Position)
	d.field(lang.L("Phone"), p.Phone)
	d.field(lang.L("E-mail"), p.Email)
	d.field(lang.L("Gender"), workspace.Label(workspace.Genders, p.Gender))
	d.field(lang.L("Age band"), workspace.Label(workspace.AgeBands, p.AgeBand))
	if p.Resident {
		d.line(lang.L("Lives in the settlement."))
	}
	d.field(lang.L("Home unit"), n.unit(p.HomeUnitID))
	d.field(lang.L("Notes"), p.Notes)
	as, err := f.Assignments(workspace.AssignmentFilter{PersonID: id})
	if err != nil {
		s.ui.showError(err)
		return
	}
	now, before, upcoming := splitByDay(as, today)
	body.Add(widget.NewSeparator())
	body.Add(heading(fmt.Sprintf(lang.L("Roles held now (%d)"), len(now))))
	for _, a := range now {
		a := a
		var buttons []fyne.CanvasObject
		if !f.ReadOnly() {
			buttons = append(buttons, widget.NewButton(lang.L("End…"), func() { s.endAssignment(a, p.Name) }))
		}
		body.Add(lineWith(roleLine(n, a), buttons...))
	}
	if len(now) == 0 {
		body.Add(widget.NewLabel(lang.L("None.")))
	}
	if len(upcoming) > 0 {
		body.Add(heading(fmt.Sprintf(lang.L("Roles to come (%d)"), len(upcoming))))
		for _, a := range upcoming {
			body.Add(wrapped(roleLine(n, a)))
		}
	}
	body.Add(heading(fmt.Sprintf(lang.L("Roles held before (%d)"), len(before))))
	for _, a := range before {
		body.Add(wrapped(roleLine(n, a)))
	}
	if len(before) == 0 {
		body.Add(widget.NewLabel(lang.L("None.")))
	}
	findings := s.findingsAbout(id)
	if len(findings) > 0 {
		body.Add(widget.NewSeparator())
		body.Add(heading(lang.L("Health-check findings")))
		for _, fd := range findings {
			body.Add(container.NewBorder(nil, nil, widget.NewIcon(severityIcon(fd.Severity)), nil, wrapped(fd.Message)))
		}
	}
	var actions []fyne.CanvasObject
	if !f.ReadOnly() {
		actions = append(actions, widget.NewButtonWithIcon(lang.L("Edit…"), theme.DocumentCreateIcon(), func() { s.editPerson(p) }))
	}
	s.showPage(p.Name, body, actions...)
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

// roleRow is a role of the catalogue with how many hold it now.
type roleRow struct {
	workspace.Role
	holders int
}

func (s *workspaceScreen) rolesList() *listView[roleRow] {
	f := s.file
	l := newListView(s.ui, lang.L("role"), lang.L("roles"), []column[roleRow]{
		{title: lang.L("Role"), width: 300, text: func(r roleRow) string { return r.Name }},
		{title: lang.L("Group"), width: 190, text: func(r roleRow) string { return workspace.Label(workspace.RoleGroups, r.Group) }},
		{title: lang.L("Held in"), width: 170, text: func(r roleRow) string { return workspace.Label(workspace.RoleScopes, r.Scope) }},
		{title: lang.L("Key role"), width: 80, text: func(r roleRow) string { return yes(r.IsKey) }},
		{title: lang.L("Held now"), width: 90, text: func(r roleRow) string { return thousands(r.holders) },
			sortKey: func(r roleRow) string { return amountKey(int64(r.holders)) }},
		{title: lang.L("Retired"), width: 110, text: func(r roleRow) string { return r.RetiredOn }},
	}, func() ([]roleRow, error) {
		roles, err := f.Roles(true)
		if err != nil {
			return nil, err
		}
		current, err := f.Assignments(workspace.AssignmentFilter{CurrentOn: s.today().Format(workspace.DateLayout)})
		if err != nil {
			return nil, err
		}
		count := map[string]int{}
		for _, a := range current {
			count[a.RoleID]++
		}
		out := make([]roleRow, len(roles))
		for i, r := range roles {
			out[i] = roleRow{r, count[r.ID]}
		}
		return out, nil
	})
	l.sortCol = -1
	if !f.ReadOnly() {
		l.onNew = func() { s.editRole(workspace.Role{Group: "community", Scope: "initiative", Holder: "person"}) }
		l.addAction(lang.L("Retire…"), theme.VisibilityOffIcon(), func(r roleRow) { s.retireRole(r.Role) })
	}
	l.onOpen = func(r roleRow) { s.showRole(r.ID) }
	return l.build()
}

func (s *workspaceScreen) editRole(r workspace.Role) {
	f := s.file
	name := entry(r.Name)
	group := newChoice(workspace.RoleGroups, r.Group)
	scope := newChoice(workspace.RoleScopes, r.Scope)
	levels, levelLabels := append([]workspace.Choice{{Key: ""}}, workspace.UnitLevels...), []string{lang.L("Any")}
	for _, c := range workspace.UnitLevels {
		levelLabels = append(levelLabels, c.Shown())
	}
	level := choiceOf(levels, levelLabels, r.UnitLevel)
	key := newCheck(lang.L("A vacancy or an overloaded holder matters"), r.IsKey)
	holder := newChoice(workspace.RoleHolders, r.Holder)
	description, responsibilities := multiline(r.Description), multiline(r.Responsibilities)
	title, confirm := lang.L("New role"), lang.L("Add")
	if r.ID != "" {
		title, confirm = fmt.Sprintf(lang.L("Role: %s"), r.Name), lang.L("Save")
	}
	s.ui.showForm(title, confirm, []field{
		{label: lang.L("Name"), obj: name, hint: lang.L("Renaming a seeded role keeps what the checks know of it")},
		{label: lang.L("Group"), obj: group},
		{label: lang.L("Scope"), obj: scope, hint: lang.L("Where it is held")},
		{label: lang.L("Unit level"), obj: level, hint: lang.L("For roles held in a community unit")},
		{label: lang.L("Key role"), obj: key},
		{label: lang.L("Holder"), obj: holder, hint: lang.L("Who may hold it")},
		{label: lang.L("What it is"), obj: description},
		{label: lang.L("Responsibilities"), obj: responsibilities},
	}, func() error {
		r.Name, r.Group, r.Scope, r.UnitLevel, r.IsKey = name.Text, group.key(), scope.key(), level.key(), key.Checked
		r.Holder, r.Description, r.Responsibilities = holder.key(), description.Text, responsibilities.Text
		var err error
		if r.ID == "" {
			_, err = f.CreateRole(r)
		} else {
			_, err = f.UpdateRole(r)
		}
		return err
	}, s.changed)
}

func (s *workspaceScreen) retireRole(r workspace.Role) {
	f := s.file
	if r.RetiredOn != "" {
		dialog.ShowInformation(lang.L("Already retired"), fmt.Sprintf(lang.L("%s was retired on %s."), r.Name, r.RetiredOn), s.ui.window)
		return
	}
	on := dateEntry(s.today().Format(workspace.DateLayout))
	s.ui.showForm(fmt.Sprintf(lang.L("Retire %s"), r.Name), lang.L("Retire"), []field{
		{label: lang.L("Retired on"), obj: on, hint: lang.L("It stays in the history of those who held it")},
	}, func() error {
		_, err := f.RetireRole(r.ID, on.Text)
		return err
	}, s.changed)
}

// showRole shows a role: what it is, who holds it now and who held it. Its
// holders are read off the UI thread: a community role has 20,000.
func (s *workspaceScreen) showRole(id string) {
	f := s.file
	today := s.today().Format(workspace.DateLayout)
	s.ui.busy(lang.L("Reading the role…"), func() (func(), error) {
		r, err := f.Role(id)
		if err != nil {
			return nil, err
		}
		as, err := f.Assignments(workspace.AssignmentFilter{RoleID: id})
		if err != nil {
			return nil, err
		}
		now, before, upcoming := splitByDay(as, today)
		n := newNames(f)
		line := func(a workspace.Assignment) string {
			text := n.holder(a)
			if w := n.where(a); w != "" {
				text = fmt.Sprintf(lang.L("%s in %s"), text, w)
			}
			return text + ", " + period(a)
		}
		// The lines are made here, with the names they need; only the
		// first of each group are shown.
		lines := func(group []workspace.Assignment) []string {
			var out []string
			for i, a := range group {
				if i == maxListed {
					break
				}
				out = append(out, line(a))
			}
			return out
		}
		nowLines, beforeLines, upcomingLines := lines(now), lines(before), lines(upcoming)
		return func() {
			body := container.NewVBox()
			d := &details{box: body, names: n}
			d.line(fmt.Sprintf(lang.L("%s · held in %s · %s"), workspace.Label(workspace.RoleGroups, r.Group),
				strings.ToLower(workspace.Label(workspace.RoleScopes, r.Scope)), strings.ToLower(workspace.Label(workspace.RoleHolders, r.Holder))))
			if r.IsKey {
				d.line(lang.L("A key role: a vacancy or an overloaded holder matters."))
			}
			d.field(lang.L("What it is"), r.Description)
			d.field(lang.L("Responsibilities"), r.Responsibilities)
			d.field(lang.L("Retired on"), r.RetiredOn)
			group := func(title string, all int, shown []string) {
				body.Add(heading(fmt.Sprintf("%s (%s)", title, thousands(all))))
				for _, l := range shown {
					body.Add(wrapped(l))
				}
				if all > len(shown) {
					body.Add(widget.NewLabel(fmt.Sprintf(lang.L("… and %s more."), thousands(all-len(shown)))))
				}
			}
			body.Add(widget.NewSeparator())
			group(lang.L("Held now"), len(now), nowLines)
			if len(upcoming) > 0 {
				group(lang.L("To come"), len(upcoming), upcomingLines)
			}
			group(lang.L("Held before"), len(before), beforeLines)
			var actions []fyne.CanvasObject
			if !f.ReadOnly() {
				actions = append(actions, widget.NewButtonWithIcon(lang.L("Edit…"), theme.DocumentCreateIcon(), func() { s.editRole(r) }))
			}
			s.showPage(r.Name, body, actions...)
			s.reopen = func() { s.showRole(id) }
		}, nil
	})
}

// showMeeting shows a meeting's page: what it was, who came, what it
// decided and the actions it agreed on, each of which can be added to.
func (s *workspaceScreen) showMeeting(id string) {
	f := s.file
	m, err := f.Meeting(id)
	if err != nil {
		s.ui.showError(err)
		return
	}
	s.reopen = func() { s.showMeeting(id) }
	today := s.today().Format(workspace.DateLayout)
	writable := !f.ReadOnly()
	n := newNames(f)
	body := container.NewVBox()
	d := &details{box: body, names: n}
	var codes []string
	for _, c := range m.ConsortiumIDs {
		codes = append(codes, n.consortium(c))
	}
	sort.Strings(codes)
	if m.Place == "" {
		d.line(fmt.Sprintf(lang.L("%s on %s"), workspace.Label(workspace.MeetingKinds, m.Kind), m.HeldOn))
	} else {
		d.line(fmt.Sprintf(lang.L("%s on %s at %s"), workspace.Label(workspace.MeetingKinds, m.Kind), m.HeldOn, m.Place))
	}
	d.field(lang.L("Consortia"), strings.Join(codes, ", "))
	if r := m.ResidentsWomen + m.ResidentsMen + m.ResidentsYouth; r > 0 {
		d.line(fmt.Sprintf(lang.L("Residents counted at the door: %d women, %d men, %d youth."), m.ResidentsWomen, m.ResidentsMen, m.ResidentsYouth))
	}
	d.field(lang.L("Notes"), m.Notes)

	section := func(title string, add func()) {
		body.Add(widget.NewSeparator())
		var button fyne.CanvasObject = layoutSpacer()
		if writable && add != nil {
			button = widget.NewButtonWithIcon(lang.L("Add…"), theme.ContentAddIcon(), add)
		}
		body.Add(container.NewBorder(nil, nil, nil, button, heading(title)))
	}

	// Attendees, by name.
	section(fmt.Sprintf(lang.L("Attendees (%d)"), len(m.AttendeeIDs)), func() {
		s.withOptions(true, false, func(_, people, _ []option) {
			who := newPicker(lang.L("Person"), people, "")
			s.ui.showForm(fmt.Sprintf(lang.L("Attendee of the meeting of %s"), m.HeldOn), lang.L("Add"), []field{{label: lang.L("Person"), obj: who, hint: lang.L("Type part of the name")}}, func() error {
				pid, err := who.id()
				if err != nil {
					return err
				}
				if pid == "" {
					return fieldError(lang.L("Person"), lang.L("Choose who attended."))
				}
				m2, err := f.Meeting(id)
				if err != nil {
					return err
				}
				if !contains(m2.AttendeeIDs, pid) {
					m2.AttendeeIDs = append(m2.AttendeeIDs, pid)
				}
				_, err = f.UpdateMeeting(m2)
				return err
			}, s.changed)
		})
	})
	attendees := append([]string(nil), m.AttendeeIDs...)
	sort.Slice(attendees, func(i, j int) bool { return n.person(attendees[i]) < n.person(attendees[j]) })
	for i, pid := range attendees {
		if i == maxListed*2 {
			body.Add(widget.NewLabel(fmt.Sprintf(lang.L("… and %d more."), len(attendees)-i)))
			break
		}
		pid := pid
		var buttons []fyne.CanvasObject
		if writable {
			buttons = append(buttons, widget.NewButton(lang.L("Remove"), func() {
				m2, err := f.Meeting(id)
				if err == nil {
					out := []string{}
					for _, a := range m2.AttendeeIDs {
						if a != pid {
							out = append(out, a)
						}
					}
					m2.AttendeeIDs = out
					_, err = f.UpdateMeeting(m2)
				}
				if err != nil {
					s.ui.showError(err)
					return
				}
				s.changed()
			}))
		}
		body.Add(lineWith(n.person(pid), buttons...))
	}

	// Decisions.
	decisions, err := f.Decisions(id)
	if err != nil {
		s.ui.showError(err)
		return
	}
	section(fmt.Sprintf(lang.L("Decisions (%d)"), len(decisions)), func() {
		text := multiline("")
		s.ui.showForm(fmt.Sprintf(lang.L("Decision of the meeting of %s"), m.HeldOn), lang.L("Add"), []field{{label: lang.L("Decision"), obj: text}}, func() error {
			_, err := f.CreateDecision(workspace.Decision{MeetingID: id, Position: nextPosition(len(decisions), func(i int) int { return decisions[i].Position }), Text: text.Text})
			return err
		}, s.changed)
	})
	for _, dc := range decisions {
		dc := dc
		var buttons []fyne.CanvasObject
		if writable {
			buttons = append(buttons, widget.NewButton(lang.L("Delete…"), func() {
				s.ui.confirmDelete(fmt.Sprintf(lang.L("the decision “%s”"), clipText(dc.Text, 40)), "decisions", dc.ID, func() error { return f.DeleteDecision(dc.ID) }, s.changed)
			}))
		}
		body.Add(lineWith(dc.Text, buttons...))
	}

	// Follow-up actions.
	actions, err := f.FollowUps(id)
	if err != nil {
		s.ui.showError(err)
		return
	}
	section(fmt.Sprintf(lang.L("Follow-up actions (%d)"), len(actions)), func() {
		s.withOptions(true, false, func(_, people, _ []option) {
			text, due := entry(""), dateEntry("")
			owner := newPicker(lang.L("Owner"), people, "")
			s.ui.showForm(fmt.Sprintf(lang.L("Action agreed at the meeting of %s"), m.HeldOn), lang.L("Add"), []field{
				{label: lang.L("Action"), obj: text},
				{label: lang.L("Owner"), obj: owner, hint: lang.L("Who sees it done")},
				{label: lang.L("Due"), obj: due},
			}, func() error {
				oid, err := owner.id()
				if err != nil {
					return err
				}
				_, err = f.CreateFollowUp(workspace.FollowUp{MeetingID: id, Position: nextPosition(len(actions), func(i int) int { return actions[i].Position }), Text: text.Text, OwnerID: oid, DueOn: due.Text})
				return err
			}, s.changed)
		})
	})
	for _, a := range actions {
		a := a
		text := a.Text + nonEmptyPrefix(" — ", n.person(a.OwnerID))
		if a.DueOn != "" {
			text += ", " + fmt.Sprintf(lang.L("due %s"), a.DueOn)
		}
		if a.DoneOn != "" {
			text += " " + fmt.Sprintf(lang.L("(done %s)"), a.DoneOn)
		}
		var buttons []fyne.CanvasObject
		if writable && a.DoneOn == "" {
			buttons = append(buttons, widget.NewButton(lang.L("Done"), func() {
				a.DoneOn = today
				if _, err := f.UpdateFollowUp(a); err != nil {
					s.ui.showError(err)
					return
				}
				s.changed()
			}))
		}
		body.Add(lineWith(text, buttons...))
	}

	var top []fyne.CanvasObject
	if writable {
		top = append(top, widget.NewButtonWithIcon(lang.L("Edit…"), theme.DocumentCreateIcon(), func() { s.editMeeting(m) }))
	}
	s.showPage(nonEmpty(m.Title, workspace.Label(workspace.MeetingKinds, m.Kind))+" — "+m.HeldOn, body, top...)
}

func clipText(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// showGap shows a resource gap's page: what is needed, what it costs, and
// the organisations approached to fill it and how far each got.
func (s *workspaceScreen) showGap(id string) {
	f := s.file
	g, err := f.ResourceGap(id)
	if err != nil {
		s.ui.showError(err)
		return
	}
	s.reopen = func() { s.showGap(id) }
	writable := !f.ReadOnly()
	in, _ := f.Initiative()
	n := newNames(f)
	body := container.NewVBox()
	d := &details{box: body, names: n}
	where := n.consortium(g.ConsortiumID)
	if where == "" {
		where = lang.L("the whole initiative")
	}
	d.line(fmt.Sprintf(lang.L("%s for %s · %s priority · %s"), workspace.Label(workspace.GapKinds, g.Kind), where,
		strings.ToLower(workspace.Label(workspace.Priorities, g.Priority)), workspace.Label(workspace.GapStatuses, g.Status)))
	d.line(fmt.Sprintf(lang.L("Cost %s %s, secured %s, missing %s."), in.Currency, thousands64(g.EstimatedCost), thousands64(g.Secured), thousands64(g.Missing())))
	d.field(lang.L("Role it would fill"), n.role(g.RoleID))
	d.field(lang.L("Filled by"), n.organisation(g.FilledByOrganisationID)+n.person(g.FilledByPersonID))
	d.field(lang.L("Notes"), g.Notes)

	candidates, err := f.GapCandidates(id)
	if err != nil {
		s.ui.showError(err)
		return
	}
	body.Add(widget.NewSeparator())
	var add fyne.CanvasObject = layoutSpacer()
	if writable {
		add = widget.NewButtonWithIcon(lang.L("Add candidate…"), theme.ContentAddIcon(), func() { s.editCandidate(g, workspace.GapCandidate{GapID: id}) })
	}
	body.Add(container.NewBorder(nil, nil, nil, add, heading(fmt.Sprintf(lang.L("Candidate organisations (%d)"), len(candidates)))))
	if len(candidates) == 0 {
		body.Add(widget.NewLabel(lang.L("None approached yet.")))
	}
	for _, c := range candidates {
		c := c
		text := n.organisation(c.OrganisationID) + " — " + workspace.Label(workspace.CandidateStages, c.Stage) + nonEmptyPrefix(": ", c.Notes)
		var buttons []fyne.CanvasObject
		if writable {
			buttons = append(buttons,
				widget.NewButton(lang.L("Edit…"), func() { s.editCandidate(g, c) }),
				widget.NewButton(lang.L("Remove…"), func() {
					s.ui.confirmDelete(fmt.Sprintf(lang.L("%s as a candidate"), n.organisation(c.OrganisationID)), "gap_candidates", c.ID,
						func() error { return f.RemoveCandidate(c.ID) }, s.changed)
				}))
		}
		body.Add(lineWith(text, buttons...))
	}
	var actions []fyne.CanvasObject
	if writable {
		actions = append(actions, widget.NewButtonWithIcon(lang.L("Edit…"), theme.DocumentCreateIcon(), func() { s.editGap(g) }))
	}
	s.showPage(g.Title, body, actions...)
}

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
				_, err = f.UpdateCandidate(c)
			}
			return err
		}, s.changed)
	})
}

// nextPosition is one past the highest position of n items.
func nextPosition(n int, pos func(int) int) int {
	high := 0
	for i := 0; i < n; i++ {
		high = max(high, pos(i))
	}
	return high + 1
}
