package main

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"cpw/app"
	"cpw/importexport"
	"cpw/reports"
	"cpw/translate"
	"cpw/workspace"
)

//go:embed FyneApp.toml
var fyneApp string

// version returns the program's version, kept in FyneApp.toml.
func version() string {
	m := regexp.MustCompile(`(?m)^\s*Version\s*=\s*"([^"]+)"`).FindStringSubmatch(fyneApp)
	if m == nil {
		return "unknown"
	}
	return m[1]
}

// command is one headless subcommand.
type command struct {
	usage   string // arguments after the command's name
	summary string
	run     func(args []string, out io.Writer) error
}

var commands = map[string]command{}

// order is the order commands are listed in the help.
var order = []string{"new", "demo", "info", "check", "template", "import", "export", "brief", "copy", "copies", "person-report", "erase", "boundaries", "merge", "sync", "hub", "history", "undo", "redo", "associate", "version"}

func init() {
	commands["new"] = command{"FILE.cpw --name NAME [--settlement S] [--city C] [--country C] [--currency KES] [--lang en|sw]",
		"create a workspace, with the sectors and the role catalogue seeded in the language given (default en)", runNew}
	commands["demo"] = command{"FILE.cpw [--scale small|mukuru] [--lang en|sw]",
		"write a synthetic demo workspace, its roles and sectors in the language given (default en)", runDemo}
	commands["info"] = command{"FILE.cpw [--json]", "what is in a workspace: counts, schema version, ids", runInfo}
	commands["check"] = command{"FILE.cpw [--json]", "the health checks: what the workspace says about the coalition's health", runCheck}
	commands["brief"] = command{"FILE.cpw OUT.pdf [--consortium CODE] [--paper a4|letter] [--with-contacts] [--lang en|sw]",
		"write a PDF brief on the initiative, or on one consortium, in the language given (default en)", runBrief}
	commands["merge"] = command{"FILE.cpw THEIRS.cpw [--dry-run] [--json]",
		"bring the changes of another copy of the workspace into FILE (THEIRS is only read)", runMerge}
	commands["copy"] = command{"FILE.cpw OUT.cpw [--without-contacts] [--without-sensitive] [--for NAME]",
		"write a consistent copy for sharing: --without-contacts leaves out phone numbers and e-mail addresses, --without-sensitive those and gender and age band; the workspace records the copy (when, by whom, --for whom, what it left out)", runCopy}
	commands["copies"] = command{"FILE.cpw [--json]", "list the copies the workspace made: when, by whom, for whom, what each left out", runCopies}
	commands["associate"] = command{"", "make .cpw files open in this program (Windows: for the current user, no administrator needed)", func(args []string, out io.Writer) error {
		if len(args) > 0 {
			return usageError("associate takes no arguments")
		}
		msg, err := associate()
		if err != nil {
			return err
		}
		fmt.Fprintln(out, msg)
		return nil
	}}
	commands["version"] = command{"", "print the program's version", func(args []string, out io.Writer) error {
		if len(args) > 0 {
			return usageError("version takes no arguments")
		}
		fmt.Fprintln(out, "cpw", version())
		return nil
	}}
	commands["template"] = command{"BOOK.xlsx [--workspace FILE.cpw]",
		"write the blank import workbook (its lists from FILE when given)", runTemplate}
	commands["import"] = command{"FILE.cpw BOOK.xlsx [--dry-run] [--json] [--sheet \"SHEET=KIND\"]... [--mapping MAP.json] [--write-mapping MAP.json] [--skip-bad-rows] [--rejects OUT.xlsx]",
		"import a workbook: checked first, all of it or nothing (or without the rows with problems)", runImport}
	commands["export"] = command{"FILE.cpw BOOK.xlsx [--with-contacts] | OUT.geojson", "export the whole workspace to a workbook, or (by the name) the boundaries of its community units to a GeoJSON file for QGIS and HDX", runExport}
}

