package app

import (
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"cpw/reports"
)

const initiativeBrief = "The whole initiative"

// onBrief asks which brief to write, on what paper, with or without
// contacts and where, then writes it off the UI thread and offers to open it.
func (s *workspaceScreen) onBrief() {
	u := s.ui
	choices := []string{initiativeBrief}
	codes := map[string]string{}
	for _, c := range s.overview.consortia {
		label := c.Code + " — " + c.Name
		choices = append(choices, label)
		codes[label] = c.Code
	}
	which := widget.NewSelect(choices, nil)
	which.SetSelected(initiativeBrief)
	paper := widget.NewRadioGroup([]string{"A4", "US letter"}, nil)
	paper.Horizontal = true
	paper.SetSelected("A4")
	contacts := widget.NewCheck("Include phone numbers and e-mail addresses", nil)
	fileName := widget.NewEntry()
	fileName.SetText(safeFileName(s.overview.name) + " brief.pdf")
	which.OnChanged = func(choice string) {
		name := s.overview.name
		if code := codes[choice]; code != "" {
			name += " " + code
		}
		fileName.SetText(safeFileName(name) + " brief.pdf")
	}
	folder, folderRow := folderChooser(folderOf(s.file.Path()), u.window)
	contactsItem := widget.NewFormItem("Contacts", contacts)
	contactsItem.HintText = "Personal data: leave them out of briefs that travel widely"
	items := []*widget.FormItem{
		widget.NewFormItem("Brief on", which),
		widget.NewFormItem("Paper", paper),
		contactsItem,
		widget.NewFormItem("File name", fileName),
		widget.NewFormItem("Save in", folderRow),
	}
	d := dialog.NewForm("PDF brief", "Write the brief", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		name := strings.TrimSpace(fileName.Text)
		if !strings.EqualFold(filepath.Ext(name), ".pdf") {
			name += ".pdf"
		}
		path := filepath.Join(folder.Text, name)
		opt := reports.Options{Consortium: codes[which.Selected], WithContacts: contacts.Checked, Paper: "a4", Date: u.now()}
		if paper.Selected == "US letter" {
			opt.Paper = "letter"
		}
		write := func() { s.writeBrief(path, opt) }
		if _, err := os.Stat(path); err == nil {
			dialog.ShowConfirm("Replace the file?", name+" already exists in this folder. Replace it with the new brief?", func(yes bool) {
				if yes {
					write()
				}
			}, u.window)
			return
		}
		write()
	}, u.window)
	d.Resize(fyne.NewSize(640, 420))
	d.Show()
}

// writeBrief writes the brief off the UI thread, then offers to open it.
func (s *workspaceScreen) writeBrief(path string, opt reports.Options) {
	u, f := s.ui, s.file
	u.busy("Writing "+filepath.Base(path)+"…", func() (func(), error) {
		if err := reports.Write(f, path, opt); err != nil {
			return nil, err
		}
		return func() { s.offerToOpen("Brief written", "The brief was saved as "+path+".", path) }, nil
	})
}
