// Undo, redo and reverting a step of the history: the rows a step touched
// are written back as they were before it, as a new step of this copy,
// stamped now so that the undo travels to other copies like any change.

package workspace

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"

	"cpw/translate"
)

// StepRecord is a record an undo put back, took away or changed back.
type StepRecord struct {
	Table  string `json:"table"` // as list screens know it: "people", "consortium_members"…
	ID     string `json:"id"`
	Entity string `json:"entity"` // as the change log names it
	Title  string `json:"title"`
	Effect string `json:"effect"` // "restored", "removed" or "changed"
	// Page is the record whose page shows it now: its own, or for a
	// record that belongs to another (a member, a decision) that one's.
	// Empty for a record taken away that has a page of its own.
	Page Subject `json:"page"`
}

// pages says which page shows a record of each table: whose, and the
// column holding its id.
var pages = map[string]struct {
	kind   SubjectKind
	column string
}{
	"people": {SubjectPerson, "id"}, "organisations": {SubjectOrganisation, "id"}, "consortia": {SubjectConsortium, "id"},
	"roles": {SubjectRole, "id"}, "meetings": {SubjectMeeting, "id"}, "gaps": {SubjectGap, "id"}, "units": {SubjectUnit, "id"},
	"consortium_members": {SubjectConsortium, "consortium_id"}, "assignments": {SubjectRole, "role_id"},
	"gap_candidates": {SubjectGap, "gap_id"}, "decisions": {SubjectMeeting, "meeting_id"}, "actions": {SubjectMeeting, "meeting_id"},
	"activities": {SubjectOrganisation, "organisation_id"},
}

// pageOf is the page that shows a row, as the steps keep it; gone is set
// when the row is being taken away.
func pageOf(table string, row map[string]any, gone bool) Subject {
	p, ok := pages[table]
	if !ok || (gone && p.column == "id") {
		return Subject{}
	}
	id, _ := row[p.column].(string)
	if id == "" {
		return Subject{}
	}
	return Subject{Kind: p.kind, ID: id}
}

// Undone is what an undo, a redo or a revert did.
type Undone struct {
	// Step is the step reversed; By the new step that reversed it.
	Step Step `json:"step"`
	By   Step `json:"by"`
	// Restored, Removed and Changed count records (not links, deletions
	// noted or settings) put back, taken away and changed back.
	Restored int `json:"restored"`
	Removed  int `json:"removed"`
	Changed  int `json:"changed"`
	// Records names the first of them (up to shownRecords).
	Records []StepRecord `json:"records"`
}

// RevertPlan is what reverting a step would change, for a preview.
type RevertPlan struct {
	Step Step
	// Lines say, one per record, what would happen to it, in the language
	// of the package's messages (up to shownRecords); More counts the rest.
	Lines []string
	More  int
	// Refused is why the step cannot be reverted now, or nil.
	Refused error
}

// shownRecords is how many records an undo names: in its change log
// entries, in what it returns, in a preview.
const shownRecords = 50

// Undo undoes the newest step not undone yet. What that is, is decided
// inside the write, so that a step another program adds meanwhile is the
// one undone, never a step read before it.
func (f *File) Undo() (Undone, error) {
	return f.reverseWith(func(t *tx) (Step, bool, error) { return nextUndo(t) }, nothingToUndo)
}

// Redo redoes the newest undo, unless a change was made after it.
func (f *File) Redo() (Undone, error) {
	return f.reverseWith(func(t *tx) (Step, bool, error) { return nextRedo(t) }, nothingToRedo)
}

// UndoStep undoes the newest step, as Undo does, only if it is still the
// step expect (what a window named in its menu): another window or program
// may have made a newer one since.
func (f *File) UndoStep(expect int64) (Undone, error) {
	return f.reverseWith(func(t *tx) (Step, bool, error) { return expected(nextUndo(t))(expect) }, nothingToUndo)
}

// RedoStep redoes the newest undo, as Redo does, only if it is still the
// undo expect.
func (f *File) RedoStep(expect int64) (Undone, error) {
	return f.reverseWith(func(t *tx) (Step, bool, error) { return expected(nextRedo(t))(expect) }, nothingToRedo)
}

