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

// The sections of an open workspace, in the navigation's order. The names
// are identifiers: sectionTitle gives the name the navigation shows.
const (
	secOverview      = "Overview"
	secConsortia     = "Consortia"
	secOrganisations = "Organisations"
	secPeople        = "People"
	secRoles         = "Roles"
	secGaps          = "Resource gaps"
	secMeetings      = "Meetings"
	secCommunity     = "Community"
	secMap           = "Stakeholder map"
	secChecks        = "Checks"
	secHistory       = "History"
)

var sectionNames = []string{secOverview, secConsortia, secOrganisations, secPeople, secRoles, secGaps, secMeetings,
	secCommunity, secMap, secChecks, secHistory}

// sectionTitle is a section's name as the navigation shows it, in the
// window's language.
func sectionTitle(name string) string {
	switch name {
	case secOverview:
		return lang.L("Overview")
	case secConsortia:
		return lang.L("Consortia")
	case secOrganisations:
		return lang.L("Organisations")
	case secPeople:
		return lang.L("People")
	case secRoles:
		return lang.L("Roles")
	case secGaps:
		return lang.L("Resource gaps")
	case secMeetings:
		return lang.L("Meetings")
	case secCommunity:
		return lang.L("Community")
	case secMap:
		return lang.L("Stakeholder map")
	case secChecks:
		return lang.L("Checks")
	case secHistory:
		return lang.L("History")
	}
	return name
}

// sectionIcon is a section's icon in the navigation. (A function, not a
// table: the theme cannot be asked before the app runs.)
func sectionIcon(name string) fyne.Resource {
	return map[string]fyne.Resource{
		secOverview: theme.HomeIcon(), secConsortia: theme.GridIcon(), secOrganisations: theme.StorageIcon(),
		secPeople: theme.AccountIcon(), secRoles: theme.ListIcon(), secGaps: theme.WarningIcon(), secMeetings: theme.CalendarIcon(),
		secCommunity: theme.MenuIcon(), secMap: theme.ViewFullScreenIcon(), secChecks: theme.ErrorIcon(), secHistory: theme.HistoryIcon(),
	}[name]
}

// lister is what the shortcuts need of a section's list.
type lister interface {
	view() fyne.CanvasObject
	reload()
	focusFilter(w fyne.Window)
	newItem()
}

func (l *listView[T]) view() fyne.CanvasObject   { return l.content }
func (l *listView[T]) focusFilter(w fyne.Window) { w.Canvas().Focus(l.filter) }
func (l *listView[T]) newItem() {
	if l.onNew != nil {
		l.onNew()
	}
}

