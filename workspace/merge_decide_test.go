package workspace

import (
	"fmt"
	"testing"
)

// rowScenario is one named case of decideRow.
type rowScenario struct {
	name                 string
	met                  lastMet
	ours, theirs         *mergeRow
	ourStone, theirStone *Tombstone
	want                 rowDecision
	// fields, for a record changed in both copies: what decideFields says.
	fields *fieldDecision
}

// decideRowScenarios are the cases of decideRow, one named scenario each (or
// more). The copies last met at stamp "10": this copy (A) had then seen
// theirs (B) up to "10", and B had seen A up to "10". A row stamped after
// that is a change the other copy has not seen.
func decideRowScenarios() []rowScenario {
	met := lastMet{ourCopy: "A", oursAfter: "10", theirsAfter: "10"}
	row := func(val, stamp, copyID string) *mergeRow {
		return &mergeRow{vals: []any{val}, updatedAt: stamp, copyID: copyID}
	}
	arrived := func(r *mergeRow, at string) *mergeRow { r.arrivedAt = at; return r }
	row2 := func(name, phone, stamp, copyID string) *mergeRow {
		return &mergeRow{vals: []any{name, phone}, updatedAt: stamp, copyID: copyID}
	}
	stamp := func(at, copyID, arrived string) fieldStamp {
		return fieldStamp{at: at, copyID: copyID, arrivedAt: arrived}
	}
	fields := func(r *mergeRow, named ...any) *mergeRow {
		r.fields = map[int]fieldStamp{}
		for i := 0; i < len(named); i += 2 {
			r.fields[map[string]int{"name": 0, "phone": 1}[named[i].(string)]] = named[i+1].(fieldStamp)
		}
		return r
	}
	stone := func(at, copyID, arrival, replaced string) *Tombstone {
		return &Tombstone{ID: "x", DeletedAt: at, CopyID: copyID, arrival: arrival, replaced: replaced}
	}
	return []rowScenario{
		{name: "1 the same in both copies", met: met,
			ours: row("Maji", "05", "A"), theirs: row("Maji", "15", "B"),
			want: rowDecision{Case: rowSame}},
		{name: "2 only ours, never deleted in theirs", met: met,
			ours: row("Maji", "15", "A"),
			want: rowDecision{Case: rowOnlyOurs}},
		{name: "2 only ours, their deletion older than the last meeting (brought back here)", met: met,
			ours: row("Maji", "15", "A"), theirStone: stone("08", "B", "08", ""),
			want: rowDecision{Case: rowOnlyOurs}},
		{name: "3 only theirs, never deleted here", met: met,
			theirs: row("Maji", "15", "B"),
			want:   rowDecision{Case: rowOnlyTheirs, TheirsChanged: true}},
		{name: "4 changed here only", met: met,
			ours: row("Maji Safi", "15", "A"), theirs: row("Maji", "05", "B"),
			want: rowDecision{Case: rowTheirsSeen}},
		{name: "4 neither changed since the meeting, yet different", met: met,
			ours: row("Maji Safi", "05", "A"), theirs: row("Maji", "06", "B"),
			want: rowDecision{Case: rowTheirsSeen}},
		{name: "4 our own change coming back from theirs", met: met,
			ours: row("Maji Safi", "20", "A"), theirs: arrived(row("Maji", "12", "A"), "14"),
			want: rowDecision{Case: rowTheirsSeen}},
		{name: "5 changed in theirs only", met: met,
			ours: row("Maji", "05", "A"), theirs: row("Maji Safi", "15", "B"),
			want: rowDecision{Case: rowChangedThere, TheirsChanged: true}},
		{name: "5 ours only came in from a merge and theirs moved on", met: met,
			ours: arrived(row("Maji", "12", "C"), "13"), theirs: row("Maji Safi", "14", "B"),
			want: rowDecision{Case: rowChangedThere, TheirsChanged: true}},
		{name: "6 changed in both, theirs newer", met: met,
			ours: row("Maji Safi", "15", "A"), theirs: row("Maji Bora", "16", "B"),
			want: rowDecision{Case: rowChangedBoth, TheirsChanged: true, Newer: Theirs}},
		{name: "6 changed in both, ours newer", met: met,
			ours: row("Maji Safi", "17", "A"), theirs: row("Maji Bora", "16", "B"),
			want: rowDecision{Case: rowChangedBoth, TheirsChanged: true, Newer: Ours}},
		{name: "6 changed in both at the same stamp: the larger copy id wins", met: met,
			ours: row("Maji Safi", "16", "A"), theirs: row("Maji Bora", "16", "B"),
			want: rowDecision{Case: rowChangedBoth, TheirsChanged: true, Newer: Theirs}},
		{name: "6 copies that never met differ", met: lastMet{ourCopy: "A"},
			ours: row("Maji Safi", "05", "A"), theirs: row("Maji Bora", "06", "B"),
			want: rowDecision{Case: rowChangedBoth, TheirsChanged: true, Newer: Theirs}},
		{name: "7 deleted here, unchanged in theirs", met: met,
			theirs: row("Maji", "05", "B"), ourStone: stone("15", "A", "15", ""),
			want: rowDecision{Case: rowDeletedHere}},
		{name: "7 deleted here, theirs holds our version from before the deletion", met: met,
			theirs: arrived(row("Maji", "12", "A"), "13"), ourStone: stone("14", "A", "14", ""),
			want: rowDecision{Case: rowDeletedHere}},
		{name: "8 deleted here, changed in theirs later", met: met,
			theirs: row("Maji Safi", "16", "B"), ourStone: stone("15", "A", "15", ""),
			want: rowDecision{Case: rowDeletedHereChangedThere, TheirsChanged: true, Newer: Theirs}},
		{name: "8 deleted here after their change", met: met,
			theirs: row("Maji Safi", "14", "B"), ourStone: stone("15", "A", "15", ""),
			want: rowDecision{Case: rowDeletedHereChangedThere, TheirsChanged: true, Newer: Ours}},
		{name: "9 deleted in theirs, unchanged here", met: met,
			ours: row("Maji", "05", "A"), theirStone: stone("15", "B", "15", ""),
			want: rowDecision{Case: rowDeletedThere}},
		{name: "10 deleted in theirs, changed here later", met: met,
			ours: row("Maji Safi", "16", "A"), theirStone: stone("15", "B", "15", ""),
			want: rowDecision{Case: rowDeletedThereChangedHere, Newer: Ours}},
		{name: "10 deleted in theirs after our change", met: met,
			ours: row("Maji Safi", "14", "A"), theirStone: stone("15", "B", "15", ""),
			want: rowDecision{Case: rowDeletedThereChangedHere, Newer: Theirs}},
		{name: "11 found entered twice here, theirs unchanged", met: met,
			theirs: row("Maji", "05", "B"), ourStone: stone("15", "A", "15", "kept"),
			want: rowDecision{Case: rowReplacedHere}},
		{name: "11 found entered twice here, theirs changed since", met: met,
			theirs: row("Maji Safi", "16", "B"), ourStone: stone("15", "A", "15", "kept"),
			want: rowDecision{Case: rowReplacedHere, TheirsChanged: true}},
		{name: "12 found entered twice in theirs", met: met,
			ours: row("Maji Safi", "16", "A"), theirStone: stone("15", "B", "15", "kept"),
			want: rowDecision{Case: rowReplacedThere}},
		{name: "12 however long before the meeting theirs found it", met: met,
			ours: row("Maji", "05", "A"), theirStone: stone("08", "B", "08", "kept"),
			want: rowDecision{Case: rowReplacedThere}},
		{name: "5 ours is a parent's version theirs had seen, theirs newer (copies made from one workspace)",
			met:  lastMet{ourCopy: "A", theirCopy: "B", theirSeen: map[string]string{"P": "09"}},
			ours: row("Maji", "08", "P"), theirs: row("Maji Safi", "15", "B"),
			want: rowDecision{Case: rowChangedThere, TheirsChanged: true}},
		{name: "6 a parent's version theirs had seen, but ours the newer (clocks apart)",
			met:  lastMet{ourCopy: "A", theirCopy: "B", theirSeen: map[string]string{"P": "09"}},
			ours: row("Maji", "08", "P"), theirs: row("Maji Safi", "07", "B"),
			want: rowDecision{Case: rowChangedBoth, TheirsChanged: true, Newer: Ours}},
		{name: "6 a parent's version theirs had not seen yet",
			met:  lastMet{ourCopy: "A", theirCopy: "B", theirSeen: map[string]string{"P": "07"}},
			ours: row("Maji", "08", "P"), theirs: row("Maji Safi", "15", "B"),
			want: rowDecision{Case: rowChangedBoth, TheirsChanged: true, Newer: Theirs}},
		{name: "9 a parent's version theirs had seen and deleted since",
			met:  lastMet{ourCopy: "A", theirCopy: "B", theirSeen: map[string]string{"P": "09"}},
			ours: row("Maji", "08", "P"), theirStone: stone("15", "B", "15", ""),
			want: rowDecision{Case: rowDeletedThere}},

		// 6, field by field: a record of two fields (a name and a phone),
		// each field stamped when it last changed.
		{name: "6 different fields changed: each copy's change is kept", met: met,
			ours:   fields(row2("Maji Safi", "0722", "15", "A"), "name", stamp("15", "A", "")),
			theirs: fields(row2("Maji", "0733", "16", "B"), "phone", stamp("16", "B", "")),
			want:   rowDecision{Case: rowChangedBoth, TheirsChanged: true, Newer: Theirs},
			fields: &fieldDecision{Take: []int{1}}},
		{name: "6 the same field changed in both: a conflict on that field only", met: met,
			ours:   fields(row2("Maji Safi", "0722", "15", "A"), "name", stamp("15", "A", "")),
			theirs: fields(row2("Maji Bora", "0733", "16", "B"), "name", stamp("16", "B", ""), "phone", stamp("16", "B", "")),
			want:   rowDecision{Case: rowChangedBoth, TheirsChanged: true, Newer: Theirs},
			fields: &fieldDecision{Take: []int{1}, Conflicts: []int{0}}},
		{name: "6 a field changed before the copies met counts as seen", met: met,
			ours:   fields(row2("Maji Safi", "0722", "15", "A"), "name", stamp("15", "A", ""), "phone", stamp("05", "A", "")),
			theirs: fields(row2("Maji", "0733", "16", "B"), "phone", stamp("16", "B", "")),
			want:   rowDecision{Case: rowChangedBoth, TheirsChanged: true, Newer: Theirs},
			fields: &fieldDecision{Take: []int{1}}},
		{name: "6 our own field change coming back from theirs is no change of theirs", met: met,
			ours:   fields(row2("Maji Safi", "0722", "15", "A"), "name", stamp("15", "A", ""), "phone", stamp("14", "A", "")),
			theirs: fields(row2("Maji", "0711", "16", "B"), "phone", stamp("12", "A", "13")),
			want:   rowDecision{Case: rowChangedBoth, TheirsChanged: true, Newer: Theirs},
			fields: &fieldDecision{}},
		{name: "6 a field that came in from a merge, which theirs has changed since", met: met,
			ours:   fields(row2("Maji Safi", "0722", "15", "A"), "name", stamp("15", "A", ""), "phone", stamp("12", "C", "13")),
			theirs: fields(row2("Maji", "0733", "16", "B"), "phone", stamp("14", "B", "")),
			want:   rowDecision{Case: rowChangedBoth, TheirsChanged: true, Newer: Theirs},
			fields: &fieldDecision{Take: []int{1}}},
		{name: "6 a third copy's field theirs had seen, theirs newer", met: lastMet{ourCopy: "A", theirCopy: "B", oursAfter: "10", theirsAfter: "10", theirSeen: map[string]string{"C": "12"}},
			ours:   fields(row2("Maji Safi", "0722", "15", "A"), "name", stamp("15", "A", ""), "phone", stamp("11", "C", "")),
			theirs: fields(row2("Maji", "0733", "16", "B"), "phone", stamp("14", "B", "")),
			want:   rowDecision{Case: rowChangedBoth, TheirsChanged: true, Newer: Theirs},
			fields: &fieldDecision{Take: []int{1}}},
		{name: "6 fields neither copy stamped (saved before fields were): a conflict, as records were", met: met,
			ours:   row2("Maji Safi", "0722", "15", "A"),
			theirs: row2("Maji", "0733", "16", "B"),
			want:   rowDecision{Case: rowChangedBoth, TheirsChanged: true, Newer: Theirs},
			fields: &fieldDecision{Conflicts: []int{0, 1}}},
		{name: "13 gone in both", met: met,
			ourStone: stone("15", "A", "15", ""), theirStone: stone("16", "B", "16", ""),
			want: rowDecision{Case: rowGoneBoth}},
	}
}

func TestDecideRow(t *testing.T) {
	for _, c := range decideRowScenarios() {
		t.Run(c.name, func(t *testing.T) {
			if got := decideRow(c.met, c.ours, c.theirs, c.ourStone, c.theirStone); got != c.want {
				t.Errorf("decideRow = %+v, want %+v", got, c.want)
			}
			if c.fields != nil {
				if got := decideFields(c.met, c.ours, c.theirs); fmt.Sprint(got) != fmt.Sprint(*c.fields) {
					t.Errorf("decideFields = %+v, want %+v", got, *c.fields)
				}
			}
		})
	}
}

// Every case of rowCase has a named scenario above: a case added to
// decideRow without one fails here.
func TestDecideRowCoversEveryCase(t *testing.T) {
	seen := map[rowCase]bool{}
	for _, c := range decideRowScenarios() {
		seen[c.want.Case] = true
	}
	for c := rowSame; c <= rowGoneBoth; c++ {
		if !seen[c] {
			t.Errorf("case %d has no named scenario", c)
		}
	}
}
