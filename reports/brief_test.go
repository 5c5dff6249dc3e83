package reports

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"cpw/translate"
	"cpw/workspace"
)

var briefDay = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

// pdfText extracts the text of pages first..last (0 for all) with pdftotext.
func pdfText(t *testing.T, path string, first, last int) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Fatal("pdftotext is missing: install poppler-utils (make deps does)")
	}
	args := []string{"-layout"}
	if first > 0 {
		args = append(args, "-f", itoa(first), "-l", itoa(last))
	}
	out, err := exec.Command(bin, append(args, path, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

func itoa(n int) string { return thousands(int64(n)) }

// pages counts the pages of a PDF with pdfinfo.
func pages(t *testing.T, path string) int {
	t.Helper()
	out, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(line, "Pages:") {
			n := 0
			for _, c := range strings.TrimSpace(strings.TrimPrefix(line, "Pages:")) {
				n = n*10 + int(c-'0')
			}
			return n
		}
	}
	t.Fatal("pdfinfo gave no page count")
	return 0
}

// squash folds runs of white space, since pdftotext lays text out in columns.
func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

func demo(t *testing.T) *workspace.File {
	t.Helper()
	f, err := workspace.CreateDemo(filepath.Join(t.TempDir(), "demo.cpw"), workspace.DemoOptions{Scale: workspace.DemoSmall, Now: briefDay})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func write(t *testing.T, f *workspace.File, opt Options) string {
	t.Helper()
	opt.Date = briefDay
	path := filepath.Join(t.TempDir(), "brief.pdf")
	if err := Write(f, path, opt); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestInitiativeBriefMatchesTheWorkspace(t *testing.T) {
	f := demo(t)
	path := write(t, f, Options{})
	text := squash(pdfText(t, path, 0, 0))
	in, _ := f.Initiative()
	day := briefDay.Format(workspace.DateLayout)
	for _, want := range []string{in.Name, "Initiative brief, 27 November 2026", "At a glance", "The consortia",
		"Funds still missing", "Who holds which role", "What the health checks find", "Recent decisions", "Open follow-up actions"} {
		if !strings.Contains(text, want) {
			t.Errorf("the brief lacks %q", want)
		}
	}
	// Figures computed here from the workspace must be the brief's.
	orgs, _ := f.Organisations()
	if !strings.Contains(text, "Partner organisations "+itoa(len(orgs))) {
		t.Errorf("partner count %d not in the brief", len(orgs))
	}
	gaps, _ := f.ResourceGaps(workspace.GapFilter{})
	var short int64
	open := 0
	for _, g := range gaps {
		if g.IsOpen() {
			short += g.Missing()
			open++
		}
	}
	if !strings.Contains(text, "Money still missing KES "+thousands(short)) {
		t.Errorf("money missing KES %s not in the brief", thousands(short))
	}
	if !strings.Contains(text, "Open resource gaps "+itoa(open)+",") {
		t.Errorf("%d open gaps not in the brief", open)
	}
	cov, _ := f.RepresentationCoverage(day)
	if !strings.Contains(text, itoa(cov.CellsRepresented)+" of "+itoa(cov.Cells)+" cells") {
		t.Errorf("coverage %d of %d not in the brief", cov.CellsRepresented, cov.Cells)
	}
	// Every consortium and its county lead.
	lead, _ := f.RoleByKey(workspace.RoleTechnicalLeadGovernment)
	consortia, _ := f.Consortia()
	for _, c := range consortia {
		if !strings.Contains(text, c.Code+" "+c.Name[:10]) {
			t.Errorf("consortium %s missing from the table", c.Code)
		}
		for _, a := range mustAssignments(t, f, workspace.AssignmentFilter{RoleID: lead.ID, ConsortiumID: c.ID, CurrentOn: day}) {
			p, _ := f.Person(a.PersonID)
			if !strings.Contains(text, p.Name) {
				t.Errorf("county lead %s of %s missing", p.Name, c.Code)
			}
		}
	}
	// Critical findings appear; contacts do not.
	findings, _ := f.RunChecks(briefDay)
	for _, fd := range findings {
		if fd.Severity == workspace.SeverityCritical && !strings.Contains(text, squash(fd.Message)[:40]) {
			t.Errorf("critical finding %q missing", fd.Message)
		}
	}
	if strings.Contains(text, "@") || strings.Contains(text, "+254") {
		t.Error("the brief shows contacts without being asked")
	}
	n := pages(t, path)
	if !strings.Contains(text, "Page 1 of "+itoa(n)) || !strings.Contains(text, "Page "+itoa(n)+" of "+itoa(n)) {
		t.Errorf("page numbers missing (%d pages)", n)
	}
}

func mustAssignments(t *testing.T, f *workspace.File, filter workspace.AssignmentFilter) []workspace.Assignment {
	t.Helper()
	as, err := f.Assignments(filter)
	if err != nil {
		t.Fatal(err)
	}
	return as
}

func TestConsortiumBrief(t *testing.T) {
	f := demo(t)
	c, _ := f.ConsortiumByCode("WSE")
	path := write(t, f, Options{Consortium: "wse"})
	text := squash(pdfText(t, path, 0, 0))
	for _, want := range []string{"WSE — " + c.Name, "Consortium brief", "Leads", "Member organisations", "Planners and engineers",
		"Resource gaps", "What we ask for", "Recent decisions"} {
		if !strings.Contains(text, want) {
			t.Errorf("the consortium brief lacks %q", want)
		}
	}
	gaps, _ := f.ResourceGaps(workspace.GapFilter{ConsortiumID: c.ID})
	var cost, secured, short int64
	for _, g := range gaps {
		if g.IsOpen() {
			cost, secured, short = cost+g.EstimatedCost, secured+g.Secured, short+g.Missing()
		}
		if !strings.Contains(text, prefix(g.Title)) {
			t.Errorf("gap %q missing", g.Title)
		}
	}
	if !strings.Contains(text, "Open total "+thousands(cost)+" "+thousands(secured)+" "+thousands(short)) {
		t.Errorf("totals %s / %s / %s missing", thousands(cost), thousands(secured), thousands(short))
	}
	// "What we ask for" names the same amount as the table's total.
	if !strings.Contains(text, "KES "+thousands(short)+" in all") {
		t.Errorf("the ask does not match the total of %s", thousands(short))
	}
	members, _ := f.Members(c.ID)
	for _, m := range members {
		o, _ := f.Organisation(m.OrganisationID)
		if m.LeftOn == "" && !strings.Contains(text, prefix(o.Name)) {
			t.Errorf("member %s missing", o.Name)
		}
	}
	other, _ := f.ConsortiumByCode("HLT")
	if strings.Contains(text, other.Name) {
		t.Error("the WSE brief talks about the health consortium")
	}
}

// prefix is the start of a text that stays on the first line of a table
// cell; pdftotext lays the later lines of a wrapped cell beside other columns.
func prefix(s string) string {
	if r := []rune(s); len(r) > 14 {
		return string(r[:14])
	}
	return s
}

func TestContactsOnlyWhenAsked(t *testing.T) {
	f := demo(t)
	without := squash(pdfText(t, write(t, f, Options{Consortium: "WSE"}), 0, 0))
	with := squash(pdfText(t, write(t, f, Options{Consortium: "WSE", WithContacts: true}), 0, 0))
	if strings.Contains(without, "@") || strings.Contains(without, "+254") {
		t.Error("contacts shown without being asked")
	}
	if !strings.Contains(with, "@") || !strings.Contains(with, "+254") || !strings.Contains(with, "E-mail") {
		t.Error("contacts missing when asked")
	}
}

// TestLongTableRepeatsItsHeader gives a consortium more gaps than a page holds.
func TestLongTableRepeatsItsHeader(t *testing.T) {
	f, err := workspace.Create(filepath.Join(t.TempDir(), "long.cpw"), workspace.NewOptions{Name: "Long"})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c, _ := f.CreateConsortium(workspace.Consortium{Code: "HIC", Name: "Housing"})
	for i := 0; i < 70; i++ {
		if _, err := f.CreateResourceGap(workspace.ResourceGap{ConsortiumID: c.ID, Title: "Survey of plots in block " + itoa(i+1),
			Kind: "data", EstimatedCost: int64(1000 * (i + 1))}); err != nil {
			t.Fatal(err)
		}
	}
	path := write(t, f, Options{Consortium: "HIC"})
	n := pages(t, path)
	withHeader := 0
	for p := 1; p <= n; p++ {
		page := squash(pdfText(t, path, p, p))
		if strings.Contains(page, "Gap Kind Priority Status Cost Secured Missing Candidates") && strings.Contains(page, "Survey of plots") {
			withHeader++
		}
	}
	if withHeader < 2 {
		t.Errorf("the gap table spans %d pages with its header, want at least 2 (of %d)", withHeader, n)
	}
	text := squash(pdfText(t, path, 0, 0))
	for i := 1; i <= 70; i++ {
		if !strings.Contains(text, "block "+itoa(i)+" ") {
			t.Fatalf("gap %d lost across the page break", i)
		}
	}
}

func TestTrickyNamesSurvive(t *testing.T) {
	f, err := workspace.Create(filepath.Join(t.TempDir(), "names.cpw"), workspace.NewOptions{Name: "Names – “quoted”"})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c, _ := f.CreateConsortium(workspace.Consortium{Code: "WSE", Name: "Water"})
	lead, _ := f.RoleByKey(workspace.RoleTechnicalLeadGovernment)
	civil, _ := f.RoleByKey(workspace.RoleTechnicalLeadCivil)
	for _, x := range []struct {
		name string
		role workspace.Role
	}{{"Wanjirũ Ngʼang'a", lead}, {"José Muñoz 中村", civil}} {
		p, err := f.CreatePerson(workspace.Person{Name: x.name})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Assign(workspace.Assignment{RoleID: x.role.ID, PersonID: p.ID, ConsortiumID: c.ID, StartOn: "2026-01-01"}); err != nil {
			t.Fatal(err)
		}
	}
	path := write(t, f, Options{Consortium: "WSE"})
	text := pdfText(t, path, 0, 0)
	for _, want := range []string{"Wanjirũ Ngʼang'a", "José Muñoz", "Names – “quoted”"} {
		if !strings.Contains(text, want) {
			t.Errorf("%q did not survive", want)
		}
	}
	// The font has no Chinese: the characters are replaced visibly, not dropped.
	if strings.Contains(text, "中村") || !strings.Contains(text, "José Muñoz \uFFFD\uFFFD") {
		t.Errorf("characters the font lacks were not replaced visibly:\n%s", text)
	}
}

func TestDeterministic(t *testing.T) {
	f := demo(t)
	var a, b bytes.Buffer
	if err := Build(f, &a, Options{Date: briefDay}); err != nil {
		t.Fatal(err)
	}
	if err := Build(f, &b, Options{Date: briefDay}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the same workspace and date gave two different files")
	}
}

func TestLetterPaper(t *testing.T) {
	f := demo(t)
	path := write(t, f, Options{Paper: "letter"})
	out, _ := exec.Command("pdfinfo", path).Output()
	if !strings.Contains(string(out), "612 x 792 pts (letter)") {
		t.Errorf("not letter paper:\n%s", out)
	}
}

func TestRefusals(t *testing.T) {
	f := demo(t)
	dir := t.TempDir()
	t.Run("UnknownConsortium", func(t *testing.T) {
		err := Write(f, filepath.Join(dir, "x.pdf"), Options{Consortium: "NOPE", Date: briefDay})
		if err == nil || !strings.Contains(err.Error(), "no consortium with the code “NOPE”") {
			t.Errorf("%v", err)
		}
	})
	t.Run("MissingFolder", func(t *testing.T) {
		err := Write(f, filepath.Join(dir, "missing", "x.pdf"), Options{Date: briefDay})
		if err == nil || !strings.Contains(err.Error(), "does not exist") {
			t.Errorf("%v", err)
		}
	})
	t.Run("UnwritableFolder", func(t *testing.T) {
		ro := filepath.Join(dir, "ro")
		os.Mkdir(ro, 0o555)
		// root may write anywhere; a path under a file is refused for everyone.
		blocker := filepath.Join(dir, "file")
		os.WriteFile(blocker, nil, 0o644)
		err := Write(f, filepath.Join(blocker, "x.pdf"), Options{Date: briefDay})
		if err == nil {
			t.Error("a brief was written under a file")
		}
	})
	t.Run("BadPaper", func(t *testing.T) {
		var buf bytes.Buffer
		if err := Build(f, &buf, Options{Paper: "a3"}); err == nil {
			t.Error("a3 accepted")
		}
	})
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".pdf") || strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("a refused brief left %s", e.Name())
		}
	}
}

