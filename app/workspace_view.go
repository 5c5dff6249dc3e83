package app

import (
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cpw/workspace"
)

// newWorkspaceView shows an open workspace: its details, what it holds and
// its consortia, with actions to save a copy or close it. It returns the
// workspace's name for the window title.
func newWorkspaceView(u *ui, f *workspace.File) (fyne.CanvasObject, string, error) {
	in, err := f.Initiative()
	if err != nil {
		return nil, "", err
	}
	counts, err := f.Counts()
	if err != nil {
		return nil, "", err
	}
	consortia, err := f.Consortia()
	if err != nil {
		return nil, "", err
	}

	title := widget.NewLabelWithStyle(in.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	title.Truncation = fyne.TextTruncateEllipsis
	place := widget.NewLabel(in.Place())
	header := container.NewVBox(title, place)
	if in.Vision != "" {
		vision := widget.NewLabel(in.Vision)
		vision.Wrapping = fyne.TextWrapWord
		header.Add(vision)
	}
	if f.ReadOnly() {
		header.Add(widget.NewLabelWithStyle("Read-only: this file cannot be changed. Save a copy to edit it.", fyne.TextAlignLeading, fyne.TextStyle{Italic: true}))
	}

	figures := container.NewGridWithColumns(4)
	for _, c := range []struct {
		label string
		n     int
	}{{"Organisations", counts.Organisations}, {"People", counts.People}, {"Consortia", counts.Consortia},
		{"Roles in the catalogue", counts.Roles}, {"Role assignments", counts.Assignments}, {"Resource gaps", counts.Gaps},
		{"Meetings", counts.Meetings}, {"Community units", counts.Units}} {
		n := widget.NewLabelWithStyle(thousands(c.n), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		n.SizeName = theme.SizeNameSubHeadingText
		figures.Add(widget.NewCard("", "", container.NewVBox(n, widget.NewLabel(c.label))))
	}

	table := widget.NewTable(
		func() (int, int) { return len(consortia) + 1, 3 },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.TextStyle.Bold = id.Row == 0
			if id.Row == 0 {
				l.SetText([]string{"Code", "Consortium", "Status"}[id.Col])
				return
			}
			c := consortia[id.Row-1]
			l.SetText([]string{c.Code, c.Name, workspace.Label(workspace.ConsortiumStatuses, c.Status)}[id.Col])
		})
	table.SetColumnWidth(0, 90)
	table.SetColumnWidth(1, 560)
	table.SetColumnWidth(2, 220)
	table.StickyRowCount = 1

	saveCopy := widget.NewButtonWithIcon("Save a copy…", theme.DocumentSaveIcon(), func() { u.onSaveCopy() })
	closeButton := widget.NewButtonWithIcon("Close workspace", theme.LogoutIcon(), u.showWelcome)
	bar := container.NewHBox(saveCopy, closeButton)

	consortiaTitle := widget.NewLabelWithStyle(fmt.Sprintf("Consortia (%d)", len(consortia)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	top := container.NewVBox(bar, header, figures, consortiaTitle)
	return container.NewPadded(container.NewBorder(top, nil, nil, nil, table)), in.Name, nil
}

// onSaveCopy writes a consistent copy of the open workspace for sharing. It
// asks for a folder and a name rather than using a file save dialog, which
// would truncate an existing file before the program could refuse it.
func (u *ui) onSaveCopy() {
	f := u.file
	if f == nil {
		return
	}
	base := strings.TrimSuffix(filepath.Base(f.Path()), filepath.Ext(f.Path()))
	fileName := widget.NewEntry()
	fileName.SetText(base + " copy" + workspace.Extension)
	folder := widget.NewLabel(filepath.Dir(f.Path()))
	folder.Truncation = fyne.TextTruncateEllipsis
	choose := widget.NewButton("Choose…", func() {
		d := dialog.NewFolderOpen(func(uri fyne.ListableURI, err error) {
			if err == nil && uri != nil {
				folder.SetText(uri.Path())
			}
		}, u.window)
		if l, err := storage.ListerForURI(storage.NewFileURI(folder.Text)); err == nil {
			d.SetLocation(l)
		}
		d.Show()
	})
	items := []*widget.FormItem{
		widget.NewFormItem("File name", fileName),
		widget.NewFormItem("Save in", container.NewBorder(nil, nil, nil, choose, folder)),
	}
	d := dialog.NewForm("Save a copy", "Save", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		name := strings.TrimSpace(fileName.Text)
		if !strings.EqualFold(filepath.Ext(name), workspace.Extension) {
			name += workspace.Extension
		}
		path := filepath.Join(folder.Text, name)
		u.busy("Saving a copy…", func() (func(), error) {
			if err := f.SaveCopy(path); err != nil {
				return nil, err
			}
			return func() {
				dialog.ShowInformation("Copy saved", "A copy was saved as "+path+".\nIt can be sent to another lead as it is.", u.window)
			}, nil
		})
	}, u.window)
	d.Resize(fyne.NewSize(560, 220))
	d.Show()
}
