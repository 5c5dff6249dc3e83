package importexport

import (
	"errors"
	"sort"
	"strings"

	"cpw/workspace"
)

// Rows that mix kinds: a roster's row says, beside who a person is, the
// role they hold (the People sheet's Role column), and a consortium's row
// who leads it (the Consortia sheet's lead columns). Each such claim is
// read with its row, where an unknown role or holder is the row's problem,
// and made an assignment once every sheet is in (assignClaims), so that an
// Assignments sheet of the same workbook, which says where and since when,
// is read first: a role it records is not made again.
//
//   - A roster's role is held by the row's person. Held in a community unit,
//     it is held in their home unit; for a household representative written
//     without a level, the home unit's level says which of the three roles
//     it is. Held in the whole initiative, it is held there. Held in a
//     consortium, the row cannot say which: the Assignments sheet must.
//   - A person who already holds the role, wherever, holds what the roster
//     says: the roster says where they live, not where they hold it, and a
//     roster or an export of this program imported again makes nothing new.
//   - Where a row of the Assignments sheet changed an assignment the holder
//     had of the role (ended it, handed it to another), that row says what
//     became of it: a roster exported before, naming the role still, does
//     not make it again.
//   - A consortium's lead is the organisation or person named, in that
//     consortium; one who already leads it is left as it is, and a second
//     lead is made beside one who still holds it, with a warning.
//   - A new assignment starts on the date the roster gives (its Role since
//     column), else on the day of the import.

// claim is one role a row says someone holds.
type claim struct {
	r    *rowCtx
	h    string   // the column that says it
	role heldRole // the role
	// The holder: a person or an organisation, or, when a name several
	// people share names them, that name: one of them may hold it already.
	personID, orgID, holderName string
	consortiumID                string // where, for a consortium's lead
	unitID                      string // the person's home unit, for a role held in a unit
	start                       string // the date given, or "" for the day of the import
}

// cell is a column of a row.
type cell struct {
	r *rowCtx
	h string
}

// heldRole is a role as a row names it.
type heldRole struct {
	text   string // as written
	id     string // the role, when the catalogue has it
	name   string // a role the workbook's Roles sheet adds: the catalogue has it once that sheet is in
	levels bool   // a household representative, of the level of the unit they represent
}

// heldRoles reads a roster's column of the roles its person holds: role
// names as references are read (rowCtx.ref), with the words rosters use
// for the seeded ones ("Mobilizer"), several separated as lists are.
func (r *rowCtx) heldRoles(h string) []heldRole {
	v, ok := r.value(h)
	if !ok || v == "" {
		return nil
	}
	k := r.im.roleRefs()
	names := func(s string) bool {
		_, how := r.lookup(h, s, k)
		return how != notFound || isRepresentative(s) || r.im.bookRole(s)
	}
	var out []heldRole
	for _, piece := range splitRefs(v, names) {
		if id, ok := k.exact(piece); ok {
			out = append(out, heldRole{text: piece, id: id})
			continue
		}
		switch {
		case isRepresentative(piece):
			out = append(out, heldRole{text: piece, levels: true})
		case r.im.bookRole(piece):
			out = append(out, heldRole{text: piece, name: piece})
		default:
			if id, ok := r.ref(h, piece, k); ok {
				out = append(out, heldRole{text: piece, id: id})
			}
		}
	}
	return out
}

// claimRoles keeps the roles a roster's row says its person, now saved,
// holds, to be made assignments at the end of the import.
func (im *importer) claimRoles(r *rowCtx, h string, p *workspace.Person, held []heldRole, since string) {
	im.noteHeldBefore()
	for _, role := range held {
		im.refs.claims = append(im.refs.claims, claim{r: r, h: h, role: role, personID: p.ID, unitID: p.HomeUnitID, start: since})
	}
}

