package workspace

import (
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"sync"
)

// schemaObject is one row of sqlite_master: what a file's structure is made
// of. Nothing is skipped, not even the names SQLite reserves ("sqlite_…"):
// a file edited with writable_schema can hold a trigger by any name.
type schemaObject struct {
	typ, name, table, sql string
}

func (o schemaObject) key() string { return o.typ + " " + o.name }

// readSchema reads every object of the main schema, its SQL normalised.
func readSchema(db *sql.DB) ([]schemaObject, error) {
	rows, err := db.Query("SELECT type, name, tbl_name, coalesce(sql, '') FROM main.sqlite_master ORDER BY rowid")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []schemaObject
	for rows.Next() {
		var o schemaObject
		if err := rows.Scan(&o.typ, &o.name, &o.table, &o.sql); err != nil {
			return nil, err
		}
		o.sql = normaliseSQL(o.sql)
		out = append(out, o)
	}
	return out, rows.Err()
}

// normaliseSQL drops comments and folds runs of white space outside quotes
// into one space, so that only a change of meaning, not of layout or of a
// comment in a migration, tells two schemas apart.
func normaliseSQL(s string) string {
	var b strings.Builder
	var quote byte // the closing quote while inside a literal or a name
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"' || c == '`':
			quote = c
		case c == '[':
			quote = ']'
		case c == '-' && strings.HasPrefix(s[i:], "--"):
			if end := strings.IndexByte(s[i:], '\n'); end >= 0 {
				i += end
			} else {
				i = len(s)
			}
			space = true
			continue
		case c == '/' && strings.HasPrefix(s[i:], "/*"):
			if end := strings.Index(s[i+2:], "*/"); end >= 0 {
				i += end + 3
			} else {
				i = len(s)
			}
			space = true
			continue
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteByte(c)
	}
	return b.String()
}

// verify runs SQLite's quick check and compares the file's schema exactly
// (type, name, table and SQL of every object) with the one this program's
// migrations build for the file's version: a trigger, view, table, index or
// column added, or a constraint loosened, is refused.
func verify(db *sql.DB, path string, version int) error {
	name := filepath.Base(path)
	var result string
	if err := db.QueryRow("PRAGMA quick_check(1)").Scan(&result); err != nil || result != "ok" {
		if err == nil {
			err = errors.New(result)
		}
		if e := openFailure(path, err); e != nil {
			return e
		}
		return &Error{Code: ErrDamaged, Message: say("%s is damaged (%v): open an earlier copy or a backup.", name, err), Err: err}
	}
	want, err := expectedSchema(version)
	if err != nil {
		return internal("checking the schema", err)
	}
	have, err := readSchema(db)
	if err != nil {
		if e := openFailure(path, err); e != nil {
			return e
		}
		return &Error{Code: ErrDamaged, Message: say("%s is damaged: its structure cannot be read (%v).", name, err), Err: err}
	}
	seen := map[string]bool{}
	for _, o := range have {
		w, ok := want[o.key()]
		switch {
		case !ok || seen[o.key()]:
			return newError(ErrUntrusted, "%s contains a %s named %q that this program did not create, so it is not opened: someone may have altered the file.", name, o.typ, o.name)
		case w != o:
			return newError(ErrUntrusted, "%s has a %s named %q that differs from the one this program creates, so it is not opened: someone may have altered the file.", name, o.typ, o.name)
		}
		seen[o.key()] = true
	}
	for _, o := range orderedSchema(version) {
		if !seen[o.key()] {
			return newError(ErrDamaged, "%s is damaged: it lacks part of the workspace structure (%s).", name, o.key())
		}
	}
	return nil
}

var (
	schemaMu    sync.Mutex
	schemaCache = map[int][]schemaObject{}
)

// expectedSchema returns the objects the first version migrations create,
// keyed by "type name".
func expectedSchema(version int) (map[string]schemaObject, error) {
	objs, err := buildSchema(version)
	if err != nil {
		return nil, err
	}
	out := make(map[string]schemaObject, len(objs))
	for _, o := range objs {
		out[o.key()] = o
	}
	return out, nil
}

// orderedSchema is expectedSchema in the order the migrations create it,
// once buildSchema has succeeded.
func orderedSchema(version int) []schemaObject {
	schemaMu.Lock()
	defer schemaMu.Unlock()
	return schemaCache[version]
}

// buildSchema runs the first version migrations on a new database in memory,
// as Create runs them on a new file, and reads the schema they make.
func buildSchema(version int) ([]schemaObject, error) {
	schemaMu.Lock()
	defer schemaMu.Unlock()
	if s, ok := schemaCache[version]; ok {
		return s, nil
	}
	db, err := sql.Open(driverName, "file::memory:?_foreign_keys=on")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if err := migrateTo(db, 0, version); err != nil {
		return nil, err
	}
	s, err := readSchema(db)
	if err != nil {
		return nil, err
	}
	schemaCache[version] = s
	return s, nil
}
