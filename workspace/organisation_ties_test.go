package workspace

import (
	"fmt"
	"strings"
	"testing"
)

// An organisation's ties are read for it alone: its people a page at a time
// with their count, its memberships, the gaps it filled and those it is a
// candidate for, and the roles its people hold on a day.
func TestOrganisationTies(t *testing.T) {
	f := newFile(t)
	org := must[Organisation](t)(f.CreateOrganisation(Organisation{Name: "Muungano wa Wanavijiji", Kind: "ngo"}))
	other := must[Organisation](t)(f.CreateOrganisation(Organisation{Name: "Akiba Mashinani Trust", Kind: "ngo"}))
	var mine []Person
	for i := 5; i >= 1; i-- {
		mine = append(mine, must[Person](t)(f.CreatePerson(Person{Name: fmt.Sprintf("member %d", i), OrganisationID: org.ID})))
	}
	stranger := must[Person](t)(f.CreatePerson(Person{Name: "a stranger", OrganisationID: other.ID}))

	people, n, err := f.OrganisationPeople(org.ID, 3)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range people {
		names = append(names, p.Name)
	}
	if n != 5 || strings.Join(names, ",") != "member 1,member 2,member 3" {
		t.Errorf("people: %d in all, first %v", n, names)
	}

	c1 := must[Consortium](t)(f.CreateConsortium(Consortium{Code: "WSE", Name: "Water, sanitation and energy"}))
	c2 := must[Consortium](t)(f.CreateConsortium(Consortium{Code: "HIC", Name: "Housing, infrastructure and commerce"}))
	must[ConsortiumMember](t)(f.CreateMember(ConsortiumMember{ConsortiumID: c1.ID, OrganisationID: org.ID, JoinedOn: "2024-03-01", LeftOn: "2025-01-01"}))
	must[ConsortiumMember](t)(f.CreateMember(ConsortiumMember{ConsortiumID: c2.ID, OrganisationID: org.ID, JoinedOn: "2025-02-01"}))
	must[ConsortiumMember](t)(f.CreateMember(ConsortiumMember{ConsortiumID: c2.ID, OrganisationID: other.ID, JoinedOn: "2025-02-01"}))
	ms, err := f.MembershipsOf(org.ID)
	if err != nil || len(ms) != 2 || ms[0].ConsortiumID != c1.ID || ms[1].ConsortiumID != c2.ID {
		t.Errorf("memberships: %+v, %v", ms, err)
	}

	filled := must[ResourceGap](t)(f.CreateResourceGap(ResourceGap{Title: "Enumerators", Kind: "staff-time", Status: "filled", FilledByOrganisationID: org.ID}))
	must[ResourceGap](t)(f.CreateResourceGap(ResourceGap{Title: "Drone survey", Kind: "equipment", Status: "filled", FilledByOrganisationID: other.ID}))
	wanted := must[ResourceGap](t)(f.CreateResourceGap(ResourceGap{Title: "Base map", Kind: "data"}))
	elsewhere := must[ResourceGap](t)(f.CreateResourceGap(ResourceGap{Title: "Legal advice", Kind: "expertise"}))
	must[GapCandidate](t)(f.AddCandidate(GapCandidate{GapID: wanted.ID, OrganisationID: org.ID, Stage: "interested"}))
	must[GapCandidate](t)(f.AddCandidate(GapCandidate{GapID: elsewhere.ID, OrganisationID: other.ID}))
	gs, err := f.GapsFilledBy(org.ID)
	if err != nil || len(gs) != 1 || gs[0].ID != filled.ID {
		t.Errorf("gaps filled: %+v, %v", gs, err)
	}
	cs, err := f.CandidaciesOf(org.ID)
	if err != nil || len(cs) != 1 || cs[0].Gap.ID != wanted.ID || cs[0].Candidate.Stage != "interested" {
		t.Errorf("candidacies: %+v, %v", cs, err)
	}

	organiser := must[Role](t)(f.RoleByKey(RoleCommunityOrganiser))
	must[Assignment](t)(f.Assign(Assignment{RoleID: organiser.ID, PersonID: mine[0].ID, StartOn: "2025-01-01"}))
	must[Assignment](t)(f.Assign(Assignment{RoleID: organiser.ID, PersonID: mine[1].ID, StartOn: "2024-01-01", EndOn: "2025-01-01"}))
	must[Assignment](t)(f.Assign(Assignment{RoleID: organiser.ID, PersonID: mine[2].ID, StartOn: "2026-06-01"}))
	must[Assignment](t)(f.Assign(Assignment{RoleID: organiser.ID, PersonID: stranger.ID, StartOn: "2025-01-01"}))
	must[Assignment](t)(f.Assign(Assignment{RoleID: organiser.ID, OrganisationID: org.ID, StartOn: "2025-01-01"}))
	as, n, err := f.AssignmentsOfPeopleIn(org.ID, "2026-01-01", 10)
	if err != nil || n != 1 || len(as) != 1 || as[0].PersonID != mine[0].ID {
		t.Errorf("roles its people hold: %d, %+v, %v", n, as, err)
	}
	as, n, _ = f.AssignmentsOfPeopleIn(org.ID, "2026-07-01", 1)
	if n != 2 || len(as) != 1 || as[0].PersonID != mine[2].ID {
		t.Errorf("roles its people hold later, one shown: %d, %+v", n, as)
	}
}
