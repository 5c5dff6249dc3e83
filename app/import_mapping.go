package app

import (
	"context"
	"fmt"
	"maps"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cpw/importexport"
	"cpw/workspace"
)

// The guided import: a workbook that is not in the program's own words
// (a sheet "Mobilizers", a column "Jinsia", a value "Mwanamke") is shown
// with what the program took each sheet, column and value to mean, the
// program's suggestions marked, for the user to confirm or change before
// anything is imported. The preview's report is always that of the import
// as the mapping shown would run it; nothing suggested is applied before
// Import is pressed, and the import then remembers what it was given.

// mapped is what the preview knows of one part of a mapping (a sheet, a
// column, a value): what it was first shown as, and the user's word.
type mapped struct {
	choice    string // the kind, the column ("" ignores it) or the meaning shown
	first     string // what the program first showed
	suggested bool   // the program's guess, not the user's word nor the workspace's
	why       string // the program's reason, in the window's language
	changed   bool   // the user chose it in the preview
}

// mappingPlan is a workbook's mapping as the preview shows it, with the
// report of a dry run with exactly that mapping. Its lists say which
// parts the workbook shows, in order; what each is shown as, and the
// marks, are in memory, under its key.
type mappingPlan struct {
	sheets  []importexport.SheetMapping
	columns []importexport.ColumnMapping
	values  []importexport.ValueMapping // Rows counts the rows that hold it
	memory  map[string]mapped           // every part seen, by key, the user's word included
	report  *importexport.Report
}

// The keys of the preview's memory are those the workspace files answers
// under (Key): a sheet by its name, a column by its kind and header, a
// value by its kind, column and text, without regard to case and spacing.

// maxPlanRuns bounds the dry runs of one planning: the second takes the
// program's suggestions as given, a third only when a kind the user chose
// brought columns whose values are new.
const maxPlanRuns = 3

// planImport plans a workbook's mapping: dry runs with what the memory
// says, until the mapping given covers every part the workbook shows, so
// that the report is the one Import would give. It runs off the UI thread
// and touches no widget.
func planImport(ctx context.Context, f *workspace.File, path string, progress importexport.Progress, memory map[string]mapped) (*mappingPlan, error) {
	mem := maps.Clone(memory)
	if mem == nil {
		mem = map[string]mapped{}
	}
	given := givenFromMemory(mem)
	var plan *mappingPlan
	for run := 0; run < maxPlanRuns; run++ {
		m, report, err := importexport.PlanMapping(ctx, f, path, importexport.ImportOptions{Mapping: given, Progress: progress, Say: inWindowLanguage})
		if err != nil {
			return nil, err
		}
		plan = mergePlan(m, mem)
		plan.report = report
		next := plan.given()
		if covers(given, next) {
			break
		}
		given = next
	}
	return plan, nil
}

// mergePlan puts what a dry run planned together with what the preview
// showed before: a part seen before keeps what it was shown as and the
// user's word; a part seen for the first time is remembered as planned.
func mergePlan(m *importexport.Mapping, mem map[string]mapped) *mappingPlan {
	p := &mappingPlan{memory: mem}
	seen := map[string]bool{}
	first := func(k string) bool {
		if seen[k] {
			return false
		}
		seen[k] = true
		return true
	}
	recall := func(k, choice string, suggested bool, why string) {
		if _, ok := mem[k]; !ok {
			mem[k] = mapped{choice: choice, first: choice, suggested: suggested, why: why}
		}
	}
	for _, s := range m.Sheets {
		if k := s.Key(); first(k) {
			recall(k, s.Kind, s.Suggested, s.Why)
			p.sheets = append(p.sheets, s)
		}
	}
	for _, c := range m.Columns {
		if k := c.Key(); first(k) {
			recall(k, c.Column, c.Suggested, c.Why)
			p.columns = append(p.columns, c)
		}
	}
	for _, v := range m.Values {
		if k := v.Key(); first(k) {
			recall(k, v.Means, v.Suggested, "")
			p.values = append(p.values, v)
		}
	}
	return p
}

