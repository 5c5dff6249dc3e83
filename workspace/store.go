package workspace

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"time"
	"unicode"

	"github.com/google/uuid"
	"github.com/mattn/go-sqlite3"
)

// Stamp says when a row last changed and which copy of the workspace changed
// it, so that copies edited apart can be merged.
type Stamp struct {
	UpdatedAt string
	CopyID    string
}

// table describes how a record type is stored.
type table struct {
	name   string   // SQL table
	entity string   // singular, in the users' words, as the change log names it
	plural string   // plural, for counts
	cols   []string // columns in the order of the record's fields()
}

// record is a row type stored through the helpers below.
type record interface {
	table() table
	key() *string
	stamp() *Stamp
	// fields returns pointers to the stored fields in the order of table().cols.
	fields() []any
	// title names the record in the change log and in messages.
	title() string
}

// onDelete says what happens to a row that refers to a deleted one.
type onDelete int

const (
	restrict onDelete = iota // the deletion is refused while the row exists
	cascade                  // the row is deleted too (it belongs to the deleted one)
	setNull                  // the reference is cleared
)

// refField is a reference to another row: "" is stored as NULL, and the
// referred-to row must exist.
type refField struct {
	p      *string
	table  string // the table referred to
	label  string // the field, in the users' words
	action onDelete
}

func ref(p *string, table, label string) refField { return refField{p, table, label, restrict} }

// optional stores "" as NULL without referring to another table (for
// columns that are unique when set).
func optional(p *string) refField { return refField{p: p} }

// Value stores "" as NULL.
func (r refField) Value() (driver.Value, error) {
	if *r.p == "" {
		return nil, nil
	}
	return *r.p, nil
}

// Scan reads NULL as "".
func (r refField) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*r.p = ""
	case string:
		*r.p = v
	case []byte:
		*r.p = string(v)
	default:
		return fmt.Errorf("unexpected %T in a reference", src)
	}
	return nil
}

// linkTable is a many-to-many table between a record and other rows.
type linkTable struct {
	name      string
	parentCol string
	parent    string // table of the parent
	otherCol  string
	other     string // table of the other side
	field     string // the field that holds the links, in the users' words
	label     string // plural, in the users' words
	// onOther says what deleting a row of the other side does: a sector can
	// go and take its links along, but meeting history keeps its people and
	// consortia from being deleted.
	onOther   onDelete
	one, many string // a link, in the users' words, for counts
}

var (
	organisationSectors = linkTable{"organisation_sectors", "organisation_id", "organisations", "sector_id", "sectors", msg("Sectors"), msg("sectors"), cascade, msg("sector link"), msg("sector links")}
	consortiumSectors   = linkTable{"consortium_sectors", "consortium_id", "consortia", "sector_id", "sectors", msg("Sectors"), msg("sectors"), cascade, msg("sector link"), msg("sector links")}
	meetingConsortia    = linkTable{"meeting_consortia", "meeting_id", "meetings", "consortium_id", "consortia", msg("Consortia"), msg("consortia"), restrict, msg("meeting"), msg("meetings")}
	meetingAttendees    = linkTable{"meeting_attendees", "meeting_id", "meetings", "person_id", "people", msg("Attendees"), msg("attendees"), restrict, msg("meeting attended"), msg("meetings attended")}
	linkTables          = []linkTable{organisationSectors, consortiumSectors, meetingConsortia, meetingAttendees}
)

// prototypes lists one zero value of every record type, to find who refers to what.
var prototypes = []record{
	&Sector{}, &Organisation{}, &Unit{}, &Person{}, &Consortium{}, &ConsortiumMember{}, &Role{},
	&Assignment{}, &ResourceGap{}, &GapCandidate{}, &Meeting{}, &Decision{}, &FollowUp{}, &Activity{}, &UnitShape{},
}

