package workspace

import (
	"cpw/translate"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
)

// Side is one of the two copies a merge weighs: this one or theirs. It is
// the side chosen in a conflict, as the window offers it and --json prints it.
type Side string

// The two sides of a merge.
const (
	Ours   Side = "ours"
	Theirs Side = "theirs"
)

// MergeOptions say how to merge.
type MergeOptions struct {
	// DryRun works out the report without changing anything.
	DryRun bool
	// Choose settles conflicts: conflict key → the side to keep. A conflict
	// not listed goes to the newer change.
	Choose map[string]Side
	// Place names the shared place a sync merges from: the merge is then
	// named and logged as a sync with it.
	Place string
	// quiet leaves the merge out of the change log: a snapshot of a shared
	// place taking in the copy that pushes it.
	quiet bool
	// beforeCommit, if set, runs inside the transaction just before it is
	// committed (tests use it to kill a merge part-way).
	beforeCommit func()
	// beforeWrite, if set, runs after the other copy is read and before the
	// write begins (tests have another process commit there).
	beforeWrite func()
}

// MergeCount is what a merge did to one kind of record.
type MergeCount struct {
	Kind      string `json:"kind"`
	Added     int    `json:"added"`
	Updated   int    `json:"updated"`
	Deleted   int    `json:"deleted"`
	Conflicts int    `json:"conflicts"`
}

// MergeConflict is a record both copies changed, or a partner entered twice.
// Kind and Reason are in the language of the package's messages.
type MergeConflict struct {
	Key    string            `json:"key"`  // to settle it in MergeOptions.Choose
	Kind   string            `json:"kind"` // what the record is: "organisation", "consortium"…
	ID     string            `json:"id"`
	Title  string            `json:"title"`
	Reason string            `json:"reason"`
	Ours   map[string]string `json:"ours"`   // nil when deleted here
	Theirs map[string]string `json:"theirs"` // nil when deleted there
	Chosen Side              `json:"chosen"`
	// Names names the records the two versions refer to, by id.
	Names map[string]string `json:"names,omitempty"`
	// settled: the merge comes out the same whichever side is chosen.
	settled bool
}

// Settled reports whether the conflict comes out the same whichever side is
// chosen: a record entered in both copies is kept as one, and one deleted in
// theirs but still used here stays. The window need not offer the choice.
func (c MergeConflict) Settled() bool { return c.settled }

// MergeReport says what a merge did, or would do.
type MergeReport struct {
	TheirCopyID  string          `json:"their_copy_id"`
	TheirFile    string          `json:"their_file"`
	FirstMeeting bool            `json:"first_meeting"`
	Counts       []MergeCount    `json:"counts"`
	Conflicts    []MergeConflict `json:"conflicts"`
	DryRun       bool            `json:"dry_run"`
	// Erased counts the erasures of people this copy learns of from the
	// other (erase.go): a change, even when no record of them is here.
	Erased int `json:"erased"`
	// StillHeld counts the people erased in either copy whose record the
	// other copy still holds with personal data: a shared place then keeps
	// no older snapshot (it is one).
	StillHeld int `json:"still_held,omitempty"`
}

// Nothing reports whether the merge brings nothing: no record, no conflict,
// no erasure.
func (r MergeReport) Nothing() bool {
	a, u, d := r.Changes()
	return a+u+d == 0 && len(r.Conflicts) == 0 && r.Erased == 0
}

// Changes counts the records added, updated and deleted.
func (r MergeReport) Changes() (added, updated, deleted int) {
	for _, c := range r.Counts {
		added, updated, deleted = added+c.Added, updated+c.Updated, deleted+c.Deleted
	}
	return
}

// Summary says in one sentence what the merge did or would do, in the
// language of the package's messages.
func (r MergeReport) Summary() string { return r.summary(say) }

// summary is Summary worded by tr: the change log keeps it in English.
func (r MergeReport) summary(tr translate.Func) string {
	a, u, d := r.Changes()
	if r.Nothing() {
		return tr(msg("Nothing to merge: this workspace already has everything in that copy."))
	}
	parts := []string{
		byCount(tr, a, msg("1 record added"), msg("%s records added")),
		byCount(tr, u, msg("1 record updated"), msg("%s records updated")),
		byCount(tr, d, msg("1 record deleted"), msg("%s records deleted")),
		byCount(tr, len(r.Conflicts), msg("1 conflict"), msg("%s conflicts")),
	}
	if r.Erased > 0 {
		parts = append(parts, byCount(tr, r.Erased, msg("1 person's erasure learnt"), msg("%s people's erasures learnt")))
	}
	return Capitalise(strings.Join(parts, ", ")) + "."
}

