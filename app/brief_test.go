package app

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// The brief dialog offers the languages by their own names, starts at the
// window's language, names the file in the brief's language, and writes the
// brief in the language chosen.
func TestBriefDialogLanguage(t *testing.T) {
	u, path := openDemo(t)
	language := func(dlg fyne.CanvasObject) *widget.Select {
		t.Helper()
		sel, ok := formField(t, dlg, "Language").(*widget.Select)
		if !ok {
			t.Fatal("the brief's language is not a select")
		}
		return sel
	}
	u.screen.onBrief()
	dlg := top(t, u)
	sel := language(dlg)
	if sel.Selected != "English" || strings.Join(sel.Options, ",") != "English,Kiswahili" {
		t.Errorf("the languages: %q of %v", sel.Selected, sel.Options)
	}
	tap(t, dlg, "Cancel")

	// A window in Swahili starts the dialog at Kiswahili.
	u.app.Preferences().SetString(prefLanguage, "sw")
	defer u.app.Preferences().SetString(prefLanguage, "")
	u.screen.onBrief()
	dlg = top(t, u)
	if sel = language(dlg); sel.Selected != "Kiswahili" {
		t.Fatalf("the window speaks Swahili, the brief starts at %q", sel.Selected)
	}
	name := formField(t, dlg, "File name").(*widget.Entry)
	if !strings.HasSuffix(name.Text, "ripoti fupi.pdf") {
		t.Errorf("the file of a Swahili brief is named %q", name.Text)
	}
	sel.SetSelected("English")
	if !strings.HasSuffix(name.Text, " brief.pdf") {
		t.Errorf("the file of an English brief is named %q", name.Text)
	}
	sel.SetSelected("Kiswahili")
	var folder *widget.Label
	walk(formField(t, dlg, "Save in"), func(c fyne.CanvasObject) {
		if l, ok := c.(*widget.Label); ok && folder == nil {
			folder = l
		}
	})
	folder.SetText(filepath.Dir(path))
	tap(t, dlg, "Write the brief")
	out := filepath.Join(filepath.Dir(path), name.Text)
	if st, err := os.Stat(out); err != nil || st.Size() == 0 {
		t.Fatalf("no brief written at %s: %v", out, err)
	}
	text, err := exec.Command("pdftotext", out, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	if !strings.Contains(string(text), "Kwa muhtasari") || strings.Contains(string(text), "At a glance") {
		t.Errorf("the brief is not in Swahili:\n%.500s", text)
	}
}
