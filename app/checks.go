package app

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cpw/workspace"
)

// checksScreen lists the health checks' findings in a table (sortable,
// filtered as you type and by severity), explains the chosen one beside it
// and leads to the record it is about.
type checksScreen struct {
	screen  *workspaceScreen
	content fyne.CanvasObject

	all    []workspace.Finding
	view   *listView[workspace.Finding]
	chosen *workspace.Finding

	summary  *widget.Label
	severity *widget.Select

	detailTitle   *widget.Label
	detailMessage *widget.Label
	detailWhy     *widget.Label
	detailFix     *widget.Label
	detailCheck   *widget.Label
	open          *widget.Button
	assign        *widget.Button // for a finding that asks someone to take up a role
	detail        fyne.CanvasObject
	empty         *widget.Label
}

var severityRank = map[workspace.Severity]string{workspace.SeverityCritical: "0", workspace.SeverityWarning: "1", workspace.SeverityInfo: "2"}

func newChecksScreen(s *workspaceScreen) *checksScreen {
	c := &checksScreen{screen: s}
	c.summary = widget.NewLabelWithStyle(lang.L("Running the health checks…"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	// The first option shows every severity; the others follow
	// workspace.Severities.
	options := []string{lang.L("All severities")}
	for _, sev := range workspace.Severities {
		options = append(options, findingSeverity(sev))
	}
	c.severity = widget.NewSelect(options, nil)
	c.severity.SetSelectedIndex(0)
	again := widget.NewButtonWithIcon(lang.L("Run again"), theme.ViewRefreshIcon(), s.refresh)
	thresholds := widget.NewButtonWithIcon(lang.L("Thresholds…"), theme.SettingsIcon(), c.onThresholds)

	c.view = newListView(s.ui, lang.L("finding"), lang.L("findings"), []column[workspace.Finding]{
		{title: lang.L("Severity"), width: 120, text: func(f workspace.Finding) string { return findingSeverity(f.Severity) },
			sortKey: func(f workspace.Finding) string { return severityRank[f.Severity] }},
		{title: lang.L("Finding"), width: 280, text: func(f workspace.Finding) string { return f.Title }},
		{title: lang.L("About"), width: 150, text: func(f workspace.Finding) string { return f.Subject.Name }},
		{title: lang.L("What the check found"), width: 700, text: func(f workspace.Finding) string { return f.Message }},
	}, nil)
	// The findings of the chosen severity, picked on the UI thread; the
	// load hands them over.
	c.view.snapshot = func() func() ([]workspace.Finding, error) {
		var shown []workspace.Finding
		var chosen workspace.Severity
		if i := c.severity.SelectedIndex(); i > 0 && i <= len(workspace.Severities) {
			chosen = workspace.Severities[i-1]
		}
		for _, f := range c.all {
			if chosen == "" || f.Severity == chosen {
				shown = append(shown, f)
			}
		}
		return func() ([]workspace.Finding, error) { return shown, nil }
	}
	c.view.onOpen = func(f workspace.Finding) { s.openSubject(f.Subject) }
	c.view.onChoose = c.choose
	c.view.filters = []fyne.CanvasObject{c.severity}
	c.view.build()
	c.severity.OnChanged = func(string) { c.view.reload() }

	wrap := func(style fyne.TextStyle) *widget.Label {
		l := widget.NewLabelWithStyle("", fyne.TextAlignLeading, style)
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	c.detailTitle = wrap(fyne.TextStyle{Bold: true})
	c.detailTitle.SizeName = theme.SizeNameSubHeadingText
	c.detailMessage = wrap(fyne.TextStyle{})
	c.detailWhy = wrap(fyne.TextStyle{})
	c.detailFix = wrap(fyne.TextStyle{})
	c.detailCheck = wrap(fyne.TextStyle{Italic: true})
	c.open = widget.NewButtonWithIcon(lang.L("Open the record"), theme.NavigateNextIcon(), func() {
		if c.chosen != nil {
			s.openSubject(c.chosen.Subject)
		}
	})
	c.open.Importance = widget.HighImportance
	c.assign = widget.NewButtonWithIcon(lang.L("Assign…"), theme.ContentAddIcon(), func() {
		if c.chosen != nil {
			s.assignVacant(*c.chosen)
		}
	})
	heading := func(text string) *widget.Label {
		return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	c.detail = container.NewVScroll(container.NewVBox(c.detailTitle, c.detailMessage,
		heading(lang.L("Why it matters")), c.detailWhy, heading(lang.L("What to do")), c.detailFix,
		container.NewHBox(c.open, c.assign), c.detailCheck))
	c.empty = widget.NewLabel(lang.L("Choose a finding to see why it matters and what to do."))
	c.empty.Wrapping = fyne.TextWrapWord
	detailArea := container.NewStack(c.empty, c.detail)
	c.detail.Hide()

	bar := container.NewBorder(nil, nil, c.summary, container.NewHBox(again, thresholds))
	split := container.NewHSplit(c.view.content, container.NewPadded(detailArea))
	split.Offset = 0.62
	c.content = container.NewBorder(container.NewPadded(bar), nil, nil, nil, split)
	return c
}

// showFindings replaces the findings.
func (c *checksScreen) showFindings(findings []workspace.Finding) {
	c.all = findings
	c.summary.SetText(summaryText(workspace.Summarise(findings)))
	c.view.reload()
	c.choose(workspace.Finding{}, false)
	switch {
	case len(findings) == 0:
		c.empty.SetText(lang.L("The checks found nothing to worry about."))
	default:
		c.empty.SetText(lang.L("Choose a finding to see why it matters and what to do."))
	}
}

// choose shows the chosen finding beside the table (ok false: none).
func (c *checksScreen) choose(f workspace.Finding, ok bool) {
	if c.detail == nil {
		return // the table is being built, before the details beside it
	}
	if !ok {
		c.chosen = nil
		c.detail.Hide()
		c.empty.Show()
		return
	}
	c.chosen = &f
	c.detailTitle.SetText(f.Title)
	c.detailMessage.SetText(f.Message)
	c.detailWhy.SetText(f.Why)
	c.detailFix.SetText(f.Fix)
	c.detailCheck.SetText(fmt.Sprintf(lang.L("%s · check %s"), findingSeverity(f.Severity), f.Check))
	c.open.SetText(openSubjectWords(f.Subject))
	if f.Subject.ID == "" {
		c.open.Hide() // about the initiative, or about something missing (a role no longer in the catalogue)
	} else {
		c.open.Show()
	}
	if f.Vacant != "" && !c.screen.file.ReadOnly() {
		c.assign.Show()
	} else {
		c.assign.Hide()
	}
	c.empty.Hide()
	c.detail.Show()
}

// openSubjectWords is the button that opens a subject: "Open consortium WSE".
func openSubjectWords(s workspace.Subject) string {
	switch s.Kind {
	case workspace.SubjectConsortium:
		return fmt.Sprintf(lang.L("Open consortium %s"), s.Name)
	case workspace.SubjectPerson:
		return fmt.Sprintf(lang.L("Open person %s"), s.Name)
	case workspace.SubjectOrganisation:
		return fmt.Sprintf(lang.L("Open organisation %s"), s.Name)
	case workspace.SubjectUnit:
		return fmt.Sprintf(lang.L("Open community unit %s"), s.Name)
	case workspace.SubjectRole:
		return fmt.Sprintf(lang.L("Open role %s"), s.Name)
	case workspace.SubjectMeeting:
		return fmt.Sprintf(lang.L("Open meeting %s"), s.Name)
	case workspace.SubjectGap:
		return fmt.Sprintf(lang.L("Open resource gap %s"), s.Name)
	}
	return fmt.Sprintf(lang.L("Open %s"), s.Name)
}

// assignVacant opens the "Assign a role" form for the role a finding asks
// someone to take up, in the consortium or the unit it is about.
func (s *workspaceScreen) assignVacant(f workspace.Finding) {
	fixed := workspace.Assignment{RoleID: f.Vacant}
	switch f.Subject.Kind {
	case workspace.SubjectConsortium:
		fixed.ConsortiumID = f.Subject.ID
	case workspace.SubjectUnit:
		fixed.UnitID = f.Subject.ID
	}
	s.assignRole(fixed, nil)
}

// onThresholds lets the user change the workspace's check thresholds.
func (c *checksScreen) onThresholds() {
	s := c.screen
	th, err := s.file.Thresholds()
	if err != nil {
		s.ui.showError(err)
		return
	}
	var items []*widget.FormItem
	entries := map[string]*widget.Entry{}
	for _, field := range workspace.ThresholdFields {
		field := field
		e := widget.NewEntry()
		e.SetText(strconv.Itoa(field.Get(th)))
		e.Validator = func(text string) error {
			n, err := strconv.Atoi(strings.TrimSpace(text))
			if err != nil || n < field.Min || n > field.Max {
				return fmt.Errorf(lang.L("a whole number from %d to %d"), field.Min, field.Max)
			}
			return nil
		}
		entries[field.Key] = e
		item := widget.NewFormItem(field.Shown(), e)
		item.HintText = fmt.Sprintf(lang.L("%d to %d; the default is %d"), field.Min, field.Max, field.Get(workspace.DefaultThresholds))
		items = append(items, item)
	}
	d := dialog.NewForm(lang.L("Check thresholds"), lang.L("Save"), lang.L("Cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		next := th
		for _, field := range workspace.ThresholdFields {
			n, _ := strconv.Atoi(strings.TrimSpace(entries[field.Key].Text))
			field.Set(&next, n)
		}
		if err := s.file.SetThresholdsFrom(th, next); err != nil {
			s.ui.showError(err)
			return
		}
		s.refresh()
	}, s.ui.window)
	d.Resize(fyne.NewSize(720, 560))
	d.Show()
}

// openSubject opens the record a finding is about where it is edited: its
// page, or its form.
func (s *workspaceScreen) openSubject(sub workspace.Subject) {
	switch sub.Kind {
	case workspace.SubjectConsortium:
		s.enter(secConsortia)
		s.showConsortium(sub.ID)
	case workspace.SubjectPerson:
		s.enter(secPeople)
		s.showPerson(sub.ID)
	case workspace.SubjectRole:
		s.enter(secRoles)
		s.showRole(sub.ID)
	case workspace.SubjectMeeting:
		s.enter(secMeetings)
		s.showMeeting(sub.ID)
	case workspace.SubjectOrganisation:
		s.enter(secOrganisations)
		s.showOrganisation(sub.ID)
	case workspace.SubjectGap:
		s.enter(secGaps)
		s.showGap(sub.ID)
	case workspace.SubjectUnit:
		s.enter(secCommunity)
		s.showUnit(sub.ID)
	}
}
