package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"cpw/app"
	"cpw/workspace"
)

// cpw runs a command and returns its exit status and output.
func cpw(args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := runCommand(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestNewAndInfo(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "mukuru.cpw")
	code, out, errOut := cpw("new", path, "--name", "Mukuru SPA", "--city", "Nairobi")
	if code != 0 || !strings.Contains(out, "Mukuru SPA") || errOut != "" {
		t.Fatalf("new: %d %q %q", code, out, errOut)
	}
	code, out, _ = cpw("info", path, "--json")
	if code != 0 {
		t.Fatalf("info: %d", code)
	}
	var info map[string]any
	if err := json.Unmarshal([]byte(out), &info); err != nil {
		t.Fatalf("info --json is not JSON: %v\n%s", err, out)
	}
	for _, k := range []string{"name", "workspace_id", "schema_version", "counts"} {
		if _, ok := info[k]; !ok {
			t.Errorf("info --json lacks %q", k)
		}
	}
	counts := info["counts"].(map[string]any)
	for _, k := range []string{"organisations", "people", "consortia", "roles", "assignments", "gaps", "meetings", "units"} {
		if _, ok := counts[k]; !ok {
			t.Errorf("info --json counts lack %q", k)
		}
	}
	if info["name"] != "Mukuru SPA" || counts["roles"].(float64) < 20 {
		t.Errorf("info: %v", info)
	}
	code, out, _ = cpw("info", path)
	if code != 0 || !strings.Contains(out, "schema version") {
		t.Errorf("info: %d %s", code, out)
	}
}

// cpw new --lang sw seeds the sectors and roles in Swahili.
func TestNewInSwahili(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mukuru.cpw")
	if code, out, errOut := cpw("new", path, "--name", "Mukuru SPA", "--lang", "sw"); code != 0 || errOut != "" {
		t.Fatalf("new --lang sw: %d %q %q", code, out, errOut)
	}
	f, err := workspace.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	in, err := f.Initiative()
	if err != nil || in.Language != "sw" {
		t.Errorf("the workspace's language is %q (%v), want sw", in.Language, err)
	}
	r, err := f.RoleByKey(workspace.RoleCommunityMobilizer)
	if err != nil || r.Name != "Mhamasishaji wa jamii" {
		t.Errorf("the community mobilizer is %q (%v) in a Swahili workspace", r.Name, err)
	}
	sectors, err := f.Sectors()
	if err != nil || len(sectors) == 0 || sectors[0].Name != "Maji, usafi wa mazingira na nishati" {
		t.Errorf("sectors of a Swahili workspace: %v (%v)", sectors, err)
	}
}

func TestErrors(t *testing.T) {
	dir := t.TempDir()
	existing := filepath.Join(dir, "taken.cpw")
	os.WriteFile(existing, []byte("not mine"), 0o644)
	for _, c := range []struct {
		name string
		args []string
		code int
		says string
	}{
		{"NewWithoutName", []string{"new", filepath.Join(dir, "a.cpw")}, 2, "--name is required"},
		{"NewWithoutFile", []string{"new", "--name", "X"}, 2, "FILE.cpw is missing"},
		{"NewOverExisting", []string{"new", existing, "--name", "X"}, 1, "already exists"},
		{"NewBadLanguage", []string{"new", filepath.Join(dir, "a.cpw"), "--name", "X", "--lang", "fr"}, 2, "--lang must be one of en, sw"},
		{"InfoMissing", []string{"info", filepath.Join(dir, "none.cpw")}, 1, "There is no file"},
		{"InfoNotWorkspace", []string{"info", existing}, 1, "not a workspace file"},
		{"UnknownFlag", []string{"info", existing, "--colour"}, 2, "flag provided but not defined"},
		{"ExtraArgument", []string{"version", "now"}, 2, "takes no arguments"},
		{"UnknownCommand", []string{"frobnicate", "x"}, 2, "neither a command nor a workspace file"},
		{"BadScale", []string{"demo", filepath.Join(dir, "d.cpw"), "--scale", "huge"}, 2, "--scale must be small or mukuru"},
		{"ExportNotWorkspace", []string{"export", existing, filepath.Join(dir, "b.xlsx")}, 1, "not a workspace file"},
		{"ImportNotWorkspace", []string{"import", existing, existing}, 1, "not a workspace file"},
		{"TemplateNotXlsx", []string{"template", filepath.Join(dir, "t.xls")}, 1, "must end in .xlsx"},
		{"MergeNotWorkspace", []string{"merge", existing, existing}, 1, "not a workspace file"},
		{"BriefNotWorkspace", []string{"brief", existing, filepath.Join(dir, "b.pdf")}, 1, "not a workspace file"},
		{"BriefBadPaper", []string{"brief", existing, filepath.Join(dir, "b.pdf"), "--paper", "a3"}, 2, "--paper must be a4 or letter"},
		{"CheckNotWorkspace", []string{"check", existing, "--json"}, 1, "not a workspace file"},
		{"CopyMissing", []string{"copy", filepath.Join(dir, "none.cpw"), filepath.Join(dir, "out.cpw")}, 1, "There is no file"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := cpw(c.args...)
			if code != c.code {
				t.Errorf("exit %d, want %d (%s)", code, c.code, errOut)
			}
			if !strings.HasPrefix(errOut, "cpw: ") || !strings.Contains(errOut, c.says) {
				t.Errorf("stderr %q does not say %q", errOut, c.says)
			}
			if out != "" {
				t.Errorf("a failing command printed to stdout: %q", out)
			}
		})
	}
	if b, _ := os.ReadFile(existing); string(b) != "not mine" {
		t.Error("a failing command changed a file")
	}
	for _, p := range []string{"a.cpw", "d.cpw", "out.cpw"} {
		if _, err := os.Stat(filepath.Join(dir, p)); err == nil {
			t.Errorf("a failing command wrote %s", p)
		}
	}
}