// PluralOf is the plural of a kind of record as the change log names it
// ("consortium member" → "consortium members"), in English; the entity
// itself when it is not one of the workspace's records.
func PluralOf(entity string) string {
	for _, p := range prototypes {
		if t := p.table(); t.entity == entity {
			return t.plural
		}
	}
	return entity
}

// referrer is a column that refers to rows of another table.
type referrer struct {
	table  table
	column string
	action onDelete
}

// referrers maps a table name to the columns that refer to its rows.
var referrers = func() map[string][]referrer {
	m := map[string][]referrer{}
	for _, p := range prototypes {
		for i, f := range p.fields() {
			if r, ok := f.(refField); ok && r.table != "" {
				m[r.table] = append(m[r.table], referrer{p.table(), p.table().cols[i], r.action})
			}
		}
	}
	for _, l := range linkTables {
		t := table{name: l.name, entity: l.one, plural: l.many}
		m[l.parent] = append(m[l.parent], referrer{t, l.parentCol, cascade})
		m[l.other] = append(m[l.other], referrer{t, l.otherCol, l.onOther})
	}
	return m
}()

// querier is what reads need: a *sql.DB or a *sql.Tx.
type querier interface {
	QueryRow(query string, args ...any) *sql.Row
	Query(query string, args ...any) (*sql.Rows, error)
	Exec(query string, args ...any) (sql.Result, error)
}

// tx is one write transaction: every change in it shares one time stamp and
// is logged in the change log. Its statements run through the methods in
// tx.go, which stop it for good after an error that may have rolled it back.
type tx struct {
	*sql.Tx
	f    *File
	conn *sql.Conn // the connection the transaction holds, to ask SQLite whether it is still open
	at   string
	// quietCreates leaves records created out of the change log: a batch
	// (an import) logs what it added as one entry per sheet instead of one
	// per row.
	quietCreates bool
	// step is the undo step the transaction records (see steps.go), 0
	// while a new file is built; name is what it did, to name it.
	step int64
	name stepName
	// reverses is the step an undo or a redo reverses; redoing is set for
	// a redo, to word its refusals.
	reverses int64
	redoing  bool
	// lost is set by the first error after which SQLite may have rolled the
	// whole transaction back by itself (see tx.go): from then on nothing
	// runs, since a statement would commit on its own.
	lost error
	// erasedKeys are the survey keys of the people erased (erase.go), read
	// once per transaction when a record with a survey submission is saved.
	erasedKeys map[string]bool
}

// StampLayout is how change stamps and the change log write a time, in UTC.
const StampLayout = "2006-01-02T15:04:05.000Z"

func timestamp(t time.Time) string { return t.UTC().Format(StampLayout) }

// write runs fn in one immediate transaction and commits it. Whatever fn
// does with the errors of its statements, an error that may have rolled the
// transaction back ends it: write returns that error and commits nothing.
func (f *File) write(fn func(t *tx) error) error {
	if f.readOnly {
		return newError(ErrReadOnly, "This workspace is open read-only, so it cannot be changed: use Save a copy to make a copy you can edit.")
	}
	if f.high == "" {
		// The first change of a session also clears the folder of what
		// killed runs of the program left there (see writeBeside).
		removeStaleBeside(filepath.Dir(f.path))
	}
	var t *tx
	defer func() {
		if t != nil && t.lost != nil {
			f.settle()
		}
	}()
	ctx := context.Background()
	conn, err := f.db.Conn(ctx)
	if err != nil {
		return plainError(err)
	}
	defer conn.Close()
	sqlTx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return plainError(err)
	}
	defer sqlTx.Rollback()
	t = &tx{Tx: sqlTx, f: f, conn: conn}
	// Read inside the transaction, which holds the write lock: another
	// window or program may have written since this one last did. Every
	// writer logs its changes, so when the newest entry of the change log
	// is this File's own, the stamp it knows is still the newest.
	first, err := lastChange(t)
	if t.fail(err) != nil {
		return internal("starting a change", t.ended(err))
	}
	if f.high == "" || !f.own.has(first) {
		high, err := highStamp(t)
		if t.fail(err) != nil {
			return internal("starting a change", t.ended(err))
		}
		f.high = max(f.high, high)
	}
	at := timestamp(f.Now())
	if at <= f.high {
		// Merging compares stamps, so they must only grow.
		last, err := time.Parse(StampLayout, f.high)
		if err != nil {
			return internal("starting a change", err)
		}
		at = timestamp(last.Add(time.Millisecond))
	}
	t.at = at
	if !f.building {
		if err := t.fail(t.openStep(first)); err != nil {
			return internal("starting a change", t.ended(err))
		}
	}
	if err := t.fail(fn(t)); err != nil {
		return t.ended(err)
	}
	last, err := lastChange(t)
	if err := t.fail(err); err != nil {
		return internal("finishing a change", t.ended(err))
	}
	if t.step != 0 {
		if err := t.fail(t.closeStep(last)); err != nil {
			return internal("finishing a change", t.ended(err))
		}
	}
	if err := t.alive(); err != nil {
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return plainError(err)
	}
	f.high = at
	f.own.add(first, last)
	return nil
}