// expected refuses a step other than the one expected.
func expected(s Step, ok bool, err error) func(int64) (Step, bool, error) {
	return func(id int64) (Step, bool, error) {
		if err == nil && ok && s.ID != id {
			return s, ok, newError(ErrConflict, "Another window or program changed the workspace meanwhile, so nothing was undone or redone: the newest step is now “%s”. Look at what is shown, then try again.", s.What())
		}
		return s, ok, err
	}
}

// Revert reverses the step id, whichever it is: an undo of an older
// change, or a redo when the step is an undo.
func (f *File) Revert(id int64) (Undone, error) {
	return f.reverseWith(func(t *tx) (Step, bool, error) { return readStep(t, id) }, func() error { return noStep(id) })
}

// nothingToUndo and nothingToRedo say why Undo or Redo did nothing.
func nothingToUndo() error {
	return newError(ErrNotFound, "There is nothing to undo: no change has been made in this copy since steps were kept.")
}

func nothingToRedo() error {
	return newError(ErrNotFound, "There is nothing to redo: nothing was undone since the last change.")
}

// noStep is the error for a step this copy does not keep.
func noStep(id int64) error {
	return newError(ErrNotFound, "This copy keeps no step %d: it may be older than the steps kept, or from another copy.", id)
}

func (f *File) reverseWith(pick func(t *tx) (Step, bool, error), none func() error) (Undone, error) {
	var out Undone
	err := f.write(func(t *tx) error {
		s, ok, err := pick(t)
		if err != nil {
			return err
		}
		if !ok {
			return none()
		}
		out, err = t.reverse(s)
		return err
	})
	if err != nil {
		return Undone{}, err
	}
	by, _, err := readStep(f.reader(), out.By.ID)
	out.By = by
	return out, err
}

// PlanRevert says what reverting the step id would change now, or why it
// cannot be done. Revert decides again inside its write.
func (f *File) PlanRevert(id int64) (RevertPlan, error) {
	q := f.reader()
	s, ok, err := readStep(q, id)
	if err != nil {
		return RevertPlan{}, err
	}
	if !ok {
		return RevertPlan{}, noStep(id)
	}
	plan := RevertPlan{Step: s}
	if plan.Refused = refuseReverse(q, s); plan.Refused != nil {
		return plan, nil
	}
	rows, err := stepRows(q, s.ID)
	if err != nil {
		return plan, err
	}
	for _, r := range rows {
		if r.entity() == "" {
			continue
		}
		if len(plan.Lines) == shownRecords {
			plan.More++
			continue
		}
		cur, err := currentRow(q, r.tbl, r.rowID)
		if err != nil {
			return plan, err
		}
		switch {
		case r.before == nil && cur == nil, r.before != nil && cur != nil && sameContent(r.before, cur):
			continue
		case r.before == nil:
			plan.Lines = append(plan.Lines, say("take away %s “%s”", sayPlain(r.entity()), rowTitleOf(q, r.tbl, r.rowID, cur)))
		case cur == nil:
			plan.Lines = append(plan.Lines, say("put back %s “%s”", sayPlain(r.entity()), rowTitleOf(q, r.tbl, r.rowID, r.before)))
		default:
			plan.Lines = append(plan.Lines, say("change back %s “%s”: %s", sayPlain(r.entity()), rowTitleOf(q, r.tbl, r.rowID, cur), fieldChanges(q, r.tbl, cur, r.before)))
		}
	}
	return plan, nil
}

// stepRow is a row a step touched, as it was before the step (nil when the
// step created it).
type stepRow struct {
	step   int64
	tbl    string
	rowID  string
	before map[string]any
}

// entity names the row's kind of record as the change log does, or "" for
// a row that is not a record of its own (a link, a deletion noted, a
// setting).
func (r stepRow) entity() string { return recordEntity(r.tbl) }

// recordEntity names a table's records as the change log does, "" for a
// table of no records of their own.
func recordEntity(table string) string {
	for _, p := range prototypes {
		if t := p.table(); t.name == table {
			return t.entity
		}
	}
	return ""
}

