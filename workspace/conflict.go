package workspace

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
)

// ErrConflict: a record saved over a newer change than the one it was read
// from (another window or program wrote it meanwhile).
const ErrConflict ErrorCode = "conflict"

// ConflictError refuses to save a record over a change made since it was
// read. It names each field whose saved value differs from the one being
// saved, and can save again with the user's choice for each.
type ConflictError struct {
	Message string
	Record  string          // the record, as the change log names it
	Fields  []FieldConflict // the fields that differ, in the record's order
	saved   record          // the record as it is in the file now
	// save writes the record again with the saved value of the fields named.
	save func(keepSaved map[string]bool) error
}

// FieldConflict is one field that differs between what is being saved and
// what was saved meanwhile.
type FieldConflict struct {
	Field string // the Go field name, the key for SaveChoosing
	Label string // the field in the users' words: "Home unit"
	Yours string // the value being saved, as shown to users
	Saved string // the value in the file now
}

func (e *ConflictError) Error() string { return e.Message }

// Unwrap lets Code and errors.As see it as a workspace Error.
func (e *ConflictError) Unwrap() error { return &Error{Code: ErrConflict, Message: e.Message} }

// SaveChoosing saves the record again, keeping the saved value of each field
// whose name keepSaved holds and the value being saved of the others. It may
// meet yet another change, and then returns a new ConflictError.
func (e *ConflictError) SaveChoosing(keepSaved map[string]bool) error {
	if e.save == nil {
		return e // refused where no choice can be saved: read the record again
	}
	return e.save(keepSaved)
}

// conflicts lists the fields in which mine differs from saved (only those
// named, when only is given), by name and with their values as users read
// them: a choice by its label, a record referred to by its name (a unit by
// its path), yes and no in words.
func conflicts(q querier, mine, saved record, only []string) []FieldConflict {
	tab := mine.table()
	vm, vs := reflect.ValueOf(mine).Elem(), reflect.ValueOf(saved).Elem()
	// fields() points into mine in the order of the table's columns.
	cols, refs := map[uintptr]string{}, map[uintptr]refField{}
	for j, fp := range mine.fields() {
		if rf, ok := fp.(refField); ok {
			refs[reflect.ValueOf(rf.p).Pointer()] = rf
			fp = rf.p
		}
		cols[reflect.ValueOf(fp).Pointer()] = tab.cols[j]
	}
	var out []FieldConflict
	for i := 0; i < vm.NumField(); i++ {
		f := vm.Type().Field(i)
		if f.Name == "ID" || f.Type == reflect.TypeOf(Stamp{}) || !f.IsExported() || (only != nil && !slices.Contains(only, f.Name)) {
			continue
		}
		x, y := vm.Field(i), vs.Field(i)
		if x.Kind() == reflect.Slice {
			// A nil list was not read, so it leaves the links as they are.
			if x.IsNil() || sameSet(x, y) {
				continue
			}
			link, ok := linkOf(mine, f.Name) // the one of the two lists that is not empty
			if !ok {
				link, _ = linkOf(saved, f.Name)
			}
			out = append(out, FieldConflict{Field: f.Name, Label: sayPlain(link.field), Yours: listed(q, link.other, x.Interface()), Saved: listed(q, link.other, y.Interface())})
			continue
		}
		if reflect.DeepEqual(x.Interface(), y.Interface()) {
			continue
		}
		addr := x.Addr().Pointer()
		col := cols[addr]
		out = append(out, FieldConflict{Field: f.Name, Label: FieldLabel(tab.name, col),
			Yours: shownValue(q, tab.name, col, refs[addr], x.Interface()), Saved: shownValue(q, tab.name, col, refs[addr], y.Interface())})
	}
	return out
}

// shownValue is a field's value as users read it.
func shownValue(q querier, table, col string, ref refField, v any) string {
	if ref.table != "" {
		id, _ := v.(string)
		if id == "" {
			return ""
		}
		if ref.table == "units" {
			if path, err := unitPathIn(q, id); err == nil {
				return path
			}
		}
		return nameOf(q, ref.table, displayColumn[ref.table], id)
	}
	if choices, ok := fieldChoices[table+"."+col]; ok {
		if s, isText := v.(string); isText {
			return Label(choices, s)
		}
		if a, isAnswer := v.(Answer); isAnswer {
			return Label(choices, string(a))
		}
	}
	if x, ok := v.(bool); ok {
		if x {
			return say("Yes")
		}
		return say("No")
	}
	return fmt.Sprint(v)
}

// sameSet reports whether two lists of ids hold the same ids in any order.
func sameSet(a, b reflect.Value) bool {
	if a.Len() != b.Len() {
		return false
	}
	seen := map[any]int{}
	for i := 0; i < a.Len(); i++ {
		seen[a.Index(i).Interface()]++
	}
	for i := 0; i < b.Len(); i++ {
		seen[b.Index(i).Interface()]--
	}
	for _, n := range seen {
		if n != 0 {
			return false
		}
	}
	return true
}