// uniqueMessages turns SQLite's unique-constraint failures into sentences.
var uniqueMessages = []struct{ match, field, message string }{
	{"sectors.name", msg("Name"), msg("Another sector already has this name (names are compared without regard to case).")},
	{"organisations.name", msg("Name"), msg("Another organisation already has this name (names are compared without regard to case).")},
	{"organisations.acronym", msg("Acronym"), msg("Another organisation already uses this acronym (compared without regard to case).")},
	{"consortia.code", msg("Code"), msg("Another consortium already uses this code (compared without regard to case).")},
	{"consortia.name", msg("Name"), msg("Another consortium already has this name (compared without regard to case).")},
	{"roles.name", msg("Name"), msg("Another role in the catalogue already has this name (compared without regard to case).")},
	{"roles.key", msg("Name"), msg("This seeded role is already in the catalogue.")},
	{"people.survey_id", msg("Survey ID"), msg("Another person already came from this survey submission.")},
	{"units_name_in_parent", msg("Name"), msg("Another unit with this name already sits under the same parent.")},
	{"gaps_title_in_consortium", msg("Title"), msg("Another resource gap of the same consortium already has this title.")},
	{"gap_candidates", msg("Organisation"), msg("This organisation is already a candidate for the gap.")},
	{"activities_natural", msg("Activity"), msg("This organisation already has this activity at this place in this sector.")},
}

func plainError(err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintUnique {
		for _, u := range uniqueMessages {
			if strings.Contains(se.Error(), u.match) {
				return &Error{Code: ErrInvalid, Field: sayPlain(u.field), FieldKey: u.field, Message: sayPlain(u.message)}
			}
		}
		return invalid("", "This would duplicate a record that already exists (%v).", se)
	}
	if errors.As(err, &se) && strings.Contains(se.Error(), "an erased person stays erased") {
		return newError(ErrInvalid, "This person was erased: their record keeps no personal data and cannot be changed. Add them again as a new person if they agree to be recorded.")
	}
	if errors.As(err, &se) {
		switch se.Code {
		case sqlite3.ErrReadonly, sqlite3.ErrCantOpen:
			return &Error{Code: ErrReadOnly, Message: say("The workspace file cannot be written: check that the file and its folder are writable."), Err: err}
		case sqlite3.ErrBusy, sqlite3.ErrLocked:
			return &Error{Code: ErrReadOnly, Message: say("The workspace is busy: another window or program is writing to it. Try again in a moment."), Err: err}
		case sqlite3.ErrFull:
			return &Error{Code: ErrReadOnly, Message: say("The disk is full, so the change was not saved: free some space and try again."), Err: err}
		case sqlite3.ErrIoErr:
			return &Error{Code: ErrReadOnly, Message: say("The disk could not be written, so the change was not saved: check that the disk or USB stick is still there and has space, and try again."), Err: err}
		case sqlite3.ErrNomem:
			return &Error{Code: ErrReadOnly, Message: say("The computer ran out of memory, so the change was not saved: close other programs and try again."), Err: err}
		}
	}
	return internal("saving the change", err)
}

