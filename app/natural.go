package app

import "strings"

// Lists and trees sort in natural order: numbers inside text compare as
// numbers ("Cell 2" before "Cell 10") and case does not matter.

// naturalLess orders two texts as the lists do; to sort many, make each
// text's naturalKey once.
func naturalLess(a, b string) bool { return naturalKey(a) < naturalKey(b) }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// naturalKey is a text's key for natural order, made once per row so that
// sorting compares plain strings: the text in lower case with each run of
// digits, leading zeros dropped, written after its length. The length is
// written as digits that order as numbers do (n-1 as as many 9s as it has
// nines and then the rest, 0 to 8), so a longer number sorts after a
// shorter one, and against a letter it sorts as a digit would.
func naturalKey(s string) string {
	s = strings.ToLower(s)
	digits := false
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			digits = true
			break
		}
	}
	if !digits {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		if !isDigit(s[i]) {
			b.WriteByte(s[i])
			i++
			continue
		}
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		run := strings.TrimLeft(s[i:j], "0")
		if run == "" {
			run = "0"
		}
		k := len(run) - 1
		for ; k >= 9; k -= 9 {
			b.WriteByte('9')
		}
		b.WriteByte(byte('0' + k))
		b.WriteString(run)
		i = j
	}
	return b.String()
}
