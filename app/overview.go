package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
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
		header.Add(widget.NewLabelWithStyle(lang.L("Read-only: this file cannot be changed. Save a copy to edit it."), fyne.TextAlignLeading, fyne.TextStyle{Italic: true}))
	}

	// The figures wrap to fewer a row when the window is narrow or their
	// words long, rather than widening the window.
	var cells []fyne.CanvasObject
	var cell fyne.Size
	for _, c := range []struct {
		format string // the number's place is %s
		n      int
	}{{lang.L("%s organisations"), counts.Organisations}, {lang.L("%s people"), counts.People}, {lang.L("%s consortia"), counts.Consortia},
		{lang.L("%s roles in the catalogue"), counts.Roles}, {lang.L("%s role assignments"), counts.Assignments}, {lang.L("%s resource gaps"), counts.Gaps},
		{lang.L("%s meetings"), counts.Meetings}, {lang.L("%s community units"), counts.Units}} {
		fig := figure(c.format, c.n)
		cell = cell.Max(fig.MinSize())
		cells = append(cells, fig)
	}
	figures := container.NewGridWrap(cell.AddWidthHeight(theme.Padding()*4, 0), cells...)

	o.health = container.NewVBox(widget.NewLabel(lang.L("Running the health checks…")))

	// A handful of consortia: one button each, so a click opens its details.
	consortia := container.NewVBox()
	for _, c := range o.consortia {
		c := c
		b := widget.NewButton(fmt.Sprintf("%s — %s · %s", c.Code, c.Name, workspace.Label(workspace.ConsortiumStatuses, c.Status)), func() {
			s.show(secConsortia)
			s.showConsortium(c.ID)
		})
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		consortia.Add(b)
	}
	if len(o.consortia) == 0 {
		consortia.Add(widget.NewLabel(lang.L("No consortium yet.")))
	}

	section := func(text string) *widget.Label {
		l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.SizeName = theme.SizeNameSubHeadingText
		return l
	}
	partners, byStatus, gapsChart, latest, err := o.breakdowns(in.Currency)
	if err != nil {
		return nil, err
	}
	body := container.NewVBox(header, figures, widget.NewSeparator(),
		section(lang.L("Health checks")), o.health, widget.NewSeparator(),
		section(lang.L("Partners by kind")), partners, section(lang.L("Consortia by status")), byStatus, widget.NewSeparator(),
		section(lang.L("Open resource gaps per consortium")), gapsChart, widget.NewSeparator(),
		section(fmt.Sprintf(lang.L("Consortia (%d)"), len(o.consortia))), consortia, widget.NewSeparator(),
		section(lang.L("Latest changes")), latest)
	o.content = container.NewVScroll(container.NewPadded(body))
	return o, nil
}

