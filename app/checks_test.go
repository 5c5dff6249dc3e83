package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"cpw/reports"
	"cpw/workspace"
)

func TestChecksScreen(t *testing.T) {
	u, _ := openDemo(t)
	s := u.screen
	c := s.checks
	if len(c.all) == 0 || len(c.view.rows()) != len(c.all) {
		t.Fatalf("%d findings, %d shown", len(c.all), len(c.view.rows()))
	}
	if !strings.Contains(c.summary.Text, "critical") {
		t.Errorf("summary %q", c.summary.Text)
	}
	// The overview shows the same findings.
	if !has(texts(s.overview.health), "critical finding") {
		t.Errorf("the overview lacks the summary: %v", texts(s.overview.health))
	}

	c.severity.SetSelected("Critical")
	for _, f := range c.view.rows() {
		if f.Severity != workspace.SeverityCritical {
			t.Fatalf("a %s finding shown under Critical", f.Severity)
		}
	}
	critical := len(c.view.rows())
	c.severity.SetSelectedIndex(0) // all severities
	test.Type(c.view.filter, "ENR")
	if len(c.view.rows()) == 0 || len(c.view.rows()) >= len(c.all) {
		t.Errorf("searching ENR shows %d of %d", len(c.view.rows()), len(c.all))
	}
	c.view.filter.SetText("")
	// Sorted by severity, the critical findings come first; by finding, by title.
	if rows := c.view.rows(); rows[0].Severity != workspace.SeverityCritical {
		t.Errorf("sorted by severity, the first is %s", rows[0].Severity)
	}
	c.view.sortBy(1)
	rows := c.view.rows()
	for i := 1; i < len(rows); i++ {
		if strings.ToLower(rows[i-1].Title) > strings.ToLower(rows[i].Title) {
			t.Fatalf("not sorted by finding: %q before %q", rows[i-1].Title, rows[i].Title)
		}
	}
	c.view.sortBy(0)
	if critical == 0 {
		t.Fatal("the demo has no critical finding")
	}

	// Choosing a finding explains it and leads to its record.
	c.view.selectRow(0)
	f := c.view.rows()[0]
	if c.detailMessage.Text != f.Message || c.detailWhy.Text != f.Why || !c.detail.Visible() {
		t.Errorf("details show %q", c.detailMessage.Text)
	}
	test.Tap(c.open)
	if f.Subject.Kind != "consortium" || s.reopen == nil {
		t.Fatalf("the first finding (%s) did not open its consortium's page", f.Subject.Kind)
	}
	if page := allText(s.area); !strings.Contains(page, "Health-check findings (") || !strings.Contains(page, f.Message) {
		t.Errorf("the consortium's page does not show the finding:\n%s", page)
	}
}

func TestChecksFollowThresholdChanges(t *testing.T) {
	u, _ := openDemo(t)
	s := u.screen
	count := func() int {
		n := 0
		for _, f := range s.checks.all {
			if f.Check == "key-person-overload" {
				n++
			}
		}
		return n
	}
	if count() == 0 {
		t.Fatal("the demo has no overloaded person")
	}
	th, _ := s.file.Thresholds()
	th.KeyRoleLimit = 10
	if err := s.file.SetThresholds(th); err != nil {
		t.Fatal(err)
	}
	s.refresh()
	if count() != 0 {
		t.Error("the findings did not follow the new threshold")
	}
}

