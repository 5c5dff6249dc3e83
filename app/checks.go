package app

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cpw/workspace"
)

// checksScreen lists the health checks' findings by severity, explains the
// chosen one and leads to the record it is about.
type checksScreen struct {
	screen  *workspaceScreen
	content fyne.CanvasObject

	all      []workspace.Finding
	shown    []workspace.Finding
	selected int // index in shown, -1 for none

	summary  *widget.Label
	severity *widget.Select
	search   *widget.Entry
	list     *widget.List

	detailTitle   *widget.Label
	detailMessage *widget.Label
	detailWhy     *widget.Label
	detailFix     *widget.Label
	detailCheck   *widget.Label
	open          *widget.Button
	detail        fyne.CanvasObject
	empty         *widget.Label
}

const allSeverities = "All severities"

var severityLabels = map[string]string{
	workspace.SeverityCritical: "Critical", workspace.SeverityWarning: "Warning", workspace.SeverityInfo: "For information",
}

func newChecksScreen(s *workspaceScreen) *checksScreen {
	c := &checksScreen{screen: s, selected: -1}
	c.summary = widget.NewLabelWithStyle("Running the health checks…", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	options := []string{allSeverities}
	for _, sev := range workspace.Severities {
		options = append(options, severityLabels[sev])
	}
	c.severity = widget.NewSelect(options, func(string) { c.apply() })
	c.severity.SetSelected(allSeverities)
	c.search = widget.NewEntry()
	c.search.SetPlaceHolder("Find in findings (a name, a consortium, a check)…")
	c.search.OnChanged = func(string) { c.apply() }
	again := widget.NewButtonWithIcon("Run again", theme.ViewRefreshIcon(), s.refresh)
	thresholds := widget.NewButtonWithIcon("Thresholds…", theme.SettingsIcon(), c.onThresholds)

	c.list = widget.NewList(
		func() int { return len(c.shown) },
		func() fyne.CanvasObject {
			title := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			title.Truncation = fyne.TextTruncateEllipsis
			msg := widget.NewLabel("")
			msg.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, widget.NewIcon(theme.InfoIcon()), nil, container.NewVBox(title, msg))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			f := c.shown[i]
			row := o.(*fyne.Container)
			texts := row.Objects[0].(*fyne.Container)
			texts.Objects[0].(*widget.Label).SetText(f.Title + " — " + f.Subject.Name)
			texts.Objects[1].(*widget.Label).SetText(f.Message)
			row.Objects[1].(*widget.Icon).SetResource(severityIcon(f.Severity))
		})
	c.list.OnSelected = func(i widget.ListItemID) { c.choose(i) }

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
	c.open = widget.NewButtonWithIcon("Open the record", theme.NavigateNextIcon(), func() {
		if c.selected >= 0 && c.selected < len(c.shown) {
			s.openSubject(c.shown[c.selected].Subject)
		}
	})
	c.open.Importance = widget.HighImportance
	heading := func(text string) *widget.Label {
		return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	c.detail = container.NewVScroll(container.NewVBox(c.detailTitle, c.detailMessage,
		heading("Why it matters"), c.detailWhy, heading("What to do"), c.detailFix,
		container.NewHBox(c.open), c.detailCheck))
	c.empty = widget.NewLabel("Choose a finding to see why it matters and what to do.")
	c.empty.Wrapping = fyne.TextWrapWord
	detailArea := container.NewStack(c.empty, c.detail)
	c.detail.Hide()

	bar := container.NewBorder(nil, nil, container.NewHBox(c.summary, c.severity), container.NewHBox(again, thresholds), c.search)
	split := container.NewHSplit(c.list, container.NewPadded(detailArea))
	split.Offset = 0.55
	c.content = container.NewPadded(container.NewBorder(bar, nil, nil, nil, split))
	return c
}

// showFindings replaces the findings, keeping the chosen one when it is still there.
func (c *checksScreen) showFindings(findings []workspace.Finding) {
	var keep *workspace.Finding
	if c.selected >= 0 && c.selected < len(c.shown) {
		f := c.shown[c.selected]
		keep = &f
	}
	c.all = findings
	c.summary.SetText(summaryText(workspace.Summarise(findings)))
	c.apply()
	if keep != nil {
		for i, f := range c.shown {
			if f.Check == keep.Check && f.Subject == keep.Subject {
				c.list.Select(i)
				return
			}
		}
	}
}

// apply narrows the findings to the chosen severity and the search text.
func (c *checksScreen) apply() {
	if c.list == nil {
		return
	}
	words := strings.Fields(strings.ToLower(c.search.Text))
	c.shown = c.shown[:0]
	for _, f := range c.all {
		if c.severity.Selected != allSeverities && severityLabels[f.Severity] != c.severity.Selected {
			continue
		}
		text := strings.ToLower(f.Check + " " + f.Title + " " + f.Message + " " + f.Subject.Name)
		match := true
		for _, w := range words {
			if !strings.Contains(text, w) {
				match = false
				break
			}
		}
		if match {
			c.shown = append(c.shown, f)
		}
	}
	c.selected = -1
	c.list.UnselectAll()
	c.list.Refresh()
	c.detail.Hide()
	c.empty.Show()
	if len(c.all) > 0 && len(c.shown) == 0 {
		c.empty.SetText("No finding matches.")
	} else if len(c.all) == 0 {
		c.empty.SetText("The checks found nothing to worry about.")
	} else {
		c.empty.SetText("Choose a finding to see why it matters and what to do.")
	}
}

func (c *checksScreen) choose(i int) {
	if i < 0 || i >= len(c.shown) {
		return
	}
	c.selected = i
	f := c.shown[i]
	c.detailTitle.SetText(f.Title)
	c.detailMessage.SetText(f.Message)
	c.detailWhy.SetText(f.Why)
	c.detailFix.SetText(f.Fix)
	c.detailCheck.SetText(fmt.Sprintf("%s · check %s", severityLabels[f.Severity], f.Check))
	c.open.SetText("Open " + subjectWords(f.Subject))
	if f.Subject.Kind == "workspace" {
		c.open.Hide()
	} else {
		c.open.Show()
	}
	c.empty.Hide()
	c.detail.Show()
}

// subjectWords names a subject for a button: "consortium WSE".
func subjectWords(s workspace.Subject) string {
	kind := map[string]string{"unit": "community unit", "gap": "resource gap"}[s.Kind]
	if kind == "" {
		kind = s.Kind
	}
	return kind + " " + s.Name
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
				return fmt.Errorf("a whole number from %d to %d", field.Min, field.Max)
			}
			return nil
		}
		entries[field.Key] = e
		item := widget.NewFormItem(field.Label, e)
		item.HintText = fmt.Sprintf("%d to %d; the default is %d", field.Min, field.Max, field.Get(workspace.DefaultThresholds))
		items = append(items, item)
	}
	d := dialog.NewForm("Check thresholds", "Save", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		next := th
		for _, field := range workspace.ThresholdFields {
			n, _ := strconv.Atoi(strings.TrimSpace(entries[field.Key].Text))
			field.Set(&next, n)
		}
		if err := s.file.SetThresholds(next); err != nil {
			s.ui.showError(err)
			return
		}
		s.refresh()
	}, s.ui.window)
	d.Resize(fyne.NewSize(720, 560))
	d.Show()
}

// openSubject opens the record a finding is about where it is edited: its
// page, or its form; a community unit in its dialog.
func (s *workspaceScreen) openSubject(sub workspace.Subject) {
	f := s.file
	switch sub.Kind {
	case "consortium":
		s.show(secConsortia)
		s.showConsortium(sub.ID)
	case "person":
		s.show(secPeople)
		s.showPerson(sub.ID)
	case "role":
		s.show(secRoles)
		s.showRole(sub.ID)
	case "meeting":
		s.show(secMeetings)
		s.showMeeting(sub.ID)
	case "organisation":
		if o, err := f.Organisation(sub.ID); err == nil {
			s.editOrganisation(o)
			return
		}
		s.ui.showSubject(sub)
	case "gap":
		s.show(secGaps)
		s.showGap(sub.ID)
	default:
		s.ui.showSubject(sub)
	}
}
