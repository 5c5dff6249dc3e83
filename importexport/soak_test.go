package importexport

import (
	"bufio"
	"context"
	"fmt"
	"os"
	osexec "os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"cpw/workspace"
)

// The soak test: four processes at once on one workspace for a while (five
// minutes unless CPW_SOAK_SECONDS says otherwise) — two editing people, one
// importing workbooks, one merging in a copy it edits — then every change a
// process saw committed is found in the workspace, and the file is healthy.
// It runs only when asked: CPW_SOAK=1 go test -run TestSoak ./importexport.
//
// Each process changes its own field of its own share of the people, so
// that what each one committed last can be checked: the editors people's
// notes (the second editor those of the importer's share), the importer
// people's positions and new organisations, the merger new organisations
// and its share's notes in its own copy. A change refused because the
// workspace was busy is not counted as committed; any other error fails.
func TestSoak(t *testing.T) {
	if role := os.Getenv("CPW_SOAK_ROLE"); role != "" {
		soakChild(t, role)
		return
	}
	if os.Getenv("CPW_SOAK") == "" {
		t.Skip("set CPW_SOAK=1 to run the soak test (CPW_SOAK_SECONDS: how long, 300 by default)")
	}
	seconds := 300
	if s, err := strconv.Atoi(os.Getenv("CPW_SOAK_SECONDS")); err == nil && s > 0 {
		seconds = s
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "soak.cpw")
	f, err := workspace.CreateDemo(path, workspace.DemoOptions{Now: testDay})
	if err != nil {
		t.Fatal(err)
	}
	people, err := f.People(workspace.PersonFilter{})
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(people, func(i, j int) bool { return people[i].ID < people[j].ID })
	share := func(n int) []string {
		var ids []string
		for _, p := range people[n*40 : n*40+40] {
			ids = append(ids, p.ID)
		}
		return ids
	}
	theirs := filepath.Join(dir, "theirs.cpw")
	if err := f.SaveCopy(theirs); err != nil {
		t.Fatal(err)
	}
	f.Close()

	// The second editor writes the notes of the people whose positions the
	// importer sets: both must stay.
	roles := []string{"edit", "edit", "import", "merge"}
	shares := []int{0, 2, 2, 3}
	var cmds []*osexec.Cmd
	logs := make([]string, len(roles))
	for i, role := range roles {
		logs[i] = filepath.Join(dir, fmt.Sprintf("committed-%d.log", i))
		cmd := osexec.Command(os.Args[0], "-test.run=^TestSoak$", "-test.v")
		cmd.Env = append(os.Environ(), "CPW_SOAK_ROLE="+role, "CPW_SOAK_FILE="+path, "CPW_SOAK_THEIRS="+theirs,
			"CPW_SOAK_IDS="+strings.Join(share(shares[i]), ","), "CPW_SOAK_LOG="+logs[i], "CPW_SOAK_NAME="+strconv.Itoa(i),
			"CPW_SOAK_UNTIL="+time.Now().Add(time.Duration(seconds)*time.Second).Format(time.RFC3339Nano))
		out, err := os.Create(filepath.Join(dir, fmt.Sprintf("out-%d.txt", i)))
		if err != nil {
			t.Fatal(err)
		}
		defer out.Close()
		cmd.Stdout, cmd.Stderr = out, out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, cmd)
	}
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			out, _ := os.ReadFile(filepath.Join(dir, fmt.Sprintf("out-%d.txt", i)))
			t.Fatalf("the %s process failed: %v\n%s", roles[i], err, out)
		}
	}

	f, err = workspace.Open(path)
	if err != nil {
		t.Fatalf("the workspace does not open after the soak: %v", err)
	}
	defer f.Close()
	orgs, err := f.Organisations()
	if err != nil {
		t.Fatal(err)
	}
	haveOrg := map[string]bool{}
	for _, o := range orgs {
		haveOrg[o.Name] = true
	}
	total := 0
	for i := range roles {
		last := map[string]string{} // person → the last value committed
		lines := readLines(t, logs[i])
		total += len(lines)
		for _, line := range lines {
			kind, rest, _ := strings.Cut(line, " ")
			switch kind {
			case "org":
				if !haveOrg[rest] {
					t.Errorf("the organisation %q that the %s process committed is missing", rest, roles[i])
				}
			case "notes", "position":
				id, value, _ := strings.Cut(rest, " ")
				last[kind+" "+id] = value
			}
		}
		for key, want := range last {
			kind, id, _ := strings.Cut(key, " ")
			p, err := f.Person(id)
			if err != nil {
				t.Fatal(err)
			}
			got := p.Notes
			if kind == "position" {
				got = p.Position
			}
			if got != want {
				t.Errorf("the %s process's last %s of %s was %q; the workspace holds %q", roles[i], kind, p.Name, want, got)
			}
		}
	}
	t.Logf("%d changes committed by four processes in %d s, all found", total, seconds)
	if total == 0 {
		t.Error("no process committed anything")
	}
}

