package app

import (
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cpw/reports"
	"cpw/workspace"
)

// personRow is a person with the names the row shows.
type personRow struct {
	workspace.Person
	org, home string
}

// peopleList is the People section; opening one shows their page.
func (s *workspaceScreen) peopleList() *listView[personRow] {
	f := s.file
	l := newListView(s.ui, lang.L("person"), lang.L("people"), []column[personRow]{
		{title: lang.L("Name"), width: 200, text: func(p personRow) string { return workspace.ShownName(p.Name) }},
		{title: lang.L("Organisation"), width: 220, text: func(p personRow) string { return p.org }},
		{title: lang.L("Home unit"), width: 300, text: func(p personRow) string { return p.home }},
		{title: lang.L("Position"), width: 150, text: func(p personRow) string { return p.Position }},
		{title: lang.L("Gender"), width: 75, text: func(p personRow) string { return workspace.Label(workspace.Genders, p.Gender) }},
		{title: lang.L("Resident"), width: 75, text: func(p personRow) string { return answer(p.Resident) }},
	}, func() ([]personRow, error) {
		lk, err := readLookups(f, true)
		if err != nil {
			return nil, err
		}
		people, err := f.People(workspace.PersonFilter{})
		out := make([]personRow, len(people))
		for i, p := range people {
			out[i] = personRow{p, lk.orgs[p.OrganisationID], lk.units[p.HomeUnitID]}
		}
		return out, err
	})
	if !f.ReadOnly() {
		l.onNew = func() { s.editPerson(workspace.Person{}) }
		l.onDel = func(p personRow) {
			s.ui.confirmDelete(p.Name, "people", p.ID, func() error { return f.DeletePerson(p.ID) }, s.changed)
		}
		l.addAction(lang.L("Edit…"), theme.DocumentCreateIcon(), func(p personRow) { s.editPerson(p.Person) })
	}
	l.onOpen = func(p personRow) { s.showPerson(p.ID) }
	return l.build()
}

// editPerson shows a person's form (a new one when the id is empty), once
// the organisations and units it offers are read.
func (s *workspaceScreen) editPerson(p workspace.Person) {
	s.withOptions(false, true, func(orgs, _, units []option) { s.personForm(p, orgs, units) })
}

func (s *workspaceScreen) personForm(p workspace.Person, orgs, units []option) {
	f := s.file
	name, position, phone, email := entry(p.Name), entry(p.Position), entry(p.Phone), entry(p.Email)
	org := newPicker(lang.L("Organisation"), orgs, p.OrganisationID)
	gender := newChoice(workspace.Genders, p.Gender)
	age := newChoice(workspace.AgeBands, p.AgeBand)
	resident := newChoice(workspace.Residences, string(p.Resident))
	home := newPicker(lang.L("Home unit"), units, p.HomeUnitID)
	notes := multiline(p.Notes)
	basis := newChoice(workspace.LawfulBases, p.Basis)
	consentOn, consentHow, consentBy, withdrawnOn := dateEntry(p.ConsentOn), entry(p.ConsentHow), entry(p.ConsentBy), dateEntry(p.WithdrawnOn)
	title, confirm := lang.L("New person"), lang.L("Add")
	if p.ID != "" {
		title, confirm = fmt.Sprintf(lang.L("Person: %s"), p.Name), lang.L("Save")
	}
	s.readOnlyNote(&title)
	base := p // as read, for saving only what the form changes
	s.ui.showForm(title, confirm, []field{
		{label: lang.L("Name"), obj: name},
		{label: lang.L("Organisation"), obj: org, hint: lang.L("Blank for a resident without one")},
		{label: lang.L("Position"), obj: position},
		{label: lang.L("Phone"), obj: phone},
		{label: lang.L("E-mail"), obj: email},
		{label: lang.L("Gender"), obj: gender},
		{label: lang.L("Age band"), obj: age},
		{label: lang.L("Resident"), obj: resident},
		{label: lang.L("Home unit"), obj: home, hint: lang.L("The community unit they live in, if known")},
		{label: lang.L("Notes"), obj: notes},
		{label: lang.L("Basis"), obj: basis, hint: lang.L("Why they may be recorded, as the data protection law asks")},
		{label: lang.L("Consent given on"), obj: consentOn},
		{label: lang.L("How consent was given"), obj: consentHow, hint: lang.L("A signed form, spoken before a witness, …")},
		{label: lang.L("Consent taken by"), obj: consentBy},
		{label: lang.L("Consent withdrawn on"), obj: withdrawnOn, hint: lang.L("Their data should then be erased, unless another basis applies")},
	}, func() error {
		orgID, err := org.id()
		if err != nil {
			return err
		}
		homeID, err := home.id()
		if err != nil {
			return err
		}
		p.Name, p.OrganisationID, p.Position, p.Phone, p.Email = name.Text, orgID, position.Text, phone.Text, email.Text
		p.Gender, p.AgeBand, p.Resident, p.HomeUnitID, p.Notes = gender.key(), age.key(), workspace.Answer(resident.key()), homeID, notes.Text
		p.Basis, p.ConsentOn, p.ConsentHow, p.ConsentBy, p.WithdrawnOn = basis.key(), consentOn.Text, consentHow.Text, consentBy.Text, withdrawnOn.Text
		if p.ID == "" {
			_, err = f.CreatePerson(p)
		} else {
			_, err = workspace.UpdateFrom(f, base, p)
		}
		return err
	}, s.changed)
}

