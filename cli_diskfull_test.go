//go:build linux

package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestCommandsOnFullDisk runs import, merge, copy and demo where the disk is
// full (a small tmpfs, so root is needed: CI runs as root; skipped
// otherwise). Each must exit 1 with one sentence on stderr, print nothing
// that says something was written, and leave the folder byte for byte as
// it was.
func TestCommandsOnFullDisk(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("mounting a tmpfs needs root")
	}
	src := t.TempDir()
	a, b := filepath.Join(src, "a.cpw"), filepath.Join(src, "b.cpw")
	if code, _, errOut := cpw("demo", a); code != 0 {
		t.Fatal(errOut)
	}
	if code, _, errOut := cpw("copy", a, b); code != 0 {
		t.Fatal(errOut)
	}
	x := excelize.NewFile()
	x.SetSheetName("Sheet1", "People")
	x.SetSheetRow("People", "A1", &[]any{"Name", "Position", "Notes"})
	for i := 0; i < 3000; i++ {
		x.SetSheetRow("People", fmt.Sprintf("A%d", i+2), &[]any{fmt.Sprintf("Volunteer %04d", i), "Community mobilizer", strings.Repeat("notes ", 200)})
	}
	book := filepath.Join(src, "book.xlsx")
	if err := x.SaveAs(book); err != nil {
		t.Fatal(err)
	}
	x.Close()
	// b gets the 3,000 people, so that merging it into a fills the disk.
	if code, _, errOut := cpw("import", b, book); code != 0 {
		t.Fatal(errOut)
	}
	files := map[string][]byte{}
	var total int64
	for _, name := range []string{"a.cpw", "b.cpw", "book.xlsx"} {
		data, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			t.Fatal(err)
		}
		files[name] = data
		total += int64(len(data))
	}
	for _, c := range []struct{ name, command, out string }{
		{"import", "import", "DIR/a.cpw DIR/book.xlsx"},
		{"import --json", "import", "DIR/a.cpw DIR/book.xlsx --json"},
		{"merge", "merge", "DIR/a.cpw DIR/b.cpw"},
		{"copy", "copy", "DIR/b.cpw DIR/copy.cpw"},
		{"demo", "demo", "DIR/demo.cpw"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			size := (total + 64<<10 + 4095) / 4096 * 4096
			if out, err := exec.Command("mount", "-t", "tmpfs", "-o", fmt.Sprintf("size=%d,mode=0700", size), "tmpfs", dir).CombinedOutput(); err != nil {
				t.Skipf("cannot mount a tmpfs: %v: %s", err, out)
			}
			defer func() {
				if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
					t.Errorf("umount: %v: %s", err, out)
				}
			}()
			for name, data := range files {
				if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
					t.Fatal(err)
				}
			}
			args := append([]string{c.command}, strings.Fields(strings.ReplaceAll(c.out, "DIR", dir))...)
			code, out, errOut := cpw(args...)
			if code != 1 || out != "" {
				t.Fatalf("exit %d, output %q, errors %q", code, out, errOut)
			}
			msg := strings.TrimSuffix(strings.TrimPrefix(errOut, "cpw: "), "\n")
			if !strings.HasPrefix(errOut, "cpw: ") || strings.Contains(msg, "\n") || strings.HasPrefix(msg, "Internal error") ||
				!strings.HasSuffix(msg, ".") || strings.Contains(strings.TrimSuffix(msg, "."), ". ") {
				t.Fatalf("not one sentence: %q", errOut)
			}
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				data, ok := files[e.Name()]
				if !ok {
					t.Errorf("the failed %s left %s", c.name, e.Name())
					continue
				}
				if now, _ := os.ReadFile(filepath.Join(dir, e.Name())); !bytes.Equal(now, data) {
					t.Errorf("the failed %s changed the bytes of %s", c.name, e.Name())
				}
			}
			if len(entries) != len(files) {
				t.Errorf("the failed %s left %d files of %d", c.name, len(entries), len(files))
			}
		})
	}
}
