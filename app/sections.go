package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
)

// The ids of the sections other code opens by name (a finding's record, a
// consortium's gap). They are identifiers, never shown: a section's title
// is.
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
	secPlaceMap      = "Map"
	secChecks        = "Checks"
	secHistory       = "History"
)

// section is one entry of the navigation of an open workspace.
type section struct {
	id string
	// title is the name the navigation shows, in the window's language. It
	// is asked each time, so a language chosen in Settings shows at once;
	// write it as lang.L("…") so that the translation test finds it.
	title func() string
	// icon is asked when the navigation is drawn: the theme cannot be
	// asked before the app runs.
	icon func() fyne.Resource
	// build makes the section's content the first time it is shown. A
	// section that is a list returns it too: it is read again each time
	// the section is shown, and the shortcuts (Ctrl+N, Ctrl+F) reach it.
	build func(s *workspaceScreen) (fyne.CanvasObject, lister)
}

// sections are the sections in the navigation's order; everything that
// names, draws or builds a section reads them. Adding a section is one
// entry here and one new file with its build.
var sections []section

// The table is filled in init: the sections' pages open other sections
// through it, which a variable's own initializer may not refer back to.
func init() {
	sections = []section{
		{secOverview, func() string { return lang.L("Overview") }, theme.HomeIcon,
			func(s *workspaceScreen) (fyne.CanvasObject, lister) { return s.overview.content, nil }},
		{secConsortia, func() string { return lang.L("Consortia") }, theme.GridIcon, listSection((*workspaceScreen).consortiaList)},
		{secOrganisations, func() string { return lang.L("Organisations") }, theme.StorageIcon, listSection((*workspaceScreen).organisationsList)},
		{secPeople, func() string { return lang.L("People") }, theme.AccountIcon, listSection((*workspaceScreen).peopleList)},
		{secRoles, func() string { return lang.L("Roles") }, theme.ListIcon, listSection((*workspaceScreen).rolesList)},
		{secGaps, func() string { return lang.L("Resource gaps") }, theme.WarningIcon, listSection((*workspaceScreen).gapsList)},
		{secMeetings, func() string { return lang.L("Meetings") }, theme.CalendarIcon, listSection((*workspaceScreen).meetingsList)},
		{secCommunity, func() string { return lang.L("Community") }, theme.MenuIcon,
			func(s *workspaceScreen) (fyne.CanvasObject, lister) { return s.communityScreen(), nil }},
		{secPlaceMap, func() string { return lang.L("Map") }, theme.ColorPaletteIcon,
			func(s *workspaceScreen) (fyne.CanvasObject, lister) { return s.placeMapScreen(), nil }},
		{secMap, func() string { return lang.L("Stakeholder map") }, theme.ViewFullScreenIcon,
			func(s *workspaceScreen) (fyne.CanvasObject, lister) { return s.stakeholderMap(), nil }},
		// Its rows come from the checks' runs, not from a load of its own;
		// it is handed over so that the shortcuts reach its table.
		{secChecks, func() string { return lang.L("Checks") }, theme.ErrorIcon,
			func(s *workspaceScreen) (fyne.CanvasObject, lister) { return s.checks.content, s.checks.view }},
		{secHistory, func() string { return lang.L("History") }, theme.HistoryIcon, listSection((*workspaceScreen).historyList)},
	}
}

// listSection builds a section that is one list of records, reading its
// rows the first time it is shown.
func listSection[T any](list func(*workspaceScreen) *listView[T]) func(*workspaceScreen) (fyne.CanvasObject, lister) {
	return func(s *workspaceScreen) (fyne.CanvasObject, lister) {
		l := list(s)
		l.reload()
		return l.view(), l
	}
}

// sectionNamed returns the section with an id, and its place in the
// navigation (-1 when there is none).
func sectionNamed(id string) (section, int) {
	for i, sec := range sections {
		if sec.id == id {
			return sec, i
		}
	}
	return section{}, -1
}

// lister is what the window needs of a section's list: to show it, read it
// again, and reach it with the shortcuts.
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
