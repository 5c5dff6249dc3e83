package app

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"cpw/workspace"
)

// openNew creates a new workspace, not the demo, and opens it in a test
// window.
func openNew(t *testing.T) *ui {
	t.Helper()
	path := filepath.Join(t.TempDir(), "mukuru.cpw")
	f, err := workspace.Create(path, workspace.NewOptions{Name: "Mukuru SPA", Now: demoDay})
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	u := testUI(t)
	u.open(path)
	if u.screen == nil {
		t.Fatal("the new workspace did not open")
	}
	return u
}

// made fails the test on an error of the workspace setting up a test.
func made[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func roleByKey(t *testing.T, f *workspace.File, key string) workspace.Role {
	t.Helper()
	return made[workspace.Role](t)(f.RoleByKey(key))
}

// held are the assignments stored for a role.
func held(t *testing.T, f *workspace.File, roleID string) []workspace.Assignment {
	t.Helper()
	return made[[]workspace.Assignment](t)(f.Assignments(workspace.AssignmentFilter{RoleID: roleID}))
}

// findingsOf runs the checks and keeps the findings of one check.
func findingsOf(t *testing.T, f *workspace.File, check string) []workspace.Finding {
	t.Helper()
	var out []workspace.Finding
	for _, fd := range made[[]workspace.Finding](t)(f.RunChecks(demoDay)) {
		if fd.Check == check {
			out = append(out, fd)
		}
	}
	return out
}

// refused asserts that the form is still shown with the sentence under
// the field.
func refused(t *testing.T, u *ui, label, sentence string) {
	t.Helper()
	n := note(t, top(t, u), label)
	if !n.Visible() || n.Importance != widget.DangerImportance || !strings.Contains(n.Text, sentence) {
		t.Fatalf("under %s: %q, want %q", label, n.Text, sentence)
	}
}

// From a new workspace, the critical finding that the central leadership
// team is missing is fixed in the window: from the finding itself, from the
// role's page and from a person's page.
func TestAssignCentralLeadership(t *testing.T) {
	u := openNew(t)
	s, f := u.screen, u.file
	team := roleByKey(t, f, workspace.RoleCentralLeadershipTeam)
	county := made[workspace.Organisation](t)(f.CreateOrganisation(workspace.Organisation{Name: "Nairobi County Planning", Kind: "local-government", Base: "local"}))
	ngo := made[workspace.Organisation](t)(f.CreateOrganisation(workspace.Organisation{Name: "Akiba Mashinani Trust", Kind: "ngo", Base: "local"}))
	made[workspace.Person](t)(f.CreatePerson(workspace.Person{Name: "Director Planning", OrganisationID: county.ID}))
	made[workspace.Person](t)(f.CreatePerson(workspace.Person{Name: "Jane Weru", OrganisationID: ngo.ID}))
	leader := made[workspace.Person](t)(f.CreatePerson(workspace.Person{Name: "Mama Wanjiru", Resident: workspace.AnswerOf(true)}))
	s.changed()

	found := findingsOf(t, f, "no-central-leadership-team")
	if len(found) != 1 || found[0].Severity != workspace.SeverityCritical || found[0].Vacant != team.ID {
		t.Fatalf("a new workspace: %+v", found)
	}
	// The overview offers to assign it.
	if !has(texts(s.overview.content), "Assign…") {
		t.Errorf("the overview offers no Assign… for the vacant role: %v", texts(s.overview.content))
	}

	// From the finding, on the checks screen.
	s.show(secChecks)
	s.checks.choose(found[0], true)
	if !s.checks.assign.Visible() {
		t.Fatal("the finding offers no Assign…")
	}
	test := s.checks.assign
	test.OnTapped()
	fill(t, top(t, u), "Person", "Director Planning — Nairobi County Planning")
	tap(t, top(t, u), "Assign")
	as := held(t, f, team.ID)
	if len(as) != 1 || as[0].PersonID == "" || as[0].StartOn != "2026-11-27" || as[0].ConsortiumID != "" || as[0].UnitID != "" {
		t.Fatalf("assigned from the finding: %+v", as)
	}

	// From the role's page.
	s.show(secRoles)
	s.showRole(team.ID)
	tap(t, s.area, "Assign…")
	dlg := top(t, u)
	if _, ok := formField(t, dlg, "Person").(*picker); !ok {
		t.Fatal("the role's form has no person to choose")
	}
	// A person-only role offers no organisation.
	var orgField bool
	walk(dlg, func(o fyne.CanvasObject) {
		if fm, ok := o.(*widget.Form); ok {
			for _, it := range fm.Items {
				orgField = orgField || it.Text == "Organisation"
			}
		}
	})
	if orgField {
		t.Error("a role held by a person offers organisations")
	}
	fill(t, dlg, "Person", "Jane Weru — Akiba Mashinani Trust")
	tap(t, dlg, "Assign")
	if n := len(held(t, f, team.ID)); n != 2 {
		t.Fatalf("%d assignments after the role's page", n)
	}
	if !strings.Contains(allText(s.area), "Jane Weru, since 2026-11-27") {
		t.Errorf("the role's page does not list the new holder:\n%s", allText(s.area))
	}

	// From a person's page: the person is fixed, the role chosen.
	s.show(secPeople)
	s.showPerson(leader.ID)
	tap(t, s.area, "Assign a role…")
	fill(t, top(t, u), "Role", team.Name)
	tap(t, top(t, u), "Assign")
	as = held(t, f, team.ID)
	if len(as) != 3 || as[0].PersonID != leader.ID && as[1].PersonID != leader.ID && as[2].PersonID != leader.ID {
		t.Fatalf("after the person's page: %+v", as)
	}
	if got := findingsOf(t, f, "no-central-leadership-team"); len(got) != 0 {
		t.Errorf("the finding did not clear: %+v", got)
	}
	for _, fd := range s.findings {
		if fd.Check == "no-central-leadership-team" {
			t.Errorf("the window still shows %q", fd.Message)
		}
	}

	// End… on a current holder, from the role's page.
	s.show(secRoles)
	s.showRole(team.ID)
	tap(t, s.area, "End…")
	fill(t, top(t, u), "Reason", "term over")
	tap(t, top(t, u), "End it")
	ended := 0
	for _, a := range held(t, f, team.ID) {
		if a.EndOn == "2026-11-27" && a.EndReason == "term over" {
			ended++
		}
	}
	if ended != 1 {
		t.Errorf("%d assignments ended", ended)
	}
}

// community makes an area, a segment, a cluster and a cell.
func community(t *testing.T, f *workspace.File) (area, segment, cluster, cell workspace.Unit) {
	t.Helper()
	area = made[workspace.Unit](t)(f.CreateUnit(workspace.Unit{Level: "area", Name: "Mukuru Kwa Njenga"}))
	segment = made[workspace.Unit](t)(f.CreateUnit(workspace.Unit{Level: "segment", ParentID: area.ID, Name: "Segment 1"}))
	cluster = made[workspace.Unit](t)(f.CreateUnit(workspace.Unit{Level: "cluster", ParentID: segment.ID, Name: "Cluster 1"}))
	cell = made[workspace.Unit](t)(f.CreateUnit(workspace.Unit{Level: "cell", ParentID: cluster.ID, Name: "Cell 1", Households: 10}))
	return
}

// On a unit's page: a household representative of a cell and a mobilizer;
// a role of another level is not offered; an organisation is refused for a
// role held by a person, and taken for a role that allows it.
func TestAssignOnUnitPage(t *testing.T) {
	u := openNew(t)
	s, f := u.screen, u.file
	_, _, cluster, cell := community(t, f)
	rep := roleByKey(t, f, workspace.RoleRepresentativeCell)
	mobilizer := roleByKey(t, f, workspace.RoleCommunityMobilizer)
	clusterRep := roleByKey(t, f, workspace.RoleRepresentativeCluster)
	water := made[workspace.Role](t)(f.CreateRole(workspace.Role{Name: "Cell water committee", Group: "community", Scope: "unit", Holder: "either"}))
	org := made[workspace.Organisation](t)(f.CreateOrganisation(workspace.Organisation{Name: "Muungano wa Wanavijiji", Kind: "federation", Base: "local"}))
	amina := made[workspace.Person](t)(f.CreatePerson(workspace.Person{Name: "Amina Achieng", Resident: workspace.AnswerOf(true)}))
	made[workspace.Person](t)(f.CreatePerson(workspace.Person{Name: "Otieno Ouma", Resident: workspace.AnswerOf(true)}))
	s.changed()

	s.show(secCommunity)
	s.showUnit(cell.ID)
	page := allText(s.area)
	if strings.Contains(page, "Add unit under it…") {
		t.Error("a cell's page offers a unit under it")
	}
	tap(t, s.area, "Assign a role…")
	role := formField(t, top(t, u), "Role").(*choiceSelect)
	if !has(role.Options, rep.Name) || !has(role.Options, mobilizer.Name) || has(role.Options, clusterRep.Name) {
		t.Errorf("a cell offers %v", role.Options)
	}
	fill(t, top(t, u), "Role", rep.Name)
	fill(t, top(t, u), "Person", "Amina Achieng")
	tap(t, top(t, u), "Assign")
	as := held(t, f, rep.ID)
	if len(as) != 1 || as[0].UnitID != cell.ID || as[0].PersonID != amina.ID {
		t.Fatalf("the cell's representative: %+v", as)
	}
	if !strings.Contains(allText(s.area), rep.Name+": Amina Achieng, since 2026-11-27") {
		t.Errorf("the page does not show the representative:\n%s", allText(s.area))
	}

	// A mobilizer; an organisation is refused for it, and nothing stored.
	tap(t, s.area, "Assign a role…")
	fill(t, top(t, u), "Role", mobilizer.Name)
	fill(t, top(t, u), "Organisation", org.Name)
	tap(t, top(t, u), "Assign")
	refused(t, u, "Organisation", "is held by a person, not an organisation")
	if n := len(held(t, f, mobilizer.ID)); n != 0 {
		t.Fatalf("a refused mobilizer was stored: %d", n)
	}
	fill(t, top(t, u), "Organisation", "")
	fill(t, top(t, u), "Person", "Otieno Ouma")
	tap(t, top(t, u), "Assign")
	if as := held(t, f, mobilizer.ID); len(as) != 1 || as[0].UnitID != cell.ID || as[0].OrganisationID != "" {
		t.Fatalf("the mobilizer: %+v", as)
	}

	// A role an organisation may hold.
	tap(t, s.area, "Assign a role…")
	fill(t, top(t, u), "Role", water.Name)
	fill(t, top(t, u), "Organisation", org.Name)
	tap(t, top(t, u), "Assign")
	if as := held(t, f, water.ID); len(as) != 1 || as[0].OrganisationID != org.ID || as[0].PersonID != "" || as[0].UnitID != cell.ID {
		t.Fatalf("held by an organisation: %+v", as)
	}

	// A unit of the wrong level, typed on the role's own form, is refused
	// in the workspace's words; only cells are offered.
	s.show(secRoles)
	s.showRole(rep.ID)
	tap(t, s.area, "Assign…")
	units := formField(t, top(t, u), "Community unit").(*picker)
	cellPath, clusterPath := made[string](t)(f.UnitPath(cell.ID)), made[string](t)(f.UnitPath(cluster.ID))
	var offered []string
	for _, o := range units.options {
		offered = append(offered, o.label)
	}
	if !slices.Contains(offered, cellPath) || slices.Contains(offered, clusterPath) {
		t.Errorf("a cell's representative is offered %v", offered)
	}
	fill(t, top(t, u), "Person", "Otieno Ouma")
	fill(t, top(t, u), "Community unit", clusterPath)
	tap(t, top(t, u), "Assign")
	refused(t, u, "Community unit", "is held in a cell, not in a cluster")
	if n := len(held(t, f, rep.ID)); n != 1 {
		t.Fatalf("a refused representative was stored: %d", n)
	}
	top(t, u).Hide()

	// An organisation for a role that allows one, from the role's page.
	media := roleByKey(t, f, workspace.RoleLocalMedia)
	s.showRole(media.ID)
	tap(t, s.area, "Assign…")
	fill(t, top(t, u), "Organisation", org.Name)
	tap(t, top(t, u), "Assign")
	if as := held(t, f, media.ID); len(as) != 1 || as[0].OrganisationID != org.ID {
		t.Fatalf("local media: %+v", as)
	}

	// End… on the unit's page ends the representative, kept as history.
	s.show(secCommunity)
	s.showUnit(cell.ID)
	tap(t, s.area, "End…")
	tap(t, top(t, u), "End it")
	now := made[[]workspace.Assignment](t)(f.Assignments(workspace.AssignmentFilter{UnitID: cell.ID, CurrentOn: "2026-11-28"}))
	if len(now) != 2 {
		t.Errorf("after ending one of three, %d are current", len(now))
	}
}

// treeOf is the community tree shown.
func treeOf(t *testing.T, s *workspaceScreen) *unitTree {
	t.Helper()
	var tree *unitTree
	walk(s.area, func(o fyne.CanvasObject) {
		if x, ok := o.(*unitTree); ok {
			tree = x
		}
	})
	if tree == nil {
		t.Fatal("no community tree is shown")
	}
	return tree
}

func button(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var b *widget.Button
	walk(o, func(c fyne.CanvasObject) {
		if x, ok := c.(*widget.Button); ok && x.Text == text && b == nil {
			b = x
		}
	})
	if b == nil {
		t.Fatalf("no button %q in %v", text, texts(o))
	}
	return b
}

// The tree keeps its open branches and the unit chosen after a unit is
// saved; a cell offers no unit under it, and says why; the summary counts
// in the singular.
func TestCommunityTreeKeepsItsState(t *testing.T) {
	u := openNew(t)
	s, f := u.screen, u.file
	area, segment, cluster, cell := community(t, f)
	s.changed()
	s.show(secCommunity)
	if text := allText(s.area); !strings.Contains(text, "1 area, 4 units in all; 10 households;") || !strings.Contains(text, "0 of 1 cell represented") {
		t.Errorf("the summary: %s", text)
	}
	tree := treeOf(t, s)
	if !tree.IsBranchOpen(area.ID) {
		t.Error("the first area is not open")
	}
	tree.OpenBranch(segment.ID)
	tree.OpenBranch(cluster.ID)
	tree.Select(cell.ID)
	add := button(t, s.area, "Add unit under it…")
	if !add.Disabled() || !strings.Contains(allText(s.area), "A cell has no units under it.") {
		t.Error("a cell offers a unit under it")
	}
	tree.Select(cluster.ID)
	if add.Disabled() {
		t.Fatal("a cluster offers no unit under it")
	}
	test := add
	test.OnTapped()
	fill(t, top(t, u), "Name", "Cell 2")
	fill(t, top(t, u), "Households", "12")
	tap(t, top(t, u), "Add")
	cells := made[[]workspace.Unit](t)(f.Units(workspace.UnitFilter{ParentID: cluster.ID}))
	if len(cells) != 2 || cells[1].Name != "Cell 2" || cells[1].Level != "cell" || cells[1].Households != 12 {
		t.Fatalf("cells: %+v", cells)
	}
	again := treeOf(t, s)
	if again == tree {
		t.Fatal("the tree was not built again: the test shows nothing")
	}
	for _, id := range []string{area.ID, segment.ID, cluster.ID} {
		if !again.IsBranchOpen(id) {
			t.Errorf("%s was closed", made[string](t)(f.UnitPath(id)))
		}
	}
	if s.tree.chosen != cluster.ID || button(t, s.area, "Edit…").Disabled() {
		t.Errorf("the cluster is no longer chosen: %q", s.tree.chosen)
	}
	if text := allText(s.area); !strings.Contains(text, "5 units in all; 22 households;") || !strings.Contains(text, "0 of 2 cells represented") {
		t.Errorf("the summary: %s", text)
	}

	// Enter opens the unit chosen, whose page's Add unit under it… adds there.
	again.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if text := allText(s.area); !strings.Contains(text, "Units under it (2)") || !strings.Contains(text, "Cell 2 (Cell) — 12 households") {
		t.Fatalf("the cluster's page:\n%s", text)
	}
	tap(t, s.area, "Add unit under it…")
	fill(t, top(t, u), "Name", "Cell 3")
	tap(t, top(t, u), "Add")
	if cells := made[[]workspace.Unit](t)(f.Units(workspace.UnitFilter{ParentID: cluster.ID})); len(cells) != 3 {
		t.Fatalf("cells: %d", len(cells))
	}
	if !strings.Contains(allText(s.area), "Units under it (3)") {
		t.Errorf("the page was not drawn again:\n%s", allText(s.area))
	}
	// Back, the tree shows the new cell, still open where it was.
	tap(t, s.content, "Back")
	back := treeOf(t, s)
	if !back.IsBranchOpen(cluster.ID) || !strings.Contains(allText(s.area), "6 units in all") {
		t.Errorf("back on the tree: open %v, %s", back.IsBranchOpen(cluster.ID), allText(s.area))
	}
	// Open, and a double tap on a unit's line, open its page.
	tap(t, s.area, "Open")
	if text := allText(s.content); !strings.Contains(text, "Cluster 1 (Cluster)") || !strings.Contains(text, "Units under it (3)") {
		t.Errorf("Open did not show the cluster:\n%s", text)
	}
	tap(t, s.content, "Back")
	line := newUnitLabel(treeOf(t, s))
	line.id = cell.ID
	line.DoubleTapped(nil)
	if text := allText(s.content); !strings.Contains(text, "Cell 1 (Cell)") || !strings.Contains(text, "Representatives and mobilizers now (0)") {
		t.Errorf("a double tap did not show the cell:\n%s", text)
	}
}
