package workspace

import (
	"sort"
)

// merger works out, then makes, the changes a merge brings.
type merger struct {
	ours, theirs querier
	met          lastMet
	// ourPartial and theirPartial are what each copy was made without
	// (copies.go).
	ourPartial, theirPartial partial
	choose                   map[string]Side
	report                   *MergeReport
	theyMetUs                bool // their copy_meetings names this copy

	ourRows, theirRows     map[string]map[string]mergeRow // table → id → row
	ourStones, theirStones map[string]Tombstone
	final                  map[string]map[string]*mergeRow // table → id → the row after the merge, nil if gone
	tableOf                map[string]*mergeTable          // their or our id → its table
	// keptAs maps the id of a record entered twice that goes (ours or
	// theirs) to the id kept for it; follow it with kept.
	keptAs      map[string]string
	actions     map[string]*mergeAction // id → what to do with it
	order       []string                // ids of actions, in the order they were decided
	counts      map[string]*MergeCount
	restamp     map[string]bool    // ids settled against the newer change: stamped anew so the choice travels
	beat        map[string]string  // for a restamped id, the stamp of the change it overrides, which its new stamp must follow
	broughtBack map[string]bool    // ids deleted here that come back from theirs
	erased      map[string]erasure // people erased in either copy (erase.go)
	erasedHere  []string           // of those, the ones whose row here still holds personal data
	erasedNow   int                // people the merge erased in this copy (eraseMerged)
}

// actionKind is what a planned action does to this copy.
type actionKind int

const (
	// actAdd inserts their row.
	actAdd actionKind = iota + 1
	// actUpdate overwrites our row with the planned content.
	actUpdate
	// actDelete deletes our row, leaving the deletion's tombstone.
	actDelete
	// actTakeKeptID gives our row of a record entered twice the id kept for
	// it, and what pointed at ours points at it ("rekey").
	actTakeKeptID
	// actFold removes our row of a record entered twice whose kept record
	// this copy also holds; what pointed at ours points at the kept one.
	actFold
	// actNoteDeletion records a deletion this copy had not heard of, so that
	// it travels on.
	actNoteDeletion
	// actRedateDeletion stamps our deletion anew, kept against their newer
	// change, so that the choice travels.
	actRedateDeletion
)

// keepsRow reports whether the action leaves a row in place with the
// planned content, rather than deleting one or touching only tombstones.
func (k actionKind) keepsRow() bool {
	return k == actAdd || k == actUpdate || k == actTakeKeptID || k == actFold
}

// mergeAction is one change to make to this workspace.
type mergeAction struct {
	table *mergeTable
	id    string
	kind  actionKind
	row   mergeRow
	stone Tombstone
	from  string // for actTakeKeptID and actFold: our old id
}