// isCommand reports whether the arguments ask for a headless command rather
// than the window.
func isCommand(args []string) bool {
	if len(args) == 0 {
		return false
	}
	if _, ok := commands[args[0]]; ok {
		return true
	}
	a := args[0]
	if strings.HasPrefix(a, "-") || a == "help" {
		return true
	}
	// Anything else is a file for the window, as long as it looks like one.
	return len(args) > 1 || !(strings.EqualFold(filepath.Ext(a), workspace.Extension) || workspace.FileExists(a))
}

// errUsage marks errors in how the command was called (exit status 2).
type errUsage struct{ msg string }

func (e errUsage) Error() string { return e.msg }

func usageError(format string, args ...any) error { return errUsage{fmt.Sprintf(format, args...)} }

// runCommand runs a subcommand and returns the exit status: 0, 1 for a
// failure, 2 for bad usage. Errors are one sentence on stderr after "cpw: ".
func runCommand(args []string, stdout, stderr io.Writer) int {
	name := args[0]
	if name == "help" || name == "-h" || name == "--help" || name == "-help" {
		printHelp(stdout)
		return 0
	}
	if name == "--version" || name == "-version" {
		name = "version"
	}
	c, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "cpw: %q is neither a command nor a workspace file: run \"cpw help\" to see the commands.\n", name)
		return 2
	}
	err := c.run(args[1:], stdout)
	if err == nil {
		return 0
	}
	if errors.Is(err, errQuiet) {
		return 1 // the command has already said why
	}
	var u errUsage
	if errors.As(err, &u) {
		fmt.Fprintf(stderr, "cpw: %s.\nusage: cpw %s %s\n", strings.TrimSuffix(u.msg, "."), name, c.usage)
		return 2
	}
	fmt.Fprintln(stderr, "cpw: "+sentence(err.Error()))
	return 1
}

// writeJSON prints what --json asks for, indented for reading.
func writeJSON(out io.Writer, v any) error {
	enc := json.NewEncoder(out)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// errQuiet fails a command that has already printed why.
var errQuiet = errors.New("failed")

// sentence makes sure a message ends like a sentence.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s != "" && !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}

func printHelp(out io.Writer) {
	fmt.Fprintln(out, "cpw — Consortium Planning Workspace", version())
	fmt.Fprintln(out)
	fmt.Fprintln(out, "  cpw [FILE.cpw]                 open the window (the welcome screen without a file)")
	for _, n := range order {
		c := commands[n]
		fmt.Fprintf(out, "  cpw %s %s\n      %s\n", n, c.usage, c.summary)
	}
}

// parse parses flags that may come before, between or after the positional
// arguments, and checks the number of positional arguments.
func parse(fs *flag.FlagSet, args []string, positional ...string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, usageError("%v", err)
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
	required := 0 // those not written "[NAME]", which may be left out at the end
	for _, p := range positional {
		if !strings.HasPrefix(p, "[") {
			required++
		}
	}
	if len(pos) < required {
		return nil, usageError("%s is missing", positional[len(pos)])
	}
	if len(pos) > len(positional) {
		return nil, usageError("unexpected argument %q", pos[len(positional)])
	}
	return pos, nil
}

func runNew(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("new", flag.ContinueOnError)
	name := fs.String("name", "", "")
	settlement := fs.String("settlement", "", "")
	city := fs.String("city", "", "")
	country := fs.String("country", "", "")
	currency := fs.String("currency", "", "")
	language := fs.String("lang", "en", "")
	pos, err := parse(fs, args, "FILE.cpw")
	if err != nil {
		return err
	}
	if strings.TrimSpace(*name) == "" {
		return usageError("--name is required")
	}
	if !translate.Known(*language) {
		return usageError("--lang must be one of %s, not %q", translate.Codes(), *language)
	}
	f, err := workspace.Create(pos[0], workspace.NewOptions{Name: *name, Settlement: *settlement, City: *city, Country: *country, Currency: *currency, Language: *language, Author: app.SavedAuthor()})
	if err != nil {
		return err
	}
	defer f.Close()
	fmt.Fprintf(out, "Created %s: workspace “%s”.\n", pos[0], strings.TrimSpace(*name))
	return nil
}

func runDemo(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	scale := fs.String("scale", "small", "")
	language := fs.String("lang", "en", "")
	pos, err := parse(fs, args, "FILE.cpw")
	if err != nil {
		return err
	}
	if *scale != "small" && *scale != "mukuru" {
		return usageError("--scale must be small or mukuru, not %q", *scale)
	}
	if !translate.Known(*language) {
		return usageError("--lang must be one of %s, not %q", translate.Codes(), *language)
	}
	start := time.Now()
	f, err := workspace.CreateDemo(pos[0], workspace.DemoOptions{Scale: workspace.DemoScale(*scale), Language: *language})
	if err != nil {
		return err
	}
	defer f.Close()
	c, err := f.Counts()
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Wrote the %s demo to %s in %.1f s: %d organisations, %d people, %d consortia, %d assignments, %d community units.\n",
		*scale, pos[0], time.Since(start).Seconds(), c.Organisations, c.People, c.Consortia, c.Assignments, c.Units)
	return nil
}

