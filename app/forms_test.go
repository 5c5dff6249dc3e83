package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cpw/workspace"
)

// press sends a key as the window does: to the object with the focus, else
// to the window.
func press(u *ui, key fyne.KeyName) {
	c := u.window.Canvas()
	if f := c.Focused(); f != nil {
		f.TypedKey(&fyne.KeyEvent{Name: key})
	} else if on := c.OnTypedKey(); on != nil {
		on(&fyne.KeyEvent{Name: key})
	}
}

// meetingTitled is the stored meeting with the title, if any.
func meetingTitled(t *testing.T, f *workspace.File, title string) (workspace.Meeting, bool) {
	t.Helper()
	ms, err := f.Meetings()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.Title == title {
			return m, true
		}
	}
	return workspace.Meeting{}, false
}

// gapTitled is the stored resource gap with the title, if any.
func gapTitled(t *testing.T, f *workspace.File, title string) (workspace.ResourceGap, bool) {
	t.Helper()
	gs, err := f.ResourceGaps(workspace.GapFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range gs {
		if g.Title == title {
			return g, true
		}
	}
	return workspace.ResourceGap{}, false
}

// A date is read as the import reads one: "April 3, 2026" is stored as
// 2026-04-03, and shown so when the field is left; a date that reads as two
// days is refused under its field and nothing is stored.
func TestAFormReadsDatesAsTheImportDoes(t *testing.T) {
	u, _ := openDemo(t)
	s := u.screen
	s.editMeeting(workspace.Meeting{})
	fill(t, top(t, u), "Kind", "Community planning forum")
	fill(t, top(t, u), "Title", "Kwa Njenga planning day")
	fill(t, top(t, u), "Held on", "03/04/2026")
	tap(t, top(t, u), "Add")
	n := note(t, top(t, u), "Held on")
	if !n.Visible() || n.Importance != widget.DangerImportance ||
		!strings.Contains(n.Text, "“03/04/2026” could be day first (2026-04-03) or month first (2026-03-04): write it as YYYY-MM-DD, such as 2026-04-03.") {
		t.Fatalf("no reason under the date: %q", n.Text)
	}
	if _, ok := meetingTitled(t, u.file, "Kwa Njenga planning day"); ok {
		t.Fatal("a meeting of a date that reads as two days was stored")
	}

	held := formField(t, top(t, u), "Held on").(*textEntry)
	held.SetText("April 3, 2026")
	u.window.Canvas().Focus(held)
	u.window.Canvas().Unfocus()
	if held.Text != "2026-04-03" {
		t.Errorf("left, the date shows %q, not what will be stored", held.Text)
	}
	if n.Importance == widget.DangerImportance {
		t.Errorf("the date reads now, but its note still says %q", n.Text)
	}
	held.SetText("  april 3, 2026 ") // saved without leaving the field
	tap(t, top(t, u), "Add")
	m, ok := meetingTitled(t, u.file, "Kwa Njenga planning day")
	if !ok || m.HeldOn != "2026-04-03" {
		t.Fatalf("stored: %v %+v", ok, m)
	}
	if o := u.window.Canvas().Overlays().Top(); o != nil {
		t.Errorf("the form is still shown: %q", allText(o))
	}

	// The same in a form of another screen that only reads the field's text.
	roles, err := u.file.Roles(false)
	if err != nil || len(roles) == 0 {
		t.Fatal(roles, err)
	}
	s.retireRole(roles[0])
	fill(t, top(t, u), "Retired on", "3 December 2026")
	tap(t, top(t, u), "Retire")
	r, err := u.file.Role(roles[0].ID)
	if err != nil || r.RetiredOn != "2026-12-03" {
		t.Fatalf("retired on %q, %v", r.RetiredOn, err)
	}
}

// A gap's amounts are read as the import reads them, in the workspace's
// currency; one in another currency is refused with a sentence naming both,
// and nothing is stored.
func TestAGapsAmountsAsTheImportReadsThem(t *testing.T) {
	u, _ := openDemo(t)
	s := u.screen
	s.editGap(workspace.ResourceGap{})
	fill(t, top(t, u), "Title", "Water kiosk at Kosovo")
	fill(t, top(t, u), "Kind", "Funding")
	fill(t, top(t, u), "Priority", "High")
	fill(t, top(t, u), "Status", "Not yet filled")
	fill(t, top(t, u), "Estimated cost", "USD 10")
	tap(t, top(t, u), "Add")
	n := note(t, top(t, u), "Estimated cost")
	if !n.Visible() || n.Importance != widget.DangerImportance ||
		n.Text != "“USD 10” is in USD, but this workspace keeps its amounts in KES: convert it to KES, or leave it blank." {
		t.Fatalf("no reason under the cost: %q", n.Text)
	}
	if _, ok := gapTitled(t, u.file, "Water kiosk at Kosovo"); ok {
		t.Fatal("a gap costed in another currency was stored")
	}
	fill(t, top(t, u), "Estimated cost", "KES 10,000")
	fill(t, top(t, u), "Secured", "2.5k")
	tap(t, top(t, u), "Add")
	g, ok := gapTitled(t, u.file, "Water kiosk at Kosovo")
	if !ok || g.EstimatedCost != 10_000 || g.Secured != 2_500 {
		t.Fatalf("stored: %v %+v", ok, g)
	}
}

// rendered visits every object under o, the insides of widgets included.
func rendered(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	fn(o)
	switch w := o.(type) {
	case *fyne.Container:
		for _, c := range w.Objects {
			rendered(c, fn)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(w).Objects() {
			rendered(c, fn)
		}
	}
}

// The button at the end of a date field shows a calendar at the field's
// date; choosing a day fills the field, closes the calendar, and saving
// stores the day.
func TestACalendarFillsADateField(t *testing.T) {
	u, _ := openDemo(t)
	s := u.screen
	s.editMeeting(workspace.Meeting{})
	form := top(t, u)
	fill(t, form, "Kind", "Community planning forum")
	fill(t, form, "Title", "Landi Mawe feedback")
	held := formField(t, form, "Held on").(*textEntry)
	held.SetText("3 April 2026")
	test.Tap(held.ActionItem.(*widget.Button))
	if _, ok := u.window.Canvas().Overlays().Top().(*widget.PopUp); !ok || top(t, u) == form {
		t.Fatal("no calendar shown")
	}
	press(u, fyne.KeyEscape) // closes the calendar, not the form
	if top(t, u) != form {
		t.Fatal("Esc with the calendar open closed the form, or not the calendar")
	}
	test.Tap(held.ActionItem.(*widget.Button))
	pop := top(t, u)
	var day *widget.Button
	rendered(pop, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == "15" {
			day = b
		}
	})
	if day == nil {
		t.Fatal("the calendar has no day 15")
	}
	test.Tap(day)
	if u.window.Canvas().Overlays().Top() != form {
		t.Fatal("the calendar is still shown")
	}
	if held.Text != "2026-04-15" { // the calendar opened on the field's month
		t.Fatalf("the field holds %q", held.Text)
	}
	tap(t, form, "Add")
	if m, ok := meetingTitled(t, u.file, "Landi Mawe feedback"); !ok || m.HeldOn != "2026-04-15" {
		t.Fatalf("stored: %v %+v\n%s", ok, m, allText(form))
	}
}

// Enter in a single-line field saves the form; in a multi-line one it is a
// new line.
func TestEnterSavesAForm(t *testing.T) {
	u, _ := openDemo(t)
	s := u.screen
	s.editMeeting(workspace.Meeting{})
	form := top(t, u)
	fill(t, form, "Kind", "Community planning forum")
	fill(t, form, "Title", "Kisii village baraza")
	fill(t, form, "Held on", "April 3, 2026")
	notes := formField(t, form, "Notes").(*textEntry)
	u.window.Canvas().Focus(notes)
	test.Type(notes, "Chief attended")
	press(u, fyne.KeyReturn)
	if _, ok := meetingTitled(t, u.file, "Kisii village baraza"); ok || u.window.Canvas().Overlays().Top() != form {
		t.Fatal("Enter in the notes saved the form")
	}
	if !strings.Contains(notes.Text, "\n") {
		t.Errorf("Enter in the notes made no new line: %q", notes.Text)
	}
	u.window.Canvas().Focus(formField(t, form, "Place").(*textEntry))
	press(u, fyne.KeyReturn)
	m, ok := meetingTitled(t, u.file, "Kisii village baraza")
	if !ok || m.HeldOn != "2026-04-03" || !strings.HasPrefix(m.Notes, "Chief attended") {
		t.Fatalf("stored: %v %+v", ok, m)
	}
	if o := u.window.Canvas().Overlays().Top(); o != nil {
		t.Errorf("the form is still shown: %q", allText(o))
	}
}

// Esc with a drop-down's list open closes the list, not the form; Esc
// again closes the form.
func TestEscClosesAnOpenListFirst(t *testing.T) {
	u, _ := openDemo(t)
	s := u.screen
	s.editGap(workspace.ResourceGap{})
	form := top(t, u)
	test.Tap(formField(t, form, "Kind").(*choiceSelect))
	if top(t, u) == form {
		t.Fatal("the list of kinds did not open")
	}
	press(u, fyne.KeyEscape)
	if top(t, u) != form {
		t.Fatal("Esc with the list open closed the form, or not the list")
	}
	press(u, fyne.KeyEscape)
	if o := u.window.Canvas().Overlays().Top(); o != nil {
		t.Fatalf("Esc did not close the form: %q", allText(o))
	}

	// A picker's list of matches likewise.
	gaps, _ := u.file.ResourceGaps(workspace.GapFilter{})
	s.editCandidate(gaps[0], workspace.GapCandidate{GapID: gaps[0].ID})
	form = top(t, u)
	org := formField(t, form, "Organisation").(*picker)
	u.window.Canvas().Focus(org)
	test.Type(org, "nairobi")
	if !org.shown() {
		t.Fatal("typing in the picker listed no matches")
	}
	press(u, fyne.KeyEscape)
	if org.shown() || top(t, u) != form {
		t.Fatal("Esc did not close only the list of matches")
	}
	press(u, fyne.KeyEscape)
	if o := u.window.Canvas().Overlays().Top(); o != nil {
		t.Fatalf("Esc did not close the form: %q", allText(o))
	}
}

// A picker lists its matches as one types, finds an organisation by its
// acronym, and a person by their organisation's.
func TestAPickerFindsByAcronym(t *testing.T) {
	u, _ := openDemo(t)
	s := u.screen
	f := u.file
	orgs, err := f.Organisations()
	if err != nil {
		t.Fatal(err)
	}
	var nwsu workspace.Organisation
	for _, o := range orgs {
		if o.Acronym == "NWSU" {
			nwsu = o
		}
	}
	if nwsu.ID == "" || strings.Contains(strings.ToLower(nwsu.Name), "nwsu") {
		t.Fatalf("the demo has no organisation NWSU, or names it so: %+v", nwsu)
	}
	gaps, _ := f.ResourceGaps(workspace.GapFilter{})
	g := gaps[len(gaps)-1]
	before, _ := f.GapCandidates(g.ID)
	s.editCandidate(g, workspace.GapCandidate{GapID: g.ID})
	form := top(t, u)
	org := formField(t, form, "Organisation").(*picker)
	u.window.Canvas().Focus(org)
	test.Type(org, "nws")
	if !org.shown() || len(org.matches) != 1 || org.matches[0].id != nwsu.ID {
		t.Fatalf("typing its acronym lists %+v", org.matches)
	}
	tap(t, form, nwsu.Name+" (NWSU)")
	if org.Text != nwsu.Name || org.shown() {
		t.Fatalf("choosing it left %q in the picker, the list shown: %v", org.Text, org.shown())
	}
	tap(t, form, "Add")
	after, _ := f.GapCandidates(g.ID)
	if len(after) != len(before)+1 || after[len(after)-1].OrganisationID != nwsu.ID && after[0].OrganisationID != nwsu.ID {
		t.Fatalf("candidates %+v → %+v", before, after)
	}

	// Enter chooses the only match, then saves.
	s.editCandidate(g, workspace.GapCandidate{GapID: g.ID})
	form = top(t, u)
	org = formField(t, form, "Organisation").(*picker)
	u.window.Canvas().Unfocus()
	test.Tap(org.ActionItem.(*widget.Button))
	if !org.shown() || len(org.buttons) != len(orgs) {
		t.Fatalf("its button lists %d of %d organisations", len(org.buttons), len(orgs))
	}
	test.Type(org, "ncc-hs")
	press(u, fyne.KeyReturn)
	if !strings.HasPrefix(org.Text, "Nairobi City County – Health") || top(t, u) != form {
		t.Fatalf("Enter with one match left %q", org.Text)
	}

	_, people, _, err := s.pickOptions(true, false)
	if err != nil {
		t.Fatal(err)
	}
	who := newPicker("Person", people, "")
	who.narrow("NWSU")
	if len(who.matches) == 0 {
		t.Fatal("no one found by their organisation's acronym")
	}
	for _, m := range who.matches {
		if !strings.HasSuffix(m.label, "— "+nwsu.Name) && !strings.Contains(m.label, "— "+nwsu.Name+" (") {
			t.Errorf("%q is not of %s", m.label, nwsu.Name)
		}
	}
}
