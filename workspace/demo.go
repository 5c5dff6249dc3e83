package workspace

import (
	"database/sql"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/google/uuid"
)

// DemoScale is how big a demo workspace is.
type DemoScale string

// The demo scales: small for trying the program, mukuru for the size of the
// Mukuru Special Planning Area (about 10,400 cells and 21,000 household
// representatives).
const (
	DemoSmall  DemoScale = "small"
	DemoMukuru DemoScale = "mukuru"
)

// DemoOptions describes a demo workspace to write.
type DemoOptions struct {
	Scale DemoScale
	// Now is the day the demo is written on; its dates are relative to it.
	// The same scale and day always give the same workspace.
	Now time.Time
	// Language is the language of the seeded sector themes and roles (see
	// NewOptions); the demo's own records are in English either way.
	Language string
}

// CreateDemo writes a synthetic but believable workspace at path: Kenyan
// names, partners of every kind, eight consortia at different stages, role
// history with turnover, resource gaps, meetings, and the community structure
// with its representatives. It deliberately holds the problems the health
// checks exist to find.
func CreateDemo(path string, opt DemoOptions) (*File, error) {
	if opt.Scale == "" {
		opt.Scale = DemoSmall
	}
	if opt.Scale != DemoSmall && opt.Scale != DemoMukuru {
		return nil, invalid("Scale", "The demo scale “%s” is not known: use small or mukuru.", opt.Scale)
	}
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	in := NewOptions{Name: "Mukuru Special Planning Area (demo)", Settlement: "Mukuru", City: "Nairobi City County",
		Country: "Kenya", Currency: "KES", Author: "demo", Now: opt.Now, Language: opt.Language}
	return create(path, in, func(f *File) error {
		return f.write(func(t *tx) error {
			if _, err := t.Exec("UPDATE initiative SET vision = ?", demoVision); err != nil {
				return err
			}
			d := &demo{t: t, r: rand.New(rand.NewPCG(2017, 8)), today: opt.Now.UTC(), stmts: map[string]*sql.Stmt{}}
			defer d.close()
			d.build(opt.Scale)
			if d.err != nil {
				return d.err
			}
			for _, k := range []struct{ entity, plural string }{
				{"organisation", "organisations"}, {"person", "people"}, {"community unit", "community units"},
				{"consortium", "consortia"}, {"assignment", "assignments"}, {"resource gap", "resource gaps"}, {"meeting", "meetings"},
				{"activity", "activities"},
			} {
				if err := t.logChange(k.entity, "", "create", fmt.Sprintf("Demo data: %d %s", d.counts[k.entity], k.plural)); err != nil {
					return err
				}
			}
			return t.logChange("community unit", "", "create", fmt.Sprintf("Demo data: %d unit boundaries (%s)", d.counts["unit boundary"], demoShapesNote))
		})
	})
}

const demoVision = "A Mukuru where every household has safe water, sanitation, secure homes and a say in how the settlement is upgraded, planned together by residents, Nairobi City County and their partners."

// demo builds the demo inside one transaction with prepared inserts, since
// the mukuru scale writes tens of thousands of rows.
type demo struct {
	t      *tx
	r      *rand.Rand
	today  time.Time
	stmts  map[string]*sql.Stmt
	err    error
	counts map[string]int

	sectors   []string
	roles     map[string]string // key -> id
	orgs      []demoOrg
	consortia []string // ids, in demoConsortia order
	staff     map[string][]string
	people    int
	areas     []demoArea // the community units, for their shapes
}

// demoArea holds the ids of an area's units in the order they were made:
// segments, their clusters and the clusters' cells.
type demoArea struct {
	id       string
	segments []demoSegment
}

type demoSegment struct {
	id       string
	clusters []demoCluster
}

type demoCluster struct {
	id    string
	cells []string
}

type demoOrg struct {
	id, name, kind, base string
	sectors              []int
	withdrawn            bool
}

func (d *demo) close() {
	for _, s := range d.stmts {
		s.Close()
	}
}

// id makes a UUID from the demo's random source, so that the demo is the
// same every time.
func (d *demo) id() string {
	var b [16]byte
	binary.LittleEndian.PutUint64(b[:8], d.r.Uint64())
	binary.LittleEndian.PutUint64(b[8:], d.r.Uint64())
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return uuid.UUID(b).String()
}

// day returns the date n days before the demo's day.
func (d *demo) day(n int) string { return d.today.AddDate(0, 0, -n).Format(DateLayout) }

func (d *demo) pick(list []string) string { return list[d.r.IntN(len(list))] }

// add inserts r with a demo id and returns the id.
func (d *demo) add(r record) string {
	if d.err != nil {
		return ""
	}
	if *r.key() == "" {
		*r.key() = d.id()
	}
	if v, ok := r.(interface{ Validate() error }); ok {
		if err := v.Validate(); err != nil {
			d.err = fmt.Errorf("demo %s %q: %w", r.table().entity, r.title(), err)
			return ""
		}
	}
	tab := r.table()
	st, ok := d.stmts[tab.name]
	if !ok {
		marks := strings.TrimSuffix(strings.Repeat("?, ", len(tab.cols)+3), ", ")
		st, d.err = d.t.Prepare("INSERT INTO " + tab.name + " (" + columnList(tab) + ") VALUES (" + marks + ")")
		if d.err != nil {
			return ""
		}
		d.stmts[tab.name] = st
	}
	args := append(append([]any{*r.key()}, values(r)...), d.t.at, d.t.f.copyID)
	if _, err := st.Exec(args...); err != nil {
		d.err = fmt.Errorf("demo %s %q: %w", tab.entity, r.title(), err)
		return ""
	}
	d.counts[tab.entity]++
	if l, ok := r.(linker); ok {
		for _, lv := range l.links() {
			for _, other := range lv.ids {
				d.link(lv.table, *r.key(), other)
			}
		}
	}
	return *r.key()
}

