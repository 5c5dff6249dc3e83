package workspace

import (
	"bytes"
	"database/sql"
	"embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/mattn/go-sqlite3"
)

// ApplicationID marks a SQLite file as a workspace of this program
// (PRAGMA application_id; the bytes spell "CPW1").
const ApplicationID = 0x43505731

// Extension is the file name extension of workspace files.
const Extension = ".cpw"

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migrations holds the schema changes in order: migrations[i] brings a file
// from schema version i to i+1.
var migrations = loadMigrations()

// SchemaVersion is the schema version this program writes and reads.
var SchemaVersion = len(migrations)

func loadMigrations() []string {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		panic(err)
	}
	sort.Strings(names)
	out := make([]string, len(names))
	for i, n := range names {
		b, err := migrationFiles.ReadFile(n)
		if err != nil {
			panic(err)
		}
		out[i] = string(b)
	}
	return out
}

const driverName = "cpw-sqlite3"

func init() {
	// A workspace may come from someone else: never let its schema run
	// functions with side effects (trusted_schema has no DSN parameter).
	// Statement journals stay in memory: with the steps' triggers every
	// insert opens one, and in files they doubled the time of writing
	// many rows (and left what was written in the temporary folder).
	sql.Register(driverName, &sqlite3.SQLiteDriver{
		ConnectHook: func(c *sqlite3.SQLiteConn) error {
			_, err := c.Exec("PRAGMA trusted_schema = OFF; PRAGMA temp_store = MEMORY", nil)
			return err
		},
	})
}

// File is an open workspace file. Every change is committed at once.
type File struct {
	db        *sql.DB
	path      string
	readOnly  bool
	copyID    string
	version   int    // the schema version of the file on disk
	temporary string // an upgraded copy to remove on Close, if any (temporary.go)
	// high is the newest change stamp in the file, once known: new stamps
	// are always later, even on a machine whose clock is behind.
	high string
	// inside is the write transaction a view made by Batch.Workspace reads
	// through; nil for a file opened.
	inside querier
	// own remembers which entries of the change log this File wrote, so
	// that the changes of other windows and programs can be told apart.
	own *ownChanges
	// building is set while a new file is seeded (and filled, for the
	// demo): what a file is created with is no step to undo.
	building bool

	// Author is the name recorded with each change in the change log.
	Author string
	// Now tells the time for change stamps; tests and the demo set it.
	Now func() time.Time
}

// dsn builds a mattn/go-sqlite3 DSN; it must start with "file:" or the
// options after "?" are dropped.
func dsn(path, mode string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // Windows: file:/C:/...
	}
	p = strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(p)
	// "file://" and an empty authority: a network path //server/share then
	// stays a path instead of naming a host.
	// Statements are kept prepared: an import or a merge runs the same few
	// thousands of times. secure_delete: what a change frees (an old phone
	// number, an erased person) is zeroed, not left readable in the file.
	q := "mode=" + mode + "&_foreign_keys=on&_busy_timeout=5000&_stmt_cache_size=64"
	if mode == "ro" {
		q += "&_txlock=deferred"
	} else {
		q += "&_txlock=immediate&_journal_mode=DELETE&_synchronous=FULL&_secure_delete=on"
	}
	return "file://" + p + "?" + q
}

func openDB(path, mode string) (*sql.DB, error) {
	db, err := sql.Open(driverName, dsn(path, mode))
	if err != nil {
		return nil, err
	}
	// One connection: edits are serialised anyway, and pragmas and
	// temporary state stay on the one connection we know.
	db.SetMaxOpenConns(1)
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// header is what the first 100 bytes of a SQLite file say about it.
type header struct {
	applicationID uint32
	userVersion   uint32
	wal           bool // in write-ahead-log mode, which this program never sets
}

var sqliteMagic = []byte("SQLite format 3\x00")

// readHeader reads the file's header without SQLite, so that a file that is
// refused is never touched by the database engine.
func readHeader(path string) (header, error) {
	f, err := os.Open(path)
	if err != nil {
		return header{}, err
	}
	defer f.Close()
	b := make([]byte, 100)
	n, err := io.ReadFull(f, b)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return header{}, err
	}
	if n < 100 || !bytes.Equal(b[:16], sqliteMagic) {
		return header{}, errNotSQLite
	}
	return header{
		userVersion:   binary.BigEndian.Uint32(b[60:64]),
		applicationID: binary.BigEndian.Uint32(b[68:72]),
		wal:           b[18] == 2 || b[19] == 2,
	}, nil
}

