// Snapshots: the copies a shared place holds.

package workspace

import (
	"database/sql"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"

	"github.com/google/uuid"
)

// snapshotPrefix begins the copy id of every snapshot of a shared place, so
// that a merge can tell a snapshot from a person's copy (see lineage).
const snapshotPrefix = "hub-"

// built remembers the snapshots this process has just written itself, in
// its own temporary folder, as they were then: opening one again (a sync
// opens each two or three times) skips the integrity check and the schema
// comparison, which a file of the program's own making passes by
// construction. One changed since (in size, time or inode) is checked as
// any file is.
var built sync.Map // absolute path → os.FileInfo

func noteBuilt(path string) {
	if st, err := os.Stat(path); err == nil {
		built.Store(mustAbsPath(path), st)
	}
}

func isBuilt(path string) bool {
	v, ok := built.Load(mustAbsPath(path))
	if !ok {
		return false
	}
	was := v.(os.FileInfo)
	st, err := os.Stat(path)
	return err == nil && os.SameFile(was, st) && st.Size() == was.Size() && st.ModTime().Equal(was.ModTime())
}

// Snapshot is one snapshot of a shared place: a whole workspace file, never
// changed once written, made from the snapshot before it with the changes
// of the copy that pushed it merged in.
type Snapshot struct {
	Path           string
	CopyID         string
	InitiativeID   string
	InitiativeName string
	// High is its newest stamp: the later of two snapshots has the larger.
	High string
	// Seen is what it has seen of every copy it met: the snapshots it was
	// made from, those it replaced, and the copies that pushed to it.
	Seen map[string]string
	// Erases says, of a snapshot MakeSnapshot just made, that it erases
	// people the snapshot it was made from still holds: the place keeps no
	// older snapshot then.
	Erases bool
}

// Replaces reports whether s was made from other, or replaced it: other's
// changes are all in s.
func (s Snapshot) Replaces(other Snapshot) bool {
	_, ok := s.Seen[other.CopyID]
	return ok
}

// ReadSnapshot reads what a shared place needs to know of one of its
// files. A file that is not a snapshot (a person's copy left in the folder,
// a damaged file) is refused with a sentence.
func ReadSnapshot(path string) (Snapshot, error) {
	f, err := OpenReadOnly(path)
	if err != nil {
		return Snapshot{}, err
	}
	defer f.Close()
	if !strings.HasPrefix(f.copyID, snapshotPrefix) {
		return Snapshot{}, newError(ErrInvalid, "%s is a person's copy of a workspace, not a snapshot of the shared place.", filepath.Base(path))
	}
	in, err := f.Initiative()
	if err != nil {
		return Snapshot{}, err
	}
	s := Snapshot{Path: path, CopyID: f.copyID, InitiativeID: in.ID, InitiativeName: in.Name}
	if s.High, err = highStamp(f.db); err != nil {
		return s, internal("reading a snapshot", err)
	}
	if s.Seen, err = readSeen(f.db); err != nil {
		return s, internal("reading a snapshot", err)
	}
	return s, nil
}

// Heads are the snapshots no other one replaces, newest first: the shared
// state, or several when two copies pushed at once (or a folder's sync tool
// kept a "conflict copy"); a sync merges them all.
func Heads(all []Snapshot) []Snapshot {
	var heads []Snapshot
	for _, s := range all {
		replaced := false
		for _, o := range all {
			if o.CopyID != s.CopyID && o.Replaces(s) {
				replaced = true
				break
			}
		}
		if !replaced {
			heads = append(heads, s)
		}
	}
	sort.Slice(heads, func(i, j int) bool { return heads[i].High > heads[j].High })
	return heads
}

// InSync reports whether this copy has taken in everything of snapshot s.
func (f *File) InSync(s Snapshot) (bool, error) {
	var seen string
	err := f.db.QueryRow("SELECT their_high FROM copy_meetings WHERE peer_copy_id = ?", s.CopyID).Scan(&seen)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil && seen >= s.High, err
}