// needsWord reports whether a part is one the import must be given: the
// program suggested it, or the user chose it.
func (m mapped) needsWord() bool { return m.suggested || m.changed }

// given is the mapping to import with: every part the preview shows that
// the program suggested or the user chose, as shown. A value no meaning
// was chosen for is left out (the import then says it is not a choice).
// Parts the program knows by their own names, or the workspace remembers,
// need no word. Nil when nothing needs one.
func (p *mappingPlan) given() *importexport.Mapping {
	m := &importexport.Mapping{Format: importexport.MappingFormat}
	for _, s := range p.sheets {
		if e := p.memory[s.Key()]; e.needsWord() {
			m.Sheets = append(m.Sheets, importexport.SheetMapping{Sheet: s.Sheet, Kind: e.choice, Suggested: !e.changed})
		}
	}
	for _, c := range p.columns {
		if e := p.memory[c.Key()]; e.needsWord() {
			m.Columns = append(m.Columns, importexport.ColumnMapping{Kind: c.Kind, Header: c.Header, Column: e.choice, Suggested: !e.changed})
		}
	}
	for _, v := range p.values {
		if e := p.memory[v.Key()]; e.needsWord() && e.choice != "" {
			m.Values = append(m.Values, importexport.ValueMapping{Kind: v.Kind, Column: v.Column, Value: v.Value, Means: e.choice})
		}
	}
	if len(m.Sheets)+len(m.Columns)+len(m.Values) == 0 {
		return nil
	}
	return m
}

// givenFromMemory is the mapping of every part the preview has seen that
// needs a word (see given), for the first dry run of a new planning: parts
// the workbook no longer shows are not read.
func givenFromMemory(mem map[string]mapped) *importexport.Mapping {
	p := &mappingPlan{memory: mem}
	for k := range mem {
		part, _ := importexport.PartOfKey(k)
		switch part.Scope {
		case "sheet":
			p.sheets = append(p.sheets, importexport.SheetMapping{Sheet: part.Written})
		case "column":
			p.columns = append(p.columns, importexport.ColumnMapping{Kind: part.Kind, Header: part.Written})
		case "value":
			p.values = append(p.values, importexport.ValueMapping{Kind: part.Kind, Column: part.Column, Value: part.Written})
		}
	}
	return p.given()
}

// covers reports whether a mapping given to a dry run holds every part of
// next as next has it, so that the run's report is next's.
func covers(given, next *importexport.Mapping) bool {
	if next == nil {
		return true
	}
	if given == nil {
		return false
	}
	had := map[string]string{}
	for _, s := range given.Sheets {
		had[s.Key()] = s.Kind
	}
	for _, c := range given.Columns {
		had[c.Key()] = c.Column
	}
	for _, v := range given.Values {
		had[v.Key()] = v.Means
	}
	for _, s := range next.Sheets {
		if k, ok := had[s.Key()]; !ok || k != s.Kind {
			return false
		}
	}
	for _, c := range next.Columns {
		if col, ok := had[c.Key()]; !ok || col != c.Column {
			return false
		}
	}
	for _, v := range next.Values {
		if means, ok := had[v.Key()]; !ok || means != v.Means {
			return false
		}
	}
	return true
}

// guided reports whether the preview needs the mapping's parts: whether
// the program suggested, or the user chose, any part the workbook shows.
func (p *mappingPlan) guided() bool {
	for _, s := range p.sheets {
		if p.memory[s.Key()].needsWord() {
			return true
		}
	}
	for _, c := range p.columns {
		if p.memory[c.Key()].needsWord() {
			return true
		}
	}
	for _, v := range p.values {
		if p.memory[v.Key()].needsWord() {
			return true
		}
	}
	return false
}

