package importexport

import (
	"strings"

	"cpw/translate"
	"cpw/workspace"
)

// organisationsSheet holds the partners and stakeholders. A 3W/4W sheet
// (who does what where) is read into it too.
var organisationsSheet = sheetSpec{
	name: "Organisations", aliases: []string{"Partners", "Organisation", "Stakeholders", "Orgs"},
	entity: "organisation", records: func(say translate.Func) string { return say("organisations") },
	cols: []col{idCol,
		{header: "Name", aliases: []string{"organisation", "organisation name", "partner", "partner name", "agency", "org", "implementing partner", "who"}, hxl: []string{"#org", "#org+name"}, width: 36, required: true,
			note: "The organisation's full name. Required; no two organisations may share it."},
		{header: "Acronym", aliases: []string{"short name", "abbreviation", "initials"}, hxl: []string{"#org+acronym", "#org+code"}, width: 12,
			note: "Its short name, such as AMT. Optional; no two organisations may share it."},
		{header: "Kind", aliases: []string{"type", "organisation type", "category", "partner type", "org type", "type of organisation"}, hxl: []string{"#org+type"}, kind: choice, choices: workspace.OrganisationKinds, list: "Organisation kinds", width: 30,
			note: "What sort of organisation it is: choose from the list.", choiceAliases: organisationKindAliases},
		{header: "Base", aliases: []string{"level", "based"}, kind: choice, choices: workspace.Bases, list: "Bases", width: 12,
			note: "Where it is rooted: local, national, regional or international; blank if not recorded."},
		{header: "Sectors", aliases: []string{"sector", "expertise", "themes", "cluster", "what"}, hxl: []string{"#sector", "#sector+cluster"}, kind: many, list: "Sectors", width: 36,
			note: "The sectors it knows, from the Lists sheet. Separate several with a semicolon (;)."},
		{header: "Interests", aliases: []string{"interest", "what it wants"}, width: 30, note: "What it wants from the initiative."},
		{header: "Commitment", aliases: []string{"engagement", "commitment status"}, kind: choice, choices: workspace.Commitments, list: "Commitments", width: 14,
			note: "How far it has joined in: prospective, approached, committed, active or withdrawn."},
		{header: "Stance", aliases: []string{"position", "attitude"}, kind: choice, choices: workspace.Stances, list: "Stances", width: 18,
			note: "Its attitude to the initiative, for the stakeholder map."},
		{header: "Influence", aliases: []string{"power"}, kind: choice, choices: workspace.Influences, list: "Influences", width: 10,
			note: "How much it can sway the initiative: high, medium or low."},
		{header: "Notes", aliases: []string{"note", "comments", "remarks"}, width: 30, note: "Anything else worth knowing."},
	},
	load: func(f *workspace.File, b *book) (err error) {
		b.organisations, err = f.Organisations()
		return err
	},
	readFirst: true,
	rows:      (*book).organisationRows,
	read:      (*importer).organisationRow,
	read3W:    (*importer).import3W,
}

// organisationKindAliases are the kinds of organisation as others'
// workbooks (3W matrices above all) name them.
var organisationKindAliases = map[string]string{"ngo": "ngo", "ingo": "ngo", "nngo": "ngo", "lngo": "ngo", "cso": "ngo",
	"civilsociety": "ngo", "internationalngo": "ngo", "nationalngo": "ngo", "localngo": "ngo", "unagency": "international",
	"un": "international", "county": "local-government", "countygovernment": "local-government", "countydepartment": "local-government",
	"localgovernment": "local-government", "nationalgovernment": "national-government", "nationalgovernmentagency": "national-government",
	"ministry": "national-government", "donor": "funder", "university": "academia", "company": "private-sector",
	"business": "private-sector", "communitybasedorganization": "cbo", "faithbased": "cbo", "fbo": "cbo"}

