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

	"cpw/internal/testkit"
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
	// b's one step wrote long notes on every person: undoing it writes
	// them all back.
	"undo": func(dir string) error {
		f, err := Open(filepath.Join(dir, "b.cpw"))
		if err != nil {
			return err
		}
		defer f.Close()
		_, err = f.Undo()
		return err
	},
}

func TestDiskFull(t *testing.T) {
	if op := os.Getenv("CPW_FULL_OP"); op != "" {
		fullChild(op)
		return
	}
	files, size := fullFixture(t)
	for _, op := range []string{"demo", "copy", "merge", "undo"} {
		t.Run(op, func(t *testing.T) {
			failed := 0
			for _, limit := range []int64{0, 4 << 10, 64 << 10, 256 << 10, size / 2, size - 4096, size, size + 4096,
				size + 64<<10, size + 256<<10, size + 1<<20, size + 2<<20, size + 4<<20, 64 << 20} {
				if op == "merge" && limit < size || op == "undo" && limit < int64(len(files["b.cpw"])) {
					// The limit would fail writes inside the file too, which
					// no full disk does: not even a rollback could be written.
					continue
				}
				dir := t.TempDir()
				before := placeFiles(t, dir, files)
				msg := runFullChild(t, op, dir, limit)
				if msg == "" {
					continue // room enough
				}
				failed++
				t.Logf("limit %d: %s", limit, msg)
				nothingWritten(t, fmt.Sprintf("limit %d: the failed %s", limit, op), dir, before, msg)
			}
			if failed == 0 {
				t.Fatal("no limit made it fail")
			}
		})
	}
}

// TestFullTmpfs runs demo, copy, merge and undo on a small tmpfs that really
// fills (ENOSPC), at several amounts of free space. It needs root to mount
// one: it skips otherwise (CI runs as root).
func TestFullTmpfs(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("mounting a tmpfs needs root")
	}
	files, _ := fullFixture(t)
	var total int64
	for _, data := range files {
		total += int64(len(data))
	}
	for _, op := range []string{"demo", "copy", "merge", "undo"} {
		t.Run(op, func(t *testing.T) {
			failed, mounted := 0, false
			for _, free := range []int64{16 << 10, 256 << 10, 1 << 20, 2 << 20, 4 << 20, 64 << 20} {
				dir := t.TempDir()
				size := (total + free + 4095) / 4096 * 4096
				if out, err := osexec.Command("mount", "-t", "tmpfs", "-o", fmt.Sprintf("size=%d,mode=0700", size), "tmpfs", dir).CombinedOutput(); err != nil {
					t.Skipf("cannot mount a tmpfs: %v: %s", err, out)
				}
				mounted = true
				func() {
					defer func() {
						if out, err := osexec.Command("umount", dir).CombinedOutput(); err != nil {
							t.Errorf("umount: %v: %s", err, out)
						}
					}()
					before := placeFiles(t, dir, files)
					err := fullOps[op](dir)
					if err == nil {
						return // room enough
					}
					failed++
					t.Logf("%d free: %v", free, err)
					nothingWritten(t, fmt.Sprintf("%d free: the failed %s", free, op), dir, before, err.Error())
				}()
			}
			if failed == 0 && mounted {
				t.Fatal("no amount of free space made it fail")
			}
		})
	}
}

// fullFixture makes a and b, copies of one demo, b with long notes on every
// person so that merging b into a outgrows SQLite's page cache, and returns
// their bytes by name and the size of a.
func fullFixture(t *testing.T) (map[string][]byte, int64) {
	t.Helper()
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
	return files, int64(len(files["a.cpw"]))
}

// placeFiles writes files into dir and returns a sum of each one's tables.
func placeFiles(t *testing.T, dir string, files map[string][]byte) map[string]string {
	t.Helper()
	sums := map[string]string{}
	for name, data := range files {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		sums[name] = testkit.TableDigest(t, path)
	}
	return sums
}

// nothingWritten fails unless msg is one sentence and dir holds the files
// of before, each with the same tables, and nothing else.
func nothingWritten(t *testing.T, what, dir string, before map[string]string, msg string) {
	t.Helper()
	if strings.HasPrefix(msg, "Internal error") || strings.Contains(msg, "\n") || !strings.HasSuffix(msg, ".") ||
		strings.Contains(strings.TrimSuffix(msg, "."), ". ") {
		t.Errorf("%s: not one sentence: %q", what, msg)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if _, ok := before[e.Name()]; !ok {
			t.Errorf("%s left %s", what, e.Name())
		}
	}
	for name, sum := range before {
		if testkit.TableDigest(t, filepath.Join(dir, name)) != sum {
			t.Errorf("%s changed %s", what, name)
		}
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
