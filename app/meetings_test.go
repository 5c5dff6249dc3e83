package app

import (
	"sort"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"cpw/workspace"
)

// rowOf is the line of a page whose text is text, with its buttons.
func rowOf(t *testing.T, o fyne.CanvasObject, text string) fyne.CanvasObject {
	t.Helper()
	var row fyne.CanvasObject
	walk(o, func(c fyne.CanvasObject) {
		box, isBox := c.(*fyne.Container)
		if !isBox || row != nil {
			return
		}
		for _, x := range box.Objects {
			if l, isLabel := x.(*widget.Label); isLabel && l.Text == text {
				row = box
			}
		}
	})
	if row == nil {
		t.Fatalf("no line %q in:\n%s", text, allText(o))
	}
	return row
}

// A decision and a follow-up action are edited after they are added: what
// the form saves is stored, a bad date is refused with nothing changed, and
// the form writes over the record as it is now, not as it was when opened.
func TestEditDecisionAndAction(t *testing.T) {
	var m workspace.Meeting
	var dc workspace.Decision
	var act workspace.FollowUp
	var amina, baraka workspace.Person
	u := openNewWorkspace(t, func(f *workspace.File) {
		amina = made[workspace.Person](t)(f.CreatePerson(workspace.Person{Name: "Amina Njeri"}))
		baraka = made[workspace.Person](t)(f.CreatePerson(workspace.Person{Name: "Baraka Otieno"}))
		m = made[workspace.Meeting](t)(f.CreateMeeting(workspace.Meeting{Kind: "public-meeting", Title: "Launch of the plan", HeldOn: "2026-11-20"}))
		dc = made[workspace.Decision](t)(f.CreateDecision(workspace.Decision{MeetingID: m.ID, Position: 1, Text: "Adopt the water plan"}))
		act = made[workspace.FollowUp](t)(f.CreateFollowUp(workspace.FollowUp{MeetingID: m.ID, Position: 1, Text: "Print the plan", OwnerID: amina.ID, DueOn: "2026-12-15"}))
	})
	s, f := u.screen, u.file
	s.show(secMeetings)
	s.showMeeting(m.ID)

	tap(t, rowOf(t, s.area, "Adopt the water plan"), "Edit…")
	fill(t, top(t, u), "Decision", "Adopt the water plan for public comment")
	// Meanwhile the decision is moved, as another window or a merge would.
	moved := made[workspace.Decision](t)(f.Decision(dc.ID))
	moved.Position = 7
	made[workspace.Decision](t)(f.UpdateDecision(moved))
	tap(t, top(t, u), "Save")
	if got := made[workspace.Decision](t)(f.Decision(dc.ID)); got.Text != "Adopt the water plan for public comment" || got.Position != 7 {
		t.Errorf("stored decision: %+v", got)
	}
	if !strings.Contains(allText(s.area), "Adopt the water plan for public comment") {
		t.Errorf("the page was not drawn anew:\n%s", allText(s.area))
	}

	line := "Print the plan — Amina Njeri, due 2026-12-15"
	tap(t, rowOf(t, s.area, line), "Edit…")
	fill(t, top(t, u), "Due", "15 December")
	tap(t, top(t, u), "Save")
	if n := note(t, top(t, u), "Due"); n.Importance != widget.DangerImportance || n.Text == "" {
		t.Errorf("a bad due date is not refused beside its field: %q", n.Text)
	}
	if got := made[workspace.FollowUp](t)(f.FollowUp(act.ID)); got.DueOn != "2026-12-15" || got.Text != "Print the plan" {
		t.Fatalf("a refused edit changed the action: %+v", got)
	}
	fill(t, top(t, u), "Action", "Print the plan in Kiswahili")
	fill(t, top(t, u), "Owner", "Baraka Otieno")
	fill(t, top(t, u), "Due", "2026-12-20")
	fill(t, top(t, u), "Done on", "2026-12-01")
	moving := made[workspace.FollowUp](t)(f.FollowUp(act.ID))
	moving.Position = 4
	made[workspace.FollowUp](t)(f.UpdateFollowUp(moving))
	tap(t, top(t, u), "Save")
	got := made[workspace.FollowUp](t)(f.FollowUp(act.ID))
	if got.Text != "Print the plan in Kiswahili" || got.OwnerID != baraka.ID || got.DueOn != "2026-12-20" || got.DoneOn != "2026-12-01" || got.Position != 4 {
		t.Errorf("stored action: %+v", got)
	}
	done := "Print the plan in Kiswahili — Baraka Otieno, due 2026-12-20 (done 2026-12-01)"
	row := rowOf(t, s.area, done)
	if has(texts(row), "Done") {
		t.Error("an action done still offers Done")
	}

	// Emptying the done date opens it again, and Done is offered again.
	tap(t, row, "Edit…")
	fill(t, top(t, u), "Done on", "")
	tap(t, top(t, u), "Save")
	if got := made[workspace.FollowUp](t)(f.FollowUp(act.ID)); got.DoneOn != "" {
		t.Errorf("the action is still done: %+v", got)
	}
	tap(t, rowOf(t, s.area, "Print the plan in Kiswahili — Baraka Otieno, due 2026-12-20"), "Done")
	if got := made[workspace.FollowUp](t)(f.FollowUp(act.ID)); got.DoneOn != "2026-11-27" {
		t.Errorf("Done did not store today: %+v", got)
	}
}

