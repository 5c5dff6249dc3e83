package importexport

import (
	"context"
	"errors"
	"math"
	"slices"
	"strings"

	"github.com/google/uuid"
	"github.com/xuri/excelize/v2"

	"cpw/workspace"
)

// importer holds what an import knows: every record of the workspace by id
// and by natural key, growing as rows are saved, so that a row may refer to
// a record of the workspace or of an earlier row.
type importer struct {
	ctx         context.Context
	f           *workspace.File
	b           *workspace.Batch
	report      *Report
	progress    Progress
	done, total int

	orgs                    map[string]*workspace.Organisation
	orgByName, orgByAcronym map[string]string
	people                  map[string]*workspace.Person
	personByEmail           map[string]string
	personByName            map[string][]string
	consortia               map[string]*workspace.Consortium
	consByCode, consByName  map[string]string
	roles                   *keyed[workspace.Role] // by name
	units                   map[string]*workspace.Unit
	unitByPath, unitPath    map[string]string
	unitByName              map[string][]string // units by name alone, at any depth
	members                 map[string]*workspace.ConsortiumMember
	memberByKey             map[string]string
	currentMember           map[string]string              // consortium and organisation → its current membership
	assignments             *keyed[workspace.Assignment]   // by role, holder, place and start
	gaps                    *keyed[workspace.ResourceGap]  // by consortium and title
	meetings                *keyed[workspace.Meeting]      // by date, kind and title
	candidates              *keyed[workspace.GapCandidate] // by gap and organisation
	decisions               *keyed[workspace.Decision]     // by meeting and text
	actions                 *keyed[workspace.FollowUp]     // by meeting and text
	activities              *keyed[workspace.Activity]     // by organisation, place, sector and activity
	more                    []SheetResult                  // what a sheet gave besides its own kind (a 3W's activities), counted after it
	sectorByName            map[string]string

	seen    map[string]string            // record id → the row that already imported it
	alias   map[string]string            // an id of the workbook → the id of the record it was matched to
	pending map[string]map[string]string // entity → natural key → the row that failed to make it

	date1904   bool                      // the workbook counts its serial dates from 1904 (made on a Mac)
	answers    *answers                  // what the user said about workbooks of this shape
	plan       *planned                  // the mapping a dry run gathers, or nil
	skip       *leaving                  // with ImportOptions.SkipBadRows, the rows left out (rejects.go); nil otherwise
	in         *workspace.Initiative     // the workspace's details (currency, country), read when first needed
	dateOrders map[dateColumn]*dateOrder // what each date column shows of its order, looked at once
	refs       refState                  // what reading references keeps (references.go)
}

// dateColumn is one column of one sheet.
type dateColumn struct {
	p   *part
	idx int
}

// keyed holds the records of one kind by id and by natural key, growing as
// rows are saved.
type keyed[T any] struct {
	byID    map[string]*T
	byKey   map[string]string
	id, key func(*T) string
}

func newKeyed[T any](all []T, id, key func(*T) string) *keyed[T] {
	k := &keyed[T]{byID: map[string]*T{}, byKey: map[string]string{}, id: id, key: key}
	for i := range all {
		k.put(&all[i])
	}
	return k
}

// put indexes v, in place of the record with its id if there was one.
func (k *keyed[T]) put(v *T) {
	id := k.id(v)
	if prev := k.byID[id]; prev != nil {
		delete(k.byKey, k.key(prev))
	}
	k.byID[id] = v
	k.byKey[k.key(v)] = id
}

// find returns the id of the record whose natural key is made of parts, or "".
func (k *keyed[T]) find(parts ...string) string { return k.byKey[key(parts...)] }

func key(parts ...string) string {
	for i, p := range parts {
		parts[i] = strings.ToLower(strings.TrimSpace(p))
	}
	return strings.Join(parts, "\x1f")
}

// pathKey normalises a unit path: "Mukuru Kwa Njenga / Segment 3" in any
// case and spacing.
func pathKey(path string) string {
	parts := strings.Split(path, "/")
	for i, p := range parts {
		parts[i] = strings.ToLower(strings.Join(strings.Fields(p), " "))
	}
	return strings.Join(parts, "/")
}