// kindBases are the kinds, as workbooks write them, that also say where an
// organisation is rooted: an INGO is an NGO based abroad. A kind that does
// not say leaves the base as the row gives it, or not recorded.
var kindBases = map[string]string{"ingo": "international", "internationalngo": "international", "unagency": "international",
	"un": "international", "nngo": "national", "nationalngo": "national", "lngo": "local", "localngo": "local",
	"county": "local", "countygovernment": "local", "countydepartment": "local", "localgovernment": "local",
	"nationalgovernment": "national", "nationalgovernmentagency": "national", "ministry": "national"}

// orgKind reads an organisation's kind and base. "Government" alone may be
// a county department or the national government, which the checks tell
// apart, so it is a question for the user rather than a guess; a kind that
// says where the organisation is rooted fills a base the row leaves blank.
func (r *rowCtx) orgKind(kind, base *string) {
	written := normalise(r.get("Kind"))
	_, answered := r.im.answers.value(r.p.spec.name, "Kind", r.get("Kind"))
	switch written {
	case "government", "gov", "govt", "governmentagency", "publicsector":
		if answered {
			break
		}
		r.im.plan.value(r.p.spec.name, "Kind", r.get("Kind"), "", true)
		r.problem("Kind", "“%s” may be a county department or the national government: write County / local-government department or National government.", r.get("Kind"))
		return
	}
	r.choice("Kind", kind)
	r.choice("Base", base)
	// Only a base not recorded is filled: one the workspace has, or the
	// row gives, is never overwritten by what a kind implies.
	if b, ok := kindBases[written]; ok && *base == "" {
		*base = b
	}
}

func (b *book) organisationRows() []row {
	n := b.names
	out := make([]row, 0, len(b.organisations))
	for _, o := range b.organisations {
		out = append(out, row{o.ID, o.Name, o.Acronym, label(workspace.OrganisationKinds, o.Kind),
			label(workspace.Bases, o.Base), mapNames(n.sectors, o.SectorIDs), o.Interests,
			label(workspace.Commitments, o.Commitment), label(workspace.Stances, o.Stance),
			label(workspace.Influences, o.Influence), o.Notes})
	}
	return out
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
	r.orgKind(&o.Kind, &o.Base)
	r.sectors("Sectors", &o.SectorIDs, false)
	r.text("Interests", &o.Interests)
	r.choice("Commitment", &o.Commitment)
	r.choice("Stance", &o.Stance)
	r.choice("Influence", &o.Influence)
	r.text("Notes", &o.Notes)
	im.saveOrganisation(r, res, o)
}

func (im *importer) saveOrganisation(r *rowCtx, res *SheetResult, o workspace.Organisation) {
	defer r.failUnlessSaved("organisation", o.Name, o.Acronym)
	if r.bad || r.duplicate("organisation", o.ID, o.Name) {
		return
	}
	if saved, outcome, err := workspace.Save(im.b, o); r.saved(res, saved.ID, outcome, err) {
		im.indexOrg(&saved)
	}
}

