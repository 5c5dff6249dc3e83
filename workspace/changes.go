package workspace

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/google/uuid"
)

// Change is an entry of the change log: who changed what, when, from which copy.
type Change struct {
	ID       string
	At       string // UTC time stamp
	Author   string
	CopyID   string
	Entity   string // what kind of record, in the users' words
	EntityID string
	Action   string // create, update, delete
	Summary  string
}

// ChangeFilter narrows the change log; empty fields do not narrow.
type ChangeFilter struct {
	Entity   string
	EntityID string
	Since    string // a date or time stamp
	Limit    int    // 0 for all
}

// Changes returns the change log, newest first.
func (f *File) Changes(filter ChangeFilter) ([]Change, error) {
	var c conditions
	c.equal("entity", filter.Entity)
	c.equal("entity_id", filter.EntityID)
	if filter.Since != "" {
		c.add("at >= ?", filter.Since)
	}
	q := "SELECT id, at, author, copy_id, entity, entity_id, action, summary FROM changes"
	if len(c.terms) > 0 {
		q += " WHERE " + c.where()
	}
	q += " ORDER BY at DESC, rowid DESC"
	if filter.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", filter.Limit)
	}
	rows, err := f.reader().Query(q, c.args...)
	if err != nil {
		return nil, internal("reading the change log", err)
	}
	defer rows.Close()
	var out []Change
	for rows.Next() {
		var c Change
		if err := rows.Scan(&c.ID, &c.At, &c.Author, &c.CopyID, &c.Entity, &c.EntityID, &c.Action, &c.Summary); err != nil {
			return nil, internal("reading the change log", err)
		}
		out = append(out, c)
	}
	return out, internal("reading the change log", rows.Err())
}

// Tombstone records a deleted row, so that a merge does not bring it back.
type Tombstone struct {
	ID        string
	Table     string
	DeletedAt string
	CopyID    string
	arrival   string // when this file learnt of the deletion
	replaced  string // the id that replaced this one, for a record entered twice
}

// Tombstones returns every deletion recorded in the file.
func (f *File) Tombstones() ([]Tombstone, error) {
	rows, err := f.reader().Query("SELECT id, entity, deleted_at, copy_id FROM tombstones ORDER BY deleted_at, id")
	if err != nil {
		return nil, internal("reading deletions", err)
	}
	defer rows.Close()
	var out []Tombstone
	for rows.Next() {
		var t Tombstone
		if err := rows.Scan(&t.ID, &t.Table, &t.DeletedAt, &t.CopyID); err != nil {
			return nil, internal("reading deletions", err)
		}
		out = append(out, t)
	}
	return out, internal("reading deletions", rows.Err())
}

// Counts is how many records of each kind a workspace holds.
type Counts struct {
	Organisations int `json:"organisations"`
	People        int `json:"people"`
	Consortia     int `json:"consortia"`
	Roles         int `json:"roles"`
	Assignments   int `json:"assignments"`
	Gaps          int `json:"gaps"`
	Meetings      int `json:"meetings"`
	Units         int `json:"units"`
	Sectors       int `json:"sectors"`
	Changes       int `json:"changes"`
}

// Counts counts the records of each kind.
func (f *File) Counts() (Counts, error) {
	var c Counts
	err := f.reader().QueryRow(`SELECT
		(SELECT count(*) FROM organisations), (SELECT count(*) FROM people), (SELECT count(*) FROM consortia),
		(SELECT count(*) FROM roles), (SELECT count(*) FROM assignments), (SELECT count(*) FROM gaps),
		(SELECT count(*) FROM meetings), (SELECT count(*) FROM units), (SELECT count(*) FROM sectors),
		(SELECT count(*) FROM changes)`).Scan(&c.Organisations, &c.People, &c.Consortia, &c.Roles, &c.Assignments,
		&c.Gaps, &c.Meetings, &c.Units, &c.Sectors, &c.Changes)
	return c, internal("counting records", err)
}

// SaveCopy writes a consistent copy of the workspace to path for sharing,
// through SQLite's VACUUM INTO (never a raw copy of a file in use). The copy
// gets its own copy id; the workspace id stays, so the copies can be merged.
// It refuses to overwrite a file, and when it fails it leaves neither the
// copy nor a note of it in the workspace.
func (f *File) SaveCopy(path string) error { return f.SaveCopyFor(path, CopyOptions{}) }

