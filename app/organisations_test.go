package app

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cpw/workspace"
)

// An organisation's page lists what it does where: each activity with the
// community unit's path, or the place as the partner wrote it, and its
// status; one is added, corrected and deleted there, as the import would
// record it.
func TestOrganisationPageActivities(t *testing.T) {
	u, _ := openDemo(t)
	s, f := u.screen, u.file
	byAcronym := map[string]workspace.Organisation{}
	orgs, _ := f.Organisations()
	for _, o := range orgs {
		byAcronym[o.Acronym] = o
	}
	for _, c := range []struct {
		acronym string
		want    []string
	}{
		{"MST", []string{"Water kiosks and pipe extension — Mukuru kwa Njenga / Vietnam — Ongoing",
			"Communal toilet block — Mukuru kwa Njenga / Milimani / Milimani cluster 2 — Planned"}},
		{"KNYG", []string{"Youth arts and football league — “Kwa Njenga social hall” — Ongoing"}},
		{"MBA", []string{"River clean-up and tree planting — “Ngong River banks, Reuben” — Not recorded"}},
		{"HAC", []string{"Activities (0)", "None yet: add one, or import a partner's 3W matrix."}},
	} {
		s.enter(secOrganisations)
		s.showOrganisation(byAcronym[c.acronym].ID)
		shown := allText(s.area)
		for _, w := range c.want {
			if !strings.Contains(shown, w) {
				t.Errorf("%s: the page does not list %q:\n%s", c.acronym, w, shown)
			}
		}
	}

	// Added on HAC's page, in a unit chosen by its path.
	hac := byAcronym["HAC"]
	units, _ := f.Units(workspace.UnitFilter{Level: "segment"})
	path, _ := f.UnitPath(units[0].ID)
	tap(t, rowOf(t, s.area, "Activities (0)"), "Add…")
	fill(t, top(t, u), "Activity", "Land tenure clinics")
	fill(t, top(t, u), "Community unit", path)
	fill(t, top(t, u), "Status", "Planned")
	fill(t, top(t, u), "Start", "2026-12-01")
	tap(t, top(t, u), "Add")
	acts, _ := f.Activities(workspace.ActivityFilter{OrganisationID: hac.ID})
	if len(acts) != 1 || acts[0].UnitID != units[0].ID || acts[0].Status != "planned" || acts[0].StartOn != "2026-12-01" {
		t.Fatalf("stored: %+v", acts)
	}

	// Corrected: it is going on.
	line := "Land tenure clinics — " + path + " — Planned"
	tap(t, rowOf(t, s.area, line), "Edit…")
	fill(t, top(t, u), "Status", "Ongoing")
	tap(t, top(t, u), "Save")
	if acts, _ = f.Activities(workspace.ActivityFilter{OrganisationID: hac.ID}); len(acts) != 1 || acts[0].Status != "ongoing" || acts[0].UnitID != units[0].ID {
		t.Fatalf("corrected: %+v", acts)
	}

	// Deleted after the question.
	tap(t, rowOf(t, s.area, "Land tenure clinics — "+path+" — Ongoing"), "Delete…")
	tap(t, top(t, u), "Yes")
	if acts, _ = f.Activities(workspace.ActivityFilter{OrganisationID: hac.ID}); len(acts) != 0 {
		t.Fatalf("not deleted: %+v", acts)
	}
}

// openNewWorkspace writes a new workspace, lets fill put records in it through the
// workspace's API, and opens it in a test window.
func openNewWorkspace(t *testing.T, fill func(f *workspace.File)) *ui {
	t.Helper()
	path := filepath.Join(t.TempDir(), "kibera.cpw")
	f, err := workspace.Create(path, workspace.NewOptions{Name: "Kibera Special Planning Area", Now: demoDay})
	if err != nil {
		t.Fatal(err)
	}
	fill(f)
	f.Close()
	u := testUI(t)
	u.open(path)
	if u.screen == nil {
		t.Fatal("the workspace did not open")
	}
	return u
}

// pageEdit is the Edit… button of the page's bar, which alone has an icon.
func pageEdit(t *testing.T, o fyne.CanvasObject) *widget.Button {
	t.Helper()
	var b *widget.Button
	walk(o, func(c fyne.CanvasObject) {
		if x, isButton := c.(*widget.Button); isButton && x.Text == "Edit…" && x.Icon != nil {
			b = x
		}
	})
	if b == nil {
		t.Fatal("the page has no Edit… button")
	}
	return b
}