// leads reads a consortium's column of its leads in the seeded role with
// the key: organisations or people, by name, several separated as lists
// are. The consortium is filled in once its row is saved (claimLeads).
func (r *rowCtx) leads(h, roleKey string) []claim {
	v, ok := r.value(h)
	if !ok || v == "" {
		return nil
	}
	roleID := r.im.roleByKey(roleKey)
	if roleID == "" {
		r.problem(h, "The role catalogue no longer has the role this column fills, so these leads cannot be recorded here: record them on the Assignments sheet.")
		return nil
	}
	k := r.im.holderRefs()
	shared := func(s string) bool {
		_, isOrg := r.im.orgNamed(s)
		return !isOrg && len(r.im.personByName[key(s)]) > 1
	}
	names := func(s string) bool {
		_, how := r.lookup(h, s, k)
		return how != notFound || shared(s)
	}
	var out []claim
	for _, piece := range splitRefs(v, names) {
		c := claim{r: r, h: h, role: heldRole{text: piece, id: roleID}}
		switch id, ok := "", false; {
		case shared(piece):
			c.holderName = piece
		default:
			if id, ok = r.ref(h, piece, k); !ok {
				continue
			}
			if r.im.orgs[id] != nil {
				c.orgID = id
			} else {
				c.personID = id
			}
		}
		out = append(out, c)
	}
	return out
}

// claimLeads keeps a consortium's leads, now that it is saved, to be made
// assignments at the end of the import.
func (im *importer) claimLeads(consortiumID string, leads ...[]claim) {
	im.noteHeldBefore()
	for _, cs := range leads {
		for _, c := range cs {
			c.consortiumID = consortiumID
			im.refs.claims = append(im.refs.claims, c)
		}
	}
}

// noteHeldBefore notes, at the first claim, the assignments not ended,
// by role and holder. The sheets whose rows claim roles are imported before
// the Assignments sheet (sheets), so these are the workspace's own.
func (im *importer) noteHeldBefore() {
	if im.refs.heldBefore != nil {
		return
	}
	today := im.f.Now().Format(workspace.DateLayout)
	im.refs.heldBefore = map[string][]string{}
	for id, a := range im.assignments.byID {
		if a.EndOn == "" || a.EndOn > today {
			k := key(a.RoleID, a.PersonID+a.OrganisationID)
			im.refs.heldBefore[k] = append(im.refs.heldBefore[k], id)
		}
	}
}

// changedByBook reports whether a row of the workbook changed an
// assignment the holder had of the role before the import, in the
// consortium when one is given.
func (im *importer) changedByBook(roleID, holderID, consortiumID string) bool {
	for _, id := range im.refs.heldBefore[key(roleID, holderID)] {
		if _, ok := im.seen[id]; !ok {
			continue
		}
		if a := im.assignments.byID[id]; consortiumID == "" || a != nil && a.ConsortiumID == consortiumID {
			return true
		}
	}
	return false
}

