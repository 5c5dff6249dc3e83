package importexport

import (
	"errors"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"cpw/workspace"
)

// Leaving out the rows with problems (ImportOptions.SkipBadRows) imports
// the rest of a big, messy workbook and hands back the rows left out.
//
//   - A row is left out when it has an error of its own: a value refused,
//     a cell over-long, a reference to a record that is nowhere, a second
//     row for one record. A row that refers to the record of a row left out
//     is left out too, saying so (rowCtx.noSuch: the importer remembers the
//     records it could not make). An error that is no row's (the workbook
//     has no sheet to import, a sheet lacks a required column, two columns
//     mean one, a sheet is too long) stops the whole import as before.
//   - Nothing of a row left out is written. Each row is read in a savepoint
//     of its own (Batch.Row), undone when the row ends with an error: every
//     row reader checks what it reads before it saves, but saving itself
//     may write part of a record before its error (an organisation's
//     sectors, then its name refused as another's). Some problems come
//     after a row was written: a role a roster's row claims is assigned
//     once every sheet is in (claims.go), and a 3W sheet's rows are
//     gathered into organisations saved at the end, each row's activity
//     after them. When a run finds such a problem, it is undone whole and
//     the import runs again leaving those rows out from the start (a row
//     left out so still makes the records it would have made pending, for
//     the rows referring to them), until a run finds none.
//   - A 3W row whose organisation another row's error kept out is left out
//     with it (keptOut3W), so that the fixed rows make the organisation
//     with all its sectors.
//   - The rows left out are written, with their problems, to a workbook
//     (writeRejects) with the same sheet names and header rows, which
//     imports again once fixed: rows referring to one another there are
//     read together again.

// leaving is what an import leaving out the rows with problems keeps over
// one run.
type leaving struct {
	// carried are the rows an earlier run left out after writing part of
	// them, with their errors, by sheet and row number: this run leaves
	// them out from the start.
	carried map[string]map[int][]Problem
	// out are the rows this run left out from the start, and undone those
	// it read and undid: nothing of either is written.
	out, undone map[string]map[int]bool
	runs        int // the runs before this one
}

// leavingOut returns what a run of the import keeps for leaving out the
// rows with problems, or nil when it leaves none out.
func leavingOut(opts ImportOptions) *leaving {
	if !opts.SkipBadRows {
		return nil
	}
	l := &leaving{carried: opts.leave, out: map[string]map[int]bool{}, undone: map[string]map[int]bool{}, runs: opts.runs}
	if l.carried == nil {
		l.carried = map[string]map[int][]Problem{}
	}
	return l
}

// runAgain ends a run that wrote part of rows it then found a problem in:
// the batch is undone, and the import runs again without them.
type runAgain struct {
	rows map[string]map[int][]Problem
}

func (*runAgain) Error() string { return "rows written in part: the import runs again without them" }

// mostRuns bounds how often an import runs again: each run leaves out more
// rows, but a run that still finds rows written in part after so many
// writes nothing (see leaveOut).
const mostRuns = 8

// from returns the rows of a part to leave out from the start: those an
// earlier run found problems in after writing part of them, and those
// whose cells could not be read (one over-long, which reading left blank).
func (l *leaving) from(im *importer, p *part) map[int]bool {
	name := p.rows.name
	data := make(map[int]bool, len(p.rows.numbers))
	for _, n := range p.rows.numbers {
		data[n] = true
	}
	out := map[int]bool{}
	for n := range l.carried[name] {
		if data[n] {
			out[n] = true
		}
	}
	for _, pr := range im.report.Problems {
		if pr.Severity == Error && pr.Sheet == name && data[pr.Row] {
			out[pr.Row] = true
		}
	}
	l.out[name] = out
	return out
}

// blankRows is a 3W part with the rows numbered in leave blanked, the
// others where they were: its rows are gathered into organisations, and
// their activities read by their places in the sheet. The organisations a
// row left out names are made pending, as its own reading would.
func (im *importer) blankRows(p *part, leave map[int]bool) *part {
	if len(leave) == 0 {
		return p
	}
	rows := *p.rows
	rows.rows = append([][]string(nil), p.rows.rows...)
	for i, n := range p.rows.numbers {
		if !leave[n] {
			continue
		}
		r := im.rowOf(p, i)
		for _, name := range append([]string{r.get("Name")}, r.also("Name")...) {
			r.fail("organisation", name)
		}
		rows.rows[i] = nil
	}
	q := *p
	q.rows = &rows
	if p.activity != nil {
		a := *p.activity
		a.rows = &rows
		q.activity = &a
	}
	return &q
}

