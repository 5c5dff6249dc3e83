package workspace

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"cpw/translate"
)

// checkDay is the day the check tests run on.
var checkDay = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

// fixture builds small workspaces for the check tests.
type fixture struct {
	t *testing.T
	f *File
}

func newFixture(t *testing.T) *fixture { return &fixture{t, newFile(t)} }

func (x *fixture) role(key string) Role { return must[Role](x.t)(x.f.RoleByKey(key)) }

func (x *fixture) org(name, kind, base string) Organisation {
	return must[Organisation](x.t)(x.f.CreateOrganisation(Organisation{Name: name, Kind: kind, Base: base, Commitment: "active"}))
}

func (x *fixture) person(name, orgID string, resident bool) Person {
	return must[Person](x.t)(x.f.CreatePerson(Person{Name: name, OrganisationID: orgID, Resident: AnswerOf(resident)}))
}

func (x *fixture) consortium(code string) Consortium {
	return must[Consortium](x.t)(x.f.CreateConsortium(Consortium{Code: code, Name: code + " consortium"}))
}

// assign gives a person (or, with org set, an organisation) a seeded role.
func (x *fixture) assign(key string, a Assignment) Assignment {
	a.RoleID = x.role(key).ID
	if a.StartOn == "" {
		a.StartOn = "2025-01-01"
	}
	return must[Assignment](x.t)(x.f.Assign(a))
}

func (x *fixture) end(a Assignment, on string) {
	must[Assignment](x.t)(x.f.EndAssignment(a.ID, on, "left"))
}

// cells makes an area, a segment, a cluster and n cells, and returns the segment and cells.
func (x *fixture) cells(segment string, n int) (Unit, []Unit) {
	area := must[Unit](x.t)(x.f.CreateUnit(Unit{Level: "area", Name: "Area of " + segment}))
	seg := must[Unit](x.t)(x.f.CreateUnit(Unit{Level: "segment", ParentID: area.ID, Name: segment}))
	clu := must[Unit](x.t)(x.f.CreateUnit(Unit{Level: "cluster", ParentID: seg.ID, Name: segment + " cluster 1"}))
	var out []Unit
	for i := 1; i <= n; i++ {
		out = append(out, must[Unit](x.t)(x.f.CreateUnit(Unit{Level: "cell", ParentID: clu.ID, Name: "Cell " + string(rune('0'+i)), Households: 10})))
	}
	return seg, out
}

// findings runs the checks on day and keeps those of one check.
func (x *fixture) findings(check string, day time.Time) []Finding {
	x.t.Helper()
	all, err := x.f.RunChecks(day)
	if err != nil {
		x.t.Fatal(err)
	}
	var out []Finding
	for _, f := range all {
		if f.Check == check {
			out = append(out, f)
		}
	}
	return out
}

// want asserts that the check finds exactly the messages, in order.
func (x *fixture) want(check string, messages ...string) []Finding {
	x.t.Helper()
	got := x.findings(check, checkDay)
	if len(got) != len(messages) {
		var texts []string
		for _, g := range got {
			texts = append(texts, g.Message)
		}
		x.t.Fatalf("%s: %d findings %q, want %q", check, len(got), texts, messages)
	}
	for i, m := range messages {
		if got[i].Message != m {
			x.t.Errorf("%s: finding %q\n want %q", check, got[i].Message, m)
		}
		if got[i].Why == "" || got[i].Fix == "" || got[i].Title == "" || got[i].Severity == "" {
			x.t.Errorf("%s: finding without title, severity, why or fix: %+v", check, got[i])
		}
	}
	return got
}

func TestCatalogue(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range Checks {
		if seen[c.ID] {
			t.Errorf("two checks are called %s", c.ID)
		}
		seen[c.ID] = true
		if c.Title == "" || c.Why == "" || c.Fix == "" || c.run == nil {
			t.Errorf("%s is incomplete", c.ID)
		}
		if n := strings.Count(c.Fix, "%s"); n != len(c.FixRoles) || strings.Count(c.Fix, "%") != n {
			t.Errorf("%s: its fix puts in %d values but names %d roles", c.ID, n, len(c.FixRoles))
		}
		if !strings.Contains(c.Why, "the guide:") && !strings.Contains(c.Why, "the law:") {
			t.Errorf("%s does not say where in the guide (or the law) it comes from", c.ID)
		}
		if c.Severity != SeverityCritical && c.Severity != SeverityWarning && c.Severity != SeverityInfo {
			t.Errorf("%s has severity %q", c.ID, c.Severity)
		}
	}
	if len(Checks) < 19 {
		t.Errorf("%d checks", len(Checks))
	}
}

func TestConsortiumWithoutCountyLead(t *testing.T) {
	x := newFixture(t)
	c := x.consortium("WSE")
	got := x.want("consortium-without-county-lead", "WSE (WSE consortium) has no current Technical lead (local government).")
	if got[0].Subject != (Subject{SubjectConsortium, c.ID, "WSE"}) || got[0].Severity != SeverityCritical {
		t.Errorf("%+v", got[0])
	}
	county := x.org("County Water", "local-government", "local")
	lead := x.assign(RoleTechnicalLeadGovernment, Assignment{PersonID: x.person("Amina Hassan", county.ID, false).ID, ConsortiumID: c.ID})
	x.want("consortium-without-county-lead")

	// An assignment is not held on the day it ends.
	x.end(lead, "2026-06-01")
	if n := len(x.findings("consortium-without-county-lead", checkDay.AddDate(0, 0, -1))); n != 0 {
		t.Errorf("the day before the end: %d findings", n)
	}
	x.want("consortium-without-county-lead", "WSE (WSE consortium) has no current Technical lead (local government).")
}