// An organisation's page says what it is ("Not recorded" where blank), and
// lists its people (the first ones, with their count), its memberships now
// and before, the roles it and its people hold, the gaps it filled and
// those it is a candidate for, and its activities; the list and the
// stakeholder map open it, and its Edit… changes what is stored.
func TestOrganisationPage(t *testing.T) {
	var org, other workspace.Organisation
	var first workspace.Person
	u := openNewWorkspace(t, func(f *workspace.File) {
		sectors := made[[]workspace.Sector](t)(f.Sectors())
		org = made[workspace.Organisation](t)(f.CreateOrganisation(workspace.Organisation{Name: "Muungano wa Wanavijiji", Acronym: "MWW",
			Kind: "ngo", Commitment: "committed", Stance: "supportive", Influence: "high", SectorIDs: []string{sectors[0].ID}}))
		other = made[workspace.Organisation](t)(f.CreateOrganisation(workspace.Organisation{Name: "Akiba Mashinani Trust", Kind: "ngo"}))
		// More people than a page lists, added in reverse so the page must sort them.
		for i := maxListed + 5; i >= 1; i-- {
			p := made[workspace.Person](t)(f.CreatePerson(workspace.Person{Name: fmt.Sprintf("Member %02d", i), OrganisationID: org.ID}))
			if i == 1 {
				first = p
			}
		}
		stranger := made[workspace.Person](t)(f.CreatePerson(workspace.Person{Name: "Stranger Otieno", OrganisationID: other.ID}))

		hic := made[workspace.Consortium](t)(f.CreateConsortium(workspace.Consortium{Code: "HIC", Name: "Housing, infrastructure and commerce"}))
		wse := made[workspace.Consortium](t)(f.CreateConsortium(workspace.Consortium{Code: "WSE", Name: "Water, sanitation and energy"}))
		made[workspace.ConsortiumMember](t)(f.CreateMember(workspace.ConsortiumMember{ConsortiumID: wse.ID, OrganisationID: org.ID, JoinedOn: "2024-03-01", LeftOn: "2025-01-01"}))
		made[workspace.ConsortiumMember](t)(f.CreateMember(workspace.ConsortiumMember{ConsortiumID: hic.ID, OrganisationID: org.ID, Contribution: "Enumerators", JoinedOn: "2025-02-01"}))
		made[workspace.ConsortiumMember](t)(f.CreateMember(workspace.ConsortiumMember{ConsortiumID: hic.ID, OrganisationID: other.ID, Contribution: "Savings data", JoinedOn: "2025-02-01"}))

		organiser := made[workspace.Role](t)(f.RoleByKey(workspace.RoleCommunityOrganiser))
		researcher := made[workspace.Role](t)(f.RoleByKey(workspace.RoleActionResearcher))
		made[workspace.Assignment](t)(f.Assign(workspace.Assignment{RoleID: organiser.ID, OrganisationID: org.ID, StartOn: "2025-01-01"}))
		made[workspace.Assignment](t)(f.Assign(workspace.Assignment{RoleID: researcher.ID, OrganisationID: org.ID, StartOn: "2023-01-01", EndOn: "2024-01-01"}))
		made[workspace.Assignment](t)(f.Assign(workspace.Assignment{RoleID: organiser.ID, PersonID: first.ID, StartOn: "2025-06-01"}))
		made[workspace.Assignment](t)(f.Assign(workspace.Assignment{RoleID: researcher.ID, PersonID: stranger.ID, StartOn: "2025-06-01"}))

		made[workspace.ResourceGap](t)(f.CreateResourceGap(workspace.ResourceGap{Title: "Enumerators for the census", Kind: "staff-time", Status: "filled", FilledByOrganisationID: org.ID}))
		made[workspace.ResourceGap](t)(f.CreateResourceGap(workspace.ResourceGap{Title: "Drone survey", Kind: "equipment", Status: "filled", FilledByOrganisationID: other.ID}))
		baseMap := made[workspace.ResourceGap](t)(f.CreateResourceGap(workspace.ResourceGap{ConsortiumID: hic.ID, Title: "Base map", Kind: "data"}))
		legal := made[workspace.ResourceGap](t)(f.CreateResourceGap(workspace.ResourceGap{Title: "Legal advice", Kind: "expertise"}))
		made[workspace.GapCandidate](t)(f.AddCandidate(workspace.GapCandidate{GapID: baseMap.ID, OrganisationID: org.ID, Stage: "interested"}))
		made[workspace.GapCandidate](t)(f.AddCandidate(workspace.GapCandidate{GapID: legal.ID, OrganisationID: other.ID}))
	})
	s := u.screen

	// The list opens the page; Edit… stays a row action.
	s.show(secOrganisations)
	l := s.lists[secOrganisations].(*listView[organisationRow])
	for i, r := range l.rows() {
		if r.ID == org.ID {
			l.selectRow(i)
		}
	}
	l.open()
	if s.reopen == nil {
		t.Fatal("opening the organisation in the list did not show its page")
	}
	if !has(texts(s.area), "Edit…") || len(l.extra) == 0 || l.extra[0].Text != "Edit…" {
		t.Error("the list offers no Edit… on a row")
	}
	page := allText(s.area)
	if strings.Contains(page, "Notes:") {
		t.Error("blank notes are shown")
	}
	for _, want := range []string{
		"Muungano wa Wanavijiji (MWW)",
		"Kind: CSO / NGO", "Base: Not recorded", "Commitment: Committed", "Stance: Supportive", "Influence: High",
		"Interests: Not recorded",
		fmt.Sprintf("People (%d)", maxListed+5), "Member 01", fmt.Sprintf("Member %02d", maxListed), "… and 5 more: the People section lists them all.",
		"Consortium memberships (1 now)", "HIC — Enumerators, since 2025-02-01", "WSE, 2024-03-01 to 2025-01-01",
		"Roles held now (1)", "Community organiser, since 2025-01-01",
		"Roles held before (1)", "Action researcher, 2023-01-01 to 2024-01-01",
		"Roles its people hold now (1)", "Member 01: Community organiser, since 2025-06-01",
		"Resource gaps it filled (1)", "Enumerators for the census, for the whole initiative",
		"Resource gaps it is a candidate for (1)", "Base map, for HIC — Interested (not yet filled)",
		"None yet: add one, or import a partner's 3W matrix.",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q:\n%s", want, page)
		}
	}
	for _, not := range []string{fmt.Sprintf("Member %02d", maxListed+1), "Stranger Otieno", "Savings data", "Drone survey", "Legal advice"} {
		if strings.Contains(page, not) {
			t.Errorf("the page shows %q, which is not about the organisation", not)
		}
	}

	// A person listed opens their page.
	tap(t, rowOf(t, s.area, "Member 01"), "Open…")
	if s.current != secPeople || !strings.Contains(allText(s.area), "Roles held now (1)") {
		t.Errorf("Open… did not show the person's page:\n%s", allText(s.area))
	}

	// The stakeholder map opens the page too.
	s.show(secMap)
	tap(t, s.area, "MWW")
	if s.reopen == nil || !strings.Contains(allText(s.area), "Resource gaps it filled (1)") {
		t.Fatalf("the stakeholder map did not open the page:\n%s", allText(s.area))
	}

	// Edit… opens the form; what it saves is stored and shown.
	test.Tap(pageEdit(t, s.area))
	fill(t, top(t, u), "Base", "Local")
	tap(t, top(t, u), "Save")
	if o, _ := u.file.Organisation(org.ID); o.Base != "local" || o.Commitment != "committed" {
		t.Errorf("stored after the edit: %+v", o)
	}
	if !strings.Contains(allText(s.area), "Base: Local") {
		t.Errorf("the page was not drawn anew:\n%s", allText(s.area))
	}
}

