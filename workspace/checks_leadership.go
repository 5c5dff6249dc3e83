// The checks on who leads: the consortia's technical leads, the central
// leadership, key roles held, left empty or held by outsiders.

package workspace

import (
	"database/sql"
	"strings"
)

var consortiumWithoutCountyLead = Check{
	ID: "consortium-without-county-lead", Severity: SeverityCritical,
	Title:    msg("Consortium without a local-government lead"),
	Why:      msg("Each consortium needs a lead from inside local government who knows how the department works, meets its requirements and secures staff time and money for the plan (the guide: How › Technical Planning Consortia › Technical leads). Without one the sector plan has no path into government."),
	Fix:      msg("Assign the role %s in this consortium, or record the gap and who is being approached."),
	FixRoles: []string{RoleTechnicalLeadGovernment},
	run:      consortiumWithoutLead(RoleTechnicalLeadGovernment),
}

var consortiumWithoutCivilSocietyLead = Check{
	ID: "consortium-without-civil-society-lead", Severity: SeverityCritical,
	Title:    msg("Consortium without a civil-society lead"),
	Why:      msg("Each consortium needs a civil-society organisation with expertise in its sector to lead the technical work, since neither the county nor any single organisation has all the skills in-house (the guide: How › Technical Planning Consortia › Technical leads)."),
	Fix:      msg("Assign the role %s in this consortium to the member with the strongest sector expertise."),
	FixRoles: []string{RoleTechnicalLeadCivil},
	run:      consortiumWithoutLead(RoleTechnicalLeadCivil),
}

var noCentralLeadershipTeam = Check{
	ID: "no-central-leadership-team", Severity: SeverityCritical,
	Title: msg("Central leadership team too small or one-sided"),
	Why:   msg("The central leadership team keeps every partner moving towards the same goal through political setbacks; it draws its strength from champions in government, civil society and the community together (the guide: How › Central Leadership). A team of one, or of one constituency, cannot hold the coalition together."),
	Fix:   msg("Add current members to the central leadership team from the constituencies it lacks."),
	run: func(r *checkRun) error {
		if !r.inUse(RoleCentralLeadershipTeam) {
			return nil
		}
		team := r.holders(RoleCentralLeadershipTeam, "")
		s := r.roleSubject(RoleCentralLeadershipTeam)
		if len(team) < r.th.MinCentralTeam {
			if len(team) == 1 {
				r.finding(s, "The central leadership team has 1 current member; it needs at least %d.", r.th.MinCentralTeam)
			} else {
				r.finding(s, "The central leadership team has %s current members; it needs at least %d.", Thousands(int64(len(team))), r.th.MinCentralTeam)
			}
			r.vacant(s.ID)
			return nil
		}
		// A person of no organisation whose residence is not recorded
		// speaks for a constituency nobody knows: counted as none.
		sides := map[string]bool{}
		var side string
		var unknown []string
		for _, h := range team {
			if c := r.constituency(h); c != "" {
				sides[c], side = true, c
			} else {
				unknown = append(unknown, h.holderName(r))
			}
		}
		switch {
		case len(sides) > 1:
		case len(unknown) == 0 && len(team) == 1:
			r.finding(s, "The central leadership team's only member comes from %s; none from the other constituencies.", r.sayPlain(side))
		case len(unknown) == 0:
			r.finding(s, "All %d members of the central leadership team come from %s; none from the other constituencies.", len(team), r.sayPlain(side))
		case len(sides) == 1:
			r.finding(s, "%d of the %d members of the central leadership team come from %s; whether it reaches the other constituencies is not known, since the residence of %s, of no organisation, is not recorded.",
				len(team)-len(unknown), len(team), r.sayPlain(side), r.someNames(unknown))
			r.notKnown(r.say("Record whether these members live in the settlement; if the team still speaks for one constituency only, add members from the others."))
		default:
			r.finding(s, "Which constituencies the central leadership team speaks for is not known: its members belong to no organisation, and the residence of %s is not recorded.", r.someNames(unknown))
			r.notKnown(r.say("Record whether these members live in the settlement; if the team still speaks for one constituency only, add members from the others."))
		}
		return nil
	},
}

var noChampion = Check{
	ID: "no-champion", Severity: SeverityWarning,
	Title: msg("Nobody is the central champion and steward"),
	Why:   msg("At times the whole effort needs one trusted person who owns the coordination of every moving part and keeps factions to their commitments (the guide: How › Central Leadership › Central champion and steward)."),
	Fix:   msg("Agree with the leadership team who will champion and steward the initiative, and assign the role."),
	run:   nobodyHolds(RoleCentralChampion),
}

