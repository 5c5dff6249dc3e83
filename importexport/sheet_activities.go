package importexport

import (
	"sort"
	"strings"

	"cpw/translate"
	"cpw/workspace"
)

// activitiesSheet holds what each organisation does where. A 3W/4W sheet
// (who does what where) gives them too: its columns about a row's
// activity, its place and its status are read into this sheet's columns
// (see part.activityColumn and from3W).
var activitiesSheet = sheetSpec{
	name: "Activities", aliases: []string{"Activity", "Who does what where", "Projects", "Interventions"},
	entity: "activity", records: func(say translate.Func) string { return say("activities") },
	cols: []col{idCol,
		{header: "Organisation", aliases: []string{"organisation name", "partner", "partner name", "implementing partner", "agency"}, hxl: []string{"#org"},
			width: 32, required: true, note: "The organisation that does it, by name or acronym."},
		{header: "Sector", aliases: []string{"cluster", "theme"}, hxl: []string{"#sector"}, list: "Sectors", width: 30,
			note: "The sector it is in, from the Lists sheet. Blank if not recorded."},
		{header: "Unit", aliases: []string{"community unit", "location", "ward", "village", "settlement", "sub-county", "site", "where"},
			hxl: []string{"#loc", "#adm1", "#adm2", "#adm3", "#adm4", "#adm5"}, width: 40, field: "Community unit",
			note: "The community unit where it happens, written as its path: Area / Segment / Cluster. Blank when it is none of the units."},
		{header: "Place", aliases: []string{"place as written"}, width: 30,
			note: "Where it happens as the partner wrote it, when that is none of the community units."},
		{header: "Activity", aliases: []string{"activities", "project", "projects", "intervention", "interventions"}, hxl: []string{"#activity"},
			width: 40, required: true,
			note: "What is done, in a few words. Required."},
		{header: "Status", aliases: []string{"activity status", "project status", "progress"}, hxl: []string{"#status"}, kind: choice,
			choices: workspace.ActivityStatuses, list: "Activity statuses", width: 14, choiceAliases: activityStatusAliases,
			note: "How far it has come: planned, ongoing or completed; blank if not recorded."},
		{header: "Start", aliases: []string{"start date", "started", "date started", "from"}, hxl: []string{"#date+start"}, kind: date, width: 12,
			note: "When it started or will start, if known."},
		{header: "End", aliases: []string{"end date", "ended", "date ended", "completion date", "to"}, hxl: []string{"#date+end"}, kind: date, width: 12,
			note: "When it ended or will end, if known."},
		{header: "Notes", aliases: []string{"note", "comments", "remarks"}, width: 30, note: "Anything else worth knowing."},
	},
	load: func(f *workspace.File, b *book) (err error) {
		b.activities, err = f.Activities(workspace.ActivityFilter{})
		return err
	},
	rows:   (*book).activityRows,
	read:   (*importer).activityRow,
	from3W: (*importer).activitiesFrom3W,
}

// activityStatusAliases are the statuses as 3W matrices write them.
var activityStatusAliases = map[string]string{
	"pipeline": "planned", "proposed": "planned", "notstarted": "planned", "notyetstarted": "planned", "planning": "planned",
	"upcoming": "planned", "pending": "planned", "tostart": "planned",
	"ongoing": "ongoing", "inprogress": "ongoing", "active": "ongoing", "current": "ongoing", "running": "ongoing",
	"implementation": "ongoing", "implementing": "ongoing", "started": "ongoing", "underway": "ongoing",
	"complete": "completed", "finished": "completed", "done": "completed", "closed": "completed", "ended": "completed",
	"concluded": "completed",
	"unknown":   "", "notknown": "", "na": "", "none": "",
}

