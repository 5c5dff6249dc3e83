package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
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
	return n.get("p", id, func() (string, error) { p, err := n.f.Person(id); return workspace.ShownName(p.Name), err })
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

// maxListed is how many rows a record's page lists before it only counts.
const maxListed = 25

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
