package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cpw/workspace"
)

// Undo and redo in the window. The Edit menu names what Undo and Redo will
// do; Ctrl+Z undoes, Ctrl+Y and Ctrl+Shift+Z redo, unless a text field has
// the keys (Ctrl+Z and Ctrl+Y undo and redo its own typing there). The steps live in the workspace
// file, so they outlast the window; History reverts any one of them.

// undoState is what the Edit menu offers: the steps it would undo and redo
// (ID 0 for none).
type undoState struct {
	menu                *fyne.MainMenu
	undo, redo, history *fyne.MenuItem
	next, back          workspace.Step // the step Undo undoes, the undo Redo reverses
}

// setMenu gives the window its File and Edit menus, and the keys of Undo
// and Redo.
func (u *ui) setMenu() {
	open := fyne.NewMenuItem(lang.L("Open…"), u.onOpen)
	open.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault}
	// The menu takes a key before the focused widget does, and Ctrl+Z in a
	// text field is the field's: the shortcuts the menu shows are custom
	// ones, which the keys pressed never match (Ctrl+Z comes as Fyne's
	// ShortcutUndo), and the window's canvas does the undoing.
	u.undo.undo = fyne.NewMenuItem(lang.L("Undo"), u.onUndo)
	u.undo.undo.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault}
	u.undo.redo = fyne.NewMenuItem(lang.L("Redo"), u.onRedo)
	u.undo.redo.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyY, Modifier: fyne.KeyModifierShortcutDefault}
	u.undo.history = fyne.NewMenuItem(lang.L("History"), func() {
		if u.screen != nil && u.idle() {
			u.screen.show(secHistory)
		}
	})
	u.undo.menu = fyne.NewMainMenu(fyne.NewMenu(lang.L("File"), open), fyne.NewMenu(lang.L("Edit"), u.undo.undo, u.undo.redo, fyne.NewMenuItemSeparator(), u.undo.history))
	u.window.SetMainMenu(u.undo.menu)
	c := u.window.Canvas()
	c.AddShortcut(&fyne.ShortcutUndo{}, func(fyne.Shortcut) { u.onUndo() })
	c.AddShortcut(&fyne.ShortcutRedo{}, func(fyne.Shortcut) { u.onRedo() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}, func(fyne.Shortcut) { u.onRedo() })
	u.updateUndo()
}

// idle reports whether the window may start an undo now: no dialog is
// open over it and no work is running.
func (u *ui) idle() bool {
	return u.waiting == 0 && u.window.Canvas().Overlays().Top() == nil
}

// updateUndo names in the Edit menu what Undo and Redo would do now; every
// change the window shows calls it.
func (u *ui) updateUndo() {
	if u.undo.menu == nil {
		return
	}
	u.undo.next, u.undo.back = workspace.Step{}, workspace.Step{}
	u.undo.history.Disabled = u.screen == nil // the welcome screen has no history
	if f := u.file; f != nil && !f.ReadOnly() {
		// Two small reads of the step table: quick enough for the UI thread.
		if s, ok, err := f.NextUndo(); err == nil && ok {
			u.undo.next = s
		}
		if s, ok, err := f.NextRedo(); err == nil && ok {
			u.undo.back = s
		}
	}
	u.undo.undo.Label, u.undo.undo.Disabled = lang.L("Undo"), u.undo.next.ID == 0
	if u.undo.next.ID != 0 {
		u.undo.undo.Label = fmt.Sprintf(lang.L("Undo %s"), clipText(u.undo.next.Name(), 60))
	}
	u.undo.redo.Label, u.undo.redo.Disabled = lang.L("Redo"), u.undo.back.ID == 0
	if u.undo.back.ID != 0 {
		u.undo.redo.Label = fmt.Sprintf(lang.L("Redo %s"), clipText(u.undo.back.Name(), 60))
	}
	u.undo.menu.Refresh()
}

// onUndo undoes the step the Edit menu names.
func (u *ui) onUndo() {
	if u.file != nil {
		u.reverseNamed(u.undo.next, lang.L("There is nothing to undo."), lang.L("Undoing %s…"), u.file.UndoStep)
	}
}

// onRedo redoes the undo the Edit menu names.
func (u *ui) onRedo() {
	if u.file != nil {
		u.reverseNamed(u.undo.back, lang.L("There is nothing to redo."), lang.L("Redoing %s…"), u.file.RedoStep)
	}
}

// reverseNamed undoes or redoes the step the menu named (none: says so),
// unless a dialog is open or work is running.
func (u *ui) reverseNamed(step workspace.Step, none, doing string, do func(int64) (workspace.Undone, error)) {
	if u.screen == nil || !u.idle() {
		return
	}
	if step.ID == 0 {
		u.screen.showNotice(none)
		return
	}
	u.screen.reverse(fmt.Sprintf(doing, step.Name()), func() (workspace.Undone, error) { return do(step.ID) })
}

