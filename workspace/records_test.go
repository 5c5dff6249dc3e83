package workspace

import (
	"strings"
	"testing"
)

func TestSeededCatalogue(t *testing.T) {
	f := newFile(t)
	sectors, err := f.Sectors()
	if err != nil {
		t.Fatal(err)
	}
	if len(sectors) != 8 || sectors[0].Name != "Water, sanitation and energy" || sectors[7].Name != "Coordination, community organisation and communication" {
		t.Errorf("sectors: %v", sectors)
	}
	roles, err := f.Roles(false)
	if err != nil {
		t.Fatal(err)
	}
	byKey := map[string]Role{}
	for _, r := range roles {
		byKey[r.Key] = r
		if r.Description == "" || r.Responsibilities == "" {
			t.Errorf("role %s has no description or responsibilities", r.Name)
		}
		if err := r.Validate(); err != nil {
			t.Errorf("seeded role %s: %v", r.Name, err)
		}
	}
	for _, want := range []struct {
		key, group, scope, level string
		isKey                    bool
	}{
		{RoleCommunityOrganiser, "advocacy", "initiative", "", false},
		{RoleActionResearcher, "advocacy", "initiative", "", false},
		{RoleCommunityCoResearcher, "advocacy", "initiative", "", false},
		{RoleCentralLeadershipTeam, "central-leadership", "initiative", "", true},
		{RoleCentralChampion, "central-leadership", "initiative", "", true},
		{RoleLocalGovernmentLeader, "constituency-leadership", "initiative", "", true},
		{RoleElectedLeader, "constituency-leadership", "initiative", "", false},
		{RoleCivilSocietyLeader, "constituency-leadership", "initiative", "", true},
		{RoleCommunityChampion, "constituency-leadership", "initiative", "", true},
		{RoleCommunityMobilizer, "community", "unit", "", false},
		{RoleRepresentativeCell, "community", "unit", "cell", false},
		{RoleRepresentativeCluster, "community", "unit", "cluster", false},
		{RoleRepresentativeSegment, "community", "unit", "segment", false},
		{RoleLocalMedia, "community", "initiative", "", false},
		{RoleCommunityEngagement, "civil-society", "initiative", "", true},
		{RoleAcademicResearcher, "civil-society", "initiative", "", false},
		{RoleTechnicalLeadGovernment, "technical-planning", "consortium", "", true},
		{RoleTechnicalLeadCivil, "technical-planning", "consortium", "", true},
		{RoleSpatialPlanner, "technical-planning", "consortium", "", false},
		{RoleSectoralPlanner, "technical-planning", "consortium", "", false},
		{RoleEngineer, "technical-planning", "consortium", "", false},
	} {
		r, ok := byKey[want.key]
		if !ok {
			t.Errorf("the catalogue lacks %s", want.key)
			continue
		}
		if r.Group != want.group || r.Scope != want.scope || r.UnitLevel != want.level || r.IsKey != want.isKey {
			t.Errorf("%s: group %s scope %s level %q key %v", want.key, r.Group, r.Scope, r.UnitLevel, r.IsKey)
		}
	}
	// The guide's own sentences must not be copied into the catalogue.
	for _, r := range roles {
		for _, phrase := range []string{"Activists and other organizers", "hold all the pieces of the puzzle", "navigate internal politics"} {
			if strings.Contains(r.Description+r.Responsibilities, phrase) {
				t.Errorf("role %s copies the guide: %q", r.Name, phrase)
			}
		}
	}
}

func TestRoleCatalogueEdits(t *testing.T) {
	f := newFile(t)
	lead := must[Role](t)(f.RoleByKey(RoleTechnicalLeadGovernment))
	t.Run("Rename keeps the key", func(t *testing.T) {
		lead.Name = "County technical lead"
		lead.Key = "tampered"
		r := must[Role](t)(f.UpdateRole(lead))
		if r.Key != RoleTechnicalLeadGovernment {
			t.Errorf("key %q", r.Key)
		}
		again := must[Role](t)(f.RoleByKey(RoleTechnicalLeadGovernment))
		if again.Name != "County technical lead" {
			t.Errorf("name %q", again.Name)
		}
	})
	t.Run("Add", func(t *testing.T) {
		r := must[Role](t)(f.CreateRole(Role{Name: "Youth liaison", Group: "community", Scope: "initiative", Key: "sneaky"}))
		if r.Key != "" {
			t.Error("a user role got a key")
		}
	})
	t.Run("ErrDuplicateName", func(t *testing.T) {
		_, err := f.CreateRole(Role{Name: "youth LIAISON", Group: "community", Scope: "initiative"})
		wantCode(t, err, ErrInvalid)
	})
	t.Run("ErrBadScope", func(t *testing.T) {
		_, err := f.CreateRole(Role{Name: "X", Group: "community", Scope: "planet"})
		wantCode(t, err, ErrInvalid)
		if !strings.Contains(err.Error(), "Whole initiative, One consortium, One community unit") {
			t.Errorf("message does not list the choices: %v", err)
		}
	})
	t.Run("Retire", func(t *testing.T) {
		media := must[Role](t)(f.RoleByKey(RoleLocalMedia))
		must[Role](t)(f.RetireRole(media.ID, "2026-01-01"))
		active := must[[]Role](t)(f.Roles(false))
		all := must[[]Role](t)(f.Roles(true))
		if len(all) != len(active)+1 {
			t.Errorf("retired role still listed: %d active of %d", len(active), len(all))
		}
		org := must[Organisation](t)(f.CreateOrganisation(Organisation{Name: "Radio", Kind: "media", Base: "local"}))
		_, err := f.Assign(Assignment{RoleID: media.ID, OrganisationID: org.ID, StartOn: "2026-02-01"})
		wantCode(t, err, ErrInvalid)
	})
}

