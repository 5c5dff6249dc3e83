// Package importexport reads and writes the workspace as Excel workbooks:
// the blank template, the validated import, and the export that imports
// back into the same records.
package importexport

import (
	"strings"
	"unicode"

	"cpw/workspace"
)

// valueKind says how a column's cells are read and written.
type valueKind int

const (
	text   valueKind = iota
	date             // a real date cell, or text in a common date format
	amount           // a whole number of the workspace currency
	count            // a whole number such as households
	yesNo            // Yes or No
	choice           // one of a fixed list (col.choices)
	many             // several names separated by semicolons
)

// col is one column of a sheet.
type col struct {
	header  string
	aliases []string // other headers people use for it
	hxl     []string // HXL hashtags that mean it, in 3W sheets
	note    string   // what goes there, shown on the template's header
	kind    valueKind
	choices []workspace.Choice // for choice columns
	list    string             // the Lists column feeding its dropdown
	contact bool               // phone or e-mail: exported only when asked
	width   float64
}

// sheetSpec is one sheet of the workbook: one kind of record.
type sheetSpec struct {
	name    string
	aliases []string
	cols    []col
}

// entities name each sheet's records as the change log does.
var entities = map[*sheetSpec]string{
	&unitsSheet: "community unit", &organisationsSheet: "organisation", &peopleSheet: "person", &consortiaSheet: "consortium",
	&membersSheet: "consortium member", &rolesSheet: "role", &assignmentsSheet: "assignment", &gapsSheet: "resource gap",
	&meetingsSheet: "meeting", &candidatesSheet: "gap candidate", &decisionsSheet: "decision", &actionsSheet: "follow-up action",
}

// idCol is the first column of every sheet. Export fills it so that a
// workbook imported again updates the same records; people filling the
// template leave it blank.
var idCol = col{header: "ID", aliases: []string{"record id", "uuid"}, width: 38,
	note: "Filled in by Export Excel so that importing the workbook again updates the same record. Leave it blank for new records."}

