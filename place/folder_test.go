package place

import (
	"database/sql"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"cpw/workspace"
)

var demoDay = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// copies makes n copies of one small demo workspace, each with its own
// clock running a second per change.
func copies(t *testing.T, n int) []*workspace.File {
	t.Helper()
	dir := t.TempDir()
	a, err := workspace.CreateDemo(filepath.Join(dir, "copy0.cpw"), workspace.DemoOptions{Scale: workspace.DemoSmall, Now: demoDay})
	if err != nil {
		t.Fatal(err)
	}
	out := []*workspace.File{a}
	for i := 1; i < n; i++ {
		p := filepath.Join(dir, fmt.Sprintf("copy%d.cpw", i))
		if err := a.SaveCopy(p); err != nil {
			t.Fatal(err)
		}
		f, err := workspace.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, f)
	}
	for i, f := range out {
		clock := demoDay.Add(time.Hour + time.Duration(i)*time.Millisecond)
		f.Now = func() time.Time { clock = clock.Add(time.Second); return clock }
		f.Author = fmt.Sprintf("lead %d", i)
	}
	t.Cleanup(func() {
		for _, f := range out {
			f.Close()
		}
	})
	return out
}

// eachPlace runs a test against a shared folder and against a schema of
// the throwaway PostgreSQL server (server_test.go).
func eachPlace(t *testing.T, test func(t *testing.T, newPlace func(*testing.T) Place)) {
	t.Run("folder", func(t *testing.T) { test(t, sharedFolder) })
	t.Run("server", func(t *testing.T) { test(t, sharedServer) })
}

// placeState is what a place holds, to tell whether anything was written
// to it: the folder's files, or the server's version and snapshot.
func placeState(t *testing.T, p Place) string {
	t.Helper()
	if d, ok := p.(*folder); ok {
		names, err := d.names()
		if err != nil {
			t.Fatal(err)
		}
		return strings.Join(names, "\n")
	}
	snaps, mark, err := p.List()
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("version %s %v", mark, snaps)
}