// workspaceScreen is an open workspace: the sections down the left, the
// chosen one on the right, and the actions on the whole file above them.
type workspaceScreen struct {
	ui       *ui
	file     *workspace.File
	content  fyne.CanvasObject
	nav      *widget.List
	area     *fyne.Container // where the chosen section shows
	current  string
	built    map[string]fyne.CanvasObject
	lists    map[string]lister
	reopen   func() // redraws the record page shown, if one is
	overview *overview
	checks   *checksScreen
	findings []workspace.Finding
	runs     int // how many check runs were started, so a late one cannot overwrite a newer
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
	for _, name := range sectionNames {
		if t := sectionTitle(name); len([]rune(t)) > len([]rune(longest)) {
			longest = t
		}
	}
	s.nav = widget.NewList(func() int { return len(sectionNames) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.HomeIcon()), widget.NewLabel(longest))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Icon).SetResource(sectionIcon(sectionNames[i]))
			box.Objects[1].(*widget.Label).SetText(sectionTitle(sectionNames[i]))
		})
	s.nav.OnSelected = func(i widget.ListItemID) {
		if sectionNames[i] != s.current || s.reopen != nil {
			s.show(sectionNames[i])
		}
	}

	saveCopy := widget.NewButtonWithIcon(lang.L("Save a copy…"), theme.DocumentSaveIcon(), u.onSaveCopy)
	brief := widget.NewButtonWithIcon(lang.L("PDF brief…"), theme.DocumentPrintIcon(), s.onBrief)
	merge := widget.NewButtonWithIcon(lang.L("Merge a copy…"), theme.ContentPasteIcon(), s.onMerge)
	importBook := widget.NewButtonWithIcon(lang.L("Import Excel…"), theme.UploadIcon(), s.onImport)
	exportBook := widget.NewButtonWithIcon(lang.L("Export Excel…"), theme.DownloadIcon(), s.onExport)
	template := widget.NewButtonWithIcon(lang.L("Excel template…"), theme.DocumentCreateIcon(), s.onTemplate)
	if f.ReadOnly() {
		merge.Disable() // a read-only file cannot take in changes; the overview says why
		importBook.Disable()
	}
	settings := widget.NewButtonWithIcon(lang.L("Settings…"), theme.SettingsIcon(), u.onSettings)
	closeButton := widget.NewButtonWithIcon(lang.L("Close"), theme.LogoutIcon(), u.showWelcome)
	bar := container.NewHBox(saveCopy, merge, importBook, exportBook, template, brief, settings, closeButton)
	split := container.NewHSplit(s.nav, s.area)
	split.Offset = 0.16
	s.content = container.NewBorder(container.NewPadded(bar), nil, nil, nil, split)
	s.nav.Select(0)
	s.refresh()
	return s, s.overview.name, nil
}

// show shows a section, building it the first time and reading its rows
// again every time.
func (s *workspaceScreen) show(name string) {
	s.current, s.reopen = name, nil
	obj, ok := s.built[name]
	if !ok {
		obj = s.build(name)
		s.built[name] = obj
	} else if l := s.lists[name]; l != nil {
		l.reload()
	}
	s.setContent(obj)
	for i, n := range sectionNames {
		if n == name {
			s.nav.Select(i)
		}
	}
}

func (s *workspaceScreen) setContent(o fyne.CanvasObject) {
	s.area.Objects = []fyne.CanvasObject{o}
	s.area.Refresh()
	s.ui.window.Canvas().Unfocus() // a hidden table or filter must not take keys
}

func (s *workspaceScreen) build(name string) fyne.CanvasObject {
	switch name {
	case secOverview:
		return s.overview.content
	case secCommunity:
		return s.communityScreen()
	case secMap:
		return s.stakeholderMap()
	case secChecks:
		// Its rows come from the checks' runs; registered so that the
		// shortcuts reach its table.
		s.lists[name] = s.checks.view
		return s.checks.content
	}
	lists := map[string]func() lister{
		secConsortia: func() lister { return s.consortiaList() }, secOrganisations: func() lister { return s.organisationsList() },
		secPeople: func() lister { return s.peopleList() }, secRoles: func() lister { return s.rolesList() },
		secGaps: func() lister { return s.gapsList() }, secMeetings: func() lister { return s.meetingsList() },
		secHistory: func() lister { return s.historyList() },
	}
	l := lists[name]()
	s.lists[name] = l
	l.reload()
	return l.view()
}

// changed is called after every change to the workspace: the section or
// page shown is read again, the others when next shown, and the health
// checks run again.
func (s *workspaceScreen) changed() {
	for name := range s.built {
		if name != s.current {
			delete(s.built, name)
			delete(s.lists, name)
		}
	}
	if o, err := newOverview(s); err == nil {
		s.overview = o
		s.built[secOverview] = o.content
		if s.findings != nil {
			o.showFindings(s.findings)
		}
	}
	switch {
	case s.reopen != nil:
		s.reopen()
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
// need a restart to catch up.
func (s *workspaceScreen) refresh() {
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
			s.findings = findings
			s.overview.showFindings(findings)
			s.checks.showFindings(findings)
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