var keyPersonOverload = Check{
	ID: "key-person-overload", Severity: SeverityWarning,
	Title: msg("One person holds too many key roles"),
	Why:   msg("When the work rests on a few people it stalls when they move, burn out or lose an election; the guide asks for responsibilities spread as widely as possible from the start (the guide: Challenges › Sustained Leadership)."),
	Fix:   msg("Hand some of these roles to others, or give each a named deputy, so that no one departure stops the work."),
	run: func(r *checkRun) error {
		rows, err := r.query(`SELECT p.id, p.name, ro.name, coalesce(c.code, ''), coalesce(u.name, '')
			FROM roles ro CROSS JOIN assignments a ON a.role_id = ro.id AND ro.is_key = 1 JOIN people p ON p.id = a.person_id
			LEFT JOIN consortia c ON c.id = a.consortium_id LEFT JOIN units u ON u.id = a.unit_id
			WHERE ` + currentSQL + ` ORDER BY p.name, p.id, ro.position, c.code`)
		if err != nil {
			return err
		}
		defer rows.Close()
		type load struct {
			name  string
			roles []string
		}
		var order []string
		held := map[string]*load{}
		for rows.Next() {
			var id, name, role, code, unit string
			if err := rows.Scan(&id, &name, &role, &code, &unit); err != nil {
				return err
			}
			if code+unit != "" {
				role += " (" + code + unit + ")"
			}
			if held[id] == nil {
				held[id] = &load{name: name}
				order = append(order, id)
			}
			held[id].roles = append(held[id].roles, role)
		}
		for _, id := range order {
			if l := held[id]; len(l.roles) > r.th.KeyRoleLimit {
				r.finding(Subject{SubjectPerson, id, l.name}, "%s holds %d key roles at once (more than %d): %s.", l.name, len(l.roles), r.th.KeyRoleLimit, strings.Join(l.roles, "; "))
			}
		}
		return rows.Err()
	},
}

var outsiderInLeadRole = Check{
	ID: "outsider-in-lead-role", Severity: SeverityWarning,
	Title: msg("A regional or international organisation in a leading role"),
	Why:   msg("Partners from outside the country or region are welcome in support, but the process must be led locally so that it stays rooted and outlasts them (the guide: Where)."),
	Fix:   msg("Move the lead to a local partner and keep the outside organisation in a supporting role."),
	run: func(r *checkRun) error {
		for _, h := range r.current {
			lead := h.roleGroup == "central-leadership" || h.roleGroup == "constituency-leadership" ||
				h.roleKey == RoleTechnicalLeadGovernment || h.roleKey == RoleTechnicalLeadCivil
			o, ok := r.orgs[h.holderOrg]
			if !lead || !ok || (o.Base == "" && rootedByKind(o.Kind)) {
				continue
			}
			s, in := h.holderSubject(r), h.consortiumCode
			// A base nobody recorded is not taken as local: the kind says
			// where it can, and otherwise the finding says it is not known.
			if o.Base == "" {
				switch {
				case o.Kind == "international" && h.PersonID != "" && in == "":
					r.finding(s, "%s, of the international or regional organisation %s, holds %s.", h.personName, o.Name, h.roleName)
				case o.Kind == "international" && h.PersonID != "":
					r.finding(s, "%s, of the international or regional organisation %s, holds %s in %s.", h.personName, o.Name, h.roleName, in)
				case o.Kind == "international" && in == "":
					r.finding(s, "%s, an international or regional organisation, holds %s.", o.Name, h.roleName)
				case o.Kind == "international":
					r.finding(s, "%s, an international or regional organisation, holds %s in %s.", o.Name, h.roleName, in)
				case h.PersonID != "" && in == "":
					r.finding(s, "%s, of %s, whose base is not recorded, holds %s: whether that organisation is rooted locally is not known.", h.personName, o.Name, h.roleName)
					r.notKnown(r.say("Record where %s is based; if it is regional or international, move the lead to a local partner and keep it in a supporting role.", o.Name))
				case h.PersonID != "":
					r.finding(s, "%s, of %s, whose base is not recorded, holds %s in %s: whether that organisation is rooted locally is not known.", h.personName, o.Name, h.roleName, in)
					r.notKnown(r.say("Record where %s is based; if it is regional or international, move the lead to a local partner and keep it in a supporting role.", o.Name))
				case in == "":
					r.finding(s, "%s, whose base is not recorded, holds %s: whether it is rooted locally is not known.", o.Name, h.roleName)
					r.notKnown(r.say("Record where %s is based; if it is regional or international, move the lead to a local partner and keep it in a supporting role.", o.Name))
				default:
					r.finding(s, "%s, whose base is not recorded, holds %s in %s: whether it is rooted locally is not known.", o.Name, h.roleName, in)
					r.notKnown(r.say("Record where %s is based; if it is regional or international, move the lead to a local partner and keep it in a supporting role.", o.Name))
				}
				r.inConsortium(in)
				continue
			}
			if o.Base != "regional" && o.Base != "international" {
				continue
			}
			switch {
			case h.PersonID != "" && o.Base == "regional" && in == "":
				r.finding(s, "%s, of the regional organisation %s, holds %s.", h.personName, o.Name, h.roleName)
			case h.PersonID != "" && o.Base == "regional":
				r.finding(s, "%s, of the regional organisation %s, holds %s in %s.", h.personName, o.Name, h.roleName, in)
			case h.PersonID != "" && in == "":
				r.finding(s, "%s, of the international organisation %s, holds %s.", h.personName, o.Name, h.roleName)
			case h.PersonID != "":
				r.finding(s, "%s, of the international organisation %s, holds %s in %s.", h.personName, o.Name, h.roleName, in)
			case o.Base == "regional" && in == "":
				r.finding(s, "%s, a regional organisation, holds %s.", o.Name, h.roleName)
			case o.Base == "regional":
				r.finding(s, "%s, a regional organisation, holds %s in %s.", o.Name, h.roleName, in)
			case in == "":
				r.finding(s, "%s, an international organisation, holds %s.", o.Name, h.roleName)
			default:
				r.finding(s, "%s, an international organisation, holds %s in %s.", o.Name, h.roleName, in)
			}
			r.inConsortium(in)
		}
		return nil
	},
}

