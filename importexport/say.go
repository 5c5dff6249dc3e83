package importexport

import (
	"cpw/translate"
)

// The sentences this package writes for people (the import report, the
// refusals of files it cannot read, the errors of exports and templates,
// and the names of progress steps) are written in English and worded in the
// language a caller asks for: the window's, or English on the command line.
// Sheet and column names, cell values and file names are data and stay as
// the workbook writes them, as does everything written into a workbook and
// the change log.

// wordsIn returns the texts of a language, English when fn is nil.
func wordsIn(fn translate.Func) translate.Func {
	if fn == nil {
		return translate.English
	}
	return fn
}

// words is the report's language. (problem and warn word their texts with
// it: the translation test finds those texts at their calls, and written-out
// texts at every call named say.)
func (r *Report) words() translate.Func { return wordsIn(r.lang) }

// say words a sentence of the report, written out in English with fmt
// verbs, in the report's language.
func (r *Report) say(text string, args ...any) string { return r.words()(text, args...) }

// records names the records a sheet holds, in the report's language:
// "organisations".
func (r *Report) records(s *sheetSpec) string { return s.records(r.words()) }
