package importexport

import (
	"sort"
	"strings"

	"cpw/workspace"
)

// importRow checks one row, matches it to a record of the workspace (by id,
// else by its natural key), and saves it.
func (im *importer) importRow(r *rowCtx, res *SheetResult) {
	switch r.p.spec {
	case &unitsSheet:
		im.unitRow(r, res)
	case &organisationsSheet:
		im.organisationRow(r, res)
	case &peopleSheet:
		im.personRow(r, res)
	case &consortiaSheet:
		im.consortiumRow(r, res)
	case &membersSheet:
		im.memberRow(r, res)
	case &rolesSheet:
		im.roleRow(r, res)
	case &assignmentsSheet:
		im.assignmentRow(r, res)
	case &gapsSheet:
		im.gapRow(r, res)
	case &meetingsSheet:
		im.meetingRow(r, res)
	case &candidatesSheet:
		im.candidateRow(r, res)
	case &decisionsSheet:
		im.decisionRow(r, res)
	case &actionsSheet:
		im.actionRow(r, res)
	}
}

// byID returns the record with the row's id, if the workspace has it.
func byID[T any](r *rowCtx, m map[string]*T) (string, *T) {
	id := r.recordID()
	return id, m[id]
}

func (im *importer) unitRow(r *rowCtx, res *SheetResult) {
	id, old := byID(r, im.units)
	var u workspace.Unit
	r.choice("Level", &u.Level)
	r.text("Name", &u.Name)
	parentPath := ""
	if r.get("Parent") != "" {
		parentPath = r.get("Parent")
		r.unit("Parent", &u.ParentID)
	}
	r.count("Households", &u.Households)
	path := u.Name
	if parentPath != "" {
		path = parentPath + pathSeparator + u.Name
	}
	if old == nil {
		if found, ok := im.unitByPath[pathKey(path)]; ok && r.natural(id, found) {
			old = im.units[found]
		}
	}
	if old != nil {
		v := *old
		if r.has("Level") {
			v.Level = u.Level
		}
		if r.has("Name") {
			v.Name = u.Name
		}
		if r.has("Parent") {
			v.ParentID = u.ParentID
		}
		if r.has("Households") {
			v.Households = u.Households
		}
		u = v
	} else {
		u.ID = id
	}
	if r.bad || r.duplicate("community unit", u.ID, path) {
		r.fail("community unit", path)
		return
	}
	saved, outcome, err := workspace.Save(im.b, u)
	if !r.saved(res, saved.ID, outcome, err) {
		r.fail("community unit", path)
		return
	}
	if old != nil {
		delete(im.unitByPath, pathKey(im.unitPath[saved.ID]))
	}
	im.units[saved.ID] = &saved
	if saved.ParentID != "" {
		im.unitPath[saved.ID] = im.unitPath[saved.ParentID] + pathSeparator + saved.Name
	} else {
		im.unitPath[saved.ID] = saved.Name
	}
	im.unitByPath[pathKey(im.unitPath[saved.ID])] = saved.ID
}

// matchOrganisation finds the organisation a row means: by id, else by name
// or acronym (without regard to case).
func (im *importer) matchOrganisation(r *rowCtx, id, name, acronym string) *workspace.Organisation {
	if o := im.orgs[id]; o != nil {
		return o
	}
	byName, byAcronym := im.orgByName[key(name)], ""
	if acronym != "" {
		byAcronym = im.orgByAcronym[key(acronym)]
	}
	if byName != "" && byAcronym != "" && byName != byAcronym {
		r.problem("Acronym", "The name is that of “%s” but the acronym is that of “%s”: correct one of them.",
			im.orgs[byName].Name, im.orgs[byAcronym].Name)
		return nil
	}
	if byName != "" && r.natural(id, byName) {
		return im.orgs[byName]
	}
	if byAcronym != "" && r.natural(id, byAcronym) {
		if o := im.orgs[byAcronym]; name != "" && key(o.Name) != key(name) {
			// Two organisations may share initials: never rename one into
			// the other on the strength of an acronym.
			r.problem("Acronym", "The acronym “%s” is that of %s, but this row names “%s”: give this organisation another acronym, or correct its name.", acronym, o.Name, clip(name, 80))
			return nil
		}
		return im.orgs[byAcronym]
	}
	return nil
}