// stepRows reads the rows a step touched, in the order it first touched them.
func stepRows(q querier, step int64) ([]stepRow, error) {
	rows, err := q.Query("SELECT step, tbl, row_id, before FROM step_rows WHERE step = ? ORDER BY rowid", step)
	if err != nil {
		return nil, internal("reading a step", err)
	}
	defer rows.Close()
	var out []stepRow
	for rows.Next() {
		var r stepRow
		var before sql.NullString
		if err := rows.Scan(&r.step, &r.tbl, &r.rowID, &before); err != nil {
			return nil, internal("reading a step", err)
		}
		if journalKey(r.tbl) == "" {
			return nil, newError(ErrDamaged, "The workspace's record of its steps names a table it does not have (%q): it may have been altered.", r.tbl)
		}
		if before.Valid {
			if err := json.Unmarshal([]byte(before.String), &r.before); err != nil || r.before == nil {
				return nil, newError(ErrDamaged, "The workspace's record of its steps cannot be read: it may have been altered.")
			}
		}
		out = append(out, r)
	}
	return out, internal("reading a step", rows.Err())
}

// journalled lists the tables the steps keep, with their key column: every
// table but the change log and this copy's own notes.
var journalled = func() map[string]string {
	m := map[string]string{"initiative": "id", "tombstones": "id", "copy_meetings": "peer_copy_id"}
	for _, t := range mergeTables {
		m[t.name] = t.key
	}
	return m
}()

func journalKey(table string) string { return journalled[table] }

// travels reports whether a table's rows go to other copies when they
// merge, so that taking one away must be noted for them (a tombstone).
func travels(table string) bool { return table != "tombstones" && table != "copy_meetings" }

var (
	columnsMu sync.Mutex
	columns   = map[string][]string{}
)

// tableColumns lists a journalled table's columns, as the file has them
// (its schema was checked when it was opened).
// columnDefaults gives each column of a table its default, as SQL ("NULL"
// for none); the schema is the program's own (verified on open).
func columnDefaults(q querier, table string) (map[string]string, error) {
	rows, err := q.Query("SELECT name, coalesce(dflt_value, 'NULL') FROM pragma_table_info(?)", table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var c, d string
		if err := rows.Scan(&c, &d); err != nil {
			return nil, err
		}
		out[c] = d
	}
	return out, rows.Err()
}

func tableColumns(q querier, table string) ([]string, error) {
	columnsMu.Lock()
	defer columnsMu.Unlock()
	if c, ok := columns[table]; ok {
		return c, nil
	}
	if journalKey(table) == "" {
		return nil, fmt.Errorf("no journalled table %q", table)
	}
	rows, err := q.Query("SELECT name FROM pragma_table_info(?) ORDER BY cid", table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	columns[table] = out
	return out, nil
}

// currentRow reads a row as the steps keep it, nil when there is none.
func currentRow(q querier, table, id string) (map[string]any, error) {
	cols, err := tableColumns(q, table)
	if err != nil {
		return nil, internal("reading a record", err)
	}
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = "'" + c + "', " + c
	}
	var s string
	err = q.QueryRow("SELECT json_object("+strings.Join(parts, ", ")+") FROM "+table+" WHERE "+journalKey(table)+" = ?", id).Scan(&s)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, internal("reading a record", err)
	}
	var out map[string]any
	return out, internal("reading a record", json.Unmarshal([]byte(s), &out))
}

// stampColumns say when, where and by which copy a row changed: they differ
// between a row and the same row written back, and are not its content.
var stampColumns = map[string]bool{"updated_at": true, "copy_id": true, "arrived_at": true, "deleted_at": true}

// sameContent compares two rows as the steps keep them, stamps aside.
func sameContent(a, b map[string]any) bool {
	if (a == nil) != (b == nil) {
		return false
	}
	// A column only one side has was added by a later schema than the
	// other side's: not a difference.
	for k, v := range a {
		if w, ok := b[k]; ok && !stampColumns[k] && !reflect.DeepEqual(v, w) {
			return false
		}
	}
	return true
}