// activityRows writes the activities by organisation and what is done.
func (b *book) activityRows() []row {
	n := b.names
	acts := make([]*workspace.Activity, len(b.activities))
	for i := range b.activities {
		acts[i] = &b.activities[i]
	}
	sort.SliceStable(acts, func(i, j int) bool {
		if a, c := strings.ToLower(n.orgs[acts[i].OrganisationID]), strings.ToLower(n.orgs[acts[j].OrganisationID]); a != c {
			return a < c
		}
		return strings.ToLower(acts[i].Description) < strings.ToLower(acts[j].Description)
	})
	out := make([]row, 0, len(acts))
	for _, a := range acts {
		out = append(out, row{a.ID, n.orgs[a.OrganisationID], n.sectors[a.SectorID], n.units[a.UnitID], a.Place, a.Description,
			label(workspace.ActivityStatuses, a.Status), a.StartOn, a.EndOn, a.Notes})
	}
	return out
}

// activityKey is an activity's natural key: one organisation's activity at
// one place in one sector (as the workspace's unique index has it).
func activityKey(a *workspace.Activity) string {
	return key(a.OrganisationID, a.UnitID, a.Place, a.SectorID, a.Description)
}

// activityRow matches the row by id, else by its natural key.
func (im *importer) activityRow(r *rowCtx, res *SheetResult) {
	id, old := byID(r, im.activities.byID)
	var orgID, sectorID, unitID string
	r.org("Organisation", &orgID)
	r.sector("Sector", &sectorID)
	r.unit("Unit", &unitID)
	what := r.get("Activity")
	if found := im.activities.find(orgID, unitID, r.get("Place"), sectorID, what); old == nil && orgID != "" && what != "" && r.natural(id, found) {
		old = im.activities.byID[found]
	}
	a := recordFor(old, workspace.Activity{ID: id})
	a.OrganisationID = orgID
	if r.has("Sector") {
		a.SectorID = sectorID
	}
	if r.has("Unit") {
		a.UnitID = unitID
	}
	r.text("Place", &a.Place)
	r.text("Activity", &a.Description)
	r.choice("Status", &a.Status)
	r.date("Start", &a.StartOn)
	r.date("End", &a.EndOn)
	r.text("Notes", &a.Notes)
	if r.bad || r.duplicate("activity", a.ID, what) {
		return
	}
	if saved, outcome, err := workspace.Save(im.b, a); r.saved(res, saved.ID, outcome, err) {
		im.activities.put(&saved)
	}
}

// sector reads one sector, by its name in the workspace.
func (r *rowCtx) sector(h string, dst *string) {
	v, ok := r.value(h)
	if !ok {
		return
	}
	if v == "" {
		*dst = ""
		return
	}
	if id, ok := r.im.sectorID(v, false); ok {
		*dst = id
		return
	}
	r.problem(h, "The sector “%s” is not one of this workspace's sectors: choose from the Lists sheet.", v)
}