func TestEmptyWorkspace(t *testing.T) {
	f, err := workspace.Create(filepath.Join(t.TempDir(), "empty.cpw"), workspace.NewOptions{Name: "Empty"})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	text := squash(pdfText(t, write(t, f, Options{}), 0, 0))
	for _, want := range []string{"does not yet record its partners and consortia", "No consortium has been formed yet",
		"The central leadership team has 0 current members"} {
		if !strings.Contains(text, want) {
			t.Errorf("the empty brief lacks %q", want)
		}
	}
}

// A brief in Swahili has its headings, labels, dates and page numbers in
// Swahili and none of the English ones; names of data stay as recorded.
func TestSwahiliBrief(t *testing.T) {
	f := demo(t)
	in, _ := f.Initiative()
	sw := translate.For("sw")
	t.Run("Initiative", func(t *testing.T) {
		path := write(t, f, Options{Language: "sw"})
		text := squash(pdfText(t, path, 0, 0))
		n := pages(t, path)
		for _, want := range []string{in.Name, "Ripoti fupi ya mpango, 27 Novemba 2026", "Kwa muhtasari", "Mashirika washirika",
			"Miungano", "Fedha ambazo bado zinakosekana", "Nani ana jukumu lipi", sw("What the health checks find"),
			"Maamuzi ya hivi karibuni", "Hatua za ufuatiliaji zilizo wazi", "Ukurasa 1 kati ya " + itoa(n),
			sw("Forming"), sw("Planning")} {
			if !strings.Contains(text, want) {
				t.Errorf("the Swahili brief lacks %q", want)
			}
		}
		for _, english := range []string{"initiative brief", "Initiative brief", "At a glance", "The consortia", "Funds still missing",
			"Who holds which role", "What the health checks find", "Recent decisions", "Open follow-up actions", "Partner organisations",
			"Page 1 of", "November", "Severity", "What to do"} {
			if strings.Contains(text, english) {
				t.Errorf("the Swahili brief says %q", english)
			}
		}
		// The findings are worded in Swahili, as the checks word them.
		findings, _ := f.RunChecksIn(briefDay, sw)
		for _, fd := range findings {
			if fd.Severity == workspace.SeverityCritical && !strings.Contains(text, prefix(squash(fd.Message))) {
				t.Errorf("critical finding %q missing", fd.Message)
			}
		}
	})
	t.Run("Consortium", func(t *testing.T) {
		text := squash(pdfText(t, write(t, f, Options{Consortium: "WSE", Language: "sw"}), 0, 0))
		for _, want := range []string{"Ripoti fupi ya muungano", "Viongozi", "Mashirika wanachama", "Wapangaji na wahandisi",
			"Mapengo ya rasilimali", "Tunachoomba", "Jumla ya yaliyo", sw("What the health checks find")} {
			if !strings.Contains(text, want) {
				t.Errorf("the Swahili consortium brief lacks %q", want)
			}
		}
		for _, english := range []string{"Consortium brief", "Leads", "Member organisations", "Planners and engineers",
			"Resource gaps", "What we ask for", "Open total", "asks for the following"} {
			if strings.Contains(text, english) {
				t.Errorf("the Swahili consortium brief says %q", english)
			}
		}
		// The findings about WSE are picked alike whatever the language.
		english := squash(pdfText(t, write(t, f, Options{Consortium: "WSE"}), 0, 0))
		if a, b := strings.Count(english, "Critical")+strings.Count(english, "Warning"),
			strings.Count(text, sw("Critical"))+strings.Count(text, sw("Warning")); a != b || a == 0 {
			t.Errorf("the English brief on WSE has %d findings, the Swahili %d", a, b)
		}
	})
	t.Run("UnknownLanguage", func(t *testing.T) {
		var buf bytes.Buffer
		err := Build(f, &buf, Options{Language: "fr", Date: briefDay})
		if err == nil || !strings.Contains(err.Error(), `"fr"`) || !strings.Contains(err.Error(), "en, sw") {
			t.Errorf("an unknown language: %v", err)
		}
	})
}

