package importexport

import (
	"fmt"
	"io"
	"strings"

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
}

// SheetResult counts what one sheet did.
type SheetResult struct {
	Sheet     string `json:"sheet"`
	Records   string `json:"records"` // what kind of records it held
	New       int    `json:"new"`
	Updated   int    `json:"updated"`
	Unchanged int    `json:"unchanged"`
	Rows      int    `json:"rows"`
	entity    string // for the change log, as the workspace names it
}

// Report is what an import did, or would do in a dry run.
type Report struct {
	File     string        `json:"file"`
	DryRun   bool          `json:"dry_run"`
	Written  bool          `json:"written"`
	Sheets   []SheetResult `json:"sheets"`
	Problems []Problem     `json:"problems"`
}

func (r *Report) add(p Problem) { r.Problems = append(r.Problems, p) }

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

// Totals adds up the sheets' counts.
func (r *Report) Totals() (created, updated, unchanged int) {
	for _, s := range r.Sheets {
		created += s.New
		updated += s.Updated
		unchanged += s.Unchanged
	}
	return
}

// Summary says in one sentence what the import did or would do.
func (r *Report) Summary() string {
	c, u, n := r.Totals()
	counts := fmt.Sprintf("%s new, %s updated, %s unchanged", workspace.Thousands(int64(c)), workspace.Thousands(int64(u)), workspace.Thousands(int64(n)))
	errs := r.Errors()
	switch {
	case errs > 0:
		return fmt.Sprintf("Nothing was imported: %s must be fixed first (the workbook would give %s).",
			workspace.Plural(errs, "problem", "problems"), counts)
	case r.DryRun:
		return "The workbook can be imported: it would give " + counts + "."
	default:
		return "Imported: " + counts + "."
	}
}

// WriteText writes the report for people to read.
func (r *Report) WriteText(w io.Writer) {
	fmt.Fprintln(w, r.Summary())
	for _, s := range r.Sheets {
		fmt.Fprintf(w, "  %-14s %-24s %6s new  %6s updated  %6s unchanged\n", s.Sheet, s.Records,
			workspace.Thousands(int64(s.New)), workspace.Thousands(int64(s.Updated)), workspace.Thousands(int64(s.Unchanged)))
	}
	for _, p := range r.Problems {
		fmt.Fprintf(w, "%s: %s: %s\n", strings.ToUpper(string(p.Severity)), p.Where(), p.Message)
	}
}

// Where says where a problem is: "People row 12, E-mail (“mary@”)".
func (p Problem) Where() string {
	where := p.Sheet
	if p.Row > 0 {
		where += fmt.Sprintf(" row %d", p.Row)
	}
	switch {
	case p.Column != "" && p.Letter != "":
		where += ", " + p.Column + " (column " + p.Letter + ")"
	case p.Column != "":
		where += ", " + p.Column
	case p.Letter != "":
		where += ", column " + p.Letter
	}
	if p.Value != "" {
		where += " (“" + p.Value + "”)"
	}
	return where
}
