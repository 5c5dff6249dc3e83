package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"cpw/workspace"
)

// pressShortcut sends a shortcut as the window does (Fyne's glfw driver): to
// a menu item with that shortcut first, then to the focused widget when it
// takes shortcuts, else to the window's own.
func pressShortcut(u *ui, sc fyne.Shortcut) {
	for _, m := range u.undo.menu.Items {
		for _, i := range m.Items {
			if i.Shortcut != nil && i.Shortcut.ShortcutName() == sc.ShortcutName() {
				i.Action()
				return
			}
		}
	}
	c := u.window.Canvas()
	if f, ok := c.Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(sc)
		return
	}
	c.(fyne.Shortcutable).TypedShortcut(sc)
}

// Ctrl+Z after a deletion puts the record back and shows it where it was;
// the Edit menu names what Undo and Redo would do; Ctrl+Y deletes it again.
func TestCtrlZAfterADeletion(t *testing.T) {
	u, _ := openDemo(t)
	s := u.screen
	f := u.file
	orgs, err := f.Organisations()
	if err != nil {
		t.Fatal(err)
	}
	org := orgs[0]
	if _, err := f.CreateActivity(workspace.Activity{OrganisationID: org.ID, Description: "Land tenure clinics", Place: "Kosovo ward", Status: "ongoing"}); err != nil {
		t.Fatal(err)
	}
	s.enter(secOrganisations)
	s.showOrganisation(org.ID)
	line := "Land tenure clinics — “Kosovo ward” — Ongoing"
	tap(t, rowOf(t, s.area, line), "Delete…")
	tap(t, top(t, u), "Yes")
	if strings.Contains(allText(s.area), "Land tenure clinics") {
		t.Fatal("the activity is still on the page after its deletion")
	}
	name := "delete activity “" + org.Name + ": Land tenure clinics”"
	if got := u.undo.undo.Label; got != "Undo "+clipText(name, 60) || u.undo.undo.Disabled {
		t.Errorf("the Edit menu offers %q (disabled %v)", got, u.undo.undo.Disabled)
	}

	// Away from the page, then Ctrl+Z: the organisation's page shows the activity again.
	s.show(secPeople)
	pressShortcut(u, &fyne.ShortcutUndo{})
	if s.pageID != org.ID || !strings.Contains(allText(s.area), line) {
		t.Fatalf("after Ctrl+Z the page %q shows:\n%s", s.pageID, allText(s.area))
	}
	if text := allText(s.notice); !strings.Contains(text, "Undone: "+name+".") {
		t.Errorf("no line says what was undone: %q", text)
	}
	back := false
	acts, _ := f.Activities(workspace.ActivityFilter{OrganisationID: org.ID})
	for _, a := range acts {
		back = back || a.Description == "Land tenure clinics" && a.Place == "Kosovo ward" && a.Status == "ongoing"
	}
	if !back {
		t.Fatalf("the activity did not come back as it was: %+v", acts)
	}
	if got := u.undo.redo.Label; got != "Redo "+clipText(name, 60) || u.undo.redo.Disabled {
		t.Errorf("the Edit menu offers %q (disabled %v)", got, u.undo.redo.Disabled)
	}

	// Ctrl+Y deletes it again, Ctrl+Z puts it back, Ctrl+Shift+Z deletes it again.
	pressShortcut(u, &fyne.ShortcutRedo{})
	if strings.Contains(allText(s.area), "Land tenure clinics") {
		t.Fatal("Ctrl+Y did not delete the activity again")
	}
	pressShortcut(u, &fyne.ShortcutUndo{})
	pressShortcut(u, &desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift})
	if strings.Contains(allText(s.area), "Land tenure clinics") {
		t.Fatal("Ctrl+Shift+Z did not delete the activity again")
	}
	// In a text field the keys undo the typing, not the workspace.
	s.show(secOrganisations)
	s.lists[secOrganisations].focusFilter(u.window)
	pressShortcut(u, &fyne.ShortcutUndo{})
	if acts, _ := f.Activities(workspace.ActivityFilter{OrganisationID: org.ID}); len(acts) != 1 {
		t.Error("Ctrl+Z in the filter box undid a change of the workspace")
	}
	u.window.Canvas().Unfocus()
	// A dialog open over the window keeps the keys from undoing.
	u.onSettings()
	pressShortcut(u, &fyne.ShortcutUndo{})
	if acts, _ := f.Activities(workspace.ActivityFilter{OrganisationID: org.ID}); len(acts) != 1 {
		t.Error("Ctrl+Z undid a change behind an open dialog")
	}
}

// History reverts an older change after showing what it will do, and
// refuses, with the sentence, one a later change depends on.
func TestHistoryRevertsAChange(t *testing.T) {
	u, _ := openDemo(t)
	s := u.screen
	f := u.file
	org, err := f.CreateOrganisation(workspace.Organisation{Name: "Pamoja Trust", Kind: "ngo"})
	if err != nil {
		t.Fatal(err)
	}
	org.Notes = "Met at the forum"
	if _, err := f.UpdateOrganisation(org); err != nil {
		t.Fatal(err)
	}
	if _, err := f.CreatePerson(workspace.Person{Name: "Amina Otieno", OrganisationID: org.ID}); err != nil {
		t.Fatal(err)
	}
	s.show(secHistory)
	l := s.lists[secHistory].(*listView[changeRow])
	find := func(action, summary string) changeRow {
		for _, c := range l.rows() {
			if c.Action == action && strings.HasPrefix(c.Summary, summary) {
				return c
			}
		}
		t.Fatalf("no change %q in the history", summary)
		return changeRow{}
	}
	// The note, two changes back: reverted after the preview.
	l.onOpen(find("update", "Pamoja Trust: notes"))
	tap(t, top(t, u), "Revert this change…")
	preview := allText(top(t, u))
	if !strings.Contains(preview, "change back organisation “Pamoja Trust”: Notes “Met at the forum” → “”") {
		t.Fatalf("the preview says:\n%s", preview)
	}
	tap(t, top(t, u), "Revert")
	if got, _ := f.Organisation(org.ID); got.Notes != "" {
		t.Fatalf("the note is still %q", got.Notes)
	}
	if s.pageID != org.ID {
		t.Errorf("the organisation's page is not shown after the revert (page %q)", s.pageID)
	}
	// Adding the organisation cannot be reverted: a person added since works for it.
	s.show(secHistory)
	l = s.lists[secHistory].(*listView[changeRow])
	l.onOpen(find("create", "Pamoja Trust"))
	tap(t, top(t, u), "Revert this change…")
	if text := allText(top(t, u)); !strings.Contains(text, "organisation “Pamoja Trust” is used by person “Amina Otieno”") {
		t.Fatalf("the refusal says:\n%s", text)
	}
}