// rowTitleOf names a record for an undo's messages: as the change log does
// when it is in the workspace, else by its name or title.
func rowTitleOf(q querier, table, id string, row map[string]any) string {
	for _, p := range prototypes {
		if p.table().name != table {
			continue
		}
		r := reflect.New(reflect.TypeOf(p).Elem()).Interface().(record)
		if load(q, r, id) == nil {
			if d, ok := r.(describer); ok {
				return d.describe(q)
			}
			return r.title()
		}
	}
	for _, c := range []string{"name", "title", "code", "text", "description", "held_on"} {
		if s, ok := row[c].(string); ok && s != "" {
			return s
		}
	}
	return id
}

// fieldChanges says how a row would change, field by field.
func fieldChanges(q querier, table string, from, to map[string]any) string {
	cols, _ := tableColumns(q, table)
	var parts []string
	for _, c := range cols {
		if stampColumns[c] || c == "id" || reflect.DeepEqual(from[c], to[c]) {
			continue
		}
		parts = append(parts, fmt.Sprintf("%s %s → %s", FieldLabel(table, c), show(shownJSON(q, table, c, from[c])), show(shownJSON(q, table, c, to[c]))))
	}
	return strings.Join(parts, "; ")
}

// shownJSON shows a value kept as JSON as users read it, as a conflict
// shows it: a referred-to record by its name (a unit by its path), a choice
// by its label.
func shownJSON(q querier, table, col string, v any) string {
	if v == nil {
		return ""
	}
	if f, ok := v.(float64); ok && f == float64(int64(f)) {
		v = int64(f)
	}
	return shownValue(q, table, col, refField{table: refColumns[table][col]}, v)
}

// refuseReverse says why step s cannot be reversed now, or nil: it was
// reversed already, a row it touched was changed since by a later step, or
// a record it added is now used by records added since.
func refuseReverse(q querier, s Step) error {
	name := s.Name()
	if s.ReversedBy != 0 {
		if s.Kind == StepUndo {
			return newError(ErrConflict, "The undo of “%s” was already redone.", name)
		}
		return newError(ErrConflict, "“%s” was already undone.", name)
	}
	// Rows a later step touched: unchanged only if they are still as this
	// step left them (a later change undone again leaves them so). The
	// later steps' rows are read first (usually few), each looked up among
	// this step's; the first later step to touch a row kept it as this step
	// left it.
	rows, err := q.Query(`SELECT l.tbl, l.row_id, l.before, l.step FROM step_rows l
		JOIN step_rows r ON r.step = ? AND r.tbl = l.tbl AND r.row_id = l.row_id
		WHERE l.step > ? ORDER BY l.tbl, l.row_id, l.step`, s.ID, s.ID)
	if err != nil {
		return internal("reading the steps", err)
	}
	type later struct {
		tbl, id string
		after   sql.NullString
		step    int64 // the newest later step that touched it
	}
	var touched []later
	for rows.Next() {
		var l later
		if err := rows.Scan(&l.tbl, &l.id, &l.after, &l.step); err != nil {
			rows.Close()
			return internal("reading the steps", err)
		}
		if n := len(touched); n > 0 && touched[n-1].tbl == l.tbl && touched[n-1].id == l.id {
			touched[n-1].step = l.step
			continue
		}
		touched = append(touched, l)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return internal("reading the steps", err)
	}
	var changed []string
	for _, l := range touched {
		if journalKey(l.tbl) == "" {
			return newError(ErrDamaged, "The workspace's record of its steps names a table it does not have (%q): it may have been altered.", l.tbl)
		}
		var after map[string]any
		if l.after.Valid {
			if err := json.Unmarshal([]byte(l.after.String), &after); err != nil {
				return newError(ErrDamaged, "The workspace's record of its steps cannot be read: it may have been altered.")
			}
		}
		cur, err := currentRow(q, l.tbl, l.id)
		if err != nil {
			return err
		}
		if sameContent(after, cur) {
			continue
		}
		if len(changed) < 3 {
			changed = append(changed, changedBy(q, l.tbl, l.id, cur, after, l.step))
		} else {
			changed = append(changed, "")
		}
	}
	if len(changed) > 0 {
		if s.Kind == StepUndo {
			return newError(ErrConflict, "“%s” cannot be redone, because what its undo put back was changed again since: %s. Undo those later changes first, or make the change by hand.", name, listSome(changed))
		}
		return newError(ErrConflict, "“%s” cannot be undone, because what it changed was changed again since: %s. Undo those later changes first, or make the change by hand.", name, listSome(changed))
	}
	// Records the step added that records added since refer to.
	var used []string
	for tbl, refs := range referrers {
		for _, ref := range refs {
			if journalKey(ref.table.name) == "" {
				continue
			}
			rows, err := q.Query(`SELECT r.row_id, c.id FROM step_rows r JOIN `+ref.table.name+` c ON c.`+ref.column+` = r.row_id
				WHERE r.step = ? AND r.tbl = ? AND r.before IS NULL
				AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = ? AND x.row_id = c.id AND x.step = r.step) LIMIT 4`,
				s.ID, tbl, ref.table.name)
			if err != nil {
				return internal("reading the steps", err)
			}
			// Read to the end before naming them: a file's reader has
			// one connection.
			var pairs [][2]string
			for rows.Next() {
				var id, by string
				if err := rows.Scan(&id, &by); err != nil {
					rows.Close()
					return internal("reading the steps", err)
				}
				pairs = append(pairs, [2]string{id, by})
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return internal("reading the steps", err)
			}
			for _, p := range pairs {
				if len(used) < 3 {
					what := rowTitleOf(q, tbl, p[0], nil)
					user := rowTitleOf(q, ref.table.name, p[1], nil)
					used = append(used, say("%s “%s” is used by %s “%s”", sayPlain(entityOf(tbl)), what, sayPlain(ref.table.entity), user))
				} else {
					used = append(used, "")
				}
			}
		}
	}
	if len(used) > 0 {
		if s.Kind == StepUndo {
			return newError(ErrInUse, "“%s” cannot be redone, because records added since refer to what its undo put back: %s. Change or delete those first.", name, listSome(used))
		}
		return newError(ErrInUse, "“%s” cannot be undone, because records added since refer to what it added: %s. Change or delete those first.", name, listSome(used))
	}
	return nil
}