func (d *demo) link(l linkTable, parent, other string) {
	if d.err != nil {
		return
	}
	st, ok := d.stmts[l.name]
	if !ok {
		st, d.err = d.t.Prepare("INSERT INTO " + l.name + " (id, " + l.parentCol + ", " + l.otherCol + ", updated_at, copy_id) VALUES (?, ?, ?, ?, ?)")
		if d.err != nil {
			return
		}
		d.stmts[l.name] = st
	}
	if _, err := st.Exec(d.id(), parent, other, d.t.at, d.t.f.copyID); err != nil {
		d.err = fmt.Errorf("demo link %s: %w", l.name, err)
	}
}

func (d *demo) build(scale DemoScale) {
	d.counts = map[string]int{}
	d.staff = map[string][]string{}
	d.roles = map[string]string{}
	rows, err := d.t.Query("SELECT id FROM sectors ORDER BY position")
	if err != nil {
		d.err = err
		return
	}
	for rows.Next() {
		var id string
		if d.err = rows.Scan(&id); d.err != nil {
			rows.Close()
			return
		}
		d.sectors = append(d.sectors, id)
	}
	rows.Close()
	rows, err = d.t.Query("SELECT key, id FROM roles WHERE key IS NOT NULL")
	if err != nil {
		d.err = err
		return
	}
	for rows.Next() {
		var k, id string
		if d.err = rows.Scan(&k, &id); d.err != nil {
			rows.Close()
			return
		}
		d.roles[k] = id
	}
	rows.Close()

	d.organisations()
	d.consortiaAndLeadership()
	d.community(scale)
	d.gaps()
	d.meetings()
	d.activities()
	// Last, so that the shapes' ids leave every other record as it was.
	d.shapes(scale)
}

var (
	demoWomen = []string{"Wanjiru", "Achieng", "Njeri", "Akinyi", "Chebet", "Wambui", "Nyambura", "Atieno", "Muthoni", "Nafula",
		"Jeptoo", "Halima", "Amina", "Faith", "Grace", "Mercy", "Esther", "Joyce", "Mary", "Wairimu", "Adhiambo", "Kerubo",
		"Moraa", "Nekesa", "Zawadi", "Rehema", "Mwanaisha", "Naliaka", "Cherono", "Wanjirũ", "Lilian", "Beatrice", "Josephine"}
	demoMen = []string{"Mwangi", "Otieno", "Kamau", "Ochieng", "Kiprono", "Mutua", "Omondi", "Kariuki", "Wekesa", "Barasa",
		"Koech", "Abdi", "Hassan", "Brian", "Kevin", "Dennis", "Peter", "John", "Joseph", "Daniel", "Kibet", "Odhiambo",
		"Mohamed", "Juma", "Simiyu", "Kipchoge", "Njoroge", "Mbugua", "Collins", "Samuel", "George", "Felix", "Ibrahim"}
	demoSurnames = []string{"Kamau", "Otieno", "Wanjiku", "Mwangi", "Ochieng", "Njoroge", "Kiptoo", "Mutua", "Wambua", "Owino",
		"Onyango", "Kilonzo", "Chege", "Gitau", "Korir", "Rotich", "Wafula", "Nyongesa", "Juma", "Ali", "Omar", "Muriuki",
		"Karanja", "Ndung'u", "Maina", "Kimani", "Macharia", "Odhiambo", "Okoth", "Mugo", "Ngʼang'a", "Mwende", "Auma",
		"Achola", "Makena", "Kinyua", "Waweru", "Kiplagat", "Langat", "Mohamed", "Hussein", "Nduta", "Muthama", "Opiyo"}
)

// name returns a random Kenyan name for gender "female" or "male".
func (d *demo) name(gender string) string {
	if gender == "female" {
		return d.pick(demoWomen) + " " + d.pick(demoSurnames)
	}
	return d.pick(demoMen) + " " + d.pick(demoSurnames)
}

func (d *demo) gender(shareFemale float64) string {
	if d.r.Float64() < shareFemale {
		return "female"
	}
	return "male"
}

// person adds a person and returns the id.
func (d *demo) person(p Person) string {
	if p.Gender == "" {
		p.Gender = d.gender(0.5)
	}
	if p.Name == "" {
		p.Name = d.name(p.Gender)
	}
	if p.AgeBand == "" {
		p.AgeBand = []string{"18-24", "25-35", "25-35", "36-59", "36-59", "60+"}[d.r.IntN(6)]
	}
	// Why each is recorded: staff for the public role they hold; residents
	// by their consent, taken when they were chosen, except one in forty
	// nobody recorded (no random draw, so the rest of the demo stays as
	// it was).
	switch {
	case p.OrganisationID != "":
		p.Basis = "public role"
	case d.people%40 == 39:
	default:
		p.Basis, p.ConsentOn, p.ConsentHow, p.ConsentBy = "consent", d.day(760), "Signed form at the election meeting", "Mukuru community mobilisation team"
	}
	d.people++
	return d.add(&p)
}

func (d *demo) assign(role, holder string, holderIsOrg bool, where Assignment, start int) string {
	a := where
	a.RoleID = d.roles[role]
	if holderIsOrg {
		a.OrganisationID = holder
	} else {
		a.PersonID = holder
	}
	a.StartOn = d.day(start)
	return d.add(&a)
}

