package workspace

// A randomised stress test of merging: three or four copies, random edits of
// every kind of record, clocks hours apart, random merges and conflict
// choices, then every copy merges every other twice round; it reports each
// seed whose merges fail or whose copies end up different, grouped by cause.
// It takes about two seconds a seed, so it runs only when asked:
// CPW_MERGE_STRESS=1 go test -run TestMergeStress ./workspace (H_FROM, H_TO
// pick seeds; H_ROUNDS, how many times round everyone merges everyone, 2 by
// default; H_MIN=1 minimises each failure; TestMergeStressOne with H_SEED
// replays one). The seeds that once failed run with every test run
// (TestMergeStressRegressions).

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
)

// ---- scenario -------------------------------------------------------------

type hop struct {
	Kind       int
	X, Y       int
	A, B, C, D int
}

type scenario struct {
	Seed    uint64
	N       int
	Demo    bool
	Offsets []int // clock offsets in minutes per copy
	Ops     []hop
	NoPool  bool // rename only to fresh names
	Safe    bool // avoid the triggers of failures already found
}

const (
	kCreateOrg = iota
	kUpdateOrg
	kDeleteOrg
	kRenameOrg
	kSwapOrgs
	kRecreateOrg
	kCreatePerson
	kUpdatePerson
	kDeletePerson
	kCreateCons
	kUpdateCons
	kDeleteCons
	kCreateMember
	kEditMember
	kCreateUnit
	kUpdateUnit
	kDeleteUnit
	kAssign
	kEndAssign
	kSucceed
	kDeleteAssign
	kCreateGap
	kEditGap
	kAddCand
	kEditCand
	kCreateMeeting
	kUpdateMeeting
	kDeleteMeeting
	kMeetingChild
	kThresholds
	kInitiativeRole
	kSector
	kClock
	kDeleteDeep
	kRecreateOther
	kMerge
	kNumKinds
)

var kindNames = []string{"CreateOrg", "UpdateOrg", "DeleteOrg", "RenameOrg", "SwapOrgs", "RecreateOrg", "CreatePerson", "UpdatePerson",
	"DeletePerson", "CreateCons", "UpdateCons", "DeleteCons", "CreateMember", "EditMember", "CreateUnit", "UpdateUnit", "DeleteUnit",
	"Assign", "EndAssign", "Succeed", "DeleteAssign", "CreateGap", "EditGap", "AddCand", "EditCand", "CreateMeeting", "UpdateMeeting",
	"DeleteMeeting", "MeetingChild", "Thresholds", "InitiativeRole", "Sector", "Clock", "DeleteDeep", "RecreateOther", "Merge"}

func genScenario(seed uint64, demo bool) scenario {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	n := 3 + r.IntN(2)
	s := scenario{Seed: seed, N: n, Demo: demo}
	for i := 0; i < n; i++ {
		s.Offsets = append(s.Offsets, (r.IntN(13)-6)*60+r.IntN(60))
	}
	nops := 30 + r.IntN(40)
	for i := 0; i < nops; i++ {
		var k int
		if r.IntN(100) < 18 {
			k = kMerge
		} else {
			k = r.IntN(kMerge)
		}
		s.Ops = append(s.Ops, hop{Kind: k, X: r.IntN(n), Y: r.IntN(n), A: r.IntN(1 << 20), B: r.IntN(1 << 20), C: r.IntN(1 << 20), D: r.IntN(1 << 20)})
	}
	return s
}

// ---- running --------------------------------------------------------------

type hfail struct {
	Sig string
	Msg string
	Op  int
}

type hrun struct {
	s           scenario
	dir         string
	cs          []*File
	clocks      []*time.Time
	created     map[string]string // id -> table
	userDeleted map[string]bool
	dedupOK     map[string]bool
	trace       []string
	step        int
	refusals    int
}

var idRe = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)
var quoteRe = regexp.MustCompile(`“[^”]*”`)

func sigOf(prefix, msg string) string {
	m := idRe.ReplaceAllString(msg, "ID")
	m = quoteRe.ReplaceAllString(m, "“…”")
	return prefix + ": " + m
}

func copyName(i int) string { return string(rune('a' + i)) }

func (h *hrun) tr(format string, args ...any) {
	h.trace = append(h.trace, fmt.Sprintf("[%d] ", h.step)+fmt.Sprintf(format, args...))
}

func (h *hrun) setup() error {
	dir, err := os.MkdirTemp("", "cpw-merge-stress")
	if err != nil {
		return err
	}
	h.dir = dir
	base := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	var a *File
	if h.s.Demo {
		a, err = CreateDemo(filepath.Join(dir, "a.cpw"), DemoOptions{Scale: DemoSmall, Now: base})
	} else {
		a, err = Create(filepath.Join(dir, "a.cpw"), NewOptions{Name: "Harness", Now: base})
	}
	if err != nil {
		return err
	}
	if !h.s.Demo {
		clock := base
		a.Now = func() time.Time { clock = clock.Add(time.Second); return clock }
		if err := seedHarness(a); err != nil {
			return err
		}
	}
	h.cs = []*File{a}
	for i := 1; i < h.s.N; i++ {
		p := filepath.Join(dir, copyName(i)+".cpw")
		if err := a.SaveCopy(p); err != nil {
			return err
		}
		f, err := Open(p)
		if err != nil {
			return err
		}
		h.cs = append(h.cs, f)
	}
	for i, f := range h.cs {
		c := base.Add(time.Hour + time.Duration(h.s.Offsets[i])*time.Minute)
		h.clocks = append(h.clocks, &c)
		cp := &c
		f.Now = func() time.Time { *cp = cp.Add(time.Second); return *cp }
		f.Author = "lead " + copyName(i)
	}
	h.created, h.userDeleted, h.dedupOK = map[string]string{}, map[string]bool{}, map[string]bool{}
	return nil
}

func (h *hrun) close() {
	for _, f := range h.cs {
		f.Close()
	}
	os.RemoveAll(h.dir)
}

