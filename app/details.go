package app

import (
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"cpw/workspace"
)

// details is the content of a record's dialog, built line by line.
type details struct {
	box   *fyne.Container
	names *names
}

func (d *details) heading(text string) {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	d.box.Add(l)
}

func (d *details) line(text string) {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	d.box.Add(l)
}

// field adds "label: value", leaving out empty values.
func (d *details) field(label, value string) {
	if strings.TrimSpace(value) != "" {
		d.line(label + ": " + value)
	}
}

// names looks up the names of records by id, remembering what it found.
type names struct {
	f     *workspace.File
	cache map[string]string
}

func (n *names) get(kind, id string, lookup func() (string, error)) string {
	if id == "" {
		return ""
	}
	if v, ok := n.cache[kind+id]; ok {
		return v
	}
	v, err := lookup()
	if err != nil {
		v = lang.L("(deleted)")
	}
	n.cache[kind+id] = v
	return v
}

func (n *names) person(id string) string {
	return n.get("p", id, func() (string, error) { p, err := n.f.Person(id); return p.Name, err })
}
func (n *names) organisation(id string) string {
	return n.get("o", id, func() (string, error) { o, err := n.f.Organisation(id); return o.Name, err })
}
func (n *names) consortium(id string) string {
	return n.get("c", id, func() (string, error) { c, err := n.f.Consortium(id); return c.Code, err })
}
func (n *names) role(id string) string {
	return n.get("r", id, func() (string, error) { r, err := n.f.Role(id); return r.Name, err })
}
func (n *names) unit(id string) string {
	return n.get("u", id, func() (string, error) { return n.f.UnitPath(id) })
}

// holder names who holds an assignment.
func (n *names) holder(a workspace.Assignment) string {
	if a.PersonID != "" {
		return n.person(a.PersonID)
	}
	return n.organisation(a.OrganisationID)
}

// where names where an assignment is held, or "" for the whole initiative.
func (n *names) where(a workspace.Assignment) string {
	if a.ConsortiumID != "" {
		return n.consortium(a.ConsortiumID)
	}
	return n.unit(a.UnitID)
}

// period writes an assignment's dates: "since 2024-01-15" or "2024-01-15 to 2025-03-01".
func period(a workspace.Assignment) string {
	if a.EndOn == "" {
		return fmt.Sprintf(lang.L("since %s"), a.StartOn)
	}
	s := fmt.Sprintf(lang.L("%s to %s"), a.StartOn, a.EndOn)
	if a.EndReason != "" {
		s += " (" + a.EndReason + ")"
	}
	return s
}

// maxListed is how many rows a record's dialog lists before it only counts.
const maxListed = 25

// showSubject opens a dialog about the record a finding is about: what it is,
// who holds what in it, and the findings about it.
func (u *ui) showSubject(s workspace.Subject) {
	screen := u.screen
	if u.file == nil || screen == nil {
		return
	}
	d := &details{box: container.NewVBox(), names: &names{f: u.file, cache: map[string]string{}}}
	title, err := d.fill(u.file, s, screen.today().Format(workspace.DateLayout))
	if err != nil {
		u.showError(err)
		return
	}
	if found := screen.findingsAbout(s.ID); len(found) > 0 && s.ID != "" {
		d.heading(fmt.Sprintf(lang.L("Findings (%d)"), len(found)))
		for _, f := range found {
			d.line(findingSeverity(f.Severity) + ": " + f.Message)
		}
	}
	dlg := dialog.NewCustom(title, lang.L("Close"), container.NewVScroll(d.box), u.window)
	dlg.Resize(fyne.NewSize(760, 600))
	dlg.Show()
}

