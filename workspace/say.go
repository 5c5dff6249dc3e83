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

// say words a message, written in English with fmt verbs, in the chosen
// language.
func say(text string, args ...any) string { return tell(text, args...) }

// tell is say for the helpers that are handed a format their callers wrote
// out (newError, invalid): the translation test looks for the texts at those
// calls, and for written-out texts at every call named say.
func tell(text string, args ...any) string {
	if fn := language.Load(); fn != nil {
		return (*fn)(text, args...)
	}
	return translate.English(text, args...)
}

// sayPlain words a text held in a variable (one marked with msg where it was
// written) in the chosen language, without formatting it.
func sayPlain(text string) string {
	if text == "" {
		return ""
	}
	if fn := language.Load(); fn != nil {
		return (*fn)(text)
	}
	return text
}

// msg marks a text in a table as one to translate when it is shown, through
// sayPlain; the translation files must hold it.
func msg(text string) string { return text }
