// The tables of a workspace as a county server keeps them: the snapshot of
// a shared place, read into rows and written back from them. The server's
// own SQL is in the place package; this file only reads and writes the
// workspace side.

package workspace

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
)

// HubTable is one table of a workspace, as a server mirrors it: the same
// name and columns, with the types named as PostgreSQL names them.
type HubTable struct {
	Name    string
	Columns []string
	Types   []string // "bigint", "double precision" or "text"
	// Defaults are what a column is when a row does not say, as SQL
	// ("" for none), and NotNull whether it may be NULL: carried to the
	// server, so that a column a newer version adds fills the rows
	// already there as the workspace's own migration fills them.
	Defaults []string
	NotNull  []bool
	Key      []string // the primary key's columns
}

var hubTables struct {
	once   sync.Once
	tables []HubTable
	err    error
}

// HubTables lists the tables a server keeps of this schema version: every
// record and bookkeeping table. The undo history stays with each person
// and is never in a snapshot.
func HubTables() ([]HubTable, error) {
	hubTables.once.Do(func() {
		hubTables.tables, hubTables.err = readHubTables()
	})
	return hubTables.tables, hubTables.err
}

func readHubTables() ([]HubTable, error) {
	db, err := sql.Open(driverName, "file:hubtables?mode=memory")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if err := migrate(db, 0); err != nil {
		return nil, err
	}
	rows, err := db.Query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('steps', 'step_rows') ORDER BY name")
	if err != nil {
		return nil, err
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return nil, err
		}
		names = append(names, n)
	}
	rows.Close()
	var out []HubTable
	for _, n := range names {
		t := HubTable{Name: n}
		cols, err := db.Query(`SELECT name, upper(type), pk, "notnull", coalesce(dflt_value, '') FROM pragma_table_info(?) ORDER BY cid`, n)
		if err != nil {
			return nil, err
		}
		keys := map[int]string{}
		for cols.Next() {
			var name, typ, dflt string
			var pk int
			var notNull bool
			if err := cols.Scan(&name, &typ, &pk, &notNull, &dflt); err != nil {
				cols.Close()
				return nil, err
			}
			t.Columns = append(t.Columns, name)
			t.Defaults = append(t.Defaults, dflt)
			t.NotNull = append(t.NotNull, notNull)
			switch {
			case strings.Contains(typ, "INT"):
				t.Types = append(t.Types, "bigint")
			case strings.Contains(typ, "REAL"), strings.Contains(typ, "FLOA"), strings.Contains(typ, "DOUB"):
				t.Types = append(t.Types, "double precision")
			default:
				t.Types = append(t.Types, "text")
			}
			if pk > 0 {
				keys[pk] = name
			}
		}
		cols.Close()
		if len(keys) == 0 {
			return nil, fmt.Errorf("table %s has no primary key", n)
		}
		for i := 1; i <= len(keys); i++ {
			t.Key = append(t.Key, keys[i])
		}
		out = append(out, t)
	}
	return out, nil
}

// HubRows calls add with every row of table t of the snapshot at path, in
// the order of t's columns.
func HubRows(path string, t HubTable, add func(row []any) error) error {
	db, err := openDB(path, "ro")
	if err != nil {
		return internal("reading a snapshot", err)
	}
	defer db.Close()
	return hubQuery(db, "SELECT "+quotedList(t.Columns)+" FROM "+quoteName(t.Name), len(t.Columns), add)
}

// HubChanges compares two snapshots, snap made from base, table by table:
// for each table it passes to changed the rows of snap that base does not
// hold as they are (new or changed), and the keys of the rows of base that
// snap lacks. These are all a server holding base needs to hold snap.
func HubChanges(base, snap string, changed func(t HubTable, upserts, gone [][]any) error) error {
	tables, err := HubTables()
	if err != nil {
		return internal("reading the tables of a snapshot", err)
	}
	db, err := openDB(snap, "ro")
	if err != nil {
		return internal("reading a snapshot", err)
	}
	defer db.Close()
	if _, err := db.Exec("ATTACH DATABASE ? AS base", dsn(base, "ro")); err != nil {
		return internal("reading a snapshot", err)
	}
	for _, t := range tables {
		var upserts, gone [][]any
		keep := func(into *[][]any) func([]any) error {
			return func(row []any) error { *into = append(*into, row); return nil }
		}
		// EXCEPT compares by the left side's collations: binary, or a
		// name changed only in its capitals would count as unchanged.
		cols, keys, name := quotedList(t.Columns), quotedList(t.Key), quoteName(t.Name)
		if err := hubQuery(db, "SELECT "+binaryList(t.Columns)+" FROM main."+name+" EXCEPT SELECT "+cols+" FROM base."+name, len(t.Columns), keep(&upserts)); err != nil {
			return err
		}
		if err := hubQuery(db, "SELECT "+binaryList(t.Key)+" FROM base."+name+" EXCEPT SELECT "+keys+" FROM main."+name, len(t.Key), keep(&gone)); err != nil {
			return err
		}
		if err := changed(t, upserts, gone); err != nil {
			return err
		}
	}
	return nil
}

