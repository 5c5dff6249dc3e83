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

// openURL opens a file or folder in the program the computer has for it.
// Tests make it fail, as it does where no such program is installed.
var openURL = func(a fyne.App, u *url.URL) error { return a.OpenURL(u) }

// fileURL is the file:// address of a path.
func fileURL(path string) *url.URL {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // file:///C:/… on Windows
	}
	return &url.URL{Scheme: "file", Path: p}
}

// offerToOpen says a file was written and offers to open it; where no
// program opens it, it says so in words fit for the kind of file.
func (s *workspaceScreen) offerToOpen(title, message, path string) {
	var notOpened string
	switch strings.ToLower(filepath.Ext(path)) {
	case ".pdf":
		notOpened = lang.L("The file was saved as %s, but no program to open PDFs was found on this computer.")
	case ".xlsx":
		notOpened = lang.L("The file was saved as %s, but no program to open Excel workbooks was found on this computer.")
	default:
		notOpened = lang.L("The file was saved as %s, but no program to open it was found on this computer.")
	}
	s.offerToOpenOr(title, message, fmt.Sprintf(notOpened, path), path)
}

// offerToOpenOr says a file was written and offers to open it. Where it
// cannot be opened (no program for the kind of file), it says notOpened, in
// one sentence that names the path, and offers to open its folder or copy
// the path instead; the opener's own error is no help to the user and is
// never shown.
func (s *workspaceScreen) offerToOpenOr(title, message, notOpened, path string) {
	u := s.ui
	open := widget.NewButton(lang.L("Open it"), nil)
	label := widget.NewLabel(message)
	label.Wrapping = fyne.TextWrapWord
	done := dialog.NewCustom(title, lang.L("Close"), container.NewVBox(label, open), u.window)
	open.OnTapped = func() {
		done.Hide()
		if err := openURL(u.app, fileURL(path)); err != nil {
			s.cannotOpen(title, notOpened, path)
		}
	}
	done.Resize(fyne.NewSize(520, 160))
	done.Show()
}

// cannotOpen says a file written cannot be opened here, and offers to open
// its folder or copy its path.
func (s *workspaceScreen) cannotOpen(title, notOpened, path string) {
	u := s.ui
	label := widget.NewLabel(notOpened)
	label.Wrapping = fyne.TextWrapWord
	folder := widget.NewButton(lang.L("Open its folder"), nil)
	copyPath := widget.NewButton(lang.L("Copy the path"), nil)
	d := dialog.NewCustom(title, lang.L("Close"), container.NewVBox(label, container.NewHBox(folder, copyPath)), u.window)
	folder.OnTapped = func() {
		if err := openURL(u.app, fileURL(filepath.Dir(path))); err != nil {
			label.SetText(notOpened + "\n" + lang.L("Its folder cannot be opened either: copy the path and open it in the file manager."))
			folder.Disable()
			return
		}
		d.Hide()
	}
	copyPath.OnTapped = func() {
		u.app.Clipboard().SetContent(path)
		copyPath.SetText(lang.L("Path copied"))
	}
	d.Resize(fyne.NewSize(560, 180))
	d.Show()
}
