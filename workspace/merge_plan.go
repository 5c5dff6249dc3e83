package workspace

import (
	"fmt"
	"sort"
)

// merger works out, then makes, the changes a merge brings.
type merger struct {
	ours, theirs querier
	ourCopy      string
	// Changes that arrived after these came after the copies last met: on
	// their side after theirsAfter, on ours after oursAfter ("" when they
	// never met).
	theirsAfter, oursAfter string
	choose                 map[string]string
	report                 *MergeReport

	ourRows, theirRows     map[string]map[string]mergeRow // table → id → row
	ourStones, theirStones map[string]Tombstone
	final                  map[string]map[string]*mergeRow // table → id → the row after the merge, nil if gone
	tableOf                map[string]*mergeTable          // their or our id → its table
	idMap                  map[string]string               // their id → our id (the same record entered twice)
	rekey                  map[string]string               // our id → their id (likewise, when theirs is kept)
	actions                map[string]*mergeAction         // id → what to do with it
	order                  []string                        // ids of actions, in the order they were decided
	counts                 map[string]*MergeCount
	restamp                map[string]bool   // ids settled against the newer change: stamped anew so the choice travels
	beat                   map[string]string // for a restamped id, the stamp of the change it overrides, which its new stamp must follow
	broughtBack            map[string]bool   // ids deleted here that come back from theirs
}

// mergeAction is one change to make to this workspace.
type mergeAction struct {
	table *mergeTable
	id    string
	kind  string // add, update, delete, rekey, fold, tombstone, restone
	row   mergeRow
	stone Tombstone
	from  string // for rekey and fold: our old id
}

// plan works out the merge: what to add, update and delete, table by
// table, parents before children, and which conflicts arise.
func (m *merger) plan() error {
	var err error
	if m.ourStones, err = readStones(m.ours); err != nil {
		return internal("reading this copy's deletions", err)
	}
	if m.theirStones, err = readStones(m.theirs); err != nil {
		return internal("reading the other copy's deletions", err)
	}
	m.ourRows, m.theirRows = map[string]map[string]mergeRow{}, map[string]map[string]mergeRow{}
	m.final, m.tableOf = map[string]map[string]*mergeRow{}, map[string]*mergeTable{}
	m.idMap, m.rekey, m.actions, m.counts, m.restamp = map[string]string{}, map[string]string{}, map[string]*mergeAction{}, map[string]*MergeCount{}, map[string]bool{}
	m.broughtBack, m.beat = map[string]bool{}, map[string]string{}
	orders := map[string][2][]string{}
	for i := range mergeTables {
		t := &mergeTables[i]
		ours, ourOrder, err := readRows(m.ours, t)
		if err != nil {
			return internal(say("reading %s", sayPlain(t.kind)), err)
		}
		theirs, theirOrder, err := readRows(m.theirs, t)
		if err != nil {
			return internal(say("reading the other copy's %s", sayPlain(t.kind)), err)
		}
		m.ourRows[t.name], m.theirRows[t.name] = ours, theirs
		orders[t.name] = [2][]string{ourOrder, theirOrder}
		for id := range ours {
			m.tableOf[id] = t
		}
		for id := range theirs {
			m.tableOf[id] = t
		}
	}
	for i := range mergeTables {
		m.planTable(&mergeTables[i], orders[mergeTables[i].name][0], orders[mergeTables[i].name][1])
	}
	m.fixReferences()
	m.planDeletions()
	m.settleNames()
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
		m.do(&mergeAction{kind: "tombstone", id: id, stone: m.theirStones[id]})
	}
	for i := range mergeTables {
		if c, ok := m.counts[mergeTables[i].name]; ok && *c != (MergeCount{Kind: c.Kind}) {
			m.report.Counts = append(m.report.Counts, *c)
		}
	}
	return nil
}