// infoReport is what "cpw info --json" prints; its keys are stable.
type infoReport struct {
	Name          string           `json:"name"`
	WorkspaceID   string           `json:"workspace_id"`
	CopyID        string           `json:"copy_id"`
	SchemaVersion int              `json:"schema_version"`
	ReadOnly      bool             `json:"read_only"`
	Settlement    string           `json:"settlement"`
	City          string           `json:"city"`
	Country       string           `json:"country"`
	Currency      string           `json:"currency"`
	CreatedAt     string           `json:"created_at"`
	FileBytes     int64            `json:"file_bytes"`
	SharedPlace   string           `json:"shared_place"` // the folder cpw sync uses, "" for none
	LastSynced    string           `json:"last_synced"`  // when a sync last pulled or pushed something
	LeftOut       string           `json:"left_out"`     // "", "contacts" or "contacts sensitive": what this copy was made without
	Counts        workspace.Counts `json:"counts"`
}

func runInfo(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("info", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "")
	pos, err := parse(fs, args, "FILE.cpw")
	if err != nil {
		return err
	}
	f, err := workspace.OpenReadOnly(pos[0])
	if err != nil {
		return err
	}
	defer f.Close()
	in, err := f.Initiative()
	if err != nil {
		return err
	}
	counts, err := f.Counts()
	if err != nil {
		return err
	}
	v := f.SchemaVersion()
	r := infoReport{Name: in.Name, WorkspaceID: in.ID, CopyID: f.CopyID(), SchemaVersion: v, ReadOnly: !f.Writable(),
		Settlement: in.Settlement, City: in.City, Country: in.Country, Currency: in.Currency, CreatedAt: in.CreatedAt, Counts: counts}
	if st, err := os.Stat(pos[0]); err == nil {
		r.FileBytes = st.Size()
	}
	if r.SharedPlace, r.LastSynced, err = f.SyncPlace(); err != nil {
		return err
	}
	if r.LeftOut, err = f.LeftOut(); err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(out, r)
	}
	fmt.Fprintln(out, r.Name)
	row := func(k string, v any) { fmt.Fprintf(out, "  %-16s %v\n", k, v) }
	row("file", fmt.Sprintf("%s (%.1f MB)", pos[0], float64(r.FileBytes)/1e6))
	if r.ReadOnly {
		row("access", "read-only: this file cannot be changed")
	}
	row("place", in.Place())
	row("currency", r.Currency)
	row("created", r.CreatedAt)
	if v < workspace.SchemaVersion {
		row("schema version", fmt.Sprintf("%d (saved by an older version; opening it in the window upgrades it to %d)", v, workspace.SchemaVersion))
	} else {
		row("schema version", v)
	}
	if r.SharedPlace != "" {
		synced := "never"
		if r.LastSynced != "" {
			synced = "last synced " + r.LastSynced
		}
		row("shared place", fmt.Sprintf("%s (%s)", r.SharedPlace, synced))
	}
	if r.LeftOut != workspace.LeaveOutNothing {
		row("made without", workspace.LabelIn(workspace.LeftOutChoices, r.LeftOut, translate.English)+" (a copy for sharing)")
	}
	row("workspace id", r.WorkspaceID)
	row("copy id", r.CopyID)
	for _, c := range []struct {
		k string
		n int
	}{{"organisations", counts.Organisations}, {"people", counts.People}, {"consortia", counts.Consortia},
		{"roles", counts.Roles}, {"assignments", counts.Assignments}, {"resource gaps", counts.Gaps},
		{"meetings", counts.Meetings}, {"community units", counts.Units}, {"sectors", counts.Sectors}, {"changes", counts.Changes}} {
		row(c.k, c.n)
	}
	return nil
}

