package importexport

import (
	"strings"
	"unicode"

	"cpw/workspace"
)

// Suggestions: a value that is none of a column's choices ("county dept",
// "Intl NGO", "Femal") is compared with each choice's label, key, known
// aliases and the words people use for it, and the closest is offered.
// A suggestion is never taken on its own: the problem names it, and the
// user writes it (or confirms it) before the row imports.

// choiceWords are more words by which workbooks name a choice, by key,
// beside its label and the column's aliases.
var choiceWords = map[string][]string{
	"female": {"woman", "women", "girl", "lady", "mwanamke", "kike", "wanawake"}, "male": {"men", "boy", "gentleman", "mwanaume", "kiume", "wanaume"},
	"other":            {"non binary", "nonbinary", "intersex", "prefer to self describe"},
	"local-government": {"county", "county department", "county government", "local authority", "sub county", "municipal", "city council", "ward office", "county dept"},
	"national-government": {"ministry", "state department", "national government agency", "government agency", "national agency", "parastatal",
		"state agency", "public authority"},
	"elected-office":         {"mca", "member of county assembly", "mp", "member of parliament", "ward representative", "governor office", "senator"},
	"ngo":                    {"ngo", "cso", "civil society", "non governmental organisation", "charity", "nonprofit", "not for profit", "trust", "foundation"},
	"federation-support-ngo": {"support ngo", "federation support", "slum dwellers international", "sdi"},
	"federation":             {"urban poor federation", "federation", "muungano", "slum dwellers federation", "savings federation"},
	"cbo":                    {"community group", "community based", "self help group", "shg", "youth group", "women group", "faith based", "church", "mosque", "residents association"},
	"academia":               {"university", "college", "research institute", "school", "academic", "think tank"},
	"private-sector":         {"company", "business", "firm", "private", "enterprise", "consultancy", "consultant", "bank", "sme"},
	"utility":                {"water company", "water utility", "power company", "electricity", "sewerage", "kplc", "water service provider"},
	"media":                  {"radio", "newspaper", "tv", "television", "journalist", "press"},
	"funder":                 {"donor", "funder", "bilateral donor", "grant maker", "development partner", "embassy"},
	"international":          {"un", "un agency", "united nations", "multilateral", "ingo", "international ngo", "world bank", "regional body"},
	"local":                  {"community", "grassroots", "settlement", "county", "county level", "sub county", "ward", "city", "local level"},
	"national":               {"country", "countrywide", "kenyan", "national level"},
	"regional":               {"east africa", "african", "africa", "regional level"},
	"international:base":     {"global", "overseas", "foreign", "abroad", "worldwide"},
	"prospective":            {"potential", "possible", "not yet contacted", "to contact", "target", "lead"},
	"approached":             {"contacted", "in discussion", "talking", "met", "engaged with"},
	"committed":              {"agreed", "signed", "mou signed", "confirmed", "pledged"},
	"active":                 {"working", "ongoing", "engaged", "participating", "implementing"},
	"withdrawn":              {"left", "dropped out", "pulled out", "exited", "inactive", "stopped"},
	"supportive":             {"supports", "champion", "ally", "positive", "in favour", "pro"},
	"leaning-supportive":     {"mostly supportive", "somewhat supportive", "fairly positive"},
	"neutral":                {"undecided", "indifferent", "mixed"},
	"leaning-opposed":        {"somewhat opposed", "sceptical", "skeptical", "hesitant", "cautious"},
	"opposed":                {"against", "hostile", "resistant", "negative", "blocker"},
	"unknown":                {"unknown", "not sure", "unclear", "dont know"},
	"high":                   {"very high", "strong", "major", "critical", "urgent", "top"},
	"medium":                 {"moderate", "average", "mid", "some", "normal"},
	"low":                    {"weak", "minor", "little", "limited", "minimal"},
	"forming":                {"being formed", "formation", "new", "starting", "set up", "inception"},
	"data-collection":        {"collecting data", "survey", "mapping", "enumeration", "profiling"},
	"planning":               {"in planning", "drafting plan", "plan development"},
	"plan-drafted":           {"draft plan", "draft ready", "plan written"},
	"validated":              {"validated", "validation done", "community validation", "validated by community"},
	"ratified":               {"approved", "adopted", "passed by assembly", "gazetted"},
	"implementing":           {"implementation", "in implementation", "rolling out", "under construction"},
	"expertise":              {"technical assistance", "skills", "expert", "specialist", "consultant", "know how"},
	"staff-time":             {"staff", "personnel", "people", "human resources", "manpower", "volunteers"},
	"funding":                {"money", "funds", "budget", "finance", "cash", "grant"},
	"data":                   {"information", "survey data", "maps", "statistics", "dataset"},
	"equipment":              {"tools", "materials", "computers", "gps", "vehicle", "supplies"},
	"venue-logistics":        {"venue", "logistics", "transport", "hall", "meeting space", "catering"},
	"open":                   {"not filled", "unfilled", "pending", "needed", "outstanding", "new"},
	"recruiting":             {"searching", "looking", "advertised", "in progress", "sourcing"},
	"partly-filled":          {"partial", "partially filled", "part filled", "partly met", "partially met"},
	"filled":                 {"done", "met", "complete", "completed", "closed", "secured"},
	"dropped":                {"cancelled", "canceled", "no longer needed", "abandoned"},
	"identified":             {"shortlisted", "listed", "named"},
	"interested":             {"keen", "showed interest", "expressed interest"},
	"declined":               {"refused", "said no", "rejected", "not interested"},
	"inter-consortia":        {"inter consortium", "all consortia", "joint consortia", "intersectoral", "cross sector"},
	"consortium":             {"sector meeting", "consortium meeting", "cluster meeting", "working group"},
	"central-leadership":     {"steering committee", "leadership meeting", "coordination committee", "sc meeting"},
	"community-forum":        {"community forum", "planning forum", "baraza", "community meeting", "residents forum"},
	"public-meeting":         {"public forum", "public hearing", "open meeting", "town hall", "public participation"},
	"under-18":               {"child", "minor", "below 18", "under eighteen", "0 17"},
	"18-24":                  {"youth", "18 to 24", "young adult"},
	"25-35":                  {"25 to 35", "young adult"},
	"36-59":                  {"adult", "36 to 59", "middle aged"},
	"60+":                    {"elderly", "senior", "old", "over 60", "60 and above", "above 60"},
	"area":                   {"settlement", "zone", "region"},
	"segment":                {"village", "section", "sub area"},
	"cluster":                {"block", "group of cells"},
	"cell":                   {"plot", "household group", "court"},
}

