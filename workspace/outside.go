package workspace

import (
	"database/sql"
	"sync"
)

// ChangeMark is a place in the change log: the entries after it are newer.
type ChangeMark int64

// ownChanges holds the stretches of the change log a File wrote itself.
// Each write holds the write lock from its first entry to its last, so a
// stretch holds no one else's entry.
type ownChanges struct {
	mu      sync.Mutex
	stretch [][2]int64 // (after, last]
}

// ownKept is how many stretches are remembered: a window asks about the
// newest entries every few seconds, long before that many writes.
const ownKept = 512

func (o *ownChanges) add(after, last int64) {
	if last <= after {
		return
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if n := len(o.stretch); n > 0 && o.stretch[n-1][1] == after {
		o.stretch[n-1][1] = last
		return
	}
	o.stretch = append(o.stretch, [2]int64{after, last})
	if len(o.stretch) > ownKept {
		o.stretch = o.stretch[len(o.stretch)-ownKept:]
	}
}

func (o *ownChanges) has(n int64) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, s := range o.stretch {
		if n > s[0] && n <= s[1] {
			return true
		}
	}
	return false
}

// lastChange is the newest entry of the change log, 0 when there is none.
func lastChange(q querier) (int64, error) {
	var n sql.NullInt64
	err := q.QueryRow("SELECT max(rowid) FROM changes").Scan(&n)
	return n.Int64, err
}

// LastChange marks the newest entry of the change log: OutsideChanges
// tells what others wrote after it.
func (f *File) LastChange() (ChangeMark, error) {
	n, err := lastChange(f.reader())
	return ChangeMark(n), internal("reading the change log", err)
}

// OutsideChanges returns the entries of the change log written after mark
// by another window or program (not through this File), oldest first, and
// the mark of the newest entry, to ask from next time. A merge or an import
// made elsewhere shows here as the changes it made.
func (f *File) OutsideChanges(mark ChangeMark) ([]Change, ChangeMark, error) {
	rows, err := f.reader().Query("SELECT rowid, id, at, author, copy_id, entity, entity_id, action, summary FROM changes WHERE rowid > ? ORDER BY rowid", int64(mark))
	if err != nil {
		return nil, mark, internal("reading the change log", err)
	}
	defer rows.Close()
	var out []Change
	last := mark
	for rows.Next() {
		var n int64
		var c Change
		if err := rows.Scan(&n, &c.ID, &c.At, &c.Author, &c.CopyID, &c.Entity, &c.EntityID, &c.Action, &c.Summary); err != nil {
			return nil, mark, internal("reading the change log", err)
		}
		last = ChangeMark(n)
		if !f.own.has(n) {
			out = append(out, c)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, mark, internal("reading the change log", err)
	}
	return out, last, nil
}
