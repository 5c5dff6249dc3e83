package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cpw/workspace"
)

// overview shows what a workspace holds at a glance: its details, figures,
// the health checks' findings and its consortia.
type overview struct {
	screen    *workspaceScreen
	content   fyne.CanvasObject
	name      string
	health    *fyne.Container
	consortia []workspace.Consortium
}

func newOverview(s *workspaceScreen) (*overview, error) {
	f := s.file
	in, err := f.Initiative()
	if err != nil {
		return nil, err
	}
	counts, err := f.Counts()
	if err != nil {
		return nil, err
	}
	o := &overview{screen: s, name: in.Name}
	if o.consortia, err = f.Consortia(); err != nil {
		return nil, err
	}

	title := widget.NewLabelWithStyle(in.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	title.Truncation = fyne.TextTruncateEllipsis
	header := container.NewVBox(title, widget.NewLabel(in.Place()))
	if in.Vision != "" {
		vision := widget.NewLabel(in.Vision)
		vision.Wrapping = fyne.TextWrapWord
		header.Add(vision)
	}
	if f.ReadOnly() {
		header.Add(widget.NewLabelWithStyle("Read-only: this file cannot be changed. Save a copy to edit it.", fyne.TextAlignLeading, fyne.TextStyle{Italic: true}))
	}

	figures := container.NewGridWithColumns(4)
	for _, c := range []struct {
		label string
		n     int
	}{{"organisations", counts.Organisations}, {"people", counts.People}, {"consortia", counts.Consortia},
		{"roles in the catalogue", counts.Roles}, {"role assignments", counts.Assignments}, {"resource gaps", counts.Gaps},
		{"meetings", counts.Meetings}, {"community units", counts.Units}} {
		n := widget.NewLabelWithStyle(thousands(c.n), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		figures.Add(container.NewHBox(n, widget.NewLabel(c.label)))
	}

	o.health = container.NewVBox(widget.NewLabel("Running the health checks…"))

	// A handful of consortia: one button each, so a click opens its details.
	consortia := container.NewVBox()
	for _, c := range o.consortia {
		c := c
		b := widget.NewButton(fmt.Sprintf("%s — %s · %s", c.Code, c.Name, workspace.Label(workspace.ConsortiumStatuses, c.Status)), func() {
			s.ui.showSubject(workspace.Subject{Kind: "consortium", ID: c.ID, Name: c.Code})
		})
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		consortia.Add(b)
	}
	if len(o.consortia) == 0 {
		consortia.Add(widget.NewLabel("No consortium yet."))
	}

	section := func(text string) *widget.Label {
		l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.SizeName = theme.SizeNameSubHeadingText
		return l
	}
	body := container.NewVBox(header, figures, widget.NewSeparator(),
		section("Health checks"), o.health, widget.NewSeparator(),
		section(fmt.Sprintf("Consortia (%d)", len(o.consortia))), consortia)
	o.content = container.NewVScroll(container.NewPadded(body))
	return o, nil
}

// overviewFindings is how many of the most serious findings the overview lists.
const overviewFindings = 4

// showFindings shows the checks' summary and the most serious findings.
func (o *overview) showFindings(findings []workspace.Finding) {
	sum := workspace.Summarise(findings)
	summary := widget.NewLabelWithStyle(summaryText(sum), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	all := widget.NewButtonWithIcon("Open the checks", theme.NavigateNextIcon(), o.screen.showChecks)
	objects := []fyne.CanvasObject{container.NewBorder(nil, nil, nil, all, summary)}
	for i, f := range findings {
		if i == overviewFindings {
			objects = append(objects, widget.NewLabel(fmt.Sprintf("… and %d more.", len(findings)-overviewFindings)))
			break
		}
		l := widget.NewLabel(f.Message)
		l.Truncation = fyne.TextTruncateEllipsis
		objects = append(objects, container.NewBorder(nil, nil, widget.NewIcon(severityIcon(f.Severity)), nil, l))
	}
	if len(findings) == 0 {
		objects = append(objects, widget.NewLabel("The checks found nothing to worry about."))
	}
	o.health.Objects = objects
	o.health.Refresh()
}

// summaryText says how many findings there are of each severity.
func summaryText(s workspace.CheckSummary) string {
	return fmt.Sprintf("%s, %s, %s", workspace.Plural(s.Critical, "critical finding", "critical findings"),
		workspace.Plural(s.Warning, "warning", "warnings"), workspace.Plural(s.Info, "note", "notes"))
}

// severityIcon is the icon shown beside findings of a severity.
func severityIcon(severity string) fyne.Resource {
	switch severity {
	case workspace.SeverityCritical:
		return theme.NewErrorThemedResource(theme.ErrorIcon())
	case workspace.SeverityWarning:
		return theme.NewWarningThemedResource(theme.WarningIcon())
	}
	return theme.InfoIcon()
}
