package app

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cpw/importexport"
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
	float   *fyne.Container // over the form: the list of a picker's matches
}

// showForm shows a form. save runs on the UI thread (one record is quick to
// save); when it fails the dialog stays open and says why, in red under the
// field at fault, else it closes and after runs. Its dates are read first,
// as the import reads them, and rewritten as YYYY-MM-DD. Enter in a
// single-line field saves, as the confirm button does.
func (u *ui) showForm(title, confirm string, fields []field, save func() error, after func()) *form {
	f := &form{ui: u, fields: fields, message: widget.NewLabel(""), float: container.NewWithoutLayout()}
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
	submit := func() {
		f.hideMatches()
		f.clear()
		if !f.readDates() {
			return
		}
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
	}
	for i, fl := range fields {
		eachObject(fl.obj, func(o fyne.CanvasObject) {
			switch w := o.(type) {
			case *textEntry:
				w.submit = submit
				if w.date {
					w.checked = func(err error) { f.mark(i, err) }
				}
			case *picker:
				w.submit, w.float = submit, f.float
			}
		})
	}
	cancel := widget.NewButton(lang.L("Cancel"), func() { f.dlg.Hide() })
	saveButton := widget.NewButtonWithIcon(confirm, theme.ConfirmIcon(), submit)
	saveButton.Importance = widget.HighImportance
	scroll := container.NewVScroll(f.w)
	// A list of matches stays where it was shown: it goes when the form scrolls.
	scroll.OnScrolled = func(fyne.Position) { f.hideMatches() }
	body := container.NewBorder(f.message, container.NewCenter(container.NewHBox(cancel, saveButton)), nil, nil, scroll)
	f.dlg = dialog.NewCustomWithoutButtons(title, container.NewStack(body, f.float), u.window)
	f.dlg.Resize(fyne.NewSize(660, min(float32(140+len(fields)*72), 680)))
	f.dlg.Show()
	// Typing goes to the first field that takes it (a form may begin with
	// what is fixed, such as the role being assigned), at once.
	for _, fl := range fields {
		if first, ok := fl.obj.(fyne.Focusable); ok {
			u.window.Canvas().Focus(first)
			break
		}
	}
	return f
}

// eachObject visits o and what the containers under it hold.
func eachObject(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	fn(o)
	if c, ok := o.(*fyne.Container); ok {
		for _, x := range c.Objects {
			eachObject(x, fn)
		}
	}
}

// readDates reads the form's dates and rewrites each as YYYY-MM-DD, and
// reports whether all could be read; those that cannot say why under their
// field.
func (f *form) readDates() bool {
	ok := true
	for _, fl := range f.fields {
		eachObject(fl.obj, func(o fyne.CanvasObject) {
			if e, isEntry := o.(*textEntry); isEntry && e.date {
				if err := e.readDate(); err != nil && ok {
					ok = false
					f.message.SetText(err.Error())
					f.message.Show()
				}
			}
		})
	}
	return ok
}

// mark puts why field i cannot be read under it in red, or its hint back
// when err is nil.
func (f *form) mark(i int, err error) {
	note := f.notes[i]
	if err == nil {
		if note.Importance == widget.DangerImportance {
			note.Importance = widget.MediumImportance
			note.SetText(f.fields[i].hint)
			if f.fields[i].hint == "" {
				note.Hide()
			}
		}
		return
	}
	note.Importance = widget.DangerImportance
	note.SetText(err.Error())
	note.Show()
}