// guidedImport is the preview of a workbook that needs a mapping: what
// the import would do, and tabs with the sheets' kinds, the columns'
// matches and the values' meanings, each changeable.
type guidedImport struct {
	s     *workspaceScreen
	path  string
	plan  *mappingPlan
	stale bool // the mapping was changed since the report was made

	dlg                                 dialog.Dialog
	summary, note                       *widget.Label
	tabs                                *container.AppTabs
	sheetTab, columnTab, valueTab       *container.TabItem
	reportTab                           *container.TabItem
	reportBox                           *fyne.Container // the report, made when its tab is opened
	reportShown                         *importexport.Report
	sheetList, columnList, valueList    *widget.List
	columnRows, valueRows               []mappingListRow
	noValues                            *widget.Label
	importButton                        *widget.Button
	restButton                          *widget.Button // imports the rows without problems
	sheetWidth, columnWidth, valueWidth float32
}

// mappingListRow is one row of the columns' or the values' list: a
// heading (a kind of sheet, a column) or the part at index i.
type mappingListRow struct {
	heading      bool
	kind, column string
	count        int // a heading's parts
	i            int
}

// showGuidedImport shows the preview of a workbook that needs a mapping.
func (s *workspaceScreen) showGuidedImport(path string, plan *mappingPlan) *guidedImport {
	u := s.ui
	g := &guidedImport{s: s, path: path, plan: plan}
	intro := widget.NewLabel(lang.L("This workbook is not written as the template is. Check what each sheet, column and value was taken to mean, and change what is wrong: nothing suggested is applied before you press Import, and what you import with is remembered for the next workbook of this shape."))
	intro.Wrapping = fyne.TextWrapWord
	g.summary = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	g.summary.Wrapping = fyne.TextWrapWord
	g.note = widget.NewLabel("")
	g.note.Wrapping = fyne.TextWrapWord
	g.note.Importance = widget.WarningImportance

	// The drop-downs are as wide as the longest of what any may offer, so
	// that the rows a list makes at first fit what it shows after a change.
	g.sheetWidth = selectWidth(kindLabels())
	var columns, choices [][]string
	for _, k := range importexport.SheetKinds() {
		columns = append(columns, columnLabels(k))
		for _, c := range importexport.KindColumns(k) {
			choices = append(choices, choiceLabels(importexport.ColumnChoices(k, c)))
		}
	}
	g.columnWidth, g.valueWidth = selectWidth(columns...), selectWidth(choices...)
	g.sheetList = widget.NewList(func() int { return len(g.plan.sheets) },
		func() fyne.CanvasObject { return newMappingRow(g.sheetWidth) }, g.updateSheet)
	g.columnList = widget.NewList(func() int { return len(g.columnRows) },
		func() fyne.CanvasObject { return newMappingRow(g.columnWidth) }, g.updateColumn)
	g.valueList = widget.NewList(func() int { return len(g.valueRows) },
		func() fyne.CanvasObject { return newMappingRow(g.valueWidth) }, g.updateValue)
	for _, l := range []*widget.List{g.sheetList, g.columnList, g.valueList} {
		l.OnSelected = func(widget.ListItemID) { l.UnselectAll() } // rows are read, not chosen
	}
	g.noValues = widget.NewLabel(lang.L("Every value of the columns with a fixed list of choices is one of the choices."))
	g.noValues.Wrapping = fyne.TextWrapWord
	g.sheetTab = container.NewTabItem("", g.sheetList)
	g.columnTab = container.NewTabItem("", g.columnList)
	g.valueTab = container.NewTabItem("", container.NewStack(g.valueList, container.NewVBox(g.noValues)))
	g.reportBox = container.NewStack()
	g.reportTab = container.NewTabItem(lang.L("Report"), g.reportBox)
	g.tabs = container.NewAppTabs(g.sheetTab, g.columnTab, g.valueTab, g.reportTab)
	g.tabs.OnSelected = func(*container.TabItem) { g.showReport() }

	cancel := widget.NewButton(lang.L("Cancel"), func() { g.dlg.Hide() })
	g.importButton = widget.NewButtonWithIcon(lang.L("Import"), theme.ConfirmIcon(), g.onImport)
	g.importButton.Importance = widget.HighImportance
	// A workbook with rows that have problems can still have its other
	// rows imported, the rows to fix saved apart, as the plain preview offers.
	g.restButton = widget.NewButtonWithIcon(lang.L("Import the other rows…"), theme.UploadIcon(), func() {
		g.s.importTheRest(g.path, g.plan.given(), g, g.plan.report.AnswersRead())
	})
	// What stops Import, if anything, is said beside it.
	bottom := container.NewVBox(g.note, container.NewCenter(container.NewHBox(cancel, g.restButton, g.importButton)))
	body := container.NewBorder(container.NewVBox(intro, g.summary), bottom, nil, nil, g.tabs)
	g.dlg = dialog.NewCustomWithoutButtons(fmt.Sprintf(lang.L("Import %s"), filepath.Base(path)), body, u.window)
	g.refresh()
	g.tabs.SelectIndex(g.firstSuggested())
	// As large as the window allows and no larger: the lists scroll.
	size := u.window.Canvas().Size()
	g.dlg.Resize(fyne.NewSize(min(980, size.Width-40), min(820, size.Height-40)))
	g.dlg.Show()
	return g
}

