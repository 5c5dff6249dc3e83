package app

import (
	"fmt"
	"image/color"
	"slices"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cpw/workspace"
)

// unitFigures are a community unit's figures, its own and those of the
// units under it.
type unitFigures struct {
	unit                   workspace.Unit
	children               []string
	households             int
	cells, represented     int // cells under it (itself, for a cell), and those with a current cell representative
	representatives        int // current household representatives at any level under it
	mobilizers             int // current mobilizers under it
	representativesHere    int
	mobilizersHere         int
	householdsFromChildren bool
}

// communityFigures reads the structure and counts, per unit, households,
// representatives, mobilizers and the share of cells with a representative.
func communityFigures(f *workspace.File, day string) (map[string]*unitFigures, []string, error) {
	units, err := f.Units(workspace.UnitFilter{})
	if err != nil {
		return nil, nil, err
	}
	current, err := f.Assignments(workspace.AssignmentFilter{CurrentOn: day})
	if err != nil {
		return nil, nil, err
	}
	reps := map[string]bool{}
	cellRep := ""
	mobilizer := ""
	// A seeded role taken out of the catalogue counts no one; a failed read
	// is an error.
	for _, key := range []string{workspace.RoleRepresentativeCell, workspace.RoleRepresentativeCluster, workspace.RoleRepresentativeSegment} {
		r, ok, err := seededRole(f, key)
		if err != nil {
			return nil, nil, err
		}
		if ok {
			reps[r.ID] = true
			if key == workspace.RoleRepresentativeCell {
				cellRep = r.ID
			}
		}
	}
	r, ok, err := seededRole(f, workspace.RoleCommunityMobilizer)
	if err != nil {
		return nil, nil, err
	}
	if ok {
		mobilizer = r.ID
	}
	figs := make(map[string]*unitFigures, len(units))
	for _, u := range units {
		figs[u.ID] = &unitFigures{unit: u}
	}
	var roots []string
	for _, u := range units {
		if p := figs[u.ParentID]; p != nil {
			p.children = append(p.children, u.ID)
		} else {
			roots = append(roots, u.ID)
		}
	}
	representedCell := map[string]bool{}
	for _, a := range current {
		u := figs[a.UnitID]
		if u == nil {
			continue
		}
		if reps[a.RoleID] {
			u.representativesHere++
		}
		if a.RoleID == cellRep && u.unit.Level == "cell" {
			representedCell[u.unit.ID] = true
		}
		if a.RoleID == mobilizer {
			u.mobilizersHere++
		}
	}
	var sum func(id string) *unitFigures
	sum = func(id string) *unitFigures {
		u := figs[id]
		u.representatives, u.mobilizers = u.representativesHere, u.mobilizersHere
		childHouseholds := 0
		if u.unit.Level == "cell" {
			u.cells = 1
			if representedCell[id] {
				u.represented = 1
			}
		}
		for _, c := range u.children {
			cf := sum(c)
			u.cells += cf.cells
			u.represented += cf.represented
			u.representatives += cf.representatives
			u.mobilizers += cf.mobilizers
			childHouseholds += cf.households
		}
		u.households = u.unit.Households
		if u.households == 0 && childHouseholds > 0 {
			u.households, u.householdsFromChildren = childHouseholds, true
		}
		return u
	}
	for _, r := range roots {
		sum(r)
	}
	// In the lists' order, each name's key made once.
	keys := make(map[string]string, len(figs))
	for id, u := range figs {
		keys[id] = naturalKey(u.unit.Name)
	}
	order := func(ids []string) {
		sort.Slice(ids, func(i, j int) bool { return keys[ids[i]] < keys[ids[j]] })
	}
	order(roots)
	for _, u := range figs {
		order(u.children)
	}
	return figs, roots, nil
}

// unitText is a unit's line in the tree.
func unitText(u *unitFigures) string {
	name, level, households := u.unit.Name, workspace.Label(workspace.UnitLevels, u.unit.Level), thousands(u.households)
	if u.unit.Level == "cell" {
		if u.represented == 1 {
			return fmt.Sprintf(lang.L("%s (%s) — %s households · represented"), name, level, households)
		}
		return fmt.Sprintf(lang.L("%s (%s) — %s households · no representative"), name, level, households)
	}
	return fmt.Sprintf(lang.L("%s (%s) — %s households · %s representatives · %s mobilizers · %s of %s cells represented (%.0f%%)"),
		name, level, households, thousands(u.representatives), thousands(u.mobilizers), thousands(u.represented), thousands(u.cells),
		share(u.represented, u.cells))
}

func share(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return 100 * float64(n) / float64(of)
}

// treeState is what the community tree has open and chosen. It is kept on
// the screen, since the tree is built again after every change, and should
// then look as it did.
type treeState struct {
	open   map[string]bool // nil until the tree is first shown
	chosen string
}

