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
	runs     int // how many check runs were started, so a late one cannot overwrite a newer
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
	merge := widget.NewButtonWithIcon("Merge a copy…", theme.ContentPasteIcon(), s.onMerge)
	importBook := widget.NewButtonWithIcon("Import Excel…", theme.UploadIcon(), s.onImport)
	exportBook := widget.NewButtonWithIcon("Export Excel…", theme.DownloadIcon(), s.onExport)
	template := widget.NewButtonWithIcon("Excel template…", theme.DocumentCreateIcon(), s.onTemplate)
	if f.ReadOnly() {
		merge.Disable() // a read-only file cannot take in changes; the overview says why
		importBook.Disable()
	}
	closeButton := widget.NewButtonWithIcon("Close", theme.LogoutIcon(), u.showWelcome)
	bar := container.NewHBox(saveCopy, merge, importBook, exportBook, template, brief, closeButton)
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