// firstSuggested is the tab to open on: the first with a part the program
// suggested, else the report.
func (g *guidedImport) firstSuggested() int {
	for i, n := range []int{g.suggested(keysOf(g.plan.sheets)), g.suggested(keysOf(g.plan.columns)), g.suggested(keysOf(g.plan.values))} {
		if n > 0 {
			return i
		}
	}
	return 3
}

// keysOf lists the memory keys of sheets, columns or values.
func keysOf[T interface{ Key() string }](list []T) []string {
	out := make([]string, len(list))
	for i, x := range list {
		out[i] = x.Key()
	}
	return out
}

// suggested counts the parts the program suggested that the user left.
func (g *guidedImport) suggested(keys []string) int {
	n := 0
	for _, k := range keys {
		if e := g.plan.memory[k]; e.suggested && !e.changed {
			n++
		}
	}
	return n
}

// refresh shows the plan: the lists, the tabs' titles, the report and
// whether Import can be pressed.
func (g *guidedImport) refresh() {
	p := g.plan
	g.columnRows = g.columnRows[:0]
	var kinds []string
	byKind := map[string][]int{}
	for i, c := range p.columns {
		if byKind[c.Kind] == nil {
			kinds = append(kinds, c.Kind)
		}
		byKind[c.Kind] = append(byKind[c.Kind], i)
	}
	for _, k := range kinds {
		g.columnRows = append(g.columnRows, mappingListRow{heading: true, kind: k, count: len(byKind[k])})
		for _, i := range byKind[k] {
			g.columnRows = append(g.columnRows, mappingListRow{i: i})
		}
	}
	// The values come in the order of their kind and column.
	g.valueRows = g.valueRows[:0]
	head := -1
	for i, v := range p.values {
		if head < 0 || v.Kind != p.values[i-1].Kind || v.Column != p.values[i-1].Column {
			head = len(g.valueRows)
			g.valueRows = append(g.valueRows, mappingListRow{heading: true, kind: v.Kind, column: v.Column})
		}
		g.valueRows[head].count++
		g.valueRows = append(g.valueRows, mappingListRow{i: i})
	}

	g.showReport()
	if len(p.values) == 0 {
		g.noValues.Show()
	} else {
		g.noValues.Hide()
	}
	g.sheetList.Refresh()
	g.columnList.Refresh()
	g.valueList.Refresh()

	g.refreshState()
}