func TestConsortiumWithoutCivilSocietyLead(t *testing.T) {
	x := newFixture(t)
	c := x.consortium("HLT")
	x.want("consortium-without-civil-society-lead", "HLT (HLT consortium) has no current Technical lead (civil society).")
	x.assign(RoleTechnicalLeadCivil, Assignment{OrganisationID: x.org("Afya Mtaani", "ngo", "local").ID, ConsortiumID: c.ID})
	x.want("consortium-without-civil-society-lead")
}

func TestNoCentralLeadershipTeam(t *testing.T) {
	x := newFixture(t)
	x.want("no-central-leadership-team", "The central leadership team has 0 current members; it needs at least 2.")
	county := x.org("County Planning", "local-government", "local")
	x.assign(RoleCentralLeadershipTeam, Assignment{PersonID: x.person("Director", county.ID, false).ID})
	x.want("no-central-leadership-team", "The central leadership team has 1 current member; it needs at least 2.")
	x.assign(RoleCentralLeadershipTeam, Assignment{PersonID: x.person("Chief Officer", county.ID, false).ID})
	x.want("no-central-leadership-team", "All 2 members of the central leadership team come from government; none from the other constituencies.")
	x.assign(RoleCentralLeadershipTeam, Assignment{PersonID: x.person("Savings leader", "", true).ID})
	x.want("no-central-leadership-team")
	// The threshold is the workspace's own.
	th := must[Thresholds](t)(x.f.Thresholds())
	th.MinCentralTeam = 4
	if err := x.f.SetThresholds(th); err != nil {
		t.Fatal(err)
	}
	x.want("no-central-leadership-team", "The central leadership team has 3 current members; it needs at least 4.")
}

func TestNoChampion(t *testing.T) {
	x := newFixture(t)
	x.want("no-champion", "Nobody currently holds the role Central champion and steward.")
	x.assign(RoleCentralChampion, Assignment{PersonID: x.person("Jane", "", false).ID})
	x.want("no-champion")
}

func TestKeyPersonOverload(t *testing.T) {
	x := newFixture(t)
	c := x.consortium("CCOC")
	p := x.person("Mohamed Gitau", "", false)
	x.assign(RoleCentralChampion, Assignment{PersonID: p.ID})
	x.assign(RoleCentralLeadershipTeam, Assignment{PersonID: p.ID})
	x.assign(RoleCivilSocietyLeader, Assignment{PersonID: p.ID})
	x.assign(RoleElectedLeader, Assignment{PersonID: p.ID}) // not a key role
	x.want("key-person-overload")
	extra := x.assign(RoleTechnicalLeadCivil, Assignment{PersonID: p.ID, ConsortiumID: c.ID})
	got := x.want("key-person-overload", "Mohamed Gitau holds 4 key roles at once (more than 3): Central leadership team member; Central champion and steward; Civil society leader; Technical lead (civil society) (CCOC).")
	if got[0].Subject != (Subject{SubjectPerson, p.ID, "Mohamed Gitau"}) {
		t.Errorf("subject %+v", got[0].Subject)
	}
	x.end(extra, "2026-05-01")
	x.want("key-person-overload")
}

func TestOutsiderInLeadRole(t *testing.T) {
	x := newFixture(t)
	c := x.consortium("FIN")
	intl := x.org("Habitat Research International", "international", "international")
	a := x.assign(RoleTechnicalLeadCivil, Assignment{OrganisationID: intl.ID, ConsortiumID: c.ID})
	x.assign(RoleSectoralPlanner, Assignment{OrganisationID: intl.ID, ConsortiumID: c.ID}) // support is fine
	staff := x.person("Ana Muñoz", x.org("East Africa Foundation", "funder", "regional").ID, false)
	b := x.assign(RoleCivilSocietyLeader, Assignment{PersonID: staff.ID})
	x.want("outsider-in-lead-role",
		"Ana Muñoz, of the regional organisation East Africa Foundation, holds Civil society leader.",
		"Habitat Research International, an international organisation, holds Technical lead (civil society) in FIN.")
	x.end(a, "2026-05-01")
	x.end(b, "2026-05-01")
	x.want("outsider-in-lead-role")
}

func TestSingleOrganisationEngagement(t *testing.T) {
	x := newFixture(t)
	x.want("single-organisation-engagement", "The community engagement and coordination team draws on no organisation (0 current members).")
	fed := x.org("Mukuru Savings Federation", "federation", "local")
	x.assign(RoleCommunityEngagement, Assignment{OrganisationID: fed.ID})
	x.assign(RoleCommunityEngagement, Assignment{PersonID: x.person("Chair", fed.ID, true).ID})
	x.want("single-organisation-engagement", "The community engagement and coordination team draws on 1 organisation (Mukuru Savings Federation); it needs at least 2.")
	x.assign(RoleCommunityEngagement, Assignment{OrganisationID: x.org("Wape Wape Women", "cbo", "local").ID})
	x.want("single-organisation-engagement")
}

