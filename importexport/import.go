package importexport

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"

	"cpw/translate"
	"cpw/workspace"
)

// ImportOptions says how to import.
type ImportOptions struct {
	DryRun   bool // check and count, write nothing
	Progress Progress
	Limits   Limits // DefaultLimits when zero
	// Say words the report, the refusals and the progress steps: the
	// window's language. Nil means English, as the command line keeps them.
	Say translate.Func
	// Mapping is the user's answers about this workbook's sheets, columns
	// and values (a mapping file, or what they confirmed in the window),
	// over those the workspace remembers; an import that is kept
	// remembers them.
	Mapping *Mapping
	// plan, when set, gathers the mapping the import uses (PlanMapping).
	plan *planned
	// AnswersSeen, when set, is Report.AnswersRead of the check the user
	// looked at: if the answers the workspace remembers have changed since
	// (another window or program changed one), the import writes nothing
	// and says so, rather than read the workbook otherwise than shown.
	AnswersSeen string
	// Sheets gives sheets a kind by name ("Mobilizers" → "People", "3W",
	// "Skip": see SheetKinds), over what their names and columns say.
	Sheets map[string]string
	// SkipBadRows imports the rows that are fine and leaves out those with
	// an error, and the rows referring to their records; the report counts
	// them per sheet. An error that is no row's (a sheet without a required
	// column, two columns meaning one) still means nothing is written.
	SkipBadRows bool
	// Rejects, with SkipBadRows, is a workbook (.xlsx) to write the rows
	// left out to, as the sheets had them, each with its problems in a last
	// column, for fixing and importing again. No rows left out, or nothing
	// imported, writes no file; a dry run writes none either.
	Rejects string
	// leave are rows an earlier run of this import left out after writing
	// part of them, with their problems: this run leaves them out from the
	// start (rejects.go).
	leave map[string]map[int][]Problem
	runs  int // the runs before this one
	// beforeWrite, if set, runs after the workbook is read and before the
	// write begins (tests have another program commit there).
	beforeWrite func()
}

