package app

import (
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cpw/workspace"
)

// Another window, `cpw import`, a merge or a sync may write the file this
// window shows. The window asks the change log every few seconds what others
// wrote, reads again what it shows, and says so; a form saved over a newer
// change is refused by the workspace and the planner chooses, field by
// field, which value to keep.

// watchEvery is how often the window asks what others wrote.
const watchEvery = 2 * time.Second

// watch starts asking f's change log what others wrote, until the window
// shows another file or closes. Tests leave it off and call lookOutside.
func (u *ui) watch(f *workspace.File) {
	mark, err := f.LastChange()
	if err != nil {
		return // the window works on; it only will not notice others
	}
	u.outsideMark = mark
	if u.watchOff {
		return
	}
	stop := make(chan struct{})
	u.stopWatch = func() { close(stop) }
	go func() {
		tick := time.NewTicker(watchEvery)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				done := make(chan struct{})
				fyne.Do(func() { u.lookOutside(); close(done) })
				select {
				case <-done:
				case <-stop:
					return
				}
			}
		}
	}()
}

// lookOutside reads what others wrote since the window last looked, and
// when they wrote anything shows the workspace again with a note saying so.
func (u *ui) lookOutside() {
	f, s := u.file, u.screen
	if f == nil || s == nil || u.looking {
		return
	}
	u.looking = true
	mark := u.outsideMark
	u.background(func() {
		changes, next, err := f.OutsideChanges(mark)
		fyne.Do(func() {
			u.looking = false
			if u.file != f || err != nil {
				return // closed meanwhile, or the file is busy: look again later
			}
			u.outsideMark = next
			if u.claim == nil && !f.ReadOnly() {
				// The window that held the file first may have closed it.
				u.claim, _ = workspace.ClaimForWindow(f.Path())
			}
			if len(changes) > 0 && u.screen != nil {
				u.screen.outsideChanged(changes)
			}
		})
	})
}

// outsideChanged shows the workspace as it is now, and says who changed it.
func (s *workspaceScreen) outsideChanged(changes []workspace.Change) {
	s.outside = true
	defer func() { s.outside = false }()
	s.changed()
	s.showNotice(outsideNote(s.file.CopyID(), changes))
}

// outsideNote says in one sentence what others wrote. A merge made
// elsewhere brings the other copy's change log along, with its authors and
// old times: the note names who wrote in this copy, and the newest time.
func outsideNote(copyID string, changes []workspace.Change) string {
	authors := map[string]bool{}
	last := changes[0]
	for _, c := range changes {
		if c.Author != "" && c.CopyID == copyID {
			authors[c.Author] = true
		}
		if c.At > last.At {
			last = c
		}
	}
	var names []string
	for a := range authors {
		names = append(names, a)
	}
	sort.Strings(names)
	who := strings.Join(names, ", ")
	if who == "" {
		who = lang.L("someone")
	}
	at := localTime(last.At)
	if len(changes) == 1 {
		return fmt.Sprintf(lang.L("Another window or program changed this workspace (%s, %s): %s. What is shown has been read again."), who, at, clipText(last.Summary, 120))
	}
	return fmt.Sprintf(lang.L("Another window or program made %s changes to this workspace (%s, last at %s). What is shown has been read again."), thousands(len(changes)), who, at)
}

// showNotice shows a line above the section, until dismissed or replaced.
func (s *workspaceScreen) showNotice(text string) {
	label := wrapped(text)
	closeIt := widget.NewButtonWithIcon("", theme.CancelIcon(), func() {
		s.notice.Objects = nil
		s.notice.Refresh()
	})
	closeIt.Importance = widget.LowImportance
	s.notice.Objects = []fyne.CanvasObject{container.NewBorder(nil, nil, widget.NewIcon(theme.InfoIcon()), closeIt, label)}
	s.notice.Refresh()
}

// claimWindow claims the workspace for this window; a workspace another
// window shows is said to be so, here and on stderr.
func (u *ui) claimWindow(path string) {
	claim, elsewhere := workspace.ClaimForWindow(path)
	u.claim = claim
	if elsewhere {
		// `cpw FILE` said so on stderr before the window opened.
		dialog.ShowInformation(lang.L("Open in another window"), openElsewhere(path), u.window)
	}
}

// openElsewhere says that a workspace is open in another window, and what
// that means.
func openElsewhere(path string) string {
	return fmt.Sprintf(lang.L("%s is already open in another window. Both can work on it: each shows what the other saves within seconds, and a form saved over a newer change asks which value to keep."), filepath.Base(path))
}

// OpenElsewhere is the sentence `cpw FILE` prints when a window holds FILE
// already, or "" when none does.
func OpenElsewhere(path string) string {
	if path == "" || !workspace.OpenInWindow(path) {
		return ""
	}
	return openElsewhere(path)
}

// chooseOver shows a save refused because another window or program saved
// the record meanwhile: each field that differs with both values, for the
// planner to choose one; then saves the choice and runs after.
func (u *ui) chooseOver(ce *workspace.ConflictError, after func()) {
	message := wrapped(ce.Message)
	problem := widget.NewLabel("")
	problem.Importance = widget.DangerImportance
	problem.Wrapping = fyne.TextWrapWord
	problem.Hide()
	// The values wrap (a note may be long); the choice beside them is short.
	var choices []*widget.RadioGroup
	items := container.NewVBox()
	for _, fc := range ce.Fields {
		g := widget.NewRadioGroup([]string{lang.L("Keep yours"), lang.L("Keep the saved one")}, nil)
		g.Horizontal = true
		choices = append(choices, g)
		items.Add(heading(fc.Label))
		items.Add(wrapped(fmt.Sprintf(lang.L("Yours: %s"), clipText(blankAsWord(fc.Yours), 600))))
		items.Add(wrapped(fmt.Sprintf(lang.L("Saved meanwhile: %s"), clipText(blankAsWord(fc.Saved), 600))))
		items.Add(g)
	}
	var d dialog.Dialog
	cancel := widget.NewButton(lang.L("Cancel"), func() { d.Hide() })
	save := widget.NewButtonWithIcon(lang.L("Save my choices"), theme.ConfirmIcon(), func() {
		keep := map[string]bool{}
		for i, g := range choices {
			if g.Selected == "" {
				problem.SetText(lang.L("Choose a value for each field."))
				problem.Show()
				return
			}
			keep[ce.Fields[i].Field] = g.Selected == g.Options[1]
		}
		err := ce.SaveChoosing(keep)
		var again *workspace.ConflictError
		switch {
		case errors.As(err, &again):
			d.Hide()
			u.chooseOver(again, after) // saved once more meanwhile: choose again
		case err != nil:
			problem.SetText(err.Error())
			problem.Show()
		default:
			d.Hide()
			if after != nil {
				after()
			}
		}
	})
	save.Importance = widget.HighImportance
	body := container.NewBorder(container.NewVBox(message, problem), container.NewCenter(container.NewHBox(cancel, save)), nil, nil,
		container.NewVScroll(items))
	d = dialog.NewCustomWithoutButtons(lang.L("Changed meanwhile"), body, u.window)
	d.Resize(fyne.NewSize(640, min(float32(220+len(ce.Fields)*150), 640)))
	d.Show()
}

func blankAsWord(s string) string {
	if strings.TrimSpace(s) == "" {
		return lang.L("(blank)")
	}
	return s
}
