package app

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"cpw/place"
	"cpw/workspace"
)

// pushedCopy saves a copy of the open workspace, lets change edit it (its
// clock a day ahead), and syncs it with the folder: what another lead
// pushed before this window syncs.
func pushedCopy(t *testing.T, u *ui, shared string, change func(f *workspace.File)) *workspace.File {
	t.Helper()
	path := filepath.Join(t.TempDir(), "other-lead.cpw")
	if err := u.file.SaveCopy(path); err != nil {
		t.Fatal(err)
	}
	other, err := workspace.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	other.Now = func() time.Time { return time.Now().Add(24 * time.Hour) }
	change(other)
	p, err := place.Open(shared)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := place.Sync(other, p, place.Options{}); err != nil {
		t.Fatal(err)
	}
	return other
}

func organisationNamed(t *testing.T, f *workspace.File, name string) workspace.Organisation {
	t.Helper()
	orgs, err := f.Organisations()
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range orgs {
		if o.Name == name {
			return o
		}
	}
	t.Fatalf("no organisation %q", name)
	return workspace.Organisation{}
}

func setInterests(t *testing.T, f *workspace.File, name, interests string) {
	t.Helper()
	o := organisationNamed(t, f, name)
	o.Interests = interests
	if _, err := f.UpdateOrganisation(o); err != nil {
		t.Fatal(err)
	}
}

// entryIn is the first entry under o.
func entryIn(t *testing.T, o fyne.CanvasObject) *widget.Entry {
	t.Helper()
	var e *widget.Entry
	walk(o, func(c fyne.CanvasObject) {
		if x, ok := c.(*widget.Entry); ok && e == nil {
			e = x
		}
	})
	if e == nil {
		t.Fatalf("no entry in %v", texts(o))
	}
	return e
}

// The first Sync asks for the place, remembers it, pulls what another
// lead pushed and pushes this copy's change; the line under the buttons
// says when it synced.
func TestSyncFromTheWindow(t *testing.T) {
	u, _ := openDemo(t)
	shared := t.TempDir()
	other := pushedCopy(t, u, shared, func(f *workspace.File) { setInterests(t, f, "Maji Safi Trust", "Water kiosks") })
	setInterests(t, u.file, "Afya Mtaani Initiative", "Football for peace")
	if u.screen.syncLine.Visible() {
		t.Errorf("the sync line shows with no place: %q", u.screen.syncLine.Text)
	}

	tap(t, u.window.Content(), "Sync")
	asked := top(t, u)
	if !strings.Contains(allText(asked), "OneDrive") {
		t.Fatalf("Sync did not ask for the place: %v", texts(asked))
	}
	entryIn(t, asked).SetText(shared)
	tap(t, asked, "Save")

	done := top(t, u)
	if shown := allText(done); !strings.Contains(shown, "Pulled:") || !strings.Contains(shown, "Pushed this copy's changes.") {
		t.Errorf("what the sync says: %v", texts(done))
	}
	if o := organisationNamed(t, u.file, "Maji Safi Trust"); o.Interests != "Water kiosks" {
		t.Errorf("the other lead's change did not arrive: %+v", o)
	}
	if where, last, _ := u.file.SyncPlace(); where != shared || last == "" {
		t.Errorf("the place remembered: %q, last synced %q", where, last)
	}
	if line := u.screen.syncLine.Text; !u.screen.syncLine.Visible() || !strings.Contains(line, "Shared through "+shared+": last synced") {
		t.Errorf("the sync line: %q", line)
	}
	p, _ := place.Open(shared)
	if _, err := place.Sync(other, p, place.Options{}); err != nil {
		t.Fatal(err)
	}
	if o := organisationNamed(t, other, "Afya Mtaani Initiative"); o.Interests != "Football for peace" {
		t.Errorf("this copy's change was not pushed: %+v", o)
	}
}