// hideMatches hides the list of a picker's matches, if one is shown.
func (f *form) hideMatches() {
	if len(f.float.Objects) > 0 {
		f.float.RemoveAll()
	}
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
				f.mark(i, errors.New(we.Message))
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
// does elsewhere; a plain entry would keep the key to itself. Enter in a
// single line saves the form.
type textEntry struct {
	widget.Entry
	date    bool        // it holds a date: see dateEntry
	checked func(error) // shows why its date cannot be read, nil when it can
	submit  func()      // saves the form it is in
}

func (e *textEntry) TypedKey(k *fyne.KeyEvent) {
	switch {
	case k.Name == fyne.KeyEscape && closeTopDialog(e):
		return
	case (k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter) && !e.MultiLine && e.submit != nil:
		e.submit()
		return
	}
	e.Entry.TypedKey(k)
}

// FocusLost shows the date a date field will store, or why it cannot.
func (e *textEntry) FocusLost() {
	e.Entry.FocusLost()
	if e.date {
		_ = e.readDate()
	}
}

// readDate reads a date field as the import reads a date, and rewrites it
// as YYYY-MM-DD.
func (e *textEntry) readDate() error {
	d, err := importexport.ReadDate(e.Text, inWindowLanguage)
	if err == nil && d != e.Text {
		e.SetText(d)
	}
	if e.checked != nil {
		e.checked(err)
	}
	return err
}

// closeTopDialog hides the dialog over the window an object is in: the
// drop-down of a field when one is open, which is on top of its form.
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

// dateEntry is a date field. It takes a date as people write one
// ("April 3, 2026", "3/4/26" is refused as two days) and shows it as
// YYYY-MM-DD when left, and so it is saved; the button at its end chooses
// the day in a calendar.
func dateEntry(text string) *textEntry {
	// The button is set before anything draws the entry: a renderer made
	// without it would never show it.
	e := &textEntry{date: true}
	e.ActionItem = widget.NewButtonWithIcon("", theme.CalendarIcon(), e.showCalendar)
	e.ExtendBaseWidget(e)
	e.SetPlaceHolder("YYYY-MM-DD")
	e.SetText(text)
	return e
}

// showCalendar shows a calendar under a date field, at its date (today's
// when it has none); choosing a day fills the field.
func (e *textEntry) showCalendar() {
	c := fyne.CurrentApp().Driver().CanvasForObject(e)
	if c == nil {
		return
	}
	start := time.Now()
	if d, err := importexport.ReadDate(e.Text, nil); err == nil && d != "" {
		start, _ = time.Parse(workspace.DateLayout, d)
	}
	var pop *widget.PopUp
	calendar := widget.NewCalendar(start, func(t time.Time) {
		pop.Hide()
		e.SetText(t.Format(workspace.DateLayout))
		if e.checked != nil {
			e.checked(nil)
		}
		c.Focus(e)
	})
	pop = widget.NewPopUp(calendar, c)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(e)
	pop.ShowAtPosition(pos.AddXY(max(0, e.Size().Width-calendar.MinSize().Width), e.Size().Height))
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

// amount reads an amount of money in the workspace's currency as the
// import reads one: "KES 10,000", "1.2M" and "450k" are fine, "USD 10" in a
// workspace that keeps shillings is refused.
func amount(label, currency string, e *textEntry) (int64, error) {
	n, err := importexport.ReadAmount(e.Text, currency, inWindowLanguage)
	if err != nil {
		return 0, fieldError(label, err.Error())
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

// TypedKey: Esc closes the dialog (its list is on top when open; then it
// alone closes), as Esc in a text field does.
func (s *choiceSelect) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && closeTopDialog(s) {
		return
	}
	s.Select.TypedKey(k)
}

// option is one record a picker offers: its label, and what else finds it
// that the label does not show (an organisation's acronym).
type option struct{ id, label, also string }

// picker chooses one of many records (organisations, people, units) by
// typing part of its name: the records that match are listed under it as
// you type, to tap or to reach with Down and choose with Enter.
type picker struct {
	widget.Entry
	options []option
	byLabel map[string]string
	label   string
	matches []option // those the text matches, the first maxPickerOptions

	float   *fyne.Container // where its form shows the list of matches
	list    fyne.CanvasObject
	scroll  *container.Scroll
	buttons []*widget.Button
	lit     int  // the match Down and Up moved to, -1 for none
	focused bool // the list shows as the text changes only while typing
	quiet   bool // the text is set from a choice: no list
	submit  func()
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

// pickerRows is how many matches show at once; the rest scroll.
const pickerRows = 6

func newPicker(label string, options []option, id string) *picker {
	p := &picker{options: options, byLabel: map[string]string{}, label: label, lit: -1}
	p.ExtendBaseWidget(p)
	p.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	for _, o := range options {
		p.byLabel[o.label] = o.id
		if o.id == id && id != "" {
			p.SetText(o.label)
		}
	}
	p.SetPlaceHolder(lang.L("Type to search, or leave blank"))
	// Its button shows every match, or hides them; typing goes on in it.
	p.ActionItem = widget.NewButtonWithIcon("", theme.MenuDropDownIcon(), func() {
		if p.shown() {
			p.hideMatches()
			return
		}
		if c := fyne.CurrentApp().Driver().CanvasForObject(p); c != nil && !p.focused {
			c.Focus(p) // the typing goes on in the picker
		}
		p.showMatches()
	})
	p.narrow(p.Text)
	p.OnChanged = func(text string) {
		p.narrow(text)
		if p.focused && !p.quiet {
			p.showMatches()
		}
	}
	return p
}

// FocusGained does not list the matches yet: typing, Down or the button
// does. Listed as a form opens, they would cover its fields, placed before
// the form has its final layout.
func (p *picker) FocusGained() {
	p.Entry.FocusGained()
	p.focused = true
}

func (p *picker) FocusLost() {
	p.Entry.FocusLost()
	p.focused = false
	p.hideMatches()
}

// TypedKey: Esc closes the list of matches when it shows, else the
// dialog; Down and Up move through the list, Enter chooses the match moved
// to (or the only one), else saves the form.
func (p *picker) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyEscape:
		if p.shown() {
			p.hideMatches()
			return
		}
		if closeTopDialog(p) {
			return
		}
	case fyne.KeyDown, fyne.KeyUp:
		if !p.shown() {
			p.showMatches()
		}
		if len(p.buttons) > 0 {
			step := 1
			if k.Name == fyne.KeyUp {
				step = -1
			}
			p.light(min(max(p.lit+step, 0), len(p.buttons)-1))
		}
		return
	case fyne.KeyReturn, fyne.KeyEnter:
		switch {
		case p.shown() && p.lit >= 0 && p.lit < len(p.matches):
			p.choose(p.matches[p.lit])
		case p.shown() && len(p.matches) == 1 && p.matches[0].label != p.Text:
			p.choose(p.matches[0])
		case p.submit != nil:
			p.submit()
		}
		return
	}
	p.Entry.TypedKey(k)
}

// narrow keeps the options that have every word of text in their label or
// in what else finds them.
func (p *picker) narrow(text string) {
	words := strings.Fields(strings.ToLower(text))
	p.matches = nil
	for _, o := range p.options {
		if holdsAll(strings.ToLower(o.label+" "+o.also), words) {
			p.matches = append(p.matches, o)
			if len(p.matches) == maxPickerOptions {
				break
			}
		}
	}
}

// shown reports whether the list of matches shows.
func (p *picker) shown() bool {
	return p.list != nil && p.float != nil && len(p.float.Objects) == 1 && p.float.Objects[0] == p.list
}

// showMatches lists the matches under the picker, over the form, leaving
// the typing to the picker. Outside a form it shows nothing.
func (p *picker) showMatches() {
	if p.float == nil {
		return
	}
	if len(p.matches) == 0 {
		p.hideMatches()
		return
	}
	p.buttons, p.lit = nil, -1
	var rows []fyne.CanvasObject
	for _, o := range p.matches {
		text := o.label
		if o.also != "" && !strings.Contains(o.label, o.also) {
			text += " (" + o.also + ")"
		}
		b := widget.NewButton(fitText(text, p.Size().Width-4*theme.Padding()), func() { p.choose(o) })
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		p.buttons = append(p.buttons, b)
		rows = append(rows, b)
	}
	box := container.NewVBox(rows...)
	p.scroll = container.NewVScroll(box)
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameMenuBackground))
	bg.StrokeColor, bg.StrokeWidth = theme.Color(theme.ColorNameShadow), 1
	p.list = container.NewStack(bg, p.scroll)

	d := fyne.CurrentApp().Driver()
	row := p.buttons[0].MinSize().Height + theme.Padding()
	h := min(box.MinSize().Height, row*pickerRows)
	pos := d.AbsolutePositionForObject(p).Subtract(d.AbsolutePositionForObject(p.float))
	below := pos.AddXY(0, p.Size().Height)
	if below.Y+h > p.float.Size().Height && pos.Y >= h {
		below = pos.SubtractXY(0, h) // no room under it: over it
	}
	p.list.Move(below)
	p.list.Resize(fyne.NewSize(p.Size().Width, h))
	p.float.Objects = []fyne.CanvasObject{p.list}
	p.float.Refresh()
}