func seedHarness(f *File) error {
	sectors, err := f.Sectors()
	if err != nil {
		return err
	}
	var orgs, people []string
	for i := 0; i < 4; i++ {
		o, err := f.CreateOrganisation(Organisation{Name: fmt.Sprintf("Org %d", i), Acronym: fmt.Sprintf("O%d", i), Kind: "ngo", Base: "local", SectorIDs: []string{sectors[i].ID}})
		if err != nil {
			return err
		}
		orgs = append(orgs, o.ID)
		for j := 0; j < 2; j++ {
			p, err := f.CreatePerson(Person{Name: fmt.Sprintf("Person %d.%d", i, j), OrganisationID: o.ID})
			if err != nil {
				return err
			}
			people = append(people, p.ID)
		}
	}
	var cons []string
	for i := 0; i < 3; i++ {
		c, err := f.CreateConsortium(Consortium{Code: fmt.Sprintf("C%d", i), Name: fmt.Sprintf("Consortium %d", i), SectorIDs: []string{sectors[i].ID}})
		if err != nil {
			return err
		}
		cons = append(cons, c.ID)
		if _, err := f.CreateMember(ConsortiumMember{ConsortiumID: c.ID, OrganisationID: orgs[i]}); err != nil {
			return err
		}
		if _, err := f.CreateMember(ConsortiumMember{ConsortiumID: c.ID, OrganisationID: orgs[3]}); err != nil {
			return err
		}
	}
	area, err := f.CreateUnit(Unit{Level: "area", Name: "Area 1", Households: 1000})
	if err != nil {
		return err
	}
	seg, err := f.CreateUnit(Unit{Level: "segment", ParentID: area.ID, Name: "Segment 1", Households: 300})
	if err != nil {
		return err
	}
	clu, err := f.CreateUnit(Unit{Level: "cluster", ParentID: seg.ID, Name: "Cluster 1", Households: 100})
	if err != nil {
		return err
	}
	cell, err := f.CreateUnit(Unit{Level: "cell", ParentID: clu.ID, Name: "Cell 1", Households: 10})
	if err != nil {
		return err
	}
	rep, _ := f.RoleByKey(RoleRepresentativeCell)
	if _, err := f.Assign(Assignment{RoleID: rep.ID, PersonID: people[0], UnitID: cell.ID, StartOn: "2025-01-01"}); err != nil {
		return err
	}
	eng, _ := f.RoleByKey(RoleEngineer)
	if _, err := f.Assign(Assignment{RoleID: eng.ID, PersonID: people[2], ConsortiumID: cons[0], StartOn: "2025-02-01"}); err != nil {
		return err
	}
	g, err := f.CreateResourceGap(ResourceGap{ConsortiumID: cons[0], Title: "Gap 1", Kind: "funding", EstimatedCost: 1000})
	if err != nil {
		return err
	}
	if _, err := f.AddCandidate(GapCandidate{GapID: g.ID, OrganisationID: orgs[1]}); err != nil {
		return err
	}
	m, err := f.CreateMeeting(Meeting{Kind: "consortium", HeldOn: "2026-01-10", AttendeeIDs: people[:2], ConsortiumIDs: cons[:1]})
	if err != nil {
		return err
	}
	if _, err := f.CreateDecision(Decision{MeetingID: m.ID, Text: "Start with water"}); err != nil {
		return err
	}
	if _, err := f.CreateFollowUp(FollowUp{MeetingID: m.ID, Text: "Book the hall", OwnerID: people[0], DueOn: "2026-02-01"}); err != nil {
		return err
	}
	return nil
}

func tombIDs(f *File) map[string]string {
	out := map[string]string{}
	rows, err := f.db.Query("SELECT id, entity FROM tombstones")
	if err != nil {
		return out
	}
	defer rows.Close()
	for rows.Next() {
		var id, e string
		rows.Scan(&id, &e)
		out[id] = e
	}
	return out
}

func fp(f *File) (map[string]string, error) {
	out := map[string]string{}
	for i := range mergeTables {
		tab := &mergeTables[i]
		rows, _, err := readRows(f.db, tab)
		if err != nil {
			return nil, err
		}
		for id, r := range rows {
			out[tab.name+":"+id] = fmt.Sprint(r.vals...)
		}
	}
	return out, nil
}

func diffFP(a, b map[string]string) []string {
	var diffs []string
	for k, v := range a {
		if bv, ok := b[k]; !ok {
			diffs = append(diffs, "only-first "+k+" = "+v)
		} else if bv != v {
			diffs = append(diffs, "differs "+k+": "+v+" | "+bv)
		}
	}
	for k, v := range b {
		if _, ok := a[k]; !ok {
			diffs = append(diffs, "only-second "+k+" = "+v)
		}
	}
	sort.Strings(diffs)
	return diffs
}

var uniqueTables = map[string]bool{}

func init() {
	for _, t := range mergeTables {
		if len(t.unique) > 0 {
			uniqueTables[t.name] = true
		}
	}
}

// present lists the exchanged records of a file, id -> table.
func present(f *File) map[string]string {
	out := map[string]string{}
	for i := range mergeTables {
		tab := &mergeTables[i]
		rows, _, _ := readRows(f.db, tab)
		for id := range rows {
			out[id] = tab.name
		}
	}
	return out
}

func (h *hrun) run() (fail *hfail) {
	if err := h.setup(); err != nil {
		return &hfail{Sig: "setup", Msg: err.Error()}
	}
	defer h.close()
	for i, op := range h.s.Ops {
		h.step = i
		if f := h.apply(op); f != nil {
			f.Op = i
			return f
		}
	}
	h.step = len(h.s.Ops)
	// Everyone merges everyone, twice round.
	for round := 0; round < envInt("H_ROUNDS", 2); round++ {
		for x := range h.cs {
			for y := range h.cs {
				if x == y {
					continue
				}
				if f := h.merge(x, y, nil, false); f != nil {
					f.Op = -1 - round
					return f
				}
			}
		}
	}
	first, err := fp(h.cs[0])
	if err != nil {
		return &hfail{Sig: "fp", Msg: err.Error()}
	}
	for i, c := range h.cs[1:] {
		other, _ := fp(c)
		if d := diffFP(first, other); len(d) > 0 {
			tabs := map[string]bool{}
			for _, x := range d {
				tabs[strings.SplitN(strings.Fields(x)[1], ":", 2)[0]] = true
			}
			var tl []string
			for t := range tabs {
				tl = append(tl, t)
			}
			sort.Strings(tl)
			return &hfail{Sig: "diverge: " + strings.Join(tl, ","), Msg: fmt.Sprintf("a vs %s: %d diffs, e.g. %v", copyName(i+1), len(d), d[:min(4, len(d))]), Op: -3}
		}
	}
	// After converging, merging again changes nothing.
	for x := range h.cs {
		for y := range h.cs {
			if x == y {
				continue
			}
			r, err := h.cs[x].Merge(h.cs[y].Path(), MergeOptions{DryRun: true})
			if err != nil {
				return &hfail{Sig: sigOf("post-converge dry-run error", err.Error()), Msg: err.Error(), Op: -4}
			}
			if a, u, d := r.Changes(); a+u+d != 0 {
				return &hfail{Sig: "post-converge changes", Msg: fmt.Sprintf("%s<-%s %+v", copyName(x), copyName(y), r.Counts), Op: -4}
			}
		}
	}
	// No record created and never deleted is missing.
	have := present(h.cs[0])
	var lost []string
	for id, tab := range h.created {
		if _, ok := have[id]; ok || h.userDeleted[id] || h.dedupOK[id] {
			continue
		}
		lost = append(lost, tab+":"+id)
	}
	sort.Strings(lost)
	if len(lost) > 0 {
		tabs := map[string]bool{}
		for _, l := range lost {
			tabs[strings.SplitN(l, ":", 2)[0]] = true
		}
		var tl []string
		for t := range tabs {
			tl = append(tl, t)
		}
		sort.Strings(tl)
		return &hfail{Sig: "lost: " + strings.Join(tl, ","), Msg: fmt.Sprint(lost), Op: -5}
	}
	return nil
}

