package importexport

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/xuri/excelize/v2"

	"cpw/translate"
	"cpw/workspace"
)

// Progress is told how far a long job has come: done of total steps, and
// what it is doing, in words. It may be nil.
type Progress func(done, total int, what string)

// within is p for one stage of a job that fills the part from..to of it:
// what the stage reports reaches p as thousandths of the whole job, so a
// bar or a percentage shows the whole job, stage after stage.
func (p Progress) within(from, to float64) Progress {
	if p == nil {
		return nil
	}
	return func(done, total int, what string) {
		part := 0.0
		if total > 0 {
			part = min(float64(done)/float64(total), 1)
		}
		p(int(1000*(from+part*(to-from))), 1000, what)
	}
}

func (p Progress) report(done, total int, what string) {
	if p != nil {
		p(done, total, what)
	}
}

// serialised is p with its calls made one at a time, for work that reports
// from more than one goroutine.
func (p Progress) serialised() Progress {
	if p == nil {
		return nil
	}
	var mu sync.Mutex
	return func(done, total int, what string) {
		mu.Lock()
		defer mu.Unlock()
		p(done, total, what)
	}
}

// ExportOptions says what an export writes.
type ExportOptions struct {
	WithContacts bool // phone numbers and e-mail addresses; left out unless asked
	Progress     Progress
	// Say words the errors and the progress steps: the window's language.
	// Nil means English. The workbook itself is always written in English.
	Say translate.Func
}

// say words a sentence in the export's language.
func (o ExportOptions) say(text string, args ...any) string { return wordsIn(o.Say)(text, args...) }

// TemplateOptions says how a template is written.
type TemplateOptions struct {
	// Say words the errors: the window's language. Nil means English. The
	// template itself is always written in English.
	Say translate.Func
}

// styles are the cell styles of a workbook this program writes.
type styles struct {
	header, date, amount int
}

func newStyles(x *excelize.File) (styles, error) {
	var s styles
	var err error
	if s.header, err = x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE7F0"}}}); err != nil {
		return s, err
	}
	fmtDate := "yyyy-mm-dd"
	if s.date, err = x.NewStyle(&excelize.Style{CustomNumFmt: &fmtDate}); err != nil {
		return s, err
	}
	s.amount, err = x.NewStyle(&excelize.Style{NumFmt: 3}) // #,##0
	return s, err
}

// columnsFor returns the columns a workbook carries: contact columns only
// when asked for.
func columnsFor(s *sheetSpec, withContacts bool) []col {
	out := make([]col, 0, len(s.cols))
	for _, c := range s.cols {
		if c.contact && !withContacts {
			continue
		}
		out = append(out, c)
	}
	return out
}

// lists are the values the dropdowns offer, by the Lists sheet's headers.
type lists struct {
	names  []string
	values map[string][]string
}

func (l *lists) add(name string, values []string) {
	l.names = append(l.names, name)
	l.values[name] = values
}

func labels(choices []workspace.Choice) []string {
	out := []string{}
	for _, c := range choices {
		if c.Key != "" {
			out = append(out, c.Label)
		}
	}
	return out
}

// workspaceLists reads the lists from the workspace: the fixed choices, and
// its sectors, roles and consortium codes.
func workspaceLists(f *workspace.File) (*lists, error) {
	sectors, err := f.Sectors()
	if err != nil {
		return nil, err
	}
	roles, err := f.Roles(true)
	if err != nil {
		return nil, err
	}
	consortia, err := f.Consortia()
	if err != nil {
		return nil, err
	}
	return listsFrom(sectors, roles, consortia), nil
}

