package main

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// memoryLimit is the most memory the window may hold on the mukuru demo.
const memoryLimit = 250 << 10 // kB

// memoryRows runs the program's window on a copy of the mukuru demo under
// Xvfb, walked through every section, an export, briefs, a merge and an
// import of a People sheet by its scripted mode (CPW_BENCH_STEPS), and
// prints its resident memory after those steps and its peak.
func memoryRows(bin, dir, demo string, runs int, row func(op, size string, d, limit time.Duration), ratio func(op, size string, r, limit float64)) {
	// main checked that Xvfb is here (make bench installs it).
	xvfb, display, err := startXvfb()
	if err != nil {
		fail(err)
	}
	defer func() {
		xvfb.Process.Kill()
		xvfb.Wait()
	}()

	ws := filepath.Join(dir, "memory.cpw")
	copyFile(demo, ws)
	book := filepath.Join(dir, "memory-people.xlsx")
	writePeopleSheet(demo, book)
	out := filepath.Join(dir, "memory-steps.txt")
	walk(bin, display, ws, out, "CPW_BENCH_BOOK="+book)
	steps := readSteps(out)
	at := func(name string) memoryStep {
		for _, s := range steps {
			if s.name == name {
				return s
			}
		}
		fail(fmt.Errorf("the window's walk wrote no step %q", name))
		return memoryStep{}
	}
	size := "21,934 people, 10,400 cells"
	mb := func(op string, kb int64) {
		fmt.Printf("%-50s %-28s %12s %10s %7.3f\n", op, size, fmt.Sprintf("%.0f MB", float64(kb)/1024), fmt.Sprintf("%d MB", memoryLimit>>10), float64(kb)/memoryLimit)
	}
	last := steps[0]
	for _, s := range steps {
		if strings.HasPrefix(s.name, "section ") {
			last = s
		}
	}
	mb("window memory (RSS) at the overview", at("overview").rss)
	mb("  after opening every section", last.rss)
	mb("  after an export --with-contacts", at("export").rss)
	mb("  after two briefs", at("brief of a consortium").rss)
	mb("  after merging a copy", at("merge").rss)
	mb("  after importing 21,000 people", at("import").rss)
	mb("window peak memory (VmHWM), all of the above", steps[len(steps)-1].peak)

	// The import alone, from the Import button to its result in the real
	// window, against cpw import of the same book into the same workspace.
	windows := make([]time.Duration, runs)
	for i := range windows {
		copyFile(demo, ws)
		walk(bin, display, ws, out, "CPW_BENCH_BOOK="+book, "CPW_BENCH_WALK=import")
		steps := readSteps(out)
		windows[i] = steps[len(steps)-1].took
	}
	cli := timeRuns(runs, func(i int) {
		target := filepath.Join(dir, fmt.Sprintf("memory-import-%d.cpw", i))
		copyFile(demo, target)
		run(bin, "import", target, book)
		os.Remove(target)
	})
	window := median(windows)
	size = fmt.Sprintf("%d rows into 21,934 people", peopleRows)
	row("import People sheet, real window under Xvfb", size, window, 0)
	row("  cpw import of the same book (process)", size, median(cli), 0)
	ratio("  window ÷ cpw import", size, float64(window)/float64(median(cli)), 1.2)
}

// walk runs the window on the workspace ws on the display, walked by its
// scripted mode, which writes its steps to out.
func walk(bin, display, ws, out string, env ...string) {
	os.Remove(out)
	cmd := exec.Command(bin, ws)
	// Its preferences (recent files, the window's size) go in the bench's
	// folder, not the user's.
	cmd.Env = append(append(os.Environ(), "DISPLAY="+display, "CPW_BENCH_STEPS="+out,
		"XDG_CONFIG_HOME="+filepath.Join(filepath.Dir(out), "config")), env...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		fail(fmt.Errorf("the window's walk failed: %v", err))
	}
	if failed, err := os.ReadFile(out + ".failed"); err == nil {
		fail(fmt.Errorf("the window's walk failed: %s", strings.TrimSpace(string(failed))))
	}
}

// memoryStep is one line the window's walk wrote: a step, the memory after
// it and the peak so far, in kB.
type memoryStep struct {
	name      string
	rss, peak int64
	took      time.Duration // until its result was shown
}

func readSteps(path string) []memoryStep {
	f, err := os.Open(path)
	if err != nil {
		fail(fmt.Errorf("the window's walk wrote nothing: %v", err))
	}
	defer f.Close()
	var steps []memoryStep
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		p := strings.Split(sc.Text(), "\t")
		if len(p) < 4 {
			continue
		}
		s := memoryStep{name: p[0]}
		s.rss, _ = strconv.ParseInt(p[1], 10, 64)
		s.peak, _ = strconv.ParseInt(p[2], 10, 64)
		seconds, _ := strconv.ParseFloat(p[3], 64)
		s.took = time.Duration(seconds * float64(time.Second))
		steps = append(steps, s)
	}
	if len(steps) == 0 {
		fail(fmt.Errorf("the window's walk wrote no steps"))
	}
	return steps
}

// startXvfb starts an Xvfb of its own, on the display it picks and says.
func startXvfb() (*exec.Cmd, string, error) {
	r, wr, err := os.Pipe()
	if err != nil {
		return nil, "", err
	}
	// Xvfb picks a free display itself and writes its number to fd 3.
	cmd := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
	cmd.ExtraFiles = []*os.File{wr}
	if err := cmd.Start(); err != nil {
		return nil, "", fmt.Errorf("Xvfb did not start: %v", err)
	}
	wr.Close()
	number := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		r.Close()
		number <- strings.TrimSpace(line)
	}()
	select {
	case n := <-number:
		if n != "" {
			return cmd, ":" + n, nil
		}
		err = errors.New("Xvfb stopped before it opened a display")
	case <-time.After(20 * time.Second):
		err = errors.New("Xvfb opened no display in 20 seconds")
	}
	cmd.Process.Kill()
	cmd.Wait()
	return nil, "", err
}
