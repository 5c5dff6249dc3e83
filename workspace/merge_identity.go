// Records entered twice: the same partner, consortium or unit added in two
// copies under two ids becomes one record, in both copies alike.

package workspace

// sameRecord settles a record entered in both copies under two ids: the
// smaller id is kept, in both copies alike, with the newer version, and the
// other id is deleted so that it does not come back.
func (m *merger) sameRecord(t *mergeTable, ourID, theirID string) {
	ours, theirs := m.ourRows[t.name], m.theirRows[t.name]
	or, tr := ours[ourID], theirs[theirID]
	newer := wins(tr.updatedAt, tr.copyID, or.updatedAt, or.copyID)
	if !t.isLink() {
		m.report.Conflicts = append(m.report.Conflicts, MergeConflict{Key: t.name + ":" + ourID, Kind: sayPlain(t.one), ID: ourID,
			Title: m.rowTitle(t, &or), Reason: say("entered in both copies, kept as one record"), Ours: describeRow(t, &or),
			Theirs: describeRow(t, &tr), Chosen: map[bool]string{true: "theirs", false: "ours"}[newer], settled: true})
		m.count(t).Conflicts++
	}
	content := or
	if newer {
		content = tr
	}
	if theirID < ourID {
		// Theirs survives: our record takes their id.
		m.rekey[ourID] = theirID
		row := content
		m.final[t.name][ourID] = nil
		m.final[t.name][theirID] = &row
		m.do(&mergeAction{table: t, id: theirID, kind: "rekey", from: ourID, row: content})
		return
	}
	m.idMap[theirID] = ourID
	if newer {
		row := tr
		m.final[t.name][ourID] = &row
		m.do(&mergeAction{table: t, id: ourID, kind: "update", row: tr})
	}
	m.do(&mergeAction{kind: "tombstone", id: theirID, stone: Tombstone{ID: theirID, Table: t.name, DeletedAt: tr.updatedAt, CopyID: tr.copyID, replaced: ourID}})
}

// theyHave reports whether their copy has the row id.
func theyHave(theirs map[string]mergeRow, id string) bool {
	_, ok := theirs[id]
	return ok
}

// kept follows an id to the record kept for it, when it was entered twice.
func (m *merger) kept(id string) string {
	for n := 0; n < 8; n++ {
		if to, ok := m.rekey[id]; ok && to != id {
			id = to
			continue
		}
		if to, ok := m.idMap[id]; ok && to != id {
			id = to
			continue
		}
		break
	}
	return id
}

// exists reports whether a record is there after the merge.
func (m *merger) exists(id string) bool {
	t := m.tableOf[id]
	if t == nil {
		return false
	}
	if mapped, ok := m.rekey[id]; ok {
		id = mapped
	}
	if f := m.final[t.name]; f != nil {
		return f[id] != nil
	}
	return false
}