func TestConsortiumWithoutCommunityMember(t *testing.T) {
	x := newFixture(t)
	c := x.consortium("LIF")
	x.assign(RoleSectoralPlanner, Assignment{PersonID: x.person("Lawyer", x.org("Haki Ardhi", "ngo", "national").ID, false).ID, ConsortiumID: c.ID})
	x.want("consortium-without-community-member", "No resident, CBO or federation holds a current role in LIF (LIF consortium).")
	x.assign(RoleSectoralPlanner, Assignment{PersonID: x.person("Resident leader", "", true).ID, ConsortiumID: c.ID})
	x.want("consortium-without-community-member")
}

func TestNoElectedLeadersEngaged(t *testing.T) {
	x := newFixture(t)
	x.want("no-elected-leaders-engaged", "Nobody currently holds the role Local elected or administrative leader.")
	x.assign(RoleElectedLeader, Assignment{PersonID: x.person("MCA", "", false).ID})
	x.want("no-elected-leaders-engaged")
}

func TestInterConsortiaMeetingOverdue(t *testing.T) {
	x := newFixture(t)
	a := x.consortium("WSE")
	x.want("inter-consortia-meeting-overdue") // one consortium has nobody to meet
	b := x.consortium("HLT")
	x.want("inter-consortia-meeting-overdue", "No inter-consortia meeting has been recorded for the 2 consortia.")
	m := must[Meeting](t)(x.f.CreateMeeting(Meeting{Kind: "inter-consortia", HeldOn: "2026-01-01", ConsortiumIDs: []string{a.ID, b.ID}}))
	x.want("inter-consortia-meeting-overdue", "The last inter-consortia meeting was on 2026-01-01, 151 days ago (more than 120).")
	m.HeldOn = "2026-02-01"
	must[Meeting](t)(x.f.UpdateMeeting(m))
	x.want("inter-consortia-meeting-overdue")
}

func TestRoleVacant(t *testing.T) {
	x := newFixture(t)
	c := x.consortium("EYC")
	school := x.org("Hope Street", "ngo", "national")
	a := x.assign(RoleTechnicalLeadCivil, Assignment{OrganisationID: school.ID, ConsortiumID: c.ID})
	x.end(a, "2026-05-10") // 22 days before: not yet a vacancy
	x.want("role-vacant")
	a = must[Assignment](t)(x.f.Assignment(a.ID)) // as ended
	must[Assignment](t)(x.f.UpdateAssignment(func() Assignment { a.EndOn = "2026-04-01"; return a }()))
	got := x.want("role-vacant", "Technical lead (civil society) in EYC has been empty since Hope Street left on 2026-04-01, with no successor.")
	if got[0].Subject.Kind != SubjectConsortium || got[0].Subject.ID != c.ID {
		t.Errorf("subject %+v", got[0].Subject)
	}
	// A non-key role left empty is not reported.
	p := x.assign(RoleSectoralPlanner, Assignment{PersonID: x.person("Planner", "", false).ID, ConsortiumID: c.ID})
	x.end(p, "2026-01-01")
	must[Assignment](t)(x.f.Succeed(a.ID, Assignment{OrganisationID: x.org("Elimu Kwa Wote", "ngo", "local").ID, StartOn: "2026-05-20"}, ""))
	x.want("role-vacant")
}

func TestWithdrawnOrganisationInRole(t *testing.T) {
	x := newFixture(t)
	c := x.consortium("EYC")
	org := x.org("Hope Street", "ngo", "national")
	staff := x.person("Jeptoo Wambua", org.ID, false)
	x.assign(RoleSectoralPlanner, Assignment{PersonID: staff.ID, ConsortiumID: c.ID})
	x.assign(RoleActionResearcher, Assignment{OrganisationID: org.ID})
	x.want("withdrawn-organisation-in-role")
	org.Commitment = "withdrawn"
	org = must[Organisation](t)(x.f.UpdateOrganisation(org))
	x.want("withdrawn-organisation-in-role",
		"Hope Street has withdrawn but still holds Action researcher.",
		"Jeptoo Wambua, of Hope Street, which has withdrawn, still holds Sectoral planner in EYC.")
	org.Commitment = "active"
	must[Organisation](t)(x.f.UpdateOrganisation(org))
	x.want("withdrawn-organisation-in-role")
}

func TestMobilizerGenderImbalance(t *testing.T) {
	x := newFixture(t)
	_, cells := x.cells("Sinai", 4)
	for i, g := range []string{"female", "female", "female", "male"} {
		p := must[Person](t)(x.f.CreatePerson(Person{Name: "Mobilizer " + g, Gender: g, Resident: Yes}))
		x.assign(RoleCommunityMobilizer, Assignment{PersonID: p.ID, UnitID: cells[i].ID})
	}
	th := must[Thresholds](t)(x.f.Thresholds())
	th.MobilizerGenderShare = 80
	must[struct{}](t)(struct{}{}, x.f.SetThresholds(th))
	x.want("mobilizer-gender-imbalance") // 75% is within a threshold of 80%
	th.MobilizerGenderShare = 70
	must[struct{}](t)(struct{}{}, x.f.SetThresholds(th))
	x.want("mobilizer-gender-imbalance", "3 of 4 current mobilizers (75%) are Female (more than 70%).")
	p := must[Person](t)(x.f.CreatePerson(Person{Name: "Another", Gender: "male", Resident: Yes}))
	x.assign(RoleCommunityMobilizer, Assignment{PersonID: p.ID, UnitID: cells[0].ID})
	x.want("mobilizer-gender-imbalance")
}