// listsFrom makes the lists from the workspace's sectors, roles (those in
// use) and consortia.
func listsFrom(sectors []workspace.Sector, roles []workspace.Role, consortia []workspace.Consortium) *lists {
	l := &lists{values: map[string][]string{}}
	for _, c := range []struct {
		name    string
		choices []workspace.Choice
	}{
		{"Organisation kinds", workspace.OrganisationKinds}, {"Bases", workspace.Bases}, {"Commitments", workspace.Commitments},
		{"Stances", workspace.Stances}, {"Influences", workspace.Influences}, {"Genders", workspace.Genders},
		{"Age bands", workspace.AgeBands}, {"Lawful bases", workspace.LawfulBases}, {"Consortium statuses", workspace.ConsortiumStatuses},
		{"Role groups", workspace.RoleGroups}, {"Role scopes", workspace.RoleScopes}, {"Holders", workspace.RoleHolders},
		{"Unit levels", workspace.UnitLevels}, {"Gap kinds", workspace.GapKinds}, {"Priorities", workspace.Priorities},
		{"Gap statuses", workspace.GapStatuses}, {"Meeting kinds", workspace.MeetingKinds},
		{"Candidate stages", workspace.CandidateStages},
		{"Activity statuses", workspace.ActivityStatuses},
	} {
		l.add(c.name, labels(c.choices))
	}
	l.add("Yes or no", []string{"Yes", "No"})
	var names []string
	for _, s := range sectors {
		names = append(names, s.Name)
	}
	l.add("Sectors", names)
	names = nil
	for _, r := range roles {
		if r.RetiredOn == "" {
			names = append(names, r.Name)
		}
	}
	l.add("Roles", names)
	names = nil
	for _, c := range consortia {
		names = append(names, c.Code)
	}
	l.add("Consortium codes", names)
	return l
}

func (l *lists) write(x *excelize.File, st styles) error {
	if _, err := x.NewSheet(listsSheet); err != nil {
		return err
	}
	for i, name := range l.names {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		if err := x.SetCellValue(listsSheet, cell, name); err != nil {
			return err
		}
		for j, v := range l.values[name] {
			cell, _ := excelize.CoordinatesToCellName(i+1, j+2)
			if err := x.SetCellValue(listsSheet, cell, neutralise(v)); err != nil {
				return err
			}
		}
	}
	last, _ := excelize.ColumnNumberToName(len(l.names))
	if err := x.SetCellStyle(listsSheet, "A1", last+"1", st.header); err != nil {
		return err
	}
	return x.SetColWidth(listsSheet, "A", last, 26)
}

// rangeOf is the Lists range holding the named list, for a dropdown; ""
// when the list holds nothing.
func (l *lists) rangeOf(name string) string {
	for i, n := range l.names {
		if n == name && len(l.values[name]) > 0 {
			c, _ := excelize.ColumnNumberToName(i + 1)
			return fmt.Sprintf("%s!$%s$2:$%s$%d", listsSheet, c, c, len(l.values[name])+1)
		}
	}
	return ""
}

// WriteTemplate writes the blank workbook people fill in to import: one
// sheet per kind of record, with a note on every header, dropdowns for every
// fixed choice fed from the Lists sheet, and date and number formats.
// The options say the language of its errors.
func WriteTemplate(f *workspace.File, path string, opt TemplateOptions) error {
	say := wordsIn(opt.Say)
	if err := checkBookName(path, say); err != nil {
		return err
	}
	l, err := workspaceLists(f)
	if err != nil {
		return err
	}
	return writeTemplate(l, path, say)
}

// writeTemplate writes the template with the lists given.
func writeTemplate(l *lists, path string, say translate.Func) error {
	x := excelize.NewFile()
	defer x.Close()
	st, err := newStyles(x)
	if err != nil {
		return writeFailed(say, err)
	}
	for i, s := range writeOrder {
		if err := writeTemplateSheet(x, s, l, st, i == 0); err != nil {
			return writeFailed(say, err)
		}
	}
	if err := l.write(x, st); err != nil {
		return writeFailed(say, err)
	}
	return save(x, path, say)
}