// showPerson shows a person's page: who they are and every role they hold
// and held.
func (s *workspaceScreen) showPerson(id string) {
	person, p, ok := openPage(s, id, s.file.Person, s.showPerson)
	if !ok {
		return
	}
	n := p.names
	if person.ErasedOn != "" {
		p.box.Add(wrapped(fmt.Sprintf(lang.L("This person's personal data was erased on %s. The roles they held stay, held by an erased person; no copy merged or synced with this one brings the data back."),
			person.ErasedOn[:min(len(person.ErasedOn), 10)])))
	}
	p.field(lang.L("Organisation"), n.organisation(person.OrganisationID))
	p.field(lang.L("Position"), person.Position)
	p.field(lang.L("Phone"), person.Phone)
	p.field(lang.L("E-mail"), person.Email)
	p.field(lang.L("Gender"), workspace.Label(workspace.Genders, person.Gender))
	p.field(lang.L("Age band"), workspace.Label(workspace.AgeBands, person.AgeBand))
	p.field(lang.L("Resident"), workspace.Label(workspace.Residences, string(person.Resident)))
	p.field(lang.L("Home unit"), n.unit(person.HomeUnitID))
	// From a survey's import; shown, not edited.
	p.field(lang.L("Household size"), person.HouseholdSize.String())
	p.field(lang.L("Household women"), person.HouseholdWomen.String())
	p.field(lang.L("Household men"), person.HouseholdMen.String())
	p.field(lang.L("Household children"), person.HouseholdChildren.String())
	p.field(lang.L("Household youth"), person.HouseholdYouth.String())
	p.field(lang.L("Survey ID"), person.SurveyID)
	p.field(lang.L("Notes"), person.Notes)
	p.field(lang.L("Basis"), workspace.Label(workspace.LawfulBases, person.Basis))
	p.field(lang.L("Consent given on"), person.ConsentOn)
	p.field(lang.L("How consent was given"), person.ConsentHow)
	p.field(lang.L("Consent taken by"), person.ConsentBy)
	p.field(lang.L("Consent withdrawn on"), person.WithdrawnOn)
	as, err := s.file.Assignments(workspace.AssignmentFilter{PersonID: id})
	if err != nil {
		s.ui.showError(err)
		return
	}
	p.held(as, rolesTitles(), func(a workspace.Assignment) string { return roleLine(n, a) },
		func(workspace.Assignment) string { return workspace.ShownName(person.Name) },
		func() { s.assignRole(workspace.Assignment{PersonID: person.ID}, nil) })
	if findings := s.findingsAbout(id); len(findings) > 0 {
		p.box.Add(widget.NewSeparator())
		p.heading(lang.L("Health-check findings"))
		p.findings(findings)
	}
	p.box.Add(widget.NewSeparator())
	report := widget.NewButtonWithIcon(lang.L("Personal data report…"), theme.DocumentPrintIcon(), func() { s.onPersonReport(person) })
	p.box.Add(container.NewBorder(nil, nil, report, nil,
		wrapped(lang.L("Everything the workspace holds about this person, as a PDF to give them when they ask to see it."))))
	if person.ErasedOn != "" {
		p.show(workspace.ShownName(person.Name), nil) // nothing of them is left to edit
		return
	}
	if p.writable {
		erase := widget.NewButtonWithIcon(lang.L("Erase this person…"), theme.DeleteIcon(), func() { s.onErasePerson(person) })
		erase.Importance = widget.DangerImportance
		p.box.Add(container.NewBorder(nil, nil, erase, nil,
			wrapped(lang.L("When they ask to be forgotten, or withdraw their consent: their personal data goes, their roles stay."))))
	}
	p.show(person.Name, func() { s.editPerson(person) })
}

