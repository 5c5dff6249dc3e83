package workspace

// The checks of the personal data the workspace holds: residents recorded
// without a lawful basis, consent withdrawn while the data stays, and
// people kept past the retention the workspace declares.

var residentWithoutBasis = Check{
	ID: "resident-without-basis", Severity: SeverityWarning,
	Title: msg("Residents in roles with no recorded basis"),
	Why:   msg("Holding someone's personal data needs a lawful basis, and consent must be shown when it is the basis; residents are the people the coalition answers to first (the law: Kenya's Data Protection Act 2019, on lawful processing and consent)."),
	Fix:   msg("Record on each person's page why they are recorded: their consent (when, how, and who took it), or the public role they hold."),
	run: func(r *checkRun) error {
		rows, err := r.query(`SELECT p.id, p.name FROM people p
			WHERE p.resident = 1 AND p.basis = '' AND p.erased_on = ''
				AND EXISTS (SELECT 1 FROM assignments a WHERE a.person_id = p.id AND ` + currentSQL + `)
			ORDER BY +p.name COLLATE NOCASE, p.id`) // +: read the table in its order, not by the index on names (21,000 lookups)
		if err != nil {
			return err
		}
		defer rows.Close()
		var ids, names []string
		for rows.Next() {
			var id, name string
			if err := rows.Scan(&id, &name); err != nil {
				return err
			}
			ids, names = append(ids, id), append(names, name)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		switch len(ids) {
		case 0:
		case 1:
			r.finding(Subject{SubjectPerson, ids[0], names[0]}, "%s lives in the settlement and holds a role, but why they are recorded (their consent, or a public role) is not.", names[0])
		default:
			r.finding(r.workspaceSubject(), "%s residents who hold roles have no recorded basis for holding their data: %s.", Thousands(int64(len(ids))), r.someNames(names))
		}
		return nil
	},
}

var consentWithdrawnDataHeld = Check{
	ID: "consent-withdrawn-data-held", Severity: SeverityWarning,
	Title: msg("Consent withdrawn, personal data still held"),
	Why:   msg("Once someone withdraws their consent, the data held on that basis must go unless another lawful basis applies (the law: Kenya's Data Protection Act 2019, on consent and the right to erasure)."),
	Fix:   msg("Erase the person from their page (their roles stay, held by an erased person), or record the other lawful basis that applies."),
	run: func(r *checkRun) error {
		rows, err := r.query(`SELECT id, name, withdrawn_on FROM people
			WHERE withdrawn_on <> '' AND withdrawn_on <= :today AND basis = 'consent' AND erased_on = '' ORDER BY withdrawn_on, name, id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id, name, on string
			if err := rows.Scan(&id, &name, &on); err != nil {
				return err
			}
			r.finding(Subject{SubjectPerson, id, name}, "%s withdrew their consent on %s, and their personal data is still held.", name, on)
		}
		return rows.Err()
	},
}

var keptPastRetention = Check{
	ID: "kept-past-retention", Severity: SeverityInfo,
	Title: msg("People kept longer than the workspace says"),
	Why:   msg("Personal data is kept no longer than its purpose needs; the workspace's settings say how long people whose roles all ended are kept (the law: Kenya's Data Protection Act 2019, on retention)."),
	Fix:   msg("Erase them all at once: Settings › Personal data › Erase those kept too long, or cpw erase FILE --kept-too-long."),
	run: func(r *checkRun) error {
		people, months, err := keptTooLong(r.q, r.today)
		if err != nil || len(people) == 0 {
			return err
		}
		names := make([]string, len(people))
		for i, p := range people {
			names[i] = p.Name
		}
		if len(people) == 1 {
			p := people[0]
			r.finding(Subject{SubjectPerson, p.ID, p.Name}, "%s's last role ended on %s, more than %d months ago: the workspace keeps people that long.", p.Name, p.Ended, months)
			return nil
		}
		r.finding(r.workspaceSubject(), "%s people's roles all ended more than %d months ago, longer than the workspace keeps people: %s.",
			Thousands(int64(len(people))), months, r.someNames(names))
		return nil
	},
}
