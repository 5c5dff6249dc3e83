package app

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"cpw/workspace"
)

// The window's speed at the Mukuru scale, run by make bench (go test -bench):
// opening the demo to a drawn overview, and one keystroke in the filter of
// the 21,000-person table.

var (
	mukuruOnce sync.Once
	mukuruPath string
	mukuruErr  error
)

func mukuruDemo(b *testing.B) string {
	mukuruOnce.Do(func() {
		dir, err := os.MkdirTemp("", "cpw-bench-")
		if err != nil {
			mukuruErr = err
			return
		}
		mukuruPath = filepath.Join(dir, "mukuru.cpw")
		f, err := workspace.CreateDemo(mukuruPath, workspace.DemoOptions{Scale: workspace.DemoMukuru, Now: demoDay})
		if err == nil {
			f.Close()
		}
		mukuruErr = err
	})
	if mukuruErr != nil {
		b.Fatal(mukuruErr)
	}
	return mukuruPath
}

func benchUI(b *testing.B) *ui {
	u := newUI(test.NewTempApp(b), "bench")
	u.background = func(f func()) { f() }
	u.now = func() time.Time { return demoDay }
	return u
}

// BenchmarkOpenMukuru opens the Mukuru demo and draws the window with the
// overview and the checks' findings, as a user waits for it.
func BenchmarkOpenMukuru(b *testing.B) {
	path := mukuruDemo(b)
	u := benchUI(b)
	u.window.Resize(fyne.NewSize(1100, 720))
	for b.Loop() {
		u.open(path)
		if u.screen == nil || u.screen.findings == nil {
			b.Fatal("the workspace did not open with its findings")
		}
		u.window.Canvas().Capture() // draws every object, as a screen would
		u.showWelcome()
	}
}

// BenchmarkFilterPeople is one key in the filter of the people table, as a
// user types a name letter by letter and rubs it out again (which brings
// back all 21,000 rows), with the cells in view updated after each key.
func BenchmarkFilterPeople(b *testing.B) {
	path := mukuruDemo(b)
	u := benchUI(b)
	u.window.Resize(fyne.NewSize(1100, 720))
	u.open(path)
	u.screen.show(secPeople)
	people := u.screen.lists[secPeople].(*listView[personRow])
	if len(people.all) < 20000 {
		b.Fatalf("%d people", len(people.all))
	}
	const word = "wanjiku"
	var texts []string
	for i := 1; i <= len(word); i++ {
		texts = append(texts, word[:i])
	}
	for i := len(word) - 1; i >= 0; i-- {
		texts = append(texts, word[:i])
	}
	i := 0
	for b.Loop() {
		people.filter.SetText(texts[i%len(texts)])
		i++
	}
}

// BenchmarkImportWindow imports a workbook the way the Import button does
// (runImport: the progress dialog, the import, the workspace shown again),
// into a fresh copy of a workspace each time. make bench hands it the
// workspace and the workbook it also gives to cpw import, so that the two
// are timed on the same book: CPW_BENCH_WORKSPACE and CPW_BENCH_BOOK.
func BenchmarkImportWindow(b *testing.B) {
	from, book := os.Getenv("CPW_BENCH_WORKSPACE"), os.Getenv("CPW_BENCH_BOOK")
	if from == "" || book == "" {
		b.Skip("CPW_BENCH_WORKSPACE and CPW_BENCH_BOOK name the workspace and the workbook")
	}
	data, err := os.ReadFile(from)
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	u := benchUI(b)
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(memoryLimit)) // as the window runs
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		path := filepath.Join(dir, fmt.Sprintf("import-%d.cpw", i))
		if err := os.WriteFile(path, data, 0o644); err != nil {
			b.Fatal(err)
		}
		u.open(path)
		if u.screen == nil {
			b.Fatal("the workspace did not open")
		}
		before, err := u.file.Counts()
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		u.screen.runImport(book, nil, nil, "", "")
		b.StopTimer()
		after, err := u.file.Counts()
		if err != nil {
			b.Fatal(err)
		}
		if after.People == before.People {
			b.Fatal("the import added no one")
		}
		u.showWelcome()
		os.Remove(path)
		b.StartTimer()
	}
}