// reverse reverses one step off the UI thread (an import of thousands of
// rows is one step), then shows the workspace as it is now and the record
// put back.
func (s *workspaceScreen) reverse(message string, do func() (workspace.Undone, error)) {
	s.ui.busy(message, func() (func(), error) {
		done, err := do()
		if err != nil {
			return nil, err
		}
		return func() {
			if s.ui.screen != s {
				return
			}
			s.changed()
			s.showUndone(done)
		}, nil
	})
}

// showUndone shows the first record an undo put back or changed back (or,
// when it only took records away, the page or list they were on), and says
// what was done.
func (s *workspaceScreen) showUndone(done workspace.Undone) {
	gone := map[string]bool{}
	for _, r := range done.Records {
		if r.Effect == "removed" {
			gone[r.ID] = true
		}
	}
	shown := false
	for _, r := range done.Records {
		if r.Effect != "removed" && r.Page.ID != "" {
			s.openSubject(r.Page)
			shown = true
			break
		}
	}
	for _, r := range done.Records {
		if shown {
			break
		}
		switch {
		case r.Page.ID != "" && !gone[r.Page.ID]:
			s.openSubject(r.Page)
			shown = true
		case sectionOfTable[r.Table] != "":
			s.show(sectionOfTable[r.Table])
			shown = true
		}
	}
	text := fmt.Sprintf(lang.L("Undone: %s. Redo (Ctrl+Shift+Z) makes it again."), done.Step.Name())
	if done.By.Kind == workspace.StepRedo {
		text = fmt.Sprintf(lang.L("Redone: %s."), done.Step.Name())
	}
	s.showNotice(text)
}

// sectionOfTable is the section that lists each kind of record.
var sectionOfTable = map[string]string{
	"people": secPeople, "organisations": secOrganisations, "consortia": secConsortia, "roles": secRoles,
	"gaps": secGaps, "meetings": secMeetings, "units": secCommunity, "assignments": secRoles,
}

// offerRevert shows an entry of the change log with, when this copy keeps
// the step that made it, a button to revert that step.
func (s *workspaceScreen) offerRevert(c changeRow) {
	text := fmt.Sprintf(lang.L("%s by %s"), localTime(c.At), nonEmpty(c.Author, lang.L("someone"))) +
		fmt.Sprintf("\n%s %s\n\n%s", entityWords(c.Entity), actionWords(c.Action), c.Summary)
	body := container.NewVBox(wrapped(text))
	step, ok, err := s.file.StepOfChange(c.ID)
	var d dialog.Dialog
	switch {
	case err != nil:
		body.Add(wrapped(err.Error()))
	case !ok:
		body.Add(wrapped(lang.L("This change cannot be reverted from here: it was made in another copy, or before this copy kept its steps.")))
	case step.ReversedBy != 0 && step.Kind != workspace.StepUndo:
		body.Add(wrapped(lang.L("This change was undone since.")))
	case s.file.ReadOnly():
	default:
		body.Add(widget.NewButtonWithIcon(lang.L("Revert this change…"), theme.ContentUndoIcon(), func() {
			d.Hide()
			s.previewRevert(step)
		}))
	}
	d = dialog.NewCustom(fmt.Sprintf(lang.L("Change of %s"), localTime(c.At)), lang.L("Close"), container.NewVScroll(body), s.ui.window)
	d.Resize(fyne.NewSize(620, 360))
	d.Show()
}

// previewRevert says what reverting a step would change, or why it cannot
// be done now, and reverts it when asked.
func (s *workspaceScreen) previewRevert(step workspace.Step) {
	f := s.file
	s.ui.busy(fmt.Sprintf(lang.L("Looking at what reverting %s would change…"), step.Name()), func() (func(), error) {
		plan, err := f.PlanRevert(step.ID)
		if err != nil {
			return nil, err
		}
		return func() {
			title := fmt.Sprintf(lang.L("Revert %s?"), clipText(step.Name(), 60))
			if plan.Refused != nil {
				s.ui.showText(lang.L("This change cannot be reverted now"), plan.Refused.Error())
				return
			}
			lines := plan.Lines
			if plan.More > 0 {
				lines = append(lines, fmt.Sprintf(lang.L("and %s more"), thousands(plan.More)))
			}
			if len(lines) == 0 {
				lines = []string{lang.L("Nothing but links and settings would be written back.")}
			}
			what := wrapped(fmt.Sprintf(lang.L("Made %s by %s. Reverting it would:"), localTime(step.At), nonEmpty(step.Author, lang.L("someone"))) +
				"\n• " + strings.Join(lines, "\n• "))
			d := dialog.NewCustomConfirm(title, lang.L("Revert"), lang.L("Cancel"), container.NewVScroll(what), func(ok bool) {
				if ok {
					f := s.file
					s.reverse(fmt.Sprintf(lang.L("Reverting %s…"), step.Name()), func() (workspace.Undone, error) { return f.Revert(step.ID) })
				}
			}, s.ui.window)
			d.Resize(fyne.NewSize(680, 420))
			d.Show()
		}, nil
	})
}
