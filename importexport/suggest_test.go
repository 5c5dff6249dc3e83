package importexport

import (
	"testing"

	"cpw/workspace"
)

// spellings are values as partners and survey tools write them, with the
// choice each means: kinds, bases, genders, commitments, stances,
// influences, statuses, gap kinds, priorities, stages, meeting kinds, age
// bands and unit levels.
var spellings = []struct {
	list    string
	written string
	want    string
}{
	{"kind", "county department", "local-government"}, {"kind", "County Govt", "local-government"},
	{"kind", "Nairobi City County", "local-government"}, {"kind", "county dept.", "local-government"},
	{"kind", "Sub-county office", "local-government"}, {"kind", "Local authority", "local-government"},
	{"kind", "City council", "local-government"}, {"kind", "Local Govt", "local-government"},
	{"kind", "national government agency", "national-government"}, {"kind", "Ministry", "national-government"},
	{"kind", "State Department", "national-government"}, {"kind", "Govt agency", "national-government"},
	{"kind", "Parastatal", "national-government"}, {"kind", "National Govt", "national-government"},
	{"kind", "international NGO", "ngo"}, {"kind", "CSO/NGO (legal)", "ngo"}, {"kind", "Local NGO", "ngo"},
	{"kind", "Civil society organisation", "ngo"}, {"kind", "Non-governmental organization", "ngo"},
	{"kind", "Charity", "ngo"}, {"kind", "Trust", "ngo"}, {"kind", "N.G.O", "ngo"}, {"kind", "CSOs", "ngo"},
	{"kind", "Federation support NGO", "federation-support-ngo"}, {"kind", "Support NGO to federation", "federation-support-ngo"},
	{"kind", "Urban poor federation", "federation"}, {"kind", "Federation", "federation"}, {"kind", "Slum dwellers federation", "federation"},
	{"kind", "CBO", "cbo"}, {"kind", "Community based org", "cbo"}, {"kind", "Community group", "cbo"},
	{"kind", "Self-help group", "cbo"}, {"kind", "Youth group", "cbo"}, {"kind", "Faith-based organisation", "cbo"},
	{"kind", "Residents association", "cbo"}, {"kind", "Women group", "cbo"},
	{"kind", "University", "academia"}, {"kind", "Academic institution", "academia"}, {"kind", "Research institute", "academia"},
	{"kind", "Acadamia", "academia"}, {"kind", "College", "academia"},
	{"kind", "Private company", "private-sector"}, {"kind", "Business", "private-sector"}, {"kind", "Pvt sector", "private-sector"},
	{"kind", "Consultancy firm", "private-sector"}, {"kind", "Bank", "private-sector"},
	{"kind", "Water utility", "utility"}, {"kind", "Utilities", "utility"}, {"kind", "Water service provider", "utility"},
	{"kind", "Media house", "media"}, {"kind", "Radio station", "media"}, {"kind", "Newspaper", "media"},
	{"kind", "Donor", "funder"}, {"kind", "Development partner", "funder"}, {"kind", "Funding agency", "funder"}, {"kind", "Funders", "funder"},
	{"kind", "UN agency", "international"}, {"kind", "United Nations", "international"}, {"kind", "Multilateral", "international"},
	{"kind", "International organisation", "international"}, {"kind", "Regional organization", "international"},
	{"kind", "Elected office", "elected-office"}, {"kind", "MCA office", "elected-office"}, {"kind", "Member of Parliament", "elected-office"},
	{"kind", "Ward representative", "elected-office"}, {"kind", "Other", "other"},
	{"base", "Locally based", "local"}, {"base", "County", "local"}, {"base", "Sub-county", "local"}, {"base", "Community level", "local"}, {"base", "Grassroots", "local"},
	{"base", "Nationwide", "national"}, {"base", "Country-wide", "national"}, {"base", "National level", "national"},
	{"base", "East Africa", "regional"}, {"base", "Regional (EA)", "regional"}, {"base", "Africa-wide", "regional"},
	{"base", "Global", "international"}, {"base", "Intl", "international"}, {"base", "Overseas", "international"}, {"base", "Foreign", "international"},
	{"gender", "Femal", "female"}, {"gender", "Women", "female"}, {"gender", "Girl", "female"}, {"gender", "Mwanamke", "female"},
	{"gender", "Lady", "female"}, {"gender", "FEMALE ", "female"}, {"gender", "Males", "male"}, {"gender", "Men", "male"},
	{"gender", "Boy", "male"}, {"gender", "Mwanaume", "male"}, {"gender", "Mail", "male"}, {"gender", "Non-binary", "other"},
	{"commitment", "Potential", "prospective"}, {"commitment", "Prospect", "prospective"}, {"commitment", "Contacted", "approached"},
	{"commitment", "In discussion", "approached"}, {"commitment", "MoU signed", "committed"}, {"commitment", "Confirmed", "committed"},
	{"commitment", "Commited", "committed"}, {"commitment", "Participating", "active"}, {"commitment", "Actively engaged", "active"},
	{"commitment", "Dropped out", "withdrawn"}, {"commitment", "Inactive", "withdrawn"}, {"commitment", "Withdrew", "withdrawn"},
	{"stance", "Supports", "supportive"}, {"stance", "Champion", "supportive"}, {"stance", "Somewhat supportive", "leaning-supportive"},
	{"stance", "Undecided", "neutral"}, {"stance", "Sceptical", "leaning-opposed"}, {"stance", "Against", "opposed"},
	{"stance", "Hostile", "opposed"}, {"stance", "Not sure", "unknown"}, {"stance", "Don't know", "unknown"},
	{"influence", "Very high", "high"}, {"influence", "Strong", "high"}, {"influence", "Moderate", "medium"}, {"influence", "Med", "medium"},
	{"influence", "Minimal", "low"}, {"influence", "Weak", "low"},
	{"status", "Being formed", "forming"}, {"status", "Formation", "forming"}, {"status", "Collecting data", "data-collection"},
	{"status", "Data colection", "data-collection"}, {"status", "Mapping", "data-collection"}, {"status", "In planning", "planning"},
	{"status", "Draft plan", "plan-drafted"}, {"status", "Plan draft", "plan-drafted"}, {"status", "Validated by community", "validated"},
	{"status", "Approved", "ratified"}, {"status", "Adopted", "ratified"}, {"status", "Implementation", "implementing"},
	{"status", "Under implementation", "implementing"},
	{"gapkind", "Technical assistance", "expertise"}, {"gapkind", "Experts", "expertise"}, {"gapkind", "Staff", "staff-time"},
	{"gapkind", "Personnel", "staff-time"}, {"gapkind", "Money", "funding"}, {"gapkind", "Funds", "funding"}, {"gapkind", "Budget", "funding"},
	{"gapkind", "Survey data", "data"}, {"gapkind", "Maps", "data"}, {"gapkind", "Tools", "equipment"}, {"gapkind", "GPS units", "equipment"},
	{"gapkind", "Venue", "venue-logistics"}, {"gapkind", "Transport", "venue-logistics"}, {"gapkind", "Logistics", "venue-logistics"},
	{"gapstatus", "Not filled", "open"}, {"gapstatus", "Pending", "open"}, {"gapstatus", "Searching", "recruiting"},
	{"gapstatus", "Partially filled", "partly-filled"}, {"gapstatus", "Part filled", "partly-filled"}, {"gapstatus", "Done", "filled"},
	{"gapstatus", "Completed", "filled"}, {"gapstatus", "Cancelled", "dropped"}, {"gapstatus", "No longer needed", "dropped"},
	{"priority", "Urgent", "high"}, {"priority", "Hi", "high"}, {"priority", "Normal", "medium"}, {"priority", "Lo", "low"},
	{"stage", "Shortlisted", "identified"}, {"stage", "Contacted", "approached"}, {"stage", "Keen", "interested"},
	{"stage", "Expressed interest", "interested"}, {"stage", "Pledged", "committed"}, {"stage", "Refused", "declined"},
	{"meeting", "Inter-consortium meeting", "inter-consortia"}, {"meeting", "Joint consortia", "inter-consortia"},
	{"meeting", "Sector meeting", "consortium"}, {"meeting", "Steering committee", "central-leadership"},
	{"meeting", "Baraza", "community-forum"}, {"meeting", "Community forum", "community-forum"}, {"meeting", "Public hearing", "public-meeting"},
	{"meeting", "Town hall", "public-meeting"},
	{"age", "Youth", "18-24"}, {"age", "18 to 24", "18-24"}, {"age", "25 to 35", "25-35"}, {"age", "Elderly", "60+"},
	{"age", "Over 60", "60+"}, {"age", "Minor", "under-18"}, {"age", "Below 18", "under-18"}, {"age", "36 to 59", "36-59"},
	{"level", "Village", "segment"}, {"level", "Settlement", "area"}, {"level", "Block", "cluster"}, {"level", "Cells", "cell"},
}