func TestSegmentWithoutMobilizer(t *testing.T) {
	x := newFixture(t)
	seg, cells := x.cells("Kosovo", 2)
	got := x.want("segment-without-mobilizer", "Segment Kosovo (Area of Kosovo) has no current mobilizer in it.")
	if got[0].Subject.ID != seg.ID {
		t.Errorf("subject %+v", got[0].Subject)
	}
	// A mobilizer assigned to a cell covers its segment.
	x.assign(RoleCommunityMobilizer, Assignment{PersonID: x.person("Mobilizer", "", true).ID, UnitID: cells[1].ID})
	x.want("segment-without-mobilizer")
}

func TestCellsWithoutRepresentative(t *testing.T) {
	x := newFixture(t)
	seg, cells := x.cells("Sinai", 4)
	x.assign(RoleRepresentativeCell, Assignment{PersonID: x.person("Rep 1", "", true).ID, UnitID: cells[0].ID})
	got := x.want("cells-without-representative", "Segment Sinai (Area of Sinai): 3 of 4 cells (75%) have no current household representative, covering 30 households.")
	if got[0].Subject != (Subject{SubjectUnit, seg.ID, "Sinai"}) {
		t.Errorf("subject %+v", got[0].Subject)
	}
	for i, c := range cells[1:] {
		x.assign(RoleRepresentativeCell, Assignment{PersonID: x.person("Rep "+string(rune('2'+i)), "", true).ID, UnitID: c.ID})
	}
	x.want("cells-without-representative")
}

func TestNonResidentRepresentative(t *testing.T) {
	x := newFixture(t)
	_, cells := x.cells("Vietnam", 1)
	p := x.person("Joseph Odhiambo", "", false)
	x.assign(RoleRepresentativeCell, Assignment{PersonID: p.ID, UnitID: cells[0].ID})
	x.want("non-resident-representative", "Joseph Odhiambo is household representative (cell) for Area of Vietnam / Vietnam / Vietnam cluster 1 / Cell 1 but is recorded as living elsewhere.")
	p.Resident = Yes
	must[Person](t)(x.f.UpdatePerson(p))
	x.want("non-resident-representative")
}

func TestGapWithoutCandidate(t *testing.T) {
	x := newFixture(t)
	c := x.consortium("WSE")
	g := must[ResourceGap](t)(x.f.CreateResourceGap(ResourceGap{ConsortiumID: c.ID, Title: "Water quality testing", Kind: "data", Priority: "high"}))
	must[ResourceGap](t)(x.f.CreateResourceGap(ResourceGap{Title: "Printing", Kind: "other", Priority: "low"}))
	x.want("gap-without-candidate", "The high-priority gap “Water quality testing” (WSE) has no candidate organisation.")
	lab := x.org("Water Lab", "private-sector", "local")
	cand := must[GapCandidate](t)(x.f.AddCandidate(GapCandidate{GapID: g.ID, OrganisationID: lab.ID, Stage: "declined"}))
	x.want("gap-without-candidate", "The high-priority gap “Water quality testing” (WSE) has no candidate organisation.")
	cand.Stage = "approached"
	must[GapCandidate](t)(x.f.UpdateCandidate(cand))
	x.want("gap-without-candidate")
}

func TestConsortiumMissingTechnicalRole(t *testing.T) {
	x := newFixture(t)
	c := x.consortium("HLT")
	org := x.org("Afya", "ngo", "local")
	x.assign(RoleSectoralPlanner, Assignment{OrganisationID: org.ID, ConsortiumID: c.ID})
	x.assign(RoleSpatialPlanner, Assignment{OrganisationID: org.ID, ConsortiumID: c.ID})
	x.want("consortium-missing-technical-role", "HLT has no current engineer and no open resource gap asking for one.")
	g := must[ResourceGap](t)(x.f.CreateResourceGap(ResourceGap{ConsortiumID: c.ID, Title: "Engineer", Kind: "expertise", RoleID: x.role(RoleEngineer).ID}))
	x.want("consortium-missing-technical-role")
	g.Status = "dropped"
	must[ResourceGap](t)(x.f.UpdateResourceGap(g))
	x.want("consortium-missing-technical-role", "HLT has no current engineer and no open resource gap asking for one.")
	x.assign(RoleEngineer, Assignment{OrganisationID: org.ID, ConsortiumID: c.ID})
	x.want("consortium-missing-technical-role")
}

