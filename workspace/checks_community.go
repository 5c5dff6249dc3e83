// The checks on how residents take part: community leaders in the
// consortia, mobilizers and household representatives.

package workspace

import (
	"database/sql"
	"strings"
)

var singleOrganisationEngagement = Check{
	ID: "single-organisation-engagement", Severity: SeverityWarning,
	Title: msg("Community engagement rests on too few organisations"),
	Why:   msg("Residents are many groups with different interests; reaching them through one organisation leaves others out and makes the process hostage to that organisation (the guide: Why, and How › Civil Society › Community engagement and coordination)."),
	Fix:   msg("Bring more CBOs, federations and locally rooted organisations into the community engagement and coordination team."),
	run: func(r *checkRun) error {
		if !r.inUse(RoleCommunityEngagement) {
			return nil
		}
		team := r.holders(RoleCommunityEngagement, "")
		orgs := map[string]bool{}
		var names []string
		for _, h := range team {
			if h.holderOrg != "" && !orgs[h.holderOrg] {
				orgs[h.holderOrg] = true
				names = append(names, r.orgs[h.holderOrg].Name)
			}
		}
		if len(orgs) >= r.th.MinEngagementOrgs {
			return nil
		}
		s := r.roleSubject(RoleCommunityEngagement)
		switch {
		case len(orgs) == 0 && len(team) == 1:
			r.finding(s, "The community engagement and coordination team draws on no organisation (1 current member).")
		case len(orgs) == 0:
			r.finding(s, "The community engagement and coordination team draws on no organisation (%s current members).", Thousands(int64(len(team))))
		case len(orgs) == 1:
			r.finding(s, "The community engagement and coordination team draws on 1 organisation (%s); it needs at least %d.", names[0], r.th.MinEngagementOrgs)
		default:
			r.finding(s, "The community engagement and coordination team draws on %s organisations (%s); it needs at least %d.", Thousands(int64(len(orgs))), strings.Join(names, ", "), r.th.MinEngagementOrgs)
		}
		return nil
	},
}

var consortiumWithoutCommunityMember = Check{
	ID: "consortium-without-community-member", Severity: SeverityWarning,
	Title: msg("Consortium planning without a community leader"),
	Why:   msg("Community leaders oversee the technical planning by sitting in the consortia's planning teams; without them, sector plans are made about residents rather than with them (the guide: How › Constituency Leadership › Community champions and stewards)."),
	Fix:   msg("Add a resident leader, or a CBO or federation, to the consortium's planning team (for example as a sectoral planner)."),
	run: func(r *checkRun) error {
		for _, c := range r.consortia {
			found := false
			for _, h := range r.current {
				if h.ConsortiumID == c.ID && r.isCommunityLeader(h) {
					found = true
					break
				}
			}
			if !found {
				r.finding(consortiumSubject(c), "No resident, CBO or federation holds a current role in %s (%s).", c.Code, c.Name)
			}
		}
		return nil
	},
}

var segmentWithoutMobilizer = Check{
	ID: "segment-without-mobilizer", Severity: SeverityWarning,
	Title: msg("Segment without a mobilizer"),
	Why:   msg("Mobilizers bring households into the planning, recruit and train their representatives and answer their questions; a part of the settlement without one is left out (the guide: How › Community › Community mobilizers and co-researchers)."),
	Fix:   msg("Recruit and train mobilizers who live in this segment, and assign them to it or to its clusters."),
	run: func(r *checkRun) error {
		role, ok := r.roles[RoleCommunityMobilizer]
		if !ok {
			return nil
		}
		rows, err := r.query(`SELECT s.id, s.name, coalesce(ar.name, '') FROM units s LEFT JOIN units ar ON ar.id = s.parent_id
			WHERE s.level = 'segment' AND s.id NOT IN (
				SELECT coalesce(g.id, p.id, u.id) FROM assignments a JOIN units u ON u.id = a.unit_id
				LEFT JOIN units p ON p.id = u.parent_id AND u.level IN ('cluster', 'cell')
				LEFT JOIN units g ON g.id = p.parent_id AND u.level = 'cell'
				WHERE a.role_id = :role AND `+currentSQL+`)
			ORDER BY ar.name, s.name`, sql.Named("role", role.ID))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id, name, area string
			if err := rows.Scan(&id, &name, &area); err != nil {
				return err
			}
			r.finding(Subject{SubjectUnit, id, name}, "Segment %s (%s) has no current mobilizer in it.", name, area)
		}
		return rows.Err()
	},
}

