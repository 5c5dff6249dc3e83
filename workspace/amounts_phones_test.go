package workspace

import (
	"strings"
	"testing"
)

// More secured than a gap's estimated cost cannot be: the brief's open total
// (cost less secured) and its missing total would disagree. The window's
// edit is refused with both amounts, and so is a gap with money secured and
// no cost estimated; secured equal to the cost is a filled gap.
func TestSecuredAboveTheCostIsRefused(t *testing.T) {
	f := newFile(t)
	_, err := f.CreateResourceGap(ResourceGap{Title: "Survey", Kind: "funding", EstimatedCost: 1_000_000, Secured: 1_200_000})
	wantCode(t, err, ErrInvalid)
	if e := err.(*Error); e.FieldKey != "Secured" || !strings.Contains(e.Message, "1,200,000") || !strings.Contains(e.Message, "1,000,000") {
		t.Errorf("the refusal does not give both amounts in the Secured field: %+v", e)
	}
	_, err = f.CreateResourceGap(ResourceGap{Title: "Survey", Kind: "funding", Secured: 5_000})
	wantCode(t, err, ErrInvalid)
	if !strings.Contains(err.Error(), "5,000") || !strings.Contains(err.Error(), "estimated cost") {
		t.Errorf("the refusal does not say what is missing: %v", err)
	}
	g := must[ResourceGap](t)(f.CreateResourceGap(ResourceGap{Title: "Survey", Kind: "funding", EstimatedCost: 1_000_000, Secured: 1_000_000}))
	g.Secured = 1_000_001
	_, err = f.UpdateResourceGap(g)
	wantCode(t, err, ErrInvalid)
	if got := must[ResourceGap](t)(f.ResourceGap(g.ID)); got.Secured != 1_000_000 {
		t.Errorf("the refused edit was kept: %+v", got)
	}
}

// The demo never makes such a gap, and a copy holding one (written by
// another tool) is refused by a merge, as the window would refuse it.
func TestMergeRefusesAGapSecuringMoreThanItsCost(t *testing.T) {
	cs := copies(t, 2)
	a, b := cs[0], cs[1]
	gaps := must[[]ResourceGap](t)(b.ResourceGaps(GapFilter{}))
	for _, g := range gaps {
		if g.Secured > g.EstimatedCost {
			t.Errorf("the demo's gap %q secures %d of a cost of %d", g.Title, g.Secured, g.EstimatedCost)
		}
	}
	if _, err := b.db.Exec("UPDATE gaps SET secured = estimated_cost + 500000, updated_at = '2030-01-01T00:00:00.000Z' WHERE id = ?", gaps[0].ID); err != nil {
		t.Fatal(err)
	}
	before := fingerprint(t, a)
	_, err := a.Merge(b.Path(), MergeOptions{})
	wantCode(t, err, ErrInvalid)
	if !strings.Contains(err.Error(), gaps[0].Title) || !strings.Contains(err.Error(), "nothing was merged") {
		t.Errorf("the refusal does not name the gap: %v", err)
	}
	sameRecords(t, before, fingerprint(t, a))
}

// A phone number has at least 7 digits: "07123" is refused with a sentence;
// two numbers joined as "A / B" (as an import keeps a Tel and a Mobile
// column) are allowed when each is a whole number.
func TestPhoneNeedsSevenDigits(t *testing.T) {
	f := newFile(t)
	for _, short := range []string{"07123", "0712345001 / 123"} {
		_, err := f.CreatePerson(Person{Name: "Amina Otieno", Phone: short})
		wantCode(t, err, ErrInvalid)
		if e := err.(*Error); e.FieldKey != "Phone" || !strings.Contains(e.Message, "at least 7 digits") {
			t.Errorf("%q: %+v", short, e)
		}
	}
	for _, good := range []string{"0712345001", "+254 712 345 001", "020 123 4567 / 0712 345 001", "(020) 444-5555"} {
		if _, err := f.CreatePerson(Person{Name: "Amina " + good, Phone: good}); err != nil {
			t.Errorf("%q refused: %v", good, err)
		}
	}
}
