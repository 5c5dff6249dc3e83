package importexport

import (
	"cpw/translate"
	"cpw/workspace"
)

// gapsSheet holds the resource gaps: what a consortium, or the whole
// initiative, still needs.
var gapsSheet = sheetSpec{
	name: "Gaps", aliases: []string{"Resource gaps", "Resources", "Needs", "Gap"},
	entity: "resource gap", records: func(say translate.Func) string { return say("gaps") },
	cols: []col{idCol,
		{header: "Consortium", aliases: []string{"consortium code"}, list: "Consortium codes", width: 12, note: "The consortium that needs it, by code. Blank for a need of the whole initiative."},
		{header: "Title", aliases: []string{"gap", "need", "description"}, width: 36, required: true, note: "What is needed, in a few words. Required; unique within the consortium."},
		{header: "Kind", aliases: []string{"type", "gap kind"}, kind: choice, choices: workspace.GapKinds, list: "Gap kinds", width: 16, note: "What sort of resource it is."},
		{header: "Role", aliases: []string{"role name"}, list: "Roles", width: 28, note: "The role it would fill, if any."},
		{header: "Priority", kind: choice, choices: workspace.Priorities, list: "Priorities", width: 10, note: "High, medium or low."},
		{header: "Status", kind: choice, choices: workspace.GapStatuses, list: "Gap statuses", width: 14, note: "How far filling it has come."},
		{header: "Estimated cost", aliases: []string{"cost", "budget", "estimate", "amount", "total cost", "cost estimate", "estimated budget",
			"amount needed", "amount required", "funds needed", "funds required"}, kind: amount, width: 15, note: "What it would cost, in the workspace currency (a whole number)."},
		{header: "Secured", aliases: []string{"funded", "secured amount", "raised", "amount secured", "funds secured", "secured funds", "funding secured",
			"amount raised", "funds raised", "amount funded"}, kind: amount, width: 15, note: "How much of the cost is already found."},
		{header: "Filled by organisation", aliases: []string{"filled by", "filled by org"}, width: 30, note: "The organisation that filled it, if any."},
		{header: "Filled by person", width: 26, note: "The person who filled it, if any, by name or e-mail."},
		{header: "Filled by person ID", width: 38, note: "Filled in by Export Excel: tells apart people with the same name."},
		{header: "Notes", aliases: []string{"note", "comments", "remarks"}, width: 30, note: "Anything else worth knowing."},
	},
	load: func(f *workspace.File, b *book) (err error) {
		b.gaps, err = f.ResourceGaps(workspace.GapFilter{})
		return err
	},
	rows: (*book).gapRows,
	read: (*importer).gapRow,
}

// candidatesSheet holds the organisations approached to fill a gap.
var candidatesSheet = sheetSpec{
	name: "Candidates", aliases: []string{"Gap candidates", "Candidate organisations"},
	entity: "gap candidate", records: func(say translate.Func) string { return say("candidates") },
	cols: []col{idCol,
		{header: "Consortium", aliases: []string{"consortium code"}, list: "Consortium codes", width: 12, note: "The consortium of the gap, by code. Blank for a need of the whole initiative."},
		{header: "Gap", aliases: []string{"gap title", "need", "resource gap"}, width: 36, required: true, field: "Resource gap", note: "The gap's title, as on the Gaps sheet."},
		{header: "Organisation", aliases: []string{"candidate", "organisation name"}, width: 32, required: true, note: "The organisation approached to fill it, by name or acronym."},
		{header: "Stage", kind: choice, choices: workspace.CandidateStages, list: "Candidate stages", width: 14, note: "How far the approach got."},
		{header: "Notes", aliases: []string{"note", "comments"}, width: 30, note: "Anything else worth knowing."},
	},
	load: func(f *workspace.File, b *book) (err error) {
		b.candidates, err = f.GapCandidates("")
		return err
	},
	rows: (*book).candidateRows,
	read: (*importer).candidateRow,
}

