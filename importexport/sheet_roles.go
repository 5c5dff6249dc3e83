package importexport

import (
	"strings"

	"cpw/translate"
	"cpw/workspace"
)

// rolesSheet holds the role catalogue.
var rolesSheet = sheetSpec{
	name: "Roles", aliases: []string{"Role catalogue", "Role"},
	entity: "role", records: func(say translate.Func) string { return say("roles") },
	cols: []col{idCol,
		{header: "Name", aliases: []string{"role", "role name"}, width: 36, required: true, note: "The role's name, unique in the catalogue."},
		{header: "Group", aliases: []string{"role group"}, kind: choice, choices: workspace.RoleGroups, list: "Role groups", width: 22, note: "Which part of the structure it belongs to."},
		{header: "Scope", aliases: []string{"held in", "where held"}, kind: choice, choices: workspace.RoleScopes, list: "Role scopes", width: 20, note: "Where it is held: the whole initiative, one consortium, or one community unit."},
		{header: "Unit level", aliases: []string{"level"}, kind: choice, choices: append([]workspace.Choice{{Key: "", Label: "Any"}}, workspace.UnitLevels...), list: "Unit levels", width: 10,
			note: "For roles held in a community unit: the level it is held at. Blank for any."},
		{header: "Key role", aliases: []string{"key", "is key"}, kind: yesNo, list: "Yes or no", width: 9, note: "Yes if a vacancy or an overloaded holder matters."},
		{header: "Holder", aliases: []string{"held by"}, kind: choice, choices: workspace.RoleHolders, list: "Holders", width: 22, note: "Who may hold it: a person, an organisation, or either."},
		{header: "Description", aliases: []string{"about"}, width: 40, note: "What the role is."},
		{header: "Responsibilities", aliases: []string{"duties", "tasks"}, width: 40, note: "What its holder does."},
		{header: "Retired on", aliases: []string{"retired"}, kind: date, width: 12, note: "The date it stopped being used; blank while in use."},
	},
	load: func(f *workspace.File, b *book) (err error) {
		b.roles, err = f.Roles(true)
		return err
	},
	readFirst: true,
	rows:      (*book).roleRows,
	read:      (*importer).roleRow,
}

// assignmentsSheet holds who holds which role, where, from when to when.
var assignmentsSheet = sheetSpec{
	name: "Assignments", aliases: []string{"Role holders", "Roles held", "Assignment"},
	entity: "assignment", records: func(say translate.Func) string { return say("assignments") },
	cols: []col{idCol,
		{header: "Role", aliases: []string{"role name"}, list: "Roles", width: 32, required: true, note: "The role, by its name in the catalogue."},
		{header: "Person", aliases: []string{"holder", "person name", "name"}, width: 26, field: "Holder", note: "The person who holds it, by name or e-mail. Leave blank when an organisation holds it."},
		{header: "Person ID", aliases: []string{"holder id"}, width: 38, note: "Filled in by Export Excel: tells apart people with the same name. Leave blank otherwise."},
		{header: "Organisation", aliases: []string{"holding organisation", "org"}, width: 30, note: "The organisation that holds it, when an organisation does."},
		{header: "Consortium", aliases: []string{"consortium code"}, list: "Consortium codes", width: 12, note: "For roles held in a consortium: its code."},
		{header: "Unit", aliases: []string{"community unit", "unit path"}, width: 40, field: "Community unit", note: "For roles held in a community unit: its path, Area / Segment / Cluster / Cell."},
		{header: "Start", aliases: []string{"start on", "from", "start date", "starts"}, kind: date, width: 12, required: true, note: "The first day it is held. Required."},
		{header: "End", aliases: []string{"end on", "until", "end date", "ends"}, kind: date, width: 12, note: "The first day it is no longer held; blank while current."},
		{header: "End reason", aliases: []string{"reason", "why ended"}, width: 20, note: "Why it ended: transferred, withdrew, term over."},
		{header: "Follows", aliases: []string{"follows id", "succeeds", "predecessor"}, width: 38, note: "The ID of the assignment this one took over from, if any."},
		{header: "Notes", aliases: []string{"note", "comments", "remarks"}, width: 30, note: "Anything else worth knowing."},
	},
	load: func(f *workspace.File, b *book) (err error) {
		b.assignments, err = f.Assignments(workspace.AssignmentFilter{})
		return err
	},
	rows:  (*book).assignmentRows,
	read:  (*importer).assignmentRow,
	order: (*importer).successorsLast,
}

func (b *book) roleRows() []row {
	out := make([]row, 0, len(b.roles))
	for _, r := range b.roles {
		out = append(out, row{r.ID, r.Name, label(workspace.RoleGroups, r.Group), label(workspace.RoleScopes, r.Scope),
			label(workspace.UnitLevels, r.UnitLevel), r.IsKey, label(workspace.RoleHolders, r.Holder), r.Description,
			r.Responsibilities, r.RetiredOn})
	}
	return out
}

func (b *book) assignmentRows() []row {
	n := b.names
	out := make([]row, 0, len(b.assignments))
	for _, a := range b.assignments {
		out = append(out, row{a.ID, n.roles[a.RoleID], n.people[a.PersonID], a.PersonID, n.orgs[a.OrganisationID],
			n.consortia[a.ConsortiumID], n.units[a.UnitID], a.StartOn, a.EndOn, a.EndReason, a.FollowsID, a.Notes})
	}
	return out
}

func (im *importer) roleRow(r *rowCtx, res *SheetResult) {
	id, old := byID(r, im.roles.byID)
	if found := im.roles.find(r.get("Name")); old == nil && r.get("Name") != "" && r.natural(id, found) {
		old = im.roles.byID[found]
	}
	ro := recordFor(old, workspace.Role{ID: id})
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
	defer r.failUnlessSaved("role", ro.Name)
	if r.bad || r.duplicate("role", ro.ID, ro.Name) {
		return
	}
	if saved, outcome, err := workspace.Save(im.b, ro); r.saved(res, saved.ID, outcome, err) {
		im.roles.put(&saved)
	}
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
	if saved, outcome, err := workspace.Save(im.b, a); r.saved(res, saved.ID, outcome, err) {
		im.assignments.put(&saved)
	}
}

// successorsLast orders assignment rows so that a row comes after the row
// whose assignment it follows.
func (im *importer) successorsLast(p *part) []int {
	idCol, followsCol := p.column("ID"), p.column("Follows")
	n := len(p.rows.rows)
	order := make([]int, 0, n)
	if idCol < 0 || followsCol < 0 {
		for i := 0; i < n; i++ {
			order = append(order, i)
		}
		return order
	}
	cell := func(i, c int) string {
		if c < len(p.rows.rows[i]) {
			return strings.ToLower(strings.TrimSpace(p.rows.rows[i][c]))
		}
		return ""
	}
	rowOfID := map[string]int{}
	for i := 0; i < n; i++ {
		if id := cell(i, idCol); id != "" {
			rowOfID[id] = i
		}
	}
	state := make([]byte, n) // 0 new, 1 visiting, 2 placed
	var visit func(i int)
	visit = func(i int) {
		if state[i] != 0 {
			return
		}
		state[i] = 1
		if j, ok := rowOfID[cell(i, followsCol)]; ok && j != i {
			visit(j)
		}
		state[i] = 2
		order = append(order, i)
	}
	for i := 0; i < n; i++ {
		visit(i)
	}
	return order
}