func TestOrganisations(t *testing.T) {
	f := newFile(t)
	sectors := must[[]Sector](t)(f.Sectors())
	o := must[Organisation](t)(f.CreateOrganisation(Organisation{Name: "Maji Safi Trust", Acronym: "MST", Kind: "ngo", Base: "local",
		SectorIDs: []string{sectors[0].ID, sectors[5].ID}}))
	t.Run("Read", func(t *testing.T) {
		got := must[Organisation](t)(f.Organisation(o.ID))
		if got.Name != "Maji Safi Trust" || len(got.SectorIDs) != 2 || got.Stance != "unknown" || got.Commitment != "" || got.Influence != "" {
			t.Errorf("%+v", got)
		}
		if got.UpdatedAt == "" || got.CopyID != f.CopyID() {
			t.Errorf("stamp %+v", got.Stamp)
		}
	})
	t.Run("Update", func(t *testing.T) {
		o.Commitment = "active"
		o.SectorIDs = []string{sectors[0].ID}
		must[Organisation](t)(f.UpdateOrganisation(o))
		got := must[Organisation](t)(f.Organisation(o.ID))
		if got.Commitment != "active" || len(got.SectorIDs) != 1 {
			t.Errorf("%+v", got)
		}
		ch := must[[]Change](t)(f.Changes(ChangeFilter{EntityID: o.ID}))
		if len(ch) != 2 || ch[0].Action != "update" || !strings.Contains(ch[0].Summary, "commitment: “” → “active”") || !strings.Contains(ch[0].Summary, "sectors 1 removed") {
			t.Errorf("change log: %+v", ch)
		}
		if ch[0].Author != "tester" {
			t.Errorf("author %q", ch[0].Author)
		}
	})
	t.Run("UnchangedWritesNothing", func(t *testing.T) {
		before := must[[]Change](t)(f.Changes(ChangeFilter{}))
		must[Organisation](t)(f.UpdateOrganisation(must[Organisation](t)(f.Organisation(o.ID))))
		after := must[[]Change](t)(f.Changes(ChangeFilter{}))
		if len(after) != len(before) {
			t.Error("saving an unchanged record logged a change")
		}
	})
	for _, c := range []struct {
		name  string
		org   Organisation
		field string
	}{
		{"ErrNameRequired", Organisation{Kind: "ngo", Base: "local"}, "Name"},
		{"ErrDuplicateName", Organisation{Name: "MAJI SAFI TRUST", Kind: "ngo", Base: "local"}, "Name"},
		{"ErrDuplicateAcronym", Organisation{Name: "Other", Acronym: "mst", Kind: "ngo", Base: "local"}, "Acronym"},
		{"ErrKind", Organisation{Name: "Other", Kind: "company", Base: "local"}, "Kind"},
		{"ErrBase", Organisation{Name: "Other", Kind: "ngo", Base: "nowhere"}, "Base"},
		{"ErrStance", Organisation{Name: "Other", Kind: "ngo", Base: "local", Stance: "hostile"}, "Stance"},
		{"ErrUnknownSector", Organisation{Name: "Other", Kind: "ngo", Base: "local", SectorIDs: []string{"00000000-0000-4000-8000-000000000000"}}, "Sectors"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := f.CreateOrganisation(c.org)
			wantCode(t, err, ErrInvalid)
			if e := err.(*Error); e.Field != c.field {
				t.Errorf("field %q, want %q (%v)", e.Field, c.field, err)
			}
		})
	}
	t.Run("TwoWithoutAcronym", func(t *testing.T) {
		must[Organisation](t)(f.CreateOrganisation(Organisation{Name: "A", Kind: "cbo", Base: "local"}))
		must[Organisation](t)(f.CreateOrganisation(Organisation{Name: "B", Kind: "cbo", Base: "local"}))
	})
	t.Run("Delete", func(t *testing.T) {
		p := must[Person](t)(f.CreatePerson(Person{Name: "Wanjirũ Kamau", OrganisationID: o.ID}))
		err := f.DeleteOrganisation(o.ID)
		wantCode(t, err, ErrInUse)
		if !strings.Contains(err.Error(), "1 person") {
			t.Errorf("message does not say what refers to it: %v", err)
		}
		must[struct{}](t)(struct{}{}, f.DeletePerson(p.ID))
		must[struct{}](t)(struct{}{}, f.DeleteOrganisation(o.ID))
		_, err = f.Organisation(o.ID)
		wantCode(t, err, ErrNotFound)
		stones := must[[]Tombstone](t)(f.Tombstones())
		found := map[string]bool{}
		for _, s := range stones {
			found[s.Table] = true
		}
		if !found["organisations"] || !found["people"] || !found["organisation_sectors"] {
			t.Errorf("tombstones: %+v", stones)
		}
		ch := must[[]Change](t)(f.Changes(ChangeFilter{EntityID: o.ID}))
		if ch[0].Action != "delete" || ch[0].Summary != "Maji Safi Trust" {
			t.Errorf("change %+v", ch[0])
		}
	})
}

