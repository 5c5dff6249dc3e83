package app

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A message that starts with a file name keeps the name as the user typed
// it: Save a copy as notes.cpw where notes.cpw exists says “notes.cpw
// already exists”, not “Notes.cpw”, and writes nothing.
func TestFileNamesAsTyped(t *testing.T) {
	u, path := openDemo(t)
	taken := filepath.Join(filepath.Dir(path), "notes.cpw")
	if err := os.WriteFile(taken, []byte("someone's notes"), 0o600); err != nil {
		t.Fatal(err)
	}
	u.onSaveCopy()
	dlg := top(t, u)
	fill(t, dlg, "File name", "notes.cpw")
	tap(t, dlg, "Save")
	shown := allText(top(t, u))
	if !strings.Contains(shown, "notes.cpw already exists") || strings.Contains(shown, "Notes.cpw") {
		t.Errorf("the error does not keep the file name as typed:\n%s", shown)
	}
	if b, _ := os.ReadFile(taken); string(b) != "someone's notes" {
		t.Errorf("the file there was changed: %q", b)
	}

	// An error of the system, not the program's sentence, still starts
	// with a capital.
	errorDialog(errors.New("open the file: permission denied"), u.window).Show()
	if shown := allText(top(t, u)); !strings.Contains(shown, "Open the file: permission denied") {
		t.Errorf("a system error is shown as:\n%s", shown)
	}
}
