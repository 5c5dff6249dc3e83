// Erasing a person: their personal fields go, from the record, the change
// log and the undo history, while the roles they held stay readable. The
// erasure is noted in the erasures table, travels with copies and wins in
// every merge.

package workspace

import (
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"maps"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

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

// ErasePerson erases a person's personal data (see erasePeople), and that
// of any record of them entered twice and merged into theirs. It cannot
// be undone: the undo history keeps nothing of them either.
func (f *File) ErasePerson(id string) error {
	err := f.write(func(t *tx) error {
		var p Person
		if err := load(t, &p, id); err != nil {
			return err
		}
		if p.ErasedOn != "" {
			return invalid(msg("Person"), "This person was already erased on %s.", p.ErasedOn[:min(len(p.ErasedOn), 10)])
		}
		if err := t.erase(map[string]string{id: p.Name}); err != nil {
			return err
		}
		t.nameStep("erase", "person", ErasedName)
		return nil
	})
	if err == nil {
		f.compact()
	}
	return err
}

// erase erases the people (id → name) in this copy, as of now: it notes
// each erasure, with the records entered twice that were merged into
// them, erases them all, and logs each.
func (t *tx) erase(people map[string]string) error {
	stones, err := readStones(t)
	if err != nil {
		return err
	}
	erased := map[string]string{}
	for id := range people {
		erased[id] = t.at
	}
	closeOverReplaced(erased, stones)
	todo := map[string]erasure{}
	for id, at := range erased {
		var survey sql.NullString
		if err := t.QueryRow("SELECT survey_id FROM people WHERE id = ?", id).Scan(&survey); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		e := erasure{on: at, by: t.f.copyID, names: []string{people[id]}, learnt: true, surveyKey: surveyKey(survey.String)}
		if err := t.noteErasure(id, e); err != nil {
			return err
		}
		todo[id] = e
	}
	if _, err := t.erasePeople(todo); err != nil {
		return err
	}
	for id := range people {
		if err := t.logChange("person", id, "erase", erasedSummary); err != nil {
			return err
		}
	}
	return nil
}

// closeOverReplaced adds to erased (id → when) the other records of a
// person entered twice: the ids an erased one replaced, and the id that
// replaced an erased one, at any remove.
func closeOverReplaced(erased map[string]string, stones ...map[string]Tombstone) {
	for grew := true; grew; {
		grew = false
		for _, s := range stones {
			for id, st := range s {
				if st.replaced == "" {
					continue
				}
				if at, ok := erased[st.replaced]; ok {
					if _, done := erased[id]; !done {
						erased[id], grew = at, true
					}
				}
				if at, ok := erased[id]; ok {
					if _, done := erased[st.replaced]; !done {
						erased[st.replaced], grew = at, true
					}
				}
			}
		}
	}
}

// compact writes the file again whole after an erasure, so that nothing
// freed before secure_delete was on (a file from an earlier version) stays
// in its pages. It is best done at once, and harmless to miss: another
// program reading the file at that moment keeps it from running.
func (f *File) compact() {
	f.db.Exec("VACUUM")
}

// erasure is one person to erase: since when and by which copy, the
// names they had in the rows read (to take out of the change log), whether
// this copy learns of it now (its change log and undo history are then
// cleared of them even when no row of them is left here), and the key of
// the survey submission they came from.
type erasure struct {
	on, by    string
	names     []string
	learnt    bool
	surveyKey string
}

// noteErasure records an erasure in this copy.
func (t *tx) noteErasure(id string, e erasure) error {
	_, err := t.Exec("INSERT OR IGNORE INTO erasures (person_id, erased_at, copy_id, survey_key) VALUES (?, ?, ?, ?)", id, e.on, e.by, e.surveyKey)
	return err
}

// surveyKey is what an erasure keeps of a survey submission's id: a hash,
// which tells the submission when it comes again and names no one by
// itself. "" for none.
func surveyKey(surveyID string) string {
	id := strings.ToLower(strings.TrimSpace(surveyID))
	if id == "" {
		return ""
	}
	sum := sha256.Sum256([]byte("cpw erased submission\x00" + id))
	return hex.EncodeToString(sum[:])
}

// ErasedSubmission reports whether a survey submission is that of a person
// who was erased: an import leaves it out rather than record them again.
func (b *Batch) ErasedSubmission(surveyID string) (bool, error) {
	return b.t.erasedSubmission(surveyID)
}

// erasedSubmission reports whether a survey submission is that of a
// person erased. The keys are read once per transaction: only erase adds
// to them, and it saves no person after.
func (t *tx) erasedSubmission(surveyID string) (bool, error) {
	if strings.TrimSpace(surveyID) == "" {
		return false, nil
	}
	if t.erasedKeys == nil {
		t.erasedKeys = map[string]bool{}
		rows, err := t.Query("SELECT survey_key FROM erasures WHERE survey_key <> ''")
		if err != nil {
			return false, err
		}
		defer rows.Close()
		for rows.Next() {
			var k string
			if err := rows.Scan(&k); err != nil {
				return false, err
			}
			t.erasedKeys[k] = true
		}
		if err := rows.Err(); err != nil {
			return false, err
		}
	}
	return len(t.erasedKeys) > 0 && t.erasedKeys[surveyKey(surveyID)], nil
}

// erasePeople erases each person: their personal fields are emptied (the
// name becomes ErasedName), every change log entry about them says only
// erasedSummary, their names leave the other entries and the names of the
// undo steps, and the undo history drops what they were. A person whose
// row holds nothing of them any more, and whose erasure this copy knew,
// is left as they are. It returns how many it erased here.
func (t *tx) erasePeople(people map[string]erasure) (int, error) {
	if len(people) == 0 {
		return 0, nil
	}
	if _, err := t.Exec("PRAGMA secure_delete = ON"); err != nil {
		return 0, err
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
	n := 0
	for _, id := range ids {
		e := people[id]
		var current string
		if err := t.QueryRow("SELECT name FROM people WHERE id = ?", id).Scan(&current); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return 0, err
		}
		a := append(append(append([]any{}, args...), e.on, t.at, t.f.copyID, id), args...)
		res, err := t.Exec(update, a...)
		if err != nil {
			return 0, err
		}
		changed, err := res.RowsAffected()
		if err != nil {
			return 0, err
		}
		if changed == 0 && !e.learnt {
			continue
		}
		n++
		// Every name the person had is in their own entries: the title of
		// each, and renames ("name: “a” → “b”").
		more, err := namesInLog(t, id)
		if err != nil {
			return 0, err
		}
		names = append(append(append(names, e.names...), more...), current)
		if _, err := t.Exec("UPDATE changes SET summary = ? WHERE entity = 'person' AND entity_id = ? AND summary <> ?", erasedSummary, id, erasedSummary); err != nil {
			return 0, err
		}
		if _, err := t.Exec("DELETE FROM step_rows WHERE tbl = 'people' AND row_id = ?", id); err != nil {
			return 0, err
		}
	}
	return n, t.scrubNames(names)
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

// nameScrubber replaces, in a text, each of a set of names with
// ErasedName, where it stands as words of its own: "Al" goes from "Al
// joined", not from "Alice". One pass finds them all (strings.Replacer
// marks each match, then each mark is checked), so that erasing a
// thousand people does not read the change log a thousand times.
type nameScrubber struct {
	names []string
	marks *strings.Replacer
}

// newNameScrubber makes the scrubber of names, or nil when none is worth
// looking for. Names of a single character are left: a word of one letter
// is most often not theirs.
func newNameScrubber(names []string) *nameScrubber {
	seen := map[string]bool{ErasedName: true, "": true}
	var keep []string
	for _, n := range names {
		n = strings.TrimSuffix(strings.TrimSpace(n), "…")
		if !seen[n] && utf8.RuneCountInString(n) > 1 {
			seen[n] = true
			keep = append(keep, n)
		}
	}
	if len(keep) == 0 {
		return nil
	}
	// The longest first, so that "Ann Wambui" goes whole before "Ann".
	sort.Slice(keep, func(i, j int) bool { return len(keep[i]) > len(keep[j]) })
	pairs := make([]string, 0, 2*len(keep))
	for i, n := range keep {
		pairs = append(pairs, n, "\x00"+strconv.Itoa(i)+"\x01")
	}
	return &nameScrubber{names: keep, marks: strings.NewReplacer(pairs...)}
}

// Replace takes the names out of s.
func (r *nameScrubber) Replace(s string) string {
	marked := r.marks.Replace(s)
	if marked == s {
		return s
	}
	var b strings.Builder
	rest := marked
	for {
		start := strings.IndexByte(rest, 0)
		if start < 0 {
			b.WriteString(rest)
			return b.String()
		}
		end := strings.IndexByte(rest[start:], 1)
		i, _ := strconv.Atoi(rest[start+1 : start+end])
		b.WriteString(rest[:start])
		before, _ := utf8.DecodeLastRuneInString(b.String())
		after, _ := utf8.DecodeRuneInString(rest[start+end+1:])
		if inWord(before) || inWord(after) {
			b.WriteString(r.names[i]) // part of a longer word
		} else {
			b.WriteString(ErasedName)
		}
		rest = rest[start+end+1:]
	}
}

// inWord reports whether r belongs to a word (a letter or a digit), and so
// a name next to it is only a part of that word.
func inWord(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// scrubNames takes names out of every entry of the change log and every
// undo step's name, in one pass over each.
func (t *tx) scrubNames(names []string) error {
	r := newNameScrubber(names)
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

// readErasures reads the erasures a copy knows of: person id → when and
// by which copy.
func readErasures(q querier) (map[string]erasure, error) {
	rows, err := q.Query("SELECT person_id, erased_at, copy_id, survey_key FROM erasures")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]erasure{}
	for rows.Next() {
		var id string
		var e erasure
		if err := rows.Scan(&id, &e.on, &e.by, &e.surveyKey); err != nil {
			return nil, err
		}
		out[id] = e
	}
	return out, rows.Err()
}

// keepErased applies, before anything is decided, what an erasure means
// for a merge: a person erased in either copy is erased in both, whatever
// either changed before or after, and so is a record of them entered twice
// under another id. Both rows of such a person take the erased values,
// with no stamp, so that nothing of them is compared, shown as a conflict
// or taken; the names they had are kept to take them out of the change
// log (eraseMerged).
func (m *merger) keepErased() error {
	ourErasures, err := readErasures(m.ours)
	if err != nil {
		return internal("reading this copy's erasures", err)
	}
	theirErasures, err := readErasures(m.theirs)
	if err != nil {
		return internal("reading the other copy's erasures", err)
	}
	t := mergeTableNamed("people")
	ours, theirs := m.ourRows[t.name], m.theirRows[t.name]
	on := t.col("erased_on")
	when := map[string]string{}
	by := map[string]string{}
	for _, es := range []map[string]erasure{theirErasures, ourErasures} {
		for id, e := range es {
			when[id], by[id] = e.on, e.by
		}
	}
	for _, rows := range []map[string]mergeRow{theirs, ours} {
		for id, r := range rows {
			if s, _ := r.vals[on].(string); s != "" && when[id] == "" {
				when[id], by[id] = s, r.copyID
			}
		}
	}
	// A record of an erased person's survey submission, entered in a copy
	// apart (imported from the same export), is theirs too.
	bySurvey := map[string]string{}
	for _, es := range []map[string]erasure{theirErasures, ourErasures} {
		for id, e := range es {
			if e.surveyKey != "" {
				bySurvey[e.surveyKey] = id
			}
		}
	}
	keys := map[string]string{}
	if len(bySurvey) > 0 {
		for _, rows := range []map[string]mergeRow{theirs, ours} {
			for id, r := range rows {
				if s, _ := r.vals[t.col("survey_id")].(string); s != "" && when[id] == "" {
					if of, ok := bySurvey[surveyKey(s)]; ok {
						when[id], by[id], keys[id] = when[of], by[of], surveyKey(s)
					}
				}
			}
		}
	}
	closeOverReplaced(when, m.ourStones, m.theirStones)
	m.erased, m.erasedHere = map[string]erasure{}, nil
	for id, at := range when {
		mine, known := ourErasures[id]
		e := erasure{on: at, by: by[id], learnt: !known, surveyKey: mine.surveyKey}
		if !known {
			e.surveyKey = theirErasures[id].surveyKey
		}
		if e.surveyKey == "" {
			e.surveyKey = keys[id]
		}
		if e.by == "" {
			e.by = m.met.theirCopy // a record entered twice, erased with the one it became
		}
		or, here := ours[id]
		tr, there := theirs[id]
		for _, r := range []struct {
			row mergeRow
			ok  bool
		}{{or, here}, {tr, there}} {
			if !r.ok {
				continue
			}
			if s, _ := r.row.vals[t.col("name")].(string); s != ErasedName {
				e.names = append(e.names, s)
			}
		}
		if here {
			if holdsData(t, or) {
				m.erasedHere = append(m.erasedHere, id)
			}
			ours[id] = erasedForm(t, or, at)
		}
		if there {
			if holdsData(t, tr) {
				m.report.StillHeld++
			}
			theirs[id] = erasedForm(t, tr, at)
		}
		m.erased[id] = e
	}
	return nil
}

// holdsData reports whether a row of people still holds a personal field.
func holdsData(t *mergeTable, r mergeRow) bool {
	if s, _ := r.vals[t.col("erased_on")].(string); s == "" {
		return true
	}
	for _, e := range erasedValues {
		if r.vals[t.col(e.col)] != e.val {
			return true
		}
	}
	return false
}

// erasedForm is row r with the erased values, erased as of at, and no
// stamp on those fields.
func erasedForm(t *mergeTable, r mergeRow, at string) mergeRow {
	r = copyRow(r)
	r.fields = maps.Clone(r.fields)
	r.vals[t.col("erased_on")] = at
	delete(r.fields, t.col("erased_on"))
	for _, e := range erasedValues {
		i := t.col(e.col)
		r.vals[i] = e.val
		delete(r.fields, i)
	}
	return r
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
	for _, e := range m.erased {
		if e.learnt {
			m.report.Erased++
		}
	}
}

// eraseMerged finishes, inside the merge's write, every erasure the merge
// met: it notes those this copy learns of, erases the rows here that still
// hold personal data, and clears the change log and the undo history of
// the people newly erased.
func (m *merger) eraseMerged(t *tx) error {
	todo := map[string]erasure{}
	for id, e := range m.erased {
		if e.learnt {
			if err := t.noteErasure(id, e); err != nil {
				return err
			}
		}
		todo[id] = e
	}
	n, err := t.erasePeople(todo)
	m.erasedNow = n
	return err
}

// scrubIncoming words an entry of the other copy's change log as this
// copy keeps it: nothing of an erased person.
func (m *merger) scrubIncoming(c *Change, names *nameScrubber) {
	if _, erased := m.erased[c.EntityID]; erased && c.Entity == "person" {
		c.Summary = erasedSummary
	} else if names != nil {
		c.Summary = names.Replace(c.Summary)
	}
}

// erasedNames is a scrubber taking every name an erased person had in
// either copy out of a text, or nil.
func (m *merger) erasedNames(theirLog []Change) *nameScrubber {
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
	return newNameScrubber(names)
}