func TestOverdueAction(t *testing.T) {
	x := newFixture(t)
	owner := x.person("Kiprono Kinyua", "", false)
	m := must[Meeting](t)(x.f.CreateMeeting(Meeting{Kind: "community-forum", HeldOn: "2026-04-01"}))
	a := must[FollowUp](t)(x.f.CreateFollowUp(FollowUp{MeetingID: m.ID, Text: "Draft the letter", OwnerID: owner.ID, DueOn: "2026-05-01"}))
	must[FollowUp](t)(x.f.CreateFollowUp(FollowUp{MeetingID: m.ID, Text: "Later", DueOn: "2026-07-01"}))
	got := x.want("overdue-action", "“Draft the letter” from the community planning forum of 2026-04-01 was due on 2026-05-01 and is not done (owner: Kiprono Kinyua).")
	if got[0].Subject.Kind != SubjectMeeting || got[0].Subject.ID != m.ID {
		t.Errorf("subject %+v", got[0].Subject)
	}
	a.DoneOn = "2026-05-20"
	must[FollowUp](t)(x.f.UpdateFollowUp(a))
	x.want("overdue-action")
}

func TestThresholds(t *testing.T) {
	f := newFile(t)
	if got := must[Thresholds](t)(f.Thresholds()); got != DefaultThresholds {
		t.Errorf("defaults %+v", got)
	}
	th := DefaultThresholds
	th.KeyRoleLimit = 0
	wantCode(t, f.SetThresholds(th), ErrInvalid)
	th.KeyRoleLimit = 5
	if err := f.SetThresholds(th); err != nil {
		t.Fatal(err)
	}
	if got := must[Thresholds](t)(f.Thresholds()); got.KeyRoleLimit != 5 || got.VacancyDays != 30 {
		t.Errorf("%+v", got)
	}
	ch := must[[]Change](t)(f.Changes(ChangeFilter{Entity: "setting"}))
	if len(ch) != 1 || ch[0].Summary != "Key roles one person may hold at once: 3 → 5" {
		t.Errorf("change log %+v", ch)
	}
}

func TestDemoTriggersTenChecks(t *testing.T) {
	f := demoFile(t, DemoSmall)
	all := must[[]Finding](t)(f.RunChecks(demoDay))
	ids := map[string]bool{}
	for _, fd := range all {
		ids[fd.Check] = true
	}
	if len(ids) < 10 {
		t.Errorf("the demo triggers %d checks: %v", len(ids), ids)
	}
	for i := 1; i < len(all); i++ {
		if rank(all[i-1].Severity) > rank(all[i].Severity) {
			t.Fatalf("findings not ordered by severity at %d", i)
		}
	}
}

func rank(s Severity) int {
	for i, v := range Severities {
		if v == s {
			return i
		}
	}
	return 99
}

func TestRoleVacantIgnoresACurrentCoHolder(t *testing.T) {
	x := newFixture(t)
	c := x.consortium("EYC")
	x.assign(RoleTechnicalLeadCivil, Assignment{OrganisationID: x.org("Elimu", "ngo", "local").ID, ConsortiumID: c.ID, StartOn: "2024-01-01"})
	gone := x.assign(RoleTechnicalLeadCivil, Assignment{OrganisationID: x.org("Hope Street", "ngo", "national").ID, ConsortiumID: c.ID, StartOn: "2024-06-01"})
	x.end(gone, "2026-01-01")
	x.want("role-vacant")
}

func TestChecksCountDaysInTheUsersTimeZone(t *testing.T) {
	x := newFixture(t)
	a, b := x.consortium("WSE"), x.consortium("HLT")
	must[Meeting](t)(x.f.CreateMeeting(Meeting{Kind: "inter-consortia", HeldOn: "2026-01-01", ConsortiumIDs: []string{a.ID, b.ID}}))
	nairobi := time.FixedZone("EAT", 3*60*60)
	for _, hour := range []int{1, 12, 23} {
		day := time.Date(2026, 5, 2, hour, 0, 0, 0, nairobi) // 121 days after the meeting
		if got := x.findings("inter-consortia-meeting-overdue", day); len(got) != 1 || !strings.Contains(got[0].Message, "121 days ago") {
			t.Errorf("at %02d:00 in Nairobi: %+v", hour, got)
		}
	}
}

func TestMobilizersAreCountedOnce(t *testing.T) {
	x := newFixture(t)
	_, cells := x.cells("Sinai", 3)
	woman := must[Person](t)(x.f.CreatePerson(Person{Name: "Achieng", Gender: "female", Resident: Yes}))
	man := must[Person](t)(x.f.CreatePerson(Person{Name: "Otieno", Gender: "male", Resident: Yes}))
	for _, c := range cells {
		x.assign(RoleCommunityMobilizer, Assignment{PersonID: woman.ID, UnitID: c.ID})
	}
	x.assign(RoleCommunityMobilizer, Assignment{PersonID: man.ID, UnitID: cells[0].ID})
	x.want("mobilizer-gender-imbalance") // one woman and one man, whatever their number of cells
}

func TestRetiredRolesAreNotDemanded(t *testing.T) {
	x := newFixture(t)
	x.want("no-elected-leaders-engaged", "Nobody currently holds the role Local elected or administrative leader.")
	must[Role](t)(x.f.RetireRole(x.role(RoleElectedLeader).ID, "2026-01-01"))
	x.want("no-elected-leaders-engaged")
	c := x.consortium("WSE")
	must[Role](t)(x.f.RetireRole(x.role(RoleEngineer).ID, "2026-01-01"))
	for _, f := range x.findings("consortium-missing-technical-role", checkDay) {
		if strings.Contains(f.Message, "engineer") && f.Subject.ID == c.ID {
			t.Errorf("a retired role is still asked for: %s", f.Message)
		}
	}
}

