package app

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"cpw/translate"
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

// onSettings shows the user's settings: their name and language, kept on
// this computer, and the open workspace's check thresholds, kept in the
// workspace.
func (u *ui) onSettings() {
	name := widget.NewEntry()
	name.SetText(u.app.Preferences().String(prefAuthor))
	name.SetPlaceHolder(lang.L("Your name, for example Wanjiru Kamau"))
	nameItem := widget.NewFormItem(lang.L("Your name"), name)
	nameItem.HintText = lang.L("Recorded with each change you make and each merge, so that others know who did what")

	// The first choice follows the system; the others name each language in
	// itself, so that a user who cannot read the current one finds theirs.
	system := translate.Languages[0].Name
	for _, l := range translate.Languages {
		if l.Code == systemLanguage() {
			system = l.Name
		}
	}
	choices := []string{fmt.Sprintf(lang.L("As the system (%s)"), system)}
	codes := []string{""}
	for _, l := range translate.Languages {
		choices = append(choices, l.Name)
		codes = append(codes, l.Code)
	}
	language := widget.NewSelect(choices, nil)
	language.SetSelectedIndex(0)
	for i, c := range codes {
		if c != "" && c == u.app.Preferences().String(prefLanguage) {
			language.SetSelectedIndex(i)
		}
	}
	languageItem := widget.NewFormItem(lang.L("Language"), language)
	languageItem.HintText = lang.L("Of the window, and of the workspaces and briefs you make from now on")

	items := []*widget.FormItem{nameItem, languageItem}
	var autoSync *widget.Check
	if u.screen != nil {
		thresholds := widget.NewButton(lang.L("Change the check thresholds…"), func() { u.screen.checks.onThresholds() })
		item := widget.NewFormItem(lang.L("Health checks"), container.NewHBox(thresholds))
		item.HintText = lang.L("Kept in the workspace, so that every copy checks alike")
		items = append(items, item)
		where, _, _ := u.file.SyncPlace()
		if where == "" {
			where = lang.L("none yet")
		}
		shared := widget.NewLabel(where)
		shared.Truncation = fyne.TextTruncateEllipsis
		change := widget.NewButton(lang.L("Change…"), func() {
			u.screen.askSyncPlace(func() {
				if w, _, _ := u.file.SyncPlace(); w != "" {
					shared.SetText(w)
				}
			})
		})
		if u.file.ReadOnly() {
			change.Disable()
		}
		item = widget.NewFormItem(lang.L("Shared place"), container.NewBorder(nil, nil, nil, change, shared))
		item.HintText = lang.L("The folder or county server this copy syncs with; kept in this copy only")
		items = append(items, item)
		autoSync = widget.NewCheck(fmt.Sprintf(lang.L("Sync by itself every %d minutes while a workspace is open"), int(syncEvery/time.Minute)), nil)
		autoSync.SetChecked(u.autoSyncOn())
		items = append(items, widget.NewFormItem("", autoSync))
		privacy := widget.NewButton(lang.L("Purposes and retention…"), func() { u.screen.onPrivacy() })
		item = widget.NewFormItem(lang.L("Personal data"), container.NewHBox(privacy))
		item.HintText = lang.L("What the people's data is held for, and how long people whose roles ended are kept")
		items = append(items, item)
		copiesMade := widget.NewButton(lang.L("Copies made…"), u.onCopiesMade)
		item = widget.NewFormItem(lang.L("Sharing"), container.NewHBox(copiesMade))
		item.HintText = lang.L("Every copy saved from this workspace: when, by whom, for whom, without what")
		items = append(items, item)
		mappings := widget.NewButton(lang.L("Import mappings…"), func() { u.screen.onImportMappings() })
		item = widget.NewFormItem(lang.L("Excel imports"), container.NewHBox(mappings))
		item.HintText = lang.L("What imports were told about partners' workbooks, to see and correct")
		items = append(items, item)
	}
	d := dialog.NewForm(lang.L("Settings"), lang.L("Save"), lang.L("Cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		u.app.Preferences().SetString(prefAuthor, strings.TrimSpace(name.Text))
		if autoSync != nil {
			u.app.Preferences().SetBool(prefAutoSync, autoSync.Checked)
		}
		if u.file != nil {
			u.file.Author = u.authorName(u.accountName)
		}
		if chosen := codes[language.SelectedIndex()]; chosen != u.app.Preferences().String(prefLanguage) {
			u.app.Preferences().SetString(prefLanguage, chosen)
			u.relabel()
		}
	}, u.window)
	d.Resize(fyne.NewSize(640, 580))
	d.Show()
}

// relabel speaks the language now chosen: the screen shown is built again in
// it, with the same workspace open.
func (u *ui) relabel() {
	useLanguage(u.language())
	if u.file != nil {
		section := u.screen.current
		u.reload()
		if u.screen != nil && section != "" {
			u.screen.show(section)
		}
		return
	}
	u.showWelcome()
}

// SavedAuthor is the name set in Settings, read from the window's
// preferences without opening a window, so that the command line records
// changes and merges under the same name; "" when none is set.
func SavedAuthor() string {
	data, err := os.ReadFile(filepath.Join(preferencesRoot(), AppID, "preferences.json"))
	if err != nil {
		return ""
	}
	var prefs map[string]any
	if json.Unmarshal(data, &prefs) != nil {
		return ""
	}
	name, _ := prefs[prefAuthor].(string)
	return strings.TrimSpace(name)
}

// preferencesRoot is where Fyne keeps the preferences of desktop programs.
func preferencesRoot() string {
	home, _ := os.UserHomeDir()
	switch runtime.GOOS {
	case "windows":
		return filepath.Join(home, "AppData", "Roaming", "fyne")
	case "darwin":
		return filepath.Join(home, "Library", "Preferences", "fyne")
	}
	config, _ := os.UserConfigDir()
	return filepath.Join(config, "fyne")
}
