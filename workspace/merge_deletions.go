// Deletions: a record deleted in one copy and changed or still used in the
// other, and what a deletion takes along or brings back.

package workspace

// bringBack re-adds a record deleted here that theirs kept and changed,
// with their records under it that the same deletion removed here (those of
// tables not planned yet follow when their table is planned).
func (m *merger) bringBack(t *mergeTable, id string) {
	tr, ok := m.theirRows[t.name][id]
	if !ok || m.final[t.name][id] != nil {
		return
	}
	row := tr
	m.final[t.name][id] = &row
	m.broughtBack[id] = true
	m.do(&mergeAction{table: t, id: id, kind: actAdd, row: tr})
	m.count(t).Added++
	for _, ref := range referrers[t.name] {
		if ref.action != cascade {
			continue
		}
		child := m.table(ref.table.name)
		if child == nil {
			continue
		}
		col := child.col(ref.column)
		for cid, cr := range m.theirRows[child.name] {
			if s, _ := cr.vals[col].(string); s == id && m.ourStones[cid].ID != "" && m.final[child.name] != nil && m.final[child.name][cid] == nil {
				m.bringBack(child, cid)
			}
		}
	}
}

// underBroughtBack reports whether a row of theirs belongs to a record that
// comes back.
func (m *merger) underBroughtBack(t *mergeTable, r mergeRow) bool {
	for i, c := range t.cols {
		if s, ok := r.vals[i].(string); ok && m.broughtBack[s] && referrerAction(t.name, c) == cascade {
			return true
		}
	}
	return false
}

// fixReferences makes sure that every row coming from theirs points at
// records that are there: a reference that may be cleared is cleared, and a
// record deleted here but still used in theirs is brought back (and said so).
func (m *merger) fixReferences() {
	for changed := true; changed; {
		changed = false
		for _, id := range append([]string{}, m.order...) {
			a := m.actions[id]
			if a == nil || (a.kind != actAdd && a.kind != actUpdate && a.kind != actTakeKeptID) {
				continue
			}
			refs := refColumns[a.table.name]
			for i, c := range a.table.cols {
				target, ok := refs[c]
				s, isText := a.row.vals[i].(string)
				if !ok || !isText || s == "" {
					continue
				}
				if k := m.kept(s); k != s {
					// A record entered twice: point at the one kept, as the
					// rows planned before were pointed.
					s, a.row.vals[i] = k, k
					if f := m.final[a.table.name][a.id]; f != nil {
						f.vals[i] = k
					}
				}
				if m.exists(s) {
					continue
				}
				tt := m.table(target)
				if tt != nil && m.ourStones[s].ID != "" {
					if _, theirsHave := m.theirRows[tt.name][s]; theirsHave {
						m.conflict(tt, s, msg("deleted in this copy, still used in theirs, so brought back"), nil, ptr(m.theirRows[tt.name][s]), Theirs)
						m.bringBack(tt, s)
						changed = true
						continue
					}
				}
				if referrerAction(a.table.name, c) == setNull {
					a.row.vals[i] = nil
					if f := m.final[a.table.name][a.id]; f != nil {
						f.vals[i] = nil
					}
				}
			}
		}
	}
}

func ptr(r mergeRow) *mergeRow { return &r }

// planDeletions keeps a record they deleted that this copy still uses, or
// under which something changed here, and reports it; the others are
// deleted with what belongs to them.
func (m *merger) planDeletions() {
	deleting := false
	for _, a := range m.actions {
		if a != nil && a.kind == actDelete {
			deleting = true
			break
		}
	}
	if !deleting {
		return // nothing to weigh: the index below costs a pass over every row
	}
	// Who points at what, among every row ours or theirs: a row kept below
	// may in turn keep what it points at.
	users := map[string][]string{}
	seen := map[string]bool{}
	index := func(t *mergeTable, id string, r *mergeRow) {
		for i, c := range t.cols {
			if _, ok := refColumns[t.name][c]; ok {
				if s, ok := r.vals[i].(string); ok && s != "" && !seen[id+" "+s] {
					seen[id+" "+s] = true
					users[s] = append(users[s], id)
				}
			}
		}
	}
	for i := range mergeTables {
		t := &mergeTables[i]
		for id, r := range m.final[t.name] {
			if r != nil {
				index(t, id, r)
			}
		}
		for id, r := range m.ourRows[t.name] {
			index(t, id, &r)
		}
	}
	for changed := true; changed; {
		changed = false
		for _, id := range m.order {
			a := m.actions[id]
			if a == nil || a.kind != actDelete {
				continue
			}
			var blockers, restricting []string
			for _, user := range users[id] {
				ut := m.tableOf[user]
				r := m.final[ut.name][user]
				if r == nil {
					continue
				}
				action := restrict
				for i, c := range ut.cols {
					if s, _ := r.vals[i].(string); s == id && refColumns[ut.name][c] != "" {
						action = referrerAction(ut.name, c)
					}
				}
				switch {
				case action == restrict:
					blockers = append(blockers, sayPlain(ut.one))
					restricting = append(restricting, user)
				case action == cascade && oursChanged(m.met, r, nil):
					blockers = append(blockers, say("%s changed here", sayPlain(ut.one)))
				}
			}
			if len(blockers) == 0 {
				continue
			}
			t := a.table
			or := m.ourRows[t.name][id]
			row := or
			m.final[t.name][id] = &row
			m.count(t).Deleted--
			// Kept against their deletion: the record, and what still uses it,
			// are stamped as changes of this copy, so that the other copy
			// brings them back too instead of staying without them.
			m.restamp[id] = true
			m.overrides(id, a.stone.DeletedAt)
			m.actions[id] = &mergeAction{table: t, id: id, kind: actUpdate, row: or}
			for _, user := range restricting {
				ut := m.tableOf[user]
				if r := m.final[ut.name][user]; r != nil && m.actions[user] == nil {
					m.restamp[user] = true
					m.do(&mergeAction{table: ut, id: user, kind: actUpdate, row: *r})
				}
			}
			m.report.Conflicts = append(m.report.Conflicts, MergeConflict{Key: t.name + ":" + id, Kind: sayPlain(t.one), ID: id, Title: m.rowTitle(t, &or),
				Reason: say("deleted in theirs but still used here (%s), so kept", JoinAnd(Dedupe(blockers))), Ours: describeRow(t, &or), Chosen: Ours, settled: true})
			m.count(t).Conflicts++
			changed = true
		}
	}
	// What belongs to a deleted record goes with it.
	for _, id := range append([]string{}, m.order...) {
		a := m.actions[id]
		if a == nil || a.kind != actDelete {
			continue
		}
		for _, user := range users[id] {
			ut := m.tableOf[user]
			if r := m.final[ut.name][user]; r != nil && m.actions[user] == nil {
				for i, c := range ut.cols {
					if s, _ := r.vals[i].(string); s == id && referrerAction(ut.name, c) == cascade {
						m.final[ut.name][user] = nil
						m.do(&mergeAction{table: ut, id: user, kind: actDelete, stone: Tombstone{ID: user, Table: ut.name, DeletedAt: a.stone.DeletedAt, CopyID: a.stone.CopyID}})
						m.count(ut).Deleted++
					}
				}
			}
		}
	}
}