// listed shows a list of linked records by their names, sorted, where the
// link table says which records they are; else by how many there are.
func listed(q querier, target string, v any) string {
	ids, _ := v.([]string)
	col, ok := displayColumn[target]
	if !ok {
		return fmt.Sprint(len(ids))
	}
	var names []string
	for _, id := range ids {
		names = append(names, nameOf(q, target, col, id))
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// linkOf is the link table of a list field of r, found when the list is
// not empty.
func linkOf(r record, field string) (linkTable, bool) {
	v := reflect.ValueOf(r).Elem().FieldByName(field)
	if v.Len() == 0 {
		return linkTable{}, false
	}
	for _, l := range linksOf(r) {
		if len(l.ids) > 0 && &l.ids[0] == v.Index(0).Addr().Interface().(*string) {
			return l.table, true
		}
	}
	return linkTable{}, false
}

// stale reports whether the row was written since r was read from it: r
// carries the stamp it was read with, and every write stamps anew. A record
// without a stamp was not read from the file, so it is taken as it is.
func stale(r, saved record) bool {
	s := *r.stamp()
	return s.UpdatedAt != "" && s != *saved.stamp()
}

// conflictError builds the refusal of mine, read before saved was written.
func conflictError(q querier, mine, saved record, only []string) *ConflictError {
	title := describeIn(q, saved)
	e := &ConflictError{Record: title, Fields: conflicts(q, mine, saved, only), saved: saved}
	e.Message = say("%s “%s” was changed by another window or program after you opened it: choose which value to keep for each field that differs.", Capitalise(sayPlain(saved.table().entity)), title)
	return e
}

func describeIn(q querier, r record) string {
	if d, ok := r.(describer); ok {
		return d.describe(q)
	}
	return r.title()
}

// UpdateFrom saves the changes a form made to a record: mine is the record
// as the form leaves it, base as the form read it. Inside the transaction
// it reads the record as it is now: a field only the form changed takes the
// form's value, a field only someone else changed meanwhile keeps theirs,
// and a field both changed to different values is a conflict, returned as
// a ConflictError naming those fields for the user to choose.
func UpdateFrom[T any, P interface {
	*T
	checker
}](f *File, base, mine T) (T, error) {
	var out T
	err := f.write(func(t *tx) error {
		id := *P(&mine).key()
		if id == "" {
			return notFound(P(&mine).table())
		}
		var now T
		if err := load(t, P(&now), id); err != nil {
			return err
		}
		if l, ok := any(P(&now)).(linker); ok {
			if err := l.loadLinks(t); err != nil {
				return err
			}
		}
		next, both := merge3(base, mine, now)
		if len(both) > 0 {
			return conflictError(t, P(&next), P(&now), both)
		}
		*P(&next).stamp() = *P(&now).stamp() // merged with what is saved now
		p := P(&next)
		if err := p.check(t); err != nil {
			return err
		}
		if err := t.update(p, linksOf(p)...); err != nil {
			return err
		}
		out = next
		return nil
	})
	if err != nil {
		var ce *ConflictError
		if errors.As(err, &ce) && ce.save == nil {
			now := *ce.saved.(P)
			ce.save = func(keepSaved map[string]bool) error {
				next, _ := merge3(base, mine, now) // both sides' changes, mine where both changed
				vn, vs := reflect.ValueOf(&next).Elem(), reflect.ValueOf(&now).Elem()
				for name, keep := range keepSaved {
					if keep {
						vn.FieldByName(name).Set(vs.FieldByName(name))
					}
				}
				_, err := UpdateFrom[T, P](f, now, next)
				return err
			}
			return out, ce
		}
		return out, err
	}
	return out, nil
}

// merge3 takes base's record to now's with mine's changes: the fields mine
// changed from base take mine's value, the others now's. It names the
// fields changed on both sides to different values.
func merge3[T any](base, mine, now T) (T, []string) {
	next := now
	vb, vm, vn := reflect.ValueOf(&base).Elem(), reflect.ValueOf(&mine).Elem(), reflect.ValueOf(&next).Elem()
	var both []string
	for i := 0; i < vb.NumField(); i++ {
		f := vb.Type().Field(i)
		if f.Name == "ID" || f.Type == reflect.TypeOf(Stamp{}) || !f.IsExported() {
			continue
		}
		b, m, n := vb.Field(i), vm.Field(i), vn.Field(i)
		if m.Kind() == reflect.Slice && m.IsNil() {
			continue // not read: the links stay as they are
		}
		if same(b, m) {
			continue // the form left it: what is saved now stays
		}
		if !same(b, n) && !same(m, n) {
			both = append(both, f.Name)
		}
		n.Set(m)
	}
	return next, both
}

// same compares two values of a field; lists of ids in any order, an
// empty list and none alike.
func same(a, b reflect.Value) bool {
	if a.Kind() == reflect.Slice {
		return sameSet(a, b)
	}
	return reflect.DeepEqual(a.Interface(), b.Interface())
}