// checkReport is what "cpw check --json" prints; its keys are stable.
type checkReport struct {
	Findings []workspace.Finding    `json:"findings"`
	Summary  workspace.CheckSummary `json:"summary"`
}

func runCheck(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "")
	pos, err := parse(fs, args, "FILE.cpw")
	if err != nil {
		return err
	}
	f, err := workspace.OpenReadOnly(pos[0])
	if err != nil {
		return err
	}
	defer f.Close()
	findings, err := f.RunChecks(time.Now())
	if err != nil {
		return err
	}
	summary := workspace.Summarise(findings)
	if *asJSON {
		if findings == nil {
			findings = []workspace.Finding{}
		}
		return writeJSON(out, checkReport{findings, summary})
	}
	fmt.Fprintf(out, "%s, %s, %s for information.\n", workspace.Plural(summary.Critical, "critical finding", "critical findings"),
		workspace.Plural(summary.Warning, "warning", "warnings"), workspace.Plural(summary.Info, "finding", "findings"))
	for _, sev := range workspace.Severities {
		first := true
		for _, fd := range findings {
			if fd.Severity != sev {
				continue
			}
			if first {
				fmt.Fprintf(out, "\n%s\n", strings.ToUpper(string(sev)))
				first = false
			}
			fmt.Fprintf(out, "  [%s] %s\n      fix: %s\n", fd.Check, fd.Message, fd.Fix)
		}
	}
	return nil
}

func runBrief(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("brief", flag.ContinueOnError)
	code := fs.String("consortium", "", "")
	paper := fs.String("paper", "a4", "")
	contacts := fs.Bool("with-contacts", false, "")
	language := fs.String("lang", "en", "")
	pos, err := parse(fs, args, "FILE.cpw", "OUT.pdf")
	if err != nil {
		return err
	}
	if *paper != "a4" && *paper != "letter" {
		return usageError("--paper must be a4 or letter, not %q", *paper)
	}
	if !translate.Known(*language) {
		return usageError("--lang must be one of %s, not %q", translate.Codes(), *language)
	}
	if !strings.EqualFold(filepath.Ext(pos[1]), ".pdf") {
		return usageError("the brief's file name must end in .pdf")
	}
	f, err := workspace.OpenReadOnly(pos[0])
	if err != nil {
		return err
	}
	defer f.Close()
	if err := reports.Write(f, pos[1], reports.Options{Consortium: *code, Paper: *paper, WithContacts: *contacts, Language: *language}); err != nil {
		return err
	}
	fmt.Fprintf(out, "Wrote %s.\n", pos[1])
	return nil
}

