package app

import (
	"strings"
	"testing"

	"cpw/workspace"
)

// An organisation's form lists what it does where, read-only: each
// activity with the community unit's path, or the place as the partner
// wrote it, and its status; an organisation with none says how they come.
func TestOrganisationFormListsActivities(t *testing.T) {
	u, _ := openDemo(t)
	f := u.file
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
		{"HAC", []string{"None yet: importing a partner's 3W matrix adds them."}},
	} {
		u.screen.editOrganisation(byAcronym[c.acronym])
		dlg := top(t, u)
		shown := allText(formField(t, dlg, "Activities"))
		for _, w := range c.want {
			if !strings.Contains(shown, w) {
				t.Errorf("%s: the form does not list %q:\n%s", c.acronym, w, shown)
			}
		}
		dlg.Hide()
	}
}