func writeTemplateSheet(x *excelize.File, s *sheetSpec, l *lists, st styles, first bool) error {
	if first {
		if err := x.SetSheetName("Sheet1", s.name); err != nil {
			return err
		}
	} else if _, err := x.NewSheet(s.name); err != nil {
		return err
	}
	cols := columnsFor(s, true)
	for i, c := range cols {
		name, _ := excelize.ColumnNumberToName(i + 1)
		if err := x.SetCellValue(s.name, name+"1", c.header); err != nil {
			return err
		}
		if err := x.SetColWidth(s.name, name, name, c.width); err != nil {
			return err
		}
		if err := x.AddComment(s.name, excelize.Comment{Cell: name + "1", Author: "cpw", Text: c.note, Width: 260, Height: 90}); err != nil {
			return err
		}
		switch c.kind {
		case date:
			if err := x.SetColStyle(s.name, name, st.date); err != nil {
				return err
			}
			dv := excelize.NewDataValidation(true)
			dv.Sqref = name + "2:" + name + "1048576"
			// As day numbers: a date written in the formula would be
			// arithmetic (1950-01-01 is 1948).
			if err := dv.SetRange(firstDay, lastDay, excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween); err != nil {
				return err
			}
			dv.SetError(excelize.DataValidationErrorStyleStop, "Not a date", "Write a date between 1950 and 2200, such as 2026-03-31.")
			if err := x.AddDataValidation(s.name, dv); err != nil {
				return err
			}
		case amount, count:
			if err := x.SetColStyle(s.name, name, st.amount); err != nil {
				return err
			}
			dv := excelize.NewDataValidation(true)
			dv.Sqref = name + "2:" + name + "1048576"
			if err := dv.SetRange(0, 1e15, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween); err != nil {
				return err
			}
			dv.SetError(excelize.DataValidationErrorStyleStop, "Not a whole number", "Write a whole number of 0 or more, without decimals.")
			if err := x.AddDataValidation(s.name, dv); err != nil {
				return err
			}
		}
		// An empty list (no consortia yet in a new workspace, or no sectors
		// or roles left) gets no dropdown: one over empty cells offers
		// nothing and objects to every value typed, such as the code of a
		// consortium the workbook adds on its Consortia sheet. (Room on the
		// Lists sheet would not help: the import never reads it.) The
		// column then takes what is typed, and its header note says what
		// to write.
		if r := l.rangeOf(c.list); r != "" {
			dv := excelize.NewDataValidation(true)
			dv.Sqref = name + "2:" + name + "1048576"
			dv.SetSqrefDropList(r)
			switch {
			case c.kind == many:
				// Several values may be typed, separated by semicolons.
				dv.SetError(excelize.DataValidationErrorStyleInformation, "Several values", "Separate several values with a semicolon (;).")
			case c.kind != choice:
				// Consortia and roles: the workbook may add one the list
				// does not have yet, or name it another way.
				dv.SetError(excelize.DataValidationErrorStyleWarning, "Not in the list", "This is not in the workspace's list: the import takes it only if the workbook adds it too.")
			default:
				dv.SetError(excelize.DataValidationErrorStyleStop, "Not in the list", "Choose a value from the list.")
			}
			if err := x.AddDataValidation(s.name, dv); err != nil {
				return err
			}
		}
	}
	last, _ := excelize.ColumnNumberToName(len(cols))
	if err := x.SetCellStyle(s.name, "A1", last+"1", st.header); err != nil {
		return err
	}
	return x.SetPanes(s.name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

// The range of dates the template's date columns take, as spreadsheet day
// numbers: 1950-01-01 to 2200-12-31.
const firstDay, lastDay = 18264, 109939

// Export writes the whole workspace to a workbook in the template's layout,
// so that importing it into a new workspace gives the same records. Contact
// columns are left out unless asked for.
func Export(ctx context.Context, f *workspace.File, path string, opts ExportOptions) error {
	if err := checkBookName(path, opts.Say); err != nil {
		return err
	}
	// Saving the workbook takes a good part of an export.
	progress := opts.Progress
	opts.Progress = progress.within(0, 0.8) // writing the sheets
	opts.Progress.report(0, 0, opts.say("Reading the workspace"))
	d, err := startBook(f)
	if err != nil {
		return err
	}
	// Reading goes on while sheets are written; it must end before the
	// caller may use the workspace again.
	defer func() {
		if d != nil {
			d.waitAll()
		}
	}()
	l := listsFrom(d.sectors, d.roles, d.consortia)
	// A sheet over 16 MB is spilled into a temporary file as it is
	// written, contacts and all: it goes in a private folder, removed here
	// or, if this process is killed, by the next import or export.
	dir, err := newScratchDir()
	if err != nil {
		return writeFailed(opts.Say, err)
	}
	defer os.RemoveAll(dir)
	x := excelize.NewFile(excelize.Options{TmpDir: dir})
	defer x.Close()
	st, err := newStyles(x)
	if err != nil {
		return writeFailed(opts.Say, err)
	}
	// The sheets appear in the template's order, but are written in the
	// order their records are read.
	for i, s := range writeOrder {
		if i == 0 {
			err = x.SetSheetName("Sheet1", s.name)
		} else {
			_, err = x.NewSheet(s.name)
		}
		if err != nil {
			return writeFailed(opts.Say, err)
		}
	}
	total := len(d.units) + len(d.organisations) + len(d.consortia) + len(d.roles)
	done := 0
	for _, s := range readOrder {
		if err := d.wait(s); err != nil {
			return err
		}
		if s == &peopleSheet {
			total += len(d.people) * 3 // about as many assignments; members, gaps and meetings are few
		}
		if err := writeSheet(ctx, x, s, s.rows(d), opts, st, &done, max(total, done)); err != nil {
			return err
		}
	}
	if err := l.write(x, st); err != nil {
		return writeFailed(opts.Say, err)
	}
	if ctx.Err() != nil {
		return cancelled()
	}
	// Every sheet is written: the records need not be kept while the
	// workbook is put together, which takes as much memory again.
	if err := d.waitAll(); err != nil {
		return err
	}
	d = nil
	progress.within(0.8, 0.8).report(1, 1, opts.say("Saving the workbook"))
	return saveUnlessCancelled(ctx, x, path, opts.Say)
}

// saveUnlessCancelled is save that a cancellation stops at any moment
// before the workbook is in place, leaving nothing at path (and a file
// already there as it was): writing the workbook out takes long enough for
// a Cancel to come during it.
func saveUnlessCancelled(ctx context.Context, x *excelize.File, path string, say translate.Func) error {
	err := workspace.WriteFileAtomic(path, wordsIn(say), func(w io.Writer) error {
		if _, err := x.WriteTo(cancellableWriter{ctx, w}); err != nil {
			return err
		}
		// The file is flushed to the disk before it is renamed into place:
		// flushed here, a Cancel during the flush still counts.
		if f, ok := w.(interface{ Sync() error }); ok {
			if err := f.Sync(); err != nil {
				return err
			}
		}
		return ctx.Err()
	})
	if ctx.Err() != nil && err != nil {
		return cancelled()
	}
	return err
}

// cancellableWriter fails every write once its context is done.
type cancellableWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c cancellableWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}

// writeSheet streams one sheet: its header, then its rows.
func writeSheet(ctx context.Context, x *excelize.File, s *sheetSpec, rows []row, opts ExportOptions, st styles, done *int, total int) error {
	sw, err := x.NewStreamWriter(s.name)
	if err != nil {
		return writeFailed(opts.Say, err)
	}
	cols := columnsFor(s, opts.WithContacts)
	for i, c := range cols {
		if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return writeFailed(opts.Say, err)
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return writeFailed(opts.Say, err)
	}
	head := make([]any, len(cols))
	for i, c := range cols {
		head[i] = excelize.Cell{StyleID: st.header, Value: c.header}
	}
	if err := sw.SetRow("A1", head); err != nil {
		return writeFailed(opts.Say, err)
	}
	// Where each column written sits in a row (contact columns may be left out).
	at := make([]int, 0, len(cols))
	for i, c := range s.cols {
		if !c.contact || opts.WithContacts {
			at = append(at, i)
		}
	}
	cells := make([]any, len(cols))
	for n, r := range rows {
		if len(r) != len(s.cols) {
			return &workspace.Error{Code: workspace.ErrInternal, Message: opts.say("Internal error: a row of the %s sheet has %d cells for %d columns.", s.name, len(r), len(s.cols))}
		}
		for i, c := range cols {
			cells[i] = cellFor(c, r[at[i]], st)
		}
		cell, _ := excelize.CoordinatesToCellName(1, n+2)
		if err := sw.SetRow(cell, cells); err != nil {
			return writeFailed(opts.Say, err)
		}
		if *done++; *done%2048 == 0 {
			if err := ctx.Err(); err != nil {
				return cancelled()
			}
			opts.Progress.report(*done, max(total, *done), opts.say("Writing %s", s.records(wordsIn(opts.Say))))
		}
	}
	if err := sw.Flush(); err != nil {
		return writeFailed(opts.Say, err)
	}
	return nil
}

// cellFor turns one value of a record into the cell written for it.
func cellFor(c col, v any, st styles) any {
	switch v := v.(type) {
	case nil:
		return nil
	case string:
		if v == "" {
			return nil
		}
		if c.kind == date {
			if t, err := time.Parse(workspace.DateLayout, v); err == nil {
				return excelize.Cell{StyleID: st.date, Value: t}
			}
		}
		return neutralise(v)
	case int64:
		return excelize.Cell{StyleID: st.amount, Value: v}
	case bool:
		if v {
			return "Yes"
		}
		return "No"
	case workspace.Answer:
		switch v {
		case workspace.Yes:
			return "Yes"
		case workspace.No:
			return "No"
		}
		return nil
	case workspace.Count:
		if n, ok := v.Get(); ok {
			return excelize.Cell{StyleID: st.amount, Value: int64(n)}
		}
		return nil // not recorded
	case []string:
		if len(v) == 0 {
			return nil
		}
		return neutralise(strings.Join(v, "; "))
	}
	return v
}

// neutralise keeps a spreadsheet from taking text for a formula: text that
// starts with = + - @, a tab or a carriage return gets a leading apostrophe,
// which the import takes off again. A phone number ("+254 712 358 461") is
// left as it is: made only of digits, spaces and + - ( ) . / it can name
// no function and no cell, and the apostrophe would show on every one.
func neutralise(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) && !phoneLike.MatchString(s) {
		return "'" + s
	}
	return s
}

