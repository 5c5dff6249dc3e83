// Copies for sharing: made without the people's contact details (and the
// fields the law counts as sensitive), and every copy made recorded.

package workspace

import (
	"database/sql"
	"maps"
	"regexp"
	"strings"
)

// What a copy for sharing may leave out (this_copy.left_out): its people's
// contact details, or those and their gender and age band.
const (
	LeaveOutNothing   = ""
	LeaveOutContacts  = "contacts"
	LeaveOutSensitive = "contacts sensitive"
)

// LeftOutChoices name, in the middle of a sentence, what a copy for sharing
// was made without.
var LeftOutChoices = []Choice{
	{LeaveOutNothing, msg("nothing: a whole copy")},
	{LeaveOutContacts, msg("phone numbers and e-mail addresses")},
	{LeaveOutSensitive, msg("phone numbers, e-mail addresses, gender and age band")},
}

// leftOutColumns are the columns of people each choice leaves out.
var leftOutColumns = map[string][]string{
	LeaveOutContacts:  {"phone", "email"},
	LeaveOutSensitive: {"phone", "email", "gender", "age_band"},
}

// leftOutFields are the same fields as the change log names them.
var leftOutFields = map[string]*regexp.Regexp{
	LeaveOutContacts:  regexp.MustCompile(`(^|: |; )(phone|email): “[^”]*” → “[^”]*”`),
	LeaveOutSensitive: regexp.MustCompile(`(^|: |; )(phone|email|gender|age band): “[^”]*” → “[^”]*”`),
}

// CopyOptions say what a copy for sharing leaves out, and for whom it is.
type CopyOptions struct {
	LeaveOut string // LeaveOutNothing, LeaveOutContacts or LeaveOutSensitive
	For      string // who the copy is for, as the register shows it
}

// moreLeftOut is the wider of two choices: a copy of a copy without
// contacts is without them too.
func moreLeftOut(a, b string) string {
	if a == LeaveOutSensitive || b == LeaveOutSensitive {
		return LeaveOutSensitive
	}
	if a == LeaveOutContacts || b == LeaveOutContacts {
		return LeaveOutContacts
	}
	return LeaveOutNothing
}

