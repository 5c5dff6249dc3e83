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

// waitFor waits until cond holds; work runs on a goroutine and reports back
// through fyne.Do.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for i := 0; i < 500; i++ {
		if cond() {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("gave up waiting for %s", what)
}

func TestWelcomeScreen(t *testing.T) {
	a := test.NewTempApp(t)
	u := newUI(a, "9.9.9")
	got := texts(u.window.Content())
	for _, want := range []string{"New workspace…", "Open…", "Open the demo", "Version 9.9.9", "Workspaces you open will be listed here."} {
		if !has(got, want) {
			t.Errorf("welcome screen lacks %q: %v", want, got)
		}
	}
}

func TestOpenShowsWorkspaceAndRemembersIt(t *testing.T) {
	a := test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), "mukuru.cpw")
	f, err := workspace.CreateDemo(path, workspace.DemoOptions{Scale: workspace.DemoSmall})
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	u := newUI(a, "test")
	u.open(path)
	waitFor(t, "the workspace to open", func() bool {
		var title string
		fyne.DoAndWait(func() { title = u.window.Title() })
		return strings.Contains(title, "mukuru.cpw")
	})
	fyne.DoAndWait(func() {
		if !strings.HasPrefix(u.window.Title(), "Mukuru Special Planning Area (demo)") {
			t.Errorf("title %q", u.window.Title())
		}
		got := texts(u.window.Content())
		for _, want := range []string{"Organisations", "Consortia (8)", "Save a copy…", "Close workspace"} {
			if !has(got, want) {
				t.Errorf("workspace screen lacks %q", want)
			}
		}
	})
	if r := u.recent.list(); len(r) != 1 || r[0] != path {
		t.Errorf("recent files %v", r)
	}
	fyne.DoAndWait(func() {
		u.showWelcome()
		if u.file != nil {
			t.Error("closing the workspace kept the file open")
		}
		if w := u.welcome; w == nil || len(w.files) != 1 || w.files[0] != path || w.recent.Length() != 1 {
			t.Error("the welcome screen does not list the recent file")
		}
	})
}

func TestOpenRefusedFileShowsTheReason(t *testing.T) {
	a := test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), "partners.cpw")
	os.WriteFile(path, []byte("Organisation,Sector\nMaji Safi Trust,Water\n"+strings.Repeat("-", 200)), 0o644)
	u := newUI(a, "test")
	u.open(path)
	waitFor(t, "the error dialog", func() bool {
		var shown bool
		fyne.DoAndWait(func() {
			top := u.window.Canvas().Overlays().Top()
			shown = top != nil && has(texts(top), "not a workspace file")
		})
		return shown
	})
	fyne.DoAndWait(func() {
		if u.file != nil || strings.Contains(u.window.Title(), "partners") {
			t.Error("a refused file was opened")
		}
	})
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
