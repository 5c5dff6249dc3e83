package app

import (
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"cpw/workspace"
)

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
	fileName.SetText(fmt.Sprintf(lang.L("%s copy"), base) + workspace.Extension)
	folder, folderRow := folderChooser(folderOf(f.Path()), u.window)
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("File name"), fileName),
		widget.NewFormItem(lang.L("Save in"), folderRow),
	}
	d := dialog.NewForm(lang.L("Save a copy"), lang.L("Save"), lang.L("Cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		name := strings.TrimSpace(fileName.Text)
		if !strings.EqualFold(filepath.Ext(name), workspace.Extension) {
			name += workspace.Extension
		}
		path := filepath.Join(folder.Text, name)
		u.busy(lang.L("Saving a copy…"), func() (func(), error) {
			if err := f.SaveCopy(path); err != nil {
				return nil, err
			}
			return func() {
				dialog.ShowInformation(lang.L("Copy saved"), fmt.Sprintf(lang.L("A copy was saved as %s.\nIt can be sent to another lead as it is."), path), u.window)
			}, nil
		})
	}, u.window)
	d.Resize(fyne.NewSize(560, 220))
	d.Show()
}
