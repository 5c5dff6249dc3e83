package workspace

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

var demoDay = time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)

func demoFile(t *testing.T, scale DemoScale) *File {
	t.Helper()
	f, err := CreateDemo(filepath.Join(t.TempDir(), "demo.cpw"), DemoOptions{Scale: scale, Now: demoDay})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestDemoIsDeterministic(t *testing.T) {
	a, b := demoFile(t, DemoSmall), demoFile(t, DemoSmall)
	pa := must[[]Person](t)(a.People(PersonFilter{}))
	pb := must[[]Person](t)(b.People(PersonFilter{}))
	if len(pa) != len(pb) || len(pa) == 0 {
		t.Fatalf("%d people vs %d", len(pa), len(pb))
	}
	for i := range pa {
		if pa[i].ID != pb[i].ID || pa[i].Name != pb[i].Name || pa[i].HomeUnitID != pb[i].HomeUnitID {
			t.Fatalf("person %d differs: %+v vs %+v", i, pa[i], pb[i])
		}
	}
	ca, cb := must[Counts](t)(a.Counts()), must[Counts](t)(b.Counts())
	if ca != cb {
		t.Errorf("%+v vs %+v", ca, cb)
	}
}

func TestDemoRefusesExistingFileAndUnknownScale(t *testing.T) {
	dir := t.TempDir()
	_, err := CreateDemo(filepath.Join(dir, "x.cpw"), DemoOptions{Scale: "huge"})
	wantCode(t, err, ErrInvalid)
	if FileExists(filepath.Join(dir, "x.cpw")) {
		t.Error("a refused demo left a file")
	}
	taken := filepath.Join(dir, "taken.cpw")
	os.WriteFile(taken, []byte("someone's notes"), 0o644)
	_, err = CreateDemo(taken, DemoOptions{})
	wantCode(t, err, ErrExists)
	if string(mustRead(t, taken)) != "someone's notes" {
		t.Error("the demo overwrote a file")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("a refused demo left files: %v", entries)
	}
}

// countUnits counts units by level.
func countUnits(t *testing.T, f *File) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, u := range must[[]Unit](t)(f.Units(UnitFilter{})) {
		out[u.Level]++
	}
	return out
}

func TestDemoMukuruScale(t *testing.T) {
	f := demoFile(t, DemoMukuru)
	c := must[Counts](t)(f.Counts())
	units := countUnits(t, f)
	if units["area"] != 3 || units["segment"] != 13 || units["cluster"] != 1040 || units["cell"] != 10400 {
		t.Errorf("units %v", units)
	}
	today := demoDay.Format(DateLayout)
	count := func(key string) int {
		r := must[Role](t)(f.RoleByKey(key))
		return len(must[[]Assignment](t)(f.Assignments(AssignmentFilter{RoleID: r.ID, CurrentOn: today})))
	}
	reps := count(RoleRepresentativeCell) + count(RoleRepresentativeCluster) + count(RoleRepresentativeSegment)
	if reps < 19000 || reps > 23000 {
		t.Errorf("%d household representatives, want about 21,000", reps)
	}
	if m := count(RoleCommunityMobilizer); m < 500 || m > 700 {
		t.Errorf("%d current mobilizers, want about 600", m)
	}
	if c.Organisations < 40 || c.Organisations > 50 || c.Consortia != 8 || c.Gaps < 130 || c.Gaps > 170 || c.Meetings < 55 || c.Meetings > 65 {
		t.Errorf("counts %+v", c)
	}
}

// TestDemoHoldsTheProblems checks that the demo has what the health checks
// are meant to find, and the variety a believable workspace has.
func TestDemoHoldsTheProblems(t *testing.T) {
	f := demoFile(t, DemoSmall)
	today := demoDay.Format(DateLayout)
	role := func(key string) Role { return must[Role](t)(f.RoleByKey(key)) }

	consortia := must[[]Consortium](t)(f.Consortia())
	statuses := map[string]bool{}
	leadless := 0
	for _, c := range consortia {
		statuses[c.Status] = true
		leads := must[[]Assignment](t)(f.Assignments(AssignmentFilter{ConsortiumID: c.ID, RoleID: role(RoleTechnicalLeadGovernment).ID, CurrentOn: today}))
		if len(leads) == 0 {
			leadless++
		}
	}
	if len(statuses) < 6 {
		t.Errorf("consortia at only %d statuses", len(statuses))
	}
	if leadless == 0 {
		t.Error("every consortium has a county lead: the demo should show one without")
	}

	// One person holds more than three key roles.
	keyRoles := map[string]bool{}
	for _, r := range must[[]Role](t)(f.Roles(true)) {
		keyRoles[r.ID] = r.IsKey
	}
	held := map[string]int{}
	for _, a := range must[[]Assignment](t)(f.Assignments(AssignmentFilter{CurrentOn: today})) {
		if keyRoles[a.RoleID] && a.PersonID != "" {
			held[a.PersonID]++
		}
	}
	overloaded := 0
	for _, n := range held {
		if n > 3 {
			overloaded++
		}
	}
	if overloaded == 0 {
		t.Error("nobody is overloaded with key roles")
	}

	// Some cells have no current representative.
	repped := map[string]bool{}
	for _, a := range must[[]Assignment](t)(f.Assignments(AssignmentFilter{RoleID: role(RoleRepresentativeCell).ID, CurrentOn: today})) {
		repped[a.UnitID] = true
	}
	cells := must[[]Unit](t)(f.Units(UnitFilter{Level: "cell"}))
	if missing := len(cells) - len(repped); missing == 0 {
		t.Error("every cell has a representative")
	}

	// The last inter-consortia meeting is more than 120 days old.
	last := ""
	for _, m := range must[[]Meeting](t)(f.Meetings()) {
		if m.Kind == "inter-consortia" && m.HeldOn > last {
			last = m.HeldOn
		}
	}
	if last == "" || last > demoDay.AddDate(0, 0, -120).Format(DateLayout) {
		t.Errorf("last inter-consortia meeting %q is not overdue", last)
	}

	// History with turnover: ended assignments with successors.
	succeeded := 0
	for _, a := range must[[]Assignment](t)(f.Assignments(AssignmentFilter{})) {
		if a.FollowsID != "" {
			succeeded++
		}
	}
	if succeeded == 0 {
		t.Error("no assignment follows another")
	}

	gapStatuses := map[string]bool{}
	for _, g := range must[[]ResourceGap](t)(f.ResourceGaps(GapFilter{})) {
		gapStatuses[g.Status] = true
	}
	if len(gapStatuses) != len(GapStatuses) {
		t.Errorf("gaps at %d of %d statuses", len(gapStatuses), len(GapStatuses))
	}

	kinds := map[string]bool{}
	for _, o := range must[[]Organisation](t)(f.Organisations()) {
		kinds[o.Kind] = true
	}
	if len(kinds) != len(OrganisationKinds) {
		t.Errorf("organisations of %d of %d kinds", len(kinds), len(OrganisationKinds))
	}
}
