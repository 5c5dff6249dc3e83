package app

import (
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"cpw/place"
	"cpw/workspace"
)

// The window's side of a shared place (a folder or a county server): the
// Sync button, the place in Settings, a sync by itself every few minutes
// while the workspace is open, and a line saying when it last synced or
// why it could not. The sync itself is the place package's.

// syncEvery is how often an open workspace syncs by itself; the first sync
// comes soon after it opens.
const (
	syncEvery      = 5 * time.Minute
	syncFirstAfter = 20 * time.Second
)

// prefAutoSync is the preference (on this computer) for syncing by itself.
const prefAutoSync = "sync.automatic"

// syncState is what the window knows of syncing the open workspace.
type syncState struct {
	// running is set while a sync runs, from the button or by itself: one
	// at a time.
	running atomic.Bool
	stop    func() // stops the syncing by itself
	// failed is the sentence of the last sync by itself that failed, ""
	// when it worked; next is when it tries again.
	failed string
	next   time.Time
}

// autoSyncOn reports whether the window syncs by itself (the default).
func (u *ui) autoSyncOn() bool {
	return u.app.Preferences().BoolWithFallback(prefAutoSync, true)
}

// startAutoSync syncs the open workspace with its place now and then, until
// the window shows another file or closes. Tests leave it off (watchOff)
// and call autoSync.
func (u *ui) startAutoSync() {
	if u.watchOff {
		return
	}
	stop := make(chan struct{})
	u.syncing.stop = func() { close(stop) }
	go func() {
		timer := time.NewTimer(syncFirstAfter)
		defer timer.Stop()
		for {
			select {
			case <-stop:
				return
			case <-timer.C:
				fyne.Do(u.autoSync)
				timer.Reset(syncEvery)
			}
		}
	}()
}

func (u *ui) stopAutoSync() {
	if u.syncing.stop != nil {
		u.syncing.stop()
		u.syncing.stop = nil
	}
	u.syncing.failed = ""
}

// autoSync syncs in the background when the workspace has a place and
// nothing else is going on; conflicts are settled by the newer change, as
// a merge does, and Undo takes the sync back. Nothing pops up: what it did
// shows in the line under the buttons, and as a note when it brought
// changes.
func (u *ui) autoSync() {
	f, s := u.file, u.screen
	if f == nil || s == nil || f.ReadOnly() || !u.autoSyncOn() || u.waiting > 0 {
		return
	}
	where, _, err := f.SyncPlace()
	if err != nil || where == "" {
		return
	}
	if !u.syncing.running.CompareAndSwap(false, true) {
		return
	}
	author := f.Author
	u.background(func() {
		defer u.syncing.running.Store(false)
		report, err := syncOnItsOwn(f.Path(), author, where)
		fyne.Do(func() {
			if u.file != f || u.screen == nil {
				return // closed meanwhile
			}
			u.syncing.failed = ""
			if err != nil {
				u.syncing.failed = err.Error()
				u.syncing.next = time.Now().Add(syncEvery)
			}
			// What the sync wrote is this window's doing, not another
			// program's: the note below says so, not the watch's.
			if mark, err := f.LastChange(); err == nil {
				u.outsideMark = mark
			}
			u.screen.afterSync(report, false)
		})
	})
}

// syncOnItsOwn syncs the workspace at path through a handle of its own, as
// cpw sync in a terminal would: the planner goes on editing in the window
// meanwhile, and each handle's writes wait for the other's.
func syncOnItsOwn(path, author, where string) (place.Report, error) {
	p, err := place.Open(where)
	if err != nil {
		return place.Report{}, err
	}
	g, err := workspace.Open(path)
	if err != nil {
		return place.Report{}, err
	}
	defer g.Close()
	g.Author = author
	return place.Sync(g, p, place.Options{})
}

// onSync syncs with the workspace's place, asking for one the first time.
// Conflicts are shown first, for the planner to settle.
func (s *workspaceScreen) onSync() {
	u := s.ui
	if s.file.ReadOnly() {
		u.showError(errors.New(lang.L("This workspace is open read-only, so it cannot sync: save a copy you can edit and sync that.")))
		return
	}
	where, _, err := s.file.SyncPlace()
	if err != nil {
		u.showError(err)
		return
	}
	if where == "" {
		s.askSyncPlace(func() { s.onSync() })
		return
	}
	if !u.syncing.running.CompareAndSwap(false, true) {
		u.showError(errors.New(lang.L("A sync is already running: its result shows in a moment.")))
		return
	}
	f := s.file
	u.busy(fmt.Sprintf(lang.L("Syncing with %s…"), where), func() (func(), error) {
		p, err := place.Open(where)
		if err != nil {
			u.syncing.running.Store(false)
			return nil, err
		}
		pulls, err := place.Preview(f, p)
		if err != nil {
			u.syncing.running.Store(false)
			return nil, err
		}
		conflicts := 0
		for _, m := range pulls {
			conflicts += len(m.Conflicts)
		}
		if conflicts > 0 {
			u.syncing.running.Store(false)
			return func() { s.showSyncPreview(p, pulls) }, nil
		}
		report, err := place.Sync(f, p, place.Options{})
		u.syncing.running.Store(false)
		if err != nil {
			return nil, err
		}
		return func() { s.afterSync(report, true) }, nil
	})
}