func (h *hrun) merge(x, y int, choose *rand.Rand, idem bool) *hfail {
	into, from := h.cs[x], h.cs[y]
	before := tombIDs(into)
	theirBefore, _ := fp(from)
	opt := MergeOptions{}
	var chosen []string
	if choose != nil {
		dry, err := into.Merge(from.Path(), MergeOptions{DryRun: true})
		if err != nil {
			return &hfail{Sig: sigOf("dry-run error", err.Error()), Msg: fmt.Sprintf("%s<-%s: %v", copyName(x), copyName(y), err)}
		}
		opt.Choose = map[string]Side{}
		for _, c := range dry.Conflicts {
			switch choose.IntN(3) {
			case 0:
				opt.Choose[c.Key] = Ours
				chosen = append(chosen, c.Key+"=ours("+c.Reason+")")
			case 1:
				opt.Choose[c.Key] = Theirs
				chosen = append(chosen, c.Key+"=theirs("+c.Reason+")")
			}
		}
	}
	r, err := into.Merge(from.Path(), opt)
	var confl []string
	for _, c := range r.Conflicts {
		confl = append(confl, c.Kind+" "+c.Title+": "+c.Reason+" -> "+string(c.Chosen))
	}
	h.tr("%s.Merge(%s) choose=%v => %s conflicts=%v err=%v", copyName(x), copyName(y), chosen, r.Summary(), confl, err)
	if err != nil {
		return &hfail{Sig: sigOf("merge error", err.Error()), Msg: fmt.Sprintf("%s<-%s: %v", copyName(x), copyName(y), err)}
	}
	if err := into.checkHealth(); err != nil {
		return &hfail{Sig: sigOf("health", err.Error()), Msg: err.Error()}
	}
	theirAfter, _ := fp(from)
	if d := diffFP(theirBefore, theirAfter); len(d) > 0 {
		return &hfail{Sig: "their copy changed", Msg: fmt.Sprint(d[:min(3, len(d))])}
	}
	// Ids the merge tombstoned that nobody deleted: allowed only for records
	// entered twice (tables with unique keys, links).
	after := tombIDs(into)
	for id, ent := range after {
		if _, ok := before[id]; ok || h.userDeleted[id] {
			continue
		}
		if uniqueTables[ent] {
			h.dedupOK[id] = true
		}
	}
	if idem {
		again, err := into.Merge(from.Path(), MergeOptions{})
		if err != nil {
			return &hfail{Sig: sigOf("second merge error", err.Error()), Msg: err.Error()}
		}
		if a, u, d := again.Changes(); a+u+d+len(again.Conflicts) != 0 {
			var cs []string
			for _, c := range again.Conflicts {
				cs = append(cs, c.Kind+": "+c.Reason)
			}
			return &hfail{Sig: "merge twice not idempotent", Msg: fmt.Sprintf("%s<-%s %+v %v", copyName(x), copyName(y), again.Counts, cs)}
		}
	}
	return nil
}

// ---- edits ----------------------------------------------------------------

func pickS[T any](xs []T, n int) (T, bool) {
	var zero T
	if len(xs) == 0 {
		return zero, false
	}
	return xs[n%len(xs)], true
}

// limit keeps edits on a few records so that copies collide.
func limit[T any](xs []T) []T {
	if len(xs) > 8 {
		return xs[:8]
	}
	return xs
}

func date(n int) string {
	return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n%300).Format(DateLayout)
}

func (h *hrun) note(x int, what string, id string, err error) {
	if err != nil {
		h.tr("%s.%s -> err %v", copyName(x), what, err)
	} else {
		h.tr("%s.%s -> %s", copyName(x), what, id)
	}
}

func (h *hrun) apply(op hop) *hfail {
	if h.s.Safe {
		switch op.Kind {
		case kRecreateOrg, kRecreateOther:
			return nil
		case kSwapOrgs, kDeleteDeep:
			if os.Getenv("H_SAFE2") != "" {
				return nil
			}
		case kInitiativeRole:
			if op.A%3 == 2 {
				return nil
			}
		}
	}
	if op.Kind == kMerge {
		if op.X == op.Y {
			return nil
		}
		var ch *rand.Rand
		if op.C%3 != 0 {
			ch = rand.New(rand.NewPCG(uint64(op.A), uint64(op.B)))
		}
		return h.merge(op.X, op.Y, ch, op.D%3 == 0)
	}
	f := h.cs[op.X]
	before := tombIDs(f)
	h.edit(f, op)
	for id := range tombIDs(f) {
		if _, ok := before[id]; !ok {
			h.userDeleted[id] = true
		}
	}
	if err := f.checkHealth(); err != nil {
		return &hfail{Sig: sigOf("health after edit", err.Error()), Msg: err.Error()}
	}
	return nil
}