// entityOf names a table's records as the change log does.
func entityOf(table string) string {
	if e := recordEntity(table); e != "" {
		return e
	}
	for _, l := range linkTables {
		if l.name == table {
			return l.one
		}
	}
	if table == "copy_meetings" {
		return msg("merge with another copy")
	}
	return kindOf(table)
}

// changedBy says which record was changed since, by whom and when.
func changedBy(q querier, table, id string, cur, after map[string]any, step int64) string {
	row := cur
	if row == nil {
		row = after
	}
	what := say("%s “%s”", sayPlain(entityOf(table)), rowTitleOf(q, table, id, row))
	if s, ok, err := readStep(q, step); err == nil && ok {
		return say("%s (%s by %s, %s)", what, s.What(), nonEmptyWord(s.Author), s.At[:min(len(s.At), 10)])
	}
	return what
}

func nonEmptyWord(s string) string {
	if s == "" {
		return say("someone")
	}
	return s
}

// listSome lists the named items, and how many more there are (the empty
// ones).
func listSome(items []string) string {
	var named []string
	more := 0
	for _, s := range items {
		if s == "" {
			more++
		} else {
			named = append(named, s)
		}
	}
	if more > 0 {
		named = append(named, byCount(wording(), more, msg("1 more"), msg("%s more")))
	}
	return JoinAnd(named)
}