// Import reads a workbook into the workspace. Every row is checked like an
// edit in the window; the report lists what would be new, updated and
// unchanged per sheet, and every problem with its sheet, row and column.
// The whole import is one transaction: one problem of error severity, a
// cancellation or a dry run means nothing is written. An error is returned
// only when the workbook cannot be read at all (see RefusedError) or the
// workspace cannot be written.
func Import(ctx context.Context, f *workspace.File, path string, opts ImportOptions) (*Report, error) {
	lim := opts.Limits
	if lim == (Limits{}) {
		lim = DefaultLimits
	}
	report := &Report{File: filepath.Base(path), DryRun: opts.DryRun, Sheets: []SheetResult{}, Problems: []Problem{}, lang: opts.Say}
	// The workbook's read-through reports progress from its own goroutine.
	opts.Progress = opts.Progress.serialised()
	// Checking and saving the rows takes most of an import.
	opening, reading, saving := opts.Progress.within(0, 0.2), opts.Progress.within(0.2, 0.3), opts.Progress.within(0.3, 1)
	opening.report(0, 0, report.say("Opening the workbook"))
	x, err := openBook(ctx, path, lim, wordsIn(opts.Say), opening)
	if err != nil {
		return nil, err
	}
	defer x.Close()

	// Read every sheet first: a workbook that cannot be read is refused
	// before the workspace is touched.
	var read []*sheetRows
	names := x.GetSheetList()
	for i, name := range names {
		sheet := reading.within(float64(i)/float64(len(names)), float64(i+1)/float64(len(names)))
		sheet.report(0, 0, report.say("Reading the sheet %s", name))
		if strings.EqualFold(strings.TrimSpace(name), listsSheet) {
			continue
		}
		s, err := readSheet(ctx, x.File, name, lim, report, sheet)
		if err != nil {
			if refusal := x.verify(); refusal != nil {
				return nil, refusal // what the read-through found says more
			}
			return nil, err
		}
		read = append(read, s)
	}
	if err := x.verify(); err != nil {
		return nil, err
	}
	// A workbook made on a Mac may count its serial dates from 1904.
	date1904 := false
	if props, err := x.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		date1904 = *props.Date1904
	}
	keep := !opts.DryRun
	if opts.beforeWrite != nil {
		opts.beforeWrite()
	}
	err = f.Batch(keep, func(b *workspace.Batch) error {
		// What the workspace holds is read inside the write, so that an
		// edit another program commits meanwhile is never overwritten from
		// an older read: its records, and the answers it remembers about
		// workbooks of this shape, which say what the sheets hold.
		remembered, err := b.Workspace().ImportMappings()
		if err != nil {
			return err
		}
		report.answers = answersDigest(remembered)
		if opts.AnswersSeen != "" && opts.AnswersSeen != report.answers {
			report.add(Problem{Severity: Error, Sheet: report.File,
				Message: report.say("The answers this workspace remembers about workbooks changed after this one was checked (in another window or program): check the workbook again, and import it as it is then read.")})
			return errHasProblems
		}
		ans := newAnswers(remembered, opts.Mapping)
		parts := classifyAll(read, names, report, opts, ans, path)
		total := 0
		for _, p := range parts {
			total += len(p.rows.rows)
		}
		im := &importer{ctx: ctx, f: b.Workspace(), b: b, report: report, progress: saving, total: total, date1904: date1904,
			answers: ans, plan: opts.plan, skip: leavingOut(opts)}
		if err := im.load(); err != nil {
			return err
		}
		im.refs.parts = parts // a row may name a record a later sheet adds
		for _, p := range parts {
			if err := im.importPart(p); err != nil {
				return err
			}
		}
		// The roles rows of other kinds say someone holds, once the
		// Assignments sheet is in (claims.go).
		if err := im.assignClaims(); err != nil {
			return err
		}
		if opts.SkipBadRows {
			// The rows with problems are left out, with the rows that
			// refer to their records; rows written in part before their
			// problem make the import run again without them.
			if err := im.leaveOut(parts, opts.Rejects); err != nil {
				return err
			}
		}
		if report.Blocking() > 0 {
			return errHasProblems
		}
		if err := im.writeRejects(parts, names, path, opts); err != nil {
			return err
		}
		if ctx.Err() != nil {
			return cancelled() // the last look before the commit
		}
		if !keep {
			return nil
		}
		b.NameStep(report.File) // one step to undo, however many rows
		// The change log has each record the import changed, with what
		// changed; what it added is one entry per sheet. It is kept in
		// English, whatever the window's language.
		for _, s := range report.Sheets {
			if s.New > 0 {
				msg := fmt.Sprintf("Imported %s from the sheet “%s” of %s", workspace.Plural(s.New, "new "+s.entity, "new "+s.plural), s.Sheet, report.File)
				if err := b.Log(s.entity, "import", msg); err != nil {
					return err
				}
			}
		}
		// The user's answers are remembered, so that the next workbook of
		// this shape needs none.
		if err := b.RememberImportMappings(ans.remembered()); err != nil {
			return err
		}
		if c, u, _ := report.Totals(); c+u == 0 {
			return nil
		}
		return b.Log("workspace", "import", "Imported the workbook "+report.File+": "+report.counts(translate.English))
	})
	var again *runAgain
	switch {
	case errors.Is(err, errHasProblems):
		return report, nil
	case errors.As(err, &again):
		opts.leave, opts.runs = again.rows, opts.runs+1
		return Import(ctx, f, path, opts)
	case err != nil:
		report.dropRejects() // nothing was imported: the rows left out are not the only ones
		return nil, err
	}
	report.Written = keep
	return report, nil
}

var errHasProblems = errors.New("the workbook has problems")

// PlanMapping reads a workbook as Import would, writing nothing, and
// returns the mapping it would use: what the workspace and opts.Mapping
// say, and the program's suggestions for the rest, each marked as
// suggested, with the report of the dry run.
func PlanMapping(ctx context.Context, f *workspace.File, path string, opts ImportOptions) (*Mapping, *Report, error) {
	opts.DryRun = true
	opts.plan = &planned{values: map[string]*ValueMapping{}}
	report, err := Import(ctx, f, path, opts)
	if err != nil {
		return nil, nil, err
	}
	return opts.plan.mapping(), report, nil
}

// classifyAll finds what each sheet read holds (see classify), in the order
// of import: a row may refer to rows of earlier sheets.
func classifyAll(read []*sheetRows, names []string, report *Report, opts ImportOptions, ans *answers, path string) []*part {
	var parts []*part
	for _, s := range read {
		if p := classify(s, report, opts.Sheets, ans, opts.plan); p != nil {
			parts = append(parts, p)
		}
	}
	parts = linkSurveys(parts, report) // a survey's repeat groups are read with it
	for name := range opts.Sheets {
		if !slices.ContainsFunc(names, func(n string) bool { return strings.EqualFold(strings.TrimSpace(n), strings.TrimSpace(name)) }) {
			report.add(Problem{Severity: Error, Sheet: name,
				Message: report.say("The workbook has no sheet called “%s”, which was given a kind to be read as: check its name.", name)})
		}
	}
	if len(parts) == 0 {
		report.add(Problem{Severity: Error, Sheet: filepath.Base(path),
			Message: report.say("The workbook has no sheet this program can import: name its sheets as the template does (%s), say what a sheet holds in the import's preview or with --sheet, or use the template.", templateSheetNames())})
	}
	sort.SliceStable(parts, func(i, j int) bool { return parts[i].order < parts[j].order })
	return parts
}

