// Applying a planned merge to this copy, in one transaction.

package workspace

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"
)

// apply makes the planned changes in one transaction: records entered twice
// first, then additions and updates parents first, then deletions children
// first.
func (m *merger) apply(t *tx) error {
	var adds, deletes []*mergeAction
	for _, id := range m.order {
		if a := m.actions[id]; a != nil {
			switch a.kind {
			case actAdd, actUpdate:
				adds = append(adds, a)
			case actDelete:
				deletes = append(deletes, a)
			}
		}
	}
	// Names and codes of rows to update or delete are cleared first, so
	// that two records swapping names, or a record deleted and entered anew,
	// never collide half-way.
	for _, a := range append(append([]*mergeAction{}, adds...), deletes...) {
		if a.kind == actAdd || len(a.table.unique)+len(a.table.clash) == 0 {
			continue
		}
		if a.kind == actUpdate && len(referrers[a.table.name]) == 0 && a.table.uniqueByRefs() {
			// A row joining two records (a sector of an organisation) cannot
			// be parked under a placeholder: it is taken out and written
			// anew, so that a record entered twice becoming one cannot meet
			// it half-way.
			if _, err := t.Exec("DELETE FROM "+a.table.name+" WHERE "+a.table.key+" = ?", a.id); err != nil {
				return err
			}
			a.kind = actAdd
			continue
		}
		for _, set := range append(append([][]string{}, a.table.unique...), a.table.clash) {
			for _, col := range set {
				if _, isRef := refColumns[a.table.name][col]; isRef || col == "key" {
					continue
				}
				// A NULL collides with nothing (and an erased person's
				// survey submission is one that must stay so).
				if _, err := t.Exec("UPDATE "+a.table.name+" SET "+col+" = ? WHERE "+a.table.key+" = ? AND "+col+" IS NOT NULL", "(merging) "+a.id+" "+col, a.id); err != nil {
					return err
				}
			}
		}
	}
	// Rows nothing refers to (links, candidates, decisions) go first: a link
	// removed and made again must be gone before it comes back.
	for i := len(deletes) - 1; i >= 0; i-- {
		if len(referrers[deletes[i].table.name]) == 0 {
			if err := m.deleteRow(t, deletes[i]); err != nil {
				return err
			}
		}
	}
	// Then records entered twice become one, which may bring their rows
	// (units under a unit, sectors of an organisation) together: rows
	// nothing refers to first, so that two sectors of an organisation that
	// become one are one before the organisations become one.
	for _, id := range m.order {
		if a := m.actions[id]; a != nil && (a.kind == actTakeKeptID || a.kind == actFold) && len(referrers[a.table.name]) == 0 {
			if err := m.applyReplace(t, a); err != nil {
				return err
			}
		}
	}
	for _, id := range m.order {
		a := m.actions[id]
		if a == nil {
			continue
		}
		switch a.kind {
		case actTakeKeptID, actFold:
			if len(referrers[a.table.name]) == 0 {
				continue // done above
			}
			if err := m.applyReplace(t, a); err != nil {
				return err
			}
		case actRedateDeletion:
			if _, err := t.Exec("UPDATE tombstones SET deleted_at = ?, copy_id = ?, arrived_at = '' WHERE id = ?", m.newStamp(t, a.id), t.f.copyID, a.id); err != nil {
				return err
			}
		case actNoteDeletion:
			stone := a.stone
			if stone.DeletedAt == "" {
				stone.DeletedAt, stone.CopyID = t.at, t.f.copyID
			}
			if _, err := t.Exec("INSERT OR IGNORE INTO tombstones (id, entity, deleted_at, copy_id, arrived_at, replaced_by) VALUES (?, ?, ?, ?, ?, ?)",
				a.id, stone.Table, stone.DeletedAt, stone.CopyID, t.at, stone.replaced); err != nil {
				return err
			}
		}
	}
	for _, a := range adds {
		if err := m.write(t, a); err != nil {
			return err
		}
	}
	for i := len(deletes) - 1; i >= 0; i-- {
		if len(referrers[deletes[i].table.name]) > 0 {
			if err := m.deleteRow(t, deletes[i]); err != nil {
				return err
			}
		}
	}
	return nil
}