func runMerge(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("merge", flag.ContinueOnError)
	dryRun := fs.Bool("dry-run", false, "")
	asJSON := fs.Bool("json", false, "")
	pos, err := parse(fs, args, "FILE.cpw", "THEIRS.cpw")
	if err != nil {
		return err
	}
	open := workspace.Open
	if *dryRun {
		open = workspace.OpenReadOnly
	}
	f, err := open(pos[0])
	if err != nil {
		return err
	}
	defer f.Close()
	named(f)
	report, err := f.Merge(pos[1], workspace.MergeOptions{DryRun: *dryRun})
	if err != nil {
		return err
	}
	if *asJSON {
		if report.Counts == nil {
			report.Counts = []workspace.MergeCount{}
		}
		if report.Conflicts == nil {
			report.Conflicts = []workspace.MergeConflict{}
		}
		return writeJSON(out, report)
	}
	if *dryRun {
		fmt.Fprintln(out, "Dry run: nothing was changed. The merge would bring:")
	}
	fmt.Fprintln(out, report.Summary())
	for _, c := range report.Counts {
		fmt.Fprintf(out, "  %-26s %4d added %4d updated %4d deleted %4d conflicts\n", c.Kind, c.Added, c.Updated, c.Deleted, c.Conflicts)
	}
	if len(report.Conflicts) > 0 {
		if *dryRun {
			fmt.Fprintln(out, "\nConflicts (settled as shown unless you choose otherwise in the window's Merge a copy…):")
		} else {
			fmt.Fprintln(out, "\nConflicts, settled as shown (a version kept against the newer change reaches the other copy at its next merge):")
		}
		for _, c := range report.Conflicts {
			kept := "kept this copy's version"
			if c.Chosen == workspace.Theirs {
				kept = "took theirs"
			}
			fmt.Fprintf(out, "  %s “%s”: %s — %s\n", c.Kind, c.Title, c.Reason, kept)
		}
	}
	return nil
}

func runCopy(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("copy", flag.ContinueOnError)
	withoutContacts := fs.Bool("without-contacts", false, "")
	withoutSensitive := fs.Bool("without-sensitive", false, "")
	forWhom := fs.String("for", "", "")
	pos, err := parse(fs, args, "FILE.cpw", "OUT.cpw")
	if err != nil {
		return err
	}
	opt := workspace.CopyOptions{For: *forWhom}
	switch {
	case *withoutSensitive:
		opt.LeaveOut = workspace.LeaveOutSensitive
	case *withoutContacts:
		opt.LeaveOut = workspace.LeaveOutContacts
	}
	f, err := workspace.OpenReadOnly(pos[0])
	if err != nil {
		return err
	}
	// A writable file of this version also notes that the copy was made, so
	// that merging the copy back later knows what changed on which side; an
	// older file is left exactly as it is.
	if f.Writable() && f.SchemaVersion() == workspace.SchemaVersion {
		f.Close()
		if f, err = workspace.Open(pos[0]); err != nil {
			return err
		}
		named(f)
	}
	defer f.Close()
	if err := f.SaveCopyFor(pos[1], opt); err != nil {
		return err
	}
	if opt.LeaveOut != workspace.LeaveOutNothing {
		fmt.Fprintf(out, "Wrote a copy of %s to %s, without %s.\n", pos[0], pos[1], workspace.LabelIn(workspace.LeftOutChoices, opt.LeaveOut, translate.English))
	} else {
		fmt.Fprintf(out, "Wrote a copy of %s to %s.\n", pos[0], pos[1])
	}
	if f.ReadOnly() {
		// Said, so that nobody counts on the register of copies for it.
		fmt.Fprintf(out, "The copy is not recorded in %s: cpw copy leaves a file an older version saved (or one it cannot write) as it is. Opening it in the window upgrades it, and copies are recorded from then on.\n", pos[0])
	}
	return nil
}

