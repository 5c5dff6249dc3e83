package app

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cpw/workspace"
)

// field is one row of a form: its label (the field's name as the workspace
// names it in its messages) and its widget.
type field struct {
	label string
	obj   fyne.CanvasObject
	hint  string
	also  []string // other names the workspace's messages use for it
}

// form is a create or edit dialog that stays open when saving fails, with
// the reason beside the field at fault, so nothing typed is lost.
type form struct {
	ui      *ui
	fields  []field
	notes   []*widget.Label // under each field: its hint, or why saving failed
	w       *widget.Form
	message *widget.Label
	dlg     dialog.Dialog
}

// showForm shows a form. save runs on the UI thread (one record is quick to
// save); when it fails the dialog stays open and says why, in red under the
// field at fault, else it closes and after runs.
func (u *ui) showForm(title, confirm string, fields []field, save func() error, after func()) *form {
	f := &form{ui: u, fields: fields, message: widget.NewLabel("")}
	f.message.Wrapping = fyne.TextWrapWord
	f.message.Importance = widget.DangerImportance
	f.message.Hide()
	var items []*widget.FormItem
	for _, fl := range fields {
		note := widget.NewLabel("")
		note.Wrapping = fyne.TextWrapWord
		note.SizeName = theme.SizeNameCaptionText
		f.notes = append(f.notes, note)
		items = append(items, widget.NewFormItem(fl.label, container.NewVBox(fl.obj, note)))
	}
	f.w = widget.NewForm(items...)
	f.clear()
	cancel := widget.NewButton(lang.L("Cancel"), func() { f.dlg.Hide() })
	saveButton := widget.NewButtonWithIcon(confirm, theme.ConfirmIcon(), func() {
		f.clear()
		if err := save(); err != nil {
			var ce *workspace.ConflictError
			if errors.As(err, &ce) {
				// Saved meanwhile by another window or program: the
				// planner chooses what to keep, and the form then closes.
				u.chooseOver(ce, func() {
					f.dlg.Hide()
					if after != nil {
						after()
					}
				})
				return
			}
			f.show(err)
			return
		}
		f.dlg.Hide()
		if after != nil {
			after()
		}
	})
	saveButton.Importance = widget.HighImportance
	body := container.NewBorder(f.message, container.NewCenter(container.NewHBox(cancel, saveButton)), nil, nil,
		container.NewVScroll(f.w))
	f.dlg = dialog.NewCustomWithoutButtons(title, body, u.window)
	f.dlg.Resize(fyne.NewSize(660, min(float32(140+len(fields)*72), 680)))
	f.dlg.Show()
	// Typing goes to the first field at once.
	if len(fields) > 0 {
		if first, ok := fields[0].obj.(fyne.Focusable); ok {
			u.window.Canvas().Focus(first)
		}
	}
	return f
}

// clear puts the hints back in place of the last failure.
func (f *form) clear() {
	f.message.Hide()
	for i, fl := range f.fields {
		note := f.notes[i]
		note.Importance = widget.MediumImportance
		note.SetText(fl.hint)
		if fl.hint == "" {
			note.Hide()
		} else {
			note.Show()
		}
	}
}

// show puts a failure in red under the field it is about, and above the
// form.
func (f *form) show(err error) {
	var we *workspace.Error
	if errors.As(err, &we) && we.Field != "" {
		for i, fl := range f.fields {
			if fl.label == we.Field || contains(fl.also, we.Field) {
				note := f.notes[i]
				note.Importance = widget.DangerImportance
				note.SetText(we.Message)
				note.Show()
				f.message.SetText(we.Message)
				f.message.Show()
				return
			}
		}
	}
	f.message.SetText(err.Error())
	f.message.Show()
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// fieldError is a value the form itself cannot read (a number that is not
// one), reported like the workspace's own errors.
func fieldError(label, message string) error {
	return &workspace.Error{Code: workspace.ErrInvalid, Field: label, Message: message}
}

// textEntry is a form's text field. Esc in it closes the dialog, as Esc
// does elsewhere; a plain entry would keep the key to itself.
type textEntry struct {
	widget.Entry
}

func (e *textEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && closeTopDialog(e) {
		return
	}
	e.Entry.TypedKey(k)
}

// closeTopDialog hides the dialog over the window an object is in.
func closeTopDialog(o fyne.CanvasObject) bool {
	c := fyne.CurrentApp().Driver().CanvasForObject(o)
	if c == nil || c.Overlays().Top() == nil {
		return false
	}
	c.Overlays().Top().Hide()
	return true
}

func entry(text string) *textEntry {
	e := &textEntry{}
	e.ExtendBaseWidget(e)
	e.SetText(text)
	return e
}

func multiline(text string) *textEntry {
	e := &textEntry{}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	e.SetText(text)
	e.SetMinRowsVisible(3)
	return e
}

func dateEntry(text string) *textEntry {
	e := entry(text)
	e.SetPlaceHolder("YYYY-MM-DD")
	return e
}

// wholeNumber reads a number entry ("1,250,000" is fine).
func wholeNumber(label string, e *textEntry) (int64, error) {
	s := strings.NewReplacer(",", "", " ", "").Replace(strings.TrimSpace(e.Text))
	if s == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, fieldError(label, fmt.Sprintf(lang.L("%s must be a whole number of 0 or more, such as 250,000."), label))
	}
	return n, nil
}

