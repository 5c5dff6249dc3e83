package workspace

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/mattn/go-sqlite3"
)

// merger works out, then makes, the changes a merge brings.
type merger struct {
	ours, theirs querier
	// Changes stamped after these came after the copies last met: on their
	// side after theirsAfter, on ours after oursAfter ("" when they never met).
	theirsAfter, oursAfter string
	choose                 map[string]string
	report                 *MergeReport
	idMap                  map[string]string // their id → our id, for a record entered in both copies
}

func readStones(q querier) (map[string]Tombstone, error) {
	rows, err := q.Query("SELECT id, entity, deleted_at, copy_id, max(deleted_at, arrived_at) FROM tombstones")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]Tombstone{}
	for rows.Next() {
		var t Tombstone
		if err := rows.Scan(&t.ID, &t.Table, &t.DeletedAt, &t.CopyID, &t.arrival); err != nil {
			return nil, err
		}
		out[t.ID] = t
	}
	return out, rows.Err()
}

// readRows reads a table's rows, keyed by id, and their ids in order.
func readRows(q querier, t *mergeTable) (map[string]mergeRow, []string, error) {
	rows, err := q.Query("SELECT " + t.key + ", " + strings.Join(t.cols, ", ") + ", updated_at, copy_id, arrived_at FROM " + t.name + " ORDER BY " + t.order)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	out := map[string]mergeRow{}
	var order []string
	for rows.Next() {
		var id string
		r := mergeRow{vals: make([]any, len(t.cols))}
		targets := []any{&id}
		for i := range r.vals {
			targets = append(targets, &r.vals[i])
		}
		targets = append(targets, &r.updatedAt, &r.copyID, &r.arrivedAt)
		if err := rows.Scan(targets...); err != nil {
			return nil, nil, err
		}
		for i, v := range r.vals {
			if b, ok := v.([]byte); ok {
				r.vals[i] = string(b)
			}
		}
		out[id] = r
		order = append(order, id)
	}
	return out, order, rows.Err()
}

func sameVals(a, b []any) bool {
	for i := range a {
		if fmt.Sprint(a[i]) != fmt.Sprint(b[i]) || (a[i] == nil) != (b[i] == nil) {
			return false
		}
	}
	return true
}

// wins reports whether change a (stamp and copy) is newer than b; equal
// stamps go to the larger copy id, so that both copies pick the same side.
func wins(aStamp, aCopy, bStamp, bCopy string) bool {
	if aStamp != bStamp {
		return aStamp > bStamp
	}
	return aCopy > bCopy
}

// uniqueKeys returns the keys a row must not share with another row of the table.
func uniqueKeys(t *mergeTable, r mergeRow) []string {
	var out []string
	for n, set := range t.unique {
		var parts []string
		blank := false
		for _, col := range set {
			v := r.vals[t.col(col)]
			s := ""
			if v != nil {
				s = strings.ToLower(fmt.Sprint(v))
			}
			if s == "" && len(set) == 1 {
				blank = true // an empty acronym, say, is not a name
			}
			parts = append(parts, s)
		}
		if !blank {
			out = append(out, fmt.Sprintf("%d\x00%s", n, strings.Join(parts, "\x00")))
		}
	}
	return out
}

func (t *mergeTable) col(name string) int {
	for i, c := range t.cols {
		if c == name {
			return i
		}
	}
	panic("merge: no column " + name + " in " + t.name)
}

// remap points a row of theirs at our ids for the records entered in both copies.
func (m *merger) remap(t *mergeTable, r *mergeRow) {
	refs := refColumns[t.name]
	for i, c := range t.cols {
		if _, ok := refs[c]; !ok {
			continue
		}
		if s, ok := r.vals[i].(string); ok {
			if mapped, ok := m.idMap[s]; ok {
				r.vals[i] = mapped
			}
		}
	}
}

// describe turns a row into "column: value" pairs for a conflict.
func describeRow(t *mergeTable, r *mergeRow) map[string]string {
	if r == nil {
		return nil
	}
	out := map[string]string{}
	for i, c := range t.cols {
		if r.vals[i] != nil {
			out[c] = fmt.Sprint(r.vals[i])
		} else {
			out[c] = ""
		}
	}
	out["updated_at"] = r.updatedAt
	out["copy_id"] = r.copyID
	return out
}

func rowTitle(t *mergeTable, r *mergeRow) string {
	for _, c := range []string{"name", "title", "code", "text", "value", "held_on"} {
		for i, col := range t.cols {
			if col == c && r != nil && r.vals[i] != nil {
				return fmt.Sprint(r.vals[i])
			}
		}
	}
	return t.one
}

