package main

import (
	"flag"
	"fmt"
	"io"

	"cpw/place"
	"cpw/workspace"
)

func init() {
	commands["sync"] = command{"FILE.cpw [PLACE] [--json]",
		"bring FILE and a shared place (a folder) in step: merge in what the place holds, push what FILE adds; PLACE is remembered for the next sync", runSync}
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
	if where != remembered {
		if err := f.SetSyncPlace(where); err != nil {
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
