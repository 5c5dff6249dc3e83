package place

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"

	"cpw/internal/pgtest"
	"cpw/workspace"
)

// pg is the throwaway PostgreSQL server of these tests; nil when there is
// none (never on CI, where the tests that need it must run).
var pg *pgtest.Server

func TestMain(m *testing.M) {
	if os.Getenv("CPW_SYNC_CHILD") == "" {
		s, err := pgtest.Start()
		switch {
		case err == nil:
			pg = s
		case pgtest.Required():
			fmt.Fprintln(os.Stderr, "The server tests need PostgreSQL:", err)
			os.Exit(1)
		default:
			fmt.Fprintln(os.Stderr, "No PostgreSQL here, so the server tests skip:", err)
		}
	}
	code := m.Run()
	if pg != nil {
		pg.Stop()
	}
	os.Exit(code)
}

var schemas atomic.Int64

// sharedServer sets up a new shared workspace (a schema of its own) on the
// throwaway server.
func sharedServer(t *testing.T) Place {
	t.Helper()
	address := serverAddress(t, fmt.Sprintf("test%d", schemas.Add(1)))
	if _, err := InitServer(address); err != nil {
		t.Fatal(err)
	}
	p, err := Open(address)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func serverAddress(t *testing.T, schema string) string {
	t.Helper()
	if pg == nil {
		t.Skip("no PostgreSQL server here")
	}
	return pg.Address("postgres") + "&schema=" + schema
}

// asSuperuser runs SQL on the test server as its superuser.
func asSuperuser(t *testing.T, statements ...string) {
	t.Helper()
	ctx := context.Background()
	c, err := pgx.Connect(ctx, pg.Address("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	for _, s := range statements {
		if _, err := c.Exec(ctx, s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// The records are ordinary tables that other programs read; setting up
// again keeps them; the read-only role reads but cannot sync.
func TestServerTablesAndRoles(t *testing.T) {
	address := serverAddress(t, "mukuru")
	setup, err := InitServer(address)
	if err != nil {
		t.Fatal(err)
	}
	if setup.SyncRole != "mukuru_sync" || setup.ReadRole != "mukuru_read" || setup.Version != 0 {
		t.Errorf("the setup: %+v", setup)
	}
	p, _ := Open(address)
	cs := copies(t, 2)
	sync(t, cs[0], p)
	ctx := context.Background()
	c, err := pgx.Connect(ctx, pg.Address("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	var n int
	if err := c.QueryRow(ctx, "SELECT count(*) FROM mukuru.organisations WHERE name = 'Maji Safi Trust'").Scan(&n); err != nil || n != 1 {
		t.Fatalf("reading the organisations with SQL: %d %v", n, err)
	}
	again, err := InitServer(address)
	if err != nil || again.Version != 1 {
		t.Fatalf("setting up again: %+v %v", again, err)
	}
	sync(t, cs[1], p)

	asSuperuser(t, "CREATE ROLE planner LOGIN", "GRANT mukuru_read TO planner",
		"CREATE ROLE lead LOGIN", "GRANT mukuru_sync TO lead")
	reader, _ := Open(strings.Replace(address, "postgres@", "planner@", 1))
	if _, _, err := reader.List(); err != nil {
		t.Errorf("the read-only role cannot read: %v", err)
	}
	o := org(t, cs[1], "Maji Safi Trust")
	o.Interests = "Sanitation"
	if _, err := cs[1].UpdateOrganisation(o); err != nil {
		t.Fatal(err)
	}
	before := placeState(t, p)
	_, err = Sync(cs[1], reader, Options{})
	if err == nil || workspace.Code(err) != workspace.ErrReadOnly || !strings.Contains(err.Error(), "mukuru_sync") {
		t.Errorf("syncing with the read-only role: %v", err)
	}
	if after := placeState(t, p); after != before {
		t.Errorf("the read-only role changed the server: %s, then %s", before, after)
	}
	lead, _ := Open(strings.Replace(address, "postgres@", "lead@", 1))
	if r := sync(t, cs[1], lead); !r.Pushed {
		t.Errorf("the sync role did not push: %+v", r)
	}
	if _, err := InitServer(strings.Replace(address, "postgres@", "lead@", 1)); workspace.Code(err) != workspace.ErrReadOnly {
		t.Errorf("setting up with the sync role: %v", err)
	}
}

// An address's password is used, never shown nor remembered; a server not
// there, a shared workspace not set up and a schema of someone else's are
// each refused with a sentence.
func TestServerAddresses(t *testing.T) {
	p, err := Open("postgres://lead:s3cret@county.example/planning?schema=mukuru&sslmode=require")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(p.String(), "s3cret") || !strings.Contains(p.String(), "schema=mukuru") {
		t.Errorf("the place is shown as %s", p.String())
	}
	p, err = Open("postgres://lead@county.example/planning?password=s3cret&sslpassword=k3y&schema=mukuru")
	if err != nil || strings.Contains(p.String(), "s3cret") || strings.Contains(p.String(), "k3y") {
		t.Errorf("a password in the query is shown: %v %v", p, err)
	}
	for _, bad := range []string{"Robert'); DROP", "pg_catalog", "_hidden", "Mukuru"} {
		if _, err := Open("postgres://county.example/planning?schema=" + url.QueryEscape(bad)); workspace.Code(err) != workspace.ErrInvalid {
			t.Errorf("the schema name %q: %v", bad, err)
		}
	}
	gone, _ := Open("postgres://lead@/planning?host=" + t.TempDir())
	cs := copies(t, 1)
	before := records(t, cs[0])
	if _, err := Sync(cs[0], gone, Options{}); workspace.Code(err) != workspace.ErrUnreachable {
		t.Errorf("a server not there: %v", err)
	}
	sameRecords(t, "after a server not there", before, records(t, cs[0]))
	if remembered, _, _ := cs[0].SyncPlace(); remembered != "" {
		t.Errorf("a failed sync remembered %q", remembered)
	}

	missing, _ := Open(serverAddress(t, "nobody_set_up"))
	if _, err := Sync(cs[0], missing, Options{}); workspace.Code(err) != workspace.ErrNotFound || !strings.Contains(err.Error(), "cpw hub init") {
		t.Errorf("a shared workspace not set up: %v", err)
	}
	asSuperuser(t, "CREATE SCHEMA gis", "CREATE TABLE gis.roads (id int)", "CREATE ROLE kibera_sync LOGIN")
	if _, err := InitServer(serverAddress(t, "gis")); workspace.Code(err) != workspace.ErrExists {
		t.Errorf("setting up in someone else's schema: %v", err)
	}
	if _, err := InitServer(serverAddress(t, "kibera")); workspace.Code(err) != workspace.ErrExists || !strings.Contains(err.Error(), "kibera_sync") {
		t.Errorf("setting up beside a login of the role's name: %v", err)
	}
}

// Tables changed by hand so that they no longer make a sound workspace are
// refused at the pull, and the workspace is left as it was.
func TestServerTablesChangedByHand(t *testing.T) {
	p := sharedServer(t)
	cs := copies(t, 2)
	sync(t, cs[0], p)
	schema := p.(*server).schema
	asSuperuser(t, "UPDATE "+schema+".people SET organisation_id = 'no such organisation' WHERE organisation_id <> ''")
	before := records(t, cs[1])
	_, err := Sync(cs[1], p, Options{})
	if err == nil || workspace.Code(err) != workspace.ErrInvalid || !strings.Contains(err.Error(), "by hand") {
		t.Errorf("pulling tables changed by hand: %v", err)
	}
	sameRecords(t, "after the refusal", before, records(t, cs[1]))
}

// A name changed only in its capitals travels through the place like any
// change, though the workspace compares names without their capitals.
func TestACaseOnlyChangeTravels(t *testing.T) {
	eachPlace(t, func(t *testing.T, newPlace func(*testing.T) Place) {
		p := newPlace(t)
		cs := copies(t, 2)
		sync(t, cs[0], p)
		sync(t, cs[1], p)
		o := org(t, cs[0], "Maji Safi Trust")
		o.Name = "MAJI SAFI TRUST"
		if _, err := cs[0].UpdateOrganisation(o); err != nil {
			t.Fatal(err)
		}
		sync(t, cs[0], p)
		sync(t, cs[1], p)
		org(t, cs[1], "MAJI SAFI TRUST")
	})
}

// Set up again by a version with a new column, the server fills the rows
// it holds as the workspace's migration would, and copies still pull.
// (A column dropped here stands for one a newer version adds.)
func TestServerSetUpAgainAddsAColumn(t *testing.T) {
	p := sharedServer(t)
	cs := copies(t, 2)
	sync(t, cs[0], p)
	schema := p.(*server).schema
	asSuperuser(t, "ALTER TABLE "+schema+".organisations DROP COLUMN notes")
	address := serverAddress(t, schema)
	if _, err := InitServer(address); err != nil {
		t.Fatal(err)
	}
	o := org(t, cs[1], "Maji Safi Trust")
	o.Interests = "Sanitation"
	if _, err := cs[1].UpdateOrganisation(o); err != nil {
		t.Fatal(err)
	}
	if r := sync(t, cs[1], p); !r.Pushed {
		t.Errorf("the sync after setting up again: %+v", r)
	}
}