// unitTree is the community tree: Enter opens the unit chosen.
type unitTree struct {
	widget.Tree
	open func()
}

func (t *unitTree) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter {
		t.open()
		return
	}
	t.Tree.TypedKey(k)
}

// unitLabel is a line of the community tree; a double tap opens the unit.
// Lying over the tree's own line, it takes the taps too, and so passes a
// single one on to choose the unit.
type unitLabel struct {
	widget.Label
	id   string
	tree *unitTree
}

func newUnitLabel(tree *unitTree) *unitLabel {
	l := &unitLabel{tree: tree}
	l.Truncation = fyne.TextTruncateEllipsis
	l.ExtendBaseWidget(l)
	return l
}

func (l *unitLabel) Tapped(*fyne.PointEvent) {
	if l.id == "" {
		return
	}
	l.tree.Select(l.id)
	if c := fyne.CurrentApp().Driver().CanvasForObject(l.tree); c != nil {
		c.Focus(l.tree)
	}
}

func (l *unitLabel) DoubleTapped(*fyne.PointEvent) {
	if l.id != "" {
		l.tree.Select(l.id)
		l.tree.open()
	}
}

// communitySummary is the sentence over the tree: "1 area, 4 units in all; …".
func communitySummary(areas, units int, all unitFigures) string {
	cells := fmt.Sprintf(lang.L("%s of %s cells represented"), thousands(all.represented), thousands(all.cells))
	if all.cells == 1 {
		cells = fmt.Sprintf(lang.L("%s of 1 cell represented"), thousands(all.represented))
	}
	return fmt.Sprintf(lang.L("%s, %s; %s; %s and %s; %s (%.0f%%). Open an area to see its segments, clusters and cells."),
		byCount(areas, lang.L("1 area"), lang.L("%s areas")),
		byCount(units, lang.L("1 unit in all"), lang.L("%s units in all")),
		byCount(all.households, lang.L("1 household"), lang.L("%s households")),
		byCount(all.representatives, lang.L("1 current household representative"), lang.L("%s current household representatives")),
		byCount(all.mobilizers, lang.L("1 mobilizer"), lang.L("%s mobilizers")),
		cells, share(all.represented, all.cells))
}

