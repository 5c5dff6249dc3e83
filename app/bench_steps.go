package app

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"

	"cpw/reports"
)

// benchStepsVariable names a file: when it is set, the window, once the
// workspace is open, walks through what a user does with a big workspace
// (every section, an export, briefs, a merge, an import), through the code
// its buttons run, writes its memory after each step to that file, and
// quits. make bench measures the window with it.
const benchStepsVariable = "CPW_BENCH_STEPS"

// benchBookVariable names the workbook the walk imports.
const benchBookVariable = "CPW_BENCH_BOOK"

// benchWalkVariable set to "import" shortens the walk to the import of
// that workbook alone, to time it.
const benchWalkVariable = "CPW_BENCH_WALK"

// benchSteps starts the walk of benchStepsVariable, if it is set, in the
// window of ui. It must be called before the workspace is opened: it counts
// the work sent off the UI thread, to wait for it.
func (u *ui) benchSteps() {
	out := os.Getenv(benchStepsVariable)
	if out == "" {
		return
	}
	var pending atomic.Int64
	background := u.background
	u.background = func(f func()) {
		pending.Add(1)
		background(func() {
			defer pending.Add(-1)
			f()
		})
	}
	go func() {
		err := u.walkForBench(out, &pending)
		if err != nil {
			fmt.Fprintln(os.Stderr, "cpw:", err)
			os.WriteFile(out+".failed", []byte(err.Error()+"\n"), 0o644)
		}
		fyne.Do(u.app.Quit)
	}()
}

// walkForBench is the walk itself, on its own goroutine: each step is
// started on the UI thread and waited for until nothing is left to do.
func (u *ui) walkForBench(out string, pending *atomic.Int64) error {
	w, err := os.Create(out)
	if err != nil {
		return err
	}
	defer w.Close()
	dir, err := os.MkdirTemp("", "cpw-steps-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)

	// idle waits until the window has no work left running, nor a result
	// of one to show, then gives it time to draw.
	idle := func() {
		for {
			var busy bool
			fyne.DoAndWait(func() {
				busy = u.waiting > 0 || pending.Load() > 0
			})
			if !busy {
				fyne.DoAndWait(func() {}) // what finished work queued for the UI thread is done
				if pending.Load() == 0 {
					break
				}
			}
			time.Sleep(20 * time.Millisecond)
		}
		time.Sleep(300 * time.Millisecond)
	}
	// closeDialogs closes what a step left open (a result, an offer to
	// open a file).
	closeDialogs := func() {
		fyne.DoAndWait(func() {
			c := u.window.Canvas()
			for i := 0; i < 20 && c.Overlays().Top() != nil; i++ {
				c.Overlays().Top().Hide()
			}
		})
	}
	// shown waits until a step's result is shown: no "please wait" dialog
	// is left.
	shown := func() {
		for {
			var waiting int
			fyne.DoAndWait(func() { waiting = u.waiting })
			if waiting == 0 {
				return
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	// step runs a step and writes a line of tab-separated fields: its name,
	// the resident memory once the window is idle again and the peak so far
	// (kB, VmRSS and VmHWM), the seconds it took until its result was shown,
	// and Go's heap in use and memory taken from the system (kB).
	step := func(name string, do func(s *workspaceScreen)) {
		start := time.Now()
		fyne.DoAndWait(func() { do(u.screen) })
		shown()
		took := time.Since(start)
		idle()
		closeDialogs()
		rss, peak := memoryNow()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		fmt.Fprintf(w, "%s\t%d\t%d\t%.3f\t%d\t%d\n", name, rss, peak, took.Seconds(), m.HeapAlloc>>10, m.Sys>>10)
	}

	idle()
	var opened bool
	fyne.DoAndWait(func() { opened = u.screen != nil && u.screen.findings != nil })
	if !opened {
		return fmt.Errorf("the workspace did not open with its checks' findings")
	}
	step("overview", func(*workspaceScreen) {})
	if b := os.Getenv(benchBookVariable); b != "" && os.Getenv(benchWalkVariable) == "import" {
		step("import", func(s *workspaceScreen) { s.runImport(b, nil, nil, "", "") })
		return nil
	}
	for _, sec := range sections {
		step("section "+sec.id, func(s *workspaceScreen) { s.show(sec.id) })
	}
	book := filepath.Join(dir, "export.xlsx")
	step("export", func(s *workspaceScreen) { s.exportTo(book, true) })
	if _, err := os.Stat(book); err != nil {
		return fmt.Errorf("the export wrote nothing: %w", err)
	}
	step("brief", func(s *workspaceScreen) {
		s.writeBrief(filepath.Join(dir, "initiative.pdf"), reports.Options{Paper: "a4", Date: u.now(), Language: u.language(), WithContacts: true})
	})
	step("brief of a consortium", func(s *workspaceScreen) {
		opt := reports.Options{Paper: "a4", Date: u.now(), Language: u.language()}
		if len(s.overview.consortia) > 0 {
			opt.Consortium = s.overview.consortia[0].Code
		}
		s.writeBrief(filepath.Join(dir, "consortium.pdf"), opt)
	})
	copyPath := filepath.Join(dir, "copy.cpw")
	var copyErr error
	fyne.DoAndWait(func() { copyErr = u.file.SaveCopy(copyPath) })
	if copyErr != nil {
		return copyErr
	}
	step("merge check", func(s *workspaceScreen) { s.previewMerge(copyPath) })
	step("merge", func(s *workspaceScreen) { s.merge(copyPath, nil) })
	// The workbook imported is the one named by benchBookVariable, or else
	// the export, read back in.
	if b := os.Getenv(benchBookVariable); b != "" {
		book = b
	}
	step("import check", func(s *workspaceScreen) { s.previewImport(book) })
	step("import", func(s *workspaceScreen) { s.runImport(book, nil, nil, "", "") })
	return nil
}

// memoryNow reads this process's resident memory and its peak, in kB.
func memoryNow() (rss, peak int64) {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, 0
	}
	sc := bufio.NewScanner(bytes.NewReader(status))
	for sc.Scan() {
		name, value, ok := bytes.Cut(sc.Bytes(), []byte(":"))
		if !ok {
			continue
		}
		fields := bytes.Fields(value)
		if len(fields) == 0 {
			continue
		}
		n, _ := strconv.ParseInt(string(fields[0]), 10, 64)
		switch string(name) {
		case "VmRSS":
			rss = n
		case "VmHWM":
			peak = n
		}
	}
	return rss, peak
}
