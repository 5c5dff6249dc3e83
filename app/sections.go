package app

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cpw/workspace"
)

// lookups are the names the lists show instead of ids, read with the rows.
type lookups struct {
	orgs, consortia, roles, sectors, units map[string]string
}

// readLookups reads the names of organisations, consortia, roles and
// sectors, and the paths of units when asked (there are 11,000).
func readLookups(f *workspace.File, units bool) (*lookups, error) {
	l := &lookups{orgs: map[string]string{}, consortia: map[string]string{},
		roles: map[string]string{}, sectors: map[string]string{}, units: map[string]string{}}
	orgs, err := f.Organisations()
	if err != nil {
		return nil, err
	}
	for _, o := range orgs {
		l.orgs[o.ID] = o.Name
	}
	cs, err := f.Consortia()
	if err != nil {
		return nil, err
	}
	for _, c := range cs {
		l.consortia[c.ID] = c.Code
	}
	roles, err := f.Roles(true)
	if err != nil {
		return nil, err
	}
	for _, r := range roles {
		l.roles[r.ID] = r.Name
	}
	sectors, err := f.Sectors()
	if err != nil {
		return nil, err
	}
	for _, s := range sectors {
		l.sectors[s.ID] = s.Name
	}
	if units {
		us, err := f.Units(workspace.UnitFilter{})
		if err != nil {
			return nil, err
		}
		l.units = workspace.UnitPaths(us)
	}
	return l, nil
}

func (l *lookups) names(m map[string]string, ids []string) string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		out = append(out, m[id])
	}
	return strings.Join(out, ", ")
}

// amountKey sorts amounts as numbers.
func amountKey(n int64) string { return fmt.Sprintf("%020d", n) }

func yes(b bool) string {
	if b {
		return lang.L("Yes")
	}
	return ""
}

// organisationRow is an organisation with the names its row shows.
type organisationRow struct {
	workspace.Organisation
	sectors string
}

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
		l.onNew = func() { s.editOrganisation(workspace.Organisation{Base: "local"}) }
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

// readOnlyNote marks a form's title when the file cannot be changed; saving
// then says why.
func (s *workspaceScreen) readOnlyNote(title *string) {
	if s.file.ReadOnly() {
		*title = fmt.Sprintf(lang.L("%s (read-only)"), *title)
	}
}

// personRow is a person with the names the row shows.
type personRow struct {
	workspace.Person
	org, home string
}

func (s *workspaceScreen) peopleList() *listView[personRow] {
	f := s.file
	l := newListView(s.ui, lang.L("person"), lang.L("people"), []column[personRow]{
		{title: lang.L("Name"), width: 200, text: func(p personRow) string { return p.Name }},
		{title: lang.L("Organisation"), width: 220, text: func(p personRow) string { return p.org }},
		{title: lang.L("Home unit"), width: 300, text: func(p personRow) string { return p.home }},
		{title: lang.L("Position"), width: 150, text: func(p personRow) string { return p.Position }},
		{title: lang.L("Gender"), width: 75, text: func(p personRow) string { return workspace.Label(workspace.Genders, p.Gender) }},
		{title: lang.L("Resident"), width: 75, text: func(p personRow) string { return yes(p.Resident) }},
	}, func() ([]personRow, error) {
		lk, err := readLookups(f, true)
		if err != nil {
			return nil, err
		}
		people, err := f.People(workspace.PersonFilter{})
		out := make([]personRow, len(people))
		for i, p := range people {
			out[i] = personRow{p, lk.orgs[p.OrganisationID], lk.units[p.HomeUnitID]}
		}
		return out, err
	})
	if !f.ReadOnly() {
		l.onNew = func() { s.editPerson(workspace.Person{}) }
		l.onDel = func(p personRow) {
			s.ui.confirmDelete(p.Name, "people", p.ID, func() error { return f.DeletePerson(p.ID) }, s.changed)
		}
		l.addAction(lang.L("Edit…"), theme.DocumentCreateIcon(), func(p personRow) { s.editPerson(p.Person) })
	}
	l.onOpen = func(p personRow) { s.showPerson(p.ID) }
	return l.build()
}

