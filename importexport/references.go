package importexport

import (
	"strings"
)

// A cell that names a record — an organisation, a consortium, a role, a
// sector — is read by the record's own name, acronym or code; else as the
// user said the value means (a mapping, or an answer the workspace
// remembers); else, when it ends in a note in brackets, by the part before
// the note. Anything else is a problem that names the record most likely
// meant (suggestRecord), which the plan of a mapping lists for the user to
// confirm: a suggestion is never taken on its own.
//
// A note in brackets is read, not guessed: "Caritas (Caritas Switzerland)"
// or "Pamoja Trust (lead)" names, before the brackets, exactly the record
// the workspace has, and the brackets hold what a partner adds about it
// (its acronym, a parent body, a place, a part it plays). Taking the name
// before them is reading the cell as written, as a person would; the
// report says so once per value. When the note names another record
// exactly, the cell names two, and that is a problem.

// refState is what reading references keeps over one import.
type refState struct {
	parts         []*part           // every sheet of the workbook, for the records of sheets not yet imported
	claims        []claim           // roles rows say someone holds, made assignments at the end (claims.go)
	told          map[string]bool   // the values whose reading was told once (a note in brackets)
	bookConsortia map[string]string // the workbook's consortia by code and by name → their Sectors cells
	bookRoles     map[string]bool   // the names of the roles the workbook's Roles sheets add
	sectors       map[string]string // the sectors' names by id, read when a suggestion needs them
	// heldBefore are the assignments not ended when the first claim was
	// read, before the Assignments sheet (claims.go), by role and holder.
	heldBefore map[string][]string
}

// refKind is one kind of record a cell may name.
type refKind struct {
	entity     string                           // in English, as the workspace names it: "organisation"
	exact      func(name string) (string, bool) // the record with that name, acronym or code
	name       func(id string) string           // the record's name, as a suggestion gives it
	candidates func() []refCandidate            // every record, for suggestions
	missing    func(r *rowCtx, h, v string)     // says there is none (rowCtx.noSuch)
}

// refFound says how a reference was read.
type refFound int

const (
	notFound      refFound = iota
	foundExact             // the record's own name, acronym or code
	foundAnswered          // what the user said the value means
	foundNoted             // the part before a note in brackets
)

// lookup reads a reference as ref does, without a word to the report.
func (r *rowCtx) lookup(h, v string, k refKind) (string, refFound) {
	if id, ok := k.exact(v); ok {
		return id, foundExact
	}
	if means, ok := r.im.answers.value(r.p.spec.name, h, v); ok {
		if id, ok := k.exact(means); ok {
			return id, foundAnswered
		}
		return "", notFound
	}
	if before, inside, ok := noteOf(v); ok && before != "" {
		if id, ok := k.exact(before); ok {
			if other, ok := k.exact(inside); ok && other != id {
				return "", notFound // it names two
			}
			return id, foundNoted
		}
	}
	return "", notFound
}

// ref reads a reference written in the column h (see the top of this
// file), reporting what it cannot read and what it read from a note.
func (r *rowCtx) ref(h, v string, k refKind) (string, bool) {
	id, how := r.lookup(h, v, k)
	kind := r.p.spec.name
	switch how {
	case foundExact:
		return id, true
	case foundAnswered:
		r.im.plan.value(kind, h, v, k.name(id), false)
		return id, true
	case foundNoted:
		r.im.plan.value(kind, h, v, k.name(id), false)
		if r.im.tellOnce(r, h, v) {
			r.warn(h, "“%s” was read as %s: the part in brackets was taken as a note, here and in the column's other cells that hold it.", clip(v, 80), k.name(id))
		}
		return id, true
	}
	if means, ok := r.im.answers.value(kind, h, v); ok {
		r.problem(h, "“%s” was said to mean “%s”, but there is no %s of that name in the workspace or in the workbook.", clip(v, 60), clip(means, 60), r.im.report.words()(k.entity))
		return "", false
	}
	if before, inside, ok := noteOf(v); ok && before != "" {
		a, _ := k.exact(before)
		if b, ok := k.exact(inside); ok && a != "" && b != a {
			r.problem(h, "“%s” names both %s and %s: write the one meant.", clip(v, 80), k.name(a), k.name(b))
			return "", false
		}
	}
	if _, failed := r.im.pending[k.entity][key(v)]; !failed {
		if id, ok := suggestRecord(v, k.candidates()); ok {
			r.im.plan.value(kind, h, v, k.name(id), true)
			r.problem(h, "There is no %s “%s”: did you mean %s? Write it so, or say what it means.", r.im.report.words()(k.entity), clip(v, 80), k.name(id))
			return "", false
		}
		r.im.plan.value(kind, h, v, "", true)
	}
	k.missing(r, h, v)
	return "", false
}

// tellOnce reports whether a reading of the value in the row's column is
// yet to be told: once per sheet, column and value.
func (im *importer) tellOnce(r *rowCtx, h, v string) bool {
	k := key(r.p.rows.name, h, v)
	if im.refs.told[k] {
		return false
	}
	if im.refs.told == nil {
		im.refs.told = map[string]bool{}
	}
	im.refs.told[k] = true
	return true
}

