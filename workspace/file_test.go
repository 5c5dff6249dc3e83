package workspace

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"
)

// snapshot records a folder's files and their contents, to prove a refused
// open left everything as it was.
func snapshot(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			out[e.Name()] = [32]byte{}
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = sha256.Sum256(b)
	}
	return out
}

func sameSnapshot(t *testing.T, before, after map[string][32]byte) {
	t.Helper()
	var names []string
	for n := range before {
		names = append(names, n)
	}
	for n := range after {
		if _, ok := before[n]; !ok {
			t.Errorf("refused open created %s", n)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		if h, ok := after[n]; !ok {
			t.Errorf("refused open removed %s", n)
		} else if h != before[n] {
			t.Errorf("refused open changed the bytes of %s", n)
		}
	}
}

// rawDB opens a file with the plain driver, as another program would.
func rawDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?_journal_mode=DELETE")
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	return db
}

func exec(t *testing.T, db *sql.DB, queries ...string) {
	t.Helper()
	for _, q := range queries {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// workspaceFile creates a workspace file, closes it and returns its path.
func workspaceFile(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "w.cpw")
	f, err := Create(path, NewOptions{Name: "Mukuru SPA"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.CreateOrganisation(Organisation{Name: "Maji Safi Trust", Kind: "ngo", Base: "local"}); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return path
}

func TestOpenRefuses(t *testing.T) {
	cases := []struct {
		name    string
		code    ErrorCode
		says    string
		prepare func(t *testing.T, dir string) string
	}{
		{"MissingPath", ErrNotFound, "There is no file", func(t *testing.T, dir string) string {
			return filepath.Join(dir, "nothing-here.cpw")
		}},
		{"Directory", ErrNotFile, "is a folder", func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "folder.cpw")
			if err := os.Mkdir(p, 0o755); err != nil {
				t.Fatal(err)
			}
			return p
		}},
		{"EmptyFile", ErrNotAWorkspace, "is empty", func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "empty.cpw")
			os.WriteFile(p, nil, 0o644)
			return p
		}},
		{"TextFile", ErrNotAWorkspace, "not a workspace file", func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "notes.cpw")
			os.WriteFile(p, []byte("Organisation,Sector\nMaji Safi Trust,Water\n"+strings.Repeat("x", 500)), 0o644)
			return p
		}},
		{"ShortSQLiteHeader", ErrNotAWorkspace, "not a workspace file", func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "short.cpw")
			os.WriteFile(p, []byte("SQLite format 3\x00abc"), 0o644)
			return p
		}},
		{"OtherProgramsDatabase", ErrNotAWorkspace, "another program", func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "other.cpw")
			db := rawDB(t, p)
			exec(t, db, "CREATE TABLE contacts (name TEXT)", "INSERT INTO contacts VALUES ('x')")
			db.Close()
			return p
		}},
		{"NewerVersion", ErrTooNew, "newer version", func(t *testing.T, dir string) string {
			p := workspaceFile(t, dir)
			db := rawDB(t, p)
			exec(t, db, fmt.Sprintf("PRAGMA user_version = %d", SchemaVersion+1))
			db.Close()
			return p
		}},
		{"Damaged", ErrDamaged, "damaged", func(t *testing.T, dir string) string {
			p := workspaceFile(t, dir)
			b, _ := os.ReadFile(p)
			// Overwrite the middle of the file (table and index pages) with junk,
			// leaving the header intact.
			for i := 4096 * 2; i < len(b)-4096; i++ {
				b[i] = byte(i * 7)
			}
			os.WriteFile(p, b, 0o644)
			return p
		}},
		{"ForeignTrigger", ErrUntrusted, "did not create", func(t *testing.T, dir string) string {
			p := workspaceFile(t, dir)
			db := rawDB(t, p)
			exec(t, db, "CREATE TRIGGER wipe AFTER INSERT ON people BEGIN DELETE FROM organisations; END")
			db.Close()
			return p
		}},
		{"ForeignView", ErrUntrusted, "did not create", func(t *testing.T, dir string) string {
			p := workspaceFile(t, dir)
			db := rawDB(t, p)
			exec(t, db, "CREATE VIEW everyone AS SELECT * FROM people")
			db.Close()
			return p
		}},
		{"MissingTable", ErrDamaged, "lacks part", func(t *testing.T, dir string) string {
			p := workspaceFile(t, dir)
			db := rawDB(t, p)
			exec(t, db, "DROP TABLE meeting_attendees")
			db.Close()
			return p
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			path := c.prepare(t, dir)
			before := snapshot(t, dir)
			f, err := Open(path)
			if err == nil {
				f.Close()
				t.Fatal("Open accepted the file")
			}
			wantCode(t, err, c.code)
			if !strings.Contains(err.Error(), c.says) {
				t.Errorf("message %q does not say %q", err, c.says)
			}
			if strings.Contains(err.Error(), "\n") || !strings.HasSuffix(err.Error(), ".") {
				t.Errorf("message %q is not one sentence", err)
			}
			sameSnapshot(t, before, snapshot(t, dir))
		})
	}
}

