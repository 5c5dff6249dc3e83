package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"cpw/workspace"
)

// otherProgram opens the window's file through a second handle, as `cpw
// import`, a merge or another window would.
func otherProgram(t *testing.T, path string) *workspace.File {
	t.Helper()
	g, err := workspace.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	g.Author = "Otieno at the county office"
	g.Now = func() time.Time { return time.Now().Add(time.Hour) }
	t.Cleanup(func() { g.Close() })
	return g
}

// What another program writes shows in the open window: the list shown is
// read again and a line says who changed the workspace.
func TestOutsideChangeRefreshesTheWindow(t *testing.T) {
	u, path := openDemo(t)
	s := u.screen
	s.show(secOrganisations)
	orgs := s.lists[secOrganisations].(*listView[organisationRow])
	before := len(orgs.all)

	g := otherProgram(t, path)
	if _, err := g.CreateOrganisation(workspace.Organisation{Name: "Pamoja Trust", Acronym: "PT", Kind: "ngo"}); err != nil {
		t.Fatal(err)
	}
	u.lookOutside()
	if len(orgs.all) != before+1 || !has(names2(orgs.rows()), "Pamoja Trust") {
		t.Fatalf("the organisations list was not read again: %d rows, was %d", len(orgs.all), before)
	}
	if text := allText(s.notice); !strings.Contains(text, "Another window or program changed this workspace (Otieno at the county office") {
		t.Fatalf("no line says who changed the workspace: %q", text)
	}

	// The window's own changes are not announced as someone else's.
	tap(t, s.notice, "")
	if _, err := u.file.CreateOrganisation(workspace.Organisation{Name: "Slum Dwellers International", Kind: "ngo"}); err != nil {
		t.Fatal(err)
	}
	u.lookOutside()
	if len(s.notice.Objects) != 0 {
		t.Fatalf("the window's own change was announced: %q", allText(s.notice))
	}
}