func (h *hrun) edit(f *File, op hop) {
	x := op.X
	step := h.step
	orgs, _ := f.Organisations()
	orgs = limit(orgs)
	people, _ := f.People(PersonFilter{})
	people = limit(people)
	cons, _ := f.Consortia()
	sectors, _ := f.Sectors()
	meetings, _ := f.Meetings()
	meetings = limit(meetings)
	units, _ := f.Units(UnitFilter{})
	gaps, _ := f.ResourceGaps(GapFilter{})
	gaps = limit(gaps)
	unitsOf := func(level string) []Unit {
		var out []Unit
		for _, u := range units {
			if u.Level == level {
				out = append(out, u)
			}
		}
		return limit(out)
	}
	sectorIDs := func(n int) []string {
		out := []string{}
		for i := 0; i < n%3; i++ {
			if s, ok := pickS(sectors, n/3+i*5); ok {
				out = append(out, s.ID)
			}
		}
		return out
	}
	personIDs := func(n int) []string {
		out := []string{}
		for i := 0; i < n%4; i++ {
			if p, ok := pickS(people, n/4+i*3); ok {
				out = append(out, p.ID)
			}
		}
		return out
	}
	track := func(id, table string, err error) {
		if err == nil && id != "" {
			h.created[id] = table
		}
	}
	switch op.Kind {
	case kCreateOrg:
		name := fmt.Sprintf("New org %d", op.B%3)
		if op.A%3 == 0 {
			name = fmt.Sprintf("Org s%d", step)
		}
		acr := ""
		if h.s.Safe && op.A%3 != 0 {
			name = fmt.Sprintf("Org s%d", step)
		}
		if op.C%4 == 0 && !h.s.Safe {
			acr = fmt.Sprintf("NA%d", op.D%3)
		}
		o, err := f.CreateOrganisation(Organisation{Name: name, Acronym: acr, Kind: "cbo", Base: "local", SectorIDs: sectorIDs(op.D)})
		track(o.ID, "organisations", err)
		h.note(x, fmt.Sprintf("CreateOrganisation(%q acr=%q sectors=%d)", name, acr, len(o.SectorIDs)), o.ID, err)
	case kUpdateOrg:
		if o, ok := pickS(orgs, op.A); ok {
			o.Notes = fmt.Sprintf("notes %d", step)
			o.Commitment = Commitments[op.B%len(Commitments)].Key
			if op.C%2 == 0 {
				o.SectorIDs = sectorIDs(op.D)
			} else {
				o.SectorIDs = nil
			}
			_, err := f.UpdateOrganisation(o)
			h.note(x, fmt.Sprintf("UpdateOrganisation(%q notes, sectors=%v)", o.Name, o.SectorIDs != nil), o.ID, err)
		}
	case kDeleteOrg:
		if o, ok := pickS(orgs, op.A); ok {
			err := f.DeleteOrganisation(o.ID)
			h.note(x, fmt.Sprintf("DeleteOrganisation(%q)", o.Name), o.ID, err)
		}
	case kRenameOrg:
		if o, ok := pickS(orgs, op.A); ok {
			o.Name = fmt.Sprintf("Renamed %d", step)
			if !h.s.NoPool && op.B%4 == 0 {
				o.Name = fmt.Sprintf("New org %d", op.C%3)
			}
			o.SectorIDs = nil
			_, err := f.UpdateOrganisation(o)
			h.note(x, fmt.Sprintf("Rename org %s -> %q", o.ID[:8], o.Name), o.ID, err)
		}
	case kSwapOrgs:
		o1, ok1 := pickS(orgs, op.A)
		o2, ok2 := pickS(orgs, op.B)
		if ok1 && ok2 && o1.ID != o2.ID {
			n1, n2 := o1.Name, o2.Name
			o1.SectorIDs, o2.SectorIDs = nil, nil
			o1.Name = fmt.Sprintf("tmp %d", step)
			_, err := f.UpdateOrganisation(o1)
			if err == nil {
				o2.Name = n1
				_, err = f.UpdateOrganisation(o2)
			}
			if err == nil {
				o1.Name = n2
				_, err = f.UpdateOrganisation(o1)
			}
			h.note(x, fmt.Sprintf("Swap org names %q <-> %q", n1, n2), "", err)
		}
	case kRecreateOrg:
		if o, ok := pickS(orgs, op.A); ok {
			err := f.DeleteOrganisation(o.ID)
			if err == nil {
				old := o.ID
				o.ID = ""
				o2, err2 := f.CreateOrganisation(o)
				track(o2.ID, "organisations", err2)
				h.note(x, fmt.Sprintf("Delete org %q (%s) and create again", o.Name, old[:8]), o2.ID, err2)
			} else {
				h.note(x, fmt.Sprintf("Delete org %q to recreate", o.Name), "", err)
			}
		}
	case kCreatePerson:
		p := Person{Name: fmt.Sprintf("Person s%d", step)}
		if o, ok := pickS(orgs, op.A); ok && op.B%3 != 0 {
			p.OrganisationID = o.ID
		}
		if u, ok := pickS(units, op.C); ok && op.D%2 == 0 {
			p.HomeUnitID = u.ID
		}
		p, err := f.CreatePerson(p)
		track(p.ID, "people", err)
		h.note(x, fmt.Sprintf("CreatePerson(%q org=%v unit=%v)", p.Name, p.OrganisationID != "", p.HomeUnitID != ""), p.ID, err)
	case kUpdatePerson:
		if p, ok := pickS(people, op.A); ok {
			p.Position = fmt.Sprintf("pos %d", step)
			if o, ok := pickS(orgs, op.C); ok && op.B%3 == 0 {
				p.OrganisationID = o.ID
			}
			_, err := f.UpdatePerson(p)
			h.note(x, fmt.Sprintf("UpdatePerson(%q)", p.Name), p.ID, err)
		}
	case kDeletePerson:
		if p, ok := pickS(people, op.A); ok {
			err := f.DeletePerson(p.ID)
			h.note(x, fmt.Sprintf("DeletePerson(%q)", p.Name), p.ID, err)
		}
	case kCreateCons:
		code := fmt.Sprintf("P%d", op.A%3)
		if op.B%3 == 0 {
			code = fmt.Sprintf("U%d", step)
		}
		c, err := f.CreateConsortium(Consortium{Code: code, Name: "Consortium " + code, SectorIDs: sectorIDs(op.C)})
		track(c.ID, "consortia", err)
		h.note(x, fmt.Sprintf("CreateConsortium(%s)", code), c.ID, err)
	case kUpdateCons:
		if c, ok := pickS(cons, op.A); ok {
			c.Purpose = fmt.Sprintf("purpose %d", step)
			c.Status = ConsortiumStatuses[op.B%len(ConsortiumStatuses)].Key
			if op.C%2 == 0 {
				c.SectorIDs = sectorIDs(op.D)
			} else {
				c.SectorIDs = nil
			}
			if op.D%5 == 0 {
				c.Name = fmt.Sprintf("Consortium renamed %d", step)
			}
			_, err := f.UpdateConsortium(c)
			h.note(x, fmt.Sprintf("UpdateConsortium(%s)", c.Code), c.ID, err)
		}
	case kDeleteCons:
		if c, ok := pickS(cons, op.A); ok {
			err := f.DeleteConsortium(c.ID)
			h.note(x, fmt.Sprintf("DeleteConsortium(%s)", c.Code), c.ID, err)
		}
	case kCreateMember:
		c, ok1 := pickS(cons, op.A)
		o, ok2 := pickS(orgs, op.B)
		if ok1 && ok2 {
			m, err := f.CreateMember(ConsortiumMember{ConsortiumID: c.ID, OrganisationID: o.ID, JoinedOn: date(op.C), Contribution: "staff"})
			track(m.ID, "consortium_members", err)
			h.note(x, fmt.Sprintf("CreateMember(%s, %q)", c.Code, o.Name), m.ID, err)
		}
	case kEditMember:
		ms, _ := f.Members("")
		if m, ok := pickS(limit(ms), op.A); ok {
			if op.B%3 == 0 {
				err := f.DeleteMember(m.ID)
				h.note(x, "DeleteMember", m.ID, err)
			} else {
				m.Contribution = fmt.Sprintf("contrib %d", step)
				if op.C%2 == 0 && m.LeftOn == "" {
					m.LeftOn = "2026-12-31"
				}
				_, err := f.UpdateMember(m)
				h.note(x, "UpdateMember", m.ID, err)
			}
		}
	case kCreateUnit:
		levels := []string{"area", "segment", "cluster", "cell"}
		lv := levels[op.A%4]
		u := Unit{Level: lv, Name: fmt.Sprintf("%s P%d", lv, op.B%2), Households: op.C % 500}
		if op.D%3 == 0 || h.s.Safe {
			u.Name = fmt.Sprintf("%s s%d", lv, step)
		}
		if lv != "area" {
			pl := parentLevel[lv]
			p, ok := pickS(unitsOf(pl), op.D)
			if !ok {
				return
			}
			u.ParentID = p.ID
		}
		u, err := f.CreateUnit(u)
		track(u.ID, "units", err)
		h.note(x, fmt.Sprintf("CreateUnit(%s %q parent=%.8s)", lv, u.Name, u.ParentID), u.ID, err)
	case kUpdateUnit:
		if u, ok := pickS(limit(units), op.A); ok {
			u.Households = op.B % 700
			if op.C%3 == 0 {
				u.Name = fmt.Sprintf("unit r%d", step)
			}
			_, err := f.UpdateUnit(u)
			h.note(x, fmt.Sprintf("UpdateUnit(%q)", u.Name), u.ID, err)
		}
	case kDeleteUnit:
		// prefer leaves
		var leaves []Unit
		for _, u := range units {
			leaf := true
			for _, v := range units {
				if v.ParentID == u.ID {
					leaf = false
				}
			}
			if leaf || op.B%4 == 0 {
				leaves = append(leaves, u)
			}
		}
		if u, ok := pickS(leaves, op.A); ok {
			err := f.DeleteUnit(u.ID)
			h.note(x, fmt.Sprintf("DeleteUnit(%s %q)", u.Level, u.Name), u.ID, err)
		}
	case kAssign:
		p, ok := pickS(people, op.A)
		if !ok {
			return
		}
		a := Assignment{PersonID: p.ID, StartOn: date(op.C)}
		switch op.B % 4 {
		case 0:
			r, _ := f.RoleByKey(RoleCentralLeadershipTeam)
			a.RoleID = r.ID
		case 1:
			r, _ := f.RoleByKey(RoleEngineer)
			a.RoleID = r.ID
			c, ok := pickS(cons, op.D)
			if !ok {
				return
			}
			a.ConsortiumID = c.ID
		case 2:
			r, _ := f.RoleByKey(RoleRepresentativeCell)
			a.RoleID = r.ID
			u, ok := pickS(unitsOf("cell"), op.D)
			if !ok {
				return
			}
			a.UnitID = u.ID
		case 3:
			r, _ := f.RoleByKey(RoleCommunityMobilizer)
			a.RoleID = r.ID
			u, ok := pickS(limit(units), op.D)
			if !ok {
				return
			}
			a.UnitID = u.ID
		}
		got, err := f.Assign(a)
		track(got.ID, "assignments", err)
		h.note(x, fmt.Sprintf("Assign(role %d, %q, from %s)", op.B%4, p.Name, a.StartOn), got.ID, err)
	case kEndAssign, kSucceed, kDeleteAssign:
		as, _ := f.Assignments(AssignmentFilter{})
		if len(as) > 12 {
			as = as[len(as)-12:]
		}
		a, ok := pickS(as, op.A)
		if !ok {
			return
		}
		switch op.Kind {
		case kEndAssign:
			_, err := f.EndAssignment(a.ID, "2026-11-30", "term over")
			h.note(x, "EndAssignment", a.ID, err)
		case kSucceed:
			p, ok := pickS(people, op.B)
			if !ok {
				return
			}
			next, err := f.Succeed(a.ID, Assignment{PersonID: p.ID, StartOn: max(a.StartOn, "2026-10-01")}, "transferred")
			track(next.ID, "assignments", err)
			h.note(x, fmt.Sprintf("Succeed(%.8s by %q)", a.ID, p.Name), next.ID, err)
		case kDeleteAssign:
			err := f.DeleteAssignment(a.ID)
			h.note(x, "DeleteAssignment", a.ID, err)
		}
	case kCreateGap:
		g := ResourceGap{Title: fmt.Sprintf("Gap P%d", op.A%3), Kind: "data", EstimatedCost: int64(op.B % 10000)}
		if op.C%3 == 0 {
			g.Title = fmt.Sprintf("Gap s%d", step)
		}
		if c, ok := pickS(cons, op.D); ok && op.D%4 != 0 {
			g.ConsortiumID = c.ID
		}
		if o, ok := pickS(orgs, op.B); ok && op.B%3 == 0 {
			g.FilledByOrganisationID = o.ID
		}
		if p, ok := pickS(people, op.C); ok && op.C%3 == 1 {
			g.FilledByPersonID = p.ID
		}
		g, err := f.CreateResourceGap(g)
		track(g.ID, "gaps", err)
		h.note(x, fmt.Sprintf("CreateResourceGap(%q)", g.Title), g.ID, err)
	case kEditGap:
		if g, ok := pickS(gaps, op.A); ok {
			if op.B%3 == 0 {
				err := f.DeleteResourceGap(g.ID)
				h.note(x, fmt.Sprintf("DeleteResourceGap(%q)", g.Title), g.ID, err)
			} else {
				g.Notes = fmt.Sprintf("notes %d", step)
				g.Secured = int64(op.C % 1000)
				if p, ok := pickS(people, op.D); ok && op.D%2 == 0 {
					g.FilledByPersonID = p.ID
				}
				_, err := f.UpdateResourceGap(g)
				h.note(x, fmt.Sprintf("UpdateResourceGap(%q)", g.Title), g.ID, err)
			}
		}
	case kAddCand:
		g, ok1 := pickS(gaps, op.A)
		o, ok2 := pickS(orgs, op.B)
		if ok1 && ok2 {
			c, err := f.AddCandidate(GapCandidate{GapID: g.ID, OrganisationID: o.ID, Stage: CandidateStages[op.C%len(CandidateStages)].Key})
			track(c.ID, "gap_candidates", err)
			h.note(x, fmt.Sprintf("AddCandidate(%q, %q)", g.Title, o.Name), c.ID, err)
		}
	case kEditCand:
		all, _ := f.GapCandidates("")
		if c, ok := pickS(limit(all), op.A); ok {
			if op.B%2 == 0 {
				err := f.RemoveCandidate(c.ID)
				h.note(x, "RemoveCandidate", c.ID, err)
			} else {
				c.Notes = fmt.Sprintf("n %d", step)
				c.Stage = CandidateStages[op.C%len(CandidateStages)].Key
				_, err := f.UpdateCandidate(c)
				h.note(x, "UpdateCandidate", c.ID, err)
			}
		}
	case kCreateMeeting:
		m := Meeting{Kind: MeetingKinds[op.A%len(MeetingKinds)].Key, HeldOn: date(op.B), Title: fmt.Sprintf("Meeting s%d", step), AttendeeIDs: personIDs(op.C)}
		if c, ok := pickS(cons, op.D); ok && op.D%2 == 0 {
			m.ConsortiumIDs = []string{c.ID}
		}
		m, err := f.CreateMeeting(m)
		track(m.ID, "meetings", err)
		h.note(x, fmt.Sprintf("CreateMeeting(%d attendees)", len(m.AttendeeIDs)), m.ID, err)
	case kUpdateMeeting:
		if m, ok := pickS(meetings, op.A); ok {
			m.Place = fmt.Sprintf("place %d", step)
			if op.B%2 == 0 {
				m.AttendeeIDs = personIDs(op.C)
			} else {
				m.AttendeeIDs = nil
			}
			if c, ok := pickS(cons, op.D); ok && op.D%3 == 0 {
				m.ConsortiumIDs = []string{c.ID}
			} else {
				m.ConsortiumIDs = nil
			}
			_, err := f.UpdateMeeting(m)
			h.note(x, fmt.Sprintf("UpdateMeeting(%.8s attendees=%v)", m.ID, m.AttendeeIDs), m.ID, err)
		}
	case kDeleteMeeting:
		if m, ok := pickS(meetings, op.A); ok {
			err := f.DeleteMeeting(m.ID)
			h.note(x, "DeleteMeeting", m.ID, err)
		}
	case kMeetingChild:
		m, ok := pickS(meetings, op.A)
		if !ok {
			return
		}
		switch op.B % 5 {
		case 0, 1:
			d, err := f.CreateDecision(Decision{MeetingID: m.ID, Text: fmt.Sprintf("decision %d", step), Position: op.C % 5})
			track(d.ID, "decisions", err)
			h.note(x, fmt.Sprintf("CreateDecision(meeting %.8s)", m.ID), d.ID, err)
		case 2:
			a := FollowUp{MeetingID: m.ID, Text: fmt.Sprintf("action %d", step), DueOn: date(op.C)}
			if p, ok := pickS(people, op.D); ok {
				a.OwnerID = p.ID
			}
			a, err := f.CreateFollowUp(a)
			track(a.ID, "actions", err)
			h.note(x, fmt.Sprintf("CreateFollowUp(meeting %.8s)", m.ID), a.ID, err)
		case 3:
			fs, _ := f.FollowUps("")
			if a, ok := pickS(fs, op.C); ok {
				a.DoneOn = date(op.D)
				_, err := f.UpdateFollowUp(a)
				h.note(x, "UpdateFollowUp done", a.ID, err)
			}
		case 4:
			ds, _ := f.Decisions("")
			if d, ok := pickS(ds, op.C); ok {
				err := f.DeleteDecision(d.ID)
				h.note(x, "DeleteDecision", d.ID, err)
			}
		}
	case kThresholds:
		t := DefaultThresholds
		t.KeyRoleLimit = 1 + op.A%5
		t.VacancyDays = op.B % 90
		t.MobilizerGenderShare = 50 + op.C%40
		err := f.SetThresholds(t)
		h.note(x, fmt.Sprintf("SetThresholds(%d,%d,%d)", t.KeyRoleLimit, t.VacancyDays, t.MobilizerGenderShare), "", err)
	case kInitiativeRole:
		switch op.A % 3 {
		case 0:
			in, _ := f.Initiative()
			in.Vision = fmt.Sprintf("vision %d", step)
			_, err := f.UpdateInitiative(in)
			h.note(x, "UpdateInitiative", "", err)
		case 1:
			rs, _ := f.Roles(true)
			if r, ok := pickS(rs, op.B); ok {
				on := ""
				if op.C%2 == 0 {
					on = "2026-06-01"
				}
				_, err := f.RetireRole(r.ID, on)
				h.note(x, fmt.Sprintf("RetireRole(%q, %q)", r.Name, on), r.ID, err)
			}
		case 2:
			r, err := f.CreateRole(Role{Name: fmt.Sprintf("Role P%d", op.B%2), Group: "advocacy", Scope: "initiative", Holder: "person"})
			track(r.ID, "roles", err)
			h.note(x, fmt.Sprintf("CreateRole(%q)", r.Name), r.ID, err)
		}
	case kSector:
		switch op.A % 3 {
		case 0:
			s, err := f.CreateSector(Sector{Name: fmt.Sprintf("Sector P%d", op.B%2), Position: 20})
			track(s.ID, "sectors", err)
			h.note(x, fmt.Sprintf("CreateSector(%q)", s.Name), s.ID, err)
		case 1:
			if s, ok := pickS(sectors, op.B); ok {
				err := f.DeleteSector(s.ID)
				h.note(x, fmt.Sprintf("DeleteSector(%q)", s.Name), s.ID, err)
			}
		case 2:
			if s, ok := pickS(sectors, op.B); ok {
				s.Description = fmt.Sprintf("desc %d", step)
				_, err := f.UpdateSector(s)
				h.note(x, fmt.Sprintf("UpdateSector(%q)", s.Name), s.ID, err)
			}
		}
	case kClock:
		hours := op.A%13 - 6
		*h.clocks[x] = h.clocks[x].Add(time.Duration(hours) * time.Hour)
		h.tr("%s clock %+dh -> %s", copyName(x), hours, h.clocks[x].Format(time.RFC3339))
	case kDeleteDeep:
		switch op.B % 3 {
		case 0: // an organisation with what depends on it
			o, ok := pickS(orgs, op.A)
			if !ok {
				return
			}
			cands, _ := f.GapCandidates("")
			for _, c := range cands {
				if c.OrganisationID == o.ID {
					f.RemoveCandidate(c.ID)
				}
			}
			ms, _ := f.Members("")
			for _, m := range ms {
				if m.OrganisationID == o.ID {
					f.DeleteMember(m.ID)
				}
			}
			ps, _ := f.People(PersonFilter{OrganisationID: o.ID})
			for _, p := range ps {
				if f.DeletePerson(p.ID) != nil {
					p.OrganisationID = ""
					f.UpdatePerson(p)
				}
			}
			as, _ := f.Assignments(AssignmentFilter{OrganisationID: o.ID})
			for _, a := range as {
				f.DeleteAssignment(a.ID)
			}
			err := f.DeleteOrganisation(o.ID)
			h.note(x, fmt.Sprintf("DeleteDeep org %q (people %d)", o.Name, len(ps)), o.ID, err)
		case 1: // a consortium with members, gaps, meetings links
			c, ok := pickS(cons, op.A)
			if !ok {
				return
			}
			gs, _ := f.ResourceGaps(GapFilter{ConsortiumID: c.ID})
			for _, g := range gs {
				f.DeleteResourceGap(g.ID)
			}
			as, _ := f.Assignments(AssignmentFilter{ConsortiumID: c.ID})
			for _, a := range as {
				f.DeleteAssignment(a.ID)
			}
			ms, _ := f.Meetings()
			for _, m := range ms {
				for _, id := range m.ConsortiumIDs {
					if id == c.ID {
						m.ConsortiumIDs = []string{}
						m.AttendeeIDs = nil
						f.UpdateMeeting(m)
					}
				}
			}
			err := f.DeleteConsortium(c.ID)
			h.note(x, fmt.Sprintf("DeleteDeep consortium %s (gaps %d)", c.Code, len(gs)), c.ID, err)
		case 2: // a unit subtree
			u, ok := pickS(limit(units), op.A)
			if !ok {
				return
			}
			var del func(id string) error
			del = func(id string) error {
				for _, v := range units {
					if v.ParentID == id {
						del(v.ID)
					}
				}
				as, _ := f.Assignments(AssignmentFilter{UnitID: id})
				for _, a := range as {
					f.DeleteAssignment(a.ID)
				}
				ps, _ := f.People(PersonFilter{HomeUnitID: id})
				for _, p := range ps {
					p.HomeUnitID = ""
					f.UpdatePerson(p)
				}
				return f.DeleteUnit(id)
			}
			err := del(u.ID)
			h.note(x, fmt.Sprintf("DeleteDeep unit %s %q", u.Level, u.Name), u.ID, err)
		}
	case kRecreateOther:
		switch op.B % 3 {
		case 0:
			if c, ok := pickS(cons, op.A); ok {
				if err := f.DeleteConsortium(c.ID); err == nil {
					old := c.ID
					c.ID = ""
					c2, err := f.CreateConsortium(c)
					track(c2.ID, "consortia", err)
					h.note(x, fmt.Sprintf("Delete consortium %s (%.8s) and create again", c.Code, old), c2.ID, err)
				}
			}
		case 1:
			if g, ok := pickS(gaps, op.A); ok {
				if err := f.DeleteResourceGap(g.ID); err == nil {
					old := g.ID
					g.ID = ""
					g2, err := f.CreateResourceGap(g)
					track(g2.ID, "gaps", err)
					h.note(x, fmt.Sprintf("Delete gap %q (%.8s) and create again", g.Title, old), g2.ID, err)
				}
			}
		case 2:
			var leaves []Unit
			for _, u := range units {
				leaf := true
				for _, v := range units {
					if v.ParentID == u.ID {
						leaf = false
					}
				}
				if leaf {
					leaves = append(leaves, u)
				}
			}
			if u, ok := pickS(leaves, op.A); ok {
				if err := f.DeleteUnit(u.ID); err == nil {
					old := u.ID
					u.ID = ""
					u2, err := f.CreateUnit(u)
					track(u2.ID, "units", err)
					h.note(x, fmt.Sprintf("Delete unit %s %q (%.8s) and create again", u.Level, u.Name, old), u2.ID, err)
				}
			}
		}
	}
}