func TestDemoAndCopy(t *testing.T) {
	dir := t.TempDir()
	demo := filepath.Join(dir, "demo.cpw")
	if code, _, errOut := cpw("demo", demo); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	out := filepath.Join(dir, "for-the-wse-lead.cpw")
	if code, _, errOut := cpw("copy", demo, out); code != 0 {
		t.Fatalf("copy: %s", errOut)
	}
	_, a, _ := cpw("info", demo, "--json")
	_, b, _ := cpw("info", out, "--json")
	var ia, ib struct {
		WorkspaceID string         `json:"workspace_id"`
		CopyID      string         `json:"copy_id"`
		Counts      map[string]int `json:"counts"`
	}
	json.Unmarshal([]byte(a), &ia)
	json.Unmarshal([]byte(b), &ib)
	if ia.WorkspaceID != ib.WorkspaceID || ia.CopyID == ib.CopyID || ia.Counts["people"] != ib.Counts["people"] || ia.Counts["people"] == 0 {
		t.Errorf("copy: %+v vs %+v", ia, ib)
	}
	if code, _, errOut := cpw("copy", demo, out); code != 1 || !strings.Contains(errOut, "already exists") {
		t.Errorf("copy over an existing file: %d %s", code, errOut)
	}
}

func TestVersionAndHelp(t *testing.T) {
	code, out, _ := cpw("version")
	if code != 0 || strings.TrimSpace(out) != "cpw "+version() || version() == "unknown" {
		t.Errorf("version: %q", out)
	}
	code, out, _ = cpw("help")
	for _, n := range order {
		if !strings.Contains(out, "cpw "+n) {
			t.Errorf("help lacks %s", n)
		}
	}
	if code != 0 {
		t.Errorf("help exit %d", code)
	}
}

func TestIsCommand(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "plan.cpw")
	for _, c := range []struct {
		args []string
		want bool
	}{
		{nil, false},
		{[]string{file}, false},
		{[]string{"info", file}, true},
		{[]string{"--version"}, true},
		{[]string{"nonsense"}, true},
	} {
		if got := isCommand(c.args); got != c.want {
			t.Errorf("isCommand(%v) = %v", c.args, got)
		}
	}
}

func TestCheckCommand(t *testing.T) {
	demo := filepath.Join(t.TempDir(), "demo.cpw")
	if code, _, errOut := cpw("demo", demo); code != 0 {
		t.Fatal(errOut)
	}
	code, out, errOut := cpw("check", demo, "--json")
	if code != 0 {
		t.Fatalf("check: %d %s", code, errOut)
	}
	var report struct {
		Findings []map[string]any `json:"findings"`
		Summary  map[string]int   `json:"summary"`
	}
	if err := json.Unmarshal([]byte(out), &report); err != nil {
		t.Fatalf("check --json is not JSON: %v", err)
	}
	if len(report.Findings) == 0 || report.Summary["critical"] == 0 {
		t.Fatalf("the demo has no critical findings: %v", report.Summary)
	}
	for _, k := range []string{"check", "severity", "subject", "message", "why", "fix"} {
		if _, ok := report.Findings[0][k]; !ok {
			t.Errorf("a finding lacks %q", k)
		}
	}
	n := report.Summary["critical"] + report.Summary["warning"] + report.Summary["info"]
	if n != len(report.Findings) {
		t.Errorf("summary counts %d, findings %d", n, len(report.Findings))
	}
	code, out, _ = cpw("check", demo)
	if code != 0 || !strings.Contains(out, "CRITICAL") || !strings.Contains(out, "[consortium-without-county-lead]") {
		t.Errorf("check text: %d\n%s", code, out)
	}
	empty := filepath.Join(t.TempDir(), "empty.cpw")
	cpw("new", empty, "--name", "Empty")
	code, out, _ = cpw("check", empty, "--json")
	if code != 0 || !strings.Contains(out, `"check": "no-central-leadership-team"`) || strings.Contains(out, "consortium-without") {
		t.Errorf("a new workspace should lack its leadership and have no consortium findings: %d %s", code, out)
	}
}