func readLines(t *testing.T, path string) []string {
	data, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var out []string
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	for sc.Scan() {
		out = append(out, sc.Text())
	}
	return out
}

// soakChild is one of the soak test's processes: it works until the time
// given and appends a line for every change it saw committed.
func soakChild(t *testing.T, role string) {
	until, err := time.Parse(time.RFC3339Nano, os.Getenv("CPW_SOAK_UNTIL"))
	if err != nil {
		t.Fatal(err)
	}
	ids := strings.Split(os.Getenv("CPW_SOAK_IDS"), ",")
	name := os.Getenv("CPW_SOAK_NAME")
	log, err := os.OpenFile(os.Getenv("CPW_SOAK_LOG"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	defer log.Close()
	committed := func(format string, args ...any) {
		if _, err := fmt.Fprintf(log, format+"\n", args...); err != nil {
			t.Fatal(err)
		}
	}
	// busy reports a change refused because another process held the
	// workspace too long: not committed, and not a failure.
	busy := func(err error) bool {
		return err != nil && (strings.Contains(err.Error(), "busy") || strings.Contains(err.Error(), "locked"))
	}
	f, err := workspace.Open(os.Getenv("CPW_SOAK_FILE"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var other *workspace.File
	if role == "merge" {
		if other, err = workspace.Open(os.Getenv("CPW_SOAK_THEIRS")); err != nil {
			t.Fatal(err)
		}
		defer other.Close()
	}
	// The merger's changes in its own copy reach the workspace with the next
	// merge that commits, whichever iteration made them.
	var pending []string
	for n := 0; time.Now().Before(until); n++ {
		id := ids[n%len(ids)]
		switch role {
		case "edit":
			p, err := f.Person(id)
			if busy(err) {
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			p.Notes = fmt.Sprintf("edit %s.%d", name, n)
			// Changed by another process since it was read: refused, as a
			// form's save is, and nothing written; read it again.
			if _, err := f.UpdatePerson(p); busy(err) || workspace.Code(err) == workspace.ErrConflict {
				continue
			} else if err != nil {
				t.Fatal(err)
			}
			committed("notes %s %s", id, p.Notes)
		case "import":
			position := fmt.Sprintf("import %d", n)
			org := fmt.Sprintf("Soak import %d", n)
			book := filepath.Join(filepath.Dir(os.Getenv("CPW_SOAK_LOG")), "soak-"+name+".xlsx")
			// Every person of its share, so that an edit committed while
			// it waits for the workspace meets it.
			rows := [][]any{{"ID", "Name", "Position"}}
			people, err := f.People(workspace.PersonFilter{})
			if busy(err) {
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range people {
				if strings.Contains(os.Getenv("CPW_SOAK_IDS"), p.ID) {
					rows = append(rows, []any{p.ID, p.Name, position})
				}
			}
			soakBook(t, book, rows, org)
			r, err := Import(context.Background(), f, book, ImportOptions{})
			if busy(err) {
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			if r.Errors() > 0 || !r.Written {
				t.Fatalf("the import was not written: %+v", r.Problems)
			}
			for _, id := range ids {
				committed("position %s %s", id, position)
			}
			committed("org %s", org)
		case "merge":
			// A change in its own copy, then that copy merged in.
			org := fmt.Sprintf("Soak merge %d", n)
			if _, err := other.CreateOrganisation(workspace.Organisation{Name: org, Kind: "cbo", Base: "local"}); err != nil {
				t.Fatal(err)
			}
			p, err := other.Person(id)
			if err != nil {
				t.Fatal(err)
			}
			p.Notes = fmt.Sprintf("merge %d", n)
			if _, err := other.UpdatePerson(p); err != nil {
				t.Fatal(err)
			}
			pending = append(pending, "org "+org, "notes "+id+" "+p.Notes)
			if _, err := f.Merge(other.Path(), workspace.MergeOptions{}); busy(err) {
				continue
			} else if err != nil {
				t.Fatal(err)
			}
			for _, line := range pending {
				committed("%s", line)
			}
			pending = nil
		}
	}
}

// soakBook writes a workbook with the People rows given and one new
// organisation.
func soakBook(t *testing.T, path string, people [][]any, org string) {
	x := excelize.NewFile()
	defer x.Close()
	if err := x.SetSheetName("Sheet1", "People"); err != nil {
		t.Fatal(err)
	}
	for r, row := range people {
		cell, _ := excelize.CoordinatesToCellName(1, r+1)
		if err := x.SetSheetRow("People", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := x.NewSheet("Organisations"); err != nil {
		t.Fatal(err)
	}
	for r, row := range [][]any{{"Name", "Kind", "Base"}, {org, "CBO", "Local"}} {
		cell, _ := excelize.CoordinatesToCellName(1, r+1)
		if err := x.SetSheetRow("Organisations", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	if err := x.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}