// refreshState shows what the import would do and whether it can be
// pressed, and the tabs' counts.
func (g *guidedImport) refreshState() {
	p := g.plan
	g.sheetTab.Text = tabTitle(lang.L("Sheets (%d)"), lang.L("Sheets (%d, %d suggested)"), len(p.sheets), g.suggested(keysOf(p.sheets)))
	g.columnTab.Text = tabTitle(lang.L("Columns (%d)"), lang.L("Columns (%d, %d suggested)"), len(p.columns), g.suggested(keysOf(p.columns)))
	g.valueTab.Text = tabTitle(lang.L("Values (%d)"), lang.L("Values (%d, %d suggested)"), len(p.values), g.suggested(keysOf(p.values)))
	g.tabs.Refresh()
	g.summary.SetText(p.report.Summary())
	unanswered := g.unanswered()
	problems := p.report.Errors()
	switch {
	case unanswered > 0 && problems > 0:
		g.note.SetText(byCount(unanswered, lang.L("1 value has no meaning yet: choose one in Values."),
			lang.L("%s values have no meaning yet: choose one for each in Values.")))
		g.note.Show()
	case unanswered > 0:
		// A value the import can do without (a 3W's sector it leaves out).
		g.note.SetText(byCount(unanswered, lang.L("1 value has no meaning yet: the report says what the import does without one."),
			lang.L("%s values have no meaning yet: the report says what the import does without one.")))
		g.note.Show()
	case g.stale && problems > 0:
		g.note.SetText(lang.L("The mapping was changed since this check: Import checks the workbook again, and writes nothing if a problem remains."))
		g.note.Show()
	default:
		g.note.Hide()
	}
	if problems == 0 || g.stale && unanswered == 0 {
		g.importButton.Enable()
	} else {
		g.importButton.Disable()
	}
	if problems > 0 {
		g.restButton.Show()
	} else {
		g.restButton.Hide()
	}
}

// showReport puts the report in its tab when the tab is open: a report
// of hundreds of problems takes a while to lay out, and the plan may be
// made again several times before it is looked at.
func (g *guidedImport) showReport() {
	if g.tabs.Selected() != g.reportTab {
		g.reportBox.Objects = nil
		g.reportShown = nil
		return
	}
	if g.reportShown != g.plan.report {
		g.reportShown = g.plan.report
		g.reportBox.Objects = []fyne.CanvasObject{importReportView(g.plan.report, false)}
		g.reportBox.Refresh()
	}
}

func tabTitle(plain, withSuggested string, n, suggested int) string {
	if suggested == 0 {
		return fmt.Sprintf(plain, n)
	}
	return fmt.Sprintf(withSuggested, n, suggested)
}

// reason says why a sheet or column is shown as it is: the program's
// suggestion, what it knows, or the user's word.
func reason(e mapped, first string) (string, widget.Importance) {
	switch {
	case e.changed && e.suggested && e.first != e.choice:
		return fmt.Sprintf(lang.L("Your choice (the program suggested %s)"), first), widget.MediumImportance
	case e.changed:
		return lang.L("Your choice"), widget.MediumImportance
	case e.suggested:
		return fmt.Sprintf(lang.L("Suggested (%s)"), e.why), widget.WarningImportance
	}
	return fmt.Sprintf(lang.L("Known (%s)"), e.why), widget.MediumImportance
}

func (g *guidedImport) updateSheet(i widget.ListItemID, o fyne.CanvasObject) {
	r := o.(*mappingRow)
	if i >= len(g.plan.sheets) {
		return
	}
	s := g.plan.sheets[i]
	k := s.Key()
	e := g.plan.memory[k]
	why, importance := reason(e, kindLabel(e.first))
	r.showPart("“"+s.Sheet+"”", why, importance, kindLabels(), kindLabel(e.choice), func(label string) {
		g.choose(k, kindOfLabel(label), replanAlways)
	})
}

