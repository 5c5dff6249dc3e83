package app

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"cpw/workspace"
)

// maxConflictsShown is how many conflicts the preview lists one by one.
const maxConflictsShown = 150

// keepOurs and takeTheirs are the choices for a conflict, in the window's
// language.
func keepOurs() string   { return lang.L("Keep this copy's") }
func takeTheirs() string { return lang.L("Take theirs") }

// onMerge asks for the copy to merge, shows what merging it would do, lets
// the user settle each conflict, then merges.
func (s *workspaceScreen) onMerge() {
	u := s.ui
	if s.file.ReadOnly() {
		u.showError(errors.New(lang.L("This workspace is open read-only, so nothing can be merged into it: save a copy you can edit and merge into that.")))
		return
	}
	chooseFile(u, folderOf(s.file.Path()), workspace.Extension, s.previewMerge)
}

// previewMerge works out the merge without writing and shows it.
func (s *workspaceScreen) previewMerge(path string) {
	u, f := s.ui, s.file
	u.busy(fmt.Sprintf(lang.L("Comparing with %s…"), filepath.Base(path)), func() (func(), error) {
		report, err := f.Merge(path, workspace.MergeOptions{DryRun: true})
		if err != nil {
			return nil, err
		}
		return func() { s.showMergePreview(path, report) }, nil
	})
}

func (s *workspaceScreen) showMergePreview(path string, report workspace.MergeReport) {
	u := s.ui
	box := container.NewVBox()
	summary := widget.NewLabelWithStyle(report.Summary(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	summary.Wrapping = fyne.TextWrapWord
	box.Add(summary)
	if report.FirstMeeting {
		note := widget.NewLabel(lang.L("These two copies have not met before, so every record that differs counts as a conflict; the newer change is chosen unless you choose otherwise."))
		note.Wrapping = fyne.TextWrapWord
		box.Add(note)
	}
	for _, c := range report.Counts {
		box.Add(widget.NewLabel(fmt.Sprintf(lang.L("%s: %d added, %d updated, %d deleted, %d in conflict"), workspace.Capitalise(c.Kind), c.Added, c.Updated, c.Deleted, c.Conflicts)))
	}
	choices := addConflictChoices(box, report.Conflicts)
	var dlg dialog.Dialog
	mergeButton := widget.NewButton(lang.L("Merge"), func() {
		dlg.Hide()
		s.merge(path, chosenSides(choices))
	})
	mergeButton.Importance = widget.HighImportance
	if report.Nothing() {
		mergeButton.Disable() // nothing to merge: the summary says so
	}
	cancel := widget.NewButton(lang.L("Cancel"), func() { dlg.Hide() })
	content := container.NewBorder(nil, container.NewHBox(cancel, mergeButton), nil, nil, container.NewVScroll(box))
	dlg = dialog.NewCustomWithoutButtons(fmt.Sprintf(lang.L("Merge %s"), filepath.Base(path)), content, u.window)
	dlg.Resize(fyne.NewSize(820, 620))
	dlg.Show()
}

// addConflictChoices lists the conflicts under box, each with the choice
// of the version to keep, the newer change chosen first; the choices are
// returned by the conflict's key.
func addConflictChoices(box *fyne.Container, conflicts []workspace.MergeConflict) map[string]*widget.RadioGroup {
	choices := map[string]*widget.RadioGroup{}
	n := len(conflicts)
	if n == 0 {
		return choices
	}
	box.Add(widget.NewSeparator())
	box.Add(widget.NewLabelWithStyle(fmt.Sprintf(lang.L("Conflicts (%d): choose which version to keep"), n), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	for i, c := range conflicts {
		if i == maxConflictsShown {
			box.Add(widget.NewLabel(fmt.Sprintf(lang.L("… and %d more, settled by the newer change."), n-maxConflictsShown)))
			break
		}
		title := widget.NewLabelWithStyle(fmt.Sprintf("%s “%s” — %s", workspace.Capitalise(c.Kind), c.Title, c.Reason), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		title.Wrapping = fyne.TextWrapWord
		diff := widget.NewLabel(conflictDiff(c))
		diff.Wrapping = fyne.TextWrapWord
		pick := widget.NewRadioGroup([]string{keepOurs(), takeTheirs()}, nil)
		pick.Horizontal = true
		if c.Chosen == workspace.Theirs {
			pick.SetSelected(takeTheirs())
		} else {
			pick.SetSelected(keepOurs())
		}
		pick.Required = true
		if c.Settled() {
			pick.Disable() // one record is kept either way; its details can be edited after
		}
		choices[c.Key] = pick
		box.Add(container.NewVBox(title, diff, pick))
	}
	return choices
}

// chosenSides reads the choices made in the conflicts' list.
func chosenSides(choices map[string]*widget.RadioGroup) map[string]workspace.Side {
	choose := map[string]workspace.Side{}
	for key, pick := range choices {
		if pick.Selected == takeTheirs() {
			choose[key] = workspace.Theirs
		} else {
			choose[key] = workspace.Ours
		}
	}
	return choose
}

// conflictDiff lists the fields in which the two versions differ, each
// named in the users' words and in the window's language (the workspace's
// messages follow the window's language).
func conflictDiff(c workspace.MergeConflict) string {
	switch {
	case c.Ours == nil:
		return fmt.Sprintf(lang.L("Deleted in this copy; theirs was changed on %s."), localTime(c.Theirs["updated_at"]))
	case c.Theirs == nil:
		return fmt.Sprintf(lang.L("Changed in this copy on %s; deleted in theirs."), localTime(c.Ours["updated_at"]))
	}
	var lines []string
	for _, d := range c.Differences() {
		lines = append(lines, fmt.Sprintf(lang.L("%s: “%s” here, “%s” in theirs"), d.Field, d.Ours, d.Theirs))
	}
	lines = append(lines, fmt.Sprintf(lang.L("Changed here on %s, in theirs on %s."), localTime(c.Ours["updated_at"]), localTime(c.Theirs["updated_at"])))
	return strings.Join(lines, "\n")
}

// merge merges off the UI thread, then shows the workspace as it now is.
func (s *workspaceScreen) merge(path string, choose map[string]workspace.Side) {
	u, f := s.ui, s.file
	u.busy(fmt.Sprintf(lang.L("Merging %s…"), filepath.Base(path)), func() (func(), error) {
		report, err := f.Merge(path, workspace.MergeOptions{Choose: choose})
		if err != nil {
			return nil, err
		}
		return func() {
			u.reload()
			dialog.ShowInformation(lang.L("Merged"), report.Summary()+"\n"+lang.L("The change log records the merge with the other copy's id."), u.window)
		}, nil
	})
}
