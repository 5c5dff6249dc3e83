package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"cpw/workspace"
)

// showUnit shows a community unit's page: where it sits, its households,
// the units under it, who represents and mobilizes it now and before, and
// the findings about it.
func (s *workspaceScreen) showUnit(id string) {
	un, p, ok := openPage(s, id, s.file.Unit, s.showUnit)
	if !ok {
		return
	}
	f, n := s.file, p.names
	children, err := f.Units(workspace.UnitFilter{ParentID: un.ID})
	if err != nil {
		s.ui.showError(err)
		return
	}
	as, err := f.Assignments(workspace.AssignmentFilter{UnitID: un.ID})
	if err != nil {
		s.ui.showError(err)
		return
	}
	roles, err := unitRoles(f, un.Level)
	if err != nil {
		s.ui.showError(err)
		return
	}
	// What is saved here changes the community tree: it is built again,
	// with its open branches, when the window goes back to it.
	delete(s.built, secCommunity)

	p.line(n.unit(un.ID))
	p.field(lang.L("Level"), workspace.Label(workspace.UnitLevels, un.Level))
	// Households are often recorded on the cells only: none is not zero.
	if un.Households > 0 {
		p.field(lang.L("Households"), thousands(un.Households))
	}
	// Its boundary, drawn on the Map, or how to give it one.
	shape, hasShape, err := f.UnitShapeOf(un.ID)
	switch {
	case err != nil:
		s.ui.showError(err)
		return
	case hasShape && !drawable(shape):
		// Stored, but not an area this program can draw (a copy from an
		// older version): the Map lists the unit as without one.
		line := lang.L("Boundary: stored, but it cannot be drawn; attach it again")
		if f.ReadOnly() {
			p.line(line)
			break
		}
		p.box.Add(lineWith(line, widget.NewButton(lang.L("Remove boundary…"), func() {
			s.ui.confirmDelete(fmt.Sprintf(lang.L("the boundary of “%s”"), un.Name), "unit_shapes", shape.ID,
				func() error { return f.DeleteUnitShape(shape.ID) }, s.changed)
		})))
	case hasShape:
		buttons := []fyne.CanvasObject{widget.NewButton(lang.L("Show on the Map"), func() { s.showOnMap(un.ID) })}
		if !f.ReadOnly() {
			buttons = append(buttons, widget.NewButton(lang.L("Remove boundary…"), func() {
				s.ui.confirmDelete(fmt.Sprintf(lang.L("the boundary of “%s”"), un.Name), "unit_shapes", shape.ID,
					func() error { return f.DeleteUnitShape(shape.ID) }, s.changed)
			}))
		}
		p.box.Add(lineWith(lang.L("Boundary: attached, drawn on the Map"), buttons...))
	default:
		p.line(lang.L("Boundary: none yet (Community › Attach boundaries…)"))
	}
	if un.ParentID != "" {
		parent := un.ParentID
		p.box.Add(lineWith(fmt.Sprintf(lang.L("Under %s"), n.unit(parent)), widget.NewButton(lang.L("Open"), func() { s.showUnit(parent) })))
	}

	// A cell is the smallest unit: nothing sits under it.
	if un.Level != "cell" {
		p.part(fmt.Sprintf(lang.L("Units under it (%s)"), thousands(len(children))), lang.L("Add unit under it…"), func() {
			s.editUnit(workspace.Unit{}, un.ID)
		})
		for i, c := range children {
			if i == maxListed {
				p.line(fmt.Sprintf(lang.L("… and %s more."), thousands(len(children)-maxListed)))
				break
			}
			text := fmt.Sprintf("%s (%s)", c.Name, workspace.Label(workspace.UnitLevels, c.Level))
			if c.Households > 0 {
				text += " — " + byCount(c.Households, lang.L("1 household"), lang.L("%s households"))
			}
			p.box.Add(lineWith(text, widget.NewButton(lang.L("Open"), func() { s.showUnit(c.ID) })))
		}
	}

	var assign func()
	if len(roles) > 0 {
		assign = func() { s.assignRole(workspace.Assignment{UnitID: un.ID}, roles) }
	}
	p.held(as, heldTitles{lang.L("Representatives and mobilizers now (%d)"), lang.L("To come (%d)"), lang.L("Before (%d)")},
		func(a workspace.Assignment) string { return n.role(a.RoleID) + ": " + n.holder(a) + ", " + period(a) },
		n.holder, assign)
	if found := s.findingsAbout(un.ID); len(found) > 0 {
		p.part(lang.L("Health-check findings"), "", nil)
		p.findings(found)
	}
	p.show(fmt.Sprintf("%s (%s)", un.Name, workspace.Label(workspace.UnitLevels, un.Level)), func() { s.editUnit(un, "") })
}

// unitRoles are the roles in use held in a unit of the level: those of
// its level (the household representative of a cell in a cell) and those
// of any level (the mobilizer).
func unitRoles(f *workspace.File, level string) ([]workspace.Role, error) {
	all, err := f.Roles(false)
	if err != nil {
		return nil, err
	}
	var out []workspace.Role
	for _, r := range all {
		if r.Scope == "unit" && (r.UnitLevel == "" || r.UnitLevel == level) {
			out = append(out, r)
		}
	}
	return out, nil
}

// drawable says whether a stored boundary is one the Map can draw.
func drawable(s workspace.UnitShape) bool {
	_, err := workspace.ParseShape(s.Shape)
	return err == nil
}
