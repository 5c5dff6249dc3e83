package app

import (
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"cpw/reports"
	"cpw/translate"
)

// onBrief asks which brief to write, in which language, on what paper, with
// or without contacts and where, then writes it off the UI thread and offers
// to open it.
func (s *workspaceScreen) onBrief() {
	u := s.ui
	whole := lang.L("The whole initiative")
	choices := []string{whole}
	codes := map[string]string{}
	for _, c := range s.overview.consortia {
		label := c.Code + " — " + c.Name
		choices = append(choices, label)
		codes[label] = c.Code
	}
	which := widget.NewSelect(choices, nil)
	which.SetSelected(whole)

	// Languages are offered by their own names; the window's is the default.
	var languages []string
	languageCodes := map[string]string{}
	chosen, windowLanguage := translate.Languages[0].Name, u.language()
	for _, l := range translate.Languages {
		languages = append(languages, l.Name)
		languageCodes[l.Name] = l.Code
		if l.Code == windowLanguage {
			chosen = l.Name
		}
	}
	language := widget.NewSelect(languages, nil)
	language.SetSelected(chosen)

	letter := lang.L("US letter")
	paper := widget.NewRadioGroup([]string{"A4", letter}, nil)
	paper.Horizontal = true
	paper.SetSelected("A4")
	contacts := widget.NewCheck(lang.L("Include phone numbers and e-mail addresses"), nil)
	fileName := widget.NewEntry()
	// The file is named in the brief's language, as the brief is titled.
	rename := func() {
		say := translate.For(languageCodes[language.Selected])
		name := s.overview.name
		if code := codes[which.Selected]; code != "" {
			name += " " + code
		}
		fileName.SetText(say("%s brief.pdf", safeFileName(name)))
	}
	rename()
	which.OnChanged = func(string) { rename() }
	language.OnChanged = func(string) { rename() }
	folder, folderRow := folderChooser(folderOf(s.file.Path()), u.window)
	contactsItem := widget.NewFormItem(lang.L("Contacts"), contacts)
	contactsItem.HintText = lang.L("Personal data: leave them out of briefs that travel widely")
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("Brief on"), which),
		widget.NewFormItem(lang.L("Language"), language),
		widget.NewFormItem(lang.L("Paper"), paper),
		contactsItem,
		widget.NewFormItem(lang.L("File name"), fileName),
		widget.NewFormItem(lang.L("Save in"), folderRow),
	}
	d := dialog.NewForm(lang.L("PDF brief"), lang.L("Write the brief"), lang.L("Cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		opt := reports.Options{Consortium: codes[which.Selected], WithContacts: contacts.Checked, Paper: "a4", Date: u.now(),
			Language: languageCodes[language.Selected]}
		if paper.Selected == letter {
			opt.Paper = "letter"
		}
		u.saveAs(folder.Text, fileName.Text, ".pdf", func(path string) { s.writeBrief(path, opt) })
	}, u.window)
	d.Resize(fyne.NewSize(640, 470))
	d.Show()
}

// writeBrief writes the brief off the UI thread, then offers to open it.
func (s *workspaceScreen) writeBrief(path string, opt reports.Options) {
	u, f := s.ui, s.file
	u.busy(fmt.Sprintf(lang.L("Writing %s…"), filepath.Base(path)), func() (func(), error) {
		if err := reports.Write(f, path, opt); err != nil {
			return nil, err
		}
		return func() {
			s.offerToOpenOr(lang.L("Brief written"), fmt.Sprintf(lang.L("The brief was saved as %s."), path),
				fmt.Sprintf(lang.L("The brief was saved as %s, but no program to open PDFs was found on this computer."), path), path)
		}, nil
	})
}