func (im *importer) load() error {
	b, err := readBook(im.f)
	if err != nil {
		return err
	}
	im.orgs, im.orgByName, im.orgByAcronym = map[string]*workspace.Organisation{}, map[string]string{}, map[string]string{}
	for i := range b.organisations {
		im.indexOrg(&b.organisations[i])
	}
	im.people, im.personByEmail, im.personByName = map[string]*workspace.Person{}, map[string]string{}, map[string][]string{}
	for i := range b.people {
		im.indexPerson(&b.people[i])
	}
	im.consortia, im.consByCode, im.consByName = map[string]*workspace.Consortium{}, map[string]string{}, map[string]string{}
	for i := range b.consortia {
		im.indexConsortium(&b.consortia[i])
	}
	im.roles = newKeyed(b.roles, func(r *workspace.Role) string { return r.ID }, func(r *workspace.Role) string { return key(r.Name) })
	im.units, im.unitByPath, im.unitPath = map[string]*workspace.Unit{}, map[string]string{}, b.names.units
	im.unitByName = map[string][]string{}
	for i := range b.units {
		u := &b.units[i]
		im.units[u.ID] = u
		im.unitByPath[pathKey(im.unitPath[u.ID])] = u.ID
		im.unitByName[pathKey(u.Name)] = append(im.unitByName[pathKey(u.Name)], u.ID)
	}
	im.members, im.memberByKey, im.currentMember = map[string]*workspace.ConsortiumMember{}, map[string]string{}, map[string]string{}
	for i := range b.members {
		im.indexMember(&b.members[i], nil)
	}
	im.assignments = newKeyed(b.assignments, func(a *workspace.Assignment) string { return a.ID }, assignmentKey)
	im.gaps = newKeyed(b.gaps, func(g *workspace.ResourceGap) string { return g.ID },
		func(g *workspace.ResourceGap) string { return key(g.ConsortiumID, g.Title) })
	im.meetings = newKeyed(b.meetings, func(m *workspace.Meeting) string { return m.ID },
		func(m *workspace.Meeting) string { return key(m.HeldOn, m.Kind, m.Title) })
	im.candidates = newKeyed(b.candidates, func(c *workspace.GapCandidate) string { return c.ID },
		func(c *workspace.GapCandidate) string { return key(c.GapID, c.OrganisationID) })
	im.decisions = newKeyed(b.decisions, func(d *workspace.Decision) string { return d.ID },
		func(d *workspace.Decision) string { return key(d.MeetingID, d.Text) })
	im.actions = newKeyed(b.actions, func(a *workspace.FollowUp) string { return a.ID },
		func(a *workspace.FollowUp) string { return key(a.MeetingID, a.Text) })
	im.activities = newKeyed(b.activities, func(a *workspace.Activity) string { return a.ID }, activityKey)
	im.sectorByName = map[string]string{}
	for id, name := range b.names.sectors {
		im.sectorByName[key(name)] = id
	}
	im.seen, im.pending, im.alias = map[string]string{}, map[string]map[string]string{}, map[string]string{}
	return nil
}

func (im *importer) indexMember(m, old *workspace.ConsortiumMember) {
	if old != nil {
		delete(im.memberByKey, key(old.ConsortiumID, old.OrganisationID, old.JoinedOn))
		if im.currentMember[key(old.ConsortiumID, old.OrganisationID)] == old.ID {
			delete(im.currentMember, key(old.ConsortiumID, old.OrganisationID))
		}
	}
	im.members[m.ID] = m
	im.memberByKey[key(m.ConsortiumID, m.OrganisationID, m.JoinedOn)] = m.ID
	if m.LeftOn == "" {
		im.currentMember[key(m.ConsortiumID, m.OrganisationID)] = m.ID
	}
}

func assignmentKey(a *workspace.Assignment) string {
	return key(a.RoleID, a.PersonID, a.OrganisationID, a.ConsortiumID, a.UnitID, a.StartOn)
}

func (im *importer) indexOrg(o *workspace.Organisation) {
	if old := im.orgs[o.ID]; old != nil {
		delete(im.orgByName, key(old.Name))
		if old.Acronym != "" {
			delete(im.orgByAcronym, key(old.Acronym))
		}
	}
	im.orgs[o.ID] = o
	im.orgByName[key(o.Name)] = o.ID
	if o.Acronym != "" {
		im.orgByAcronym[key(o.Acronym)] = o.ID
	}
}

func (im *importer) indexPerson(p *workspace.Person) {
	if old := im.people[p.ID]; old != nil {
		if old.Email != "" {
			delete(im.personByEmail, key(old.Email))
		}
		ids := im.personByName[key(old.Name)]
		for i, id := range ids {
			if id == p.ID {
				im.personByName[key(old.Name)] = append(ids[:i:i], ids[i+1:]...)
				break
			}
		}
	}
	im.people[p.ID] = p
	if p.Email != "" {
		im.personByEmail[key(p.Email)] = p.ID
	}
	im.personByName[key(p.Name)] = append(im.personByName[key(p.Name)], p.ID)
}

func (im *importer) indexConsortium(c *workspace.Consortium) {
	if old := im.consortia[c.ID]; old != nil {
		delete(im.consByCode, key(old.Code))
		delete(im.consByName, key(old.Name))
	}
	im.consortia[c.ID] = c
	im.consByCode[key(c.Code)] = c.ID
	im.consByName[key(c.Name)] = c.ID
}

