// Steps: every user action is one write transaction, and each is kept as a
// step that can be undone. The triggers of schema version 8 keep, for every
// row a step touches, the row as it was before; undo.go writes those back.

package workspace

import (
	"database/sql"
	"errors"
	"fmt"

	"cpw/translate"
)

// keptSteps is how many steps a file keeps to undo: the oldest go as new
// ones come, with the rows they kept.
const keptSteps = 500

// The kinds of step.
const (
	StepChange = "change" // a change made in the window, the command line, an import or a merge
	StepUndo   = "undo"   // an undo, or a change of the history reverted
	StepRedo   = "redo"   // an undo undone
)

// Step is one user action, as it can be undone: however many records it
// touched, it is undone as one.
type Step struct {
	ID     int64  `json:"id"`
	At     string `json:"at"` // UTC time stamp
	Author string `json:"author"`
	Kind   string `json:"kind"` // change, undo or redo
	// Action, Entity and Title name what the step did (for an undo or a
	// redo: what the step it reverses did): "delete", "consortium member",
	// "Maji Safi Trust". Entity is as the change log names it.
	Action string `json:"action"`
	Entity string `json:"entity"`
	Title  string `json:"title"`
	// Changes counts the entries the action named wrote in the change log.
	Changes int `json:"changes"`
	// Reverses is the step an undo or a redo reversed; ReversedBy the step
	// that reversed this one, 0 for none.
	Reverses   int64 `json:"reverses,omitempty"`
	ReversedBy int64 `json:"reversed_by,omitempty"`
}

// stepName is what a step did, to name it.
type stepName struct{ action, entity, title string }

// nameStep names the transaction's step after its first change, unless it
// has a name. An import or a merge names it after the file, whatever
// changes it logs first (nameWhole).
func (t *tx) nameStep(action, entity, title string) {
	if t.name.action == "" {
		t.name = stepName{action, entity, title}
	}
}

// nameWhole names the step after an action on the whole workspace: the
// import of a workbook, the merge of a copy.
func (t *tx) nameWhole(action, title string) {
	t.name = stepName{action, "workspace", title}
}

// openStep starts the transaction's step: from here on the triggers keep
// what each row was before the transaction touched it.
func (t *tx) openStep(firstChange int64) error {
	// A step is open only inside its transaction; one a file says is open
	// (altered by hand) would catch this transaction's rows.
	if _, err := t.Exec("UPDATE steps SET open = 0 WHERE open"); err != nil {
		return err
	}
	res, err := t.Exec("INSERT INTO steps (at, author, first_change, open) VALUES (?, ?, ?, 1)", t.at, t.f.Author, firstChange)
	if err != nil {
		return err
	}
	t.step, err = res.LastInsertId()
	return err
}

// closeStep ends the step before the transaction commits: named, or dropped
// when the transaction touched no row, and the oldest steps beyond
// keptSteps go.
func (t *tx) closeStep(lastChange int64) error {
	var touched bool
	if err := t.QueryRow("SELECT EXISTS (SELECT 1 FROM step_rows WHERE step = ?)", t.step).Scan(&touched); err != nil {
		return err
	}
	if !touched && t.reverses == 0 {
		_, err := t.Exec("DELETE FROM steps WHERE id = ?", t.step)
		return err
	}
	// An undo that found nothing to write back (a merge that only stamped
	// rows anew) is a step all the same: the step it undid is undone.
	var first int64
	if err := t.QueryRow("SELECT first_change FROM steps WHERE id = ?", t.step).Scan(&first); err != nil {
		return err
	}
	kind, changes, reverses := StepChange, lastChange-first, any(nil)
	if t.reverses != 0 {
		// An undo or a redo is named as the step it reverses was.
		var was string
		if err := t.QueryRow("SELECT kind, changes FROM steps WHERE id = ?", t.reverses).Scan(&was, &changes); err != nil {
			return err
		}
		kind, reverses = StepUndo, t.reverses
		if was == StepUndo {
			kind = StepRedo
		}
		if _, err := t.Exec("UPDATE steps SET reversed_by = ? WHERE id = ?", t.step, t.reverses); err != nil {
			return err
		}
	}
	if _, err := t.Exec("UPDATE steps SET open = 0, kind = ?, action = ?, entity = ?, title = ?, reverses = ?, last_change = ?, changes = ? WHERE id = ?",
		kind, t.name.action, t.name.entity, t.name.title, reverses, lastChange, changes, t.step); err != nil {
		return err
	}
	_, err := t.Exec("DELETE FROM steps WHERE id <= ?", t.step-keptSteps)
	return err
}

const stepColumns = "id, at, author, kind, action, entity, title, changes, coalesce(reverses, 0), coalesce(reversed_by, 0)"