// reverse writes back the rows step s touched as they were before it. Rows
// are written table by table in bulk where they can be (an import of
// 21,000 people is one step), one by one where a row changed (names parked first).
func (t *tx) reverse(s Step) (Undone, error) {
	out := Undone{Step: s}
	if err := refuseReverse(t, s); err != nil {
		return out, err
	}
	t.reverses, t.redoing = s.ID, s.Kind == StepUndo
	t.name = stepName{s.Action, s.Entity, s.Title}
	out.By.ID = t.step
	rows, err := stepRows(t, s.ID)
	if err != nil {
		return out, err
	}
	// Rows may come back before the rows they refer to; the references are
	// checked at the end.
	if _, err := t.Exec("PRAGMA defer_foreign_keys = ON"); err != nil {
		return out, err
	}
	added := map[string][]stepRow{}   // by table: rows the step added, to take away
	changed := map[string][]stepRow{} // rows it changed or deleted, to write back
	for _, r := range rows {
		if r.before == nil {
			added[r.tbl] = append(added[r.tbl], r)
		} else {
			changed[r.tbl] = append(changed[r.tbl], r)
		}
	}
	note := func(r stepRow, effect string, row map[string]any) {
		if r.entity() == "" {
			return
		}
		switch effect {
		case "restored":
			out.Restored++
		case "removed":
			out.Removed++
		default:
			out.Changed++
		}
		if len(out.Records) < shownRecords {
			out.Records = append(out.Records, StepRecord{Table: r.tbl, ID: r.rowID, Entity: r.entity(), Title: rowTitleOf(t, r.tbl, r.rowID, row),
				Effect: effect, Page: pageOf(r.tbl, row, effect == "removed")})
		}
	}
	// First the deletions the step noted go, which the rows coming back
	// undo, and what a merge noted of the copy it met.
	for _, name := range []string{"tombstones", "copy_meetings"} {
		if err := t.takeAway(name, added[name], nil); err != nil {
			return out, err
		}
	}
	// Then the rows it added go: tables whose rows belong to others' first.
	for i := len(mergeTables) - 1; i >= 0; i-- {
		if err := t.takeAway(mergeTables[i].name, added[mergeTables[i].name], note); err != nil {
			return out, err
		}
	}
	// Then the rows it changed or deleted come back, deletions noted included.
	for _, name := range append([]string{"initiative", "tombstones", "copy_meetings"}, tableNames()...) {
		if err := t.writeBackAll(name, changed[name], note); err != nil {
			return out, err
		}
	}
	if table, parent, err := danglingReference(t); err != nil {
		return out, err
	} else if table != "" {
		if s.Kind == StepUndo {
			return out, newError(ErrInUse, "“%s” cannot be redone, because it would leave %s pointing at %s deleted since: put those back first.", s.Name(), sayPlain(kindOf(table)), sayPlain(kindOf(parent)))
		}
		return out, newError(ErrInUse, "“%s” cannot be undone, because it would leave %s pointing at %s deleted since: put those back first.", s.Name(), sayPlain(kindOf(table)), sayPlain(kindOf(parent)))
	}
	return out, t.logUndo(s, out)
}

// tableNames lists the tables of records and links, parents first.
func tableNames() []string {
	out := make([]string, 0, len(mergeTables))
	for _, m := range mergeTables {
		if m.name != "initiative" {
			out = append(out, m.name)
		}
	}
	return out
}

// takeAway deletes the rows a step added to table, noting each deletion
// for other copies (except of a deletion noted: that one simply goes).
func (t *tx) takeAway(table string, rows []stepRow, note func(stepRow, string, map[string]any)) error {
	if len(rows) == 0 {
		return nil
	}
	key := journalKey(table)
	// Only the rows still there are taken away (one may have gone with a
	// row it belonged to); the first few are named before they go.
	present := map[string]bool{}
	q, err := t.Query("SELECT r.row_id FROM step_rows r JOIN "+table+" c ON c."+key+" = r.row_id WHERE r.step = ? AND r.tbl = ? AND r.before IS NULL", rows[0].step, table)
	if err != nil {
		return err
	}
	for q.Next() {
		var id string
		if err := q.Scan(&id); err != nil {
			q.Close()
			return err
		}
		present[id] = true
	}
	q.Close()
	if err := q.Err(); err != nil {
		return err
	}
	if note != nil {
		named := 0
		for _, r := range rows {
			if !present[r.rowID] {
				continue
			}
			var row map[string]any
			if named++; named <= shownRecords { // only the first few are named
				if row, err = currentRow(t, table, r.rowID); err != nil {
					return err
				}
			}
			note(r, "removed", row)
		}
	}
	if travels(table) {
		if _, err := t.Exec("INSERT OR REPLACE INTO tombstones (id, entity, deleted_at, copy_id) SELECT r.row_id, r.tbl, ?, ? FROM step_rows r JOIN "+table+" c ON c."+key+" = r.row_id WHERE r.step = ? AND r.tbl = ? AND r.before IS NULL",
			t.at, t.f.copyID, rows[0].step, table); err != nil {
			return err
		}
	}
	// One statement: under defer_foreign_keys even a unit's RESTRICT on its
	// parent waits for the commit, so children and parents go in any order.
	_, err = t.Exec("DELETE FROM "+table+" WHERE "+key+" IN (SELECT row_id FROM step_rows WHERE step = ? AND tbl = ? AND before IS NULL)", rows[0].step, table)
	return t.undoError(err)
}

