package reports

import (
	"bytes"
	"io"
	"path/filepath"
	"slices"
	"time"

	"cpw/translate"
	"cpw/workspace"
)

// PersonOptions say whose data to report and how.
type PersonOptions struct {
	PersonID string
	Paper    string    // "a4" (the default) or "letter"
	Date     time.Time // the day of the answer; zero means today
	Language string    // "en" (the default) or "sw"
}

// WritePersonReport writes to path everything the workspace holds about one
// person, to answer their request to see it (the right of access): every
// field of their record, the roles they held, the meetings they attended,
// the follow-ups and gaps that name them, and the history of changes to
// their record. Contacts are in it: the report is for the person.
func WritePersonReport(f *workspace.File, path string, opt PersonOptions) error {
	var buf bytes.Buffer
	if err := BuildPersonReport(f, &buf, opt); err != nil {
		return err
	}
	say := translate.For(opt.Language)
	return writePDF(path, buf.Bytes(), say,
		say("The folder %s does not exist: choose another place for the report.", filepath.Dir(path)),
		say("%s is a folder: give the report a file name ending in .pdf.", path))
}

// BuildPersonReport writes the person report as PDF to w.
func BuildPersonReport(f *workspace.File, w io.Writer, opt PersonOptions) error {
	say, day, err := settle(&opt.Language, &opt.Paper, opt.Date)
	if err != nil {
		return err
	}
	in, err := f.Initiative()
	if err != nil {
		return err
	}
	p, err := f.Person(opt.PersonID)
	if err != nil {
		return err
	}
	dateText := longDate(day, say)
	d, err := newDoc(opt.Paper, say("Personal data held about %s", p.Name), say("%s · personal data of %s, %s", in.Name, p.Name, dateText), day, say)
	if err != nil {
		return err
	}
	r := &personReport{d: d, f: f, say: say, p: p}
	b := &brief{d: d, say: say}
	b.cover(say("Personal data held about %s", p.Name), say("%s · answered on %s", in.Name, dateText))
	d.para(say("This is everything the workspace of %s holds about %s: the record, the roles held, the meetings attended, what names them elsewhere, and the history of changes to the record. Copies of the workspace made for partners may hold the same data; they are listed at the end.", in.Name, p.Name))
	if left, err := f.LeftOut(); err == nil && left != workspace.LeaveOutNothing {
		d.para(say("This file is a copy made without %s: those fields are held in the workspace it was copied from, which can answer for them.", workspace.LabelIn(workspace.LeftOutChoices, left, say)))
	}
	if err := r.write(); err != nil {
		return err
	}
	if err := d.pdf.Error(); err != nil {
		return &workspace.Error{Code: workspace.ErrInternal, Message: say("The report could not be drawn: %v.", err), Err: err}
	}
	return d.pdf.Output(w)
}

type personReport struct {
	d   *doc
	f   *workspace.File
	say translate.Func
	p   workspace.Person
}

