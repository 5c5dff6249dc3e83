package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cpw/workspace"
)

// pickDay opens the calendar of a date field and chooses a day of the
// month it shows.
func pickDay(t *testing.T, u *ui, form fyne.CanvasObject, label, day string) {
	t.Helper()
	field := formField(t, form, label).(*textEntry)
	test.Tap(field.ActionItem.(*widget.Button))
	var b *widget.Button
	rendered(top(t, u), func(o fyne.CanvasObject) {
		if x, ok := o.(*widget.Button); ok && x.Text == day && b == nil {
			b = x
		}
	})
	if b == nil {
		t.Fatalf("the calendar of %s has no day %s", label, day)
	}
	test.Tap(b)
}

// critical lists the critical findings the window shows.
func critical(s *workspaceScreen) []string {
	var out []string
	for _, f := range s.findings {
		if f.Severity == workspace.SeverityCritical {
			out = append(out, f.Check)
		}
	}
	return out
}

// A planner's first day, in the window only: from a new workspace to its
// first critical finding cleared. An organisation and people are added,
// central leadership is assigned (its start chosen in the calendar), the
// community structure gets a cell with a household representative and a
// mobilizer, and a meeting's decision and action are edited and an
// attendee removed after the question. What is stored is read back after
// each step.
func TestPlannerJourney(t *testing.T) {
	u := testUI(t)
	u.welcome.onNew()
	dlg := top(t, u)
	fill(t, dlg, "Name", "Mukuru Special Planning Area")
	fill(t, dlg, "File name", "mukuru.cpw")
	walk(formField(t, dlg, "Save in"), func(c fyne.CanvasObject) {
		if l, ok := c.(*widget.Label); ok {
			l.SetText(t.TempDir())
		}
	})
	tap(t, dlg, "Create")
	s, f := u.screen, u.file
	if s == nil {
		t.Fatal("the new workspace did not open")
	}
	if !has(critical(s), "no-central-leadership-team") {
		t.Fatalf("a new workspace lacks its first critical finding: %v", critical(s))
	}

	// An organisation and two people.
	s.show(secOrganisations)
	s.lists[secOrganisations].newItem()
	fill(t, top(t, u), "Name", "Akiba Mashinani Trust")
	fill(t, top(t, u), "Acronym", "AMT")
	fill(t, top(t, u), "Kind", "Federation-support NGO")
	tap(t, top(t, u), "Add")
	s.lists[secOrganisations].newItem()
	fill(t, top(t, u), "Name", "Nairobi City County Planning")
	fill(t, top(t, u), "Kind", "County / local-government department")
	tap(t, top(t, u), "Add")
	orgs := made[[]workspace.Organisation](t)(f.Organisations())
	if len(orgs) != 2 || orgs[0].Acronym != "AMT" || orgs[1].Kind != "local-government" {
		t.Fatalf("organisations stored: %+v", orgs)
	}
	s.show(secPeople)
	s.lists[secPeople].newItem()
	fill(t, top(t, u), "Name", "Jane Weru")
	fill(t, top(t, u), "Organisation", "Akiba Mashinani Trust")
	fill(t, top(t, u), "Position", "Director")
	tap(t, top(t, u), "Add")
	s.lists[secPeople].newItem()
	fill(t, top(t, u), "Name", "Stephen Mwangi")
	fill(t, top(t, u), "Organisation", "Nairobi City County Planning")
	tap(t, top(t, u), "Add")
	s.lists[secPeople].newItem()
	fill(t, top(t, u), "Name", "Mama Wanjiru")
	fill(t, top(t, u), "Resident", "Lives in the settlement")
	tap(t, top(t, u), "Add")
	s.lists[secPeople].newItem()
	fill(t, top(t, u), "Name", "Otieno Ouma")
	fill(t, top(t, u), "Resident", "Lives in the settlement")
	tap(t, top(t, u), "Add")
	byName := map[string]workspace.Person{}
	for _, p := range mustPeople(t, f) {
		byName[p.Name] = p
	}
	jane, mama, otieno, county := byName["Jane Weru"], byName["Mama Wanjiru"], byName["Otieno Ouma"], byName["Stephen Mwangi"]
	if len(byName) != 4 || jane.OrganisationID != orgs[0].ID || mama.Resident != workspace.AnswerOf(true) {
		t.Fatalf("people stored: %+v", byName)
	}

	// Central leadership, from its role's page, starting on a day chosen
	// in the calendar.
	team := roleByKey(t, f, workspace.RoleCentralLeadershipTeam)
	s.show(secRoles)
	s.showRole(team.ID)
	tap(t, s.area, "Assign…")
	form := top(t, u)
	fill(t, form, "Person", "Jane Weru — Akiba Mashinani Trust")
	pickDay(t, u, form, "Start", "2")
	tap(t, form, "Assign")
	as := held(t, f, team.ID)
	if len(as) != 1 || as[0].PersonID != jane.ID || as[0].StartOn != "2026-11-02" {
		t.Fatalf("central leadership stored: %+v", as)
	}
	// A team of one is still too small: the county officer joins from the
	// finding itself, and a resident from her own page.
	if !has(critical(s), "no-central-leadership-team") {
		t.Fatal("a team of one cleared the finding")
	}
	s.show(secChecks)
	chosen := false
	for _, fd := range s.findings {
		if fd.Check == "no-central-leadership-team" {
			s.checks.choose(fd, true)
			chosen = true
		}
	}
	if !chosen || !s.checks.assign.Visible() {
		t.Fatal("the finding offers no Assign…")
	}
	test.Tap(s.checks.assign)
	fill(t, top(t, u), "Person", "Stephen Mwangi — Nairobi City County Planning")
	tap(t, top(t, u), "Assign")
	s.show(secPeople)
	s.showPerson(mama.ID)
	tap(t, s.area, "Assign a role…")
	fill(t, top(t, u), "Role", team.Name)
	tap(t, top(t, u), "Assign")
	as = held(t, f, team.ID)
	holders := map[string]bool{}
	for _, a := range as {
		holders[a.PersonID] = a.StartOn != ""
	}
	if len(as) != 3 || !holders[jane.ID] || !holders[county.ID] || !holders[mama.ID] {
		t.Fatalf("central leadership stored: %+v", as)
	}
	if has(critical(s), "no-central-leadership-team") {
		t.Fatalf("the window still shows the central-leadership finding: %v", critical(s))
	}
	if got := findingsOf(t, f, "no-central-leadership-team"); len(got) != 0 {
		t.Fatalf("the checks still find: %+v", got)
	}

	// The community structure down to a cell, through the unit forms.
	s.show(secCommunity)
	s.editUnit(workspace.Unit{}, "")
	fill(t, top(t, u), "Name", "Mukuru Kwa Njenga")
	tap(t, top(t, u), "Add")
	parent := ""
	for _, level := range []string{"area", "segment", "cluster", "cell"} {
		units := made[[]workspace.Unit](t)(f.Units(workspace.UnitFilter{Level: level}))
		if len(units) != 1 {
			t.Fatalf("%d units of level %s", len(units), level)
		}
		parent = units[0].ID
		if level == "cell" {
			break
		}
		s.editUnit(workspace.Unit{}, parent)
		name := map[string]string{"area": "Segment 1", "segment": "Cluster 1", "cluster": "Cell 1"}[level]
		fill(t, top(t, u), "Name", name)
		fill(t, top(t, u), "Households", "12")
		tap(t, top(t, u), "Add")
	}
	cell := parent

	// A household representative of the cell and a mobilizer, from the
	// cell's page.
	rep := roleByKey(t, f, workspace.RoleRepresentativeCell)
	mobilizer := roleByKey(t, f, workspace.RoleCommunityMobilizer)
	s.showUnit(cell)
	tap(t, s.area, "Assign a role…")
	fill(t, top(t, u), "Role", rep.Name)
	fill(t, top(t, u), "Person", "Mama Wanjiru")
	tap(t, top(t, u), "Assign")
	tap(t, s.area, "Assign a role…")
	fill(t, top(t, u), "Role", mobilizer.Name)
	fill(t, top(t, u), "Person", "Otieno Ouma")
	tap(t, top(t, u), "Assign")
	if as := held(t, f, rep.ID); len(as) != 1 || as[0].PersonID != mama.ID || as[0].UnitID != cell {
		t.Fatalf("the cell's representative: %+v", as)
	}
	if as := held(t, f, mobilizer.ID); len(as) != 1 || as[0].PersonID != otieno.ID || as[0].UnitID != cell {
		t.Fatalf("the mobilizer: %+v", as)
	}
	if got := findingsOf(t, f, "cells-without-representative"); len(got) != 0 {
		t.Errorf("the cell is still found without a representative: %+v", got)
	}

	// A meeting: its decision and action are edited after they are added,
	// and an attendee is removed after the question.
	s.show(secMeetings)
	s.lists[secMeetings].newItem()
	fill(t, top(t, u), "Kind", "Community planning forum")
	fill(t, top(t, u), "Title", "Cell 1 planning forum")
	fill(t, top(t, u), "Held on", "November 20, 2026")
	tap(t, top(t, u), "Add")
	m, ok := meetingTitled(t, f, "Cell 1 planning forum")
	if !ok || m.HeldOn != "2026-11-20" {
		t.Fatalf("the meeting stored: %+v", m)
	}
	s.showMeeting(m.ID)
	for _, who := range []string{"Mama Wanjiru", "Otieno Ouma"} {
		tap(t, rowOf(t, s.area, "Attendees ("+map[string]string{"Mama Wanjiru": "0", "Otieno Ouma": "1"}[who]+")"), "Add…")
		fill(t, top(t, u), "Person", who)
		tap(t, top(t, u), "Add")
	}
	tap(t, rowOf(t, s.area, "Decisions (0)"), "Add…")
	fill(t, top(t, u), "Decision", "Water point at the cell's corner")
	tap(t, top(t, u), "Add")
	tap(t, rowOf(t, s.area, "Water point at the cell's corner"), "Edit…")
	fill(t, top(t, u), "Decision", "Water point and a toilet block at the cell's corner")
	tap(t, top(t, u), "Save")
	if ds := made[[]workspace.Decision](t)(f.Decisions(m.ID)); len(ds) != 1 || ds[0].Text != "Water point and a toilet block at the cell's corner" {
		t.Fatalf("the decision stored: %+v", ds)
	}
	tap(t, rowOf(t, s.area, "Follow-up actions (0)"), "Add…")
	fill(t, top(t, u), "Action", "Ask the county for a survey")
	fill(t, top(t, u), "Owner", "Otieno Ouma")
	tap(t, top(t, u), "Add")
	tap(t, rowOf(t, s.area, "Ask the county for a survey — Otieno Ouma"), "Edit…")
	fill(t, top(t, u), "Owner", "Mama Wanjiru")
	fill(t, top(t, u), "Due", "2026-12-15")
	tap(t, top(t, u), "Save")
	if acts := made[[]workspace.FollowUp](t)(f.FollowUps(m.ID)); len(acts) != 1 || acts[0].OwnerID != mama.ID || acts[0].DueOn != "2026-12-15" {
		t.Fatalf("the action stored: %+v", acts)
	}
	tap(t, rowOf(t, s.area, "Otieno Ouma"), "Remove…")
	question := top(t, u)
	if !strings.Contains(allText(question), "Remove Otieno Ouma from the attendees of the meeting of 2026-11-20?") {
		t.Fatalf("the removal did not ask:\n%s", allText(question))
	}
	tap(t, question, "Remove")
	if got := made[workspace.Meeting](t)(f.Meeting(m.ID)); len(got.AttendeeIDs) != 1 || got.AttendeeIDs[0] != mama.ID {
		t.Fatalf("the attendees stored: %v", got.AttendeeIDs)
	}
	if has(critical(s), "no-central-leadership-team") {
		t.Fatal("the central-leadership finding came back")
	}
}