func TestPeople(t *testing.T) {
	f := newFile(t)
	for _, c := range []struct {
		name   string
		person Person
		field  string
	}{
		{"ErrNameRequired", Person{}, "Name"},
		{"ErrEmail", Person{Name: "A", Email: "not-an-address"}, "E-mail"},
		{"ErrEmailNoDot", Person{Name: "A", Email: "a@localhost"}, "E-mail"},
		{"ErrPhone", Person{Name: "A", Phone: "call me"}, "Phone"},
		{"ErrGender", Person{Name: "A", Gender: "f"}, "Gender"},
		{"ErrAgeBand", Person{Name: "A", AgeBand: "young"}, "Age band"},
		{"ErrOrganisation", Person{Name: "A", OrganisationID: "00000000-0000-4000-8000-000000000000"}, "Organisation"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := f.CreatePerson(c.person)
			wantCode(t, err, ErrInvalid)
			if e := err.(*Error); e.Field != c.field {
				t.Errorf("field %q, want %q (%v)", e.Field, c.field, err)
			}
		})
	}
	p := must[Person](t)(f.CreatePerson(Person{Name: "Ngʼang'a Muñoz", Email: "nganga@example.org", Phone: "+254 712 345 678", Gender: "male", AgeBand: "25-35", Resident: Yes}))
	got := must[Person](t)(f.Person(p.ID))
	if got.Name != "Ngʼang'a Muñoz" || got.Resident != Yes || got.Email != "nganga@example.org" {
		t.Errorf("%+v", got)
	}
	got.Resident = No
	must[Person](t)(f.UpdatePerson(got))
	if must[Person](t)(f.Person(p.ID)).Resident != No {
		t.Error("resident not updated")
	}
	found := must[[]Person](t)(f.People(PersonFilter{NameContains: "muñ"}))
	if len(found) != 1 {
		t.Errorf("search: %v", found)
	}
	if len(must[[]Person](t)(f.People(PersonFilter{NameContains: "%"}))) != 0 {
		t.Error("a % in a search matched everything")
	}
}

func TestUnits(t *testing.T) {
	f := newFile(t)
	area := must[Unit](t)(f.CreateUnit(Unit{Level: "area", Name: "Viwandani"}))
	seg := must[Unit](t)(f.CreateUnit(Unit{Level: "segment", ParentID: area.ID, Name: "Sinai"}))
	clu := must[Unit](t)(f.CreateUnit(Unit{Level: "cluster", ParentID: seg.ID, Name: "Cluster 1"}))
	cell := must[Unit](t)(f.CreateUnit(Unit{Level: "cell", ParentID: clu.ID, Name: "Cell 1", Households: 10}))
	if path := must[string](t)(f.UnitPath(cell.ID)); path != "Viwandani / Sinai / Cluster 1 / Cell 1" {
		t.Errorf("path %q", path)
	}
	t.Run("ErrCellUnderSegment", func(t *testing.T) {
		_, err := f.CreateUnit(Unit{Level: "cell", ParentID: seg.ID, Name: "Cell 2"})
		wantCode(t, err, ErrInvalid)
	})
	t.Run("ErrSegmentWithoutParent", func(t *testing.T) {
		_, err := f.CreateUnit(Unit{Level: "segment", Name: "Loose"})
		wantCode(t, err, ErrInvalid)
	})
	t.Run("ErrDuplicateSibling", func(t *testing.T) {
		_, err := f.CreateUnit(Unit{Level: "cell", ParentID: clu.ID, Name: "cell 1"})
		wantCode(t, err, ErrInvalid)
	})
	t.Run("SameNameElsewhere", func(t *testing.T) {
		other := must[Unit](t)(f.CreateUnit(Unit{Level: "cluster", ParentID: seg.ID, Name: "Cluster 2"}))
		must[Unit](t)(f.CreateUnit(Unit{Level: "cell", ParentID: other.ID, Name: "Cell 1"}))
	})
	t.Run("ErrNegativeHouseholds", func(t *testing.T) {
		_, err := f.CreateUnit(Unit{Level: "cell", ParentID: clu.ID, Name: "Cell 9", Households: -1})
		wantCode(t, err, ErrInvalid)
	})
	t.Run("ErrDeleteWithChildren", func(t *testing.T) {
		err := f.DeleteUnit(seg.ID)
		wantCode(t, err, ErrInUse)
	})
	t.Run("DeleteCell", func(t *testing.T) {
		if err := f.DeleteUnit(cell.ID); err != nil {
			t.Fatal(err)
		}
	})
}