// figure is a count in bold within its words, where the translated format
// puts it ("%s organisations").
func figure(format string, n int) fyne.CanvasObject {
	box := container.NewHBox()
	before, after, _ := strings.Cut(format, "%s")
	if t := strings.TrimSpace(before); t != "" {
		box.Add(widget.NewLabel(t))
	}
	box.Add(widget.NewLabelWithStyle(thousands(n), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	if t := strings.TrimSpace(after); t != "" {
		box.Add(widget.NewLabel(t))
	}
	return box
}

// overviewFindings is how many of the most serious findings the overview lists.
const overviewFindings = 4

// showFindings shows the checks' summary and the most serious findings.
func (o *overview) showFindings(findings []workspace.Finding) {
	sum := workspace.Summarise(findings)
	summary := widget.NewLabelWithStyle(summaryText(sum), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	all := widget.NewButtonWithIcon(lang.L("Open the checks"), theme.NavigateNextIcon(), o.screen.showChecks)
	objects := []fyne.CanvasObject{container.NewBorder(nil, nil, nil, all, summary)}
	for i, f := range findings {
		if i == overviewFindings {
			objects = append(objects, widget.NewLabel(fmt.Sprintf(lang.L("… and %d more."), len(findings)-overviewFindings)))
			break
		}
		l := widget.NewLabel(f.Message)
		l.Truncation = fyne.TextTruncateEllipsis
		var assign fyne.CanvasObject
		if f.Vacant != "" && !o.screen.file.ReadOnly() {
			assign = widget.NewButtonWithIcon(lang.L("Assign…"), theme.ContentAddIcon(), func() { o.screen.assignVacant(f) })
		}
		objects = append(objects, container.NewBorder(nil, nil, widget.NewIcon(severityIcon(f.Severity)), assign, l))
	}
	if len(findings) == 0 {
		objects = append(objects, widget.NewLabel(lang.L("The checks found nothing to worry about.")))
	}
	o.health.Objects = objects
	o.health.Refresh()
}

// summaryText says how many findings there are of each severity.
func summaryText(s workspace.CheckSummary) string {
	critical := byCount(s.Critical, lang.L("1 critical finding"), lang.L("%s critical findings"))
	warnings := byCount(s.Warning, lang.L("1 warning"), lang.L("%s warnings"))
	notes := byCount(s.Info, lang.L("1 note"), lang.L("%s notes"))
	return fmt.Sprintf("%s, %s, %s", critical, warnings, notes)
}

// severityIcon is the icon shown beside findings of a severity.
func severityIcon(severity workspace.Severity) fyne.Resource {
	switch severity {
	case workspace.SeverityCritical:
		return theme.NewErrorThemedResource(theme.ErrorIcon())
	case workspace.SeverityWarning:
		return theme.NewWarningThemedResource(theme.WarningIcon())
	}
	return theme.InfoIcon()
}

// breakdowns are the overview's tallies: partners by kind, consortia by
// status, a bar chart of open gaps and missing money per consortium, and
// the latest changes.
func (o *overview) breakdowns(currency string) (partners, byStatus, chart, latest fyne.CanvasObject, err error) {
	f := o.screen.file
	orgs, err := f.Organisations()
	if err != nil {
		return nil, nil, nil, nil, err
	}
	kinds := map[string]int{}
	for _, org := range orgs {
		kinds[org.Kind]++
	}
	list := container.NewGridWithColumns(3)
	for _, k := range workspace.OrganisationKinds {
		if kinds[k.Key] > 0 {
			list.Add(tally(kinds[k.Key], k.Shown()))
		}
	}
	if len(orgs) == 0 {
		list.Add(widget.NewLabel(lang.L("No partner yet.")))
	}
	statuses := map[string]int{}
	for _, c := range o.consortia {
		statuses[c.Status]++
	}
	status := container.NewGridWithColumns(3)
	for _, st := range workspace.ConsortiumStatuses {
		if statuses[st.Key] > 0 {
			status.Add(tally(statuses[st.Key], st.Shown()))
		}
	}
	gaps, err := f.ResourceGaps(workspace.GapFilter{})
	if err != nil {
		return nil, nil, nil, nil, err
	}
	open := map[string]int{}
	missing := map[string]int64{}
	var total int64
	count := 0
	for _, g := range gaps {
		if g.IsOpen() {
			open[g.ConsortiumID]++
			missing[g.ConsortiumID] += g.Missing()
			total += g.Missing()
			count++
		}
	}
	var bars []bar
	for _, c := range o.consortia {
		bars = append(bars, bar{c.Code, open[c.ID], fmt.Sprintf(lang.L("%d open, %s %s missing"), open[c.ID], currency, thousands64(missing[c.ID]))})
	}
	if open[""] > 0 {
		bars = append(bars, bar{lang.L("Initiative"), open[""], fmt.Sprintf(lang.L("%d open, %s %s missing"), open[""], currency, thousands64(missing[""]))})
	}
	chartBox := container.NewVBox(widget.NewLabel(fmt.Sprintf(lang.L("%s open gaps; %s %s still to find."), thousands(count), currency, thousands64(total))), barChart(bars))
	changes, err := f.Changes(workspace.ChangeFilter{Limit: 6})
	if err != nil {
		return nil, nil, nil, nil, err
	}
	recent := container.NewVBox()
	for _, c := range changes {
		l := widget.NewLabel(strings.Replace(c.At[:min(len(c.At), 16)], "T", " ", 1) + "  " + c.Summary)
		l.Truncation = fyne.TextTruncateEllipsis
		recent.Add(l)
	}
	if len(changes) == 0 {
		recent.Add(widget.NewLabel(lang.L("Nothing yet.")))
	}
	more := widget.NewButtonWithIcon(lang.L("Open the history"), theme.NavigateNextIcon(), func() { o.screen.show(secHistory) })
	return list, status, chartBox, container.NewBorder(nil, nil, nil, container.NewVBox(more), recent), nil
}

func tally(n int, label string) fyne.CanvasObject {
	return container.NewHBox(widget.NewLabelWithStyle(thousands(n), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}), widget.NewLabel(label))
}

// bar is one bar of a chart: its label, its length and what it says.
type bar struct {
	label string
	n     int
	text  string
}

// barChart draws horizontal bars, each as long as its share of the longest.
func barChart(bars []bar) fyne.CanvasObject {
	most := 1
	for _, b := range bars {
		most = max(most, b.n)
	}
	rows := container.NewVBox()
	for _, b := range bars {
		fill := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
		fill.CornerRadius = 3
		length := float32(b.n) / float32(most)
		rows.Add(container.NewBorder(nil, nil,
			container.NewGridWrap(fyne.NewSize(90, 30), widget.NewLabelWithStyle(b.label, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})),
			nil,
			container.New(&barLayout{share: length}, fill, widget.NewLabel(b.text))))
	}
	return rows
}

// barLayout gives the bar its share of the width (at most 60%) and puts
// the text after it.
type barLayout struct{ share float32 }

func (l *barLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w := size.Width * 0.6 * l.share
	objs[0].Move(fyne.NewPos(0, size.Height*0.2))
	objs[0].Resize(fyne.NewSize(w, size.Height*0.6))
	objs[1].Move(fyne.NewPos(w+4, 0))
	objs[1].Resize(fyne.NewSize(max(size.Width-w-4, 0), size.Height))
}

func (l *barLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(200, objs[1].MinSize().Height)
}