var demoOrganisations = []struct {
	name, acronym, kind, base string
	sectors                   []int
	commitment, stance, infl  string
	positions                 []string
}{
	{"Nairobi City County – Urban Planning and Lands", "NCC-UPL", "local-government", "local", []int{3, 4}, "active", "supportive", "high", []string{"Director of Urban Planning", "Senior Physical Planner", "GIS Officer"}},
	{"Nairobi City County – Health Services", "NCC-HS", "local-government", "local", []int{1}, "active", "supportive", "high", []string{"Chief Officer, Health", "Public Health Officer", "Sub-County Medical Officer"}},
	{"Nairobi City County – Education, Youth and Culture", "NCC-EYC", "local-government", "local", []int{2}, "active", "leaning-supportive", "medium", []string{"Director of Education", "Youth Officer"}},
	{"Nairobi City County – Environment, Water and Energy", "NCC-EWE", "local-government", "local", []int{0, 5}, "active", "supportive", "high", []string{"Director of Water and Sanitation", "Environment Officer", "Energy Officer"}},
	{"Nairobi City County – Finance and Economic Planning", "NCC-FEP", "local-government", "local", []int{6}, "committed", "neutral", "high", []string{"Chief Economist", "Budget Officer"}},
	{"Nairobi City County – Built Environment and Housing", "NCC-BEH", "local-government", "local", []int{3}, "active", "supportive", "high", []string{"Director of Housing", "Civil Engineer", "Architect"}},
	{"Embakasi South Sub-County Administration", "ESSCA", "local-government", "local", []int{7}, "active", "supportive", "medium", []string{"Sub-County Administrator", "Ward Administrator"}},
	{"State Department for Housing and Urban Development", "SDHUD", "national-government", "national", []int{3, 4}, "committed", "leaning-supportive", "high", []string{"Principal Housing Officer"}},
	{"Office of the Chief, Mukuru Location", "OCML", "national-government", "local", []int{7}, "approached", "neutral", "medium", []string{"Location Chief", "Assistant Chief"}},
	{"Office of the MCA, Kwa Njenga Ward", "MCA-KN", "elected-office", "local", []int{7}, "committed", "supportive", "high", []string{"Member of County Assembly", "Ward Coordinator"}},
	{"Office of the MCA, Landi Mawe Ward", "MCA-LM", "elected-office", "local", []int{7}, "approached", "leaning-opposed", "medium", []string{"Member of County Assembly"}},
	{"Nairobi Water and Sewer Utility", "NWSU", "utility", "local", []int{0}, "active", "supportive", "high", []string{"Manager, Informal Settlements Region", "Network Engineer"}},
	{"City Power Connections Programme", "CPCP", "utility", "national", []int{0}, "committed", "neutral", "medium", []string{"Project Engineer"}},
	{"Maji Safi Trust", "MST", "ngo", "local", []int{0}, "active", "supportive", "medium", []string{"Programme Manager", "Sanitation Specialist", "Water Engineer"}},
	{"Afya Mtaani Initiative", "AMI", "ngo", "local", []int{1}, "active", "supportive", "medium", []string{"Executive Director", "Health Researcher"}},
	{"Elimu Kwa Wote Network", "EKW", "ngo", "national", []int{2}, "active", "supportive", "medium", []string{"Programme Officer", "Education Researcher"}},
	{"Haki Ardhi Centre", "HAC", "ngo", "national", []int{4}, "active", "supportive", "medium", []string{"Land Rights Lawyer", "Policy Analyst"}},
	{"Mazingira Bora Alliance", "MBA", "ngo", "local", []int{5}, "active", "supportive", "medium", []string{"Coordinator", "Environmental Scientist"}},
	{"Nyumba Yetu Housing Trust", "NYHT", "ngo", "local", []int{3}, "active", "supportive", "medium", []string{"Director", "Housing Planner", "Quantity Surveyor"}},
	{"Sauti ya Vijana", "SYV", "ngo", "local", []int{2, 7}, "committed", "supportive", "low", []string{"Youth Coordinator"}},
	{"Hope Street Education Fund", "HSEF", "ngo", "national", []int{2}, "withdrawn", "neutral", "low", []string{"Programme Lead", "Field Officer"}},
	{"Jamii Savings Support Trust", "JSST", "federation-support-ngo", "local", []int{6, 7}, "active", "supportive", "high", []string{"Executive Director", "Programme Manager", "Community Planner", "Finance Officer"}},
	{"Makazi Bora Federation Support Network", "MBFSN", "federation-support-ngo", "national", []int{3, 7}, "active", "supportive", "medium", []string{"Coordinator", "Enumeration Lead"}},
	{"Mukuru Residents' Savings Federation", "MRSF", "federation", "local", []int{6, 7}, "active", "supportive", "high", []string{"Chairperson", "Treasurer", "Savings Group Leader"}},
	{"Kenya Urban Poor Federation – Nairobi Chapter", "KUPF", "federation", "national", []int{7}, "active", "supportive", "medium", []string{"Regional Leader", "Mobilization Lead"}},
	{"Kwa Njenga Youth Group", "KNYG", "cbo", "local", []int{2}, "active", "supportive", "low", []string{"Chairperson", "Secretary"}},
	{"Wape Wape Women's Self-Help Group", "WWSHG", "cbo", "local", []int{6}, "active", "supportive", "low", []string{"Chairperson"}},
	{"Viwandani Community Health Volunteers", "VCHV", "cbo", "local", []int{1}, "active", "supportive", "low", []string{"Lead Volunteer", "Volunteer"}},
	{"Reuben Riverbank Clean-Up Group", "RRCG", "cbo", "local", []int{5}, "committed", "supportive", "low", []string{"Coordinator"}},
	{"Lunga Lunga Boda Boda Association", "LLBA", "cbo", "local", []int{3}, "approached", "neutral", "low", []string{"Chairman"}},
	{"Embakasi Residents' Welfare Association", "ERWA", "cbo", "local", []int{7}, "prospective", "unknown", "low", []string{"Secretary"}},
	{"Tuinuane Youth Arts Collective", "TYAC", "cbo", "local", []int{2}, "committed", "supportive", "low", []string{"Artistic Director"}},
	{"Nairobi Institute of Urban Studies", "NIUS", "academia", "local", []int{3, 4, 5}, "active", "supportive", "medium", []string{"Professor of Planning", "Research Fellow", "Lecturer"}},
	{"Kenya Polytechnic School of Engineering", "KPSE", "academia", "national", []int{0, 3}, "committed", "supportive", "medium", []string{"Senior Lecturer, Civil Engineering"}},
	{"Mtaa Safi Sanitation Ltd", "MSS", "private-sector", "local", []int{0}, "committed", "leaning-supportive", "low", []string{"Operations Manager"}},
	{"Jenga Engineering Consultants", "JEC", "private-sector", "national", []int{0, 3}, "approached", "neutral", "medium", []string{"Principal Engineer"}},
	{"Kilele Microfinance Bank", "KMB", "private-sector", "national", []int{6}, "prospective", "neutral", "medium", []string{"Head of Housing Finance"}},
	{"Eco-Build Materials Co-operative", "EBMC", "private-sector", "local", []int{3}, "withdrawn", "leaning-opposed", "low", []string{"Manager"}},
	{"Structure Owners' Welfare Society", "SOWS", "other", "local", []int{3}, "approached", "opposed", "medium", []string{"Chairman"}},
	{"Mukuru FM Community Radio", "MFM", "media", "local", []int{7}, "active", "supportive", "medium", []string{"Station Manager", "Reporter"}},
	{"Ghetto Voices Newsletter", "GVN", "media", "local", []int{7}, "committed", "supportive", "low", []string{"Editor"}},
	{"Nairobi Urban Resilience Fund", "NURF", "funder", "national", []int{6}, "committed", "supportive", "high", []string{"Grants Manager"}},
	{"East Africa Community Foundation", "EACF", "funder", "regional", []int{6, 2}, "approached", "leaning-supportive", "medium", []string{"Programme Officer"}},
	{"Global Sanitation Partnership", "GSP", "international", "international", []int{0}, "active", "supportive", "medium", []string{"Country Representative", "WASH Adviser"}},
	{"Habitat Research International", "HRI", "international", "international", []int{6, 4}, "active", "supportive", "medium", []string{"Kenya Programme Lead", "Urban Finance Specialist"}},
	{"Mukuru Faith Leaders Forum", "MFLF", "other", "local", []int{7}, "committed", "supportive", "medium", []string{"Convenor"}},
}

