package workspace

import (
	"fmt"
	"strings"

	"cpw/translate"
)

// Thousands writes n with thousands separators: 21682 → "21,682". Amounts
// and counts read the same way in the window, the briefs and the command line.
func Thousands(n int64) string {
	s := fmt.Sprint(n)
	neg := s[0] == '-'
	if neg {
		s = s[1:]
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

// Plural writes a count with its noun: "1 warning", "2,450 warnings".
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return Thousands(int64(n)) + " " + many
}

// Capitalise puts a capital at the start of a sentence made from a noun:
// "organisation" → "Organisation".
func Capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// count writes a count with its noun, as Plural does, in the language of the
// package's messages: "3 people", in Swahili "watu 3" (the translations hold
// the order). one and many are nouns marked with msg where they are written.
func count(n int, one, many string) string {
	if n == 1 {
		return say("1 %s", sayPlain(one))
	}
	// The indexes only make the key unlike other texts' "%s %s".
	return say("%[1]s %[2]s", Thousands(int64(n)), sayPlain(many))
}

// byCount words a count with the text for one or for many (a format for
// the number), picked by the count as Swahili needs: "1 record added", "3
// records added". one and many are marked with msg where they are written.
func byCount(tr translate.Func, n int, one, many string) string {
	if n == 1 {
		return tr(one)
	}
	return tr(many, Thousands(int64(n)))
}

// JoinAnd lists items as a sentence does, in the language of the package's
// messages: "3 people, 1 gap and 2 links".
func JoinAnd(items []string) string { return joinAndIn(wording(), items) }

// joinAndIn is JoinAnd in the language of tr.
func joinAndIn(tr translate.Func, items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return tr(msg("%s and %s"), strings.Join(items[:len(items)-1], ", "), items[len(items)-1])
}

// Dedupe returns the values of s without repeats, each where it first
// appears; s itself is left as it was. A nil s gives nil, so that a list
// nobody gave stays apart from an empty one.
func Dedupe(s []string) []string {
	if s == nil {
		return nil
	}
	seen := make(map[string]bool, len(s))
	out := make([]string, 0, len(s))
	for _, v := range s {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}