var phoneLike = regexp.MustCompile(`^[+\-]?[0-9][0-9 ()./+\-]*$`)

// unneutralise undoes neutralise on a value read from a workbook.
func unneutralise(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(s[1])) {
		return s[1:]
	}
	return s
}

// checkBookName refuses a workbook name without .xlsx; say words the
// refusal (nil means English).
func checkBookName(path string, say translate.Func) error {
	say = wordsIn(say)
	if !strings.EqualFold(filepath.Ext(path), ".xlsx") {
		return &workspace.Error{Code: workspace.ErrInvalid, Message: say("A workbook's name must end in .xlsx: “%s” does not.", filepath.Base(path))}
	}
	return nil
}

// save writes the workbook to path in one piece, through
// workspace.WriteFileAtomic, so that a failed save never leaves a
// half-written workbook. say words its errors (nil means English).
func save(x *excelize.File, path string, say translate.Func) error {
	return workspace.WriteFileAtomic(path, wordsIn(say), func(w io.Writer) error {
		_, err := x.WriteTo(w)
		return err
	})
}

// writeFailed words a failure to write a workbook; say words it (nil means
// English).
func writeFailed(say translate.Func, err error) error {
	say = wordsIn(say)
	return &workspace.Error{Code: workspace.ErrInternal, Message: say("The workbook could not be written: %v.", err), Err: err}
}

// WriteBlankTemplate writes the template with the lists of a new workspace
// (the seeded sectors and roles, no consortia), for people who have no
// workspace at hand. The options say the language of its errors.
func WriteBlankTemplate(path string, opt TemplateOptions) error {
	say := wordsIn(opt.Say)
	dir, err := os.MkdirTemp("", "cpw-template-")
	if err != nil {
		return &workspace.Error{Code: workspace.ErrInternal, Message: say("A temporary workspace for the template's lists cannot be made: %v.", err), Err: err}
	}
	defer os.RemoveAll(dir)
	f, err := workspace.Create(filepath.Join(dir, "template.cpw"), workspace.NewOptions{Name: "Template"})
	if err != nil {
		return err
	}
	defer f.Close()
	return WriteTemplate(f, path, opt)
}