// A conflict is shown before the sync, and the version the planner keeps
// is the one pushed.
func TestSyncShowsConflictsFirst(t *testing.T) {
	u, _ := openDemo(t)
	shared := t.TempDir()
	other := pushedCopy(t, u, shared, func(f *workspace.File) { setInterests(t, f, "Maji Safi Trust", "Theirs: water kiosks") })
	setInterests(t, u.file, "Maji Safi Trust", "Ours: sanitation")
	if err := u.file.SetSyncPlace(shared); err != nil {
		t.Fatal(err)
	}
	tap(t, u.window.Content(), "Sync")
	preview := top(t, u)
	shown := allText(preview)
	if !strings.Contains(shown, "Conflicts (1)") || !strings.Contains(shown, "Ours: sanitation") || !strings.Contains(shown, "Theirs: water kiosks") {
		t.Fatalf("the preview: %s", shown)
	}
	var pick *widget.RadioGroup
	walk(preview, func(c fyne.CanvasObject) {
		if r, ok := c.(*widget.RadioGroup); ok && pick == nil {
			pick = r
		}
	})
	if pick.Selected != takeTheirs() {
		t.Errorf("the newer change (theirs) is not chosen first: %q", pick.Selected)
	}
	pick.SetSelected(keepOurs())
	tap(t, preview, "Sync")
	if o := organisationNamed(t, u.file, "Maji Safi Trust"); o.Interests != "Ours: sanitation" {
		t.Errorf("the version kept: %+v", o)
	}
	p, _ := place.Open(shared)
	if _, err := place.Sync(other, p, place.Options{}); err != nil {
		t.Fatal(err)
	}
	if o := organisationNamed(t, other, "Maji Safi Trust"); o.Interests != "Ours: sanitation" {
		t.Errorf("the version chosen did not reach the other copy: %+v", o)
	}
}

// Syncing by itself: offline, it says so in the line under the buttons,
// opens no dialog and the workspace keeps working; back online, it syncs,
// and changes it brought are read again and noted. Turned off, it does
// nothing.
func TestSyncByItself(t *testing.T) {
	u, _ := openDemo(t)
	shared := filepath.Join(t.TempDir(), "usb")
	if err := u.file.SetSyncPlace(shared); err != nil {
		t.Fatal(err)
	}
	u.autoSync()
	if o := u.window.Canvas().Overlays().Top(); o != nil {
		t.Fatalf("syncing by itself opened a dialog: %v", texts(o))
	}
	line := u.screen.syncLine.Text
	if !strings.Contains(line, "cannot be found") || !strings.Contains(line, "the next try is at") {
		t.Errorf("offline, the sync line says %q", line)
	}
	setInterests(t, u.file, "Afya Mtaani Initiative", "Edited while offline")

	if err := os.Mkdir(shared, 0o700); err != nil {
		t.Fatal(err)
	}
	pushedCopy(t, u, shared, func(f *workspace.File) { setInterests(t, f, "Maji Safi Trust", "Water kiosks") })
	u.autoSync()
	if o := organisationNamed(t, u.file, "Maji Safi Trust"); o.Interests != "Water kiosks" {
		t.Errorf("syncing by itself did not pull: %+v", o)
	}
	if line := u.screen.syncLine.Text; !strings.Contains(line, "last synced") {
		t.Errorf("back online, the sync line says %q", line)
	}
	if notice := allText(u.screen.notice); !strings.Contains(notice, "by itself") {
		t.Errorf("no note of what the sync brought: %q", notice)
	}
	if o := u.window.Canvas().Overlays().Top(); o != nil {
		t.Fatalf("syncing by itself opened a dialog: %v", texts(o))
	}

	u.app.Preferences().SetBool(prefAutoSync, false)
	pushedCopy(t, u, shared, func(f *workspace.File) { setInterests(t, f, "Maji Safi Trust", "Turned off") })
	u.autoSync()
	if o := organisationNamed(t, u.file, "Maji Safi Trust"); o.Interests == "Turned off" {
		t.Error("syncing by itself ran while turned off")
	}
}

// The sync by itself runs beside the planner's edits, on a handle of its
// own: both land, and nothing is shared between the two goroutines (the
// race detector watches).
func TestSyncByItselfWhileEditing(t *testing.T) {
	u, path := openDemo(t)
	shared := t.TempDir()
	pushedCopy(t, u, shared, func(f *workspace.File) { setInterests(t, f, "Maji Safi Trust", "Water kiosks") })
	done := make(chan error)
	go func() {
		_, err := syncOnItsOwn(path, "Wanjiru Kamau", shared)
		done <- err
	}()
	for i := 0; i < 5; i++ {
		setInterests(t, u.file, "Afya Mtaani Initiative", fmt.Sprintf("Edit %d", i))
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if o := organisationNamed(t, u.file, "Maji Safi Trust"); o.Interests != "Water kiosks" {
		t.Errorf("the sync's change: %+v", o)
	}
	if o := organisationNamed(t, u.file, "Afya Mtaani Initiative"); o.Interests != "Edit 4" {
		t.Errorf("the planner's edits: %+v", o)
	}
}