var errNotSQLite = errors.New("not a SQLite database")

// Open opens an existing workspace file for editing. It refuses, with a
// sentence that says why and without changing a byte of it, anything that is
// not a healthy workspace of this or an older version. A file the user may
// not write is opened read-only (see ReadOnly). A workspace of an older
// schema is backed up beside itself and then upgraded.
func Open(path string) (*File, error) { return open(path, false) }

// OpenReadOnly opens a workspace only to read it, as the headless commands
// that report on a file do: the file is never written, not even to upgrade
// it or to roll back a half-saved change (such a file is refused, its
// journal left as it is). A workspace of an older schema is upgraded in a
// private temporary copy, which Close removes.
func OpenReadOnly(path string) (*File, error) { return open(path, true) }

func open(path string, readOnly bool) (*File, error) {
	removeStaleTemporariesOnce()
	name := filepath.Base(path)
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, newError(ErrNotFound, "There is no file “%s”: check the name and the folder.", path)
	case err != nil:
		return nil, &Error{Code: ErrUnreadable, Message: say("%s cannot be read: %v.", name, unwrapPath(err)), Err: err}
	case st.IsDir():
		return nil, newError(ErrNotFile, "%s is a folder, not a workspace file: choose a %s file.", name, Extension)
	case !st.Mode().IsRegular():
		return nil, newError(ErrNotFile, "%s is not a regular file: choose a %s workspace file.", name, Extension)
	case st.Size() == 0:
		return nil, newError(ErrNotAWorkspace, "%s is empty, so it is not a workspace: it may have been cut short while copying.", name)
	}
	h, err := readHeader(path)
	if errors.Is(err, errNotSQLite) {
		return nil, newError(ErrNotAWorkspace, "%s is not a workspace file: it is not a database made by this program.", name)
	} else if err != nil {
		return nil, &Error{Code: ErrUnreadable, Message: say("%s cannot be read: %v.", name, unwrapPath(err)), Err: err}
	}
	if h.applicationID != ApplicationID {
		return nil, newError(ErrNotAWorkspace, "%s is a database of another program, not a workspace: open a %s file made by this program.", name, Extension)
	}
	if int(h.userVersion) > SchemaVersion {
		return nil, newError(ErrTooNew, "%s was saved by a newer version of this program (schema %d; this version reads up to %d): install the newer version to open it.", name, h.userVersion, SchemaVersion)
	}
	if h.userVersion == 0 {
		return nil, newError(ErrDamaged, "%s is marked as a workspace but holds no workspace data: it was probably not finished when it was made.", name)
	}
	version := int(h.userVersion)
	writable := canWrite(path)
	if readOnly || !writable {
		// A -wal file makes SQLite read (and later apply) what it holds,
		// whatever file it came from; this program never writes one.
		if st, err := os.Stat(path + "-wal"); err == nil && st.Size() > 0 {
			return nil, newError(ErrReadOnly, "%s has a %s-wal file beside it, left by another program, and a command that only reads never applies it: close the program that has the file open, then try again.", name, name)
		}
		// SQLite reads a file in that mode only by creating files beside it.
		if h.wal {
			return nil, newError(ErrReadOnly, "%s was left by another program in write-ahead-log mode, which cannot be read without writing beside the file: open it once for editing, which undoes that, and try again.", name)
		}
	}
	// A read-only open of a file it could write leaves a half-saved file to
	// the read-only connection below, which refuses it
	// (SQLITE_READONLY_ROLLBACK) and never rolls the journal back: the
	// journal may be stale, beside a file restored from a backup, and a live
	// writer's journal is no cause to refuse. (A file it may not write is
	// refused here, without SQLite, as before.)
	if !readOnly || !writable {
		if err := recoverHalfSaved(path, name, writable); err != nil {
			return nil, err
		}
	}
	if version < SchemaVersion && !writable && !readOnly {
		return nil, newError(ErrReadOnly, "%s was saved by an older version and must be upgraded, but the file is read-only: copy it to a folder you can write to and open the copy.", name)
	}

	// Check the file on a read-only connection before anything may write to it.
	ro, err := openDB(path, "ro")
	if err != nil {
		if e := openFailure(path, err); e != nil {
			return nil, e
		}
		return nil, &Error{Code: ErrDamaged, Message: say("%s is damaged and cannot be opened (%v): open an earlier copy or a backup.", name, err), Err: err}
	}
	if !isBuilt(path) {
		if err := verify(ro, path, version); err != nil {
			ro.Close()
			return nil, err
		}
	}
	switch {
	case (readOnly || !writable) && version == SchemaVersion:
		return (&File{db: ro, path: path, readOnly: true, version: version}).init()
	case readOnly || !writable:
		defer ro.Close()
		return openUpgradedCopy(ro, path, version)
	case version < SchemaVersion:
		if err := backupBeforeUpgrade(ro, path, version); err != nil {
			ro.Close()
			return nil, err
		}
	}
	ro.Close()

	db, err := openDB(path, "rw")
	if err != nil {
		if e := openFailure(path, err); e != nil {
			return nil, e
		}
		return nil, &Error{Code: ErrDamaged, Message: say("%s cannot be opened for writing: %v.", name, err), Err: err}
	}
	if err := migrate(db, version); err != nil {
		db.Close()
		if e := openFailure(path, err); e != nil {
			return nil, e
		}
		return nil, err
	}
	return (&File{db: db, path: path, version: SchemaVersion}).init()
}

