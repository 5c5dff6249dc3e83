package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// windowRows times the window through the app package's benchmarks, which
// drive real widgets on Fyne's test driver (no display): opening the mukuru
// demo to a drawn overview, and one keystroke in the filter of the people
// table; then the same keystrokes in the real program's window under Xvfb.
func windowRows(bin, demo string, row func(op, size string, d, limit time.Duration)) {
	cmd := exec.Command("go", "test", "./app", "-run", "^$", "-bench", "BenchmarkOpenMukuru|BenchmarkFilterPeople", "-benchtime", "10x", "-count", "1")
	cmd.Env = append(os.Environ(), "LANG=en_US.UTF-8")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		fail(fmt.Errorf("the window benchmarks failed: %v\n%s", err, out.String()))
	}
	got := map[string]time.Duration{}
	sc := bufio.NewScanner(&out)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) >= 4 && strings.HasPrefix(f[0], "Benchmark") && f[3] == "ns/op" {
			ns, err := strconv.ParseFloat(f[2], 64)
			if err == nil {
				got[strings.SplitN(f[0], "-", 2)[0]] = time.Duration(ns)
			}
		}
	}
	open, ok1 := got["BenchmarkOpenMukuru"]
	filter, ok2 := got["BenchmarkFilterPeople"]
	if !ok1 || !ok2 {
		fail(fmt.Errorf("the window benchmarks printed no times:\n%s", out.String()))
	}
	row("open the mukuru demo to a drawn overview (test driver)", "21,934 people, checks run", open, time.Second)
	row("one filter keystroke, people table (test driver)", "21,934 rows", filter, 50*time.Millisecond)
	keystrokeRows(bin, demo, row)
}
