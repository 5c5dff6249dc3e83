package app

import "strings"

// Lists and trees sort in natural order: numbers inside text compare as
// numbers ("Cell 2" before "Cell 10") and case does not matter.

// naturalLess orders "Cell 2" before "Cell 10", case aside. It compares
// bytes, so letters beyond ASCII keep their case; naturalKey, which the
// lists sort by, folds those too.
func naturalLess(a, b string) bool {
	ia, ib := 0, 0
	for ia < len(a) && ib < len(b) {
		ca, cb := a[ia], b[ib]
		if isDigit(ca) && isDigit(cb) {
			ja, jb := ia, ib
			for ja < len(a) && isDigit(a[ja]) {
				ja++
			}
			for jb < len(b) && isDigit(b[jb]) {
				jb++
			}
			na, nb := strings.TrimLeft(a[ia:ja], "0"), strings.TrimLeft(b[ib:jb], "0")
			if len(na) != len(nb) {
				return len(na) < len(nb)
			}
			if na != nb {
				return na < nb
			}
			ia, ib = ja, jb
			continue
		}
		ca, cb = lowerASCII(ca), lowerASCII(cb)
		if ca != cb {
			return ca < cb
		}
		ia++
		ib++
	}
	return len(a)-ia < len(b)-ib
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func lowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

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
