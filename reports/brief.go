// Package reports writes the PDF briefs that central leadership takes to
// county assemblies and funders. It reads the workspace through its public
// API and never imports the GUI.
package reports

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"cpw/translate"
	"cpw/workspace"
)

// Options say which brief to write and how.
type Options struct {
	// Consortium is the code of the consortium to brief on; "" writes the
	// brief on the whole initiative.
	Consortium string
	// Paper is "a4" (the default) or "letter".
	Paper string
	// WithContacts adds phone numbers and e-mail addresses, which are
	// personal data and left out by default.
	WithContacts bool
	// Date is the day the brief is written for; zero means today. The same
	// workspace and date always give the same file.
	Date time.Time
	// Language is the code of the language the brief is written in ("en",
	// "sw"); "" means English. Names of data (organisations, people, roles
	// and sectors as the workspace records them) are printed as they are.
	Language string
}

// Write writes a brief to path, in one piece through
// workspace.WriteFileAtomic, so a failure leaves nothing behind. Its errors
// are *workspace.Error, worded in the brief's language.
func Write(f *workspace.File, path string, opt Options) error {
	var buf bytes.Buffer
	if err := Build(f, &buf, opt); err != nil {
		return err
	}
	say := translate.For(opt.Language)
	return writePDF(path, buf.Bytes(), say,
		say("The folder %s does not exist: choose another place for the brief.", filepath.Dir(path)),
		say("%s is a folder: give the brief a file name ending in .pdf.", path))
}

// writePDF writes a document to path in one piece, through
// workspace.WriteFileAtomic, unless its folder is not there (noFolder says
// so) or path is a folder (isFolder).
func writePDF(path string, pdf []byte, say translate.Func, noFolder, isFolder string) error {
	if st, err := os.Stat(filepath.Dir(path)); err != nil || !st.IsDir() {
		return &workspace.Error{Code: workspace.ErrNotFound, Message: noFolder, Err: err}
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return &workspace.Error{Code: workspace.ErrNotFile, Message: isFolder}
	}
	return workspace.WriteFileAtomic(path, say, func(w io.Writer) error {
		_, err := w.Write(pdf)
		return err
	})
}

// settle fills in a document's language, paper and date when they are not
// given, and refuses those not known. It returns the language's words and
// the day, at noon UTC.
func settle(language, paper *string, date time.Time) (translate.Func, time.Time, error) {
	if *language == "" {
		*language = "en"
	}
	say := translate.For(*language)
	if !translate.Known(*language) {
		return say, date, &workspace.Error{Code: workspace.ErrInvalid, Message: say("The language %q is not known: use one of %s.", *language, translate.Codes())}
	}
	if *paper == "" {
		*paper = "a4"
	}
	if *paper != "a4" && *paper != "letter" {
		return say, date, &workspace.Error{Code: workspace.ErrInvalid, Message: say("The paper size %q is not known: use a4 or letter.", *paper)}
	}
	if date.IsZero() {
		date = time.Now()
	}
	return say, time.Date(date.Year(), date.Month(), date.Day(), 12, 0, 0, 0, time.UTC), nil
}

// Build writes a brief as PDF to w.
func Build(f *workspace.File, w io.Writer, opt Options) error {
	say, day, err := settle(&opt.Language, &opt.Paper, opt.Date)
	if err != nil {
		return err
	}
	var consortium workspace.Consortium
	if opt.Consortium != "" {
		c, err := f.ConsortiumByCode(opt.Consortium)
		if err != nil {
			return err
		}
		consortium = c
	}
	findings, err := f.RunChecksIn(day, say)
	if err != nil {
		return err
	}
	x, err := gather(f, day.Format(workspace.DateLayout), findings, say)
	if err != nil {
		return err
	}
	dateText := longDate(day, say)
	title := say("%s — initiative brief", x.in.Name)
	if consortium.ID != "" {
		title = say("%s — %s consortium brief", x.in.Name, consortium.Code)
	}
	d, err := newDoc(opt.Paper, title, say("%s · brief of %s", x.in.Name, dateText), day, say)
	if err != nil {
		return err
	}
	b := &brief{d: d, x: x, opt: opt, date: dateText, say: say}
	if consortium.ID != "" {
		b.consortium(consortium)
	} else {
		b.initiative()
	}
	if err := d.pdf.Error(); err != nil {
		return &workspace.Error{Code: workspace.ErrInternal, Message: say("The brief could not be drawn: %v.", err), Err: err}
	}
	return d.pdf.Output(w)
}

