package app

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cpw/workspace"
)

// onPrivacy shows what the workspace declares about its people's data:
// what it is held for, and how long people whose roles all ended are
// kept; and erases, at once, those kept longer.
func (s *workspaceScreen) onPrivacy() {
	u, f := s.ui, s.file
	p, err := f.Privacy()
	if err != nil {
		u.showError(err)
		return
	}
	purposes := multiline(p.Purposes)
	purposes.SetPlaceHolder(lang.L("For example: planning the upgrading of the settlement with its residents, and reaching their representatives about it"))
	months := entry(strconv.Itoa(p.RetentionMonths))
	// The retention typed in the form is the one the erasing uses: saved
	// first, as Save would.
	save := func() error {
		n, err := strconv.Atoi(strings.TrimSpace(months.Text))
		if err != nil {
			return fmt.Errorf(lang.L("Keep people whose roles ended for a whole number of months, not “%s”."), months.Text)
		}
		return f.SetPrivacyFrom(p, workspace.Privacy{Purposes: purposes.Text, RetentionMonths: n})
	}
	erase := widget.NewButtonWithIcon(lang.L("Erase those kept too long…"), theme.DeleteIcon(), func() {
		if err := save(); err != nil {
			u.showError(err)
			return
		}
		s.onEraseKeptTooLong()
	})
	erase.Importance = widget.DangerImportance
	fields := []field{
		{label: lang.L("Purposes"), obj: purposes, hint: lang.L("What the people's data is held for; the personal data report quotes it")},
		{label: lang.L("Keep for (months)"), obj: months, hint: lang.L("How long people whose roles all ended are kept: 0 keeps them; a check lists those kept longer")},
	}
	if f.ReadOnly() {
		purposes.Disable()
		months.Disable()
	} else {
		fields = append(fields, field{label: lang.L("Kept too long"), obj: container.NewHBox(erase)})
	}
	form := u.showForm(lang.L("Personal data"), lang.L("Save"), fields, save, s.changed)
	form.dlg.Resize(fyne.NewSize(660, 470)) // the purposes take several lines
}

// onEraseKeptTooLong counts the people kept longer than the workspace
// says, asks, and erases them. Who they are is decided again inside the
// erasing write.
func (s *workspaceScreen) onEraseKeptTooLong() {
	u, f := s.ui, s.file
	today := s.today()
	u.busy(lang.L("Looking for people kept too long…"), func() (func(), error) {
		people, err := f.KeptTooLong(today)
		if err != nil {
			return nil, err
		}
		return func() {
			if len(people) == 0 {
				dialog.ShowInformation(lang.L("Personal data"), lang.L("Nobody is kept longer than the workspace keeps people."), u.window)
				return
			}
			names := make([]string, 0, 5)
			for i, p := range people {
				if i == 4 {
					names = append(names, fmt.Sprintf(lang.L("and %d more"), len(people)-4))
					break
				}
				names = append(names, p.Name)
			}
			question := fmt.Sprintf(lang.L("Erase %d people kept too long?"), len(people))
			text := widget.NewLabel(strings.Join(names, ", ") + "\n\n" +
				lang.L("Their roles all ended longer ago than the workspace keeps people. Their personal data goes from this workspace and from every copy merged or synced with it later; their roles stay, held by an erased person. This cannot be undone."))
			text.Wrapping = fyne.TextWrapWord
			d := dialog.NewCustomConfirm(question, lang.L("Erase them"), lang.L("Cancel"), container.NewPadded(text), func(yes bool) {
				if !yes {
					return
				}
				u.busy(lang.L("Erasing…"), func() (func(), error) {
					n, err := f.EraseKeptTooLong(today)
					if err != nil {
						return nil, err
					}
					return func() {
						s.changed()
						dialog.ShowInformation(lang.L("Personal data"), fmt.Sprintf(lang.L("Erased the personal data of %d people."), n), u.window)
					}, nil
				})
			}, u.window)
			d.Resize(fyne.NewSize(560, 300))
			d.Show()
		}, nil
	})
}
