// Records entered twice: the same partner, consortium or unit added in two
// copies under two ids becomes one record, in both copies alike.

package workspace

import "fmt"

// planNewRows decides the rows only they have: each is new here, unless the
// same record was entered here too under another id (the same name, code,
// or title in a consortium), when the two become one (sameRecord).
func (m *merger) planNewRows(t *mergeTable, fresh []string) {
	ours, theirs, final := m.ourRows[t.name], m.theirRows[t.name], m.final[t.name]
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
		point(t, tr.vals, m.keptAs)
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
			m.do(&mergeAction{table: t, id: id, kind: actAdd, row: tr})
			m.count(t).Added++
			continue
		}
		m.sameRecord(t, same, id)
		if to := m.keptAs[same]; to != "" {
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
}

// sameRecord settles a record entered in both copies under two ids: the
// smaller id is kept, in both copies alike, with the newer version, and the
// other id is deleted so that it does not come back.
func (m *merger) sameRecord(t *mergeTable, ourID, theirID string) {
	ours, theirs := m.ourRows[t.name], m.theirRows[t.name]
	or, tr := ours[ourID], theirs[theirID]
	m.fillLeftOut(t, &tr, &or)
	side := newer(tr.updatedAt, tr.copyID, or.updatedAt, or.copyID)
	if !t.isLink() {
		m.report.Conflicts = append(m.report.Conflicts, MergeConflict{Key: t.name + ":" + ourID, Kind: sayPlain(t.one), ID: ourID,
			Title: m.rowTitle(t, &or), Reason: say("entered in both copies, kept as one record"), Ours: describeRow(t, &or),
			Theirs: describeRow(t, &tr), Chosen: side, settled: true})
		m.count(t).Conflicts++
	}
	content := or
	if side == Theirs {
		content = tr
	}
	if theirID < ourID {
		// Theirs survives: our record takes their id.
		m.keptAs[ourID] = theirID
		row := content
		m.final[t.name][ourID] = nil
		m.final[t.name][theirID] = &row
		m.do(&mergeAction{table: t, id: theirID, kind: actTakeKeptID, from: ourID, row: content})
		return
	}
	m.keptAs[theirID] = ourID
	if side == Theirs {
		row := tr
		m.final[t.name][ourID] = &row
		m.do(&mergeAction{table: t, id: ourID, kind: actUpdate, row: tr})
	}
	m.do(&mergeAction{kind: actNoteDeletion, id: theirID, stone: Tombstone{ID: theirID, Table: t.name, DeletedAt: tr.updatedAt, CopyID: tr.copyID, replaced: ourID}})
}

// sameAsKeptHere settles their row of a record this copy found entered twice
// and deleted, keeping another id (case 11): their row is that record, and a
// newer change of theirs goes to the record kept rather than bringing the
// old id back.
func (m *merger) sameAsKeptHere(t *mergeTable, id string, tr mergeRow, ourStone Tombstone, theirsChanged bool) {
	final := m.final[t.name]
	keep := m.kept(ourStone.replaced)
	m.keptAs[id] = keep
	xr := final[keep]
	if !theirsChanged || !wins(tr.updatedAt, tr.copyID, xr.updatedAt, xr.copyID) || sameVals(xr.vals, tr.vals) {
		return
	}
	row := copyRow(tr)
	m.fillLeftOut(t, &row, xr)
	final[keep] = &row
	if a := m.actions[keep]; a != nil && a.kind.keepsRow() {
		a.row = row
		return
	}
	m.do(&mergeAction{table: t, id: keep, kind: actUpdate, row: row})
	m.count(t).Updated++
}

// sameAsKeptThere follows theirs where they found our row to be a record
// entered twice and deleted it, keeping another id they hold (case 12):
// ours takes the kept id, or folds into the kept record when this copy
// holds it too, with the newer content of the two.
func (m *merger) sameAsKeptThere(t *mergeTable, id string, or mergeRow, theirStone Tombstone) {
	ours, final := m.ourRows[t.name], m.final[t.name]
	repl := m.theirRows[t.name][theirStone.replaced]
	content := or
	if wins(repl.updatedAt, repl.copyID, or.updatedAt, or.copyID) {
		content = copyRow(repl)
		m.fillLeftOut(t, &content, &or)
	}
	final[id] = nil
	row := content
	kind := actTakeKeptID
	if _, have := ours[theirStone.replaced]; have && final[theirStone.replaced] != nil {
		kind = actFold // we have the kept record too: ours folds into it
	}
	// (A kept record only about to come back here is not in the file yet:
	// ours takes its id instead, and the content is the same.)
	final[theirStone.replaced] = &row
	m.keptAs[id] = theirStone.replaced
	m.do(&mergeAction{table: t, id: theirStone.replaced, kind: kind, from: id, row: content})
}

// theyHave reports whether their copy has the row id.
func theyHave(theirs map[string]mergeRow, id string) bool {
	_, ok := theirs[id]
	return ok
}

// kept follows an id to the record kept for it, when it was entered twice.
func (m *merger) kept(id string) string {
	for n := 0; n < 8; n++ {
		to, ok := m.keptAs[id]
		if !ok || to == id {
			break
		}
		id = to
	}
	return id
}

// exists reports whether a record is there after the merge under this id
// (an id that went, as one of a record entered twice, is not).
func (m *merger) exists(id string) bool {
	t := m.tableOf[id]
	if t == nil {
		return false
	}
	f := m.final[t.name]
	return f != nil && f[id] != nil
}
