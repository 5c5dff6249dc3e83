package workspace

import (
	"database/sql"
	"sort"
	"strings"
	"time"

	"cpw/translate"
)

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
	resident       Answer // the person's: not recorded for an organisation
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
		return Subject{SubjectPerson, h.PersonID, h.personName}
	}
	return Subject{SubjectOrganisation, h.OrganisationID, r.orgs[h.OrganisationID].Name}
}

// finding records a finding of the running check, worded in the run's
// language. The translation test (translate/keys_test.go, keyArgs) finds the
// texts to translate by this function's name: pass format as a literal, and
// add it to assets/translations/checks.*.json.
func (r *checkRun) finding(s Subject, format string, args ...any) {
	c := r.check
	r.found = append(r.found, Finding{Check: c.ID, Severity: c.Severity, Title: r.sayPlain(c.Title), Subject: s,
		Message: r.tr(format, args...), Why: r.sayPlain(c.Why), Fix: r.fix()})
}

// fix words the running check's fix, with the recorded names of the roles
// it names.
func (r *checkRun) fix() string {
	c := r.check
	if len(c.FixRoles) == 0 {
		return r.sayPlain(c.Fix)
	}
	names := make([]any, len(c.FixRoles))
	for i, key := range c.FixRoles {
		names[i] = r.roleName(key)
	}
	return r.tr(c.Fix, names...)
}

// vacant marks the finding just made as asking someone to take up the
// role with the id.
func (r *checkRun) vacant(roleID string) {
	if len(r.found) > 0 {
		r.found[len(r.found)-1].Vacant = roleID
	}
}

// setFix gives the finding just made a fix of its own, worded through say.
func (r *checkRun) setFix(fix string) {
	if len(r.found) > 0 {
		r.found[len(r.found)-1].Fix = fix
	}
}

// notKnown marks the finding just made as resting on something nobody
// recorded: its fix (worded through say) asks for the record, and it is at
// most a warning, since what it reports is not known to be wrong.
func (r *checkRun) notKnown(fix string) {
	if len(r.found) == 0 {
		return
	}
	f := &r.found[len(r.found)-1]
	f.Fix = fix
	if f.Severity == SeverityCritical {
		f.Severity = SeverityWarning
	}
}

// someNames lists names for a sentence: all of them when they are few, else
// the first three and how many more.
func (r *checkRun) someNames(names []string) string {
	if len(names) <= 4 {
		return strings.Join(names, ", ")
	}
	return r.say("%s and %s more", strings.Join(names[:3], ", "), Thousands(int64(len(names)-3)))
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
	r := &checkRun{tr: say, q: f.reader(), today: today, day: today.Format(DateLayout), th: th, roles: map[string]Role{}, orgs: map[string]Organisation{}}
	if err := r.load(); err != nil {
		return nil, internal("preparing the health checks", err)
	}
	for i := range Checks {
		r.check = &Checks[i]
		if err := r.check.run(r); err != nil {
			return nil, internal(say("running the check %s", r.check.ID), err)
		}
	}
	rank := map[Severity]int{SeverityCritical: 0, SeverityWarning: 1, SeverityInfo: 2}
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
			a.start_on, coalesce(p.name, ''), p.resident, coalesce(p.organisation_id, ''),
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

func consortiumSubject(c Consortium) Subject { return Subject{SubjectConsortium, c.ID, c.Code} }

func (r *checkRun) workspaceSubject() Subject {
	return Subject{SubjectWorkspace, "", r.say("The initiative")}
}

// roleSubject names the seeded role with the key, or the key itself when
// the catalogue lost it.
func (r *checkRun) roleSubject(key string) Subject {
	if role, ok := r.roles[key]; ok {
		return Subject{SubjectRole, role.ID, role.Name}
	}
	return Subject{SubjectRole, "", key}
}

func (r *checkRun) roleName(key string) string { return r.roleSubject(key).Name }

// inUse reports whether the seeded role with the key is in the catalogue and in use.
func (r *checkRun) inUse(key string) bool {
	_, ok := r.roles[key]
	return ok
}

// constituency says which of the three constituencies the guide names a
// holder speaks for: government, civil society or the community. The words
// are English, to be worded in the run's language through r.sayPlain. It is
// "" (not known) for a person of no organisation whose residence is not
// recorded.
func (r *checkRun) constituency(h heldRole) string {
	o, hasOrg := r.orgs[h.holderOrg]
	switch {
	case hasOrg && (o.Kind == "local-government" || o.Kind == "national-government" || o.Kind == "elected-office" || o.Kind == "utility"):
		return msg("government")
	case hasOrg && (o.Kind == "federation" || o.Kind == "cbo"):
		return msg("community")
	case !hasOrg && h.resident == Yes:
		return msg("community")
	case !hasOrg && h.resident == NotRecorded:
		return ""
	}
	return msg("civil society")
}

// isCommunityLeader says whether a holder speaks for residents: a resident,
// or someone from (or itself) a CBO or an urban poor federation. It is Yes,
// No, or NotRecorded for a person whose residence is not recorded and who is
// of neither.
func (r *checkRun) isCommunityLeader(h heldRole) Answer {
	if k := r.orgs[h.holderOrg].Kind; k == "cbo" || k == "federation" {
		return Yes
	}
	if h.PersonID == "" {
		return No
	}
	return h.resident
}

// rootedByKind reports whether an organisation of the kind is in the
// country whatever its base: a government office, an elected office, a
// community-based organisation or an urban poor federation.
func rootedByKind(kind string) bool {
	switch kind {
	case "local-government", "national-government", "elected-office", "cbo", "federation":
		return true
	}
	return false
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
