package app

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cpw/workspace"
)

// walk visits every object under o, forms and pop-ups included.
func walk(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	fn(o)
	switch w := o.(type) {
	case *widget.PopUp:
		walk(w.Content, fn)
	case *widget.Form:
		for _, it := range w.Items {
			walk(it.Widget, fn)
		}
	case *container.Scroll:
		walk(w.Content, fn)
	case *container.Split:
		walk(w.Leading, fn)
		walk(w.Trailing, fn)
	case *fyne.Container:
		for _, c := range w.Objects {
			walk(c, fn)
		}
	}
}

// top is the dialog shown on top of the window.
func top(t *testing.T, u *ui) fyne.CanvasObject {
	t.Helper()
	o := u.window.Canvas().Overlays().Top()
	if o == nil {
		t.Fatal("no dialog is shown")
	}
	return o
}

// formField finds the widget of a form's field by its label.
func formField(t *testing.T, o fyne.CanvasObject, label string) fyne.CanvasObject {
	t.Helper()
	var found fyne.CanvasObject
	walk(o, func(c fyne.CanvasObject) {
		if f, ok := c.(*widget.Form); ok {
			for _, it := range f.Items {
				if it.Text == label && found == nil {
					found = it.Widget
				}
			}
		}
	})
	if found == nil {
		t.Fatalf("the form has no field %q", label)
	}
	// The program's own forms put the field over a note (hint or failure).
	if box, ok := found.(*fyne.Container); ok && len(box.Objects) == 2 {
		if _, isNote := box.Objects[1].(*widget.Label); isNote {
			return box.Objects[0]
		}
	}
	return found
}

// note is the line under a field of the program's forms.
func note(t *testing.T, o fyne.CanvasObject, label string) *widget.Label {
	t.Helper()
	var found *widget.Label
	walk(o, func(c fyne.CanvasObject) {
		if f, ok := c.(*widget.Form); ok {
			for _, it := range f.Items {
				if box, ok := it.Widget.(*fyne.Container); ok && it.Text == label && len(box.Objects) == 2 {
					found, _ = box.Objects[1].(*widget.Label)
				}
			}
		}
	})
	if found == nil {
		t.Fatalf("no note under %q", label)
	}
	return found
}

// fill types into a form's entry, or chooses in its select.
func fill(t *testing.T, o fyne.CanvasObject, label, value string) {
	t.Helper()
	switch w := formField(t, o, label).(type) {
	case *widget.Entry:
		w.SetText(value)
	case *textEntry:
		w.SetText(value)
	case *picker:
		w.SetText(value)
	case *choiceSelect:
		w.SetSelected(value)
		if w.Selected != value {
			t.Fatalf("%s has no choice %q", label, value)
		}
	default:
		t.Fatalf("cannot fill %s (%T)", label, w)
	}
}

// tap taps the button with the text under o.
func tap(t *testing.T, o fyne.CanvasObject, text string) {
	t.Helper()
	var b *widget.Button
	walk(o, func(c fyne.CanvasObject) {
		if x, ok := c.(*widget.Button); ok && x.Text == text && b == nil {
			b = x
		}
	})
	if b == nil {
		t.Fatalf("no button %q in %v", text, texts(o))
	}
	test.Tap(b)
}

// allText is every label, button and hint under o, forms included.
func allText(o fyne.CanvasObject) string {
	var b strings.Builder
	walk(o, func(c fyne.CanvasObject) {
		switch w := c.(type) {
		case *widget.Label:
			b.WriteString(w.Text + "\n")
		case *widget.Button:
			b.WriteString(w.Text + "\n")
		case *widget.Form:
			for _, it := range w.Items {
				b.WriteString(it.HintText + "\n")
			}
		}
	})
	return b.String()
}