// wordSynonyms put short and other-language forms into the words the
// labels use.
var wordSynonyms = map[string]string{
	"govt": "government", "gov": "government", "gok": "government", "dept": "department", "depts": "department",
	"intl": "international", "int": "international", "natl": "national", "org": "organization", "orgs": "organization",
	"orgn": "organization", "assoc": "association", "univ": "university", "pvt": "private", "co": "company",
	"fed": "federation", "comm": "community", "kaunti": "county", "serikali": "government",
}

// stopWords carry no meaning of their own in a choice's name.
var stopWords = map[string]bool{"the": true, "of": true, "and": true, "a": true, "an": true, "in": true, "for": true, "to": true, "or": true, "by": true, "with": true}

// words splits a value into its meaningful words, lower case, with the
// spellings and short forms made one.
func words(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '+' }) {
		w = normalise(w)
		if to, ok := wordSynonyms[w]; ok {
			w = to
		}
		if w != "" && !stopWords[w] {
			out = append(out, w)
		}
	}
	return out
}

// similarWord reports whether two words are the same word as people write
// it: equal, one cut short of the other, a plural, or one typing slip.
func similarWord(a, b string) bool {
	switch {
	case a == b:
		return true
	case len(a) >= 3 && len(b) >= 3 && (strings.HasPrefix(a, b) || strings.HasPrefix(b, a)):
		return true
	case len(a) >= 5 && len(b) >= 5:
		return distance(a, b) <= 1
	}
	return false
}

// wordScore is how much two names share, from 0 to 1: their words in
// common over all their words.
func wordScore(a, b []string) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	common := 0
	for _, x := range a {
		for _, y := range b {
			if similarWord(x, y) {
				common++
				break
			}
		}
	}
	return float64(common) / float64(len(a)+len(b)-common)
}

// letterScore is how alike two names are letter by letter, from 0 to 1.
func letterScore(a, b string) float64 {
	if a == "" || b == "" {
		return 0
	}
	return 1 - float64(distance(a, b))/float64(max(len([]rune(a)), len([]rune(b))))
}

// distance is the edit distance between two strings.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// namesOf are the names a choice goes by: its label, its key, the
// column's aliases for it and the words people use for it.
func namesOf(c workspace.Choice, aliases map[string]string) []string {
	names := []string{c.Label, strings.ReplaceAll(c.Key, "-", " ")}
	names = append(names, choiceWords[c.Key]...)
	names = append(names, choiceWords[c.Key+":base"]...)
	for alias, key := range aliases {
		if key == c.Key {
			names = append(names, alias)
		}
	}
	return names
}

