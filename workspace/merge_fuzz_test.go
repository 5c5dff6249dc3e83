package workspace

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"
)

// FuzzMerge edits three copies of a small workspace and merges them into
// each other as the input says, each with a clock of its own (one hours
// ahead, one behind). Every merge must succeed and leave a sound workspace,
// and after every copy has merged every other, twice round, all three must
// hold the same records.
func FuzzMerge(f *testing.F) {
	f.Add([]byte{0, 11, 22, 3, 14, 25, 6, 17, 28, 8, 38, 68})
	f.Add([]byte{7, 17, 27, 2, 12, 9, 19, 1, 21})
	f.Add([]byte{3, 13, 33, 4, 14, 5, 15, 6, 16, 48, 58, 9})
	f.Add([]byte{2, 12, 0, 10, 20, 9, 39, 69, 1, 11, 21})
	f.Fuzz(func(t *testing.T, ops []byte) {
		if len(ops) > 30 {
			return
		}
		dir := t.TempDir()
		a, err := Create(filepath.Join(dir, "c0.cpw"), NewOptions{Name: "Fuzz"})
		if err != nil {
			t.Fatal(err)
		}
		seedFuzz(t, a)
		cs := []*File{a}
		for i := 1; i < 3; i++ {
			p := filepath.Join(dir, fmt.Sprintf("c%d.cpw", i))
			if err := a.SaveCopy(p); err != nil {
				t.Fatal(err)
			}
			c, err := Open(p)
			if err != nil {
				t.Fatal(err)
			}
			cs = append(cs, c)
		}
		for i, c := range cs {
			clock := time.Now().Add(time.Duration(i*5-5) * time.Hour) // behind, on time, ahead
			c.Now = func() time.Time { clock = clock.Add(time.Second); return clock }
			defer c.Close()
		}
		for i, op := range ops {
			x, y := cs[int(op/10)%3], cs[int(op/30)%3]
			if op%10 == 8 {
				if x != y {
					if _, err := y.Merge(x.Path(), MergeOptions{}); err != nil {
						t.Fatalf("op %d: merge: %v", i, err)
					}
				}
				continue
			}
			editFuzz(x, op%10, int(op/10), i)
		}
		for round := 0; round < 2; round++ {
			for _, into := range cs {
				for _, from := range cs {
					if into == from {
						continue
					}
					if _, err := into.Merge(from.Path(), MergeOptions{}); err != nil {
						t.Fatalf("round %d: merge: %v", round, err)
					}
					if err := into.checkHealth(); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
		first := fingerprint(t, cs[0])
		for _, c := range cs[1:] {
			sameRecords(t, first, fingerprint(t, c))
		}
	})
}

func seedFuzz(t *testing.T, f *File) {
	sectors := must[[]Sector](t)(f.Sectors())
	var people []string
	for i := 0; i < 3; i++ {
		o := must[Organisation](t)(f.CreateOrganisation(Organisation{Name: fmt.Sprintf("Org %d", i), Kind: "ngo", Base: "local", SectorIDs: []string{sectors[i].ID}}))
		p := must[Person](t)(f.CreatePerson(Person{Name: fmt.Sprintf("Person %d", i), OrganisationID: o.ID}))
		people = append(people, p.ID)
		c := must[Consortium](t)(f.CreateConsortium(Consortium{Code: fmt.Sprintf("C%d", i), Name: fmt.Sprintf("Consortium %d", i)}))
		must[ConsortiumMember](t)(f.CreateMember(ConsortiumMember{ConsortiumID: c.ID, OrganisationID: o.ID}))
	}
	m := must[Meeting](t)(f.CreateMeeting(Meeting{Kind: "consortium", HeldOn: "2026-01-10", AttendeeIDs: people[:2]}))
	must[Decision](t)(f.CreateDecision(Decision{MeetingID: m.ID, Text: "Start with water"}))
	must[FollowUp](t)(f.CreateFollowUp(FollowUp{MeetingID: m.ID, Text: "Book the hall", OwnerID: people[0], DueOn: "2026-02-01"}))
}

// editFuzz makes one change; changes the rules refuse are skipped.
func editFuzz(f *File, kind byte, n, step int) {
	orgs, _ := f.Organisations()
	people, _ := f.People(PersonFilter{})
	consortia, _ := f.Consortia()
	meetings, _ := f.Meetings()
	sectors, _ := f.Sectors()
	pick := func(count int) int { return n % max(count, 1) }
	switch kind {
	case 0:
		f.CreateOrganisation(Organisation{Name: fmt.Sprintf("New org %d", n%3), Kind: "cbo", Base: "local"})
	case 1:
		if len(orgs) > 0 {
			o := orgs[pick(len(orgs))]
			o.Notes = fmt.Sprintf("step %d", step)
			o.SectorIDs = []string{sectors[(n+step)%len(sectors)].ID}
			f.UpdateOrganisation(o)
		}
	case 2:
		if len(orgs) > 0 {
			f.DeleteOrganisation(orgs[pick(len(orgs))].ID)
		}
	case 3:
		if len(orgs) > 0 {
			f.CreatePerson(Person{Name: fmt.Sprintf("person %d", step), OrganisationID: orgs[pick(len(orgs))].ID})
		}
	case 4:
		if len(people) > 0 {
			f.DeletePerson(people[pick(len(people))].ID)
		}
	case 5:
		if len(meetings) > 0 {
			f.CreateDecision(Decision{MeetingID: meetings[0].ID, Text: fmt.Sprintf("decision %d", step)})
		}
	case 6:
		if len(consortia) > 0 {
			c := consortia[pick(len(consortia))]
			c.Purpose = fmt.Sprintf("step %d", step)
			f.UpdateConsortium(c)
		}
	case 7:
		if len(meetings) > 0 {
			f.DeleteMeeting(meetings[0].ID)
		} else if len(consortia) > 0 {
			f.DeleteConsortium(consortia[pick(len(consortia))].ID)
		}
	case 9:
		// A partner deleted and entered again under the same name.
		if len(orgs) > 0 {
			o := orgs[pick(len(orgs))]
			if f.DeleteOrganisation(o.ID) == nil {
				o.ID = ""
				f.CreateOrganisation(o)
			}
		}
	}
}