func (g *guidedImport) updateColumn(i widget.ListItemID, o fyne.CanvasObject) {
	r := o.(*mappingRow)
	if i >= len(g.columnRows) {
		return
	}
	row := g.columnRows[i]
	if row.heading {
		var in []string
		for _, s := range g.plan.sheets {
			if importexport.KindRecords(g.plan.memory[s.Key()].choice) == row.kind {
				in = append(in, "“"+s.Sheet+"”")
			}
		}
		detail := byCount(row.count, lang.L("1 column"), lang.L("%s columns"))
		switch {
		case len(in) == 1:
			detail = fmt.Sprintf(lang.L("%s, in the sheet %s"), detail, in[0])
		case len(in) > 1:
			detail = fmt.Sprintf(lang.L("%s, in the sheets %s"), detail, strings.Join(in, ", "))
		}
		r.showHeading(row.kind, detail)
		return
	}
	c := g.plan.columns[row.i]
	k := c.Key()
	e := g.plan.memory[k]
	why, importance := reason(e, columnLabel(e.first))
	r.showPart("“"+c.Header+"”", why, importance, columnLabels(c.Kind), columnLabel(e.choice), func(label string) {
		g.choose(k, columnOfLabel(label), replanAlways)
	})
}

func (g *guidedImport) updateValue(i widget.ListItemID, o fyne.CanvasObject) {
	r := o.(*mappingRow)
	if i >= len(g.valueRows) {
		return
	}
	row := g.valueRows[i]
	if row.heading {
		r.showHeading(row.kind+" › "+row.column, byCount(row.count, lang.L("1 value to check"), lang.L("%s values to check")))
		return
	}
	v := g.plan.values[row.i]
	k := v.Key()
	e := g.plan.memory[k]
	choices := importexport.ColumnChoices(v.Kind, v.Column)
	rows := byCount(v.Rows, lang.L("1 row"), lang.L("%s rows"))
	detail, importance := rows, widget.MediumImportance
	switch {
	case e.changed && e.suggested && e.first != "" && e.first != e.choice:
		detail = fmt.Sprintf(lang.L("%s, your choice (the program suggested %s)"), rows, choiceShown(choices, e.first))
	case e.changed:
		detail = fmt.Sprintf(lang.L("%s, your choice"), rows)
	case e.suggested && e.choice == "" && len(choices) == 0:
		detail, importance = fmt.Sprintf(lang.L("%s: nothing is called so, write the name it means"), rows), widget.DangerImportance
	case e.suggested && e.choice == "":
		detail, importance = fmt.Sprintf(lang.L("%s: none of the choices is close, choose what it means"), rows), widget.DangerImportance
	case e.suggested:
		detail, importance = fmt.Sprintf(lang.L("%s (suggested)"), rows), widget.WarningImportance
	}
	if len(choices) == 0 {
		// A column that names records (an organisation, a sector): the
		// name it means, as the program suggested it or as written.
		var offered []string
		if e.first != "" {
			offered = []string{e.first}
		}
		r.showName("“"+v.Value+"”", detail, importance, offered, e.choice, func(name string) {
			g.choose(k, strings.TrimSpace(name), replanNever)
		})
		return
	}
	r.showPart("“"+v.Value+"”", detail, importance, choiceLabels(choices), choiceShown(choices, e.choice), func(label string) {
		g.choose(k, choiceOfLabel(choices, label), replanAnswered)
	})
}

// When the plan is made again after the user's word on a part.
type replanWhen int

const (
	replanAlways   replanWhen = iota // a sheet's kind or a column: what the workbook is read as changes
	replanAnswered                   // a value's meaning: once every value has one, if the report has problems
	replanNever                      // a name being typed: the import checks it
)

// choose takes the user's word for a part. A sheet's kind or a column
// changes what the workbook is read as, so the plan is made again. A
// value's meaning changes only that value: the plan is made again when
// the last value without a meaning gets one and the report has problems
// (they may have been those values'), not at every choice of hundreds;
// otherwise the import checks it.
func (g *guidedImport) choose(key, choice string, when replanWhen) {
	e := g.plan.memory[key]
	if e.choice == choice && (e.changed || choice == e.first) {
		return
	}
	e.choice, e.changed = choice, true
	g.plan.memory[key] = e
	if when == replanAlways || when == replanAnswered && g.unanswered() == 0 && g.plan.report.Errors() > 0 {
		g.replan()
		return
	}
	g.stale = true
	g.refreshState()
	g.valueList.Refresh() // its details; an entry typed in is left as it is
}