// activityColumn takes a column of a 3W sheet that the sheet's
// organisations do not use for what the row says of its activity: what is
// done, where, how far it has come, when, with notes. It reports whether
// it took the column. Several columns may say what is done (an activity
// and its type), and several where (county, ward, village): all are kept.
func (p *part) activityColumn(i int, header, tag string, r *Report, ans *answers, plan *planned) bool {
	if strings.Contains(tag+"+", "+code+") {
		return false // a code (a place's P-code) names nothing to keep
	}
	spec := &activitiesSheet
	c, how := -1, r.say("its header")
	if meaning, ok := ans.column(spec.name, header); ok && strings.TrimSpace(header) != "" {
		if c, how = spec.at(meaning), r.say("as you said"); c < 0 {
			plan.column(ColumnMapping{Kind: spec.name, Header: strings.TrimSpace(header), Column: "", Why: how})
			return true // the user said to ignore it
		}
	}
	for n, column := range spec.cols {
		if c >= 0 {
			break
		}
		switch column.header {
		case "ID", "Organisation", "Sector":
			continue // the organisation's columns
		}
		byHeader := strings.TrimSpace(header) != "" && !strings.HasPrefix(header, "#") && column.matches(header)
		if byHeader || activityHXL(column, tag) || (column.header == "Unit" && placeRank(header, tag) < unranked) {
			c = n
		}
	}
	// "Activity type", "Project name", "Intervention description": what
	// is done, in more words.
	for _, word := range []string{"activit", "project", "intervention"} {
		if n := normalise(header); c < 0 && strings.HasPrefix(n, word) && !strings.HasSuffix(n, "status") && !strings.HasSuffix(n, "code") {
			c = spec.at("Activity")
		}
	}
	if c < 0 {
		return false
	}
	if spec.cols[c].header == "Place" {
		c = spec.at("Unit") // in a 3W every column naming a place is read to find the unit
	}
	if p.activity == nil {
		p.activity = &part{spec: spec, order: p.order, rows: p.rows, at: make([]int, len(spec.cols)), is3W: true, also: map[int][]int{}}
		for n := range p.activity.at {
			p.activity.at[n] = -1
		}
	}
	a := p.activity
	switch header := spec.cols[c].header; {
	case a.at[c] < 0:
		a.at[c] = i
	case header == "Activity":
		a.also[c] = append(a.also[c], i)
	case header == "Unit":
		// The places broadest first (county, ward, village), each column's
		// level told by its HXL hashtag or its header, else by its place.
		all := append([]int{a.at[c], i}, a.also[c]...)
		sort.SliceStable(all, func(x, y int) bool {
			return placeRank(p.rows.headers[all[x]], tagOf(p.rows, all[x])) < placeRank(p.rows.headers[all[y]], tagOf(p.rows, all[y]))
		})
		a.at[c], a.also[c] = all[0], all[1:]
	default:
		return false // a second status or date column: the first is read
	}
	shown := strings.TrimSpace(header)
	if shown == "" {
		shown = tag
	}
	plan.column(ColumnMapping{Kind: spec.name, Header: shown, Column: spec.cols[c].header, Why: how})
	return true
}

// activityHXL reports whether an HXL hashtag means an activity's column.
// A place's code (#adm1+code, a P-code) names no unit, and is left out.
func activityHXL(c col, tag string) bool {
	if tag == "" || strings.Contains(tag+"+", "+code+") {
		return false
	}
	base, _, _ := strings.Cut(tag, "+")
	if c.header == "Start" || c.header == "End" {
		return base == "#date" && strings.Contains(tag+"+", "+"+strings.ToLower(c.header)+"+")
	}
	for _, h := range c.hxl {
		if base == h {
			return true
		}
	}
	return false
}

// unranked is the rank of a column that does not say how broad a place it
// names.
const unranked = 50

// placeRank says how broad a place a column names: an administrative level
// (#adm1, Admin 2, County, Ward…), broadest first; unranked when neither
// its hashtag nor its header says, or when it holds codes (P-codes), which
// name no unit.
func placeRank(header, tag string) int {
	n := normalise(header)
	if strings.Contains(tag+"+", "+code+") || strings.Contains(n, "code") {
		return unranked
	}
	base, _, _ := strings.Cut(strings.ToLower(tag), "+")
	if strings.HasPrefix(base, "#adm") && len(base) == 5 && base[4] >= '1' && base[4] <= '9' {
		return int(base[4] - '0')
	}
	if base == "#loc" {
		return 10
	}
	for _, prefix := range []string{"admin", "adm"} {
		if rest, ok := strings.CutPrefix(n, prefix); ok && len(rest) > 0 && rest[0] >= '1' && rest[0] <= '9' {
			return int(rest[0] - '0')
		}
	}
	for _, w := range []struct {
		word string
		rank int
	}{{"subcounty", 2}, {"district", 2}, {"county", 1}, {"ward", 3}, {"sublocation", 4}, {"location", 4}, {"settlement", 5},
		{"village", 6}, {"segment", 6}, {"cluster", 7}, {"cell", 8}} {
		if n == w.word || n == w.word+"name" {
			return w.rank
		}
	}
	return unranked
}

func tagOf(s *sheetRows, i int) string {
	if i < len(s.tags) {
		return strings.ToLower(strings.TrimSpace(s.tags[i]))
	}
	return ""
}

// threeWRow is a row of a 3W sheet as its activity needs it, once its
// organisations are saved.
type threeWRow struct {
	i        int      // the row's place in the sheet's rows
	orgID    string   // the organisation that does the activity
	reporter string   // the organisation that reported it, when another
	sectors  []string // the row's sectors, as the workspace has them
	written  []string // the row's sectors, as it writes them
}