// org returns the demo organisation with the acronym.
func (d *demo) org(acronym string) demoOrg {
	for i, o := range demoOrganisations {
		if o.acronym == acronym {
			return d.orgs[i]
		}
	}
	panic("demo: no organisation " + acronym)
}

// staffOf returns the n-th staff member of the organisation with the acronym.
func (d *demo) staffOf(acronym string, n int) string {
	s := d.staff[d.org(acronym).id]
	return s[n%len(s)]
}

func (d *demo) organisations() {
	for _, o := range demoOrganisations {
		var sectors []string
		for _, i := range o.sectors {
			sectors = append(sectors, d.sectors[i])
		}
		id := d.add(&Organisation{Name: o.name, Acronym: o.acronym, Kind: o.kind, Base: o.base, Commitment: o.commitment,
			Stance: o.stance, Influence: o.infl, SectorIDs: sectors,
			Interests: fmt.Sprintf("Sees the initiative as a way to advance its work on %s.", strings.ToLower(seedSectors[o.sectors[0]].name))})
		d.orgs = append(d.orgs, demoOrg{id: id, name: o.name, kind: o.kind, base: o.base, sectors: o.sectors, withdrawn: o.commitment == "withdrawn"})
		for _, pos := range o.positions {
			g := d.gender(0.5)
			name := d.name(g)
			email := strings.ToLower(strings.NewReplacer(" ", ".", "'", "", "ʼ", "", "ũ", "u").Replace(name)) + "@" + strings.ToLower(strings.ReplaceAll(o.acronym, "-", "")) + ".example.org"
			resident := o.kind == "cbo" || o.kind == "federation"
			pid := d.person(Person{Name: name, Gender: g, OrganisationID: id, Position: pos, Email: email,
				Phone: fmt.Sprintf("+254 7%02d %03d %03d", d.r.IntN(100), d.r.IntN(1000), d.r.IntN(1000)), Resident: AnswerOf(resident)})
			d.staff[id] = append(d.staff[id], pid)
		}
	}
}

var demoConsortia = []struct {
	code, name, status, county, civil string
	sector                            int
	members                           []string
}{
	{"WSE", "Water, Sanitation and Energy Consortium", "planning", "NCC-EWE", "MST", 0, []string{"NWSU", "CPCP", "GSP", "MSS", "KPSE", "JEC"}},
	{"HLT", "Health Consortium", "plan-drafted", "NCC-HS", "AMI", 1, []string{"VCHV", "NIUS", "MBFSN"}},
	{"EYC", "Education, Youth and Culture Consortium", "data-collection", "NCC-EYC", "HSEF", 2, []string{"EKW", "SYV", "KNYG", "TYAC"}},
	{"HIC", "Housing, Infrastructure and Commerce Consortium", "validated", "NCC-BEH", "NYHT", 3, []string{"SDHUD", "MBFSN", "NIUS", "LLBA", "EBMC", "JEC"}},
	{"LIF", "Land and Institutional Framework Consortium", "ratified", "NCC-UPL", "HAC", 4, []string{"SDHUD", "NIUS", "MRSF"}},
	{"ENR", "Environment and Natural Resources Consortium", "planning", "", "MBA", 5, []string{"NCC-EWE", "RRCG", "NIUS"}},
	{"FIN", "Finance Consortium", "forming", "NCC-FEP", "HRI", 6, []string{"JSST", "NURF", "KMB", "WWSHG"}},
	{"CCOC", "Coordination, Community Organisation and Communication Consortium", "implementing", "ESSCA", "JSST", 7, []string{"MRSF", "KUPF", "MFM", "GVN", "MFLF", "MBFSN"}},
}