// suggestChoice returns the key of the choice a value most likely means,
// and false when none is close enough to offer.
func suggestChoice(choices []workspace.Choice, aliases map[string]string, v string) (string, bool) {
	vw, vn := words(v), normalise(v)
	best, bestScore := "", 0.0
	for _, c := range choices {
		if c.Key == "" {
			continue // "not recorded" is what a blank cell says
		}
		for _, name := range namesOf(c, aliases) {
			nn := normalise(name)
			score := max(wordScore(vw, words(name)), letterScore(vn, nn))
			if vn != "" && nn == vn {
				score = 1
			}
			if score > bestScore {
				best, bestScore = c.Key, score
			}
		}
	}
	return best, bestScore >= 0.4
}

// References: a cell that names a record (an organisation, a consortium, a
// role, a sector) but not as the workspace spells it ("SDI Kenya", "AMT",
// "Caritas (Caritas Switzerland)") is compared with every record's names:
// a note in brackets is taken apart, initials are compared with the words
// they stand for, and the words in common counted. The closest record is
// offered, never taken: see rowCtx.ref.

// refCandidate is a record a reference may mean, with the names it goes by:
// its name, and its acronym or code.
type refCandidate struct {
	id    string
	names []string
}

// noteOf takes apart a name written with a note in brackets at its end:
// "Caritas (Caritas Switzerland)" is "Caritas" and "Caritas Switzerland".
func noteOf(s string) (before, inside string, ok bool) {
	s = strings.TrimSpace(s)
	if !strings.HasSuffix(s, ")") {
		return "", "", false
	}
	open := strings.LastIndex(s, "(")
	if open < 0 {
		return "", "", false
	}
	before, inside = strings.TrimSpace(s[:open]), strings.TrimSpace(s[open+1:len(s)-1])
	return before, inside, before != "" || inside != ""
}

// nameWords splits a name into its words, lower case, with British
// spellings made American, keeping the small words that initials may
// count ("MoH" for Ministry of Health).
func nameWords(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if w = normalise(w); w != "" {
			out = append(out, w)
		}
	}
	return out
}

// alignScore is how much two names' words correspond, from 0 to 1. A word
// of a corresponds to a word of b that is the same word as people write it
// (similarWord), or to two or more words of b in a row whose initials it is
// ("sdi" for Slum Dwellers International, "moh" or "mh" for Ministry of
// Health). Small words ("of", "and") count only in initials.
func alignScore(a, b []string) float64 {
	used := make([]bool, len(b))
	matched, covered, na, nb := 0, 0, 0, 0
	telling := false // a word in common that is not one many names share, or initials
	for _, x := range b {
		if !stopWords[x] {
			nb++
		}
	}
	for _, w := range a {
		if stopWords[w] {
			continue
		}
		na++
		found := false
		for j, x := range b {
			if !used[j] && !stopWords[x] && similarWord(w, x) {
				used[j], found = true, true
				matched++
				covered++
				telling = telling || !commonNameWords[w] && !commonNameWords[x]
				break
			}
		}
		if found || len([]rune(w)) < 2 {
			continue
		}
		if from, to, ok := initialsRun(w, b, used); ok {
			matched, telling = matched+1, true
			for j := from; j <= to; j++ {
				used[j] = true
				if !stopWords[b[j]] {
					covered++
				}
			}
		}
	}
	if na+nb == 0 || !telling {
		return 0
	}
	return float64(matched+covered) / float64(na+nb)
}

// commonNameWords are words so many organisations' names hold that having
// them in common says nothing of being the same one ("Good Org" is not
// "Nowhere Org").
var commonNameWords = map[string]bool{}

func init() {
	for _, w := range []string{"org", "orgs", "organization", "organizations", "trust", "foundation", "group", "association", "society",
		"network", "alliance", "federation", "institute", "center", "international", "national", "community", "communities",
		"kenya", "nairobi", "county", "city", "government", "department", "ministry", "ltd", "limited", "inc", "company",
		"project", "program", "initiative", "agency", "office", "council", "committee", "ngo", "cbo", "cso", "youth", "women",
		"development", "support", "services", "service", "consortium", "team", "lead", "leader", "member"} {
		commonNameWords[normalise(w)] = true
	}
}

// initialsRun finds two or more words of b in a row, none used yet, whose
// initials are w: with the small words among them, or without.
func initialsRun(w string, b []string, used []bool) (from, to int, ok bool) {
	for i := range b {
		if used[i] || stopWords[b[i]] {
			continue
		}
		all, big, n := "", "", 0
		for j := i; j < len(b) && !used[j]; j++ {
			first := string([]rune(b[j])[0])
			all += first
			if !stopWords[b[j]] {
				big += first
				n++
				if n >= 2 && (all == w || big == w) {
					return i, j, true
				}
			}
			if len(big) > len(w) {
				break
			}
		}
	}
	return 0, 0, false
}

