package importexport

import (
	"slices"
	"strconv"
	"strings"

	"cpw/translate"
	"cpw/workspace"
)

// surveySheet is a household survey as a survey tool exports it
// (KoboToolbox, ODK Central): one row per submission. Its household head or
// respondent becomes a resident of the settlement, living in the cell or
// cluster the row names, with the household's head-counts; the submission's
// id identifies them, so that importing a later export of the same form
// updates them. The form's repeat groups (the household's members, a row
// each) are sheets of their own, read with it for counting (see
// surveyLink). A sheet is taken for a survey by the survey tool's own
// columns (_uuid, KEY…), not by those it shares with the People sheet. It
// is read, never written: the export writes these people on the People
// sheet.
var surveySheet = sheetSpec{
	name: "Survey", aliases: []string{"Household survey", "Survey export", "Submissions"},
	entity: "person", records: func(say translate.Func) string { return say("surveyed households") },
	external: true,
	cols: []col{
		// Not read: KoboToolbox's _id, the tool's own number of the
		// submission, is taken for it by its name.
		{header: idCol.header, width: 38, note: "Not read: a survey's submissions are known by their submission ID."},
		{header: "Submission ID", aliases: []string{"_uuid", "KEY", "submission uuid"}, width: 38,
			note: "KoboToolbox's _uuid or ODK Central's KEY: it identifies the submission, so that a later export of the same form updates the same person."},
		{header: "Instance ID", aliases: []string{"meta/instanceID", "instanceID"}, width: 44,
			note: "The form's meta/instanceID: it identifies the submission where the export has no _uuid or KEY."},
		{header: "First instance ID", aliases: []string{"meta/rootUuid", "rootUuid"}, width: 38,
			note: "KoboToolbox's meta/rootUuid: the submission's first ID, which stays when the submission is edited."},
		{header: "Previous instance ID", aliases: []string{"meta/deprecatedID", "deprecatedID"}, width: 44,
			note: "The ID an edited submission had before: it finds the person an earlier export made."},
		{header: "Index", aliases: []string{"_index"}, width: 8,
			note: "KoboToolbox's _index: the rows of a repeat group's sheet name it in their _parent_index."},
		{header: "Name", aliases: []string{"name", "names", "full name", "head name", "hh/head_name", "head of household", "household head",
			"household head name", "name of household head", "name of head", "respondent", "respondent name", "name of respondent"},
			width: 28, required: true, note: "The household head's or the respondent's name. Required."},
		{header: "Gender", aliases: []string{"sex", "head gender", "hh/head_gender", "head sex", "gender of head", "sex of head",
			"respondent gender", "respondent sex", "gender of respondent", "sex of respondent"},
			kind: choice, choices: workspace.Genders, list: "Genders", width: 14, note: "Female, male or other; blank if not recorded.",
			choiceAliases: surveyGenders},
		{header: "Age band", aliases: []string{"age", "head age", "hh/head_age", "age of head", "respondent age", "age of respondent", "age group"},
			kind: choice, choices: workspace.AgeBands, list: "Age bands", width: 12, note: "Their age in years, or their age band; blank if not recorded."},
		{header: "Phone", several: true, aliases: []string{"phone", "phone number", "head phone", "hh/head_phone", "respondent phone", "phone of head", "mobile",
			"mobile number", "telephone", "tel", "contact", "contact number", "phone no", "cell phone", "cellphone"},
			contact: true, width: 16, note: "Digits, spaces and + - ( ) . / only."},
		{header: "Home unit", aliases: []string{"home unit", "village", "hh/village", "location", "community unit", "home", "residence"}, width: 40,
			note: "The community unit the household lives in, by its path or by a name no other unit has; with the cluster or the cell, the unit they sit in."},
		{header: "Cluster", aliases: []string{"hh/cluster", "cluster name", "cluster no", "cluster number"}, width: 20,
			note: "The cluster the household lives in, by its name; with the home unit, the cluster in it of that name."},
		{header: "Cell", aliases: []string{"hh/cell", "cell name"}, width: 20,
			note: "The cell the household lives in, by its name; with the cluster, the cell of that name in it."},
		{header: "Household size", aliases: []string{"hh_size", "household_size", "hh/size", "hh/hh_size", "size", "household members", "members",
			"num_members", "number of members", "no of members", "total members", "family size", "people in household"},
			kind: count, width: 12, note: "The household's members in all; blank to count the rows of its members' sheet."},
		{header: "Household women", aliases: []string{"num_women", "hh/num_women", "women", "number of women", "no of women", "adult women", "women in household"},
			kind: count, width: 12, note: "Women of 18 and over in the household; blank to count its members' rows."},
		{header: "Household men", aliases: []string{"num_men", "hh/num_men", "men", "number of men", "no of men", "adult men", "men in household"},
			kind: count, width: 12, note: "Men of 18 and over in the household; blank to count its members' rows."},
		{header: "Household children", aliases: []string{"num_children", "hh/num_children", "children", "number of children", "no of children",
			"children under 18", "num_kids", "kids"}, kind: count, width: 12, note: "Children under 18 in the household; blank to count its members' rows."},
		{header: "Household youth", aliases: []string{"num_youth", "hh/num_youth", "youth", "youths", "number of youth", "no of youth"},
			kind: count, width: 12, note: "Members of 18 to 35 in the household; blank to count its members' rows."},
	},
	read:  (*importer).surveyRow,
	order: (*importer).surveyOrder,
}