// The gap table lists filled and dropped gaps too: it says what its open
// total leaves out, gives the total of all it lists, and its open total
// agrees with what the brief asks for.
func TestGapTableSaysWhatItsTotalsCount(t *testing.T) {
	f, err := workspace.Create(filepath.Join(t.TempDir(), "gaps.cpw"), workspace.NewOptions{Name: "Gaps"})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c, _ := f.CreateConsortium(workspace.Consortium{Code: "HIC", Name: "Housing"})
	for _, g := range []workspace.ResourceGap{
		{Title: "Survey", Kind: "data", Status: "open", EstimatedCost: 100000, Secured: 20000},
		{Title: "Mapping", Kind: "data", Status: "partly-filled", EstimatedCost: 60000, Secured: 60000},
		{Title: "Drone", Kind: "equipment", Status: "filled", EstimatedCost: 50000, Secured: 45000},
		{Title: "Lawyer", Kind: "expertise", Status: "dropped", EstimatedCost: 30000},
	} {
		g.ConsortiumID = c.ID
		if _, err := f.CreateResourceGap(g); err != nil {
			t.Fatal(err)
		}
	}
	var open, all [3]int64 // cost, secured, missing
	gaps, _ := f.ResourceGaps(workspace.GapFilter{ConsortiumID: c.ID})
	for _, g := range gaps {
		all[0], all[1] = all[0]+g.EstimatedCost, all[1]+g.Secured
		if g.IsOpen() {
			open[0], open[1], open[2] = open[0]+g.EstimatedCost, open[1]+g.Secured, open[2]+g.Missing()
		}
	}
	if open[0]-open[1] != open[2] {
		t.Fatalf("the open cost less the amount secured, %d, is not what is missing, %d", open[0]-open[1], open[2])
	}
	text := squash(pdfText(t, write(t, f, Options{Consortium: "HIC"}), 0, 0))
	for _, want := range []string{
		"Open total " + thousands(open[0]) + " " + thousands(open[1]) + " " + thousands(open[2]),
		"All gaps listed " + thousands(all[0]) + " " + thousands(all[1]) + " " + thousands(open[2]),
		"The open total counts only the gaps not yet filled or dropped",
		"KES " + thousands(open[2]) + " in all",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the brief lacks %q:\n%s", want, text)
		}
	}
	// With every gap open, the one total says it all.
	for _, g := range gaps {
		if !g.IsOpen() {
			g.Status = "open"
			if _, err := f.UpdateResourceGap(g); err != nil {
				t.Fatal(err)
			}
		}
	}
	text = squash(pdfText(t, write(t, f, Options{Consortium: "HIC"}), 0, 0))
	if strings.Contains(text, "All gaps listed") || strings.Contains(text, "counts only the gaps") {
		t.Errorf("a table of open gaps explains what its total leaves out:\n%s", text)
	}
}