// recoverHalfSaved lets SQLite roll back a change that was cut short (the
// program killed, the power lost, a USB stick pulled mid-save), which leaves
// a "-journal" file beside the workspace. Until it is rolled back the file
// cannot be read, and rolling back needs write access.
func recoverHalfSaved(path, name string, writable bool) error {
	st, err := os.Stat(path + "-journal")
	if err != nil || st.Size() == 0 {
		return nil
	}
	if !writable {
		return newError(ErrReadOnly, "%s was left half-saved (a %s-journal file lies beside it) and it is read-only, so it cannot be repaired: copy both files to a folder you can write to and open the copy.", name, name)
	}
	db, err := openDB(path, "rw") // opening for writing rolls the change back
	if e := openFailure(path, err); e != nil {
		return e
	}
	if err != nil {
		return &Error{Code: ErrDamaged, Message: say("%s was left half-saved and cannot be repaired (%v): open an earlier copy or a backup.", name, err), Err: err}
	}
	var n int
	err = db.QueryRow("SELECT count(*) FROM sqlite_master").Scan(&n)
	db.Close()
	if e := openFailure(path, err); e != nil {
		return e // a journal that is still being written: another program is saving
	}
	if err != nil {
		return &Error{Code: ErrDamaged, Message: say("%s was left half-saved and cannot be repaired (%v): open an earlier copy or a backup.", name, err), Err: err}
	}
	return nil
}

// openUpgradedCopy reads an older workspace that must not be written: it
// upgrades a temporary copy and opens that read-only.
func openUpgradedCopy(ro *sql.DB, path string, version int) (*File, error) {
	// VACUUM INTO takes an empty file and keeps its mode (0600).
	tmpPath, err := temporaryFile("read-*" + Extension)
	if err != nil {
		return nil, internal("reading an older workspace", err)
	}
	fail := func(err error) (*File, error) {
		removeTemporary(tmpPath)
		if e := openFailure(path, err); e != nil {
			return nil, e
		}
		return nil, internal("reading an older workspace", err)
	}
	if _, err := ro.Exec("VACUUM INTO ?", tmpPath); err != nil {
		return fail(err)
	}
	db, err := openDB(tmpPath, "rw")
	if err != nil {
		return fail(err)
	}
	if err := migrate(db, version); err != nil {
		db.Close()
		return fail(err)
	}
	db.Close()
	if db, err = openDB(tmpPath, "ro"); err != nil {
		return fail(err)
	}
	return (&File{db: db, path: path, readOnly: true, version: version, temporary: tmpPath}).init()
}