// The main flows of the window, through its real widgets: create a
// workspace, add an organisation and a person (a bad e-mail is refused
// beside its field), create a consortium, assign both leads, replace one
// (the history shows both), add a gap and see the totals change, filter and
// sort a table.
func TestPlanningFlows(t *testing.T) {
	u := testUI(t)
	u.welcome.onNew()
	dlg := top(t, u)
	fill(t, dlg, "Name", "Kibera Special Planning Area")
	fill(t, dlg, "File name", "kibera.cpw")
	var folder *widget.Label
	walk(formField(t, dlg, "Save in"), func(c fyne.CanvasObject) {
		if l, ok := c.(*widget.Label); ok && folder == nil {
			folder = l
		}
	})
	folder.SetText(t.TempDir())
	tap(t, dlg, "Create")
	if u.file == nil || u.screen == nil {
		t.Fatal("the new workspace did not open")
	}
	s := u.screen

	// An organisation.
	s.show(secOrganisations)
	orgs := s.lists[secOrganisations].(*listView[organisationRow])
	orgs.onNew()
	dlg = top(t, u)
	fill(t, dlg, "Name", "Akiba Mashinani Trust")
	fill(t, dlg, "Acronym", "AMT")
	fill(t, dlg, "Kind", "Federation-support NGO")
	tap(t, dlg, "Add")
	if len(orgs.all) != 1 || orgs.count.Text != "1 organisation" {
		t.Fatalf("organisations: %d, %q", len(orgs.all), orgs.count.Text)
	}

	// A person: a bad e-mail is shown beside the field and nothing typed is lost.
	s.show(secPeople)
	people := s.lists[secPeople].(*listView[personRow])
	people.onNew()
	dlg = top(t, u)
	fill(t, dlg, "Name", "Jane Wanjiru")
	fill(t, dlg, "Organisation", "Akiba Mashinani Trust")
	fill(t, dlg, "E-mail", "jane@")
	tap(t, dlg, "Add")
	if n := note(t, top(t, u), "E-mail"); !n.Visible() || n.Importance != widget.DangerImportance || !strings.Contains(n.Text, "E-mail is not an e-mail address") {
		t.Fatalf("no message in red under the e-mail: %q", n.Text)
	}
	if e := formField(t, top(t, u), "E-mail").(*textEntry); e.Text != "jane@" {
		t.Fatal("the e-mail typed was lost")
	}
	if n := len(mustPeople(t, u.file)); n != 0 {
		t.Fatal("a person with a bad e-mail was saved")
	}
	fill(t, top(t, u), "E-mail", "jane@example.org")
	tap(t, top(t, u), "Add")
	jane := mustPeople(t, u.file)
	if len(jane) != 1 || jane[0].Email != "jane@example.org" || jane[0].OrganisationID != orgs.all[0].ID {
		t.Fatalf("people: %+v", jane)
	}
	people.onNew()
	fill(t, top(t, u), "Name", "Peter Kamau")
	fill(t, top(t, u), "Organisation", "Akiba Mashinani Trust")
	tap(t, top(t, u), "Add")

	// A consortium and both its leads.
	s.show(secConsortia)
	cons := s.lists[secConsortia].(*listView[consortiumRow])
	cons.onNew()
	fill(t, top(t, u), "Code", "wse")
	fill(t, top(t, u), "Name", "Water, Sanitation and Energy Consortium")
	tap(t, top(t, u), "Add")
	if len(cons.all) != 1 || cons.all[0].Code != "WSE" {
		t.Fatalf("consortia: %+v", cons.all)
	}
	c := cons.all[0].Consortium
	s.showConsortium(c.ID)
	county, _ := u.file.RoleByKey(workspace.RoleTechnicalLeadGovernment)
	civil, _ := u.file.RoleByKey(workspace.RoleTechnicalLeadCivil)
	s.assign(county, c, workspace.Assignment{})
	fill(t, top(t, u), "Person", "Jane Wanjiru — Akiba Mashinani Trust")
	fill(t, top(t, u), "Start", "2026-01-05")
	tap(t, top(t, u), "Assign")
	s.assign(civil, c, workspace.Assignment{})
	fill(t, top(t, u), "Organisation", "Akiba Mashinani Trust")
	fill(t, top(t, u), "Start", "2026-01-05")
	tap(t, top(t, u), "Assign")
	page := allText(s.area)
	if !strings.Contains(page, "Jane Wanjiru, since 2026-01-05") || !strings.Contains(page, "Akiba Mashinani Trust, since 2026-01-05") {
		t.Fatalf("the consortium page does not show both leads:\n%s", page)
	}

	// Replace the county lead: the history shows both.
	current, _ := u.file.Assignments(workspace.AssignmentFilter{RoleID: county.ID})
	s.assign(county, c, current[0])
	fill(t, top(t, u), "Person", "Peter Kamau — Akiba Mashinani Trust")
	fill(t, top(t, u), "Start", "2026-06-01")
	fill(t, top(t, u), "Reason", "transferred")
	tap(t, top(t, u), "Assign")
	page = allText(s.area)
	if !strings.Contains(page, "Peter Kamau, since 2026-06-01") || !strings.Contains(page, "Before: Jane Wanjiru, 2026-01-05 to 2026-06-01 (transferred)") {
		t.Fatalf("the page does not show the succession:\n%s", page)
	}

	// End the civil-society lead without a successor: it is vacant, and
	// the history keeps who held it.
	civilNow, _ := u.file.Assignments(workspace.AssignmentFilter{RoleID: civil.ID})
	s.endAssignment(civilNow[0], "Akiba Mashinani Trust")
	fill(t, top(t, u), "End", "2026-07-01")
	fill(t, top(t, u), "Reason", "term over")
	tap(t, top(t, u), "End it")
	page = allText(s.area)
	if !strings.Contains(page, "Nobody holds it now.") || !strings.Contains(page, "Before: Akiba Mashinani Trust, 2026-01-05 to 2026-07-01 (term over)") {
		t.Fatalf("the page does not show the ended lead:\n%s", page)
	}

	// A gap: the consortium's totals change.
	if !strings.Contains(page, "Open gaps: cost KES 0, secured 0, missing 0.") {
		t.Fatalf("totals before: %s", page)
	}
	s.editGap(workspace.ResourceGap{ConsortiumID: c.ID})
	fill(t, top(t, u), "Title", "Hydrogeological survey")
	fill(t, top(t, u), "Kind", "Expertise")
	fill(t, top(t, u), "Estimated cost", "1,250,000")
	fill(t, top(t, u), "Secured", "250000")
	tap(t, top(t, u), "Add")
	page = allText(s.area)
	if !strings.Contains(page, "Open gaps: cost KES 1,250,000, secured 250,000, missing 1,000,000.") {
		t.Fatalf("totals after: %s", page)
	}

	// Filter and sort a table.
	s.show(secOrganisations)
	orgs = s.lists[secOrganisations].(*listView[organisationRow])
	orgs.onNew()
	fill(t, top(t, u), "Name", "Muungano wa Wanavijiji")
	fill(t, top(t, u), "Kind", "Urban poor federation")
	tap(t, top(t, u), "Add")
	orgs.sortBy(0)
	if rows := orgs.rows(); len(rows) != 2 || rows[0].Name != "Muungano wa Wanavijiji" {
		t.Fatalf("sorted by name, descending: %v", names2(rows))
	}
	orgs.sortBy(2) // by kind
	if rows := orgs.rows(); rows[0].Name != "Akiba Mashinani Trust" {
		t.Fatalf("sorted by kind: %v", names2(rows))
	}
	test.Type(orgs.filter, "muungano")
	if rows := orgs.rows(); len(rows) != 1 || rows[0].Name != "Muungano wa Wanavijiji" || orgs.count.Text != "1 of 2 organisations" {
		t.Fatalf("filtered: %v %q", names2(rows), orgs.count.Text)
	}

	// The change log shows what was done.
	s.show(secHistory)
	history := s.lists[secHistory].(*listView[changeRow])
	found := false
	for _, c := range history.rows() {
		found = found || strings.Contains(c.Summary, "Hydrogeological survey")
	}
	if !found {
		t.Error("the history lacks the gap")
	}
}

