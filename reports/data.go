package reports

import (
	"sort"

	"cpw/translate"
	"cpw/workspace"
)

// facts is what a brief says, read from the workspace once.
type facts struct {
	f         *workspace.File
	say       translate.Func // the brief's language
	day       string
	in        workspace.Initiative
	orgs      []workspace.Organisation
	orgByID   map[string]workspace.Organisation
	consortia []workspace.Consortium
	members   []workspace.ConsortiumMember
	roles     map[string]workspace.Role // by id
	current   []workspace.Assignment    // held today, outside the community units
	gaps      []workspace.ResourceGap
	cands     map[string][]workspace.GapCandidate // by gap id
	meetings  []workspace.Meeting
	decisions map[string][]workspace.Decision // by meeting id
	actions   []workspace.FollowUp
	findings  []workspace.Finding // in the brief's language
	coverage  workspace.Coverage
	keyPeople int
	people    map[string]workspace.Person // read on demand
}

func gather(f *workspace.File, day string, findings []workspace.Finding, say translate.Func) (*facts, error) {
	x := &facts{f: f, say: say, day: day, findings: findings, orgByID: map[string]workspace.Organisation{},
		roles: map[string]workspace.Role{}, cands: map[string][]workspace.GapCandidate{},
		decisions: map[string][]workspace.Decision{}, people: map[string]workspace.Person{}}
	var err error
	if x.in, err = f.Initiative(); err != nil {
		return nil, err
	}
	if x.orgs, err = f.Organisations(); err != nil {
		return nil, err
	}
	for _, o := range x.orgs {
		x.orgByID[o.ID] = o
	}
	if x.consortia, err = f.Consortia(); err != nil {
		return nil, err
	}
	if x.members, err = f.Members(""); err != nil {
		return nil, err
	}
	roles, err := f.Roles(true)
	if err != nil {
		return nil, err
	}
	for _, r := range roles {
		x.roles[r.ID] = r
	}
	if x.current, err = f.Assignments(workspace.AssignmentFilter{CurrentOn: day, OutsideUnits: true}); err != nil {
		return nil, err
	}
	// Oldest first, so that the longest-serving holder is named first.
	sort.SliceStable(x.current, func(i, j int) bool { return x.current[i].StartOn < x.current[j].StartOn })
	if x.gaps, err = f.ResourceGaps(workspace.GapFilter{}); err != nil {
		return nil, err
	}
	cands, err := f.GapCandidates("")
	if err != nil {
		return nil, err
	}
	for _, c := range cands {
		x.cands[c.GapID] = append(x.cands[c.GapID], c)
	}
	if x.meetings, err = f.Meetings(); err != nil {
		return nil, err
	}
	decisions, err := f.Decisions("")
	if err != nil {
		return nil, err
	}
	for _, d := range decisions {
		x.decisions[d.MeetingID] = append(x.decisions[d.MeetingID], d)
	}
	if x.actions, err = f.FollowUps(""); err != nil {
		return nil, err
	}
	if x.coverage, err = f.RepresentationCoverage(day); err != nil {
		return nil, err
	}
	if x.keyPeople, err = f.KeyRoleHolders(day); err != nil {
		return nil, err
	}
	return x, nil
}

func (x *facts) person(id string) workspace.Person {
	if p, ok := x.people[id]; ok {
		return p
	}
	p, err := x.f.Person(id)
	if err != nil {
		p = workspace.Person{ID: id, Name: x.say("(deleted)")}
	}
	x.people[id] = p
	return p
}

// holder names who holds an assignment, with the person's organisation.
func (x *facts) holder(a workspace.Assignment) (name, org string) {
	if a.PersonID != "" {
		p := x.person(a.PersonID)
		return p.Name, x.orgByID[p.OrganisationID].Name
	}
	return x.orgByID[a.OrganisationID].Name, ""
}

// holders lists the current holders of the seeded role key in a consortium
// ("" for initiative-wide roles).
func (x *facts) holders(key, consortiumID string) []workspace.Assignment {
	var out []workspace.Assignment
	for _, a := range x.current {
		if x.roles[a.RoleID].Key == key && a.ConsortiumID == consortiumID {
			out = append(out, a)
		}
	}
	return out
}

// names joins the holders' names, one per line.
func (x *facts) names(as []workspace.Assignment) string {
	var out string
	for i, a := range as {
		if i > 0 {
			out += "\n"
		}
		n, _ := x.holder(a)
		out += n
	}
	return out
}

// currentMembers counts the organisations that are members of a consortium now.
func (x *facts) currentMembers(consortiumID string) []workspace.ConsortiumMember {
	var out []workspace.ConsortiumMember
	for _, m := range x.members {
		if m.ConsortiumID == consortiumID && (m.LeftOn == "" || m.LeftOn > x.day) {
			out = append(out, m)
		}
	}
	return out
}

// openGaps returns the open gaps of a consortium ("" for the whole
// initiative's own), most pressing first.
func (x *facts) openGaps(consortiumID string) []workspace.ResourceGap {
	var out []workspace.ResourceGap
	for _, g := range x.gaps {
		if g.ConsortiumID == consortiumID && g.IsOpen() {
			out = append(out, g)
		}
	}
	rank := map[string]int{"high": 0, "medium": 1, "low": 2}
	sort.SliceStable(out, func(i, j int) bool {
		if rank[out[i].Priority] != rank[out[j].Priority] {
			return rank[out[i].Priority] < rank[out[j].Priority]
		}
		return out[i].Missing() > out[j].Missing()
	})
	return out
}

func missing(gaps []workspace.ResourceGap) (cost, secured, short int64) {
	for _, g := range gaps {
		cost += g.EstimatedCost
		secured += g.Secured
		short += g.Missing()
	}
	return
}
