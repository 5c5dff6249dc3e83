// Reading a copy for merging: its tables as merging sees them, their rows
// with their stamps, and the deletions it knows of.

package workspace

import (
	"fmt"
	"reflect"
	"strings"
)

// mergeTable is a table as merging sees it: a key, data columns, and the
// column sets that must stay unique.
type mergeTable struct {
	name   string
	kind   string // what its rows are, in the users' words (plural)
	one    string // one row, in the users' words
	key    string // the key column: "id", or "key" for settings
	cols   []string
	unique [][]string // besides the key; text compared without case
	clash  []string   // columns that must be unique but do not make two rows the same record
	order  string     // ORDER BY for reading, so parents come before children
	// record makes an empty record of the table, to read a merged row back
	// and check its fields; nil for links and settings.
	record func() record
}

// mergeTables lists every table that copies exchange, parents before children.
var mergeTables = func() []mergeTable {
	rec := func(r record, unique [][]string, order string) mergeTable {
		t := r.table()
		kind := reflect.TypeOf(r).Elem()
		return mergeTable{name: t.name, kind: t.plural, one: t.entity, key: "id", cols: t.cols, unique: unique, order: order,
			record: func() record { return reflect.New(kind).Interface().(record) }}
	}
	link := func(l linkTable, kind string) mergeTable {
		return mergeTable{name: l.name, kind: kind, one: l.one, key: "id", cols: []string{l.parentCol, l.otherCol},
			unique: [][]string{{l.parentCol, l.otherCol}}, order: "id"}
	}
	return []mergeTable{
		rec(&Initiative{}, nil, "id"),
		rec(&Sector{}, [][]string{{"name"}}, "id"),
		func() mergeTable {
			t := rec(&Organisation{}, [][]string{{"name"}}, "id")
			t.clash = []string{"acronym"} // two partners may not share one, but sharing one does not make them one
			return t
		}(),
		rec(&Unit{}, [][]string{{"parent_id", "name"}}, "CASE level WHEN 'area' THEN 0 WHEN 'segment' THEN 1 WHEN 'cluster' THEN 2 ELSE 3 END, id"),
		rec(&Person{}, [][]string{{"survey_id"}}, "id"), // a household imported from one survey in two copies is one person
		rec(&Consortium{}, [][]string{{"code"}, {"name"}}, "id"),
		rec(&ConsortiumMember{}, nil, "id"),
		rec(&Role{}, [][]string{{"name"}, {"key"}}, "id"),
		rec(&Assignment{}, nil, "id"),
		rec(&ResourceGap{}, [][]string{{"consortium_id", "title"}}, "id"),
		rec(&GapCandidate{}, [][]string{{"gap_id", "organisation_id"}}, "id"),
		rec(&Meeting{}, nil, "id"),
		rec(&Decision{}, nil, "id"),
		rec(&FollowUp{}, nil, "id"),
		rec(&Activity{}, [][]string{{"organisation_id", "unit_id", "place", "sector_id", "description"}}, "id"),
		rec(&UnitShape{}, [][]string{{"unit_id"}}, "id"), // one boundary per unit: two copies' become one
		link(organisationSectors, msg("sectors of organisations")),
		link(consortiumSectors, msg("sectors of consortia")),
		link(meetingConsortia, msg("consortia at meetings")),
		link(meetingAttendees, msg("meeting attendees")),
		{name: "settings", kind: msg("settings"), one: msg("setting"), key: "key", cols: []string{"value"}, order: "key"},
	}
}()

// refColumns lists, per table, the columns that hold ids of other tables'
// rows, so that a partner entered twice can be mapped onto one.
var refColumns = func() map[string]map[string]string {
	out := map[string]map[string]string{}
	for target, refs := range referrers {
		for _, r := range refs {
			if out[r.table.name] == nil {
				out[r.table.name] = map[string]string{}
			}
			out[r.table.name][r.column] = target
		}
	}
	return out
}()

// mergeRow is one row of a table with its stamp.
type mergeRow struct {
	vals      []any  // in the order of the table's cols
	updatedAt string // when it was changed, in the copy that changed it
	copyID    string // the copy that changed it
	arrivedAt string // when it arrived in this file, if it came from another copy
	// fields holds, by column index, when each field changed since the
	// record was made; a field not in it has not changed since.
	fields map[int]fieldStamp
}

// fieldStamp is when one field of a record was last changed, by which copy,
// and when that change arrived in the file it was read from.
type fieldStamp struct {
	at, copyID, arrivedAt string
	theirs                bool // read from the other copy: it arrives here with the merge
	fresh                 bool // a decision of this merge against a newer change: stamped now
}

