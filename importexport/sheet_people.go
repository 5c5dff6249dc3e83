package importexport

import (
	"slices"
	"sort"
	"strings"

	"cpw/translate"
	"cpw/workspace"
)

// peopleSheet holds the people: partners' staff and residents. Their phone
// and e-mail are personal data, written only when an export asks for them.
var peopleSheet = sheetSpec{
	name: "People", aliases: []string{"Persons", "Contacts", "Person", "Roster", "Staff", "Members list"},
	entity: "person", records: func(say translate.Func) string { return say("people") },
	cols: []col{idCol,
		{header: "Name", aliases: []string{"full name", "person", "person name", "names", "name of person", "name of mobilizer",
			"mobilizer name", "mobilizer", "name of member", "member name", "participant", "participant name", "name of participant",
			"respondent name", "name of respondent", "first and last name"}, width: 28, required: true, note: "The person's name. Required."},
		{header: "Organisation", aliases: []string{"organisation name", "employer", "agency", "org"}, width: 32,
			note: "The organisation they work for, by name or acronym. Blank for residents without one."},
		{header: "Position", aliases: []string{"title", "job title", "designation"}, width: 22, note: "Their position in the organisation."},
		{header: "Phone", several: true, aliases: []string{"phone number", "telephone", "mobile", "mobile number", "tel", "cell phone", "mobile no", "mobile phone",
			"phone no", "tel no", "tel number", "telephone no", "telephone number", "contact no", "contact number"}, contact: true, width: 16,
			note: "Digits, spaces and + - ( ) . / only. Exported only with contact details."},
		{header: "E-mail", aliases: []string{"email address", "mail", "e-mail address"}, contact: true, width: 28,
			note: "Their e-mail address; it identifies the person when importing again. Exported only with contact details."},
		{header: "Gender", aliases: []string{"sex"}, kind: choice, choices: workspace.Genders, list: "Genders", width: 14, note: "Female, male or other; blank if not recorded.",
			choiceAliases: map[string]string{"f": "female", "m": "male", "woman": "female", "man": "male"}},
		{header: "Age band", aliases: []string{"age", "age group"}, kind: choice, choices: workspace.AgeBands, list: "Age bands", width: 12, note: "Their age band, or their age in years; blank if not recorded."},
		{header: "Resident", aliases: []string{"lives in settlement", "is resident"}, kind: yesNo, list: "Yes or no", width: 10, note: "Yes if they live in the settlement, No if not; blank if not recorded."},
		{header: "Home unit", aliases: []string{"home", "unit", "lives in", "community unit", "village", "home village", "where they live"}, width: 40,
			note: "The community unit they live in, written as its path (Area / Segment / Cluster / Cell), or as its name where no other unit has it."},
		{header: "Role", aliases: []string{"roles", "project role", "role in project", "role in the project", "role held", "roles held", "assigned role"},
			kind: many, list: "Roles", width: 30,
			note: "The roles they hold, by name, separated by semicolons: a role held in a community unit is held in their home unit, one of the whole initiative in the initiative. Export Excel writes the roles they hold now; one they hold already is not made again."},
		{header: "Role since", aliases: []string{"since", "start", "start date", "date joined", "joined", "joined on", "date started", "in role since",
			"date recruited", "recruited on", "date of recruitment", "date appointed", "appointed on"},
			kind: date, width: 12, note: "The day they began to hold the roles of the Role column that are new; blank for the day of the import. Export Excel fills it when they hold one role."},
		{header: "Notes", aliases: []string{"note", "comments", "remarks"}, width: 30, note: "Anything else worth knowing."},
		// A household from a survey (sheet_survey.go): its submission and
		// head-counts.
		{header: "Survey ID", aliases: []string{"submission id", "survey submission"}, width: 38,
			note: "The survey submission the person came from (KoboToolbox's _uuid, ODK Central's KEY): importing a later export of the survey updates them. Blank for the others."},
		{header: "Household size", aliases: []string{"household members", "hh size"}, kind: count, width: 12,
			note: "The members of the household they head or answered a survey for, in all; blank if not recorded."},
		{header: "Household women", kind: count, width: 12, note: "Women of 18 and over in their household; blank if not recorded."},
		{header: "Household men", kind: count, width: 12, note: "Men of 18 and over in their household; blank if not recorded."},
		{header: "Household children", kind: count, width: 12, note: "Children under 18 in their household; blank if not recorded."},
		{header: "Household youth", kind: count, width: 12, note: "Members of 18 to 35 in their household; blank if not recorded."},
		// Why the person may be recorded, as the data protection law asks.
		{header: "Basis", aliases: []string{"lawful basis", "legal basis", "basis for processing"}, kind: choice, choices: workspace.LawfulBases, list: "Lawful bases", width: 18,
			note:          "Why they may be recorded: their consent, a public role they hold, or another lawful basis; blank if not recorded.",
			choiceAliases: map[string]string{"consent": "consent", "consented": "consent", "public": "public role"}},
		{header: "Consent given on", aliases: []string{"consent date", "date of consent", "consented on"}, kind: date, width: 12,
			note: "The day they gave their consent, when it is the basis."},
		{header: "How consent was given", aliases: []string{"consent how", "consent form", "consent method"}, width: 24,
			note: "How they gave it: a signed form, spoken before a witness, …"},
		{header: "Consent taken by", aliases: []string{"consent taken", "consent witness", "witnessed by"}, width: 22, note: "Who took their consent."},
		{header: "Consent withdrawn on", aliases: []string{"withdrawn on", "consent withdrawn", "date consent withdrawn"}, kind: date, width: 12,
			note: "The day they withdrew their consent; their data should then be erased unless another basis applies."},
	},
	load: func(f *workspace.File, b *book) (err error) {
		if b.people, err = f.People(workspace.PersonFilter{}); err == nil {
			for _, p := range b.people {
				b.names.people[p.ID] = p.Name
			}
		}
		return err
	},
	rows: (*book).personRows,
	read: (*importer).personRow,
}