// writeBackAll writes back the rows a step changed or deleted in table, as
// they were before it, stamped as a change of this copy now: those deleted
// are added again in one statement, those changed are updated one by one,
// and those as they were already are left alone.
func (t *tx) writeBackAll(table string, rows []stepRow, note func(stepRow, string, map[string]any)) error {
	if len(rows) == 0 {
		return nil
	}
	key := journalKey(table)
	cols, err := tableColumns(t, table)
	if err != nil {
		return err
	}
	current := map[string]map[string]any{}
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = "'" + c + "', c." + c
	}
	q, err := t.Query("SELECT r.row_id, json_object("+strings.Join(parts, ", ")+") FROM step_rows r JOIN "+table+" c ON c."+key+" = r.row_id WHERE r.step = ? AND r.tbl = ? AND r.before IS NOT NULL", rows[0].step, table)
	if err != nil {
		return err
	}
	for q.Next() {
		var id, js string
		if err := q.Scan(&id, &js); err != nil {
			q.Close()
			return err
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(js), &m); err != nil {
			q.Close()
			return err
		}
		current[id] = m
	}
	q.Close()
	if err := q.Err(); err != nil {
		return err
	}
	// The values written back: the row before the step, stamped now. A
	// column added by a later schema than the step's is not in what the
	// step kept: a row written back keeps its value there, and a row put
	// back takes the column's default.
	defaults, err := columnDefaults(t, table)
	if err != nil {
		return err
	}
	exprs := make([]string, len(cols))
	inserts := make([]string, len(cols))
	for i, c := range cols {
		switch c {
		case "updated_at", "deleted_at":
			exprs[i] = "?1"
		case "copy_id":
			exprs[i] = "?2"
		case "arrived_at":
			exprs[i] = "''"
		case key:
			exprs[i] = "r.row_id" // never another id, whatever the kept row says
		default:
			kept := "json_extract(r.before, '$." + c + "')"
			absent := "json_type(r.before, '$." + c + "') IS NULL"
			exprs[i] = "CASE WHEN " + absent + " THEN " + table + "." + c + " ELSE " + kept + " END"
			inserts[i] = "CASE WHEN " + absent + " THEN " + defaults[c] + " ELSE " + kept + " END"
		}
		if inserts[i] == "" {
			inserts[i] = exprs[i]
		}
	}
	// Names and codes of the rows to change are parked first, so that two
	// records whose names a step swapped never collide half-way back.
	var changing []stepRow
	for _, r := range rows {
		if cur := current[r.rowID]; cur != nil && !sameContent(r.before, cur) {
			changing = append(changing, r)
		}
	}
	if err := t.park(table, changing); err != nil {
		return err
	}
	missing := 0
	for _, r := range rows {
		if current[r.rowID] == nil {
			missing++
		}
	}
	if missing > 0 {
		if _, err := t.Exec("INSERT INTO "+table+" ("+strings.Join(cols, ", ")+") SELECT "+strings.Join(inserts, ", ")+
			" FROM step_rows r WHERE r.step = ?3 AND r.tbl = ?4 AND r.before IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "+table+" c WHERE c."+key+" = r.row_id)",
			t.at, t.f.copyID, rows[0].step, table); err != nil {
			return t.undoError(err)
		}
		if travels(table) {
			if _, err := t.Exec("DELETE FROM tombstones WHERE id IN (SELECT row_id FROM step_rows WHERE step = ? AND tbl = ? AND before IS NOT NULL)", rows[0].step, table); err != nil {
				return err
			}
		}
	}
	sets := make([]string, len(cols))
	for i, c := range cols {
		sets[i] = c + " = " + exprs[i]
	}
	update := "UPDATE " + table + " SET " + strings.Join(sets, ", ") + " FROM step_rows r WHERE r.step = ?3 AND r.tbl = ?4 AND r.row_id = ?5 AND " + table + "." + key + " = r.row_id"
	for _, r := range rows {
		cur := current[r.rowID]
		switch {
		case cur == nil:
			if note != nil {
				note(r, "restored", r.before)
			}
		case sameContent(r.before, cur):
			// as it was already
		default:
			if _, err := t.Exec(update, t.at, t.f.copyID, r.step, table, r.rowID); err != nil {
				return t.undoError(err)
			}
			if note != nil {
				note(r, "changed", r.before)
			}
		}
	}
	return nil
}