// openFailure words the SQLite errors that say nothing of the file's health
// (another program writing, a path the engine cannot open, a half-saved file
// met by a connection that may not repair it); nil for any other error.
func openFailure(path string, err error) error {
	var se sqlite3.Error
	if !errors.As(err, &se) {
		return nil
	}
	name := filepath.Base(path)
	switch {
	case busyError(err) != nil:
		return busyError(err)
	case se.ExtendedCode == sqlite3.ErrReadonlyRollback:
		return &Error{Code: ErrReadOnly, Message: say("%s was left half-saved (a %s-journal file lies beside it), and a command that only reads never repairs a file: open it for editing to repair it or, if the file was restored from a backup, move the old %s-journal away first.", name, name, name), Err: err}
	case se.Code == sqlite3.ErrCantOpen:
		if e := pathTooLong(path, err); e != nil {
			return e
		}
		return &Error{Code: ErrUnreadable, Message: say("%s cannot be opened (%v): check that you may read the file and its folder.", name, err), Err: err}
	}
	return nil
}

// pathTooLong words SQLITE_CANTOPEN met with a long path (SQLite's limit is
// 512 bytes on Unix, less the "-journal" it adds); nil for any other error.
func pathTooLong(path string, err error) error {
	var se sqlite3.Error
	if !errors.As(err, &se) || se.Code != sqlite3.ErrCantOpen {
		return nil
	}
	abs, aerr := filepath.Abs(path)
	if aerr != nil {
		abs = path
	}
	if len(abs) <= 400 {
		return nil
	}
	return &Error{Code: ErrUnreadable, Message: say("The path of %s is too long (%d characters): use a folder with a shorter path, or a shorter name.", filepath.Base(path), len(abs)), Err: err}
}

// unwrapPath drops the path from an *fs.PathError, since the messages that
// show the error already name the file.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func (f *File) init() (*File, error) {
	f.own = &ownChanges{}
	f.Now = time.Now
	f.Author = defaultAuthor()
	if err := f.db.QueryRow("SELECT copy_id FROM this_copy").Scan(&f.copyID); err != nil {
		f.Close()
		if e := openFailure(f.path, err); e != nil {
			return nil, e
		}
		return nil, newError(ErrDamaged, "%s is missing its copy identity: the file is damaged.", filepath.Base(f.path))
	}
	return f, nil
}

func defaultAuthor() string {
	for _, k := range []string{"USER", "USERNAME", "LOGNAME"} {
		if v := os.Getenv(k); v != "" {
			return v
		}
	}
	return ""
}

// canWrite reports whether the file may be written, without changing it. A
// file marked read-only counts as such even for an administrator, who could
// write it anyway: the mark says what its owner wants.
func canWrite(path string) bool {
	if st, err := os.Stat(path); err != nil || st.Mode().Perm()&0o222 == 0 {
		return false
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return false
	}
	f.Close()
	return true
}

// backupBeforeUpgrade writes a consistent copy of the file beside it, named
// after its old schema version, before any migration touches it.
func backupBeforeUpgrade(db *sql.DB, path string, version int) error {
	base := strings.TrimSuffix(path, Extension)
	backup := fmt.Sprintf("%s.schema-%d-backup%s", base, version, Extension)
	for i := 2; FileExists(backup); i++ {
		backup = fmt.Sprintf("%s.schema-%d-backup-%d%s", base, version, i, Extension)
	}
	// Made empty and 0600 first, as the workspace is: VACUUM INTO keeps the
	// mode of the empty file it fills, and would make a new one readable by
	// everyone.
	empty, err := os.OpenFile(backup, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return &Error{Code: ErrReadOnly, Message: say("%s must be upgraded, but no backup could be written beside it (%v): move it to a folder you can write to.", filepath.Base(path), unwrapPath(err)), Err: err}
	}
	empty.Close()
	if _, err := db.Exec("VACUUM INTO ?", backup); err != nil {
		os.Remove(backup)
		if e := openFailure(path, err); e != nil {
			return e
		}
		return &Error{Code: ErrReadOnly, Message: say("%s must be upgraded, but no backup could be written beside it (%v): move it to a folder you can write to.", filepath.Base(path), err), Err: err}
	}
	return nil
}

// migrate applies the migrations after version from, each in its own
// transaction together with the new user_version.
func migrate(db *sql.DB, from int) error { return migrateTo(db, from, SchemaVersion) }