func columnList(t table) string {
	return "id, " + strings.Join(t.cols, ", ") + ", updated_at, copy_id"
}

func scanTargets(r record) []any {
	s := r.stamp()
	return append(append([]any{r.key()}, r.fields()...), &s.UpdatedAt, &s.CopyID)
}

func notFound(t table) error {
	return newError(ErrNotFound, "This %s is not in the workspace: it may have been deleted.", sayPlain(t.entity))
}

// load reads the row with r's table and the given id into r.
func load(q querier, r record, id string) error {
	t := r.table()
	err := q.QueryRow("SELECT "+columnList(t)+" FROM "+t.name+" WHERE id = ?", id).Scan(scanTargets(r)...)
	if errors.Is(err, sql.ErrNoRows) {
		return notFound(t)
	}
	return internal(say("reading a %s", sayPlain(t.entity)), err)
}

// list reads the rows of T's table that match where ("" for all), in order.
func list[T any, P interface {
	*T
	record
}](q querier, where, order string, args ...any) ([]T, error) {
	var zero T
	t := P(&zero).table()
	query := "SELECT " + columnList(t) + " FROM " + t.name
	if where != "" {
		query += " WHERE " + where
	}
	if order != "" {
		query += " ORDER BY " + order
	}
	rows, err := q.Query(query, args...)
	if err != nil {
		return nil, internal(say("reading %s", sayPlain(t.plural)), err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var v T
		if err := rows.Scan(scanTargets(P(&v))...); err != nil {
			return nil, internal(say("reading %s", sayPlain(t.plural)), err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return out, internal(say("reading %s", sayPlain(t.plural)), err)
	}
	return out, nil
}

// values returns the stored values of r's fields, in column order.
func values(r record) []any {
	fs := r.fields()
	out := make([]any, len(fs))
	for i, f := range fs {
		if rf, ok := f.(refField); ok {
			out[i] = rf
			continue
		}
		out[i] = reflect.ValueOf(f).Elem().Interface()
	}
	return out
}

// checkRefs makes sure every reference of r points at an existing row.
func (t *tx) checkRefs(r record) error {
	for _, f := range r.fields() {
		rf, ok := f.(refField)
		if !ok || *rf.p == "" || rf.table == "" {
			continue
		}
		var one int
		err := t.QueryRow("SELECT 1 FROM "+rf.table+" WHERE id = ?", *rf.p).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return invalid(rf.label, "The %s chosen is not in this workspace: it may have been deleted.", strings.ToLower(sayPlain(rf.label)))
		} else if err != nil {
			return internal("checking a reference", err)
		}
	}
	return nil
}

// create inserts r with a new id (unless it has one), stamps it and logs it.
func (t *tx) create(r record, links ...linkValues) error {
	if *r.key() == "" {
		*r.key() = uuid.NewString()
	}
	*r.stamp() = Stamp{UpdatedAt: t.at, CopyID: t.f.copyID}
	if err := t.checkRefs(r); err != nil {
		return err
	}
	tab := r.table()
	args := append(append([]any{*r.key()}, values(r)...), t.at, t.f.copyID)
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(args)), ", ")
	if _, err := t.Exec("INSERT INTO "+tab.name+" ("+columnList(tab)+") VALUES ("+marks+")", args...); err != nil {
		return err
	}
	for _, l := range links {
		if _, err := t.setLinks(l, *r.key()); err != nil {
			return err
		}
	}
	if t.quietCreates {
		return nil
	}
	title := t.describe(r)
	t.nameStep("create", tab.entity, title)
	return t.logChange(tab.entity, *r.key(), "create", title)
}