func (d *demo) consortiaAndLeadership() {
	for _, c := range demoConsortia {
		cid := d.add(&Consortium{Code: c.code, Name: c.name, Status: c.status, SectorIDs: []string{d.sectors[c.sector]},
			Purpose: "Prepare the " + strings.ToLower(seedSectors[c.sector].name) + " plan for Mukuru with residents and the county."})
		d.consortia = append(d.consortia, cid)
		members := append([]string{c.civil}, c.members...)
		if c.county != "" {
			members = append([]string{c.county}, members...)
		}
		for i, m := range members {
			o := d.org(m)
			left := ""
			if o.withdrawn {
				left = d.day(60)
			}
			d.add(&ConsortiumMember{ConsortiumID: cid, OrganisationID: o.id, JoinedOn: d.day(900 - 20*i), LeftOn: left,
				Contribution: []string{"Technical staff time", "Sector data and studies", "Meeting venues and logistics", "Funding for surveys", "Community links", "Engineering designs"}[i%6]})
		}
		where := Assignment{ConsortiumID: cid}
		// County lead, with turnover in the health consortium.
		switch c.code {
		case "":
		case "HLT":
			old := d.assign(RoleTechnicalLeadGovernment, d.staffOf(c.county, 1), false, where, 880)
			next := where
			next.FollowsID = old
			d.assign(RoleTechnicalLeadGovernment, d.staffOf(c.county, 2), false, next, 200)
			d.endAssignment(old, 200, "Transferred to another sub-county")
		default:
			if c.county != "" {
				d.assign(RoleTechnicalLeadGovernment, d.staffOf(c.county, 0), false, where, 860)
			}
		}
		// Civil-society lead; the education lead's organisation withdrew and nobody replaced it.
		switch c.code {
		case "EYC":
			a := d.assign(RoleTechnicalLeadCivil, d.org(c.civil).id, true, where, 700)
			d.endAssignment(a, 60, "The organisation withdrew from the initiative")
		case "CCOC":
			d.assign(RoleTechnicalLeadCivil, d.staffOf("JSST", 0), false, where, 1000)
		default:
			d.assign(RoleTechnicalLeadCivil, d.org(c.civil).id, true, where, 850)
		}
		// Planners and engineers: the civil-society lead's staff plan, residents join most teams.
		civil := d.org(c.civil)
		if c.code != "EYC" {
			d.assign(RoleSectoralPlanner, d.staff[civil.id][len(d.staff[civil.id])-1], false, where, 800)
		} else {
			d.assign(RoleSectoralPlanner, d.staffOf("HSEF", 1), false, where, 640) // withdrawn organisation's staff, still listed
			d.assign(RoleSectoralPlanner, d.staffOf("EKW", 1), false, where, 600)
		}
		if c.code != "FIN" {
			d.assign(RoleSectoralPlanner, d.staffOf("MRSF", d.r.IntN(3)), false, where, 500+d.r.IntN(200))
		}
		if c.code == "WSE" || c.code == "HIC" || c.code == "LIF" || c.code == "ENR" {
			d.assign(RoleSpatialPlanner, d.staffOf("NCC-UPL", 1), false, where, 780)
		}
		switch c.code {
		case "WSE":
			d.assign(RoleEngineer, d.staffOf("NWSU", 1), false, where, 700)
			d.assign(RoleEngineer, d.staffOf("MST", 2), false, where, 650)
		case "HIC":
			d.assign(RoleEngineer, d.staffOf("NCC-BEH", 1), false, where, 700)
		case "HLT", "LIF", "CCOC":
			d.assign(RoleEngineer, d.staffOf("KPSE", 0), false, where, 400)
		}
	}

	none := Assignment{}
	// The champion leads far too much: a single point of failure.
	champion := d.staffOf("JSST", 0)
	d.assign(RoleCentralChampion, champion, false, none, 1090)
	d.assign(RoleCentralLeadershipTeam, champion, false, none, 1090)
	d.assign(RoleCivilSocietyLeader, champion, false, none, 1090)
	d.assign(RoleCommunityEngagement, champion, false, none, 1000)
	d.assign(RoleCentralLeadershipTeam, d.staffOf("NCC-UPL", 0), false, none, 1060)
	d.assign(RoleCentralLeadershipTeam, d.staffOf("NIUS", 0), false, none, 1000)
	d.assign(RoleCentralLeadershipTeam, d.staffOf("MRSF", 0), false, none, 980)
	d.assign(RoleLocalGovernmentLeader, d.staffOf("NCC-HS", 0), false, none, 950)
	d.assign(RoleLocalGovernmentLeader, d.staffOf("NCC-UPL", 0), false, none, 1060)
	d.assign(RoleElectedLeader, d.staffOf("MCA-KN", 0), false, none, 900)
	d.assign(RoleElectedLeader, d.staffOf("OCML", 0), false, none, 700)
	d.assign(RoleCivilSocietyLeader, d.staffOf("MBFSN", 0), false, none, 950)
	d.assign(RoleCommunityChampion, d.staffOf("MRSF", 0), false, none, 1000)
	d.assign(RoleCommunityChampion, d.staffOf("KUPF", 0), false, none, 950)
	d.assign(RoleCommunityEngagement, d.org("MBFSN").id, true, none, 990)
	d.assign(RoleCommunityEngagement, d.org("MRSF").id, true, none, 990)
	d.assign(RoleCommunityEngagement, d.org("KUPF").id, true, none, 900)
	d.assign(RoleCommunityOrganiser, d.staffOf("KUPF", 1), false, none, 1200)
	d.assign(RoleCommunityOrganiser, d.staffOf("WWSHG", 0), false, none, 1150)
	d.assign(RoleActionResearcher, d.org("NIUS").id, true, none, 1300)
	d.assign(RoleActionResearcher, d.org("MBFSN").id, true, none, 1250)
	d.assign(RoleCommunityCoResearcher, d.staffOf("MRSF", 2), false, none, 1250)
	d.assign(RoleAcademicResearcher, d.staffOf("NIUS", 1), false, none, 900)
	d.assign(RoleLocalMedia, d.org("MFM").id, true, none, 800)
	d.assign(RoleLocalMedia, d.org("GVN").id, true, none, 600)
	// A central team member from the national government, posted elsewhere, never replaced.
	gone := d.assign(RoleCentralLeadershipTeam, d.staffOf("SDHUD", 0), false, none, 1000)
	d.endAssignment(gone, 75, "Posted to another county")
}