// A renamed role is named alike in a finding and in the fix beside it, in
// any language the brief is written in: as the workspace records it.
func TestBriefNamesRenamedRolesAlike(t *testing.T) {
	f, err := workspace.Create(filepath.Join(t.TempDir(), "roles.cpw"), workspace.NewOptions{Name: "Roles"})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.CreateConsortium(workspace.Consortium{Code: "WSE", Name: "Water"}); err != nil {
		t.Fatal(err)
	}
	sw := translate.For("sw")
	seeded := "Technical lead (local government)"
	for _, language := range []string{"en", "sw"} {
		text := squash(pdfText(t, write(t, f, Options{Consortium: "WSE", Language: language}), 0, 0))
		if language == "sw" && strings.Contains(text, "(serikali") {
			t.Errorf("the Swahili brief names the recorded role %q by a translation of its seeded name, %q", seeded, sw(seeded))
		}
	}
	r, _ := f.RoleByKey(workspace.RoleTechnicalLeadGovernment)
	r.Name = "Idaramkuu"
	if _, err := f.UpdateRole(r); err != nil {
		t.Fatal(err)
	}
	for _, language := range []string{"en", "sw"} {
		text := squash(pdfText(t, write(t, f, Options{Consortium: "WSE", Language: language}), 0, 0))
		// The Leads section, the finding and its fix.
		if n := strings.Count(text, "Idaramkuu"); n < 3 {
			t.Errorf("%s: the renamed role is named %d times, want the Leads section, the finding and its fix:\n%s", language, n, text)
		}
		if strings.Contains(text, "(local") || strings.Contains(text, "(serikali") {
			t.Errorf("%s: the brief still names the role by its seeded name:\n%s", language, text)
		}
	}
}
