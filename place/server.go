package place

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"cpw/workspace"
)

// server is a county PostgreSQL server. Each shared workspace is a schema
// of its own holding the workspace's tables as ordinary tables (the
// county's dashboards, QGIS and psql read them) and cpw_hub, one row: which
// snapshot the tables hold, and its version, which every push raises. The
// server holds one snapshot at a time: a push writes only the rows that
// changed, in one transaction that first checks the version the pull saw,
// so two copies pushing at once never fork it; the later one pulls again.
type server struct {
	conn   string // the libpq address, without our schema parameter
	schema string
	name   string // for people: no password
	// fetched are the snapshots this sync read from the server, by copy
	// id: a push compares its snapshot with the one it was made from.
	fetched map[string]string
	// beforeCommit, if set, runs when a push has written its rows and not
	// yet committed them (a test kills the program there).
	beforeCommit func()
}

// defaultSchema is the schema of a shared workspace when the address names
// none.
const defaultSchema = "cpw"

var schemaName = regexp.MustCompile(`^[a-z][a-z0-9_]{0,39}$`)

// openServer reads a postgres:// address. Its schema parameter (ours, not
// libpq's) names the shared workspace; a password in it is used but never
// shown or remembered: PGPASSWORD or a PGPASSFILE is the place for it.
func openServer(address string) (Place, error) {
	u, err := url.Parse(address)
	var q url.Values
	if err == nil {
		q, err = url.ParseQuery(u.RawQuery)
	}
	if err != nil {
		return nil, newError(workspace.ErrInvalid, "%s is not a server address this program can read: write it as postgres://user@host/database?schema=NAME.", redact(address))
	}
	schema := q.Get("schema")
	if schema == "" {
		schema = defaultSchema
	}
	if !schemaName.MatchString(schema) || strings.HasPrefix(schema, "pg_") {
		return nil, newError(workspace.ErrInvalid, "“%s” cannot name a shared workspace on a server: use small letters, digits and _, beginning with a letter.", schema)
	}
	q.Del("schema")
	conn := *u
	conn.RawQuery = q.Encode()
	shown := *u
	if shown.User != nil {
		shown.User = url.User(shown.User.Username())
	}
	sq := shown.Query()
	sq.Set("schema", schema)
	sq.Del("password") // libpq takes these in the address too
	sq.Del("sslpassword")
	shown.RawQuery = sq.Encode()
	return &server{conn: conn.String(), schema: schema, name: shown.String(), fetched: map[string]string{}}, nil
}

// redact leaves the password out of an address that could not be read.
func redact(address string) string {
	if i := strings.Index(address, "@"); i > 0 {
		if j := strings.Index(address, "://"); j > 0 && j < i {
			if k := strings.Index(address[j+3:i], ":"); k >= 0 {
				return address[:j+3+k] + address[i:]
			}
		}
	}
	return address
}

func (s *server) String() string { return s.name }

// table names a table of the shared workspace's schema.
func (s *server) table(name string) string {
	return pgx.Identifier{s.schema, name}.Sanitize()
}

func (s *server) connect(ctx context.Context) (*pgx.Conn, error) {
	cfg, err := pgx.ParseConfig(s.conn)
	if err != nil {
		return nil, newError(workspace.ErrInvalid, "%s is not a server address this program can read (%v).", s.name, err)
	}
	if cfg.ConnectTimeout == 0 || cfg.ConnectTimeout > 20*time.Second {
		cfg.ConnectTimeout = 20 * time.Second
	}
	cfg.RuntimeParams["application_name"] = "cpw"
	c, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, s.explain(err)
	}
	return c, nil
}