// longDate writes a day with its month's name, "27 November 2026", in the
// language of say.
func longDate(t time.Time, say translate.Func) string {
	months := []string{say("January"), say("February"), say("March"), say("April"), say("May"), say("June"),
		say("July"), say("August"), say("September"), say("October"), say("November"), say("December")}
	return fmt.Sprintf("%d %s %d", t.Day(), months[t.Month()-1], t.Year())
}

// brief writes the sections of a brief.
type brief struct {
	d    *doc
	x    *facts
	opt  Options
	date string
	say  translate.Func // words a text of the brief in its language
}

// label is the label of key in a fixed list, in the brief's language.
func (b *brief) label(choices []workspace.Choice, key string) string {
	return workspace.LabelIn(choices, key, b.say)
}

func (b *brief) money(n int64) string { return b.x.in.Currency + " " + thousands(n) }

// thousands writes an amount with thousands separators.
func thousands(n int64) string { return workspace.Thousands(n) }

func percent(part, whole int) string {
	if whole == 0 {
		return "0%"
	}
	return fmt.Sprintf("%d%%", (part*100+whole/2)/whole)
}

// cover writes the title block of the first page.
func (b *brief) cover(title, subtitle string) {
	d := b.d
	d.pdf.SetFillColor(31, 111, 92)
	d.pdf.Rect(0, 0, d.w, 4, "F")
	d.pdf.SetY(margin + 2)
	d.pdf.SetTextColor(23, 88, 72)
	d.text(title, 20, "B")
	d.pdf.SetTextColor(0, 0, 0)
	d.text(subtitle, 11, "")
	d.pdf.Ln(2)
}

// counted writes "label n" pairs for the choices present, in the lists' order.
func (b *brief) counted(choices []workspace.Choice, counts map[string]int) string {
	var parts []string
	for _, c := range choices {
		if n := counts[c.Key]; n > 0 && c.Key != "" {
			parts = append(parts, fmt.Sprintf("%s %d", b.label(choices, c.Key), n))
		}
	}
	// What nobody recorded is counted too, after what was.
	if n := counts[""]; n > 0 {
		parts = append(parts, fmt.Sprintf("%s %d", b.label(choices, ""), n))
	}
	if len(parts) == 0 {
		return b.say("none yet")
	}
	return strings.Join(parts, "; ")
}