func (b *book) gapRows() []row {
	n := b.names
	out := make([]row, 0, len(b.gaps))
	for _, g := range b.gaps {
		out = append(out, row{g.ID, n.consortia[g.ConsortiumID], g.Title, label(workspace.GapKinds, g.Kind),
			n.roles[g.RoleID], label(workspace.Priorities, g.Priority), label(workspace.GapStatuses, g.Status),
			g.EstimatedCost, g.Secured, n.orgs[g.FilledByOrganisationID], n.people[g.FilledByPersonID], g.FilledByPersonID,
			g.Notes})
	}
	return out
}

// candidateRows names each candidate's gap by its consortium and title, as
// the Gaps sheet does; a candidate of a gap no longer there is left out.
func (b *book) candidateRows() []row {
	n := b.names
	gaps := map[string]*workspace.ResourceGap{}
	for i := range b.gaps {
		gaps[b.gaps[i].ID] = &b.gaps[i]
	}
	out := make([]row, 0, len(b.candidates))
	for _, c := range b.candidates {
		g := gaps[c.GapID]
		if g == nil {
			continue
		}
		out = append(out, row{c.ID, n.consortia[g.ConsortiumID], g.Title, n.orgs[c.OrganisationID],
			label(workspace.CandidateStages, c.Stage), c.Notes})
	}
	return out
}

func (im *importer) gapRow(r *rowCtx, res *SheetResult) {
	id, old := byID(r, im.gaps.byID)
	var consortiumID string
	r.consortium("Consortium", &consortiumID)
	if found := im.gaps.find(consortiumID, r.get("Title")); old == nil && r.get("Title") != "" && r.natural(id, found) {
		old = im.gaps.byID[found]
	}
	g := recordFor(old, workspace.ResourceGap{ID: id})
	if r.has("Consortium") {
		g.ConsortiumID = consortiumID
	}
	r.text("Title", &g.Title)
	r.choice("Kind", &g.Kind)
	r.role("Role", &g.RoleID)
	r.choice("Priority", &g.Priority)
	r.choice("Status", &g.Status)
	r.amount("Estimated cost", &g.EstimatedCost)
	r.amount("Secured", &g.Secured)
	r.org("Filled by organisation", &g.FilledByOrganisationID)
	r.person("Filled by person", "Filled by person ID", &g.FilledByPersonID)
	r.text("Notes", &g.Notes)
	defer r.failUnlessSaved("resource gap", g.Title)
	if r.bad || r.duplicate("resource gap", g.ID, g.Title) {
		return
	}
	if saved, outcome, err := workspace.Save(im.b, g); r.saved(res, saved.ID, outcome, err) {
		im.gaps.put(&saved)
	}
}

func (im *importer) candidateRow(r *rowCtx, res *SheetResult) {
	id, old := byID(r, im.candidates.byID)
	var consortiumID, orgID string
	r.consortium("Consortium", &consortiumID)
	r.org("Organisation", &orgID)
	gapID := ""
	if t := r.get("Gap"); t != "" {
		if gapID = im.gaps.find(consortiumID, t); gapID == "" {
			r.noSuch("Gap", "resource gap", t)
		}
	}
	if found := im.candidates.find(gapID, orgID); old == nil && gapID != "" && r.natural(id, found) {
		old = im.candidates.byID[found]
	}
	c := recordFor(old, workspace.GapCandidate{ID: id})
	c.GapID, c.OrganisationID = gapID, orgID
	r.choice("Stage", &c.Stage)
	r.text("Notes", &c.Notes)
	if r.bad || r.duplicate("gap candidate", c.ID, im.report.say("%s for %s", r.get("Organisation"), r.get("Gap"))) {
		return
	}
	if saved, outcome, err := workspace.Save(im.b, c); r.saved(res, saved.ID, outcome, err) {
		im.candidates.put(&saved)
	}
}