// unanswered counts the values shown without a meaning.
func (g *guidedImport) unanswered() int {
	n := 0
	for _, v := range g.plan.values {
		if g.plan.memory[v.Key()].choice == "" {
			n++
		}
	}
	return n
}

// replan plans the mapping again, off the UI thread, with the user's word
// so far, and shows it.
func (g *guidedImport) replan() {
	u, f, path := g.s.ui, g.s.file, g.path
	memory := maps.Clone(g.plan.memory)
	g.stale = true // until the plan is made: cancelled, it stays so
	u.withProgress(fmt.Sprintf(lang.L("Checking %s"), filepath.Base(path)), func(ctx context.Context, p importexport.Progress) (func(), error) {
		plan, err := planImport(ctx, f, path, p, memory)
		if err != nil {
			return nil, err
		}
		return func() {
			g.plan, g.stale = plan, false
			g.refresh()
		}, nil
	})
}

// onImport imports with the mapping as shown.
func (g *guidedImport) onImport() {
	g.s.runImport(g.path, g.plan.given(), g, "", g.plan.report.AnswersRead())
}

// showResult shows the report of an import that wrote nothing, for the
// user to change the mapping and try again.
func (g *guidedImport) showResult(report *importexport.Report) {
	g.plan.report, g.stale = report, false
	g.refresh()
	g.tabs.Select(g.reportTab)
}

// The kinds of sheet as the window offers them: the sheets' own names, as
// workbooks write them, and 3W and Skip said in the window's language.
func kindLabel(kind string) string {
	switch kind {
	case importexport.SheetAs3W:
		return lang.L("3W (who does what where)")
	case importexport.SheetSkipped:
		return lang.L("Skip: leave the sheet out")
	}
	return kind
}

func kindLabels() []string {
	var out []string
	for _, k := range importexport.SheetKinds() {
		out = append(out, kindLabel(k))
	}
	return out
}

func kindOfLabel(label string) string {
	for _, k := range importexport.SheetKinds() {
		if kindLabel(k) == label {
			return k
		}
	}
	return label
}

// The columns as the window offers them: the program's headers, and
// ignoring the column.
func columnLabel(column string) string {
	if column == "" || column == importexport.IgnoredColumnMeaning {
		return lang.L("Ignore this column")
	}
	return column
}

func columnLabels(kind string) []string {
	return append(importexport.KindColumns(kind), columnLabel(""))
}

func columnOfLabel(label string) string {
	if label == columnLabel("") {
		return ""
	}
	return label
}

// The choices of a column as the window offers them: their labels in the
// window's language; a mapping names them by their English labels.
func choiceLabels(choices []workspace.Choice) []string {
	out := make([]string, len(choices))
	for i, c := range choices {
		out[i] = c.Shown()
	}
	return out
}

func choiceShown(choices []workspace.Choice, english string) string {
	if english == "" {
		return ""
	}
	if k, ok := workspace.FindChoice(choices, english); ok {
		for _, c := range choices {
			if c.Key == k {
				return c.Shown()
			}
		}
	}
	return english
}

func choiceOfLabel(choices []workspace.Choice, label string) string {
	for _, c := range choices {
		if c.Shown() == label {
			return c.Label
		}
	}
	return label
}

// selectWidth is as wide as a drop-down needs for the longest of the
// options, within reason: a longer one is cut short with an ellipsis.
func selectWidth(options ...[]string) float32 {
	w := float32(200)
	for _, list := range options {
		for _, o := range list {
			text := fyne.MeasureText(o, theme.TextSize(), fyne.TextStyle{}).Width
			w = max(w, text+theme.IconInlineSize()+4*theme.InnerPadding())
		}
	}
	return min(w, 380)
}

