package workspace

import (
	"bufio"
	"database/sql"
	"fmt"
	"os"
	osexec "os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"cpw/internal/testkit"
)

// TestCopyFailedLeavesNoCopy makes the workspace's note of a copy fail (a
// reader in another connection keeps it from committing): the copy must not
// be left written, nor the note kept, while the command fails.
func TestCopyFailedLeavesNoCopy(t *testing.T) {
	dir := t.TempDir()
	f, err := CreateDemo(filepath.Join(dir, "a.cpw"), DemoOptions{Scale: DemoSmall, Now: demoDay})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	before := testkit.TableDigest(t, f.path)
	reader := rawDB(t, f.path)
	defer reader.Close()
	rtx, err := reader.Begin()
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := rtx.QueryRow("SELECT count(*) FROM people").Scan(&n); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "copy.cpw")
	err = f.SaveCopy(out)
	rtx.Rollback()
	if err == nil {
		t.Fatal("the copy was noted while another program read the workspace")
	}
	wantCode(t, err, ErrReadOnly)
	if FileExists(out) {
		t.Fatalf("the copy failed (%v) yet is written", err)
	}
	if left := besideFiles(t, dir, "a.cpw"); len(left) > 0 {
		t.Fatalf("the failed copy left %v", left)
	}
	if testkit.TableDigest(t, f.path) != before {
		t.Fatal("the failed copy changed the workspace")
	}
}

// besideFiles lists the files in dir other than keep.
func besideFiles(t *testing.T, dir string, keep ...string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
next:
	for _, e := range entries {
		for _, k := range keep {
			if e.Name() == k {
				continue next
			}
		}
		out = append(out, e.Name())
	}
	return out
}

// TestKilledWriteLeavesNothing kills (SIGKILL) a child process while it
// builds a workspace in a temporary file beside its destination, as demo,
// new and copy do, with SQLite's journal beside that. The temporary file is
// the user's only until placed (0600), and the next write in the folder (a
// new file there, or the first edit of a workspace there) removes what the
// killed process left, but not what a live one is writing.
func TestKilledWriteLeavesNothing(t *testing.T) {
	if dir := os.Getenv("CPW_KILLWRITE_DIR"); dir != "" {
		killWriteChild(dir)
		return
	}
	if runtime.GOOS == "windows" {
		t.Skip("no SIGKILL")
	}
	for _, next := range []string{"new", "edit"} {
		t.Run(next, func(t *testing.T) {
			dir := t.TempDir()
			existing, err := Create(filepath.Join(dir, "existing.cpw"), NewOptions{Name: "Existing", Now: demoDay})
			if err != nil {
				t.Fatal(err)
			}
			existing.Close()
			killWriteChildHalfWay(t, dir)
			// A live process's temporary file is left alone.
			live, err := os.CreateTemp(dir, fmt.Sprintf(".other.cpw.pid%d-*.tmp", os.Getppid()))
			if err != nil {
				t.Fatal(err)
			}
			live.Close()
			keep := []string{"existing.cpw", filepath.Base(live.Name())}
			switch next {
			case "new":
				f, err := Create(filepath.Join(dir, "next.cpw"), NewOptions{Name: "Next", Now: demoDay})
				if err != nil {
					t.Fatal(err)
				}
				f.Close()
				keep = append(keep, "next.cpw")
			case "edit":
				f, err := Open(filepath.Join(dir, "existing.cpw"))
				if err != nil {
					t.Fatal(err)
				}
				_, err = f.CreateSector(Sector{Name: "Transport"})
				f.Close()
				if err != nil {
					t.Fatal(err)
				}
			}
			if got := besideFiles(t, dir, keep...); len(got) > 0 {
				t.Fatalf("after the next write the folder still holds %v", got)
			}
			if !FileExists(live.Name()) {
				t.Fatal("the temporary file of a process that runs was removed")
			}
		})
	}
}

// killWriteChildHalfWay runs killWriteChild in a child process, kills it
// half way and checks what it left in dir.
func killWriteChildHalfWay(t *testing.T, dir string) {
	t.Helper()
	cmd := osexec.Command(os.Args[0], "-test.run=^TestKilledWriteLeavesNothing$")
	cmd.Env = append(os.Environ(), "CPW_KILLWRITE_DIR="+dir)
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(stdout)
	ready := false
	for lines.Scan() {
		if lines.Text() == "BUILDING" {
			ready = true
			break
		}
	}
	left := besideFiles(t, dir, "existing.cpw")
	cmd.Process.Kill()
	cmd.Wait()
	if !ready {
		t.Fatal("the child never started building")
	}
	var tmp, journal bool
	for _, name := range left {
		st, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o600 {
			t.Errorf("%s is %v while being built, not 0600", name, st.Mode().Perm())
		}
		tmp = tmp || strings.HasSuffix(name, ".tmp")
		journal = journal || strings.HasSuffix(name, ".tmp-journal")
		if !strings.Contains(name, fmt.Sprintf(".pid%d-", cmd.Process.Pid)) {
			t.Errorf("%s does not name the process that wrote it", name)
		}
	}
	if !tmp || !journal {
		t.Fatalf("the killed child left %v, not a temporary file and its journal", left)
	}
}

// killWriteChild builds a workspace beside dir/demo.cpw and, half way, says
// so and waits to be killed.
func killWriteChild(dir string) {
	err := writeBeside(filepath.Join(dir, "demo.cpw"), false, nil, func(tmp string) error {
		db, err := sql.Open(driverName, dsn(tmp, "rw"))
		if err != nil {
			return err
		}
		if _, err := db.Exec("CREATE TABLE t (x)"); err != nil {
			return err
		}
		tx, err := db.Begin()
		if err != nil {
			return err
		}
		if _, err := tx.Exec("INSERT INTO t VALUES (zeroblob(100000))"); err != nil {
			return err
		}
		fmt.Println("BUILDING")
		time.Sleep(time.Minute)
		return nil
	})
	fmt.Fprintln(os.Stderr, "the child was not killed:", err)
	os.Exit(1)
}