// surveyGenders are the words surveys write for a gender, as normalise
// leaves them.
var surveyGenders = map[string]string{"f": "female", "m": "male", "woman": "female", "man": "male", "mwanamke": "female", "mwanamume": "male"}

// surveyMeta are the columns a survey tool adds to every export of a form,
// lower case: KoboToolbox's, then ODK Central's. Two of them make a sheet a
// survey's.
var surveyMeta = map[string]bool{
	"_uuid": true, "_id": true, "_submission_time": true, "_index": true, "_validation_status": true, "_status": true,
	"_submitted_by": true, "__version__": true, "_notes": true, "_tags": true, "_attachments": true, "_geolocation": true,
	"meta/instanceid": true, "meta/rootuuid": true, "meta/deprecatedid": true, "formhub/uuid": true,
	"key": true, "submissiondate": true, "meta-instanceid": true, "meta-deprecatedid": true, "submitterid": true, "submittername": true,
	"attachmentspresent": true, "attachmentsexpected": true, "reviewstate": true, "deviceid": true, "edits": true, "formversion": true,
}

// surveyLink joins a survey's sheet and the sheets of its repeat groups.
type surveyLink struct {
	// On a repeat group's part: which of its columns holds the household
	// each row belongs to (KoboToolbox's _parent_index, its _index, or ODK
	// Central's PARENT_KEY, its KEY), and which names the parent's sheet
	// (_parent_table_name), or -1.
	repeat                 bool
	parentCol, parentSheet int
	byIndex                bool

	// On a survey's part: its repeat groups' parts, and what surveyOrder
	// gathers before its rows are read.
	repeats      []*part
	households   map[string]*household // by linkKey
	bySubmission map[string]string     // a person's id by their submission ID, lower case
	seen         map[string]int        // a submission ID, lower case → the row of this sheet that has it
}

// household is what a repeat group's rows say of one household's members.
type household struct {
	members, women, men, children, youth int
	// members whose age is not given, and those not known to be children
	// whose gender is not given: with either, the women and men are not
	// counted, and with the first, the children and youth.
	noAge, noGender int
}

// surveyByColumns takes a sheet for a survey when it has a survey tool's
// own columns. It returns the survey's spec and its place in sheets, or nil.
func surveyByColumns(s *sheetRows, r *Report, plan *planned) (*sheetSpec, int) {
	var found []string
	for _, header := range s.headers {
		if surveyMeta[strings.ToLower(strings.TrimSpace(header))] {
			found = append(found, strings.TrimSpace(header))
		}
	}
	if len(found) < 2 {
		return nil, 0
	}
	plan.sheet(SheetMapping{Sheet: s.name, Kind: surveySheet.name, Suggested: true, Why: r.say("a survey tool's columns %s", quoteList(found))})
	return &surveySheet, slices.Index(sheets, &surveySheet)
}