// conflict records a conflict and says whether their side is to be taken.
func (m *merger) conflict(t *mergeTable, id, reason string, ours, theirs *mergeRow, theirsNewer bool, count *MergeCount) bool {
	key := t.name + ":" + id
	chosen := "ours"
	if theirsNewer {
		chosen = "theirs"
	}
	if c := m.choose[key]; c == "ours" || c == "theirs" {
		chosen = c
	}
	title := rowTitle(t, theirs)
	if theirs == nil {
		title = rowTitle(t, ours)
	}
	if reason == "changed in both copies" && m.theirsAfter == "" && m.oursAfter == "" {
		reason = "different in the two copies, which have not met before"
	}
	m.report.Conflicts = append(m.report.Conflicts, MergeConflict{Key: key, Kind: t.one, ID: id, Title: title, Reason: reason,
		Ours: describeRow(t, ours), Theirs: describeRow(t, theirs), Chosen: chosen})
	count.Conflicts++
	return chosen == "theirs"
}

// plan works out what to change, table by table, parents before children.
func (m *merger) plan() ([]mergeAction, error) {
	ourStones, err := readStones(m.ours)
	if err != nil {
		return nil, internal("reading this copy's deletions", err)
	}
	theirStones, err := readStones(m.theirs)
	if err != nil {
		return nil, internal("reading the other copy's deletions", err)
	}
	var plan, deletions []mergeAction
	known := map[string]bool{} // every id either copy holds as a row
	for i := range mergeTables {
		t := &mergeTables[i]
		ours, ourOrder, err := readRows(m.ours, t)
		if err != nil {
			return nil, internal("reading "+t.kind, err)
		}
		theirs, order, err := readRows(m.theirs, t)
		if err != nil {
			return nil, internal("reading the other copy's "+t.kind, err)
		}
		count := MergeCount{Kind: t.kind}
		taken := map[string]string{} // unique key → our id
		for _, id := range ourOrder {
			known[id] = true
			r := ours[id]
			for _, k := range uniqueKeys(t, r) {
				taken[k] = id
			}
		}
		for _, id := range order {
			known[id] = true
			tr := theirs[id]
			m.remap(t, &tr)
			or, have := ours[id]
			theirsChanged := tr.arrival() > m.theirsAfter
			switch {
			case have:
				if sameVals(or.vals, tr.vals) {
					continue
				}
				take := theirsChanged
				if theirsChanged && or.arrival() > m.oursAfter {
					take = m.conflict(t, id, "changed in both copies", &or, &tr, wins(tr.updatedAt, tr.copyID, or.updatedAt, or.copyID), &count)
				}
				if take {
					plan = append(plan, mergeAction{table: t, id: id, kind: "update", row: tr})
					count.Updated++
				}
			case ourStones[id].ID != "":
				stone := ourStones[id]
				if theirsChanged && m.conflict(t, id, "deleted in this copy, changed in theirs", nil, &tr,
					wins(tr.updatedAt, tr.copyID, stone.DeletedAt, stone.CopyID), &count) {
					plan = append(plan, mergeAction{table: t, id: id, kind: "add", row: tr})
					count.Added++
				}
			default:
				same := ""
				for _, k := range uniqueKeys(t, tr) {
					if ourID, ok := taken[k]; ok && same == "" {
						same = ourID
					}
				}
				if same != "" {
					// Entered in both copies under two ids: one record, ours,
					// which their records now point at.
					m.idMap[id] = same
					sr := ours[same]
					if m.conflict(t, same, "entered in both copies", &sr, &tr, false, &count) {
						plan = append(plan, mergeAction{table: t, id: same, kind: "update", row: tr})
						count.Updated++
					}
					continue
				}
				for _, k := range uniqueKeys(t, tr) {
					taken[k] = id
				}
				plan = append(plan, mergeAction{table: t, id: id, kind: "add", row: tr})
				count.Added++
			}
		}
		// Their deletions of records we still have.
		for _, id := range ourOrder {
			stone, deleted := theirStones[id]
			if _, stillThere := theirs[id]; !deleted || stillThere || stone.arrival <= m.theirsAfter {
				continue
			}
			or := ours[id]
			if or.arrival() > m.oursAfter && !m.conflict(t, id, "changed in this copy, deleted in theirs", &or, nil,
				wins(stone.DeletedAt, stone.CopyID, or.updatedAt, or.copyID), &count) {
				continue
			}
			deletions = append(deletions, mergeAction{table: t, id: id, kind: "delete", stone: stone})
			count.Deleted++
		}
		if count != (MergeCount{Kind: t.kind}) {
			m.report.Counts = append(m.report.Counts, count)
		}
	}
	// Children are deleted before their parents.
	for i := len(deletions) - 1; i >= 0; i-- {
		plan = append(plan, deletions[i])
	}
	// Deletions they know of and we do not travel on, so that a third copy
	// merged later learns of them too.
	var ids []string
	for id := range theirStones {
		if _, ok := ourStones[id]; !ok && !known[id] {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	for _, id := range ids {
		plan = append(plan, mergeAction{kind: "tombstone", id: id, stone: theirStones[id]})
	}
	return plan, nil
}

// apply makes the planned changes in one transaction. A record they deleted
// that this copy still uses (a person kept here in a consortium they
// dropped, say) is kept, and the report says so.
func (m *merger) apply(t *tx, plan []mergeAction) error {
	for _, a := range plan {
		switch a.kind {
		case "add", "update":
			// The row keeps when and by which copy it was changed, and notes
			// when it arrived here, so that a copy merging this one later
			// sees it as new here.
			tab := a.table
			var query string
			args := append(append([]any{}, a.row.vals...), a.row.updatedAt, a.row.copyID, t.at, a.id)
			if a.kind == "add" {
				marks := strings.TrimSuffix(strings.Repeat("?, ", len(args)), ", ")
				query = "INSERT INTO " + tab.name + " (" + strings.Join(tab.cols, ", ") + ", updated_at, copy_id, arrived_at, " + tab.key + ") VALUES (" + marks + ")"
			} else {
				query = "UPDATE " + tab.name + " SET " + strings.Join(tab.cols, " = ?, ") + " = ?, updated_at = ?, copy_id = ?, arrived_at = ? WHERE " + tab.key + " = ?"
			}
			if _, err := t.Exec(query, args...); err != nil {
				var se sqlite3.Error
				if errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintUnique {
					return newError(ErrInvalid, "The merge would give two %s the same name or code (“%s”), so nothing was merged: rename one of them in either copy, then merge again.", tab.kind, rowTitle(tab, &a.row))
				}
				return fmt.Errorf("merging %s: %w", tab.kind, err)
			}
			if _, err := t.Exec("DELETE FROM tombstones WHERE id = ?", a.id); err != nil {
				return err
			}
		case "delete":
			blockers, err := t.blockers(a.table.name, a.id)
			if err != nil {
				return err
			}
			if len(blockers) > 0 {
				m.keep(a, blockers)
				continue
			}
			if err := m.deleteRow(t, a); err != nil {
				return err
			}
		case "tombstone":
			if _, err := t.Exec("INSERT OR IGNORE INTO tombstones (id, entity, deleted_at, copy_id, arrived_at) VALUES (?, ?, ?, ?, ?)",
				a.id, a.stone.Table, a.stone.DeletedAt, a.stone.CopyID, t.at); err != nil {
				return err
			}
		}
	}
	return nil
}

// keep turns a deletion that cannot be made into a reported conflict.
func (m *merger) keep(a mergeAction, blockers []string) {
	for i := range m.report.Counts {
		if m.report.Counts[i].Kind == a.table.kind {
			m.report.Counts[i].Deleted--
			m.report.Counts[i].Conflicts++
		}
	}
	m.report.Conflicts = append(m.report.Conflicts, MergeConflict{Key: a.table.name + ":" + a.id, Kind: a.table.one, ID: a.id,
		Title: a.table.one, Reason: "deleted in theirs but still used here (" + joinAnd(blockers) + "), so kept", Chosen: "ours"})
}

// deleteRow deletes a row they deleted, with what belongs to it, leaving
// their tombstone.
func (m *merger) deleteRow(t *tx, a mergeAction) error {
	for _, ref := range referrers[a.table.name] {
		switch ref.action {
		case cascade:
			if _, err := t.Exec("INSERT OR REPLACE INTO tombstones (id, entity, deleted_at, copy_id, arrived_at) SELECT id, ?, ?, ?, ? FROM "+ref.table.name+" WHERE "+ref.column+" = ?",
				ref.table.name, a.stone.DeletedAt, a.stone.CopyID, t.at, a.id); err != nil {
				return err
			}
			if _, err := t.Exec("DELETE FROM "+ref.table.name+" WHERE "+ref.column+" = ?", a.id); err != nil {
				return err
			}
		case setNull:
			if _, err := t.Exec("UPDATE "+ref.table.name+" SET "+ref.column+" = NULL, updated_at = ?, copy_id = ? WHERE "+ref.column+" = ?", t.at, t.f.copyID, a.id); err != nil {
				return err
			}
		}
	}
	if _, err := t.Exec("DELETE FROM "+a.table.name+" WHERE "+a.table.key+" = ?", a.id); err != nil {
		return err
	}
	_, err := t.Exec("INSERT OR REPLACE INTO tombstones (id, entity, deleted_at, copy_id, arrived_at) VALUES (?, ?, ?, ?, ?)", a.id, a.stone.Table, a.stone.DeletedAt, a.stone.CopyID, t.at)
	return err
}