func TestConsortiaAndMembers(t *testing.T) {
	f := newFile(t)
	c := must[Consortium](t)(f.CreateConsortium(Consortium{Code: "wse", Name: "Water, Sanitation and Energy"}))
	if c.Code != "WSE" || c.Status != "" { // not recorded, never guessed
		t.Errorf("%+v", c)
	}
	_, err := f.CreateConsortium(Consortium{Code: "Wse", Name: "Another"})
	wantCode(t, err, ErrInvalid)
	_, err = f.CreateConsortium(Consortium{Code: "W SE", Name: "Spaces"})
	wantCode(t, err, ErrInvalid)
	_, err = f.CreateConsortium(Consortium{Code: "X", Name: "Bad status", Status: "done"})
	wantCode(t, err, ErrInvalid)

	o := must[Organisation](t)(f.CreateOrganisation(Organisation{Name: "Maji Safi Trust", Kind: "ngo", Base: "local"}))
	m := must[ConsortiumMember](t)(f.CreateMember(ConsortiumMember{ConsortiumID: c.ID, OrganisationID: o.ID, Contribution: "Engineers", JoinedOn: "2024-02-01"}))
	_, err = f.CreateMember(ConsortiumMember{ConsortiumID: c.ID, OrganisationID: o.ID})
	wantCode(t, err, ErrInvalid)
	m.LeftOn = "2024-01-01"
	_, err = f.UpdateMember(m)
	wantCode(t, err, ErrInvalid)
	m.LeftOn = "2025-06-30"
	must[ConsortiumMember](t)(f.UpdateMember(m))
	if got := must[[]ConsortiumMember](t)(f.Members(c.ID)); len(got) != 1 || got[0].LeftOn != "2025-06-30" {
		t.Errorf("members %+v", got)
	}
	// An organisation that belongs to a consortium cannot be deleted; the
	// consortium can, and takes its memberships with it.
	wantCode(t, f.DeleteOrganisation(o.ID), ErrInUse)
	if err := f.DeleteConsortium(c.ID); err != nil {
		t.Fatal(err)
	}
	if got := must[[]ConsortiumMember](t)(f.Members("")); len(got) != 0 {
		t.Errorf("memberships outlived their consortium: %+v", got)
	}
	stones := map[string]bool{}
	for _, s := range must[[]Tombstone](t)(f.Tombstones()) {
		stones[s.ID] = true
	}
	if !stones[m.ID] || !stones[c.ID] {
		t.Error("deleting a consortium left no tombstone for it or its membership")
	}
}

