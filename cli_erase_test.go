package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"cpw/workspace"
)

// cpw erase erases one person by id, refuses a second time and a missing
// id with a sentence, and cpw check then no longer names them.
func TestEraseCommand(t *testing.T) {
	dir := t.TempDir()
	demo := filepath.Join(dir, "demo.cpw")
	if code, _, errOut := cpw("demo", demo); code != 0 {
		t.Fatal(errOut)
	}
	f, err := workspace.OpenReadOnly(demo)
	if err != nil {
		t.Fatal(err)
	}
	findings, err := f.RunChecks(time.Now())
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	var withdrawn workspace.Finding
	for _, fd := range findings {
		if fd.Check == "consent-withdrawn-data-held" {
			withdrawn = fd
		}
	}
	if withdrawn.Subject.ID == "" {
		t.Fatal("the demo has nobody who withdrew their consent")
	}
	if code, _, errOut := cpw("erase", demo); code != 2 || !strings.Contains(errOut, "say whom to erase") {
		t.Errorf("cpw erase without whom: %d %q", code, errOut)
	}
	code, out, errOut := cpw("erase", demo, "--person", withdrawn.Subject.ID)
	if code != 0 || !strings.Contains(out, "Erased the personal data") || strings.Contains(out, withdrawn.Subject.Name) {
		t.Fatalf("cpw erase: %d %q %q", code, out, errOut)
	}
	if code, _, errOut := cpw("erase", demo, "--person", withdrawn.Subject.ID); code != 1 || !strings.Contains(errOut, "already erased") {
		t.Errorf("erased twice: %d %q", code, errOut)
	}
	if _, out, _ := cpw("check", demo); strings.Contains(out, "withdrew their consent") {
		t.Errorf("cpw check after the erasure still names them: %q", out)
	}
	if code, _, errOut := cpw("erase", demo, "--kept-too-long"); code != 1 || !strings.Contains(errOut, "Settings › Personal data") {
		t.Errorf("cpw erase --kept-too-long with no retention: %d %q", code, errOut)
	}
}
