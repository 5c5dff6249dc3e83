package workspace

// FollowUp returns one follow-up action, as stored now: a form that edits
// an action reads it again before it writes.
func (f *File) FollowUp(id string) (FollowUp, error) { return getRecord[FollowUp](f.reader(), id) }