func (b *book) personRows() []row {
	n := b.names
	roles, since := b.heldNow()
	out := make([]row, 0, len(b.people))
	for _, p := range b.people {
		out = append(out, row{p.ID, p.Name, n.orgs[p.OrganisationID], p.Position, p.Phone, p.Email,
			label(workspace.Genders, p.Gender), label(workspace.AgeBands, p.AgeBand), p.Resident, n.units[p.HomeUnitID],
			append([]string{}, roles[p.ID]...), since[p.ID],
			p.Notes, p.SurveyID, p.HouseholdSize, p.HouseholdWomen, p.HouseholdMen, p.HouseholdChildren, p.HouseholdYouth,
			label(workspace.LawfulBases, p.Basis), p.ConsentOn, p.ConsentHow, p.ConsentBy, p.WithdrawnOn})
	}
	return out
}

func (im *importer) personRow(r *rowCtx, res *SheetResult) {
	id, old := byID(r, im.people)
	var orgID string
	r.org("Organisation", &orgID)
	if found := im.personByEmail[key(r.get("E-mail"))]; old == nil && r.get("E-mail") != "" && r.natural(id, found) {
		old = im.people[found]
	}
	// What tells apart two people of one name (two Mary Wanjiru
	// mobilizers): their e-mail, phone, home and age band, read once here.
	var phone, ageBand, homeID string
	r.phone("Phone", &phone)
	r.ageBand("Age band", &ageBand)
	r.unit("Home unit", &homeID)
	if old == nil && r.get("Name") != "" && !r.bad { // not when the organisation is unknown
		var same []string
		for _, pid := range im.personByName[key(r.get("Name"))] {
			cand := im.people[pid]
			differ := func(a, b string) bool { return a != "" && b != "" && key(a) != key(b) }
			// An age band or a home tells apart two rows of this workbook
			// (two Mary Wanjiru mobilizers); against a record from before,
			// they may simply have changed (a birthday, a move).
			_, thisWorkbook := im.seen[pid]
			other := differ(r.get("E-mail"), cand.Email) || differ(r.get("Survey ID"), cand.SurveyID) ||
				thisWorkbook && (differ(ageBand, cand.AgeBand) || differ(homeID, cand.HomeUnitID)) ||
				phone != "" && cand.Phone != "" && !samePhone(phone, cand.Phone)
			if (!r.has("Organisation") || cand.OrganisationID == orgID) && !other && r.natural(id, pid) {
				same = append(same, pid)
			}
		}
		switch {
		case len(same) == 1:
			old = im.people[same[0]]
		case len(same) > 1 && id != "":
			// Several of that name, and the row has its own id: a new person.
		case len(same) > 1:
			r.problem("Name", "%d people in the workspace have this name: add an E-mail column, or keep the ID column Export Excel writes, to say which one this is.", len(same))
		}
	}
	p := recordFor(old, workspace.Person{ID: id})
	r.text("Name", &p.Name)
	if r.has("Organisation") {
		p.OrganisationID = orgID
	}
	r.text("Position", &p.Position)
	if r.has("Phone") {
		p.Phone = phone
	}
	r.text("E-mail", &p.Email)
	r.choice("Gender", &p.Gender)
	if r.has("Age band") {
		p.AgeBand = ageBand
	}
	r.answer("Resident", &p.Resident)
	if r.has("Home unit") {
		p.HomeUnitID = homeID
	}
	r.text("Notes", &p.Notes)
	r.text("Survey ID", &p.SurveyID)
	r.headCount("Household size", &p.HouseholdSize)
	r.headCount("Household women", &p.HouseholdWomen)
	r.headCount("Household men", &p.HouseholdMen)
	r.headCount("Household children", &p.HouseholdChildren)
	r.headCount("Household youth", &p.HouseholdYouth)
	r.choice("Basis", &p.Basis)
	r.date("Consent given on", &p.ConsentOn)
	r.text("How consent was given", &p.ConsentHow)
	r.text("Consent taken by", &p.ConsentBy)
	r.date("Consent withdrawn on", &p.WithdrawnOn)
	// The roles the row says they hold are read now, and made assignments
	// once every sheet is in (claims.go).
	held := r.heldRoles("Role")
	var since string
	r.date("Role since", &since)
	defer r.failUnlessSaved("person", p.Name)
	if r.bad || r.duplicate("person", p.ID, p.Name) {
		return
	}
	if saved, outcome, err := workspace.Save(im.b, p); r.saved(res, saved.ID, outcome, err) {
		im.indexPerson(&saved)
		im.claimRoles(r, "Role", &saved, held, since)
	}
}