func TestAssignmentHistory(t *testing.T) {
	f := newFile(t)
	c := must[Consortium](t)(f.CreateConsortium(Consortium{Code: "HLT", Name: "Health"}))
	lead := must[Role](t)(f.RoleByKey(RoleTechnicalLeadGovernment))
	champion := must[Role](t)(f.RoleByKey(RoleCentralChampion))
	cellRep := must[Role](t)(f.RoleByKey(RoleRepresentativeCell))
	county := must[Organisation](t)(f.CreateOrganisation(Organisation{Name: "County Health", Kind: "local-government", Base: "local"}))
	amina := must[Person](t)(f.CreatePerson(Person{Name: "Amina Hassan", OrganisationID: county.ID}))
	otieno := must[Person](t)(f.CreatePerson(Person{Name: "Otieno Okoth", OrganisationID: county.ID}))

	first := must[Assignment](t)(f.Assign(Assignment{RoleID: lead.ID, PersonID: amina.ID, ConsortiumID: c.ID, StartOn: "2024-01-15"}))
	next := must[Assignment](t)(f.Succeed(first.ID, Assignment{PersonID: otieno.ID, StartOn: "2025-03-01"}, "Transferred"))
	if next.FollowsID != first.ID || next.ConsortiumID != c.ID || next.RoleID != lead.ID {
		t.Errorf("successor %+v", next)
	}
	old := must[Assignment](t)(f.Assignment(first.ID))
	if old.EndOn != "2025-03-01" || old.EndReason != "Transferred" {
		t.Errorf("the predecessor did not end: %+v", old)
	}
	all := must[[]Assignment](t)(f.Assignments(AssignmentFilter{ConsortiumID: c.ID, RoleID: lead.ID}))
	if len(all) != 2 {
		t.Fatalf("history lost: %+v", all)
	}
	now := must[[]Assignment](t)(f.Assignments(AssignmentFilter{ConsortiumID: c.ID, CurrentOn: "2025-06-01"}))
	if len(now) != 1 || now[0].PersonID != otieno.ID {
		t.Errorf("current on 2025-06-01: %+v", now)
	}
	then := must[[]Assignment](t)(f.Assignments(AssignmentFilter{ConsortiumID: c.ID, CurrentOn: "2024-06-01"}))
	if len(then) != 1 || then[0].PersonID != amina.ID {
		t.Errorf("current on 2024-06-01: %+v", then)
	}
	if !old.CurrentOn("2025-02-28") || old.CurrentOn("2025-03-01") {
		t.Error("an assignment is not held on its end date")
	}
	t.Run("ErrEndTwice", func(t *testing.T) {
		_, err := f.EndAssignment(first.ID, "2025-04-01", "")
		wantCode(t, err, ErrInvalid)
	})
	t.Run("End", func(t *testing.T) {
		a := must[Assignment](t)(f.EndAssignment(next.ID, "2026-01-31", "Retired"))
		if a.EndOn != "2026-01-31" {
			t.Errorf("%+v", a)
		}
	})
	t.Run("ErrSuccessorBeforePredecessor", func(t *testing.T) {
		_, err := f.Succeed(next.ID, Assignment{PersonID: amina.ID, StartOn: "2020-01-01"}, "")
		wantCode(t, err, ErrInvalid)
	})
	t.Run("ErrNoConsortium", func(t *testing.T) {
		_, err := f.Assign(Assignment{RoleID: lead.ID, PersonID: amina.ID, StartOn: "2024-01-01"})
		wantCode(t, err, ErrInvalid)
	})
	t.Run("ErrInitiativeRoleInConsortium", func(t *testing.T) {
		_, err := f.Assign(Assignment{RoleID: champion.ID, PersonID: amina.ID, ConsortiumID: c.ID, StartOn: "2024-01-01"})
		wantCode(t, err, ErrInvalid)
	})
	t.Run("ErrOrganisationForPersonRole", func(t *testing.T) {
		_, err := f.Assign(Assignment{RoleID: champion.ID, OrganisationID: county.ID, StartOn: "2024-01-01"})
		wantCode(t, err, ErrInvalid)
	})
	t.Run("ErrTwoHolders", func(t *testing.T) {
		_, err := f.Assign(Assignment{RoleID: champion.ID, PersonID: amina.ID, OrganisationID: county.ID, StartOn: "2024-01-01"})
		wantCode(t, err, ErrInvalid)
	})
	t.Run("ErrEndBeforeStart", func(t *testing.T) {
		_, err := f.Assign(Assignment{RoleID: champion.ID, PersonID: amina.ID, StartOn: "2024-01-01", EndOn: "2023-01-01"})
		wantCode(t, err, ErrInvalid)
	})
	t.Run("ErrBadDate", func(t *testing.T) {
		_, err := f.Assign(Assignment{RoleID: champion.ID, PersonID: amina.ID, StartOn: "31/01/2024"})
		wantCode(t, err, ErrInvalid)
		if !strings.Contains(err.Error(), "YYYY-MM-DD") {
			t.Errorf("message does not say the format: %v", err)
		}
	})
	t.Run("UnitLevel", func(t *testing.T) {
		area := must[Unit](t)(f.CreateUnit(Unit{Level: "area", Name: "Area"}))
		seg := must[Unit](t)(f.CreateUnit(Unit{Level: "segment", ParentID: area.ID, Name: "Segment"}))
		_, err := f.Assign(Assignment{RoleID: cellRep.ID, PersonID: amina.ID, UnitID: seg.ID, StartOn: "2024-01-01"})
		wantCode(t, err, ErrInvalid)
		clu := must[Unit](t)(f.CreateUnit(Unit{Level: "cluster", ParentID: seg.ID, Name: "Cluster"}))
		cell := must[Unit](t)(f.CreateUnit(Unit{Level: "cell", ParentID: clu.ID, Name: "Cell"}))
		must[Assignment](t)(f.Assign(Assignment{RoleID: cellRep.ID, PersonID: amina.ID, UnitID: cell.ID, StartOn: "2024-01-01"}))
		wantCode(t, f.DeleteUnit(cell.ID), ErrInUse)
	})
	t.Run("PersonWithHistoryIsKept", func(t *testing.T) {
		err := f.DeletePerson(amina.ID)
		wantCode(t, err, ErrInUse)
	})
	t.Run("DeleteMistake", func(t *testing.T) {
		a := must[Assignment](t)(f.Assign(Assignment{RoleID: champion.ID, PersonID: otieno.ID, StartOn: "2024-01-01"}))
		if err := f.DeleteAssignment(a.ID); err != nil {
			t.Fatal(err)
		}
		// Deleting the first of a chain keeps the successor, without its link.
		if err := f.DeleteAssignment(first.ID); err != nil {
			t.Fatal(err)
		}
		if got := must[Assignment](t)(f.Assignment(next.ID)); got.FollowsID != "" {
			t.Errorf("successor still follows a deleted assignment: %+v", got)
		}
	})
}