// MakeSnapshot writes to out (a new file) the next snapshot of the shared
// place: a copy of base, the newest snapshot, with this copy merged in, or
// with no base a copy of this workspace. The snapshots in replaced (forks
// this copy merged) are noted as replaced, so that no sync merges them
// again. It returns the snapshot and whether it holds anything base lacks.
// This copy is only read; NoteSynced records the push once it is done.
func (f *File) MakeSnapshot(base *Snapshot, replaced []Snapshot, out string) (Snapshot, bool, error) {
	src, srcID := f.db, f.copyID
	if base != nil {
		db, err := openDB(base.Path, "ro")
		if err != nil {
			return Snapshot{}, false, internal("reading the shared place's snapshot", err)
		}
		defer db.Close()
		src, srcID = db, base.CopyID
	}
	if _, err := src.Exec("VACUUM INTO ?", out); err != nil {
		return Snapshot{}, false, copyError(err)
	}
	db, err := openDB(out, "rw")
	if err != nil {
		return Snapshot{}, false, copyError(err)
	}
	now := timestamp(f.Now())
	id := snapshotPrefix + uuid.NewString()
	err = func() error {
		high, err := highStamp(db)
		if err != nil {
			return err
		}
		if _, err := db.Exec("UPDATE this_copy SET copy_id = ?, made_at = ?, made_from = ?, sync_place = '', last_synced = ''", id, now, srcID); err != nil {
			return err
		}
		if base == nil {
			// Only the snapshots it was made from may be read as its past
			// (lineage): a person's copy also names places it met.
			if _, err := db.Exec("DELETE FROM copy_meetings WHERE peer_copy_id LIKE 'hub-%'"); err != nil {
				return err
			}
		}
		if _, err := db.Exec("INSERT OR REPLACE INTO copy_meetings (peer_copy_id, their_high, our_high, met_at) VALUES (?, ?, ?, ?)", srcID, high, high, now); err != nil {
			return err
		}
		for _, r := range replaced {
			// Replaced, not made from: no stamp to read its past by.
			if _, err := db.Exec("INSERT OR IGNORE INTO copy_meetings (peer_copy_id, their_high, our_high, met_at) VALUES (?, '', '', ?)", r.CopyID, now); err != nil {
				return err
			}
		}
		// The undo history stays with the person who made it, and the
		// register of copies with the copy that made them.
		_, err = db.Exec("PRAGMA secure_delete = ON; DELETE FROM step_rows; DELETE FROM steps; DELETE FROM copies_made")
		return err
	}()
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return Snapshot{}, false, copyError(err)
	}
	noteBuilt(out)
	changed, erases := base == nil || len(replaced) > 0, false
	if base != nil {
		snap, err := Open(out)
		if err != nil {
			return Snapshot{}, false, err
		}
		snap.building = true // no undo steps in a snapshot
		snap.Author = f.Author
		report, err := snap.Merge(f.path, MergeOptions{quiet: true})
		snap.Close()
		if err != nil {
			return Snapshot{}, false, err
		}
		noteBuilt(out)
		a, u, d := report.Changes()
		changed = changed || a+u+d > 0 || report.Erased > 0
		erases = report.Erased > 0
	}
	s, err := ReadSnapshot(out)
	s.Erases = erases
	return s, changed, err
}

// NoteSynced records in this copy that it has taken in all of snapshot s,
// and that s holds this copy's changes up to ours (what a snapshot made
// from this copy saw of it: Seen[CopyID]), so that the next sync finds
// nothing to do unless something changed since.
func (f *File) NoteSynced(s Snapshot, ours string) error {
	if f.readOnly {
		return nil
	}
	_, err := f.db.Exec(`INSERT INTO copy_meetings (peer_copy_id, their_high, our_high, met_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (peer_copy_id) DO UPDATE SET their_high = max(their_high, excluded.their_high), our_high = max(our_high, excluded.our_high), met_at = excluded.met_at`,
		s.CopyID, s.High, ours, timestamp(f.Now()))
	return plainError(err)
}

