package workspace

// ResourceGap is something a consortium or the whole initiative needs and
// does not yet have: expertise, staff time, funds, data, equipment.
type ResourceGap struct {
	ID                     string
	ConsortiumID           string // "" for a need of the whole initiative
	Title                  string
	Kind                   string // one of GapKinds
	RoleID                 string // the role it would fill, if any
	Priority               string // one of Priorities
	Status                 string // one of GapStatuses
	EstimatedCost          int64  // in the workspace currency
	Secured                int64  // in the workspace currency
	FilledByOrganisationID string
	FilledByPersonID       string
	Notes                  string
	Stamp
}

func (g *ResourceGap) table() table {
	return table{"gaps", msg("resource gap"), msg("resource gaps"), []string{"consortium_id", "title", "kind", "role_id", "priority", "status", "estimated_cost", "secured", "filled_by_org_id", "filled_by_person_id", "notes"}}
}
func (g *ResourceGap) key() *string  { return &g.ID }
func (g *ResourceGap) stamp() *Stamp { return &g.Stamp }
func (g *ResourceGap) title() string { return g.Title }
func (g *ResourceGap) fields() []any {
	return []any{ref(&g.ConsortiumID, "consortia", msg("Consortium")), &g.Title, &g.Kind, refField{&g.RoleID, "roles", msg("Role"), setNull},
		&g.Priority, &g.Status, &g.EstimatedCost, &g.Secured,
		refField{&g.FilledByOrganisationID, "organisations", msg("Filled by organisation"), setNull},
		refField{&g.FilledByPersonID, "people", msg("Filled by person"), setNull}, &g.Notes}
}
func (g *ResourceGap) check(*tx) error { return g.Validate() }

// Missing returns the amount still to be found.
func (g *ResourceGap) Missing() int64 {
	if g.Secured >= g.EstimatedCost {
		return 0
	}
	return g.EstimatedCost - g.Secured
}

// IsOpen reports whether the gap still needs work (not filled, not dropped).
func (g *ResourceGap) IsOpen() bool { return g.Status != "filled" && g.Status != "dropped" }

// Validate checks the gap's fields. Empty priority and status mean medium and open.
func (g *ResourceGap) Validate() error {
	clean(&g.Title)
	if g.Priority == "" {
		g.Priority = "medium"
	}
	if g.Status == "" {
		g.Status = "open"
	}
	if g.EstimatedCost < 0 || g.Secured < 0 {
		return invalid("Estimated cost", "Amounts cannot be negative.")
	}
	// More secured than the cost would make the missing amount (none) and
	// the cost less the amount secured (below none) disagree.
	switch {
	case g.Secured > g.EstimatedCost && g.EstimatedCost == 0:
		return invalid("Secured", "The amount secured, %s, needs an estimated cost of at least as much: give the gap's estimated cost.", Thousands(g.Secured))
	case g.Secured > g.EstimatedCost:
		return invalid("Secured", "The amount secured, %s, is more than the estimated cost, %s: correct one of them.", Thousands(g.Secured), Thousands(g.EstimatedCost))
	}
	return firstError(required(msg("Title"), g.Title), maxLength(msg("Title"), g.Title, 200), checkChoice(msg("Kind"), g.Kind, GapKinds),
		checkChoice(msg("Priority"), g.Priority, Priorities), checkChoice(msg("Status"), g.Status, GapStatuses))
}

// GapFilter narrows a list of resource gaps; empty fields do not narrow.
type GapFilter struct {
	ConsortiumID string
	Status       string
}

// ResourceGaps returns the gaps matching filter, by consortium and title.
func (f *File) ResourceGaps(filter GapFilter) ([]ResourceGap, error) {
	var c conditions
	c.equal("consortium_id", filter.ConsortiumID)
	c.equal("status", filter.Status)
	return list[ResourceGap](f.reader(), c.where(), "consortium_id, title", c.args...)
}

// ResourceGap returns one gap.
func (f *File) ResourceGap(id string) (ResourceGap, error) {
	return getRecord[ResourceGap](f.reader(), id)
}

// CreateResourceGap adds a gap.
func (f *File) CreateResourceGap(g ResourceGap) (ResourceGap, error) { return createRecord(f, g) }

// UpdateResourceGap changes a gap.
func (f *File) UpdateResourceGap(g ResourceGap) (ResourceGap, error) { return updateRecord(f, g) }

// DeleteResourceGap deletes a gap and its candidates.
func (f *File) DeleteResourceGap(id string) error { return deleteRecord[ResourceGap](f, id) }

// GapCandidate is an organisation that might fill a gap, and how far the
// approach got.
type GapCandidate struct {
	ID             string
	GapID          string
	OrganisationID string
	Stage          string // one of CandidateStages
	Notes          string
	Stamp
}

func (c *GapCandidate) table() table {
	return table{"gap_candidates", msg("gap candidate"), msg("gap candidates"), []string{"gap_id", "organisation_id", "stage", "notes"}}
}
func (c *GapCandidate) key() *string  { return &c.ID }
func (c *GapCandidate) stamp() *Stamp { return &c.Stamp }
func (c *GapCandidate) title() string { return "candidate" }
func (c *GapCandidate) describe(q querier) string {
	return nameOf(q, "organisations", "name", c.OrganisationID) + " for “" + nameOf(q, "gaps", "title", c.GapID) + "”"
}
func (c *GapCandidate) fields() []any {
	return []any{refField{&c.GapID, "gaps", msg("Resource gap"), cascade}, ref(&c.OrganisationID, "organisations", msg("Organisation")), &c.Stage, &c.Notes}
}
func (c *GapCandidate) check(*tx) error { return c.Validate() }

// Validate checks the candidate's fields. An empty stage means identified.
func (c *GapCandidate) Validate() error {
	if c.Stage == "" {
		c.Stage = "identified"
	}
	return firstError(required(msg("Resource gap"), c.GapID), required(msg("Organisation"), c.OrganisationID), checkChoice(msg("Stage"), c.Stage, CandidateStages))
}

// GapCandidates returns the candidates for a gap ("" for every gap).
func (f *File) GapCandidates(gapID string) ([]GapCandidate, error) {
	if gapID == "" {
		return list[GapCandidate](f.reader(), "", "gap_id")
	}
	return list[GapCandidate](f.reader(), "gap_id = ?", "rowid", gapID)
}

// AddCandidate adds a candidate organisation to a gap.
func (f *File) AddCandidate(c GapCandidate) (GapCandidate, error) { return createRecord(f, c) }

// UpdateCandidate changes a candidate's stage or notes.
func (f *File) UpdateCandidate(c GapCandidate) (GapCandidate, error) { return updateRecord(f, c) }

// RemoveCandidate removes a candidate from a gap.
func (f *File) RemoveCandidate(id string) error { return deleteRecord[GapCandidate](f, id) }
