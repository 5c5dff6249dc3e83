package app

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cpw/workspace"
)

// workspaceScreen is an open workspace: an overview and the health checks,
// in tabs, with the actions that concern the whole file above them.
type workspaceScreen struct {
	ui       *ui
	file     *workspace.File
	content  fyne.CanvasObject
	tabs     *container.AppTabs
	overview *overview
	checks   *checksScreen
	findings []workspace.Finding
}

// newWorkspaceScreen builds the screen of an open workspace and returns it
// with the workspace's name, for the window title.
func newWorkspaceScreen(u *ui, f *workspace.File) (*workspaceScreen, string, error) {
	s := &workspaceScreen{ui: u, file: f}
	var err error
	if s.overview, err = newOverview(s); err != nil {
		return nil, "", err
	}
	s.checks = newChecksScreen(s)
	s.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon("Overview", theme.HomeIcon(), s.overview.content),
		container.NewTabItemWithIcon("Checks", theme.WarningIcon(), s.checks.content),
	)
	saveCopy := widget.NewButtonWithIcon("Save a copy…", theme.DocumentSaveIcon(), u.onSaveCopy)
	brief := widget.NewButtonWithIcon("PDF brief…", theme.DocumentPrintIcon(), s.onBrief)
	closeButton := widget.NewButtonWithIcon("Close workspace", theme.LogoutIcon(), u.showWelcome)
	bar := container.NewHBox(saveCopy, brief, closeButton)
	s.content = container.NewBorder(container.NewPadded(bar), nil, nil, nil, s.tabs)
	s.refresh()
	return s, s.overview.name, nil
}

// today is the day the checks are run for.
func (s *workspaceScreen) today() time.Time { return s.ui.now() }

// refresh runs the health checks again off the UI thread and shows the new
// findings; every change to the workspace calls it, so the findings never
// need a restart to catch up.
func (s *workspaceScreen) refresh() {
	f := s.file
	s.ui.background(func() {
		findings, err := f.RunChecks(s.today())
		fyne.Do(func() {
			if s.ui.file != f {
				return // the workspace was closed meanwhile
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

// showChecks switches to the Checks tab.
func (s *workspaceScreen) showChecks() { s.tabs.SelectIndex(1) }

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