// update writes r over the stored row with its id, and logs what changed.
// Nothing is written when nothing changed.
func (t *tx) update(r record, links ...linkValues) error {
	tab := r.table()
	old := reflect.New(reflect.TypeOf(r).Elem()).Interface().(record)
	if err := load(t, old, *r.key()); err != nil {
		return err
	}
	if stale(r, old) {
		if l, ok := old.(linker); ok {
			if err := l.loadLinks(t); err != nil {
				return err
			}
		}
		if len(conflicts(t, r, old, nil)) > 0 {
			return newError(ErrConflict, "%s “%s” was changed by another window or program after it was read: read it again and make the change once more.", Capitalise(sayPlain(tab.entity)), t.describe(old))
		}
		// Nothing differs from what was saved meanwhile: nothing to write.
		*r.stamp() = *old.stamp()
		return nil
	}
	summary := diff(t, old, r)
	for _, l := range links {
		s, err := t.setLinks(l, *r.key())
		if err != nil {
			return err
		}
		summary = joinNonEmpty("; ", summary, s)
	}
	if summary == "" {
		*r.stamp() = *old.stamp()
		return nil
	}
	if err := t.checkRefs(r); err != nil {
		return err
	}
	*r.stamp() = Stamp{UpdatedAt: t.at, CopyID: t.f.copyID}
	sets := make([]string, 0, len(tab.cols)+2)
	for _, c := range tab.cols {
		sets = append(sets, c+" = ?")
	}
	sets = append(sets, "updated_at = ?", "copy_id = ?")
	args := append(values(r), t.at, t.f.copyID, *r.key())
	if _, err := t.Exec("UPDATE "+tab.name+" SET "+strings.Join(sets, ", ")+" WHERE id = ?", args...); err != nil {
		return err
	}
	title := t.describe(r)
	t.nameStep("update", tab.entity, title)
	return t.logChange(tab.entity, *r.key(), "update", title+": "+summary)
}

// describer is a record whose title needs other rows: an assignment is
// named by its role and holder, not by their ids.
type describer interface {
	describe(q querier) string
}

// describe names r for the change log and for messages.
func (t *tx) describe(r record) string {
	if d, ok := r.(describer); ok {
		return d.describe(t)
	}
	return r.title()
}

// nameOf reads one column of the row with id, or "" when there is none.
func nameOf(q querier, table, column, id string) string {
	var s string
	if id != "" {
		q.QueryRow("SELECT "+column+" FROM "+table+" WHERE id = ?", id).Scan(&s)
	}
	return s
}

// conditions collects the WHERE terms of a list query.
type conditions struct {
	terms []string
	args  []any
}

// equal adds "column = value" unless value is empty.
func (c *conditions) equal(column, value string) {
	if value != "" {
		c.add(column+" = ?", value)
	}
}

func (c *conditions) add(term string, args ...any) {
	c.terms = append(c.terms, term)
	c.args = append(c.args, args...)
}

func (c *conditions) where() string { return strings.Join(c.terms, " AND ") }

