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
	Title:    msg("Consortium planning without a community leader"),
	Why:      msg("Community leaders oversee the technical planning by sitting in the consortia's planning teams; without them, sector plans are made about residents rather than with them (the guide: How › Constituency Leadership › Community champions and stewards)."),
	Fix:      msg("Add a resident leader, or a CBO or federation, to the consortium's planning team (for example in the role %s)."),
	FixRoles: []string{RoleSectoralPlanner},
	run: func(r *checkRun) error {
		for _, c := range r.consortia {
			found := false
			var unknown []string // holders who may live in the settlement: nobody recorded whether they do
			seen := map[string]bool{}
			for _, h := range r.current {
				if h.ConsortiumID != c.ID {
					continue
				}
				switch r.isCommunityLeader(h) {
				case Yes:
					found = true
				case NotRecorded:
					if !seen[h.PersonID] {
						seen[h.PersonID] = true
						unknown = append(unknown, h.personName)
					}
				}
			}
			switch {
			case found:
			case len(unknown) == 1:
				r.finding(consortiumSubject(c), "No CBO or federation holds a current role in %s (%s), and none of its holders is recorded as a resident; whether %s lives in the settlement is not recorded.", c.Code, c.Name, unknown[0])
				r.notKnown(r.say("Record whether the holders live in the settlement; if none does, add a resident leader, or a CBO or federation, to the consortium's planning team."))
			case len(unknown) > 1:
				r.finding(consortiumSubject(c), "No CBO or federation holds a current role in %s (%s), and none of its holders is recorded as a resident; whether %s live in the settlement is not recorded.", c.Code, c.Name, r.someNames(unknown))
				r.notKnown(r.say("Record whether the holders live in the settlement; if none does, add a resident leader, or a CBO or federation, to the consortium's planning team."))
			default:
				r.finding(consortiumSubject(c), "No resident, CBO or federation holds a current role in %s (%s).", c.Code, c.Name)
				if !r.inUse(RoleSectoralPlanner) {
					r.setFix(r.say("Add a resident leader, or a CBO or federation, to the consortium's planning team."))
				}
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
		rows, err := r.query(`SELECT s.id, s.name, coalesce(ar.name, ''), count(*), sum(x.missing), sum(x.missing * x.households),
				sum(x.missing * (x.households = 0))
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
			var cells, missing, households, uncounted int
			if err := rows.Scan(&id, &name, &area, &cells, &missing, &households, &uncounted); err != nil {
				return err
			}
			// A cell with no household count is said so, not counted as empty.
			switch {
			case missing > 0 && uncounted > 0 && households == 1:
				r.finding(Subject{SubjectUnit, id, name}, "Segment %s (%s): %d of %d cells (%d%%) have no current household representative, covering 1 household; %d of those cells have no household count.",
					name, area, missing, cells, percent(missing, cells), uncounted)
			case missing > 0 && uncounted == 1:
				r.finding(Subject{SubjectUnit, id, name}, "Segment %s (%s): %d of %d cells (%d%%) have no current household representative, covering %s households; 1 of those cells has no household count.",
					name, area, missing, cells, percent(missing, cells), Thousands(int64(households)))
			case missing > 0 && uncounted > 0:
				r.finding(Subject{SubjectUnit, id, name}, "Segment %s (%s): %d of %d cells (%d%%) have no current household representative, covering %s households; %d of those cells have no household count.",
					name, area, missing, cells, percent(missing, cells), Thousands(int64(households)), uncounted)
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
			WHERE a.role_id = :role AND `+currentSQL+` GROUP BY p.gender ORDER BY 2 DESC, 1`, sql.Named("role", role.ID))
		if err != nil {
			return err
		}
		defer rows.Close()
		// The shares are of the mobilizers whose gender is recorded; the
		// others are counted apart and named in the finding.
		total, top, topGender, unknown := 0, 0, "", 0
		for rows.Next() {
			var g string
			var n int
			if err := rows.Scan(&g, &n); err != nil {
				return err
			}
			if g == "" {
				unknown = n
				continue
			}
			if n > top {
				top, topGender = n, g
			}
			total += n
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if total == 0 || top*100 <= r.th.MobilizerGenderShare*total {
			return nil
		}
		s, gender := Subject{SubjectRole, role.ID, role.Name}, LabelIn(Genders, topGender, r.tr)
		if unknown == 0 {
			r.finding(s, "%d of %d current mobilizers (%d%%) are %s (more than %d%%).", top, total, percent(top, total), gender, r.th.MobilizerGenderShare)
			return nil
		}
		r.finding(s, "%d of the %d current mobilizers whose gender is recorded (%d%%) are %s (more than %d%%); the gender of %d more is not recorded.",
			top, total, percent(top, total), gender, r.th.MobilizerGenderShare, unknown)
		r.setFix(r.say("Record the gender of the other mobilizers; if the imbalance holds, recruit the next mobilizers from the under-represented gender."))
		return nil
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
		// Start from the few people who are not residents, or whose residence
		// is not recorded (CROSS JOIN keeps that order).
		rows, err := r.query(`SELECT p.id, p.name, p.resident, ro.id, ro.name, coalesce(`+unitPathSQL+`, '')
			FROM people p CROSS JOIN assignments a ON a.person_id = p.id
			JOIN roles ro ON ro.id = a.role_id LEFT JOIN units u ON u.id = a.unit_id
			WHERE a.role_id IN (`+marks+`) AND `+currentSQL+` AND (p.resident = 0 OR p.resident IS NULL) ORDER BY p.name, p.id`, keys...)
		if err != nil {
			return err
		}
		defer rows.Close()
		// Whoever nobody recorded as living in the settlement or elsewhere
		// is not called a non-resident: they are named together after.
		type held struct{ id, name, roleID, role, unit string }
		var unknown []held
		seen := map[string]bool{}
		for rows.Next() {
			var h held
			var resident Answer
			if err := rows.Scan(&h.id, &h.name, &resident, &h.roleID, &h.role, &h.unit); err != nil {
				return err
			}
			switch {
			case resident == No:
				r.finding(Subject{SubjectPerson, h.id, h.name}, "%s is %s for %s but is recorded as living elsewhere.", h.name, lowerFirst(h.role), h.unit)
			case !seen[h.id]:
				seen[h.id] = true
				unknown = append(unknown, h)
			}
		}
		if err := rows.Err(); err != nil {
			return err
		}
		switch len(unknown) {
		case 0:
		case 1:
			h := unknown[0]
			r.finding(Subject{SubjectPerson, h.id, h.name}, "Whether %s, %s for %s, lives in the settlement is not recorded.", h.name, lowerFirst(h.role), h.unit)
			r.notKnown(r.say("Record whether the person lives in the settlement; if they moved away, end the assignment and let the households choose again."))
		default:
			names := make([]string, len(unknown))
			for i, h := range unknown {
				names[i] = h.name
			}
			r.finding(Subject{SubjectRole, unknown[0].roleID, unknown[0].role}, "Whether %s current household representatives live in the settlement is not recorded: %s.",
				Thousands(int64(len(unknown))), r.someNames(names))
			r.notKnown(r.say("Record whether these representatives live in the settlement; end the assignments of any who moved away and let the households choose again."))
		}
		return nil
	},
}