// showSyncPreview shows what the sync would pull, with the conflicts to
// settle, before syncing.
func (s *workspaceScreen) showSyncPreview(p place.Place, pulls []workspace.MergeReport) {
	u := s.ui
	box := container.NewVBox()
	var conflicts []workspace.MergeConflict
	for _, m := range pulls {
		summary := widget.NewLabelWithStyle(m.Summary(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		summary.Wrapping = fyne.TextWrapWord
		box.Add(summary)
		conflicts = append(conflicts, m.Conflicts...)
	}
	choices := addConflictChoices(box, conflicts)
	var dlg dialog.Dialog
	syncButton := widget.NewButton(lang.L("Sync"), func() {
		dlg.Hide()
		choose := chosenSides(choices)
		if !u.syncing.running.CompareAndSwap(false, true) {
			u.showError(errors.New(lang.L("A sync is already running: its result shows in a moment.")))
			return
		}
		f := s.file
		u.busy(fmt.Sprintf(lang.L("Syncing with %s…"), p.String()), func() (func(), error) {
			defer u.syncing.running.Store(false)
			report, err := place.Sync(f, p, place.Options{Choose: choose})
			if err != nil {
				return nil, err
			}
			return func() { s.afterSync(report, true) }, nil
		})
	})
	syncButton.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("Cancel"), func() { dlg.Hide() })
	content := container.NewBorder(nil, container.NewHBox(cancel, syncButton), nil, nil, container.NewVScroll(box))
	dlg = dialog.NewCustomWithoutButtons(fmt.Sprintf(lang.L("Sync with %s"), p.String()), content, u.window)
	dlg.Resize(fyne.NewSize(820, 620))
	dlg.Show()
}

// afterSync shows the workspace as the sync left it. Asked for, the sync
// says what it did in a dialog; by itself, in a note when it brought
// changes, and always in the line under the buttons.
func (s *workspaceScreen) afterSync(r place.Report, asked bool) {
	pulled := false
	var lines []string
	for _, m := range r.Pulled {
		if !m.Nothing() {
			pulled = true
			lines = append(lines, fmt.Sprintf(lang.L("Pulled: %s"), m.Summary()))
		}
	}
	if r.Pushed {
		lines = append(lines, lang.L("Pushed this copy's changes."))
	}
	if pulled {
		s.changed()
	}
	s.showSyncLine()
	switch {
	case asked && len(lines) == 0:
		dialog.ShowInformation(lang.L("Synced"), fmt.Sprintf(lang.L("Already in step with %s: nothing to pull or push."), r.Place), s.ui.window)
	case asked:
		dialog.ShowInformation(lang.L("Synced"), strings.Join(lines, "\n")+"\n"+lang.L("Undo takes a sync back, as it does a merge."), s.ui.window)
	case pulled:
		s.showNotice(fmt.Sprintf(lang.L("Synced with %s by itself: %s Undo takes it back."), r.Place, strings.Join(lines, " ")))
	}
}

// showSyncLine says under the buttons where the workspace is shared and
// when it last synced, or why the last sync by itself failed; nothing when
// it has no place.
func (s *workspaceScreen) showSyncLine() {
	where, last, err := s.file.SyncPlace()
	if err != nil || where == "" {
		s.syncLine.Hide()
		return
	}
	text := fmt.Sprintf(lang.L("Shared through %s: not synced yet."), where)
	if last != "" {
		text = fmt.Sprintf(lang.L("Shared through %s: last synced %s."), where, localTime(last))
	}
	if failed := s.ui.syncing.failed; failed != "" {
		text = failed + " " + fmt.Sprintf(lang.L("The workspace keeps working; the next try is at %s."), s.ui.syncing.next.Format("15:04"))
	}
	s.syncLine.SetText(text)
	s.syncLine.Show()
}

// askSyncPlace asks for the folder or server the workspace is shared
// through, remembers it, then calls then.
func (s *workspaceScreen) askSyncPlace(then func()) {
	u := s.ui
	current, _, _ := s.file.SyncPlace()
	entry := widget.NewEntry()
	entry.SetText(current)
	entry.SetPlaceHolder(lang.L("A folder, or a postgres:// address"))
	choose := widget.NewButton(lang.L("Choose a folder…"), func() {
		d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
			if err == nil && dir != nil {
				entry.SetText(dir.Path())
			}
		}, u.window)
		d.Show()
	})
	explain := wrapped(lang.L("A network share, a USB stick or a folder OneDrive, Google Drive, Dropbox or Nextcloud keeps in step; or the county's server, as postgres://user@server/database?schema=NAME. A server's password goes in PGPASSWORD or a PGPASSFILE, never here."))
	form := widget.NewForm(widget.NewFormItem(lang.L("Shared place"), container.NewBorder(nil, nil, nil, choose, entry)))
	d := dialog.NewCustomConfirm(lang.L("Sync with a shared place"), lang.L("Save"), lang.L("Cancel"), container.NewVBox(explain, form), func(ok bool) {
		where := strings.TrimSpace(entry.Text)
		if !ok || where == "" {
			return
		}
		p, err := place.Open(where)
		if err != nil {
			u.showError(err)
			return
		}
		if err := s.file.SetSyncPlace(p.String()); err != nil {
			u.showError(err)
			return
		}
		u.syncing.failed = ""
		s.showSyncLine()
		if then != nil {
			then()
		}
	}, u.window)
	d.Resize(fyne.NewSize(720, 0))
	d.Show()
	u.window.Canvas().Focus(entry)
}