// write adds or updates one row. It keeps when and by which copy the row was
// changed and notes when it arrived here, so that a copy merging this one
// later sees it as new here; a row settled against the newer change is
// stamped as a change of this copy, so that the choice travels.
func (m *merger) write(t *tx, a *mergeAction) error {
	tab := a.table
	stamp, by := a.row.updatedAt, a.row.copyID
	if m.restamp[a.id] {
		stamp, by = m.newStamp(t, a.id), t.f.copyID
	}
	args := append(append([]any{}, a.row.vals...), stamp, by, t.at, a.id)
	var query string
	if a.kind == actAdd {
		marks := strings.TrimSuffix(strings.Repeat("?, ", len(args)), ", ")
		query = "INSERT INTO " + tab.name + " (" + strings.Join(tab.cols, ", ") + ", updated_at, copy_id, arrived_at, " + tab.key + ") VALUES (" + marks + ")"
		if _, err := t.Exec("DELETE FROM tombstones WHERE id = ?", a.id); err != nil {
			return err
		}
	} else {
		query = "UPDATE " + tab.name + " SET " + strings.Join(tab.cols, " = ?, ") + " = ?, updated_at = ?, copy_id = ?, arrived_at = ? WHERE " + tab.key + " = ?"
	}
	if _, err := t.Exec(query, args...); err != nil {
		var se sqlite3.Error
		if errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintUnique {
			return newError(ErrInvalid, "The merge would give two %s the same name or code (“%s”), so nothing was merged: rename one of them in either copy, then merge again.", sayPlain(tab.kind), m.rowTitle(tab, &a.row))
		}
		return fmt.Errorf("merging %s: %w", tab.kind, err)
	}
	if tab.record == nil {
		return nil // links and settings: a row is one field
	}
	return m.writeFieldStamps(t, a, stamp, by)
}

// writeFieldStamps gives the fields of a row the merge wrote the stamps of
// the changes their values come from, in place of those the triggers noted
// for the write. A value this merge decided against a newer change, or made
// up (a name given a number), is stamped as this copy's change (stamp, by).
func (m *merger) writeFieldStamps(t *tx, a *mergeAction, stamp, by string) error {
	tab := a.table
	if a.kind != actAdd {
		if _, err := t.Exec("DELETE FROM field_stamps WHERE tbl = ? AND row_id = ?", tab.name, a.id); err != nil {
			return err
		}
	}
	ours, hasOurs := m.ourRows[tab.name][a.id]
	theirs, hasTheirs := m.theirRows[tab.name][a.id]
	for i, col := range tab.cols {
		s, known := a.row.fields[i]
		if m.restamp[a.id] {
			madeUp := (!hasOurs || !sameVals(ours.vals[i:i+1], a.row.vals[i:i+1])) && (!hasTheirs || !sameVals(theirs.vals[i:i+1], a.row.vals[i:i+1]))
			if madeUp || s.fresh {
				s, known = fieldStamp{at: stamp, copyID: by}, true
			}
		}
		if !known {
			continue
		}
		arrived := s.arrivedAt
		if s.theirs {
			arrived = t.at
		}
		if _, err := t.Exec("INSERT INTO field_stamps (tbl, row_id, col, updated_at, copy_id, arrived_at) VALUES (?, ?, ?, ?, ?, ?)",
			tab.name, a.id, col, s.at, s.copyID, arrived); err != nil {
			return err
		}
	}
	return nil
}

