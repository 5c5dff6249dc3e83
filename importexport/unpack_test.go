package importexport

import (
	"bufio"
	"context"
	"fmt"
	"io/fs"
	"os"
	osexec "os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"cpw/workspace"
)

// smallSheetMemory makes excelize unpack a test's sheet into a temporary
// file, as it does a real sheet over 64 MB: the same code path.
func smallSheetMemory() Limits {
	lim := DefaultLimits
	lim.SheetMemory = 16 << 10
	return lim
}

// leftIn lists the files and folders under dir.
func leftIn(t *testing.T, dir string) []string {
	t.Helper()
	var found []string
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if path != dir {
			rel, _ := filepath.Rel(dir, path)
			found = append(found, rel)
		}
		return nil
	})
	return found
}

// TestImportKilledLeavesNoUnpackedSheet kills a process (SIGKILL) while
// the sheet it imports lies unpacked in a temporary file, then finds that
// the next import removes what the killed one left, and leaves nothing of
// its own. Before, a killed import left its excelize-* file (900 MB for a
// big workbook) in the temporary folder for good.
func TestImportKilledLeavesNoUnpackedSheet(t *testing.T) {
	if os.Getenv("CPW_UNPACK_CHILD") != "" {
		unpackChild()
		return
	}
	tmp := t.TempDir() // the temporary folder of the child and of this test's import
	path := filepath.Join(t.TempDir(), "w.cpw")
	f, err := workspace.CreateDemo(path, workspace.DemoOptions{Now: testDay})
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	rows := [][]any{{"Name", "Position"}}
	for i := 0; i < 2000; i++ {
		rows = append(rows, []any{fmt.Sprintf("Mobilizer %05d", i), "Community mobilizer"})
	}
	book := writeBook(t, sheet{"People", rows})

	cmd := osexec.Command(os.Args[0], "-test.run=^TestImportKilledLeavesNoUnpackedSheet$")
	cmd.Env = append(os.Environ(), "CPW_UNPACK_CHILD=1", "CPW_UNPACK_FILE="+path, "CPW_UNPACK_BOOK="+book,
		"TMPDIR="+tmp, "TMP="+tmp, "TEMP="+tmp)
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
		if lines.Text() == "UNPACKED" {
			ready = true
			break
		}
	}
	var unpacked []string
	for _, p := range leftIn(t, tmp) {
		if strings.HasPrefix(filepath.Base(p), "excelize-") {
			unpacked = append(unpacked, p)
		}
	}
	if err := cmd.Process.Kill(); err != nil { // SIGKILL on Unix
		t.Fatal(err)
	}
	cmd.Wait()
	if !ready {
		t.Fatal("the child never got to reading the sheet")
	}
	if len(unpacked) == 0 {
		t.Fatalf("the child unpacked no sheet into a temporary file; the folder holds %v", leftIn(t, tmp))
	}
	for _, p := range unpacked {
		if dir := filepath.Dir(p); dir == "." {
			t.Errorf("the sheet was unpacked into the shared temporary folder: %s", p)
		} else if info, err := os.Stat(filepath.Join(tmp, dir)); err != nil || info.Mode().Perm()&0o077 != 0 {
			t.Errorf("the unpack folder %s is open to others: %v %v", dir, info.Mode(), err)
		}
	}

	// The next import, in this process, clears what the killed one left.
	for _, name := range []string{"TMPDIR", "TMP", "TEMP"} {
		t.Setenv(name, tmp)
	}
	f, err = workspace.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := Import(context.Background(), f, book, ImportOptions{DryRun: true, Limits: smallSheetMemory()}); err != nil {
		t.Fatal(err)
	}
	if left := leftIn(t, tmp); len(left) > 0 {
		t.Fatalf("left in the temporary folder after the next import: %v", left)
	}
}

// unpackChild imports and, once the workbook is open (its sheet unpacked),
// says so and waits to be killed.
func unpackChild() {
	f, err := workspace.Open(os.Getenv("CPW_UNPACK_FILE"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	_, err = Import(context.Background(), f, os.Getenv("CPW_UNPACK_BOOK"), ImportOptions{Limits: smallSheetMemory(),
		Progress: func(done, total int, what string) {
			if strings.HasPrefix(what, "Reading the sheet") {
				fmt.Println("UNPACKED")
				time.Sleep(time.Minute)
			}
		}})
	fmt.Fprintln(os.Stderr, "the import finished before it was killed:", err)
	os.Exit(1)
}

// TestExportKilledLeavesNoSpilledSheet kills a process (SIGKILL) while the
// People sheet it exports, over 16 MB, lies spilled into a temporary file,
// then finds that the next export removes what the killed one left, and
// leaves nothing of its own. Before, the file stayed in the temporary
// folder for good, with whatever the sheet held.
func TestExportKilledLeavesNoSpilledSheet(t *testing.T) {
	if os.Getenv("CPW_SPILL_CHILD") != "" {
		spillChild()
		return
	}
	tmp := t.TempDir()
	out := filepath.Join(t.TempDir(), "out.xlsx")
	f := newWorkspace(t)
	rows := [][]any{{"Name", "Notes"}}
	for i := 0; i < 1000; i++ {
		rows = append(rows, []any{fmt.Sprintf("Mobilizer %04d", i), strings.Repeat("notes ", 3000)}) // 18 KB each
	}
	wantClean(t, importBook(t, f, writeBook(t, sheet{"People", rows}), false))
	f.Close()

	cmd := osexec.Command(os.Args[0], "-test.run=^TestExportKilledLeavesNoSpilledSheet$")
	cmd.Env = append(os.Environ(), "CPW_SPILL_CHILD=1", "CPW_SPILL_FILE="+f.Path(), "CPW_SPILL_BOOK="+out,
		"TMPDIR="+tmp, "TMP="+tmp, "TEMP="+tmp)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(stdout)
	said := ""
	if lines.Scan() {
		said = lines.Text()
	}
	if err := cmd.Process.Kill(); err != nil { // SIGKILL on Unix
		t.Fatal(err)
	}
	cmd.Wait()
	if said != "SPILLED" {
		t.Fatalf("the child said %q, not that it had spilled a sheet into a temporary file", said)
	}

	for _, name := range []string{"TMPDIR", "TMP", "TEMP"} {
		t.Setenv(name, tmp)
	}
	g, err := workspace.Open(f.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	if err := Export(context.Background(), g, out, ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	if left := leftIn(t, tmp); len(left) > 0 {
		t.Fatalf("left in the temporary folder after the next export: %v", left)
	}
}

// spillChild exports and, once the sheets are written (the People sheet
// spilled into a temporary file) and before saving, says whether the file
// is there and waits to be killed.
func spillChild() {
	f, err := workspace.Open(os.Getenv("CPW_SPILL_FILE"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	err = Export(context.Background(), f, os.Getenv("CPW_SPILL_BOOK"), ExportOptions{Progress: func(done, total int, what string) {
		if what != "Saving the workbook" {
			return
		}
		said := "NOTHING SPILLED"
		filepath.WalkDir(os.TempDir(), func(path string, d fs.DirEntry, err error) error {
			if d != nil && strings.HasPrefix(d.Name(), "excelize-") {
				said = "SPILLED"
			}
			return nil
		})
		fmt.Println(said)
		time.Sleep(time.Minute)
	}})
	fmt.Fprintln(os.Stderr, "the export finished before it was killed:", err)
	os.Exit(1)
}