// step counts a row done, reports progress and notices a cancellation.
func (im *importer) step(sheet string) error {
	// A full disk and the like end the whole transaction, not one row.
	if err := im.b.Err(); err != nil {
		return err
	}
	im.done++
	if im.done%256 == 0 {
		if im.ctx.Err() != nil {
			return cancelled()
		}
		im.progress.report(im.done, im.total, im.report.say("Checking and saving %s", sheet))
	}
	return nil
}

// rowCtx is one row being imported. Its methods name a column by the
// header its sheet's spec gives it, in a parameter called h (or
// …Header): the tests check every header written out in such a call
// against the spec.
type rowCtx struct {
	im    *importer
	p     *part
	n     int
	cells []string // by column of the sheet's spec; "" where the sheet lacks it
	bad   bool
	rowID string // the row's own ID, when it has one
	done  bool   // the row's record was saved
}

func (im *importer) rowOf(p *part, i int) *rowCtx {
	r := &rowCtx{im: im, p: p, n: p.rows.numbers[i], cells: make([]string, len(p.at))}
	cells := p.rows.rows[i]
	for c, idx := range p.at {
		if idx >= 0 && idx < len(cells) {
			r.cells[c] = unneutralise(strings.TrimSpace(cells[idx]))
		}
	}
	return r
}

// value returns the row's cell in the column with the header, and whether
// the sheet has that column.
func (r *rowCtx) value(h string) (string, bool) {
	if c := r.p.spec.at(h); c >= 0 && r.p.at[c] >= 0 {
		return r.cells[c], true
	}
	return "", false
}

func (r *rowCtx) has(h string) bool { _, ok := r.value(h); return ok }
func (r *rowCtx) get(h string) string {
	v, _ := r.value(h)
	return v
}

// blank reports whether every cell the sheet maps is empty.
func (r *rowCtx) blank() bool {
	for _, v := range r.cells {
		if v != "" {
			return false
		}
	}
	return true
}

// where names the row in a sentence, in the report's language.
func (r *rowCtx) where() string {
	return r.im.report.say("row %d of the %s sheet", r.n, r.p.rows.name)
}

// problem reports an error of the row, in the column the sheet has for h:
// format is written out in English and worded in the report's language.
// The translation test (translate/keys_test.go, keyArgs) finds the texts to
// translate by this function's name: pass format as a literal, and add it
// to assets/translations/workbooks.*.json.
func (r *rowCtx) problem(h, format string, args ...any) {
	r.reject(h, r.im.report.words()(format, args...))
}

// reject reports an error of the row whose message is already worded for
// its reader: the workspace's own, which it words in the window's language.
func (r *rowCtx) reject(h, message string) {
	r.bad = true
	r.im.report.add(r.at(Error, h, message))
}

// warn reports a warning of the row, like problem.
func (r *rowCtx) warn(h, format string, args ...any) {
	r.im.report.add(r.at(Warning, h, r.im.report.words()(format, args...)))
}

// at places a problem on the row, in the column the sheet has for h, named
// as the sheet names it.
func (r *rowCtx) at(sev Severity, h, message string) Problem {
	p := Problem{Severity: sev, Sheet: r.p.rows.name, Row: r.n, Message: message}
	if c := r.p.spec.at(h); c >= 0 && r.p.at[c] >= 0 {
		i := r.p.at[c]
		p.Letter, _ = excelize.ColumnNumberToName(i + 1)
		p.Column = h
		if i < len(r.p.rows.headers) && strings.TrimSpace(r.p.rows.headers[i]) != "" {
			p.Column = strings.TrimSpace(r.p.rows.headers[i])
		}
		// A phone number, an e-mail address or a person's name is not
		// repeated in a problem: the row and column say where it is.
		if spec := r.p.spec; !spec.cols[c].contact && !(spec.entity == "person" && h == "Name") {
			p.Value = clip(r.cells[c], 80)
		}
	}
	return p
}

// The setters below change a field only when the sheet has its column, so
// that an import never clears what a sheet does not mention.

func (r *rowCtx) text(h string, dst *string) {
	if v, ok := r.value(h); ok {
		*dst = v
	}
}

