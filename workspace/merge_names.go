package workspace

import (
	"fmt"
	"sort"
	"strings"
)

// settleNames keeps unique what must be unique once every table is planned.
// Edits on two sides can leave two different records with one name, code or
// title (each copy renamed a different record alike, or a parent entered
// twice became one and brought two children of the same name together);
// neither is lost: the one with the smaller id keeps the value and the other
// is renamed "Name (2)", alike in both copies (the change is stamped so that
// it travels), and the conflict is listed. Two rows joining the same pair of
// records (a sector of an organisation, a candidate for a gap) are one: the
// later is dropped, and for a candidate the conflict is listed.
func (m *merger) settleNames() {
	for i := range mergeTables {
		t := &mergeTables[i]
		if m.final[t.name] == nil {
			continue
		}
		for _, set := range t.unique {
			m.settleSet(t, set)
		}
		// Records brought back since the table was planned may want an
		// acronym another record kept.
		m.clearClashes(t)
	}
}

func (m *merger) settleSet(t *mergeTable, set []string) {
	final := m.final[t.name]
	text, keyCol := -1, -1
	for _, col := range set {
		switch _, ref := refColumns[t.name][col]; {
		case col == "key":
			keyCol = t.col(col)
		case !ref:
			text = t.col(col)
		}
	}
	keyOf := func(r *mergeRow) (string, bool) {
		parts := make([]string, len(set))
		for n, col := range set {
			v := r.vals[t.col(col)]
			if v == nil {
				continue
			}
			s := fmt.Sprint(v)
			if _, ref := refColumns[t.name][col]; ref {
				s = m.kept(s)
			}
			parts[n] = strings.ToLower(s)
		}
		if len(set) == 1 && parts[0] == "" {
			return "", false // no value, nothing to keep unique (a role users added has no key)
		}
		return strings.Join(parts, "\x00"), true
	}
	var ids []string
	present := map[string]bool{}
	for id, r := range final {
		if r != nil {
			ids = append(ids, id)
			if k, ok := keyOf(r); ok {
				present[k] = true
			}
		}
	}
	sort.Strings(ids) // smaller ids first: they keep the value
	holder := map[string]string{}
	for _, id := range ids {
		r := final[id]
		k, ok := keyOf(r)
		if !ok {
			continue
		}
		keeper, taken := holder[k]
		if !taken {
			holder[k] = id
			continue
		}
		switch {
		case text >= 0:
			row := copyRow(*r)
			base := fmt.Sprint(r.vals[text])
			for n := 2; ; n++ {
				row.vals[text] = renamed(t.cols[text], base, n)
				if k2, _ := keyOf(&row); !present[k2] {
					present[k2] = true
					holder[k2] = id
					break
				}
			}
			m.settled(t, id, row, say("its %s “%s” is also used by %s, which keeps it, so it was renamed “%s”",
				columnWord(t.cols[text]), base, m.nameOfID(keeper), row.vals[text]))
		case keyCol >= 0:
			row := copyRow(*r)
			row.vals[keyCol] = nil // it stays, as a role users added
			m.settled(t, id, row, say("it is the same seeded role as %s, which keeps that place in the catalogue", m.nameOfID(keeper)))
		default:
			m.dropTwin(t, id, keeper)
		}
	}
}