func (im *importer) organisationRow(r *rowCtx, res *SheetResult) {
	id, _ := byID(r, im.orgs)
	old := im.matchOrganisation(r, id, r.get("Name"), r.get("Acronym"))
	o := workspace.Organisation{ID: id}
	if old != nil {
		o = *old
		o.SectorIDs = append([]string(nil), old.SectorIDs...)
	}
	r.text("Name", &o.Name)
	r.text("Acronym", &o.Acronym)
	r.choice("Kind", &o.Kind)
	r.choice("Base", &o.Base)
	r.sectors("Sectors", &o.SectorIDs, false)
	r.text("Interests", &o.Interests)
	r.choice("Commitment", &o.Commitment)
	r.choice("Stance", &o.Stance)
	r.choice("Influence", &o.Influence)
	r.text("Notes", &o.Notes)
	if old == nil && o.Base == "" {
		o.Base = "local" // the form's default
	}
	im.saveOrganisation(r, res, o)
}

func (im *importer) saveOrganisation(r *rowCtx, res *SheetResult, o workspace.Organisation) {
	if r.bad || r.duplicate("organisation", o.ID, o.Name) {
		r.fail("organisation", o.Name)
		r.fail("organisation", o.Acronym)
		return
	}
	saved, outcome, err := workspace.Save(im.b, o)
	if !r.saved(res, saved.ID, outcome, err) {
		r.fail("organisation", o.Name)
		r.fail("organisation", o.Acronym)
		return
	}
	im.indexOrg(&saved)
}

// import3W imports a 3W/4W sheet: one row per activity, so an organisation
// appears on many rows; its sectors are gathered and added to what the
// workspace knows of it.
func (im *importer) import3W(p *part, res *SheetResult) error {
	type gathered struct {
		r       *rowCtx
		o       workspace.Organisation
		sectors []string
	}
	var order []string
	byName := map[string]*gathered{}
	for i := range p.rows.rows {
		r := im.rowOf(p, i)
		if err := im.step(p.rows.name); err != nil {
			return err
		}
		name := r.get("Name")
		if name == "" {
			if !r.blank() {
				r.warn("Name", "This row names no organisation, so it was skipped.")
			}
			continue
		}
		var sectors []string
		r.sectors("Sectors", &sectors, true)
		g := byName[key(name)]
		if g == nil {
			old := im.matchOrganisation(r, "", name, r.get("Acronym"))
			g = &gathered{r: r}
			if old != nil {
				g.o = *old
				g.sectors = append([]string(nil), old.SectorIDs...)
			} else {
				g.o = workspace.Organisation{Name: name, Base: "local"}
				r.text("Acronym", &g.o.Acronym)
				kind := ""
				r.choice("Kind", &kind)
				if kind == "" {
					kind = "other"
					r.warn("Kind", "The kind of “%s” is not known, so it was set to Other: correct it in the window.", name)
				}
				g.o.Kind = kind
			}
			byName[key(name)] = g
			order = append(order, key(name))
		}
		g.sectors = append(g.sectors, sectors...)
		if r.bad {
			g.r.bad = true
		}
	}
	for _, k := range order {
		g := byName[k]
		g.o.SectorIDs = workspace.Dedupe(g.sectors)
		im.saveOrganisation(g.r, res, g.o)
	}
	return nil
}

