package workspace

import (
	"sync/atomic"

	"cpw/translate"
)

// language holds how the package words its messages: English unless the
// window has chosen another language. It is read from any goroutine.
var language atomic.Pointer[translate.Func]

// SetLanguage sets the language of the package's messages (errors, check
// findings, choice labels); nil means English, as the command line keeps them.
func SetLanguage(fn translate.Func) {
	if fn == nil {
		language.Store(nil)
		return
	}
	language.Store(&fn)
}

// wording is how the package words its messages now: the window's
// language, or English.
func wording() translate.Func {
	if fn := language.Load(); fn != nil {
		return *fn
	}
	return translate.English
}

// Wording is how the package words its messages now, for a package that
// words its own errors alike (the shared places').
func Wording() translate.Func { return wording() }

// say words a message, written in English with fmt verbs, in the chosen
// language. The translation test (translate/keys_test.go, keyArgs) finds
// the texts to translate by the name of the function they are passed to
// (say, msg, newError, invalid, …): pass them as literals, and add each to
// assets/translations/workspace.*.json. (newError and invalid call
// wording() themselves: the test looks for written-out texts at every call
// named say, and they are handed theirs by their callers.)
func say(text string, args ...any) string { return wording()(text, args...) }

// sayPlain words a text held in a variable (one marked with msg where it was
// written) in the chosen language, without formatting it.
func sayPlain(text string) string {
	if text == "" {
		return ""
	}
	return wording()(text)
}

// msg marks a text in a table as one to translate when it is shown, through
// sayPlain; the translation files must hold it.
func msg(text string) string { return text }