// errLeftOut ends a row's savepoint when the row has an error.
var errLeftOut = errors.New("the row is left out")

// readApart reads a row in a savepoint of its own: a row that ends with an
// error leaves nothing written.
func (im *importer) readApart(r *rowCtx, res *SheetResult) error {
	err := im.b.Row(func() error {
		r.p.spec.read(im, r, res)
		if r.bad {
			return errLeftOut
		}
		return nil
	})
	if !errors.Is(err, errLeftOut) {
		return err
	}
	// A record saved, then refused, is undone in the file but not in what
	// later rows refer to (no reader does so): not marked undone, its row
	// makes the import run again without it.
	if !r.done {
		name := r.p.rows.name
		if im.skip.undone[name] == nil {
			im.skip.undone[name] = map[int]bool{}
		}
		im.skip.undone[name][r.n] = true
	}
	return nil
}

// keptOut3W tells the rows of a 3W sheet that have no error of their own
// but name an organisation another row's error kept out: they are left
// out with that row, so that the fixed rows give the organisation all its
// sectors again.
func (im *importer) keptOut3W(p *part) {
	refused := map[int]bool{}
	for _, pr := range im.report.Problems {
		if pr.Severity == Error && pr.Sheet == p.rows.name {
			refused[pr.Row] = true
		}
	}
	for i, n := range p.rows.numbers {
		if refused[n] || p.rows.rows[i] == nil {
			continue
		}
		r := im.rowOf(p, i)
		for _, name := range append([]string{r.get("Name")}, r.also("Name")...) {
			if name == "" || im.orgByName[key(name)] != "" || im.orgByAcronym[key(name)] != "" {
				continue
			}
			where, failed := im.pending["organisation"][key(name)]
			switch {
			case !failed:
			case where != r.where():
				r.noSuch("Name", "organisation", name)
			default:
				r.problem("Name", "The organisation “%s” was not imported, since another row naming it has a problem: fix that row, and import this one with it.", clip(name, 80))
			}
		}
	}
}

// leaveOut sorts the errors into those of rows, which leave their row out,
// and the others, which stop the import, and counts the rows left out per
// sheet. A row with an error that was written in part makes it return
// runAgain, with every row left out so far and its errors. rejects is the
// workbook asked for them (ImportOptions.Rejects).
func (im *importer) leaveOut(parts []*part, rejects string) error {
	r, l := im.report, im.skip
	r.skipping, r.rejectsAsked, r.blocking = true, rejects, 0
	data := map[string]map[int]bool{}
	for _, p := range parts {
		rows := make(map[int]bool, len(p.rows.numbers))
		for _, n := range p.rows.numbers {
			rows[n] = true
		}
		data[p.rows.name] = rows
	}
	// The errors an earlier run found in the rows it then left out, where
	// this run, reading them no further, found none in that column.
	type place struct {
		sheet  string
		row    int
		column string
	}
	found := map[place]bool{}
	for _, pr := range r.Problems {
		if pr.Severity == Error {
			found[place{pr.Sheet, pr.Row, pr.Column}] = true
		}
	}
	for _, rows := range l.carried {
		for _, problems := range rows {
			for _, pr := range problems {
				if !found[place{pr.Sheet, pr.Row, pr.Column}] {
					r.add(pr)
				}
			}
		}
	}
	left := map[string]map[int][]Problem{}
	// carry are the rows the next run, if any, leaves out from the start:
	// those written in part before their problem, now or in an earlier
	// run. A row whose problem its reading found is read again instead,
	// so that what another program changed meanwhile is seen.
	carry := map[string]map[int][]Problem{}
	written := false // a row left out was written in part
	for _, pr := range r.Problems {
		switch {
		case pr.Severity != Error:
		case pr.Row > 0 && data[pr.Sheet][pr.Row]:
			if left[pr.Sheet] == nil {
				left[pr.Sheet] = map[int][]Problem{}
			}
			left[pr.Sheet][pr.Row] = append(left[pr.Sheet][pr.Row], pr)
			partly := !l.out[pr.Sheet][pr.Row] && !l.undone[pr.Sheet][pr.Row]
			if partly {
				written = true
			}
			if _, before := l.carried[pr.Sheet][pr.Row]; partly || before {
				if carry[pr.Sheet] == nil {
					carry[pr.Sheet] = map[int][]Problem{}
				}
				carry[pr.Sheet][pr.Row] = append(carry[pr.Sheet][pr.Row], pr)
			}
		default:
			r.blocking++
		}
	}
	r.left = map[string]map[int]bool{}
	for sheet, rows := range left {
		r.left[sheet] = map[int]bool{}
		for n := range rows {
			r.left[sheet][n] = true
		}
	}
	counted := map[string]bool{}
	for i := range r.Sheets {
		// A sheet may give more than one line (a 3W's organisations and
		// activities, a roster's people and assignments): the first counts.
		if s := r.Sheets[i].Sheet; !counted[s] {
			counted[s] = true
			r.Sheets[i].Skipped = len(left[s])
		}
	}
	switch {
	case !written || r.blocking > 0 || im.plan != nil:
		// Nothing to undo, nothing written, or a mapping planned (whose
		// counts a second run would add to): the report stands.
		return nil
	case l.runs+1 >= mostRuns:
		r.blocking = r.Errors() // still more rows written in part: nothing is
		return nil
	}
	return &runAgain{rows: carry}
}