func (r *personReport) write() error {
	d, say, p, f := r.d, r.say, r.p, r.f
	org, home := "", ""
	if p.OrganisationID != "" {
		if o, err := f.Organisation(p.OrganisationID); err == nil {
			org = o.Name
		}
	}
	if p.HomeUnitID != "" {
		home, _ = f.UnitPath(p.HomeUnitID)
	}
	if privacy, err := f.Privacy(); err != nil {
		return err
	} else if privacy.Purposes != "" || privacy.RetentionMonths > 0 {
		d.heading(say("Why the workspace holds it"))
		if privacy.Purposes != "" {
			d.para(privacy.Purposes)
		}
		if privacy.RetentionMonths > 0 {
			d.para(say("Someone whose roles have all ended is kept for %d months after, then erased.", privacy.RetentionMonths))
		}
	}
	d.heading(say("The record"))
	name := workspace.ShownNameIn(p.Name, say)
	fields := [][]string{
		{say("Name"), name},
		{say("Organisation"), orDash(org)},
		{say("Position"), orDash(p.Position)},
		{say("Phone"), orDash(p.Phone)},
		{say("E-mail"), orDash(p.Email)},
		{say("Gender"), orDash(workspace.LabelIn(workspace.Genders, p.Gender, say))},
		{say("Age band"), orDash(workspace.LabelIn(workspace.AgeBands, p.AgeBand, say))},
		{say("Lives in the settlement"), orDash(workspace.LabelIn(workspace.Residences, string(p.Resident), say))},
		{say("Home unit"), orDash(home)},
		{say("Household size"), orDash(p.HouseholdSize.String())},
		{say("Women in the household"), orDash(p.HouseholdWomen.String())},
		{say("Men in the household"), orDash(p.HouseholdMen.String())},
		{say("Children in the household"), orDash(p.HouseholdChildren.String())},
		{say("Youth in the household"), orDash(p.HouseholdYouth.String())},
		{say("Survey submission"), orDash(p.SurveyID)},
		{say("Notes"), orDash(p.Notes)},
		{say("Basis"), orDash(workspace.LabelIn(workspace.LawfulBases, p.Basis, say))},
		{say("Consent given on"), orDash(p.ConsentOn)},
		{say("How consent was given"), orDash(p.ConsentHow)},
		{say("Consent taken by"), orDash(p.ConsentBy)},
		{say("Consent withdrawn on"), orDash(p.WithdrawnOn)},
		{say("Erased on"), orDash(p.ErasedOn)},
		{say("Last changed"), p.UpdatedAt},
	}
	d.table([]column{{say("Field"), 1, "L"}, {say("Value"), 3, "L"}}, fields)

	assignments, err := f.Assignments(workspace.AssignmentFilter{PersonID: p.ID})
	if err != nil {
		return err
	}
	d.heading(say("Roles"))
	if len(assignments) == 0 {
		d.para(say("None."))
	} else {
		var rows [][]string
		for _, a := range assignments {
			role, _ := f.Role(a.RoleID)
			rows = append(rows, []string{role.Name, r.where(a), a.StartOn, orDash(a.EndOn), orDash(a.EndReason)})
		}
		d.table([]column{{say("Role"), 1.6, "L"}, {say("Where"), 2, "L"}, {say("From"), 0.8, "L"}, {say("Until"), 0.8, "L"}, {say("Why it ended"), 1, "L"}}, rows)
	}

	meetings, err := f.Meetings()
	if err != nil {
		return err
	}
	var attended, followUps [][]string
	for _, m := range meetings {
		if slices.Contains(m.AttendeeIDs, p.ID) {
			attended = append(attended, []string{m.HeldOn, orDash(m.Title)})
		}
		actions, err := f.FollowUps(m.ID)
		if err != nil {
			return err
		}
		for _, a := range actions {
			if a.OwnerID == p.ID {
				followUps = append(followUps, []string{a.Text, m.HeldOn, orDash(a.DueOn), orDash(a.DoneOn)})
			}
		}
	}
	d.heading(say("Meetings attended"))
	if len(attended) == 0 {
		d.para(say("None."))
	} else {
		d.table([]column{{say("Held on"), 1, "L"}, {say("Meeting"), 4, "L"}}, attended)
	}
	d.heading(say("Follow-ups they own"))
	if len(followUps) == 0 {
		d.para(say("None."))
	} else {
		d.table([]column{{say("Follow-up"), 3, "L"}, {say("Agreed on"), 1, "L"}, {say("Due"), 1, "L"}, {say("Done"), 1, "L"}}, followUps)
	}
	gaps, err := f.ResourceGaps(workspace.GapFilter{})
	if err != nil {
		return err
	}
	var filled [][]string
	for _, g := range gaps {
		if g.FilledByPersonID == p.ID {
			filled = append(filled, []string{g.Title, workspace.LabelIn(workspace.GapStatuses, g.Status, say)})
		}
	}
	d.heading(say("Resource gaps they fill"))
	if len(filled) == 0 {
		d.para(say("None."))
	} else {
		d.table([]column{{say("Gap"), 3, "L"}, {say("Status"), 1, "L"}}, filled)
	}

	changes, err := f.Changes(workspace.ChangeFilter{Entity: "person", EntityID: p.ID})
	if err != nil {
		return err
	}
	d.heading(say("Changes to the record"))
	var history [][]string
	for _, c := range changes {
		history = append(history, []string{c.At, orDash(c.Author), c.Action, c.Summary})
	}
	if len(history) == 0 {
		d.para(say("None recorded."))
	} else {
		d.table([]column{{say("When"), 1.3, "L"}, {say("By"), 1, "L"}, {say("Change"), 0.7, "L"}, {say("What"), 3, "L"}}, history)
	}

	made, err := f.CopiesMade()
	if err != nil {
		return err
	}
	d.heading(say("Copies this file made"))
	if len(made) == 0 {
		d.para(say("None recorded."))
	} else {
		var rows [][]string
		for _, c := range made {
			rows = append(rows, []string{c.MadeAt, orDash(c.MadeFor), orDash(c.MadeBy), workspace.LabelIn(workspace.LeftOutChoices, c.LeftOut, say)})
		}
		d.table([]column{{say("Made"), 1.3, "L"}, {say("For"), 1.4, "L"}, {say("By"), 1, "L"}, {say("Left out"), 2, "L"}}, rows)
	}
	return nil
}

// where names where an assignment is held: its consortium, community unit
// or organisation.
func (r *personReport) where(a workspace.Assignment) string {
	switch {
	case a.ConsortiumID != "":
		if c, err := r.f.Consortium(a.ConsortiumID); err == nil {
			return c.Code + " — " + c.Name
		}
	case a.UnitID != "":
		if path, err := r.f.UnitPath(a.UnitID); err == nil {
			return path
		}
	case a.OrganisationID != "":
		if o, err := r.f.Organisation(a.OrganisationID); err == nil {
			return o.Name
		}
	}
	return r.say("the initiative")
}
