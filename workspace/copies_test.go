package workspace

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// textValues reads every text value of every table of a workspace file
// with SQL, as someone handed the copy would.
func textValues(t *testing.T, path string) []string {
	t.Helper()
	db, err := sql.Open(driverName, "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var tables []string
	rows, err := db.Query("SELECT name FROM sqlite_master WHERE type = 'table'")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var n string
		rows.Scan(&n)
		tables = append(tables, n)
	}
	rows.Close()
	var out []string
	for _, table := range tables {
		rows, err := db.Query("SELECT * FROM " + quoteName(table))
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			rows.Scan(ptrs...)
			for _, v := range vals {
				switch x := v.(type) {
				case string:
					out = append(out, x)
				case []byte:
					out = append(out, string(x))
				}
			}
		}
		rows.Close()
	}
	return out
}

// contactsOf lists the phone numbers and e-mail addresses a workspace holds.
func contactsOf(t *testing.T, f *File) []string {
	t.Helper()
	var out []string
	for _, p := range must[[]Person](t)(f.People(PersonFilter{})) {
		for _, c := range []string{p.Phone, p.Email} {
			if c != "" {
				out = append(out, c)
			}
		}
	}
	return out
}

func personNamed(t *testing.T, f *File, name string) Person {
	t.Helper()
	for _, p := range must[[]Person](t)(f.People(PersonFilter{})) {
		if p.Name == name {
			return p
		}
	}
	t.Fatalf("no person %q in %s", name, filepath.Base(f.Path()))
	return Person{}
}

// A copy without contacts holds none, read with SQL or as bytes, its
// change log included; the register records it; a copy without the
// sensitive fields also lacks gender and age band.
func TestCopyWithoutContactsHoldsNone(t *testing.T) {
	a := copies(t, 1)[0]
	a.Author = "Wanjiru Kamau"
	people := must[[]Person](t)(a.People(PersonFilter{}))
	p := people[0]
	p.Phone, p.Email = "0722 123 987", "amina@example.org"
	must[Person](t)(a.UpdatePerson(p)) // the change log now shows both
	contacts := contactsOf(t, a)
	if len(contacts) < 10 {
		t.Fatalf("the demo has %d contacts", len(contacts))
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "for-kplc.cpw")
	if err := a.SaveCopyFor(out, CopyOptions{LeaveOut: LeaveOutContacts, For: "KPLC Nairobi"}); err != nil {
		t.Fatal(err)
	}
	values := strings.Join(textValues(t, out), "\n")
	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range contacts {
		if strings.Contains(values, c) {
			t.Errorf("the copy still holds %q", c)
		}
		if strings.Contains(string(raw), c) {
			t.Errorf("the copy's bytes still hold %q", c)
		}
	}
	c := must[*File](t)(Open(out))
	defer c.Close()
	if got := must[string](t)(c.LeftOut()); got != LeaveOutContacts {
		t.Errorf("the copy says it left out %q", got)
	}
	if got := personNamed(t, c, p.Name); got.Gender == "" || got.Position != p.Position {
		t.Errorf("the copy lost more than the contacts: %+v", got)
	}
	if made := must[[]CopyMade](t)(c.CopiesMade()); len(made) != 0 {
		t.Errorf("the copy took the workspace's register: %+v", made)
	}
	made := must[[]CopyMade](t)(a.CopiesMade())
	if len(made) != 1 || made[0].MadeFor != "KPLC Nairobi" || made[0].LeftOut != LeaveOutContacts || made[0].MadeBy != "Wanjiru Kamau" ||
		made[0].FileName != "for-kplc.cpw" || made[0].CopyID != c.CopyID() {
		t.Errorf("the register: %+v", made)
	}

	// Without the sensitive fields: made from the copy, it stays without
	// contacts too.
	out2 := filepath.Join(dir, "for-research.cpw")
	if err := c.SaveCopyFor(out2, CopyOptions{LeaveOut: LeaveOutSensitive}); err != nil {
		t.Fatal(err)
	}
	s := must[*File](t)(Open(out2))
	defer s.Close()
	for _, q := range must[[]Person](t)(s.People(PersonFilter{})) {
		if q.Phone != "" || q.Email != "" || q.Gender != "" || q.AgeBand != "" {
			t.Fatalf("the copy without sensitive fields holds %+v", q)
		}
	}
	if values := strings.Join(textValues(t, out2), "\n"); strings.Contains(values, "gender: “") || strings.Contains(values, "age band: “") {
		t.Error("the change log of the copy without sensitive fields still shows them")
	}
	// A whole copy of a copy without contacts is without them too.
	out3 := filepath.Join(dir, "again.cpw")
	if err := c.SaveCopy(out3); err != nil {
		t.Fatal(err)
	}
	w := must[*File](t)(Open(out3))
	defer w.Close()
	if got := must[string](t)(w.LeftOut()); got != LeaveOutContacts {
		t.Errorf("a copy of a copy without contacts left out %q", got)
	}
	wantCode(t, a.SaveCopyFor(filepath.Join(dir, "x.cpw"), CopyOptions{LeaveOut: "names"}), ErrInvalid)
}