func (b *brief) initiative() {
	x, d := b.x, b.d
	subtitle := b.say("Initiative brief, %s", b.date)
	if place := x.in.Place(); place != "" {
		subtitle = place + " · " + subtitle
	}
	b.cover(x.in.Name, subtitle)
	if x.in.Vision != "" {
		d.subheading(b.say("Vision"))
		d.para(x.in.Vision)
	}

	d.heading(b.say("At a glance"))
	kinds, bases, statuses := map[string]int{}, map[string]int{}, map[string]int{}
	for _, o := range x.orgs {
		kinds[o.Kind]++
		bases[o.Base]++
	}
	for _, c := range x.consortia {
		statuses[c.Status]++
	}
	open := x.openAll()
	cost, secured, short := missing(open)
	cov := x.coverage
	rows := [][]string{
		{b.say("Partner organisations"), fmt.Sprintf("%d", len(x.orgs))},
		{b.say("… by kind"), b.counted(workspace.OrganisationKinds, kinds)},
		{b.say("… by base"), b.counted(workspace.Bases, bases)},
		{b.say("Sector consortia"), fmt.Sprintf("%d", len(x.consortia))},
		{b.say("… by status"), b.counted(workspace.ConsortiumStatuses, statuses)},
		{b.say("People in key roles"), fmt.Sprintf("%d", x.keyPeople)},
		{b.say("Household representation"), b.say("%s of %s cells (%s) have a household representative, covering %s of %s households",
			thousands(int64(cov.CellsRepresented)), thousands(int64(cov.Cells)), percent(cov.CellsRepresented, cov.Cells),
			thousands(int64(cov.HouseholdsRepresented)), thousands(int64(cov.Households)))},
		{b.say("Open resource gaps"), b.say("%d, costing %s, of which %s secured", len(open), b.money(cost), b.money(secured))},
		{b.say("Money still missing"), b.money(short)},
	}
	d.table([]column{{"", 1, "L"}, {"", 3, "L"}}, rows)
	if len(x.orgs) == 0 || len(x.consortia) == 0 {
		d.para(b.say("This workspace does not yet record its partners and consortia: the sections below say what is missing."))
	}
	b.coverageMap()

	d.heading(b.say("The consortia"))
	var crow [][]string
	var bars []bar
	for _, c := range x.consortia {
		gaps := x.openGaps(c.ID)
		_, _, short := missing(gaps)
		crow = append(crow, []string{c.Code, c.Name, b.orNone(x.names(x.holders(workspace.RoleTechnicalLeadGovernment, c.ID))),
			b.orNone(x.names(x.holders(workspace.RoleTechnicalLeadCivil, c.ID))), fmt.Sprintf("%d", len(x.currentMembers(c.ID))),
			b.label(workspace.ConsortiumStatuses, c.Status), fmt.Sprintf("%d", len(gaps))})
		bars = append(bars, bar{c.Code, short})
	}
	if own := x.openGaps(""); len(own) > 0 {
		_, _, short := missing(own)
		bars = append(bars, bar{b.say("Whole initiative"), short})
	}
	if len(crow) == 0 {
		d.para(b.say("No consortium has been formed yet."))
	} else {
		d.table([]column{{b.say("Code"), 0.8, "L"}, {b.say("Consortium"), 2.6, "L"}, {b.say("County lead"), 1.7, "L"},
			{b.say("Civil-society lead"), 1.9, "L"}, {b.say("Members"), 1, "R"}, {b.say("Status"), 1.2, "L"},
			{b.say("Open gaps"), 0.9, "R"}}, crow)
	}

	d.heading(b.say("Funds still missing, by consortium (%s)", x.in.Currency))
	if short == 0 {
		d.para(b.say("No open resource gap is waiting for funds."))
	} else {
		d.barChart(bars, thousands)
	}

	d.heading(b.say("Who holds which role"))
	d.subheading(b.say("In the consortia"))
	keys := []string{workspace.RoleTechnicalLeadGovernment, workspace.RoleTechnicalLeadCivil, workspace.RoleSpatialPlanner,
		workspace.RoleSectoralPlanner, workspace.RoleEngineer}
	cols := []column{{b.say("Code"), 0.8, "L"}}
	for _, k := range keys {
		cols = append(cols, column{b.roleName(k), 1.6, "L"})
	}
	var matrix [][]string
	for _, c := range x.consortia {
		row := []string{c.Code}
		for _, k := range keys {
			row = append(row, orDash(x.names(x.holders(k, c.ID))))
		}
		matrix = append(matrix, row)
	}
	d.table(cols, matrix)
	d.subheading(b.say("Across the initiative"))
	var wide [][]string
	for _, k := range []string{workspace.RoleCentralChampion, workspace.RoleCentralLeadershipTeam, workspace.RoleLocalGovernmentLeader,
		workspace.RoleElectedLeader, workspace.RoleCivilSocietyLeader, workspace.RoleCommunityChampion, workspace.RoleCommunityEngagement,
		workspace.RoleAcademicResearcher, workspace.RoleLocalMedia} {
		wide = append(wide, []string{b.roleName(k), b.orNone(x.names(x.holders(k, "")))})
	}
	d.table([]column{{b.say("Role"), 1.3, "L"}, {b.say("Held by"), 3, "L"}}, wide)

	b.findings(func(workspace.Finding) bool { return true })
	b.decisionsAndActions(func(workspace.Meeting) bool { return true })
}