// planTable decides the rows of one table.
func (m *merger) planTable(t *mergeTable, ourOrder, theirOrder []string) {
	ours, theirs := m.ourRows[t.name], m.theirRows[t.name]
	final := map[string]*mergeRow{}
	m.final[t.name] = final
	// Point both sides at the records kept for those entered twice, in
	// parent tables already planned.
	for _, id := range ourOrder {
		r := copyRow(ours[id])
		point(t, r.vals, m.rekey)
		ours[id] = r
		final[id] = &r
	}
	for _, id := range theirOrder {
		r := copyRow(theirs[id])
		point(t, r.vals, m.idMap)
		theirs[id] = r
	}
	// Rows both copies have, and rows one copy deleted.
	var fresh []string
	for _, id := range theirOrder {
		tr := theirs[id]
		or, have := ours[id]
		switch {
		case have:
			if sameVals(or.vals, tr.vals) {
				continue
			}
			changed := m.theirsChanged(tr, &or)
			take := changed
			if changed && m.oursChanged(&or, &tr) {
				take = m.conflict(t, id, msg("changed in both copies"), &or, &tr, wins(tr.updatedAt, tr.copyID, or.updatedAt, or.copyID))
			}
			switch {
			case take:
				row := tr
				final[id] = &row
				m.do(&mergeAction{table: t, id: id, kind: "update", row: tr})
				m.count(t).Updated++
			case m.restamp[id]:
				// Ours kept against the newer change: stamped anew, so the
				// other copy takes it too.
				m.do(&mergeAction{table: t, id: id, kind: "update", row: or})
			}
		case m.ourStones[id].ID != "":
			stone := m.ourStones[id]
			if keep := m.kept(stone.replaced); stone.replaced != "" && final[keep] != nil {
				// We found this record entered twice and kept the other id:
				// their row is that record, and a newer change of theirs
				// goes to it rather than bringing the old id back.
				m.idMap[id] = keep
				changed := tr.arrival() > m.theirsAfter && !(tr.copyID == m.ourCopy && tr.updatedAt <= stone.DeletedAt)
				if xr := final[keep]; changed && wins(tr.updatedAt, tr.copyID, xr.updatedAt, xr.copyID) && !sameVals(xr.vals, tr.vals) {
					row := copyRow(tr)
					final[keep] = &row
					if a := m.actions[keep]; a != nil && a.kind != "delete" && a.kind != "tombstone" && a.kind != "restone" {
						a.row = row
					} else {
						m.do(&mergeAction{table: t, id: keep, kind: "update", row: row})
						m.count(t).Updated++
					}
				}
				continue
			}
			changed := tr.arrival() > m.theirsAfter && !(tr.copyID == m.ourCopy && tr.updatedAt <= stone.DeletedAt)
			switch {
			case m.underBroughtBack(t, tr):
				m.bringBack(t, id) // it belongs to a record that comes back
			case changed && m.conflict(t, id, msg("deleted in this copy, changed in theirs"), nil, &tr, wins(tr.updatedAt, tr.copyID, stone.DeletedAt, stone.CopyID)):
				m.bringBack(t, id)
			case m.restamp[id]:
				// The deletion kept against their newer change: dated anew,
				// so that it travels.
				m.overrides(id, tr.updatedAt)
				m.do(&mergeAction{kind: "restone", id: id, stone: stone})
			}
		default:
			fresh = append(fresh, id)
		}
	}
	// Their deletions of rows we have: decided here, checked against what
	// still uses them once every table is planned.
	for _, id := range ourOrder {
		stone, deleted := m.theirStones[id]
		if _, stillThere := theirs[id]; !deleted || stillThere || stone.arrival <= m.theirsAfter {
			continue
		}
		or := ours[id]
		if repl, ok := theirs[stone.replaced]; ok && stone.replaced != "" {
			// They found this record to be one entered twice and kept the
			// other id: do the same here.
			content := or
			if wins(repl.updatedAt, repl.copyID, or.updatedAt, or.copyID) {
				content = repl
			}
			final[id] = nil
			row := content
			kind := "rekey"
			if _, have := ours[stone.replaced]; have && final[stone.replaced] != nil {
				kind = "fold" // we have the kept record too: ours folds into it
			}
			// (A kept record only about to come back here is not in the file
			// yet: ours takes its id instead, and the content is the same.)
			final[stone.replaced] = &row
			m.rekey[id] = stone.replaced
			m.do(&mergeAction{table: t, id: stone.replaced, kind: kind, from: id, row: content})
			continue
		}
		if m.oursChanged(&or, nil) &&
			!m.conflict(t, id, msg("changed in this copy, deleted in theirs"), &or, nil, wins(stone.DeletedAt, stone.CopyID, or.updatedAt, or.copyID)) {
			if m.restamp[id] {
				m.overrides(id, stone.DeletedAt)
				m.do(&mergeAction{table: t, id: id, kind: "update", row: or})
			}
			continue
		}
		final[id] = nil
		m.do(&mergeAction{table: t, id: id, kind: "delete", stone: stone})
		m.count(t).Deleted++
	}
	// Rows only they have: new, unless the same record was entered here too.
	taken := map[string]string{}
	for id, r := range final {
		if r != nil {
			for _, k := range uniqueKeys(t, r.vals) {
				taken[k] = id
			}
		}
	}
	for _, id := range fresh {
		if final[id] != nil {
			continue // taken in above, as the record one of ours became
		}
		// A parent in this same table (units) may have been found to be a
		// record of ours just before: point at it.
		tr := theirs[id]
		point(t, tr.vals, m.idMap)
		theirs[id] = tr
		same := ""
		for _, k := range uniqueKeys(t, tr.vals) {
			// A record they have too is theirs as well, under its own id,
			// so it is not this one entered twice: should the two share a
			// name, settleNames tells them apart.
			if ourID, ok := taken[k]; ok && same == "" && ourID != id && !theyHave(theirs, ourID) {
				same = ourID
			}
		}
		if same == "" {
			row := tr
			final[id] = &row
			for _, k := range uniqueKeys(t, tr.vals) {
				taken[k] = id
			}
			m.do(&mergeAction{table: t, id: id, kind: "add", row: tr})
			m.count(t).Added++
			continue
		}
		m.sameRecord(t, same, id)
		if to, ok := m.rekey[same]; ok {
			// Our rows under it (units of a unit) now point at the id kept.
			for oid, r := range final {
				if r == nil {
					continue
				}
				before := fmt.Sprint(r.vals...)
				point(t, r.vals, map[string]string{same: to})
				if fmt.Sprint(r.vals...) != before {
					row := ours[oid]
					point(t, row.vals, map[string]string{same: to})
					ours[oid] = row
					for _, k := range uniqueKeys(t, r.vals) {
						taken[k] = oid
					}
				}
			}
		}
	}
	m.clearClashes(t)
}