// explain turns what the server answered into a sentence.
func (s *server) explain(err error) error {
	if err == nil {
		return nil
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch {
		case pe.Code == "28P01" || pe.Code == "28000":
			return newError(workspace.ErrUnreachable, "The server %s did not accept the login: give the password in PGPASSWORD or a PGPASSFILE, and check the user name.", s.name)
		case pe.Code == "42501":
			return newError(workspace.ErrReadOnly, "This login may read the shared workspace on %s but not change it: ask the server's administrator to grant it the role %s_sync.", s.name, s.schema)
		case pe.Code == "3F000" || pe.Code == "42P01":
			return newError(workspace.ErrNotFound, "The server %s holds no shared workspace named “%s”: its administrator sets one up with cpw hub init.", s.name, s.schema)
		case pe.Code == "3D000":
			return newError(workspace.ErrNotFound, "The server %s has no such database: check the address.", s.name)
		case pe.Code == "55P03":
			return newError(workspace.ErrUnreachable, "Another copy has been pushing to %s for a long time: the workspace keeps working, sync again later.", s.name)
		case pe.Code == "25006":
			return newError(workspace.ErrUnreachable, "The server %s only reads now (a standby): sync with the main server, or later.", s.name)
		case strings.HasPrefix(pe.Code, "53") || strings.HasPrefix(pe.Code, "57") || strings.HasPrefix(pe.Code, "08"):
			return newError(workspace.ErrUnreachable, "The server %s cannot sync now (%s): the workspace keeps working, sync again later.", s.name, pe.Message)
		}
		return fmt.Errorf("the server %s: %w", s.name, err)
	}
	var ce *pgconn.ConnectError
	var ne net.Error
	if errors.As(err, &ce) || errors.As(err, &ne) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) ||
		errors.Is(err, context.DeadlineExceeded) || pgconn.SafeToRetry(err) || pgconn.Timeout(err) {
		return newError(workspace.ErrUnreachable, "The server %s cannot be reached: the workspace keeps working, sync again when the network is back.", s.name)
	}
	return fmt.Errorf("the server %s: %w", s.name, err)
}

// state is the row of cpw_hub.
type state struct {
	version                                    int64
	schemaVersion                              int
	copyID, initiativeID, initiativeName, high string
}

func (s *server) readState(ctx context.Context, tx pgx.Tx, lock bool) (state, error) {
	var st state
	q := "SELECT version, schema_version, copy_id, initiative_id, initiative_name, high FROM " + s.table("cpw_hub")
	if lock {
		q += " FOR UPDATE"
	}
	if err := tx.QueryRow(ctx, q).Scan(&st.version, &st.schemaVersion, &st.copyID, &st.initiativeID, &st.initiativeName, &st.high); err != nil {
		if errors.Is(err, pgx.ErrNoRows) {
			return st, newError(workspace.ErrNotFound, "The server %s holds no shared workspace named “%s”: its administrator sets one up with cpw hub init.", s.name, s.schema)
		}
		return st, s.explain(err)
	}
	switch {
	case st.schemaVersion > workspace.SchemaVersion:
		return st, newError(workspace.ErrTooNew, "The shared workspace on %s was set up by a newer version of this program: install that version to sync with it.", s.name)
	case st.schemaVersion < workspace.SchemaVersion:
		return st, newError(workspace.ErrInvalid, "The shared workspace on %s was set up by an older version of this program: its administrator brings it up to date with cpw hub init.", s.name)
	}
	return st, nil
}

// read runs fn in a read-only transaction that sees one state of the
// server throughout.
func (s *server) read(fn func(ctx context.Context, tx pgx.Tx) error) error {
	ctx := context.Background()
	c, err := s.connect(ctx)
	if err != nil {
		return err
	}
	defer c.Close(ctx)
	tx, err := c.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return s.explain(err)
	}
	defer tx.Rollback(ctx)
	return fn(ctx, tx)
}

// List gives the server's one snapshot (none before the first push); the
// mark is its version.
func (s *server) List() (snaps []workspace.Snapshot, mark string, err error) {
	err = s.read(func(ctx context.Context, tx pgx.Tx) error {
		st, err := s.readState(ctx, tx, false)
		if err != nil {
			return err
		}
		mark = strconv.FormatInt(st.version, 10)
		if st.version == 0 {
			return nil
		}
		snap := workspace.Snapshot{CopyID: st.copyID, InitiativeID: st.initiativeID, InitiativeName: st.initiativeName, High: st.high, Seen: map[string]string{}}
		rows, err := tx.Query(ctx, "SELECT peer_copy_id, their_high FROM "+s.table("copy_meetings"))
		if err != nil {
			return s.explain(err)
		}
		defer rows.Close()
		for rows.Next() {
			var id, high string
			if err := rows.Scan(&id, &high); err != nil {
				return s.explain(err)
			}
			snap.Seen[id] = high
		}
		if err := rows.Err(); err != nil {
			return s.explain(err)
		}
		snaps = append(snaps, snap)
		return nil
	})
	return snaps, mark, err
}