var noElectedLeadersEngaged = Check{
	ID: "no-elected-leaders-engaged", Severity: SeverityWarning,
	Title: msg("No elected or administrative leader engaged"),
	Why:   msg("Ward representatives, assembly members, chiefs and administrators can lend the process trust, or oppose and even sabotage it; their awareness and buy-in must be secured (the guide: How › Constituency Leadership › Local elected and administrative leaders)."),
	Fix:   msg("Brief the elected and administrative leaders of the settlement's wards and record who is engaged."),
	run:   nobodyHolds(RoleElectedLeader),
}

var roleVacant = Check{
	ID: "role-vacant", Severity: SeverityWarning,
	Title: msg("Key role left empty"),
	Why:   msg("Turnover is certain (officers are transferred, partners drop out); what breaks the process is a key role nobody takes over (the guide: How › Central Leadership › Champion and steward, and Challenges › Sustained Leadership)."),
	Fix:   msg("Find a successor and record the new assignment as following the old one."),
	run: func(r *checkRun) error {
		cutoff := r.today.AddDate(0, 0, -r.th.VacancyDays).Format(DateLayout)
		rows, err := r.query(`SELECT a.id, ro.name, coalesce(c.code, ''), coalesce(u.name, ''), a.end_on,
				coalesce(p.name, o.name, ''), ro.id, coalesce(a.consortium_id, ''), coalesce(a.unit_id, '')
			FROM roles ro CROSS JOIN assignments a ON a.role_id = ro.id
			LEFT JOIN people p ON p.id = a.person_id LEFT JOIN organisations o ON o.id = a.organisation_id
			LEFT JOIN consortia c ON c.id = a.consortium_id LEFT JOIN units u ON u.id = a.unit_id
			WHERE ro.is_key = 1 AND ro.retired_on = '' AND a.end_on <> '' AND a.end_on <= :cutoff
			AND NOT EXISTS (SELECT 1 FROM assignments n WHERE n.follows_id = a.id)
			AND NOT EXISTS (SELECT 1 FROM assignments n WHERE n.role_id = a.role_id
				AND coalesce(n.consortium_id, '') = coalesce(a.consortium_id, '') AND coalesce(n.unit_id, '') = coalesce(a.unit_id, '')
				AND n.start_on <= :today AND (n.end_on = '' OR n.end_on > :today))
			AND NOT EXISTS (SELECT 1 FROM assignments n WHERE n.id <> a.id AND n.role_id = a.role_id
				AND coalesce(n.consortium_id, '') = coalesce(a.consortium_id, '') AND coalesce(n.unit_id, '') = coalesce(a.unit_id, '')
				AND n.start_on >= date(a.end_on, '-' || :days || ' days'))
			ORDER BY ro.position, c.code, a.end_on`, sql.Named("cutoff", cutoff), sql.Named("days", r.th.VacancyDays))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id, role, code, unit, end, holder, roleID, consortiumID, unitID string
			if err := rows.Scan(&id, &role, &code, &unit, &end, &holder, &roleID, &consortiumID, &unitID); err != nil {
				return err
			}
			switch {
			case consortiumID != "":
				r.finding(Subject{SubjectConsortium, consortiumID, code}, "%s in %s has been empty since %s left on %s, with no successor.", role, code, holder, end)
			case unitID != "":
				r.finding(Subject{SubjectUnit, unitID, unit}, "%s in %s has been empty since %s left on %s, with no successor.", role, unit, holder, end)
			default:
				r.finding(Subject{SubjectRole, roleID, role}, "%s has been empty since %s left on %s, with no successor.", role, holder, end)
			}
			r.vacant(roleID)
		}
		return rows.Err()
	},
}

