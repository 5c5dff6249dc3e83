package testkit

import (
	"database/sql"
	"testing"
)

// WithoutBoundaries takes every unit's boundary out of the workspace file
// at path (the demo's synthetic ones), for tests that attach their own or
// need none. It writes with plain SQL, as another program would: the
// workspace's own code is what the tests test.
func WithoutBoundaries(t testing.TB, path string) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=rw&_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("DELETE FROM unit_shapes"); err != nil {
		t.Fatal(err)
	}
}