// Merge brings the changes of another copy of this workspace into it. The
// other file is only read. Records only they have are added; a record
// changed on one side only since the copies last met takes that side; a
// record changed on both sides, or deleted on one and changed on the other,
// is a conflict that goes to the newer change unless opt.Choose says
// otherwise. The merge is one transaction and is logged with the other
// copy's id; merging the same copy again changes nothing.
func (f *File) Merge(theirsPath string, opt MergeOptions) (MergeReport, error) {
	report := MergeReport{TheirFile: theirsPath, DryRun: opt.DryRun}
	if f.readOnly && !opt.DryRun {
		return report, newError(ErrReadOnly, "This workspace is open read-only, so nothing can be merged into it: save a copy you can edit and merge into that.")
	}
	if mustAbsPath(theirsPath) == mustAbsPath(f.path) {
		return report, invalid("File", "A workspace cannot be merged with itself: choose the copy someone sent you.")
	}
	theirs, err := OpenReadOnly(theirsPath)
	if err != nil {
		return report, err
	}
	defer theirs.Close()
	ours, err := f.Initiative()
	if err != nil {
		return report, err
	}
	other, err := theirs.Initiative()
	if err != nil {
		return report, err
	}
	if ours.ID != other.ID {
		return report, newError(ErrInvalid, "%s is a copy of another initiative (“%s”), not of “%s”: only copies of the same workspace can be merged.", filepath.Base(theirsPath), other.Name, ours.Name)
	}
	if theirs.copyID == f.copyID {
		return report, invalid("File", "%s is this very copy (it has the same copy id), so there is nothing to merge.", filepath.Base(theirsPath))
	}
	report.TheirCopyID = theirs.copyID
	// Their copy is read in one read transaction, so that a program writing
	// to it meanwhile cannot hand over half of a change.
	them, err := theirs.db.Begin()
	if err != nil {
		return report, internal("reading the other copy", err)
	}
	defer them.Rollback()
	// What they have seen of this copy: written in their file when they
	// merged this one, or when one was copied from the other.
	var ourHigh string
	err = them.QueryRow("SELECT their_high FROM copy_meetings WHERE peer_copy_id = ?", f.copyID).Scan(&ourHigh)
	metUs := err == nil
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return report, internal("reading what the other copy knows of this one", err)
	}
	theirHigh, err := highStamp(them)
	if err != nil {
		return report, internal("reading the other copy", err)
	}
	theirSeen, err := readSeen(them)
	if err != nil {
		return report, internal("reading what the other copy knows of others", err)
	}
	m := &merger{theirs: them, met: lastMet{ourCopy: f.copyID, theirCopy: theirs.copyID, oursAfter: ourHigh, theirSeen: theirSeen},
		choose: opt.Choose, report: &report, theyMetUs: metUs}
	if opt.DryRun {
		// A preview: the merge itself plans again inside its write.
		return report, m.planOn(f.db, theirs.copyID)
	}
	theirLog, err := readChanges(them)
	if err != nil {
		return report, internal("reading the other copy's change log", err)
	}
	if opt.beforeWrite != nil {
		opt.beforeWrite()
	}
	err = f.write(func(t *tx) error {
		// Planned inside the write, so that no change another program makes
		// meanwhile is decided on from an older read and overwritten.
		if err := m.planOn(t, theirs.copyID); err != nil {
			return err
		}
		// Rows may arrive before the rows they refer to; the keys are checked
		// once, at the end (below and at commit).
		if _, err := t.Exec("PRAGMA defer_foreign_keys = ON"); err != nil {
			return err
		}
		if err := m.apply(t); err != nil {
			return err
		}
		if err := checkForeignKeys(t); err != nil {
			return err
		}
		if err := m.checkIncoming(t); err != nil {
			return err
		}
		// Their change log joins ours, so the history shows who did what;
		// nothing of a person erased in either copy comes in with it.
		names := m.erasedNames(theirLog)
		for _, c := range theirLog {
			m.scrubIncoming(&c, names)
			if c.Entity == "person" && m.ourPartial.what != "" {
				c.Summary = scrubSummary(c.Summary, m.ourPartial.what) // what this copy lacks stays out of its log too
			}
			if _, err := t.Exec("INSERT OR IGNORE INTO changes (id, at, author, copy_id, entity, entity_id, action, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
				c.ID, c.At, c.Author, c.CopyID, c.Entity, c.EntityID, c.Action, c.Summary); err != nil {
				return err
			}
		}
		if err := m.eraseMerged(t); err != nil {
			return err
		}
		// What both copies had when they met: rows that came in from them
		// may carry stamps later than this copy's clock.
		ourNewHigh, err := highStamp(t)
		if err != nil {
			return err
		}
		ourHeld := max(ourNewHigh, t.at)
		if opt.Place != "" {
			// A snapshot holds of this copy only what it saw: what this
			// copy changed since must still be pushed (File.ChangedSince).
			ourHeld = m.met.oursAfter
		}
		if _, err := t.Exec(`INSERT INTO copy_meetings (peer_copy_id, their_high, our_high, met_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (peer_copy_id) DO UPDATE SET their_high = excluded.their_high, our_high = excluded.our_high, met_at = excluded.met_at`,
			theirs.copyID, theirHigh, ourHeld, t.at); err != nil {
			return err
		}
		switch {
		case opt.quiet:
		case opt.Place != "":
			t.nameWhole("sync", opt.Place)
			if err := t.logChange("workspace", theirs.copyID, "sync", "Synced with "+opt.Place+" (snapshot "+theirs.copyID+"): "+report.summary(translate.English)); err != nil {
				return err
			}
		default:
			t.nameWhole("merge", filepath.Base(theirsPath))
			if err := t.logChange("workspace", theirs.copyID, "merge", "Merged the copy "+theirs.copyID+" ("+filepath.Base(theirsPath)+"): "+report.summary(translate.English)); err != nil {
				return err
			}
		}
		if opt.beforeCommit != nil {
			opt.beforeCommit()
		}
		return nil
	})
	// The next change here must be stamped after every stamp that came in.
	f.high = ""
	if err == nil && (m.erasedNow > 0 || report.Erased > 0) {
		f.compact()
	}
	return report, err
}

