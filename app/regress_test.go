package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cpw/workspace"
)

// Each test here is a failure found in review, kept so it stays fixed.

// After Enter opens a row's page, the hidden table no longer takes keys:
// Delete on the page must not offer to delete the record.
func TestAPageTakesTheFocusFromItsList(t *testing.T) {
	u, _ := openDemo(t)
	s := u.screen
	s.show(secMeetings)
	l := s.lists[secMeetings].(*listView[meetingRow])
	l.selectRow(0)
	l.focus()
	c := u.window.Canvas()
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if s.reopen == nil {
		t.Fatal("Enter did not open the page")
	}
	if f := c.Focused(); f != nil {
		f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	}
	if o := c.Overlays().Top(); o != nil {
		t.Errorf("Delete on a record's page opened %q", allText(o))
	}
}

// Clearing one's name in Settings goes back to the account name.
func TestClearingTheNameInSettings(t *testing.T) {
	u, _ := openDemo(t)
	account := u.file.Author
	u.onSettings()
	fill(t, top(t, u), "Your name", "Wanjiru Kamau")
	tap(t, top(t, u), "Save")
	u.onSettings()
	fill(t, top(t, u), "Your name", "")
	tap(t, top(t, u), "Save")
	if u.file.Author != account {
		t.Errorf("author %q, want the account name %q", u.file.Author, account)
	}
}

// A finding about something with no record (a role gone from the catalogue)
// opens its dialog once; later changes do not show an error again.
func TestAFindingWithoutARecord(t *testing.T) {
	u, _ := openDemo(t)
	s := u.screen
	s.openSubject(workspace.Subject{Kind: "role", ID: "", Name: "spatial-planner"})
	for o := u.window.Canvas().Overlays().Top(); o != nil; o = u.window.Canvas().Overlays().Top() {
		o.Hide()
	}
	s.changed()
	if o := u.window.Canvas().Overlays().Top(); o != nil {
		t.Errorf("a later change shows %q", allText(o))
	}
}

// A decision added after earlier ones were deleted comes last.
func TestANewDecisionComesLast(t *testing.T) {
	u, _ := openDemo(t)
	f := u.file
	m, _ := f.CreateMeeting(workspace.Meeting{Kind: "public-meeting", HeldOn: "2026-11-20"})
	var ds []workspace.Decision
	for i, text := range []string{"one", "two", "three"} {
		d, err := f.CreateDecision(workspace.Decision{MeetingID: m.ID, Position: i + 1, Text: text})
		if err != nil {
			t.Fatal(err)
		}
		ds = append(ds, d)
	}
	f.DeleteDecision(ds[0].ID)
	f.DeleteDecision(ds[1].ID)
	s := u.screen
	s.show(secMeetings)
	s.showMeeting(m.ID)
	var adds []*widget.Button
	walk(s.area, func(c fyne.CanvasObject) {
		if b, ok := c.(*widget.Button); ok && b.Text == "Add…" {
			adds = append(adds, b)
		}
	})
	test.Tap(adds[1]) // attendees, decisions, actions
	fill(t, top(t, u), "Decision", "four")
	tap(t, top(t, u), "Add")
	got, _ := f.Decisions(m.ID)
	var texts []string
	for _, d := range got {
		texts = append(texts, d.Text)
	}
	if strings.Join(texts, ",") != "three,four" {
		t.Errorf("decisions in order: %v", texts)
	}
}

// Loads started one after another on real goroutines do not race over the
// history's filter.
func TestHistoryLoadsOnTheirOwnGoroutines(t *testing.T) {
	u, _ := openDemo(t)
	s := u.screen
	s.show(secHistory)
	// The test driver's fyne.Do runs its function on the calling goroutine,
	// not the UI's, so the loads are held at a gate until every reload has
	// been started: that keeps the test's own writes ordered before them, as
	// the real driver does, while the loads still run at the same time.
	gate := make(chan struct{})
	done := make(chan struct{}, 20)
	u.background = func(f func()) { go func() { <-gate; f(); done <- struct{}{} }() }
	l := s.lists[secHistory].(*listView[changeRow])
	l.use(nil, newRowIndex(l.cols, nil, l.sortCol, l.desc))
	for i := 0; i < 10; i++ {
		l.reload()
	}
	close(gate)
	for i := 0; i < 10; i++ {
		<-done
	}
	if len(l.all) == 0 {
		t.Error("the last load did not fill the history")
	}
}

// Esc in a form's text field closes the form.
func TestEscInAFormField(t *testing.T) {
	u, _ := openDemo(t)
	s := u.screen
	s.editConsortium(workspace.Consortium{})
	code := formField(t, top(t, u), "Code").(*textEntry)
	u.window.Canvas().Focus(code)
	code.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if o := u.window.Canvas().Overlays().Top(); o != nil {
		t.Errorf("the form is still shown: %q", allText(o))
	}
}

// A record deleted while its page is shown (here, as a merge or another
// window would) takes the window back to its section's list, with the
// reason, instead of leaving a page of what is gone.
func TestThePageOfADeletedRecord(t *testing.T) {
	u, _ := openDemo(t)
	s := u.screen
	g, err := u.file.CreateResourceGap(workspace.ResourceGap{Title: "Survey drones", Kind: "equipment", Priority: "low", Status: "open"})
	if err != nil {
		t.Fatal(err)
	}
	s.show(secGaps)
	s.showGap(g.ID)
	if s.reopen == nil || !strings.Contains(allText(s.area), "Survey drones") {
		t.Fatalf("the gap's page is not shown:\n%s", allText(s.area))
	}
	if err := u.file.DeleteResourceGap(g.ID); err != nil {
		t.Fatal(err)
	}
	s.changed()
	if s.reopen != nil || s.current != secGaps || s.area.Objects[0] != s.built[secGaps] {
		t.Error("the window still shows the page of the deleted gap")
	}
	if o := u.window.Canvas().Overlays().Top(); o == nil {
		t.Error("the window does not say why the page closed")
	}
}