func TestResourceGaps(t *testing.T) {
	f := newFile(t)
	c := must[Consortium](t)(f.CreateConsortium(Consortium{Code: "WSE", Name: "Water"}))
	eng := must[Role](t)(f.RoleByKey(RoleEngineer))
	g := must[ResourceGap](t)(f.CreateResourceGap(ResourceGap{ConsortiumID: c.ID, Title: "Engineer for designs", Kind: "expertise", RoleID: eng.ID,
		Priority: "high", EstimatedCost: 3_500_000, Secured: 1_000_000}))
	if g.Status != "open" || g.Missing() != 2_500_000 || !g.IsOpen() {
		t.Errorf("%+v", g)
	}
	wide := must[ResourceGap](t)(f.CreateResourceGap(ResourceGap{Title: "Engineer for designs", Kind: "funding"}))
	if wide.ConsortiumID != "" {
		t.Error("an initiative-wide gap got a consortium")
	}
	_, err := f.CreateResourceGap(ResourceGap{ConsortiumID: c.ID, Title: "engineer FOR designs", Kind: "expertise"})
	wantCode(t, err, ErrInvalid)
	_, err = f.CreateResourceGap(ResourceGap{Title: "X", Kind: "money"})
	wantCode(t, err, ErrInvalid)
	_, err = f.CreateResourceGap(ResourceGap{Title: "Y", Kind: "funding", EstimatedCost: -5})
	wantCode(t, err, ErrInvalid)

	o := must[Organisation](t)(f.CreateOrganisation(Organisation{Name: "Jenga Engineering", Kind: "private-sector", Base: "national"}))
	cand := must[GapCandidate](t)(f.AddCandidate(GapCandidate{GapID: g.ID, OrganisationID: o.ID}))
	if cand.Stage != "identified" {
		t.Errorf("stage %q", cand.Stage)
	}
	_, err = f.AddCandidate(GapCandidate{GapID: g.ID, OrganisationID: o.ID})
	wantCode(t, err, ErrInvalid)
	cand.Stage = "committed"
	must[GapCandidate](t)(f.UpdateCandidate(cand))
	g.Status, g.FilledByOrganisationID, g.Secured = "filled", o.ID, g.EstimatedCost
	must[ResourceGap](t)(f.UpdateResourceGap(g))
	if got := must[[]ResourceGap](t)(f.ResourceGaps(GapFilter{Status: "filled"})); len(got) != 1 || got[0].Missing() != 0 {
		t.Errorf("filled gaps %+v", got)
	}
	// Deleting a gap removes its candidates; deleting the role it asks for only clears the link.
	if err := f.DeleteResourceGap(g.ID); err != nil {
		t.Fatal(err)
	}
	if got := must[[]GapCandidate](t)(f.GapCandidates("")); len(got) != 0 {
		t.Errorf("candidates outlived the gap: %+v", got)
	}
}

func TestMeetings(t *testing.T) {
	f := newFile(t)
	c := must[Consortium](t)(f.CreateConsortium(Consortium{Code: "CCOC", Name: "Coordination"}))
	p := must[Person](t)(f.CreatePerson(Person{Name: "Achieng Otieno"}))
	m := must[Meeting](t)(f.CreateMeeting(Meeting{Kind: "inter-consortia", HeldOn: "2026-03-10", Place: "Social Hall",
		ConsortiumIDs: []string{c.ID}, AttendeeIDs: []string{p.ID, p.ID}, ResidentsWomen: 40, ResidentsMen: 25}))
	got := must[Meeting](t)(f.Meeting(m.ID))
	if len(got.ConsortiumIDs) != 1 || len(got.AttendeeIDs) != 1 || got.ResidentsWomen != 40 {
		t.Errorf("%+v", got)
	}
	_, err := f.CreateMeeting(Meeting{Kind: "party", HeldOn: "2026-03-10"})
	wantCode(t, err, ErrInvalid)
	_, err = f.CreateMeeting(Meeting{Kind: "consortium"})
	wantCode(t, err, ErrInvalid)
	d := must[Decision](t)(f.CreateDecision(Decision{MeetingID: m.ID, Position: 1, Text: "Start with water."}))
	a := must[FollowUp](t)(f.CreateFollowUp(FollowUp{MeetingID: m.ID, Text: "Book the hall", OwnerID: p.ID, DueOn: "2026-04-01"}))
	_, err = f.CreateFollowUp(FollowUp{MeetingID: m.ID, Text: "X", DueOn: "soon"})
	wantCode(t, err, ErrInvalid)
	a.DoneOn = "2026-03-20"
	must[FollowUp](t)(f.UpdateFollowUp(a))
	if got := must[[]FollowUp](t)(f.FollowUps(m.ID)); len(got) != 1 || got[0].DoneOn != "2026-03-20" {
		t.Errorf("actions %+v", got)
	}
	// An action's owner can leave; the action stays without an owner.
	wantCode(t, f.DeletePerson(p.ID), ErrInUse) // still an attendee
	got.AttendeeIDs = []string{}
	must[Meeting](t)(f.UpdateMeeting(got))
	if err := f.DeletePerson(p.ID); err != nil {
		t.Fatal(err)
	}
	if got := must[[]FollowUp](t)(f.FollowUps(m.ID)); got[0].OwnerID != "" {
		t.Error("the action still names a deleted owner")
	}
	if err := f.DeleteMeeting(m.ID); err != nil {
		t.Fatal(err)
	}
	if len(must[[]Decision](t)(f.Decisions(""))) != 0 || len(must[[]FollowUp](t)(f.FollowUps(""))) != 0 {
		t.Error("decisions or actions outlived their meeting")
	}
	stones := map[string]bool{}
	for _, s := range must[[]Tombstone](t)(f.Tombstones()) {
		stones[s.ID] = true
	}
	if !stones[d.ID] || !stones[a.ID] || !stones[m.ID] {
		t.Error("a deleted meeting's parts left no tombstones")
	}
}