// heldNow returns, by person, the names of the roles they hold (their
// assignments not ended), in the catalogue's order, and the start of the
// assignment of those who hold one. The assignments are read after the
// people, so it waits for them.
func (b *book) heldNow() (roles map[string][]string, since map[string]string) {
	roles, since = map[string][]string{}, map[string]string{}
	if b.waitAll() != nil {
		return roles, since // the export stops at its next sheet with the error
	}
	order := map[string]int{}
	for i, ro := range b.roles {
		order[ro.ID] = i
	}
	count := map[string]int{}
	held := map[string][]string{}
	for _, a := range b.assignments {
		if a.PersonID == "" || a.EndOn != "" {
			continue
		}
		count[a.PersonID]++
		since[a.PersonID] = a.StartOn
		if !slices.Contains(held[a.PersonID], a.RoleID) {
			held[a.PersonID] = append(held[a.PersonID], a.RoleID)
		}
	}
	for pid, ids := range held {
		sort.Slice(ids, func(i, j int) bool { return order[ids[i]] < order[ids[j]] })
		for _, id := range ids {
			roles[pid] = append(roles[pid], b.names.roles[id])
		}
		if count[pid] != 1 {
			delete(since, pid)
		}
	}
	return roles, since
}

// samePhone reports whether two phone fields share a number, compared by
// their last nine digits ("+254 712 345 001" is "0712345001").
func samePhone(a, b string) bool {
	numbers := func(s string) map[string]bool {
		out := map[string]bool{}
		for _, n := range strings.Split(s, "/") {
			d := strings.Map(func(c rune) rune {
				if c >= '0' && c <= '9' {
					return c
				}
				return -1
			}, n)
			if len(d) > 9 {
				d = d[len(d)-9:]
			}
			if d != "" {
				out[d] = true
			}
		}
		return out
	}
	theirs := numbers(b)
	for n := range numbers(a) {
		if theirs[n] {
			return true
		}
	}
	return false
}