func TestOpenReadOnly(t *testing.T) {
	dir := t.TempDir()
	path := workspaceFile(t, dir)
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dir)
	f, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if !f.ReadOnly() {
		t.Fatal("a file marked read-only was opened for writing")
	}
	orgs, err := f.Organisations()
	if err != nil || len(orgs) != 1 {
		t.Fatalf("reading a read-only workspace: %v %v", orgs, err)
	}
	_, err = f.CreateOrganisation(Organisation{Name: "New", Kind: "cbo", Base: "local"})
	wantCode(t, err, ErrReadOnly)
	f.Close()
	sameSnapshot(t, before, snapshot(t, dir))
}

func TestOpenDoesNotChangeAHealthyFile(t *testing.T) {
	dir := t.TempDir()
	path := workspaceFile(t, dir)
	before := snapshot(t, dir)
	f, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Organisations(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	sameSnapshot(t, before, snapshot(t, dir))
}

func TestMigrationFromVersion1(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "old.cpw")
	db, err := openDB(path, "rwc")
	if err != nil {
		t.Fatal(err)
	}
	exec(t, db, fmt.Sprintf("PRAGMA application_id = %d", ApplicationID))
	if err := migrateTo(db, 0, 1); err != nil {
		t.Fatal(err)
	}
	exec(t, db,
		"INSERT INTO initiative (id, name, created_at, updated_at, copy_id) VALUES ('11111111-1111-4111-8111-111111111111', 'Old initiative', '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z', 'c1')",
		"INSERT INTO this_copy (copy_id, made_at) VALUES ('c1', '2024-01-01T00:00:00.000Z')",
		"INSERT INTO consortia (id, code, name, status, updated_at, copy_id) VALUES ('22222222-2222-4222-8222-222222222222', 'WSE', 'Water', 'planning', '2024-01-01T00:00:00.000Z', 'c1')")
	db.Close()
	old, _ := os.ReadFile(path)

	f, err := Open(path)
	if err != nil {
		t.Fatalf("opening a version 1 workspace: %v", err)
	}
	defer f.Close()
	if v := f.SchemaVersion(); v != SchemaVersion {
		t.Fatalf("schema version %d after upgrade, want %d", v, SchemaVersion)
	}
	in, err := f.Initiative()
	if err != nil || in.Name != "Old initiative" {
		t.Fatalf("initiative after upgrade: %+v %v", in, err)
	}
	c, err := f.ConsortiumByCode("wse")
	if err != nil {
		t.Fatal(err)
	}
	g, err := f.CreateResourceGap(ResourceGap{ConsortiumID: c.ID, Title: "Engineer", Kind: "expertise", EstimatedCost: 100})
	if err != nil {
		t.Fatalf("the new gaps table does not work: %v", err)
	}
	if g.Missing() != 100 {
		t.Errorf("missing = %d", g.Missing())
	}
	backup := filepath.Join(dir, "old.schema-1-backup.cpw")
	b, err := os.ReadFile(backup)
	if err != nil {
		t.Fatalf("no backup before the upgrade: %v", err)
	}
	if st, err := os.Stat(backup); err != nil || runtime.GOOS != "windows" && st.Mode().Perm() != 0o600 {
		t.Errorf("the backup is %v (%v), not 0600 as the workspace it copies", st.Mode().Perm(), err)
	}
	h, err := readHeader(backup)
	if err != nil || h.userVersion != 1 || h.applicationID != ApplicationID {
		t.Fatalf("backup header %+v %v", h, err)
	}
	if len(b) == 0 {
		t.Fatal("empty backup")
	}
	db = rawDB(t, backup)
	defer db.Close()
	var name string
	if err := db.QueryRow("SELECT name FROM initiative").Scan(&name); err != nil || name != "Old initiative" {
		t.Fatalf("backup holds %q, %v", name, err)
	}
	if bytes.Equal(old, mustRead(t, path)) {
		t.Error("the upgraded file is byte for byte the old one")
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestCreate(t *testing.T) {
	dir := t.TempDir()
	t.Run("OK", func(t *testing.T) {
		f, err := Create(filepath.Join(dir, "new.cpw"), NewOptions{Name: "  Mukuru SPA ", Settlement: "Mukuru", City: "Nairobi"})
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		in, _ := f.Initiative()
		if in.Name != "Mukuru SPA" || in.Currency != "KES" || in.ID == "" || in.CreatedAt == "" {
			t.Errorf("initiative %+v", in)
		}
		if f.CopyID() == "" || f.CopyID() == in.ID {
			t.Errorf("copy id %q", f.CopyID())
		}
		entries, _ := os.ReadDir(dir)
		if len(entries) != 1 {
			t.Errorf("create left other files behind: %v", entries)
		}
	})
	t.Run("ErrExists", func(t *testing.T) {
		path := filepath.Join(dir, "taken.cpw")
		os.WriteFile(path, []byte("precious"), 0o644)
		_, err := Create(path, NewOptions{Name: "X"})
		wantCode(t, err, ErrExists)
		if b, _ := os.ReadFile(path); string(b) != "precious" {
			t.Error("Create overwrote a file")
		}
	})
	t.Run("ErrNameRequired", func(t *testing.T) {
		_, err := Create(filepath.Join(dir, "noname.cpw"), NewOptions{Name: " "})
		wantCode(t, err, ErrInvalid)
		if FileExists(filepath.Join(dir, "noname.cpw")) {
			t.Error("a failed create left a file")
		}
	})
	t.Run("ErrExtension", func(t *testing.T) {
		_, err := Create(filepath.Join(dir, "book.xlsx"), NewOptions{Name: "X"})
		wantCode(t, err, ErrInvalid)
	})
	t.Run("ErrNoFolder", func(t *testing.T) {
		_, err := Create(filepath.Join(dir, "missing", "x.cpw"), NewOptions{Name: "X"})
		wantCode(t, err, ErrNotFound)
	})
	t.Run("ErrCurrency", func(t *testing.T) {
		_, err := Create(filepath.Join(dir, "cur.cpw"), NewOptions{Name: "X", Currency: "shillings"})
		wantCode(t, err, ErrInvalid)
	})
}

func TestSaveCopy(t *testing.T) {
	f := newFile(t)
	if _, err := f.CreateOrganisation(Organisation{Name: "Maji Safi Trust", Kind: "ngo", Base: "local"}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "copy.cpw")
	if err := f.SaveCopy(out); err != nil {
		t.Fatal(err)
	}
	c, err := Open(out)
	if err != nil {
		t.Fatalf("the copy does not open: %v", err)
	}
	defer c.Close()
	a, _ := f.Initiative()
	b, _ := c.Initiative()
	if a.ID != b.ID {
		t.Error("the copy has another workspace id")
	}
	if c.CopyID() == f.CopyID() {
		t.Error("the copy kept the original's copy id")
	}
	var from string
	c.db.QueryRow("SELECT made_from FROM this_copy").Scan(&from)
	if from != f.CopyID() {
		t.Errorf("made_from = %q, want %q", from, f.CopyID())
	}
	ca, _ := f.Counts()
	cb, _ := c.Counts()
	if ca != cb {
		t.Errorf("counts differ: %+v vs %+v", ca, cb)
	}
	t.Run("ErrExists", func(t *testing.T) {
		err := f.SaveCopy(out)
		wantCode(t, err, ErrExists)
	})
	t.Run("ErrOverItself", func(t *testing.T) {
		before := mustRead(t, f.Path())
		wantCode(t, f.SaveCopy(f.Path()), ErrExists)
		if !bytes.Equal(before, mustRead(t, f.Path())) {
			t.Error("a copy over the workspace itself changed it")
		}
	})
}

// halfSaved makes a copy of a workspace as a crash in the middle of a save
// leaves it: changed pages in the file and the old ones in its journal.
func halfSaved(t *testing.T) (path string, orgs int) {
	t.Helper()
	dir := t.TempDir()
	src := workspaceFile(t, dir)
	db := rawDB(t, src)
	defer db.Close()
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
	out := filepath.Join(t.TempDir(), "crashed.cpw")
	for _, suffix := range []string{"", "-journal"} {
		b, err := os.ReadFile(src + suffix)
		if err != nil {
			t.Fatalf("no %s while the change is open: %v", suffix, err)
		}
		os.WriteFile(out+suffix, b, 0o644)
	}
	tx.Rollback()
	return out, 1
}

func TestOpenRecoversAHalfSavedFile(t *testing.T) {
	path, orgs := halfSaved(t)
	if db, err := openDB(path, "ro"); err == nil {
		var n int
		err = db.QueryRow("SELECT count(*) FROM organisations").Scan(&n)
		db.Close()
		if err == nil {
			t.Fatal("the copy is not half-saved: a read-only connection reads it")
		}
	}
	f, err := Open(path)
	if err != nil {
		t.Fatalf("a half-saved workspace was refused: %v", err)
	}
	defer f.Close()
	if got := must[[]Organisation](t)(f.Organisations()); len(got) != orgs {
		t.Errorf("%d organisations after recovery, want %d", len(got), orgs)
	}
	if FileExists(path+"-journal") && len(mustRead(t, path+"-journal")) > 0 {
		t.Error("the journal is still hot after recovery")
	}
}

func TestHalfSavedReadOnlyFileIsExplained(t *testing.T) {
	path, _ := halfSaved(t)
	os.Chmod(path, 0o444)
	before := snapshot(t, filepath.Dir(path))
	for _, open := range []func(string) (*File, error){Open, OpenReadOnly} {
		_, err := open(path)
		wantCode(t, err, ErrReadOnly)
		if !strings.Contains(err.Error(), "half-saved") || !strings.Contains(err.Error(), "copy both files") {
			t.Errorf("message %q", err)
		}
		sameSnapshot(t, before, snapshot(t, filepath.Dir(path)))
	}
}

// oldWorkspace writes a workspace of schema version 1 with one consortium.
func oldWorkspace(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "old.cpw")
	db, err := openDB(path, "rwc")
	if err != nil {
		t.Fatal(err)
	}
	exec(t, db, fmt.Sprintf("PRAGMA application_id = %d", ApplicationID))
	if err := migrateTo(db, 0, 1); err != nil {
		t.Fatal(err)
	}
	exec(t, db,
		"INSERT INTO initiative (id, name, created_at, updated_at, copy_id) VALUES ('11111111-1111-4111-8111-111111111111', 'Old initiative', '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z', 'c1')",
		"INSERT INTO this_copy (copy_id, made_at) VALUES ('c1', '2024-01-01T00:00:00.000Z')",
		"INSERT INTO consortia (id, code, name, status, updated_at, copy_id) VALUES ('22222222-2222-4222-8222-222222222222', 'WSE', 'Water', 'planning', '2024-01-01T00:00:00.000Z', 'c1')")
	db.Close()
	return path
}

func TestOpenReadOnlyLeavesAnOlderFileAlone(t *testing.T) {
	dir := t.TempDir()
	path := oldWorkspace(t, dir)
	before := snapshot(t, dir)
	f, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	if f.SchemaVersion() != 1 || !f.ReadOnly() {
		t.Errorf("version %d, read-only %v", f.SchemaVersion(), f.ReadOnly())
	}
	if c := must[Counts](t)(f.Counts()); c.Consortia != 1 || c.Gaps != 0 {
		t.Errorf("counts %+v", c)
	}
	if _, err := f.RunChecks(time.Now()); err != nil {
		t.Errorf("checks on an older workspace: %v", err)
	}
	out := filepath.Join(t.TempDir(), "copy.cpw")
	if err := f.SaveCopy(out); err != nil {
		t.Fatalf("copy of an older workspace: %v", err)
	}
	temp := f.temporary
	f.Close()
	if FileExists(temp) {
		t.Error("the upgraded temporary copy was left behind")
	}
	sameSnapshot(t, before, snapshot(t, dir))
	c, err := Open(out)
	if err != nil {
		t.Fatalf("the copy does not open: %v", err)
	}
	c.Close()
}

// Version 5 lets a person's residence be not recorded; the answers a
// version 4 file holds are kept as they were.
func TestMigrationKeepsResidence(t *testing.T) {
	path := olderWorkspace(t, 4,
		"INSERT INTO people (id, name, resident, updated_at, copy_id) VALUES ('22222222-2222-4222-8222-222222222222', 'Lives here', 1, '2024-01-01T00:00:00.000Z', 'c1')",
		"INSERT INTO people (id, name, resident, updated_at, copy_id) VALUES ('33333333-3333-4333-8333-333333333333', 'Lives away', 0, '2024-01-01T00:00:00.000Z', 'c1')")

	f, err := Open(path)
	if err != nil {
		t.Fatalf("opening a version 4 workspace: %v", err)
	}
	defer f.Close()
	here := must[Person](t)(f.Person("22222222-2222-4222-8222-222222222222"))
	away := must[Person](t)(f.Person("33333333-3333-4333-8333-333333333333"))
	if here.Resident != Yes || away.Resident != No {
		t.Errorf("after the upgrade: %q and %q, want yes and no", here.Resident, away.Resident)
	}
	p := must[Person](t)(f.CreatePerson(Person{Name: "Nobody said"}))
	if got := must[Person](t)(f.Person(p.ID)); got.Resident != NotRecorded {
		t.Errorf("a new person's residence is %q, want not recorded", got.Resident)
	}
	if _, err := f.CreatePerson(Person{Name: "Bad", Resident: "maybe"}); err == nil {
		t.Error("a residence that is no answer was saved")
	}
}

// olderWorkspace writes a workspace of an older schema version, with an
// initiative, its copy and the rows of the statements, and returns its path.
func olderWorkspace(t *testing.T, version int, statements ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "old.cpw")
	db, err := openDB(path, "rwc")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	exec(t, db, fmt.Sprintf("PRAGMA application_id = %d", ApplicationID))
	if err := migrateTo(db, 0, version); err != nil {
		t.Fatal(err)
	}
	exec(t, db, append([]string{
		"INSERT INTO initiative (id, name, created_at, updated_at, copy_id) VALUES ('11111111-1111-4111-8111-111111111111', 'Old initiative', '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z', 'c1')",
		"INSERT INTO this_copy (copy_id, made_at) VALUES ('c1', '2024-01-01T00:00:00.000Z')",
	}, statements...)...)
	return path
}