// choiceSelect is a drop-down of a fixed list, shown by label, read by key.
type choiceSelect struct {
	widget.Select
	choices []workspace.Choice
}

// newChoice offers one of the domain's fixed lists (kinds, statuses…),
// labelled in the window's language.
func newChoice(choices []workspace.Choice, key string) *choiceSelect {
	labels := make([]string, len(choices))
	for i, c := range choices {
		labels[i] = c.Shown()
	}
	return choiceOf(choices, labels, key)
}

// newDataChoice offers records of the workspace (consortia, roles) by the
// names users gave them, which are never translated.
func newDataChoice(choices []workspace.Choice, key string) *choiceSelect {
	labels := make([]string, len(choices))
	for i, c := range choices {
		labels[i] = c.Label
	}
	return choiceOf(choices, labels, key)
}

func choiceOf(choices []workspace.Choice, labels []string, key string) *choiceSelect {
	// Extended, not wrapped: its pop-up finds its canvas through the widget
	// the form holds.
	s := &choiceSelect{choices: choices}
	s.Options, s.PlaceHolder = labels, lang.L("(Choose one)")
	s.ExtendBaseWidget(s)
	for i, c := range choices {
		if c.Key == key && (key != "" || i == 0) {
			s.SetSelected(labels[i])
		}
	}
	return s
}

// key is the key of the choice selected, "" when none is.
func (s *choiceSelect) key() string {
	for i, label := range s.Options {
		if label == s.Selected {
			return s.choices[i].Key
		}
	}
	return ""
}

// option is one record a picker offers.
type option struct{ id, label string }

// picker chooses one of many records (organisations, people, units) by
// typing part of its name: the list narrows as you type.
type picker struct {
	widget.SelectEntry
	options []option
	byLabel map[string]string
	label   string
}

// sortOptions sorts options by label, without regard to case (the pickers
// list them in this order).
func sortOptions(opts []option) {
	keys := make(map[string]string, len(opts))
	for _, o := range opts {
		keys[o.label] = strings.ToLower(o.label)
	}
	sort.SliceStable(opts, func(i, j int) bool { return keys[opts[i].label] < keys[opts[j].label] })
}

// maxPickerOptions is how many matches a picker lists at once.
const maxPickerOptions = 60

func newPicker(label string, options []option, id string) *picker {
	// Extended, not wrapped: its pop-up finds its canvas through the widget
	// the form holds.
	p := &picker{options: options, byLabel: map[string]string{}, label: label}
	p.ExtendBaseWidget(p)
	p.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	for _, o := range options {
		p.byLabel[o.label] = o.id
		if o.id == id && id != "" {
			p.SetText(o.label)
		}
	}
	p.SetPlaceHolder(lang.L("Type to search, or leave blank"))
	p.narrow("")
	p.OnChanged = p.narrow
	return p
}

// TypedKey: Esc closes the dialog (the list of matches first, when open).
func (p *picker) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && closeTopDialog(p) {
		return
	}
	p.SelectEntry.TypedKey(k)
}

func (p *picker) narrow(text string) {
	words := strings.Fields(strings.ToLower(text))
	var out []string
	for _, o := range p.options {
		l := strings.ToLower(o.label)
		ok := true
		for _, w := range words {
			if !strings.Contains(l, w) {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, o.label)
			if len(out) == maxPickerOptions {
				break
			}
		}
	}
	p.SetOptions(out)
}