func (im *importer) personRow(r *rowCtx, res *SheetResult) {
	id, old := byID(r, im.people)
	var orgID string
	r.org("Organisation", &orgID)
	if found := im.personByEmail[key(r.get("E-mail"))]; old == nil && r.get("E-mail") != "" && r.natural(id, found) {
		old = im.people[found]
	}
	if old == nil && r.get("Name") != "" && !r.bad { // not when the organisation is unknown
		var same []string
		for _, pid := range im.personByName[key(r.get("Name"))] {
			cand := im.people[pid]
			differentEmail := r.get("E-mail") != "" && cand.Email != "" && key(cand.Email) != key(r.get("E-mail"))
			if (!r.has("Organisation") || cand.OrganisationID == orgID) && !differentEmail && r.natural(id, pid) {
				same = append(same, pid)
			}
		}
		switch {
		case len(same) == 1:
			old = im.people[same[0]]
		case len(same) > 1 && id != "":
			// Several of that name, and the row has its own id: a new person.
		case len(same) > 1:
			r.problem("Name", "%d people in the workspace are called “%s”: add an E-mail column, or keep the ID column Export Excel writes, to say which one this is.", len(same), r.get("Name"))
		}
	}
	p := workspace.Person{ID: id}
	if old != nil {
		p = *old
	}
	r.text("Name", &p.Name)
	if r.has("Organisation") {
		p.OrganisationID = orgID
	}
	r.text("Position", &p.Position)
	r.text("Phone", &p.Phone)
	r.text("E-mail", &p.Email)
	r.choice("Gender", &p.Gender)
	r.choice("Age band", &p.AgeBand)
	r.yesNo("Resident", &p.Resident)
	r.unit("Home unit", &p.HomeUnitID)
	r.text("Notes", &p.Notes)
	if r.bad || r.duplicate("person", p.ID, p.Name) {
		r.fail("person", p.Name)
		return
	}
	saved, outcome, err := workspace.Save(im.b, p)
	if !r.saved(res, saved.ID, outcome, err) {
		r.fail("person", p.Name)
		return
	}
	im.indexPerson(&saved)
}

func (im *importer) consortiumRow(r *rowCtx, res *SheetResult) {
	id, old := byID(r, im.consortia)
	if old == nil {
		if cid, ok := im.consortiumID(r.get("Code")); ok && r.get("Code") != "" && r.natural(id, cid) {
			old = im.consortia[cid]
		} else if cid, ok := im.consByName[key(r.get("Name"))]; ok && r.get("Name") != "" && r.natural(id, cid) {
			old = im.consortia[cid]
		}
	}
	c := workspace.Consortium{ID: id}
	if old != nil {
		c = *old
		c.SectorIDs = append([]string(nil), old.SectorIDs...)
	}
	r.text("Code", &c.Code)
	r.text("Name", &c.Name)
	r.text("Purpose", &c.Purpose)
	r.choice("Status", &c.Status)
	r.sectors("Sectors", &c.SectorIDs, false)
	if r.bad || r.duplicate("consortium", c.ID, c.Code) {
		r.fail("consortium", c.Code)
		r.fail("consortium", c.Name)
		return
	}
	saved, outcome, err := workspace.Save(im.b, c)
	if !r.saved(res, saved.ID, outcome, err) {
		r.fail("consortium", c.Code)
		r.fail("consortium", c.Name)
		return
	}
	im.indexConsortium(&saved)
}

func (im *importer) memberRow(r *rowCtx, res *SheetResult) {
	id, old := byID(r, im.members)
	var m workspace.ConsortiumMember
	r.consortium("Consortium", &m.ConsortiumID)
	r.org("Organisation", &m.OrganisationID)
	r.date("Joined on", &m.JoinedOn)
	if found := im.memberByKey[key(m.ConsortiumID, m.OrganisationID, m.JoinedOn)]; old == nil && r.natural(id, found) {
		old = im.members[found]
	}
	if found := im.currentMember[key(m.ConsortiumID, m.OrganisationID)]; old == nil && m.ConsortiumID != "" && m.OrganisationID != "" && r.natural(id, found) {
		// A current membership of the same organisation in the same
		// consortium is the row's, whatever date it gives for joining.
		old = im.members[found]
	}
	if old != nil {
		v := *old
		v.ConsortiumID, v.OrganisationID = m.ConsortiumID, m.OrganisationID
		if r.has("Joined on") {
			v.JoinedOn = m.JoinedOn
		}
		m = v
	} else {
		m.ID = id
	}
	r.text("Contribution", &m.Contribution)
	r.date("Left on", &m.LeftOn)
	what := im.report.say("%s in %s", r.get("Organisation"), r.get("Consortium"))
	if r.bad || r.duplicate("membership", m.ID, what) {
		return
	}
	saved, outcome, err := workspace.Save(im.b, m)
	if !r.saved(res, saved.ID, outcome, err) {
		return
	}
	im.indexMember(&saved, old)
}