// choice reads a column of a fixed list, the one its column names.
func (r *rowCtx) choice(h string, dst *string) {
	v, ok := r.value(h)
	if !ok {
		return
	}
	c := r.p.spec.column(h)
	if v == "" {
		*dst = ""
		return
	}
	k, ok := findChoice(c.choices, v)
	if !ok {
		if alias, found := c.choiceAliases[normalise(v)]; found {
			k, ok = alias, true
			r.im.plan.value(r.p.spec.name, h, v, workspace.EnglishLabel(c.choices, k), false)
		}
	}
	if !ok {
		// What the user said this value means, in a mapping or before.
		if means, found := r.im.answers.value(r.p.spec.name, h, v); found {
			if k, ok = findChoice(c.choices, means); !ok {
				r.problem(h, "“%s” was said to mean “%s”, which is not one of the choices for %s: %s.", clip(v, 60), clip(means, 60), h, strings.Join(labels(c.choices), ", "))
				return
			}
			r.im.plan.value(r.p.spec.name, h, v, workspace.EnglishLabel(c.choices, k), false)
		}
	}
	if !ok {
		s, close := suggestChoice(c.choices, c.choiceAliases, v)
		if close {
			r.im.plan.value(r.p.spec.name, h, v, workspace.EnglishLabel(c.choices, s), true)
		} else {
			r.im.plan.value(r.p.spec.name, h, v, "", true)
		}
		if close {
			r.problem(h, "“%s” is not one of the choices for %s: did you mean %s? Write it so, or another of %s.", clip(v, 60), h,
				workspace.EnglishLabel(c.choices, s), strings.Join(labels(c.choices), ", "))
			return
		}
		r.problem(h, "“%s” is not one of the choices for %s: %s.", clip(v, 60), h, strings.Join(labels(c.choices), ", "))
		return
	}
	*dst = k
}

// date reads a date. A date such as 03/04/2026 is read day first, unless
// its column shows only month first (12/25/2025); in a column that shows
// both it cannot be read. Read day first with nothing in its column to
// show it, it is said once for the column, never silently.
func (r *rowCtx) date(h string, dst *string) {
	v, ok := r.value(h)
	if !ok {
		return
	}
	if v == "" {
		*dst = ""
		return
	}
	var order *dateOrder
	if ambiguousDate(v) {
		order = r.im.orderOf(r.p, r.p.column(h))
		if order.mixed() {
			r.problem(h, "“%s” could be day first or month first, and this column has both: “%s” on row %d is day first, “%s” on row %d month first. Write this date as YYYY-MM-DD, such as 2026-03-31.",
				clip(v, 40), clip(order.dayValue, 40), order.dayRow, clip(order.monthValue, 40), order.monthRow)
			return
		}
	}
	monthFirst := order != nil && order.monthFirst()
	d, ok := readDate(v, r.im.date1904, monthFirst)
	if !ok {
		r.problem(h, "“%s” is not a date: write it as a spreadsheet date or as YYYY-MM-DD, such as 2026-03-31.", clip(v, 40))
		return
	}
	switch {
	case order == nil || order.warned:
	case monthFirst:
		order.warned = true
		r.warn(h, "The column “%s” writes its dates month first, as “%s” on row %d shows: “%s” was read as %s, and the column's other dates like it the same way.",
			r.header(h), clip(order.monthValue, 40), order.monthRow, clip(v, 40), d)
	case order.dayRow == 0:
		order.warned = true
		r.warn(h, "Nothing in the column “%s” shows whether its dates are day first or month first: “%s” was read day first, as %s, and the column's other dates like it the same way. If they are month first, write them as YYYY-MM-DD.",
			r.header(h), clip(v, 40), d)
	}
	*dst = d
}

// orderOf returns what a date column shows of the order of its dates,
// looking through it the first time.
func (im *importer) orderOf(p *part, idx int) *dateOrder {
	k := dateColumn{p, idx}
	if o, ok := im.dateOrders[k]; ok {
		return o
	}
	if im.dateOrders == nil {
		im.dateOrders = map[dateColumn]*dateOrder{}
	}
	o := dateOrderOf(p.rows.rows, p.rows.numbers, idx)
	im.dateOrders[k] = o
	return o
}

// header returns the header of the sheet's column for h, as the sheet
// writes it.
func (r *rowCtx) header(h string) string {
	if i := r.p.column(h); i >= 0 && i < len(r.p.rows.headers) && strings.TrimSpace(r.p.rows.headers[i]) != "" {
		return strings.TrimSpace(r.p.rows.headers[i])
	}
	return h
}

// initiative returns the workspace's details, read once per import.
func (im *importer) initiative() (*workspace.Initiative, error) {
	if im.in == nil {
		in, err := im.f.Initiative()
		if err != nil {
			return nil, err
		}
		im.in = &in
	}
	return im.in, nil
}

