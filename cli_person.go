package main

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"cpw/reports"
	"cpw/translate"
	"cpw/workspace"
)

func init() {
	commands["person-report"] = command{"FILE.cpw --person ID OUT.pdf [--paper a4|letter] [--lang en|sw]",
		"everything the workspace holds about one person, as a PDF to give them (a request to see their data): their record, roles, meetings, and the history of changes to it", runPersonReport}
}

func runPersonReport(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("person-report", flag.ContinueOnError)
	person := fs.String("person", "", "")
	paper := fs.String("paper", "a4", "")
	language := fs.String("lang", "en", "")
	pos, err := parse(fs, args, "FILE.cpw", "OUT.pdf")
	if err != nil {
		return err
	}
	if *person == "" {
		return usageError("--person ID is missing: cpw export or the person's page gives the id")
	}
	if *paper != "a4" && *paper != "letter" {
		return usageError("--paper must be a4 or letter, not %q", *paper)
	}
	if !translate.Known(*language) {
		return usageError("--lang must be one of %s, not %q", translate.Codes(), *language)
	}
	if !strings.EqualFold(filepath.Ext(pos[1]), ".pdf") {
		return usageError("the report's file name must end in .pdf")
	}
	f, err := workspace.OpenReadOnly(pos[0])
	if err != nil {
		return err
	}
	defer f.Close()
	if err := reports.WritePersonReport(f, pos[1], reports.PersonOptions{PersonID: *person, Paper: *paper, Language: *language}); err != nil {
		return err
	}
	fmt.Fprintf(out, "Wrote %s.\n", pos[1])
	return nil
}