// Remove asks before it takes a person off a meeting's attendees, which
// are listed by name: Cancel keeps them, confirming removes exactly that
// person, and one added meanwhile stays.
func TestRemoveAttendeeAsksFirst(t *testing.T) {
	var m workspace.Meeting
	var zawadi, amina, baraka, late workspace.Person
	u := openNewWorkspace(t, func(f *workspace.File) {
		zawadi = made[workspace.Person](t)(f.CreatePerson(workspace.Person{Name: "Zawadi Achieng"}))
		baraka = made[workspace.Person](t)(f.CreatePerson(workspace.Person{Name: "Baraka Otieno"}))
		amina = made[workspace.Person](t)(f.CreatePerson(workspace.Person{Name: "amina Njeri"}))
		late = made[workspace.Person](t)(f.CreatePerson(workspace.Person{Name: "Late Comer"}))
		m = made[workspace.Meeting](t)(f.CreateMeeting(workspace.Meeting{Kind: "public-meeting", HeldOn: "2026-11-20",
			AttendeeIDs: []string{zawadi.ID, baraka.ID, amina.ID}}))
	})
	s, f := u.screen, u.file
	s.show(secMeetings)
	s.showMeeting(m.ID)
	attendees := func() []string {
		t.Helper()
		ids := append([]string(nil), made[workspace.Meeting](t)(f.Meeting(m.ID)).AttendeeIDs...)
		sort.Strings(ids)
		return ids
	}
	sorted := func(ids ...string) []string { sort.Strings(ids); return ids }

	// Listed by name whatever the case, each row alike: the name, then Remove….
	came := map[string]bool{"amina Njeri": true, "Baraka Otieno": true, "Zawadi Achieng": true}
	var names []string
	walk(s.area, func(c fyne.CanvasObject) {
		if l, isLabel := c.(*widget.Label); isLabel && came[l.Text] {
			names = append(names, l.Text)
			if row := rowOf(t, s.area, l.Text); strings.Join(texts(row), "|") != l.Text+"|Remove…" {
				t.Errorf("the row of %s is laid out as %v", l.Text, texts(row))
			}
		}
	})
	if strings.Join(names, ", ") != "amina Njeri, Baraka Otieno, Zawadi Achieng" {
		t.Errorf("attendees in order: %v", names)
	}

	tap(t, rowOf(t, s.area, "Baraka Otieno"), "Remove…")
	dlg := top(t, u)
	if !strings.Contains(allText(dlg), "Remove Baraka Otieno from the attendees of the meeting of 2026-11-20?") {
		t.Fatalf("the question is not asked:\n%s", allText(dlg))
	}
	tap(t, dlg, "Cancel")
	if got, want := attendees(), sorted(zawadi.ID, baraka.ID, amina.ID); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("Cancel changed the attendees: %v", got)
	}

	tap(t, rowOf(t, s.area, "Baraka Otieno"), "Remove…")
	dlg = top(t, u)
	// Meanwhile someone is added, as another window or a merge would.
	now := made[workspace.Meeting](t)(f.Meeting(m.ID))
	now.AttendeeIDs = append(now.AttendeeIDs, late.ID)
	made[workspace.Meeting](t)(f.UpdateMeeting(now))
	tap(t, dlg, "Remove")
	if got, want := attendees(), sorted(zawadi.ID, amina.ID, late.ID); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("after removing Baraka, the attendees are %v, not %v", got, want)
	}
	page := allText(s.area)
	if strings.Contains(page, "Baraka Otieno") || !strings.Contains(page, "Attendees (3)") || !strings.Contains(page, "Late Comer") {
		t.Errorf("the page was not drawn anew:\n%s", page)
	}
	if o := u.window.Canvas().Overlays().Top(); o != nil {
		t.Errorf("a dialog is left open: %s", allText(o))
	}
}