// import3W imports a 3W/4W sheet: one row per activity, so an organisation
// appears on many rows; its sectors are gathered and added to what the
// workspace knows of it. A row may name two organisations, the one that
// reports and its implementing partner: both are partners. A total row
// at the foot is skipped. What a row says of its activity (what, where,
// how far, when) is kept as an activity of the organisation that does it
// (see activitiesFrom3W), counted apart.
func (im *importer) import3W(p *part, res *SheetResult) error {
	type gathered struct {
		r       *rowCtx
		o       workspace.Organisation
		sectors []string
	}
	var order []string
	byName := map[string]*gathered{}
	type activityOf struct {
		i                    int
		doer, reporter, cell string
		sectors              []string
		bad                  func() bool
	}
	var activities []activityOf
	// gather adds a row's organisation; the row's Acronym and Kind are the
	// first organisation's, not its partner's.
	gather := func(r *rowCtx, name string, sectors []string, first bool) {
		g := byName[key(name)]
		if g == nil {
			acronym := ""
			if first {
				acronym = r.get("Acronym")
			}
			old := im.matchOrganisation(r, "", name, acronym)
			g = &gathered{r: r}
			if old != nil {
				g.o = *old
				g.sectors = append([]string(nil), old.SectorIDs...)
			} else {
				g.o = workspace.Organisation{Name: name, Acronym: acronym}
				kind := ""
				if first {
					r.orgKind(&kind, &g.o.Base)
				}
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
	for i := range p.rows.rows {
		r := im.rowOf(p, i)
		if err := im.step(p.rows.name); err != nil {
			return err
		}
		if r.totalRow() {
			continue
		}
		names := append([]string{r.get("Name")}, r.also("Name")...)
		if strings.Join(names, "") == "" {
			if !r.blank() {
				r.warn("Name", "This row names no organisation, so it was skipped.")
			}
			continue
		}
		var sectors []string
		r.sectors("Sectors", &sectors, true)
		for j, name := range names {
			if name == "" || (j > 0 && key(name) == key(names[0])) {
				continue // a partner that is the row's own organisation
			}
			gather(r, name, sectors, j == 0)
		}
		if p.activity != nil {
			doer, reporter := doer3W(p, i)
			activities = append(activities, activityOf{i: i, doer: doer, reporter: reporter, cell: r.get("Sectors"), sectors: sectors,
				bad: func() bool { return r.bad }})
		}
	}
	for _, k := range order {
		g := byName[k]
		g.o.SectorIDs = workspace.Dedupe(g.sectors)
		im.saveOrganisation(g.r, res, g.o)
	}
	if p.activity == nil {
		return nil
	}
	// The activities, once their organisations are saved (a new one has
	// its id only then); a row whose organisation has a problem gives none.
	var rows []threeWRow
	for _, a := range activities {
		g := byName[key(a.doer)]
		if g == nil || a.bad() || g.r.bad {
			continue
		}
		id := g.o.ID
		if id == "" {
			id = im.orgByName[key(g.o.Name)]
		}
		if id != "" {
			rows = append(rows, threeWRow{i: a.i, orgID: id, reporter: a.reporter, sectors: a.sectors, written: splitList(a.cell)})
		}
	}
	acts := SheetResult{Sheet: p.rows.name, Records: im.report.say("activities (3W)"), Rows: len(p.rows.rows), entity: activitiesSheet.entity,
		plural: workspace.PluralOf(activitiesSheet.entity)}
	err := activitiesSheet.from3W(im, p, rows, &acts)
	im.more = append(im.more, acts)
	return err
}

// doer3W says which organisation of a 3W row does its activity: the
// implementing partner, when a column says it names one (#org+impl,
// "Implementing partner") and the row fills it, since the work on the
// ground is theirs and the organisation reporting it often funds or
// coordinates it from elsewhere; the reporting organisation is then named
// beside the activity. Otherwise the row's first organisation does it.
func doer3W(p *part, i int) (doer, reporter string) {
	cells := p.rows.rows[i]
	nameCol := p.spec.at("Name")
	for _, idx := range append([]int{p.at[nameCol]}, p.also[nameCol]...) {
		if idx < 0 || idx >= len(cells) {
			continue
		}
		v := unneutralise(strings.TrimSpace(cells[idx]))
		switch {
		case v == "":
		case implementingColumn(p.rows, idx):
			if doer == "" {
				doer = v
			}
		case reporter == "":
			reporter = v
		}
	}
	switch {
	case doer == "":
		return reporter, ""
	case key(reporter) == key(doer):
		return doer, ""
	}
	return doer, reporter
}

// implementingColumn reports whether a 3W's organisation column names the
// implementing partner, by its HXL hashtag or its header.
func implementingColumn(s *sheetRows, idx int) bool {
	if tag := tagOf(s, idx); strings.Contains(tag+"+", "+impl+") || strings.Contains(tag+"+", "+implementing+") {
		return true
	}
	return idx < len(s.headers) && strings.Contains(normalise(s.headers[idx]), "implement")
}