// foldIgnoredColumns is how many ignored columns of a sheet are named one
// by one; more are counted in one warning.
const foldIgnoredColumns = 10

// part is one sheet of the workbook matched to a kind of record.
type part struct {
	spec  *sheetSpec
	order int
	rows  *sheetRows
	at    []int // for each column of spec, its index in the sheet, or -1 when the sheet lacks it
	is3W  bool  // a 3W/4W sheet: organisations and their sectors
	// also holds, for a column of spec, more columns of the sheet that mean
	// it too, whose values are kept beside its own: a second phone column.
	also map[int][]int
	// activity holds, for a 3W sheet, its columns about each row's
	// activity (what, where, how far), read as activities (see
	// part.activityColumn); nil when it has none.
	activity *part
	// survey joins a survey's sheet and its repeat groups' sheets (see
	// surveyLink); nil for other sheets.
	survey *surveyLink
}

// column returns the index in the sheet of the column with the header, or
// -1 when the sheet lacks it.
func (p *part) column(h string) int {
	if c := p.spec.at(h); c >= 0 {
		return p.at[c]
	}
	return -1
}

// classify finds what kind of records a sheet holds and which of its columns
// mean what. The kind is the one the user gave the sheet (told, by sheet
// name), else the one its name says, else a 3W's, else the one its columns
// show. Sheets it cannot place are reported and skipped.
func classify(s *sheetRows, r *Report, told map[string]string, ans *answers, plan *planned) *part {
	if s.headers == nil {
		return nil // an empty sheet
	}
	var spec *sheetSpec
	order, is3W := 0, false
	kind, ok := toldKind(told, s.name)
	if !ok {
		kind, ok = ans.sheet(s.name)
		if ok && ans.remembers(sheetKey(s.name)) {
			// What the workspace remembers of a sheet of this name holds
			// unless its columns now say it is another kind ("Sheet1" is
			// many workbooks' first sheet); either way the report says.
			if sp, _, headers := kindByColumns(s); sp != nil && !strings.EqualFold(sp.name, kind) {
				r.add(Problem{Severity: Warning, Sheet: s.name, Row: s.headerRow,
					Message: r.say("The workspace remembers a sheet of this name as %s, but its columns %s are those of %s: it was read by its columns.", kind, quoteList(headers), r.records(sp))})
				ok = false
			} else {
				r.add(Problem{Severity: Warning, Sheet: s.name, Row: s.headerRow,
					Message: r.say("This sheet was read as %s, as the workspace remembers for a sheet of this name (Settings › Import mappings…).", kind)})
			}
		}
	}
	if ok {
		plan.sheet(SheetMapping{Sheet: s.name, Kind: kind, Why: r.say("as you said")})
		sp, i, w, skip, found := kindNamed(kind)
		switch {
		case !found:
			r.add(Problem{Severity: Error, Sheet: s.name,
				Message: r.say("“%s” is not a kind of sheet: say one of %s.", kind, strings.Join(SheetKinds(), ", "))})
			return nil
		case skip:
			r.add(Problem{Severity: Warning, Sheet: s.name, Message: r.say("This sheet was left out, as asked.")})
			return nil
		}
		spec, order, is3W = sp, i, w
	}
	// A survey tool's export (KoboToolbox, ODK Central) is known by its
	// own columns before its sheets' names, which are its form's and its
	// repeat groups' ("members"): a repeat group's sheet is read with its
	// survey's (sheet_survey.go).
	if spec == nil || spec == &surveySheet {
		if p := surveyRepeat(s, r, plan); p != nil {
			return p
		}
	}
	if spec == nil {
		spec, order = surveyByColumns(s, r, plan)
	}
	for i, sp := range sheets {
		if spec == nil && sp.matchesSheet(s.name) {
			spec, order = sp, i
			plan.sheet(SheetMapping{Sheet: s.name, Kind: sp.name, Why: r.say("its name")})
			break
		}
	}
	if spec == nil && looks3W(s) {
		for i, sp := range sheets {
			if sp.read3W != nil {
				spec, order, is3W = sp, i, true
			}
		}
		plan.sheet(SheetMapping{Sheet: s.name, Kind: SheetAs3W, Suggested: true, Why: r.say("an organisation column and a sector column")})
	}
	if spec == nil {
		if sp, i, headers := kindByColumns(s); sp != nil {
			spec, order = sp, i
			r.add(Problem{Severity: Warning, Sheet: s.name, Row: s.headerRow,
				Message: r.say("This sheet was read as %s: its name does not say what it holds, but its columns %s are those of %s. If it holds something else, say what it holds.", sp.name, quoteList(headers), r.records(sp))})
			plan.sheet(SheetMapping{Sheet: s.name, Kind: sp.name, Suggested: true, Why: r.say("its columns %s", quoteList(headers))})
		}
	}
	if spec == nil {
		plan.sheet(SheetMapping{Sheet: s.name, Kind: SheetSkipped, Suggested: true, Why: r.say("neither its name nor its columns say what it holds")})
		r.add(Problem{Severity: Warning, Sheet: s.name,
			Message: r.say("This sheet was not imported: neither its name nor its columns say what it holds. Name it as the template does (%s), or say what it holds in the import's preview or with --sheet.", templateSheetNames())})
		return nil
	}
	if len(s.titles) > 0 {
		r.add(Problem{Severity: Warning, Sheet: s.name, Row: s.titles[0],
			Message: r.say("The rows above row %d were taken as the sheet's title, not as records: row %d is its header row.", s.headerRow, s.headerRow)})
	}
	p := &part{spec: spec, order: order, rows: s, at: make([]int, len(spec.cols)), is3W: is3W}
	for c := range p.at {
		p.at[c] = -1
	}
	seen := map[string]string{}
	var ignored []Problem
	matches := matchColumns(s, spec, is3W, ans)
	for i, h := range s.headers {
		tag := ""
		if i < len(s.tags) {
			tag = strings.ToLower(strings.TrimSpace(s.tags[i]))
		}
		if strings.TrimSpace(h) == "" && tag == "" {
			continue
		}
		m := matches[i]
		found := m.col
		letter, _ := excelize.ColumnNumberToName(i + 1)
		shown := strings.TrimSpace(h)
		if shown == "" {
			shown = tag
		}
		if m.how == byAnswer && found < 0 {
			plan.column(ColumnMapping{Kind: spec.name, Header: shown, Column: "", Why: r.say("as you said")})
			continue // the user said to ignore it
		}
		// A 3W sheet gives its organisations only the columns that have
		// HXL hashtags (an organisation's name, acronym, kind and
		// sectors): the rest of a row is about an activity, which is kept
		// where the column says what, where, how far or when.
		if found < 0 || (is3W && len(spec.cols[found].hxl) == 0) {
			if is3W && p.activityColumn(i, h, tag, r, ans, plan) {
				continue // kept as the row's activity
			}
			ignored = append(ignored, Problem{Severity: Warning, Sheet: s.name, Row: s.headerRow, Column: shown, Letter: letter,
				Message: r.say("This column was ignored: it is not one this program imports into %s.", r.records(spec))})
			plan.column(ColumnMapping{Kind: spec.name, Header: shown, Column: "", Suggested: true, Why: r.say("not one this program imports into %s", r.records(spec))})
			continue
		}
		header := spec.cols[found].header
		switch m.how {
		case byAnswer:
			plan.column(ColumnMapping{Kind: spec.name, Header: shown, Column: header, Why: r.say("as you said")})
		case byMeaning:
			r.add(Problem{Severity: Warning, Sheet: s.name, Row: s.headerRow, Column: shown, Letter: letter,
				Message: r.say("This column was read as %s, which its header means. If it means something else, say what it means.", header)})
			plan.column(ColumnMapping{Kind: spec.name, Header: shown, Column: header, Suggested: true, Why: r.say("its header means it")})
		default:
			plan.column(ColumnMapping{Kind: spec.name, Header: shown, Column: header, Why: r.say("its header")})
		}
		if prev, ok := seen[header]; ok {
			if spec.cols[found].several || (is3W && header == "Name") {
				// Tel and Mobile No.: a person's numbers are all kept
				// (rowCtx.phone). A 3W's Organisation and Implementing
				// partner: both are partners (import3W).
				if p.also == nil {
					p.also = map[int][]int{}
				}
				p.also[found] = append(p.also[found], i)
				continue
			}
			r.add(Problem{Severity: Error, Sheet: s.name, Row: s.headerRow, Column: shown, Letter: letter,
				Message: r.say("Two columns mean %s: “%s” and “%s”. Keep one of them.", header, prev, shown)})
			continue
		}
		seen[header] = shown
		p.at[found] = i
	}
	// A column with values but no header (the second half of a merged
	// header cell, say) cannot be placed: it is said, not dropped unseen.
	for _, i := range unheaded(s) {
		letter, _ := excelize.ColumnNumberToName(i + 1)
		ignored = append(ignored, Problem{Severity: Warning, Sheet: s.name, Row: s.headerRow, Letter: letter,
			Message: r.say("Column %s has values but no header, so it was not imported: give it a header (a header merged across two columns names only the first).", letter)})
	}
	// A sheet as wide as Excel allows would bury the report under a line
	// per column: past a few, one line counts them.
	if len(ignored) > foldIgnoredColumns {
		first, last := ignored[0], ignored[len(ignored)-1]
		first.Message = r.say("%s columns were ignored, this one the first and the last in column %s: they are not ones this program imports into %s.",
			workspace.Thousands(int64(len(ignored))), last.Letter, r.records(spec))
		ignored = []Problem{first}
	}
	for _, p := range ignored {
		r.add(p)
	}
	for _, c := range spec.cols {
		if _, ok := seen[c.header]; c.required && !ok {
			r.add(Problem{Severity: Error, Sheet: s.name, Row: s.headerRow,
				Message: r.say("The sheet has no %s column, which %s need. Add it, or use the template.", c.header, r.records(spec))})
		}
	}
	return p
}