// openAll returns every open gap, of the consortia and of the whole initiative.
func (x *facts) openAll() []workspace.ResourceGap {
	var out []workspace.ResourceGap
	for _, g := range x.gaps {
		if g.IsOpen() {
			out = append(out, g)
		}
	}
	return out
}

func (b *brief) roleName(key string) string {
	for _, r := range b.x.roles {
		if r.Key == key {
			return r.Name
		}
	}
	return key
}

func (b *brief) orNone(s string) string {
	if s == "" {
		return b.say("none")
	}
	return s
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// findings lists the critical and warning findings that keep.
func (b *brief) findings(keep func(workspace.Finding) bool) {
	d := b.d
	d.heading(b.say("What the health checks find"))
	var rows [][]string
	for _, f := range b.x.findings {
		if f.Severity == workspace.SeverityInfo || !keep(f) {
			continue
		}
		sev := b.say("Critical")
		if f.Severity == workspace.SeverityWarning {
			sev = b.say("Warning")
		}
		rows = append(rows, []string{sev, f.Message, f.Fix})
	}
	if len(rows) == 0 {
		d.para(b.say("The health checks find nothing critical or worth a warning."))
		return
	}
	d.table([]column{{b.say("Severity"), 0.8, "L"}, {b.say("Finding"), 3, "L"}, {b.say("What to do"), 2.6, "L"}}, rows)
}

// recentDays is how far back a brief reports decisions.
const recentDays = 180

// decisionsAndActions lists recent decisions and open actions of the meetings that keep.
func (b *brief) decisionsAndActions(keep func(workspace.Meeting) bool) {
	x, d := b.x, b.d
	since, _ := time.Parse(workspace.DateLayout, x.day)
	from := since.AddDate(0, 0, -recentDays).Format(workspace.DateLayout)
	d.heading(b.say("Recent decisions"))
	var rows [][]string
	meetings := map[string]workspace.Meeting{}
	for _, m := range x.meetings {
		meetings[m.ID] = m
		if !keep(m) || m.HeldOn < from || m.HeldOn > x.day {
			continue
		}
		for _, dec := range x.decisions[m.ID] {
			rows = append(rows, []string{m.HeldOn, b.meetingTitle(m), dec.Text})
		}
	}
	if len(rows) == 0 {
		d.para(b.say("No decision has been recorded in the last %d days.", recentDays))
	} else {
		d.table([]column{{b.say("Date"), 0.9, "L"}, {b.say("Meeting"), 1.8, "L"}, {b.say("Decision"), 4, "L"}}, rows)
	}

	d.heading(b.say("Open follow-up actions"))
	var open []workspace.FollowUp
	for _, a := range x.actions {
		if m, ok := meetings[a.MeetingID]; ok && keep(m) && a.DoneOn == "" {
			open = append(open, a)
		}
	}
	sort.SliceStable(open, func(i, j int) bool { return open[i].DueOn < open[j].DueOn })
	rows = nil
	for _, a := range open {
		due := a.DueOn
		if due != "" && due < x.day {
			due = b.say("%s (overdue)", due)
		}
		owner := b.say("no owner")
		if a.OwnerID != "" {
			owner = x.person(a.OwnerID).Name
		}
		rows = append(rows, []string{orDash(due), a.Text, owner, b.meetingName(meetings[a.MeetingID])})
	}
	if len(rows) == 0 {
		d.para(b.say("No follow-up action is open."))
	} else {
		d.table([]column{{b.say("Due"), 1.2, "L"}, {b.say("Action"), 2.8, "L"}, {b.say("Owner"), 1.5, "L"},
			{b.say("Agreed at"), 1.8, "L"}}, rows)
	}
}

// meetingTitle names a meeting by its title, or its kind when it has none.
func (b *brief) meetingTitle(m workspace.Meeting) string {
	if m.Title != "" {
		return m.Title
	}
	return b.label(workspace.MeetingKinds, m.Kind)
}

func (b *brief) meetingName(m workspace.Meeting) string { return b.meetingTitle(m) + ", " + m.HeldOn }

// people lists assignments as rows: role, holder, organisation, since, and
// contacts when asked for.
func (b *brief) people(as []workspace.Assignment) ([]column, [][]string) {
	x := b.x
	cols := []column{{b.say("Role"), 1.5, "L"}, {b.say("Held by"), 1.6, "L"}, {b.say("Organisation"), 2, "L"}, {b.say("Since"), 0.9, "L"}}
	if b.opt.WithContacts {
		cols = append(cols, column{b.say("Phone"), 1.2, "L"}, column{b.say("E-mail"), 1.9, "L"})
	}
	var rows [][]string
	for _, a := range as {
		name, org := x.holder(a)
		row := []string{x.roles[a.RoleID].Name, name, orDash(org), a.StartOn}
		if b.opt.WithContacts {
			var p workspace.Person
			if a.PersonID != "" {
				p = x.person(a.PersonID)
			}
			row = append(row, orDash(p.Phone), orDash(p.Email))
		}
		rows = append(rows, row)
	}
	return cols, rows
}

func (b *brief) consortium(c workspace.Consortium) {
	x, d := b.x, b.d
	b.cover(c.Code+" — "+c.Name, b.say("%s · Consortium brief, %s", x.in.Name, b.date))
	sectors := map[string]string{}
	if all, err := x.f.Sectors(); err == nil {
		for _, s := range all {
			sectors[s.ID] = s.Name
		}
	}
	var names []string
	for _, id := range c.SectorIDs {
		names = append(names, sectors[id])
	}
	d.table([]column{{"", 1, "L"}, {"", 3.5, "L"}}, [][]string{
		{b.say("Status"), b.label(workspace.ConsortiumStatuses, c.Status)},
		{b.say("Sectors"), b.orNone(strings.Join(names, "; "))},
	})
	if c.Purpose != "" {
		d.subheading(b.say("Purpose"))
		d.para(c.Purpose) // free text of any length: a paragraph breaks across pages, a table cell would not
	}

	d.heading(b.say("Leads"))
	var leads []workspace.Assignment
	for _, k := range []string{workspace.RoleTechnicalLeadGovernment, workspace.RoleTechnicalLeadCivil} {
		held := x.holders(k, c.ID)
		if len(held) == 0 {
			d.para(b.say("%s: nobody holds this role now.", b.roleName(k)))
		}
		leads = append(leads, held...)
	}
	if len(leads) > 0 {
		cols, rows := b.people(leads)
		d.table(cols, rows)
	}

	d.heading(b.say("Member organisations"))
	var mrows [][]string
	for _, m := range x.currentMembers(c.ID) {
		o := x.orgByID[m.OrganisationID]
		mrows = append(mrows, []string{o.Name, b.label(workspace.OrganisationKinds, o.Kind), orDash(m.Contribution), orDash(m.JoinedOn)})
	}
	if len(mrows) == 0 {
		d.para(b.say("No organisation is a member yet."))
	} else {
		d.table([]column{{b.say("Organisation"), 2.4, "L"}, {b.say("Kind"), 1.6, "L"}, {b.say("Contribution"), 2.2, "L"},
			{b.say("Joined"), 0.9, "L"}}, mrows)
	}

	b.workMap(c)

	d.heading(b.say("Planners and engineers"))
	var team []workspace.Assignment
	for _, k := range []string{workspace.RoleSpatialPlanner, workspace.RoleSectoralPlanner, workspace.RoleEngineer} {
		team = append(team, x.holders(k, c.ID)...)
	}
	if len(team) == 0 {
		d.para(b.say("Nobody holds a planning or engineering role in this consortium yet."))
	} else {
		cols, rows := b.people(team)
		d.table(cols, rows)
	}

	d.heading(b.say("Resource gaps (amounts in %s)", x.in.Currency))
	var all []workspace.ResourceGap
	for _, g := range x.gaps {
		if g.ConsortiumID == c.ID {
			all = append(all, g)
		}
	}
	var grows [][]string
	var tc, ts, tm int64 // of the open gaps
	var ac, as int64     // of all the gaps listed
	closed := 0
	for _, g := range all {
		var cands []string
		for _, k := range x.cands[g.ID] {
			cands = append(cands, x.orgByID[k.OrganisationID].Name+" ("+strings.ToLower(b.label(workspace.CandidateStages, k.Stage))+")")
		}
		// A filled or dropped gap is missing nothing, whatever was secured.
		short := "—"
		if g.IsOpen() {
			short = thousands(g.Missing())
			tc, ts, tm = tc+g.EstimatedCost, ts+g.Secured, tm+g.Missing()
		} else {
			closed++
		}
		ac, as = ac+g.EstimatedCost, as+g.Secured
		grows = append(grows, []string{g.Title, b.label(workspace.GapKinds, g.Kind), b.label(workspace.Priorities, g.Priority),
			b.label(workspace.GapStatuses, g.Status), thousands(g.EstimatedCost), thousands(g.Secured), short,
			orDash(strings.Join(cands, "; "))})
	}
	if len(grows) == 0 {
		d.para(b.say("No resource gap is recorded for this consortium."))
	} else {
		grows = append(grows, []string{b.say("Open total"), "", "", "", thousands(tc), thousands(ts), thousands(tm), ""})
		// The table lists filled and dropped gaps too, which the open total
		// leaves out: a second total counts them, and a note says so.
		if closed > 0 {
			grows = append(grows, []string{b.say("All gaps listed"), "", "", "", thousands(ac), thousands(as), thousands(tm), ""})
		}
		d.table([]column{{b.say("Gap"), 2.2, "L"}, {b.say("Kind"), 1.1, "L"}, {b.say("Priority"), 0.9, "L"}, {b.say("Status"), 1, "L"},
			{b.say("Cost"), 1.1, "R"}, {b.say("Secured"), 1.1, "R"}, {b.say("Missing"), 1.1, "R"}, {b.say("Candidates"), 3.2, "L"}}, grows)
		if closed > 0 {
			d.para(b.say("The open total counts only the gaps not yet filled or dropped, as does what we ask for below; a filled or dropped gap is missing nothing, whatever was secured for it."))
		}
	}

	d.heading(b.say("What we ask for"))
	open := x.openGaps(c.ID)
	if len(open) == 0 {
		d.para(b.say("This consortium has no open resource gap."))
	} else {
		_, _, short := missing(open)
		d.para(b.say("To finish its plan, the %s consortium asks for the following, %s in all:", c.Code, b.money(short)))
		for _, g := range open {
			need := b.say("%s still needed", b.money(g.Missing()))
			if g.EstimatedCost == 0 {
				need = b.say("no cost estimated")
			}
			d.para(b.say("•  %s (%s priority, %s): %s.", g.Title, strings.ToLower(b.label(workspace.Priorities, g.Priority)),
				strings.ToLower(b.label(workspace.GapKinds, g.Kind)), need))
		}
	}

	gapIDs := map[string]bool{}
	for _, g := range all {
		gapIDs[g.ID] = true
	}
	inConsortium := func(m workspace.Meeting) bool {
		for _, id := range m.ConsortiumIDs {
			if id == c.ID {
				return true
			}
		}
		return false
	}
	b.decisionsAndActions(inConsortium)
	// Findings about the consortium, its gaps, or a role held in it.
	b.findings(func(f workspace.Finding) bool {
		return f.Subject.ID == c.ID || (f.Subject.Kind == workspace.SubjectGap && gapIDs[f.Subject.ID]) || f.Consortium == c.Code
	})
}