// A date field draws its calendar button (a renderer made before the
// button was set would leave it out), and a form that begins with what is
// fixed puts the typing in its first field that takes it.
func TestDateFieldShowsItsCalendarAndTypingGoesToAField(t *testing.T) {
	u := openNew(t)
	s, f := u.screen, u.file
	team := roleByKey(t, f, workspace.RoleCentralLeadershipTeam)
	s.show(secRoles)
	s.showRole(team.ID)
	tap(t, s.area, "Assign…")
	form := top(t, u)
	start := formField(t, form, "Start").(*textEntry)
	drawn := false
	rendered(start, func(o fyne.CanvasObject) { drawn = drawn || o == start.ActionItem })
	if !drawn {
		t.Error("the date field does not draw its calendar button")
	}
	if u.window.Canvas().Focused() != formField(t, form, "Person").(fyne.Focusable) {
		t.Errorf("typing goes to %T, not the person", u.window.Canvas().Focused())
	}
}

// A match too long for the picker's list ends in an ellipsis that fits;
// one that fits is left whole.
func TestLongMatchesFitTheList(t *testing.T) {
	testUI(t)
	long := "Amina Achola — Mukuru kwa Njenga / Riara / Riara cluster 27 / Cell 7"
	got := fitText(long, 200)
	if !strings.HasSuffix(got, "…") || fyne.MeasureText(got, theme.TextSize(), fyne.TextStyle{Bold: true}).Width > 200 || !strings.HasPrefix(long, strings.TrimSuffix(got, "…")) {
		t.Fatalf("fitted to 200: %q", got)
	}
	if got := fitText("Amina Achola", 400); got != "Amina Achola" {
		t.Fatalf("a short match was cut: %q", got)
	}
}

