package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"cpw/workspace"
)

// Save a copy… can leave the contacts out and say for whom the copy is;
// Settings › Copies made… lists it.
func TestSaveACopyWithoutContacts(t *testing.T) {
	u, path := openDemo(t)
	u.onSaveCopy()
	dlg := top(t, u)
	fill(t, dlg, "File name", "for-kplc.cpw")
	fill(t, dlg, "For", "KPLC Nairobi")
	formField(t, dlg, "Leave out").(*widget.Select).SetSelected("Phone numbers and e-mail addresses")
	tap(t, dlg, "Save")
	if shown := allText(top(t, u)); !strings.Contains(shown, "A copy without phone numbers and e-mail addresses was saved") {
		t.Errorf("what the window says: %s", shown)
	}
	out := filepath.Join(filepath.Dir(path), "for-kplc.cpw")
	c, err := workspace.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	people, err := c.People(workspace.PersonFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range people {
		if p.Phone != "" || p.Email != "" {
			t.Fatalf("the copy holds contacts: %+v", p)
		}
	}
	tap(t, top(t, u), "OK")

	u.onCopiesMade()
	if shown := allText(top(t, u)); !strings.Contains(shown, "for-kplc.cpw") || !strings.Contains(shown, "for KPLC Nairobi") ||
		!strings.Contains(shown, "without phone numbers and e-mail addresses") {
		t.Errorf("Copies made lists: %s", shown)
	}
}

// A person's page writes the report of everything held about them.
func TestPersonReportFromTheirPage(t *testing.T) {
	u, path := openDemo(t)
	people, err := u.file.People(workspace.PersonFilter{})
	if err != nil {
		t.Fatal(err)
	}
	p := people[0]
	u.screen.showPerson(p.ID)
	tap(t, u.window.Content(), "Personal data report…")
	dlg := top(t, u)
	fill(t, dlg, "File name", "asked-for.pdf")
	tap(t, dlg, "Write the report")
	out := filepath.Join(filepath.Dir(path), "asked-for.pdf")
	data, err := os.ReadFile(out)
	if err != nil || !strings.HasPrefix(string(data), "%PDF") {
		t.Fatalf("the report: %v", err)
	}
	if shown := allText(top(t, u)); !strings.Contains(shown, "The report was saved as") {
		t.Errorf("what the window says: %s", shown)
	}
}