func TestSegmentMobilizerAtClusterLevel(t *testing.T) {
	x := newFixture(t)
	seg, cells := x.cells("Kosovo", 1)
	cell := must[Unit](t)(x.f.Unit(cells[0].ID))
	x.assign(RoleCommunityMobilizer, Assignment{PersonID: x.person("Mobilizer", "", true).ID, UnitID: cell.ParentID})
	x.want("segment-without-mobilizer")
	other := must[Unit](t)(x.f.CreateUnit(Unit{Level: "segment", ParentID: must[Unit](t)(x.f.Unit(seg.ParentID)).ID, Name: "Rurie"}))
	x.assign(RoleCommunityMobilizer, Assignment{PersonID: x.person("Segment mobilizer", "", true).ID, UnitID: other.ID})
	x.want("segment-without-mobilizer")
}

// Every finding that names a consortium a role is held in carries that
// consortium, so that the consortium's brief lists it in any language.
func TestFindingsCarryTheirConsortium(t *testing.T) {
	f, err := CreateDemo(filepath.Join(t.TempDir(), "demo.cpw"), DemoOptions{Scale: DemoSmall, Now: demoDay})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	consortia := must[[]Consortium](t)(f.Consortia())
	findings := must[[]Finding](t)(f.RunChecksIn(demoDay, translate.English))
	tagged := 0
	for _, fd := range findings {
		if fd.Consortium != "" {
			tagged++
		}
		for _, c := range consortia {
			named := regexp.MustCompile(`\bin ` + regexp.QuoteMeta(c.Code) + `\b`).MatchString(fd.Message)
			about := fd.Subject.ID == c.ID || fd.Subject.Kind == SubjectGap || fd.Consortium == c.Code
			if named && !about {
				t.Errorf("%s names %s but does not carry it: %s", fd.Check, c.Code, fd.Message)
			}
		}
	}
	if tagged == 0 {
		t.Error("the demo has no finding about a role held in a consortium: the test checks nothing")
	}
}

// An organisation whose base is not recorded, or a person of one, in a lead
// role is neither taken as local nor passed over: the finding says that
// whether it is rooted locally is not known. Its kind decides where it can.
func TestOutsiderInLeadRoleWithBaseNotRecorded(t *testing.T) {
	x := newFixture(t)
	c := x.consortium("FIN")
	ngo := x.org("Makao Trust", "ngo", "")
	x.assign(RoleTechnicalLeadCivil, Assignment{OrganisationID: ngo.ID, ConsortiumID: c.ID})
	staff := x.person("Wanjiku Kamau", ngo.ID, false)
	x.assign(RoleCivilSocietyLeader, Assignment{PersonID: staff.ID})
	// A county department and a CBO are in the country whatever their base says.
	x.assign(RoleTechnicalLeadGovernment, Assignment{OrganisationID: x.org("County Finance", "local-government", "").ID, ConsortiumID: c.ID})
	x.assign(RoleCommunityChampion, Assignment{PersonID: x.person("Mama Njeri", x.org("Sinai Youth", "cbo", "").ID, true).ID})
	// An international organisation by its kind is one, its base unrecorded.
	intl := x.org("World Shelter Network", "international", "")
	x.assign(RoleCentralLeadershipTeam, Assignment{PersonID: x.person("John Smith", intl.ID, false).ID})
	got := x.want("outsider-in-lead-role",
		"John Smith, of the international or regional organisation World Shelter Network, holds Central leadership team member.",
		"Wanjiku Kamau, of Makao Trust, whose base is not recorded, holds Civil society leader: whether that organisation is rooted locally is not known.",
		"Makao Trust, whose base is not recorded, holds Technical lead (civil society) in FIN: whether it is rooted locally is not known.")
	for i, f := range got {
		if f.Severity != SeverityWarning {
			t.Errorf("finding %d: severity %s", i, f.Severity)
		}
	}
	for _, i := range []int{1, 2} {
		if !strings.Contains(got[i].Fix, "Record where") || strings.HasPrefix(got[i].Fix, "Move the lead") {
			t.Errorf("a finding of something not known asks to move the lead: %q", got[i].Fix)
		}
	}
	if got[0].Fix != "Move the lead to a local partner and keep the outside organisation in a supporting role." {
		t.Errorf("fix %q", got[0].Fix)
	}
	if got[2].Consortium != "FIN" || got[2].Subject != (Subject{SubjectOrganisation, ngo.ID, "Makao Trust"}) {
		t.Errorf("%+v", got[2])
	}
	// Once recorded as local, nothing is said.
	ngo.Base = "local"
	must[Organisation](t)(x.f.UpdateOrganisation(ngo))
	x.want("outsider-in-lead-role", "John Smith, of the international or regional organisation World Shelter Network, holds Central leadership team member.")
}