func (im *importer) roleRow(r *rowCtx, res *SheetResult) {
	id, old := byID(r, im.roles.byID)
	if found := im.roles.find(r.get("Name")); old == nil && r.get("Name") != "" && r.natural(id, found) {
		old = im.roles.byID[found]
	}
	ro := workspace.Role{ID: id}
	if old != nil {
		ro = *old
	}
	r.text("Name", &ro.Name)
	r.choice("Group", &ro.Group)
	r.choice("Scope", &ro.Scope)
	r.choice("Unit level", &ro.UnitLevel)
	r.yesNo("Key role", &ro.IsKey)
	r.choice("Holder", &ro.Holder)
	r.text("Description", &ro.Description)
	r.text("Responsibilities", &ro.Responsibilities)
	r.date("Retired on", &ro.RetiredOn)
	if old == nil {
		ro.Position = 1000 + len(im.roles.byID) // after the catalogue
	}
	if r.bad || r.duplicate("role", ro.ID, ro.Name) {
		r.fail("role", ro.Name)
		return
	}
	saved, outcome, err := workspace.Save(im.b, ro)
	if !r.saved(res, saved.ID, outcome, err) {
		r.fail("role", ro.Name)
		return
	}
	im.roles.put(&saved)
}

func (im *importer) assignmentRow(r *rowCtx, res *SheetResult) {
	id, old := byID(r, im.assignments.byID)
	var a workspace.Assignment
	if old != nil {
		a = *old
	}
	r.role("Role", &a.RoleID)
	r.person("Person", "Person ID", &a.PersonID)
	r.org("Organisation", &a.OrganisationID)
	r.consortium("Consortium", &a.ConsortiumID)
	r.unit("Unit", &a.UnitID)
	r.date("Start", &a.StartOn)
	if old == nil {
		if found := im.assignments.byID[im.assignments.byKey[assignmentKey(&a)]]; found != nil && r.natural(id, found.ID) {
			old = found
			v := *found
			v.RoleID, v.PersonID, v.OrganisationID, v.ConsortiumID, v.UnitID, v.StartOn = a.RoleID, a.PersonID, a.OrganisationID, a.ConsortiumID, a.UnitID, a.StartOn
			a = v
		} else {
			a.ID = id
		}
	}
	r.date("End", &a.EndOn)
	r.text("End reason", &a.EndReason)
	if r.has("Follows") {
		v := ""
		if r.get("Follows") != "" {
			v = im.resolve(r.get("Follows"))
		}
		if v != "" && im.assignments.byID[v] == nil {
			r.problem("Follows", "There is no assignment with this ID in the workspace or in the workbook.")
		}
		a.FollowsID = v
	}
	r.text("Notes", &a.Notes)
	if r.bad || r.duplicate("assignment", a.ID, im.report.say("%s from %s", r.get("Role"), a.StartOn)) {
		return
	}
	saved, outcome, err := workspace.Save(im.b, a)
	if !r.saved(res, saved.ID, outcome, err) {
		return
	}
	im.assignments.put(&saved)
}

func (im *importer) gapRow(r *rowCtx, res *SheetResult) {
	id, old := byID(r, im.gaps.byID)
	var consortiumID string
	r.consortium("Consortium", &consortiumID)
	if found := im.gaps.find(consortiumID, r.get("Title")); old == nil && r.get("Title") != "" && r.natural(id, found) {
		old = im.gaps.byID[found]
	}
	g := workspace.ResourceGap{ID: id}
	if old != nil {
		g = *old
	}
	if r.has("Consortium") {
		g.ConsortiumID = consortiumID
	}
	r.text("Title", &g.Title)
	r.choice("Kind", &g.Kind)
	r.role("Role", &g.RoleID)
	r.choice("Priority", &g.Priority)
	r.choice("Status", &g.Status)
	r.whole("Estimated cost", &g.EstimatedCost)
	r.whole("Secured", &g.Secured)
	r.org("Filled by organisation", &g.FilledByOrganisationID)
	r.person("Filled by person", "Filled by person ID", &g.FilledByPersonID)
	r.text("Notes", &g.Notes)
	if r.bad || r.duplicate("resource gap", g.ID, g.Title) {
		r.fail("resource gap", g.Title)
		return
	}
	saved, outcome, err := workspace.Save(im.b, g)
	if !r.saved(res, saved.ID, outcome, err) {
		r.fail("resource gap", g.Title)
		return
	}
	im.gaps.put(&saved)
}

