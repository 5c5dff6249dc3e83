package app

import (
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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
	choices := leaveOutChoices()
	leaveOut := widget.NewSelect(choices, nil)
	leaveOut.SetSelectedIndex(0)
	leaveOutItem := widget.NewFormItem(lang.L("Leave out"), leaveOut)
	leaveOutItem.HintText = lang.L("What the people you send it to need not see")
	forWhom := widget.NewEntry()
	forWhom.SetPlaceHolder(lang.L("For example KPLC Nairobi"))
	forItem := widget.NewFormItem(lang.L("For"), forWhom)
	forItem.HintText = lang.L("Recorded with the copy, in Settings › Copies made")
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("File name"), fileName),
		widget.NewFormItem(lang.L("Save in"), folderRow),
		leaveOutItem,
		forItem,
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
		opt := workspace.CopyOptions{LeaveOut: leaveOutCodes[leaveOut.SelectedIndex()], For: forWhom.Text}
		u.busy(lang.L("Saving a copy…"), func() (func(), error) {
			if err := f.SaveCopyFor(path, opt); err != nil {
				return nil, err
			}
			return func() {
				text := fmt.Sprintf(lang.L("A copy was saved as %s.\nIt can be sent to another lead as it is."), path)
				if opt.LeaveOut != workspace.LeaveOutNothing {
					text = fmt.Sprintf(lang.L("A copy without %s was saved as %s. Merged back or synced, it leaves the contacts of this workspace as they are."), workspace.Label(workspace.LeftOutChoices, opt.LeaveOut), path)
				}
				dialog.ShowInformation(lang.L("Copy saved"), text, u.window)
			}, nil
		})
	}, u.window)
	d.Resize(fyne.NewSize(620, 380))
	d.Show()
}

// leaveOutCodes are the workspace's names of the choices leaveOutChoices
// offers, in the same order.
var leaveOutCodes = []string{workspace.LeaveOutNothing, workspace.LeaveOutContacts, workspace.LeaveOutSensitive}

func leaveOutChoices() []string {
	return []string{lang.L("Nothing: a whole copy"), lang.L("Phone numbers and e-mail addresses"), lang.L("Contacts, gender and age band")}
}

// onCopiesMade lists the copies the workspace made: when, by whom, for
// whom, and what each left out.
func (u *ui) onCopiesMade() {
	made, err := u.file.CopiesMade()
	if err != nil {
		u.showError(err)
		return
	}
	box := container.NewVBox()
	if len(made) == 0 {
		box.Add(wrapped(lang.L("This workspace has made no copies yet. Save a copy… records each one here.")))
	}
	for _, c := range made {
		who := c.MadeBy
		if who == "" {
			who = lang.L("someone")
		}
		title := widget.NewLabelWithStyle(c.FileName, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		line := fmt.Sprintf(lang.L("%s, by %s"), localTime(c.MadeAt), who)
		if c.MadeFor != "" {
			line += " · " + fmt.Sprintf(lang.L("for %s"), c.MadeFor)
		}
		if c.LeftOut != workspace.LeaveOutNothing {
			line += " · " + fmt.Sprintf(lang.L("without %s"), workspace.Label(workspace.LeftOutChoices, c.LeftOut))
		}
		box.Add(container.NewVBox(title, wrapped(line)))
	}
	d := dialog.NewCustom(lang.L("Copies made"), lang.L("Close"), container.NewVScroll(box), u.window)
	d.Resize(fyne.NewSize(640, 460))
	d.Show()
}