// A representative whose residence is not recorded is not called a
// non-resident; one finding says whose residence is not known.
func TestNonResidentRepresentativeResidenceNotRecorded(t *testing.T) {
	x := newFixture(t)
	_, cells := x.cells("Vietnam", 4)
	unknown := must[Person](t)(x.f.CreatePerson(Person{Name: "Akinyi Otieno"}))
	x.assign(RoleRepresentativeCell, Assignment{PersonID: unknown.ID, UnitID: cells[0].ID})
	got := x.want("non-resident-representative",
		"Whether Akinyi Otieno, household representative (cell) for Area of Vietnam / Vietnam / Vietnam cluster 1 / Cell 1, lives in the settlement is not recorded.")
	if got[0].Subject != (Subject{SubjectPerson, unknown.ID, "Akinyi Otieno"}) || got[0].Severity != SeverityInfo ||
		!strings.HasPrefix(got[0].Fix, "Record whether") {
		t.Errorf("%+v", got[0])
	}
	x.assign(RoleRepresentativeCell, Assignment{PersonID: x.person("Joseph Odhiambo", "", false).ID, UnitID: cells[1].ID})
	for i, name := range []string{"Baraka Mwangi", "Chebet Kiprop", "Dorcas Wafula", "Esther Nduta"} {
		p := must[Person](t)(x.f.CreatePerson(Person{Name: name}))
		x.assign(RoleRepresentativeCell, Assignment{PersonID: p.ID, UnitID: cells[1+i%3].ID})
	}
	got = x.want("non-resident-representative",
		"Joseph Odhiambo is household representative (cell) for Area of Vietnam / Vietnam / Vietnam cluster 1 / Cell 2 but is recorded as living elsewhere.",
		"Whether 5 current household representatives live in the settlement is not recorded: Akinyi Otieno, Baraka Mwangi, Chebet Kiprop and 2 more.")
	if got[1].Subject.Kind != SubjectRole || got[1].Subject.ID != x.role(RoleRepresentativeCell).ID {
		t.Errorf("subject %+v", got[1].Subject)
	}
}

// A holder with no organisation whose residence is not recorded speaks for
// no known constituency: the team's spread is not known, and a gap in the
// record is at most a warning.
func TestCentralTeamWithResidenceNotRecorded(t *testing.T) {
	x := newFixture(t)
	county := x.org("County Planning", "local-government", "local")
	x.assign(RoleCentralLeadershipTeam, Assignment{PersonID: x.person("Director", county.ID, false).ID})
	x.assign(RoleCentralLeadershipTeam, Assignment{PersonID: x.person("Chief Officer", county.ID, false).ID})
	leader := must[Person](t)(x.f.CreatePerson(Person{Name: "Savings leader"}))
	x.assign(RoleCentralLeadershipTeam, Assignment{PersonID: leader.ID})
	got := x.want("no-central-leadership-team",
		"2 of the 3 members of the central leadership team come from government; whether it reaches the other constituencies is not known, since the residence of Savings leader, of no organisation, is not recorded.")
	if got[0].Severity != SeverityWarning || !strings.HasPrefix(got[0].Fix, "Record whether") {
		t.Errorf("%+v", got[0])
	}
	leader.Resident = Yes
	must[Person](t)(x.f.UpdatePerson(leader))
	x.want("no-central-leadership-team")
}

// A consortium whose only community-minded holder may be a resident is not
// said to have none: the finding says whose residence is not recorded.
func TestConsortiumWithoutCommunityMemberResidenceNotRecorded(t *testing.T) {
	x := newFixture(t)
	c := x.consortium("LIF")
	haki := x.org("Haki Ardhi", "ngo", "national")
	x.assign(RoleSectoralPlanner, Assignment{PersonID: x.person("Lawyer", haki.ID, false).ID, ConsortiumID: c.ID})
	planner := must[Person](t)(x.f.CreatePerson(Person{Name: "Planner", OrganisationID: haki.ID}))
	x.assign(RoleSpatialPlanner, Assignment{PersonID: planner.ID, ConsortiumID: c.ID})
	got := x.want("consortium-without-community-member",
		"No CBO or federation holds a current role in LIF (LIF consortium), and none of its holders is recorded as a resident; whether Planner lives in the settlement is not recorded.")
	if !strings.HasPrefix(got[0].Fix, "Record whether") || got[0].Severity != SeverityWarning {
		t.Errorf("%+v", got[0])
	}
	planner.Resident = No
	must[Person](t)(x.f.UpdatePerson(planner))
	x.want("consortium-without-community-member", "No resident, CBO or federation holds a current role in LIF (LIF consortium).")
}

// Mobilizers whose gender is not recorded are not left out of the count
// silently.
func TestMobilizerGenderNotRecorded(t *testing.T) {
	x := newFixture(t)
	_, cells := x.cells("Sinai", 4)
	for i, g := range []string{"female", "female", "female", "male", "", ""} {
		p := must[Person](t)(x.f.CreatePerson(Person{Name: "Mobilizer " + string(rune('A'+i)), Gender: g, Resident: Yes}))
		x.assign(RoleCommunityMobilizer, Assignment{PersonID: p.ID, UnitID: cells[i%4].ID})
	}
	th := must[Thresholds](t)(x.f.Thresholds())
	th.MobilizerGenderShare = 70
	must[struct{}](t)(struct{}{}, x.f.SetThresholds(th))
	got := x.want("mobilizer-gender-imbalance",
		"3 of the 4 current mobilizers whose gender is recorded (75%) are Female (more than 70%); the gender of 2 more is not recorded.")
	if !strings.HasPrefix(got[0].Fix, "Record the gender") {
		t.Errorf("fix %q", got[0].Fix)
	}
}