// surveyRepeat returns the part of a sheet that holds a survey's repeat
// group, one whose column _parent_index (KoboToolbox) or PARENT_KEY (ODK
// Central) names each row's household, or nil. linkSurveys joins it to its
// survey.
func surveyRepeat(s *sheetRows, r *Report, plan *planned) *part {
	l := &surveyLink{repeat: true, parentCol: -1, parentSheet: -1}
	for i, header := range s.headers {
		switch strings.ToLower(strings.TrimSpace(header)) {
		case "_parent_index":
			l.parentCol, l.byIndex = i, true
		case "parent_key":
			if l.parentCol < 0 {
				l.parentCol = i
			}
		case "_parent_table_name":
			l.parentSheet = i
		}
	}
	if l.parentCol < 0 {
		return nil
	}
	plan.sheet(SheetMapping{Sheet: s.name, Kind: surveySheet.name, Suggested: true,
		Why: r.say("a survey's repeat group: its column %s names each row's household", quoteList([]string{s.headers[l.parentCol]}))})
	return &part{spec: &surveySheet, order: slices.Index(sheets, &surveySheet), rows: s, survey: l}
}

// linkSurveys takes the repeat groups' sheets out of the parts and joins
// each to the survey whose households its rows belong to: the sheet its
// _parent_table_name names, else the workbook's first survey. A repeat
// group inside another, one that does not list the household's members,
// or one without its survey is reported and left out.
func linkSurveys(parts []*part, r *Report) []*part {
	var out, surveys, repeats []*part
	for _, p := range parts {
		switch {
		case p.survey != nil && p.survey.repeat:
			repeats = append(repeats, p)
		case p.spec == &surveySheet:
			surveys = append(surveys, p)
			out = append(out, p)
		default:
			out = append(out, p)
		}
	}
	named := func(ps []*part, name string) *part {
		for _, p := range ps {
			// Excel cuts a sheet's name at 31 characters; the column
			// names the form's table in full.
			n := strings.ToLower(strings.TrimSpace(p.rows.name))
			if n != "" && (n == name || len([]rune(n)) == 31 && strings.HasPrefix(name, n)) {
				return p
			}
		}
		return nil
	}
	for _, rp := range repeats {
		l := rp.survey
		parentName := ""
		if l.parentSheet >= 0 {
			for _, cells := range rp.rows.rows {
				if l.parentSheet < len(cells) && strings.TrimSpace(cells[l.parentSheet]) != "" {
					parentName = strings.ToLower(strings.TrimSpace(cells[l.parentSheet]))
					break
				}
			}
		}
		var parent *part
		switch {
		case parentName != "" && named(surveys, parentName) != nil:
			parent = named(surveys, parentName)
		case parentName != "" && named(repeats, parentName) != nil:
			r.add(Problem{Severity: Warning, Sheet: rp.rows.name, Row: rp.rows.headerRow,
				Message: r.say("This sheet is a repeat group inside the repeat group “%s”, not a list of a household's members: its rows were not counted.", named(repeats, parentName).rows.name)})
			continue
		case len(surveys) > 0:
			parent = surveys[0]
		default:
			r.add(Problem{Severity: Warning, Sheet: rp.rows.name, Row: rp.rows.headerRow,
				Message: r.say("This sheet's rows belong to a survey's households (its column “%s” says so), but the workbook has no sheet of those households: it was not imported.", strings.TrimSpace(rp.rows.headers[l.parentCol]))})
			continue
		}
		if gender, age := memberColumns(rp.rows); gender < 0 && age < 0 && !rosterName(rp.rows.name) {
			r.add(Problem{Severity: Warning, Sheet: rp.rows.name, Row: rp.rows.headerRow,
				Message: r.say("This sheet is a repeat group of the survey “%s”, but neither its name nor its columns (a gender, an age) say it lists the household's members: its rows were not counted.", parent.rows.name)})
			continue
		}
		if parent.survey == nil {
			parent.survey = &surveyLink{}
		}
		parent.survey.repeats = append(parent.survey.repeats, rp)
	}
	return out
}

// memberColumns finds the columns of a repeat group's sheet that give a
// member's gender and age, or -1.
func memberColumns(s *sheetRows) (gender, age int) {
	gender, age = -1, -1
	for i, header := range s.headers {
		tail := headerTail(header)
		if strings.HasPrefix(strings.TrimSpace(tail), "_") {
			continue // the survey tool's own
		}
		ws := headerMeaning(tail)
		if gender < 0 && slices.Contains(ws, "gender") {
			gender = i
		}
		if age < 0 && slices.Contains(ws, "age") {
			age = i
		}
	}
	return gender, age
}

