package main

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"cpw/internal/pgtest"
	"cpw/place"
	"cpw/workspace"
)

// syncRows times a sync on the mukuru demo through a shared folder and
// through a throwaway local PostgreSQL server: two copies in step each
// change 1% of the people (a phone number on one side, a position on the
// other); the first pushes, and the second's sync, the one timed, pulls
// those changes and pushes its own.
func syncRows(dir, demo string, runs int, row func(op, size string, d, limit time.Duration)) {
	folders := func(i int) place.Place {
		shared := filepath.Join(dir, fmt.Sprintf("shared-%d", i))
		if err := os.Mkdir(shared, 0o700); err != nil {
			fail(err)
		}
		p, err := place.Open(shared)
		if err != nil {
			fail(err)
		}
		return p
	}
	syncRow(dir, demo, runs, "folder", "sync through a folder, 1% of people changed on each side", folders, row)

	pg, err := pgtest.Start()
	if err != nil {
		fail(err)
	}
	defer pg.Stop()
	servers := func(i int) place.Place {
		address := pg.Address("postgres") + fmt.Sprintf("&schema=bench%d", i)
		if _, err := place.InitServer(address); err != nil {
			fail(err)
		}
		p, err := place.Open(address)
		if err != nil {
			fail(err)
		}
		return p
	}
	syncRow(dir, demo, runs, "server", "sync through PostgreSQL, 1% of people changed on each side", servers, row)
}

func syncRow(dir, demo string, runs int, kind, op string, newPlace func(run int) place.Place, row func(op, size string, d, limit time.Duration)) {
	times := make([]time.Duration, runs)
	changed := 0
	for i := 0; i < runs; i++ {
		p := newPlace(i)
		a, b := openCopies(dir, demo, fmt.Sprintf("%s-%d", kind, i))
		for _, f := range []*workspace.File{a, b} {
			if _, err := place.Sync(f, p, place.Options{}); err != nil {
				fail(err)
			}
		}
		changed = changePeople(a, 0, func(p *workspace.Person, n int) { p.Phone = fmt.Sprintf("0733 %06d", n) })
		changePeople(b, 1, func(p *workspace.Person, n int) { p.Position = fmt.Sprintf("Mobiliser %d", n) })
		if _, err := place.Sync(a, p, place.Options{}); err != nil {
			fail(err)
		}
		start := time.Now()
		r, err := place.Sync(b, p, place.Options{})
		times[i] = time.Since(start)
		if err != nil {
			fail(err)
		}
		if len(r.Pulled) != 1 || !r.Pushed {
			fail(fmt.Errorf("the timed sync pulled %d snapshots, pushed %v", len(r.Pulled), r.Pushed))
		}
		if _, u, _ := r.Pulled[0].Changes(); u != changed || len(r.Pulled[0].Conflicts) != 0 {
			fail(fmt.Errorf("the timed sync updated %d people with %d conflicts, not %d with none", u, len(r.Pulled[0].Conflicts), changed))
		}
		a.Close()
		b.Close()
	}
	row(op, fmt.Sprintf("%d + %d people, mukuru demo", changed, changed), median(times), 3*time.Second)
}

// openCopies opens a copy of the demo and a copy of that copy.
func openCopies(dir, demo, run string) (*workspace.File, *workspace.File) {
	pathA := filepath.Join(dir, "sync-a-"+run+".cpw")
	pathB := filepath.Join(dir, "sync-b-"+run+".cpw")
	copyFile(demo, pathA)
	a, err := workspace.Open(pathA)
	if err != nil {
		fail(err)
	}
	if err := a.SaveCopy(pathB); err != nil {
		fail(err)
	}
	b, err := workspace.Open(pathB)
	if err != nil {
		fail(err)
	}
	return a, b
}

// changePeople changes every hundredth person, starting at offset, in one
// write each, and says how many.
func changePeople(f *workspace.File, offset int, change func(p *workspace.Person, n int)) int {
	people, err := f.People(workspace.PersonFilter{})
	if err != nil {
		fail(err)
	}
	n := 0
	for i := offset; i < len(people); i += 100 {
		p := people[i]
		change(&p, i)
		if _, err := f.UpdatePerson(p); err != nil {
			fail(err)
		}
		n++
	}
	return n
}
