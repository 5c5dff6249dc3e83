// Command bench times the program's targets at the mukuru demo scale and
// prints them as a table: operation, size, median time, the target and the
// ratio of the two (under 1 meets it). It runs the built binary, so the
// times include what a user waits for, process start included.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"time"

	"cpw/workspace"
)

func main() {
	bin := flag.String("cpw", "./cpw", "the cpw binary to time")
	runs := flag.Int("runs", 5, "runs of each operation; the median is reported")
	flag.Parse()
	if err := checkWindowTools(); err != nil {
		fail(err)
	}
	dir, err := os.MkdirTemp("", "cpw-bench-")
	if err != nil {
		fail(err)
	}
	defer os.RemoveAll(dir)
	if *only != "" {
		runOnly(*only, *bin, dir, *runs)
		return
	}

	fmt.Printf("%-50s %-28s %12s %10s %7s\n", "operation", "size", "median", "target", "ratio")
	row := func(op, size string, d time.Duration, limit time.Duration) {
		ratio := ""
		target := ""
		if limit > 0 {
			target = limit.String()
			ratio = fmt.Sprintf("%.3f", float64(d)/float64(limit))
		}
		fmt.Printf("%-50s %-28s %12s %10s %7s\n", op, size, d.Round(100*time.Microsecond), target, ratio)
	}

	var demo string
	demoTimes := timeRuns(*runs, func(i int) {
		demo = filepath.Join(dir, fmt.Sprintf("mukuru-%d.cpw", i))
		run(*bin, "demo", demo, "--scale", "mukuru")
	})
	f, err := workspace.Open(demo)
	if err != nil {
		fail(err)
	}
	c, err := f.Counts()
	if err != nil {
		fail(err)
	}
	size := fmt.Sprintf("%d units, %d people", c.Units, c.People)
	row("cpw demo --scale mukuru", size, median(demoTimes), 5*time.Second)

	row("cpw info (open + counts, process)", size, median(timeRuns(*runs*2, func(int) { run(*bin, "info", demo) })), 200*time.Millisecond)
	row("cpw info --json", size, median(timeRuns(*runs*2, func(int) { run(*bin, "info", demo, "--json") })), 200*time.Millisecond)
	f.Close()

	row("workspace.Open (in process)", size, median(timeRuns(*runs*2, func(int) {
		f, err := workspace.Open(demo)
		if err != nil {
			fail(err)
		}
		f.Close()
	})), 0)
	if f, err = workspace.Open(demo); err != nil {
		fail(err)
	}
	row("list all people", fmt.Sprintf("%d people", c.People), median(timeRuns(*runs, func(int) {
		if _, err := f.People(workspace.PersonFilter{}); err != nil {
			fail(err)
		}
	})), 0)
	row("list current assignments", fmt.Sprintf("%d assignments", c.Assignments), median(timeRuns(*runs, func(int) {
		if _, err := f.Assignments(workspace.AssignmentFilter{CurrentOn: time.Now().Format(workspace.DateLayout)}); err != nil {
			fail(err)
		}
	})), 0)
	row("all health checks (in process)", size, median(timeRuns(*runs*2, func(int) {
		if _, err := f.RunChecks(time.Now()); err != nil {
			fail(err)
		}
	})), 100*time.Millisecond)
	f.Close()
	mapRows(demo, *runs, row)
	row("cpw check --json (process)", size, median(timeRuns(*runs, func(int) { run(*bin, "check", demo, "--json") })), 0)
	row("cpw brief (initiative, process)", size, median(timeRuns(*runs, func(i int) {
		run(*bin, "brief", demo, filepath.Join(dir, fmt.Sprintf("initiative-%d.pdf", i)))
	})), time.Second)
	row("cpw brief --consortium WSE (process)", size, median(timeRuns(*runs, func(i int) {
		run(*bin, "brief", demo, filepath.Join(dir, fmt.Sprintf("wse-%d.pdf", i)), "--consortium", "WSE")
	})), 300*time.Millisecond)
	merges := make([]time.Duration, 3)
	for i := range merges {
		merges[i] = mergeRun(demo, filepath.Join(dir, fmt.Sprintf("merge-%d", i)), c.People/100)
	}
	row("merge of two copies, 1% of people changed in each", size, median(merges), 2*time.Second)
	row("cpw copy", size, median(timeRuns(*runs, func(i int) {
		run(*bin, "copy", demo, filepath.Join(dir, fmt.Sprintf("copy-%d.cpw", i)))
	})), 0)

	ratio := func(op, size string, r, limit float64) {
		fmt.Printf("%-50s %-28s %12s %10s %7.3f\n", op, size, fmt.Sprintf("%.2f×", r), fmt.Sprintf("%.1f×", limit), r/limit)
	}
	excelRows(*bin, dir, demo, *runs, row, ratio)
	undoRows(*bin, dir, demo, *runs, row)
	syncRows(dir, demo, *runs, row)
	windowRows(*bin, demo, row)

	st, err := os.Stat(demo)
	if err != nil {
		fail(err)
	}
	const sizeLimit = 30 << 20
	fmt.Printf("%-50s %-28s %12s %10s %7.3f\n", "workspace file size", size, fmt.Sprintf("%.1f MB", float64(st.Size())/(1<<20)), "30.0 MB", float64(st.Size())/sizeLimit)

	importWindowRows(*bin, dir, *runs, row, ratio)
	memoryRows(*bin, dir, demo, *runs, row, ratio)
}

// mergeRun makes two copies of the demo, changes n people in each (different
// ones), and times only the merge of one into the other.
func mergeRun(demo, dir string, n int) time.Duration {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fail(err)
	}
	src, err := workspace.Open(demo)
	if err != nil {
		fail(err)
	}
	a, b := filepath.Join(dir, "a.cpw"), filepath.Join(dir, "b.cpw")
	for _, p := range []string{a, b} {
		if err := src.SaveCopy(p); err != nil {
			fail(err)
		}
	}
	src.Close()
	for i, p := range []string{a, b} {
		f, err := workspace.Open(p)
		if err != nil {
			fail(err)
		}
		all, err := f.People(workspace.PersonFilter{})
		if err != nil {
			fail(err)
		}
		for k := 0; k < n; k++ {
			person := all[(2*k+i)%len(all)]
			person.Notes = fmt.Sprintf("changed in copy %d", i)
			if _, err := f.UpdatePerson(person); err != nil {
				fail(err)
			}
		}
		f.Close()
	}
	f, err := workspace.Open(a)
	if err != nil {
		fail(err)
	}
	defer f.Close()
	start := time.Now()
	report, err := f.Merge(b, workspace.MergeOptions{})
	took := time.Since(start)
	if err != nil {
		fail(err)
	}
	if _, updated, _ := report.Changes(); updated != n {
		fail(fmt.Errorf("the merge updated %d people, not %d", updated, n))
	}
	return took
}

func timeRuns(n int, fn func(i int)) []time.Duration {
	out := make([]time.Duration, n)
	for i := range out {
		start := time.Now()
		fn(i)
		out[i] = time.Since(start)
	}
	return out
}

func median(ds []time.Duration) time.Duration {
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return ds[len(ds)/2]
}

func run(bin string, args ...string) {
	cmd := exec.Command(bin, args...)
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		fail(fmt.Errorf("%s %v: %w", bin, args, err))
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "bench:", err)
	os.Exit(1)
}