// fill writes the details of the subject and returns the dialog's title.
func (d *details) fill(f *workspace.File, s workspace.Subject, today string) (string, error) {
	n := d.names
	switch s.Kind {
	case "consortium":
		c, err := f.Consortium(s.ID)
		if err != nil {
			return "", err
		}
		d.line(c.Name)
		d.field(lang.L("Status"), workspace.Label(workspace.ConsortiumStatuses, c.Status))
		d.field(lang.L("Purpose"), c.Purpose)
		as, err := f.Assignments(workspace.AssignmentFilter{ConsortiumID: c.ID})
		if err != nil {
			return "", err
		}
		d.assignments(lang.L("Roles in the consortium, now and before"), as, today, false)
		members, err := f.Members(c.ID)
		if err != nil {
			return "", err
		}
		d.heading(fmt.Sprintf(lang.L("Member organisations (%d)"), len(members)))
		for _, m := range members {
			line := n.organisation(m.OrganisationID)
			if m.Contribution != "" {
				line += " — " + m.Contribution
			}
			if m.LeftOn != "" {
				line += " " + fmt.Sprintf(lang.L("(left %s)"), m.LeftOn)
			}
			d.line(line)
		}
		gaps, err := f.ResourceGaps(workspace.GapFilter{ConsortiumID: c.ID})
		if err != nil {
			return "", err
		}
		open, cost, secured, missing := 0, int64(0), int64(0), int64(0)
		for _, g := range gaps {
			if g.IsOpen() {
				open++
				cost += g.EstimatedCost
				secured += g.Secured
				missing += g.Missing()
			}
		}
		in, err := f.Initiative()
		if err != nil {
			return "", err
		}
		d.heading(lang.L("Resource gaps"))
		d.line(fmt.Sprintf(lang.L("%d open of %d; cost %s %s, secured %s, still missing %s."), open, len(gaps), in.Currency,
			thousands64(cost), thousands64(secured), thousands64(missing)))
		return fmt.Sprintf(lang.L("Consortium %s"), c.Code), nil
	case "person":
		p, err := f.Person(s.ID)
		if err != nil {
			return "", err
		}
		d.field(lang.L("Organisation"), n.organisation(p.OrganisationID))
		d.field(lang.L("Position"), p.Position)
		d.field(lang.L("Gender"), workspace.Label(workspace.Genders, p.Gender))
		d.field(lang.L("Age"), workspace.Label(workspace.AgeBands, p.AgeBand))
		if p.Resident {
			d.line(lang.L("Lives in the settlement"))
		} else {
			d.line(lang.L("Not recorded as a resident"))
		}
		d.field(lang.L("Home"), n.unit(p.HomeUnitID))
		d.field(lang.L("Notes"), p.Notes)
		as, err := f.Assignments(workspace.AssignmentFilter{PersonID: p.ID})
		if err != nil {
			return "", err
		}
		d.assignments(lang.L("Roles, now and before"), as, today, true)
		return p.Name, nil
	case "organisation":
		o, err := f.Organisation(s.ID)
		if err != nil {
			return "", err
		}
		d.field(lang.L("Acronym"), o.Acronym)
		d.field(lang.L("Kind"), workspace.Label(workspace.OrganisationKinds, o.Kind))
		d.field(lang.L("Based"), workspace.Label(workspace.Bases, o.Base))
		d.field(lang.L("Commitment"), workspace.Label(workspace.Commitments, o.Commitment))
		d.field(lang.L("Stance"), fmt.Sprintf(lang.L("%s, %s influence"), workspace.Label(workspace.Stances, o.Stance), strings.ToLower(workspace.Label(workspace.Influences, o.Influence))))
		d.field(lang.L("Interests"), o.Interests)
		as, err := f.Assignments(workspace.AssignmentFilter{OrganisationID: o.ID})
		if err != nil {
			return "", err
		}
		d.assignments(lang.L("Roles the organisation holds, now and before"), as, today, true)
		staff, err := f.People(workspace.PersonFilter{OrganisationID: o.ID})
		if err != nil {
			return "", err
		}
		d.heading(fmt.Sprintf(lang.L("People (%d)"), len(staff)))
		for i, p := range staff {
			if i == maxListed {
				d.line(fmt.Sprintf(lang.L("… and %d more."), len(staff)-maxListed))
				break
			}
			d.line(strings.TrimSuffix(p.Name+", "+p.Position, ", "))
		}
		return o.Name, nil
	case "unit":
		un, err := f.Unit(s.ID)
		if err != nil {
			return "", err
		}
		d.line(n.unit(un.ID))
		d.field(lang.L("Level"), workspace.Label(workspace.UnitLevels, un.Level))
		d.field(lang.L("Households"), thousands(un.Households))
		children, err := f.Units(workspace.UnitFilter{ParentID: un.ID})
		if err != nil {
			return "", err
		}
		if len(children) > 0 {
			d.field(lang.L("Units under it"), thousands(len(children)))
		}
		as, err := f.Assignments(workspace.AssignmentFilter{UnitID: un.ID})
		if err != nil {
			return "", err
		}
		d.assignments(lang.L("Representatives and mobilizers of this unit"), as, today, false)
		return workspace.Label(workspace.UnitLevels, un.Level) + " " + un.Name, nil
	case "role":
		r, err := f.Role(s.ID)
		if err != nil {
			return "", err
		}
		d.field(lang.L("Group"), workspace.Label(workspace.RoleGroups, r.Group))
		d.field(lang.L("Held"), workspace.Label(workspace.RoleScopes, r.Scope))
		if r.IsKey {
			d.line(lang.L("A key role"))
		}
		d.field(lang.L("What it is"), r.Description)
		d.field(lang.L("Responsibilities"), r.Responsibilities)
		as, err := f.Assignments(workspace.AssignmentFilter{RoleID: r.ID})
		if err != nil {
			return "", err
		}
		d.assignments(lang.L("Holders, now and before"), as, today, false)
		return r.Name, nil
	case "meeting":
		m, err := f.Meeting(s.ID)
		if err != nil {
			return "", err
		}
		d.field(lang.L("Title"), m.Title)
		d.field(lang.L("Held on"), m.HeldOn)
		d.field(lang.L("Place"), m.Place)
		var codes []string
		for _, id := range m.ConsortiumIDs {
			codes = append(codes, n.consortium(id))
		}
		d.field(lang.L("Consortia"), strings.Join(codes, ", "))
		attended := fmt.Sprintf(lang.L("%s people by name"), thousands(len(m.AttendeeIDs)))
		if len(m.AttendeeIDs) == 1 {
			attended = lang.L("1 person by name")
		}
		d.field(lang.L("Attended"), attended)
		decisions, err := f.Decisions(m.ID)
		if err != nil {
			return "", err
		}
		d.heading(fmt.Sprintf(lang.L("Decisions (%d)"), len(decisions)))
		for _, x := range decisions {
			d.line(x.Text)
		}
		actions, err := f.FollowUps(m.ID)
		if err != nil {
			return "", err
		}
		d.heading(fmt.Sprintf(lang.L("Follow-up actions (%d)"), len(actions)))
		for _, a := range actions {
			state := lang.L("open")
			if a.DoneOn != "" {
				state = fmt.Sprintf(lang.L("done %s"), a.DoneOn)
			} else if a.DueOn != "" && a.DueOn < today {
				state = lang.L("overdue")
			}
			owner := n.person(a.OwnerID)
			if owner == "" {
				owner = lang.L("no owner")
			}
			d.line(fmt.Sprintf(lang.L("%s — %s, due %s, %s"), a.Text, owner, a.DueOn, state))
		}
		return fmt.Sprintf(lang.L("%s on %s"), workspace.Label(workspace.MeetingKinds, m.Kind), m.HeldOn), nil
	case "gap":
		g, err := f.ResourceGap(s.ID)
		if err != nil {
			return "", err
		}
		owner := lang.L("The whole initiative")
		if g.ConsortiumID != "" {
			owner = n.consortium(g.ConsortiumID)
		}
		in, err := f.Initiative()
		if err != nil {
			return "", err
		}
		d.field(lang.L("For"), owner)
		d.field(lang.L("Kind"), workspace.Label(workspace.GapKinds, g.Kind))
		d.field(lang.L("Role it would fill"), n.role(g.RoleID))
		d.field(lang.L("Priority"), workspace.Label(workspace.Priorities, g.Priority))
		d.field(lang.L("Status"), workspace.Label(workspace.GapStatuses, g.Status))
		d.line(fmt.Sprintf(lang.L("Cost %s %s, secured %s, still missing %s"), in.Currency, thousands64(g.EstimatedCost), thousands64(g.Secured), thousands64(g.Missing())))
		cands, err := f.GapCandidates(g.ID)
		if err != nil {
			return "", err
		}
		d.heading(fmt.Sprintf(lang.L("Candidate organisations (%d)"), len(cands)))
		for _, c := range cands {
			d.line(n.organisation(c.OrganisationID) + " — " + workspace.Label(workspace.CandidateStages, c.Stage))
		}
		return g.Title, nil
	}
	in, err := f.Initiative()
	if err != nil {
		return "", err
	}
	d.line(in.Place())
	d.field(lang.L("Vision"), in.Vision)
	return in.Name, nil
}