func hxlMatches(c col, tag string) bool {
	if tag == "" {
		return false
	}
	for _, h := range c.hxl {
		if tag == h {
			return true
		}
	}
	// #org+impl+name, #org+impl+type and the like: the base hashtag with
	// attributes in any order. Of an organisation's attributes, type,
	// acronym and code say which column it is (#org+type, #org+acronym,
	// #org+code); with none of them the hashtag is the base's (#org,
	// #sector).
	base, rest, _ := strings.Cut(tag, "+")
	attrs := "+" + rest + "+"
	if base == "#org" {
		if strings.Contains(attrs, "+funder+") || strings.Contains(attrs, "+donor+") || strings.Contains(attrs, "+prog+") {
			return false // who funds or runs the programme, not the partner itself
		}
		for _, a := range []string{"type", "acronym", "code"} {
			if strings.Contains(attrs, "+"+a+"+") {
				return slices.Contains(c.hxl, base+"+"+a)
			}
		}
	}
	return slices.Contains(c.hxl, base)
}

// looks3W reports whether a sheet is a 3W/4W matrix (who does what where):
// an organisation column and a sector column, by header or HXL hashtag.
func looks3W(s *sheetRows) bool {
	org, sector := false, false
	for i, h := range s.headers {
		tag := ""
		if i < len(s.tags) {
			tag = strings.ToLower(strings.TrimSpace(s.tags[i]))
		}
		n := normalise(h)
		switch {
		case strings.HasPrefix(tag, "#org"), n == "organization", n == "organizationname", n == "partner", n == "agency", n == "org", n == "implementingpartner", n == "who":
			org = true
		case strings.HasPrefix(tag, "#sector"), n == "sector", n == "cluster", n == "sectors", n == "what":
			sector = true
		}
	}
	return org && sector
}

