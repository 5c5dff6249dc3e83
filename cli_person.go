package main

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"cpw/reports"
	"cpw/translate"
	"cpw/workspace"
)

func init() {
	commands["person-report"] = command{"FILE.cpw --person ID OUT.pdf [--paper a4|letter] [--lang en|sw]",
		"everything the workspace holds about one person, as a PDF to give them (a request to see their data): their record, roles, meetings, and the history of changes to it", runPersonReport}
	commands["erase"] = command{"FILE.cpw --person ID | --kept-too-long",
		"erase a person's personal data (a request to be forgotten), or everyone kept longer than the workspace's retention; their roles stay, held by an erased person, and no copy merged or synced later brings the data back. It cannot be undone", runErase}
}

func runErase(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("erase", flag.ContinueOnError)
	person := fs.String("person", "", "")
	kept := fs.Bool("kept-too-long", false, "")
	pos, err := parse(fs, args, "FILE.cpw")
	if err != nil {
		return err
	}
	if (*person == "") == !*kept {
		return usageError("say whom to erase: --person ID (cpw export or the person's page gives the id), or --kept-too-long")
	}
	f, err := workspace.Open(pos[0])
	if err != nil {
		return err
	}
	defer f.Close()
	named(f)
	if *person != "" {
		if err := f.ErasePerson(*person); err != nil {
			return err
		}
		fmt.Fprintf(out, "Erased the personal data of the person %s. Copies merged or synced with this one will erase it too.\n", *person)
		return nil
	}
	n, err := f.EraseKeptTooLong(time.Now())
	if err != nil {
		return err
	}
	switch n {
	case 0:
		fmt.Fprintln(out, "Nobody is kept longer than the workspace's retention: nothing was erased.")
	case 1:
		fmt.Fprintln(out, "Erased the personal data of 1 person kept longer than the workspace's retention. Copies merged or synced with this one will erase it too.")
	default:
		fmt.Fprintf(out, "Erased the personal data of %d people kept longer than the workspace's retention. Copies merged or synced with this one will erase it too.\n", n)
	}
	return nil
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