// The suggestions are measured: the share of real-world spellings whose
// first suggestion is the choice meant. It must be at least 90%.
func TestSuggestionsForRealWorldSpellings(t *testing.T) {
	lists := map[string]struct {
		choices []workspace.Choice
		aliases map[string]string
	}{
		"kind": {workspace.OrganisationKinds, organisationKindAliases}, "base": {workspace.Bases, nil},
		"gender":     {workspace.Genders, peopleSheet.column("Gender").choiceAliases},
		"commitment": {workspace.Commitments, nil}, "stance": {workspace.Stances, nil}, "influence": {workspace.Influences, nil},
		"status": {workspace.ConsortiumStatuses, nil}, "gapkind": {workspace.GapKinds, nil}, "gapstatus": {workspace.GapStatuses, nil},
		"priority": {workspace.Priorities, nil}, "stage": {workspace.CandidateStages, nil}, "meeting": {workspace.MeetingKinds, nil},
		"age": {workspace.AgeBands, nil}, "level": {workspace.UnitLevels, nil},
	}
	if len(spellings) < 150 {
		t.Fatalf("only %d spellings: the measure needs at least 150", len(spellings))
	}
	right, known, knownRight := 0, 0, 0
	for _, s := range spellings {
		l, ok := lists[s.list]
		if !ok {
			t.Fatalf("no list %q", s.list)
		}
		// Some spellings are a choice's own label or a known alias, which an
		// import reads without a suggestion: counted apart as well.
		_, exact := findChoice(l.choices, s.written)
		_, alias := l.aliases[normalise(s.written)]
		if exact || alias {
			known++
		}
		// Right only when offered: a suggestion not close enough is not shown.
		if got, close := suggestChoice(l.choices, l.aliases, s.written); got == s.want && close {
			right++
			if exact || alias {
				knownRight++
			}
		} else {
			t.Logf("%s “%s”: suggested %q, meant %q", s.list, s.written, got, s.want)
		}
	}
	share := float64(right) * 100 / float64(len(spellings))
	t.Logf("%d of %d spellings (%.1f%%) have the right first suggestion; of the %d that are no choice's label or known alias, %d (%.1f%%)",
		right, len(spellings), share, len(spellings)-known, right-knownRight, float64(right-knownRight)*100/float64(len(spellings)-known))
	if share < 90 {
		t.Errorf("only %.1f%% of the spellings have the right first suggestion, under 90%%", share)
	}
}

// A value far from every choice gets no suggestion.
func TestNoSuggestionForNonsense(t *testing.T) {
	for _, v := range []string{"xyzzy", "12345", "qwertyuiop"} {
		if got, close := suggestChoice(workspace.OrganisationKinds, organisationKindAliases, v); close {
			t.Errorf("“%s” suggested %q", v, got)
		}
	}
}
