package importexport

import (
	"sort"
	"strings"
)

// SheetAs3W is the kind a user gives a sheet to have it read as a 3W/4W
// matrix (who does what where); SheetSkipped, to leave it out.
const (
	SheetAs3W    = "3W"
	SheetSkipped = "Skip"
)

// SheetKinds lists the kinds a sheet can be taken as, by the names the
// report and --sheet use: each sheet's own, then 3W and Skip.
func SheetKinds() []string {
	out := make([]string, 0, len(sheets)+2)
	for _, s := range sheets {
		out = append(out, s.name)
	}
	return append(out, SheetAs3W, SheetSkipped)
}

// kindNamed finds the kind a user named for a sheet ("People", "persons",
// "3W", "skip"): its spec, or 3W, or skipped; ok is false for no kind.
func kindNamed(name string) (spec *sheetSpec, order int, is3W, skip, ok bool) {
	switch normalise(name) {
	case normalise(SheetAs3W), "4w", "whodoeswhatwhere":
		for i, sp := range sheets {
			if sp.read3W != nil {
				return sp, i, true, false, true
			}
		}
	case normalise(SheetSkipped), "ignore", "none":
		return nil, 0, false, true, true
	}
	for i, sp := range sheets {
		if sp.matchesSheet(name) {
			return sp, i, false, false, true
		}
	}
	return nil, 0, false, false, false
}

// toldKind returns the kind the user gave the sheet (ImportOptions.Sheets),
// matched to the sheet's name without regard to case and spacing.
func toldKind(told map[string]string, sheet string) (string, bool) {
	for name, kind := range told {
		if strings.EqualFold(strings.TrimSpace(name), strings.TrimSpace(sheet)) {
			return kind, true
		}
	}
	return "", false
}

// kindByColumns finds the kind of records a sheet holds from its columns,
// when its name says nothing: the kind with the most of its own columns
// among the sheet's headers (Name and Notes, which most kinds have, do not
// count), all of its required ones there, and at least two in all; between
// two with as many, the kind of which they are the larger part. A tie says
// nothing. It returns the spec, its place in
// sheets, and the headers that decided it.
func kindByColumns(s *sheetRows) (*sheetSpec, int, []string) {
	type score struct {
		spec     *sheetSpec
		order    int
		headers  []string
		distinct int // of its columns matched, those few kinds have
	}
	var scores []score
	for i, sp := range sheets {
		if sp.external {
			continue // known by its own program's columns (a survey's), not by ours
		}
		var found []string
		distinct := 0
		matched := map[int]bool{}
		for _, h := range s.headers {
			if strings.TrimSpace(h) == "" {
				continue
			}
			c := -1
			for i, column := range sp.cols {
				if i > 0 && !matched[i] && column.matches(h) { // the ID column says nothing of a kind
					c = i
					break
				}
			}
			if c < 0 {
				c = columnByMeaning(sp, h)
			}
			if c > 0 && !matched[c] {
				matched[c] = true
				found = append(found, strings.TrimSpace(h))
				if !genericColumn(sp.cols[c].header) {
					distinct++
				}
			}
		}
		whole := len(found) >= 2 && distinct >= 1
		for c, column := range sp.cols {
			if column.required && !matched[c] {
				whole = false
			}
		}
		if whole {
			scores = append(scores, score{sp, i, found, distinct})
		}
	}
	if len(scores) == 0 {
		return nil, 0, nil
	}
	// Most columns first; between kinds with as many, the one of which
	// they are the larger part (Role, Person and Start are most of an
	// assignment, a small part of a person).
	share := func(s score) float64 { return float64(s.distinct) / float64(len(s.spec.cols)) }
	sort.SliceStable(scores, func(i, j int) bool {
		if scores[i].distinct != scores[j].distinct {
			return scores[i].distinct > scores[j].distinct
		}
		return share(scores[i]) > share(scores[j])
	})
	if len(scores) > 1 && scores[1].distinct == scores[0].distinct && share(scores[1]) == share(scores[0]) {
		return nil, 0, nil
	}
	return scores[0].spec, scores[0].order, scores[0].headers
}

// quoteList writes headers as a list for a sentence: “Name”, “Sex”, “Phone”.
func quoteList(headers []string) string {
	out := make([]string, len(headers))
	for i, h := range headers {
		out[i] = "“" + clip(h, 40) + "”"
	}
	return strings.Join(out, ", ")
}

// genericColumn reports whether a column is one that most kinds of sheet
// have (Name, Notes): it says nothing about which kind a sheet is.
func genericColumn(header string) bool { return header == "Name" || header == "Notes" }