// The sheets, in the order they are written and imported: a sheet comes
// after the sheets its rows refer to.
var (
	unitsSheet = sheetSpec{"Units", []string{"Community units", "Community", "Structure"}, []col{idCol,
		{header: "Level", kind: choice, choices: workspace.UnitLevels, list: "Unit levels", width: 10,
			note: "Area, segment, cluster or cell. An area holds segments, a segment clusters, a cluster cells."},
		{header: "Name", aliases: []string{"unit", "unit name"}, width: 24, note: "The unit's name, unique under its parent."},
		{header: "Parent", aliases: []string{"parent unit", "in", "parent path"}, width: 40,
			note: "The unit it sits in, written as its path: Area / Segment / Cluster. Blank for an area."},
		{header: "Households", aliases: []string{"number of households", "hh", "households count"}, kind: count, width: 12,
			note: "How many households live in the unit (a whole number)."},
	}}
	organisationsSheet = sheetSpec{"Organisations", []string{"Partners", "Organisation", "Stakeholders", "Orgs"}, []col{idCol,
		{header: "Name", aliases: []string{"organisation", "organisation name", "partner", "partner name", "agency", "org", "implementing partner", "who"}, hxl: []string{"#org", "#org+name"}, width: 36,
			note: "The organisation's full name. Required; no two organisations may share it."},
		{header: "Acronym", aliases: []string{"short name", "abbreviation", "initials"}, hxl: []string{"#org+acronym", "#org+code"}, width: 12,
			note: "Its short name, such as AMT. Optional; no two organisations may share it."},
		{header: "Kind", aliases: []string{"type", "organisation type", "category", "partner type", "org type", "type of organisation"}, hxl: []string{"#org+type"}, kind: choice, choices: workspace.OrganisationKinds, list: "Organisation kinds", width: 30,
			note: "What sort of organisation it is: choose from the list."},
		{header: "Base", aliases: []string{"level", "based"}, kind: choice, choices: workspace.Bases, list: "Bases", width: 12,
			note: "Where it is rooted: local, national, regional or international."},
		{header: "Sectors", aliases: []string{"sector", "expertise", "themes", "cluster", "what"}, hxl: []string{"#sector", "#sector+cluster"}, kind: many, list: "Sectors", width: 36,
			note: "The sectors it knows, from the Lists sheet. Separate several with a semicolon (;)."},
		{header: "Interests", aliases: []string{"interest", "what it wants"}, width: 30, note: "What it wants from the initiative."},
		{header: "Commitment", aliases: []string{"engagement", "commitment status"}, kind: choice, choices: workspace.Commitments, list: "Commitments", width: 14,
			note: "How far it has joined in: prospective, approached, committed, active or withdrawn."},
		{header: "Stance", aliases: []string{"position", "attitude"}, kind: choice, choices: workspace.Stances, list: "Stances", width: 18,
			note: "Its attitude to the initiative, for the stakeholder map."},
		{header: "Influence", aliases: []string{"power"}, kind: choice, choices: workspace.Influences, list: "Influences", width: 10,
			note: "How much it can sway the initiative: high, medium or low."},
		{header: "Notes", aliases: []string{"note", "comments", "remarks"}, width: 30, note: "Anything else worth knowing."},
	}}
	peopleSheet = sheetSpec{"People", []string{"Persons", "Contacts", "Person", "Roster", "Staff", "Members list"}, []col{idCol,
		{header: "Name", aliases: []string{"full name", "person", "person name", "names"}, width: 28, note: "The person's name. Required."},
		{header: "Organisation", aliases: []string{"organisation name", "employer", "agency", "org"}, width: 32,
			note: "The organisation they work for, by name or acronym. Blank for residents without one."},
		{header: "Position", aliases: []string{"title", "job title", "designation"}, width: 22, note: "Their position in the organisation."},
		{header: "Phone", aliases: []string{"phone number", "telephone", "mobile", "mobile number", "tel", "cell phone"}, contact: true, width: 16,
			note: "Digits, spaces and + - ( ) . / only. Exported only with contact details."},
		{header: "E-mail", aliases: []string{"email address", "mail", "e-mail address"}, contact: true, width: 28,
			note: "Their e-mail address; it identifies the person when importing again. Exported only with contact details."},
		{header: "Gender", aliases: []string{"sex"}, kind: choice, choices: workspace.Genders, list: "Genders", width: 14, note: "Female, male or other; blank if not recorded."},
		{header: "Age band", aliases: []string{"age", "age group"}, kind: choice, choices: workspace.AgeBands, list: "Age bands", width: 12, note: "Their age band; blank if not recorded."},
		{header: "Resident", aliases: []string{"lives in settlement", "is resident"}, kind: yesNo, list: "Yes or no", width: 10, note: "Yes if they live in the settlement."},
		{header: "Home unit", aliases: []string{"home", "unit", "lives in", "community unit"}, width: 40,
			note: "The community unit they live in, written as its path: Area / Segment / Cluster / Cell."},
		{header: "Notes", aliases: []string{"note", "comments", "remarks"}, width: 30, note: "Anything else worth knowing."},
	}}
	consortiaSheet = sheetSpec{"Consortia", []string{"Consortiums", "Consortium", "Sector consortia"}, []col{idCol,
		{header: "Code", aliases: []string{"consortium code", "short code"}, width: 10, note: "A short code such as WSE: one word, unique. Required."},
		{header: "Name", aliases: []string{"consortium", "consortium name"}, width: 36, note: "The consortium's name. Required."},
		{header: "Purpose", aliases: []string{"aim", "objective", "mandate"}, width: 40, note: "What it plans."},
		{header: "Status", aliases: []string{"stage"}, kind: choice, choices: workspace.ConsortiumStatuses, list: "Consortium statuses", width: 24, note: "How far its planning has come."},
		{header: "Sectors", aliases: []string{"sector", "themes"}, kind: many, list: "Sectors", width: 36, note: "The sectors it plans, from the Lists sheet, separated by semicolons."},
	}}
	membersSheet = sheetSpec{"Members", []string{"Memberships", "Consortium members", "Membership"}, []col{idCol,
		{header: "Consortium", aliases: []string{"consortium code"}, list: "Consortium codes", width: 12, note: "The consortium, by code or name."},
		{header: "Organisation", aliases: []string{"member", "organisation name", "partner"}, width: 36, note: "The member organisation, by name or acronym."},
		{header: "Contribution", aliases: []string{"contributes", "brings", "role"}, width: 36, note: "What it brings: expertise, staff, data, funds."},
		{header: "Joined on", aliases: []string{"joined", "from", "start"}, kind: date, width: 12, note: "The date it joined."},
		{header: "Left on", aliases: []string{"left", "until", "end"}, kind: date, width: 12, note: "The date it left; blank while it is a member."},
	}}
	rolesSheet = sheetSpec{"Roles", []string{"Role catalogue", "Role"}, []col{idCol,
		{header: "Name", aliases: []string{"role", "role name"}, width: 36, note: "The role's name, unique in the catalogue."},
		{header: "Group", aliases: []string{"role group"}, kind: choice, choices: workspace.RoleGroups, list: "Role groups", width: 22, note: "Which part of the structure it belongs to."},
		{header: "Scope", aliases: []string{"held in", "where held"}, kind: choice, choices: workspace.RoleScopes, list: "Role scopes", width: 20, note: "Where it is held: the whole initiative, one consortium, or one community unit."},
		{header: "Unit level", aliases: []string{"level"}, kind: choice, choices: append([]workspace.Choice{{Key: "", Label: "Any"}}, workspace.UnitLevels...), list: "Unit levels", width: 10,
			note: "For roles held in a community unit: the level it is held at. Blank for any."},
		{header: "Key role", aliases: []string{"key", "is key"}, kind: yesNo, list: "Yes or no", width: 9, note: "Yes if a vacancy or an overloaded holder matters."},
		{header: "Holder", aliases: []string{"held by"}, kind: choice, choices: workspace.RoleHolders, list: "Holders", width: 22, note: "Who may hold it: a person, an organisation, or either."},
		{header: "Description", aliases: []string{"about"}, width: 40, note: "What the role is."},
		{header: "Responsibilities", aliases: []string{"duties", "tasks"}, width: 40, note: "What its holder does."},
		{header: "Retired on", aliases: []string{"retired"}, kind: date, width: 12, note: "The date it stopped being used; blank while in use."},
	}}
	assignmentsSheet = sheetSpec{"Assignments", []string{"Role holders", "Roles held", "Assignment"}, []col{idCol,
		{header: "Role", aliases: []string{"role name"}, list: "Roles", width: 32, note: "The role, by its name in the catalogue."},
		{header: "Person", aliases: []string{"holder", "person name", "name"}, width: 26, note: "The person who holds it, by name or e-mail. Leave blank when an organisation holds it."},
		{header: "Person ID", aliases: []string{"holder id"}, width: 38, note: "Filled in by Export Excel: tells apart people with the same name. Leave blank otherwise."},
		{header: "Organisation", aliases: []string{"holding organisation", "org"}, width: 30, note: "The organisation that holds it, when an organisation does."},
		{header: "Consortium", aliases: []string{"consortium code"}, list: "Consortium codes", width: 12, note: "For roles held in a consortium: its code."},
		{header: "Unit", aliases: []string{"community unit", "unit path"}, width: 40, note: "For roles held in a community unit: its path, Area / Segment / Cluster / Cell."},
		{header: "Start", aliases: []string{"start on", "from", "start date", "starts"}, kind: date, width: 12, note: "The first day it is held. Required."},
		{header: "End", aliases: []string{"end on", "until", "end date", "ends"}, kind: date, width: 12, note: "The first day it is no longer held; blank while current."},
		{header: "End reason", aliases: []string{"reason", "why ended"}, width: 20, note: "Why it ended: transferred, withdrew, term over."},
		{header: "Follows", aliases: []string{"follows id", "succeeds", "predecessor"}, width: 38, note: "The ID of the assignment this one took over from, if any."},
		{header: "Notes", aliases: []string{"note", "comments", "remarks"}, width: 30, note: "Anything else worth knowing."},
	}}
	gapsSheet = sheetSpec{"Gaps", []string{"Resource gaps", "Resources", "Needs", "Gap"}, []col{idCol,
		{header: "Consortium", aliases: []string{"consortium code"}, list: "Consortium codes", width: 12, note: "The consortium that needs it, by code. Blank for a need of the whole initiative."},
		{header: "Title", aliases: []string{"gap", "need", "description"}, width: 36, note: "What is needed, in a few words. Required; unique within the consortium."},
		{header: "Kind", aliases: []string{"type", "gap kind"}, kind: choice, choices: workspace.GapKinds, list: "Gap kinds", width: 16, note: "What sort of resource it is."},
		{header: "Role", aliases: []string{"role name"}, list: "Roles", width: 28, note: "The role it would fill, if any."},
		{header: "Priority", kind: choice, choices: workspace.Priorities, list: "Priorities", width: 10, note: "High, medium or low."},
		{header: "Status", kind: choice, choices: workspace.GapStatuses, list: "Gap statuses", width: 14, note: "How far filling it has come."},
		{header: "Estimated cost", aliases: []string{"cost", "budget", "estimate", "amount"}, kind: amount, width: 15, note: "What it would cost, in the workspace currency (a whole number)."},
		{header: "Secured", aliases: []string{"funded", "secured amount", "raised"}, kind: amount, width: 15, note: "How much of the cost is already found."},
		{header: "Filled by organisation", aliases: []string{"filled by", "filled by org"}, width: 30, note: "The organisation that filled it, if any."},
		{header: "Filled by person", width: 26, note: "The person who filled it, if any, by name or e-mail."},
		{header: "Filled by person ID", width: 38, note: "Filled in by Export Excel: tells apart people with the same name."},
		{header: "Notes", aliases: []string{"note", "comments", "remarks"}, width: 30, note: "Anything else worth knowing."},
	}}
	meetingsSheet = sheetSpec{"Meetings", []string{"Meeting", "Meetings held", "Forums"}, []col{idCol,
		{header: "Kind", aliases: []string{"type", "meeting type"}, kind: choice, choices: workspace.MeetingKinds, list: "Meeting kinds", width: 28, note: "What sort of meeting it was."},
		{header: "Title", aliases: []string{"meeting", "subject", "topic"}, width: 36, note: "What it was about."},
		{header: "Held on", aliases: []string{"date", "meeting date", "held"}, kind: date, width: 12, note: "The day it was held. Required."},
		{header: "Place", aliases: []string{"venue", "location"}, width: 24, note: "Where it was held."},
		{header: "Consortia", aliases: []string{"consortium", "consortium codes"}, kind: many, list: "Consortium codes", width: 20, note: "The consortia that met, by code, separated by semicolons."},
		{header: "Residents (women)", aliases: []string{"women", "residents women", "female residents"}, kind: count, width: 10, note: "Residents counted at the door: women."},
		{header: "Residents (men)", aliases: []string{"men", "residents men", "male residents"}, kind: count, width: 10, note: "Residents counted at the door: men."},
		{header: "Residents (youth)", aliases: []string{"youth", "residents youth"}, kind: count, width: 10, note: "Residents counted at the door: youth."},
		{header: "Attendees", aliases: []string{"attended", "participants", "present"}, kind: many, width: 40, note: "People who attended, by name or e-mail, separated by semicolons."},
		{header: "Attendee IDs", width: 38, kind: many, note: "Filled in by Export Excel: tells apart people with the same name."},
		{header: "Notes", aliases: []string{"note", "comments", "minutes"}, width: 30, note: "Anything else worth knowing."},
	}}
)

