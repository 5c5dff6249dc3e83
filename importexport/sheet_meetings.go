package importexport

import (
	"sort"
	"strings"

	"cpw/translate"
	"cpw/workspace"
)

// meetingsSheet holds the meetings held, with who came.
var meetingsSheet = sheetSpec{
	name: "Meetings", aliases: []string{"Meeting", "Meetings held", "Forums"},
	entity: "meeting", records: func(say translate.Func) string { return say("meetings") },
	cols: []col{idCol,
		{header: "Kind", aliases: []string{"type", "meeting type"}, kind: choice, choices: workspace.MeetingKinds, list: "Meeting kinds", width: 28, note: "What sort of meeting it was."},
		{header: "Title", aliases: []string{"meeting", "subject", "topic"}, width: 36, note: "What it was about."},
		{header: "Held on", aliases: []string{"date", "meeting date", "held"}, kind: date, width: 12, required: true, note: "The day it was held. Required."},
		{header: "Place", aliases: []string{"venue", "location"}, width: 24, note: "Where it was held."},
		{header: "Consortia", aliases: []string{"consortium", "consortium codes"}, kind: many, list: "Consortium codes", width: 20, note: "The consortia that met, by code, separated by semicolons."},
		{header: "Residents (women)", aliases: []string{"women", "residents women", "female residents"}, kind: count, width: 10, field: "Residents", note: "Residents counted at the door: women."},
		{header: "Residents (men)", aliases: []string{"men", "residents men", "male residents"}, kind: count, width: 10, note: "Residents counted at the door: men."},
		{header: "Residents (youth)", aliases: []string{"youth", "residents youth"}, kind: count, width: 10, note: "Residents counted at the door: youth."},
		{header: "Attendees", aliases: []string{"attended", "participants", "present"}, kind: many, width: 40, note: "People who attended, by name or e-mail, separated by semicolons."},
		{header: "Attendee IDs", width: 38, kind: many, note: "Filled in by Export Excel: tells apart people with the same name."},
		{header: "Notes", aliases: []string{"note", "comments", "minutes"}, width: 30, note: "Anything else worth knowing."},
	},
	load: func(f *workspace.File, b *book) (err error) {
		b.meetings, err = f.Meetings()
		return err
	},
	rows: (*book).meetingRows,
	read: (*importer).meetingRow,
}

// decisionsSheet holds what meetings decided.
var decisionsSheet = sheetSpec{
	name: "Decisions", aliases: []string{"Meeting decisions", "Decision"},
	entity: "decision", records: func(say translate.Func) string { return say("decisions") },
	cols: []col{idCol,
		{header: "Meeting ID", width: 38, note: "Filled in by Export Excel: the meeting the decision was taken at. Otherwise give its date and title."},
		{header: "Held on", aliases: []string{"meeting date", "date"}, kind: date, width: 12, note: "The day of the meeting."},
		{header: "Meeting", aliases: []string{"meeting title", "title"}, width: 30, note: "The meeting's title, as on the Meetings sheet."},
		{header: "Position", aliases: []string{"number", "no"}, kind: count, width: 9, note: "Its place among the meeting's decisions: 1, 2, 3…"},
		{header: "Decision", aliases: []string{"text", "decided"}, width: 60, required: true, note: "What was decided. Required."},
	},
	load: func(f *workspace.File, b *book) (err error) {
		b.decisions, err = f.Decisions("")
		return err
	},
	rows: (*book).decisionRows,
	read: (*importer).decisionRow,
}

// actionsSheet holds the follow-up actions meetings agreed on.
var actionsSheet = sheetSpec{
	name: "Actions", aliases: []string{"Follow-up actions", "Follow-ups", "Action points"},
	entity: "follow-up action", records: func(say translate.Func) string { return say("actions") },
	cols: []col{idCol,
		{header: "Meeting ID", width: 38, note: "Filled in by Export Excel: the meeting that agreed on it. Otherwise give its date and title."},
		{header: "Held on", aliases: []string{"meeting date", "date"}, kind: date, width: 12, note: "The day of the meeting."},
		{header: "Meeting", aliases: []string{"meeting title", "title"}, width: 30, note: "The meeting's title, as on the Meetings sheet."},
		{header: "Position", aliases: []string{"number", "no"}, kind: count, width: 9, note: "Its place among the meeting's actions: 1, 2, 3…"},
		{header: "Action", aliases: []string{"text", "task", "follow-up"}, width: 50, required: true, note: "What is to be done. Required."},
		{header: "Owner", aliases: []string{"responsible", "who"}, width: 26, note: "The person who sees it done, by name or e-mail."},
		{header: "Owner ID", width: 38, note: "Filled in by Export Excel: tells apart people with the same name."},
		{header: "Due", aliases: []string{"due on", "deadline", "by"}, kind: date, width: 12, note: "When it is due."},
		{header: "Done", aliases: []string{"done on", "completed"}, kind: date, width: 12, note: "When it was done; blank while open."},
	},
	load: func(f *workspace.File, b *book) (err error) {
		b.actions, err = f.FollowUps("")
		return err
	},
	rows: (*book).actionRows,
	read: (*importer).actionRow,
}