func runCopies(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("copies", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "")
	pos, err := parse(fs, args, "FILE.cpw")
	if err != nil {
		return err
	}
	f, err := workspace.OpenReadOnly(pos[0])
	if err != nil {
		return err
	}
	defer f.Close()
	made, err := f.CopiesMade()
	if err != nil {
		return err
	}
	if *asJSON {
		if made == nil {
			made = []workspace.CopyMade{}
		}
		return writeJSON(out, made)
	}
	if len(made) == 0 {
		fmt.Fprintln(out, "This workspace has made no copies yet.")
		return nil
	}
	for _, c := range made {
		left := "everything"
		if c.LeftOut != workspace.LeaveOutNothing {
			left = "without " + workspace.LabelIn(workspace.LeftOutChoices, c.LeftOut, translate.English)
		}
		fmt.Fprintf(out, "%s  %s  by %s  for %s  %s  (copy %s)\n", c.MadeAt, c.FileName, blankAs(c.MadeBy, "someone"), blankAs(c.MadeFor, "no one named"), left, c.CopyID)
	}
	return nil
}

func blankAs(s, instead string) string {
	if s == "" {
		return instead
	}
	return s
}

func runTemplate(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("template", flag.ContinueOnError)
	from := fs.String("workspace", "", "")
	pos, err := parse(fs, args, "BOOK.xlsx")
	if err != nil {
		return err
	}
	if *from == "" {
		err = importexport.WriteBlankTemplate(pos[0], importexport.TemplateOptions{})
	} else {
		var f *workspace.File
		if f, err = workspace.OpenReadOnly(*from); err != nil {
			return err
		}
		defer f.Close()
		err = importexport.WriteTemplate(f, pos[0], importexport.TemplateOptions{})
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Wrote the import template %s.\n", pos[0])
	return nil
}

func runImport(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	dryRun := fs.Bool("dry-run", false, "")
	asJSON := fs.Bool("json", false, "")
	kinds := sheetKinds{}
	fs.Var(kinds, "sheet", "")
	mappingFile := fs.String("mapping", "", "")
	writeMapping := fs.String("write-mapping", "", "")
	skipBadRows := fs.Bool("skip-bad-rows", false, "")
	rejects := fs.String("rejects", "", "")
	pos, err := parse(fs, args, "FILE.cpw", "BOOK.xlsx")
	if err != nil {
		return err
	}
	switch {
	case *rejects != "" && !*skipBadRows:
		return usageError("--rejects writes the rows --skip-bad-rows leaves out: give both, or neither")
	case *rejects != "" && !strings.EqualFold(filepath.Ext(*rejects), ".xlsx"):
		return usageError("--rejects names a workbook, whose name ends in .xlsx: %q does not", *rejects)
	}
	if *writeMapping != "" {
		// A mapping written over the workspace or the workbook would
		// destroy it.
		if !strings.EqualFold(filepath.Ext(*writeMapping), ".json") {
			return usageError("--write-mapping writes a .json file: give it a name ending in .json")
		}
		if workspace.SameFile(*writeMapping, pos[0]) || workspace.SameFile(*writeMapping, pos[1]) {
			return usageError("--write-mapping must name a new file, not the workspace or the workbook")
		}
	}
	var mapping *importexport.Mapping
	if *mappingFile != "" {
		if mapping, err = importexport.ReadMapping(*mappingFile); err != nil {
			return err
		}
	}
	f, err := workspace.Open(pos[0])
	if err != nil {
		return err
	}
	defer f.Close()
	named(f)
	progress, clear := terminalProgress()
	opts := importexport.ImportOptions{DryRun: *dryRun, Progress: progress, Sheets: kinds, Mapping: mapping,
		SkipBadRows: *skipBadRows, Rejects: *rejects}
	if *writeMapping != "" {
		// The mapping the import would use, written for the user to check
		// and give back with --mapping; nothing is imported.
		m, report, err := importexport.PlanMapping(context.Background(), f, pos[1], opts)
		clear()
		if err != nil {
			return err
		}
		if err := importexport.WriteMapping(m, *writeMapping); err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(out, m)
		}
		report.WriteText(out)
		fmt.Fprintf(out, "Wrote the mapping %s: %s. Nothing was imported: check it, then import with --mapping %s.\n", *writeMapping, m.Summary(), *writeMapping)
		return nil
	}
	report, err := importexport.Import(context.Background(), f, pos[1], opts)
	clear()
	if err != nil {
		return err
	}
	if *asJSON {
		if err := writeJSON(out, report); err != nil {
			return err
		}
	} else {
		report.WriteText(out)
	}
	if report.Blocking() > 0 {
		return errQuiet // nothing was written; rows left out (--skip-bad-rows) are not a failure
	}
	return nil
}