// Merging a copy without contacts back never reads the missing contacts as
// deletions: the full copy keeps them, and takes the other changes, and a
// contact typed in the copy afterwards. Merging the full copy into the copy
// without contacts brings none in, change log included. Through a third
// copy it is the same.
func TestMergeACopyWithoutContacts(t *testing.T) {
	cs := copies(t, 2)
	a, b := cs[0], cs[1] // b: a whole copy, the third in the ring
	dir := t.TempDir()
	pPath := filepath.Join(dir, "without.cpw")
	if err := a.SaveCopyFor(pPath, CopyOptions{LeaveOut: LeaveOutContacts}); err != nil {
		t.Fatal(err)
	}
	p := must[*File](t)(Open(pPath))
	defer p.Close()
	clock := demoDay.Add(2 * time.Hour)
	p.Now = func() time.Time { clock = clock.Add(time.Second); return clock }
	before := contactsOf(t, a)
	people := must[[]Person](t)(a.People(PersonFilter{}))
	var withPhone []Person
	for _, q := range people {
		if q.Phone != "" {
			withPhone = append(withPhone, q)
		}
	}
	x, z, w := withPhone[0], withPhone[1], withPhone[2]

	// In the copy without contacts: a position, a phone typed in, a new
	// person with a phone.
	px := personNamed(t, p, x.Name)
	px.Position = "Cell chair"
	must[Person](t)(p.UpdatePerson(px))
	pz := personNamed(t, p, z.Name)
	pz.Phone = "0799 000 111"
	must[Person](t)(p.UpdatePerson(pz))
	must[Person](t)(p.CreatePerson(Person{Name: "Yusuf Abdi", Phone: "0700 111 222"}))
	// In the whole copy: a phone changed, which must not reach p.
	aw := personNamed(t, a, w.Name)
	aw.Phone = "0733 444 555"
	must[Person](t)(a.UpdatePerson(aw))

	r := must[MergeReport](t)(a.Merge(pPath, MergeOptions{}))
	if len(r.Conflicts) != 0 {
		t.Errorf("merging the copy without contacts: conflicts %+v", r.Conflicts)
	}
	if got := personNamed(t, a, x.Name); got.Phone != x.Phone || got.Email != x.Email || got.Position != "Cell chair" {
		t.Errorf("after merging back: %+v (phone was %q)", got, x.Phone)
	}
	if got := personNamed(t, a, z.Name); got.Phone != "0799 000 111" {
		t.Errorf("the phone typed in the copy: %q", got.Phone)
	}
	if got := personNamed(t, a, "Yusuf Abdi"); got.Phone != "0700 111 222" {
		t.Errorf("the new person's phone: %q", got.Phone)
	}
	after := strings.Join(contactsOf(t, a), "\n")
	for _, c := range before {
		if c != z.Phone && c != w.Phone && !strings.Contains(after, c) {
			t.Errorf("merging back lost %q", c)
		}
	}

	must[MergeReport](t)(p.Merge(a.Path(), MergeOptions{}))
	for _, q := range must[[]Person](t)(p.People(PersonFilter{})) {
		if (q.Phone != "" && q.Phone != "0799 000 111" && q.Phone != "0700 111 222") || q.Email != "" {
			t.Errorf("the copy without contacts took in %q %q", q.Phone, q.Email)
		}
	}
	if strings.Contains(strings.Join(textValues(t, pPath), "\n"), "0733 444 555") {
		t.Error("the whole copy's phone reached the copy without contacts (its change log?)")
	}

	// Through a third copy: b takes p's changes and keeps its contacts,
	// then a merges b.
	bBefore := contactsOf(t, b)
	must[MergeReport](t)(b.Merge(pPath, MergeOptions{}))
	bAfter := strings.Join(contactsOf(t, b), "\n")
	for _, c := range bBefore {
		if c != z.Phone && !strings.Contains(bAfter, c) {
			t.Errorf("the third copy lost %q", c)
		}
	}
	if got := personNamed(t, b, x.Name); got.Position != "Cell chair" || got.Phone != x.Phone {
		t.Errorf("the third copy: %+v", got)
	}
	must[MergeReport](t)(a.Merge(b.Path(), MergeOptions{}))
	if got := personNamed(t, a, w.Name); got.Phone != "0733 444 555" {
		t.Errorf("a's own change after the ring: %q", got.Phone)
	}
	if got := personNamed(t, a, x.Name); got.Phone != x.Phone {
		t.Errorf("a's contact after the ring: %q", got.Phone)
	}
	_ = fmt.Sprint
}

