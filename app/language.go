package app

import (
	"fmt"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"cpw/assets"
	"cpw/translate"
	"cpw/workspace"
)

// prefLanguage is the preference holding the language the user chose in
// Settings; empty means the system's.
const prefLanguage = "language"

var registerOnce sync.Once

// register hands the translation files to Fyne's lang package, once.
func register() {
	registerOnce.Do(func() {
		if err := lang.AddTranslationsFS(assets.Translations, "translations"); err != nil {
			fyne.LogError("Loading the translations", err)
		}
	})
}

// systemLanguage is the shipped language closest to the system's, as Fyne's
// lang package picks it.
func systemLanguage() string {
	register()
	code := lang.SystemLocale().LanguageString()
	if len(code) > 2 {
		code = code[:2]
	}
	if translate.Known(code) {
		return code
	}
	return "en"
}

// language is the language the window speaks: the one chosen in Settings,
// else the system's.
func (u *ui) language() string {
	if code := u.app.Preferences().String(prefLanguage); translate.Known(code) {
		return code
	}
	return systemLanguage()
}

// useLanguage hands the program's texts to Fyne's lang package and makes
// code the language of the window and of the workspace's messages.
//
// Fyne picks its language from the system and offers no way to choose
// another, so a chosen language's texts are also registered under the
// system's language tag, which is the one Fyne looks up. Every file holds
// every text (a test checks it), so registering one language over another
// replaces it whole, and choosing back restores it.
func useLanguage(code string) {
	register()
	files, err := translate.Files()
	if err != nil {
		fyne.LogError("Loading the translations", err)
	}
	system := fyne.Locale(lang.SystemLocale().LanguageString())
	for _, f := range files {
		if f.Language == code {
			if err := lang.AddTranslationsForLocale(f.Data, system); err != nil {
				fyne.LogError("Loading the translations", err)
			}
		}
	}
	worded.Clear()
	workspace.SetLanguage(inWindowLanguage)
}

// worded keeps the words inWindowLanguage found for each text, until the
// language changes: an import words a text for every row, and Fyne's lang
// looks each up anew, which made an import from the window slower than
// cpw import.
var worded sync.Map

// inWindowLanguage words a text of another package (the workspace's, an
// import report's) in the window's language, through Fyne's lang like the
// window's own texts; they are written out where those packages use them.
func inWindowLanguage(text string, args ...any) string {
	words, ok := worded.Load(text)
	if !ok {
		localize := lang.L
		words, _ = worded.LoadOrStore(text, localize(text))
	}
	if len(args) == 0 {
		return words.(string)
	}
	return fmt.Sprintf(words.(string), args...)
}