// onErasePerson asks, saying what goes and that it cannot be undone, then
// erases the person's personal data.
func (s *workspaceScreen) onErasePerson(person workspace.Person) {
	u, f := s.ui, s.file
	text := wrapped(lang.L("Their name, phone, e-mail, gender, age band, home, household, notes and consent record go from this workspace, from its change log and its undo history, and from every copy merged or synced with it later. The roles they held stay, held by an erased person.") +
		"\n\n" + lang.L("This cannot be undone."))
	d := dialog.NewCustomConfirm(fmt.Sprintf(lang.L("Erase %s?"), person.Name), lang.L("Erase"), lang.L("Cancel"), text, func(yes bool) {
		if !yes {
			return
		}
		u.busy(lang.L("Erasing…"), func() (func(), error) {
			if err := f.ErasePerson(person.ID); err != nil {
				return nil, err
			}
			return s.changed, nil
		})
	}, u.window)
	d.Resize(fyne.NewSize(560, 260))
	d.Show()
}

// onPersonReport asks where to write the report of everything held about
// a person, then writes it off the UI thread and offers to open it.
func (s *workspaceScreen) onPersonReport(person workspace.Person) {
	u := s.ui
	fileName := widget.NewEntry()
	fileName.SetText(fmt.Sprintf(lang.L("%s personal data.pdf"), safeFileName(person.Name)))
	folder, folderRow := folderChooser(folderOf(s.file.Path()), u.window)
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("File name"), fileName),
		widget.NewFormItem(lang.L("Save in"), folderRow),
	}
	d := dialog.NewForm(lang.L("Personal data report"), lang.L("Write the report"), lang.L("Cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		opt := reports.PersonOptions{PersonID: person.ID, Date: u.now(), Language: u.language()}
		u.saveAs(folder.Text, fileName.Text, ".pdf", func(path string) {
			f := s.file
			u.busy(fmt.Sprintf(lang.L("Writing %s…"), filepath.Base(path)), func() (func(), error) {
				if err := reports.WritePersonReport(f, path, opt); err != nil {
					return nil, err
				}
				return func() {
					s.offerToOpenOr(lang.L("Report written"), fmt.Sprintf(lang.L("The report was saved as %s."), path),
						fmt.Sprintf(lang.L("The report was saved as %s, but no program to open PDFs was found on this computer."), path), path)
				}, nil
			})
		})
	}, u.window)
	d.Resize(fyne.NewSize(600, 240))
	d.Show()
}
