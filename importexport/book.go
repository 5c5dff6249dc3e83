package importexport

import (
	"sort"
	"strings"

	"cpw/workspace"
)

// row is one record as the cells of a sheet, by header. Values are strings,
// int64 (amounts and counts), bool (yes/no) or []string (lists).
type row map[string]any

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
	level := map[string]int{"area": 0, "segment": 1, "cluster": 2, "cell": 3}
	sort.SliceStable(b.units, func(i, j int) bool {
		if level[b.units[i].Level] != level[b.units[j].Level] {
			return level[b.units[i].Level] < level[b.units[j].Level]
		}
		return n.units[b.units[i].ID] < n.units[b.units[j].ID]
	})
	later := []*sheetSpec{&peopleSheet, &membersSheet, &assignmentsSheet, &gapsSheet, &candidatesSheet, &meetingsSheet, &decisionsSheet, &actionsSheet}
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
	return workspace.Label(choices, key)
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
			out = append(out, row{"ID": u.ID, "Level": label(workspace.UnitLevels, u.Level), "Name": u.Name,
				"Parent": parent, "Households": int64(u.Households)})
		}
	case &organisationsSheet:
		for _, o := range b.organisations {
			out = append(out, row{"ID": o.ID, "Name": o.Name, "Acronym": o.Acronym,
				"Kind": label(workspace.OrganisationKinds, o.Kind), "Base": label(workspace.Bases, o.Base),
				"Sectors": mapNames(n.sectors, o.SectorIDs), "Interests": o.Interests,
				"Commitment": label(workspace.Commitments, o.Commitment), "Stance": label(workspace.Stances, o.Stance),
				"Influence": label(workspace.Influences, o.Influence), "Notes": o.Notes})
		}
	case &peopleSheet:
		for _, p := range b.people {
			out = append(out, row{"ID": p.ID, "Name": p.Name, "Organisation": n.orgs[p.OrganisationID],
				"Position": p.Position, "Phone": p.Phone, "E-mail": p.Email, "Gender": label(workspace.Genders, p.Gender),
				"Age band": label(workspace.AgeBands, p.AgeBand), "Resident": p.Resident, "Home unit": n.units[p.HomeUnitID],
				"Notes": p.Notes})
		}
	case &consortiaSheet:
		for _, c := range b.consortia {
			out = append(out, row{"ID": c.ID, "Code": c.Code, "Name": c.Name, "Purpose": c.Purpose,
				"Status": label(workspace.ConsortiumStatuses, c.Status), "Sectors": mapNames(n.sectors, c.SectorIDs)})
		}
	case &membersSheet:
		for _, m := range b.members {
			out = append(out, row{"ID": m.ID, "Consortium": n.consortia[m.ConsortiumID], "Organisation": n.orgs[m.OrganisationID],
				"Contribution": m.Contribution, "Joined on": m.JoinedOn, "Left on": m.LeftOn})
		}
	case &rolesSheet:
		for _, r := range b.roles {
			out = append(out, row{"ID": r.ID, "Name": r.Name, "Group": label(workspace.RoleGroups, r.Group),
				"Scope": label(workspace.RoleScopes, r.Scope), "Unit level": label(workspace.UnitLevels, r.UnitLevel),
				"Key role": r.IsKey, "Holder": label(workspace.RoleHolders, r.Holder), "Description": r.Description,
				"Responsibilities": r.Responsibilities, "Retired on": r.RetiredOn})
		}
	case &assignmentsSheet:
		for _, a := range b.assignments {
			out = append(out, row{"ID": a.ID, "Role": n.roles[a.RoleID], "Person": n.people[a.PersonID], "Person ID": a.PersonID,
				"Organisation": n.orgs[a.OrganisationID], "Consortium": n.consortia[a.ConsortiumID], "Unit": n.units[a.UnitID],
				"Start": a.StartOn, "End": a.EndOn, "End reason": a.EndReason, "Follows": a.FollowsID, "Notes": a.Notes})
		}
	case &gapsSheet:
		for _, g := range b.gaps {
			out = append(out, row{"ID": g.ID, "Consortium": n.consortia[g.ConsortiumID], "Title": g.Title,
				"Kind": label(workspace.GapKinds, g.Kind), "Role": n.roles[g.RoleID], "Priority": label(workspace.Priorities, g.Priority),
				"Status": label(workspace.GapStatuses, g.Status), "Estimated cost": g.EstimatedCost, "Secured": g.Secured,
				"Filled by organisation": n.orgs[g.FilledByOrganisationID], "Filled by person": n.people[g.FilledByPersonID],
				"Filled by person ID": g.FilledByPersonID, "Notes": g.Notes})
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
			out = append(out, row{"ID": c.ID, "Consortium": n.consortia[g.ConsortiumID], "Gap": g.Title,
				"Organisation": n.orgs[c.OrganisationID], "Stage": label(workspace.CandidateStages, c.Stage), "Notes": c.Notes})
		}
	case &decisionsSheet, &actionsSheet:
		meetings := map[string]*workspace.Meeting{}
		for i := range b.meetings {
			meetings[b.meetings[i].ID] = &b.meetings[i]
		}
		if s == &decisionsSheet {
			for _, d := range b.decisions {
				if m := meetings[d.MeetingID]; m != nil {
					out = append(out, row{"ID": d.ID, "Meeting ID": m.ID, "Held on": m.HeldOn, "Meeting": m.Title,
						"Position": int64(d.Position), "Decision": d.Text})
				}
			}
			break
		}
		for _, a := range b.actions {
			if m := meetings[a.MeetingID]; m != nil {
				out = append(out, row{"ID": a.ID, "Meeting ID": m.ID, "Held on": m.HeldOn, "Meeting": m.Title,
					"Position": int64(a.Position), "Action": a.Text, "Owner": n.people[a.OwnerID], "Owner ID": a.OwnerID,
					"Due": a.DueOn, "Done": a.DoneOn})
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
			out = append(out, row{"ID": m.ID, "Kind": label(workspace.MeetingKinds, m.Kind), "Title": m.Title, "Held on": m.HeldOn,
				"Place": m.Place, "Consortia": mapNames(n.consortia, m.ConsortiumIDs), "Residents (women)": int64(m.ResidentsWomen),
				"Residents (men)": int64(m.ResidentsMen), "Residents (youth)": int64(m.ResidentsYouth),
				"Attendees": attendees, "Attendee IDs": ids, "Notes": m.Notes})
		}
	}
	return out
}
