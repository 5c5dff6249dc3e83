package main

import (
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"cpw/workspace"
)

// A second `cpw FILE` while a window shows FILE says on stderr that it is
// open already (here before saying there is no display to open it on).
func TestSecondWindowSaysTheFileIsOpen(t *testing.T) {
	if !displayMissing(runtime.GOOS, func(string) string { return "" }) {
		t.Skipf("on %s a display is not named in the environment", runtime.GOOS)
	}
	path := filepath.Join(t.TempDir(), "notes.cpw")
	f, err := workspace.Create(path, workspace.NewOptions{Name: "Notes"})
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, stderr := runMain(t, withoutDisplay(), path)
	if strings.Contains(stderr, "already open") {
		t.Fatalf("a file no window shows was said to be open:\n%s", stderr)
	}
	claim, elsewhere := workspace.ClaimForWindow(path) // the first window
	if claim == nil || elsewhere {
		t.Fatal("the first window could not claim the file")
	}
	defer claim.Release()
	_, stderr = runMain(t, withoutDisplay(), path)
	if !strings.Contains(stderr, "cpw: notes.cpw is already open in another window.") {
		t.Fatalf("stderr does not say the file is open:\n%s", stderr)
	}
}
