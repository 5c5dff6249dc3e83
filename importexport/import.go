package importexport

import (
	"context"
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
	opts.Progress.report(0, 0, report.say("Opening the workbook"))
	x, err := openBook(ctx, path, lim, wordsIn(opts.Say), opts.Progress)
	if err != nil {
		return nil, err
	}
	defer x.Close()

	// Read every sheet first: a workbook that cannot be read is refused
	// before the workspace is touched.
	var parts []*part
	names := x.GetSheetList()
	for i, name := range names {
		opts.Progress.report(i, len(names), report.say("Reading the sheet %s", name))
		if strings.EqualFold(strings.TrimSpace(name), listsSheet) {
			continue
		}
		s, err := readSheet(ctx, x.File, name, lim, report, opts.Progress)
		if err != nil {
			if refusal := x.verify(); refusal != nil {
				return nil, refusal // what the read-through found says more
			}
			return nil, err
		}
		if p := classify(s, report); p != nil {
			parts = append(parts, p)
		}
	}
	if err := x.verify(); err != nil {
		return nil, err
	}
	if len(parts) == 0 {
		report.add(Problem{Severity: Error, Sheet: filepath.Base(path),
			Message: report.say("The workbook has no sheet this program can import: name the sheets Organisations, People, Consortia, Members, Assignments, Gaps, Candidates, Meetings, Decisions, Actions, Units or Roles, or use the template.")})
	}
	// Import in the order of sheets (a row may refer to rows of earlier sheets).
	sort.SliceStable(parts, func(i, j int) bool { return parts[i].order < parts[j].order })

	total := 0
	for _, p := range parts {
		total += len(p.rows.rows)
	}
	keep := !opts.DryRun
	if opts.beforeWrite != nil {
		opts.beforeWrite()
	}
	err = f.Batch(keep, func(b *workspace.Batch) error {
		// What the workspace holds is read inside the write, so that an
		// edit another program commits meanwhile is never overwritten from
		// an older read.
		im := &importer{ctx: ctx, f: b.Workspace(), b: b, report: report, progress: opts.Progress, total: total}
		if err := im.load(); err != nil {
			return err
		}
		for _, p := range parts {
			if err := im.importPart(p); err != nil {
				return err
			}
		}
		if report.Errors() > 0 {
			return errHasProblems
		}
		if ctx.Err() != nil {
			return cancelled() // the last look before the commit
		}
		if !keep {
			return nil
		}
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
		if c, u, _ := report.Totals(); c+u == 0 {
			return nil
		}
		return b.Log("workspace", "import", "Imported the workbook "+report.File+": "+report.counts(translate.English))
	})
	switch {
	case errors.Is(err, errHasProblems):
		return report, nil
	case err != nil:
		return nil, err
	}
	report.Written = keep
	return report, nil
}

var errHasProblems = errors.New("the workbook has problems")

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
// mean what. Sheets it cannot place are reported and skipped.
func classify(s *sheetRows, r *Report) *part {
	if s.headers == nil {
		return nil // an empty sheet
	}
	var spec *sheetSpec
	order := 0
	for i, sp := range sheets {
		if sp.matchesSheet(s.name) {
			spec, order = sp, i
			break
		}
	}
	is3W := false
	if spec == nil && looks3W(s) {
		for i, sp := range sheets {
			if sp.read3W != nil {
				spec, order, is3W = sp, i, true
			}
		}
	}
	if spec == nil {
		r.add(Problem{Severity: Warning, Sheet: s.name,
			Message: r.say("This sheet was not imported: its name does not say what it holds. Name it Organisations, People, Consortia, Members, Assignments, Gaps, Candidates, Meetings, Decisions, Actions, Units or Roles.")})
		return nil
	}
	p := &part{spec: spec, order: order, rows: s, at: make([]int, len(spec.cols)), is3W: is3W}
	for c := range p.at {
		p.at[c] = -1
	}
	seen := map[string]string{}
	var ignored []Problem
	for i, h := range s.headers {
		tag := ""
		if i < len(s.tags) {
			tag = strings.ToLower(strings.TrimSpace(s.tags[i]))
		}
		if strings.TrimSpace(h) == "" && tag == "" {
			continue
		}
		found := -1
		for c, column := range spec.cols {
			if (strings.TrimSpace(h) != "" && !strings.HasPrefix(h, "#") && column.matches(h)) || hxlMatches(column, tag) {
				found = c
				break
			}
		}
		letter, _ := excelize.ColumnNumberToName(i + 1)
		shown := strings.TrimSpace(h)
		if shown == "" {
			shown = tag
		}
		// A 3W sheet gives only the columns that have HXL hashtags (an
		// organisation's name, acronym, kind and sectors): the rest of a
		// row is about an activity, not the organisation.
		if found < 0 || (is3W && len(spec.cols[found].hxl) == 0) {
			ignored = append(ignored, Problem{Severity: Warning, Sheet: s.name, Row: s.headerRow, Column: shown, Letter: letter,
				Message: r.say("This column was ignored: it is not one this program imports into %s.", r.records(spec))})
			continue
		}
		header := spec.cols[found].header
		if prev, ok := seen[header]; ok {
			r.add(Problem{Severity: Error, Sheet: s.name, Row: s.headerRow, Column: shown, Letter: letter,
				Message: r.say("Two columns mean %s: “%s” and “%s”. Keep one of them.", header, prev, shown)})
			continue
		}
		seen[header] = shown
		p.at[found] = i
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