// Fetch rebuilds the snapshot as a workspace file from the server's
// tables, all read in one transaction.
func (s *server) Fetch(snap workspace.Snapshot, dir string) (workspace.Snapshot, error) {
	local := filepath.Join(dir, "server-"+strings.TrimPrefix(snap.CopyID, "hub-")+workspace.Extension)
	if _, err := os.Stat(local); err == nil {
		return workspace.ReadSnapshot(local)
	}
	tables, err := workspace.HubTables()
	if err != nil {
		return snap, err
	}
	err = s.read(func(ctx context.Context, tx pgx.Tx) error {
		st, err := s.readState(ctx, tx, false)
		if err != nil {
			return err
		}
		if st.copyID != snap.CopyID {
			return ErrMoved
		}
		return workspace.WriteHubSnapshot(local, func(add func(workspace.HubTable, []any) error) error {
			for _, t := range tables {
				rows, err := tx.Query(ctx, "SELECT "+columns(t.Columns)+" FROM "+s.table(t.Name))
				if err != nil {
					return s.explain(err)
				}
				for rows.Next() {
					row, err := rows.Values()
					if err != nil {
						rows.Close()
						return s.explain(err)
					}
					if err := add(t, row); err != nil {
						rows.Close()
						return err
					}
				}
				rows.Close()
				if err := rows.Err(); err != nil {
					return s.explain(err)
				}
			}
			return nil
		})
	})
	if err != nil {
		os.Remove(local)
		return snap, err
	}
	got, err := workspace.ReadSnapshot(local)
	if err == nil && got.CopyID != snap.CopyID {
		err = newError(workspace.ErrInvalid, "The server's tables do not make a sound workspace (they hold snapshot %s, not %s): they may have been changed by hand.", got.CopyID, snap.CopyID)
	}
	if err != nil {
		os.Remove(local)
		return snap, err
	}
	s.fetched[got.CopyID] = local
	return got, nil
}

// Publish writes the rows the snapshot adds to, changes in or removes from
// the one it was made from, and raises the version, in one transaction
// that first checks the version is still the one the pull saw.
func (s *server) Publish(snap workspace.Snapshot, mark string) error {
	tables, err := workspace.HubTables()
	if err != nil {
		return err
	}
	ctx := context.Background()
	c, err := s.connect(ctx)
	if err != nil {
		return err
	}
	defer c.Close(ctx)
	tx, err := c.Begin(ctx)
	if err != nil {
		return s.explain(err)
	}
	defer tx.Rollback(ctx)
	// Another push holds the version for a while at most: wait that long,
	// not for ever.
	if _, err := tx.Exec(ctx, "SET LOCAL lock_timeout = '60s'"); err != nil {
		return s.explain(err)
	}
	st, err := s.readState(ctx, tx, true)
	if err != nil {
		return err
	}
	if strconv.FormatInt(st.version, 10) != mark {
		return ErrMoved
	}
	if st.version > 0 && st.initiativeID != snap.InitiativeID {
		return newError(workspace.ErrInvalid, "%s holds another initiative (“%s”), not “%s”: choose the place this workspace is shared in.", s.name, st.initiativeName, snap.InitiativeName)
	}
	base := ""
	if st.version > 0 {
		if base = s.fetched[st.copyID]; base == "" {
			return ErrMoved // made from a snapshot this sync did not read
		}
	}
	if base == "" {
		// The first push: every row, into tables emptied first.
		for _, t := range tables {
			if _, err := tx.Exec(ctx, "DELETE FROM "+s.table(t.Name)); err != nil {
				return s.explain(err)
			}
			var rows [][]any
			if err := workspace.HubRows(snap.Path, t, func(row []any) error { rows = append(rows, row); return nil }); err != nil {
				return err
			}
			if err := s.writeRows(ctx, tx, t, rows, nil, true); err != nil {
				return err
			}
		}
	} else {
		err = workspace.HubChanges(base, snap.Path, func(t workspace.HubTable, upserts, gone [][]any) error {
			return s.writeRows(ctx, tx, t, upserts, gone, false)
		})
		if err != nil {
			return err
		}
	}
	_, err = tx.Exec(ctx, "UPDATE "+s.table("cpw_hub")+` SET version = version + 1, copy_id = $1, initiative_id = $2,
		initiative_name = $3, high = $4, pushed_at = now(), pushed_by = current_user`,
		snap.CopyID, snap.InitiativeID, snap.InitiativeName, snap.High)
	if err != nil {
		return s.explain(err)
	}
	if s.beforeCommit != nil {
		s.beforeCommit()
	}
	if err := tx.Commit(ctx); err != nil {
		return s.explain(err)
	}
	s.fetched[snap.CopyID] = snap.Path
	return nil
}

