package app

import (
	"errors"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cpw/workspace"
)

// errorDialog shows an error in one dialog. The program's own messages
// (workspace.Error, which the workspace, the import and the briefs return)
// are shown as written: Fyne's error dialog would capitalise them, and one
// that starts with a file name would read "Notes.cpw already exists" for
// the notes.cpw the user typed. Any other error (the system's) is given
// its capital as Fyne gives it.
func errorDialog(err error, parent fyne.Window) dialog.Dialog {
	text := err.Error()
	var own *workspace.Error
	if !errors.As(err, &own) {
		if r, size := utf8.DecodeRuneInString(text); r != utf8.RuneError {
			text = string(unicode.ToUpper(r)) + text[size:]
		}
	}
	icon := widget.NewIcon(theme.ErrorIcon())
	d := dialog.NewCustom(lang.L("Error"), lang.L("OK"), container.NewBorder(nil, nil, container.NewVBox(icon), nil, wrapped(text)), parent)
	d.Resize(fyne.NewSize(480, 0))
	return d
}