// SyncPlace is the shared place this copy syncs with ("" for none) and
// when it last synced.
func (f *File) SyncPlace() (place, lastSynced string, err error) {
	err = f.db.QueryRow("SELECT sync_place, last_synced FROM this_copy").Scan(&place, &lastSynced)
	return place, lastSynced, plainError(err)
}

// SetSyncPlace remembers the shared place this copy syncs with. It is this
// copy's own: a copy made from it, or a snapshot, does not take it. Nothing
// secret may be in it (the caller leaves passwords out).
func (f *File) SetSyncPlace(place string) error {
	if f.readOnly {
		return newError(ErrReadOnly, "This workspace is open read-only, so it cannot be changed: use Save a copy to make a copy you can edit.")
	}
	_, err := f.db.Exec("UPDATE this_copy SET sync_place = ?", place)
	return plainError(err)
}

// NoteSyncedAt records when this copy last synced.
func (f *File) NoteSyncedAt() error {
	if f.readOnly {
		return nil
	}
	_, err := f.db.Exec("UPDATE this_copy SET last_synced = ?", timestamp(f.Now()))
	return plainError(err)
}

// lineage is what viewer (the copy_meetings of one copy) has seen of a
// snapshot that it never met, through the snapshots it was made from
// (ancestors: the snapshot's own copy_meetings). A snapshot holds its
// ancestors' rows with their arrival stamps, at most the stamp it was made
// at, and stamps everything that came in after later; so a row of it that
// arrived no later than both what the viewer saw of an ancestor and that
// ancestor's stamp was seen. ok is false when the viewer met none.
func lineage(viewer, ancestors map[string]string) (after string, ok bool) {
	for id, made := range ancestors {
		seen, met := viewer[id]
		if !strings.HasPrefix(id, snapshotPrefix) || !met || made == "" || seen == "" {
			continue
		}
		if b := min(seen, made); !ok || b > after {
			after, ok = b, true
		}
	}
	return after, ok
}

// PublishFile copies the file at src to dest, which must not exist, so that
// dest appears whole or not at all: written beside it under a temporary
// name, flushed to the disk, then linked into place. A shared folder's
// other users, and the tool that keeps it in step, never see half a file.
func PublishFile(src, dest string) error {
	return writeBeside(dest, false, nil, func(tmp string) error {
		in, err := os.Open(src)
		if err != nil {
			return err
		}
		defer in.Close()
		out, err := os.OpenFile(tmp, os.O_WRONLY|os.O_TRUNC, 0o600)
		if err != nil {
			return err
		}
		_, err = io.Copy(out, in)
		if err == nil {
			err = out.Sync()
		}
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if errors.Is(err, syscall.ENOSPC) {
			return newError(ErrReadOnly, "The disk of %s is full, so nothing was pushed: free some space there, then sync again.", filepath.Dir(dest))
		}
		return err
	})
}

// Newest sorts snapshots newest first.
func Newest(snaps []Snapshot) []Snapshot {
	out := append([]Snapshot{}, snaps...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].High > out[j].High })
	return out
}

// ChangedSince reports whether this copy holds a change that snapshot s,
// which this copy has taken in, may lack: one stamped after what this copy
// held when it last met s.
func (f *File) ChangedSince(s Snapshot) (bool, error) {
	var ours string
	if err := f.db.QueryRow("SELECT our_high FROM copy_meetings WHERE peer_copy_id = ?", s.CopyID).Scan(&ours); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return true, nil
		}
		return false, internal("reading what the shared place has of this copy", err)
	}
	high, err := highStamp(f.db)
	if err != nil {
		return false, internal("reading what the shared place has of this copy", err)
	}
	return high > ours, nil
}
