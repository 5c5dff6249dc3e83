// Erasing a person: their personal fields go, from the record, the change
// log and the undo history, while the roles they held stay readable. The
// erasure travels with copies and wins in every merge.

package workspace

import (
	"maps"
	"sort"
	"strings"

	"cpw/translate"
)

// ErasedName is the name an erased person keeps, so that the roles they
// held read "held by an erased person". ShownName words it in the
// language of the package's messages.
var ErasedName = msg("An erased person")

// erasedSummary replaces every change log entry about an erased person.
var erasedSummary = msg("Personal data erased")

// ShownName is a person's name as shown: an erased person's in the
// language of the package's messages.
func ShownName(name string) string { return ShownNameIn(name, say) }

// ShownNameIn is a person's name as shown, worded by tr (a brief may be in
// another language than the window's).
func ShownNameIn(name string, tr translate.Func) string {
	if name == ErasedName {
		return tr(ErasedName)
	}
	return name
}

// erasedValues are the personal fields of people and what erasing sets
// them to. The organisation, residence and basis stay: they identify
// no one, and the checks count them.
var erasedValues = []struct {
	col string
	val any
}{
	{"name", ErasedName}, {"position", ""}, {"phone", ""}, {"email", ""}, {"gender", ""}, {"age_band", ""},
	{"home_unit_id", nil}, {"notes", ""}, {"survey_id", nil}, {"household_size", nil}, {"household_women", nil},
	{"household_men", nil}, {"household_children", nil}, {"household_youth", nil},
	{"consent_on", ""}, {"consent_how", ""}, {"consent_by", ""}, {"withdrawn_on", ""},
}

// ErasePerson erases a person's personal data (see erasePeople). It cannot
// be undone: the undo history keeps nothing of them either.
func (f *File) ErasePerson(id string) error {
	return f.write(func(t *tx) error {
		var p Person
		if err := load(t, &p, id); err != nil {
			return err
		}
		if p.ErasedOn != "" {
			return invalid(msg("Person"), "This person was already erased on %s.", p.ErasedOn[:min(len(p.ErasedOn), 10)])
		}
		if err := t.erasePeople(map[string]erasure{id: {on: t.at, names: []string{p.Name}}}); err != nil {
			return err
		}
		t.nameStep("erase", "person", ErasedName)
		return t.logChange("person", id, "erase", erasedSummary)
	})
}

// erasure is one person to erase: since when, and every name they had,
// to take out of the change log.
type erasure struct {
	on    string
	names []string
}