// pickOptions reads what the pickers of a form offer.
func (s *workspaceScreen) pickOptions(people, units bool) (orgs, persons, unitOpts []option, err error) {
	// People without an organisation are told apart by where they live.
	lk, err := readLookups(s.file, units || people)
	if err != nil {
		return nil, nil, nil, err
	}
	for id, name := range lk.orgs {
		orgs = append(orgs, option{id, name})
	}
	if people {
		ps, err := s.file.People(workspace.PersonFilter{})
		if err != nil {
			return nil, nil, nil, err
		}
		// People share names: the organisation tells them apart.
		for _, p := range ps {
			label := p.Name
			if p.OrganisationID != "" {
				label += " — " + lk.orgs[p.OrganisationID]
			} else if p.HomeUnitID != "" {
				label += " — " + lk.units[p.HomeUnitID]
			}
			persons = append(persons, option{p.ID, label})
		}
		// Still alike: add what else tells them apart, then number.
		count := map[string]int{}
		for _, o := range persons {
			count[o.label]++
		}
		for i, p := range ps {
			if count[persons[i].label] > 1 {
				if extra := nonEmpty(p.Position, p.Phone); extra != "" {
					persons[i].label += " (" + extra + ")"
				}
			}
		}
		persons = distinctLabels(persons)
	}
	if units {
		for id, path := range lk.units {
			unitOpts = append(unitOpts, option{id, path})
		}
	}
	sortOptions(orgs)
	sortOptions(persons)
	sortOptions(unitOpts)
	return orgs, persons, unitOpts, nil
}

// distinctLabels numbers options whose labels are the same, so each can be chosen.
func distinctLabels(opts []option) []option {
	seen := map[string]int{}
	for _, o := range opts {
		seen[o.label]++
	}
	n := map[string]int{}
	for i, o := range opts {
		if seen[o.label] > 1 {
			n[o.label]++
			opts[i].label = o.label + " (" + strconv.Itoa(n[o.label]) + ")"
		}
	}
	return opts
}

func (s *workspaceScreen) editPerson(p workspace.Person) {
	s.withOptions(false, true, func(orgs, _, units []option) { s.personForm(p, orgs, units) })
}

func (s *workspaceScreen) personForm(p workspace.Person, orgs, units []option) {
	f := s.file
	name, position, phone, email := entry(p.Name), entry(p.Position), entry(p.Phone), entry(p.Email)
	org := newPicker(lang.L("Organisation"), orgs, p.OrganisationID)
	gender := newChoice(workspace.Genders, p.Gender)
	age := newChoice(workspace.AgeBands, p.AgeBand)
	resident := newCheck(lang.L("Lives in the settlement"), p.Resident)
	home := newPicker(lang.L("Home unit"), units, p.HomeUnitID)
	notes := multiline(p.Notes)
	title, confirm := lang.L("New person"), lang.L("Add")
	if p.ID != "" {
		title, confirm = fmt.Sprintf(lang.L("Person: %s"), p.Name), lang.L("Save")
	}
	s.readOnlyNote(&title)
	s.ui.showForm(title, confirm, []field{
		{label: lang.L("Name"), obj: name},
		{label: lang.L("Organisation"), obj: org, hint: lang.L("Blank for a resident without one")},
		{label: lang.L("Position"), obj: position},
		{label: lang.L("Phone"), obj: phone},
		{label: lang.L("E-mail"), obj: email},
		{label: lang.L("Gender"), obj: gender},
		{label: lang.L("Age band"), obj: age},
		{label: lang.L("Resident"), obj: resident},
		{label: lang.L("Home unit"), obj: home, hint: lang.L("The community unit they live in, if known")},
		{label: lang.L("Notes"), obj: notes},
	}, func() error {
		orgID, err := org.id()
		if err != nil {
			return err
		}
		homeID, err := home.id()
		if err != nil {
			return err
		}
		p.Name, p.OrganisationID, p.Position, p.Phone, p.Email = name.Text, orgID, position.Text, phone.Text, email.Text
		p.Gender, p.AgeBand, p.Resident, p.HomeUnitID, p.Notes = gender.key(), age.key(), resident.Checked, homeID, notes.Text
		if p.ID == "" {
			_, err = f.CreatePerson(p)
		} else {
			_, err = f.UpdatePerson(p)
		}
		return err
	}, s.changed)
}

