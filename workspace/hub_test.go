package workspace

import (
	"database/sql"
	"path/filepath"
	"testing"
)

// HubChanges finds a value changed only in its capitals, with the same
// stamps (a name column compares without them: the comparison must not),
// and a row gone.
func TestHubChangesByteForByte(t *testing.T) {
	f := copies(t, 1)[0]
	dir := t.TempDir()
	base, snap := filepath.Join(dir, "base.cpw"), filepath.Join(dir, "snap.cpw")
	for _, out := range []string{base, snap} {
		if _, err := f.db.Exec("VACUUM INTO ?", out); err != nil {
			t.Fatal(err)
		}
	}
	db, err := sql.Open(driverName, "file:"+snap+"?mode=rw")
	if err != nil {
		t.Fatal(err)
	}
	var id, name string
	if err := db.QueryRow("SELECT id, name FROM organisations WHERE name = 'Maji Safi Trust'").Scan(&id, &name); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("UPDATE organisations SET name = upper(name) WHERE id = ?", id); err != nil {
		t.Fatal(err)
	}
	var goneID string
	if err := db.QueryRow("SELECT id FROM decisions LIMIT 1").Scan(&goneID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("DELETE FROM decisions WHERE id = ?", goneID); err != nil {
		t.Fatal(err)
	}
	db.Close()
	got := map[string][2][][]any{}
	err = HubChanges(base, snap, func(t HubTable, upserts, gone [][]any) error {
		if len(upserts)+len(gone) > 0 {
			got[t.Name] = [2][][]any{upserts, gone}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	orgs := got["organisations"][0]
	if len(orgs) != 1 || orgs[0][0] != id || orgs[0][1] != "MAJI SAFI TRUST" {
		t.Errorf("the organisation renamed in capitals: %v", orgs)
	}
	if gone := got["decisions"][1]; len(gone) != 1 || gone[0][0] != goneID {
		t.Errorf("the decision gone: %v", gone)
	}
	for table := range got {
		if table != "organisations" && table != "decisions" && table != "field_stamps" && table != "this_copy" {
			t.Errorf("%s changed too: %v", table, got[table])
		}
	}
}
