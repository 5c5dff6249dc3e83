// The health checks turn the guide's advice into findings computed from the
// data. This file holds what a finding is and the catalogue of checks;
// checks_run.go runs them, and the checks themselves are grouped by theme in
// the checks_*.go files.

package workspace

// Severity says how serious a finding is. Its values are the words that
// `cpw check --json` prints ("critical").
type Severity string

// Severities of findings, most serious first.
const (
	SeverityCritical Severity = "critical"
	SeverityWarning  Severity = "warning"
	SeverityInfo     Severity = "info"
)

// Severities lists the severities in order, most serious first.
var Severities = []Severity{SeverityCritical, SeverityWarning, SeverityInfo}

// SubjectKind says what kind of record a finding is about, so that the
// window knows which page opens it.
type SubjectKind string

// The kinds of record a finding can be about.
const (
	SubjectConsortium   SubjectKind = "consortium"
	SubjectPerson       SubjectKind = "person"
	SubjectOrganisation SubjectKind = "organisation"
	SubjectUnit         SubjectKind = "unit" // a community unit
	SubjectRole         SubjectKind = "role"
	SubjectMeeting      SubjectKind = "meeting"
	SubjectGap          SubjectKind = "gap" // a resource gap
	SubjectWorkspace    SubjectKind = "workspace"
)

// Subject is the record a finding is about.
type Subject struct {
	Kind SubjectKind `json:"kind"`
	ID   string      `json:"id"`
	Name string      `json:"name"`
}

// Finding is one problem a health check found.
type Finding struct {
	Check    string   `json:"check"`
	Severity Severity `json:"severity"`
	Title    string   `json:"title"`
	Subject  Subject  `json:"subject"`
	// Consortium is the code of the consortium a finding about a person or
	// an organisation concerns (a role held in it), so that a consortium's
	// brief lists it; "" otherwise.
	Consortium string `json:"consortium,omitempty"`
	Message    string `json:"message"`
	Why        string `json:"why"`
	Fix        string `json:"fix"`

	// Vacant is the id of the role a finding asks someone to take up (a
	// role nobody holds, or too few hold), so that the window can offer to
	// assign it; "" otherwise.
	Vacant string `json:"vacant,omitempty"`
}

// Check is one health check: the practice of the guide turned into a rule
// the program can compute.
type Check struct {
	ID       string
	Severity Severity
	Title    string
	Why      string // why it matters, and where in the guide it comes from
	// Fix says what to do about it. A fix that names roles has a %s for
	// each, filled in order with the names the catalogue records for the
	// seeded roles in FixRoles, so that a finding and its fix name a role
	// alike after it is renamed, and in every language.
	Fix      string
	FixRoles []string
	run      func(r *checkRun) error
}

// CheckSummary counts findings by severity.
type CheckSummary struct {
	Critical int `json:"critical"`
	Warning  int `json:"warning"`
	Info     int `json:"info"`
}

// Summarise counts findings by severity.
func Summarise(findings []Finding) CheckSummary {
	var s CheckSummary
	for _, f := range findings {
		switch f.Severity {
		case SeverityCritical:
			s.Critical++
		case SeverityWarning:
			s.Warning++
		default:
			s.Info++
		}
	}
	return s
}

// Checks is the catalogue of health checks, in the order they are reported
// within a severity. Each check lives, with its documentation beside its
// run, in the file of its theme: checks_leadership.go, checks_community.go,
// checks_coordination.go and checks_privacy.go; a new check is written there and listed here.
var Checks = []Check{
	consortiumWithoutCountyLead,
	consortiumWithoutCivilSocietyLead,
	noCentralLeadershipTeam,
	noChampion,
	keyPersonOverload,
	outsiderInLeadRole,
	singleOrganisationEngagement,
	consortiumWithoutCommunityMember,
	noElectedLeadersEngaged,
	interConsortiaMeetingOverdue,
	roleVacant,
	withdrawnOrganisationInRole,
	segmentWithoutMobilizer,
	cellsWithoutRepresentative,
	gapWithoutCandidate,
	consortiumMissingTechnicalRole,
	mobilizerGenderImbalance,
	nonResidentRepresentative,
	overdueAction,
	residentWithoutBasis,
	consentWithdrawnDataHeld,
	keptPastRetention,
}