func TestMergeCommand(t *testing.T) {
	dir := t.TempDir()
	ours, theirs := filepath.Join(dir, "master.cpw"), filepath.Join(dir, "wse-lead.cpw")
	if code, _, errOut := cpw("demo", ours); code != 0 {
		t.Fatal(errOut)
	}
	if code, _, errOut := cpw("copy", ours, theirs); code != 0 {
		t.Fatal(errOut)
	}
	f, err := workspace.Open(theirs)
	if err != nil {
		t.Fatal(err)
	}
	f.Now = func() time.Time { return time.Now().Add(48 * time.Hour) }
	if _, err := f.CreateOrganisation(workspace.Organisation{Name: "Kibera Youth Group", Kind: "cbo", Base: "local"}); err != nil {
		t.Fatal(err)
	}
	f.Close()
	before, _ := os.ReadFile(ours)
	code, out, errOut := cpw("merge", ours, theirs, "--dry-run", "--json")
	if code != 0 {
		t.Fatalf("dry run: %s", errOut)
	}
	var report struct {
		Counts []struct {
			Kind  string `json:"kind"`
			Added int    `json:"added"`
		} `json:"counts"`
		Conflicts []any `json:"conflicts"`
	}
	if err := json.Unmarshal([]byte(out), &report); err != nil {
		t.Fatalf("merge --json is not JSON: %v\n%s", err, out)
	}
	if len(report.Counts) != 1 || report.Counts[0].Kind != "organisations" || report.Counts[0].Added != 1 {
		t.Errorf("dry run report %s", out)
	}
	if !strings.Contains(out, `"first_meeting": false`) {
		t.Error("the copy and its source do not remember that they were one")
	}
	if after, _ := os.ReadFile(ours); string(after) != string(before) {
		t.Error("a dry run changed the workspace")
	}
	code, out, _ = cpw("merge", ours, theirs)
	if code != 0 || !strings.Contains(out, "1 record added") {
		t.Errorf("merge: %d %s", code, out)
	}
	code, out, _ = cpw("merge", ours, theirs)
	if code != 0 || !strings.Contains(out, "Nothing to merge") {
		t.Errorf("merging again: %d %s", code, out)
	}
}

