package app

import (
	"bytes"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"cpw/reports"
)

// failToOpen makes opening files and folders fail as it does where no
// program for them is installed, and records what was to be opened.
func failToOpen(t *testing.T, fail func(u *url.URL) bool) *[]string {
	t.Helper()
	var asked []string
	saved := openURL
	openURL = func(_ fyne.App, u *url.URL) error {
		asked = append(asked, u.Path)
		if fail(u) {
			return errors.New(`exec: "xdg-open": executable file not found in $PATH`)
		}
		return nil
	}
	t.Cleanup(func() { openURL = saved })
	return &asked
}

// A brief written where no program opens PDFs: the window says in one
// sentence where it was saved and that nothing here opens PDFs, never the
// opener's error, and offers to open its folder or copy its path.
func TestBriefWrittenWithNoPDFViewer(t *testing.T) {
	u, path := openDemo(t)
	asked := failToOpen(t, func(u *url.URL) bool { return strings.HasSuffix(u.Path, ".pdf") })
	out := filepath.Join(filepath.Dir(path), "wse.pdf")
	u.screen.writeBrief(out, reports.Options{Consortium: "WSE", Date: demoDay})
	b, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("no brief written: %v", err)
	}
	tap(t, top(t, u), "Open it")
	dlg := top(t, u)
	shown := allText(dlg)
	want := "The brief was saved as " + out + ", but no program to open PDFs was found on this computer."
	if !strings.Contains(shown, want) {
		t.Errorf("the window does not say %q:\n%s", want, shown)
	}
	for _, raw := range []string{"xdg-open", "exec", "$PATH"} {
		if strings.Contains(shown, raw) {
			t.Errorf("the window shows the opener's error (%q):\n%s", raw, shown)
		}
	}

	tap(t, dlg, "Copy the path")
	if got := u.app.Clipboard().Content(); got != out {
		t.Errorf("the clipboard holds %q, not the brief's path", got)
	}
	tap(t, dlg, "Open its folder")
	if len(*asked) != 2 || (*asked)[0] != filepath.ToSlash(out) || (*asked)[1] != filepath.ToSlash(filepath.Dir(out)) {
		t.Errorf("opened %v, not the brief and then its folder", *asked)
	}
	if o := u.window.Canvas().Overlays().Top(); o != nil {
		t.Errorf("the folder was opened, yet the dialog stays: %v", texts(o))
	}
	if b2, _ := os.ReadFile(out); !bytes.Equal(b, b2) {
		t.Error("the brief changed")
	}
}

// Where neither the file nor its folder can be opened, the window says so
// in words and still offers the path to copy.
func TestWorkbookWrittenWithNothingToOpenIt(t *testing.T) {
	u, path := openDemo(t)
	failToOpen(t, func(*url.URL) bool { return true })
	out := filepath.Join(filepath.Dir(path), "export.xlsx")
	u.screen.offerToOpen("Exported", "The workspace was exported to "+out+".", out)
	tap(t, top(t, u), "Open it")
	dlg := top(t, u)
	tap(t, dlg, "Open its folder")
	shown := allText(dlg)
	for _, want := range []string{
		"The file was saved as " + out + ", but no program to open Excel workbooks was found on this computer.",
		"Its folder cannot be opened either: copy the path and open it in the file manager.",
		"Copy the path",
	} {
		if !strings.Contains(shown, want) {
			t.Errorf("the window does not say %q:\n%s", want, shown)
		}
	}
	if strings.Contains(shown, "xdg-open") {
		t.Errorf("the window shows the opener's error:\n%s", shown)
	}
}