// The rows that belong to gaps and meetings.
var (
	candidatesSheet = sheetSpec{"Candidates", []string{"Gap candidates", "Candidate organisations"}, []col{idCol,
		{header: "Consortium", aliases: []string{"consortium code"}, list: "Consortium codes", width: 12, note: "The consortium of the gap, by code. Blank for a need of the whole initiative."},
		{header: "Gap", aliases: []string{"gap title", "need", "resource gap"}, width: 36, note: "The gap's title, as on the Gaps sheet."},
		{header: "Organisation", aliases: []string{"candidate", "organisation name"}, width: 32, note: "The organisation approached to fill it, by name or acronym."},
		{header: "Stage", kind: choice, choices: workspace.CandidateStages, list: "Candidate stages", width: 14, note: "How far the approach got."},
		{header: "Notes", aliases: []string{"note", "comments"}, width: 30, note: "Anything else worth knowing."},
	}}
	decisionsSheet = sheetSpec{"Decisions", []string{"Meeting decisions", "Decision"}, []col{idCol,
		{header: "Meeting ID", width: 38, note: "Filled in by Export Excel: the meeting the decision was taken at. Otherwise give its date and title."},
		{header: "Held on", aliases: []string{"meeting date", "date"}, kind: date, width: 12, note: "The day of the meeting."},
		{header: "Meeting", aliases: []string{"meeting title", "title"}, width: 30, note: "The meeting's title, as on the Meetings sheet."},
		{header: "Position", aliases: []string{"number", "no"}, kind: count, width: 9, note: "Its place among the meeting's decisions: 1, 2, 3…"},
		{header: "Decision", aliases: []string{"text", "decided"}, width: 60, note: "What was decided. Required."},
	}}
	actionsSheet = sheetSpec{"Actions", []string{"Follow-up actions", "Follow-ups", "Action points"}, []col{idCol,
		{header: "Meeting ID", width: 38, note: "Filled in by Export Excel: the meeting that agreed on it. Otherwise give its date and title."},
		{header: "Held on", aliases: []string{"meeting date", "date"}, kind: date, width: 12, note: "The day of the meeting."},
		{header: "Meeting", aliases: []string{"meeting title", "title"}, width: 30, note: "The meeting's title, as on the Meetings sheet."},
		{header: "Position", aliases: []string{"number", "no"}, kind: count, width: 9, note: "Its place among the meeting's actions: 1, 2, 3…"},
		{header: "Action", aliases: []string{"text", "task", "follow-up"}, width: 50, note: "What is to be done. Required."},
		{header: "Owner", aliases: []string{"responsible", "who"}, width: 26, note: "The person who sees it done, by name or e-mail."},
		{header: "Owner ID", width: 38, note: "Filled in by Export Excel: tells apart people with the same name."},
		{header: "Due", aliases: []string{"due on", "deadline", "by"}, kind: date, width: 12, note: "When it is due."},
		{header: "Done", aliases: []string{"done on", "completed"}, kind: date, width: 12, note: "When it was done; blank while open."},
	}}
)