// activitiesFrom3W keeps what each row of a 3W sheet says of its activity
// as an activity of the row's organisation: what is done, in the row's
// sector (one activity per sector the row names), at the community unit
// its place names, else at the place as written, with its status, dates
// and notes. An activity already in the workspace (the same organisation,
// place, sector and activity) is updated, so a 3W imported again changes
// nothing.
func (im *importer) activitiesFrom3W(p *part, rows []threeWRow, res *SheetResult) error {
	placed := map[string]bool{} // the places already reported
	seen := map[string]int{}    // an activity's key → the row that gave it
	// The sheet's rows as this 3W reads them (a copy of the part may hold
	// fewer than the sheet), with the activity's columns.
	ap := *p.activity
	ap.rows = p.rows
	for _, w := range rows {
		r := im.rowOf(&ap, w.i)
		what := strings.Join(nonEmptyCells(append([]string{r.get("Activity")}, r.also("Activity")...)), " — ")
		names := w.written
		if what == "" && len(names) == 0 {
			if r.get("Unit") != "" {
				r.warn("Unit", "This row says where its organisation works but not what it does, so no activity was kept: give its activity or its sector.")
			}
			continue
		}
		unitID, place := r.place3W(placed)
		var status, start, end string
		r.status3W("Status", &status)
		r.date("Start", &start)
		r.date("End", &end)
		if r.bad {
			continue
		}
		// One activity per sector. A row without an activity says what
		// is done by its sector alone: the sector, as the row writes it,
		// is what is done.
		type one struct{ sector, what string }
		var todo []one
		switch {
		case what != "" && len(w.sectors) == 0:
			todo = []one{{"", what}}
		case what != "":
			for _, s := range w.sectors {
				todo = append(todo, one{s, what})
			}
		default:
			for _, name := range names {
				id, _ := im.sectorID(name, true)
				todo = append(todo, one{id, name})
			}
		}
		for _, t := range todo {
			k := key(w.orgID, unitID, place, t.sector, t.what)
			if prev, ok := seen[k]; ok {
				r.warn("Activity", "This row repeats the activity of row %d (the same organisation, place, sector and activity), so it was kept once.", prev)
				continue
			}
			seen[k] = r.n
			a := workspace.Activity{OrganisationID: w.orgID, SectorID: t.sector, UnitID: unitID, Place: place, Description: t.what}
			if old := im.activities.byID[im.activities.find(w.orgID, unitID, place, t.sector, t.what)]; old != nil {
				a = *old
				a.Description = t.what
			}
			if r.has("Status") {
				a.Status = status
			}
			if r.has("Start") {
				a.StartOn = start
			}
			if r.has("End") {
				a.EndOn = end
			}
			if r.has("Notes") || w.reporter != "" {
				// Written in English, as a workbook's words are kept.
				a.Notes = strings.Join(nonEmptyCells([]string{r.get("Notes"), reportedBy(w.reporter)}), "\n")
			}
			if saved, outcome, err := workspace.Save(im.b, a); r.saved(res, saved.ID, outcome, err) {
				im.activities.put(&saved)
			}
		}
	}
	return nil
}

func reportedBy(org string) string {
	if org == "" {
		return ""
	}
	return "Reported by " + org + "."
}

func nonEmptyCells(cells []string) []string {
	out := cells[:0:0]
	for _, c := range cells {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, c)
		}
	}
	return out
}