func migrateTo(db *sql.DB, from, to int) error {
	for v := from; v < to; v++ {
		tx, err := db.Begin()
		if err != nil {
			return internal("upgrading the workspace", err)
		}
		if _, err := tx.Exec(migrations[v]); err != nil {
			tx.Rollback()
			return internal(say("upgrading the workspace to schema %d", v+1), err)
		}
		if _, err := tx.Exec(fmt.Sprintf("PRAGMA user_version = %d", v+1)); err != nil {
			tx.Rollback()
			return internal("upgrading the workspace", err)
		}
		if err := tx.Commit(); err != nil {
			return internal("upgrading the workspace", err)
		}
	}
	return nil
}

// NewOptions describes a workspace to create.
type NewOptions struct {
	Name       string
	Settlement string
	City       string
	Country    string
	Currency   string
	Author     string
	// Language is the code of the language ("en", "sw") the seeded sector
	// themes and role catalogue are written in; empty means English.
	Language string
	// Now stamps the creation; zero means the current time.
	Now time.Time
}

// Create writes a new workspace file at path, seeded with the sector themes
// and the role catalogue, and opens it. It never overwrites an existing file:
// the workspace is built in a temporary file beside path and moved into place
// only when complete.
func Create(path string, opt NewOptions) (*File, error) {
	return create(path, opt, nil)
}

// create builds a workspace in a temporary file, lets fill add to it, and
// moves it to path.
func create(path string, opt NewOptions, fill func(*File) error) (*File, error) {
	if err := checkSeedLanguage(opt.Language); err != nil {
		return nil, err
	}
	in := Initiative{Name: opt.Name, Settlement: opt.Settlement, City: opt.City, Country: opt.Country, Currency: opt.Currency, Language: opt.Language}
	if in.Currency == "" {
		in.Currency = "KES"
	}
	if in.Country == "" {
		in.Country = "Kenya"
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	if !strings.EqualFold(filepath.Ext(path), Extension) {
		return nil, invalid("File", "A workspace file name must end in %s (for example %s%s).", Extension, strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)), Extension)
	}
	if FileExists(path) {
		return nil, newError(ErrExists, "%s already exists: choose another name, or open it instead.", filepath.Base(path))
	}
	dir := filepath.Dir(path)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, newError(ErrNotFound, "The folder %s does not exist: create it first or choose another.", dir)
	}
	author := opt.Author
	if author == "" {
		author = defaultAuthor()
	}
	err := writeBeside(path, false, nil, func(tmpPath string) error {
		db, err := openDB(tmpPath, "rw")
		if err != nil {
			return internal("creating the workspace", err)
		}
		if _, err := db.Exec(fmt.Sprintf("PRAGMA application_id = %d", ApplicationID)); err != nil {
			db.Close()
			return internal("creating the workspace", err)
		}
		if err := migrate(db, 0); err != nil {
			db.Close()
			return err
		}
		f := &File{db: db, path: tmpPath, Author: author, own: &ownChanges{}, building: true}
		now := opt.Now
		if now.IsZero() {
			now = time.Now()
		}
		f.Now = func() time.Time { return now }
		f.copyID = uuid.NewString()
		if err := f.seed(in, now); err != nil {
			db.Close()
			return err
		}
		if fill != nil {
			if err := fill(f); err != nil {
				db.Close()
				return err
			}
		}
		return internal("finishing the workspace", db.Close())
	})
	if e := pathTooLong(path, err); e != nil {
		return nil, e
	}
	if err != nil {
		return nil, err
	}
	out, err := Open(path)
	if err != nil {
		return nil, err
	}
	out.Author = author
	return out, nil
}

// Close closes the file.
func (f *File) Close() error {
	if f.inside != nil {
		return nil // a view through a batch: the file is its batch's to close
	}
	err := f.db.Close()
	if f.temporary != "" {
		removeTemporary(f.temporary)
	}
	return err
}

// Path returns the file's path.
func (f *File) Path() string { return f.path }

// ReadOnly reports whether the file was opened read-only because this user
// may not write it.
func (f *File) ReadOnly() bool { return f.readOnly }

// Writable reports whether this user may change the file on disk, whether or
// not it was opened for editing.
func (f *File) Writable() bool { return canWrite(f.path) }

// CopyID returns the id of this copy of the workspace; a copy made for
// sharing has its own.
func (f *File) CopyID() string { return f.copyID }

// SchemaVersion returns the schema version of the file on disk: older than
// this program's when a read-only open left it as it was.
func (f *File) SchemaVersion() int { return f.version }
