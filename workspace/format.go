package workspace

import "fmt"

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