// assignments lists assignments, current ones first; withRole names the role
// (for a person's or an organisation's roles), otherwise the holder.
func (d *details) assignments(heading string, as []workspace.Assignment, today string, withRole bool) {
	n := d.names
	sort.SliceStable(as, func(i, j int) bool { return as[i].CurrentOn(today) && !as[j].CurrentOn(today) })
	current := 0
	for _, a := range as {
		if a.CurrentOn(today) {
			current++
		}
	}
	d.heading(fmt.Sprintf(lang.L("%s (%d current, %d in all)"), heading, current, len(as)))
	if len(as) == 0 {
		d.line(lang.L("None."))
	}
	for i, a := range as {
		if i == maxListed {
			d.line(fmt.Sprintf(lang.L("… and %d more."), len(as)-maxListed))
			break
		}
		who := n.role(a.RoleID) + ": " + n.holder(a)
		if withRole {
			who = n.role(a.RoleID)
		}
		if where := n.where(a); where != "" && withRole {
			who = fmt.Sprintf(lang.L("%s in %s"), who, where)
		}
		d.line(who + ", " + period(a))
	}
}

func thousands64(n int64) string { return workspace.Thousands(n) }

// findingSeverity names a finding's severity in the window's language.
func findingSeverity(severity string) string {
	switch severity {
	case workspace.SeverityCritical:
		return lang.L("Critical")
	case workspace.SeverityWarning:
		return lang.L("Warning")
	case workspace.SeverityInfo:
		return lang.L("For information")
	}
	return severity
}
