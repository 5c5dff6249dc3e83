package workspace

import (
	"fmt"
	"os"
	osexec "os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// oneSentence fails unless err is one sentence that says says.
func oneSentence(t *testing.T, err error, says string) {
	t.Helper()
	if !strings.Contains(err.Error(), says) {
		t.Errorf("message %q does not say %q", err, says)
	}
	if strings.Contains(err.Error(), "\n") || !strings.HasSuffix(err.Error(), ".") {
		t.Errorf("message %q is not one sentence", err)
	}
}

// Every way of hiding something in a workspace's schema, each refused by
// Open and by OpenReadOnly with its bytes unchanged, at this version and at
// an older one (which would otherwise be upgraded).
func TestOpenRefusesAnAlteredSchema(t *testing.T) {
	cases := []struct {
		name    string
		code    ErrorCode
		queries []string
	}{
		// "_" in LIKE 'sqlite_%' matches any character.
		{"TriggerNamedSqlitex", ErrUntrusted, []string{"CREATE TRIGGER sqlitex AFTER INSERT ON changes BEGIN DELETE FROM assignments; END"}},
		{"ViewNamedSqlite1", ErrUntrusted, []string{"CREATE VIEW sqlite1 AS SELECT * FROM people"}},
		// A name SQLite reserves, written straight into the schema table.
		{"TriggerWithAReservedName", ErrUntrusted, []string{
			"PRAGMA writable_schema = ON",
			"INSERT INTO sqlite_master (type, name, tbl_name, rootpage, sql) VALUES ('trigger', 'sqlite_wipe', 'consortia', 0, 'CREATE TRIGGER sqlite_wipe AFTER INSERT ON consortia BEGIN DELETE FROM consortia; END')",
		}},
		{"TriggerNamedAsAnAutomaticIndex", ErrUntrusted, []string{
			"PRAGMA writable_schema = ON",
			"INSERT INTO sqlite_master (type, name, tbl_name, rootpage, sql) VALUES ('trigger', 'sqlite_autoindex_consortia_9', 'consortia', 0, 'CREATE TRIGGER sqlite_autoindex_consortia_9 AFTER INSERT ON consortia BEGIN DELETE FROM consortia; END')",
		}},
		{"ExtraTable", ErrUntrusted, []string{"CREATE TABLE notes (body TEXT)"}},
		{"ExtraIndex", ErrUntrusted, []string{"CREATE INDEX consortia_by_status ON consortia(status)"}},
		{"ExtraColumn", ErrUntrusted, []string{"ALTER TABLE consortia ADD COLUMN secret TEXT"}},
		{"UniqueIndexMadeNonUnique", ErrUntrusted, []string{
			"DROP INDEX units_name_in_parent",
			"CREATE INDEX units_name_in_parent ON units(coalesce(parent_id, ''), name COLLATE NOCASE)",
		}},
		{"CheckRemovedWithAViolatingRow", ErrUntrusted, []string{
			"PRAGMA writable_schema = ON",
			"UPDATE sqlite_master SET sql = replace(sql, 'CHECK ((person_id IS NULL) <> (organisation_id IS NULL))', 'CHECK (1)') WHERE name = 'assignments'",
		}},
		// SQLite itself finds this one malformed.
		{"IndexMoved", ErrDamaged, []string{
			"PRAGMA writable_schema = ON",
			"UPDATE sqlite_master SET tbl_name = 'people' WHERE name = 'units_name_in_parent'",
		}},
		{"MissingIndex", ErrDamaged, []string{"DROP INDEX units_name_in_parent"}},
	}
	for _, c := range cases {
		for _, old := range []bool{false, true} {
			name := c.name
			if old {
				name += "/Version1"
			}
			t.Run(name, func(t *testing.T) {
				dir := t.TempDir()
				var path string
				if old {
					path = oldWorkspace(t, dir)
				} else {
					path = workspaceFile(t, dir)
				}
				db := rawDB(t, path)
				exec(t, db, c.queries...)
				db.Close()
				if c.name == "CheckRemovedWithAViolatingRow" {
					db = rawDB(t, path)
					exec(t, db, "INSERT INTO assignments (id, role_id, start_on, updated_at, copy_id) VALUES ('a', 'r', '2024-01-01', 'x', 'x')")
					db.Close()
				}
				before := snapshot(t, dir)
				for _, open := range []func(string) (*File, error){Open, OpenReadOnly} {
					f, err := open(path)
					if err == nil {
						f.Close()
						t.Fatal("the altered file was opened")
					}
					wantCode(t, err, c.code)
					oneSentence(t, err, "")
					sameSnapshot(t, before, snapshot(t, dir))
				}
			})
		}
	}
}

// Layout is not meaning: a schema written with other white space is the same
// schema, but white space inside a quoted value is part of it.
func TestNormaliseSQL(t *testing.T) {
	a := normaliseSQL("CREATE TABLE t (\n    a TEXT  NOT NULL DEFAULT 'x  y',\n\tb\n)")
	b := normaliseSQL("CREATE TABLE t ( a TEXT NOT NULL DEFAULT 'x  y', b )")
	if a != b {
		t.Errorf("%q != %q", a, b)
	}
	if normaliseSQL("CHECK (a <> 'x  y')") == normaliseSQL("CHECK (a <> 'x y')") {
		t.Error("white space inside a quoted value was folded")
	}
	c := normaliseSQL("CREATE TABLE t (\n    a TEXT, -- what a holds\n    /* b, */ b TEXT\n)")
	if want := "CREATE TABLE t ( a TEXT, b TEXT )"; c != want {
		t.Errorf("comments: %q, want %q", c, want)
	}
	if normaliseSQL("DEFAULT '-- x /* y */'") != "DEFAULT '-- x /* y */'" {
		t.Error("a quoted value was taken for a comment")
	}
}

// A journal beside a file (a half-saved change, or a stale one beside a file
// restored from a backup) is never applied by a command that only reads:
// the file and its journal stay as they were.
func TestReadOnlyOpenNeverAppliesAJournal(t *testing.T) {
	path, _ := halfSaved(t)
	dir := filepath.Dir(path)
	before := snapshot(t, dir)
	_, err := OpenReadOnly(path)
	wantCode(t, err, ErrReadOnly)
	oneSentence(t, err, "half-saved")
	sameSnapshot(t, before, snapshot(t, dir))

	t.Run("WAL", func(t *testing.T) {
		dir := t.TempDir()
		path := workspaceFile(t, dir)
		os.WriteFile(path+"-wal", []byte(strings.Repeat("stale", 1000)), 0o644)
		before := snapshot(t, dir)
		_, err := OpenReadOnly(path)
		wantCode(t, err, ErrReadOnly)
		oneSentence(t, err, "-wal")
		sameSnapshot(t, before, snapshot(t, dir))
	})
}

// A file another program put in write-ahead-log mode: SQLite reads it only
// by creating -wal and -shm files beside it, so a read-only open refuses it,
// and an open for editing puts it back.
func TestReadOnlyOpenOfAFileInWALMode(t *testing.T) {
	dir := t.TempDir()
	path := workspaceFile(t, dir)
	db := rawDB(t, path)
	exec(t, db, "PRAGMA journal_mode = WAL", "UPDATE initiative SET name = 'Changed in WAL mode'")
	db.Close()
	before := snapshot(t, dir)
	_, err := OpenReadOnly(path)
	wantCode(t, err, ErrReadOnly)
	oneSentence(t, err, "write-ahead-log")
	sameSnapshot(t, before, snapshot(t, dir))
	f, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	for _, s := range []string{"-wal", "-shm"} {
		if FileExists(path + s) {
			t.Errorf("the open for editing left %s", s)
		}
	}
	f, err = OpenReadOnly(path)
	if err != nil {
		t.Fatalf("after an open for editing: %v", err)
	}
	defer f.Close()
	if in := must[Initiative](t)(f.Initiative()); in.Name != "Changed in WAL mode" {
		t.Errorf("initiative %q", in.Name)
	}
}

// A file whose path is too long for SQLite is not called damaged.
func TestOpenLongPath(t *testing.T) {
	dir := t.TempDir()
	for len(dir) < 520 {
		dir = filepath.Join(dir, strings.Repeat("d", 60))
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Skipf("no long folder here: %v", err)
	}
	path := filepath.Join(dir, "w.cpw")
	if err := os.WriteFile(path, mustRead(t, workspaceFile(t, t.TempDir())), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, open := range []func(string) (*File, error){Open, OpenReadOnly, func(p string) (*File, error) {
		return Create(filepath.Join(filepath.Dir(p), "new.cpw"), NewOptions{Name: "New"})
	}} {
		f, err := open(path)
		if err == nil {
			f.Close() // this platform's SQLite takes long paths
			continue
		}
		wantCode(t, err, ErrUnreadable)
		oneSentence(t, err, "too long")
	}
	if left, _ := os.ReadDir(dir); len(left) != 1 {
		t.Errorf("left in the folder: %v", left)
	}
}

// TestOpenWhileAnotherProcessWrites has a child process hold a write
// transaction that has already spilled pages to the file: opening then says
// the workspace is busy (not damaged). Once the child is killed its journal
// is hot: a read-only open refuses it unchanged, an open for editing
// repairs it.
func TestOpenWhileAnotherProcessWrites(t *testing.T) {
	if os.Getenv("CPW_WRITER_CHILD") != "" {
		db := rawDB(t, os.Getenv("CPW_WRITER_FILE"))
		exec(t, db, "PRAGMA cache_size = 2")
		tx, err := db.Begin()
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 400; i++ {
			if _, err := tx.Exec("INSERT INTO organisations (id, name, kind, base, commitment, stance, influence, notes, updated_at, copy_id) VALUES (?, ?, 'cbo', 'local', 'active', 'unknown', 'low', ?, 'x', 'x')",
				fmt.Sprintf("id-%d", i), fmt.Sprintf("Group %d", i), strings.Repeat("n", 500)); err != nil {
				t.Fatal(err)
			}
		}
		os.WriteFile(os.Getenv("CPW_WRITER_READY"), []byte("ready"), 0o644)
		time.Sleep(time.Minute)
		return
	}
	dir := t.TempDir()
	path := workspaceFile(t, dir)
	// A file opened before the other process began to write.
	opened, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ready := filepath.Join(t.TempDir(), "ready")
	cmd := osexec.Command(os.Args[0], "-test.run=^TestOpenWhileAnotherProcessWrites$")
	cmd.Env = append(os.Environ(), "CPW_WRITER_CHILD=1", "CPW_WRITER_FILE="+path, "CPW_WRITER_READY="+ready)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	for i := 0; i < 1200 && !FileExists(ready); i++ {
		time.Sleep(50 * time.Millisecond)
	}
	if !FileExists(ready) {
		t.Fatal("the writing process never got going")
	}
	for _, open := range []func(string) (*File, error){Open, OpenReadOnly} {
		f, err := open(path)
		if err == nil {
			f.Close()
			t.Fatal("opened while another process holds the file exclusively")
		}
		wantCode(t, err, ErrReadOnly)
		oneSentence(t, err, "busy")
	}
	_, err = opened.Counts()
	wantCode(t, err, ErrReadOnly)
	oneSentence(t, err, "busy")
	_, err = opened.CreateOrganisation(Organisation{Name: "Meanwhile", Kind: "cbo", Base: "local"})
	wantCode(t, err, ErrReadOnly)
	oneSentence(t, err, "busy")
	opened.Close()
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	before := snapshot(t, dir)
	_, err = OpenReadOnly(path)
	wantCode(t, err, ErrReadOnly)
	oneSentence(t, err, "half-saved")
	sameSnapshot(t, before, snapshot(t, dir))
	f, err := Open(path)
	if err != nil {
		t.Fatalf("the file of a killed writer does not open: %v", err)
	}
	defer f.Close()
	if n := len(must[[]Organisation](t)(f.Organisations())); n != 1 {
		t.Errorf("%d organisations after the killed write, want 1", n)
	}
}

// TestKilledReadLeavesNoCopy kills a process reading an older workspace,
// which reads an upgraded temporary copy: the copy was readable by its user
// only, and the next run removes it.
func TestKilledReadLeavesNoCopy(t *testing.T) {
	if os.Getenv("CPW_READER_CHILD") != "" {
		f, err := OpenReadOnly(os.Getenv("CPW_READER_FILE"))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(os.Getenv("CPW_READER_READY"), []byte(f.temporary), 0o644)
		time.Sleep(time.Minute)
		return
	}
	tmp := t.TempDir()
	path := oldWorkspace(t, t.TempDir())
	ready := filepath.Join(t.TempDir(), "ready")
	cmd := osexec.Command(os.Args[0], "-test.run=^TestKilledReadLeavesNoCopy$")
	cmd.Env = append(os.Environ(), "CPW_READER_CHILD=1", "CPW_READER_FILE="+path, "CPW_READER_READY="+ready, "TMPDIR="+tmp, "TMP="+tmp, "TEMP="+tmp)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	for i := 0; i < 1200 && !FileExists(ready); i++ {
		time.Sleep(50 * time.Millisecond)
	}
	copyPath := string(mustRead(t, ready))
	if copyPath == "" {
		t.Fatal("the reading process never got going")
	}
	if rel, err := filepath.Rel(tmp, copyPath); err != nil || strings.HasPrefix(rel, "..") {
		t.Fatalf("the temporary copy %s is not in the temporary folder %s", copyPath, tmp)
	}
	if runtime.GOOS != "windows" {
		for p, want := range map[string]os.FileMode{copyPath: 0o600, filepath.Dir(copyPath): 0o700} {
			if st, err := os.Stat(p); err != nil || st.Mode().Perm() != want {
				t.Errorf("%s: %v %v, want mode %v", p, st.Mode().Perm(), err, want)
			}
		}
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	if !FileExists(copyPath) {
		t.Fatal("the killed process removed its copy: this test proves nothing")
	}
	t.Setenv("TMPDIR", tmp)
	t.Setenv("TMP", tmp)
	t.Setenv("TEMP", tmp)
	removeStaleTemporaries()
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("left in the temporary folder: %v", left)
	}
}
