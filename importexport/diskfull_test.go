//go:build linux

package importexport

import (
	"context"
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
	"cpw/workspace"
)

// TestImportDiskFull runs an import in a child process that may not grow
// any file past a limit (RLIMIT_FSIZE: the write fails as it would on a
// full disk, at the same byte every run), at many limits. SQLite may then
// roll the whole transaction back by itself, and a statement run after
// that would commit on its own: the workspace must end exactly as it was,
// with one sentence and no report that says anything was written.
func TestImportDiskFull(t *testing.T) {
	if os.Getenv("CPW_DISKFULL_CHILD") != "" {
		diskFullChild()
		return
	}
	f := newDemo(t)
	src := f.Path()
	f.Close()
	// A partner's roster, read through a mapping the import then
	// remembers: the answers are written in the same transaction, and
	// may be where the disk fills.
	rows := [][]any{{"Name of Mobilizer", "Designation", "Sex", "Remarks"}}
	for i := 0; i < 3000; i++ {
		// Long notes make the transaction outgrow the page cache, so that
		// pages are written (and fail) before the commit too.
		rows = append(rows, []any{fmt.Sprintf("Volunteer %03d", i), "Community mobilizer", "Mwanamke", strings.Repeat("notes ", 200)})
	}
	book := writeBook(t, sheet{"Mobilizers", rows})
	orig, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	want := testkit.TableDigest(t, src)
	failed := 0
	for _, extra := range []int64{0, 4 << 10, 64 << 10, 512 << 10, 1 << 20, 2 << 20, 3 << 20, 4 << 20, 5 << 20, 8 << 20} {
		t.Run(strconv.FormatInt(extra, 10), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "w.cpw")
			if err := os.WriteFile(path, orig, 0o600); err != nil {
				t.Fatal(err)
			}
			res := runDiskFullChild(t, path, book, int64(len(orig))+extra)
			if res.Err == "" {
				if !res.Written {
					t.Fatalf("the import neither failed nor wrote: %+v", res)
				}
				// The limit left room enough: the answers are kept with
				// the records.
				w, err := workspace.OpenReadOnly(path)
				if err != nil {
					t.Fatal(err)
				}
				defer w.Close()
				answers, _ := w.ImportMappings()
				if len(answers) != 2 {
					t.Fatalf("written, with the answers %+v", answers)
				}
				return
			}
			failed++
			t.Log(res.Err)
			if res.Written {
				t.Fatalf("the import failed (%s) yet says it wrote", res.Err)
			}
			left, _ := filepath.Glob(path + "?*")
			if got := testkit.TableDigest(t, path); got != want {
				t.Fatalf("after the failed import (%s) the workspace is not as it was", res.Err)
			}
			oneSentence(t, res.Err)
			if len(left) > 0 {
				t.Fatalf("the failed import left %v", left)
			}
		})
	}
	if failed == 0 {
		t.Fatal("no limit made the import fail")
	}
}

type diskFullResult struct {
	Err     string
	Written bool
}

func runDiskFullChild(t *testing.T, path, book string, limit int64) diskFullResult {
	t.Helper()
	cmd := osexec.Command(os.Args[0], "-test.run=^TestImportDiskFull$")
	cmd.Env = append(os.Environ(), "CPW_DISKFULL_CHILD=1", "CPW_DISKFULL_FILE="+path, "CPW_DISKFULL_BOOK="+book,
		"CPW_DISKFULL_LIMIT="+strconv.FormatInt(limit, 10))
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	var res diskFullResult
	line := out
	if i := strings.LastIndex(string(out), "RESULT "); i >= 0 {
		line = out[i+len("RESULT "):]
	}
	if err := json.Unmarshal(line, &res); err != nil {
		t.Fatalf("child said %q: %v", out, err)
	}
	return res
}