// A form open while another program saves the same record does not save
// over the newer value: a field both changed shows both values and the
// planner chooses; a field only the form changed is saved as typed.
func TestOutsideChangeStaleFormRefusesToSave(t *testing.T) {
	u, path := openDemo(t)
	s := u.screen
	f := u.file
	people := mustPeople(t, f)
	var p workspace.Person
	for _, x := range people {
		if x.Phone != "" {
			p = x
			break
		}
	}
	s.editPerson(p)
	dlg := top(t, u)
	fill(t, dlg, "Phone", "0711 222333")
	fill(t, dlg, "Position", "Chairperson")

	// Meanwhile another program imports a new phone for the same person.
	g := otherProgram(t, path)
	theirs, err := g.Person(p.ID)
	if err != nil {
		t.Fatal(err)
	}
	theirs.Phone = "0799 888777"
	if _, err := g.UpdatePerson(theirs); err != nil {
		t.Fatal(err)
	}

	tap(t, dlg, "Save")
	choose := top(t, u)
	text := allText(choose)
	if !strings.Contains(text, "was changed by another window or program after you opened it") {
		t.Fatalf("no conflict shown: %q", text)
	}
	stored, err := f.Person(p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if stored.Phone != "0799 888777" || stored.Position == "Chairperson" {
		t.Fatalf("the stale form saved over the newer change: %+v", stored)
	}
	var groups []*widget.RadioGroup
	walk(choose, func(o fyne.CanvasObject) {
		if g, ok := o.(*widget.RadioGroup); ok {
			groups = append(groups, g)
		}
	})
	if len(groups) != 1 || !strings.Contains(text, "Yours: 0711 222333") || !strings.Contains(text, "Saved meanwhile: 0799 888777") || strings.Contains(text, "Chairperson") {
		t.Fatalf("the choices offered (only the phone was changed on both sides): %d\n%s", len(groups), text)
	}
	phone := groups[0]
	// Nothing is saved until each field is chosen.
	tap(t, choose, "Save my choices")
	if !strings.Contains(allText(top(t, u)), "Choose a value for each field.") {
		t.Fatal("saving with a field not chosen was not refused")
	}
	phone.SetSelected(phone.Options[1]) // keep the imported phone
	tap(t, choose, "Save my choices")
	stored, err = f.Person(p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if stored.Phone != "0799 888777" || stored.Position != "Chairperson" {
		t.Fatalf("after choosing: phone %q, position %q", stored.Phone, stored.Position)
	}
	if o := u.window.Canvas().Overlays().Top(); o != nil {
		t.Fatalf("a dialog is still open: %q", allText(o))
	}
}

// A page shown while another program changes its record is drawn again.
func TestOutsideChangeRedrawsThePage(t *testing.T) {
	u, path := openDemo(t)
	s := u.screen
	cs, err := u.file.Consortia()
	if err != nil {
		t.Fatal(err)
	}
	s.show(secConsortia)
	s.showConsortium(cs[0].ID)
	g := otherProgram(t, path)
	c, err := g.Consortium(cs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	c.Purpose = "Agreed at the county office: water kiosks in every segment."
	if _, err := g.UpdateConsortium(c); err != nil {
		t.Fatal(err)
	}
	s.pageScroll.ScrollToOffset(fyne.NewPos(0, 40))
	u.lookOutside()
	if !strings.Contains(allText(u.window.Content()), "water kiosks in every segment") {
		t.Fatal("the page shown was not drawn again")
	}
	if y := s.pageScroll.Offset.Y; y != 40 {
		t.Errorf("the page drawn again is scrolled to %v, not where the reader was", y)
	}

	// A record another program deletes while its page is shown: back to
	// its list, with the notice and no error.
	p, err := g.CreatePerson(workspace.Person{Name: "Short Lived"})
	if err != nil {
		t.Fatal(err)
	}
	u.lookOutside()
	s.show(secPeople)
	s.showPerson(p.ID)
	if err := g.DeletePerson(p.ID); err != nil {
		t.Fatal(err)
	}
	u.lookOutside()
	if o := u.window.Canvas().Overlays().Top(); o != nil {
		t.Fatalf("a dialog over the notice: %q", allText(o))
	}
	if s.reopen != nil || s.current != secPeople || !strings.Contains(allText(s.notice), "Another window or program changed") {
		t.Fatal("the window did not go back to the people with the notice")
	}
}

// A second window on a file that a window shows is told so.
func TestOutsideChangeSecondWindowIsWarned(t *testing.T) {
	_, path := openDemo(t)
	if said := OpenElsewhere(path); !strings.Contains(said, "mukuru.cpw is already open in another window") {
		t.Fatalf("OpenElsewhere: %q", said)
	}
	second := testUI(t)
	second.open(path)
	if text := allText(top(t, second)); !strings.Contains(text, "already open in another window") {
		t.Fatalf("the second window did not say so: %q", text)
	}
	other := filepath.Join(t.TempDir(), "other.cpw")
	if err := os.WriteFile(other, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if said := OpenElsewhere(other); said != "" {
		t.Fatalf("a file no window shows: %q", said)
	}
}

// A merge made elsewhere brings the other copy's change log along: the
// note names who wrote in this copy, at the newest time, not the other
// copy's authors and their old times.
func TestOutsideChangeNoteAfterAMergeElsewhere(t *testing.T) {
	changes := []workspace.Change{
		{Author: "Lead of the other copy", CopyID: "theirs", At: "2026-01-05T08:00:00.000Z", Summary: "person Amina: phone"},
		{Author: "Otieno", CopyID: "ours", At: "2026-11-27T07:30:00.000Z", Summary: "merged a copy"},
		{Author: "Lead of the other copy", CopyID: "theirs", At: "2026-02-01T08:00:00.000Z", Summary: "meeting"},
	}
	note := outsideNote("ours", changes)
	if !strings.Contains(note, "(Otieno, last at "+localTime("2026-11-27T07:30:00.000Z")+")") || strings.Contains(note, "other copy") {
		t.Fatalf("the note: %q", note)
	}
}