// At the Mukuru scale an organisation's page reads only the people and the
// roles it lists: a federation that enrols three thousand residents, many
// of them representatives, shows their count and the first of them.
func TestOrganisationPageAtMukuruScale(t *testing.T) {
	if testing.Short() {
		t.Skip("the Mukuru-scale demo takes a few seconds")
	}
	path := filepath.Join(t.TempDir(), "mukuru.cpw")
	f, err := workspace.CreateDemo(path, workspace.DemoOptions{Scale: workspace.DemoMukuru, Now: demoDay})
	if err != nil {
		t.Fatal(err)
	}
	orgs := made[[]workspace.Organisation](t)(f.Organisations())
	fed := orgs[0]
	everyone := made[[]workspace.Person](t)(f.People(workspace.PersonFilter{}))
	enrolled := 0
	err = f.Batch(true, func(b *workspace.Batch) error {
		for _, p := range everyone {
			if p.OrganisationID == "" && enrolled < 3000 {
				p.OrganisationID = fed.ID
				if _, _, err := workspace.Save(b, p); err != nil {
					return err
				}
				enrolled++
			} else if p.OrganisationID == fed.ID {
				enrolled++
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	members := map[string]bool{}
	for _, p := range made[[]workspace.Person](t)(f.People(workspace.PersonFilter{OrganisationID: fed.ID})) {
		members[p.ID] = true
	}
	held := 0
	for _, a := range made[[]workspace.Assignment](t)(f.Assignments(workspace.AssignmentFilter{CurrentOn: demoDay.Format(workspace.DateLayout)})) {
		if members[a.PersonID] {
			held++
		}
	}
	if held <= maxListed {
		t.Fatalf("its people hold only %d roles", held)
	}
	f.Close()
	u := testUI(t)
	u.open(path)
	s := u.screen
	s.show(secOrganisations)
	start := time.Now()
	s.showOrganisation(fed.ID)
	t.Logf("the page of an organisation of %d people took %v", enrolled, time.Since(start))
	page := allText(s.area)
	for _, want := range []string{fmt.Sprintf("People (%d)", enrolled),
		fmt.Sprintf("… and %d more: the People section lists them all.", enrolled-maxListed),
		fmt.Sprintf("Roles its people hold now (%d)", held), fmt.Sprintf("… and %d more.", held-maxListed)} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q:\n%s", want, page)
		}
	}
	people := 0
	walk(s.area, func(c fyne.CanvasObject) {
		if b, isButton := c.(*widget.Button); isButton && b.Text == "Open…" {
			people++
		}
	})
	// Open… is also on each gap it filled or may fill: a few.
	if people < maxListed || people > maxListed+20 {
		t.Errorf("%d Open… buttons for %d people", people, enrolled)
	}
}