// meetingRows lists each meeting's attendees by name, and their ids in the
// same order, so that people of the same name stay told apart.
func (b *book) meetingRows() []row {
	n := b.names
	out := make([]row, 0, len(b.meetings))
	for _, m := range b.meetings {
		attendees := make([]string, 0, len(m.AttendeeIDs))
		ids := append([]string(nil), m.AttendeeIDs...)
		sort.Slice(ids, func(i, j int) bool {
			return strings.ToLower(n.people[ids[i]]) < strings.ToLower(n.people[ids[j]]) ||
				(strings.EqualFold(n.people[ids[i]], n.people[ids[j]]) && ids[i] < ids[j])
		})
		for _, id := range ids {
			attendees = append(attendees, n.people[id])
		}
		out = append(out, row{m.ID, label(workspace.MeetingKinds, m.Kind), m.Title, m.HeldOn, m.Place,
			mapNames(n.consortia, m.ConsortiumIDs), int64(m.ResidentsWomen), int64(m.ResidentsMen), int64(m.ResidentsYouth),
			attendees, ids, m.Notes})
	}
	return out
}

// meetingsByID finds the meeting a decision or action belongs to, whose
// day and title its row shows beside the meeting's id.
func (b *book) meetingsByID() map[string]*workspace.Meeting {
	meetings := make(map[string]*workspace.Meeting, len(b.meetings))
	for i := range b.meetings {
		meetings[b.meetings[i].ID] = &b.meetings[i]
	}
	return meetings
}

func (b *book) decisionRows() []row {
	meetings := b.meetingsByID()
	out := make([]row, 0, len(b.decisions))
	for _, d := range b.decisions {
		if m := meetings[d.MeetingID]; m != nil {
			out = append(out, row{d.ID, m.ID, m.HeldOn, m.Title, int64(d.Position), d.Text})
		}
	}
	return out
}

func (b *book) actionRows() []row {
	n := b.names
	meetings := b.meetingsByID()
	out := make([]row, 0, len(b.actions))
	for _, a := range b.actions {
		if m := meetings[a.MeetingID]; m != nil {
			out = append(out, row{a.ID, m.ID, m.HeldOn, m.Title, int64(a.Position), a.Text, n.people[a.OwnerID], a.OwnerID,
				a.DueOn, a.DoneOn})
		}
	}
	return out
}

func (im *importer) meetingRow(r *rowCtx, res *SheetResult) {
	id, old := byID(r, im.meetings.byID)
	var m workspace.Meeting
	r.date("Held on", &m.HeldOn)
	r.choice("Kind", &m.Kind)
	r.text("Title", &m.Title)
	if found := im.meetings.find(m.HeldOn, m.Kind, m.Title); old == nil && r.natural(id, found) {
		old = im.meetings.byID[found]
	}
	if old != nil {
		v := *old
		v.ConsortiumIDs = append([]string(nil), old.ConsortiumIDs...)
		v.AttendeeIDs = append([]string(nil), old.AttendeeIDs...)
		if r.has("Held on") {
			v.HeldOn = m.HeldOn
		}
		if r.has("Kind") {
			v.Kind = m.Kind
		}
		if r.has("Title") {
			v.Title = m.Title
		}
		m = v
	} else {
		m.ID = id
	}
	r.text("Place", &m.Place)
	r.count("Residents (women)", &m.ResidentsWomen)
	r.count("Residents (men)", &m.ResidentsMen)
	r.count("Residents (youth)", &m.ResidentsYouth)
	r.text("Notes", &m.Notes)
	if r.has("Consortia") {
		ids := []string{}
		for _, c := range splitList(r.get("Consortia")) {
			if cid, ok := im.consortiumID(c); ok {
				ids = append(ids, cid)
			} else {
				r.noSuch("Consortia", "consortium", c)
			}
		}
		m.ConsortiumIDs = workspace.Dedupe(ids)
	}
	given, named := splitList(r.get("Attendee IDs")), splitList(r.get("Attendees"))
	var fromIDs []string
	sameNames := len(given) > 0
	if sameNames {
		// The ids tell apart people of the same name, but only while the
		// names beside them are still theirs.
		var idNames []string
		for _, pid := range given {
			pid = im.resolve(pid)
			p := im.people[pid]
			if p == nil {
				sameNames = false
				break
			}
			fromIDs = append(fromIDs, pid)
			idNames = append(idNames, key(p.Name))
		}
		if sameNames && r.has("Attendees") {
			var want []string
			for _, n := range named {
				want = append(want, key(n))
			}
			sort.Strings(idNames)
			sort.Strings(want)
			sameNames = strings.Join(idNames, "\n") == strings.Join(want, "\n")
		}
		if !sameNames && r.has("Attendees") {
			r.warn("Attendees", "The attendees were changed since the workbook was exported: they were read by name, not by their IDs.")
		} else if !sameNames {
			r.problem("Attendee IDs", "Some of these IDs are of nobody in the workspace or in the workbook.")
		}
	}
	switch {
	case sameNames:
		m.AttendeeIDs = workspace.Dedupe(fromIDs)
	case r.has("Attendees"):
		ids := []string{}
		for _, name := range named {
			if pid, ok := r.personID("Attendees", name, ""); ok {
				ids = append(ids, pid)
			}
		}
		m.AttendeeIDs = workspace.Dedupe(ids)
	}
	// Decisions and actions name their meeting by its day, or by its day
	// and title.
	defer r.failUnlessSaved("meeting", m.HeldOn, strings.TrimSpace(m.HeldOn+" "+m.Title))
	if r.bad || r.duplicate("meeting", m.ID, im.report.say("%s on %s", m.Title, m.HeldOn)) {
		return
	}
	if saved, outcome, err := workspace.Save(im.b, m); r.saved(res, saved.ID, outcome, err) {
		im.meetings.put(&saved)
	}
}