func runExport(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	contacts := fs.Bool("with-contacts", false, "")
	pos, err := parse(fs, args, "FILE.cpw", "BOOK.xlsx")
	if err != nil {
		return err
	}
	f, err := workspace.OpenReadOnly(pos[0])
	if err != nil {
		return err
	}
	defer f.Close()
	if ext := strings.ToLower(filepath.Ext(pos[1])); ext == ".geojson" || ext == ".json" {
		// The units' boundaries, for QGIS and HDX.
		done, err := importexport.ExportBoundaries(f, pos[1], time.Now(), nil)
		if err != nil {
			return err
		}
		units := fmt.Sprintf("%d community units", done.Written)
		if done.Written == 1 {
			units = "1 community unit"
		}
		fmt.Fprintf(out, "Wrote %s: the boundaries of %s, with their figures.\n", pos[1], units)
		if n := len(done.Unreadable); n > 0 {
			fmt.Fprintf(out, "Left out %d whose boundary cannot be read (attach them again): %s.\n", n, strings.Join(done.Unreadable[:min(5, n)], "; "))
		}
		return nil
	}
	progress, clear := terminalProgress()
	err = importexport.Export(context.Background(), f, pos[1], importexport.ExportOptions{WithContacts: *contacts, Progress: progress})
	clear()
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Wrote %s.\n", pos[1])
	return nil
}

// terminalProgress shows a long job's progress on stderr when it is a
// terminal, on one line rewritten in place; scripts and pipes get nothing.
// The function it returns with it clears the line at the end.
func terminalProgress() (importexport.Progress, func()) {
	st, err := os.Stderr.Stat()
	if err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return nil, func() {}
	}
	last := time.Time{}
	return func(done, total int, what string) {
		if time.Since(last) < 200*time.Millisecond && done < total {
			return
		}
		last = time.Now()
		line := what + "…"
		if total > 0 {
			line = fmt.Sprintf("%s… %d%%", what, 100*done/total)
		}
		fmt.Fprint(os.Stderr, clearLine+line)
	}, func() { fmt.Fprint(os.Stderr, clearLine) }
}

// named records the file's changes under the name set in the window's
// Settings, when there is one, instead of the computer's account name.
func named(f *workspace.File) {
	if name := app.SavedAuthor(); name != "" {
		f.Author = name
	}
}

// sheetKinds is --sheet "NAME=KIND", given once per sheet: what the sheet
// holds, when its name and columns do not say it (see
// importexport.SheetKinds).
type sheetKinds map[string]string

func (k sheetKinds) String() string { return "" }

func (k sheetKinds) Set(v string) error {
	name, kind, ok := strings.Cut(v, "=")
	name, kind = strings.TrimSpace(name), strings.TrimSpace(kind)
	if !ok || name == "" || kind == "" {
		return fmt.Errorf("--sheet takes a sheet's name and what it holds, such as --sheet \"Mobilizers=People\"")
	}
	for _, known := range importexport.SheetKinds() {
		if strings.EqualFold(known, kind) {
			k[name] = known
			return nil
		}
	}
	return fmt.Errorf("%q is not a kind of sheet: say one of %s", kind, strings.Join(importexport.SheetKinds(), ", "))
}
