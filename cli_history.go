package main

import (
	"flag"
	"fmt"
	"io"
	"strconv"
	"time"

	"cpw/workspace"
)

// The steps of a workspace, and undoing and redoing them, from the command
// line: the same steps the window's Undo and Redo go through.

func init() {
	commands["history"] = command{"FILE.cpw [--json] [--limit N]",
		"list the steps that can be undone, newest first: id, when, who, what", runHistory}
	commands["undo"] = command{"FILE.cpw [--step ID]",
		"undo the newest step, or the step ID (one from cpw history), and say what it did", runUndo}
	commands["redo"] = command{"FILE.cpw", "redo the newest undo, unless a change was made after it", runRedo}
}

// historyStep is a step as cpw history --json prints it.
type historyStep struct {
	workspace.Step
	What string `json:"what"` // what it did, in English
}

func runHistory(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("history", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "")
	limit := fs.Int("limit", 0, "")
	pos, err := parse(fs, args, "FILE.cpw")
	if err != nil {
		return err
	}
	if *limit < 0 {
		return usageError("--limit must be 0 (for all) or more")
	}
	f, err := workspace.OpenReadOnly(pos[0])
	if err != nil {
		return err
	}
	defer f.Close()
	steps, err := f.Steps(*limit)
	if err != nil {
		return err
	}
	if *asJSON {
		list := make([]historyStep, len(steps))
		for i, s := range steps {
			list[i] = historyStep{s, s.What()}
		}
		return writeJSON(out, list)
	}
	if len(steps) == 0 {
		fmt.Fprintln(out, "No steps to undo: nothing was changed in this copy since it was made (or since this program kept steps).")
		return nil
	}
	fmt.Fprintf(out, "%6s  %-16s  %-16s  %s\n", "step", "when", "who", "what")
	for _, s := range steps {
		what := s.What()
		switch {
		case s.ReversedBy != 0 && s.Kind == workspace.StepUndo:
			what += fmt.Sprintf(" (redone by step %d)", s.ReversedBy)
		case s.ReversedBy != 0:
			what += fmt.Sprintf(" (undone by step %d)", s.ReversedBy)
		}
		who := s.Author
		if who == "" {
			who = "someone"
		}
		fmt.Fprintf(out, "%6d  %-16s  %-16s  %s\n", s.ID, shortLocal(s.At), who, what)
	}
	return nil
}

// shortLocal writes a step's time in the computer's time zone, to the minute.
func shortLocal(at string) string {
	t, err := time.Parse(workspace.StampLayout, at)
	if err != nil {
		return at
	}
	return t.In(time.Local).Format("2006-01-02 15:04")
}

func runUndo(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("undo", flag.ContinueOnError)
	step := fs.String("step", "", "")
	pos, err := parse(fs, args, "FILE.cpw")
	if err != nil {
		return err
	}
	var id int64
	if *step != "" {
		if id, err = strconv.ParseInt(*step, 10, 64); err != nil || id <= 0 {
			return usageError("--step takes the number of a step, as cpw history lists them")
		}
	}
	f, err := workspace.Open(pos[0])
	if err != nil {
		return err
	}
	defer f.Close()
	named(f)
	var u workspace.Undone
	if id != 0 {
		u, err = f.Revert(id)
	} else {
		u, err = f.Undo()
	}
	if err != nil {
		return err
	}
	printUndone(out, u)
	return nil
}

func runRedo(args []string, out io.Writer) error {
	pos, err := parse(flag.NewFlagSet("redo", flag.ContinueOnError), args, "FILE.cpw")
	if err != nil {
		return err
	}
	f, err := workspace.Open(pos[0])
	if err != nil {
		return err
	}
	defer f.Close()
	named(f)
	u, err := f.Redo()
	if err != nil {
		return err
	}
	printUndone(out, u)
	return nil
}

// printUndone says what an undo or a redo did, record by record when few.
func printUndone(out io.Writer, u workspace.Undone) {
	verb, step := "Undid", u.Step.ID
	if u.By.Kind == workspace.StepRedo {
		verb, step = "Redid", u.Step.Reverses // the step undone, now made again
	}
	fmt.Fprintf(out, "%s step %d, %s, as step %d: %s.\n", verb, step, u.Step.Name(), u.By.ID, u.Counts())
	const listed = 10
	total := u.Restored + u.Removed + u.Changed
	for i, r := range u.Records {
		if i == listed {
			break
		}
		fmt.Fprintf(out, "  %s %s “%s”\n", map[string]string{"restored": "put back", "removed": "took away", "changed": "changed back"}[r.Effect], r.Entity, r.Title)
	}
	if n := total - min(len(u.Records), listed); n > 0 && len(u.Records) > 0 {
		fmt.Fprintf(out, "  and %s more\n", workspace.Thousands(int64(n)))
	}
}
