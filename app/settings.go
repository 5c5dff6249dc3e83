package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// prefAuthor is the preference holding the user's name for the change log.
const prefAuthor = "author"

// authorName is the name the change log and merges record for this user:
// the one set in Settings, else the computer's account name.
func (u *ui) authorName(fallback string) string {
	if name := strings.TrimSpace(u.app.Preferences().String(prefAuthor)); name != "" {
		return name
	}
	return fallback
}

// onSettings shows the user's settings: their name, kept on this computer,
// and the open workspace's check thresholds, kept in the workspace.
func (u *ui) onSettings() {
	name := widget.NewEntry()
	name.SetText(u.app.Preferences().String(prefAuthor))
	name.SetPlaceHolder("Your name, for example Wanjiru Kamau")
	nameItem := widget.NewFormItem("Your name", name)
	nameItem.HintText = "Recorded with each change you make and each merge, so that others know who did what"
	items := []*widget.FormItem{nameItem}
	if u.screen != nil {
		thresholds := widget.NewButton("Change the check thresholds…", func() { u.screen.checks.onThresholds() })
		item := widget.NewFormItem("Health checks", container.NewHBox(thresholds))
		item.HintText = "Kept in the workspace, so that every copy checks alike"
		items = append(items, item)
	}
	d := dialog.NewForm("Settings", "Save", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		u.app.Preferences().SetString(prefAuthor, strings.TrimSpace(name.Text))
		if u.file != nil {
			u.file.Author = u.authorName(u.accountName)
		}
	}, u.window)
	d.Resize(fyne.NewSize(620, 300))
	d.Show()
}