// unheaded returns the columns of a sheet that hold values in some row but
// have neither a header nor an HXL hashtag, in order.
func unheaded(s *sheetRows) []int {
	blank := func(cells []string, i int) bool { return i >= len(cells) || strings.TrimSpace(cells[i]) == "" }
	seen := map[int]bool{}
	for _, row := range s.rows {
		for i := range row {
			if !seen[i] && !blank(row, i) && blank(s.headers, i) && blank(s.tags, i) {
				seen[i] = true
			}
		}
	}
	out := make([]int, 0, len(seen))
	for i := range seen {
		out = append(out, i)
	}
	sort.Ints(out)
	return out
}

// templateSheetNames lists the sheets a workbook this program writes has,
// for a sentence: "Organisations, People, …, Units, Roles".
func templateSheetNames() string {
	names := make([]string, 0, len(writeOrder))
	for _, s := range writeOrder {
		names = append(names, s.name)
	}
	return strings.Join(names, ", ")
}

// answersDigest sums up the answers a workspace remembers, so that a check
// and the import after it can tell whether they read the same.
func answersDigest(answers []workspace.ImportMapping) string {
	h := sha256.New()
	for _, a := range answers { // in the order of their keys
		fmt.Fprintf(h, "%s\x00%s\x00", a.Key, a.Meaning)
	}
	return hex.EncodeToString(h.Sum(nil))
}