func hubQuery(db *sql.DB, query string, n int, add func([]any) error) error {
	rows, err := db.Query(query)
	if err != nil {
		return internal("reading a snapshot", err)
	}
	defer rows.Close()
	for rows.Next() {
		row := make([]any, n)
		ptrs := make([]any, len(row))
		for i := range row {
			ptrs[i] = &row[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return internal("reading a snapshot", err)
		}
		for i, v := range row {
			if b, ok := v.([]byte); ok {
				row[i] = string(b) // text kept as bytes: PostgreSQL's text
			}
		}
		if err := add(row); err != nil {
			return err
		}
	}
	return internal("reading a snapshot", rows.Err())
}

// WriteHubSnapshot builds a new workspace file at path from a server's
// rows: fill is called once and passes every row of each table to add. A
// set of rows that does not make a sound workspace (a reference to a
// record not there, two records of one name: the server's tables edited by
// hand) is refused, and no file is left.
func WriteHubSnapshot(path string, fill func(add func(t HubTable, row []any) error) error) error {
	err := writeBeside(path, false, nil, func(tmp string) error {
		db, err := openDB(tmp, "rw")
		if err != nil {
			return internal("writing a snapshot", err)
		}
		defer db.Close()
		if _, err := db.Exec(fmt.Sprintf("PRAGMA application_id = %d; PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF", ApplicationID)); err != nil {
			return internal("writing a snapshot", err)
		}
		// The tables are made first and the indexes and triggers after the
		// rows are in: built row by row they made the pull take seconds.
		// The references are checked once at the end, for the same reason.
		objects, err := buildSchema(SchemaVersion)
		if err != nil {
			return internal("writing a snapshot", err)
		}
		if _, err := db.Exec("PRAGMA foreign_keys = OFF"); err != nil {
			return internal("writing a snapshot", err)
		}
		tx, err := db.Begin()
		if err != nil {
			return internal("writing a snapshot", err)
		}
		defer tx.Rollback()
		build := func(tables bool) error {
			for _, o := range objects {
				if o.sql == "" || strings.HasPrefix(o.name, "sqlite_") || (o.typ == "table") != tables {
					continue // made by SQLite itself
				}
				if _, err := tx.Exec(o.sql); err != nil && tables {
					return internal("writing a snapshot", err)
				} else if err != nil {
					// A unique index over two records of one name.
					return newError(ErrInvalid, "The server's tables do not make a sound workspace (%v): they may have been changed by hand.", err)
				}
			}
			return nil
		}
		if err := build(true); err != nil {
			return err
		}
		inserts := map[string]*sql.Stmt{}
		err = fill(func(t HubTable, row []any) error {
			st := inserts[t.Name]
			if st == nil {
				marks := strings.TrimSuffix(strings.Repeat("?, ", len(t.Columns)), ", ")
				if st, err = tx.Prepare("INSERT INTO " + quoteName(t.Name) + " (" + quotedList(t.Columns) + ") VALUES (" + marks + ")"); err != nil {
					return internal("writing a snapshot", err)
				}
				inserts[t.Name] = st
			}
			if _, err := st.Exec(row...); err != nil {
				return newError(ErrInvalid, "The server's table %s holds a row this program cannot take (%v): its tables may have been changed by hand.", t.Name, err)
			}
			return nil
		})
		for _, st := range inserts {
			st.Close()
		}
		if err != nil {
			return err
		}
		if err := build(false); err != nil {
			return err
		}
		if _, err := tx.Exec(fmt.Sprintf("PRAGMA user_version = %d", SchemaVersion)); err != nil {
			return internal("writing a snapshot", err)
		}
		var table string
		var row, parent, fk any
		switch err := tx.QueryRow("PRAGMA foreign_key_check").Scan(&table, &row, &parent, &fk); {
		case err == nil:
			return newError(ErrInvalid, "The server's tables do not make a sound workspace (a row of %s points to a record of %s that is not there): they may have been changed by hand.", table, parent)
		case !errors.Is(err, sql.ErrNoRows):
			return internal("writing a snapshot", err)
		}
		if err := tx.Commit(); err != nil {
			return newError(ErrInvalid, "The server's tables do not make a sound workspace (%v): they may have been changed by hand.", err)
		}
		return nil
	})
	if err == nil {
		noteBuilt(path)
	}
	return err
}

func quoteName(n string) string { return `"` + strings.ReplaceAll(n, `"`, `""`) + `"` }

func binaryList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = quoteName(n) + " COLLATE BINARY"
	}
	return strings.Join(q, ", ")
}

func quotedList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = quoteName(n)
	}
	return strings.Join(q, ", ")
}
