package workspace

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"
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

func readStones(q querier) (map[string]Tombstone, error) {
	rows, err := q.Query("SELECT id, entity, deleted_at, copy_id, max(deleted_at, arrived_at), replaced_by FROM tombstones")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]Tombstone{}
	for rows.Next() {
		var t Tombstone
		if err := rows.Scan(&t.ID, &t.Table, &t.DeletedAt, &t.CopyID, &t.arrival, &t.replaced); err != nil {
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

// uniqueKeys returns the keys by which a row is the same record as another
// of the table: the same name, the same code, the same title in a consortium.
func uniqueKeys(t *mergeTable, vals []any) []string {
	var out []string
	for n, set := range t.unique {
		var parts []string
		for _, col := range set {
			v := vals[t.col(col)]
			s := ""
			if v != nil {
				s = strings.ToLower(fmt.Sprint(v))
			}
			parts = append(parts, s)
		}
		if len(set) == 1 && parts[0] == "" {
			continue // no key (a role users added has none): nothing to match on
		}
		out = append(out, fmt.Sprintf("%d\x00%s", n, strings.Join(parts, "\x00")))
	}
	return out
}

// uniqueByRefs reports whether one of the table's unique sets is made of
// references only (organisation and sector, gap and organisation).
func (t *mergeTable) uniqueByRefs() bool {
	for _, set := range t.unique {
		refs := 0
		for _, col := range set {
			if _, ok := refColumns[t.name][col]; ok {
				refs++
			}
		}
		if refs == len(set) {
			return true
		}
	}
	return false
}

func (t *mergeTable) col(name string) int {
	for i, c := range t.cols {
		if c == name {
			return i
		}
	}
	panic("merge: no column " + name + " in " + t.name)
}

func (t *mergeTable) isLink() bool {
	for _, l := range linkTables {
		if l.name == t.name {
			return true
		}
	}
	return false
}

// point rewrites the references of a row through a map of ids.
func point(t *mergeTable, vals []any, ids map[string]string) {
	if len(ids) == 0 {
		return
	}
	refs := refColumns[t.name]
	for i, c := range t.cols {
		if _, ok := refs[c]; !ok {
			continue
		}
		if s, ok := vals[i].(string); ok {
			if mapped, ok := ids[s]; ok {
				vals[i] = mapped
			}
		}
	}
}

func copyRow(r mergeRow) mergeRow {
	r.vals = append([]any{}, r.vals...)
	return r
}

// describeRow turns a row into "column: value" pairs for a conflict.
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

// rowTitle names a row for people: its name, title or code, or the names
// of the two records a link joins.
func (m *merger) rowTitle(t *mergeTable, r *mergeRow) string {
	if r == nil {
		return ""
	}
	for _, c := range []string{"name", "title", "code", "text", "value", "held_on"} {
		for i, col := range t.cols {
			if col == c && r.vals[i] != nil && fmt.Sprint(r.vals[i]) != "" {
				return fmt.Sprint(r.vals[i])
			}
		}
	}
	var parts []string
	for i, c := range t.cols {
		if _, ok := refColumns[t.name][c]; ok {
			if s, ok := r.vals[i].(string); ok {
				parts = append(parts, m.nameOfID(s))
			}
		}
	}
	return strings.Join(parts, " — ")
}

func (m *merger) nameOfID(id string) string {
	t := m.tableOf[id]
	if t == nil {
		return id
	}
	for _, rows := range []map[string]mergeRow{m.ourRows[t.name], m.theirRows[t.name]} {
		if r, ok := rows[id]; ok {
			for _, c := range []string{"name", "code", "title", "held_on"} {
				for i, col := range t.cols {
					if col == c && r.vals[i] != nil && fmt.Sprint(r.vals[i]) != "" {
						return fmt.Sprint(r.vals[i])
					}
				}
			}
		}
	}
	return sayPlain(t.one)
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

// oursChanged reports whether our version of a row is a change they have
// not seen. A version that came in from a merge and was not touched here
// since, which theirs has moved on from, is not ours to defend.
func (m *merger) oursChanged(or, tr *mergeRow) bool {
	if or.arrival() <= m.oursAfter {
		return false
	}
	if tr != nil && or.arrivedAt != "" && or.updatedAt <= or.arrivedAt && tr.updatedAt > or.updatedAt {
		return false
	}
	return true
}

// theirsChanged reports whether their version of a row is a change made
// since the copies last met, rather than one of ours coming back.
func (m *merger) theirsChanged(tr mergeRow, ours *mergeRow) bool {
	if tr.arrival() <= m.theirsAfter {
		return false
	}
	if tr.copyID == m.ourCopy && ours != nil && tr.updatedAt <= ours.updatedAt {
		return false // our own change, which they took from us
	}
	return true
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
				Chosen: "ours"})
			m.count(t).Conflicts++
			row := *r
			row.vals = append([]any{}, r.vals...)
			row.vals[i] = ""
			m.final[t.name][id] = &row
			m.restamp[id] = true
			if a := m.actions[id]; a != nil && (a.kind == "add" || a.kind == "update") {
				a.row = row
			} else {
				m.do(&mergeAction{table: t, id: id, kind: "update", row: row})
			}
		}
	}
}