// amount reads an amount of money (see parseAmount), which must be in the
// workspace's currency. A column whose header names another currency
// ("Budget (USD)") has its amounts refused, unless a cell names the
// workspace's own.
func (r *rowCtx) amount(h string, dst *int64) {
	v, ok := r.value(h)
	if !ok {
		return
	}
	if v == "" {
		*dst = 0
		return
	}
	in, err := r.im.initiative()
	if err != nil {
		r.reject(h, err.Error())
		return
	}
	a, err := parseAmount(v, in.Currency)
	switch {
	case errors.Is(err, errTooLarge):
		r.problem(h, "“%s” is too large a number.", clip(v, 40))
		return
	case errors.Is(err, errNegative):
		r.problem(h, "“%s” is less than 0: amounts cannot be negative.", clip(v, 40))
		return
	case err != nil:
		r.problem(h, "“%s” is not a whole number of %s: write an amount such as 1,250,000, %s 1.2M or 450k.", clip(v, 40), in.Currency, in.Currency)
		return
	case a.currency != "" && a.currency != in.Currency:
		r.problem(h, "“%s” is in %s, but this workspace keeps its amounts in %s: convert it to %s, or leave the cell blank.", clip(v, 40), a.currency, in.Currency, in.Currency)
		return
	case a.currency == "" && !a.none:
		unit, scaled := headerUnits(r.header(h), in.Currency)
		if scaled {
			r.problem(h, "The column “%s” counts its amounts in thousands or millions, which its cells do not say: write each amount whole (4,500,000 rather than 4,500), or as 4.5M.", r.header(h))
			return
		}
		if unit != "" && unit != in.Currency {
			r.problem(h, "The column “%s” holds amounts in %s, but this workspace keeps its amounts in %s: write the amount in %s with its currency, such as “%s 1,200,000”, or leave the cell blank.",
				r.header(h), unit, in.Currency, in.Currency, in.Currency)
			return
		}
	}
	switch {
	case a.unknown:
		r.warn(h, "“%s” says the amount is not known yet: it was left not recorded.", clip(v, 40))
	case a.rounded:
		r.warn(h, "“%s” has a fraction of a unit of currency: amounts are whole numbers, so it was rounded to %s.", clip(v, 40), workspace.Thousands(a.n))
	}
	*dst = a.n
}

// phone reads a phone number (see parsePhone). A sheet may have two phone
// columns (Tel and Mobile No.): the numbers of both are kept, as "A / B".
func (r *rowCtx) phone(h string, dst *string) {
	v, ok := r.value(h)
	if !ok {
		return
	}
	in, err := r.im.initiative()
	if err != nil {
		r.reject(h, err.Error())
		return
	}
	more := r.also(h)
	if len(more) == 0 {
		*dst = parsePhone(v, in.Country)
		return
	}
	var numbers []string
	seen := map[string]bool{}
	for _, s := range append([]string{v}, more...) {
		s = parsePhone(s, in.Country)
		digits := strings.Map(func(c rune) rune {
			if c >= '0' && c <= '9' {
				return c
			}
			return -1
		}, s)
		if s == "" || seen[digits] {
			continue
		}
		seen[digits] = true
		numbers = append(numbers, s)
	}
	*dst = strings.Join(numbers, " / ")
}

// also returns the row's cells in the further columns of the sheet that
// mean h too (see part.also), in the sheet's order.
func (r *rowCtx) also(h string) []string {
	more := r.p.also[r.p.spec.at(h)]
	if len(more) == 0 {
		return nil
	}
	i, found := slices.BinarySearch(r.p.rows.numbers, r.n)
	if !found {
		return nil
	}
	cells := r.p.rows.rows[i]
	var out []string
	for _, idx := range more {
		if idx < len(cells) {
			out = append(out, unneutralise(strings.TrimSpace(cells[idx])))
		}
	}
	return out
}

// ageBand reads an age band, or an age in years ("23", "23 years"), which
// goes into its band.
func (r *rowCtx) ageBand(h string, dst *string) {
	v, ok := r.value(h)
	if !ok {
		return
	}
	if age, isAge := parseAge(v); isAge {
		if age < 0 || age > 120 {
			r.problem(h, "“%s” is not a possible age: write an age from 0 to 120 years, or an age band.", clip(v, 40))
			return
		}
		*dst = ageBandOf(age)
		return
	}
	r.choice(h, dst)
}

func (r *rowCtx) whole(h string, dst *int64) {
	v, ok := r.value(h)
	if !ok {
		return
	}
	if v == "" {
		*dst = 0
		return
	}
	n, ok := parseWhole(v)
	switch {
	case !ok && looksLargeWhole(v):
		r.problem(h, "“%s” is too large a number.", clip(v, 40))
		return
	case !ok || n < 0:
		r.problem(h, "“%s” is not a whole number of 0 or more.", clip(v, 40))
		return
	}
	*dst = n
}

func (r *rowCtx) count(h string, dst *int) {
	var n int64 = int64(*dst)
	r.whole(h, &n)
	if n > math.MaxInt32 {
		r.problem(h, "“%s” is too large a number for %s.", r.get(h), h)
		return
	}
	*dst = int(n)
}