func TestExcelCommands(t *testing.T) {
	dir := t.TempDir()
	demo := filepath.Join(dir, "demo.cpw")
	if code, _, errOut := cpw("demo", demo); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	template := filepath.Join(dir, "template.xlsx")
	if code, out, errOut := cpw("template", template); code != 0 || !strings.Contains(out, "Wrote the import template") {
		t.Fatalf("template: %d %s %s", code, out, errOut)
	}
	book := filepath.Join(dir, "export.xlsx")
	if code, _, errOut := cpw("export", demo, book, "--with-contacts"); code != 0 {
		t.Fatalf("export: %s", errOut)
	}
	target := filepath.Join(dir, "new.cpw")
	if code, _, errOut := cpw("new", target, "--name", "From the export"); code != 0 {
		t.Fatal(errOut)
	}
	code, out, errOut := cpw("import", target, book, "--dry-run", "--json")
	if code != 0 {
		t.Fatalf("import --dry-run: %d %s %s", code, out, errOut)
	}
	var report struct {
		DryRun  bool `json:"dry_run"`
		Written bool `json:"written"`
		Sheets  []struct {
			Sheet string `json:"sheet"`
			New   int    `json:"new"`
		} `json:"sheets"`
		Problems []map[string]any `json:"problems"`
	}
	if err := json.Unmarshal([]byte(out), &report); err != nil {
		t.Fatalf("import --json is not JSON: %v\n%s", err, out)
	}
	// Every sheet of the export has its line (a roster's or a consortium's
	// assignments are a line of their own under the sheet).
	sheetsSeen := map[string]bool{}
	for _, s := range report.Sheets {
		sheetsSeen[s.Sheet] = true
	}
	if !report.DryRun || report.Written || len(sheetsSeen) != 13 || report.Problems == nil {
		t.Fatalf("dry run report: %+v", report)
	}
	if code, out, errOut = cpw("import", target, book); code != 0 || !strings.HasPrefix(out, "Imported: ") {
		t.Fatalf("import: %d %s %s", code, out, errOut)
	}
	counts := func(path string) map[string]any {
		_, out, _ := cpw("info", path, "--json")
		var info map[string]any
		json.Unmarshal([]byte(out), &info)
		c := info["counts"].(map[string]any)
		delete(c, "changes")
		return c
	}
	a, b := counts(demo), counts(target)
	for k, v := range a {
		if b[k] != v {
			t.Errorf("%s: %v in the demo, %v after the round trip", k, v, b[k])
		}
	}

	// A workbook with a problem: the report on stdout, exit 1, nothing written.
	bad := filepath.Join(dir, "bad.xlsx")
	os.WriteFile(bad, []byte("Name,Kind\n"), 0o644)
	if code, out, errOut = cpw("import", target, bad); code != 1 || out != "" || !strings.Contains(errOut, "is not an Excel workbook") {
		t.Errorf("a text file: %d %q %q", code, out, errOut)
	}
	if code, out, _ = cpw("import", target, template); code != 0 || !strings.Contains(out, "0 new, 0 updated") {
		t.Errorf("the empty template: %d %s", code, out)
	}
	x := excelize.NewFile()
	x.SetSheetName("Sheet1", "Organisations")
	x.SetSheetRow("Organisations", "A1", &[]any{"Name", "Kind"})
	x.SetSheetRow("Organisations", "A2", &[]any{"Mukuru Youth Group", "Charity"})
	wrong := filepath.Join(dir, "wrong.xlsx")
	if err := x.SaveAs(wrong); err != nil {
		t.Fatal(err)
	}
	x.Close()
	before, _ := os.ReadFile(target)
	code, out, errOut = cpw("import", target, wrong)
	if code != 1 || errOut != "" || !strings.Contains(out, "Nothing was imported: 1 problem") || !strings.Contains(out, "ERROR: Organisations row 2, Kind (column B) (“Charity”)") {
		t.Errorf("a workbook with a problem: %d %q %q", code, out, errOut)
	}
	if after, _ := os.ReadFile(target); !bytes.Equal(before, after) {
		t.Error("a refused import changed the workspace")
	}
}

// cpw brief --lang sw writes the brief in Swahili; a language the program
// does not ship is refused before anything is written.
func TestBriefLanguage(t *testing.T) {
	dir := t.TempDir()
	demo := filepath.Join(dir, "demo.cpw")
	if code, _, errOut := cpw("demo", demo); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	sw := filepath.Join(dir, "sw.pdf")
	if code, out, errOut := cpw("brief", demo, sw, "--lang", "sw"); code != 0 || errOut != "" || !strings.Contains(out, "sw.pdf") {
		t.Fatalf("brief --lang sw: %d %q %q", code, out, errOut)
	}
	if text, err := exec.Command("pdftotext", sw, "-").Output(); err != nil {
		t.Errorf("pdftotext: %v", err)
	} else if !strings.Contains(string(text), "Kwa muhtasari") || strings.Contains(string(text), "At a glance") {
		t.Errorf("the brief is not in Swahili:\n%.600s", text)
	}
	bad := filepath.Join(dir, "fr.pdf")
	code, out, errOut := cpw("brief", demo, bad, "--lang", "fr")
	if code != 2 || out != "" || !strings.Contains(errOut, `--lang must be one of en, sw, not "fr"`) {
		t.Errorf("brief --lang fr: %d %q %q", code, out, errOut)
	}
	if _, err := os.Stat(bad); err == nil {
		t.Error("a refused brief was written")
	}
}

// The command line records changes under the name set in the window's
// Settings, read from the window's preferences.
func TestCommandsUseTheSettingsName(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	prefs := filepath.Join(home, ".config", "fyne", app.AppID, "preferences.json")
	if err := os.MkdirAll(filepath.Dir(prefs), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(prefs, []byte(`{"author": "Wanjiru Kamau", "language": "sw"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "mukuru.cpw")
	if code, _, errOut := cpw("new", path, "--name", "Mukuru SPA"); code != 0 {
		t.Fatalf("new: %s", errOut)
	}
	f, err := workspace.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	changes, err := f.Changes(workspace.ChangeFilter{})
	if err != nil || len(changes) == 0 {
		t.Fatalf("no changes: %v", err)
	}
	for _, c := range changes {
		if c.Author != "Wanjiru Kamau" {
			t.Errorf("a change by %q: %s", c.Author, c.Summary)
		}
	}
}