// writeRejects writes the rows left out to the workbook opts.Rejects, when
// rows were left out of an import that is kept: each sheet that had some,
// under its own name, with its header row (and HXL row), then those rows
// with their cells as read, and a last column Problem saying each of the
// row's problems. Text that a spreadsheet could take for a formula is
// neutralised as an export does; numbers in date, amount and count
// columns stay numbers, and dates keep the workbook's date system.
func (im *importer) writeRejects(parts []*part, names []string, path string, opts ImportOptions) error {
	if !opts.SkipBadRows || opts.Rejects == "" || opts.DryRun || im.report.Skipped() == 0 {
		return nil
	}
	say := im.report.words()
	if err := checkBookName(opts.Rejects, say); err != nil {
		return err
	}
	if workspace.SameFile(opts.Rejects, path) {
		return &workspace.Error{Code: workspace.ErrInvalid,
			Message: im.report.say("The rows left out cannot be written to %s: it is the workbook being imported. Give them another name.", opts.Rejects)}
	}
	dir, err := newScratchDir()
	if err != nil {
		return writeFailed(say, err)
	}
	defer os.RemoveAll(dir)
	x := excelize.NewFile(excelize.Options{TmpDir: dir})
	defer x.Close()
	if im.date1904 {
		yes := true
		if err := x.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}); err != nil {
			return writeFailed(say, err)
		}
	}
	st, err := newStyles(x)
	if err != nil {
		return writeFailed(say, err)
	}
	wrap, err := x.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return writeFailed(say, err)
	}
	// The sheets in the workbook's order.
	at := map[string]int{}
	for i, n := range names {
		at[n] = i
	}
	sorted := append([]*part(nil), parts...)
	sort.SliceStable(sorted, func(i, j int) bool { return at[sorted[i].rows.name] < at[sorted[j].rows.name] })
	first := true
	for _, p := range sorted {
		if len(im.report.left[p.rows.name]) == 0 {
			continue
		}
		if first {
			err = x.SetSheetName("Sheet1", p.rows.name)
		} else {
			_, err = x.NewSheet(p.rows.name)
		}
		first = false
		if err == nil {
			err = im.writeRejectedSheet(x, p, st, wrap)
		}
		if err != nil {
			return writeFailed(say, err)
		}
	}
	if err := save(x, opts.Rejects, say); err != nil {
		return err
	}
	im.report.Rejects = opts.Rejects
	return nil
}

