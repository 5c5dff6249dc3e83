package importexport

import (
	"sort"
	"strings"

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

// startBook reads the small tables and the community units now, and the
// people, memberships, assignments, gaps and meetings on another goroutine,
// so that an export writes sheets while the rest is still being read. wait
// says when a sheet's records are in. Nothing else may use the workspace's
// connection until waitAll has returned.
func startBook(f *workspace.File) (*book, error) {
	b := &book{loaded: map[*sheetSpec]chan struct{}{}}
	var err error
	if b.sectors, err = f.Sectors(); err != nil {
		return nil, err
	}
	if b.organisations, err = f.Organisations(); err != nil {
		return nil, err
	}
	if b.consortia, err = f.Consortia(); err != nil {
		return nil, err
	}
	if b.roles, err = f.Roles(true); err != nil {
		return nil, err
	}
	if b.units, err = f.Units(workspace.UnitFilter{}); err != nil {
		return nil, err
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
	// Parents before children, so that a workbook imports in one pass.
	sort.SliceStable(b.units, func(i, j int) bool {
		if a, c := workspace.LevelDepth(b.units[i].Level), workspace.LevelDepth(b.units[j].Level); a != c {
			return a < c
		}
		return n.units[b.units[i].ID] < n.units[b.units[j].ID]
	})
	later := []*sheetSpec{&peopleSheet, &membersSheet, &assignmentsSheet, &gapsSheet, &candidatesSheet, &meetingsSheet,
		&decisionsSheet, &actionsSheet}
	for _, s := range later {
		b.loaded[s] = make(chan struct{})
	}
	b.finished = make(chan struct{})
	go func() {
		defer close(b.finished)
		steps := []func() error{
			func() (err error) {
				if b.people, err = f.People(workspace.PersonFilter{}); err == nil {
					for _, p := range b.people {
						b.names.people[p.ID] = p.Name
					}
				}
				return err
			},
			func() (err error) { b.members, err = f.Members(""); return err },
			func() (err error) { b.assignments, err = f.Assignments(workspace.AssignmentFilter{}); return err },
			func() (err error) { b.gaps, err = f.ResourceGaps(workspace.GapFilter{}); return err },
			func() (err error) { b.candidates, err = f.GapCandidates(""); return err },
			func() (err error) { b.meetings, err = f.Meetings(); return err },
			func() (err error) { b.decisions, err = f.Decisions(""); return err },
			func() (err error) { b.actions, err = f.FollowUps(""); return err },
		}
		for i, step := range steps {
			if err := step(); err != nil {
				b.err = err
				for _, s := range later[i:] {
					close(b.loaded[s])
				}
				return
			}
			close(b.loaded[later[i]])
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

// rows returns the rows of one sheet.
func (b *book) rows(s *sheetSpec) []row {
	n := b.names
	var out []row
	switch s {
	case &unitsSheet:
		for _, u := range b.units {
			parent := ""
			if u.ParentID != "" {
				parent = n.units[u.ParentID]
			}
			out = append(out, row{u.ID, label(workspace.UnitLevels, u.Level), u.Name, parent, int64(u.Households)})
		}
	case &organisationsSheet:
		for _, o := range b.organisations {
			out = append(out, row{o.ID, o.Name, o.Acronym, label(workspace.OrganisationKinds, o.Kind),
				label(workspace.Bases, o.Base), mapNames(n.sectors, o.SectorIDs), o.Interests,
				label(workspace.Commitments, o.Commitment), label(workspace.Stances, o.Stance),
				label(workspace.Influences, o.Influence), o.Notes})
		}
	case &peopleSheet:
		for _, p := range b.people {
			out = append(out, row{p.ID, p.Name, n.orgs[p.OrganisationID], p.Position, p.Phone, p.Email,
				label(workspace.Genders, p.Gender), label(workspace.AgeBands, p.AgeBand), p.Resident, n.units[p.HomeUnitID],
				p.Notes})
		}
	case &consortiaSheet:
		for _, c := range b.consortia {
			out = append(out, row{c.ID, c.Code, c.Name, c.Purpose, label(workspace.ConsortiumStatuses, c.Status),
				mapNames(n.sectors, c.SectorIDs)})
		}
	case &membersSheet:
		for _, m := range b.members {
			out = append(out, row{m.ID, n.consortia[m.ConsortiumID], n.orgs[m.OrganisationID], m.Contribution, m.JoinedOn,
				m.LeftOn})
		}
	case &rolesSheet:
		for _, r := range b.roles {
			out = append(out, row{r.ID, r.Name, label(workspace.RoleGroups, r.Group), label(workspace.RoleScopes, r.Scope),
				label(workspace.UnitLevels, r.UnitLevel), r.IsKey, label(workspace.RoleHolders, r.Holder), r.Description,
				r.Responsibilities, r.RetiredOn})
		}
	case &assignmentsSheet:
		for _, a := range b.assignments {
			out = append(out, row{a.ID, n.roles[a.RoleID], n.people[a.PersonID], a.PersonID, n.orgs[a.OrganisationID],
				n.consortia[a.ConsortiumID], n.units[a.UnitID], a.StartOn, a.EndOn, a.EndReason, a.FollowsID, a.Notes})
		}
	case &gapsSheet:
		for _, g := range b.gaps {
			out = append(out, row{g.ID, n.consortia[g.ConsortiumID], g.Title, label(workspace.GapKinds, g.Kind),
				n.roles[g.RoleID], label(workspace.Priorities, g.Priority), label(workspace.GapStatuses, g.Status),
				g.EstimatedCost, g.Secured, n.orgs[g.FilledByOrganisationID], n.people[g.FilledByPersonID], g.FilledByPersonID,
				g.Notes})
		}
	case &candidatesSheet:
		gaps := map[string]*workspace.ResourceGap{}
		for i := range b.gaps {
			gaps[b.gaps[i].ID] = &b.gaps[i]
		}
		for _, c := range b.candidates {
			g := gaps[c.GapID]
			if g == nil {
				continue
			}
			out = append(out, row{c.ID, n.consortia[g.ConsortiumID], g.Title, n.orgs[c.OrganisationID],
				label(workspace.CandidateStages, c.Stage), c.Notes})
		}
	case &decisionsSheet, &actionsSheet:
		meetings := map[string]*workspace.Meeting{}
		for i := range b.meetings {
			meetings[b.meetings[i].ID] = &b.meetings[i]
		}
		if s == &decisionsSheet {
			for _, d := range b.decisions {
				if m := meetings[d.MeetingID]; m != nil {
					out = append(out, row{d.ID, m.ID, m.HeldOn, m.Title, int64(d.Position), d.Text})
				}
			}
			break
		}
		for _, a := range b.actions {
			if m := meetings[a.MeetingID]; m != nil {
				out = append(out, row{a.ID, m.ID, m.HeldOn, m.Title, int64(a.Position), a.Text, n.people[a.OwnerID], a.OwnerID,
					a.DueOn, a.DoneOn})
			}
		}
	case &meetingsSheet:
		for _, m := range b.meetings {
			attendees := make([]string, 0, len(m.AttendeeIDs))
			ids := append([]string(nil), m.AttendeeIDs...)
			sort.Slice(ids, func(i, j int) bool {
				return strings.ToLower(n.people[ids[i]]) < strings.ToLower(n.people[ids[j]]) ||
					(strings.EqualFold(n.people[ids[i]], n.people[ids[j]]) && ids[i] < ids[j])
			})
			for _, id := range ids {
				attendees = append(attendees, n.people[id])
			}
			out = append(out, row{m.ID, label(workspace.MeetingKinds, m.Kind), m.Title, m.HeldOn, m.Place,
				mapNames(n.consortia, m.ConsortiumIDs), int64(m.ResidentsWomen), int64(m.ResidentsMen), int64(m.ResidentsYouth),
				attendees, ids, m.Notes})
		}
	}
	return out
}