// arrival is when the field's value came to be in the file it was read from.
func (s fieldStamp) arrival() string { return max(s.at, s.arrivedAt) }

// arrival is when the row's version came to be in this file.
func (r mergeRow) arrival() string { return max(r.updatedAt, r.arrivedAt) }

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

// readFieldStamps adds to rows the stamps of their fields. A copy saved
// before fields were stamped has none: its records count as changed whole.
func readFieldStamps(q querier, t *mergeTable, rows map[string]mergeRow, theirs bool) error {
	var has int
	if err := q.QueryRow("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'field_stamps'").Scan(&has); err != nil || has == 0 {
		return err
	}
	res, err := q.Query("SELECT row_id, col, updated_at, copy_id, arrived_at FROM field_stamps WHERE tbl = ?", t.name)
	if err != nil {
		return err
	}
	defer res.Close()
	index := map[string]int{}
	for i, c := range t.cols {
		index[c] = i
	}
	for res.Next() {
		var id, col string
		s := fieldStamp{theirs: theirs}
		if err := res.Scan(&id, &col, &s.at, &s.copyID, &s.arrivedAt); err != nil {
			return err
		}
		r, ok := rows[id]
		i, known := index[col]
		if !ok || !known {
			continue // a stamp left behind by a record renumbered, or a column this version does not merge
		}
		if r.fields == nil {
			r.fields = map[int]fieldStamp{}
		}
		r.fields[i] = s
		rows[id] = r
	}
	return res.Err()
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

func sameVals(a, b []any) bool {
	for i := range a {
		if fmt.Sprint(a[i]) != fmt.Sprint(b[i]) || (a[i] == nil) != (b[i] == nil) {
			return false
		}
	}
	return true
}

func copyRow(r mergeRow) mergeRow {
	r.vals = append([]any{}, r.vals...)
	return r
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
	for _, c := range []string{"name", "title", "code", "text", "value", "held_on", "description"} {
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

func (m *merger) table(name string) *mergeTable {
	for i := range mergeTables {
		if mergeTables[i].name == name {
			return &mergeTables[i]
		}
	}
	return nil
}

// kindOf names a table's records in the users' words.
func kindOf(table string) string {
	for _, t := range mergeTables {
		if t.name == table {
			return t.kind
		}
	}
	return table
}

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

// read reads both copies' deletions and rows, and returns each table's ids
// in their reading order (ours, theirs), parents before children.
func (m *merger) read() (map[string][2][]string, error) {
	// The other copy is read on a connection of its own while this one is
	// read: the two halves of a merge's reading run side by side.
	type read struct {
		rows  map[string]mergeRow
		order []string
		err   error
	}
	theirReads := make([]read, len(mergeTables))
	var theirStonesErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		if m.theirStones, theirStonesErr = readStones(m.theirs); theirStonesErr != nil {
			return
		}
		for i := range mergeTables {
			t, r := &mergeTables[i], &theirReads[i]
			if r.rows, r.order, r.err = readRows(m.theirs, t); r.err == nil {
				r.err = readFieldStamps(m.theirs, t, r.rows, true)
			}
			if r.err != nil {
				return
			}
		}
	}()
	defer func() { <-done }()
	var err error
	if m.ourStones, err = readStones(m.ours); err != nil {
		return nil, internal("reading this copy's deletions", err)
	}
	ourReads := make([]read, len(mergeTables))
	for i := range mergeTables {
		t, r := &mergeTables[i], &ourReads[i]
		if r.rows, r.order, r.err = readRows(m.ours, t); r.err == nil {
			r.err = readFieldStamps(m.ours, t, r.rows, false)
		}
		if r.err != nil {
			return nil, internal(say("reading %s", sayPlain(t.kind)), r.err)
		}
	}
	<-done
	if theirStonesErr != nil {
		return nil, internal("reading the other copy's deletions", theirStonesErr)
	}
	m.ourRows, m.theirRows = map[string]map[string]mergeRow{}, map[string]map[string]mergeRow{}
	m.tableOf = map[string]*mergeTable{}
	orders := map[string][2][]string{}
	for i := range mergeTables {
		t := &mergeTables[i]
		if err := theirReads[i].err; err != nil {
			return nil, internal(say("reading the other copy's %s", sayPlain(t.kind)), err)
		}
		ours, theirs := ourReads[i].rows, theirReads[i].rows
		m.ourRows[t.name], m.theirRows[t.name] = ours, theirs
		orders[t.name] = [2][]string{ourReads[i].order, theirReads[i].order}
		for id := range ours {
			m.tableOf[id] = t
		}
		for id := range theirs {
			m.tableOf[id] = t
		}
	}
	return orders, nil
}
