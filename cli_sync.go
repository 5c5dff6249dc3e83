package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"cpw/place"
	"cpw/workspace"
)

func init() {
	commands["sync"] = command{"FILE.cpw [PLACE] [--json]",
		"bring FILE and a shared place (a folder, or postgres://user@host/database?schema=NAME) in step: merge in what the place holds, push what FILE adds; PLACE is remembered for the next sync, without a password", runSync}
	commands["hub"] = command{"init postgres://user@host/database[?schema=NAME] [--json]",
		"set up a shared workspace on a PostgreSQL server: its schema (cpw unless named), its tables, and the roles NAME_sync and NAME_read to grant to people's logins; run again by a newer version, it brings the tables up to date", runHub}
}

func runSync(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("sync", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "")
	// PLACE may be left out: the one remembered is used.
	pos, err := parse(fs, args, "FILE.cpw", "[PLACE]")
	if err != nil {
		return err
	}
	f, err := workspace.Open(pos[0])
	if err != nil {
		return err
	}
	defer f.Close()
	named(f)
	remembered, _, err := f.SyncPlace()
	if err != nil {
		return err
	}
	where := remembered
	if len(pos) > 1 {
		where = pos[1]
	}
	if where == "" {
		return usageError("PLACE is missing: this workspace has no shared place yet")
	}
	p, err := place.Open(where)
	if err != nil {
		return err
	}
	// Remembered as the place shows itself: never with a password.
	if p.String() != remembered {
		if err := f.SetSyncPlace(p.String()); err != nil {
			return err
		}
	}
	report, err := place.Sync(f, p, place.Options{})
	if err != nil {
		return err
	}
	if *asJSON {
		if report.Pulled == nil {
			report.Pulled = []workspace.MergeReport{}
		}
		return writeJSON(out, report)
	}
	if !report.Changed() {
		fmt.Fprintf(out, "Already in step with %s: nothing to pull or push.\n", report.Place)
		return nil
	}
	for _, m := range report.Pulled {
		fmt.Fprintf(out, "Pulled from %s: %s\n", report.Place, m.Summary())
		for _, c := range m.Conflicts {
			kept := "kept this copy's version"
			if c.Chosen == workspace.Theirs {
				kept = "took the shared version"
			}
			fmt.Fprintf(out, "  %s “%s”: %s — %s\n", c.Kind, c.Title, c.Reason, kept)
		}
	}
	if report.Pushed {
		fmt.Fprintf(out, "Pushed this copy's changes to %s.\n", report.Place)
	}
	if report.Tries > 1 {
		fmt.Fprintf(out, "Another copy pushed meanwhile: pulled %d times.\n", report.Tries)
	}
	return nil
}

func runHub(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("hub", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "")
	pos, err := parse(fs, args, "init", "ADDRESS")
	if err != nil {
		return err
	}
	if pos[0] != "init" {
		return usageError("cpw hub knows one action, init, not %q", pos[0])
	}
	if !strings.HasPrefix(pos[1], "postgres://") && !strings.HasPrefix(pos[1], "postgresql://") {
		return usageError("ADDRESS is a postgres:// address; a shared folder needs no setting up")
	}
	setup, err := place.InitServer(pos[1])
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(out, setup)
	}
	fmt.Fprintf(out, "The shared workspace is ready on %s (schema %s, version %d).\n", setup.Place, setup.Schema, setup.Version)
	fmt.Fprintf(out, "Grant %s to each lead's login to sync, and %s to the logins of dashboards and GIS that only read:\n", setup.SyncRole, setup.ReadRole)
	fmt.Fprintf(out, "  GRANT %s TO alice;\n", setup.SyncRole)
	fmt.Fprintf(out, "Then each copy syncs with: cpw sync FILE.cpw %s\n", setup.Place)
	return nil
}
