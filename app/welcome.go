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
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cpw/workspace"
)

// welcome is the screen shown without an open workspace: create one, open
// one, open the demo, or pick a recent file.
type welcome struct {
	ui      *ui
	content fyne.CanvasObject
	recent  *widget.List
	files   []string
}

func newWelcome(u *ui) *welcome {
	w := &welcome{ui: u, files: u.recent.list()}
	title := widget.NewLabelWithStyle(lang.L("Consortium Planning Workspace"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	about := widget.NewLabel(lang.L("Keep track of the sector consortia of a settlement upgrading initiative, who leads them, every partner, " +
		"the people in each role over time, the community's representatives, resource gaps and meetings."))
	about.Wrapping = fyne.TextWrapWord

	newButton := widget.NewButtonWithIcon(lang.L("New workspace…"), theme.ContentAddIcon(), w.onNew)
	newButton.Importance = widget.HighImportance
	openButton := widget.NewButtonWithIcon(lang.L("Open…"), theme.FolderOpenIcon(), w.onOpen)
	demoButton := widget.NewButtonWithIcon(lang.L("Open the demo"), theme.ComputerIcon(), w.onDemo)

	w.recent = widget.NewList(
		func() int { return len(w.files) },
		func() fyne.CanvasObject {
			name := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			dir := widget.NewLabel("")
			dir.Truncation = fyne.TextTruncateEllipsis
			return container.NewVBox(name, dir)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(filepath.Base(w.files[i]))
			box.Objects[1].(*widget.Label).SetText(filepath.Dir(w.files[i]))
		})
	w.recent.OnSelected = func(i widget.ListItemID) {
		w.recent.UnselectAll()
		u.open(w.files[i])
	}
	recentTitle := widget.NewLabelWithStyle(lang.L("Recent workspaces"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	var recentArea fyne.CanvasObject = w.recent
	if len(w.files) == 0 {
		recentArea = widget.NewLabel(lang.L("Workspaces you open will be listed here."))
	}

	left := container.NewVBox(title, about, widget.NewSeparator(), newButton, openButton, demoButton,
		widget.NewLabel(fmt.Sprintf(lang.L("Version %s"), u.version)))
	w.content = container.NewPadded(container.NewHSplit(
		container.NewPadded(left),
		container.NewBorder(recentTitle, nil, nil, nil, recentArea)))
	return w
}

// onNew asks for the initiative's details and the folder to save it in.
// It chooses a folder rather than a file on purpose: a file save dialog
// would truncate an existing file it is pointed at, and a workspace must
// never be overwritten.
func (w *welcome) onNew() {
	name := widget.NewEntry()
	name.SetPlaceHolder("Mukuru Special Planning Area")
	name.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New(lang.L("the name of the initiative is required"))
		}
		return nil
	}
	settlement := widget.NewEntry()
	settlement.SetPlaceHolder("Mukuru")
	city := widget.NewEntry()
	city.SetPlaceHolder(lang.L("Nairobi City County"))
	fileName := widget.NewEntry()
	fileName.SetPlaceHolder("mukuru" + workspace.Extension)
	name.OnChanged = func(s string) { fileName.SetPlaceHolder(safeFileName(s) + workspace.Extension) }
	folder, folderRow := folderChooser(defaultFolder(), w.ui.window)
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("Name"), name),
		widget.NewFormItem(lang.L("Settlement"), settlement),
		widget.NewFormItem(lang.L("City or county"), city),
		widget.NewFormItem(lang.L("File name"), fileName),
		widget.NewFormItem(lang.L("Save in"), folderRow),
	}
	items[0].HintText = lang.L("The upgrading initiative this workspace is for")
	d := dialog.NewForm(lang.L("New workspace"), lang.L("Create"), lang.L("Cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		file := strings.TrimSpace(fileName.Text)
		if file == "" {
			file = fileName.PlaceHolder
		}
		if !strings.EqualFold(filepath.Ext(file), workspace.Extension) {
			file += workspace.Extension
		}
		path := filepath.Join(folder.Text, file)
		opt := workspace.NewOptions{Name: name.Text, Settlement: settlement.Text, City: city.Text, Language: w.ui.language()}
		w.ui.busy(fmt.Sprintf(lang.L("Creating %s…"), file), func() (func(), error) {
			f, err := workspace.Create(path, opt)
			if err != nil {
				return nil, err
			}
			return func() { w.ui.show(f) }, nil
		})
	}, w.ui.window)
	d.Resize(fyne.NewSize(600, 380))
	d.Show()
}

func (w *welcome) onOpen() { w.ui.onOpen() }

// onDemo opens the demo workspace kept in the program's own storage,
// writing it first if it is not there yet.
func (w *welcome) onDemo() {
	path := filepath.Join(w.ui.app.Storage().RootURI().Path(), "demo.cpw")
	w.ui.busy(lang.L("Preparing the demo workspace…"), func() (func(), error) {
		var f *workspace.File
		var err error
		if workspace.FileExists(path) {
			f, err = workspace.Open(path)
		} else {
			f, err = workspace.CreateDemo(path, workspace.DemoOptions{Scale: workspace.DemoSmall})
		}
		if err != nil {
			return nil, err
		}
		return func() { w.ui.show(f) }, nil
	})
}
