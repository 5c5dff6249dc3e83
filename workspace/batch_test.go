package workspace

import (
	"errors"
	"testing"

	"github.com/google/uuid"
)

// A record whose link cannot be made is written half (the record without
// its links) before Save returns its error; a batch row undoes it, and
// only it: what the batch saved before and after stays.
func TestBatchRowUndoesAHalfWrittenRecord(t *testing.T) {
	f := newFile(t)
	refused := errors.New("the row has a problem")
	err := f.Batch(true, func(b *Batch) error {
		if _, _, err := Save(b, Organisation{Name: "Before", Kind: "cbo"}); err != nil {
			return err
		}
		// Without a row, the record stays although Save failed.
		if _, _, err := Save(b, Organisation{Name: "Half written", Kind: "cbo", SectorIDs: []string{uuid.NewString()}}); Code(err) != ErrInvalid {
			t.Fatalf("a link to no sector: %v", err)
		}
		if got := organisationNames(t, b); got["Half written"] != true {
			t.Fatalf("the record without its links was not written (the test no longer shows a half write): %v", got)
		}
		err := b.Row(func() error {
			_, _, err := Save(b, Organisation{Name: "In a row", Kind: "cbo", SectorIDs: []string{uuid.NewString()}})
			if err == nil {
				t.Error("a link to no sector was saved")
			}
			return refused
		})
		if err != refused {
			t.Fatalf("Row returned %v, not fn's error", err)
		}
		if err := b.Row(func() error {
			_, _, err := Save(b, Organisation{Name: "Kept in a row", Kind: "cbo"})
			return err
		}); err != nil {
			return err
		}
		_, _, err = Save(b, Organisation{Name: "After", Kind: "cbo"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	orgs, err := f.Organisations()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, o := range orgs {
		got[o.Name] = true
	}
	for _, name := range []string{"Before", "Half written", "Kept in a row", "After"} {
		if !got[name] {
			t.Errorf("%s was not kept: %v", name, got)
		}
	}
	if got["In a row"] || len(orgs) != 4 {
		t.Errorf("the row's half-written record stayed: %v", got)
	}
}

// A row inside a dry-run batch leaves nothing, and a row after an error
// that ended the batch returns that error without running.
func TestBatchRowAfterTheBatchEnded(t *testing.T) {
	f := newFile(t)
	err := f.Batch(false, func(b *Batch) error {
		return b.Row(func() error {
			_, _, err := Save(b, Organisation{Name: "Dry", Kind: "cbo"})
			return err
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if orgs, _ := f.Organisations(); len(orgs) != 0 {
		t.Fatalf("a dry run kept %+v", orgs)
	}
	lost := &Error{Code: ErrReadOnly, Message: "the disk is full"}
	ran := false
	err = f.Batch(true, func(b *Batch) error {
		b.t.lost = lost
		return b.Row(func() error { ran = true; return nil })
	})
	if err != lost || ran {
		t.Fatalf("a row after the batch ended: %v (ran: %v)", err, ran)
	}
}

func organisationNames(t *testing.T, b *Batch) map[string]bool {
	t.Helper()
	view := b.Workspace()
	orgs, err := view.Organisations()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, o := range orgs {
		out[o.Name] = true
	}
	return out
}