// ---- minimising -----------------------------------------------------------

func runScenario(s scenario) (f *hfail, trace []string) {
	h := &hrun{s: s}
	uuid.SetRand(rand.NewChaCha8([32]byte{byte(s.Seed), byte(s.Seed >> 8), 7}))
	defer uuid.SetRand(nil)
	defer func() {
		if r := recover(); r != nil {
			msg := fmt.Sprint(r)
			f = &hfail{Sig: "panic: " + msg, Msg: msg, Op: h.step}
			trace = h.trace
			h.close()
		}
	}()
	f = h.run()
	return f, h.trace
}

func failsWith(s scenario, sig string, tries int) bool {
	for i := 0; i < tries; i++ {
		if f, _ := runScenario(s); f != nil && f.Sig == sig {
			return true
		}
	}
	return false
}

func minimise(s scenario, sig string) scenario {
	ops := s.Ops
	n := 2
	for len(ops) >= 2 {
		chunk := (len(ops) + n - 1) / n
		reduced := false
		for i := 0; i < len(ops); i += chunk {
			cand := append(append([]hop{}, ops[:i]...), ops[min(i+chunk, len(ops)):]...)
			t := s
			t.Ops = cand
			if failsWith(t, sig, envInt("H_TRIES", 2)) {
				ops = cand
				n = max(n-1, 2)
				reduced = true
				break
			}
		}
		if !reduced {
			if n >= len(ops) {
				break
			}
			n = min(n*2, len(ops))
		}
	}
	s.Ops = ops
	// fewer copies, no clock offsets
	for _, tryOff := range []bool{true} {
		if tryOff {
			t := s
			t.Offsets = make([]int, len(s.Offsets))
			for i := range t.Offsets {
				t.Offsets[i] = i // keep copies apart by a minute
			}
			if failsWith(t, sig, envInt("H_TRIES", 2)) {
				s = t
			}
		}
	}
	return s
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil {
		return v
	}
	return def
}

