package importexport

import (
	"strings"
)

// How a column of a workbook was matched to one of the program's.
type matchHow int

const (
	byName    matchHow = iota // its header or HXL hashtag is the column's own, or an alias
	byAnswer                  // the user said what it means (a mapping)
	byMeaning                 // its header's words mean the column: "hh/head_gender", "Jinsia"
)

// columnMatch is what one column of a sheet was matched to: a place in
// the spec's cols, or -1.
type columnMatch struct {
	col int
	how matchHow
}

// matchColumns matches each column of a sheet to one of the spec's: first
// what the user said and the column's own names, then, for those left, the
// meaning of their headers, where no column of the sheet already holds it.
func matchColumns(s *sheetRows, spec *sheetSpec, is3W bool, ans *answers) []columnMatch {
	out := make([]columnMatch, len(s.headers))
	taken := map[int]bool{}
	for i, h := range s.headers {
		out[i] = columnMatch{col: -1}
		tag := tagOf(s, i)
		if strings.TrimSpace(h) != "" {
			if meaning, ok := ans.column(spec.name, h); ok {
				out[i] = columnMatch{col: spec.at(meaning), how: byAnswer}
				taken[out[i].col] = true
				continue
			}
		}
		for c, column := range spec.cols {
			if (strings.TrimSpace(h) != "" && !strings.HasPrefix(h, "#") && column.matches(h)) || hxlMatches(column, tag) {
				out[i] = columnMatch{col: c, how: byName}
				taken[c] = true
				break
			}
		}
	}
	if is3W {
		return out // a 3W's other columns are about activities (see classify)
	}
	for i, h := range s.headers {
		if out[i].col >= 0 || out[i].how == byAnswer {
			continue
		}
		if c := columnByMeaning(spec, h); c >= 0 && !taken[c] {
			out[i] = columnMatch{col: c, how: byMeaning}
			taken[c] = true
		}
	}
	return out
}

// headerWords are words of headers in other languages and survey forms,
// with the English word the program's headers use.
var headerWords = map[string]string{
	"jina": "name", "majina": "name", "jinsia": "gender", "simu": "phone", "nambari": "number", "umri": "age",
	"kijiji": "village", "shirika": "organization", "wadhifa": "position", "barua": "mail", "pepe": "mail",
	"maoni": "notes", "tarehe": "date", "mkazi": "resident", "eneo": "unit", "sexe": "gender", "nom": "name",
	"telephone": "phone", "tel": "phone", "mobile": "phone", "cellphone": "phone", "msisdn": "phone",
	"email": "mail", "surname": "name", "fullname": "name", "sex": "gender", "yrs": "age", "years": "age",
}

// headerTail is the part of a survey tool's header that names the field:
// KoboToolbox writes group/field ("hh/head_gender"), ODK Central
// group-field ("hh-head_gender"), both with underscores between words.
func headerTail(h string) string {
	h = strings.TrimSpace(h)
	if i := strings.LastIndex(h, "/"); i >= 0 {
		h = h[i+1:]
	}
	if !strings.ContainsAny(h, " ") && strings.Count(h, "-") > 0 && strings.Contains(h, "_") {
		h = h[strings.LastIndex(h, "-")+1:]
	}
	return strings.ReplaceAll(h, "_", " ")
}

// headerMeaning is a header's meaningful words, in the words the program's
// headers use.
func headerMeaning(h string) []string {
	ws := words(h)
	for i, w := range ws {
		if to, ok := headerWords[w]; ok {
			ws[i] = to
		}
	}
	return ws
}

// columnByMeaning finds the column of the spec whose name or an alias the
// header's words mean, or -1: the one that shares most of its words with
// the header, and at least half of them, with no other as close.
func columnByMeaning(spec *sheetSpec, header string) int {
	tail := headerTail(header)
	if strings.HasPrefix(strings.TrimSpace(tail), "_") || strings.TrimSpace(tail) == "" {
		return -1 // a survey tool's own meta column: _uuid, _index, _submission_time
	}
	hw := headerMeaning(tail)
	best, bestScore, tie := -1, 0.0, false
	for c, column := range spec.cols {
		if c == 0 {
			continue // the ID column is the program's own
		}
		for _, name := range append([]string{column.header}, column.aliases...) {
			cw := headerMeaning(name)
			score := wordScore(hw, cw)
			// Every word of the column's name in the header ("head
			// gender" holds "gender") counts as much as the same words.
			if covered(cw, hw) {
				score = max(score, 0.5)
			}
			switch {
			case score > bestScore+1e-9:
				best, bestScore, tie = c, score, false
			case score > 0 && score >= bestScore-1e-9 && c != best:
				tie = true
			}
		}
	}
	if bestScore < 0.5 || tie {
		return -1
	}
	return best
}

// covered reports whether every word of a is one of b's.
func covered(a, b []string) bool {
	if len(a) == 0 {
		return false
	}
	for _, x := range a {
		found := false
		for _, y := range b {
			if similarWord(x, y) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