// assignClaims makes the assignments the rows' claims call for, once every
// sheet is in (see the top of this file), and counts them per sheet, as
// assignments, after the sheets' own records.
func (im *importer) assignClaims() error {
	if len(im.refs.claims) == 0 {
		return nil
	}
	today := im.f.Now().Format(workspace.DateLayout)
	// The assignments not ended by today, by role and holder, and by role
	// and consortium.
	byHolder, byConsortium := map[string][]*workspace.Assignment{}, map[string][]*workspace.Assignment{}
	held := func(a *workspace.Assignment) {
		byHolder[key(a.RoleID, a.PersonID+a.OrganisationID)] = append(byHolder[key(a.RoleID, a.PersonID+a.OrganisationID)], a)
		if a.ConsortiumID != "" {
			byConsortium[key(a.RoleID, a.ConsortiumID)] = append(byConsortium[key(a.RoleID, a.ConsortiumID)], a)
		}
	}
	var current []*workspace.Assignment
	for _, a := range im.assignments.byID {
		if a.EndOn == "" || a.EndOn > today {
			current = append(current, a)
		}
	}
	sort.Slice(current, func(i, j int) bool {
		if current[i].StartOn != current[j].StartOn {
			return current[i].StartOn < current[j].StartOn
		}
		return current[i].ID < current[j].ID
	})
	for _, a := range current {
		held(a)
	}

	// The holders each cell names, so that leads named together are not
	// told of one another.
	named := map[cell]map[string]bool{}
	for _, c := range im.refs.claims {
		at := cell{c.r, c.h}
		if named[at] == nil {
			named[at] = map[string]bool{}
		}
		named[at][c.personID+c.orgID] = true
	}

	var results []*SheetResult
	bySheet := map[string]*SheetResult{}
	lastRow := map[string]int{}
	undated := map[string]int{} // by sheet, the roles given without a start date
	for n, c := range im.refs.claims {
		if n%256 == 255 && im.ctx.Err() != nil {
			return cancelled()
		}
		sheet := c.r.p.rows.name
		res := bySheet[sheet]
		if res == nil {
			res = &SheetResult{Sheet: sheet, Records: im.report.say("assignments"), entity: "assignment", plural: workspace.PluralOf("assignment")}
			bySheet[sheet] = res
			results = append(results, res)
		}
		if lastRow[sheet] != c.r.n {
			lastRow[sheet] = c.r.n
			res.Rows++
		}
		a, ok := im.claimed(c, today, byHolder, byConsortium, named[cell{c.r, c.h}], res)
		if !ok {
			continue
		}
		saved, _, err := workspace.Save(im.b, a)
		if err != nil {
			if lost := im.b.Err(); lost != nil {
				return lost
			}
			var e *workspace.Error
			if errors.As(err, &e) && e.Code != workspace.ErrInternal {
				c.r.reject(c.h, e.Message) // worded by the workspace already
			} else {
				c.r.reject(c.h, err.Error())
			}
			continue
		}
		im.assignments.put(&saved)
		held(im.assignments.byID[saved.ID])
		res.New++
		if c.start == "" {
			undated[sheet]++
		}
	}
	for _, res := range results {
		im.report.Sheets = append(im.report.Sheets, *res)
		// A start the sheet does not give is the day of the import: said,
		// so that it is not taken for a recorded date.
		switch n := undated[res.Sheet]; {
		case n == 1:
			im.report.add(Problem{Severity: Warning, Sheet: res.Sheet,
				Message: im.report.say("1 role given on this sheet without a start date was recorded as starting on %s, the day of the import: correct it if it started earlier.", today)})
		case n > 1:
			im.report.add(Problem{Severity: Warning, Sheet: res.Sheet,
				Message: im.report.say("%s roles given on this sheet without a start date were recorded as starting on %s, the day of the import: correct them where they started earlier.", workspace.Thousands(int64(n)), today)})
		}
	}
	return nil
}