func TestMergeStress(t *testing.T) {
	if os.Getenv("CPW_MERGE_STRESS") == "" {
		t.Skip("set CPW_MERGE_STRESS=1 to run the randomised merge stress test (H_FROM, H_TO: the seeds)")
	}
	from, to := envInt("H_FROM", 1), envInt("H_TO", 300)
	demoEvery := envInt("H_DEMO_EVERY", 10)
	noPool := os.Getenv("H_NOPOOL") != ""
	doMin := os.Getenv("H_MIN") != ""
	pass, failN := 0, 0
	bySig := map[string][]uint64{}
	kinds := map[int]int{}
	for seed := from; seed <= to; seed++ {
		s := genScenario(uint64(seed), demoEvery > 0 && seed%demoEvery == 0)
		s.NoPool = noPool
		s.Safe = os.Getenv("H_SAFE") != ""
		for _, op := range s.Ops {
			kinds[op.Kind]++
		}
		f, _ := runScenario(s)
		if f == nil {
			pass++
			continue
		}
		failN++
		bySig[f.Sig] = append(bySig[f.Sig], uint64(seed))
		t.Logf("seed %d (n=%d demo=%v ops=%d): FAIL at op %d: %s\n   %s", seed, s.N, s.Demo, len(s.Ops), f.Op, f.Sig, f.Msg)
	}
	t.Logf("seeds %d..%d: %d passed, %d failed", from, to, pass, failN)
	var sigs []string
	for k := range bySig {
		sigs = append(sigs, k)
	}
	sort.Strings(sigs)
	for _, k := range sigs {
		t.Logf("SIG %q: %d seeds, e.g. %v", k, len(bySig[k]), bySig[k][:min(8, len(bySig[k]))])
	}
	var kl []string
	for k, n := range kinds {
		kl = append(kl, fmt.Sprintf("%s=%d", kindNames[k], n))
	}
	sort.Strings(kl)
	t.Logf("ops generated: %v", kl)
	if doMin {
		for _, k := range sigs {
			seed := bySig[k][0]
			s := genScenario(seed, demoEvery > 0 && int(seed)%demoEvery == 0)
			s.NoPool = noPool
			s.Safe = os.Getenv("H_SAFE") != ""
			m := minimise(s, k)
			f, trace := runScenario(m)
			t.Logf("=== MINIMAL for %q from seed %d: %d ops, offsets %v, n=%d demo=%v\n%s\nfail: %+v", k, seed, len(m.Ops), m.Offsets, m.N, m.Demo, strings.Join(trace, "\n"), f)
		}
	}
}

