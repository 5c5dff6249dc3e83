package importexport

import (
	"fmt"
	"io"
	"strings"

	"cpw/translate"
	"cpw/workspace"
)

// Severity says whether a problem stops the import.
type Severity string

const (
	Error   Severity = "error"   // nothing is written while one remains
	Warning Severity = "warning" // something was left out or assumed; the rest imports
)

// Problem is one thing the import could not take, where it is and why.
type Problem struct {
	Severity Severity `json:"severity"`
	Sheet    string   `json:"sheet"`
	Row      int      `json:"row,omitempty"`    // counting from 1, as the spreadsheet shows
	Column   string   `json:"column,omitempty"` // the column's header, as the sheet writes it
	Letter   string   `json:"letter,omitempty"` // the column's letter
	Value    string   `json:"value,omitempty"`
	Message  string   `json:"message"`

	lang translate.Func // the language of Where, the report's
}

// SheetResult counts what one sheet did.
type SheetResult struct {
	Sheet     string `json:"sheet"`
	Records   string `json:"records"` // what kind of records it held
	New       int    `json:"new"`
	Updated   int    `json:"updated"`
	Unchanged int    `json:"unchanged"`
	Rows      int    `json:"rows"`
	// Skipped counts the rows left out for their problems, when the
	// import leaves out the rows with problems (ImportOptions.SkipBadRows).
	Skipped int    `json:"skipped"`
	entity  string // for the change log, as the workspace names it
	plural  string // the records, in English for the change log: "organisations"
}

// Report is what an import did, or would do in a dry run.
type Report struct {
	File     string        `json:"file"`
	DryRun   bool          `json:"dry_run"`
	Written  bool          `json:"written"`
	Sheets   []SheetResult `json:"sheets"`
	Problems []Problem     `json:"problems"`
	// Rejects is the workbook the rows left out were written to, with their
	// problems (ImportOptions.Rejects); "" when none was written.
	Rejects string `json:"rejects,omitempty"`

	lang translate.Func // the language of its sentences; nil means English
	// skipping is set when the rows with problems are left out and the
	// rest imported; blocking then counts the errors that are no row's
	// (a sheet's, the workbook's), which still stop the import.
	skipping bool
	blocking int
	left     map[string]map[int]bool // sheet → the rows left out
	// rejectsAsked is ImportOptions.Rejects, for saying why no workbook
	// of rejected rows was written.
	rejectsAsked string
	// answers is a digest of the answers the workspace remembered when the
	// import read the workbook (see ImportOptions.AnswersSeen).
	answers string
}

// AnswersRead is a digest of the answers about workbooks the workspace
// remembered when this report's import (or check) read them: given back
// as ImportOptions.AnswersSeen, the import refuses to go on if they have
// changed since.
func (r *Report) AnswersRead() string { return r.answers }

func (r *Report) add(p Problem) {
	p.lang = r.lang
	r.Problems = append(r.Problems, p)
}

// Errors counts the problems that stop the import.
func (r *Report) Errors() int {
	n := 0
	for _, p := range r.Problems {
		if p.Severity == Error {
			n++
		}
	}
	return n
}

// Blocking counts the errors that stop the import, so that nothing is
// written: every error, unless the rows with problems are left out
// (ImportOptions.SkipBadRows); then those of no row, such as a sheet
// without a required column.
func (r *Report) Blocking() int {
	if !r.skipping {
		return r.Errors()
	}
	return r.blocking
}

// Skipped counts the rows left out for their problems, over all sheets.
func (r *Report) Skipped() int {
	n := 0
	for _, s := range r.Sheets {
		n += s.Skipped
	}
	return n
}

// Totals adds up the sheets' counts.
func (r *Report) Totals() (created, updated, unchanged int) {
	for _, s := range r.Sheets {
		created += s.New
		updated += s.Updated
		unchanged += s.Unchanged
	}
	return
}

// Summary says in one sentence what the import did or would do, in the
// report's language.
func (r *Report) Summary() string { return r.summary(wordsIn(r.lang)) }

// summary is Summary in a language: the change log keeps it in English.
func (r *Report) summary(say translate.Func) string {
	counts := r.counts(say)
	switch errs := r.Errors(); {
	case r.Blocking() == 0 && r.Skipped() > 0 && r.DryRun:
		return say("The workbook can be imported without the rows that have problems: it would give %s. Rows it would leave out: %s.",
			counts, workspace.Thousands(int64(r.Skipped())))
	case r.Blocking() == 0 && r.Skipped() > 0:
		return say("Imported without the rows that have problems: %s. Rows left out: %s.", counts, workspace.Thousands(int64(r.Skipped())))
	case errs == 1:
		return say("Nothing was imported: 1 problem must be fixed first (the workbook would give %s).", counts)
	case errs > 1:
		return say("Nothing was imported: %s problems must be fixed first (the workbook would give %s).",
			workspace.Thousands(int64(errs)), counts)
	case r.DryRun:
		return say("The workbook can be imported: it would give %s.", counts)
	default:
		return say("Imported: %s.", counts)
	}
}

// counts says how many records are new, updated and unchanged.
func (r *Report) counts(say translate.Func) string {
	c, u, n := r.Totals()
	return say("%s new, %s updated, %s unchanged", workspace.Thousands(int64(c)), workspace.Thousands(int64(u)), workspace.Thousands(int64(n)))
}

// WriteText writes the report for people to read, in its language.
func (r *Report) WriteText(w io.Writer) {
	fmt.Fprintln(w, r.Summary())
	if note := r.rejectsNote(); note != "" {
		fmt.Fprintln(w, note)
	}
	for _, s := range r.Sheets {
		if s.Skipped > 0 {
			fmt.Fprintln(w, "  "+r.say("%-14s %-24s %6s new  %6s updated  %6s unchanged  %6s left out", s.Sheet, s.Records,
				workspace.Thousands(int64(s.New)), workspace.Thousands(int64(s.Updated)), workspace.Thousands(int64(s.Unchanged)),
				workspace.Thousands(int64(s.Skipped))))
			continue
		}
		fmt.Fprintln(w, "  "+r.say("%-14s %-24s %6s new  %6s updated  %6s unchanged", s.Sheet, s.Records,
			workspace.Thousands(int64(s.New)), workspace.Thousands(int64(s.Updated)), workspace.Thousands(int64(s.Unchanged))))
	}
	for _, p := range r.Problems {
		severity := strings.ToUpper(string(p.Severity))
		switch p.Severity {
		case Error:
			severity = r.say("ERROR")
		case Warning:
			severity = r.say("WARNING")
		}
		fmt.Fprintf(w, "%s: %s: %s\n", severity, p.Where(), p.Message)
	}
}

// Where says where a problem is, in the report's language: "People row 12,
// E-mail (column E) (“mary@”)".
func (p Problem) Where() string {
	say := wordsIn(p.lang)
	where := p.Sheet
	if p.Row > 0 {
		where = say("%s row %d", p.Sheet, p.Row)
	}
	switch {
	case p.Column != "" && p.Letter != "":
		where = say("%s, %s (column %s)", where, p.Column, p.Letter)
	case p.Column != "":
		where += ", " + p.Column
	case p.Letter != "":
		where = say("%s, column %s", where, p.Letter)
	}
	if p.Value != "" {
		where += " (“" + p.Value + "”)"
	}
	return where
}
