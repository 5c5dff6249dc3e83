package importexport

import (
	"sort"

	"cpw/workspace"
)

// row is one record as the cells of a sheet, in the order of the sheet's
// columns (a slice, not a map: an export makes 56,000 of them). Values are
// strings, int64 (amounts and counts), bool (yes/no) or []string (lists).
type row []any

// book is the whole workspace, read once for an export.
type book struct {
	units         []workspace.Unit
	organisations []workspace.Organisation
	people        []workspace.Person
	consortia     []workspace.Consortium
	members       []workspace.ConsortiumMember
	roles         []workspace.Role
	assignments   []workspace.Assignment
	gaps          []workspace.ResourceGap
	meetings      []workspace.Meeting
	candidates    []workspace.GapCandidate
	decisions     []workspace.Decision
	actions       []workspace.FollowUp
	activities    []workspace.Activity
	sectors       []workspace.Sector
	names         names

	loaded   map[*sheetSpec]chan struct{} // closed when a sheet's records are read
	finished chan struct{}                // closed when reading has ended
	err      error                        // why reading stopped, set before the channels close
}

// names turns ids into the names a sheet shows.
type names struct {
	orgs, people, consortia, roles, sectors, units map[string]string
}

// readBook reads the whole workspace.
func readBook(f *workspace.File) (*book, error) {
	b, err := startBook(f)
	if err != nil {
		return nil, err
	}
	if err := b.waitAll(); err != nil {
		return nil, err
	}
	return b, nil
}

// startBook reads the sectors and the sheets that are readFirst now, and the
// others on another goroutine, in readOrder, so that an export writes sheets
// while the rest is still being read. wait says when a sheet's records are
// in. Nothing else may use the workspace's connection until waitAll has
// returned.
func startBook(f *workspace.File) (*book, error) {
	b := &book{loaded: map[*sheetSpec]chan struct{}{}}
	var err error
	if b.sectors, err = f.Sectors(); err != nil {
		return nil, err
	}
	var later []*sheetSpec
	for _, s := range readOrder {
		if !s.readFirst {
			later = append(later, s)
		} else if err := s.load(f, b); err != nil {
			return nil, err
		}
	}
	n := names{orgs: map[string]string{}, people: map[string]string{}, consortia: map[string]string{},
		roles: map[string]string{}, sectors: map[string]string{}, units: workspace.UnitPaths(b.units)}
	for _, o := range b.organisations {
		n.orgs[o.ID] = o.Name
	}
	for _, c := range b.consortia {
		n.consortia[c.ID] = c.Code
	}
	for _, r := range b.roles {
		n.roles[r.ID] = r.Name
	}
	for _, s := range b.sectors {
		n.sectors[s.ID] = s.Name
	}
	b.names = n
	for _, s := range later {
		b.loaded[s] = make(chan struct{})
	}
	b.finished = make(chan struct{})
	go func() {
		defer close(b.finished)
		for i, s := range later {
			if err := s.load(f, b); err != nil {
				b.err = err
				for _, s := range later[i:] {
					close(b.loaded[s])
				}
				return
			}
			close(b.loaded[s])
		}
	}()
	return b, nil
}

// wait waits until the records of a sheet are read. The sheets read
// before startBook returned need no waiting.
func (b *book) wait(s *sheetSpec) error {
	ch, ok := b.loaded[s]
	if !ok {
		return nil
	}
	<-ch
	return b.err // written before the channel closed
}

// waitAll waits until everything is read.
func (b *book) waitAll() error {
	<-b.finished
	return b.err
}

// pathSeparator joins the names of a unit's path.
const pathSeparator = " / "

func mapNames(m map[string]string, ids []string) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		out = append(out, m[id])
	}
	sort.Strings(out)
	return out
}

func label(choices []workspace.Choice, key string) string {
	if key == "" {
		return ""
	}
	return workspace.EnglishLabel(choices, key)
}