var withdrawnOrganisationInRole = Check{
	ID: "withdrawn-organisation-in-role", Severity: SeverityWarning,
	Title: msg("A withdrawn organisation still holds a role"),
	Why:   msg("The role list should show who really does the work; a partner that has withdrawn leaves its roles empty in practice, however the list reads (the guide: Challenges › Sustained Leadership; partners dropping out)."),
	Fix:   msg("End the assignment on the day the organisation withdrew and assign a successor, or correct the organisation's commitment."),
	run: func(r *checkRun) error {
		// Start from the few withdrawn organisations (CROSS JOIN keeps that
		// order) rather than from every assignment.
		rows, err := r.query(`SELECT pid, pname, oid, oname, ro.name, coalesce(c.code, ''), coalesce(u.name, '') FROM (
				SELECT '' AS pid, '' AS pname, o.id AS oid, o.name AS oname, a.role_id, a.consortium_id, a.unit_id
				FROM organisations o CROSS JOIN assignments a ON a.organisation_id = o.id
				WHERE o.commitment = 'withdrawn' AND ` + currentSQL + `
				UNION ALL
				SELECT p.id, p.name, o.id, o.name, a.role_id, a.consortium_id, a.unit_id
				FROM organisations o CROSS JOIN people p ON p.organisation_id = o.id CROSS JOIN assignments a ON a.person_id = p.id
				WHERE o.commitment = 'withdrawn' AND ` + currentSQL + `) h
			JOIN roles ro ON ro.id = h.role_id LEFT JOIN consortia c ON c.id = h.consortium_id LEFT JOIN units u ON u.id = h.unit_id
			ORDER BY oname, pname, ro.position`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var pid, pname, oid, oname, role, code, unit string
			if err := rows.Scan(&pid, &pname, &oid, &oname, &role, &code, &unit); err != nil {
				return err
			}
			in := code + unit
			switch {
			case pid != "" && in == "":
				r.finding(Subject{SubjectPerson, pid, pname}, "%s, of %s, which has withdrawn, still holds %s.", pname, oname, role)
			case pid != "":
				r.finding(Subject{SubjectPerson, pid, pname}, "%s, of %s, which has withdrawn, still holds %s in %s.", pname, oname, role, in)
			case in == "":
				r.finding(Subject{SubjectOrganisation, oid, oname}, "%s has withdrawn but still holds %s.", oname, role)
			default:
				r.finding(Subject{SubjectOrganisation, oid, oname}, "%s has withdrawn but still holds %s in %s.", oname, role, in)
			}
			r.inConsortium(code)
		}
		return rows.Err()
	},
}

// consortiumWithoutLead runs a check that every consortium has a current
// holder of the seeded lead role with the key.
func consortiumWithoutLead(key string) func(r *checkRun) error {
	return func(r *checkRun) error {
		if !r.inUse(key) {
			return nil
		}
		for _, c := range r.consortia {
			if len(r.holders(key, c.ID)) == 0 {
				r.finding(consortiumSubject(c), "%s (%s) has no current %s.", c.Code, c.Name, r.roleName(key))
				r.vacant(r.roleSubject(key).ID)
			}
		}
		return nil
	}
}

// nobodyHolds runs a check that someone currently holds the seeded
// initiative-wide role with the key.
func nobodyHolds(key string) func(r *checkRun) error {
	return func(r *checkRun) error {
		if !r.inUse(key) {
			return nil
		}
		if len(r.holders(key, "")) == 0 {
			r.finding(r.roleSubject(key), "Nobody currently holds the role %s.", r.roleName(key))
			r.vacant(r.roleSubject(key).ID)
		}
		return nil
	}
}