// light marks the match i, moved to by Down or Up, and scrolls to it.
func (p *picker) light(i int) {
	for j, b := range p.buttons {
		if j == i {
			b.Importance = widget.HighImportance
		} else {
			b.Importance = widget.LowImportance
		}
		b.Refresh()
	}
	p.lit = i
	row := p.buttons[0].MinSize().Height + theme.Padding()
	y := float32(i) * row
	if y < p.scroll.Offset.Y {
		p.scroll.ScrollToOffset(fyne.NewPos(0, y))
	} else if y+row > p.scroll.Offset.Y+p.scroll.Size().Height {
		p.scroll.ScrollToOffset(fyne.NewPos(0, y+row-p.scroll.Size().Height))
	}
}

func (p *picker) hideMatches() {
	if p.shown() {
		p.float.RemoveAll()
	}
	p.list, p.buttons, p.lit = nil, nil, -1
}

// choose fills the picker with a match, and typing goes on there.
func (p *picker) choose(o option) {
	p.quiet = true
	defer func() { p.quiet = false }()
	p.SetText(o.label)
	p.CursorColumn = 0 // a long label shows from its start: the name
	p.Refresh()
	p.hideMatches()
	if c := fyne.CurrentApp().Driver().CanvasForObject(p); c != nil && !p.focused {
		c.Focus(p)
	}
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
	// Organisations are also found by their acronyms, and people by their
	// organisation's.
	all, err := s.file.Organisations()
	if err != nil {
		return nil, nil, nil, err
	}
	acronyms := map[string]string{}
	for _, o := range all {
		acronyms[o.ID] = o.Acronym
		orgs = append(orgs, option{o.ID, o.Name, o.Acronym})
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
			persons = append(persons, option{p.ID, label, acronyms[p.OrganisationID]})
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
			unitOpts = append(unitOpts, option{id, path, ""})
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

// fitText cuts text with an ellipsis to fit a width, as a button's text is
// drawn (bold, the theme's size): a long match (a person with the path of
// their unit) is then seen to go on rather than cut off at the list's edge.
func fitText(text string, width float32) string {
	style := fyne.TextStyle{Bold: true}
	size := theme.TextSize()
	if width <= 0 || fyne.MeasureText(text, size, style).Width <= width {
		return text
	}
	r := []rune(text)
	lo, hi := 0, len(r)
	for lo < hi { // the most runes that fit with the ellipsis
		mid := (lo + hi + 1) / 2
		if fyne.MeasureText(string(r[:mid])+"…", size, style).Width <= width {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return string(r[:lo]) + "…"
}
