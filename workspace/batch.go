package workspace

import (
	"database/sql"
	"errors"
)

// Batch is many changes written as one transaction, for importing a
// workbook: either every change lands or none does. Records are saved one
// by one so that a failing record can be reported and the rest still
// checked, unless the failure ends the whole batch (a full disk: see Err);
// the caller decides at the end whether to keep the batch.
type Batch struct {
	t *tx
}

// Outcome says what saving one record in a batch did.
type Outcome int

const (
	Created Outcome = iota
	Updated
	Unchanged
)

// errDiscard ends a batch without keeping it.
var errDiscard = errors.New("batch discarded")

// Batch runs fn in one transaction. When fn returns an error nothing is
// written and the error is returned; when keep is false (a dry run) nothing
// is written either, and the result is still what fn returned. Records the
// batch creates are not logged one by one: the caller logs what it added
// with Log. Records it changes are logged with what changed, as always.
func (f *File) Batch(keep bool, fn func(b *Batch) error) error {
	err := f.write(func(t *tx) error {
		t.quietCreates = true
		if err := fn(&Batch{t: t}); err != nil {
			return err
		}
		if !keep {
			return errDiscard
		}
		return nil
	})
	if errors.Is(err, errDiscard) {
		return nil
	}
	return err
}

// Log adds an entry to the change log of the batch, such as what file was
// imported.
func (b *Batch) Log(entity, action, summary string) error {
	return b.t.logChange(entity, "", action, summary)
}

// NameStep names the batch's undo step after the file it imports.
func (b *Batch) NameStep(file string) { b.t.nameWhole("import", file) }

// Save stores v in the batch: it updates the row with v's id when there is
// one, and otherwise creates it (keeping v's id when it has one, so that an
// exported workbook imported elsewhere keeps its records' ids). Errors are
// the same sentences as editing in the window. After a record's own error
// (a value refused, a name taken) the batch may go on; after an error that
// ended the whole batch (see Err) every Save returns that error and writes
// nothing, and the caller should stop.
func Save[T any, P interface {
	*T
	checker
}](b *Batch, v T) (T, Outcome, error) {
	v, outcome, err := save[T, P](b, v)
	if b.t.fail(err) != nil && b.t.lost != nil {
		return v, outcome, b.t.lost
	}
	return v, outcome, err
}

// Row runs fn as a part of the batch that is undone on its own when fn
// returns an error (an SQLite savepoint): what fn saved is taken back, the
// error is returned, and the batch goes on without it. An import that
// leaves out the rows with problems runs each row so, since a record's own
// error may come after part of it was written (the record, then a link it
// could not make). After an error that ended the whole batch (see Err),
// that error is returned.
func (b *Batch) Row(fn func() error) error {
	if _, err := b.t.Exec("SAVEPOINT batch_row"); err != nil {
		return b.t.ended(err)
	}
	if err := fn(); err != nil {
		if _, undo := b.t.Exec("ROLLBACK TO batch_row"); undo != nil {
			return b.t.ended(undo)
		}
		if _, release := b.t.Exec("RELEASE batch_row"); release != nil {
			return b.t.ended(release)
		}
		if b.t.lost != nil {
			return b.t.lost
		}
		return err
	}
	if _, err := b.t.Exec("RELEASE batch_row"); err != nil {
		return b.t.ended(err)
	}
	return nil
}

// Err returns the error that ended the batch, such as a full disk: SQLite
// may have undone the whole transaction, so nothing more can be written in
// it and the batch returns this error whatever fn returns. It is nil while
// the batch may go on.
func (b *Batch) Err() error { return b.t.lost }

func save[T any, P interface {
	*T
	checker
}](b *Batch, v T) (T, Outcome, error) {
	if b.t.lost != nil {
		return v, Created, b.t.lost
	}
	p := P(&v)
	if err := checkID(*p.key()); err != nil {
		return v, Created, err
	}
	exists := false
	if id := *p.key(); id != "" {
		var one int
		err := b.t.QueryRow("SELECT 1 FROM "+p.table().name+" WHERE id = ?", id).Scan(&one)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return v, Created, internal(say("reading a %s", sayPlain(p.table().entity)), err)
		}
		exists = err == nil
	}
	if err := p.check(b.t); err != nil {
		return v, Created, plainError(err)
	}
	if !exists {
		return v, Created, plainError(b.t.create(p, linksOf(p)...))
	}
	if err := b.t.update(p, linksOf(p)...); err != nil {
		return v, Updated, plainError(err)
	}
	if p.stamp().UpdatedAt == b.t.at {
		return v, Updated, nil
	}
	return v, Unchanged, nil
}
