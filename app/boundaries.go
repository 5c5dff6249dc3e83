package app

import (
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"cpw/importexport"
	"cpw/workspace"
)

// onAttachBoundaries asks for a GeoJSON file of boundaries, reads and
// matches it off the UI thread, and shows what it would attach.
func (s *workspaceScreen) onAttachBoundaries() {
	chooseFile(s.ui, folderOf(s.file.Path()), ".geojson", s.previewBoundaries)
}

// previewBoundaries reads and matches a boundaries file off the UI thread,
// by its property "name" when it has one, then shows what matched.
func (s *workspaceScreen) previewBoundaries(path string) {
	u, f := s.ui, s.file
	u.busy(fmt.Sprintf(lang.L("Reading %s…"), filepath.Base(path)), func() (func(), error) {
		bs, err := importexport.ReadBoundaries(path, inWindowLanguage)
		if err != nil {
			return nil, err
		}
		props := propertyNames(bs)
		property := "name"
		if len(props) > 0 && !slices.Contains(props, property) {
			property = props[0]
		}
		m, err := importexport.MatchBoundaries(f, bs, property, inWindowLanguage)
		if err != nil {
			return nil, err
		}
		return func() { s.showBoundaries(path, bs, props, property, m) }, nil
	})
}

// showBoundaries shows how the features of a boundaries file meet the
// units, matched by the property chosen, and attaches them on request.
func (s *workspaceScreen) showBoundaries(path string, bs []importexport.Boundary, props []string, property string, m importexport.BoundaryMatch) {
	u, f := s.ui, s.file
	var dlg dialog.Dialog
	summary := widget.NewLabel(boundariesSummary(len(bs), m))
	summary.Wrapping = fyne.TextWrapWord
	details := widget.NewLabel(boundariesDetails(m))
	details.Wrapping = fyne.TextWrapWord
	attach := widget.NewButton(lang.L("Attach"), nil)
	attach.Importance = widget.HighImportance
	current := m
	show := func(m importexport.BoundaryMatch) {
		current = m
		summary.SetText(boundariesSummary(len(bs), m))
		details.SetText(boundariesDetails(m))
		if m.Matched == 0 || f.ReadOnly() {
			attach.Disable()
		} else {
			attach.Enable()
		}
	}
	by := widget.NewSelect(props, func(p string) {
		if p == property {
			return
		}
		property = p
		u.background(func() {
			m, err := importexport.MatchBoundaries(f, bs, p, inWindowLanguage)
			fyne.Do(func() {
				if err != nil {
					u.showError(err)
					return
				}
				show(m)
			})
		})
	})
	by.SetSelected(property)
	attach.OnTapped = func() {
		dlg.Hide()
		shapes := current.Shapes
		u.busy(lang.L("Attaching the boundaries…"), func() (func(), error) {
			saved, err := f.SetBoundaries(shapes, filepath.Base(path))
			if err != nil {
				return nil, err
			}
			return func() {
				s.changed()
				dialog.ShowInformation(lang.L("Boundaries attached"), fmt.Sprintf(lang.L("%d added, %d replaced, %d unchanged."), saved.Added, saved.Replaced, saved.Same), u.window)
			}, nil
		})
	}
	show(m)
	cancel := widget.NewButton(lang.L("Cancel"), func() { dlg.Hide() })
	top := container.NewVBox(
		container.NewBorder(nil, nil, widget.NewLabel(lang.L("Match each feature by its property")), nil, by),
		wrapped(lang.L("Its value is a unit's path (Area / Segment / Cluster / Cell) or a name only one unit has.")),
		summary)
	content := container.NewBorder(top, container.NewHBox(cancel, attach), nil, nil, container.NewVScroll(details))
	dlg = dialog.NewCustomWithoutButtons(fmt.Sprintf(lang.L("Boundaries from %s"), filepath.Base(path)), content, u.window)
	dlg.Resize(fyne.NewSize(760, 560))
	dlg.Show()
}

// boundariesSummary says in one sentence how many features match.
func boundariesSummary(features int, m importexport.BoundaryMatch) string {
	return fmt.Sprintf(lang.L("%d of %d features match a community unit."), m.Matched, features)
}

// boundariesDetails lists the features that match nothing, and the units
// left without a boundary, by level.
func boundariesDetails(m importexport.BoundaryMatch) string {
	var b strings.Builder
	if len(m.Unmatched) > 0 {
		if len(m.Unmatched) == 1 {
			b.WriteString(lang.L("1 feature matches no unit:") + "\n")
		} else {
			b.WriteString(fmt.Sprintf(lang.L("%d features match no unit:"), len(m.Unmatched)) + "\n")
		}
		for i, x := range m.Unmatched {
			if i == 50 {
				b.WriteString(fmt.Sprintf(lang.L("… and %d more"), len(m.Unmatched)-50) + "\n")
				break
			}
			b.WriteString(fmt.Sprintf(lang.L("Feature %d (“%s”): %s"), x.Feature, x.Value, x.Why) + "\n")
		}
		b.WriteString("\n")
	}
	for _, level := range workspace.UnitLevels {
		if l := m.Without[level.Key]; len(l) > 0 {
			b.WriteString(fmt.Sprintf(lang.L("Left without a boundary: %d of the level “%s”, such as %s."), len(l), level.Shown(), strings.Join(l[:min(3, len(l))], "; ")) + "\n")
		}
	}
	return b.String()
}

// propertyNames lists the properties the features have, by name.
func propertyNames(bs []importexport.Boundary) []string {
	seen := map[string]bool{}
	for _, b := range bs {
		for k := range b.Properties {
			seen[k] = true
		}
	}
	out := make([]string, 0, len(seen))
	for k := range seen {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