// writeRows applies one table's changes: rows new or changed go in through
// a temporary table and one INSERT … ON CONFLICT; rows gone are deleted by
// key the same way. A table emptied first takes its rows straight in.
func (s *server) writeRows(ctx context.Context, tx pgx.Tx, t workspace.HubTable, upserts, gone [][]any, empty bool) error {
	if empty {
		if len(upserts) == 0 {
			return nil
		}
		_, err := tx.CopyFrom(ctx, pgx.Identifier{s.schema, t.Name}, t.Columns, pgx.CopyFromRows(upserts))
		return s.rowError(t, err)
	}
	if len(upserts) > 0 {
		if err := s.throughTemporary(ctx, tx, t, "cpw_new", t.Columns, upserts); err != nil {
			return err
		}
		var set []string
		for _, c := range t.Columns {
			set = append(set, pgx.Identifier{c}.Sanitize()+" = EXCLUDED."+pgx.Identifier{c}.Sanitize())
		}
		_, err := tx.Exec(ctx, "INSERT INTO "+s.table(t.Name)+" ("+columns(t.Columns)+") SELECT "+columns(t.Columns)+
			" FROM pg_temp.cpw_new ON CONFLICT ("+columns(t.Key)+") DO UPDATE SET "+strings.Join(set, ", "))
		if err != nil {
			return s.rowError(t, err)
		}
	}
	if len(gone) > 0 {
		if err := s.throughTemporary(ctx, tx, t, "cpw_gone", t.Key, gone); err != nil {
			return err
		}
		var match []string
		for _, k := range t.Key {
			id := pgx.Identifier{k}.Sanitize()
			match = append(match, "t."+id+" = g."+id)
		}
		if _, err := tx.Exec(ctx, "DELETE FROM "+s.table(t.Name)+" t USING pg_temp.cpw_gone g WHERE "+strings.Join(match, " AND ")); err != nil {
			return s.explain(err)
		}
	}
	return nil
}

// throughTemporary copies rows into a temporary table shaped as the given
// columns of t, dropped at the end of the transaction.
func (s *server) throughTemporary(ctx context.Context, tx pgx.Tx, t workspace.HubTable, name string, cols []string, rows [][]any) error {
	// pg_temp: never a table of the same name in the search path.
	if _, err := tx.Exec(ctx, "DROP TABLE IF EXISTS pg_temp."+name); err != nil {
		return s.explain(err)
	}
	if _, err := tx.Exec(ctx, "CREATE TEMPORARY TABLE "+name+" ON COMMIT DROP AS SELECT "+
		columns(cols)+" FROM "+s.table(t.Name)+" WITH NO DATA"); err != nil {
		return s.explain(err)
	}
	_, err := tx.CopyFrom(ctx, pgx.Identifier{"pg_temp", name}, cols, pgx.CopyFromRows(rows))
	return s.rowError(t, err)
}

// rowError says that a row could not be written: a value PostgreSQL does
// not take (a NUL character in a text), or the server's answer.
func (s *server) rowError(t workspace.HubTable, err error) error {
	if err == nil {
		return nil
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) && (strings.HasPrefix(pe.Code, "22") || strings.HasPrefix(pe.Code, "23")) {
		return newError(workspace.ErrInvalid, "The server %s did not take a row of %s (%s): nothing was pushed.", s.name, t.Name, pe.Message)
	}
	return s.explain(err)
}

// Remove does nothing: the server holds one snapshot, changed in place.
func (s *server) Remove(workspace.Snapshot) error { return nil }

func columns(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = pgx.Identifier{n}.Sanitize()
	}
	return strings.Join(q, ", ")
}