// Cells with no household count are said so, not counted as none.
func TestCellsWithoutRepresentativeHouseholdsNotCounted(t *testing.T) {
	x := newFixture(t)
	_, cells := x.cells("Sinai", 4)
	cells[3].Households = 0
	must[Unit](t)(x.f.UpdateUnit(cells[3]))
	x.assign(RoleRepresentativeCell, Assignment{PersonID: x.person("Rep 1", "", true).ID, UnitID: cells[0].ID})
	x.want("cells-without-representative",
		"Segment Sinai (Area of Sinai): 3 of 4 cells (75%) have no current household representative, covering 20 households; 1 of those cells has no household count.")
}

// What nobody recorded (an organisation's commitment, influence and base, a
// consortium's status) is neither taken as a value nor breaks a check.
func TestUnrecordedValuesAreNotFacts(t *testing.T) {
	x := newFixture(t)
	c := must[Consortium](t)(x.f.CreateConsortium(Consortium{Code: "HIC", Name: "Housing"}))
	if c.Status != "" {
		t.Fatalf("status %q", c.Status)
	}
	o := must[Organisation](t)(x.f.CreateOrganisation(Organisation{Name: "Pamoja Trust", Kind: "ngo"}))
	if o.Base != "" || o.Commitment != "" || o.Influence != "" {
		t.Fatalf("%+v", o)
	}
	x.assign(RoleTechnicalLeadCivil, Assignment{OrganisationID: o.ID, ConsortiumID: c.ID})
	x.assign(RoleSectoralPlanner, Assignment{PersonID: x.person("Staff", o.ID, false).ID, ConsortiumID: c.ID})
	all := must[[]Finding](t)(x.f.RunChecks(checkDay))
	seen := map[string]int{}
	for _, f := range all {
		seen[f.Check]++
		if strings.Contains(f.Message, "withdrawn") {
			t.Errorf("an unrecorded commitment is taken as withdrawn: %s", f.Message)
		}
	}
	if seen["withdrawn-organisation-in-role"] != 0 || seen["outsider-in-lead-role"] != 1 {
		t.Errorf("findings by check: %v", seen)
	}
}

// A renamed role is named alike in a finding and in its fix, in every
// language: the fix takes the name the catalogue records.
func TestFixNamesRolesAsRecorded(t *testing.T) {
	x := newFixture(t)
	x.consortium("WSE")
	seeded := x.role(RoleTechnicalLeadGovernment).Name
	sw := translate.For("sw")
	for _, language := range []string{"en", "sw"} {
		say := translate.For(language)
		all := must[[]Finding](t)(x.f.RunChecksIn(checkDay, say))
		for _, f := range all {
			if f.Check == "consortium-without-county-lead" && (!strings.Contains(f.Message, seeded) || !strings.Contains(f.Fix, seeded)) {
				t.Errorf("%s: the finding and its fix do not both name %q:\n%s\n%s", language, seeded, f.Message, f.Fix)
			}
		}
	}
	for key, name := range map[string]string{RoleTechnicalLeadGovernment: "County sector lead", RoleTechnicalLeadCivil: "Partner lead",
		RoleSectoralPlanner: "Sector planner"} {
		r := x.role(key)
		r.Name = name
		must[Role](t)(x.f.UpdateRole(r))
	}
	for _, language := range []string{"en", "sw"} {
		all := must[[]Finding](t)(x.f.RunChecksIn(checkDay, translate.For(language)))
		named := map[string]string{"consortium-without-county-lead": "County sector lead", "consortium-without-civil-society-lead": "Partner lead",
			"consortium-without-community-member": "Sector planner"}
		for _, f := range all {
			name, ok := named[f.Check]
			if !ok {
				continue
			}
			delete(named, f.Check)
			if !strings.Contains(f.Fix, name) {
				t.Errorf("%s: the fix of %s does not name %q: %s", language, f.Check, name, f.Fix)
			}
			if f.Check != "consortium-without-community-member" && !strings.Contains(f.Message, name) {
				t.Errorf("%s: the finding of %s does not name %q: %s", language, f.Check, name, f.Message)
			}
			for _, old := range []string{seeded, sw(seeded), "Technical lead (civil society)", sw("Technical lead (civil society)"), "sectoral planner", sw("Sectoral planner")} {
				if strings.Contains(f.Fix, old) {
					t.Errorf("%s: the fix of %s names the seeded role %q: %s", language, f.Check, old, f.Fix)
				}
			}
		}
		if len(named) > 0 {
			t.Errorf("%s: no findings of %v", language, named)
		}
	}
	// A role the check suggests that is no longer in use is not suggested.
	must[Role](t)(x.f.RetireRole(x.role(RoleSectoralPlanner).ID, "2026-01-01"))
	for _, f := range x.findings("consortium-without-community-member", checkDay) {
		if strings.Contains(f.Fix, "Sector planner") {
			t.Errorf("the fix suggests a retired role: %s", f.Fix)
		}
	}
}
