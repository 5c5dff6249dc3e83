// Package place keeps copies of a workspace in step through a shared place:
// a folder (a network share, a USB stick, a folder a cloud service keeps in
// step) or a county PostgreSQL server.
//
// A place holds snapshots: whole workspaces, each made from the one before
// with the changes of the copy that pushed it merged in, never changed once
// written. A sync pulls the newest (all of them, when two copies pushed at
// once), merges them into the copy with the three-way merge, then pushes a
// new snapshot unless the place moved meanwhile, in which case it pulls
// again. The merging is the workspace package's; this package only moves
// snapshots to and from the place.
package place

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"cpw/workspace"
)

// Place is where the snapshots are kept.
type Place interface {
	// List reads the place's snapshots, and a mark of the state it saw.
	List() (snaps []workspace.Snapshot, mark string, err error)
	// Fetch brings a snapshot into the local folder dir and returns it
	// there, to be read and merged.
	Fetch(s workspace.Snapshot, dir string) (workspace.Snapshot, error)
	// Publish adds the snapshot at s.Path to the place, unless the place is
	// no longer as mark says (ErrMoved).
	Publish(s workspace.Snapshot, mark string) error
	// Remove drops an old snapshot that a newer one replaces.
	Remove(s workspace.Snapshot) error
	// String names the place for people (never with a password).
	String() string
}

// ErrMoved says that another copy pushed to the place since it was read.
var ErrMoved = errors.New("the shared place changed since it was read")

// kept is how many replaced snapshots a place keeps besides the newest: a
// few, so that a copy reading one while another copy prunes still finds it,
// and an older state can be looked at.
const kept = 4

// Open names a place: a postgres:// address, or a folder.
func Open(name string) (Place, error) {
	if strings.HasPrefix(name, "postgres://") || strings.HasPrefix(name, "postgresql://") {
		return openServer(name)
	}
	return openFolder(name)
}

// Report says what a sync did.
type Report struct {
	Place  string                  `json:"place"`
	Pulled []workspace.MergeReport `json:"pulled"` // one per snapshot merged in
	Pushed bool                    `json:"pushed"`
	// Snapshot is the copy id of the place's newest snapshot after the sync.
	Snapshot string `json:"snapshot"`
	// Tries counts the pulls: more than one when another copy pushed
	// while this one synced.
	Tries int `json:"tries"`
}

// Changed reports whether the sync changed the workspace or the place.
func (r Report) Changed() bool {
	if r.Pushed {
		return true
	}
	for _, m := range r.Pulled {
		if !m.Nothing() {
			return true
		}
	}
	return false
}

// Options say how to sync.
type Options struct {
	// Choose settles the conflicts of the pull, as in a merge.
	Choose map[string]workspace.Side
	// beforePublish, if set, runs between making the snapshot and
	// publishing it (tests push from another copy there, or are killed).
	beforePublish func()
}

// tries bounds how often a sync pulls again when other copies keep pushing
// while it syncs.
const tries = 5

// Sync brings the copy f and the place p in step: it merges in the place's
// snapshots f has not taken in yet, then pushes a snapshot with f's changes
// unless the place already holds them all. A sync that finds nothing to do
// writes nothing, to the file or the place.
func Sync(f *workspace.File, p Place, opt Options) (Report, error) {
	report := Report{Place: p.String()}
	dir, err := os.MkdirTemp("", "cpw-sync-*")
	if err != nil {
		return report, fmt.Errorf("a folder for the sync: %w", err)
	}
	defer os.RemoveAll(dir)
	in, err := f.Initiative()
	if err != nil {
		return report, err
	}
	// Snapshots never change once written: one fetched stays good for
	// every try.
	fetched := map[string]workspace.Snapshot{}
	fetch := func(s workspace.Snapshot) (workspace.Snapshot, error) {
		if local, ok := fetched[s.CopyID]; ok {
			return local, nil
		}
		local, err := p.Fetch(s, dir)
		if err == nil {
			fetched[s.CopyID] = local
		}
		return local, err
	}
	for report.Tries < tries {
		report.Tries++
		done, err := syncOnce(f, p, opt, in, dir, fetch, &report)
		if errors.Is(err, ErrMoved) {
			continue // another copy pushed meanwhile: pull that too
		}
		if err != nil || done {
			return report, err
		}
	}
	return report, newError(workspace.ErrUnreachable, "Other copies kept pushing to %s while this one synced (%d tries): sync again in a moment.", p.String(), tries)
}