// splitRefs splits a cell naming several records: on semicolons and line
// breaks, and on commas only where every piece then names one, since a
// name may hold a comma ("Water, sanitation and energy"). A cell that names
// one record whole is that record. names reports whether a text names one.
func splitRefs(v string, names func(string) bool) []string {
	v = strings.TrimSpace(v)
	if v == "" {
		return nil
	}
	if names(v) {
		return []string{v}
	}
	var out []string
	for _, piece := range splitList(v) {
		out = append(out, splitCommas(piece, names)...)
	}
	return out
}

// splitCommas splits a piece of a list on its commas into names, the
// longest first, when every one of them names a record; otherwise it is
// one piece.
func splitCommas(piece string, names func(string) bool) []string {
	if !strings.Contains(piece, ",") || names(piece) {
		return []string{piece}
	}
	var raw []string
	for _, p := range strings.Split(piece, ",") {
		if strings.TrimSpace(p) != "" {
			raw = append(raw, p)
		}
	}
	failed := make([]bool, len(raw)+1)
	var groups []string
	var from func(i int) bool
	from = func(i int) bool {
		if i == len(raw) {
			return true
		}
		if failed[i] {
			return false
		}
		for j := len(raw); j > i; j-- {
			g := strings.TrimSpace(strings.Join(raw[i:j], ","))
			if names(g) {
				groups = append(groups, g)
				if from(j) {
					return true
				}
				groups = groups[:len(groups)-1]
			}
		}
		failed[i] = true
		return false
	}
	if from(0) {
		return groups
	}
	return []string{piece}
}

// orgNamed returns the organisation with the name or acronym.
func (im *importer) orgNamed(v string) (string, bool) {
	if id, ok := im.orgByName[key(v)]; ok {
		return id, true
	}
	id, ok := im.orgByAcronym[key(v)]
	return id, ok
}

func (im *importer) orgCandidates() []refCandidate {
	out := make([]refCandidate, 0, len(im.orgs))
	for id, o := range im.orgs {
		out = append(out, refCandidate{id, []string{o.Name, o.Acronym}})
	}
	return out
}

func (im *importer) orgRefs() refKind {
	return refKind{entity: "organisation", exact: im.orgNamed,
		name:       func(id string) string { return im.orgs[id].Name },
		candidates: im.orgCandidates,
		missing:    func(r *rowCtx, h, v string) { r.noSuch(h, "organisation", v) }}
}

func (im *importer) consortiumRefs() refKind {
	return refKind{entity: "consortium", exact: im.consortiumID,
		name: func(id string) string { return im.consortia[id].Code },
		candidates: func() []refCandidate {
			out := make([]refCandidate, 0, len(im.consortia))
			for id, c := range im.consortia {
				out = append(out, refCandidate{id, []string{c.Code, c.Name}})
			}
			return out
		},
		missing: func(r *rowCtx, h, v string) { r.noSuch(h, "consortium", v) }}
}

// roleNamed returns the role with the name, also as spelt another way
// ("Community mobiliser", "community-mobilizer"), or the seeded role a
// roster's word names (roleWords).
func (im *importer) roleNamed(v string) (string, bool) {
	if id := im.roles.find(v); id != "" {
		return id, true
	}
	n := normalise(v)
	if n == "" {
		return "", false
	}
	for id, ro := range im.roles.byID {
		if normalise(ro.Name) == n {
			return id, true
		}
	}
	for roleKey, ws := range roleWords {
		for _, w := range ws {
			if normalise(w) == n {
				id := im.roleByKey(roleKey)
				return id, id != ""
			}
		}
	}
	return "", false
}

// roleByKey returns the id of the seeded role with the key, or "".
func (im *importer) roleByKey(roleKey string) string {
	for id, ro := range im.roles.byID {
		if ro.Key == roleKey {
			return id
		}
	}
	return ""
}

func (im *importer) roleRefs() refKind {
	return refKind{entity: "role", exact: im.roleNamed,
		name: func(id string) string { return im.roles.byID[id].Name },
		candidates: func() []refCandidate {
			out := make([]refCandidate, 0, len(im.roles.byID))
			for id, ro := range im.roles.byID {
				out = append(out, refCandidate{id, append([]string{ro.Name}, roleWords[ro.Key]...)})
			}
			return out
		},
		missing: func(r *rowCtx, h, v string) { r.noSuch(h, "role", v) }}
}

// holderRefs are the holders of a role a cell may name: an organisation,
// by name or acronym, or a person, by e-mail or by a name only one person
// has. Suggestions are of organisations.
func (im *importer) holderRefs() refKind {
	k := im.orgRefs()
	k.exact = func(v string) (string, bool) {
		if id, ok := im.orgNamed(v); ok {
			return id, true
		}
		if id, ok := im.personByEmail[key(v)]; ok && strings.Contains(v, "@") {
			return id, true
		}
		if ids := im.personByName[key(v)]; len(ids) == 1 {
			return ids[0], true
		}
		return "", false
	}
	k.name = func(id string) string {
		if o := im.orgs[id]; o != nil {
			return o.Name
		}
		return im.people[id].Name
	}
	k.missing = func(r *rowCtx, h, v string) {
		switch {
		case r.im.pending["organisation"][key(v)] != "":
			r.noSuch(h, "organisation", v)
		case r.im.pending["person"][key(v)] != "":
			r.noSuch(h, "person", v)
		default:
			r.problem(h, "There is no organisation or person “%s” in the workspace or in the workbook.", clip(v, 80))
		}
	}
	return k
}

