package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cpw/workspace"
)

// recordPage is a record's page being built: its body line by line, and
// what every page reads before its own parts.
type recordPage struct {
	details
	screen     *workspaceScreen
	initiative workspace.Initiative // for its currency
	today      string               // the day the page is about, as the checks see it
	writable   bool                 // false: no button that would change the file
	again      func()               // draws the page anew
	id         string               // the record's
	redrawn    bool                 // drawn again after a change: it keeps its scroll
}

// openPage starts the page of the record with an id: it reads the record
// with read, and the initiative. When a read fails it shows why and
// reports false; a record that is gone (deleted here or by a merge) sends
// the window back to its section's list, rather than leave its page shown.
// Once shown, the page is drawn anew with again(id) after each change.
func openPage[R any](s *workspaceScreen, id string, read func(string) (R, error), again func(string)) (R, *recordPage, bool) {
	f := s.file
	var none R
	record, err := read(id)
	var in workspace.Initiative
	if err == nil {
		in, err = f.Initiative()
	}
	if err != nil {
		if workspace.Code(err) == workspace.ErrNotFound {
			s.show(s.current)
			if s.outside {
				return none, nil, false // deleted meanwhile, as the notice or the list shows
			}
		}
		s.ui.showError(err)
		return none, nil, false
	}
	p := &recordPage{id: id, redrawn: s.redrawing, details: details{box: container.NewVBox(), names: newNames(f)}, screen: s, initiative: in,
		today: s.today().Format(workspace.DateLayout), writable: !f.ReadOnly(), again: func() { again(id) }}
	return record, p, true
}

// part starts a part of the page below a line: its heading, with a button
// to add to it when the file can be changed and add is given.
func (p *recordPage) part(title, addLabel string, add func()) {
	p.box.Add(widget.NewSeparator())
	var button fyne.CanvasObject = layoutSpacer()
	if p.writable && add != nil {
		button = widget.NewButtonWithIcon(addLabel, theme.ContentAddIcon(), add)
	}
	p.box.Add(container.NewBorder(nil, nil, nil, button, heading(title)))
}

// lineWith adds a line of text with buttons at its end; the buttons only
// when the file can be changed.
func (p *recordPage) lineWith(text string, buttons ...fyne.CanvasObject) {
	if !p.writable {
		buttons = nil
	}
	p.box.Add(lineWith(text, buttons...))
}

// findings adds the health checks' findings about the record.
func (p *recordPage) findings(found []workspace.Finding) {
	for _, fd := range found {
		p.box.Add(container.NewBorder(nil, nil, widget.NewIcon(severityIcon(fd.Severity)), nil, wrapped(fd.Message)))
	}
}

// show shows the page under its title, with an Edit… button calling edit
// when the file can be changed. From now on each change draws it anew; a
// page that failed half-way is never shown, and so never redrawn.
func (p *recordPage) show(title string, edit func()) {
	var actions []fyne.CanvasObject
	if p.writable && edit != nil {
		actions = append(actions, widget.NewButtonWithIcon(lang.L("Edit…"), theme.DocumentCreateIcon(), edit))
	}
	// Set here, when the page shows: one that failed half-way never did.
	p.screen.pageID, p.screen.keepScroll = p.id, p.redrawn
	p.screen.showPage(title, p.box, actions...)
	p.screen.keepScroll = false
	p.screen.reopen = p.again
}

// seededRole reads a role of the catalogue by its key. ok is false when
// the catalogue has no such role (a page then leaves it out); err is any
// other failure, which the page shows.
func seededRole(f *workspace.File, key string) (r workspace.Role, ok bool, err error) {
	r, err = f.RoleByKey(key)
	if workspace.Code(err) == workspace.ErrNotFound {
		return r, false, nil
	}
	return r, err == nil, err
}

// showPage shows a record's own page inside a section, with a way back.
func (s *workspaceScreen) showPage(title string, body fyne.CanvasObject, actions ...fyne.CanvasObject) {
	back := widget.NewButtonWithIcon(lang.L("Back"), theme.NavigateBackIcon(), func() { s.show(s.current) })
	heading := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	heading.Truncation = fyne.TextTruncateEllipsis
	bar := container.NewBorder(nil, nil, back, container.NewHBox(actions...), heading)
	scroll := container.NewVScroll(container.NewPadded(body))
	if (s.redrawing || s.keepScroll) && s.pageScroll != nil {
		scroll.Offset = s.pageScroll.Offset // the same page, drawn again: stay where the reader was
	}
	s.pageScroll = scroll
	s.setContent(container.NewBorder(container.NewPadded(bar), nil, nil, nil, scroll))
	// Choosing the section again in the navigation goes back to its list.
	s.nav.UnselectAll()
}

func heading(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return l
}

func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// lineWith is a line of text with buttons at its end.
func lineWith(text string, buttons ...fyne.CanvasObject) fyne.CanvasObject {
	l := widget.NewLabel(text)
	l.Truncation = fyne.TextTruncateEllipsis
	return container.NewBorder(nil, nil, nil, container.NewHBox(buttons...), l)
}

func layoutSpacer() fyne.CanvasObject { return widget.NewLabel("") }

func nonEmpty(s, otherwise string) string {
	if strings.TrimSpace(s) == "" {
		return otherwise
	}
	return s
}

func nonEmptyPrefix(prefix, s string) string {
	if s == "" {
		return ""
	}
	return prefix + s
}

func clipText(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// heldTitles head the lists of assignments a page shows: fmt formats with
// the count, already in the window's language.
type heldTitles struct{ now, upcoming, before string }

// rolesTitles head the roles of a person or an organisation.
func rolesTitles() heldTitles {
	return heldTitles{lang.L("Roles held now (%d)"), lang.L("Roles to come (%d)"), lang.L("Roles held before (%d)")}
}

// held lists assignments held now (each with End…, naming its holder by
// holder), to come and before (the first maxListed), each written by
// line; add, when given, assigns another.
func (p *recordPage) held(as []workspace.Assignment, titles heldTitles, line, holder func(workspace.Assignment) string, add func()) {
	s := p.screen
	now, before, upcoming := splitByDay(as, p.today)
	p.part(fmt.Sprintf(titles.now, len(now)), lang.L("Assign a role…"), add)
	for _, a := range now {
		p.lineWith(line(a), widget.NewButton(lang.L("End…"), func() { s.endAssignment(a, holder(a)) }))
	}
	if len(now) == 0 {
		p.line(lang.L("None."))
	}
	if len(upcoming) > 0 {
		p.heading(fmt.Sprintf(titles.upcoming, len(upcoming)))
		for _, a := range upcoming {
			p.line(line(a))
		}
	}
	p.heading(fmt.Sprintf(titles.before, len(before)))
	for i, a := range before {
		if i == maxListed {
			p.line(fmt.Sprintf(lang.L("… and %s more."), thousands(len(before)-maxListed)))
			break
		}
		p.line(line(a))
	}
	if len(before) == 0 {
		p.line(lang.L("None."))
	}
}
