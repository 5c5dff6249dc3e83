package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// cpw sync through a folder: the first copy pushes, the second pulls its
// change and remembers the folder, a sync with nothing to do says so, and
// a folder that is not there is refused in a sentence.
func TestSyncCommand(t *testing.T) {
	dir := t.TempDir()
	a, b, shared := filepath.Join(dir, "a.cpw"), filepath.Join(dir, "b.cpw"), filepath.Join(dir, "shared")
	if err := os.Mkdir(shared, 0o700); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := cpw("demo", a); code != 0 {
		t.Fatal(errOut)
	}
	if code, _, errOut := cpw("copy", a, b); code != 0 {
		t.Fatal(errOut)
	}
	if code, out, errOut := cpw("sync", a, shared); code != 0 || !strings.Contains(out, "Pushed this copy's changes to "+shared) {
		t.Fatalf("the first sync: %d %q %q", code, out, errOut)
	}
	if code, out, errOut := cpw("sync", b, shared, "--json"); code != 0 {
		t.Fatalf("the second sync: %d %q %q", code, out, errOut)
	} else {
		var r struct {
			Place  string            `json:"place"`
			Pulled []json.RawMessage `json:"pulled"`
			Pushed bool              `json:"pushed"`
			Tries  int               `json:"tries"`
		}
		if err := json.Unmarshal([]byte(out), &r); err != nil || r.Place != shared || len(r.Pulled) != 1 || r.Tries != 1 {
			t.Errorf("the second sync's JSON: %+v %v\n%s", r, err, out)
		}
	}
	// The folder is remembered.
	if code, out, errOut := cpw("sync", b); code != 0 || !strings.Contains(out, "Already in step with "+shared) {
		t.Errorf("a sync with nothing to do: %d %q %q", code, out, errOut)
	}
	if code, out, errOut := cpw("sync", "--json", b); code != 0 || !strings.Contains(out, `"pushed": false`) {
		t.Errorf("--json with the folder remembered: %d %q %q", code, out, errOut)
	}
	if code, out, _ := cpw("info", b); code != 0 || !strings.Contains(out, "shared place     "+shared+" (last synced 20") {
		t.Errorf("cpw info after syncing: %q", out)
	}
	if code, _, errOut := cpw("sync"); code == 0 || !strings.Contains(errOut, "FILE.cpw is missing") {
		t.Errorf("no file: %d %q", code, errOut)
	}
	if code, _, errOut := cpw("sync", b, filepath.Join(dir, "gone")); code == 0 || !strings.Contains(errOut, "cannot be found") {
		t.Errorf("a folder that is not there: %d %q", code, errOut)
	}
	names, _ := filepath.Glob(filepath.Join(shared, "*.cpw"))
	if len(names) != 1 {
		t.Errorf("the folder holds %v", names)
	}
}