// applyReplace makes our record a.from become the record a.id kept for it:
// for a rekey our row takes the kept id; for a fold, which this copy also
// has the kept record for, our row goes. Either way what pointed at ours
// points at the kept one, and the old id's tombstone names its replacement.
func (m *merger) applyReplace(t *tx, a *mergeAction) error {
	move := "UPDATE " + a.table.name + " SET " + a.table.key + " = ? WHERE " + a.table.key + " = ?"
	args := []any{a.id, a.from}
	if a.kind == actFold {
		move, args = "DELETE FROM "+a.table.name+" WHERE "+a.table.key+" = ?", []any{a.from}
	}
	for _, ref := range referrers[a.table.name] {
		if _, err := t.Exec("UPDATE "+ref.table.name+" SET "+ref.column+" = ? WHERE "+ref.column+" = ?", a.id, a.from); err != nil {
			return err
		}
	}
	if _, err := t.Exec(move, args...); err != nil {
		return err
	}
	if _, err := t.Exec("INSERT OR REPLACE INTO tombstones (id, entity, deleted_at, copy_id, arrived_at, replaced_by) VALUES (?, ?, ?, ?, ?, ?)",
		a.from, a.table.name, t.at, t.f.copyID, t.at, a.id); err != nil {
		return err
	}
	return m.write(t, &mergeAction{table: a.table, id: a.id, kind: actUpdate, row: a.row})
}

// deleteRow deletes a row they deleted, leaving their tombstone; what
// belongs to it was planned as deletions of its own, and optional
// references to it are cleared.
func (m *merger) deleteRow(t *tx, a *mergeAction) error {
	for _, ref := range referrers[a.table.name] {
		if ref.action == setNull {
			if _, err := t.Exec("UPDATE "+ref.table.name+" SET "+ref.column+" = NULL, updated_at = ?, copy_id = ? WHERE "+ref.column+" = ?", t.at, t.f.copyID, a.id); err != nil {
				return err
			}
		}
	}
	if _, err := t.Exec("DELETE FROM "+a.table.name+" WHERE "+a.table.key+" = ?", a.id); err != nil {
		return fmt.Errorf("merging a deletion of %s: %w", a.table.kind, err)
	}
	stamp, by := a.stone.DeletedAt, a.stone.CopyID
	if m.restamp[a.id] {
		stamp, by = m.newStamp(t, a.id), t.f.copyID // chosen against a newer edit: the choice must travel
	}
	_, err := t.Exec("INSERT OR REPLACE INTO tombstones (id, entity, deleted_at, copy_id, arrived_at, replaced_by) VALUES (?, ?, ?, ?, ?, ?)",
		a.id, a.table.name, stamp, by, t.at, a.stone.replaced)
	return err
}

// newStamp is the stamp of a decision of this merge: now, or just after the
// change it goes against when that one is dated later (the other copy's
// clock may run ahead), so that every copy sees the decision as the newer
// change and takes it.
func (m *merger) newStamp(t *tx, id string) string {
	if b := m.beat[id]; b >= t.at {
		if at, err := time.Parse(StampLayout, b); err == nil {
			return timestamp(at.Add(time.Millisecond))
		}
	}
	return t.at
}

// checkIncoming refuses a merge that would bring in a record this program
// would not accept from a user (a name of ten million characters, a phone
// number of letters): every row added or changed by the merge is read back
// as its record and its fields checked as a form's are. Rules between
// records are left out: two copies may each have kept them and still break
// them together (a role retired in one, assigned in the other).
func (m *merger) checkIncoming(t *tx) error {
	for _, id := range m.order {
		a := m.actions[id]
		if a == nil || a.table == nil || a.table.record == nil || !a.kind.keepsRow() {
			continue
		}
		r := a.table.record()
		err := load(t, r, a.id)
		if Code(err) == ErrNotFound {
			continue // gone with a record it belonged to, deleted by the same merge
		}
		if err != nil {
			return err
		}
		v, ok := r.(interface{ Validate() error })
		if !ok {
			continue
		}
		if err := v.Validate(); err != nil {
			return newError(ErrInvalid, "The other copy's %s “%s” is not one this program accepts (%s), so nothing was merged: correct it in that copy, then merge again.",
				sayPlain(a.table.one), truncateRunes(m.rowTitle(a.table, &a.row), 60), err.Error())
		}
	}
	return nil
}

// truncateRunes shortens s to at most n characters, marking the cut.
func truncateRunes(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