// yesNo reads a yes-or-no column whose blank means no.
func (r *rowCtx) yesNo(h string, dst *bool) {
	var a workspace.Answer
	if r.answer(h, &a) {
		*dst = a == workspace.Yes
	}
}

// answer reads a yes-or-no column whose blank means not recorded, such as
// whether a person lives in the settlement. It reports whether it set dst.
func (r *rowCtx) answer(h string, dst *workspace.Answer) bool {
	v, ok := r.value(h)
	if !ok {
		return false
	}
	if v == "" {
		*dst = workspace.NotRecorded
		return true
	}
	b, ok := parseYesNo(v)
	if !ok {
		r.problem(h, "“%s” is neither Yes nor No.", clip(v, 40))
		return false
	}
	*dst = workspace.AnswerOf(b)
	return true
}

// noSuch explains a reference to a record that is neither in the
// workspace nor in the workbook. entity is in English, as fail was told it.
func (r *rowCtx) noSuch(h, entity, name string) {
	if where, ok := r.im.pending[entity][key(name)]; ok {
		if entity == "person" {
			r.problem(h, "The person of this name is on %s, which has a problem of its own: fix that row first.", where)
			return
		}
		r.problem(h, "The %s “%s” is on %s, which has a problem of its own: fix that row first.", r.im.report.words()(entity), name, where)
		return
	}
	if entity == "person" {
		// People's names stay out of what an import prints: the row says who.
		r.problem(h, "There is no person of this name in the workspace or in the workbook.")
		return
	}
	r.problem(h, "There is no %s “%s” in the workspace or in the workbook.", r.im.report.words()(entity), clip(name, 80))
}

func (r *rowCtx) org(h string, dst *string) {
	v, ok := r.value(h)
	if !ok {
		return
	}
	if v == "" {
		*dst = ""
		return
	}
	if id, ok := r.ref(h, v, r.im.orgRefs()); ok {
		*dst = id
	}
}

func (r *rowCtx) consortium(h string, dst *string) {
	v, ok := r.value(h)
	if !ok {
		return
	}
	if v == "" {
		*dst = ""
		return
	}
	if id, ok := r.ref(h, v, r.im.consortiumRefs()); ok {
		*dst = id
	}
}

func (im *importer) consortiumID(v string) (string, bool) {
	if id, ok := im.consByCode[key(v)]; ok {
		return id, true
	}
	id, ok := im.consByName[key(v)]
	return id, ok
}

func (r *rowCtx) role(h string, dst *string) {
	v, ok := r.value(h)
	if !ok {
		return
	}
	if v == "" {
		*dst = ""
		return
	}
	if _, ok := r.im.roleNamed(v); !ok && isRepresentative(v) {
		// Which of the three it is depends on the unit represented, which
		// a roster says (heldRoles) but a reference to the role does not.
		var names []string
		for _, level := range []string{"cell", "cluster", "segment"} {
			if id := r.im.roleByKey(representativeRoles[level]); id != "" {
				names = append(names, r.im.roles.byID[id].Name)
			}
		}
		r.problem(h, "“%s” is one of several roles, one for each level of the unit represented: write one of %s.", clip(v, 60), strings.Join(names, "; "))
		return
	}
	if id, ok := r.ref(h, v, r.im.roleRefs()); ok {
		*dst = id
	}
}

func (r *rowCtx) unit(h string, dst *string) {
	v, ok := r.value(h)
	if !ok {
		return
	}
	if v == "" {
		*dst = ""
		return
	}
	if id, ok := r.im.unitByPath[pathKey(v)]; ok {
		*dst = id
		return
	}
	// A roster names the village or cell, not its path: a name that only
	// one unit has is that unit, at any depth.
	switch ids := r.im.unitByName[pathKey(v)]; {
	case len(ids) == 1 && !strings.Contains(v, "/"):
		*dst = ids[0]
	case len(ids) > 1 && !strings.Contains(v, "/"):
		paths := make([]string, 0, 3)
		for _, id := range ids[:min(3, len(ids))] {
			paths = append(paths, r.im.unitPath[id])
		}
		r.problem(h, "%d community units are called “%s”, such as %s: write the path of the one meant.", len(ids), clip(v, 60), strings.Join(paths, "; "))
	default:
		r.noSuch(h, "community unit", v)
	}
}

// resolve turns an id written in the workbook into the id of the record it
// now names.
func (im *importer) resolve(id string) string {
	id = strings.ToLower(strings.TrimSpace(id))
	if parsed, err := uuid.Parse(id); err == nil {
		id = parsed.String()
	}
	if to, ok := im.alias[id]; ok {
		return to
	}
	return id
}

