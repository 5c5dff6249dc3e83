package importexport

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"os"
	osexec "os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"cpw/workspace"
)

// TestImportKilled kills a process part-way through importing a large
// People sheet (SIGKILL, no chance to clean up) and then finds the
// workspace passes integrity_check and holds exactly what it held before.
func TestImportKilled(t *testing.T) {
	if os.Getenv("CPW_IMPORT_CHILD") != "" {
		importChild()
		return
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "w.cpw")
	f, err := workspace.CreateDemo(path, workspace.DemoOptions{Now: testDay})
	if err != nil {
		t.Fatal(err)
	}
	before, err := f.Counts()
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	rows := [][]any{{"Name", "Position", "Notes"}}
	for i := 0; i < 20000; i++ {
		// Long notes make the transaction outgrow SQLite's page cache, so
		// pages reach the file before the commit and the journal matters.
		rows = append(rows, []any{fmt.Sprintf("Mobilizer %05d", i), "Community mobilizer", strings.Repeat("notes ", 40)})
	}
	book := writeBook(t, sheet{"People", rows})
	bytesBefore := digest(t, path)
	mainBefore, _ := os.ReadFile(path)

	cmd := osexec.Command(os.Args[0], "-test.run=^TestImportKilled$")
	cmd.Env = append(os.Environ(), "CPW_IMPORT_CHILD=1", "CPW_IMPORT_FILE="+path, "CPW_IMPORT_BOOK="+book)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(out)
	ready := false
	for lines.Scan() {
		if lines.Text() == "HALF WAY" {
			ready = true
			break
		}
	}
	if err := cmd.Process.Kill(); err != nil { // SIGKILL on Unix
		t.Fatal(err)
	}
	cmd.Wait()
	if !ready {
		t.Fatal("the child never got half way")
	}
	if _, err := os.Stat(path + "-journal"); err != nil {
		t.Fatalf("the killed import left no journal, so it was not killed part-way: %v", err)
	}

	if mainNow, _ := os.ReadFile(path); string(mainNow) == string(mainBefore) {
		t.Log("no page of the import had reached the file when it was killed")
	} else {
		t.Log("pages of the import had reached the file when it was killed")
	}

	// SQLite rolls the hot journal back when the file is next opened.
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=rw")
	if err != nil {
		t.Fatal(err)
	}
	var check string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check: %q, %v", check, err)
	}
	db.Close()
	if digest(t, path) != bytesBefore {
		t.Fatal("the workspace file is not what it was before the import")
	}
	f, err = workspace.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	after, err := f.Counts()
	if err != nil {
		t.Fatal(err)
	}
	if after != before {
		t.Fatalf("counts before %+v, after %+v", before, after)
	}
}

// importChild imports and, half way through saving rows, says so and waits
// to be killed.
func importChild() {
	f, err := workspace.Open(os.Getenv("CPW_IMPORT_FILE"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	said := false
	_, err = Import(context.Background(), f, os.Getenv("CPW_IMPORT_BOOK"), ImportOptions{Progress: func(done, total int, what string) {
		if !said && strings.HasPrefix(what, "Checking and saving") && done > total/2 {
			said = true
			fmt.Println("HALF WAY")
			time.Sleep(time.Minute)
		}
	}})
	fmt.Fprintln(os.Stderr, "the import finished before it was killed:", err)
	os.Exit(1)
}