var cellsWithoutRepresentative = Check{
	ID: "cells-without-representative", Severity: SeverityWarning,
	Title: msg("Cells without a household representative"),
	Why:   msg("Planning decisions reflect the majority only when every group of about ten households has a voice; gaps in representation leave room for minority interests and hidden agendas (the guide: How › Community › Household representatives, and Challenges › Hidden, Unspoken Agendas)."),
	Fix:   msg("Ask the segment's mobilizers to hold elections in the cells listed, then record the representatives."),
	run: func(r *checkRun) error {
		role, ok := r.roles[RoleRepresentativeCell]
		if !ok {
			return nil
		}
		rows, err := r.query(`SELECT s.id, s.name, coalesce(ar.name, ''), count(*), sum(x.missing), sum(x.missing * x.households)
			FROM (SELECT cell.parent_id, cell.households,
					NOT EXISTS (SELECT 1 FROM assignments a WHERE a.unit_id = cell.id AND a.role_id = :role AND `+currentSQL+`) AS missing
				FROM units cell WHERE cell.level = 'cell') x
			JOIN units cl ON cl.id = x.parent_id JOIN units s ON s.id = cl.parent_id LEFT JOIN units ar ON ar.id = s.parent_id
			GROUP BY s.id ORDER BY ar.name, s.name`, sql.Named("role", role.ID))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id, name, area string
			var cells, missing, households int
			if err := rows.Scan(&id, &name, &area, &cells, &missing, &households); err != nil {
				return err
			}
			switch {
			case missing > 0 && households == 1:
				r.finding(Subject{SubjectUnit, id, name}, "Segment %s (%s): %d of %d cells (%d%%) have no current household representative, covering 1 household.",
					name, area, missing, cells, percent(missing, cells))
			case missing > 0:
				r.finding(Subject{SubjectUnit, id, name}, "Segment %s (%s): %d of %d cells (%d%%) have no current household representative, covering %s households.",
					name, area, missing, cells, percent(missing, cells), Thousands(int64(households)))
			}
		}
		return rows.Err()
	},
}

var mobilizerGenderImbalance = Check{
	ID: "mobilizer-gender-imbalance", Severity: SeverityInfo,
	Title: msg("Mobilizers mostly of one gender"),
	Why:   msg("Mobilizers should reflect the residents they reach, chosen with residence, gender, age and ethnicity in mind (the guide: How › Community › Community mobilizers and co-researchers)."),
	Fix:   msg("Recruit the next mobilizers from the under-represented gender."),
	run: func(r *checkRun) error {
		role, ok := r.roles[RoleCommunityMobilizer]
		if !ok {
			return nil
		}
		rows, err := r.query(`SELECT p.gender, count(DISTINCT p.id) FROM assignments a JOIN people p ON p.id = a.person_id
			WHERE a.role_id = :role AND p.gender <> '' AND `+currentSQL+` GROUP BY p.gender ORDER BY 2 DESC`, sql.Named("role", role.ID))
		if err != nil {
			return err
		}
		defer rows.Close()
		total, top, topGender := 0, 0, ""
		for rows.Next() {
			var g string
			var n int
			if err := rows.Scan(&g, &n); err != nil {
				return err
			}
			if n > top {
				top, topGender = n, g
			}
			total += n
		}
		if total > 0 && top*100 > r.th.MobilizerGenderShare*total {
			r.finding(Subject{SubjectRole, role.ID, role.Name}, "%d of %d current mobilizers (%d%%) are %s (more than %d%%).", top, total, percent(top, total), LabelIn(Genders, topGender, r.tr), r.th.MobilizerGenderShare)
		}
		return rows.Err()
	},
}

var nonResidentRepresentative = Check{
	ID: "non-resident-representative", Severity: SeverityInfo,
	Title: msg("Household representative who does not live in the settlement"),
	Why:   msg("Representatives may be tenants, structure owners or service providers, but they should not be outsiders (the guide: How › Community › Household representatives)."),
	Fix:   msg("Check where the person lives; if they moved away, end the assignment and let the households choose again."),
	run: func(r *checkRun) error {
		var keys []any
		for _, k := range []string{RoleRepresentativeCell, RoleRepresentativeCluster, RoleRepresentativeSegment} {
			if role, ok := r.roles[k]; ok {
				keys = append(keys, role.ID)
			}
		}
		if len(keys) == 0 {
			return nil
		}
		marks := strings.TrimSuffix(strings.Repeat("?, ", len(keys)), ", ")
		// Start from the few people who are not residents (CROSS JOIN keeps that order).
		rows, err := r.query(`SELECT p.id, p.name, ro.name, coalesce(`+unitPathSQL+`, '') FROM people p CROSS JOIN assignments a ON a.person_id = p.id
			JOIN roles ro ON ro.id = a.role_id LEFT JOIN units u ON u.id = a.unit_id
			WHERE a.role_id IN (`+marks+`) AND `+currentSQL+` AND p.resident = 0 ORDER BY p.name`, keys...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id, name, role, unit string
			if err := rows.Scan(&id, &name, &role, &unit); err != nil {
				return err
			}
			r.finding(Subject{SubjectPerson, id, name}, "%s is %s for %s but is not recorded as a resident.", name, lowerFirst(role), unit)
		}
		return rows.Err()
	},
}