// diskFullChild limits the size of any file it writes, then imports.
func diskFullChild() {
	limit, _ := strconv.ParseUint(os.Getenv("CPW_DISKFULL_LIMIT"), 10, 64)
	f, err := workspace.Open(os.Getenv("CPW_DISKFULL_FILE"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	// Go ignores SIGXFSZ, so a write past the limit fails with EFBIG.
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: limit, Max: limit}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var res diskFullResult
	r, err := Import(context.Background(), f, os.Getenv("CPW_DISKFULL_BOOK"), ImportOptions{Mapping: &Mapping{
		Sheets: []SheetMapping{{Sheet: "Mobilizers", Kind: "People"}},
		Values: []ValueMapping{{Kind: "People", Column: "Gender", Value: "Mwanamke", Means: "Female"}},
	}})
	if err != nil {
		res.Err = err.Error()
	} else {
		res.Written = r.Written
		if !r.Written {
			res.Err = r.Summary()
		}
	}
	f.Close()
	b, _ := json.Marshal(res)
	fmt.Printf("RESULT %s", b)
	os.Exit(0)
}

// oneSentence fails unless msg is one plain sentence: no internal error,
// no second sentence, no line break.
func oneSentence(t *testing.T, msg string) {
	t.Helper()
	if strings.HasPrefix(msg, "Internal error") || strings.Contains(msg, "\n") || !strings.HasSuffix(msg, ".") ||
		strings.Contains(strings.TrimSuffix(msg, "."), ". ") {
		t.Fatalf("not one sentence: %q", msg)
	}
}

// TestImportFullTmpfs imports into a workspace on a small tmpfs, so that the
// disk really fills (ENOSPC, SQLITE_FULL), at several amounts of free space.
// It needs root to mount one: it skips otherwise (CI runs as root).
func TestImportFullTmpfs(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("mounting a tmpfs needs root")
	}
	f := newDemo(t)
	src := f.Path()
	f.Close()
	orig, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	want := testkit.TableDigest(t, src)
	rows := [][]any{{"Name", "Position", "Notes"}}
	for i := 0; i < 3000; i++ {
		rows = append(rows, []any{fmt.Sprintf("Volunteer %03d", i), "Community mobilizer", strings.Repeat("notes ", 200)})
	}
	book := writeBook(t, sheet{"People", rows})
	failed, mounted := 0, false
	for _, free := range []int64{16 << 10, 256 << 10, 1 << 20, 2 << 20, 4 << 20, 64 << 20} {
		t.Run(strconv.FormatInt(free, 10), func(t *testing.T) {
			dir := t.TempDir()
			size := (int64(len(orig)) + free + 4095) / 4096 * 4096
			if out, err := osexec.Command("mount", "-t", "tmpfs", "-o", fmt.Sprintf("size=%d,mode=0700", size), "tmpfs", dir).CombinedOutput(); err != nil {
				t.Skipf("cannot mount a tmpfs: %v: %s", err, out)
			}
			mounted = true
			defer func() {
				if out, err := osexec.Command("umount", dir).CombinedOutput(); err != nil {
					t.Errorf("umount: %v: %s", err, out)
				}
			}()
			path := filepath.Join(dir, "w.cpw")
			if err := os.WriteFile(path, orig, 0o600); err != nil {
				t.Fatal(err)
			}
			w, err := workspace.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			r, err := Import(context.Background(), w, book, ImportOptions{})
			w.Close()
			if err == nil && r.Written {
				return // room enough
			}
			failed++
			msg := ""
			if err != nil {
				msg = err.Error()
			} else {
				msg = r.Summary()
			}
			t.Log(msg)
			left, _ := filepath.Glob(path + "?*")
			if got := testkit.TableDigest(t, path); got != want {
				t.Fatalf("after the failed import (%s) the workspace is not as it was", msg)
			}
			if err == nil {
				t.Fatalf("a full disk was reported as problems of rows: %s", msg)
			}
			oneSentence(t, msg)
			if len(left) > 0 {
				t.Fatalf("the failed import left %v", left)
			}
		})
	}
	if failed == 0 && mounted {
		t.Fatal("no amount of free space made the import fail")
	}
}
