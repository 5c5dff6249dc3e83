package place

import (
	"context"
	"errors"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"cpw/workspace"
)

// ServerSetup says what InitServer made.
type ServerSetup struct {
	Place    string `json:"place"`     // the address copies sync with (no password)
	Schema   string `json:"schema"`    // holds the shared workspace's tables
	SyncRole string `json:"sync_role"` // may read and change them
	ReadRole string `json:"read_role"` // may only read them
	Version  int64  `json:"version"`   // the shared workspace's version: 0 until the first push
}

// InitServer sets up a shared workspace on a PostgreSQL server: the schema
// the address names (cpw when it names none), its tables, and two roles
// without a login of their own, SCHEMA_sync and SCHEMA_read, for the
// administrator to grant to people's logins. Run again (by a newer version
// of this program), it adds the tables and columns that version has and
// leaves every row as it is. It needs a login that may create schemas and
// roles.
func InitServer(address string) (ServerSetup, error) {
	p, err := openServer(address)
	if err != nil {
		return ServerSetup{}, err
	}
	s := p.(*server)
	setup := ServerSetup{Place: s.name, Schema: s.schema, SyncRole: s.schema + "_sync", ReadRole: s.schema + "_read"}
	tables, err := workspace.HubTables()
	if err != nil {
		return setup, err
	}
	ctx := context.Background()
	c, err := s.connect(ctx)
	if err != nil {
		return setup, err
	}
	defer c.Close(ctx)
	tx, err := c.Begin(ctx)
	if err != nil {
		return setup, s.explain(err)
	}
	defer tx.Rollback(ctx)
	schema := pgx.Identifier{s.schema}.Sanitize()
	syncRole, readRole := pgx.Identifier{setup.SyncRole}.Sanitize(), pgx.Identifier{setup.ReadRole}.Sanitize()
	var existing int
	if err := tx.QueryRow(ctx, "SELECT count(*) FROM pg_namespace WHERE nspname = $1", s.schema).Scan(&existing); err != nil {
		return setup, s.explain(err)
	}
	if existing > 0 {
		// Only a schema this program made: never tables into someone's own.
		var ours int
		if err := tx.QueryRow(ctx, "SELECT count(*) FROM pg_tables WHERE schemaname = $1 AND tablename = 'cpw_hub'", s.schema).Scan(&ours); err != nil {
			return setup, s.explain(err)
		}
		if ours == 0 {
			return setup, newError(workspace.ErrExists, "The server already has a schema “%s” that is not a shared workspace: name another with ?schema=NAME in the address.", s.schema)
		}
	}
	statements := []string{
		"CREATE SCHEMA IF NOT EXISTS " + schema,
		"CREATE TABLE IF NOT EXISTS " + s.table("cpw_hub") + ` (
			one             boolean PRIMARY KEY DEFAULT true CHECK (one),
			version         bigint NOT NULL DEFAULT 0,
			schema_version  integer NOT NULL,
			copy_id         text NOT NULL DEFAULT '',
			initiative_id   text NOT NULL DEFAULT '',
			initiative_name text NOT NULL DEFAULT '',
			high            text NOT NULL DEFAULT '',
			pushed_at       timestamptz,
			pushed_by       text NOT NULL DEFAULT '')`,
		"COMMENT ON TABLE " + s.table("cpw_hub") + " IS 'The shared workspace kept here by cpw: which snapshot its tables hold. Change its tables through cpw sync only.'",
	}
	for _, t := range tables {
		var defs []string
		for i, col := range t.Columns {
			d := pgx.Identifier{col}.Sanitize() + " " + t.Types[i]
			if t.NotNull[i] {
				d += " NOT NULL"
			}
			if t.Defaults[i] != "" {
				d += " DEFAULT " + t.Defaults[i] // a literal of the migrations: '' or 0
			}
			defs = append(defs, d)
		}
		statements = append(statements, "CREATE TABLE IF NOT EXISTS "+s.table(t.Name)+" ("+strings.Join(defs, ", ")+", PRIMARY KEY ("+columns(t.Key)+"))")
		for _, d := range defs {
			statements = append(statements, "ALTER TABLE "+s.table(t.Name)+" ADD COLUMN IF NOT EXISTS "+d)
		}
	}
	// Roles belong to the whole server: one of these names that a person
	// logs in with is not cpw's to hand out.
	for _, role := range []string{setup.SyncRole, setup.ReadRole} {
		var n int
		var login bool
		if err := tx.QueryRow(ctx, "SELECT count(*), coalesce(bool_or(rolcanlogin), false) FROM pg_roles WHERE rolname = $1", role).Scan(&n, &login); err != nil {
			return setup, s.explain(err)
		}
		switch {
		case login:
			return setup, newError(workspace.ErrExists, "The server already has a login named %s, which cpw would use as a role: name the shared workspace otherwise with ?schema=NAME in the address.", role)
		case n == 0:
			statements = append(statements, "CREATE ROLE "+pgx.Identifier{role}.Sanitize()+" NOLOGIN")
		}
	}
	var database string
	if err := tx.QueryRow(ctx, "SELECT current_database()").Scan(&database); err != nil {
		return setup, s.explain(err)
	}
	statements = append(statements,
		"GRANT USAGE ON SCHEMA "+schema+" TO "+syncRole+", "+readRole,
		"GRANT SELECT ON ALL TABLES IN SCHEMA "+schema+" TO "+readRole,
		"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "+schema+" TO "+syncRole,
		// Which snapshot the tables hold is changed, never added or removed.
		"REVOKE INSERT, DELETE ON "+s.table("cpw_hub")+" FROM "+syncRole,
		// A push copies its rows through temporary tables.
		"GRANT TEMPORARY ON DATABASE "+pgx.Identifier{database}.Sanitize()+" TO "+syncRole,
		// A push left hanging (a laptop asleep half-way) would hold the
		// version's lock and stop every other push: the server ends it.
		"ALTER ROLE "+syncRole+" SET idle_in_transaction_session_timeout = '2min'",
	)
	for _, st := range statements {
		if _, err := tx.Exec(ctx, st); err != nil {
			return setup, s.initError(err)
		}
	}
	if _, err := tx.Exec(ctx, "INSERT INTO "+s.table("cpw_hub")+" (schema_version) VALUES ($1) ON CONFLICT (one) DO NOTHING", workspace.SchemaVersion); err != nil {
		return setup, s.initError(err)
	}
	var schemaVersion int
	if err := tx.QueryRow(ctx, "SELECT version, schema_version FROM "+s.table("cpw_hub")).Scan(&setup.Version, &schemaVersion); err != nil {
		return setup, s.initError(err)
	}
	if schemaVersion > workspace.SchemaVersion {
		return setup, newError(workspace.ErrTooNew, "The shared workspace on %s was set up by a newer version of this program: install that version to sync with it.", s.name)
	}
	if _, err := tx.Exec(ctx, "UPDATE "+s.table("cpw_hub")+" SET schema_version = $1", workspace.SchemaVersion); err != nil {
		return setup, s.initError(err)
	}
	return setup, s.explain(tx.Commit(ctx))
}

// initError says that setting up needs more rights than the login has.
func (s *server) initError(err error) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "42501" {
		return newError(workspace.ErrReadOnly, "This login may not set up a shared workspace on %s: cpw hub init needs a login that may create schemas and roles (the server's administrator).", s.name)
	}
	return s.explain(err)
}