// endAssignment ends a demo assignment n days ago.
func (d *demo) endAssignment(id string, n int, reason string) {
	if d.err != nil {
		return
	}
	_, d.err = d.t.Exec("UPDATE assignments SET end_on = ?, end_reason = ? WHERE id = ?", d.day(n), reason, id)
}

// demoAreas are Mukuru's three areas and some of their villages, used as segments.
var demoAreas = []struct {
	name     string
	segments []string
}{
	{"Mukuru kwa Njenga", []string{"Vietnam", "Milimani", "Wape Wape", "Riara", "Sisal"}},
	{"Mukuru kwa Reuben", []string{"Gatoto", "Mombasa", "Kosovo", "Rurie"}},
	{"Viwandani", []string{"Jamaica", "Paradise", "Lunga Lunga", "Sinai"}},
}

func (d *demo) community(scale DemoScale) {
	clustersPerSegment, cellsPerCluster, segmentsPerArea := 80, 10, 5
	if scale == DemoSmall {
		clustersPerSegment, cellsPerCluster, segmentsPerArea = 6, 10, 2
	}
	repCell, repCluster, repSegment, mobilizer := d.roles[RoleRepresentativeCell], d.roles[RoleRepresentativeCluster], d.roles[RoleRepresentativeSegment], d.roles[RoleCommunityMobilizer]
	segmentNo := 0
	for _, area := range demoAreas {
		areaID := d.add(&Unit{Level: "area", Name: area.name})
		d.areas = append(d.areas, demoArea{id: areaID})
		layoutArea := &d.areas[len(d.areas)-1]
		for si, segName := range area.segments {
			if si >= segmentsPerArea {
				break
			}
			segmentNo++
			segID := d.add(&Unit{Level: "segment", ParentID: areaID, Name: segName})
			layoutArea.segments = append(layoutArea.segments, demoSegment{id: segID})
			layoutSegment := &layoutArea.segments[len(layoutArea.segments)-1]
			// In one segment mobilization started late: a third of its cells have
			// no representative yet; in another a few elections are still due.
			missingShare := 0.0
			switch {
			case segName == "Sinai" || (scale == DemoSmall && segmentNo == 3):
				missingShare = 0.35
			case segName == "Mombasa" || segName == "Milimani":
				missingShare = 0.03
			}
			segmentHasMobilizers := segName != "Kosovo" && !(scale == DemoSmall && segmentNo == 4)
			for ci := 1; ci <= clustersPerSegment; ci++ {
				cluID := d.add(&Unit{Level: "cluster", ParentID: segID, Name: fmt.Sprintf("%s cluster %d", segName, ci)})
				layoutSegment.clusters = append(layoutSegment.clusters, demoCluster{id: cluID})
				layoutCluster := &layoutSegment.clusters[len(layoutSegment.clusters)-1]
				households := 0
				for ce := 1; ce <= cellsPerCluster; ce++ {
					hh := 8 + d.r.IntN(5)
					households += hh
					cellID := d.add(&Unit{Level: "cell", ParentID: cluID, Name: fmt.Sprintf("Cell %d", ce), Households: hh})
					layoutCluster.cells = append(layoutCluster.cells, cellID)
					if d.r.Float64() < missingShare {
						continue
					}
					// Two representatives per cell, a woman and a man, elected at different times.
					for _, g := range []string{"female", "male"} {
						start := 300 + d.r.IntN(400)
						pid := d.person(Person{Gender: g, Resident: Yes, HomeUnitID: cellID})
						d.add(&Assignment{RoleID: repCell, PersonID: pid, UnitID: cellID, StartOn: d.day(start)})
					}
				}
				d.setHouseholds(cluID, households)
				pid := d.person(Person{Gender: d.gender(0.55), Resident: Yes, HomeUnitID: cluID})
				d.add(&Assignment{RoleID: repCluster, PersonID: pid, UnitID: cluID, StartOn: d.day(250 + d.r.IntN(200))})
				// Mobilizers in two clusters of every three, most of them women.
				if segmentHasMobilizers && ci%3 != 0 {
					mid := d.person(Person{Gender: d.gender(0.62), Resident: Yes, HomeUnitID: cluID, AgeBand: d.pick([]string{"18-24", "25-35"})})
					a := Assignment{RoleID: mobilizer, PersonID: mid, UnitID: cluID, StartOn: d.day(500 + d.r.IntN(200))}
					if d.r.IntN(12) == 0 {
						a.EndOn, a.EndReason = d.day(100+d.r.IntN(100)), "Moved out of the settlement"
					}
					d.add(&a)
				}
			}
			pid := d.person(Person{Gender: d.gender(0.5), Resident: Yes, HomeUnitID: segID})
			d.add(&Assignment{RoleID: repSegment, PersonID: pid, UnitID: segID, StartOn: d.day(240)})
		}
		d.sumHouseholds(areaID)
	}
	// A representative who moved out of the settlement but still holds the seat.
	if d.err == nil {
		_, d.err = d.t.Exec(`UPDATE people SET resident = 0, notes = 'Moved to Utawala; still attends forums'
			WHERE id = (SELECT person_id FROM assignments WHERE role_id = ? ORDER BY rowid LIMIT 1 OFFSET 7)`, repCell)
	}
	// And one who withdrew their consent, whose data is still held.
	if d.err == nil {
		_, d.err = d.t.Exec(`UPDATE people SET withdrawn_on = ? WHERE id = (SELECT person_id FROM assignments a JOIN people p ON p.id = a.person_id
			WHERE a.role_id = ? AND p.basis = 'consent' ORDER BY a.rowid LIMIT 1 OFFSET 12)`, d.day(20), repCell)
	}
}

