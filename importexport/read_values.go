package importexport

import (
	"errors"
	"strings"

	"cpw/translate"
)

// The window's forms read dates and amounts with the import's readers, so
// that what a workbook may say a form accepts too, and is refused with the
// same reasons. A form has one value and no column around it: a date that
// reads as two days is refused rather than read day first.

// ReadDate reads a date as a person types it ("2026-04-03", "3 April 2026",
// "April 3, 2026", "25/12/2025") and gives it as YYYY-MM-DD; blank stays
// blank. Its error is a sentence in the language of say (English when nil).
func ReadDate(text string, say translate.Func) (string, error) {
	say = wordsIn(say)
	v := strings.TrimSpace(text)
	if v == "" {
		return "", nil
	}
	if ambiguousDate(v) {
		dayFirst, _ := readDate(v, false, false)
		monthFirst, _ := readDate(v, false, true)
		if dayFirst != "" && monthFirst != "" {
			return "", errors.New(say("“%s” could be day first (%s) or month first (%s): write it as YYYY-MM-DD, such as %s.",
				clip(v, 40), dayFirst, monthFirst, dayFirst))
		}
	}
	// A bare number is a spreadsheet's serial date, which nobody types.
	d, ok := "", false
	if !serialDate.MatchString(v) {
		d, ok = readDate(v, false, false)
	}
	if !ok {
		return "", errors.New(say("“%s” is not a date: write it as YYYY-MM-DD, such as 2026-03-31, or as 31 March 2026.", clip(v, 40)))
	}
	return d, nil
}

// ReadAmount reads an amount of money as a person types it ("1,250,000",
// "KES 10,000", "1.2M", "450k") in the workspace's currency, a whole number
// of it (a fraction is rounded to the nearest whole); blank, "-" and "TBD"
// are 0, not recorded. An amount naming another currency is refused, in a
// sentence naming both. Its errors are sentences in the language of say
// (English when nil).
func ReadAmount(text, currency string, say translate.Func) (int64, error) {
	say = wordsIn(say)
	if currency == "" {
		currency = "KES" // as a workspace made without one keeps
	}
	v := strings.TrimSpace(text)
	if v == "" {
		return 0, nil
	}
	a, err := parseAmount(v, currency)
	switch {
	case errors.Is(err, errTooLarge):
		return 0, errors.New(say("“%s” is too large a number.", clip(v, 40)))
	case errors.Is(err, errNegative):
		return 0, errors.New(say("“%s” is less than 0: amounts cannot be negative.", clip(v, 40)))
	case err != nil:
		return 0, errors.New(say("“%s” is not a whole number of %s: write an amount such as 1,250,000, %s 1.2M or 450k.", clip(v, 40), currency, currency))
	case a.currency != "" && a.currency != currency:
		return 0, errors.New(say("“%s” is in %s, but this workspace keeps its amounts in %s: convert it to %s, or leave it blank.", clip(v, 40), a.currency, currency, currency))
	}
	return a.n, nil
}
