package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cpw/internal/pgtest"
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

// cpw hub init on a throwaway PostgreSQL server, then two copies syncing
// through it; the password in the address is used and never kept.
func TestSyncCommandWithAServer(t *testing.T) {
	pg, err := pgtest.Start()
	if err != nil {
		if pgtest.Required() {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	defer pg.Stop()
	// Trust authentication here: the password is never checked, only kept out.
	address := strings.Replace(pg.Address("postgres"), "postgres@", "postgres:n0t-kept@", 1) + "&schema=mukuru"
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.cpw"), filepath.Join(dir, "b.cpw")
	if code, _, errOut := cpw("demo", a); code != 0 {
		t.Fatal(errOut)
	}
	if code, _, errOut := cpw("copy", a, b); code != 0 {
		t.Fatal(errOut)
	}
	code, out, errOut := cpw("hub", "init", address)
	if code != 0 || !strings.Contains(out, "GRANT mukuru_sync TO") || strings.Contains(out, "n0t-kept") {
		t.Fatalf("cpw hub init: %d %q %q", code, out, errOut)
	}
	if code, out, errOut := cpw("sync", a, address); code != 0 || !strings.Contains(out, "Pushed this copy's changes") || strings.Contains(out, "n0t-kept") {
		t.Fatalf("the first sync: %d %q %q", code, out, errOut)
	}
	// b is a copy of a: it pulls the snapshot and finds nothing new.
	if code, out, errOut := cpw("sync", b, address, "--json"); code != 0 || !strings.Contains(out, `"tries": 1`) || strings.Contains(out, "n0t-kept") {
		t.Fatalf("the second sync: %d %q %q", code, out, errOut)
	}
	for _, f := range []string{a, b} {
		data, _ := os.ReadFile(f)
		if strings.Contains(string(data), "n0t-kept") {
			t.Errorf("%s holds the password", filepath.Base(f))
		}
		if code, out, _ := cpw("info", f); code != 0 || !strings.Contains(out, "schema=mukuru") || strings.Contains(out, "n0t-kept") {
			t.Errorf("cpw info: %q", out)
		}
	}
	if code, out, errOut := cpw("sync", a); code != 0 || !strings.Contains(out, "Already in step") {
		t.Errorf("a sync with nothing to do: %d %q %q", code, out, errOut)
	}
}