// personID finds a person by id, e-mail or name. An id is used only when
// the name beside it (if any) is that person's: a name edited in the
// workbook wins over the id Export Excel wrote, with a warning.
func (r *rowCtx) personID(h, v, id string) (string, bool) {
	if id != "" {
		id = r.im.resolve(id)
		if p, ok := r.im.people[id]; ok {
			if v == "" || v == id || key(p.Name) == key(v) || key(p.Email) == key(v) {
				return id, true
			}
			r.warn(h, "The ID beside this name is another person's: the name was used, not the ID.")
		}
	}
	if strings.Contains(v, "@") {
		if pid, ok := r.im.personByEmail[key(v)]; ok {
			return pid, true
		}
	}
	if v == "" {
		r.problem(h, "There is no person with the ID “%s” in the workspace or in the workbook.", clip(id, 60))
		return "", false
	}
	ids := r.im.personByName[key(v)]
	switch len(ids) {
	case 1:
		return ids[0], true
	case 0:
		r.noSuch(h, "person", v)
	default:
		r.problem(h, "%d people in the workspace have this name: write the person's e-mail instead, or keep the ID column Export Excel writes.", len(ids))
	}
	return "", false
}

func (r *rowCtx) person(h, idHeader string, dst *string) {
	if !r.has(h) && !r.has(idHeader) {
		return
	}
	v, id := r.get(h), r.get(idHeader)
	if v == "" && id == "" {
		*dst = ""
		return
	}
	if pid, ok := r.personID(h, v, id); ok {
		*dst = pid
	}
}

// sectors reads a list of sectors. Strictly, an unknown sector is an error;
// leniently (3W sheets, which name sectors their own way) it is a warning
// and the sector is left out.
func (r *rowCtx) sectors(h string, dst *[]string, lenient bool) {
	v, ok := r.value(h)
	if !ok {
		return
	}
	ids := []string{}
	kind := r.p.spec.name
	names := func(s string) bool { _, how := r.sectorsNamed(h, s, lenient); return how != notFound }
	for _, name := range splitRefs(v, names) {
		found, how := r.sectorsNamed(h, name, lenient)
		switch how {
		case foundExact:
		case foundAnswered:
			means, _ := r.im.answers.value(kind, h, name)
			r.im.plan.value(kind, h, name, means, false)
		case foundNoted:
			before, _, _ := noteOf(name)
			r.im.plan.value(kind, h, name, before, false)
			if r.im.tellOnce(r, h, name) {
				r.warn(h, "“%s” was read as %s: the part in brackets was taken as a note, here and in the column's other cells that hold it.", clip(name, 80), before)
			}
		}
		if how != notFound {
			ids = append(ids, found...)
			continue
		}
		suggestion, close := "", false
		if id, ok := suggestRecord(name, r.im.sectorCandidates()); ok {
			suggestion, close = r.im.sectorName(id), true
		}
		r.im.plan.value(kind, h, name, suggestion, true)
		switch {
		case lenient:
			r.warn(h, "The sector “%s” is not one of this workspace's sectors, so it was left out.", name)
		case close:
			r.problem(h, "There is no %s “%s”: did you mean %s? Write it so, or say what it means.", r.im.report.words()("sector"), clip(name, 80), suggestion)
		default:
			r.problem(h, "The sector “%s” is not one of this workspace's sectors: choose from the Lists sheet.", name)
		}
	}
	*dst = workspace.Dedupe(ids)
}

func (im *importer) sectorID(name string, lenient bool) (string, bool) {
	if id, ok := im.sectorByName[key(name)]; ok {
		return id, true
	}
	if !lenient {
		return "", false
	}
	word, ok := sectorWords[normalise(name)]
	if !ok {
		return "", false
	}
	for n, id := range im.sectorByName {
		if isTheme(n, word) {
			return id, true
		}
	}
	return "", false
}

// byID returns the record with the row's id, if the workspace has it.
func byID[T any](r *rowCtx, m map[string]*T) (string, *T) {
	id := r.recordID()
	return id, m[id]
}

// recordFor is the record a row writes: a copy of the record it matched,
// else a fresh one.
func recordFor[T any](old *T, fresh T) T {
	if old != nil {
		return *old
	}
	return fresh
}

// recordID reads the ID column: "" when blank, and a problem when it is
// not an id.
func (r *rowCtx) recordID() string {
	v := r.get("ID")
	if v == "" {
		return ""
	}
	id, err := uuid.Parse(v)
	if err != nil {
		r.problem("ID", "“%s” is not an ID this program wrote: leave the ID column blank for new records.", clip(v, 60))
		return ""
	}
	r.rowID = id.String()
	return r.rowID
}