// communityScreen is the representation structure as a tree.
func (s *workspaceScreen) communityScreen() fyne.CanvasObject {
	f := s.file
	if s.tree == nil {
		s.tree = &treeState{}
	}
	state := s.tree
	summary := widget.NewLabel(lang.L("Reading the community structure…"))
	summary.Wrapping = fyne.TextWrapWord
	tree := &unitTree{}
	tree.CreateNode = func(bool) fyne.CanvasObject { return newUnitLabel(tree) }
	tree.ExtendBaseWidget(tree)
	var figs map[string]*unitFigures
	day := s.today().Format(workspace.DateLayout)

	// Editing: a unit under the one chosen (an area when none is), the
	// chosen one's name and households, or deleting it.
	var chosen string
	add := widget.NewButtonWithIcon(lang.L("Add unit…"), theme.ContentAddIcon(), func() { s.editUnit(workspace.Unit{}, chosen) })
	why := widget.NewLabel(lang.L("A cell has no units under it."))
	why.Hide()
	open := widget.NewButtonWithIcon(lang.L("Open"), theme.NavigateNextIcon(), func() { s.showUnit(chosen) })
	tree.open = func() {
		if chosen != "" {
			s.showUnit(chosen)
		}
	}
	edit := widget.NewButtonWithIcon(lang.L("Edit…"), theme.DocumentCreateIcon(), func() {
		u, err := f.Unit(chosen)
		if err != nil {
			s.ui.showError(err)
			return
		}
		s.editUnit(u, "")
	})
	del := widget.NewButtonWithIcon(lang.L("Delete…"), theme.DeleteIcon(), func() {
		u, err := f.Unit(chosen)
		if err != nil {
			s.ui.showError(err)
			return
		}
		s.ui.confirmDelete(fmt.Sprintf(lang.L("the unit “%s”"), u.Name), "units", u.ID, func() error { return f.DeleteUnit(u.ID) }, s.changed)
	})
	open.Disable()
	edit.Disable()
	del.Disable()
	tree.OnSelected = func(id widget.TreeNodeID) {
		chosen, state.chosen = id, id
		open.Enable()
		edit.Enable()
		del.Enable()
		add.SetText(lang.L("Add unit under it…"))
		// A cell is the smallest unit: nothing sits under it.
		if u := figs[id]; u != nil && u.unit.Level == "cell" {
			add.Disable()
			why.Show()
		} else {
			add.Enable()
			why.Hide()
		}
	}
	tree.OnUnselected = func(widget.TreeNodeID) {
		chosen, state.chosen = "", ""
		open.Disable()
		edit.Disable()
		del.Disable()
		add.Enable()
		why.Hide()
		add.SetText(lang.L("Add unit…"))
	}
	tree.OnBranchOpened = func(id widget.TreeNodeID) { state.open[id] = true }
	tree.OnBranchClosed = func(id widget.TreeNodeID) { delete(state.open, id) }

	s.ui.background(func() {
		loaded, roots, err := communityFigures(f, day)
		fyne.Do(func() {
			if err != nil {
				s.ui.showError(err)
				return
			}
			figs = loaded
			tree.ChildUIDs = func(id widget.TreeNodeID) []widget.TreeNodeID {
				if id == "" {
					return roots
				}
				return figs[id].children
			}
			tree.IsBranch = func(id widget.TreeNodeID) bool { return id == "" || len(figs[id].children) > 0 }
			tree.UpdateNode = func(id widget.TreeNodeID, _ bool, o fyne.CanvasObject) {
				if u := figs[id]; u != nil {
					l := o.(*unitLabel)
					l.id = id
					l.SetText(unitText(u))
				}
			}
			var all unitFigures
			for _, r := range roots {
				u := figs[r]
				all.cells += u.cells
				all.represented += u.represented
				all.representatives += u.representatives
				all.mobilizers += u.mobilizers
				all.households += u.households
			}
			summary.SetText(communitySummary(len(roots), len(figs), all))
			if len(roots) == 0 {
				summary.SetText(lang.L("No community units yet: import them from a workbook (the Units sheet), or create the demo to see how the structure looks."))
			}
			tree.Refresh()
			// The first time, the first area is opened; afterwards what was
			// open stays open, and the unit chosen stays chosen.
			if state.open == nil {
				state.open = map[string]bool{}
				if len(roots) > 0 {
					state.open[roots[0]] = true
				}
			}
			var opened []string
			for id := range state.open {
				if figs[id] != nil {
					opened = append(opened, id)
				}
			}
			for _, id := range opened {
				tree.OpenBranch(id)
			}
			if figs[state.chosen] != nil {
				tree.Select(state.chosen)
				tree.ScrollTo(state.chosen)
			} else {
				state.chosen = ""
			}
		})
	})
	bar := container.NewHBox(open)
	if !f.ReadOnly() {
		bar.Add(add)
		bar.Add(edit)
		bar.Add(del)
		bar.Add(why)
		bar.Add(layoutSpacer())
		bar.Add(widget.NewButtonWithIcon(lang.L("Attach boundaries…"), theme.UploadIcon(), s.onAttachBoundaries))
	}
	return container.NewBorder(container.NewPadded(container.NewVBox(summary, bar)), nil, nil, nil, tree)
}

// editUnit adds a unit under parent ("" for an area) or edits one.
func (s *workspaceScreen) editUnit(u workspace.Unit, parent string) {
	f := s.file
	next := map[string]string{"": "area", "area": "segment", "segment": "cluster", "cluster": "cell"}
	title, confirm := lang.L("New area"), lang.L("Add")
	if u.ID == "" {
		u.ParentID = parent
		if parent != "" {
			p, err := f.Unit(parent)
			if err != nil {
				s.ui.showError(err)
				return
			}
			if p.Level == "cell" {
				s.ui.showError(fieldError(lang.L("Level"), lang.L("A cell is the smallest unit: nothing sits under it.")))
				return
			}
			u.Level = next[p.Level]
			switch u.Level {
			case "segment":
				title = fmt.Sprintf(lang.L("New segment in %s"), p.Name)
			case "cluster":
				title = fmt.Sprintf(lang.L("New cluster in %s"), p.Name)
			default:
				title = fmt.Sprintf(lang.L("New cell in %s"), p.Name)
			}
		} else {
			u.Level = "area"
		}
	} else {
		title, confirm = workspace.Label(workspace.UnitLevels, u.Level)+": "+u.Name, lang.L("Save")
	}
	name := entry(u.Name)
	households := entry(thousands(u.Households))
	base := u // as read, for saving only what the form changes
	s.ui.showForm(title, confirm, []field{
		{label: lang.L("Name"), obj: name, hint: lang.L("Unique under the unit it sits in")},
		{label: lang.L("Households"), obj: households, hint: lang.L("How many households live in it")},
	}, func() error {
		h, err := wholeNumber(lang.L("Households"), households)
		if err != nil {
			return err
		}
		u.Name, u.Households = name.Text, int(h)
		if u.ID == "" {
			_, err = f.CreateUnit(u)
		} else {
			_, err = workspace.UpdateFrom(f, base, u)
		}
		return err
	}, s.changed)
}