func (im *importer) meetingRow(r *rowCtx, res *SheetResult) {
	id, old := byID(r, im.meetings.byID)
	var m workspace.Meeting
	r.date("Held on", &m.HeldOn)
	r.choice("Kind", &m.Kind)
	r.text("Title", &m.Title)
	if found := im.meetings.find(m.HeldOn, m.Kind, m.Title); old == nil && r.natural(id, found) {
		old = im.meetings.byID[found]
	}
	if old != nil {
		v := *old
		v.ConsortiumIDs = append([]string(nil), old.ConsortiumIDs...)
		v.AttendeeIDs = append([]string(nil), old.AttendeeIDs...)
		if r.has("Held on") {
			v.HeldOn = m.HeldOn
		}
		if r.has("Kind") {
			v.Kind = m.Kind
		}
		if r.has("Title") {
			v.Title = m.Title
		}
		m = v
	} else {
		m.ID = id
	}
	r.text("Place", &m.Place)
	r.count("Residents (women)", &m.ResidentsWomen)
	r.count("Residents (men)", &m.ResidentsMen)
	r.count("Residents (youth)", &m.ResidentsYouth)
	r.text("Notes", &m.Notes)
	if r.has("Consortia") {
		ids := []string{}
		for _, c := range splitList(r.get("Consortia")) {
			if cid, ok := im.consortiumID(c); ok {
				ids = append(ids, cid)
			} else {
				r.noSuch("Consortia", "consortium", c)
			}
		}
		m.ConsortiumIDs = workspace.Dedupe(ids)
	}
	given, named := splitList(r.get("Attendee IDs")), splitList(r.get("Attendees"))
	var fromIDs []string
	sameNames := len(given) > 0
	if sameNames {
		// The ids tell apart people of the same name, but only while the
		// names beside them are still theirs.
		var idNames []string
		for _, pid := range given {
			pid = im.resolve(pid)
			p := im.people[pid]
			if p == nil {
				sameNames = false
				break
			}
			fromIDs = append(fromIDs, pid)
			idNames = append(idNames, key(p.Name))
		}
		if sameNames && r.has("Attendees") {
			var want []string
			for _, n := range named {
				want = append(want, key(n))
			}
			sort.Strings(idNames)
			sort.Strings(want)
			sameNames = strings.Join(idNames, "\n") == strings.Join(want, "\n")
		}
		if !sameNames && r.has("Attendees") {
			r.warn("Attendees", "The attendees were changed since the workbook was exported: they were read by name, not by their IDs.")
		} else if !sameNames {
			r.problem("Attendee IDs", "Some of these IDs are of nobody in the workspace or in the workbook.")
		}
	}
	switch {
	case sameNames:
		m.AttendeeIDs = workspace.Dedupe(fromIDs)
	case r.has("Attendees"):
		ids := []string{}
		for _, name := range named {
			if pid, ok := r.personID("Attendees", name, ""); ok {
				ids = append(ids, pid)
			}
		}
		m.AttendeeIDs = workspace.Dedupe(ids)
	}
	if r.bad || r.duplicate("meeting", m.ID, im.report.say("%s on %s", m.Title, m.HeldOn)) {
		failMeeting(r, m)
		return
	}
	saved, outcome, err := workspace.Save(im.b, m)
	if !r.saved(res, saved.ID, outcome, err) {
		failMeeting(r, m)
		return
	}
	im.meetings.put(&saved)
}

// failMeeting notes a meeting row that has a problem, by its day and by its
// day and title, as decisions and actions name their meeting.
func failMeeting(r *rowCtx, m workspace.Meeting) {
	r.fail("meeting", m.HeldOn)
	if m.Title != "" {
		r.fail("meeting", m.HeldOn+" "+m.Title)
	}
}