func (d *demo) setHouseholds(id string, n int) {
	if d.err == nil {
		_, d.err = d.t.Exec("UPDATE units SET households = ? WHERE id = ?", n, id)
	}
}

// sumHouseholds totals the households of an area's segments from their clusters.
func (d *demo) sumHouseholds(areaID string) {
	if d.err != nil {
		return
	}
	_, d.err = d.t.Exec(`UPDATE units SET households = (SELECT coalesce(sum(c.households), 0) FROM units c WHERE c.parent_id = units.id)
		WHERE level = 'segment' AND parent_id = ?`, areaID)
	if d.err == nil {
		_, d.err = d.t.Exec(`UPDATE units SET households = (SELECT coalesce(sum(c.households), 0) FROM units c WHERE c.parent_id = units.id) WHERE id = ?`, areaID)
	}
}

var demoGapTitles = []struct {
	title, kind, role string
	cost              int64
}{
	{"Household survey enumerators", "staff-time", "", 1_800_000},
	{"Engineer for detailed designs", "expertise", RoleEngineer, 3_500_000},
	{"Spatial planner for the sector plan", "expertise", RoleSpatialPlanner, 2_400_000},
	{"GIS mapping of existing networks", "data", "", 900_000},
	{"Drone imagery of the riparian strip", "data", "", 650_000},
	{"Venue and meals for community forums", "venue-logistics", "", 420_000},
	{"Printing of sector briefs in Kiswahili", "other", "", 150_000},
	{"Funding for pilot works", "funding", "", 12_000_000},
	{"Laptops and tablets for data entry", "equipment", "", 780_000},
	{"Legal review of the draft plan", "expertise", "", 1_100_000},
	{"Transport for mobilizers", "venue-logistics", "", 360_000},
	{"Feasibility study", "expertise", RoleSectoralPlanner, 2_900_000},
	{"Water quality testing", "data", "", 540_000},
	{"Translation of survey tools", "other", "", 95_000},
	{"Cost estimate of the sector plan", "expertise", "", 1_350_000},
	{"Public meeting sound system", "equipment", "", 210_000},
	{"Staff time from the county department", "staff-time", "", 0},
	{"Training of community co-researchers", "funding", "", 880_000},
	{"Validation workshops with residents", "venue-logistics", "", 1_200_000},
}

func (d *demo) gaps() {
	statuses := []string{"open", "open", "open", "recruiting", "recruiting", "partly-filled", "partly-filled", "filled", "filled", "dropped"}
	for ci, cid := range append(d.consortia, "") {
		n := 18
		if cid == "" {
			n = 6
		}
		for i := 0; i < n; i++ {
			t := demoGapTitles[(i+ci*3)%len(demoGapTitles)]
			g := ResourceGap{ConsortiumID: cid, Title: t.title, Kind: t.kind, RoleID: d.roles[t.role],
				Priority: []string{"high", "medium", "medium", "low"}[d.r.IntN(4)], Status: statuses[d.r.IntN(len(statuses))],
				EstimatedCost: t.cost}
			switch g.Status {
			case "partly-filled":
				g.Secured = g.EstimatedCost * int64(20+d.r.IntN(60)) / 100
			case "filled":
				g.Secured = g.EstimatedCost
				o := d.orgs[d.r.IntN(len(d.orgs))]
				g.FilledByOrganisationID = o.id
			}
			gid := d.add(&g)
			// Most open high-priority gaps have candidates; a few have none yet.
			if g.IsOpen() && !(g.Priority == "high" && i%3 == 0) {
				seen := map[string]bool{}
				for k := 0; k < 1+d.r.IntN(3); k++ {
					o := d.orgs[d.r.IntN(len(d.orgs))]
					if seen[o.id] {
						continue
					}
					seen[o.id] = true
					d.add(&GapCandidate{GapID: gid, OrganisationID: o.id, Stage: d.pick([]string{"identified", "approached", "interested", "committed", "declined"})})
				}
			}
		}
	}
}

var demoDecisions = []string{
	"Adopt the household survey tool as revised by residents.",
	"Hold the next community planning forum in Viwandani.",
	"Ask the county to second two planners to the consortia.",
	"Share sector data through the coordination consortium only.",
	"Present the draft sector plans to the sub-county administration.",
	"Set aside a riparian buffer in all spatial options.",
	"Start with water and sanitation before housing, to avoid conflict with structure owners.",
	"Publish meeting summaries in Kiswahili on community radio.",
}