// conflict records a conflict and says whether their side is taken. reason
// is in English, marked with msg.
func (m *merger) conflict(t *mergeTable, id, reason string, ours, theirs *mergeRow, theirsNewer bool) bool {
	key := t.name + ":" + id
	chosen := "ours"
	if theirsNewer {
		chosen = "theirs"
	}
	if c := m.choose[key]; (c == "ours" || c == "theirs") && c != chosen {
		chosen = c
		m.restamp[id] = true // settled against the newer change: the choice must travel
		if chosen == "ours" && theirs != nil {
			m.overrides(id, theirs.updatedAt)
		} else if chosen == "theirs" && ours != nil {
			m.overrides(id, ours.updatedAt)
		}
	}
	if reason == "changed in both copies" && m.theirsAfter == "" && m.oursAfter == "" {
		reason = msg("different in the two copies, which have not met before")
	}
	title := m.rowTitle(t, theirs)
	if theirs == nil {
		title = m.rowTitle(t, ours)
	}
	m.report.Conflicts = append(m.report.Conflicts, MergeConflict{Key: key, Kind: sayPlain(t.one), ID: id, Title: title, Reason: sayPlain(reason),
		Ours: describeRow(t, ours), Theirs: describeRow(t, theirs), Chosen: chosen})
	m.count(t).Conflicts++
	return chosen == "theirs"
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
