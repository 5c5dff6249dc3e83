package workspace

import (
	"database/sql"
	"sort"
	"strings"
	"time"

	"cpw/translate"
)

// Severities of findings, most serious first.
const (
	SeverityCritical = "critical"
	SeverityWarning  = "warning"
	SeverityInfo     = "info"
)

// Severities lists the severities in order, most serious first.
var Severities = []string{SeverityCritical, SeverityWarning, SeverityInfo}

// Subject is the record a finding is about.
type Subject struct {
	Kind string `json:"kind"` // consortium, person, organisation, unit, role, meeting, gap, workspace
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Finding is one problem a health check found.
type Finding struct {
	Check    string  `json:"check"`
	Severity string  `json:"severity"`
	Title    string  `json:"title"`
	Subject  Subject `json:"subject"`
	// Consortium is the code of the consortium a finding about a person or
	// an organisation concerns (a role held in it), so that a consortium's
	// brief lists it; "" otherwise.
	Consortium string `json:"consortium,omitempty"`
	Message    string `json:"message"`
	Why        string `json:"why"`
	Fix        string `json:"fix"`
}

// Check is one health check: the practice of the guide turned into a rule
// the program can compute.
type Check struct {
	ID       string
	Severity string
	Title    string
	Why      string // why it matters, and where in the guide it comes from
	Fix      string // what to do about it
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

// checkRun holds what the checks share while they run: the day, the
// thresholds, and the small tables most checks look at.
type checkRun struct {
	q         querier
	today     time.Time
	day       string // today as YYYY-MM-DD
	th        Thresholds
	roles     map[string]Role // seeded roles by key
	orgs      map[string]Organisation
	consortia []Consortium
	current   []heldRole // current assignments outside community units
	check     *Check
	found     []Finding
	tr        translate.Func // words the findings: through say and sayPlain
}

// heldRole is a current assignment outside the community units, with what
// the checks need to know of its holder.
type heldRole struct {
	Assignment
	personName     string
	resident       bool
	personOrgID    string // the person's organisation
	holderOrg      string // the organisation behind the holder: itself, or the person's
	roleName       string
	roleKey        string
	roleGroup      string
	roleIsKey      bool
	consortiumCode string
}

func (h heldRole) holderName(r *checkRun) string {
	if h.PersonID != "" {
		return h.personName
	}
	return r.orgs[h.OrganisationID].Name
}

func (h heldRole) holderSubject(r *checkRun) Subject {
	if h.PersonID != "" {
		return Subject{"person", h.PersonID, h.personName}
	}
	return Subject{"organisation", h.OrganisationID, r.orgs[h.OrganisationID].Name}
}

// finding records a finding of the running check, worded in the run's
// language.
func (r *checkRun) finding(s Subject, format string, args ...any) {
	c := r.check
	r.found = append(r.found, Finding{Check: c.ID, Severity: c.Severity, Title: r.sayPlain(c.Title), Subject: s,
		Message: r.tr(format, args...), Why: r.sayPlain(c.Why), Fix: r.sayPlain(c.Fix)})
}

// sayPlain words a text held in a variable (one marked with msg where it was
// written) in the run's language, without formatting it.
func (r *checkRun) sayPlain(text string) string {
	if text == "" {
		return ""
	}
	return r.tr(text)
}

// say words a text, written in English with fmt verbs, in the run's language.
func (r *checkRun) say(format string, args ...any) string { return r.tr(format, args...) }

// inConsortium tags the finding just made as concerning the consortium with
// the code, when there is one.
func (r *checkRun) inConsortium(code string) {
	if code != "" && len(r.found) > 0 {
		r.found[len(r.found)-1].Consortium = code
	}
}

// currentSQL is the condition for an assignment a held on :today; an
// assignment is not held on the day it ends.
const currentSQL = "a.start_on <= :today AND (a.end_on = '' OR a.end_on > :today)"

func (r *checkRun) query(query string, args ...any) (*sql.Rows, error) {
	return r.q.Query(query, append(args, sql.Named("today", r.day))...)
}

// RunChecks runs every health check as of the day today and returns the
// findings, most serious first, in the language of the package's messages.
func (f *File) RunChecks(today time.Time) ([]Finding, error) {
	return f.RunChecksIn(today, say)
}

// RunChecksIn runs the checks like RunChecks, with the findings worded by
// say: a brief may be written in another language than the window's.
func (f *File) RunChecksIn(today time.Time, say translate.Func) ([]Finding, error) {
	th, err := f.Thresholds()
	if err != nil {
		return nil, err
	}
	r := &checkRun{tr: say, q: f.db, today: today, day: today.Format(DateLayout), th: th, roles: map[string]Role{}, orgs: map[string]Organisation{}}
	if err := r.load(); err != nil {
		return nil, internal("preparing the health checks", err)
	}
	for i := range Checks {
		r.check = &Checks[i]
		if err := r.check.run(r); err != nil {
			return nil, internal(say("running the check %s", r.check.ID), err)
		}
	}
	rank := map[string]int{SeverityCritical: 0, SeverityWarning: 1, SeverityInfo: 2}
	order := map[string]int{}
	for i, c := range Checks {
		order[c.ID] = i
	}
	sort.SliceStable(r.found, func(i, j int) bool {
		a, b := r.found[i], r.found[j]
		if rank[a.Severity] != rank[b.Severity] {
			return rank[a.Severity] < rank[b.Severity]
		}
		return order[a.Check] < order[b.Check]
	})
	return r.found, nil
}

func (r *checkRun) load() error {
	roles, err := list[Role](r.q, "", "position")
	if err != nil {
		return err
	}
	// A seeded role that was deleted or retired is no longer expected to be
	// held: the checks that need it stay silent rather than nag for ever.
	for _, role := range roles {
		if role.Key != "" && (role.RetiredOn == "" || role.RetiredOn > r.day) {
			r.roles[role.Key] = role
		}
	}
	orgs, err := list[Organisation](r.q, "", "name")
	if err != nil {
		return err
	}
	for _, o := range orgs {
		r.orgs[o.ID] = o
	}
	if r.consortia, err = list[Consortium](r.q, "", "code"); err != nil {
		return err
	}
	rows, err := r.query(`SELECT a.id, a.role_id, coalesce(a.person_id, ''), coalesce(a.organisation_id, ''), coalesce(a.consortium_id, ''),
			a.start_on, coalesce(p.name, ''), coalesce(p.resident, 0), coalesce(p.organisation_id, ''),
			ro.name, coalesce(ro.key, ''), ro.role_group, ro.is_key, coalesce(c.code, '')
		FROM assignments a JOIN roles ro ON ro.id = a.role_id
		LEFT JOIN people p ON p.id = a.person_id LEFT JOIN consortia c ON c.id = a.consortium_id
		WHERE a.unit_id IS NULL AND ` + currentSQL + ` ORDER BY c.code, ro.position, a.start_on`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var h heldRole
		if err := rows.Scan(&h.ID, &h.RoleID, &h.PersonID, &h.OrganisationID, &h.ConsortiumID, &h.StartOn, &h.personName,
			&h.resident, &h.personOrgID, &h.roleName, &h.roleKey, &h.roleGroup, &h.roleIsKey, &h.consortiumCode); err != nil {
			return err
		}
		h.holderOrg = h.OrganisationID
		if h.PersonID != "" {
			h.holderOrg = h.personOrgID
		}
		r.current = append(r.current, h)
	}
	return rows.Err()
}

// holders returns the current holders of the seeded role with the key,
// in the consortium with id (any consortium for "*", none for "").
func (r *checkRun) holders(key, consortiumID string) []heldRole {
	var out []heldRole
	for _, h := range r.current {
		if h.roleKey == key && (consortiumID == "*" || h.ConsortiumID == consortiumID) {
			out = append(out, h)
		}
	}
	return out
}

func consortiumSubject(c Consortium) Subject { return Subject{"consortium", c.ID, c.Code} }

func (r *checkRun) workspaceSubject() Subject {
	return Subject{"workspace", "", r.say("The initiative")}
}

// roleSubject names the seeded role with the key, or the key itself when
// the catalogue lost it.
func (r *checkRun) roleSubject(key string) Subject {
	if role, ok := r.roles[key]; ok {
		return Subject{"role", role.ID, role.Name}
	}
	return Subject{"role", "", key}
}

func (r *checkRun) roleName(key string) string { return r.roleSubject(key).Name }

// inUse reports whether the seeded role with the key is in the catalogue and in use.
func (r *checkRun) inUse(key string) bool {
	_, ok := r.roles[key]
	return ok
}

// constituency says which of the three constituencies the guide names a
// holder speaks for: government, civil society or the community. The words
// are English, to be worded in the run's language through r.sayPlain.
func (r *checkRun) constituency(h heldRole) string {
	o, hasOrg := r.orgs[h.holderOrg]
	switch {
	case hasOrg && (o.Kind == "local-government" || o.Kind == "national-government" || o.Kind == "elected-office" || o.Kind == "utility"):
		return msg("government")
	case hasOrg && (o.Kind == "federation" || o.Kind == "cbo"):
		return msg("community")
	case !hasOrg && h.resident:
		return msg("community")
	}
	return msg("civil society")
}

// isCommunityLeader reports whether a holder speaks for residents: a
// resident, or someone from (or itself) a CBO or an urban poor federation.
func (r *checkRun) isCommunityLeader(h heldRole) bool {
	if h.PersonID != "" && h.resident {
		return true
	}
	k := r.orgs[h.holderOrg].Kind
	return k == "cbo" || k == "federation"
}

// daysBetween counts the days from one date (YYYY-MM-DD) to another,
// whatever the time zone of the clock that said today.
func daysBetween(from, to string) (int, error) {
	a, err := time.Parse(DateLayout, from)
	if err != nil {
		return 0, err
	}
	b, err := time.Parse(DateLayout, to)
	if err != nil {
		return 0, err
	}
	return int(b.Sub(a).Hours() / 24), nil
}

// lowerFirst lowers the first letter of s, rune-safe.
func lowerFirst(s string) string {
	r := []rune(s)
	if len(r) > 0 {
		r[0] = []rune(strings.ToLower(string(r[0])))[0]
	}
	return string(r)
}

// unitPathSQL names the unit u with up to three units above it, as
// "Area / Segment / Cluster / Cell"; it needs u joined as "u".
const unitPathSQL = `(SELECT coalesce(g3.name || ' / ', '') || coalesce(g2.name || ' / ', '') || coalesce(g1.name || ' / ', '') || u.name
	FROM units g0 LEFT JOIN units g1 ON g1.id = g0.parent_id LEFT JOIN units g2 ON g2.id = g1.parent_id
	LEFT JOIN units g3 ON g3.id = g2.parent_id WHERE g0.id = u.id)`

func percent(part, whole int) int {
	if whole == 0 {
		return 0
	}
	return (part*100 + whole/2) / whole
}

// Checks is the catalogue of health checks, in the order they are reported
// within a severity.
var Checks = []Check{
	{
		ID: "consortium-without-county-lead", Severity: SeverityCritical,
		Title: msg("Consortium without a local-government lead"),
		Why:   msg("Each consortium needs a lead from inside local government who knows how the department works, meets its requirements and secures staff time and money for the plan (the guide: How › Technical Planning Consortia › Technical leads). Without one the sector plan has no path into government."),
		Fix:   msg("Assign the role Technical lead (local government) in this consortium, or record the gap and who is being approached."),
		run: func(r *checkRun) error {
			if !r.inUse(RoleTechnicalLeadGovernment) {
				return nil
			}
			for _, c := range r.consortia {
				if len(r.holders(RoleTechnicalLeadGovernment, c.ID)) == 0 {
					r.finding(consortiumSubject(c), "%s (%s) has no current %s.", c.Code, c.Name, r.roleName(RoleTechnicalLeadGovernment))
				}
			}
			return nil
		},
	},
	{
		ID: "consortium-without-civil-society-lead", Severity: SeverityCritical,
		Title: msg("Consortium without a civil-society lead"),
		Why:   msg("Each consortium needs a civil-society organisation with expertise in its sector to lead the technical work, since neither the county nor any single organisation has all the skills in-house (the guide: How › Technical Planning Consortia › Technical leads)."),
		Fix:   msg("Assign the role Technical lead (civil society) in this consortium to the member with the strongest sector expertise."),
		run: func(r *checkRun) error {
			if !r.inUse(RoleTechnicalLeadCivil) {
				return nil
			}
			for _, c := range r.consortia {
				if len(r.holders(RoleTechnicalLeadCivil, c.ID)) == 0 {
					r.finding(consortiumSubject(c), "%s (%s) has no current %s.", c.Code, c.Name, r.roleName(RoleTechnicalLeadCivil))
				}
			}
			return nil
		},
	},
	{
		ID: "no-central-leadership-team", Severity: SeverityCritical,
		Title: msg("Central leadership team too small or one-sided"),
		Why:   msg("The central leadership team keeps every partner moving towards the same goal through political setbacks; it draws its strength from champions in government, civil society and the community together (the guide: How › Central Leadership). A team of one, or of one constituency, cannot hold the coalition together."),
		Fix:   msg("Add current members to the central leadership team from the constituencies it lacks."),
		run: func(r *checkRun) error {
			if !r.inUse(RoleCentralLeadershipTeam) {
				return nil
			}
			team := r.holders(RoleCentralLeadershipTeam, "")
			s := r.roleSubject(RoleCentralLeadershipTeam)
			if len(team) < r.th.MinCentralTeam {
				if len(team) == 1 {
					r.finding(s, "The central leadership team has 1 current member; it needs at least %d.", r.th.MinCentralTeam)
				} else {
					r.finding(s, "The central leadership team has %s current members; it needs at least %d.", Thousands(int64(len(team))), r.th.MinCentralTeam)
				}
				return nil
			}
			sides := map[string]bool{}
			for _, h := range team {
				sides[r.constituency(h)] = true
			}
			if len(sides) == 1 {
				for side := range sides {
					if len(team) == 1 {
						r.finding(s, "The central leadership team's only member comes from %s; none from the other constituencies.", r.sayPlain(side))
					} else {
						r.finding(s, "All %d members of the central leadership team come from %s; none from the other constituencies.", len(team), r.sayPlain(side))
					}
				}
			}
			return nil
		},
	},
	{
		ID: "no-champion", Severity: SeverityWarning,
		Title: msg("Nobody is the central champion and steward"),
		Why:   msg("At times the whole effort needs one trusted person who owns the coordination of every moving part and keeps factions to their commitments (the guide: How › Central Leadership › Central champion and steward)."),
		Fix:   msg("Agree with the leadership team who will champion and steward the initiative, and assign the role."),
		run: func(r *checkRun) error {
			if !r.inUse(RoleCentralChampion) {
				return nil
			}
			if len(r.holders(RoleCentralChampion, "")) == 0 {
				r.finding(r.roleSubject(RoleCentralChampion), "Nobody currently holds the role %s.", r.roleName(RoleCentralChampion))
			}
			return nil
		},
	},
	{
		ID: "key-person-overload", Severity: SeverityWarning,
		Title: msg("One person holds too many key roles"),
		Why:   msg("When the work rests on a few people it stalls when they move, burn out or lose an election; the guide asks for responsibilities spread as widely as possible from the start (the guide: Challenges › Sustained Leadership)."),
		Fix:   msg("Hand some of these roles to others, or give each a named deputy, so that no one departure stops the work."),
		run: func(r *checkRun) error {
			rows, err := r.query(`SELECT p.id, p.name, ro.name, coalesce(c.code, ''), coalesce(u.name, '')
				FROM roles ro CROSS JOIN assignments a ON a.role_id = ro.id AND ro.is_key = 1 JOIN people p ON p.id = a.person_id
				LEFT JOIN consortia c ON c.id = a.consortium_id LEFT JOIN units u ON u.id = a.unit_id
				WHERE ` + currentSQL + ` ORDER BY p.name, p.id, ro.position, c.code`)
			if err != nil {
				return err
			}
			defer rows.Close()
			type load struct {
				name  string
				roles []string
			}
			var order []string
			held := map[string]*load{}
			for rows.Next() {
				var id, name, role, code, unit string
				if err := rows.Scan(&id, &name, &role, &code, &unit); err != nil {
					return err
				}
				if code+unit != "" {
					role += " (" + code + unit + ")"
				}
				if held[id] == nil {
					held[id] = &load{name: name}
					order = append(order, id)
				}
				held[id].roles = append(held[id].roles, role)
			}
			for _, id := range order {
				if l := held[id]; len(l.roles) > r.th.KeyRoleLimit {
					r.finding(Subject{"person", id, l.name}, "%s holds %d key roles at once (more than %d): %s.", l.name, len(l.roles), r.th.KeyRoleLimit, strings.Join(l.roles, "; "))
				}
			}
			return rows.Err()
		},
	},
	{
		ID: "outsider-in-lead-role", Severity: SeverityWarning,
		Title: msg("A regional or international organisation in a leading role"),
		Why:   msg("Partners from outside the country or region are welcome in support, but the process must be led locally so that it stays rooted and outlasts them (the guide: Where)."),
		Fix:   msg("Move the lead to a local partner and keep the outside organisation in a supporting role."),
		run: func(r *checkRun) error {
			for _, h := range r.current {
				lead := h.roleGroup == "central-leadership" || h.roleGroup == "constituency-leadership" ||
					h.roleKey == RoleTechnicalLeadGovernment || h.roleKey == RoleTechnicalLeadCivil
				o, ok := r.orgs[h.holderOrg]
				if !lead || !ok || (o.Base != "regional" && o.Base != "international") {
					continue
				}
				s, in := h.holderSubject(r), h.consortiumCode
				switch {
				case h.PersonID != "" && o.Base == "regional" && in == "":
					r.finding(s, "%s, of the regional organisation %s, holds %s.", h.personName, o.Name, h.roleName)
				case h.PersonID != "" && o.Base == "regional":
					r.finding(s, "%s, of the regional organisation %s, holds %s in %s.", h.personName, o.Name, h.roleName, in)
				case h.PersonID != "" && in == "":
					r.finding(s, "%s, of the international organisation %s, holds %s.", h.personName, o.Name, h.roleName)
				case h.PersonID != "":
					r.finding(s, "%s, of the international organisation %s, holds %s in %s.", h.personName, o.Name, h.roleName, in)
				case o.Base == "regional" && in == "":
					r.finding(s, "%s, a regional organisation, holds %s.", o.Name, h.roleName)
				case o.Base == "regional":
					r.finding(s, "%s, a regional organisation, holds %s in %s.", o.Name, h.roleName, in)
				case in == "":
					r.finding(s, "%s, an international organisation, holds %s.", o.Name, h.roleName)
				default:
					r.finding(s, "%s, an international organisation, holds %s in %s.", o.Name, h.roleName, in)
				}
				r.inConsortium(in)
			}
			return nil
		},
	},
	{
		ID: "single-organisation-engagement", Severity: SeverityWarning,
		Title: msg("Community engagement rests on too few organisations"),
		Why:   msg("Residents are many groups with different interests; reaching them through one organisation leaves others out and makes the process hostage to that organisation (the guide: Why, and How › Civil Society › Community engagement and coordination)."),
		Fix:   msg("Bring more CBOs, federations and locally rooted organisations into the community engagement and coordination team."),
		run: func(r *checkRun) error {
			if !r.inUse(RoleCommunityEngagement) {
				return nil
			}
			team := r.holders(RoleCommunityEngagement, "")
			orgs := map[string]bool{}
			var names []string
			for _, h := range team {
				if h.holderOrg != "" && !orgs[h.holderOrg] {
					orgs[h.holderOrg] = true
					names = append(names, r.orgs[h.holderOrg].Name)
				}
			}
			if len(orgs) >= r.th.MinEngagementOrgs {
				return nil
			}
			s := r.roleSubject(RoleCommunityEngagement)
			switch {
			case len(orgs) == 0 && len(team) == 1:
				r.finding(s, "The community engagement and coordination team draws on no organisation (1 current member).")
			case len(orgs) == 0:
				r.finding(s, "The community engagement and coordination team draws on no organisation (%s current members).", Thousands(int64(len(team))))
			case len(orgs) == 1:
				r.finding(s, "The community engagement and coordination team draws on 1 organisation (%s); it needs at least %d.", names[0], r.th.MinEngagementOrgs)
			default:
				r.finding(s, "The community engagement and coordination team draws on %s organisations (%s); it needs at least %d.", Thousands(int64(len(orgs))), strings.Join(names, ", "), r.th.MinEngagementOrgs)
			}
			return nil
		},
	},
	{
		ID: "consortium-without-community-member", Severity: SeverityWarning,
		Title: msg("Consortium planning without a community leader"),
		Why:   msg("Community leaders oversee the technical planning by sitting in the consortia's planning teams; without them, sector plans are made about residents rather than with them (the guide: How › Constituency Leadership › Community champions and stewards)."),
		Fix:   msg("Add a resident leader, or a CBO or federation, to the consortium's planning team (for example as a sectoral planner)."),
		run: func(r *checkRun) error {
			for _, c := range r.consortia {
				found := false
				for _, h := range r.current {
					if h.ConsortiumID == c.ID && r.isCommunityLeader(h) {
						found = true
						break
					}
				}
				if !found {
					r.finding(consortiumSubject(c), "No resident, CBO or federation holds a current role in %s (%s).", c.Code, c.Name)
				}
			}
			return nil
		},
	},
	{
		ID: "no-elected-leaders-engaged", Severity: SeverityWarning,
		Title: msg("No elected or administrative leader engaged"),
		Why:   msg("Ward representatives, assembly members, chiefs and administrators can lend the process trust, or oppose and even sabotage it; their awareness and buy-in must be secured (the guide: How › Constituency Leadership › Local elected and administrative leaders)."),
		Fix:   msg("Brief the elected and administrative leaders of the settlement's wards and record who is engaged."),
		run: func(r *checkRun) error {
			if !r.inUse(RoleElectedLeader) {
				return nil
			}
			if len(r.holders(RoleElectedLeader, "")) == 0 {
				r.finding(r.roleSubject(RoleElectedLeader), "Nobody currently holds the role %s.", r.roleName(RoleElectedLeader))
			}
			return nil
		},
	},
	{
		ID: "inter-consortia-meeting-overdue", Severity: SeverityWarning,
		Title: msg("Inter-consortia meeting overdue"),
		Why:   msg("Sector plans only fit together when the consortia meet every few months to present their work and hear the others (the guide: How › Central Leadership › Coordinate partners)."),
		Fix:   msg("Call an inter-consortia meeting and record it with the consortia that took part."),
		run: func(r *checkRun) error {
			if len(r.consortia) < 2 {
				return nil
			}
			var last string
			if err := r.q.QueryRow("SELECT coalesce(max(held_on), '') FROM meetings WHERE kind = 'inter-consortia' AND held_on <= ?", r.day).Scan(&last); err != nil {
				return err
			}
			if last == "" {
				r.finding(r.workspaceSubject(), "No inter-consortia meeting has been recorded for the %d consortia.", len(r.consortia))
				return nil
			}
			days, err := daysBetween(last, r.day)
			if err != nil {
				return err
			}
			if days > r.th.InterConsortiaDays {
				r.finding(r.workspaceSubject(), "The last inter-consortia meeting was on %s, %d days ago (more than %d).", last, days, r.th.InterConsortiaDays)
			}
			return nil
		},
	},
	{
		ID: "role-vacant", Severity: SeverityWarning,
		Title: msg("Key role left empty"),
		Why:   msg("Turnover is certain (officers are transferred, partners drop out); what breaks the process is a key role nobody takes over (the guide: How › Central Leadership › Champion and steward, and Challenges › Sustained Leadership)."),
		Fix:   msg("Find a successor and record the new assignment as following the old one."),
		run: func(r *checkRun) error {
			cutoff := r.today.AddDate(0, 0, -r.th.VacancyDays).Format(DateLayout)
			rows, err := r.query(`SELECT a.id, ro.name, coalesce(c.code, ''), coalesce(u.name, ''), a.end_on,
					coalesce(p.name, o.name, ''), ro.id, coalesce(a.consortium_id, ''), coalesce(a.unit_id, '')
				FROM roles ro CROSS JOIN assignments a ON a.role_id = ro.id
				LEFT JOIN people p ON p.id = a.person_id LEFT JOIN organisations o ON o.id = a.organisation_id
				LEFT JOIN consortia c ON c.id = a.consortium_id LEFT JOIN units u ON u.id = a.unit_id
				WHERE ro.is_key = 1 AND ro.retired_on = '' AND a.end_on <> '' AND a.end_on <= :cutoff
				AND NOT EXISTS (SELECT 1 FROM assignments n WHERE n.follows_id = a.id)
				AND NOT EXISTS (SELECT 1 FROM assignments n WHERE n.role_id = a.role_id
					AND coalesce(n.consortium_id, '') = coalesce(a.consortium_id, '') AND coalesce(n.unit_id, '') = coalesce(a.unit_id, '')
					AND n.start_on <= :today AND (n.end_on = '' OR n.end_on > :today))
				AND NOT EXISTS (SELECT 1 FROM assignments n WHERE n.id <> a.id AND n.role_id = a.role_id
					AND coalesce(n.consortium_id, '') = coalesce(a.consortium_id, '') AND coalesce(n.unit_id, '') = coalesce(a.unit_id, '')
					AND n.start_on >= date(a.end_on, '-' || :days || ' days'))
				ORDER BY ro.position, c.code, a.end_on`, sql.Named("cutoff", cutoff), sql.Named("days", r.th.VacancyDays))
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				var id, role, code, unit, end, holder, roleID, consortiumID, unitID string
				if err := rows.Scan(&id, &role, &code, &unit, &end, &holder, &roleID, &consortiumID, &unitID); err != nil {
					return err
				}
				switch {
				case consortiumID != "":
					r.finding(Subject{"consortium", consortiumID, code}, "%s in %s has been empty since %s left on %s, with no successor.", role, code, holder, end)
				case unitID != "":
					r.finding(Subject{"unit", unitID, unit}, "%s in %s has been empty since %s left on %s, with no successor.", role, unit, holder, end)
				default:
					r.finding(Subject{"role", roleID, role}, "%s has been empty since %s left on %s, with no successor.", role, holder, end)
				}
			}
			return rows.Err()
		},
	},
	{
		ID: "withdrawn-organisation-in-role", Severity: SeverityWarning,
		Title: msg("A withdrawn organisation still holds a role"),
		Why:   msg("The role list should show who really does the work; a partner that has withdrawn leaves its roles empty in practice, however the list reads (the guide: Challenges › Sustained Leadership; partners dropping out)."),
		Fix:   msg("End the assignment on the day the organisation withdrew and assign a successor, or correct the organisation's commitment."),
		run: func(r *checkRun) error {
			// Start from the few withdrawn organisations (CROSS JOIN keeps that
			// order) rather than from every assignment.
			rows, err := r.query(`SELECT pid, pname, oid, oname, ro.name, coalesce(c.code, ''), coalesce(u.name, '') FROM (
					SELECT '' AS pid, '' AS pname, o.id AS oid, o.name AS oname, a.role_id, a.consortium_id, a.unit_id
					FROM organisations o CROSS JOIN assignments a ON a.organisation_id = o.id
					WHERE o.commitment = 'withdrawn' AND ` + currentSQL + `
					UNION ALL
					SELECT p.id, p.name, o.id, o.name, a.role_id, a.consortium_id, a.unit_id
					FROM organisations o CROSS JOIN people p ON p.organisation_id = o.id CROSS JOIN assignments a ON a.person_id = p.id
					WHERE o.commitment = 'withdrawn' AND ` + currentSQL + `) h
				JOIN roles ro ON ro.id = h.role_id LEFT JOIN consortia c ON c.id = h.consortium_id LEFT JOIN units u ON u.id = h.unit_id
				ORDER BY oname, pname, ro.position`)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				var pid, pname, oid, oname, role, code, unit string
				if err := rows.Scan(&pid, &pname, &oid, &oname, &role, &code, &unit); err != nil {
					return err
				}
				in := code + unit
				switch {
				case pid != "" && in == "":
					r.finding(Subject{"person", pid, pname}, "%s, of %s, which has withdrawn, still holds %s.", pname, oname, role)
				case pid != "":
					r.finding(Subject{"person", pid, pname}, "%s, of %s, which has withdrawn, still holds %s in %s.", pname, oname, role, in)
				case in == "":
					r.finding(Subject{"organisation", oid, oname}, "%s has withdrawn but still holds %s.", oname, role)
				default:
					r.finding(Subject{"organisation", oid, oname}, "%s has withdrawn but still holds %s in %s.", oname, role, in)
				}
				r.inConsortium(code)
			}
			return rows.Err()
		},
	},
	{
		ID: "segment-without-mobilizer", Severity: SeverityWarning,
		Title: msg("Segment without a mobilizer"),
		Why:   msg("Mobilizers bring households into the planning, recruit and train their representatives and answer their questions; a part of the settlement without one is left out (the guide: How › Community › Community mobilizers and co-researchers)."),
		Fix:   msg("Recruit and train mobilizers who live in this segment, and assign them to it or to its clusters."),
		run: func(r *checkRun) error {
			role, ok := r.roles[RoleCommunityMobilizer]
			if !ok {
				return nil
			}
			rows, err := r.query(`SELECT s.id, s.name, coalesce(ar.name, '') FROM units s LEFT JOIN units ar ON ar.id = s.parent_id
				WHERE s.level = 'segment' AND s.id NOT IN (
					SELECT coalesce(g.id, p.id, u.id) FROM assignments a JOIN units u ON u.id = a.unit_id
					LEFT JOIN units p ON p.id = u.parent_id AND u.level IN ('cluster', 'cell')
					LEFT JOIN units g ON g.id = p.parent_id AND u.level = 'cell'
					WHERE a.role_id = :role AND `+currentSQL+`)
				ORDER BY ar.name, s.name`, sql.Named("role", role.ID))
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				var id, name, area string
				if err := rows.Scan(&id, &name, &area); err != nil {
					return err
				}
				r.finding(Subject{"unit", id, name}, "Segment %s (%s) has no current mobilizer in it.", name, area)
			}
			return rows.Err()
		},
	},
	{
		ID: "cells-without-representative", Severity: SeverityWarning,
		Title: msg("Cells without a household representative"),
		Why:   msg("Planning decisions reflect the majority only when every group of about ten households has a voice; gaps in representation leave room for minority interests and hidden agendas (the guide: How › Community › Household representatives, and Challenges › Hidden, Unspoken Agendas)."),
		Fix:   msg("Ask the segment's mobilizers to hold elections in the cells listed, then record the representatives."),
		run: func(r *checkRun) error {
			role, ok := r.roles[RoleRepresentativeCell]
			if !ok {
				return nil
			}
			rows, err := r.query(`SELECT s.id, s.name, coalesce(ar.name, ''), count(*), sum(x.missing), sum(x.missing * x.households)
				FROM (SELECT cell.parent_id, cell.households,
						NOT EXISTS (SELECT 1 FROM assignments a WHERE a.unit_id = cell.id AND a.role_id = :role AND `+currentSQL+`) AS missing
					FROM units cell WHERE cell.level = 'cell') x
				JOIN units cl ON cl.id = x.parent_id JOIN units s ON s.id = cl.parent_id LEFT JOIN units ar ON ar.id = s.parent_id
				GROUP BY s.id ORDER BY ar.name, s.name`, sql.Named("role", role.ID))
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				var id, name, area string
				var cells, missing, households int
				if err := rows.Scan(&id, &name, &area, &cells, &missing, &households); err != nil {
					return err
				}
				switch {
				case missing > 0 && households == 1:
					r.finding(Subject{"unit", id, name}, "Segment %s (%s): %d of %d cells (%d%%) have no current household representative, covering 1 household.",
						name, area, missing, cells, percent(missing, cells))
				case missing > 0:
					r.finding(Subject{"unit", id, name}, "Segment %s (%s): %d of %d cells (%d%%) have no current household representative, covering %s households.",
						name, area, missing, cells, percent(missing, cells), Thousands(int64(households)))
				}
			}
			return rows.Err()
		},
	},
	{
		ID: "gap-without-candidate", Severity: SeverityWarning,
		Title: msg("High-priority gap with no candidate"),
		Why:   msg("Leaders are expected to work out what expertise and resources are missing and who could provide them; a pressing need with nobody approached will stay unmet (the guide: How › Central Leadership › Recruit partners)."),
		Fix:   msg("Name the organisations that could fill the gap and record how far each approach has got."),
		run: func(r *checkRun) error {
			rows, err := r.q.Query(`SELECT g.id, g.title, coalesce(c.code, '') FROM gaps g LEFT JOIN consortia c ON c.id = g.consortium_id
				WHERE g.priority = 'high' AND g.status NOT IN ('filled', 'dropped')
				AND NOT EXISTS (SELECT 1 FROM gap_candidates k WHERE k.gap_id = g.id AND k.stage <> 'declined')
				ORDER BY c.code, g.title`)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				var id, title, code string
				if err := rows.Scan(&id, &title, &code); err != nil {
					return err
				}
				if code == "" {
					r.finding(Subject{"gap", id, title}, "The high-priority gap “%s” (the whole initiative) has no candidate organisation.", title)
				} else {
					r.finding(Subject{"gap", id, title}, "The high-priority gap “%s” (%s) has no candidate organisation.", title, code)
				}
			}
			return rows.Err()
		},
	},
	{
		ID: "consortium-missing-technical-role", Severity: SeverityWarning,
		Title: msg("Consortium missing a technical role"),
		Why:   msg("A sector plan needs spatial planners, sectoral planners and engineers; where no partner has them, the consortium should pool resources to bring them in (the guide: How › Technical Planning Consortia)."),
		Fix:   msg("Assign the role to a member, or record a resource gap asking for it so that it can be recruited."),
		run: func(r *checkRun) error {
			asked := map[string]bool{} // consortium id + role id of open gaps
			rows, err := r.q.Query("SELECT coalesce(consortium_id, ''), role_id FROM gaps WHERE role_id IS NOT NULL AND status NOT IN ('filled', 'dropped')")
			if err != nil {
				return err
			}
			for rows.Next() {
				var c, role string
				if err := rows.Scan(&c, &role); err != nil {
					rows.Close()
					return err
				}
				asked[c+" "+role] = true
			}
			rows.Close()
			for _, c := range r.consortia {
				for _, key := range []string{RoleSpatialPlanner, RoleSectoralPlanner, RoleEngineer} {
					role, ok := r.roles[key]
					if !ok || role.RetiredOn != "" || len(r.holders(key, c.ID)) > 0 || asked[c.ID+" "+role.ID] {
						continue
					}
					r.finding(consortiumSubject(c), "%s has no current %s and no open resource gap asking for one.", c.Code, strings.ToLower(role.Name))
				}
			}
			return nil
		},
	},
	{
		ID: "mobilizer-gender-imbalance", Severity: SeverityInfo,
		Title: msg("Mobilizers mostly of one gender"),
		Why:   msg("Mobilizers should reflect the residents they reach, chosen with residence, gender, age and ethnicity in mind (the guide: How › Community › Community mobilizers and co-researchers)."),
		Fix:   msg("Recruit the next mobilizers from the under-represented gender."),
		run: func(r *checkRun) error {
			role, ok := r.roles[RoleCommunityMobilizer]
			if !ok {
				return nil
			}
			rows, err := r.query(`SELECT p.gender, count(DISTINCT p.id) FROM assignments a JOIN people p ON p.id = a.person_id
				WHERE a.role_id = :role AND p.gender <> '' AND `+currentSQL+` GROUP BY p.gender ORDER BY 2 DESC`, sql.Named("role", role.ID))
			if err != nil {
				return err
			}
			defer rows.Close()
			total, top, topGender := 0, 0, ""
			for rows.Next() {
				var g string
				var n int
				if err := rows.Scan(&g, &n); err != nil {
					return err
				}
				if n > top {
					top, topGender = n, g
				}
				total += n
			}
			if total > 0 && top*100 > r.th.MobilizerGenderShare*total {
				r.finding(Subject{"role", role.ID, role.Name}, "%d of %d current mobilizers (%d%%) are %s (more than %d%%).", top, total, percent(top, total), LabelIn(Genders, topGender, r.tr), r.th.MobilizerGenderShare)
			}
			return rows.Err()
		},
	},
	{
		ID: "non-resident-representative", Severity: SeverityInfo,
		Title: msg("Household representative who does not live in the settlement"),
		Why:   msg("Representatives may be tenants, structure owners or service providers, but they should not be outsiders (the guide: How › Community › Household representatives)."),
		Fix:   msg("Check where the person lives; if they moved away, end the assignment and let the households choose again."),
		run: func(r *checkRun) error {
			var keys []any
			for _, k := range []string{RoleRepresentativeCell, RoleRepresentativeCluster, RoleRepresentativeSegment} {
				if role, ok := r.roles[k]; ok {
					keys = append(keys, role.ID)
				}
			}
			if len(keys) == 0 {
				return nil
			}
			marks := strings.TrimSuffix(strings.Repeat("?, ", len(keys)), ", ")
			// Start from the few people who are not residents (CROSS JOIN keeps that order).
			rows, err := r.query(`SELECT p.id, p.name, ro.name, coalesce(`+unitPathSQL+`, '') FROM people p CROSS JOIN assignments a ON a.person_id = p.id
				JOIN roles ro ON ro.id = a.role_id LEFT JOIN units u ON u.id = a.unit_id
				WHERE a.role_id IN (`+marks+`) AND `+currentSQL+` AND p.resident = 0 ORDER BY p.name`, keys...)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				var id, name, role, unit string
				if err := rows.Scan(&id, &name, &role, &unit); err != nil {
					return err
				}
				r.finding(Subject{"person", id, name}, "%s is %s for %s but is not recorded as a resident.", name, lowerFirst(role), unit)
			}
			return rows.Err()
		},
	},
	{
		ID: "overdue-action", Severity: SeverityInfo,
		Title: msg("Follow-up action overdue"),
		Why:   msg("Partners stay committed when meetings lead to visible results; actions left undone wear down trust in the process (the guide: Challenges › Unknown, Ambiguous Process With no Precedent; look for small wins)."),
		Fix:   msg("Ask the owner for progress, then mark the action done or set a new due date."),
		run: func(r *checkRun) error {
			rows, err := r.q.Query(`SELECT m.id, m.kind, m.held_on, x.text, x.due_on, coalesce(p.name, '')
				FROM actions x JOIN meetings m ON m.id = x.meeting_id LEFT JOIN people p ON p.id = x.owner_id
				WHERE x.done_on = '' AND x.due_on <> '' AND x.due_on < ? ORDER BY x.due_on, m.held_on`, r.day)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				var id, kind, held, text, due, owner string
				if err := rows.Scan(&id, &kind, &held, &text, &due, &owner); err != nil {
					return err
				}
				meeting := LabelIn(MeetingKinds, kind, r.tr)
				s := Subject{"meeting", id, r.say("%s on %s", meeting, held)}
				if owner == "" {
					r.finding(s, "“%s” from the %s of %s was due on %s and is not done (owner: nobody).", text, strings.ToLower(meeting), held, due)
				} else {
					r.finding(s, "“%s” from the %s of %s was due on %s and is not done (owner: %s).", text, strings.ToLower(meeting), held, due, owner)
				}
			}
			return rows.Err()
		},
	},
}
