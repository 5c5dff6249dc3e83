package app

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cpw/importexport"
	"cpw/workspace"
)

// The import mappings screen: what the workspace was taught about
// partners' workbooks (a sheet "Mobilizers" holds people, a column
// "Jinsia" is Gender, "Mwanamke" is Female), each with Change and Forget.
// The change log records both, as it records the imports that taught them.

// rememberedMapping is one remembered answer, read from its key.
type rememberedMapping struct {
	workspace.ImportMapping
	scope   string // sheet, column or value
	kind    string // the kind of sheet a column or value is of
	column  string // the column a value is of
	written string // what was written, as the workspace files it (lower case)
}

// readMapping reads a remembered answer's key: "sheet|mobilizers",
// "column|People|jinsia", "value|People|Gender|mwanamke".
func readMapping(m workspace.ImportMapping) rememberedMapping {
	part, ok := importexport.PartOfKey(m.Key)
	if !ok {
		part.Written = m.Key // a key of a later version: shown as it is
	}
	return rememberedMapping{ImportMapping: m, scope: part.Scope, kind: part.Kind, column: part.Column, written: part.Written}
}

// what says what was written: “Sheet “mobilizers””.
func (r rememberedMapping) what() string {
	switch r.scope {
	case "sheet":
		return fmt.Sprintf(lang.L("The sheet “%s”"), r.written)
	case "column":
		return fmt.Sprintf(lang.L("The column “%s” of %s"), r.written, r.kind)
	case "value":
		return fmt.Sprintf(lang.L("“%s” in %s › %s"), r.written, r.kind, r.column)
	}
	return r.written
}

// means says what it means, in the window's language.
func (r rememberedMapping) means() string {
	switch r.scope {
	case "sheet":
		return fmt.Sprintf(lang.L("holds %s"), kindLabel(r.Meaning))
	case "column":
		if r.Meaning == importexport.IgnoredColumnMeaning {
			return lang.L("is ignored")
		}
		return fmt.Sprintf(lang.L("means %s"), r.Meaning)
	case "value":
		return fmt.Sprintf(lang.L("means %s"), choiceShown(importexport.ColumnChoices(r.kind, r.column), r.Meaning))
	}
	return fmt.Sprintf(lang.L("means %s"), r.Meaning)
}

// mappingsScreen is the dialog listing the remembered answers.
type mappingsScreen struct {
	s       *workspaceScreen
	all     []rememberedMapping
	shown   []int
	filter  *widget.Entry
	count   *widget.Label
	bar     *fyne.Container // the filter and the count
	empty   *widget.Label   // said instead when there is nothing to list
	list    *widget.List
	dlg     dialog.Dialog
	buttons float32
}

// onImportMappings shows what the workspace remembers of partners'
// workbooks, to see and correct.
func (s *workspaceScreen) onImportMappings() {
	u := s.ui
	m := &mappingsScreen{s: s}
	intro := widget.NewLabel(lang.L("What imports were told about partners' workbooks, kept in the workspace so that the next workbook of the same shape goes straight in. Change what is wrong; forget an answer and the next import asks again."))
	intro.Wrapping = fyne.TextWrapWord
	m.filter = widget.NewEntry()
	m.filter.SetPlaceHolder(lang.L("Filter the mappings"))
	m.filter.OnChanged = func(string) { m.apply() }
	m.count = widget.NewLabel("")
	change := widget.NewButtonWithIcon(lang.L("Change…"), theme.DocumentCreateIcon(), nil)
	forget := widget.NewButtonWithIcon(lang.L("Forget"), theme.DeleteIcon(), nil)
	m.buttons = container.NewHBox(change, forget).MinSize().Width
	m.list = widget.NewList(func() int { return len(m.shown) }, m.newRow, m.updateRow)
	m.list.OnSelected = func(widget.ListItemID) { m.list.UnselectAll() }
	m.empty = widget.NewLabel(lang.L("None yet: answers are kept when you import a workbook whose sheets, columns or values you confirmed."))
	m.empty.Wrapping = fyne.TextWrapWord
	m.bar = container.NewBorder(nil, nil, nil, m.count, m.filter)
	top := container.NewVBox(intro, m.bar)
	body := container.NewBorder(top, nil, nil, nil, container.NewStack(m.list, container.NewVBox(m.empty)))
	m.dlg = dialog.NewCustom(lang.L("Import mappings"), lang.L("Close"), body, u.window)
	if err := m.load(); err != nil {
		u.showError(err)
		return
	}
	size := u.window.Canvas().Size()
	m.dlg.Resize(fyne.NewSize(min(860, size.Width-40), min(620, size.Height-40)))
	m.dlg.Show()
}

// load reads the remembered answers again.
func (m *mappingsScreen) load() error {
	list, err := m.s.file.ImportMappings()
	if err != nil {
		return err
	}
	m.all = m.all[:0]
	for _, im := range list {
		m.all = append(m.all, readMapping(im))
	}
	// Sheets, then columns, then values, as the import's preview has them.
	rank := func(scope string) int {
		for i, s := range []string{"sheet", "column", "value"} {
			if scope == s {
				return i
			}
		}
		return 3
	}
	sort.SliceStable(m.all, func(i, j int) bool {
		a, b := m.all[i], m.all[j]
		if ra, rb := rank(a.scope), rank(b.scope); ra != rb {
			return ra < rb
		}
		return a.Key < b.Key
	})
	m.apply()
	return nil
}

