package app

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"cpw/workspace"
)

// meetingRow is a meeting with the names its row shows.
type meetingRow struct {
	workspace.Meeting
	consortia string
}

// meetingsList is the Meetings section, newest first; opening one shows
// its page.
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

// editMeeting shows a meeting's form: a new one when its id is empty.
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
	base := m // as read, for saving only what the form changes
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
			_, err = workspace.UpdateFrom(f, base, m)
		}
		return err
	}, s.changed)
}

// showMeeting shows a meeting's page: what it was, who came, what it
// decided and the actions it agreed on, each of which can be added to.
func (s *workspaceScreen) showMeeting(id string) {
	m, p, ok := openPage(s, id, s.file.Meeting, s.showMeeting)
	if !ok {
		return
	}
	var codes []string
	for _, c := range m.ConsortiumIDs {
		codes = append(codes, p.names.consortium(c))
	}
	sort.Strings(codes)
	if m.Place == "" {
		p.line(fmt.Sprintf(lang.L("%s on %s"), workspace.Label(workspace.MeetingKinds, m.Kind), m.HeldOn))
	} else {
		p.line(fmt.Sprintf(lang.L("%s on %s at %s"), workspace.Label(workspace.MeetingKinds, m.Kind), m.HeldOn, m.Place))
	}
	p.field(lang.L("Consortia"), strings.Join(codes, ", "))
	if r := m.ResidentsWomen + m.ResidentsMen + m.ResidentsYouth; r > 0 {
		p.line(fmt.Sprintf(lang.L("Residents counted at the door: %d women, %d men, %d youth."), m.ResidentsWomen, m.ResidentsMen, m.ResidentsYouth))
	}
	p.field(lang.L("Notes"), m.Notes)
	s.meetingAttendees(p, m)
	err := s.meetingDecisions(p, m)
	if err == nil {
		err = s.meetingActions(p, m)
	}
	if err != nil {
		s.ui.showError(err)
		return
	}
	p.show(nonEmpty(m.Title, workspace.Label(workspace.MeetingKinds, m.Kind))+" — "+m.HeldOn, func() { s.editMeeting(m) })
}

// meetingAttendees adds who came, by name, and a way to add more.
func (s *workspaceScreen) meetingAttendees(p *recordPage, m workspace.Meeting) {
	f, n := s.file, p.names
	p.part(fmt.Sprintf(lang.L("Attendees (%d)"), len(m.AttendeeIDs)), lang.L("Add…"), func() {
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
				read, err := f.Meeting(m.ID)
				if err != nil {
					return err
				}
				m2 := read
				if !contains(m2.AttendeeIDs, pid) {
					m2.AttendeeIDs = append(append([]string(nil), read.AttendeeIDs...), pid)
				}
				_, err = workspace.UpdateFrom(f, read, m2)
				return err
			}, s.changed)
		})
	})
	// Every name is read before a row is built, and the rows are sorted by
	// name and laid out alike, so nothing moves under the pointer.
	type attendee struct{ id, name string }
	attendees := make([]attendee, len(m.AttendeeIDs))
	for i, pid := range m.AttendeeIDs {
		attendees[i] = attendee{pid, n.person(pid)}
	}
	sort.Slice(attendees, func(i, j int) bool {
		a, b := strings.ToLower(attendees[i].name), strings.ToLower(attendees[j].name)
		if a != b {
			return a < b
		}
		return attendees[i].id < attendees[j].id
	})
	for i, a := range attendees {
		if i == maxListed*2 {
			p.box.Add(widget.NewLabel(fmt.Sprintf(lang.L("… and %d more."), len(attendees)-i)))
			break
		}
		p.lineWith(a.name, widget.NewButton(lang.L("Remove…"), func() { s.removeAttendee(m, a.id, a.name) }))
	}
}

// removeAttendee asks before it removes one person from a meeting's
// attendees; it reads the meeting again, so it removes exactly that person
// from the attendees as they are now.
func (s *workspaceScreen) removeAttendee(m workspace.Meeting, personID, name string) {
	f := s.file
	question := fmt.Sprintf(lang.L("Remove %s from the attendees of the meeting of %s?"), name, m.HeldOn)
	d := dialog.NewConfirm(lang.L("Remove an attendee"), question, func(yes bool) {
		if !yes {
			return
		}
		read, err := f.Meeting(m.ID)
		if err == nil && contains(read.AttendeeIDs, personID) {
			now := read
			out := []string{}
			for _, a := range read.AttendeeIDs {
				if a != personID {
					out = append(out, a)
				}
			}
			now.AttendeeIDs = out
			_, err = workspace.UpdateFrom(f, read, now)
		}
		if err != nil {
			s.ui.showError(err)
			return
		}
		s.changed()
	}, s.ui.window)
	d.SetConfirmText(lang.L("Remove"))
	d.SetDismissText(lang.L("Cancel"))
	d.Show()
}