func names2(rows []organisationRow) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r.Name)
	}
	return out
}

func mustPeople(t *testing.T, f *workspace.File) []workspace.Person {
	t.Helper()
	p, err := f.People(workspace.PersonFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// The people table of the Mukuru-scale demo filters to exactly the people
// whose row holds every word typed.
func TestFilterPeopleAtMukuruScale(t *testing.T) {
	if testing.Short() {
		t.Skip("the Mukuru-scale demo takes a few seconds")
	}
	path := filepath.Join(t.TempDir(), "mukuru.cpw")
	f, err := workspace.CreateDemo(path, workspace.DemoOptions{Scale: workspace.DemoMukuru, Now: demoDay})
	if err != nil {
		t.Fatal(err)
	}
	all, _ := f.People(workspace.PersonFilter{})
	f.Close()
	u := testUI(t)
	u.open(path)
	u.screen.show(secPeople)
	people := u.screen.lists[secPeople].(*listView[personRow])
	if len(people.all) != len(all) || len(all) < 20000 {
		t.Fatalf("%d rows for %d people", len(people.all), len(all))
	}
	test.Type(people.filter, "Akinyi Otieno")
	want := 0
	for _, p := range all {
		if strings.Contains(strings.ToLower(p.Name), "akinyi otieno") {
			want++
		}
	}
	rows := people.rows()
	if want == 0 || len(rows) < want {
		t.Fatalf("%d rows shown, %d people called Akinyi Otieno", len(rows), want)
	}
	for _, r := range rows {
		hay := strings.ToLower(r.Name + " " + r.org + " " + r.Position + " " + r.home)
		if !strings.Contains(hay, "akinyi") || !strings.Contains(hay, "otieno") {
			t.Fatalf("row %q does not match", r.Name)
		}
	}
	if people.count.Text != thousands(len(rows))+" of "+thousands(len(all))+" people" {
		t.Errorf("count %q", people.count.Text)
	}
}

// Every section builds and reads its rows on the demo.
func TestEverySectionShows(t *testing.T) {
	u, _ := openDemo(t)
	for _, sec := range sections {
		name := sec.id
		u.screen.show(name)
		if u.screen.current != name || len(u.screen.area.Objects) != 1 {
			t.Fatalf("%s is not shown", name)
		}
		if l, ok := u.screen.lists[name]; ok {
			l.reload()
		}
	}
	roles := u.screen.lists[secRoles].(*listView[roleRow])
	if len(roles.rows()) != 21 || roles.rows()[0].Key != workspace.RoleCommunityOrganiser {
		t.Fatalf("the catalogue is not in its own order: %d roles", len(roles.rows()))
	}
	for i := range roles.cols {
		roles.sortBy(i)
		roles.sortBy(i)
	}
	u.screen.showPerson(mustPeople(t, u.file)[0].ID)
	u.screen.showRole(roles.all[0].ID)
	if !strings.Contains(allText(u.screen.area), "Held now") {
		t.Error("the role page lacks its holders")
	}
}

// A meeting's page takes attendees, decisions and follow-up actions.
func TestMeetingPage(t *testing.T) {
	u, _ := openDemo(t)
	s := u.screen
	f := u.file
	p, err := f.CreatePerson(workspace.Person{Name: "Zawadi Achieng", Resident: workspace.Yes})
	if err != nil {
		t.Fatal(err)
	}
	m, err := f.CreateMeeting(workspace.Meeting{Kind: "public-meeting", Title: "Launch of the plan", HeldOn: "2026-11-20"})
	if err != nil {
		t.Fatal(err)
	}
	s.show(secMeetings)
	s.showMeeting(m.ID)
	tap(t, s.area, "Add…") // the first Add… is for attendees
	fill(t, top(t, u), "Person", "Zawadi Achieng")
	tap(t, top(t, u), "Add")
	m2, _ := f.Meeting(m.ID)
	if len(m2.AttendeeIDs) != 1 || m2.AttendeeIDs[0] != p.ID {
		t.Fatalf("attendees: %v", m2.AttendeeIDs)
	}
	s.showMeeting(m.ID)
	var adds []*widget.Button
	walk(s.area, func(c fyne.CanvasObject) {
		if b, ok := c.(*widget.Button); ok && b.Text == "Add…" {
			adds = append(adds, b)
		}
	})
	if len(adds) != 3 {
		t.Fatalf("%d Add… buttons", len(adds))
	}
	test.Tap(adds[1])
	fill(t, top(t, u), "Decision", "Adopt the water plan for public comment")
	tap(t, top(t, u), "Add")
	adds = nil
	walk(s.area, func(c fyne.CanvasObject) {
		if b, ok := c.(*widget.Button); ok && b.Text == "Add…" {
			adds = append(adds, b)
		}
	})
	test.Tap(adds[2])
	fill(t, top(t, u), "Action", "Print the plan in Kiswahili")
	fill(t, top(t, u), "Owner", "Zawadi Achieng")
	fill(t, top(t, u), "Due", "2026-12-15")
	tap(t, top(t, u), "Add")
	page := allText(s.area)
	if !strings.Contains(page, "Adopt the water plan for public comment") || !strings.Contains(page, "Print the plan in Kiswahili — Zawadi Achieng, due 2026-12-15") {
		t.Fatalf("the page lacks the decision or the action:\n%s", page)
	}
	tap(t, s.area, "Done")
	actions, _ := f.FollowUps(m.ID)
	if len(actions) != 1 || actions[0].DoneOn != "2026-11-27" {
		t.Fatalf("actions: %+v", actions)
	}
}

// An assignment that starts later shows as to come; choosing the section
// again leaves a record's page.
func TestListAndPageDetails(t *testing.T) {
	u, _ := openDemo(t)
	s := u.screen
	cs, _ := u.file.Consortia()
	county, _ := u.file.RoleByKey(workspace.RoleTechnicalLeadGovernment)
	p, _ := u.file.CreatePerson(workspace.Person{Name: "Future Lead"})
	if _, err := u.file.Assign(workspace.Assignment{RoleID: county.ID, PersonID: p.ID, ConsortiumID: cs[0].ID, StartOn: "2027-01-10"}); err != nil {
		t.Fatal(err)
	}
	s.show(secConsortia)
	s.showConsortium(cs[0].ID)
	if !strings.Contains(allText(s.area), "From 2027-01-10: Future Lead") {
		t.Errorf("the lead to come is not shown:\n%s", allText(s.area))
	}
	s.showPerson(p.ID)
	if !strings.Contains(allText(s.area), "Roles to come (1)") {
		t.Errorf("the person's role to come is not shown")
	}
	_, people := sectionNamed(secPeople)
	s.nav.Select(people)
	if s.reopen != nil || s.current != secPeople {
		t.Error("choosing the section again did not leave the page")
	}
}

// The community structure and a gap's candidates are edited in the window.
func TestUnitsAndCandidates(t *testing.T) {
	u, _ := openDemo(t)
	s := u.screen
	f := u.file
	s.show(secCommunity)
	s.editUnit(workspace.Unit{}, "")
	fill(t, top(t, u), "Name", "Kisii Village")
	fill(t, top(t, u), "Households", "1,200")
	tap(t, top(t, u), "Add")
	areas, _ := f.Units(workspace.UnitFilter{Level: "area"})
	var area workspace.Unit
	for _, a := range areas {
		if a.Name == "Kisii Village" {
			area = a
		}
	}
	if area.ID == "" || area.Households != 1200 {
		t.Fatalf("the area was not added: %+v", areas)
	}
	s.editUnit(workspace.Unit{}, area.ID)
	fill(t, top(t, u), "Name", "Segment A")
	tap(t, top(t, u), "Add")
	segs, _ := f.Units(workspace.UnitFilter{ParentID: area.ID})
	if len(segs) != 1 || segs[0].Level != "segment" {
		t.Fatalf("segments: %+v", segs)
	}

	gaps, _ := f.ResourceGaps(workspace.GapFilter{})
	g := gaps[0]
	before, _ := f.GapCandidates(g.ID)
	s.show(secGaps)
	s.showGap(g.ID)
	orgs, _ := f.Organisations()
	s.editCandidate(g, workspace.GapCandidate{GapID: g.ID})
	fill(t, top(t, u), "Organisation", orgs[len(orgs)-1].Name)
	fill(t, top(t, u), "Stage", "Approached")
	tap(t, top(t, u), "Add")
	after, _ := f.GapCandidates(g.ID)
	if len(after) != len(before)+1 {
		t.Fatalf("candidates %d → %d", len(before), len(after))
	}
	if !strings.Contains(allText(s.area), orgs[len(orgs)-1].Name+" — Approached") {
		t.Errorf("the gap's page lacks the candidate:\n%s", allText(s.area))
	}
}

// The name set in Settings is the one the change log records.
func TestSettingsName(t *testing.T) {
	u, _ := openDemo(t)
	u.onSettings()
	fill(t, top(t, u), "Your name", "Wanjiru Kamau")
	tap(t, top(t, u), "Save")
	if u.file.Author != "Wanjiru Kamau" {
		t.Fatalf("author %q", u.file.Author)
	}
	if _, err := u.file.CreateOrganisation(workspace.Organisation{Name: "Named Org", Kind: "media", Base: "local"}); err != nil {
		t.Fatal(err)
	}
	log, _ := u.file.Changes(workspace.ChangeFilter{Limit: 1})
	if len(log) != 1 || log[0].Author != "Wanjiru Kamau" {
		t.Fatalf("change log: %+v", log)
	}
}

// rows returns the rows shown, in order.
func (l *listView[T]) rows() []T {
	out := make([]T, len(l.shown))
	for i, idx := range l.shown {
		out[i] = l.all[idx]
	}
	return out
}