// leaveOut empties, in a copy being made (db), the fields what leaves out:
// in every person, and in the change log's entries that show them. Their
// field stamps stay as they were: leaving a field out is no change to it.
// A copy already without them keeps when they were first left out.
func leaveOut(db *sql.DB, what, now string) error {
	cols := leftOutColumns[what]
	if len(cols) == 0 {
		return nil
	}
	var sets, names []string
	for _, c := range cols {
		sets = append(sets, c+" = ''")
		names = append(names, "'"+c+"'")
	}
	in := "(" + strings.Join(names, ", ") + ")"
	// secure_delete: the values must not stay readable in the pages they
	// leave.
	statements := []string{
		"PRAGMA secure_delete = ON",
		"CREATE TEMP TABLE kept_stamps AS SELECT * FROM field_stamps WHERE tbl = 'people' AND col IN " + in,
		"UPDATE people SET " + strings.Join(sets, ", "),
		"DELETE FROM field_stamps WHERE tbl = 'people' AND col IN " + in,
		"INSERT INTO field_stamps SELECT * FROM temp.kept_stamps",
		"DROP TABLE temp.kept_stamps",
	}
	for _, s := range statements {
		if _, err := db.Exec(s); err != nil {
			return err
		}
	}
	rows, err := db.Query("SELECT id, summary FROM changes WHERE entity = 'person'")
	if err != nil {
		return err
	}
	scrubbed := map[string]string{}
	for rows.Next() {
		var id, summary string
		if err := rows.Scan(&id, &summary); err != nil {
			rows.Close()
			return err
		}
		if s := scrubSummary(summary, what); s != summary {
			scrubbed[id] = s
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for id, s := range scrubbed {
		if _, err := db.Exec("UPDATE changes SET summary = ? WHERE id = ?", s, id); err != nil {
			return err
		}
	}
	// Since when the fields are missing: now, or the newest stamp one of
	// them kept (a clock ahead), so that only a value typed into the copy
	// afterwards counts as one. Set at every copy: a copy of a copy
	// without them lacks even those typed into its parent.
	var newest sql.NullString
	if err := db.QueryRow("SELECT max(updated_at) FROM field_stamps WHERE tbl = 'people' AND col IN " + in).Scan(&newest); err != nil {
		return err
	}
	if _, err = db.Exec(`UPDATE this_copy SET left_out_at = ?, left_out = ?`, max(now, newest.String), what); err != nil {
		return err
	}
	// Written again whole: pages the values were in may otherwise keep
	// them (read as bytes, the copy held every one).
	_, err = db.Exec("VACUUM")
	return err
}

// scrubSummary takes out of a change's summary ("Name: phone: “a” → “b”;
// position: …") the fields what leaves out.
func scrubSummary(summary, what string) string {
	re := leftOutFields[what]
	if re == nil {
		return summary
	}
	out := re.ReplaceAllString(summary, "$1")
	out = strings.ReplaceAll(strings.ReplaceAll(out, ": ; ", ": "), "; ; ", "; ")
	out = strings.TrimSuffix(strings.TrimSuffix(out, "; "), ": ")
	if out != summary && !strings.Contains(out, ": ") {
		out += ": details left out of this copy"
	}
	return out
}

// CopyMade is one entry of the register of copies a workspace made.
type CopyMade struct {
	CopyID   string `json:"copy_id"`
	MadeAt   string `json:"made_at"`
	MadeBy   string `json:"made_by"`
	MadeFor  string `json:"made_for"`
	LeftOut  string `json:"left_out"`
	FileName string `json:"file_name"`
}

// CopiesMade lists the copies this workspace made, newest first.
func (f *File) CopiesMade() ([]CopyMade, error) {
	rows, err := f.db.Query("SELECT copy_id, made_at, made_by, made_for, left_out, file_name FROM copies_made ORDER BY made_at DESC, copy_id")
	if err != nil {
		return nil, plainError(err)
	}
	defer rows.Close()
	var out []CopyMade
	for rows.Next() {
		var c CopyMade
		if err := rows.Scan(&c.CopyID, &c.MadeAt, &c.MadeBy, &c.MadeFor, &c.LeftOut, &c.FileName); err != nil {
			return nil, plainError(err)
		}
		out = append(out, c)
	}
	return out, plainError(rows.Err())
}

// LeftOut is what this copy was made without (LeaveOutNothing for a whole
// workspace).
func (f *File) LeftOut() (string, error) {
	var what string
	err := f.db.QueryRow("SELECT left_out FROM this_copy").Scan(&what)
	return what, plainError(err)
}

// keepLeftOut applies, before anything is decided, what a copy without
// some fields means for a merge: the fields it lacks are no news (unless
// they were changed in it after they were left out: a value typed in
// there), and the other copy's values of them never enter it. Records
// entered in both copies under two ids get the same (fillLeftOut, from
// merge_identity.go).
func (m *merger) keepLeftOut() {
	t := mergeTableNamed("people")
	if t == nil || (m.ourPartial.what == "" && m.theirPartial.what == "") {
		return
	}
	for id, tr := range m.theirRows[t.name] {
		var or *mergeRow
		if r, ok := m.ourRows[t.name][id]; ok {
			or = &r
		}
		m.fillLeftOut(t, &tr, or)
		m.theirRows[t.name][id] = tr
	}
}

// fillLeftOut gives their row tr, in the fields a copy was made without,
// our row's values (or, nil when this copy lacks the record).
func (m *merger) fillLeftOut(t *mergeTable, tr *mergeRow, or *mergeRow) {
	if t.name != "people" {
		return
	}
	for _, i := range leftOutIndexes(t, m.theirPartial.what) {
		// Typed into their copy after the fields were left out: news.
		s, stamped := tr.fields[i]
		typed := stamped && m.theirPartial.since != "" && s.at > m.theirPartial.since
		switch {
		case typed:
		case or != nil:
			takeOurs(tr, *or, i)
		default:
			// A record this copy does not have yet comes without the
			// field: marked as not known, so that the blank never wins
			// over a value in a copy merged later (keepUnknown).
			tr.fields = maps.Clone(tr.fields)
			if tr.fields == nil {
				tr.fields = map[int]fieldStamp{}
			}
			tr.fields[i] = fieldStamp{copyID: unknownValue, theirs: true}
		}
	}
	for _, i := range leftOutIndexes(t, m.ourPartial.what) {
		if or != nil {
			takeOurs(tr, *or, i)
		} else {
			tr.vals[i] = ""
			tr.fields = maps.Clone(tr.fields)
			delete(tr.fields, i)
		}
	}
}

// unknownValue, as the copy that last changed a field, marks a field whose
// value is not known here: it came blank from a copy made without it.
const unknownValue = "(left out)"

// keepUnknown keeps this copy's value of every field the other copy marks
// as not known: its blank is no news. (A field this copy marks so takes
// theirs in decideFields.)
func (m *merger) keepUnknown() {
	t := mergeTableNamed("people")
	if t == nil {
		return
	}
	ours := m.ourRows[t.name]
	for id, tr := range m.theirRows[t.name] {
		or, here := ours[id]
		if !here {
			continue
		}
		changed := false
		for i, s := range tr.fields {
			if s.copyID == unknownValue {
				takeOurs(&tr, or, i)
				changed = true
			}
		}
		if changed {
			m.theirRows[t.name][id] = tr
		}
	}
}

// leftOutIndexes are the indexes in t's columns of the fields what leaves
// out.
func leftOutIndexes(t *mergeTable, what string) []int {
	var out []int
	for _, c := range leftOutColumns[what] {
		for i, tc := range t.cols {
			if tc == c {
				out = append(out, i)
			}
		}
	}
	return out
}

// takeOurs gives their row our value of field i, with our stamp of it. The
// row's field stamps are its own from here: they may be shared with the
// row as read.
func takeOurs(tr *mergeRow, or mergeRow, i int) {
	tr.vals[i] = or.vals[i]
	tr.fields = maps.Clone(tr.fields)
	if s, ok := or.fields[i]; ok {
		if tr.fields == nil {
			tr.fields = map[int]fieldStamp{}
		}
		s.theirs = false
		tr.fields[i] = s
	} else {
		delete(tr.fields, i)
	}
}

// partial is what a copy was made without, and since when.
type partial struct{ what, since string }

// readPartial reads what a copy was made without. A file from before
// schema 10 has no such column: it lacks nothing.
func readPartial(q querier) (partial, error) {
	var p partial
	var has int
	if err := q.QueryRow("SELECT count(*) FROM pragma_table_info('this_copy') WHERE name = 'left_out'").Scan(&has); err != nil || has == 0 {
		return p, err
	}
	err := q.QueryRow("SELECT left_out, left_out_at FROM this_copy").Scan(&p.what, &p.since)
	return p, err
}

func mergeTableNamed(name string) *mergeTable {
	for i := range mergeTables {
		if mergeTables[i].name == name {
			return &mergeTables[i]
		}
	}
	return nil
}