// apply shows the answers whose texts hold every word of the filter.
func (m *mappingsScreen) apply() {
	words := strings.Fields(strings.ToLower(m.filter.Text))
	m.shown = m.shown[:0]
	for i, r := range m.all {
		if holdsAll(strings.ToLower(r.what()+" "+r.means()), words) {
			m.shown = append(m.shown, i)
		}
	}
	if len(m.all) == 0 {
		m.bar.Hide()
		m.empty.Show()
	} else {
		m.bar.Show()
		m.empty.Hide()
	}
	switch {
	case len(m.shown) == len(m.all):
		m.count.SetText(byCount(len(m.all), lang.L("1 mapping"), lang.L("%s mappings")))
	default:
		m.count.SetText(fmt.Sprintf(lang.L("%s of %s"), thousands(len(m.shown)), byCount(len(m.all), lang.L("1 mapping"), lang.L("%s mappings"))))
	}
	m.list.Refresh()
}

// newRow makes a row of the list: what was written, what it means, and
// Change and Forget where the preview's rows have their drop-down.
func (m *mappingsScreen) newRow() fyne.CanvasObject {
	r := newMappingRow(m.buttons)
	change := widget.NewButtonWithIcon(lang.L("Change…"), theme.DocumentCreateIcon(), nil)
	forget := widget.NewButtonWithIcon(lang.L("Forget"), theme.DeleteIcon(), nil)
	r.right.Objects = []fyne.CanvasObject{container.NewHBox(change, forget)}
	r.indent.Hide()
	return r
}

func (m *mappingsScreen) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	r := o.(*mappingRow)
	if i >= len(m.shown) {
		return
	}
	rm := m.all[m.shown[i]]
	r.title.TextStyle = fyne.TextStyle{Bold: true}
	r.title.SetText(rm.what())
	r.detail.SetText(rm.means())
	buttons := r.right.Objects[0].(*fyne.Container).Objects
	change, forget := buttons[0].(*widget.Button), buttons[1].(*widget.Button)
	change.OnTapped = func() { m.onChange(rm) }
	forget.OnTapped = func() { m.onForget(rm) }
	if m.s.file.ReadOnly() {
		change.Disable()
		forget.Disable()
	} else {
		change.Enable()
		forget.Enable()
	}
}

// onChange asks what an answer means instead, offering what it may mean.
func (m *mappingsScreen) onChange(r rememberedMapping) {
	u := m.s.ui
	var options []string
	var meaningOf func(string) string
	selected := r.Meaning
	switch r.scope {
	case "sheet":
		options, meaningOf, selected = kindLabels(), kindOfLabel, kindLabel(r.Meaning)
	case "column":
		options, selected = columnLabels(r.kind), columnLabel(r.Meaning)
		meaningOf = func(label string) string {
			if c := columnOfLabel(label); c != "" {
				return c
			}
			return importexport.IgnoredColumnMeaning
		}
	case "value":
		choices := importexport.ColumnChoices(r.kind, r.column)
		if len(choices) > 0 {
			options, selected = choiceLabels(choices), choiceShown(choices, r.Meaning)
			meaningOf = func(label string) string { return choiceOfLabel(choices, label) }
		}
	}
	var obj fyne.CanvasObject
	var read func() string
	if options != nil {
		sel := widget.NewSelect(options, nil)
		sel.PlaceHolder = lang.L("(Choose one)")
		sel.SetSelected(selected)
		obj, read = sel, func() string { return meaningOf(sel.Selected) }
	} else {
		e := entry(r.Meaning)
		obj, read = e, func() string { return strings.TrimSpace(e.Text) }
	}
	fields := []field{{label: lang.L("Meaning"), obj: obj, hint: r.what(), also: []string{"Meaning"}}}
	u.showForm(lang.L("Change an import mapping"), lang.L("Save"), fields, func() error {
		meaning := read()
		if meaning == "" {
			return errors.New(lang.L("Choose what it means, or forget it."))
		}
		return m.s.file.CorrectImportMapping(r.Key, r.Meaning, meaning)
	}, m.changed)
}

// onForget forgets an answer, after asking.
func (m *mappingsScreen) onForget(r rememberedMapping) {
	u := m.s.ui
	dialog.ShowConfirm(lang.L("Forget this mapping?"),
		r.what()+" "+r.means()+".\n"+lang.L("Once it is forgotten, the next import of such a workbook asks again."),
		func(yes bool) {
			if !yes {
				return
			}
			if err := m.s.file.CorrectImportMapping(r.Key, r.Meaning, ""); err != nil {
				u.showError(err)
				m.changed() // what it now means
				return
			}
			m.changed()
		}, u.window)
}

// changed shows the answers as they now are; the workspace's screen is
// told, for the change log.
func (m *mappingsScreen) changed() {
	if err := m.load(); err != nil {
		m.s.ui.showError(err)
	}
	m.s.changed()
}