// meetingOf finds the meeting a decision or action row belongs to: by the
// Meeting ID an export writes, else by its date and title.
func (im *importer) meetingOf(r *rowCtx) (string, bool) {
	if v := r.get("Meeting ID"); v != "" {
		if id := im.resolve(v); im.meetings.byID[id] != nil {
			return id, true
		}
		r.problem("Meeting ID", "There is no meeting with this ID in the workspace or in the workbook.")
		return "", false
	}
	var held string
	r.date("Held on", &held)
	title := r.get("Meeting")
	if held == "" {
		r.problem("Held on", "Give the day of the meeting (and its title), or keep the Meeting ID column Export Excel writes.")
		return "", false
	}
	var found []string
	for id, m := range im.meetings.byID {
		if m.HeldOn == held && (title == "" || key(m.Title) == key(title)) {
			found = append(found, id)
		}
	}
	natural := strings.TrimSpace(held + " " + title)
	switch where, broken := im.pending["meeting"][key(natural)]; {
	case len(found) == 1:
		return found[0], true
	case len(found) == 0 && broken:
		r.problem("Meeting", "The meeting of %s is on %s, which has a problem of its own: fix that row first.", natural, where)
	case len(found) == 0 && title == "":
		r.problem("Meeting", "There is no meeting of %s in the workspace or in the workbook.", held)
	case len(found) == 0:
		r.problem("Meeting", "There is no meeting of %s called “%s” in the workspace or in the workbook.", held, clip(title, 60))
	case title == "":
		r.problem("Meeting", "%d meetings were held on %s: give the meeting's title, or keep the Meeting ID column.", len(found), held)
	default:
		r.problem("Meeting", "%d meetings were held on %s called “%s”: give the meeting's title, or keep the Meeting ID column.", len(found), held, clip(title, 60))
	}
	return "", false
}

// meetingItem finds the meeting of a decision or action row, and the
// record the row means: by its id, else by its meeting and its text (the
// column textHeader).
func meetingItem[T any](im *importer, r *rowCtx, items *keyed[T], textHeader string) (id, meetingID string, old *T) {
	id, old = byID(r, items.byID)
	meetingID, _ = im.meetingOf(r)
	if found := items.find(meetingID, r.get(textHeader)); old == nil && meetingID != "" && r.natural(id, found) {
		old = items.byID[found]
	}
	return id, meetingID, old
}

func (im *importer) decisionRow(r *rowCtx, res *SheetResult) {
	id, meetingID, old := meetingItem(im, r, im.decisions, "Decision")
	d := recordFor(old, workspace.Decision{ID: id})
	d.MeetingID = meetingID
	r.count("Position", &d.Position)
	r.text("Decision", &d.Text)
	if r.bad || r.duplicate("decision", d.ID, clip(d.Text, 40)) {
		return
	}
	if saved, outcome, err := workspace.Save(im.b, d); r.saved(res, saved.ID, outcome, err) {
		im.decisions.put(&saved)
	}
}

func (im *importer) actionRow(r *rowCtx, res *SheetResult) {
	id, meetingID, old := meetingItem(im, r, im.actions, "Action")
	a := recordFor(old, workspace.FollowUp{ID: id})
	a.MeetingID = meetingID
	r.count("Position", &a.Position)
	r.text("Action", &a.Text)
	r.person("Owner", "Owner ID", &a.OwnerID)
	r.date("Due", &a.DueOn)
	r.date("Done", &a.DoneOn)
	if r.bad || r.duplicate("follow-up action", a.ID, clip(a.Text, 40)) {
		return
	}
	if saved, outcome, err := workspace.Save(im.b, a); r.saved(res, saved.ID, outcome, err) {
		im.actions.put(&saved)
	}
}