// A finding opens its record where it is edited: a page, the
// organisation's form, or a community unit's dialog.
func TestOpenSubject(t *testing.T) {
	u, _ := openDemo(t)
	f := u.file
	consortia, _ := f.Consortia()
	orgs, _ := f.Organisations()
	people, _ := f.People(workspace.PersonFilter{OrganisationID: orgs[0].ID})
	units, _ := f.Units(workspace.UnitFilter{Level: "segment"})
	role, _ := f.RoleByKey(workspace.RoleCommunityMobilizer)
	meetings, _ := f.Meetings()
	gaps, _ := f.ResourceGaps(workspace.GapFilter{})
	for _, c := range []struct {
		subject workspace.Subject
		want    string // on the page or in the dialog
	}{
		{workspace.Subject{Kind: "consortium", ID: consortia[0].ID}, consortia[0].Name},
		{workspace.Subject{Kind: "organisation", ID: orgs[0].ID}, orgs[0].Name},
		{workspace.Subject{Kind: "person", ID: people[0].ID}, people[0].Name},
		{workspace.Subject{Kind: "unit", ID: units[0].ID}, "Units under it"},
		{workspace.Subject{Kind: "role", ID: role.ID}, role.Name},
		{workspace.Subject{Kind: "meeting", ID: meetings[0].ID}, "Decisions ("},
		{workspace.Subject{Kind: "gap", ID: gaps[0].ID}, "Candidate organisations"},
	} {
		u.screen.openSubject(c.subject)
		shown := allText(u.window.Content())
		if top := u.window.Canvas().Overlays().Top(); top != nil {
			shown = allText(top) + strings.Join(texts(top), "\n")
			walk(top, func(o fyne.CanvasObject) { // the form's fields, with their values
				if e, ok := o.(*textEntry); ok {
					shown += "\n" + e.Text
				}
			})
			top.Hide()
		}
		if !strings.Contains(shown, c.want) {
			t.Errorf("opening a %s does not show %q", c.subject.Kind, c.want)
		}
	}
}

func TestBriefFromTheWindow(t *testing.T) {
	u, path := openDemo(t)
	out := filepath.Join(filepath.Dir(path), "wse.pdf")
	u.screen.writeBrief(out, reports.Options{Consortium: "WSE", Date: demoDay})
	if st, err := os.Stat(out); err != nil || st.Size() == 0 {
		t.Fatalf("no brief written: %v", err)
	}
	top := u.window.Canvas().Overlays().Top()
	if top == nil || !has(texts(top), "Open it") {
		t.Error("no offer to open the brief")
	}
	// A failure is shown, not swallowed.
	u.screen.writeBrief(filepath.Join(filepath.Dir(path), "missing", "x.pdf"), reports.Options{Date: demoDay})
	if top := u.window.Canvas().Overlays().Top(); top == nil || !has(texts(top), "does not exist") {
		t.Error("the failure was not shown")
	}
}

func TestMergeFromTheWindow(t *testing.T) {
	u, path := openDemo(t)
	copyPath := filepath.Join(filepath.Dir(path), "wse-lead.cpw")
	if err := u.file.SaveCopy(copyPath); err != nil {
		t.Fatal(err)
	}
	theirs, err := workspace.Open(copyPath)
	if err != nil {
		t.Fatal(err)
	}
	theirs.Now = func() time.Time { return time.Now().Add(72 * time.Hour) }
	if _, err := theirs.CreateOrganisation(workspace.Organisation{Name: "Kibera Youth Group", Kind: "cbo", Base: "local"}); err != nil {
		t.Fatal(err)
	}
	theirs.Close()
	before, _ := u.file.Counts()

	u.screen.previewMerge(copyPath)
	top := u.window.Canvas().Overlays().Top()
	if top == nil || !has(texts(top), "1 record added") || !has(texts(top), "Organisations: 1 added") {
		t.Fatalf("the preview does not say what the merge brings: %v", texts(top))
	}
	if after, _ := u.file.Counts(); after != before {
		t.Fatal("the preview changed the workspace")
	}
	u.screen.merge(copyPath, nil)
	after, _ := u.file.Counts()
	if after.Organisations != before.Organisations+1 {
		t.Errorf("organisations %d → %d", before.Organisations, after.Organisations)
	}
	if !has(texts(u.window.Content()), thousands(after.Organisations)) {
		t.Error("the overview was not redrawn after the merge")
	}
}