// erasePeople erases each person: their personal fields are emptied (the
// name becomes ErasedName), every change log entry about them says only
// erasedSummary, their names leave the other entries and the names of the
// undo steps, and the undo history drops what they were. secure_delete
// zeroes the space the values leave in the file.
func (t *tx) erasePeople(people map[string]erasure) error {
	if len(people) == 0 {
		return nil
	}
	if _, err := t.Exec("PRAGMA secure_delete = ON"); err != nil {
		return err
	}
	ids := make([]string, 0, len(people))
	for id := range people {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	sets := make([]string, 0, len(erasedValues)+3)
	args := make([]any, 0, len(erasedValues)+4)
	var differs []string
	for _, e := range erasedValues {
		sets = append(sets, e.col+" = ?")
		args = append(args, e.val)
		differs = append(differs, e.col+" IS NOT ?")
	}
	sets = append(sets, "erased_on = ?", "updated_at = ?", "copy_id = ?")
	update := "UPDATE people SET " + strings.Join(sets, ", ") + " WHERE id = ? AND (erased_on = '' OR " + strings.Join(differs, " OR ") + ")"
	var names []string
	for _, id := range ids {
		e := people[id]
		// Every name the person had is in their own entries: the title of
		// each, and renames ("name: “a” → “b”").
		more, err := namesInLog(t, id)
		if err != nil {
			return err
		}
		var current string
		if err := t.QueryRow("SELECT name FROM people WHERE id = ?", id).Scan(&current); err != nil {
			return err
		}
		names = append(append(append(names, e.names...), more...), current)
		a := append(append(append([]any{}, args...), e.on, t.at, t.f.copyID, id), args...)
		if _, err := t.Exec(update, a...); err != nil {
			return err
		}
		if _, err := t.Exec("UPDATE changes SET summary = ? WHERE entity = 'person' AND entity_id = ? AND summary <> ?", erasedSummary, id, erasedSummary); err != nil {
			return err
		}
		if _, err := t.Exec("DELETE FROM step_rows WHERE tbl = 'people' AND row_id = ?", id); err != nil {
			return err
		}
	}
	return t.scrubNames(names)
}

// namesInLog finds the names a person had in the change log's entries
// about them.
func namesInLog(q querier, id string) ([]string, error) {
	rows, err := q.Query("SELECT action, summary FROM changes WHERE entity = 'person' AND entity_id = ?", id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var action, summary string
		if err := rows.Scan(&action, &summary); err != nil {
			return nil, err
		}
		out = append(out, namesIn(action, summary)...)
	}
	return out, rows.Err()
}

// namesIn reads the names one entry about a person shows: its title (the
// whole summary of a creation or a deletion, up to ": " of an update) and
// both sides of a rename.
func namesIn(action, summary string) []string {
	if summary == erasedSummary {
		return nil
	}
	title, rest, found := strings.Cut(summary, ": ")
	if action != "update" || !found {
		return []string{summary}
	}
	out := []string{title}
	for _, part := range strings.Split(rest, "; ") {
		if v, ok := strings.CutPrefix(part, "name: “"); ok {
			from, to, _ := strings.Cut(v, "” → “")
			out = append(out, from, strings.TrimSuffix(to, "”"))
		}
	}
	return out
}

// nameScrubber replaces, in any text, each of names with ErasedName
// (longest first, so that "Ann Wambui" goes whole before "Ann"). Names of
// a single character are left: they would take letters out of every word.
func nameScrubber(names []string) *strings.Replacer {
	seen := map[string]bool{ErasedName: true, "": true}
	var keep []string
	for _, n := range names {
		n = strings.TrimSuffix(strings.TrimSpace(n), "…")
		if !seen[n] && len([]rune(n)) > 1 {
			seen[n] = true
			keep = append(keep, n)
		}
	}
	if len(keep) == 0 {
		return nil
	}
	sort.Slice(keep, func(i, j int) bool { return len(keep[i]) > len(keep[j]) })
	pairs := make([]string, 0, 2*len(keep))
	for _, n := range keep {
		pairs = append(pairs, n, ErasedName)
	}
	return strings.NewReplacer(pairs...)
}

// scrubNames takes names out of every entry of the change log and every
// undo step's name, in one pass over each.
func (t *tx) scrubNames(names []string) error {
	r := nameScrubber(names)
	if r == nil {
		return nil
	}
	for _, s := range []struct{ table, key, col string }{{"changes", "id", "summary"}, {"steps", "id", "title"}} {
		rows, err := t.Query("SELECT " + s.key + ", " + s.col + " FROM " + s.table)
		if err != nil {
			return err
		}
		changed := map[any]string{}
		for rows.Next() {
			var key any
			var text string
			if err := rows.Scan(&key, &text); err != nil {
				rows.Close()
				return err
			}
			if out := r.Replace(text); out != text {
				changed[key] = out
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for key, text := range changed {
			if _, err := t.Exec("UPDATE "+s.table+" SET "+s.col+" = ? WHERE "+s.key+" = ?", text, key); err != nil {
				return err
			}
		}
	}
	return nil
}

// keepErased applies, before anything is decided, what an erasure means
// for a merge: a person erased in either copy is erased in both, whatever
// either changed before or after. Both rows take the erased values (with
// the erasing copy's stamps), so that nothing of them is compared, shown
// as a conflict or taken; the names they had are kept to take them out of
// the change log (eraseMerged).
func (m *merger) keepErased() {
	m.erased, m.erasedHere = map[string]erasure{}, nil
	t := mergeTableNamed("people")
	ours, theirs := m.ourRows[t.name], m.theirRows[t.name]
	on := t.col("erased_on")
	erasedIn := func(r mergeRow, ok bool) string {
		if !ok {
			return ""
		}
		s, _ := r.vals[on].(string)
		return s
	}
	for _, rows := range []map[string]mergeRow{ours, theirs} {
		for id := range rows {
			if _, done := m.erased[id]; done {
				continue
			}
			or, here := ours[id]
			tr, there := theirs[id]
			ourOn, theirOn := erasedIn(or, here), erasedIn(tr, there)
			if ourOn == "" && theirOn == "" {
				continue
			}
			e := erasure{on: ourOn}
			var model mergeRow // the erased row whose values and stamps both take
			if ourOn != "" {
				model = or
			} else {
				e.on, model = theirOn, tr
			}
			for _, r := range []struct {
				row mergeRow
				ok  bool
			}{{or, here}, {tr, there}} {
				if r.ok {
					if s, _ := r.row.vals[t.col("name")].(string); s != ErasedName {
						e.names = append(e.names, s)
					}
				}
			}
			m.erased[id] = e
			if here && ourOn == "" {
				ours[id] = erasedLike(t, or, model, false)
				m.erasedHere = append(m.erasedHere, id)
			}
			if there && (theirOn == "" || ourOn != "") {
				theirs[id] = erasedLike(t, tr, model, true)
			}
		}
	}
}

// countErased counts as updated the people this merge erases here (the
// plan itself sees no difference in them), so that a sync pushes the
// erasure on.
func (m *merger) countErased() {
	t := mergeTableNamed("people")
	for _, id := range m.erasedHere {
		if a := m.actions[id]; a == nil || !a.kind.keepsRow() && a.kind != actDelete {
			m.count(t).Updated++ // an update of the row is counted already
		}
	}
}

// erasedLike is row r with the erased values and their stamps taken from
// model, an erased row.
func erasedLike(t *mergeTable, r, model mergeRow, theirs bool) mergeRow {
	r = copyRow(r)
	r.fields = maps.Clone(r.fields)
	if r.fields == nil {
		r.fields = map[int]fieldStamp{}
	}
	cols := []string{"erased_on"}
	for _, e := range erasedValues {
		cols = append(cols, e.col)
	}
	for _, c := range cols {
		i := t.col(c)
		r.vals[i] = model.vals[i]
		if s, ok := model.fields[i]; ok {
			s.theirs = theirs
			r.fields[i] = s
		} else {
			delete(r.fields, i)
		}
	}
	return r
}

// eraseMerged finishes, inside the merge's write, every erasure the merge
// met: rows here still holding personal data are erased, and the names
// the person had leave the change log, theirs included.
func (m *merger) eraseMerged(t *tx) error {
	todo := map[string]erasure{}
	for id, e := range m.erased {
		if len(e.names) > 0 {
			todo[id] = e
		} else if _, err := t.Exec("DELETE FROM step_rows WHERE tbl = 'people' AND row_id = ?", id); err != nil {
			return err
		}
	}
	return t.erasePeople(todo)
}

// scrubIncoming words an entry of the other copy's change log as this
// copy keeps it: nothing of an erased person.
func (m *merger) scrubIncoming(c *Change, names *strings.Replacer) {
	if _, erased := m.erased[c.EntityID]; erased && c.Entity == "person" {
		c.Summary = erasedSummary
	} else if names != nil {
		c.Summary = names.Replace(c.Summary)
	}
}

// erasedNames is a replacer taking every name an erased person had in
// either copy out of a text, or nil.
func (m *merger) erasedNames(theirLog []Change) *strings.Replacer {
	if len(m.erased) == 0 {
		return nil
	}
	var names []string
	for _, e := range m.erased {
		names = append(names, e.names...)
	}
	for _, c := range theirLog {
		if _, erased := m.erased[c.EntityID]; erased && c.Entity == "person" {
			names = append(names, namesIn(c.Action, c.Summary)...)
		}
	}
	return nameScrubber(names)
}