// planOn plans the merge against this copy as ours reads it: what this
// copy has seen of theirs, then every row.
func (m *merger) planOn(ours querier, theirCopy string) error {
	seen, err := readSeen(ours)
	if err != nil {
		return internal("reading what this copy knows of the other", err)
	}
	m.ours = ours
	if m.ourPartial, err = readPartial(ours); err != nil {
		return internal("reading what this copy was made without", err)
	}
	if m.theirPartial, err = readPartial(m.theirs); err != nil {
		return internal("reading what the other copy was made without", err)
	}
	after, met := seen[theirCopy]
	if !met && strings.HasPrefix(theirCopy, snapshotPrefix) {
		// A snapshot of a shared place this copy has not met: what it saw
		// of the snapshots it was made from.
		after, met = lineage(seen, m.met.theirSeen)
	}
	if !m.theyMetUs && strings.HasPrefix(m.met.ourCopy, snapshotPrefix) {
		// This is a snapshot taking in a copy that pushes to it.
		m.met.oursAfter, _ = lineage(m.met.theirSeen, seen)
	}
	m.met.theirsAfter, m.report.FirstMeeting = after, !met
	if err := m.plan(); err != nil {
		return err
	}
	m.nameReferences()
	return nil
}

// readSeen reads what a copy has seen of every copy it has met or was made
// from: the newest stamp of each.
func readSeen(q querier) (map[string]string, error) {
	rows, err := q.Query("SELECT peer_copy_id, their_high FROM copy_meetings")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	seen := map[string]string{}
	for rows.Next() {
		var copyID, high string
		if err := rows.Scan(&copyID, &high); err != nil {
			return nil, err
		}
		seen[copyID] = high
	}
	return seen, rows.Err()
}

func mustAbsPath(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return a
}

// highStamp returns the newest change stamp in a workspace, deletions included.
func highStamp(q querier) (string, error) {
	var parts []string
	for _, t := range mergeTables {
		parts = append(parts, "SELECT max(max(updated_at, arrived_at)) AS s FROM "+t.name)
	}
	parts = append(parts, "SELECT max(max(deleted_at, arrived_at)) AS s FROM tombstones", "SELECT max(our_high) AS s FROM copy_meetings")
	var high sql.NullString
	err := q.QueryRow("SELECT max(s) FROM (" + strings.Join(parts, " UNION ALL ") + ")").Scan(&high)
	return high.String, err
}

func readChanges(q querier) ([]Change, error) {
	rows, err := q.Query("SELECT id, at, author, copy_id, entity, entity_id, action, summary FROM changes")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Change
	for rows.Next() {
		var c Change
		if err := rows.Scan(&c.ID, &c.At, &c.Author, &c.CopyID, &c.Entity, &c.EntityID, &c.Action, &c.Summary); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// checkForeignKeys refuses a merge that would leave a record pointing at one
// that is not there.
func checkForeignKeys(t *tx) error {
	table, parent, err := danglingReference(t)
	if err != nil || table == "" {
		return err
	}
	return newError(ErrInvalid, "The merge would leave %s pointing at %s that neither copy has, so nothing was merged: the other copy may have been made from an older file.", sayPlain(kindOf(table)), sayPlain(kindOf(parent)))
}

// danglingReference names the first table with a row pointing at a missing
// row of parent, or "" when every reference holds.
func danglingReference(q querier) (table, parent string, err error) {
	rows, err := q.Query("PRAGMA foreign_key_check")
	if err != nil {
		return "", "", err
	}
	defer rows.Close()
	if rows.Next() {
		var rowid sql.NullInt64
		var fk int
		err = rows.Scan(&table, &rowid, &parent, &fk)
	}
	if err == nil {
		err = rows.Err()
	}
	return table, parent, err
}
