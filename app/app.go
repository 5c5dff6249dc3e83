package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"cpw/assets"
	"cpw/workspace"
)

// AppID is the program's stable application id; preferences are kept under it.
const AppID = "org.cpw.planningworkspace"

const (
	prefWidth  = "window.width"
	prefHeight = "window.height"
)

// Run opens the window: on the workspace at path, or on the welcome screen
// when path is empty. It returns when the window is closed.
func Run(path, version string) {
	// What FyneApp.toml says, built in: a binary run from another folder
	// than its source would otherwise miss it, and with it fyneDo, which
	// spares every widget call a check of the goroutine it runs on.
	fyneapp.SetMetadata(fyne.AppMetadata{ID: AppID, Name: "Consortium Planning Workspace", Version: version, Build: 1,
		Migrations: map[string]bool{"fyneDo": true}})
	a := fyneapp.NewWithID(AppID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	if os.Getenv("GOMEMLIMIT") == "" {
		// Go lets its heap grow to twice what is live before collecting:
		// on the mukuru demo an export, a merge or an import would take the
		// window to 450 MB. The limit makes it collect sooner when that
		// much is reached, at a cost in speed too small to measure.
		debug.SetMemoryLimit(memoryLimit)
	}
	if os.Getenv("GOGC") == "" {
		// Collect when the heap has grown by half what is live, not by as
		// much again: at rest after browsing every section the window then
		// holds 235 MB instead of 259 on the mukuru demo, and the filter
		// and the import stay within their targets (make bench).
		debug.SetGCPercent(50)
	}
	ui := newUI(a, version)
	ui.benchSteps()
	ui.window.Show()
	if path != "" {
		ui.open(path)
	}
	a.Run()
}

// memoryLimit is the Go memory the window aims to stay under (see Run).
const memoryLimit = 256 << 20

// giveBackMemory hands what a long job held back to the system once its
// result is shown; Go would otherwise keep it for a next job that may
// never come.
func giveBackMemory() { go debug.FreeOSMemory() }

// ui is the one main window and what it shows.
type ui struct {
	app     fyne.App
	window  fyne.Window
	version string
	file    *workspace.File  // the open workspace, nil on the welcome screen
	welcome *welcome         // the welcome screen, while it is shown
	screen  *workspaceScreen // the open workspace's screen
	// now tells the day the checks are run for; tests fix it.
	now func() time.Time
	// background starts slow work off the UI thread; tests run it in line.
	background func(func())
	recent     *recentFiles
	// waiting counts the "please wait" dialogs shown: Esc leaves them be,
	// since the work they wait for goes on.
	waiting int
	// accountName is the open workspace's author before Settings named it.
	accountName string
	// claim is this window's hold on the open workspace (outside.go).
	claim *workspace.WindowClaim
	// outsideMark is how far the window has read the change log for what
	// others wrote; looking is set while it reads; stopWatch stops the
	// reading every few seconds, which tests leave off (watchOff).
	outsideMark workspace.ChangeMark
	looking     bool
	stopWatch   func()
	watchOff    bool
	// undo is what the Edit menu's Undo and Redo would do (undo.go).
	undo undoState
	// syncing is what the window knows of syncing with a shared place
	// (sync.go).
	syncing syncState
}

func newUI(a fyne.App, version string) *ui {
	u := &ui{app: a, version: version, recent: &recentFiles{prefs: a.Preferences()}, background: func(f func()) { go f() }, now: time.Now}
	useLanguage(u.language())
	u.window = a.NewWindow(lang.L("Consortium Planning Workspace"))
	p := a.Preferences()
	u.window.Resize(fyne.NewSize(float32(p.FloatWithFallback(prefWidth, 1160)), float32(p.FloatWithFallback(prefHeight, 720))))
	u.window.SetCloseIntercept(func() {
		s := u.window.Canvas().Size()
		p.SetFloat(prefWidth, float64(s.Width))
		p.SetFloat(prefHeight, float64(s.Height))
		u.closeFile()
		u.window.Close()
	})
	u.showWelcome()
	u.addShortcuts()
	u.setMenu()
	return u
}

// onOpen asks for a workspace file to open (Ctrl+O).
func (u *ui) onOpen() {
	folder := defaultFolder()
	if u.file != nil {
		folder = folderOf(u.file.Path())
	}
	chooseFile(u, folder, workspace.Extension, u.open)
}

// addShortcuts: Ctrl+N a new record of the list shown, Ctrl+F its filter,
// Ctrl+O open a workspace, Esc close a dialog. (Enter and Delete act on the
// row chosen in a list: its table handles them.)
func (u *ui) addShortcuts() {
	c := u.window.Canvas()
	for _, key := range []fyne.KeyName{fyne.KeyF, fyne.KeyN, fyne.KeyO} {
		sc := &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
		c.AddShortcut(sc, func(fyne.Shortcut) { u.windowShortcut(sc) })
	}
	c.SetOnTypedKey(func(e *fyne.KeyEvent) {
		if e.Name == fyne.KeyEscape && u.waiting == 0 {
			if top := c.Overlays().Top(); top != nil {
				top.Hide()
			}
		}
	})
}

// windowShortcut does what a window shortcut asks, and reports whether it
// was one.
func (u *ui) windowShortcut(sc *desktop.CustomShortcut) bool {
	if sc.Modifier != fyne.KeyModifierShortcutDefault {
		return false
	}
	c := u.window.Canvas()
	dialogShown := len(c.Overlays().List()) > 0
	var l lister
	if u.screen != nil && !dialogShown {
		l = u.screen.lists[u.screen.current]
	}
	switch sc.KeyName {
	case fyne.KeyF:
		if l != nil {
			l.focusFilter(u.window)
		}
	case fyne.KeyN:
		if l != nil {
			l.newItem()
		}
	case fyne.KeyO:
		if !dialogShown {
			u.onOpen()
		}
	default:
		return false
	}
	return true
}

func (u *ui) closeFile() {
	u.screen = nil
	if u.stopWatch != nil {
		u.stopWatch()
		u.stopWatch = nil
	}
	u.stopAutoSync()
	u.claim.Release()
	u.claim = nil
	if u.file != nil {
		u.file.Close()
		u.file = nil
	}
}

func (u *ui) showWelcome() {
	u.closeFile()
	u.window.SetTitle(lang.L("Consortium Planning Workspace"))
	u.welcome = newWelcome(u)
	u.window.SetContent(u.welcome.content)
	u.updateUndo()
}

// open opens the workspace at path off the UI thread, then shows it. A file
// that is refused gets a dialog with the reason; the welcome screen stays.
func (u *ui) open(path string) {
	u.busy(fmt.Sprintf(lang.L("Opening %s…"), filepath.Base(path)), func() (func(), error) {
		f, err := workspace.Open(path)
		if workspace.Code(err) == workspace.ErrNotFound {
			fyne.Do(func() { u.recent.remove(path) }) // it was moved or deleted: stop offering it
		}
		if err != nil {
			return nil, err
		}
		return func() { u.show(f) }, nil
	})
}

// show replaces the window's content with the open workspace.
func (u *ui) show(f *workspace.File) {
	u.closeFile()
	u.file = f
	u.accountName = f.Author
	f.Author = u.authorName(f.Author)
	u.recent.add(f.Path())
	screen, name, err := newWorkspaceScreen(u, f)
	if err != nil {
		u.closeFile()
		u.showError(err)
		u.showWelcome()
		return
	}
	u.setTitle(name)
	u.window.SetContent(screen.content)
	u.welcome, u.screen = nil, screen
	u.claimWindow(f.Path())
	u.watch(f)
	u.startAutoSync()
	u.updateUndo()
	if f.ReadOnly() {
		dialog.ShowInformation(lang.L("Opened read-only"),
			lang.L("You may not write to this file, so it is open read-only: you can read everything but change nothing.\nUse Save a copy to make a copy you can edit."), u.window)
	}
}

// setTitle names the open workspace and its file in the window's title.
func (u *ui) setTitle(name string) {
	file := filepath.Base(u.file.Path())
	if u.file.ReadOnly() {
		u.window.SetTitle(fmt.Sprintf(lang.L("%s — %s (read-only)"), name, file))
		return
	}
	u.window.SetTitle(fmt.Sprintf("%s — %s", name, file))
}

// reload shows the open workspace again after it changed underneath the
// screen (a merge), keeping the file open.
func (u *ui) reload() {
	if u.file == nil {
		return
	}
	screen, name, err := newWorkspaceScreen(u, u.file)
	if err != nil {
		u.showError(err)
		return
	}
	u.screen = screen
	u.setTitle(name) // in the language now chosen, after Settings
	u.window.SetContent(screen.content)
}

// busy runs work off the UI thread behind a small progress dialog; the
// function it returns (if any) runs on the UI thread afterwards.
func (u *ui) busy(message string, work func() (func(), error)) {
	bar := widget.NewProgressBarInfinite()
	d := dialog.NewCustomWithoutButtons(lang.L("Please wait"), container.NewVBox(widget.NewLabel(message), bar), u.window)
	d.Show()
	u.waiting++
	u.background(func() {
		then, err := work()
		fyne.Do(func() {
			u.waiting--
			d.Hide()
			bar.Stop()
			defer giveBackMemory()
			if err != nil {
				u.showError(err)
				return
			}
			if then != nil {
				then()
			}
		})
	})
}

func (u *ui) showError(err error) {
	var ce *workspace.ConflictError
	if errors.As(err, &ce) && u.screen != nil {
		u.chooseOver(ce, u.screen.changed)
		return
	}
	errorDialog(err, u.window).Show()
}