// gapRow is a gap with the names its row shows.
type gapRow struct {
	workspace.ResourceGap
	consortium, role string
}

func (s *workspaceScreen) gapsList() *listView[gapRow] {
	f := s.file
	currency := "KES"
	if in, err := f.Initiative(); err == nil && in.Currency != "" {
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
	s.ui.showForm(heading, confirm, []field{
		{label: lang.L("Consortium"), obj: consortium, hint: lang.L("Who needs it")},
		{label: lang.L("Title"), obj: title, hint: lang.L("What is needed, in a few words")},
		{label: lang.L("Kind"), obj: kind},
		{label: lang.L("Role"), obj: role, hint: lang.L("The role it would fill, if any")},
		{label: lang.L("Priority"), obj: priority},
		{label: lang.L("Status"), obj: status},
		{label: lang.L("Estimated cost"), obj: cost, also: []string{lang.L("Amounts")}},
		{label: lang.L("Secured"), obj: secured, hint: lang.L("How much of the cost is already found")},
		{label: lang.L("Notes"), obj: notes},
	}, func() error {
		c, err := wholeNumber(lang.L("Estimated cost"), cost)
		if err != nil {
			return err
		}
		sec, err := wholeNumber(lang.L("Secured"), secured)
		if err != nil {
			return err
		}
		g.ConsortiumID, g.Title, g.Kind, g.RoleID = consortium.key(), title.Text, kind.key(), role.key()
		g.Priority, g.Status, g.EstimatedCost, g.Secured, g.Notes = priority.key(), status.key(), c, sec, notes.Text
		if g.ID == "" {
			_, err = f.CreateResourceGap(g)
		} else {
			_, err = f.UpdateResourceGap(g)
		}
		return err
	}, s.changed)
}

// meetingRow is a meeting with the names its row shows.
type meetingRow struct {
	workspace.Meeting
	consortia string
}

func (s *workspaceScreen) meetingsList() *listView[meetingRow] {
	f := s.file
	l := newListView(s.ui, lang.L("meeting"), lang.L("meetings"), []column[meetingRow]{
		{title: lang.L("Held on"), width: 100, text: func(m meetingRow) string { return m.HeldOn }},
		{title: lang.L("Kind"), width: 220, text: func(m meetingRow) string { return workspace.Label(workspace.MeetingKinds, m.Kind) }},
		{title: lang.L("Title"), width: 300, text: func(m meetingRow) string { return m.Title }},
		{title: lang.L("Place"), width: 160, text: func(m meetingRow) string { return m.Place }},
		{title: lang.L("Consortia"), width: 160, text: func(m meetingRow) string { return m.consortia }},
		{title: lang.L("Attendees"), width: 90, text: func(m meetingRow) string { return strconv.Itoa(len(m.AttendeeIDs)) },
			sortKey: func(m meetingRow) string { return amountKey(int64(len(m.AttendeeIDs))) }},
		{title: lang.L("Residents"), width: 90, text: func(m meetingRow) string {
			return strconv.Itoa(m.ResidentsWomen + m.ResidentsMen + m.ResidentsYouth)
		}, sortKey: func(m meetingRow) string {
			return amountKey(int64(m.ResidentsWomen + m.ResidentsMen + m.ResidentsYouth))
		}},
	}, func() ([]meetingRow, error) {
		lk, err := readLookups(f, false)
		if err != nil {
			return nil, err
		}
		ms, err := f.Meetings()
		out := make([]meetingRow, len(ms))
		for i, m := range ms {
			out[i] = meetingRow{m, lk.names(lk.consortia, m.ConsortiumIDs)}
		}
		return out, err
	})
	l.desc = true // newest first
	if !f.ReadOnly() {
		l.onNew = func() { s.editMeeting(workspace.Meeting{Kind: "consortium"}) }
		l.onDel = func(m meetingRow) {
			s.ui.confirmDelete(fmt.Sprintf(lang.L("the meeting of %s"), m.HeldOn), "meetings", m.ID, func() error { return f.DeleteMeeting(m.ID) }, s.changed)
		}
	}
	l.onOpen = func(m meetingRow) { s.showMeeting(m.ID) }
	return l.build()
}

func (s *workspaceScreen) editMeeting(m workspace.Meeting) {
	f := s.file
	consortia, err := f.Consortia()
	if err != nil {
		s.ui.showError(err)
		return
	}
	kind := newChoice(workspace.MeetingKinds, m.Kind)
	title, held, place := entry(m.Title), dateEntry(m.HeldOn), entry(m.Place)
	women, men, youth := entry(strconv.Itoa(m.ResidentsWomen)), entry(strconv.Itoa(m.ResidentsMen)), entry(strconv.Itoa(m.ResidentsYouth))
	var codes []string
	byCode := map[string]string{}
	var chosen []string
	for _, c := range consortia {
		codes = append(codes, c.Code)
		byCode[c.Code] = c.ID
		if contains(m.ConsortiumIDs, c.ID) {
			chosen = append(chosen, c.Code)
		}
	}
	which := newCheckGroup(codes, chosen)
	notes := multiline(m.Notes)
	heading, confirm := lang.L("New meeting"), lang.L("Add")
	if m.ID != "" {
		heading, confirm = fmt.Sprintf(lang.L("Meeting of %s"), m.HeldOn), lang.L("Save")
	}
	s.readOnlyNote(&heading)
	s.ui.showForm(heading, confirm, []field{
		{label: lang.L("Kind"), obj: kind},
		{label: lang.L("Title"), obj: title},
		{label: lang.L("Held on"), obj: held},
		{label: lang.L("Place"), obj: place},
		{label: lang.L("Consortia"), obj: which},
		{label: lang.L("Residents (women)"), obj: women, hint: lang.L("Counted at the door"), also: []string{lang.L("Residents")}},
		{label: lang.L("Residents (men)"), obj: men},
		{label: lang.L("Residents (youth)"), obj: youth},
		{label: lang.L("Notes"), obj: notes},
	}, func() error {
		counts := make([]int64, 3)
		labels := []string{lang.L("Residents (women)"), lang.L("Residents (men)"), lang.L("Residents (youth)")}
		for i, e := range []*textEntry{women, men, youth} {
			n, err := wholeNumber(labels[i], e)
			if err != nil {
				return err
			}
			counts[i] = n
		}
		ids := []string{}
		for _, c := range which.Selected {
			ids = append(ids, byCode[c])
		}
		m.Kind, m.Title, m.HeldOn, m.Place, m.Notes = kind.key(), title.Text, held.Text, place.Text, notes.Text
		m.ResidentsWomen, m.ResidentsMen, m.ResidentsYouth, m.ConsortiumIDs = int(counts[0]), int(counts[1]), int(counts[2]), ids
		var err error
		if m.ID == "" {
			_, err = f.CreateMeeting(m)
		} else {
			_, err = f.UpdateMeeting(m)
		}
		return err
	}, s.changed)
}

// changeRow is one entry of the change log.
type changeRow = workspace.Change

func (s *workspaceScreen) historyList() *listView[changeRow] {
	f := s.file
	// The select shows the kinds in the window's language; the filter
	// takes the change log's own (English) names, by position.
	kinds := []string{lang.L("Every kind of record")}
	for _, e := range historyEntities {
		kinds = append(kinds, entityWords(e))
	}
	kind := widget.NewSelect(kinds, nil)
	kind.SetSelected(kinds[0])
	since := widget.NewEntry()
	since.SetPlaceHolder(lang.L("Since YYYY-MM-DD"))
	var l *listView[changeRow]
	l = newListView(s.ui, lang.L("change"), lang.L("changes"), []column[changeRow]{
		{title: lang.L("When (UTC)"), width: 180, text: func(c changeRow) string { return strings.Replace(c.At[:min(len(c.At), 19)], "T", " ", 1) },
			sortKey: func(c changeRow) string { return c.At }},
		{title: lang.L("Who"), width: 120, text: func(c changeRow) string { return c.Author }},
		{title: lang.L("Record"), width: 150, text: func(c changeRow) string { return entityWords(c.Entity) }},
		{title: lang.L("Change"), width: 80, text: func(c changeRow) string { return actionWords(c.Action) }},
		{title: lang.L("What"), width: 640, text: func(c changeRow) string { return c.Summary }},
	}, nil)
	// Read on the UI thread before each load; each load gets its own copy.
	l.snapshot = func() func() ([]changeRow, error) {
		filter := workspace.ChangeFilter{}
		if i := kind.SelectedIndex(); i > 0 && i <= len(historyEntities) {
			filter.Entity = historyEntities[i-1]
		}
		if d := strings.TrimSpace(since.Text); d != "" {
			if _, err := time.Parse(workspace.DateLayout, d); err != nil {
				err := fieldError(lang.L("Since"), fmt.Sprintf(lang.L("“%s” is not a date: write it as YYYY-MM-DD, for example 2026-03-31."), d))
				return func() ([]changeRow, error) { return nil, err }
			}
			filter.Since = d
		}
		return func() ([]changeRow, error) { return f.Changes(filter) }
	}
	l.desc = true
	l.filters = []fyne.CanvasObject{container.NewGridWrap(fyne.NewSize(210, kind.MinSize().Height), kind),
		container.NewGridWrap(fyne.NewSize(160, since.MinSize().Height), since)}
	kind.OnChanged = func(string) { l.reload() }
	since.OnSubmitted = func(string) { l.reload() }
	since.OnChanged = func(t string) {
		if t == "" || len(t) == len(workspace.DateLayout) {
			l.reload()
		}
	}
	l.onOpen = func(c changeRow) {
		s.ui.showText(fmt.Sprintf(lang.L("Change of %s"), c.At),
			fmt.Sprintf(lang.L("%s by %s"), c.At, nonEmpty(c.Author, lang.L("someone")))+
				fmt.Sprintf("\n%s %s\n\n%s", entityWords(c.Entity), actionWords(c.Action), c.Summary))
	}
	return l.build()
}

// historyEntities are the kinds of record the history can be narrowed to,
// as the change log names them (identifiers: shown through entityWords).
var historyEntities = []string{"organisation", "person", "consortium", "consortium member", "role", "assignment",
	"resource gap", "meeting", "community unit", "sector", "setting", "workspace"}

// entityWords names a kind of record of the change log in the window's
// language; one it does not know is shown as the log has it.
func entityWords(entity string) string {
	switch entity {
	case "organisation":
		return lang.L("organisation")
	case "person":
		return lang.L("person")
	case "consortium":
		return lang.L("consortium")
	case "consortium member":
		return lang.L("consortium member")
	case "role":
		return lang.L("role")
	case "assignment":
		return lang.L("assignment")
	case "resource gap":
		return lang.L("resource gap")
	case "gap candidate":
		return lang.L("gap candidate")
	case "meeting":
		return lang.L("meeting")
	case "decision":
		return lang.L("decision")
	case "follow-up action":
		return lang.L("follow-up action")
	case "community unit":
		return lang.L("community unit")
	case "sector":
		return lang.L("sector")
	case "setting":
		return lang.L("setting")
	case "workspace":
		return lang.L("workspace")
	}
	return entity
}

// actionWords names what a change of the change log did, in the window's
// language.
func actionWords(action string) string {
	switch action {
	case "create":
		return lang.L("create")
	case "update":
		return lang.L("update")
	case "delete":
		return lang.L("delete")
	case "merge":
		return lang.L("merge")
	case "import":
		return lang.L("import")
	}
	return action
}

func nonEmpty(s, otherwise string) string {
	if strings.TrimSpace(s) == "" {
		return otherwise
	}
	return s
}