// sheets is every sheet in the order of import.
var sheets = []*sheetSpec{&unitsSheet, &organisationsSheet, &peopleSheet, &consortiaSheet, &membersSheet,
	&rolesSheet, &assignmentsSheet, &gapsSheet, &candidatesSheet, &meetingsSheet, &decisionsSheet, &actionsSheet}

// writeOrder is the order sheets appear in a workbook this program writes:
// the ones people fill most first.
var writeOrder = []*sheetSpec{&organisationsSheet, &peopleSheet, &consortiaSheet, &membersSheet, &assignmentsSheet,
	&gapsSheet, &candidatesSheet, &meetingsSheet, &decisionsSheet, &actionsSheet, &unitsSheet, &rolesSheet}

// listsSheet feeds the dropdowns.
const listsSheet = "Lists"

// normalise reduces a sheet or header name to what matters for matching:
// letters and digits, lower case, with British spellings made American
// ("Organisations" and "Organizations" match).
func normalise(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	out := b.String()
	for _, p := range [][2]string{{"organis", "organiz"}, {"mobilis", "mobiliz"}, {"programme", "program"}, {"centre", "center"}} {
		out = strings.ReplaceAll(out, p[0], p[1])
	}
	return out
}

// matches reports whether a header in a workbook means this column.
func (c col) matches(header string) bool {
	n := normalise(header)
	if n == normalise(c.header) {
		return true
	}
	for _, a := range c.aliases {
		if n == normalise(a) {
			return true
		}
	}
	return false
}

// matchesSheet reports whether a sheet's name means this kind of record.
func (s *sheetSpec) matchesSheet(name string) bool {
	n := normalise(name)
	if n == normalise(s.name) {
		return true
	}
	for _, a := range s.aliases {
		if n == normalise(a) {
			return true
		}
	}
	return false
}

// column returns the column with the header, or nil.
func (s *sheetSpec) column(header string) *col {
	for i := range s.cols {
		if s.cols[i].header == header {
			return &s.cols[i]
		}
	}
	return nil
}