func scanStep(row interface{ Scan(...any) error }) (Step, error) {
	var s Step
	err := row.Scan(&s.ID, &s.At, &s.Author, &s.Kind, &s.Action, &s.Entity, &s.Title, &s.Changes, &s.Reverses, &s.ReversedBy)
	return s, err
}

// Steps returns the steps this file keeps, newest first; limit 0 for all.
func (f *File) Steps(limit int) ([]Step, error) {
	q := "SELECT " + stepColumns + " FROM steps WHERE NOT open ORDER BY id DESC"
	if limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", limit)
	}
	rows, err := f.reader().Query(q)
	if err != nil {
		return nil, internal("reading the steps to undo", err)
	}
	defer rows.Close()
	var out []Step
	for rows.Next() {
		s, err := scanStep(rows)
		if err != nil {
			return nil, internal("reading the steps to undo", err)
		}
		out = append(out, s)
	}
	return out, internal("reading the steps to undo", rows.Err())
}

// oneStep reads the step a query picks; ok is false when it picks none.
func oneStep(q querier, query string, args ...any) (Step, bool, error) {
	s, err := scanStep(q.QueryRow("SELECT "+stepColumns+" FROM steps "+query, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return s, false, nil
	}
	return s, err == nil, internal("reading the steps to undo", err)
}

// readStep reads one step; ok is false when the file keeps no such step.
func readStep(q querier, id int64) (Step, bool, error) {
	return oneStep(q, "WHERE id = ? AND NOT open", id)
}

// nextUndo is the step Undo undoes: the newest change or redo not undone.
func nextUndo(q querier) (Step, bool, error) {
	return oneStep(q, "WHERE NOT open AND kind <> 'undo' AND reversed_by IS NULL ORDER BY id DESC LIMIT 1")
}

// nextRedo is the step Redo reverses: the newest undo not redone, as long
// as no new change came after it (a new change ends what can be redone, as
// in every program).
func nextRedo(q querier) (Step, bool, error) {
	return oneStep(q, `u WHERE NOT open AND kind = 'undo' AND reversed_by IS NULL
		AND NOT EXISTS (SELECT 1 FROM steps c WHERE c.id > u.id AND c.kind = 'change' AND NOT c.open) ORDER BY id DESC LIMIT 1`)
}

// NextUndo is the step Undo would undo now; ok is false when there is none.
func (f *File) NextUndo() (Step, bool, error) { return nextUndo(f.reader()) }

// NextRedo is the step Redo would reverse now; ok is false when there is none.
func (f *File) NextRedo() (Step, bool, error) { return nextRedo(f.reader()) }

// StepOfChange is the step that wrote an entry of the change log in this
// copy; ok is false for an entry written before steps were kept, by a step
// that was let go since (see keptSteps), or in another copy (a merge brings
// that copy's entries along, but reverting one is not reverting the merge).
func (f *File) StepOfChange(changeID string) (Step, bool, error) {
	return oneStep(f.reader(), `WHERE NOT open AND (SELECT rowid FROM changes WHERE id = ? AND copy_id = ?) > first_change
		AND (SELECT rowid FROM changes WHERE id = ?) <= last_change ORDER BY id DESC LIMIT 1`, changeID, f.copyID, changeID)
}

// Name says what the step did, in the language of the package's messages:
// "delete consortium member “Maji Safi Trust”". For an undo or a redo it is
// the name of what was undone or redone.
func (s Step) Name() string { return s.NameIn(wording()) }

// NameIn says what the step did in the language of tr.
func (s Step) NameIn(tr translate.Func) string {
	var name string
	entity := ""
	if s.Entity != "" {
		entity = tr(s.Entity)
	}
	switch s.Action {
	case "create":
		name = tr(msg("add %s “%s”"), entity, s.Title)
	case "update":
		name = tr(msg("change %s “%s”"), entity, s.Title)
	case "delete":
		name = tr(msg("delete %s “%s”"), entity, s.Title)
	case "import":
		name = tr(msg("import of %s"), s.Title)
	case "merge":
		name = tr(msg("merge of %s"), s.Title)
	case "sync":
		name = tr(msg("sync with %s"), s.Title)
	default:
		name = tr(msg("a change"))
	}
	if s.Action != "import" && s.Action != "merge" && s.Action != "sync" && s.Changes > 1 {
		name = tr(msg("%s and %s"), name, byCount(tr, s.Changes-1, msg("1 more change"), msg("%s more changes")))
	}
	return name
}

// What says what the step was, as the history lists it: its name, or "undo
// of" or "redo of" its name.
func (s Step) What() string { return s.WhatIn(wording()) }

// WhatIn is What in the language of tr.
func (s Step) WhatIn(tr translate.Func) string {
	switch s.Kind {
	case StepUndo:
		return tr(msg("undo of %s"), s.NameIn(tr))
	case StepRedo:
		return tr(msg("redo of %s"), s.NameIn(tr))
	}
	return s.NameIn(tr)
}