var demoActions = []string{
	"Circulate the revised survey tool",
	"Book the venue for the community forum",
	"Draft the letter to the Chief Officer",
	"Compile cost estimates for the pilot",
	"Update the list of household representatives",
	"Prepare the sector brief for the assembly committee",
}

func (d *demo) meetings() {
	allStaff := []string{}
	for _, o := range d.orgs {
		allStaff = append(allStaff, d.staff[o.id]...)
	}
	for i := 0; i < 60; i++ {
		var m Meeting
		ago := 10 + i*12 + d.r.IntN(8)
		switch {
		case i%6 == 0:
			// Inter-consortia meetings were regular, then stopped five months ago.
			m = Meeting{Kind: "inter-consortia", Title: "Inter-consortia harmonisation meeting", ConsortiumIDs: d.consortia}
			ago = 150 + i*15
		case i%6 == 1:
			m = Meeting{Kind: "community-forum", Title: "Community planning forum", ResidentsWomen: 60 + d.r.IntN(90), ResidentsMen: 40 + d.r.IntN(70)}
			m.ResidentsYouth = (m.ResidentsWomen + m.ResidentsMen) / 3
		case i%6 == 2:
			m = Meeting{Kind: "central-leadership", Title: "Central leadership team meeting"}
		case i%6 == 3 && i%4 == 1:
			m = Meeting{Kind: "public-meeting", Title: "Public meeting with the county", ResidentsWomen: 150 + d.r.IntN(200), ResidentsMen: 120 + d.r.IntN(180)}
		default:
			c := d.r.IntN(len(d.consortia))
			m = Meeting{Kind: "consortium", Title: demoConsortia[c].code + " consortium meeting", ConsortiumIDs: []string{d.consortia[c]}}
		}
		m.HeldOn = d.day(ago)
		m.Place = d.pick([]string{"Mukuru Social Hall", "Kwa Njenga Chief's Camp", "City Hall Annex", "Jamii Resource Centre", "Viwandani Community Hall"})
		seen := map[string]bool{}
		for k := 0; k < 3+d.r.IntN(9); k++ {
			p := d.pick(allStaff)
			if !seen[p] {
				seen[p] = true
				m.AttendeeIDs = append(m.AttendeeIDs, p)
			}
		}
		mid := d.add(&m)
		first := d.r.IntN(len(demoDecisions))
		for k := 0; k < 1+d.r.IntN(3); k++ {
			d.add(&Decision{MeetingID: mid, Position: k + 1, Text: demoDecisions[(first+k)%len(demoDecisions)]})
		}
		for k := 0; k < d.r.IntN(3); k++ {
			a := FollowUp{MeetingID: mid, Position: k + 1, Text: d.pick(demoActions), OwnerID: d.pick(m.AttendeeIDs), DueOn: d.day(ago - 30)}
			if ago > 60 || d.r.IntN(3) == 0 {
				a.DoneOn = d.day(max(ago-20, 0))
			}
			if i == 7 || i == 13 {
				a.DoneOn = "" // a couple of old actions nobody finished
			}
			d.add(&a)
		}
	}
}

// demoActivities are what some partners do where, as their 3W matrices
// say: the organisation's acronym, its sector (a place in the seeded
// sectors), the community unit by its name, or else the place as the
// partner wrote it, what is done, how far it has come, and when it started
// and ended (days before the demo's day; 0 for not recorded). The units
// are in the small demo too.
var demoActivities = []struct {
	acronym                   string
	sector                    int
	unit, place, what, status string
	start, end                int
}{
	{"MST", 0, "Vietnam", "", "Water kiosks and pipe extension", "ongoing", 240, 0},
	{"MST", 0, "Milimani cluster 2", "", "Communal toilet block", "planned", 0, 0},
	{"GSP", 0, "Gatoto", "", "Sanitation mapping", "completed", 400, 120},
	{"AMI", 1, "Jamaica", "", "Household health survey", "ongoing", 150, 0},
	{"VCHV", 1, "Paradise", "", "Home visits by community health volunteers", "ongoing", 500, 0},
	{"KNYG", 2, "", "Kwa Njenga social hall", "Youth arts and football league", "ongoing", 300, 0},
	{"NYHT", 3, "Milimani", "", "Housing typology study", "completed", 360, 90},
	{"JSST", 6, "Mombasa", "", "Savings group mobilisation", "ongoing", 600, 0},
	{"MBA", 5, "", "Ngong River banks, Reuben", "River clean-up and tree planting", "", 0, 0},
	{"RRCG", 5, "Gatoto cluster 1", "", "Monthly riverbank clean-up days", "ongoing", 200, 0},
	{"MRSF", 7, "Paradise", "", "Enumeration of structures", "planned", 0, 0},
}

func (d *demo) activities() {
	for _, a := range demoActivities {
		if d.err != nil {
			return
		}
		act := Activity{OrganisationID: d.org(a.acronym).id, SectorID: d.sectors[a.sector], Place: a.place, Description: a.what, Status: a.status}
		if a.unit != "" {
			if d.err = d.t.QueryRow("SELECT id FROM units WHERE name = ? ORDER BY rowid LIMIT 1", a.unit).Scan(&act.UnitID); d.err != nil {
				d.err = fmt.Errorf("demo activity %q: no unit %q: %w", a.what, a.unit, d.err)
				return
			}
		}
		if a.start > 0 {
			act.StartOn = d.day(a.start)
		}
		if a.end > 0 {
			act.EndOn = d.day(a.end)
		}
		d.add(&act)
	}
}