// syncOnce pulls and pushes once, against the place as one listing finds
// it; ErrMoved when the place changed before the push could be made.
func syncOnce(f *workspace.File, p Place, opt Options, in workspace.Initiative, dir string,
	fetch func(workspace.Snapshot) (workspace.Snapshot, error), report *Report) (bool, error) {
	snaps, mark, err := p.List()
	if err != nil {
		return false, err
	}
	heads, err := headsOf(p, snaps, in)
	if err != nil {
		return false, err
	}
	pulls, err := pull(f, p, heads, fetch, workspace.MergeOptions{Place: p.String(), Choose: opt.Choose})
	if err != nil {
		return false, err
	}
	report.Pulled = append(report.Pulled, pulls...)
	pulled := len(pulls) > 0
	var base *workspace.Snapshot
	var replaced []workspace.Snapshot
	if len(heads) > 0 {
		if !pulled && len(heads) == 1 {
			changed, err := f.ChangedSince(heads[0])
			if err != nil || !changed {
				report.Snapshot = heads[0].CopyID
				return true, err
			}
		}
		local, err := fetch(heads[0])
		if err != nil {
			return false, err
		}
		base, replaced = &local, heads[1:]
	}
	snap, changed, err := f.MakeSnapshot(base, replaced, filepath.Join(dir, fmt.Sprintf("push-%d.cpw", report.Tries)))
	if err != nil {
		return false, err
	}
	for _, m := range pulls {
		// This copy learnt of an erasure, or a snapshot pulled still held
		// someone erased (one pushed while apart from the erasure): the
		// place's older snapshots may hold them, and none is kept.
		snap.Erases = snap.Erases || m.StillHeld > 0 || m.Erased > 0
	}
	if !changed {
		// The place holds all of this copy: noted, so that the next sync
		// does not look again.
		report.Snapshot = base.CopyID
		if err := f.NoteSynced(*base, snap.Seen[f.CopyID()]); err != nil {
			return false, err
		}
		if pulled {
			return true, f.NoteSyncedAt()
		}
		return true, nil
	}
	if opt.beforePublish != nil {
		opt.beforePublish()
	}
	if err := p.Publish(snap, mark); err != nil {
		return false, err
	}
	report.Pushed, report.Snapshot = true, snap.CopyID
	if err := f.NoteSynced(snap, snap.Seen[f.CopyID()]); err != nil {
		return false, err
	}
	if err := f.NoteSyncedAt(); err != nil {
		return false, err
	}
	prune(p, snap, snaps)
	return true, nil
}

// prune removes the snapshots the new one replaces, but for the newest few
// (none when it erases someone: they hold the person's data). A snapshot
// it cannot remove stays, to be pruned by a later sync.
func prune(p Place, newest workspace.Snapshot, snaps []workspace.Snapshot) {
	keep := kept
	if newest.Erases {
		keep = 0
	}
	var old []workspace.Snapshot
	for _, s := range snaps {
		if newest.Replaces(s) || isAncestorOfReplaced(s, newest, snaps) {
			old = append(old, s)
		}
	}
	old = workspace.Newest(old)
	for i, s := range old {
		if i >= keep {
			p.Remove(s)
		}
	}
}

// isAncestorOfReplaced reports whether s is replaced by a snapshot the
// newest one replaces: an older one of the same line.
func isAncestorOfReplaced(s, newest workspace.Snapshot, snaps []workspace.Snapshot) bool {
	for _, o := range snaps {
		if o.CopyID != s.CopyID && newest.Replaces(o) && o.Replaces(s) {
			return true
		}
	}
	return false
}

// Preview works out what a sync would pull, writing nothing: one merge
// report (a dry run) for each snapshot the sync would merge in, with the
// conflicts the user may settle before syncing. The place may move before
// the sync itself; conflicts found only then are settled by the newer
// change.
func Preview(f *workspace.File, p Place) (reports []workspace.MergeReport, err error) {
	for try := 0; try < tries; try++ {
		if reports, err = previewOnce(f, p); !errors.Is(err, ErrMoved) {
			return reports, err
		}
	}
	return nil, newError(workspace.ErrUnreachable, "Other copies kept pushing to %s while this one synced (%d tries): sync again in a moment.", p.String(), tries)
}

func previewOnce(f *workspace.File, p Place) ([]workspace.MergeReport, error) {
	dir, err := os.MkdirTemp("", "cpw-sync-*")
	if err != nil {
		return nil, fmt.Errorf("a folder for the sync: %w", err)
	}
	defer os.RemoveAll(dir)
	in, err := f.Initiative()
	if err != nil {
		return nil, err
	}
	snaps, _, err := p.List()
	if err != nil {
		return nil, err
	}
	heads, err := headsOf(p, snaps, in)
	if err != nil {
		return nil, err
	}
	fetch := func(s workspace.Snapshot) (workspace.Snapshot, error) { return p.Fetch(s, dir) }
	return pull(f, p, heads, fetch, workspace.MergeOptions{Place: p.String(), DryRun: true})
}

// headsOf refuses a place holding another initiative's snapshots, and
// returns the heads of those it holds.
func headsOf(p Place, snaps []workspace.Snapshot, in workspace.Initiative) ([]workspace.Snapshot, error) {
	for _, s := range snaps {
		if s.InitiativeID != in.ID {
			return nil, newError(workspace.ErrInvalid, "%s holds another initiative (“%s”), not “%s”: choose the place this workspace is shared in.", p.String(), s.InitiativeName, in.Name)
		}
	}
	return workspace.Heads(snaps), nil
}

// pull merges into f, as opt says (a dry run for a preview), each head f
// has not taken in yet.
func pull(f *workspace.File, p Place, heads []workspace.Snapshot,
	fetch func(workspace.Snapshot) (workspace.Snapshot, error), opt workspace.MergeOptions) ([]workspace.MergeReport, error) {
	var reports []workspace.MergeReport
	for _, h := range heads {
		done, err := f.InSync(h)
		if err != nil {
			return nil, err
		}
		if done {
			continue
		}
		local, err := fetch(h)
		if err != nil {
			return nil, err
		}
		m, err := f.Merge(local.Path, opt)
		if err != nil {
			return nil, err
		}
		reports = append(reports, m)
	}
	return reports, nil
}
