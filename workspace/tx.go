package workspace

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"

	"github.com/mattn/go-sqlite3"
)

// On some errors (a full disk, a failed write, no memory, a lock it could
// not get) SQLite may roll the whole transaction back by itself rather than
// only the statement that failed. Every statement after that would run in
// autocommit mode and be committed on its own: half an import kept under a
// report that nothing was imported. So the first such error ends the
// transaction for good: the statement methods below run nothing after it
// and return it, and write returns it whatever fn made of it.

// rollsBack reports whether err may have rolled the transaction back, or
// shows that it is no longer open.
func rollsBack(err error) bool {
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code {
		case sqlite3.ErrFull, sqlite3.ErrIoErr, sqlite3.ErrNomem, sqlite3.ErrBusy, sqlite3.ErrLocked,
			sqlite3.ErrInterrupt, sqlite3.ErrCorrupt, sqlite3.ErrNotADB, sqlite3.ErrProtocol,
			sqlite3.ErrReadonly, sqlite3.ErrCantOpen, sqlite3.ErrPerm, sqlite3.ErrAbort:
			return true
		}
		return false
	}
	return errors.Is(err, sql.ErrTxDone) || errors.Is(err, sql.ErrConnDone) || errors.Is(err, driver.ErrBadConn)
}

// fail notes err when it ends the transaction, and returns err.
func (t *tx) fail(err error) error {
	if err != nil && t.lost == nil && rollsBack(err) {
		t.lost = plainError(err)
		if Code(t.lost) == ErrInternal {
			t.lost = &Error{Code: ErrReadOnly, Message: say("The change was not saved, since the workspace file stopped taking it part-way: try again."), Err: err}
		}
	}
	return err
}

// ended is the error write returns for err: the one that ended the
// transaction, if any.
func (t *tx) ended(err error) error {
	if t.lost != nil {
		return t.lost
	}
	return plainError(err)
}

// alive returns the error that ended the transaction, if any. It also asks
// SQLite whether the transaction is still open, so that one rolled back by
// an error nobody returned (a read whose failure was ignored) ends it too.
func (t *tx) alive() error {
	if t.lost != nil {
		return t.lost
	}
	open := true
	if err := t.conn.Raw(func(c any) error {
		if sc, ok := c.(*sqlite3.SQLiteConn); ok {
			open = !sc.AutoCommit()
		}
		return nil
	}); err != nil {
		return t.fail(err)
	}
	if !open {
		t.lost = &Error{Code: ErrReadOnly, Message: say("The change was not saved, since the workspace file stopped taking it part-way: try again.")}
	}
	return t.lost
}

// Exec runs a statement of the transaction, unless the transaction ended.
func (t *tx) Exec(query string, args ...any) (sql.Result, error) {
	if err := t.alive(); err != nil {
		return nil, err
	}
	r, err := t.Tx.Exec(query, args...)
	return r, t.fail(err)
}

// Query runs a query of the transaction, unless the transaction ended.
func (t *tx) Query(query string, args ...any) (*sql.Rows, error) {
	if err := t.alive(); err != nil {
		return nil, err
	}
	rows, err := t.Tx.Query(query, args...)
	return rows, t.fail(err)
}

// stopped is a context already done: a query given it runs nothing, and
// its row's Scan returns the context's error.
var stopped = func() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}()

// QueryRow runs a query of the transaction, unless the transaction ended.
// (A failure of the query itself shows only in Scan: write still finds the
// transaction closed before it commits.)
func (t *tx) QueryRow(query string, args ...any) *sql.Row {
	if t.alive() != nil {
		return t.Tx.QueryRowContext(stopped, query, args...)
	}
	return t.Tx.QueryRow(query, args...)
}

// Prepare prepares a statement of the transaction, unless the transaction
// ended. Whoever runs the statement stops at its first error (the demo
// does).
func (t *tx) Prepare(query string) (*sql.Stmt, error) {
	if err := t.alive(); err != nil {
		return nil, err
	}
	st, err := t.Tx.Prepare(query)
	return st, t.fail(err)
}

// settle reads the file once after a transaction ended by an error. A
// failed write can leave SQLite unable to undo the transaction at once: it
// leaves the journal beside the file, to be played back at the next read.
// Reading now plays it back while this program still has the file open, so
// that the file is whole again and no journal is left for a later command.
// If the disk still fails, the journal stays and SQLite plays it back at
// the next open, as after a power cut.
func (f *File) settle() {
	var n int
	f.db.QueryRow("SELECT count(*) FROM sqlite_master").Scan(&n)
}