// clearClashes settles two different records that want the same value of a
// column such as an acronym: the one with the larger id gives it up, in
// both copies alike (the change is stamped so that it travels).
func (m *merger) clearClashes(t *mergeTable) {
	for _, col := range t.clash {
		i := t.col(col)
		holder := map[string]string{} // value → the id that keeps it
		var ids []string
		for id, r := range m.final[t.name] {
			if r != nil && r.vals[i] != nil && fmt.Sprint(r.vals[i]) != "" {
				ids = append(ids, id)
			}
		}
		sort.Strings(ids) // smaller ids first: they keep the value
		for _, id := range ids {
			r := m.final[t.name][id]
			v := strings.ToLower(fmt.Sprint(r.vals[i]))
			keeper, taken := holder[v]
			if !taken {
				holder[v] = id
				continue
			}
			m.report.Conflicts = append(m.report.Conflicts, MergeConflict{Key: t.name + ":" + id + ":" + col, Kind: sayPlain(t.one), ID: id,
				Title: m.rowTitle(t, r), Reason: say("its %s “%s” is also used by %s, which keeps it, so it was left out", columnWord(col), r.vals[i], m.nameOfID(keeper)),
				Chosen: Ours})
			m.count(t).Conflicts++
			row := *r
			row.vals = append([]any{}, r.vals...)
			row.vals[i] = ""
			m.final[t.name][id] = &row
			m.restamp[id] = true
			if a := m.actions[id]; a != nil && (a.kind == actAdd || a.kind == actUpdate) {
				a.row = row
			} else {
				m.do(&mergeAction{table: t, id: id, kind: actUpdate, row: row})
			}
		}
	}
}

// renamed is the n-th new value for a name, title or code: a code stays one
// short word ("WSE-2"), the others read "Name (2)".
func renamed(col, base string, n int) string {
	if col == "code" {
		suffix := fmt.Sprintf("-%d", n)
		if r := []rune(base); len(r)+len(suffix) > 12 {
			base = string(r[:max(1, 12-len(suffix))])
		}
		return base + suffix
	}
	return fmt.Sprintf("%s (%d)", base, n)
}

// settled gives a record its new content as the merge's own change, stamped
// so that the other copy takes it too, and lists the conflict.
func (m *merger) settled(t *mergeTable, id string, row mergeRow, reason string) {
	m.final[t.name][id] = &row
	m.restamp[id] = true
	if a := m.actions[id]; a != nil && a.kind.keepsRow() {
		a.row = row
	} else {
		m.do(&mergeAction{table: t, id: id, kind: actUpdate, row: row})
	}
	m.report.Conflicts = append(m.report.Conflicts, MergeConflict{Key: t.name + ":" + id + ":name", Kind: sayPlain(t.one), ID: id,
		Title: m.rowTitle(t, &row), Reason: reason, Chosen: Ours, settled: true})
	m.count(t).Conflicts++
}

// dropTwin removes a row that joins the same records as the row kept: one
// only they have is not added, and one of ours is deleted, its deletion
// naming the row kept so that the other copy folds it alike.
func (m *merger) dropTwin(t *mergeTable, id, keeper string) {
	r := m.final[t.name][id]
	m.final[t.name][id] = nil
	a := m.actions[id]
	switch {
	case a != nil && a.kind == actAdd:
		m.count(t).Added--
		m.do(&mergeAction{kind: actNoteDeletion, id: id, stone: Tombstone{ID: id, Table: t.name, replaced: keeper}})
	default:
		m.restamp[id] = true
		m.do(&mergeAction{table: t, id: id, kind: actDelete, stone: Tombstone{ID: id, Table: t.name, replaced: keeper}})
	}
	if !t.isLink() {
		m.report.Conflicts = append(m.report.Conflicts, MergeConflict{Key: t.name + ":" + id + ":twin", Kind: sayPlain(t.one), ID: id,
			Title: m.rowTitle(t, r), Reason: sayPlain(msg("entered in both copies, kept as one record")), Ours: describeRow(t, m.final[t.name][keeper]),
			Theirs: describeRow(t, r), Chosen: Ours, settled: true})
		m.count(t).Conflicts++
	}
}

// columnWord names a column in a sentence, in the language of the
// package's messages.
func columnWord(col string) string {
	switch col {
	case "acronym":
		return say("acronym")
	case "name":
		return say("name")
	case "code":
		return say("code")
	case "title":
		return say("title")
	}
	return strings.ReplaceAll(col, "_", " ")
}