// nameForms are the ways a name may be meant: whole, and when it ends in a
// note in brackets, the part before it and the note.
func nameForms(s string) []string {
	out := []string{s}
	if before, inside, ok := noteOf(s); ok {
		for _, f := range []string{before, inside} {
			if f != "" {
				out = append(out, f)
			}
		}
	}
	return out
}

// referenceScore is how likely a reference means a record of that name,
// from 0 to 1: the best of its forms against the name's, by words and
// initials both ways, or letter by letter for long names with a slip.
func referenceScore(v, name string) float64 {
	best := 0.0
	for _, a := range nameForms(v) {
		an, aw := normalise(a), nameWords(a)
		for _, b := range nameForms(name) {
			bn := normalise(b)
			if an != "" && an == bn {
				return 1
			}
			bw := nameWords(b)
			best = max(best, alignScore(aw, bw), alignScore(bw, aw))
			if len(an) >= 6 && len(bn) >= 6 {
				if l := letterScore(an, bn); l >= 0.8 {
					best = max(best, l)
				}
			}
		}
	}
	return best
}

// suggestRecord returns the id of the record a reference most likely
// means, and false when none is close enough to offer or two are as close.
func suggestRecord(v string, candidates []refCandidate) (string, bool) {
	bestID, best, tie := "", 0.0, false
	for _, c := range candidates {
		s := 0.0
		for _, n := range c.names {
			if strings.TrimSpace(n) != "" {
				s = max(s, referenceScore(v, n))
			}
		}
		switch {
		case s > best+1e-9:
			bestID, best, tie = c.id, s, false
		case s > 0 && s >= best-1e-9 && c.id != bestID:
			tie = true
		}
	}
	if best < 0.5 || tie {
		return "", false
	}
	return bestID, true
}

// roleWords are more names by which rosters call the seeded roles, by key;
// they name the role as surely as its own name does, whatever the
// catalogue now calls it.
var roleWords = map[string][]string{
	workspace.RoleCommunityMobilizer:    {"mobilizer", "mobilizers", "community mobilizers"},
	workspace.RoleCommunityCoResearcher: {"co-researcher", "co researcher", "coresearcher", "community researcher", "community co researchers", "co-researchers"},
	workspace.RoleRepresentativeCell:    {"cell representative", "cell rep", "household representative cell", "cell leader"},
	workspace.RoleRepresentativeCluster: {"cluster representative", "cluster rep", "household representative cluster", "cluster leader"},
	workspace.RoleRepresentativeSegment: {"segment representative", "segment rep", "household representative segment", "segment leader", "village representative"},
	workspace.RoleCommunityOrganiser:    {"community organizer", "community organizers"},
	workspace.RoleCommunityChampion:     {"community champion", "community steward"},
	workspace.RoleCentralChampion:       {"central champion", "champion and steward"},
	workspace.RoleCentralLeadershipTeam: {"central leadership team", "central leadership", "clt"},
	workspace.RoleLocalGovernmentLeader: {"local government leader", "county leader", "government leader"},
	workspace.RoleCivilSocietyLeader:    {"civil society leader", "cso leader"},
	workspace.RoleCommunityEngagement:   {"community engagement", "community engagement team", "community coordination team"},
	workspace.RoleTechnicalLeadGovernment: {"county lead", "government lead", "local government lead", "technical lead government",
		"technical lead county", "county technical lead"},
	workspace.RoleTechnicalLeadCivil: {"civil society lead", "cso lead", "technical lead civil society", "technical lead cso", "ngo lead"},
}

// representativeWords name a household representative without saying the
// level: the unit they represent says which of the three roles it is.
var representativeWords = []string{"household representative", "household representatives", "household rep", "hh representative",
	"hh rep", "hhr", "representative", "rep", "mwakilishi", "mwakilishi wa kaya"}

// isRepresentative reports whether a role as written is a household
// representative of no level.
func isRepresentative(v string) bool {
	n := normalise(v)
	for _, w := range representativeWords {
		if n == normalise(w) {
			return true
		}
	}
	return false
}

// representativeRoles are the keys of the household representatives'
// roles, by the level of the unit they represent.
var representativeRoles = map[string]string{"cell": workspace.RoleRepresentativeCell, "cluster": workspace.RoleRepresentativeCluster,
	"segment": workspace.RoleRepresentativeSegment}