// meetingDecisions adds what the meeting decided.
func (s *workspaceScreen) meetingDecisions(p *recordPage, m workspace.Meeting) error {
	f := s.file
	decisions, err := f.Decisions(m.ID)
	if err != nil {
		return err
	}
	p.part(fmt.Sprintf(lang.L("Decisions (%d)"), len(decisions)), lang.L("Add…"), func() {
		text := multiline("")
		s.ui.showForm(fmt.Sprintf(lang.L("Decision of the meeting of %s"), m.HeldOn), lang.L("Add"), []field{{label: lang.L("Decision"), obj: text}}, func() error {
			_, err := f.CreateDecision(workspace.Decision{MeetingID: m.ID, Position: nextPosition(len(decisions), func(i int) int { return decisions[i].Position }), Text: text.Text})
			return err
		}, s.changed)
	})
	for _, dc := range decisions {
		p.lineWith(dc.Text, widget.NewButton(lang.L("Edit…"), func() { s.editDecision(m, dc.ID) }), widget.NewButton(lang.L("Delete…"), func() {
			s.ui.confirmDelete(fmt.Sprintf(lang.L("the decision “%s”"), clipText(dc.Text, 40)), "decisions", dc.ID, func() error { return f.DeleteDecision(dc.ID) }, s.changed)
		}))
	}
	return nil
}

// editDecision shows the form of a decision already recorded. Saving
// changes only what the form changed, and asks when someone else changed
// the same meanwhile.
func (s *workspaceScreen) editDecision(m workspace.Meeting, id string) {
	f := s.file
	dc, err := f.Decision(id)
	if err != nil {
		s.ui.showError(err)
		return
	}
	text := multiline(dc.Text)
	s.ui.showForm(fmt.Sprintf(lang.L("Decision of the meeting of %s"), m.HeldOn), lang.L("Save"), []field{{label: lang.L("Decision"), obj: text}}, func() error {
		mine := dc
		mine.Text = text.Text
		_, err := workspace.UpdateFrom(f, dc, mine)
		return err
	}, s.changed)
}

// meetingActions adds the follow-up actions agreed at the meeting; an open
// one can be marked done.
func (s *workspaceScreen) meetingActions(p *recordPage, m workspace.Meeting) error {
	f, n := s.file, p.names
	actions, err := f.FollowUps(m.ID)
	if err != nil {
		return err
	}
	p.part(fmt.Sprintf(lang.L("Follow-up actions (%d)"), len(actions)), lang.L("Add…"), func() {
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
				_, err = f.CreateFollowUp(workspace.FollowUp{MeetingID: m.ID, Position: nextPosition(len(actions), func(i int) int { return actions[i].Position }), Text: text.Text, OwnerID: oid, DueOn: due.Text})
				return err
			}, s.changed)
		})
	})
	for _, a := range actions {
		text := a.Text + nonEmptyPrefix(" — ", n.person(a.OwnerID))
		if a.DueOn != "" {
			text += ", " + fmt.Sprintf(lang.L("due %s"), a.DueOn)
		}
		edit := widget.NewButton(lang.L("Edit…"), func() { s.editAction(m, a.ID) })
		if a.DoneOn != "" {
			text += " " + fmt.Sprintf(lang.L("(done %s)"), a.DoneOn)
			p.lineWith(text, edit)
			continue
		}
		p.lineWith(text, edit, widget.NewButton(lang.L("Done"), func() {
			read, err := f.FollowUp(a.ID)
			if err == nil {
				now := read
				now.DoneOn = p.today
				_, err = workspace.UpdateFrom(f, read, now)
			}
			if err != nil {
				s.ui.showError(err)
				return
			}
			s.changed()
		}))
	}
	return nil
}

// editAction shows the form of a follow-up action already agreed: what,
// who, when due and when done. Saving changes only what the form changed,
// and asks when someone else changed the same meanwhile.
func (s *workspaceScreen) editAction(m workspace.Meeting, id string) {
	f := s.file
	a, err := f.FollowUp(id)
	if err != nil {
		s.ui.showError(err)
		return
	}
	s.withOptions(true, false, func(_, people, _ []option) {
		text, due, done := entry(a.Text), dateEntry(a.DueOn), dateEntry(a.DoneOn)
		owner := newPicker(lang.L("Owner"), people, a.OwnerID)
		s.ui.showForm(fmt.Sprintf(lang.L("Action agreed at the meeting of %s"), m.HeldOn), lang.L("Save"), []field{
			{label: lang.L("Action"), obj: text},
			{label: lang.L("Owner"), obj: owner, hint: lang.L("Who sees it done")},
			{label: lang.L("Due"), obj: due},
			{label: lang.L("Done on"), obj: done, hint: lang.L("Blank while it is still to do"), also: []string{lang.L("Done")}},
		}, func() error {
			oid, err := owner.id()
			if err != nil {
				return err
			}
			mine := a
			mine.Text, mine.OwnerID, mine.DueOn, mine.DoneOn = text.Text, oid, due.Text, done.Text
			_, err = workspace.UpdateFrom(f, a, mine)
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