// park gives the unique names and codes of rows about to be written back a
// placeholder, as a merge does.
func (t *tx) park(table string, rows []stepRow) error {
	var mt *mergeTable
	for i := range mergeTables {
		if mergeTables[i].name == table {
			mt = &mergeTables[i]
		}
	}
	if mt == nil || len(rows) == 0 {
		return nil
	}
	for _, set := range append(append([][]string{}, mt.unique...), mt.clash) {
		for _, col := range set {
			if _, isRef := refColumns[table][col]; isRef || col == "key" {
				continue
			}
			for _, r := range rows {
				if _, err := t.Exec("UPDATE "+table+" SET "+col+" = ? WHERE "+mt.key+" = ? AND "+col+" IS NOT NULL", "(undoing) "+r.rowID+" "+col, r.rowID); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// undoError words a row that cannot be written back: a name taken since.
func (t *tx) undoError(err error) error {
	if err == nil || t.lost != nil {
		return err
	}
	if e := plainError(err); Code(e) == ErrInvalid {
		if t.redoing {
			return newError(ErrInvalid, "This cannot be redone: %s", e.Error())
		}
		return newError(ErrInvalid, "This cannot be undone: %s", e.Error())
	}
	return err
}

// logUndo logs an undo in the change log: one entry for the step, and one
// per record when there are few.
func (t *tx) logUndo(s Step, out Undone) error {
	verb, action := "Undid", "undo"
	if s.Kind == StepUndo {
		verb, action = "Redid", "redo"
	}
	name := s.NameIn(translate.English)
	if err := t.logChange("workspace", "", action, fmt.Sprintf("%s “%s”: %s.", verb, name, out.CountsIn(translate.English))); err != nil {
		return err
	}
	total := out.Restored + out.Removed + out.Changed
	if total > len(out.Records) {
		return nil
	}
	for _, r := range out.Records {
		act := map[string]string{"restored": "create", "removed": "delete", "changed": "update"}[r.Effect]
		if err := t.logChange(r.Entity, r.ID, act, fmt.Sprintf("%s (%s of “%s”)", r.Title, action, name)); err != nil {
			return err
		}
	}
	return nil
}

// Counts says how many records an undo put back, took away and changed
// back, in the language of the package's messages.
func (u Undone) Counts() string { return u.CountsIn(wording()) }

// CountsIn is Counts in the language of tr (the change log keeps English).
func (u Undone) CountsIn(tr translate.Func) string {
	var parts []string
	for _, c := range []struct {
		n         int
		one, many string
	}{
		{u.Restored, msg("1 record put back"), msg("%s records put back")},
		{u.Removed, msg("1 record taken away"), msg("%s records taken away")},
		{u.Changed, msg("1 record changed back"), msg("%s records changed back")},
	} {
		if c.n > 0 {
			parts = append(parts, byCount(tr, c.n, c.one, c.many))
		}
	}
	if len(parts) == 0 {
		return tr(msg("no record needed writing back"))
	}
	return joinAndIn(tr, parts)
}