// mappingRow is one row of the preview's lists and of the mappings
// screen: what was written and why it is taken so, beside a drop-down of
// what it may mean (or buttons); or a heading.
type mappingRow struct {
	widget.BaseWidget
	title, detail *widget.Label
	choice        *widget.Select
	name          *widget.SelectEntry // for a value of a column that names records
	indent        *fyne.Container
	slot          *fyne.Container // holds choice or name, whichever is shown
	right         *fyne.Container
	content       *fyne.Container
}

func newMappingRow(width float32) *mappingRow {
	r := &mappingRow{title: widget.NewLabel(""), detail: widget.NewLabel(""), choice: widget.NewSelect(nil, nil), name: widget.NewSelectEntry(nil)}
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.detail.Truncation = fyne.TextTruncateEllipsis
	r.indent = container.NewGridWrap(fyne.NewSize(theme.Padding()*4, 1))
	r.name.Hide()
	r.slot = container.NewGridWrap(fyne.NewSize(width, r.choice.MinSize().Height), r.choice, r.name)
	r.right = container.NewCenter(r.slot)
	// The two lines closer than two labels would stand: they are one row.
	texts := container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()), r.title, r.detail)
	// Room on the right for the list's scroll bar, which would cover the
	// drop-down's arrow.
	gap := container.NewGridWrap(fyne.NewSize(theme.Padding(), 1))
	r.content = container.NewBorder(nil, nil, r.indent, container.NewHBox(r.right, gap), texts)
	r.ExtendBaseWidget(r)
	return r
}

func (r *mappingRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(r.content)
}

// showPart shows a part with its drop-down; choosing calls chosen.
func (r *mappingRow) showPart(title, detail string, importance widget.Importance, options []string, selected string, chosen func(string)) {
	r.showTexts(title, detail, importance)
	r.name.OnChanged = nil
	r.name.Hide()
	r.choice.Show()
	r.slot.Refresh() // a recycled row may have shown the entry: lay the drop-down out in its place
	r.choice.OnChanged = nil
	r.choice.ClearSelected()
	r.choice.SetOptions(options)
	r.choice.PlaceHolder = lang.L("(Choose one)")
	if selected != "" {
		r.choice.SetSelected(selected)
	}
	r.choice.OnChanged = chosen
	r.choice.Refresh()
}

// showName shows a part whose meaning is a name, written in an entry
// that offers the program's suggestion; each change calls chosen.
func (r *mappingRow) showName(title, detail string, importance widget.Importance, offered []string, name string, chosen func(string)) {
	r.showTexts(title, detail, importance)
	r.choice.OnChanged = nil
	r.choice.Hide()
	r.name.Show()
	r.slot.Refresh() // the entry takes the drop-down's place, laid out anew
	r.name.OnChanged = nil
	r.name.SetOptions(offered)
	r.name.SetPlaceHolder(lang.L("The name it means"))
	if r.name.Text != name {
		r.name.SetText(name)
	}
	r.name.OnChanged = chosen
}

func (r *mappingRow) showTexts(title, detail string, importance widget.Importance) {
	r.indent.Show()
	r.right.Show()
	r.title.TextStyle = fyne.TextStyle{Bold: true}
	r.title.Importance = widget.MediumImportance
	r.title.SetText(title)
	r.detail.Importance = importance
	r.detail.SetText(detail)
}

// showHeading shows a heading over the parts under it.
func (r *mappingRow) showHeading(title, detail string) {
	r.indent.Hide()
	r.right.Hide()
	r.choice.OnChanged = nil
	r.name.OnChanged = nil
	r.title.TextStyle = fyne.TextStyle{Bold: true}
	r.title.Importance = widget.HighImportance
	r.title.SetText(title)
	r.detail.Importance = widget.MediumImportance
	r.detail.SetText(detail)
}
