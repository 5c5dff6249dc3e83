package workspace

import (
	"errors"

	"github.com/mattn/go-sqlite3"
)

// ErrorCode classifies an Error so that callers can react to the kind of
// failure without parsing its message.
type ErrorCode string

// The error codes the workspace package returns.
const (
	ErrNotFound      ErrorCode = "not-found"     // a file or record that does not exist
	ErrUnreadable    ErrorCode = "unreadable"    // a file this user may not read
	ErrNotFile       ErrorCode = "not-file"      // a directory or device where a file was expected
	ErrNotAWorkspace ErrorCode = "not-workspace" // a file that is not a workspace of this program
	ErrTooNew        ErrorCode = "too-new"       // a workspace written by a newer version
	ErrDamaged       ErrorCode = "damaged"       // a workspace that fails SQLite's integrity check
	ErrUntrusted     ErrorCode = "untrusted"     // a workspace whose schema holds objects this program did not create
	ErrReadOnly      ErrorCode = "read-only"     // a change asked of a file opened read-only
	ErrExists        ErrorCode = "exists"        // a file or record that would be overwritten or duplicated
	ErrInvalid       ErrorCode = "invalid"       // a value that fails validation
	ErrInUse         ErrorCode = "in-use"        // a record other records still refer to
	ErrUnreachable   ErrorCode = "unreachable"   // a shared place that cannot be reached now (offline, a server down)
	ErrInternal      ErrorCode = "internal"      // anything unexpected
)

// Error is a failure with a sentence fit to show a user: it says what is wrong
// and, where it can, what to do about it.
type Error struct {
	Code  ErrorCode
	Field string // for ErrInvalid: the field at fault, in the users' words
	// FieldKey is Field in English, as the columns of workbooks are named
	// whatever the window's language.
	FieldKey string
	Message  string
	Err      error // the underlying cause, if any, for logs
}

func (e *Error) Error() string { return e.Message }

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

func newError(code ErrorCode, format string, args ...any) *Error {
	return &Error{Code: code, Message: wording()(format, args...)}
}

func invalid(field, format string, args ...any) *Error {
	return &Error{Code: ErrInvalid, Field: sayPlain(field), FieldKey: field, Message: wording()(format, args...)}
}

// internal wraps an unexpected failure so that users see a plain sentence
// while the cause stays available for logs.
func internal(what string, err error) error {
	if err == nil {
		return nil
	}
	var ce *ConflictError
	if errors.As(err, &ce) {
		return ce // with the fields it names, not only its sentence
	}
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	if b := busyError(err); b != nil {
		return b
	}
	return &Error{Code: ErrInternal, Message: say("Internal error while %s: %s.", sayPlain(what), err.Error()), Err: err}
}

// busyError is the sentence for a file another process is writing
// (SQLITE_BUSY, SQLITE_LOCKED once the busy timeout has passed), wherever a
// read, a write or an open meets it; nil for any other error.
func busyError(err error) *Error {
	var se sqlite3.Error
	if errors.As(err, &se) && (se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked) {
		return &Error{Code: ErrReadOnly, Message: say("The workspace is busy: another window or program is writing to it. Try again in a moment."), Err: err}
	}
	return nil
}

// Code returns the ErrorCode of err, or ErrInternal when err is not an *Error.
func Code(err error) ErrorCode {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ErrInternal
}