func sharedFolder(t *testing.T) Place {
	t.Helper()
	p, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func sync(t *testing.T, f *workspace.File, p Place) Report {
	t.Helper()
	r, err := Sync(f, p, Options{})
	if err != nil {
		t.Fatalf("syncing %s: %v", filepath.Base(f.Path()), err)
	}
	return r
}

// records reads every record of a workspace file as text, stamps left out:
// two copies in step hold the same.
func records(t *testing.T, f *workspace.File) map[string]string {
	t.Helper()
	db, err := sql.Open("cpw-sqlite3", "file:"+f.Path()+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tables := []string{"initiative", "sectors", "organisations", "organisation_sectors", "units", "people", "consortia",
		"consortium_sectors", "consortium_members", "roles", "assignments", "gaps", "gap_candidates", "meetings",
		"meeting_consortia", "meeting_attendees", "decisions", "actions", "activities"}
	out := map[string]string{}
	for _, table := range tables {
		rows, err := db.Query("SELECT * FROM " + table)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			var id string
			var parts []string
			for i, c := range cols {
				switch c {
				case "updated_at", "copy_id", "arrived_at":
					continue
				case "id":
					id = fmt.Sprint(vals[i])
				}
				if b, ok := vals[i].([]byte); ok {
					vals[i] = string(b)
				}
				parts = append(parts, fmt.Sprintf("%s=%v", c, vals[i]))
			}
			out[table+":"+id] = strings.Join(parts, " ")
		}
		rows.Close()
	}
	return out
}

func sameRecords(t *testing.T, what string, a, b map[string]string) {
	t.Helper()
	var diffs []string
	for k, v := range a {
		if b[k] != v {
			diffs = append(diffs, fmt.Sprintf("%s: %q against %q", k, v, b[k]))
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			diffs = append(diffs, k+": only in the second")
		}
	}
	sort.Strings(diffs)
	if len(diffs) > 0 {
		t.Fatalf("%s: %d records differ, first %s", what, len(diffs), diffs[0])
	}
}

func org(t *testing.T, f *workspace.File, name string) workspace.Organisation {
	t.Helper()
	orgs, err := f.Organisations()
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range orgs {
		if o.Name == name {
			return o
		}
	}
	t.Fatalf("no organisation %q in %s", name, f.Path())
	return workspace.Organisation{}
}

// Three copies edit and sync in turn, each through the folder only: every
// one ends with everyone's changes, fields of one record included, and a
// sync that finds nothing to do writes nothing.
func TestThreeCopiesSyncInTurn(t *testing.T) { eachPlace(t, threeCopiesSyncInTurn) }

func threeCopiesSyncInTurn(t *testing.T, newPlace func(*testing.T) Place) {
	cs := copies(t, 3)
	p := newPlace(t)
	o := org(t, cs[0], "Maji Safi Trust")
	o.Commitment = "committed"
	if _, err := cs[0].UpdateOrganisation(o); err != nil {
		t.Fatal(err)
	}
	if r := sync(t, cs[0], p); !r.Pushed {
		t.Fatalf("the first sync pushed nothing: %+v", r)
	}
	o = org(t, cs[1], "Maji Safi Trust")
	o.Interests = "Sanitation"
	if _, err := cs[1].UpdateOrganisation(o); err != nil {
		t.Fatal(err)
	}
	if _, err := cs[2].CreateOrganisation(workspace.Organisation{Name: "Kibera Youth Group", Kind: "cbo", Base: "local"}); err != nil {
		t.Fatal(err)
	}
	gaps, _ := cs[2].ResourceGaps(workspace.GapFilter{})
	if err := cs[2].DeleteResourceGap(gaps[0].ID); err != nil {
		t.Fatal(err)
	}
	for round := 0; round < 2; round++ {
		for _, f := range cs {
			sync(t, f, p)
		}
	}
	for i, f := range cs {
		o := org(t, f, "Maji Safi Trust")
		if o.Commitment != "committed" || o.Interests != "Sanitation" {
			t.Errorf("copy %d: %+v", i, o)
		}
		org(t, f, "Kibera Youth Group")
		sameRecords(t, fmt.Sprintf("copy %d against copy 0", i), records(t, cs[0]), records(t, f))
	}

	// Nothing to do: neither the file nor the place changes.
	before := placeState(t, p)
	st, _ := os.Stat(cs[1].Path())
	bytes, _ := os.ReadFile(cs[1].Path())
	r := sync(t, cs[1], p)
	if r.Changed() {
		t.Errorf("a sync with nothing to do: %+v", r)
	}
	st2, _ := os.Stat(cs[1].Path())
	bytes2, _ := os.ReadFile(cs[1].Path())
	if !st2.ModTime().Equal(st.ModTime()) || string(bytes) != string(bytes2) {
		t.Error("a sync with nothing to do wrote to the workspace")
	}
	if after := placeState(t, p); after != before {
		t.Errorf("a sync with nothing to do changed the place: %v, then %v", before, after)
	}
	if n := len(mustList(t, p)); n > kept+1 {
		t.Errorf("old snapshots are not pruned: %d", n)
	}
}

// A folder holding another initiative's snapshots is refused, and the
// workspace is left as it was.
func TestSyncRefusesAnotherInitiative(t *testing.T) {
	eachPlace(t, func(t *testing.T, newPlace func(*testing.T) Place) {
		syncRefusesAnotherInitiative(t, newPlace(t))
	})
}

func syncRefusesAnotherInitiative(t *testing.T, p Place) {
	other, err := workspace.Create(filepath.Join(t.TempDir(), "other.cpw"), workspace.NewOptions{Name: "Kibera Upgrading", Settlement: "Kibera", City: "Nairobi", Country: "Kenya"})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	sync(t, other, p)
	cs := copies(t, 1)
	before := records(t, cs[0])
	_, err = Sync(cs[0], p, Options{})
	if err == nil || !strings.Contains(err.Error(), "another initiative") {
		t.Fatalf("syncing with another initiative's folder: %v", err)
	}
	sameRecords(t, "after the refusal", before, records(t, cs[0]))
}

// Two copies syncing at once: one pushes while the other is between its
// pull and its push. The second sees the place moved, pulls again, and
// nothing is lost; and two snapshots pushed side by side (as a folder's
// sync tool may leave them) are both merged at the next sync.
func TestTwoSyncsAtOnceLoseNothing(t *testing.T) { eachPlace(t, twoSyncsAtOnceLoseNothing) }

func twoSyncsAtOnceLoseNothing(t *testing.T, newPlace func(*testing.T) Place) {
	cs := copies(t, 3)
	p := newPlace(t)
	sync(t, cs[0], p)
	for i, f := range cs {
		o := org(t, f, "Maji Safi Trust")
		switch i {
		case 0:
			o.Commitment = "committed"
		case 1:
			o.Interests = "Sanitation"
		case 2:
			o.Notes = "Runs the water kiosks"
		}
		if _, err := f.UpdateOrganisation(o); err != nil {
			t.Fatal(err)
		}
	}
	r, err := Sync(cs[1], p, Options{beforePublish: func() { sync(t, cs[2], p) }})
	if err != nil {
		t.Fatal(err)
	}
	if r.Tries != 2 {
		t.Errorf("the sync that met another push tried %d times", r.Tries)
	}
	// Side by side: two snapshots made from the same one, in a folder. A
	// server refuses the second push (its version moved), so there the
	// two changes travel by the syncs that follow.
	_, inFolder := p.(*folder)
	snaps, _, _ := p.List()
	head := workspace.Heads(snaps)[0]
	o := org(t, cs[0], "Maji Safi Trust")
	o.Acronym = "MST"
	if _, err := cs[0].UpdateOrganisation(o); err != nil {
		t.Fatal(err)
	}
	if inFolder {
		pushBeside(t, cs[0], p, head)
	}
	if _, err := cs[2].CreateOrganisation(workspace.Organisation{Name: "Mathare Savings Circle", Kind: "cbo", Base: "local"}); err != nil {
		t.Fatal(err)
	}
	if inFolder {
		pushBeside(t, cs[2], p, head)
		snaps, _, _ = p.List()
		if h := workspace.Heads(snaps); len(h) != 2 {
			t.Fatalf("two snapshots pushed side by side: %d heads", len(h))
		}
	}
	for round := 0; round < 2; round++ {
		for _, f := range cs {
			sync(t, f, p)
		}
	}
	snaps, _, _ = p.List()
	if h := workspace.Heads(snaps); len(h) != 1 {
		t.Errorf("after syncing, %d heads", len(h))
	}
	for i, f := range cs {
		o := org(t, f, "Maji Safi Trust")
		if o.Commitment != "committed" || o.Interests != "Sanitation" || o.Notes != "Runs the water kiosks" || o.Acronym != "MST" {
			t.Errorf("copy %d: %+v", i, o)
		}
		org(t, f, "Mathare Savings Circle")
		sameRecords(t, fmt.Sprintf("copy %d against copy 0", i), records(t, cs[0]), records(t, f))
	}
}

// pushBeside pulls head into f and pushes a snapshot made from it, whatever
// else the folder holds: what two copies pushing at the same moment leave.
func pushBeside(t *testing.T, f *workspace.File, p Place, head workspace.Snapshot) {
	t.Helper()
	dir := t.TempDir()
	local, err := p.Fetch(head, dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Merge(local.Path, workspace.MergeOptions{Place: p.String()}); err != nil {
		t.Fatal(err)
	}
	snap, _, err := f.MakeSnapshot(&local, nil, filepath.Join(dir, "push.cpw"))
	if err != nil {
		t.Fatal(err)
	}
	_, mark, _ := p.List()
	if err := p.Publish(snap, mark); err != nil {
		t.Fatal(err)
	}
	if err := f.NoteSynced(snap, snap.Seen[f.CopyID()]); err != nil {
		t.Fatal(err)
	}
}

// A sync killed during its push leaves the folder and the workspace whole,
// and the next sync completes.
func TestSyncKilledDuringPush(t *testing.T) {
	if os.Getenv("CPW_SYNC_CHILD") != "" {
		f, err := workspace.Open(os.Getenv("CPW_SYNC_FILE"))
		if err != nil {
			os.Exit(3)
		}
		p, _ := Open(os.Getenv("CPW_SYNC_PLACE"))
		wait := func() {
			os.WriteFile(os.Getenv("CPW_SYNC_READY"), nil, 0o600)
			time.Sleep(time.Minute)
		}
		opt := Options{beforePublish: wait}
		if s, ok := p.(*server); ok {
			// Killed inside the server's transaction, its rows written.
			s.beforeCommit, opt.beforePublish = wait, nil
		}
		Sync(f, p, opt)
		os.Exit(4)
	}
	eachPlace(t, syncKilledDuringPush)
}

func syncKilledDuringPush(t *testing.T, newPlace func(*testing.T) Place) {
	cs := copies(t, 2)
	p := newPlace(t)
	sync(t, cs[0], p)
	o := org(t, cs[1], "Maji Safi Trust")
	o.Interests = "Sanitation"
	if _, err := cs[1].UpdateOrganisation(o); err != nil {
		t.Fatal(err)
	}
	path := cs[1].Path()
	cs[1].Close()
	before := placeState(t, p)
	ready := filepath.Join(t.TempDir(), "ready")
	cmd := exec.Command(os.Args[0], "-test.run=^TestSyncKilledDuringPush$")
	cmd.Env = append(os.Environ(), "CPW_SYNC_CHILD=1", "CPW_SYNC_FILE="+path, "CPW_SYNC_PLACE="+p.String(), "CPW_SYNC_READY="+ready)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for i := 0; ; i++ {
		if _, err := os.Stat(ready); err == nil {
			break
		}
		if i > 600 {
			cmd.Process.Kill()
			t.Fatal("the sync never reached its push")
		}
		time.Sleep(100 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if after := placeState(t, p); after != before {
		t.Errorf("a killed push changed the place: %v, then %v", before, after)
	}
	f, err := workspace.Open(path)
	if err != nil {
		t.Fatalf("the workspace after a killed sync: %v", err)
	}
	defer f.Close()
	if r := sync(t, f, p); !r.Pushed {
		t.Errorf("the sync after the killed one did not push: %+v", r)
	}
	sync(t, cs[0], p)
	if o := org(t, cs[0], "Maji Safi Trust"); o.Interests != "Sanitation" {
		t.Errorf("the change of the killed sync did not arrive: %+v", o)
	}
}

// Ten copies make random edits (fields of one record, renames, deletions,
// new records) and sync in random order; after two quiet rounds every copy
// holds the same records.
func TestTenCopiesSyncingAtRandom(t *testing.T) { eachPlace(t, tenCopiesSyncingAtRandom) }

func tenCopiesSyncingAtRandom(t *testing.T, newPlace func(*testing.T) Place) {
	seed := time.Now().UnixNano()
	if s := os.Getenv("CPW_SYNC_SEED"); s != "" {
		fmt.Sscan(s, &seed)
	}
	t.Logf("seed %d (CPW_SYNC_SEED=%d to repeat)", seed, seed)
	rng := rand.New(rand.NewSource(seed))
	cs := copies(t, 10)
	p := newPlace(t)
	sync(t, cs[0], p)
	for step := 0; step < 60; step++ {
		f := cs[rng.Intn(len(cs))]
		edit(t, rng, f)
		if rng.Intn(3) == 0 {
			sync(t, f, p)
		}
	}
	for round := 0; round < 2; round++ {
		for _, i := range rng.Perm(len(cs)) {
			sync(t, cs[i], p)
		}
	}
	want := records(t, cs[0])
	for i, f := range cs {
		sameRecords(t, fmt.Sprintf("copy %d against copy 0", i), want, records(t, f))
	}
}

// edit makes one random change to a copy.
func edit(t *testing.T, rng *rand.Rand, f *workspace.File) {
	t.Helper()
	orgs, err := f.Organisations()
	if err != nil {
		t.Fatal(err)
	}
	people, err := f.People(workspace.PersonFilter{})
	if err != nil {
		t.Fatal(err)
	}
	word := fmt.Sprintf("%x", rng.Int63())[:6]
	switch rng.Intn(6) {
	case 0: // a field of a partner
		o := orgs[rng.Intn(len(orgs))]
		if rng.Intn(2) == 0 {
			o.Interests = "interests " + word
		} else {
			o.Notes = "notes " + word
		}
		_, err = f.UpdateOrganisation(o)
	case 1: // a rename
		o := orgs[rng.Intn(len(orgs))]
		o.Name = "Partner " + word
		_, err = f.UpdateOrganisation(o)
	case 2: // a field of a person
		p := people[rng.Intn(len(people))]
		if rng.Intn(2) == 0 {
			p.Phone = fmt.Sprintf("0722 %03d %03d", rng.Intn(1000), rng.Intn(1000))
		} else {
			p.Position = "position " + word
		}
		_, err = f.UpdatePerson(p)
	case 3: // a new partner
		_, err = f.CreateOrganisation(workspace.Organisation{Name: "New partner " + word, Kind: "cbo", Base: "local"})
	case 4: // a deleted gap
		gaps, _ := f.ResourceGaps(workspace.GapFilter{})
		if len(gaps) > 0 {
			err = f.DeleteResourceGap(gaps[rng.Intn(len(gaps))].ID)
		}
	case 5: // a new person
		_, err = f.CreatePerson(workspace.Person{Name: "Resident " + word})
	}
	if err != nil && workspace.Code(err) != workspace.ErrInUse && workspace.Code(err) != workspace.ErrExists && workspace.Code(err) != workspace.ErrInvalid {
		t.Fatalf("editing %s: %v", filepath.Base(f.Path()), err)
	}
}

// The place a copy syncs with is its own: a copy saved from it for someone
// else does not take it.
func TestSyncPlaceStaysWithItsCopy(t *testing.T) {
	cs := copies(t, 1)
	if err := cs[0].SetSyncPlace("/media/usb/mukuru"); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "for-a-partner.cpw")
	if err := cs[0].SaveCopy(out); err != nil {
		t.Fatal(err)
	}
	c, err := workspace.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if where, _, _ := c.SyncPlace(); where != "" {
		t.Errorf("the copy took the place %q", where)
	}
	if where, _, _ := cs[0].SyncPlace(); where != "/media/usb/mukuru" {
		t.Errorf("the workspace's place is %q", where)
	}
}

// A sync that brought changes in is one step: Undo takes it back, named
// after the place.
func TestUndoASync(t *testing.T) {
	cs := copies(t, 2)
	p := sharedFolder(t)
	o := org(t, cs[0], "Maji Safi Trust")
	o.Interests = "Sanitation"
	if _, err := cs[0].UpdateOrganisation(o); err != nil {
		t.Fatal(err)
	}
	sync(t, cs[0], p)
	before := records(t, cs[1])
	sync(t, cs[1], p)
	if got := org(t, cs[1], "Maji Safi Trust"); got.Interests != "Sanitation" {
		t.Fatalf("the sync did not bring the change: %+v", got)
	}
	step, ok, err := cs[1].NextUndo()
	if err != nil || !ok || step.Name() != "sync with "+p.String() {
		t.Fatalf("the step to undo: %+v %v %v", step, ok, err)
	}
	if _, err := cs[1].Undo(); err != nil {
		t.Fatal(err)
	}
	sameRecords(t, "after undoing the sync", before, records(t, cs[1]))
}

// The folder moves between the pull and the push without a new snapshot (a
// file added, as a person's copy dropped in the folder): the sync pulls
// again, fetching the same snapshot a second time, and pushes.
func TestSyncAgainAfterTheFolderMoved(t *testing.T) {
	cs := copies(t, 2)
	p := sharedFolder(t)
	sync(t, cs[0], p)
	o := org(t, cs[1], "Maji Safi Trust")
	o.Interests = "Sanitation"
	if _, err := cs[1].UpdateOrganisation(o); err != nil {
		t.Fatal(err)
	}
	dropped := false
	r, err := Sync(cs[1], p, Options{beforePublish: func() {
		if !dropped {
			dropped = true
			if err := os.WriteFile(filepath.Join(p.String(), "notes.cpw"), []byte("not a workspace"), 0o600); err != nil {
				t.Fatal(err)
			}
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if r.Tries != 2 || !r.Pushed {
		t.Errorf("the sync after the folder moved: %+v", r)
	}
	sync(t, cs[0], p)
	if o := org(t, cs[0], "Maji Safi Trust"); o.Interests != "Sanitation" {
		t.Errorf("the change did not arrive: %+v", o)
	}
}

// A shared folder that fills up during the push (a small tmpfs, really
// full): the sync fails with a sentence, the folder holds what it held,
// and the workspace keeps its change for the next sync.
func TestSyncToAFullFolder(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("mounting a tmpfs needs root")
	}
	failed := 0
	for _, free := range []int64{64 << 10, 512 << 10, 1 << 20} {
		cs := copies(t, 2)
		first := sharedFolder(t)
		sync(t, cs[0], first)
		names := strings.Split(placeState(t, first), "\n")
		st, err := os.Stat(filepath.Join(first.String(), names[0]))
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		size := (st.Size() + free + 4095) / 4096 * 4096
		if out, err := exec.Command("mount", "-t", "tmpfs", "-o", fmt.Sprintf("size=%d,mode=0700", size), "tmpfs", dir).CombinedOutput(); err != nil {
			t.Skipf("cannot mount a tmpfs: %v: %s", err, out)
		}
		func() {
			defer func() {
				if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
					t.Errorf("umount: %v: %s", err, out)
				}
			}()
			data, _ := os.ReadFile(filepath.Join(first.String(), names[0]))
			if err := os.WriteFile(filepath.Join(dir, names[0]), data, 0o600); err != nil {
				t.Fatal(err)
			}
			p, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			o := org(t, cs[1], "Maji Safi Trust")
			o.Interests = "Sanitation"
			if _, err := cs[1].UpdateOrganisation(o); err != nil {
				t.Fatal(err)
			}
			_, err = Sync(cs[1], p, Options{})
			if err == nil {
				return // room enough
			}
			failed++
			t.Logf("%d free: %v", free, err)
			if workspace.Code(err) == workspace.ErrInternal || !strings.Contains(err.Error(), "disk") {
				t.Errorf("%d free: not a sentence about the full disk: %v", free, err)
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 || entries[0].Name() != names[0] {
				t.Errorf("%d free: the folder holds %v", free, entries)
			}
			if got := org(t, cs[1], "Maji Safi Trust"); got.Interests != "Sanitation" {
				t.Errorf("%d free: the workspace lost its change: %+v", free, got)
			}
			if changed, err := cs[1].ChangedSince(workspace.Heads(mustList(t, p))[0]); err != nil || !changed {
				t.Errorf("%d free: the next sync would not push the change: %v %v", free, changed, err)
			}
		}()
	}
	if failed == 0 {
		t.Fatal("no amount of free space made the push fail")
	}
}

func mustList(t *testing.T, p Place) []workspace.Snapshot {
	t.Helper()
	snaps, _, err := p.List()
	if err != nil {
		t.Fatal(err)
	}
	return snaps
}