// stakeholderMap places organisations on an influence × stance grid, so the
// leadership sees whose support is missing; a dot opens the organisation.
func (s *workspaceScreen) stakeholderMap() fyne.CanvasObject {
	f := s.file
	grid := container.NewVBox()
	intro := wrapped(lang.L("Each organisation sits where its influence meets its stance towards the initiative. High influence and not yet supportive (shaded) is where buy-in is missing. Click a name to open the organisation; change its stance or influence there."))
	body := container.NewBorder(container.NewPadded(intro), nil, nil, nil, container.NewVScroll(grid))
	s.ui.background(func() {
		orgs, err := f.Organisations()
		fyne.Do(func() {
			if err != nil {
				s.ui.showError(err)
				return
			}
			fillStakeholderMap(s, grid, orgs)
		})
	})
	return body
}

// fillStakeholderMap lays the grid out one influence to a row, each row as
// tall as its fullest cell.
func fillStakeholderMap(s *workspaceScreen, grid *fyne.Container, orgs []workspace.Organisation) {
	grid.Objects = nil
	head := container.NewGridWithColumns(len(workspace.Stances) + 1)
	head.Add(widget.NewLabel(""))
	for _, st := range workspace.Stances {
		l := widget.NewLabelWithStyle(st.Shown(), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
		l.Wrapping = fyne.TextWrapWord
		head.Add(l)
	}
	grid.Add(head)
	// Organisations whose influence nobody recorded get a row of their
	// own under the others, and only when there are any.
	unknown := slices.ContainsFunc(orgs, func(o workspace.Organisation) bool { return o.Influence == "" })
	for _, inf := range slices.Concat(workspace.Influences[1:], workspace.Influences[:1]) {
		if inf.Key == "" && !unknown {
			continue
		}
		row := container.NewGridWithColumns(len(workspace.Stances) + 1)
		side := widget.NewLabelWithStyle(influenceWords(inf), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		side.Wrapping = fyne.TextWrapWord
		row.Add(side)
		for _, st := range workspace.Stances {
			cellBox := container.NewVBox()
			for _, o := range orgs {
				if o.Influence != inf.Key || o.Stance != st.Key {
					continue
				}
				o := o
				b := widget.NewButtonWithIcon(shortName(o), dot(stanceColour(st.Key)), func() { s.showOrganisation(o.ID) })
				b.Importance = widget.LowImportance
				b.Alignment = widget.ButtonAlignLeading
				cellBox.Add(b)
			}
			bg := canvas.NewRectangle(cellShade(inf.Key, st.Key))
			bg.CornerRadius = 6
			row.Add(container.NewStack(bg, container.NewPadded(cellBox)))
		}
		grid.Add(row)
	}
	grid.Refresh()
}

// influenceWords heads a row of the stakeholder map: "High influence".
func influenceWords(inf workspace.Choice) string {
	switch inf.Key {
	case "high":
		return lang.L("High influence")
	case "medium":
		return lang.L("Medium influence")
	case "low":
		return lang.L("Low influence")
	case "":
		return lang.L("Influence not recorded")
	}
	return inf.Shown()
}

// shortName is an organisation's acronym, or its name cut short, so that a
// cell of the map stays narrow.
func shortName(o workspace.Organisation) string {
	if o.Acronym != "" {
		return o.Acronym
	}
	if r := []rune(o.Name); len(r) > 14 {
		return string(r[:13]) + "…"
	}
	return o.Name
}

// cellShade tints the cells where support is missing from the powerful.
func cellShade(influence, stance string) color.Color {
	if influence == "high" && stance != "supportive" && stance != "leaning-supportive" {
		return color.NRGBA{R: 0xd3, G: 0x2f, B: 0x2f, A: 0x30}
	}
	return color.NRGBA{R: 0x80, G: 0x80, B: 0x80, A: 0x18}
}

func stanceColour(stance string) color.Color {
	switch stance {
	case "supportive", "leaning-supportive":
		return color.NRGBA{R: 0x2e, G: 0x7d, B: 0x32, A: 0xff}
	case "opposed", "leaning-opposed":
		return color.NRGBA{R: 0xc6, G: 0x28, B: 0x28, A: 0xff}
	case "neutral":
		return color.NRGBA{R: 0xf9, G: 0xa8, B: 0x25, A: 0xff}
	}
	return color.NRGBA{R: 0x90, G: 0x90, B: 0x90, A: 0xff}
}

// dot is a small round icon of a colour.
func dot(c color.Color) fyne.Resource {
	r, g, b, _ := c.RGBA()
	svg := fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24"><circle cx="12" cy="12" r="7" fill="#%02x%02x%02x"/></svg>`, r>>8, g>>8, b>>8)
	return fyne.NewStaticResource(fmt.Sprintf("dot-%02x%02x%02x.svg", r>>8, g>>8, b>>8), []byte(svg))
}