// A finding's record opens without its section's list being read first
// (21,934 people for a person); Back reads it then. From a person's page,
// only the roles a person may hold are offered.
func TestAFindingOpensItsRecordAlone(t *testing.T) {
	u, _ := openDemo(t)
	s := u.screen
	partner := made[workspace.Role](t)(u.file.CreateRole(workspace.Role{Name: "Implementing partner", Group: "civil-society", Scope: "initiative", Holder: "organisation"}))
	people := mustPeople(t, u.file)
	s.openSubject(workspace.Subject{Kind: workspace.SubjectPerson, ID: people[0].ID, Name: people[0].Name})
	if s.reopen == nil || s.current != secPeople || s.lists[secPeople] != nil {
		t.Fatalf("the person's page: shown %v, section %q, list built %v", s.reopen != nil, s.current, s.lists[secPeople] != nil)
	}
	tap(t, s.area, "Assign a role…")
	role := formField(t, top(t, u), "Role").(*choiceSelect)
	media := roleByKey(t, u.file, workspace.RoleLocalMedia) // a person or an organisation
	if has(role.Options, partner.Name) || !has(role.Options, media.Name) {
		t.Errorf("a person is offered %v", role.Options)
	}
	top(t, u).Hide()
	tap(t, s.area, "Back")
	if l := s.lists[secPeople]; l == nil || len(l.(*listView[personRow]).all) != len(people) {
		t.Fatal("Back did not show the people")
	}
}
