package workspace

import "testing"

// A finding that asks someone to take up a role names the role, so that
// the window can offer to assign it; the others name none.
func TestFindingsNameTheVacantRole(t *testing.T) {
	x := newFixture(t)
	c := x.consortium("WSE")
	team, champion, lead := x.role(RoleCentralLeadershipTeam), x.role(RoleCentralChampion), x.role(RoleTechnicalLeadGovernment)
	want := map[string]string{
		"no-central-leadership-team":     team.ID,
		"no-champion":                    champion.ID,
		"consortium-without-county-lead": lead.ID,
	}
	for check, roleID := range want {
		got := x.findings(check, checkDay)
		if len(got) != 1 || got[0].Vacant != roleID {
			t.Errorf("%s: %+v, want the role %s", check, got, roleID)
		}
	}
	if got := x.findings("consortium-without-county-lead", checkDay); len(got) == 1 && got[0].Subject.ID != c.ID {
		t.Errorf("the lead is wanted in %+v", got[0].Subject)
	}
	// Once held by enough, from every constituency, nothing is vacant; a
	// one-sided team is not a vacancy.
	county := x.org("County Planning", "local-government", "local")
	x.assign(RoleCentralLeadershipTeam, Assignment{PersonID: x.person("Director", county.ID, false).ID})
	x.assign(RoleCentralLeadershipTeam, Assignment{PersonID: x.person("Chief Officer", county.ID, false).ID})
	got := x.findings("no-central-leadership-team", checkDay)
	if len(got) != 1 || got[0].Vacant != "" {
		t.Errorf("a one-sided team: %+v", got)
	}
	// A vacancy left by a holder who went names the role too.
	a := x.assign(RoleTechnicalLeadGovernment, Assignment{PersonID: x.person("Amina", county.ID, false).ID, ConsortiumID: c.ID})
	x.end(a, "2026-04-01")
	vacant := x.findings("role-vacant", checkDay)
	if len(vacant) != 1 || vacant[0].Vacant != lead.ID || vacant[0].Subject.ID != c.ID {
		t.Errorf("role-vacant: %+v", vacant)
	}
}
