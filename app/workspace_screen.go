package app

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cpw/workspace"
)

// workspaceScreen is an open workspace: the sections down the left, the
// chosen one on the right, and the actions on the whole file above them.
type workspaceScreen struct {
	ui      *ui
	file    *workspace.File
	content fyne.CanvasObject
	nav     *widget.List
	area    *fyne.Container // where the chosen section shows
	current string
	built   map[string]fyne.CanvasObject
	lists   map[string]lister
	reopen  func() // redraws the record page shown, if one is
	pageID  string // the record whose page is shown, with reopen
	// redrawing is set while the page shown is drawn again after a change,
	// which keeps where it was scrolled to; outside while what another
	// program wrote is shown, whose notice says why a page closed.
	redrawing  bool
	keepScroll bool // a page drawn later than its redraw began (off the UI thread) keeps its scroll too
	outside    bool
	pageScroll *container.Scroll
	notice     *fyne.Container // a line above the section: what others changed
	syncLine   *widget.Label   // where the workspace is shared, and when it last synced (sync.go)
	overview   *overview
	checks     *checksScreen
	findings   []workspace.Finding
	runs       int // how many check runs were started, so a late one cannot overwrite a newer

	tree          *treeState     // the community tree's open branches and chosen unit, kept while it is built again
	placeMap      *placeMapState // the Map screen's level, measure and view, kept likewise
	placeMapBuild *int           // the Map built last: a read for an older one is dropped
}

// newWorkspaceScreen builds the screen of an open workspace and returns it
// with the workspace's name, for the window title.
func newWorkspaceScreen(u *ui, f *workspace.File) (*workspaceScreen, string, error) {
	s := &workspaceScreen{ui: u, file: f, built: map[string]fyne.CanvasObject{}, lists: map[string]lister{}}
	var err error
	if s.overview, err = newOverview(s); err != nil {
		return nil, "", err
	}
	s.checks = newChecksScreen(s)
	s.area = container.NewStack()
	// The navigation is as wide as its longest name, in any language.
	longest := ""
	for _, sec := range sections {
		if t := sec.title(); len([]rune(t)) > len([]rune(longest)) {
			longest = t
		}
	}
	s.nav = widget.NewList(func() int { return len(sections) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.HomeIcon()), widget.NewLabel(longest))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Icon).SetResource(sections[i].icon())
			box.Objects[1].(*widget.Label).SetText(sections[i].title())
		})
	s.nav.OnSelected = func(i widget.ListItemID) {
		if sections[i].id != s.current || s.reopen != nil {
			s.show(sections[i].id)
		}
	}

	saveCopy := widget.NewButtonWithIcon(lang.L("Save a copy…"), theme.DocumentSaveIcon(), u.onSaveCopy)
	brief := widget.NewButtonWithIcon(lang.L("PDF brief…"), theme.DocumentPrintIcon(), s.onBrief)
	merge := widget.NewButtonWithIcon(lang.L("Merge a copy…"), theme.ContentPasteIcon(), s.onMerge)
	syncButton := widget.NewButtonWithIcon(lang.L("Sync"), theme.ViewRefreshIcon(), s.onSync)
	importBook := widget.NewButtonWithIcon(lang.L("Import Excel…"), theme.UploadIcon(), s.onImport)
	exportBook := widget.NewButtonWithIcon(lang.L("Export Excel…"), theme.DownloadIcon(), s.onExport)
	template := widget.NewButtonWithIcon(lang.L("Excel template…"), theme.DocumentCreateIcon(), s.onTemplate)
	if f.ReadOnly() {
		merge.Disable() // a read-only file cannot take in changes; the overview says why
		syncButton.Disable()
		importBook.Disable()
	}
	settings := widget.NewButtonWithIcon(lang.L("Settings…"), theme.SettingsIcon(), u.onSettings)
	closeButton := widget.NewButtonWithIcon(lang.L("Close"), theme.LogoutIcon(), u.showWelcome)
	bar := container.NewHBox(saveCopy, merge, syncButton, importBook, exportBook, template, brief, settings, closeButton)
	split := container.NewHSplit(s.nav, s.area)
	split.Offset = 0.16
	s.notice = container.NewVBox()
	s.syncLine = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
	s.syncLine.Wrapping = fyne.TextWrapWord
	s.showSyncLine()
	s.content = container.NewBorder(container.NewVBox(container.NewPadded(bar), s.syncLine, s.notice), nil, nil, nil, split)
	s.nav.Select(0)
	s.refresh()
	return s, s.overview.name, nil
}

