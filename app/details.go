package app

import (
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"cpw/workspace"
)

// details is the content of a record's dialog, built line by line.
type details struct {
	box   *fyne.Container
	names *names
}

func (d *details) heading(text string) {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	d.box.Add(l)
}

func (d *details) line(text string) {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	d.box.Add(l)
}

// field adds "label: value", leaving out empty values.
func (d *details) field(label, value string) {
	if strings.TrimSpace(value) != "" {
		d.line(label + ": " + value)
	}
}

// names looks up the names of records by id, remembering what it found.
type names struct {
	f     *workspace.File
	cache map[string]string
}

func newNames(f *workspace.File) *names { return &names{f: f, cache: map[string]string{}} }

func (n *names) get(kind, id string, lookup func() (string, error)) string {
	if id == "" {
		return ""
	}
	if v, ok := n.cache[kind+id]; ok {
		return v
	}
	v, err := lookup()
	if err != nil {
		v = lang.L("(deleted)")
	}
	n.cache[kind+id] = v
	return v
}

func (n *names) person(id string) string {
	return n.get("p", id, func() (string, error) { p, err := n.f.Person(id); return p.Name, err })
}
func (n *names) organisation(id string) string {
	return n.get("o", id, func() (string, error) { o, err := n.f.Organisation(id); return o.Name, err })
}
func (n *names) consortium(id string) string {
	return n.get("c", id, func() (string, error) { c, err := n.f.Consortium(id); return c.Code, err })
}
func (n *names) role(id string) string {
	return n.get("r", id, func() (string, error) { r, err := n.f.Role(id); return r.Name, err })
}
func (n *names) unit(id string) string {
	return n.get("u", id, func() (string, error) { return n.f.UnitPath(id) })
}

// holder names who holds an assignment.
func (n *names) holder(a workspace.Assignment) string {
	if a.PersonID != "" {
		return n.person(a.PersonID)
	}
	return n.organisation(a.OrganisationID)
}

// where names where an assignment is held, or "" for the whole initiative.
func (n *names) where(a workspace.Assignment) string {
	if a.ConsortiumID != "" {
		return n.consortium(a.ConsortiumID)
	}
	return n.unit(a.UnitID)
}

// period writes an assignment's dates: "since 2024-01-15" or "2024-01-15 to 2025-03-01".
func period(a workspace.Assignment) string {
	if a.EndOn == "" {
		return fmt.Sprintf(lang.L("since %s"), a.StartOn)
	}
	s := fmt.Sprintf(lang.L("%s to %s"), a.StartOn, a.EndOn)
	if a.EndReason != "" {
		s += " (" + a.EndReason + ")"
	}
	return s
}

// maxListed is how many rows a record's dialog lists before it only counts.
const maxListed = 25

// showUnit opens a dialog about a community unit a finding is about: where
// it sits, its households, who represents and mobilizes it, and the
// findings about it. (Other records have pages of their own.)
func (u *ui) showUnit(id string) {
	screen := u.screen
	if u.file == nil || screen == nil {
		return
	}
	f := u.file
	un, err := f.Unit(id)
	if err != nil {
		u.showError(err)
		return
	}
	d := &details{box: container.NewVBox(), names: newNames(f)}
	d.line(d.names.unit(un.ID))
	d.field(lang.L("Level"), workspace.Label(workspace.UnitLevels, un.Level))
	d.field(lang.L("Households"), thousands(un.Households))
	children, err := f.Units(workspace.UnitFilter{ParentID: un.ID})
	if err != nil {
		u.showError(err)
		return
	}
	if len(children) > 0 {
		d.field(lang.L("Units under it"), thousands(len(children)))
	}
	as, err := f.Assignments(workspace.AssignmentFilter{UnitID: un.ID})
	if err != nil {
		u.showError(err)
		return
	}
	d.assignments(lang.L("Representatives and mobilizers of this unit"), as, screen.today().Format(workspace.DateLayout))
	if found := screen.findingsAbout(un.ID); len(found) > 0 {
		d.heading(fmt.Sprintf(lang.L("Findings (%d)"), len(found)))
		for _, f := range found {
			d.line(findingSeverity(f.Severity) + ": " + f.Message)
		}
	}
	title := workspace.Label(workspace.UnitLevels, un.Level) + " " + un.Name
	dlg := dialog.NewCustom(title, lang.L("Close"), container.NewVScroll(d.box), u.window)
	dlg.Resize(fyne.NewSize(760, 600))
	dlg.Show()
}

// assignments lists assignments with their holders, current ones first.
func (d *details) assignments(heading string, as []workspace.Assignment, today string) {
	n := d.names
	sort.SliceStable(as, func(i, j int) bool { return as[i].CurrentOn(today) && !as[j].CurrentOn(today) })
	current := 0
	for _, a := range as {
		if a.CurrentOn(today) {
			current++
		}
	}
	d.heading(fmt.Sprintf(lang.L("%s (%d current, %d in all)"), heading, current, len(as)))
	if len(as) == 0 {
		d.line(lang.L("None."))
	}
	for i, a := range as {
		if i == maxListed {
			d.line(fmt.Sprintf(lang.L("… and %d more."), len(as)-maxListed))
			break
		}
		d.line(n.role(a.RoleID) + ": " + n.holder(a) + ", " + period(a))
	}
}

func thousands64(n int64) string { return workspace.Thousands(n) }

// findingSeverity names a finding's severity in the window's language.
func findingSeverity(severity workspace.Severity) string {
	switch severity {
	case workspace.SeverityCritical:
		return lang.L("Critical")
	case workspace.SeverityWarning:
		return lang.L("Warning")
	case workspace.SeverityInfo:
		return lang.L("For information")
	}
	return string(severity)
}
