package app

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"cpw/workspace"
)

// defaultFolder is where new workspaces are saved unless the user picks
// another folder: Documents when there is one, else the home folder.
func defaultFolder() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return "."
	}
	if docs := filepath.Join(home, "Documents"); workspace.FileExists(docs) {
		return docs
	}
	return home
}

// safeFileName turns a workspace name into a file name without characters
// that some systems refuse.
func safeFileName(name string) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`<>:"/\|?*`, r) || r < 32 {
			return '-'
		}
		return r
	}, strings.TrimSpace(name))
	if name == "" {
		return "workspace"
	}
	return name
}

// thousands writes a count with thousands separators.
// saveAs runs then with the file a save dialog's folder and name give,
// ext added when the name lacks it, after asking before replacing a file.
func (u *ui) saveAs(folder, name, ext string, then func(path string)) {
	name = strings.TrimSpace(name)
	if !strings.EqualFold(filepath.Ext(name), ext) {
		name += ext
	}
	path := filepath.Join(folder, name)
	if workspace.FileExists(path) {
		dialog.ShowConfirm(lang.L("Replace the file?"), fmt.Sprintf(lang.L("%s already exists in this folder. Replace it?"), name), func(yes bool) {
			if yes {
				then(path)
			}
		}, u.window)
		return
	}
	then(path)
}

func thousands(n int) string { return workspace.Thousands(int64(n)) }

// byCount words a count with the text for one or the text for many (a
// format for the number), which each language orders its own way: "1
// warning", "3 warnings", "maonyo 3".
func byCount(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return fmt.Sprintf(many, thousands(n))
}

// folderChooser is a form row showing a folder, starting at start, with a
// button to choose another. It chooses a folder, not a file, on purpose: a
// file save dialog truncates an existing file it is pointed at before the
// program could refuse to overwrite it.
func folderChooser(start string, w fyne.Window) (*widget.Label, fyne.CanvasObject) {
	folder := widget.NewLabel(start)
	folder.Truncation = fyne.TextTruncateEllipsis
	choose := widget.NewButton(lang.L("Choose…"), func() {
		d := dialog.NewFolderOpen(func(uri fyne.ListableURI, err error) {
			if err == nil && uri != nil {
				folder.SetText(uri.Path())
			}
		}, w)
		if l, err := storage.ListerForURI(storage.NewFileURI(folder.Text)); err == nil {
			d.SetLocation(l)
		}
		d.Show()
	})
	return folder, container.NewBorder(nil, nil, nil, choose, folder)
}

// folderOf is the folder a file is in, as a full path: a workspace opened
// from the command line by a bare name still offers its real folder.
func folderOf(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	return filepath.Dir(path)
}

// chooseFile shows the file open dialog for files ending in ext, starting in
// folder, and hands the chosen path to then.
func chooseFile(u *ui, folder, ext string, then func(path string)) {
	open := dialog.NewFileOpen(func(uc fyne.URIReadCloser, err error) {
		if err != nil {
			u.showError(err)
			return
		}
		if uc == nil {
			return
		}
		path := uc.URI().Path()
		uc.Close()
		then(path)
	}, u.window)
	open.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	if l, err := storage.ListerForURI(storage.NewFileURI(folder)); err == nil {
		open.SetLocation(l)
	}
	open.Show()
}

// offerToOpen says a file was written and offers to open it.
func (s *workspaceScreen) offerToOpen(title, message, path string) {
	u := s.ui
	open := widget.NewButton(lang.L("Open it"), nil)
	label := widget.NewLabel(message)
	label.Wrapping = fyne.TextWrapWord
	done := dialog.NewCustom(title, lang.L("Close"), container.NewVBox(label, open), u.window)
	open.OnTapped = func() {
		done.Hide()
		p := filepath.ToSlash(path)
		if !strings.HasPrefix(p, "/") {
			p = "/" + p // file:///C:/… on Windows
		}
		if err := u.app.OpenURL(&url.URL{Scheme: "file", Path: p}); err != nil {
			u.showError(err)
		}
	}
	done.Resize(fyne.NewSize(520, 160))
	done.Show()
}
