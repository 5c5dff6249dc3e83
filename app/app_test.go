package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cpw/workspace"
)

// texts collects the text of every label and button under o.
func texts(o fyne.CanvasObject) []string {
	var out []string
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			out = append(out, w.Text)
		case *widget.Button:
			out = append(out, w.Text)
		case *widget.PopUp:
			walk(w.Content)
		case *container.AppTabs:
			if w.Selected() != nil {
				walk(w.Selected().Content)
			}
		case *container.Scroll:
			walk(w.Content)
		case *widget.Card:
			if w.Content != nil {
				walk(w.Content)
			}
		case *container.Split:
			walk(w.Leading)
			walk(w.Trailing)
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

func has(list []string, s string) bool {
	for _, x := range list {
		if strings.Contains(x, s) {
			return true
		}
	}
	return false
}

// testUI builds the window on a test app. Work the window sends off the UI
// thread runs in line, since the test driver has no UI goroutine to return to.
func testUI(t *testing.T) *ui {
	u := newUI(test.NewTempApp(t), "9.9.9")
	u.watchOff = true // tests look at the change log with lookOutside
	u.background = func(f func()) { f() }
	u.now = func() time.Time { return demoDay }
	return u
}

// demoDay is the day the demo workspaces of these tests are written on and checked.
var demoDay = time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)

// openDemo writes a small demo workspace and opens it in a test window.
func openDemo(t *testing.T) (*ui, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "mukuru.cpw")
	f, err := workspace.CreateDemo(path, workspace.DemoOptions{Scale: workspace.DemoSmall, Now: demoDay})
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	u := testUI(t)
	u.open(path)
	if u.screen == nil {
		t.Fatal("the demo did not open")
	}
	return u, path
}

func TestWelcomeScreen(t *testing.T) {
	u := testUI(t)
	got := texts(u.window.Content())
	for _, want := range []string{"New workspace…", "Open…", "Open the demo", "Version 9.9.9", "Workspaces you open will be listed here."} {
		if !has(got, want) {
			t.Errorf("welcome screen lacks %q: %v", want, got)
		}
	}
}

func TestOpenShowsWorkspaceAndRemembersIt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mukuru.cpw")
	f, err := workspace.CreateDemo(path, workspace.DemoOptions{Scale: workspace.DemoSmall})
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	u := testUI(t)
	u.open(path)
	if title := u.window.Title(); title != "Mukuru Special Planning Area (demo) — mukuru.cpw" {
		t.Errorf("title %q", title)
	}
	got := texts(u.window.Content())
	for _, want := range []string{"organisations", "Consortia (8)", "Health checks", "Save a copy…", "Import Excel…", "Export Excel…", "Excel template…", "Close"} {
		if !has(got, want) {
			t.Errorf("workspace screen lacks %q", want)
		}
	}
	if r := u.recent.list(); len(r) != 1 || r[0] != path {
		t.Errorf("recent files %v", r)
	}
	u.showWelcome()
	if u.file != nil {
		t.Error("closing the workspace kept the file open")
	}
	if w := u.welcome; w == nil || len(w.files) != 1 || w.files[0] != path || w.recent.Length() != 1 {
		t.Error("the welcome screen does not list the recent file")
	}
}

func TestOpenReadOnlySaysSo(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shared.cpw")
	f, err := workspace.Create(path, workspace.NewOptions{Name: "Shared"})
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	os.Chmod(path, 0o444)
	u := testUI(t)
	u.open(path)
	if !strings.HasSuffix(u.window.Title(), "(read-only)") {
		t.Errorf("title %q", u.window.Title())
	}
	top := u.window.Canvas().Overlays().Top()
	if top == nil || !has(texts(top), "open read-only") {
		t.Error("no dialog says the file is read-only")
	}
}

func TestOpenRefusedFileShowsTheReason(t *testing.T) {
	path := filepath.Join(t.TempDir(), "partners.cpw")
	os.WriteFile(path, []byte("Organisation,Sector\nMaji Safi Trust,Water\n"+strings.Repeat("-", 200)), 0o644)
	u := testUI(t)
	u.open(path)
	top := u.window.Canvas().Overlays().Top()
	if top == nil || !has(texts(top), "not a workspace file") {
		t.Error("no dialog gives the reason")
	}
	if u.file != nil || strings.Contains(u.window.Title(), "partners") {
		t.Error("a refused file was opened")
	}
	if b, _ := os.ReadFile(path); !strings.HasPrefix(string(b), "Organisation,Sector") {
		t.Error("the refused file was changed")
	}
}

func TestSafeFileName(t *testing.T) {
	if got := safeFileName(` Mukuru: "SPA" / 2026 `); got != "Mukuru- -SPA- - 2026" {
		t.Errorf("%q", got)
	}
	if safeFileName("  ") != "workspace" {
		t.Error("empty name")
	}
}