// claimed returns the assignment a claim calls for, or false when it calls
// for none: its holder holds the role already (counted unchanged), or it
// cannot be placed (a problem of its row).
func (im *importer) claimed(c claim, today string, byHolder, byConsortium map[string][]*workspace.Assignment, named map[string]bool, res *SheetResult) (workspace.Assignment, bool) {
	r, h := c.r, c.h
	var roleIDs []string
	switch {
	case c.role.levels:
		for _, level := range []string{"cell", "cluster", "segment"} {
			if id := im.roleByKey(representativeRoles[level]); id != "" {
				roleIDs = append(roleIDs, id)
			}
		}
	case c.role.name != "":
		id := im.roles.find(c.role.name)
		if id == "" {
			r.noSuch(h, "role", c.role.name) // its row of the Roles sheet has a problem
			return workspace.Assignment{}, false
		}
		roleIDs = []string{id}
	default:
		roleIDs = []string{c.role.id}
	}

	if c.consortiumID != "" {
		roleID := roleIDs[0]
		holders := byConsortium[key(roleID, c.consortiumID)]
		if c.holderName != "" {
			for _, a := range holders {
				if p := im.people[a.PersonID]; p != nil && key(p.Name) == key(c.holderName) {
					res.Unchanged++
					return workspace.Assignment{}, false
				}
			}
			r.problem(h, "%d people in the workspace have this name: write the person's e-mail instead.", len(im.personByName[key(c.holderName)]))
			return workspace.Assignment{}, false
		}
		var others []string
		for _, a := range holders {
			if a.PersonID == c.personID && a.OrganisationID == c.orgID {
				res.Unchanged++
				return workspace.Assignment{}, false
			}
			if !named[a.PersonID+a.OrganisationID] {
				others = append(others, im.holderName(a))
			}
		}
		if im.changedByBook(roleID, c.personID+c.orgID, c.consortiumID) {
			res.Unchanged++
			return workspace.Assignment{}, false
		}
		if len(others) > 0 {
			r.warn(h, "%s now leads %s as %s beside %s, who still does: if one took over from the other, end the earlier assignment.",
				im.holderName(&workspace.Assignment{PersonID: c.personID, OrganisationID: c.orgID}), im.consortia[c.consortiumID].Code,
				im.roles.byID[roleID].Name, strings.Join(others, "; "))
		}
		return workspace.Assignment{RoleID: roleID, PersonID: c.personID, OrganisationID: c.orgID, ConsortiumID: c.consortiumID, StartOn: today}, true
	}

	// A roster's role: held already, wherever, is what the roster says.
	for _, roleID := range roleIDs {
		if im.changedByBook(roleID, c.personID, "") {
			res.Unchanged++
			return workspace.Assignment{}, false
		}
		if as := byHolder[key(roleID, c.personID)]; len(as) > 0 {
			res.Unchanged++
			same := c.start == ""
			for _, a := range as {
				same = same || a.StartOn == c.start
			}
			if !same {
				r.warn(h, "%s has held %s since %s, not %s as this row says: the date recorded was kept. Correct it in the window or on the Assignments sheet.",
					im.people[c.personID].Name, im.roles.byID[roleID].Name, as[0].StartOn, c.start)
			}
			return workspace.Assignment{}, false
		}
	}
	home := im.units[c.unitID]
	roleID := roleIDs[0]
	if c.role.levels {
		switch {
		case home == nil:
			r.problem(h, "“%s” says which role by the unit represented: give the person's Home unit, the cell, cluster or segment they represent.", clip(c.role.text, 60))
			return workspace.Assignment{}, false
		case representativeRoles[home.Level] == "" || im.roleByKey(representativeRoles[home.Level]) == "":
			r.problem(h, "A household representative represents a cell, a cluster or a segment, but the Home unit %s is not one: give the one they represent.", im.unitPath[home.ID])
			return workspace.Assignment{}, false
		}
		roleID = im.roleByKey(representativeRoles[home.Level])
	}
	role := im.roles.byID[roleID]
	a := workspace.Assignment{RoleID: roleID, PersonID: c.personID, StartOn: c.start}
	if a.StartOn == "" {
		a.StartOn = today
	}
	switch role.Scope {
	case "unit":
		if home == nil {
			r.problem(h, "The role “%s” is held in a community unit: give the person's Home unit, where they hold it, or record the role on the Assignments sheet.", role.Name)
			return workspace.Assignment{}, false
		}
		a.UnitID = home.ID
	case "consortium":
		r.problem(h, "The role “%s” is held in a consortium, which this sheet does not say: record it on the Assignments sheet, with its consortium.", role.Name)
		return workspace.Assignment{}, false
	}
	return a, true
}

// holderName names the holder of an assignment.
func (im *importer) holderName(a *workspace.Assignment) string {
	if o := im.orgs[a.OrganisationID]; o != nil {
		return o.Name
	}
	if p := im.people[a.PersonID]; p != nil {
		return p.Name
	}
	return ""
}