func TestInitiativeUpdate(t *testing.T) {
	f := newFile(t)
	in := must[Initiative](t)(f.Initiative())
	in.Vision = "Safe water for every household."
	must[Initiative](t)(f.UpdateInitiative(in))
	if got := must[Initiative](t)(f.Initiative()); got.Vision != in.Vision {
		t.Errorf("vision %q", got.Vision)
	}
	in.Name = ""
	_, err := f.UpdateInitiative(in)
	wantCode(t, err, ErrInvalid)
}

func TestChangeLogFilters(t *testing.T) {
	f := newFile(t)
	must[Organisation](t)(f.CreateOrganisation(Organisation{Name: "A", Kind: "cbo", Base: "local"}))
	orgs := must[[]Change](t)(f.Changes(ChangeFilter{Entity: "organisation"}))
	if len(orgs) != 1 || orgs[0].Action != "create" || orgs[0].CopyID != f.CopyID() {
		t.Errorf("%+v", orgs)
	}
	if got := must[[]Change](t)(f.Changes(ChangeFilter{Limit: 3})); len(got) != 3 {
		t.Errorf("limit: %d", len(got))
	}
	if got := must[[]Change](t)(f.Changes(ChangeFilter{Since: "2099-01-01"})); len(got) != 0 {
		t.Errorf("since: %d", len(got))
	}
}

func TestChangeLogNamesRecords(t *testing.T) {
	f := newFile(t)
	c := must[Consortium](t)(f.CreateConsortium(Consortium{Code: "WSE", Name: "Water"}))
	o := must[Organisation](t)(f.CreateOrganisation(Organisation{Name: "Maji Safi Trust", Kind: "ngo", Base: "local"}))
	a := must[Person](t)(f.CreatePerson(Person{Name: "Amina Hassan", OrganisationID: o.ID}))
	b := must[Person](t)(f.CreatePerson(Person{Name: "Otieno Okoth"}))
	must[ConsortiumMember](t)(f.CreateMember(ConsortiumMember{ConsortiumID: c.ID, OrganisationID: o.ID}))
	lead := must[Role](t)(f.RoleByKey(RoleTechnicalLeadCivil))
	as := must[Assignment](t)(f.Assign(Assignment{RoleID: lead.ID, PersonID: a.ID, ConsortiumID: c.ID, StartOn: "2026-01-01"}))
	as.PersonID = b.ID
	must[Assignment](t)(f.UpdateAssignment(as))
	log := must[[]Change](t)(f.Changes(ChangeFilter{}))
	want := []string{
		"Technical lead (civil society): Otieno Okoth in WSE from 2026-01-01: person: “Amina Hassan” → “Otieno Okoth”",
		"Technical lead (civil society): Amina Hassan in WSE from 2026-01-01",
		"Maji Safi Trust in WSE",
	}
	for i, w := range want {
		if log[i].Summary != w {
			t.Errorf("change %d: %q, want %q", i, log[i].Summary, w)
		}
	}
}

func TestFigures(t *testing.T) {
	x := newFixture(t)
	_, cells := x.cells("Sinai", 3)
	x.assign(RoleRepresentativeCell, Assignment{PersonID: x.person("Rep", "", true).ID, UnitID: cells[0].ID})
	x.assign(RoleRepresentativeCell, Assignment{PersonID: x.person("Rep 2", "", true).ID, UnitID: cells[0].ID})
	old := x.assign(RoleRepresentativeCell, Assignment{PersonID: x.person("Rep 3", "", true).ID, UnitID: cells[1].ID})
	x.end(old, "2026-05-01")
	c := must[Coverage](t)(x.f.RepresentationCoverage("2026-06-01"))
	if c != (Coverage{Cells: 3, CellsRepresented: 1, Households: 30, HouseholdsRepresented: 10}) || c.Share() < 0.33 || c.Share() > 0.34 {
		t.Errorf("coverage %+v", c)
	}
	p := x.person("Leader", "", false)
	x.assign(RoleCentralChampion, Assignment{PersonID: p.ID})
	x.assign(RoleCentralLeadershipTeam, Assignment{PersonID: p.ID})
	x.assign(RoleCivilSocietyLeader, Assignment{PersonID: x.person("Other", "", false).ID})
	if n := must[int](t)(x.f.KeyRoleHolders("2026-06-01")); n != 2 {
		t.Errorf("%d people in key roles, want 2", n)
	}
	if n := len(must[[]Assignment](t)(x.f.Assignments(AssignmentFilter{OutsideUnits: true}))); n != 3 {
		t.Errorf("%d assignments outside units, want 3", n)
	}
}

