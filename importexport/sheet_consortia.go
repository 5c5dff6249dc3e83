package importexport

import (
	"sort"

	"cpw/translate"
	"cpw/workspace"
)

// consortiaSheet holds the sector consortia.
var consortiaSheet = sheetSpec{
	name: "Consortia", aliases: []string{"Consortiums", "Consortium", "Sector consortia"},
	entity: "consortium", records: func(say translate.Func) string { return say("consortia") },
	cols: []col{idCol,
		{header: "Code", aliases: []string{"consortium code", "short code"}, width: 10, required: true, note: "A short code such as WSE: one word, unique. Required."},
		{header: "Name", aliases: []string{"consortium", "consortium name"}, width: 36, note: "The consortium's name. Required."},
		{header: "Purpose", aliases: []string{"aim", "objective", "mandate"}, width: 40, note: "What it plans."},
		{header: "Status", aliases: []string{"stage"}, kind: choice, choices: workspace.ConsortiumStatuses, list: "Consortium statuses", width: 24, note: "How far its planning has come."},
		{header: "Sectors", aliases: []string{"sector", "themes"}, kind: many, list: "Sectors", width: 36, note: "The sectors it plans, from the Lists sheet, separated by semicolons."},
		{header: "County lead", aliases: []string{"lead (county)", "county lead", "lead county", "government lead", "lead (government)", "local government lead",
			"lead (local government)", "technical lead (local government)", "county technical lead"}, kind: many, width: 30,
			note: "Who leads it from local government (the role Technical lead (local government)): an organisation, by name or acronym, or a person, by name or e-mail; several separated by semicolons. One who leads it already is left as it is."},
		{header: "Civil-society lead", aliases: []string{"lead (cso)", "cso lead", "civil society lead", "lead (civil society)", "technical lead (civil society)",
			"lead (ngo)", "ngo lead"}, kind: many, width: 30,
			note: "Who leads it from civil society (the role Technical lead (civil society)): an organisation, by name or acronym, or a person, by name or e-mail; several separated by semicolons. One who leads it already is left as it is."},
	},
	load: func(f *workspace.File, b *book) (err error) {
		b.consortia, err = f.Consortia()
		return err
	},
	readFirst: true,
	rows:      (*book).consortiumRows,
	read:      (*importer).consortiumRow,
}

// membersSheet holds the organisations' memberships of consortia.
var membersSheet = sheetSpec{
	name: "Members", aliases: []string{"Memberships", "Consortium members", "Membership"},
	entity: "consortium member", records: func(say translate.Func) string { return say("members") },
	cols: []col{idCol,
		{header: "Consortium", aliases: []string{"consortium code"}, list: "Consortium codes", width: 12, required: true, note: "The consortium, by code or name."},
		{header: "Organisation", aliases: []string{"member", "organisation name", "partner"}, width: 36, required: true, note: "The member organisation, by name or acronym."},
		{header: "Contribution", aliases: []string{"contributes", "brings", "role"}, width: 36, note: "What it brings: expertise, staff, data, funds."},
		{header: "Joined on", aliases: []string{"joined", "from", "start"}, kind: date, width: 12, note: "The date it joined."},
		{header: "Left on", aliases: []string{"left", "until", "end"}, kind: date, width: 12, note: "The date it left; blank while it is a member."},
	},
	load: func(f *workspace.File, b *book) (err error) {
		b.members, err = f.Members("")
		return err
	},
	rows: (*book).memberRows,
	read: (*importer).memberRow,
}

func (b *book) consortiumRows() []row {
	n := b.names
	leads := b.leadsNow()
	out := make([]row, 0, len(b.consortia))
	for _, c := range b.consortia {
		out = append(out, row{c.ID, c.Code, c.Name, c.Purpose, label(workspace.ConsortiumStatuses, c.Status),
			mapNames(n.sectors, c.SectorIDs), leads[key(c.ID, workspace.RoleTechnicalLeadGovernment)],
			leads[key(c.ID, workspace.RoleTechnicalLeadCivil)]})
	}
	return out
}

// leadsNow returns the names of the consortia's leads (their assignments
// not ended), by consortium and the key of the role, sorted. Who holds them
// is read after the consortia, so it waits for that.
func (b *book) leadsNow() map[string][]string {
	out := map[string][]string{}
	if b.waitAll() != nil {
		return out // the export stops at its next sheet with the error
	}
	roleKeys := map[string]string{}
	for _, ro := range b.roles {
		if ro.Key == workspace.RoleTechnicalLeadGovernment || ro.Key == workspace.RoleTechnicalLeadCivil {
			roleKeys[ro.ID] = ro.Key
		}
	}
	for _, a := range b.assignments {
		if roleKeys[a.RoleID] == "" || a.ConsortiumID == "" || a.EndOn != "" {
			continue
		}
		k := key(a.ConsortiumID, roleKeys[a.RoleID])
		out[k] = append(out[k], b.names.orgs[a.OrganisationID]+b.names.people[a.PersonID])
	}
	for k := range out {
		sort.Strings(out[k])
	}
	return out
}

func (b *book) memberRows() []row {
	n := b.names
	out := make([]row, 0, len(b.members))
	for _, m := range b.members {
		out = append(out, row{m.ID, n.consortia[m.ConsortiumID], n.orgs[m.OrganisationID], m.Contribution, m.JoinedOn,
			m.LeftOn})
	}
	return out
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
	// Its leads are read now, and assigned once every sheet is in
	// (claims.go).
	county := r.leads("County lead", workspace.RoleTechnicalLeadGovernment)
	civil := r.leads("Civil-society lead", workspace.RoleTechnicalLeadCivil)
	defer r.failUnlessSaved("consortium", c.Code, c.Name)
	if r.bad || r.duplicate("consortium", c.ID, c.Code) {
		return
	}
	if saved, outcome, err := workspace.Save(im.b, c); r.saved(res, saved.ID, outcome, err) {
		im.indexConsortium(&saved)
		im.claimLeads(saved.ID, county, civil)
	}
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
	if saved, outcome, err := workspace.Save(im.b, m); r.saved(res, saved.ID, outcome, err) {
		im.indexMember(&saved, old)
	}
}
