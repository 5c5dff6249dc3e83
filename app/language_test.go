package app

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"cpw/translate"
	"cpw/workspace"
)

// Choosing Kiswahili in Settings turns the open window, and the workspace's
// own words in it, into Swahili at once; choosing the system's language
// again turns them back.
func TestLanguageChosenInSettings(t *testing.T) {
	u, _ := openDemo(t)
	t.Cleanup(func() { useLanguage("en") })
	sw := translate.For("sw")
	choose := func(language string) {
		t.Helper()
		u.onSettings()
		dlg := top(t, u)
		sel, ok := formField(t, dlg, lang.L("Language")).(*widget.Select)
		if !ok {
			t.Fatal("the language is not a select")
		}
		sel.SetSelected(language)
		if sel.Selected != language {
			t.Fatalf("no language %q among %v", language, sel.Options)
		}
		tap(t, dlg, lang.L("Save"))
	}

	u.screen.show(secPeople)
	choose("Kiswahili")
	if u.screen.current != secPeople {
		t.Errorf("after choosing a language the window shows %q, not the people it showed", u.screen.current)
	}
	if got := u.app.Preferences().String(prefLanguage); got != "sw" {
		t.Fatalf("the preference is %q", got)
	}
	shown := allText(u.window.Content())
	for _, en := range []string{"Import Excel…", "Export Excel…", "Settings…"} {
		if want := sw(en); want == en || !strings.Contains(shown, want) {
			t.Errorf("the window does not show %q for %q:\n%s", want, en, shown)
		}
		if strings.Contains(shown, en) {
			t.Errorf("the window still shows %q", en)
		}
	}
	if got, want := workspace.Label(workspace.OrganisationKinds, "ngo"), sw("CSO / NGO"); got != want {
		t.Errorf("a choice of the workspace reads %q, want %q", got, want)
	}
	// Names users gave records are never translated: the roles of this
	// English workspace keep their names in a drop-down of the Swahili window.
	u.screen.editGap(workspace.ResourceGap{})
	roles, ok := formField(t, top(t, u), lang.L("Role")).(*choiceSelect)
	if !ok || !strings.Contains(strings.Join(roles.Options, "|"), "Community organiser") {
		t.Errorf("the gap form offers the roles as %v", roles.Options)
	}
	roles.SetSelected("Community organiser")
	if r, _ := u.file.RoleByKey(workspace.RoleCommunityOrganiser); roles.key() != r.ID {
		t.Errorf("the role chosen reads back as %q", roles.key())
	}
	top(t, u).Hide()
	_, err := u.file.CreateOrganisation(workspace.Organisation{})
	if err == nil || !strings.Contains(err.Error(), sw("Name")) {
		t.Errorf("a validation message in Swahili names the field %q: %v", sw("Name"), err)
	}

	choose(fmt.Sprintf(lang.L("As the system (%s)"), "English"))
	if got := u.app.Preferences().String(prefLanguage); got != "" {
		t.Fatalf("back to the system, the preference is %q", got)
	}
	if shown := allText(u.window.Content()); !strings.Contains(shown, "Import Excel…") {
		t.Errorf("back to the system's English, the window shows:\n%s", shown)
	}
	if got := workspace.Label(workspace.OrganisationKinds, "ngo"); got != "CSO / NGO" {
		t.Errorf("back in English a choice reads %q", got)
	}
}