// natural reports whether the record found by a row's natural key may be
// the row's record. A row with its own id that the workspace lacks is a
// different record from one an earlier row of the workbook made or changed:
// two people of the same name, say, each with their id.
func (r *rowCtx) natural(id, found string) bool {
	if found == "" {
		return false
	}
	if id == "" {
		return true
	}
	_, touched := r.im.seen[found]
	return !touched
}

// duplicate reports a second row of the workbook for the same record.
func (r *rowCtx) duplicate(entity, id, what string) bool {
	if id == "" {
		return false
	}
	if where, ok := r.im.seen[id]; ok {
		if entity == "person" { // no person's name in a problem
			r.problem("", "This row is the same person as %s (the same ID): keep one of them.", where)
			return true
		}
		r.problem("", "This row is the same %s as %s (%s): keep one of them.", r.im.report.words()(entity), where, what)
		return true
	}
	return false
}

// failUnlessSaved, deferred by a row's reader once it knows the names
// other rows may give the row's record, remembers that the record could not
// be made (see fail) if the reader ends without saving it.
func (r *rowCtx) failUnlessSaved(entity string, naturals ...string) {
	if r.done {
		return
	}
	for _, n := range naturals {
		r.fail(entity, n)
	}
}

// fail remembers that a row's record could not be made, so that rows
// referring to it say so.
func (r *rowCtx) fail(entity, natural string) {
	if natural == "" {
		return
	}
	if r.im.pending[entity] == nil {
		r.im.pending[entity] = map[string]string{}
	}
	if _, ok := r.im.pending[entity][key(natural)]; !ok {
		r.im.pending[entity][key(natural)] = r.where()
	}
}

// saved records what saving a row's record did, or its error.
func (r *rowCtx) saved(res *SheetResult, id string, outcome workspace.Outcome, err error) bool {
	if err != nil {
		var e *workspace.Error
		if !errors.As(err, &e) || e.Code == workspace.ErrInternal {
			r.reject("", err.Error())
			return false
		}
		r.reject(r.p.spec.fieldColumn(e.FieldKey), e.Message) // worded by the workspace already
		return false
	}
	r.done = true
	r.im.seen[id] = r.where()
	if r.rowID != "" && r.rowID != id {
		// The row's record was found under another id (by its name, say):
		// rows referring to the row's own id mean this record.
		r.im.alias[r.rowID] = id
	}
	switch outcome {
	case workspace.Created:
		res.New++
	case workspace.Updated:
		res.Updated++
	default:
		res.Unchanged++
	}
	return true
}

// totalRow reports, with a warning, a row that sums the rows above it
// ("Total", "Grand total"), as reports put at the foot of a table: its
// figures are the other rows', and its name is no record's.
func (r *rowCtx) totalRow() bool {
	for c, column := range r.p.spec.cols {
		if !column.required || r.p.at[c] < 0 {
			continue
		}
		switch normalise(r.cells[c]) {
		case "total", "totals", "grandtotal", "subtotal", "sum", "jumla":
			r.warn(column.header, "This row is a total of the rows above it, not a record, so it was skipped.")
			return true
		}
		return false
	}
	return false
}

// importPart imports one sheet's rows.
func (im *importer) importPart(p *part) error {
	res := SheetResult{Sheet: p.rows.name, Records: im.report.records(p.spec), Rows: len(p.rows.rows), entity: p.spec.entity,
		plural: workspace.PluralOf(p.spec.entity)}
	defer func() {
		im.report.Sheets = append(append(im.report.Sheets, res), im.more...)
		im.more = nil
	}()
	// Leaving out the rows with problems (rejects.go), some rows are left
	// out from the start: those whose cells could not be read, and those
	// an earlier run found problems in after writing part of them.
	var leave map[int]bool
	if im.skip != nil {
		leave = im.skip.from(im, p)
	}
	if p.is3W {
		res.Records = im.report.say("organisations (3W)")
		if im.skip == nil {
			return p.spec.read3W(im, p, &res)
		}
		p3 := im.blankRows(p, leave)
		if err := p.spec.read3W(im, p3, &res); err != nil {
			return err
		}
		im.keptOut3W(p3)
		return nil
	}
	var order []int
	if p.spec.order != nil {
		order = p.spec.order(im, p)
	} else {
		order = make([]int, len(p.rows.rows))
		for i := range order {
			order[i] = i
		}
	}
	for _, i := range order {
		r := im.rowOf(p, i)
		switch {
		case r.blank() || r.totalRow():
		case im.skip != nil:
			r.bad = leave[r.n]
			if err := im.readApart(r, &res); err != nil {
				return err
			}
		default:
			p.spec.read(im, r, &res)
		}
		if err := im.step(p.rows.name); err != nil {
			return err
		}
	}
	return nil
}