// A copy made from a copy without contacts lacks even the values typed into
// its parent: merged back, it takes none away. A person entered in both
// copies (one survey submission) keeps the whole copy's contacts too.
func TestACopyOfACopyWithoutContacts(t *testing.T) {
	a := copies(t, 1)[0]
	dir := t.TempDir()
	pPath, p2Path := filepath.Join(dir, "p.cpw"), filepath.Join(dir, "p2.cpw")
	must[Person](t)(a.CreatePerson(Person{Name: "Zawadi Atieno", Phone: "0711 222 333", SurveyID: "uuid:s1"}))
	if err := a.SaveCopyFor(pPath, CopyOptions{LeaveOut: LeaveOutContacts}); err != nil {
		t.Fatal(err)
	}
	p := must[*File](t)(Open(pPath))
	defer p.Close()
	clock := demoDay.Add(3 * time.Hour)
	p.Now = func() time.Time { clock = clock.Add(time.Second); return clock }
	x := personNamed(t, p, "Zawadi Atieno")
	x.Phone, x.Gender = "0722 999 888", "female"
	must[Person](t)(p.UpdatePerson(x))
	if err := p.SaveCopyFor(p2Path, CopyOptions{LeaveOut: LeaveOutSensitive}); err != nil {
		t.Fatal(err)
	}
	must[MergeReport](t)(a.Merge(p2Path, MergeOptions{}))
	if got := personNamed(t, a, "Zawadi Atieno"); got.Phone != "0711 222 333" {
		t.Errorf("merging a copy of a copy without contacts: %+v", got)
	}

	// One survey submission entered in both, under two ids.
	must[Person](t)(a.CreatePerson(Person{Name: "Halima Noor", Phone: "0700 123 456", SurveyID: "uuid:s2"}))
	must[Person](t)(p.CreatePerson(Person{Name: "Halima Noor", Position: "Youth mobilizer", SurveyID: "uuid:s2"}))
	must[MergeReport](t)(a.Merge(pPath, MergeOptions{}))
	if got := personNamed(t, a, "Halima Noor"); got.Phone != "0700 123 456" || got.Position != "Youth mobilizer" {
		t.Errorf("one person entered in both: %+v", got)
	}
}

func TestScrubSummary(t *testing.T) {
	for in, want := range map[string]string{
		"Amina: phone: “1” → “2”":                                        "Amina: details left out of this copy",
		"Amina: phone: “1” → “2”; position: “a” → “b”":                   "Amina: position: “a” → “b”",
		"Amina: position: “a” → “b”; email: “x” → “y”":                   "Amina: position: “a” → “b”",
		"Amina: notes: “n” → “m”; phone: “1” → “2”; age band: “a” → “b”": "Amina: notes: “n” → “m”; age band: “a” → “b”",
		"Dr: Amina: phone: “1” → “2”; position: “a” → “b”":               "Dr: Amina: position: “a” → “b”",
		"Amina: position: “a” → “b”":                                     "Amina: position: “a” → “b”",
	} {
		if got := scrubSummary(in, LeaveOutContacts); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}

// A record a whole copy first received from a copy without contacts comes
// with its phone marked as not known there: merged into a third copy that
// has the phone, the blank never wins, and the phone travels back.
func TestABlankFromACopyWithoutContactsNeverWins(t *testing.T) {
	cs := copies(t, 2)
	a, b := cs[0], cs[1]
	must[Person](t)(b.CreatePerson(Person{Name: "Zawadi Atieno", Phone: "0711 222 333"}))
	pPath := filepath.Join(t.TempDir(), "p.cpw")
	if err := b.SaveCopyFor(pPath, CopyOptions{LeaveOut: LeaveOutContacts}); err != nil {
		t.Fatal(err)
	}
	p := must[*File](t)(Open(pPath))
	defer p.Close()
	clock := demoDay.Add(3 * time.Hour)
	p.Now = func() time.Time { clock = clock.Add(time.Second); return clock }
	z := personNamed(t, p, "Zawadi Atieno")
	z.Position = "Cell chair"
	must[Person](t)(p.UpdatePerson(z))

	for round := 0; round < 3; round++ {
		must[MergeReport](t)(a.Merge(pPath, MergeOptions{})) // a never had Zawadi
		r := must[MergeReport](t)(b.Merge(a.Path(), MergeOptions{}))
		for _, c := range r.Conflicts {
			if !c.Settled() {
				t.Errorf("round %d: a conflict over the blank: %+v", round, c)
			}
		}
		if got := personNamed(t, b, "Zawadi Atieno"); got.Phone != "0711 222 333" || got.Position != "Cell chair" {
			t.Fatalf("round %d, b after merging a: %+v", round, got)
		}
		must[MergeReport](t)(a.Merge(b.Path(), MergeOptions{}))
		if got := personNamed(t, a, "Zawadi Atieno"); got.Phone != "0711 222 333" || got.Position != "Cell chair" {
			t.Fatalf("round %d, a after merging b back: %+v", round, got)
		}
	}
	// A phone typed in a later replaces the mark, and travels as any change.
	z = personNamed(t, a, "Zawadi Atieno")
	z.Phone = "0799 555 444"
	must[Person](t)(a.UpdatePerson(z))
	must[MergeReport](t)(b.Merge(a.Path(), MergeOptions{}))
	if got := personNamed(t, b, "Zawadi Atieno"); got.Phone != "0799 555 444" {
		t.Errorf("a phone typed later: %+v", got)
	}
}