func TestMergeStressOne(t *testing.T) {
	if os.Getenv("CPW_MERGE_STRESS") == "" {
		t.Skip("set CPW_MERGE_STRESS=1 and H_SEED=N to replay one seed of the merge stress test")
	}
	seed := uint64(envInt("H_SEED", 1))
	demoEvery := envInt("H_DEMO_EVERY", 10)
	s := genScenario(seed, demoEvery > 0 && int(seed)%demoEvery == 0)
	s.NoPool = os.Getenv("H_NOPOOL") != ""
	s.Safe = os.Getenv("H_SAFE") != ""
	var f *hfail
	var trace []string
	for i := 0; i < envInt("H_TRIES", 1); i++ {
		if f, trace = runScenario(s); f != nil {
			break
		}
	}
	t.Logf("%s", strings.Join(trace, "\n"))
	if f != nil {
		t.Logf("FAIL %+v", *f)
		if os.Getenv("H_MIN") != "" {
			m := minimise(s, f.Sig)
			f2, trace := runScenario(m)
			t.Logf("=== MINIMAL: %d ops offsets %v n=%d\n%s\nfail: %+v", len(m.Ops), m.Offsets, m.N, strings.Join(trace, "\n"), f2)
		}
	}
}

// The scenarios of the stress test that once failed, run with every test
// run: name collisions refused, rows joining records entered twice meeting
// half-way, a new record taken for one both copies had, a record folded into
// one not yet written, decisions lost to a clock running ahead.
func TestMergeStressRegressions(t *testing.T) {
	if testing.Short() {
		t.Skip("the stress scenarios take a while")
	}
	// 1095, 1194, 1395 and 1557 ended with copies apart: a copy that had
	// found two records to be one (its tombstone naming the record kept)
	// met another that still held both, after the tombstone was older than
	// their last meeting; the second kept both for ever, and the first
	// poured the second's edits of one into the other, renaming "Gap 1 (2)
	// (2) …" at every round. Which records are one now holds whatever the
	// tombstone's age (decideRow, case 12).
	// 34, 832 and 845 ended apart under a rule, tried and taken out, for
	// versions of third copies; 841, 854 and 906 were refused when the check
	// of incoming records looked for rows their parent's deletion had taken.
	for _, seed := range []uint64{1, 5, 9, 10, 18, 34, 73, 90, 101, 107, 110, 167, 177, 224, 285, 360, 389, 394, 832, 841, 845, 854, 906, 1095, 1194, 1395, 1557} {
		s := genScenario(seed, seed%10 == 0)
		if f, trace := runScenario(s); f != nil {
			t.Errorf("seed %d: %s\n%s", seed, f.Msg, strings.Join(trace, "\n"))
		}
	}
}
