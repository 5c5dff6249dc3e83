package main

import (
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"cpw/workspace"
)

// cpw copy --without-contacts and --without-sensitive say what they left
// out, cpw info of the copy says so too, and cpw copies lists both copies
// with whom they were for.
func TestCopyForSharingCommands(t *testing.T) {
	dir := t.TempDir()
	demo := filepath.Join(dir, "demo.cpw")
	if code, _, errOut := cpw("demo", demo); code != 0 {
		t.Fatal(errOut)
	}
	if code, out, _ := cpw("copies", demo); code != 0 || !strings.Contains(out, "no copies yet") {
		t.Errorf("cpw copies before any: %d %q", code, out)
	}
	kplc := filepath.Join(dir, "for-kplc.cpw")
	code, out, errOut := cpw("copy", demo, kplc, "--without-contacts", "--for", "KPLC Nairobi")
	if code != 0 || !strings.Contains(out, "without phone numbers and e-mail addresses") {
		t.Fatalf("cpw copy --without-contacts: %d %q %q", code, out, errOut)
	}
	research := filepath.Join(dir, "for-research.cpw")
	if code, out, errOut := cpw("copy", demo, research, "--without-sensitive"); code != 0 || !strings.Contains(out, "gender and age band") {
		t.Fatalf("cpw copy --without-sensitive: %d %q %q", code, out, errOut)
	}
	if code, out, _ := cpw("info", kplc); code != 0 || !strings.Contains(out, "made without     phone numbers and e-mail addresses") {
		t.Errorf("cpw info of the copy: %q", out)
	}
	code, out, _ = cpw("copies", demo, "--json")
	var made []struct {
		MadeFor  string `json:"made_for"`
		LeftOut  string `json:"left_out"`
		FileName string `json:"file_name"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &made) != nil || len(made) != 2 {
		t.Fatalf("cpw copies --json: %d %q", code, out)
	}
	byName := map[string]string{}
	for _, m := range made {
		byName[m.FileName] = m.LeftOut + "/" + m.MadeFor
	}
	if byName["for-kplc.cpw"] != "contacts/KPLC Nairobi" || byName["for-research.cpw"] != "contacts sensitive/" {
		t.Errorf("the register: %v", byName)
	}
	if code, out, _ := cpw("copies", demo); code != 0 || !strings.Contains(out, "for KPLC Nairobi  without phone numbers and e-mail addresses") {
		t.Errorf("cpw copies: %q", out)
	}
}

// cpw person-report writes the PDF of one person's data; without --person,
// or with a person not there, it says so.
func TestPersonReportCommand(t *testing.T) {
	dir := t.TempDir()
	demo := filepath.Join(dir, "demo.cpw")
	if code, _, errOut := cpw("demo", demo); code != 0 {
		t.Fatal(errOut)
	}
	f, err := workspace.OpenReadOnly(demo)
	if err != nil {
		t.Fatal(err)
	}
	people, err := f.People(workspace.PersonFilter{})
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "person.pdf")
	if code, stdout, errOut := cpw("person-report", demo, "--person", people[0].ID, out); code != 0 || !strings.Contains(stdout, "Wrote") {
		t.Fatalf("cpw person-report: %d %q %q", code, stdout, errOut)
	}
	if data, err := os.ReadFile(out); err != nil || !strings.HasPrefix(string(data), "%PDF") {
		t.Errorf("the report: %v", err)
	}
	if code, _, errOut := cpw("person-report", demo, out); code != 2 || !strings.Contains(errOut, "--person ID is missing") {
		t.Errorf("without --person: %d %q", code, errOut)
	}
	if code, _, errOut := cpw("person-report", demo, "--person", "nobody", filepath.Join(dir, "x.pdf")); code != 1 || errOut == "" {
		t.Errorf("a person not there: %d %q", code, errOut)
	}
}

// A file an older version saved is left as it is by cpw copy, so the copy
// cannot be recorded in it: the command says so rather than let the
// register look complete.
func TestCopyOfAnOlderFileSaysItIsNotRecorded(t *testing.T) {
	dir := t.TempDir()
	demo := filepath.Join(dir, "demo.cpw")
	if code, _, errOut := cpw("demo", demo); code != 0 {
		t.Fatal(errOut)
	}
	// Back to schema 9: what versions 10 and 11 added, taken away, and
	// the triggers of people as versions 8 and 9 made them.
	db, err := sql.Open("cpw-sqlite3", "file:"+demo+"?mode=rw")
	if err != nil {
		t.Fatal(err)
	}
	back := []string{"DROP TABLE unit_shapes", "DROP TABLE erasures", "DROP TRIGGER people_stay_erased", "DROP TRIGGER step_insert_people", "DROP TRIGGER step_update_people", "DROP TRIGGER step_delete_people", "DROP TRIGGER fields_update_people"}
	for _, c := range []string{"basis", "consent_on", "consent_how", "consent_by", "withdrawn_on", "erased_on"} {
		back = append(back, "ALTER TABLE people DROP COLUMN "+c)
	}
	for _, m := range []string{"0008_steps.sql", "0009_sharing.sql"} {
		b, err := os.ReadFile(filepath.Join("workspace", "migrations", m))
		if err != nil {
			t.Fatal(err)
		}
		back = append(back, regexp.MustCompile(`(?s)CREATE TRIGGER (step_\w+|fields_update)_people .*?\nEND;`).FindAllString(string(b), -1)...)
	}
	if len(back) != 17 {
		t.Fatalf("%d statements to take the file back", len(back))
	}
	for _, s := range append(back, "ALTER TABLE this_copy DROP COLUMN left_out", "ALTER TABLE this_copy DROP COLUMN left_out_at",
		"DROP TABLE copies_made", "PRAGMA user_version = 9") {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	db.Close()
	before, _ := os.ReadFile(demo)
	code, out, errOut := cpw("copy", demo, filepath.Join(dir, "for-kplc.cpw"), "--without-contacts")
	if code != 0 || !strings.Contains(out, "The copy is not recorded in "+demo) {
		t.Fatalf("cpw copy of an older file: %d %q %q", code, out, errOut)
	}
	if after, _ := os.ReadFile(demo); string(after) != string(before) {
		t.Error("cpw copy changed the older file")
	}
	if code, out, _ := cpw("copy", filepath.Join(dir, "for-kplc.cpw"), filepath.Join(dir, "again.cpw")); code != 0 || strings.Contains(out, "not recorded") {
		t.Errorf("a copy of a file of this version: %d %q", code, out)
	}
}