// sectorsNamed returns the sectors a name in a list of sectors means,
// without a word to the report: a sector's name (leniently, a word for
// its theme); a consortium's code or name, for the consortium's sectors;
// what the user said it means; or, written with a note in brackets, what
// the part before the note means.
func (r *rowCtx) sectorsNamed(h, name string, lenient bool) ([]string, refFound) {
	plain := func(s string) ([]string, bool) {
		if id, ok := r.im.sectorID(s, lenient); ok {
			return []string{id}, true
		}
		return r.im.consortiumSectors(s)
	}
	if ids, ok := plain(name); ok {
		return ids, foundExact
	}
	if means, ok := r.im.answers.value(r.p.spec.name, h, name); ok {
		if ids, ok := plain(means); ok {
			return ids, foundAnswered
		}
		return nil, notFound
	}
	if before, _, ok := noteOf(name); ok && before != "" {
		if ids, ok := plain(before); ok {
			return ids, foundNoted
		}
	}
	return nil, notFound
}

// consortiumSectors returns the sectors of the consortium with the code or
// name: as the workbook's Consortia sheet gives them, when it has the
// consortium (it is imported later, and wins), else as the workspace has
// them. A consortium with no sectors names none.
func (im *importer) consortiumSectors(name string) ([]string, bool) {
	if cell, ok := im.bookConsortiumSectors(name); ok {
		var ids []string
		all := true
		strict := func(s string) bool { _, ok := im.sectorID(s, false); return ok }
		for _, s := range splitRefs(cell, strict) {
			id, ok := im.sectorID(s, false)
			all = all && ok
			ids = append(ids, id)
		}
		if all && len(ids) > 0 {
			return ids, true
		}
	}
	if id, ok := im.consortiumID(name); ok {
		if c := im.consortia[id]; len(c.SectorIDs) > 0 {
			return append([]string(nil), c.SectorIDs...), true
		}
	}
	return nil, false
}

// bookConsortiumSectors returns the Sectors cell of the workbook's
// consortium with the code or name, read once from its Consortia sheets.
func (im *importer) bookConsortiumSectors(name string) (string, bool) {
	if im.refs.bookConsortia == nil {
		im.refs.bookConsortia = map[string]string{}
		im.bookCells("consortium", []string{"Code", "Name", "Sectors"}, func(cells []string) {
			if cells[2] == "" {
				return
			}
			for _, n := range cells[:2] {
				if n != "" {
					im.refs.bookConsortia[key(n)] = cells[2]
				}
			}
		})
	}
	cell, ok := im.refs.bookConsortia[key(name)]
	return cell, ok
}

// bookRole reports whether the workbook's Roles sheet adds a role of the
// name: a row may name it before that sheet is imported.
func (im *importer) bookRole(name string) bool {
	if im.refs.bookRoles == nil {
		im.refs.bookRoles = map[string]bool{}
		im.bookCells("role", []string{"Name"}, func(cells []string) {
			if cells[0] != "" {
				im.refs.bookRoles[key(cells[0])] = true
			}
		})
	}
	return im.refs.bookRoles[key(name)]
}

// bookCells calls fn with the cells of each row of the workbook's sheets
// of the entity (not 3W), in the columns with the headers, "" where the
// sheet lacks one. It reads what the sheets hold, not what was imported
// of them.
func (im *importer) bookCells(entity string, headers []string, fn func(cells []string)) {
	for _, p := range im.refs.parts {
		if p.is3W || p.spec.entity != entity {
			continue
		}
		idx := make([]int, len(headers))
		for i, hd := range headers {
			idx[i] = -1
			if c := p.spec.at(hd); c >= 0 {
				idx[i] = p.at[c]
			}
		}
		cells := make([]string, len(headers))
		for _, row := range p.rows.rows {
			for i, c := range idx {
				cells[i] = ""
				if c >= 0 && c < len(row) {
					cells[i] = unneutralise(strings.TrimSpace(row[c]))
				}
			}
			fn(cells)
		}
	}
}

// sectorCandidates are the workspace's sectors, for suggestions.
func (im *importer) sectorCandidates() []refCandidate {
	out := make([]refCandidate, 0, len(im.sectorByName))
	for _, id := range im.sectorByName {
		out = append(out, refCandidate{id, []string{im.sectorName(id)}})
	}
	return out
}

// sectorName returns a sector's name as the workspace has it.
func (im *importer) sectorName(id string) string {
	if im.refs.sectors == nil {
		im.refs.sectors = map[string]string{}
		if all, err := im.f.Sectors(); err == nil {
			for _, s := range all {
				im.refs.sectors[s.ID] = s.Name
			}
		}
	}
	return im.refs.sectors[id]
}
