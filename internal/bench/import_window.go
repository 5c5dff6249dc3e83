package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// importWindowRows times one workbook imported from the window (the app's
// benchmark, through the Import button's code) and by cpw import (the
// program, process start included), in the same run on the same book and
// workspace, and reports their ratio.
func importWindowRows(bin, dir string, runs int, row func(op, size string, d, limit time.Duration), ratio func(op, size string, r, limit float64)) {
	small := filepath.Join(dir, "import-small.cpw")
	run(bin, "demo", small, "--scale", "small")
	book := filepath.Join(dir, "import-people.xlsx")
	writePeopleSheet(small, book)
	size := fmt.Sprintf("%d rows", peopleRows)

	cli := timeRuns(runs, func(i int) {
		target := filepath.Join(dir, fmt.Sprintf("import-cli-%d.cpw", i))
		copyFile(small, target)
		run(bin, "import", target, book)
		os.Remove(target)
	})
	window := appBenchmark("BenchmarkImportWindow", runs, "CPW_BENCH_WORKSPACE="+small, "CPW_BENCH_BOOK="+book)
	row("import People sheet, from the window", size, window, 0)
	row("  cpw import of the same book (process)", size, median(cli), 0)
	ratio("  window ÷ cpw import", size, float64(window)/float64(median(cli)), 1.2)
}

// appBenchmark runs one of the app package's benchmarks runs times and
// returns its time per run.
func appBenchmark(name string, runs int, env ...string) time.Duration {
	cmd := exec.Command("go", "test", "./app", "-run", "^$", "-bench", "^"+name+"$", "-benchtime", fmt.Sprintf("%dx", runs), "-count", "1")
	cmd.Env = append(append(os.Environ(), "LANG=en_US.UTF-8"), env...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		fail(fmt.Errorf("%s failed: %v\n%s", name, err, out.String()))
	}
	sc := bufio.NewScanner(&out)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) >= 4 && strings.SplitN(f[0], "-", 2)[0] == name && f[3] == "ns/op" {
			if ns, err := strconv.ParseFloat(f[2], 64); err == nil {
				return time.Duration(ns)
			}
		}
	}
	fail(fmt.Errorf("%s printed no time:\n%s", name, out.String()))
	return 0
}