// theyHave reports whether their copy has the row id.
func theyHave(theirs map[string]mergeRow, id string) bool {
	_, ok := theirs[id]
	return ok
}

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
	m.do(&mergeAction{table: t, id: id, kind: "add", row: tr})
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

func (m *merger) table(name string) *mergeTable {
	for i := range mergeTables {
		if mergeTables[i].name == name {
			return &mergeTables[i]
		}
	}
	return nil
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

// fixReferences makes sure that every row coming from theirs points at
// records that are there: a reference that may be cleared is cleared, and a
// record deleted here but still used in theirs is brought back (and said so).
func (m *merger) fixReferences() {
	for changed := true; changed; {
		changed = false
		for _, id := range append([]string{}, m.order...) {
			a := m.actions[id]
			if a == nil || (a.kind != "add" && a.kind != "update" && a.kind != "rekey") {
				continue
			}
			refs := refColumns[a.table.name]
			for i, c := range a.table.cols {
				target, ok := refs[c]
				s, isText := a.row.vals[i].(string)
				if !ok || !isText || s == "" || m.exists(s) {
					continue
				}
				tt := m.table(target)
				if tt != nil && m.ourStones[s].ID != "" {
					if _, theirsHave := m.theirRows[tt.name][s]; theirsHave {
						m.conflict(tt, s, msg("deleted in this copy, still used in theirs, so brought back"), nil, ptr(m.theirRows[tt.name][s]), true)
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

func referrerAction(table, column string) onDelete {
	for _, refs := range referrers {
		for _, r := range refs {
			if r.table.name == table && r.column == column {
				return r.action
			}
		}
	}
	return restrict
}

// planDeletions keeps a record they deleted that this copy still uses, or
// under which something changed here, and reports it; the others are
// deleted with what belongs to them.
func (m *merger) planDeletions() {
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
			if a == nil || a.kind != "delete" {
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
				case action == cascade && m.oursChanged(r, nil):
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
			m.actions[id] = &mergeAction{table: t, id: id, kind: "update", row: or}
			for _, user := range restricting {
				ut := m.tableOf[user]
				if r := m.final[ut.name][user]; r != nil && m.actions[user] == nil {
					m.restamp[user] = true
					m.do(&mergeAction{table: ut, id: user, kind: "update", row: *r})
				}
			}
			m.report.Conflicts = append(m.report.Conflicts, MergeConflict{Key: t.name + ":" + id, Kind: sayPlain(t.one), ID: id, Title: m.rowTitle(t, &or),
				Reason: say("deleted in theirs but still used here (%s), so kept", JoinAnd(dedupe(blockers))), Ours: describeRow(t, &or), Chosen: "ours", settled: true})
			m.count(t).Conflicts++
			changed = true
		}
	}
	// What belongs to a deleted record goes with it.
	for _, id := range append([]string{}, m.order...) {
		a := m.actions[id]
		if a == nil || a.kind != "delete" {
			continue
		}
		for _, user := range users[id] {
			ut := m.tableOf[user]
			if r := m.final[ut.name][user]; r != nil && m.actions[user] == nil {
				for i, c := range ut.cols {
					if s, _ := r.vals[i].(string); s == id && referrerAction(ut.name, c) == cascade {
						m.final[ut.name][user] = nil
						m.do(&mergeAction{table: ut, id: user, kind: "delete", stone: Tombstone{ID: user, Table: ut.name, DeletedAt: a.stone.DeletedAt, CopyID: a.stone.CopyID}})
						m.count(ut).Deleted++
					}
				}
			}
		}
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

func dedupe(s []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// apply makes the planned changes in one transaction: records entered twice
// first, then additions and updates parents first, then deletions children
// first.
func (m *merger) apply(t *tx) error {
	var adds, deletes []*mergeAction
	for _, id := range m.order {
		if a := m.actions[id]; a != nil {
			switch a.kind {
			case "add", "update":
				adds = append(adds, a)
			case "delete":
				deletes = append(deletes, a)
			}
		}
	}
	// Names and codes of rows to update or delete are cleared first, so
	// that two records swapping names, or a record deleted and entered anew,
	// never collide half-way.
	for _, a := range append(append([]*mergeAction{}, adds...), deletes...) {
		if a.kind == "add" || len(a.table.unique)+len(a.table.clash) == 0 {
			continue
		}
		if a.kind == "update" && len(referrers[a.table.name]) == 0 && a.table.uniqueByRefs() {
			// A row joining two records (a sector of an organisation) cannot
			// be parked under a placeholder: it is taken out and written
			// anew, so that a record entered twice becoming one cannot meet
			// it half-way.
			if _, err := t.Exec("DELETE FROM "+a.table.name+" WHERE "+a.table.key+" = ?", a.id); err != nil {
				return err
			}
			a.kind = "add"
			continue
		}
		for _, set := range append(append([][]string{}, a.table.unique...), a.table.clash) {
			for _, col := range set {
				if _, isRef := refColumns[a.table.name][col]; isRef || col == "key" {
					continue
				}
				if _, err := t.Exec("UPDATE "+a.table.name+" SET "+col+" = ? WHERE "+a.table.key+" = ?", "(merging) "+a.id+" "+col, a.id); err != nil {
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
		if a := m.actions[id]; a != nil && (a.kind == "rekey" || a.kind == "fold") && len(referrers[a.table.name]) == 0 {
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
		case "rekey", "fold":
			if len(referrers[a.table.name]) == 0 {
				continue // done above
			}
			if err := m.applyReplace(t, a); err != nil {
				return err
			}
		case "restone":
			if _, err := t.Exec("UPDATE tombstones SET deleted_at = ?, copy_id = ?, arrived_at = '' WHERE id = ?", m.newStamp(t, a.id), t.f.copyID, a.id); err != nil {
				return err
			}
		case "tombstone":
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
	if a.kind == "add" {
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
	return nil
}

// applyReplace makes our record a.from become the record a.id kept for it:
// for a rekey our row takes the kept id; for a fold, which this copy also
// has the kept record for, our row goes. Either way what pointed at ours
// points at the kept one, and the old id's tombstone names its replacement.
func (m *merger) applyReplace(t *tx, a *mergeAction) error {
	move := "UPDATE " + a.table.name + " SET " + a.table.key + " = ? WHERE " + a.table.key + " = ?"
	args := []any{a.id, a.from}
	if a.kind == "fold" {
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
	return m.write(t, &mergeAction{table: a.table, id: a.id, kind: "update", row: a.row})
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

// overrides notes the stamp of the change a decision of this merge goes
// against, for its new stamp to follow.
func (m *merger) overrides(id, stamp string) {
	if stamp > m.beat[id] {
		m.beat[id] = stamp
	}
}

// newStamp is the stamp of a decision of this merge: now, or just after the
// change it goes against when that one is dated later (the other copy's
// clock may run ahead), so that every copy sees the decision as the newer
// change and takes it.
func (m *merger) newStamp(t *tx, id string) string {
	if b := m.beat[id]; b >= t.at {
		if at, err := time.Parse("2006-01-02T15:04:05.000Z", b); err == nil {
			return timestamp(at.Add(time.Millisecond))
		}
	}
	return t.at
}
