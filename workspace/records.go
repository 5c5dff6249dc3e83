package workspace

import (
	"github.com/google/uuid"
)

// checker is a record that can validate itself inside a transaction, where it
// may also look at other rows.
type checker interface {
	record
	check(t *tx) error
}

// linker is a record with many-to-many links stored beside it.
type linker interface {
	links() []linkValues
	loadLinks(q querier) error
}

func linksOf(r record) []linkValues {
	if l, ok := r.(linker); ok {
		return l.links()
	}
	return nil
}

func checkID(id string) error {
	if id == "" {
		return nil
	}
	if _, err := uuid.Parse(id); err != nil {
		// Not invalid("ID", …): "ID" is a word Fyne's lang reserves, so it
		// cannot be a text of the translation files (and reads the same).
		return &Error{Code: ErrInvalid, Field: "ID", FieldKey: "ID", Message: say("The id “%s” is not a valid UUID.", id)}
	}
	return nil
}

// createRecord validates v and stores it as a new row.
func createRecord[T any, P interface {
	*T
	checker
}](f *File, v T) (T, error) {
	p := P(&v)
	err := f.write(func(t *tx) error {
		if err := checkID(*p.key()); err != nil {
			return err
		}
		if err := p.check(t); err != nil {
			return err
		}
		return t.create(p, linksOf(p)...)
	})
	if err != nil {
		var zero T
		return zero, err
	}
	return v, nil
}

// updateRecord validates v and writes it over the row with its id.
func updateRecord[T any, P interface {
	*T
	checker
}](f *File, v T) (T, error) {
	p := P(&v)
	err := f.write(func(t *tx) error {
		if *p.key() == "" {
			return notFound(p.table())
		}
		if err := p.check(t); err != nil {
			return err
		}
		return t.update(p, linksOf(p)...)
	})
	if err != nil {
		var zero T
		return zero, err
	}
	return v, nil
}

// deleteRecord deletes the row of T with id (see tx.remove).
func deleteRecord[T any, P interface {
	*T
	record
}](f *File, id string) error {
	var v T
	return f.write(func(t *tx) error { return t.remove(P(&v), id) })
}

// getRecord reads the row of T with id, with its links.
func getRecord[T any, P interface {
	*T
	record
}](q querier, id string) (T, error) {
	var v T
	p := P(&v)
	if err := load(q, p, id); err != nil {
		return v, err
	}
	if l, ok := any(p).(linker); ok {
		if err := l.loadLinks(q); err != nil {
			return v, err
		}
	}
	return v, nil
}