// status3W reads a 3W's status leniently: a status that is none of an
// activity's is left not recorded, with a warning, rather than stop the
// import of a partner's matrix.
func (r *rowCtx) status3W(h string, dst *string) {
	v, ok := r.value(h)
	if !ok || v == "" {
		return
	}
	c := r.p.spec.column(h)
	if k, ok := findChoice(c.choices, v); ok {
		*dst = k
		return
	}
	if k, ok := c.choiceAliases[normalise(v)]; ok {
		r.im.plan.value(r.p.spec.name, h, v, workspace.EnglishLabel(c.choices, k), false)
		*dst = k
		return
	}
	if means, ok := r.im.answers.value(r.p.spec.name, h, v); ok {
		if k, ok := findChoice(c.choices, means); ok {
			r.im.plan.value(r.p.spec.name, h, v, workspace.EnglishLabel(c.choices, k), false)
			*dst = k
			return
		}
	}
	r.im.plan.value(r.p.spec.name, h, v, "", true)
	r.warn(h, "“%s” is not a status of an activity (planned, ongoing or completed), so the status was left not recorded.", clip(v, 60))
}

// place3W finds the community unit a 3W row's place columns name, from
// the broadest to the finest: each by its path under the unit found so
// far, else by a name that only one unit has (under that unit, when one is
// found), at any depth. Broader places than the workspace holds (a county,
// a sub-county) are passed over. When the finest place names no unit the
// place is kept as written as well; when none does, only as written. Each
// place is reported once per sheet: the unit it was taken for, or that it
// names none.
func (r *rowCtx) place3W(reported map[string]bool) (unitID, place string) {
	cells := nonEmptyCells(append([]string{r.get("Unit")}, r.also("Unit")...))
	if len(cells) == 0 {
		return "", ""
	}
	written := strings.Join(cells, pathSeparator)
	im := r.im
	cur, last, ambiguous := "", -1, []string(nil)
	for i, c := range cells {
		id, several := im.unitUnder(cur, c)
		switch {
		case id != "":
			cur, last = id, i
		case len(several) > 1 && ambiguous == nil:
			ambiguous = several
		}
	}
	say := !reported[pathKey(written)]
	reported[pathKey(written)] = true
	switch {
	case cur == "" && len(ambiguous) > 1:
		if say {
			paths := make([]string, 0, 3)
			for _, id := range ambiguous[:min(3, len(ambiguous))] {
				paths = append(paths, im.unitPath[id])
			}
			r.warn("Unit", "“%s” could be any of %d community units, such as %s, so the place was kept as written: write the path of the one meant to link it.",
				clip(written, 80), len(ambiguous), strings.Join(paths, "; "))
		}
		return "", written
	case cur == "":
		if say {
			r.warn("Unit", "“%s” names none of the workspace's community units, so the place was kept as written.", clip(written, 80))
		}
		return "", written
	case last < len(cells)-1:
		if say {
			r.warn("Unit", "“%s” is not one of the workspace's community units: it was placed in %s, which holds it, and the place was kept as written too.",
				clip(written, 80), im.unitPath[cur])
		}
		return cur, written
	}
	if say && pathKey(written) != pathKey(im.unitPath[cur]) {
		r.warn("Unit", "“%s” was taken as the community unit %s.", clip(written, 80), im.unitPath[cur])
	}
	return cur, ""
}

// unitUnder finds the unit a place names under the unit parent ("" for
// the whole structure): by its path below parent, by its own path, or by a
// name only one unit under parent has. several lists the units of that
// name when more than one has it.
func (im *importer) unitUnder(parent, place string) (id string, several []string) {
	if parent != "" {
		if id, ok := im.unitByPath[pathKey(im.unitPath[parent]+"/"+place)]; ok {
			return id, nil
		}
	}
	if id, ok := im.unitByPath[pathKey(place)]; ok && im.within(id, parent) {
		return id, nil
	}
	if strings.Contains(place, "/") {
		return "", nil
	}
	var under []string
	for _, id := range im.unitByName[pathKey(place)] {
		if im.within(id, parent) {
			under = append(under, id)
		}
	}
	if len(under) == 1 {
		return under[0], nil
	}
	return "", under
}

// within reports whether the unit id lies under parent ("" holds all).
func (im *importer) within(id, parent string) bool {
	if parent == "" {
		return true
	}
	for n := 0; id != "" && n < 8; n++ {
		u := im.units[id]
		if u == nil {
			return false
		}
		if u.ParentID == parent {
			return true
		}
		id = u.ParentID
	}
	return false
}
