package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// runMain runs the program's main, in this test binary started again, with
// the arguments and the environment given, and returns its exit status and
// what it wrote to stderr.
func runMain(t *testing.T, env []string, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestMainInChild$")
	cmd.Env = append(env, "CPW_TEST_MAIN=1", "CPW_TEST_MAIN_ARGS="+strings.Join(args, "\n"))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatal(err)
	}
	return cmd.ProcessState.ExitCode(), stderr.String()
}

// TestMainInChild is the program itself when runMain starts this binary
// again; otherwise it does nothing.
func TestMainInChild(t *testing.T) {
	if os.Getenv("CPW_TEST_MAIN") != "1" {
		return
	}
	os.Args = []string{"cpw"}
	if a := os.Getenv("CPW_TEST_MAIN_ARGS"); a != "" {
		os.Args = append(os.Args, strings.Split(a, "\n")...)
	}
	main()
}

// withoutDisplay is the environment without the variables that name a
// display.
func withoutDisplay() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "DISPLAY=") && !strings.HasPrefix(kv, "WAYLAND_DISPLAY=") {
			env = append(env, kv)
		}
	}
	return env
}

// checkOneSentence checks that the window was refused with exit status 1
// and a sentence after "cpw: " on the last line of stderr, and no panic.
func checkOneSentence(t *testing.T, code int, stderr string, lines int) {
	t.Helper()
	if code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	got := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	if strings.Contains(stderr, "goroutine") || strings.Contains(stderr, "panic") {
		t.Fatalf("a panic instead of a sentence:\n%s", stderr)
	}
	if (lines > 0 && len(got) != lines) || !strings.HasPrefix(got[len(got)-1], "cpw: ") || !strings.HasSuffix(stderr, ".\n") {
		t.Errorf("stderr is not one sentence after \"cpw: \":\n%s", stderr)
	}
}

// Without a display, cpw says so in one sentence, with no stack trace, and
// the commands still work.
func TestWindowWithoutDisplay(t *testing.T) {
	if !displayMissing(runtime.GOOS, func(string) string { return "" }) {
		t.Skipf("on %s a display is not named in the environment", runtime.GOOS)
	}
	env := withoutDisplay()
	for _, args := range [][]string{nil, {filepath.Join(t.TempDir(), "mukuru.cpw")}} {
		code, stderr := runMain(t, env, args...)
		checkOneSentence(t, code, stderr, 1)
		if !strings.Contains(stderr, "no display") || !strings.Contains(stderr, "cpw help") {
			t.Errorf("cpw %v: the sentence says neither why nor what to do: %s", args, stderr)
		}
	}
	if code, stderr := runMain(t, env, "version"); code != 0 || stderr != "" {
		t.Errorf("cpw version without a display: %d %q", code, stderr)
	}
}

// A display that is named but cannot be reached gets one sentence too,
// after what the graphics library itself logs, rather than a panic.
func TestWindowOnUnreachableDisplay(t *testing.T) {
	if !displayMissing(runtime.GOOS, func(string) string { return "" }) {
		t.Skipf("on %s a display is not named in the environment", runtime.GOOS)
	}
	n := 4242
	for ; ; n++ { // a display no X server listens on
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", n)); err != nil {
			break
		}
	}
	code, stderr := runMain(t, append(withoutDisplay(), fmt.Sprintf("DISPLAY=:%d", n)))
	checkOneSentence(t, code, stderr, 0)
	if !strings.Contains(stderr, "could not be opened") {
		t.Errorf("the sentence does not say the window could not be opened: %s", stderr)
	}
}