// show shows a section, building it the first time and reading its rows
// again every time.
func (s *workspaceScreen) show(name string) {
	// The Map holds every boundary and every unit's figures: it lets them
	// go when another section is shown, and reads them again when it comes
	// back, with its level, measure and view as they were.
	if s.current == secPlaceMap && name != secPlaceMap {
		delete(s.built, secPlaceMap)
	}
	s.current, s.reopen = name, nil
	obj, ok := s.built[name]
	if !ok {
		obj = s.build(name)
		s.built[name] = obj
	} else if l := s.lists[name]; l != nil {
		l.reload()
	}
	s.setContent(obj)
	if _, i := sectionNamed(name); i >= 0 {
		s.nav.Select(i)
	}
}

// enter makes a section the current one without building its list, for
// a page of it opened at once (a finding's record): Back builds it then.
// Building it first would read every row of a big section for nothing.
func (s *workspaceScreen) enter(name string) {
	s.current, s.reopen = name, nil
	if _, i := sectionNamed(name); i >= 0 {
		s.nav.Select(i)
	}
}

func (s *workspaceScreen) setContent(o fyne.CanvasObject) {
	s.area.Objects = []fyne.CanvasObject{o}
	s.area.Refresh()
	s.ui.window.Canvas().Unfocus() // a hidden table or filter must not take keys
}

// build makes a section's content, as the table of sections says, and
// keeps its list for the shortcuts.
func (s *workspaceScreen) build(name string) fyne.CanvasObject {
	sec, _ := sectionNamed(name)
	obj, l := sec.build(s)
	if l != nil {
		s.lists[name] = l
	}
	return obj
}

// changed is called after every change to the workspace: the section or
// page shown is read again, the others when next shown, and the health
// checks run again.
func (s *workspaceScreen) changed() {
	// The Map has no list to read again: it is built again, also when a
	// page opened from it is shown (Back then finds it as it now is).
	delete(s.built, secPlaceMap)
	for name := range s.built {
		if name != s.current {
			delete(s.built, name)
			delete(s.lists, name)
		}
	}
	if o, err := newOverview(s); err != nil {
		s.ui.showError(err) // the overview shown stays as it was
	} else {
		s.overview = o
		s.built[secOverview] = o.content
		if s.findings != nil {
			o.showFindings(s.findings)
		}
	}
	switch {
	case s.reopen != nil:
		s.redraw()
	case s.current == secOverview:
		s.setContent(s.overview.content)
	case s.lists[s.current] != nil:
		s.lists[s.current].reload()
	default:
		delete(s.built, s.current)
		s.show(s.current)
	}
	s.refresh()
}

// today is the day the checks are run for.
func (s *workspaceScreen) today() time.Time { return s.ui.now() }

// refresh runs the health checks again off the UI thread and shows the new
// findings; every change to the workspace calls it, so the findings never
// need a restart to catch up, nor the Edit menu's Undo and Redo.
func (s *workspaceScreen) refresh() {
	s.ui.updateUndo()
	f := s.file
	s.runs++
	run, today := s.runs, s.today()
	s.ui.background(func() {
		findings, err := f.RunChecks(today)
		fyne.Do(func() {
			if s.ui.file != f || run != s.runs {
				return // the workspace was closed, or a newer run was started, meanwhile
			}
			if err != nil {
				s.ui.showError(err)
				return
			}
			before := s.findingsAbout(s.pageID)
			s.findings = findings
			s.overview.showFindings(findings)
			s.checks.showFindings(findings)
			// A page was drawn with the findings of the run before this
			// one: draw it again when its own have changed.
			if s.reopen != nil && !sameFindings(before, s.findingsAbout(s.pageID)) {
				s.redraw()
			}
		})
	})
}

// showChecks switches to the Checks section.
func (s *workspaceScreen) showChecks() { s.show(secChecks) }

// findingsAbout returns the findings about one record.
func (s *workspaceScreen) findingsAbout(id string) []workspace.Finding {
	var out []workspace.Finding
	for _, f := range s.findings {
		if f.Subject.ID == id {
			out = append(out, f)
		}
	}
	return out
}

// sameFindings reports whether two lists hold the same findings.
func sameFindings(a, b []workspace.Finding) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Message != b[i].Message || a[i].Severity != b[i].Severity {
			return false
		}
	}
	return true
}

// redraw draws the page shown again, where it was scrolled to.
func (s *workspaceScreen) redraw() {
	s.redrawing = true
	defer func() { s.redrawing = false }()
	s.reopen()
}
