//go:build linux

package workspace

import (
	"encoding/json"
	"fmt"
	"os"
	osexec "os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// A full disk is simulated in a child process that may not grow any file
// past a limit (RLIMIT_FSIZE): the write that would pass it fails, at the
// same byte every run, as a write to a full disk or USB stick does. Each
// operation runs at many limits; whenever it fails, the files must be
// exactly as before, nothing new beside them, and the error one sentence.

// fullOps are the operations run under a limit: each gets the folder it
// works in and returns its error.
var fullOps = map[string]func(dir string) error{
	"demo": func(dir string) error {
		f, err := CreateDemo(filepath.Join(dir, "demo.cpw"), DemoOptions{Scale: DemoSmall, Now: demoDay})
		if err == nil {
			f.Close()
		}
		return err
	},
	"copy": func(dir string) error {
		f, err := Open(filepath.Join(dir, "a.cpw"))
		if err != nil {
			return err
		}
		defer f.Close()
		return f.SaveCopy(filepath.Join(dir, "copy.cpw"))
	},
	"merge": func(dir string) error {
		f, err := Open(filepath.Join(dir, "a.cpw"))
		if err != nil {
			return err
		}
		defer f.Close()
		_, err = f.Merge(filepath.Join(dir, "b.cpw"), MergeOptions{})
		return err
	},
}

func TestDiskFull(t *testing.T) {
	if op := os.Getenv("CPW_FULL_OP"); op != "" {
		fullChild(op)
		return
	}
	// a and b: copies of one demo, b with long notes on every person, so
	// that merging b into a outgrows SQLite's page cache.
	cs := copies(t, 2)
	a, b := cs[0], cs[1]
	if err := b.write(func(t *tx) error {
		_, err := t.Exec("UPDATE people SET notes = ? || id, updated_at = ?, copy_id = ?", strings.Repeat("notes ", 300), t.at, b.copyID)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for name, f := range map[string]*File{"a.cpw": a, "b.cpw": b} {
		f.Close()
		data, err := os.ReadFile(f.path)
		if err != nil {
			t.Fatal(err)
		}
		files[name] = data
	}
	size := int64(len(files["a.cpw"]))
	for _, op := range []string{"demo", "copy", "merge"} {
		t.Run(op, func(t *testing.T) {
			failed := 0
			for _, limit := range []int64{0, 4 << 10, 64 << 10, 256 << 10, size / 2, size - 4096, size, size + 4096,
				size + 64<<10, size + 256<<10, size + 1<<20, size + 2<<20, size + 4<<20, 64 << 20} {
				if op == "merge" && limit < size {
					// The limit would fail writes inside the file too, which
					// no full disk does: not even a rollback could be written.
					continue
				}
				dir := t.TempDir()
				for name, data := range files {
					if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
						t.Fatal(err)
					}
				}
				before := map[string]string{"a.cpw": tableSum(t, filepath.Join(dir, "a.cpw")), "b.cpw": tableSum(t, filepath.Join(dir, "b.cpw"))}
				msg := runFullChild(t, op, dir, limit)
				if msg == "" {
					continue // room enough
				}
				failed++
				t.Logf("limit %d: %s", limit, msg)
				if strings.HasPrefix(msg, "Internal error") || strings.Contains(msg, "\n") || !strings.HasSuffix(msg, ".") ||
					strings.Contains(strings.TrimSuffix(msg, "."), ". ") {
					t.Errorf("limit %d: not one sentence: %q", limit, msg)
				}
				entries, _ := os.ReadDir(dir)
				for _, e := range entries {
					if _, ok := files[e.Name()]; !ok {
						t.Errorf("limit %d: the failed %s left %s", limit, op, e.Name())
					}
				}
				for name, sum := range before {
					if tableSum(t, filepath.Join(dir, name)) != sum {
						t.Errorf("limit %d: the failed %s changed %s", limit, op, name)
					}
				}
			}
			if failed == 0 {
				t.Fatal("no limit made it fail")
			}
		})
	}
}

// runFullChild runs op in a child process whose files may not grow past
// limit, and returns its error message ("" when it succeeded).
func runFullChild(t *testing.T, op, dir string, limit int64) string {
	t.Helper()
	cmd := osexec.Command(os.Args[0], "-test.run=^TestDiskFull$")
	cmd.Env = append(os.Environ(), "CPW_FULL_OP="+op, "CPW_FULL_DIR="+dir, "CPW_FULL_LIMIT="+strconv.FormatInt(limit, 10))
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	i := strings.LastIndex(string(out), "RESULT ")
	if i < 0 {
		t.Fatalf("child said %q", out)
	}
	var msg string
	if err := json.Unmarshal(out[i+len("RESULT "):], &msg); err != nil {
		t.Fatalf("child said %q: %v", out, err)
	}
	return msg
}

func fullChild(op string) {
	limit, _ := strconv.ParseUint(os.Getenv("CPW_FULL_LIMIT"), 10, 64)
	// Go ignores SIGXFSZ, so a write past the limit fails with EFBIG.
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: limit, Max: limit}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	msg := ""
	if err := fullOps[op](os.Getenv("CPW_FULL_DIR")); err != nil {
		msg = err.Error()
	}
	b, _ := json.Marshal(msg)
	fmt.Printf("RESULT %s", b)
	os.Exit(0)
}
