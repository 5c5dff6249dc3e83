package main

import (
	"flag"
	"fmt"
	"path/filepath"
	"strings"
	"time"
)

// only names rows to time alone, comma-separated: map, sync, memory,
// import-window, keystrokes, undo.
var only = flag.String("only", "", "time only these rows, comma-separated: map, sync, memory, import-window, keystrokes, undo")

func runOnly(names, bin, dir string, runs int) {
	row := func(op, size string, d, limit time.Duration) {
		target, ratio := "", ""
		if limit > 0 {
			target, ratio = limit.String(), fmt.Sprintf("%.3f", float64(d)/float64(limit))
		}
		fmt.Printf("%-50s %-28s %12s %10s %7s\n", op, size, d.Round(100*time.Microsecond), target, ratio)
	}
	ratio := func(op, size string, r, limit float64) {
		fmt.Printf("%-50s %-28s %12s %10s %7.3f\n", op, size, fmt.Sprintf("%.2f×", r), fmt.Sprintf("%.1f×", limit), r/limit)
	}
	demo := filepath.Join(dir, "mukuru.cpw")
	made := false
	mukuru := func() string { // the demo, written once for the rows that need it
		if !made {
			run(bin, "demo", demo, "--scale", "mukuru")
			made = true
		}
		return demo
	}
	for _, name := range strings.Split(names, ",") {
		switch strings.TrimSpace(name) {
		case "sync":
			syncRows(dir, mukuru(), runs, row)
		case "map":
			mapRows(mukuru(), runs, row)
		case "memory":
			memoryRows(bin, dir, mukuru(), runs, row, ratio)
		case "import-window":
			importWindowRows(bin, dir, runs, row, ratio)
		case "keystrokes":
			keystrokeRows(bin, mukuru(), row)
		case "undo":
			undoRows(bin, dir, mukuru(), runs, row)
		default:
			fail(fmt.Errorf("-only: no rows called %q", name))
		}
	}
}