// id returns the chosen record's id, "" when blank, and an error when the
// text names nothing on the list.
func (p *picker) id() (string, error) {
	t := strings.TrimSpace(p.Text)
	if t == "" {
		return "", nil
	}
	if id, ok := p.byLabel[t]; ok {
		return id, nil
	}
	return "", fieldError(p.label, fmt.Sprintf(lang.L("“%s” is not on the list: type part of the name and choose from what it offers."), t))
}

// sectorChecks chooses sectors.
type sectorChecks struct {
	group  *widget.CheckGroup
	byName map[string]string
}

func newSectorChecks(sectors []workspace.Sector, chosen []string) *sectorChecks {
	s := &sectorChecks{byName: map[string]string{}}
	var names, selected []string
	for _, sec := range sectors {
		names = append(names, sec.Name)
		s.byName[sec.Name] = sec.ID
		if contains(chosen, sec.ID) {
			selected = append(selected, sec.Name)
		}
	}
	s.group = widget.NewCheckGroup(names, nil)
	s.group.SetSelected(selected)
	return s
}

func (s *sectorChecks) ids() []string {
	out := []string{}
	for _, n := range s.group.Selected {
		out = append(out, s.byName[n])
	}
	return out
}

func newCheck(text string, on bool) *widget.Check {
	c := widget.NewCheck(text, nil)
	c.SetChecked(on)
	return c
}

func newCheckGroup(options, selected []string) *widget.CheckGroup {
	g := widget.NewCheckGroup(options, nil)
	g.Horizontal = true
	g.SetSelected(selected)
	return g
}

// showText shows a read-only text in a dialog.
func (u *ui) showText(title, text string) {
	d := dialog.NewCustom(title, lang.L("Close"), container.NewVScroll(wrapped(text)), u.window)
	d.Resize(fyne.NewSize(620, 360))
	d.Show()
}

// readOnlyNote marks a form's title when the file cannot be changed; saving
// then says why.
func (s *workspaceScreen) readOnlyNote(title *string) {
	if s.file.ReadOnly() {
		*title = fmt.Sprintf(lang.L("%s (read-only)"), *title)
	}
}

// pickOptions reads what the pickers of a form offer.
func (s *workspaceScreen) pickOptions(people, units bool) (orgs, persons, unitOpts []option, err error) {
	// People without an organisation are told apart by where they live.
	lk, err := readLookups(s.file, units || people)
	if err != nil {
		return nil, nil, nil, err
	}
	for id, name := range lk.orgs {
		orgs = append(orgs, option{id, name})
	}
	if people {
		ps, err := s.file.People(workspace.PersonFilter{})
		if err != nil {
			return nil, nil, nil, err
		}
		// People share names: the organisation tells them apart.
		for _, p := range ps {
			label := p.Name
			if p.OrganisationID != "" {
				label += " — " + lk.orgs[p.OrganisationID]
			} else if p.HomeUnitID != "" {
				label += " — " + lk.units[p.HomeUnitID]
			}
			persons = append(persons, option{p.ID, label})
		}
		// Still alike: add what else tells them apart, then number.
		count := map[string]int{}
		for _, o := range persons {
			count[o.label]++
		}
		for i, p := range ps {
			if count[persons[i].label] > 1 {
				if extra := nonEmpty(p.Position, p.Phone); extra != "" {
					persons[i].label += " (" + extra + ")"
				}
			}
		}
		persons = distinctLabels(persons)
	}
	if units {
		for id, path := range lk.units {
			unitOpts = append(unitOpts, option{id, path})
		}
	}
	sortOptions(orgs)
	sortOptions(persons)
	sortOptions(unitOpts)
	return orgs, persons, unitOpts, nil
}

// distinctLabels numbers options whose labels are the same, so each can be chosen.
func distinctLabels(opts []option) []option {
	seen := map[string]int{}
	for _, o := range opts {
		seen[o.label]++
	}
	n := map[string]int{}
	for i, o := range opts {
		if seen[o.label] > 1 {
			n[o.label]++
			opts[i].label = o.label + " (" + strconv.Itoa(n[o.label]) + ")"
		}
	}
	return opts
}

// withOptions reads what a form's pickers offer off the UI thread (there
// may be 21,000 people), then builds the form.
func (s *workspaceScreen) withOptions(people, units bool, then func(orgs, people, units []option)) {
	s.ui.busy(lang.L("Reading…"), func() (func(), error) {
		orgs, persons, unitOpts, err := s.pickOptions(people, units)
		if err != nil {
			return nil, err
		}
		return func() { then(orgs, persons, unitOpts) }, nil
	})
}