// writeRejectedSheet writes one sheet's rows left out.
func (im *importer) writeRejectedSheet(x *excelize.File, p *part, st styles, wrap int) error {
	s := p.rows
	left := im.report.left[s.name]
	// What each problem says, by row.
	says := map[int][]string{}
	for _, pr := range im.report.Problems {
		if pr.Severity == Error && pr.Sheet == s.name && left[pr.Row] {
			says[pr.Row] = append(says[pr.Row], im.problemText(pr))
		}
	}
	// The kind of each column the import read, for its numbers.
	kinds := map[int]valueKind{}
	for c, idx := range p.at {
		if idx >= 0 {
			kinds[idx] = p.spec.cols[c].kind
		}
	}
	// The problems go in a last column, or in the sheet's own Problem
	// column if it has one the import ignores (a workbook of rejected rows
	// rejected again).
	width := max(len(s.headers), len(s.tags))
	problemAt := -1
	for i, h := range s.headers {
		if _, read := kinds[i]; !read && strings.EqualFold(strings.TrimSpace(h), rejectsColumn) && !alsoRead(p, i) {
			problemAt = i
		}
	}
	for i, n := range s.numbers {
		if left[n] {
			width = max(width, len(s.rows[i]))
		}
	}
	if problemAt < 0 {
		problemAt = width
	}
	width = max(width, problemAt+1)

	sw, err := x.NewStreamWriter(s.name)
	if err != nil {
		return err
	}
	if err := sw.SetColWidth(problemAt+1, problemAt+1, 60); err != nil {
		return err
	}
	line := 0
	put := func(cells []any) error {
		line++
		cell, _ := excelize.CoordinatesToCellName(1, line)
		return sw.SetRow(cell, cells)
	}
	head := make([]any, width)
	for i, h := range s.headers {
		if h != "" {
			head[i] = excelize.Cell{StyleID: st.header, Value: neutralise(h)}
		}
	}
	head[problemAt] = excelize.Cell{StyleID: st.header, Value: rejectsColumn}
	if err := put(head); err != nil {
		return err
	}
	if s.tags != nil && !sameCells(s.tags, s.headers) {
		tags := make([]any, width)
		for i, t := range s.tags {
			if i != problemAt && t != "" {
				tags[i] = neutralise(t)
			}
		}
		if err := put(tags); err != nil {
			return err
		}
	}
	for i, n := range s.numbers {
		if !left[n] {
			continue
		}
		cells := make([]any, width)
		for c, v := range s.rows[i] {
			cells[c] = rejectedCell(v, kinds[c], st)
		}
		cells[problemAt] = excelize.Cell{StyleID: wrap, Value: neutralise(strings.Join(says[n], "\n"))}
		if err := put(cells); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// rejectsColumn is the header of the column saying a rejected row's
// problems. It is no column of any sheet, so that importing the rows again
// ignores it.
const rejectsColumn = "Problem"

// alsoRead reports whether the sheet's column idx is read as a second
// column of one of the spec's (a second phone column).
func alsoRead(p *part, idx int) bool {
	for _, more := range p.also {
		for _, i := range more {
			if i == idx {
				return true
			}
		}
	}
	return false
}

// rejectedCell is the cell written for a value as read: a number in a
// date, amount or count column stays a number (a date with the date
// format, as a serial of the workbook's date system); the rest is text.
func rejectedCell(v string, kind valueKind, st styles) any {
	if v == "" {
		return nil
	}
	switch kind {
	case date, amount, count:
		if f, err := strconv.ParseFloat(v, 64); err == nil && strconv.FormatFloat(f, 'f', -1, 64) == v {
			if kind == date {
				return excelize.Cell{StyleID: st.date, Value: f}
			}
			return f
		}
	}
	return neutralise(v)
}

// problemText says one problem of a rejected row: its column and what is
// wrong, in the report's language.
func (im *importer) problemText(p Problem) string {
	switch {
	case p.Column != "" && p.Letter != "":
		return im.report.say("%s (column %s): %s", p.Column, p.Letter, p.Message)
	case p.Column != "":
		return p.Column + ": " + p.Message
	}
	return p.Message
}

func sameCells(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// dropRejects removes the workbook of rejected rows of an import that was
// not kept after all (a cancellation, a full disk): its rows are not the
// only ones left to import.
func (r *Report) dropRejects() {
	if r != nil && r.Rejects != "" {
		os.Remove(r.Rejects)
		r.Rejects = ""
	}
}

// rejectsNote says where the rows left out were written, or why they were
// not, when a workbook of them was asked for; "" otherwise.
func (r *Report) rejectsNote() string {
	if !r.skipping || r.rejectsAsked == "" {
		return ""
	}
	switch {
	case r.Rejects != "":
		return r.say("The rows left out were written to %s, each with its problems in the column Problem: fix them there, then import that workbook.", r.Rejects)
	case r.Blocking() > 0:
		return r.say("Nothing was imported, so no workbook of rejected rows was written.")
	case r.Skipped() == 0:
		return r.say("No row was left out, so no workbook of rejected rows was written.")
	case r.DryRun:
		return r.say("This was a dry run, so the rows it would leave out were not written to %s.", r.rejectsAsked)
	}
	return ""
}