// SaveCopyFor is SaveCopy for sharing: the copy leaves out what opt says
// (and whatever this workspace already lacks), and the workspace's register
// of copies records it, with who made it and for whom.
func (f *File) SaveCopyFor(path string, opt CopyOptions) error {
	if _, ok := leftOutColumns[opt.LeaveOut]; !ok && opt.LeaveOut != LeaveOutNothing {
		return invalid("Left out", "A copy can leave out the contacts, or the contacts and the sensitive fields; not “%s”.", opt.LeaveOut)
	}
	if !strings.EqualFold(filepath.Ext(path), Extension) {
		return invalid("File", "A workspace copy's name must end in %s.", Extension)
	}
	if FileExists(path) {
		return newError(ErrExists, "%s already exists: choose another name for the copy.", filepath.Base(path))
	}
	// Both files remember that they were one at this point, so that merging
	// them later tells apart the changes made on each side since.
	now := timestamp(f.Now())
	copyID := uuid.NewString()
	// The workspace notes the copy in a transaction that is committed only
	// once the copy is in place, and the copy is removed again if that
	// commit fails: the command then fails with nothing written.
	var note *sql.Tx
	var leftOut string
	defer func() {
		if note != nil {
			note.Rollback()
		}
	}()
	err := writeBeside(path, false, nil, func(tmpPath string) error {
		// VACUUM INTO fills the empty temporary file and keeps its mode
		// (0600): the copy holds the same phone numbers as the workspace.
		if _, err := f.db.Exec("VACUUM INTO ?", tmpPath); err != nil {
			return copyError(err)
		}
		db, err := openDB(tmpPath, "rw")
		if err != nil {
			return copyError(err)
		}
		high, err := highStamp(db)
		if err == nil {
			// The shared place this copy syncs with stays its own.
			_, err = db.Exec("UPDATE this_copy SET copy_id = ?, made_at = ?, made_from = ?, sync_place = '', last_synced = ''", copyID, now, f.copyID)
		}
		if err == nil {
			// The register of copies is this workspace's own.
			_, err = db.Exec("DELETE FROM copies_made")
		}
		if err == nil {
			_, err = db.Exec("INSERT OR REPLACE INTO copy_meetings (peer_copy_id, their_high, our_high, met_at) VALUES (?, ?, ?, ?)", f.copyID, high, high, now)
		}
		if err == nil {
			// A copy starts its own undo history: whoever receives it
			// cannot undo, one by one, the sender's changes.
			// secure_delete: the rows the steps kept (deleted people
			// included) must not stay readable in the copy's free pages.
			_, err = db.Exec("PRAGMA secure_delete = ON; DELETE FROM step_rows; DELETE FROM steps")
		}
		if err == nil {
			err = db.QueryRow("SELECT left_out FROM this_copy").Scan(&leftOut)
		}
		if err == nil {
			leftOut = moreLeftOut(leftOut, opt.LeaveOut)
			err = leaveOut(db, leftOut, now) // last: it writes the copy again whole
		}
		if cerr := db.Close(); err == nil {
			err = cerr
		}
		if err != nil || f.readOnly {
			return copyError(err)
		}
		if note, err = f.db.Begin(); err != nil {
			note = nil
			return copyError(err)
		}
		_, err = note.Exec("INSERT OR REPLACE INTO copy_meetings (peer_copy_id, their_high, our_high, met_at) VALUES (?, ?, ?, ?)", copyID, high, high, now)
		if err == nil {
			_, err = note.Exec("INSERT INTO copies_made (copy_id, made_at, made_by, made_for, left_out, file_name) VALUES (?, ?, ?, ?, ?, ?)",
				copyID, now, f.Author, strings.TrimSpace(opt.For), leftOut, filepath.Base(path))
		}
		return copyError(err)
	})
	if err != nil {
		return err
	}
	if note != nil {
		err, note = note.Commit(), nil
		if err != nil {
			os.Remove(path)
			return copyError(err)
		}
	}
	return nil
}

// copyError is the sentence for a failure while writing a copy.
func copyError(err error) error {
	if err == nil {
		return nil
	}
	if e := plainError(err); Code(e) != ErrInternal {
		return e
	}
	return internal("writing the copy", err)
}

// References says, in words, what refers to a record before it is deleted:
// what stops the deletion ("3 people"), what would be deleted with it ("2
// sector links") and what would merely lose its link to it ("1 resource
// gap"), in the language of the package's messages. table is the record's
// table, as Subject kinds and list screens know it: "organisations",
// "people", "consortia" and so on.
type References struct {
	Blocking, DeletedWith, Cleared []string
}

// ReferencesTo counts what refers to the row id of table.
func (f *File) ReferencesTo(tableName, id string) (References, error) {
	if _, ok := referrers[tableName]; !ok && !knownTable(tableName) {
		return References{}, invalid("", "There is no kind of record called %s.", tableName)
	}
	return referencesTo(f.reader(), tableName, id)
}

// referencesTo counts what refers to the row id of table, in words; deleting
// the row (tx.remove) is refused on the Blocking ones.
func referencesTo(q querier, tableName, id string) (References, error) {
	var out References
	for _, ref := range referrers[tableName] {
		var n int
		if err := q.QueryRow("SELECT count(*) FROM "+ref.table.name+" WHERE "+ref.column+" = ?", id).Scan(&n); err != nil {
			return out, internal("counting references", err)
		}
		if n == 0 {
			continue
		}
		words := count(n, ref.table.entity, ref.table.plural)
		switch ref.action {
		case restrict:
			out.Blocking = append(out.Blocking, words)
		case cascade:
			out.DeletedWith = append(out.DeletedWith, words)
		case setNull:
			out.Cleared = append(out.Cleared, words)
		}
	}
	return out, nil
}

func knownTable(name string) bool {
	for _, p := range prototypes {
		if p.table().name == name {
			return true
		}
	}
	return false
}