// rosterName reports whether a repeat group's name says it lists people:
// "members", "hh_roster", "individuals".
func rosterName(name string) bool {
	n := normalise(name)
	for _, w := range []string{"member", "roster", "person", "people", "individual", "resident", "occupant", "wanakaya"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// submissionID is a submission's id as a survey tool writes it, without
// ODK's "uuid:" before it, so that KoboToolbox's _uuid and the form's
// meta/instanceID are one.
func submissionID(v string) string {
	v = strings.TrimSpace(v)
	if len(v) > 5 && strings.EqualFold(v[:5], "uuid:") {
		v = v[5:]
	}
	return strings.TrimSpace(v)
}

// linkKey is what joins a repeat group's row to its household: the
// household's _index (KoboToolbox) or its KEY (ODK Central).
func linkKey(v string, byIndex bool) string {
	if byIndex {
		if n, ok := parseWhole(v); ok {
			return "i:" + strconv.FormatInt(n, 10)
		}
		return "i:" + strings.TrimSpace(v)
	}
	return "k:" + strings.ToLower(submissionID(v))
}

// surveyOrder reads, before the survey's rows, its repeat groups' rows
// into the households they belong to, and the submissions the workspace's
// people came from; the rows are then read from the top.
func (im *importer) surveyOrder(p *part) []int {
	if p.survey == nil {
		p.survey = &surveyLink{}
	}
	l := p.survey
	l.households, l.bySubmission, l.seen = map[string]*household{}, map[string]string{}, map[string]int{}
	for id, person := range im.people {
		if person.SurveyID != "" {
			l.bySubmission[strings.ToLower(person.SurveyID)] = id
		}
	}
	if p.column("Submission ID") < 0 && p.column("Instance ID") < 0 && p.column("First instance ID") < 0 {
		im.report.add(Problem{Severity: Warning, Sheet: p.rows.name, Row: p.rows.headerRow,
			Message: im.report.say("This survey has no column of submission IDs (_uuid, KEY or meta/instanceID): importing a later export of it will add its households again.")})
	}
	// The households of this sheet, by the keys their members' rows give.
	keys := map[string]bool{}
	index, key := p.column("Index"), p.column("Submission ID")
	for _, cells := range p.rows.rows {
		if index >= 0 && index < len(cells) && strings.TrimSpace(cells[index]) != "" {
			keys[linkKey(cells[index], true)] = true
		}
		if key >= 0 && key < len(cells) && strings.TrimSpace(cells[key]) != "" {
			keys[linkKey(cells[key], false)] = true
		}
	}
	for _, rp := range l.repeats {
		gender, age := memberColumns(rp.rows)
		cell := func(cells []string, i int) string {
			if i >= 0 && i < len(cells) {
				return strings.TrimSpace(cells[i])
			}
			return ""
		}
		lost := 0
		for _, cells := range rp.rows.rows {
			k := linkKey(cell(cells, rp.survey.parentCol), rp.survey.byIndex)
			if !keys[k] {
				lost++
				continue
			}
			h := l.households[k]
			if h == nil {
				h = &household{}
				l.households[k] = h
			}
			h.add(memberGender(cell(cells, gender)), memberAgeBand(cell(cells, age)))
		}
		if lost > 0 {
			im.report.add(Problem{Severity: Warning, Sheet: rp.rows.name, Row: rp.rows.headerRow,
				Message: im.report.say("%s rows of this sheet belong to no household of the sheet “%s” (their %s is none of its households'): they were not counted.",
					workspace.Thousands(int64(lost)), p.rows.name, strings.TrimSpace(rp.rows.headers[rp.survey.parentCol]))})
		}
		im.report.Sheets = append(im.report.Sheets, SheetResult{Sheet: rp.rows.name, Records: im.report.say("household members, counted"), Rows: len(rp.rows.rows)})
	}
	order := make([]int, len(p.rows.rows))
	for i := range order {
		order[i] = i
	}
	return order
}

// add counts a member of the household, of a gender and an age band ("" if
// not given).
func (h *household) add(gender, band string) {
	h.members++
	if gender == "" && band != "under-18" {
		h.noGender++
	}
	switch band {
	case "":
		h.noAge++
	case "under-18":
		h.children++
	default:
		if band == "18-24" || band == "25-35" {
			h.youth++
		}
		switch gender {
		case "female":
			h.women++
		case "male":
			h.men++
		}
	}
}

// memberGender reads a member's gender: a key of workspace.Genders, or "".
func memberGender(v string) string {
	if k, ok := findChoice(workspace.Genders, v); ok {
		return k
	}
	return surveyGenders[normalise(v)]
}

// memberAgeBand reads a member's age, in years or as a band: a key of
// workspace.AgeBands, or "".
func memberAgeBand(v string) string {
	if age, ok := parseAge(v); ok && age >= 0 && age <= 120 {
		return ageBandOf(age)
	}
	if k, ok := findChoice(workspace.AgeBands, v); ok {
		return k
	}
	return ""
}

// surveyRow imports a household: its head or respondent, found by the
// submission's id, else a person of the same name living in the same unit
// who came from no survey, else a new resident.
func (im *importer) surveyRow(r *rowCtx, res *SheetResult) {
	l := r.p.survey
	// The submission's ids, the one it keeps first: an edited submission
	// keeps its first ID and names the one it had before.
	var own, ownHeader string
	var ids []string
	for _, column := range []string{"First instance ID", "Submission ID", "Instance ID", "Previous instance ID"} {
		id := submissionID(r.get(column))
		if id == "" {
			continue
		}
		ids = append(ids, strings.ToLower(id))
		if own == "" && column != "Previous instance ID" {
			own, ownHeader = id, column
		}
	}
	if own != "" {
		if first, ok := l.seen[strings.ToLower(own)]; ok {
			r.warn(ownHeader, "This row is the submission of row %d again (the same ID): a survey tool sometimes sends one twice. It was left out.", first)
			return
		}
		l.seen[strings.ToLower(own)] = r.n
		if erased, err := im.b.ErasedSubmission(own); err != nil {
			r.reject(ownHeader, err.Error())
			return
		} else if erased {
			r.warn(ownHeader, "This submission is of a person who was erased at their request: it was left out.")
			return
		}
	}
	var old *workspace.Person
	for _, id := range ids {
		if pid, ok := l.bySubmission[id]; ok && im.people[pid] != nil {
			old = im.people[pid]
			break
		}
	}
	// Gender and home are read first: they tell the same person apart.
	var gender, homeID string
	r.choice("Gender", &gender)
	home := im.surveyHome(r, &homeID)
	if old == nil && homeID != "" && r.get("Name") != "" {
		var same []string
		for _, pid := range im.personByName[key(r.get("Name"))] {
			c := im.people[pid]
			_, touched := im.seen[pid]
			if c.SurveyID == "" && c.HomeUnitID == homeID && !touched && (gender == "" || c.Gender == "" || gender == c.Gender) {
				same = append(same, pid)
			}
		}
		if len(same) == 1 {
			old = im.people[same[0]]
		}
	}
	p := recordFor(old, workspace.Person{})
	r.text("Name", &p.Name)
	if r.has("Gender") {
		p.Gender = gender
	}
	r.ageBand("Age band", &p.AgeBand) // a column the sheet lacks leaves it as it is
	r.phone("Phone", &p.Phone)
	if home {
		p.HomeUnitID = homeID
	}
	p.Resident = workspace.Yes
	if own != "" {
		p.SurveyID = own
	}
	im.surveyCounts(r, &p)
	defer r.failUnlessSaved("person", p.Name)
	if r.bad || r.duplicate("person", p.ID, p.Name) {
		return
	}
	if saved, outcome, err := workspace.Save(im.b, p); r.saved(res, saved.ID, outcome, err) {
		im.indexPerson(&saved)
		if saved.SurveyID != "" {
			l.bySubmission[strings.ToLower(saved.SurveyID)] = saved.ID
		}
	}
}

// surveyCounts sets the household's head-counts: as the row gives them,
// else as its members' rows on the repeat groups' sheets count them. A
// count the rows cannot give (women, when a member's gender or age is not
// given) is left not recorded.
func (im *importer) surveyCounts(r *rowCtx, p *workspace.Person) {
	l := r.p.survey
	h := l.households[linkKey(r.get("Index"), true)]
	if h == nil && r.get("Submission ID") != "" {
		h = l.households[linkKey(r.get("Submission ID"), false)]
	}
	var hh household // h, or none
	if h != nil {
		hh = *h
	}
	adults, aged := h != nil && h.noGender == 0 && h.noAge == 0, h != nil && h.noAge == 0
	for _, c := range []struct {
		column  string
		dst     *workspace.Count
		n       int
		counted bool
	}{
		{"Household size", &p.HouseholdSize, hh.members, h != nil},
		{"Household women", &p.HouseholdWomen, hh.women, adults},
		{"Household men", &p.HouseholdMen, hh.men, adults},
		{"Household children", &p.HouseholdChildren, hh.children, aged},
		{"Household youth", &p.HouseholdYouth, hh.youth, aged},
	} {
		switch {
		case r.get(c.column) != "":
			r.headCount(c.column, c.dst)
			if n, ok := c.dst.Get(); ok && c.column == "Household size" && h != nil && n != h.members {
				r.warn(c.column, "The form gives the household %d members in all, but its members' rows number %d: the form's figure was kept.", n, h.members)
			}
		case c.counted:
			*c.dst = workspace.CountOf(c.n)
		default:
			r.headCount(c.column, c.dst) // a blank cell: not recorded
		}
	}
}

// headCount reads a column of a head-count: a whole number, or not
// recorded where the cell is blank.
func (r *rowCtx) headCount(h string, dst *workspace.Count) {
	v, ok := r.value(h)
	if !ok {
		return
	}
	if v == "" {
		*dst = workspace.Count{}
		return
	}
	n := int64(-1)
	r.whole(h, &n)
	switch {
	case n < 0:
		return // whole said why
	case n > 10_000:
		r.problem(h, "“%s” is too large a number for %s.", r.get(h), h)
		return
	}
	*dst = workspace.CountOf(int(n))
}

// surveyHome finds the community unit a household lives in from its Cell,
// Cluster and Home unit columns: the deepest named, by its path, or by its
// name (or the end of a path, "Cluster 12 / Cell 3") at any depth within
// the units the rest name. It reports whether the row says where the
// household lives.
func (im *importer) surveyHome(r *rowCtx, dst *string) bool {
	if !r.has("Cell") && !r.has("Cluster") && !r.has("Home unit") {
		return false
	}
	var given []string // the columns filled, the deepest first
	for _, column := range []string{"Cell", "Cluster", "Home unit"} {
		if r.get(column) != "" {
			given = append(given, column)
		}
	}
	if len(given) == 0 {
		*dst = ""
		return true
	}
	deepest, v := given[0], r.get(given[0])
	// The units above it: those its path names, and the other columns'.
	parts := strings.Split(pathKey(v), "/")
	var above, aboveShown []string
	for _, column := range given[1:] {
		above, aboveShown = append(above, pathKey(r.get(column))), append(aboveShown, r.get(column))
	}
	var found []string
	if id, ok := im.unitByPath[pathKey(v)]; ok {
		found = append(found, id)
	} else {
		found = im.unitByName[parts[len(parts)-1]]
		for _, p := range parts[:len(parts)-1] {
			above, aboveShown = append(above, p), append(aboveShown, p)
		}
	}
	if len(found) == 0 {
		r.noSuch(deepest, "community unit", v)
		return false
	}
	var within []string
	for _, id := range found {
		path := pathKey(im.unitPath[id])
		names := strings.Split(path, "/")
		inAll := true
		for _, w := range above {
			if !strings.HasPrefix(path, w+"/") && !slices.Contains(names[:len(names)-1], w) {
				inAll = false
			}
		}
		if inAll {
			within = append(within, id)
		}
	}
	switch {
	case len(within) == 1:
		*dst = within[0]
		return true
	case len(within) == 0:
		r.problem(deepest, "No community unit “%s” sits in %s: check the names, or write the unit's path.", clip(v, 60), quoteList(aboveShown))
	default:
		paths := make([]string, 0, 3)
		for _, id := range within[:min(3, len(within))] {
			paths = append(paths, im.unitPath[id])
		}
		r.problem(deepest, "%d community units are called “%s”, such as %s: write the path of the one meant.", len(within), clip(v, 60), strings.Join(paths, "; "))
	}
	return false
}
