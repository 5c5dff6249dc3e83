package workspace

import "strings"

// MergeField is one field in which the two versions of a conflict differ:
// the field in the users' words and each side's value as people know it (a
// record referred to by its name, not its id; a choice by its label), in
// the language of the package's messages.
type MergeField struct {
	Field  string `json:"field"`
	Ours   string `json:"ours"`
	Theirs string `json:"theirs"`
}

// Differences lists the fields in which the two versions of a conflict
// differ, in the order of the record's fields; none when one side deleted
// the record.
func (c MergeConflict) Differences() []MergeField {
	if c.Ours == nil || c.Theirs == nil {
		return nil
	}
	table, _, _ := strings.Cut(c.Key, ":")
	var cols []string
	for _, t := range mergeTables {
		if t.name == table {
			cols = t.cols
		}
	}
	var out []MergeField
	for _, col := range cols {
		ours, theirs := c.Ours[col], c.Theirs[col]
		if ours == theirs {
			continue
		}
		if _, ref := refColumns[table][col]; ref {
			ours, theirs = c.nameOf(ours), c.nameOf(theirs)
		} else if choices, ok := fieldChoices[table+"."+col]; ok {
			ours, theirs = Label(choices, ours), Label(choices, theirs)
		}
		out = append(out, MergeField{Field: FieldLabel(table, col), Ours: ours, Theirs: theirs})
	}
	return out
}

// nameOf is the name of the record an id of the conflict refers to, or the
// id when the merge did not name it.
func (c MergeConflict) nameOf(id string) string {
	if n, ok := c.Names[id]; ok {
		return n
	}
	return id
}

// nameReferences names, for each conflict, the records its two versions
// refer to, so that the user reads "Kwa Reuben" rather than an id.
func (m *merger) nameReferences() {
	for i := range m.report.Conflicts {
		c := &m.report.Conflicts[i]
		table, _, _ := strings.Cut(c.Key, ":")
		for col := range refColumns[table] {
			for _, id := range []string{c.Ours[col], c.Theirs[col]} {
				if id == "" {
					continue
				}
				if c.Names == nil {
					c.Names = map[string]string{}
				}
				c.Names[id] = m.nameOfID(id)
			}
		}
	}
}

// FieldLabel names a column of a table (as the workspace file has them:
// "people", "home_unit_id") in the users' words, in the language of the
// package's messages: "Home unit". A column it does not know is written in
// words ("survey_id" → "Survey id").
func FieldLabel(table, column string) string {
	if l, ok := refLabels[table+"."+column]; ok {
		return sayPlain(l)
	}
	if l, ok := fieldLabels[table+"."+column]; ok {
		return sayPlain(l)
	}
	if l, ok := fieldLabels[column]; ok {
		return sayPlain(l)
	}
	return Capitalise(strings.ReplaceAll(strings.TrimSuffix(column, "_id"), "_", " "))
}

// refLabels name the columns that refer to other records as their
// records do (the label validation uses): "units.parent_id" → "Parent unit".
var refLabels = func() map[string]string {
	m := map[string]string{}
	for _, p := range prototypes {
		for i, f := range p.fields() {
			if r, ok := f.(refField); ok && r.label != "" {
				m[p.table().name+"."+p.table().cols[i]] = r.label
			}
		}
	}
	return m
}()

// fieldLabels are the labels of the columns merging compares, by column,
// or by table and column where a table means something else by it.
var fieldLabels = map[string]string{
	"name":               msg("Name"),
	"settlement":         msg("Settlement"),
	"city":               msg("City"),
	"country":            msg("Country"),
	"vision":             msg("Vision"),
	"currency":           msg("Currency"),
	"language":           msg("Language"),
	"created_at":         msg("Created"),
	"description":        msg("What it is"),
	"position":           msg("Order"),
	"people.position":    msg("Position"),
	"acronym":            msg("Acronym"),
	"kind":               msg("Kind"),
	"base":               msg("Base"),
	"interests":          msg("Interests"),
	"commitment":         msg("Commitment"),
	"stance":             msg("Stance"),
	"influence":          msg("Influence"),
	"notes":              msg("Notes"),
	"level":              msg("Level"),
	"households":         msg("Households"),
	"organisation_id":    msg("Organisation"),
	"phone":              msg("Phone"),
	"email":              msg("E-mail"),
	"gender":             msg("Gender"),
	"age_band":           msg("Age band"),
	"resident":           msg("Resident"),
	"survey_id":          msg("Survey ID"),
	"household_size":     msg("Household size"),
	"household_women":    msg("Household women"),
	"household_men":      msg("Household men"),
	"household_children": msg("Household children"),
	"household_youth":    msg("Household youth"),
	"basis":              msg("Basis"),
	"consent_on":         msg("Consent given on"),
	"consent_how":        msg("How consent was given"),
	"consent_by":         msg("Consent taken by"),
	"withdrawn_on":       msg("Consent withdrawn on"),
	"erased_on":          msg("Erased on"),
	"shape":              msg("Boundary"),
	"code":               msg("Code"),
	"purpose":            msg("Purpose"),
	"status":             msg("Status"),
	"consortium_id":      msg("Consortium"),
	"contribution":       msg("Contribution"),
	"joined_on":          msg("Joined on"),
	"left_on":            msg("Left on"),
	"key":                msg("Seeded role"),
	"role_group":         msg("Group"),
	"scope":              msg("Scope"),
	"unit_level":         msg("Unit level"),
	"is_key":             msg("Key role"),
	"holder":             msg("Holder"),
	"responsibilities":   msg("Responsibilities"),
	"retired_on":         msg("Retired on"),
	"person_id":          msg("Person"),
	"start_on":           msg("Start"),
	"end_on":             msg("End"),
	"end_reason":         msg("End reason"),
	"title":              msg("Title"),
	"priority":           msg("Priority"),
	"estimated_cost":     msg("Estimated cost"),
	"secured":            msg("Secured"),
	"stage":              msg("Stage"),
	"held_on":            msg("Held on"),
	"place":              msg("Place"),
	"residents_women":    msg("Residents (women)"),
	"residents_men":      msg("Residents (men)"),
	"residents_youth":    msg("Residents (youth)"),
	"meeting_id":         msg("Meeting"),
	"text":               msg("Text"),
	"due_on":             msg("Due"),
	"done_on":            msg("Done"),
	"sector_id":          msg("Sector"),
	"value":              msg("Value"),
}

// fieldChoices are the columns that hold one of a list of choices, shown
// by the choice's label ("Female", not "female").
var fieldChoices = map[string][]Choice{
	"organisations.kind":       OrganisationKinds,
	"organisations.base":       Bases,
	"organisations.commitment": Commitments,
	"organisations.stance":     Stances,
	"organisations.influence":  Influences,
	"people.gender":            Genders,
	"people.age_band":          AgeBands,
	"people.resident":          Residences,
	"people.basis":             LawfulBases,
	"consortia.status":         ConsortiumStatuses,
	"roles.role_group":         RoleGroups,
	"roles.scope":              RoleScopes,
	"roles.holder":             RoleHolders,
	"roles.unit_level":         UnitLevels,
	"units.level":              UnitLevels,
	"gaps.kind":                GapKinds,
	"gaps.priority":            Priorities,
	"gaps.status":              GapStatuses,
	"gap_candidates.stage":     CandidateStages,
	"meetings.kind":            MeetingKinds,
	"activities.status":        ActivityStatuses,
}