// remove deletes the row of r's table with r's id, leaving a tombstone. It is
// refused while other rows must keep referring to it; rows that belong to it
// are deleted with it (tombstoned too) and optional references are cleared.
func (t *tx) remove(r record, id string) error {
	tab := r.table()
	if err := load(t, r, id); err != nil {
		return err
	}
	refs, err := referencesTo(t, tab.name, id)
	if err != nil {
		return err
	}
	if len(refs.Blocking) > 0 {
		return newError(ErrInUse, "%s “%s” cannot be deleted because other records refer to it (%s): change or delete those first.", Capitalise(sayPlain(tab.entity)), t.describe(r), JoinAnd(refs.Blocking))
	}
	for _, ref := range referrers[tab.name] {
		switch ref.action {
		case cascade:
			if _, err := t.Exec("INSERT OR REPLACE INTO tombstones (id, entity, deleted_at, copy_id) SELECT id, ?, ?, ? FROM "+ref.table.name+" WHERE "+ref.column+" = ?", ref.table.name, t.at, t.f.copyID, id); err != nil {
				return err
			}
			if _, err := t.Exec("DELETE FROM "+ref.table.name+" WHERE "+ref.column+" = ?", id); err != nil {
				return err
			}
		case setNull:
			if _, err := t.Exec("UPDATE "+ref.table.name+" SET "+ref.column+" = NULL, updated_at = ?, copy_id = ? WHERE "+ref.column+" = ?", t.at, t.f.copyID, id); err != nil {
				return err
			}
		}
	}
	if _, err := t.Exec("DELETE FROM "+tab.name+" WHERE id = ?", id); err != nil {
		return err
	}
	if err := t.tombstone(tab.name, id); err != nil {
		return err
	}
	title := t.describe(r)
	t.nameStep("delete", tab.entity, title)
	return t.logChange(tab.entity, id, "delete", title)
}

func (t *tx) tombstone(tableName, id string) error {
	_, err := t.Exec("INSERT OR REPLACE INTO tombstones (id, entity, deleted_at, copy_id) VALUES (?, ?, ?, ?)", id, tableName, t.at, t.f.copyID)
	return err
}

func (t *tx) logChange(entity, id, action, summary string) error {
	_, err := t.Exec("INSERT INTO changes (id, at, author, copy_id, entity, entity_id, action, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
		uuid.NewString(), t.at, t.f.Author, t.f.copyID, entity, id, action, summary)
	return err
}

// putSetting stores one setting of the workspace, stamped as a change of
// this copy, so that it travels and merges.
func (t *tx) putSetting(key, value string) error {
	_, err := t.Exec(`INSERT INTO settings (key, value, updated_at, copy_id) VALUES (?, ?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, copy_id = excluded.copy_id`,
		key, value, t.at, t.f.copyID)
	return err
}

// linkValues is the wanted set of rows linked to a record through a link
// table. Nil ids leave the links as they are (a record read from a plain
// list has none loaded); an empty, non-nil list removes them all.
type linkValues struct {
	table linkTable
	ids   []string
}

// setLinks makes the links of parent equal ids, tombstoning removed links,
// and says what changed.
func (t *tx) setLinks(l linkValues, parent string) (string, error) {
	if l.ids == nil {
		return "", nil
	}
	lt := l.table
	have := map[string]string{} // other id -> link id
	rows, err := t.Query("SELECT id, "+lt.otherCol+" FROM "+lt.name+" WHERE "+lt.parentCol+" = ?", parent)
	if err != nil {
		return "", err
	}
	for rows.Next() {
		var id, other string
		if err := rows.Scan(&id, &other); err != nil {
			rows.Close()
			return "", err
		}
		have[other] = id
	}
	rows.Close()
	want := map[string]bool{}
	added, removed := 0, 0
	for _, id := range l.ids {
		if id == "" || want[id] {
			continue
		}
		want[id] = true
		if _, ok := have[id]; ok {
			continue
		}
		var one int
		if err := t.QueryRow("SELECT 1 FROM "+lt.other+" WHERE id = ?", id).Scan(&one); errors.Is(err, sql.ErrNoRows) {
			return "", invalid(lt.field, "One of the %s chosen is not in this workspace: it may have been deleted.", sayPlain(lt.label))
		} else if err != nil {
			return "", err
		}
		if _, err := t.Exec("INSERT INTO "+lt.name+" (id, "+lt.parentCol+", "+lt.otherCol+", updated_at, copy_id) VALUES (?, ?, ?, ?, ?)",
			uuid.NewString(), parent, id, t.at, t.f.copyID); err != nil {
			return "", err
		}
		added++
	}
	for other, linkID := range have {
		if want[other] {
			continue
		}
		if _, err := t.Exec("DELETE FROM "+lt.name+" WHERE id = ?", linkID); err != nil {
			return "", err
		}
		if err := t.tombstone(lt.name, linkID); err != nil {
			return "", err
		}
		removed++
	}
	var parts []string
	if added > 0 {
		parts = append(parts, fmt.Sprintf("%d added", added))
	}
	if removed > 0 {
		parts = append(parts, fmt.Sprintf("%d removed", removed))
	}
	if len(parts) == 0 {
		return "", nil
	}
	return lt.label + " " + strings.Join(parts, ", "), nil
}