// meetingOf finds the meeting a decision or action row belongs to: by the
// Meeting ID an export writes, else by its date and title.
func (im *importer) meetingOf(r *rowCtx) (string, bool) {
	if v := r.get("Meeting ID"); v != "" {
		if id := im.resolve(v); im.meetings.byID[id] != nil {
			return id, true
		}
		r.problem("Meeting ID", "There is no meeting with this ID in the workspace or in the workbook.")
		return "", false
	}
	var held string
	r.date("Held on", &held)
	title := r.get("Meeting")
	if held == "" {
		r.problem("Held on", "Give the day of the meeting (and its title), or keep the Meeting ID column Export Excel writes.")
		return "", false
	}
	var found []string
	for id, m := range im.meetings.byID {
		if m.HeldOn == held && (title == "" || key(m.Title) == key(title)) {
			found = append(found, id)
		}
	}
	natural := strings.TrimSpace(held + " " + title)
	switch where, broken := im.pending["meeting"][key(natural)]; {
	case len(found) == 1:
		return found[0], true
	case len(found) == 0 && broken:
		r.problem("Meeting", "The meeting of %s is on %s, which has a problem of its own: fix that row first.", natural, where)
	case len(found) == 0 && title == "":
		r.problem("Meeting", "There is no meeting of %s in the workspace or in the workbook.", held)
	case len(found) == 0:
		r.problem("Meeting", "There is no meeting of %s called “%s” in the workspace or in the workbook.", held, clip(title, 60))
	case title == "":
		r.problem("Meeting", "%d meetings were held on %s: give the meeting's title, or keep the Meeting ID column.", len(found), held)
	default:
		r.problem("Meeting", "%d meetings were held on %s called “%s”: give the meeting's title, or keep the Meeting ID column.", len(found), held, clip(title, 60))
	}
	return "", false
}

func (im *importer) candidateRow(r *rowCtx, res *SheetResult) {
	id, old := byID(r, im.candidates.byID)
	var consortiumID, orgID string
	r.consortium("Consortium", &consortiumID)
	r.org("Organisation", &orgID)
	gapID := ""
	if t := r.get("Gap"); t != "" {
		if gapID = im.gaps.find(consortiumID, t); gapID == "" {
			r.noSuch("Gap", "resource gap", t)
		}
	}
	if found := im.candidates.find(gapID, orgID); old == nil && gapID != "" && r.natural(id, found) {
		old = im.candidates.byID[found]
	}
	c := workspace.GapCandidate{ID: id}
	if old != nil {
		c = *old
	}
	c.GapID, c.OrganisationID = gapID, orgID
	r.choice("Stage", &c.Stage)
	r.text("Notes", &c.Notes)
	if r.bad || r.duplicate("gap candidate", c.ID, im.report.say("%s for %s", r.get("Organisation"), r.get("Gap"))) {
		return
	}
	saved, outcome, err := workspace.Save(im.b, c)
	if !r.saved(res, saved.ID, outcome, err) {
		return
	}
	im.candidates.put(&saved)
}

func (im *importer) decisionRow(r *rowCtx, res *SheetResult) {
	id, old := byID(r, im.decisions.byID)
	meetingID, _ := im.meetingOf(r)
	if found := im.decisions.find(meetingID, r.get("Decision")); old == nil && meetingID != "" && r.natural(id, found) {
		old = im.decisions.byID[found]
	}
	d := workspace.Decision{ID: id}
	if old != nil {
		d = *old
	}
	d.MeetingID = meetingID
	r.count("Position", &d.Position)
	r.text("Decision", &d.Text)
	if r.bad || r.duplicate("decision", d.ID, clip(d.Text, 40)) {
		return
	}
	saved, outcome, err := workspace.Save(im.b, d)
	if !r.saved(res, saved.ID, outcome, err) {
		return
	}
	im.decisions.put(&saved)
}

func (im *importer) actionRow(r *rowCtx, res *SheetResult) {
	id, old := byID(r, im.actions.byID)
	meetingID, _ := im.meetingOf(r)
	if found := im.actions.find(meetingID, r.get("Action")); old == nil && meetingID != "" && r.natural(id, found) {
		old = im.actions.byID[found]
	}
	a := workspace.FollowUp{ID: id}
	if old != nil {
		a = *old
	}
	a.MeetingID = meetingID
	r.count("Position", &a.Position)
	r.text("Action", &a.Text)
	r.person("Owner", "Owner ID", &a.OwnerID)
	r.date("Due", &a.DueOn)
	r.date("Done", &a.DoneOn)
	if r.bad || r.duplicate("follow-up action", a.ID, clip(a.Text, 40)) {
		return
	}
	saved, outcome, err := workspace.Save(im.b, a)
	if !r.saved(res, saved.ID, outcome, err) {
		return
	}
	im.actions.put(&saved)
}