func TestNilLinksAreLeftAlone(t *testing.T) {
	f := newFile(t)
	sectors := must[[]Sector](t)(f.Sectors())
	o := must[Organisation](t)(f.CreateOrganisation(Organisation{Name: "A", Kind: "ngo", Base: "local", SectorIDs: []string{sectors[0].ID}}))
	o.SectorIDs = nil
	o.Notes = "changed"
	o = must[Organisation](t)(f.UpdateOrganisation(o))
	if got := must[Organisation](t)(f.Organisation(o.ID)); len(got.SectorIDs) != 1 {
		t.Errorf("a nil list removed the sectors: %v", got.SectorIDs)
	}
	o.SectorIDs = []string{}
	must[Organisation](t)(f.UpdateOrganisation(o))
	if got := must[Organisation](t)(f.Organisation(o.ID)); len(got.SectorIDs) != 0 {
		t.Errorf("an empty list kept the sectors: %v", got.SectorIDs)
	}
}

func TestRoleRulesCannotBreakAssignments(t *testing.T) {
	x := newFixture(t)
	org := x.org("Radio", "media", "local")
	x.assign(RoleLocalMedia, Assignment{OrganisationID: org.ID})
	r := x.role(RoleLocalMedia)
	r.Holder = "person"
	_, err := x.f.UpdateRole(r)
	wantCode(t, err, ErrInvalid)
	_, cells := x.cells("Sinai", 1)
	x.assign(RoleCommunityMobilizer, Assignment{PersonID: x.person("M", "", true).ID, UnitID: cells[0].ID})
	m := x.role(RoleCommunityMobilizer)
	m.UnitLevel = "segment"
	_, err = x.f.UpdateRole(m)
	wantCode(t, err, ErrInvalid)
}

func TestOutOfRangeThresholdKeepsItsDefault(t *testing.T) {
	f := newFile(t)
	if _, err := f.db.Exec("INSERT INTO settings (key, value, updated_at, copy_id) VALUES ('threshold.mobilizer_gender_share', '0', 'x', 'x'), ('threshold.vacancy_days', 'soon', 'x', 'x')"); err != nil {
		t.Fatal(err)
	}
	if got := must[Thresholds](t)(f.Thresholds()); got != DefaultThresholds {
		t.Errorf("%+v", got)
	}
}

// ReferencesTo says what a deletion would meet: what stops it, what goes
// with the record and what only loses its link; deleting agrees with it.
func TestReferencesTo(t *testing.T) {
	f := newFile(t)
	org := must[Organisation](t)(f.CreateOrganisation(Organisation{Name: "Akiba Mashinani Trust", Kind: "ngo", Base: "local", SectorIDs: []string{}}))
	must[Person](t)(f.CreatePerson(Person{Name: "Jane Wanjiru", OrganisationID: org.ID}))
	c := must[Consortium](t)(f.CreateConsortium(Consortium{Code: "WSE", Name: "Water"}))
	g := must[ResourceGap](t)(f.CreateResourceGap(ResourceGap{ConsortiumID: c.ID, Title: "Survey", Kind: "expertise", FilledByOrganisationID: org.ID}))
	must[GapCandidate](t)(f.AddCandidate(GapCandidate{GapID: g.ID, OrganisationID: org.ID}))
	refs := must[References](t)(f.ReferencesTo("organisations", org.ID))
	if JoinAnd(refs.Blocking) != "1 person and 1 gap candidate" || len(refs.Cleared) != 1 {
		t.Fatalf("organisation: %+v", refs)
	}
	wantCode(t, f.DeleteOrganisation(org.ID), ErrInUse)
	refs = must[References](t)(f.ReferencesTo("gaps", g.ID))
	if len(refs.Blocking) != 0 || JoinAnd(refs.DeletedWith) != "1 gap candidate" {
		t.Fatalf("gap: %+v", refs)
	}
	if err := f.DeleteResourceGap(g.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.ReferencesTo("spaceships", g.ID); Code(err) != ErrInvalid {
		t.Fatalf("an unknown table: %v", err)
	}
}

// A view through a batch reads what the batch has written so far, refuses
// writes of its own, and closing it leaves the file open.
func TestBatchWorkspaceView(t *testing.T) {
	f := newFile(t)
	err := f.Batch(true, func(b *Batch) error {
		o, _, err := Save(b, Organisation{Name: "Muungano wa Wanavijiji", Kind: "federation", Base: "local"})
		if err != nil {
			return err
		}
		view := b.Workspace()
		orgs, err := view.Organisations()
		if err != nil {
			return err
		}
		if len(orgs) != 1 || orgs[0].Name != o.Name {
			t.Errorf("the view reads %+v, not what the batch wrote", orgs)
		}
		if _, err := view.CreateOrganisation(Organisation{Name: "Another", Kind: "cbo", Base: "local"}); Code(err) != ErrReadOnly {
			t.Errorf("the view wrote: %v", err)
		}
		return view.Close()
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Organisations(); err != nil {
		t.Fatalf("the file was closed with the view: %v", err)
	}
}