// linkedIDs returns, for each parent, the ids linked to it.
func linkedIDs(q querier, l linkTable, parents ...string) (map[string][]string, error) {
	out := map[string][]string{}
	query := "SELECT " + l.parentCol + ", " + l.otherCol + " FROM " + l.name
	var args []any
	if len(parents) == 1 {
		query += " WHERE " + l.parentCol + " = ?"
		args = append(args, parents[0])
	}
	rows, err := q.Query(query+" ORDER BY rowid", args...)
	if err != nil {
		return nil, internal(say("reading %s", sayPlain(l.label)), err)
	}
	defer rows.Close()
	for rows.Next() {
		var p, o string
		if err := rows.Scan(&p, &o); err != nil {
			return nil, internal(say("reading %s", sayPlain(l.label)), err)
		}
		out[p] = append(out[p], o)
	}
	if err := rows.Err(); err != nil {
		return out, internal(say("reading %s", sayPlain(l.label)), err)
	}
	return out, nil
}

// displayColumn is the column that names a row of each table that records
// refer to, for the change log.
var displayColumn = map[string]string{
	"people": "name", "organisations": "name", "consortia": "code", "units": "name", "roles": "name",
	"gaps": "title", "meetings": "held_on", "assignments": "start_on", "sectors": "name",
}

// diff describes, field by field, how b differs from a ("name: “x” → “y”"),
// naming referred-to rows rather than showing their ids. Keys, stamps and
// linked lists are left out.
func diff(q querier, a, b record) string {
	refs := map[uintptr]refField{}
	for _, f := range b.fields() {
		if rf, ok := f.(refField); ok && rf.table != "" {
			refs[reflect.ValueOf(rf.p).Pointer()] = rf
		}
	}
	va, vb := reflect.ValueOf(a).Elem(), reflect.ValueOf(b).Elem()
	var parts []string
	for i := 0; i < va.NumField(); i++ {
		f := va.Type().Field(i)
		if f.Name == "ID" || f.Type == reflect.TypeOf(Stamp{}) || f.Type.Kind() == reflect.Slice {
			continue
		}
		x, y := va.Field(i).Interface(), vb.Field(i).Interface()
		if x == y {
			continue
		}
		if rf, ok := refs[vb.Field(i).Addr().Pointer()]; ok {
			col := displayColumn[rf.table]
			x, y = nameOf(q, rf.table, col, x.(string)), nameOf(q, rf.table, col, y.(string))
		}
		parts = append(parts, fmt.Sprintf("%s: %s → %s", words(f.Name), show(x), show(y)))
	}
	return strings.Join(parts, "; ")
}

func show(v any) string {
	s := fmt.Sprint(v)
	if _, ok := v.(string); ok {
		if r := []rune(s); len(r) > 60 {
			s = string(r[:57]) + "…"
		}
		return "“" + s + "”"
	}
	return s
}

// words turns a Go field name into words: "HomeUnitID" → "home unit".
func words(name string) string {
	name = strings.TrimSuffix(name, "ID")
	var b strings.Builder
	for i, r := range name {
		if i > 0 && unicode.IsUpper(r) {
			b.WriteByte(' ')
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}
