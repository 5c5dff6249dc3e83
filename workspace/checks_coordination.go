// The checks on how the work moves: meetings between the consortia,
// follow-up actions, and the resource gaps that staff the consortia.

package workspace

import (
	"strings"
)

var interConsortiaMeetingOverdue = Check{
	ID: "inter-consortia-meeting-overdue", Severity: SeverityWarning,
	Title: msg("Inter-consortia meeting overdue"),
	Why:   msg("Sector plans only fit together when the consortia meet every few months to present their work and hear the others (the guide: How › Central Leadership › Coordinate partners)."),
	Fix:   msg("Call an inter-consortia meeting and record it with the consortia that took part."),
	run: func(r *checkRun) error {
		if len(r.consortia) < 2 {
			return nil
		}
		var last string
		if err := r.q.QueryRow("SELECT coalesce(max(held_on), '') FROM meetings WHERE kind = 'inter-consortia' AND held_on <= ?", r.day).Scan(&last); err != nil {
			return err
		}
		if last == "" {
			r.finding(r.workspaceSubject(), "No inter-consortia meeting has been recorded for the %d consortia.", len(r.consortia))
			return nil
		}
		days, err := daysBetween(last, r.day)
		if err != nil {
			return err
		}
		if days > r.th.InterConsortiaDays {
			r.finding(r.workspaceSubject(), "The last inter-consortia meeting was on %s, %d days ago (more than %d).", last, days, r.th.InterConsortiaDays)
		}
		return nil
	},
}

var gapWithoutCandidate = Check{
	ID: "gap-without-candidate", Severity: SeverityWarning,
	Title: msg("High-priority gap with no candidate"),
	Why:   msg("Leaders are expected to work out what expertise and resources are missing and who could provide them; a pressing need with nobody approached will stay unmet (the guide: How › Central Leadership › Recruit partners)."),
	Fix:   msg("Name the organisations that could fill the gap and record how far each approach has got."),
	run: func(r *checkRun) error {
		rows, err := r.q.Query(`SELECT g.id, g.title, coalesce(c.code, '') FROM gaps g LEFT JOIN consortia c ON c.id = g.consortium_id
			WHERE g.priority = 'high' AND g.status NOT IN ('filled', 'dropped')
			AND NOT EXISTS (SELECT 1 FROM gap_candidates k WHERE k.gap_id = g.id AND k.stage <> 'declined')
			ORDER BY c.code, g.title`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id, title, code string
			if err := rows.Scan(&id, &title, &code); err != nil {
				return err
			}
			if code == "" {
				r.finding(Subject{SubjectGap, id, title}, "The high-priority gap “%s” (the whole initiative) has no candidate organisation.", title)
			} else {
				r.finding(Subject{SubjectGap, id, title}, "The high-priority gap “%s” (%s) has no candidate organisation.", title, code)
			}
		}
		return rows.Err()
	},
}

var consortiumMissingTechnicalRole = Check{
	ID: "consortium-missing-technical-role", Severity: SeverityWarning,
	Title: msg("Consortium missing a technical role"),
	Why:   msg("A sector plan needs spatial planners, sectoral planners and engineers; where no partner has them, the consortium should pool resources to bring them in (the guide: How › Technical Planning Consortia)."),
	Fix:   msg("Assign the role to a member, or record a resource gap asking for it so that it can be recruited."),
	run: func(r *checkRun) error {
		asked := map[string]bool{} // consortium id + role id of open gaps
		rows, err := r.q.Query("SELECT coalesce(consortium_id, ''), role_id FROM gaps WHERE role_id IS NOT NULL AND status NOT IN ('filled', 'dropped')")
		if err != nil {
			return err
		}
		for rows.Next() {
			var c, role string
			if err := rows.Scan(&c, &role); err != nil {
				rows.Close()
				return err
			}
			asked[c+" "+role] = true
		}
		rows.Close()
		for _, c := range r.consortia {
			for _, key := range []string{RoleSpatialPlanner, RoleSectoralPlanner, RoleEngineer} {
				role, ok := r.roles[key]
				if !ok || role.RetiredOn != "" || len(r.holders(key, c.ID)) > 0 || asked[c.ID+" "+role.ID] {
					continue
				}
				r.finding(consortiumSubject(c), "%s has no current %s and no open resource gap asking for one.", c.Code, strings.ToLower(role.Name))
			}
		}
		return nil
	},
}

var overdueAction = Check{
	ID: "overdue-action", Severity: SeverityInfo,
	Title: msg("Follow-up action overdue"),
	Why:   msg("Partners stay committed when meetings lead to visible results; actions left undone wear down trust in the process (the guide: Challenges › Unknown, Ambiguous Process With no Precedent; look for small wins)."),
	Fix:   msg("Ask the owner for progress, then mark the action done or set a new due date."),
	run: func(r *checkRun) error {
		rows, err := r.q.Query(`SELECT m.id, m.kind, m.held_on, x.text, x.due_on, coalesce(p.name, '')
			FROM actions x JOIN meetings m ON m.id = x.meeting_id LEFT JOIN people p ON p.id = x.owner_id
			WHERE x.done_on = '' AND x.due_on <> '' AND x.due_on < ? ORDER BY x.due_on, m.held_on`, r.day)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id, kind, held, text, due, owner string
			if err := rows.Scan(&id, &kind, &held, &text, &due, &owner); err != nil {
				return err
			}
			meeting := LabelIn(MeetingKinds, kind, r.tr)
			s := Subject{SubjectMeeting, id, r.say("%s on %s", meeting, held)}
			if owner == "" {
				r.finding(s, "“%s” from the %s of %s was due on %s and is not done (owner: nobody).", text, strings.ToLower(meeting), held, due)
			} else {
				r.finding(s, "“%s” from the %s of %s was due on %s and is not done (owner: %s).", text, strings.ToLower(meeting), held, due, owner)
			}
		}
		return rows.Err()
	},
}
