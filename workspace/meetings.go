package workspace

// Meeting is a meeting of the coalition or with residents, with who came and
// what was decided.
type Meeting struct {
	ID             string
	Kind           string // one of MeetingKinds
	Title          string
	HeldOn         string
	Place          string
	ResidentsWomen int // residents counted at the door, not named
	ResidentsMen   int
	ResidentsYouth int
	Notes          string
	ConsortiumIDs  []string
	AttendeeIDs    []string // people who attended, by name
	Stamp
}

func (m *Meeting) table() table {
	return table{"meetings", msg("meeting"), msg("meetings"), []string{"kind", "title", "held_on", "place", "residents_women", "residents_men", "residents_youth", "notes"}}
}
func (m *Meeting) key() *string  { return &m.ID }
func (m *Meeting) stamp() *Stamp { return &m.Stamp }

// title names the meeting in the change log, which is kept in English.
func (m *Meeting) title() string { return EnglishLabel(MeetingKinds, m.Kind) + " on " + m.HeldOn }
func (m *Meeting) fields() []any {
	return []any{&m.Kind, &m.Title, &m.HeldOn, &m.Place, &m.ResidentsWomen, &m.ResidentsMen, &m.ResidentsYouth, &m.Notes}
}
func (m *Meeting) links() []linkValues {
	return []linkValues{{meetingConsortia, m.ConsortiumIDs}, {meetingAttendees, m.AttendeeIDs}}
}
func (m *Meeting) loadLinks(q querier) error {
	c, err := linkedIDs(q, meetingConsortia, m.ID)
	if err != nil {
		return err
	}
	a, err := linkedIDs(q, meetingAttendees, m.ID)
	m.ConsortiumIDs, m.AttendeeIDs = c[m.ID], a[m.ID]
	return err
}
func (m *Meeting) check(*tx) error { return m.Validate() }

// Validate checks the meeting's fields.
func (m *Meeting) Validate() error {
	clean(&m.Title, &m.HeldOn, &m.Place)
	if m.ResidentsWomen < 0 || m.ResidentsMen < 0 || m.ResidentsYouth < 0 {
		return invalid("Residents", "Head-counts cannot be negative.")
	}
	return firstError(checkChoice(msg("Kind"), m.Kind, MeetingKinds), checkDate(msg("Held on"), m.HeldOn, true), maxLength(msg("Title"), m.Title, 200))
}

// Meetings returns every meeting, newest first, with consortia and attendees.
func (f *File) Meetings() ([]Meeting, error) {
	out, err := list[Meeting](f.reader(), "", "held_on DESC, id")
	if err != nil {
		return nil, err
	}
	c, err := linkedIDs(f.reader(), meetingConsortia)
	if err != nil {
		return nil, err
	}
	a, err := linkedIDs(f.reader(), meetingAttendees)
	for i := range out {
		out[i].ConsortiumIDs, out[i].AttendeeIDs = c[out[i].ID], a[out[i].ID]
	}
	return out, err
}

// Meeting returns one meeting.
func (f *File) Meeting(id string) (Meeting, error) { return getRecord[Meeting](f.reader(), id) }

// CreateMeeting records a meeting.
func (f *File) CreateMeeting(m Meeting) (Meeting, error) { return createRecord(f, m) }

// UpdateMeeting changes a meeting.
func (f *File) UpdateMeeting(m Meeting) (Meeting, error) { return updateRecord(f, m) }

// DeleteMeeting deletes a meeting with its decisions and actions.
func (f *File) DeleteMeeting(id string) error { return deleteRecord[Meeting](f, id) }

// Decision is something a meeting decided.
type Decision struct {
	ID        string
	MeetingID string
	Position  int
	Text      string
	Stamp
}

func (d *Decision) table() table {
	return table{"decisions", msg("decision"), msg("decisions"), []string{"meeting_id", "position", "text"}}
}
func (d *Decision) key() *string  { return &d.ID }
func (d *Decision) stamp() *Stamp { return &d.Stamp }
func (d *Decision) title() string { return d.Text }
func (d *Decision) fields() []any {
	return []any{refField{&d.MeetingID, "meetings", msg("Meeting"), cascade}, &d.Position, &d.Text}
}
func (d *Decision) check(*tx) error { return d.Validate() }

// Validate checks the decision's fields.
func (d *Decision) Validate() error {
	clean(&d.Text)
	return firstError(required(msg("Meeting"), d.MeetingID), required(msg("Decision"), d.Text), maxLength(msg("Decision"), d.Text, 2000))
}

// Decisions returns a meeting's decisions in order ("" for every meeting).
func (f *File) Decisions(meetingID string) ([]Decision, error) {
	if meetingID == "" {
		return list[Decision](f.reader(), "", "meeting_id, position")
	}
	return list[Decision](f.reader(), "meeting_id = ?", "position, rowid", meetingID)
}

// Decision returns one decision.
func (f *File) Decision(id string) (Decision, error) { return getRecord[Decision](f.reader(), id) }

// CreateDecision records a decision.
func (f *File) CreateDecision(d Decision) (Decision, error) { return createRecord(f, d) }

// UpdateDecision changes a decision.
func (f *File) UpdateDecision(d Decision) (Decision, error) { return updateRecord(f, d) }

// DeleteDecision deletes a decision.
func (f *File) DeleteDecision(id string) error { return deleteRecord[Decision](f, id) }

// FollowUp is an action a meeting agreed on, with its owner and due date.
type FollowUp struct {
	ID        string
	MeetingID string
	Position  int
	Text      string
	OwnerID   string // the person who owns it
	DueOn     string
	DoneOn    string // "" while open
	Stamp
}

func (a *FollowUp) table() table {
	return table{"actions", msg("follow-up action"), msg("follow-up actions"), []string{"meeting_id", "position", "text", "owner_id", "due_on", "done_on"}}
}
func (a *FollowUp) key() *string  { return &a.ID }
func (a *FollowUp) stamp() *Stamp { return &a.Stamp }
func (a *FollowUp) title() string { return a.Text }
func (a *FollowUp) fields() []any {
	return []any{refField{&a.MeetingID, "meetings", msg("Meeting"), cascade}, &a.Position, &a.Text,
		refField{&a.OwnerID, "people", msg("Owner"), setNull}, &a.DueOn, &a.DoneOn}
}
func (a *FollowUp) check(*tx) error { return a.Validate() }

// Validate checks the action's fields.
func (a *FollowUp) Validate() error {
	clean(&a.Text, &a.DueOn, &a.DoneOn)
	return firstError(required(msg("Meeting"), a.MeetingID), required(msg("Action"), a.Text), maxLength(msg("Action"), a.Text, 2000),
		checkDate(msg("Due"), a.DueOn, false), checkDate(msg("Done"), a.DoneOn, false))
}

// FollowUps returns a meeting's actions in order ("" for every meeting).
func (f *File) FollowUps(meetingID string) ([]FollowUp, error) {
	if meetingID == "" {
		return list[FollowUp](f.reader(), "", "due_on, meeting_id, position")
	}
	return list[FollowUp](f.reader(), "meeting_id = ?", "position, rowid", meetingID)
}

// CreateFollowUp records an action.
func (f *File) CreateFollowUp(a FollowUp) (FollowUp, error) { return createRecord(f, a) }

// UpdateFollowUp changes an action; set DoneOn when it is done.
func (f *File) UpdateFollowUp(a FollowUp) (FollowUp, error) { return updateRecord(f, a) }

// DeleteFollowUp deletes an action.
func (f *File) DeleteFollowUp(id string) error { return deleteRecord[FollowUp](f, id) }