// plan works out the merge: what to add, update and delete, table by
// table, parents before children, and which conflicts arise.
func (m *merger) plan() error {
	m.final, m.keptAs, m.actions, m.counts = map[string]map[string]*mergeRow{}, map[string]string{}, map[string]*mergeAction{}, map[string]*MergeCount{}
	m.restamp, m.broughtBack, m.beat = map[string]bool{}, map[string]bool{}, map[string]string{}
	// The steps of the package documentation's "Merging copies".
	orders, err := m.read() // 1
	if err != nil {
		return err
	}
	m.keepLeftOut()
	m.keepUnknown()
	if err := m.keepErased(); err != nil {
		return err
	}
	for i := range mergeTables {
		m.planTable(&mergeTables[i], orders[mergeTables[i].name][0], orders[mergeTables[i].name][1]) // 2 and 3
	}
	m.fixReferences() // 4
	m.planDeletions()
	m.settleNames() // 5
	m.countErased()
	// Deletions they know of and we do not travel on, so that a copy merged
	// later learns of them too.
	var ids []string
	for id := range m.theirStones {
		if _, ok := m.ourStones[id]; !ok && m.actions[id] == nil && m.tableOf[id] == nil {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	for _, id := range ids {
		m.do(&mergeAction{kind: actNoteDeletion, id: id, stone: m.theirStones[id]})
	}
	for i := range mergeTables {
		if c, ok := m.counts[mergeTables[i].name]; ok && *c != (MergeCount{Kind: c.Kind}) {
			m.report.Counts = append(m.report.Counts, *c)
		}
	}
	return nil
}

// planTable decides the rows of one table: those both copies have or one
// deleted (decideRow), then those only they have (planNewRows).
func (m *merger) planTable(t *mergeTable, ourOrder, theirOrder []string) {
	ours, theirs := m.ourRows[t.name], m.theirRows[t.name]
	final := map[string]*mergeRow{}
	m.final[t.name] = final
	// Point both sides at the records kept for those entered twice, in
	// parent tables already planned.
	for _, id := range ourOrder {
		r := copyRow(ours[id])
		point(t, r.vals, m.keptAs)
		ours[id] = r
		final[id] = &r
	}
	for _, id := range theirOrder {
		r := copyRow(theirs[id])
		point(t, r.vals, m.keptAs)
		theirs[id] = r
	}
	var fresh []string
	for _, id := range theirOrder {
		tr := theirs[id]
		var or *mergeRow
		if r, ok := ours[id]; ok {
			or = &r
		}
		var ourStone *Tombstone
		if s, ok := m.ourStones[id]; ok && or == nil {
			if s.replaced != "" && final[m.kept(s.replaced)] == nil {
				s.replaced = "" // the record kept for it is not kept now: a plain deletion
			}
			ourStone = &s
		}
		d := decideRow(m.met, or, &tr, ourStone, nil)
		switch d.Case {
		case rowChangedThere:
			row := tr
			final[id] = &row
			m.do(&mergeAction{table: t, id: id, kind: actUpdate, row: tr})
			m.count(t).Updated++
		case rowChangedBoth:
			m.mergeFields(t, id, *or, tr)
		case rowReplacedHere:
			m.sameAsKeptHere(t, id, tr, *ourStone, d.TheirsChanged)
		case rowDeletedHere, rowDeletedHereChangedThere:
			switch {
			case m.underBroughtBack(t, tr):
				m.bringBack(t, id) // it belongs to a record that comes back
			case d.Case == rowDeletedHereChangedThere && m.conflict(t, id, msg("deleted in this copy, changed in theirs"), nil, &tr, d.Newer):
				m.bringBack(t, id)
			case m.restamp[id]:
				// The deletion kept against their newer change: dated anew,
				// so that it travels.
				m.overrides(id, tr.updatedAt)
				m.do(&mergeAction{kind: actRedateDeletion, id: id, stone: *ourStone})
			}
		case rowOnlyTheirs:
			fresh = append(fresh, id)
		}
	}
	// Their deletions of rows we have: decided here, checked against what
	// still uses them once every table is planned.
	for _, id := range ourOrder {
		if _, both := theirs[id]; both {
			continue
		}
		or := ours[id]
		var theirStone *Tombstone
		if s, ok := m.theirStones[id]; ok {
			if _, held := theirs[s.replaced]; !held {
				s.replaced = "" // they keep no record for it: a plain deletion
			}
			theirStone = &s
		}
		d := decideRow(m.met, &or, nil, nil, theirStone)
		switch d.Case {
		case rowReplacedThere:
			m.sameAsKeptThere(t, id, or, *theirStone)
		case rowDeletedThereChangedHere:
			if !m.conflict(t, id, msg("changed in this copy, deleted in theirs"), &or, nil, d.Newer) {
				if m.restamp[id] {
					m.overrides(id, theirStone.DeletedAt)
					m.do(&mergeAction{table: t, id: id, kind: actUpdate, row: or})
				}
				continue
			}
			fallthrough
		case rowDeletedThere:
			final[id] = nil
			m.do(&mergeAction{table: t, id: id, kind: actDelete, stone: *theirStone})
			m.count(t).Deleted++
		}
	}
	m.planNewRows(t, fresh)
	m.clearClashes(t)
}

// mergeFields merges a record both copies changed, field by field
// (decideFields): each side's changes to different fields are both kept,
// and only the fields changed in both are a conflict, offered as the record
// with our values for them against the record with theirs.
func (m *merger) mergeFields(t *mergeTable, id string, or, tr mergeRow) {
	d := decideFields(m.met, &or, &tr)
	row := withFields(or, tr, d.Take)
	if len(d.Conflicts) > 0 {
		theirs := withFields(row, tr, d.Conflicts)
		theirs.updatedAt, theirs.copyID = tr.updatedAt, tr.copyID
		if m.conflict(t, id, msg("changed in both copies"), &row, &theirs, newerFields(d.Conflicts, or, tr)) {
			row = theirs
		}
		if m.restamp[id] {
			// Chosen against the newer change: those fields are this copy's
			// change now, so that the choice travels.
			for _, i := range d.Conflicts {
				s := row.fields[i]
				s.fresh = true
				row.fields[i] = s
			}
		}
	}
	final := m.final[t.name]
	switch {
	case sameVals(row.vals, or.vals) && !m.restamp[id]:
		// Ours stands.
	case sameVals(row.vals, tr.vals) && !m.restamp[id]:
		final[id] = &tr
		m.do(&mergeAction{table: t, id: id, kind: actUpdate, row: tr})
		m.count(t).Updated++
	default:
		if !sameVals(row.vals, or.vals) && !sameVals(row.vals, tr.vals) {
			// A version neither copy had: this copy's change, stamped after
			// both, so that the other copy takes it too.
			m.restamp[id] = true
			m.overrides(id, or.updatedAt)
			m.overrides(id, tr.updatedAt)
		}
		final[id] = &row
		m.do(&mergeAction{table: t, id: id, kind: actUpdate, row: row})
		if !sameVals(row.vals, or.vals) {
			m.count(t).Updated++
		}
	}
}

// withFields is row with the given fields (column indexes) taken from
// other, values and stamps.
func withFields(row, other mergeRow, cols []int) mergeRow {
	out := copyRow(row)
	out.fields = map[int]fieldStamp{}
	for i, s := range row.fields {
		out.fields[i] = s
	}
	for _, i := range cols {
		out.vals[i] = other.vals[i]
		delete(out.fields, i)
		if s, ok := other.fields[i]; ok {
			out.fields[i] = s
		}
	}
	return out
}

// newerFields names the side holding the newest change to the given fields:
// a field's own stamp, or its record's when the field has none.
func newerFields(cols []int, ours, theirs mergeRow) Side {
	newest := func(r mergeRow) (string, string) {
		at, by := "", ""
		for _, i := range cols {
			a, b := r.updatedAt, r.copyID
			if s, ok := r.fields[i]; ok {
				a, b = s.at, s.copyID
			}
			if wins(a, b, at, by) {
				at, by = a, b
			}
		}
		return at, by
	}
	ourAt, ourBy := newest(ours)
	theirAt, theirBy := newest(theirs)
	return newer(theirAt, theirBy, ourAt, ourBy)
}

// conflict records a conflict and says whether their side is taken. reason
// is in English, marked with msg.
func (m *merger) conflict(t *mergeTable, id, reason string, ours, theirs *mergeRow, newer Side) bool {
	key := t.name + ":" + id
	chosen := newer
	if c := m.choose[key]; (c == Ours || c == Theirs) && c != chosen {
		chosen = c
		m.restamp[id] = true // settled against the newer change: the choice must travel
		if chosen == Ours && theirs != nil {
			m.overrides(id, theirs.updatedAt)
		} else if chosen == Theirs && ours != nil {
			m.overrides(id, ours.updatedAt)
		}
	}
	if reason == "changed in both copies" && m.met.theirsAfter == "" && m.met.oursAfter == "" {
		reason = msg("different in the two copies, which have not met before")
	}
	title := m.rowTitle(t, theirs)
	if theirs == nil {
		title = m.rowTitle(t, ours)
	}
	m.report.Conflicts = append(m.report.Conflicts, MergeConflict{Key: key, Kind: sayPlain(t.one), ID: id, Title: title, Reason: sayPlain(reason),
		Ours: describeRow(t, ours), Theirs: describeRow(t, theirs), Chosen: chosen})
	m.count(t).Conflicts++
	return chosen == Theirs
}

func (m *merger) count(t *mergeTable) *MergeCount {
	c, ok := m.counts[t.name]
	if !ok {
		c = &MergeCount{Kind: sayPlain(t.kind)}
		m.counts[t.name] = c
	}
	return c
}

func (m *merger) do(a *mergeAction) {
	if _, ok := m.actions[a.id]; !ok {
		m.order = append(m.order, a.id)
	}
	m.actions[a.id] = a
}

// overrides notes the stamp of the change a decision of this merge goes
// against, for its new stamp to follow.
func (m *merger) overrides(id, stamp string) {
	if stamp > m.beat[id] {
		m.beat[id] = stamp
	}
}
