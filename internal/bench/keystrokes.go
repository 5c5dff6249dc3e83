package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"cpw/workspace"
)

// The keys typed into the people filter: words a user looks for, each typed
// letter by letter and rubbed out again, which brings back all 21,934 rows.
var filterWords = []string{"wanjiku", "otieno", "cell 10", "akinyi"}

// checkWindowTools says what the real-window rows need, so that the bench stops
// before its first row rather than after its slowest ones.
func checkWindowTools() error {
	for _, tool := range []string{"Xvfb", "xdotool"} {
		if _, err := exec.LookPath(tool); err != nil {
			return fmt.Errorf("the real-window rows need %s, which is not installed: run make bench, which installs it, or install the packages xvfb and xdotool", tool)
		}
	}
	return nil
}

// keystrokeRows runs the built program on the demo in a real window under
// Xvfb, goes to People, types into the filter with xdotool, and times each
// keystroke from the moment xdotool is started to the moment the program's
// trace (CPW_TRACE) says the table was refreshed and the next frame
// painted. It reports the 95th percentile and the median.
func keystrokeRows(bin, demo string, row func(op, size string, d, limit time.Duration)) {
	var people int
	var sent, app []time.Duration
	var err error
	// A window that does not come up (the graphics library failing to
	// start on a display just opened happens now and then) is tried again.
	for try := 1; try <= 3; try++ {
		people, sent, app, err = typeInWindow(bin, demo)
		if err == nil {
			break
		}
		if try < 3 {
			fmt.Fprintf(os.Stderr, "bench: the real window, try %d of 3: %v\n", try, err)
		}
	}
	if err != nil {
		fail(err)
	}
	size := fmt.Sprintf("%s rows, %d keys", workspace.Thousands(int64(people)), len(sent))
	row("filter keystroke, people, real window (p95)", size, percentile(sent, 95), 50*time.Millisecond)
	row("filter keystroke, people, real window (median)", size, percentile(sent, 50), 50*time.Millisecond)
	row("the same, key in the program to drawn (p95)", size, percentile(app, 95), 0)
}

// typeInWindow starts the program under its own Xvfb, shows People, types
// into the filter, and stops them.
func typeInWindow(bin, demo string) (people int, sent, app []time.Duration, err error) {
	dir, err := os.MkdirTemp("", "cpw-window-")
	if err != nil {
		return 0, nil, nil, err
	}
	defer os.RemoveAll(dir)
	w, err := startWindow(bin, demo, dir)
	if err != nil {
		return 0, nil, nil, err
	}
	defer w.stop()
	if people, err = w.showPeople(); err != nil {
		return 0, nil, nil, w.explain(err)
	}
	if sent, app, err = w.typeIntoFilter(); err != nil {
		return 0, nil, nil, w.explain(err)
	}
	return people, sent, app, nil
}

// realWindow is the program running under its own Xvfb.
type realWindow struct {
	xvfb, app *exec.Cmd
	exited    chan struct{} // closed when the program stops
	display   string
	log       string // the program's output
	trace     *traceReader
	id        string // the window's X id
}

func startWindow(bin, demo, dir string) (*realWindow, error) {
	w := &realWindow{log: filepath.Join(dir, "cpw.log")}
	var err error
	if w.xvfb, w.display, err = startXvfb(); err != nil {
		return nil, err
	}

	// Fresh preferences: the default window size, no recent files.
	home := filepath.Join(dir, "home")
	if err := os.MkdirAll(home, 0o755); err != nil {
		return nil, err
	}
	tracePath := filepath.Join(dir, "trace")
	out, err := os.Create(w.log)
	if err != nil {
		return nil, err
	}
	defer out.Close()
	if bin, err = filepath.Abs(bin); err != nil {
		return nil, err
	}
	w.app = exec.Command(bin, demo)
	// In its own folder, as make run starts it: a build without packaging
	// reads FyneApp.toml (its migrations) from there.
	w.app.Dir = filepath.Dir(bin)
	w.app.Env = append(os.Environ(), "DISPLAY="+w.display, "HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, ".config"),
		"LANGUAGE=en", "CPW_TRACE="+tracePath)
	w.app.Stdout, w.app.Stderr = out, out
	if err := w.app.Start(); err != nil {
		w.stop()
		return nil, err
	}
	w.exited = make(chan struct{})
	go func() {
		w.app.Wait()
		close(w.exited)
	}()
	w.trace = &traceReader{path: tracePath}

	name := strings.TrimSuffix(filepath.Base(demo), ".cpw")
	err = waitFor(60*time.Second, func() (bool, error) {
		select {
		case <-w.exited:
			return false, errors.New("the program stopped")
		default:
		}
		got, _ := w.xdotool("search", "--name", name)
		if f := strings.Fields(got); len(f) > 0 {
			w.id = f[0]
			return true, nil
		}
		return false, nil
	})
	if err != nil {
		w.stop()
		if err == errTimedOut {
			return nil, w.explain(errors.New("the window did not appear in 60 seconds"))
		}
		return nil, w.explain(errors.New("the program stopped before its window appeared"))
	}
	return w, nil
}

// showPeople clicks People in the navigation until the people table has its
// rows, and returns how many it has.
func (w *realWindow) showPeople() (int, error) {
	// The overview first, so that a click is not lost while the window
	// lays itself out.
	if _, err := w.trace.waitFor(60*time.Second, func(e traceEvent) bool { return e.what == "rows" && e.list == "findings" }); err != nil {
		return 0, errors.New("the overview did not show its findings in 60 seconds")
	}
	for try := 0; try < 3; try++ {
		// People is the fourth entry of the navigation, as in scripts/screenshots.sh.
		if _, err := w.xdotool("mousemove", "--window", w.id, "60", "214", "click", "1"); err != nil {
			return 0, err
		}
		e, err := w.trace.waitFor(20*time.Second, func(e traceEvent) bool { return e.what == "rows" && e.list == "people" })
		if err == nil {
			return e.rows, nil
		}
	}
	return 0, errors.New("the people table did not show after three clicks on People")
}

// typeIntoFilter focuses the filter and types the words, one key at a time,
// each after the one before is drawn. It returns each key's time from
// xdotool to drawn, and from the key reaching the program to drawn.
func (w *realWindow) typeIntoFilter() (sent, app []time.Duration, err error) {
	var keys []string
	for _, word := range filterWords {
		for _, c := range word {
			k := string(c)
			if c == ' ' {
				k = "space"
			}
			keys = append(keys, k)
		}
		for range word {
			keys = append(keys, "BackSpace")
		}
	}
	// The window takes the keyboard; Ctrl+F puts it in the filter. The first
	// key and its rubbing out are not timed: they show the filter has it.
	focused := false
	for try := 0; try < 3 && !focused; try++ {
		if _, err := w.xdotool("windowfocus", "--sync", w.id); err != nil {
			return nil, nil, err
		}
		if _, err := w.xdotool("key", "ctrl+f"); err != nil {
			return nil, nil, err
		}
		time.Sleep(300 * time.Millisecond)
		if _, _, err := w.key("x", 5*time.Second); err == nil {
			focused = true
		}
	}
	if !focused {
		return nil, nil, errors.New("keys typed into the window did not reach the people filter")
	}
	if _, _, err := w.key("BackSpace", 10*time.Second); err != nil {
		return nil, nil, err
	}
	for _, k := range keys {
		time.Sleep(150 * time.Millisecond) // a typist's pace; each key on its own
		s, a, err := w.key(k, 10*time.Second)
		if err != nil {
			return nil, nil, err
		}
		sent, app = append(sent, s), append(app, a)
	}
	return sent, app, nil
}

// key presses one key and waits for the trace to say the table was drawn.
func (w *realWindow) key(name string, limit time.Duration) (sent, app time.Duration, err error) {
	w.trace.skip()
	start := time.Now()
	if _, err := w.xdotool("key", name); err != nil {
		return 0, 0, err
	}
	key, err := w.trace.waitFor(limit, func(e traceEvent) bool { return e.what == "key" })
	if err != nil {
		return 0, 0, fmt.Errorf("the key %s did not reach the filter in %s", name, limit)
	}
	drawn, err := w.trace.waitFor(limit, func(e traceEvent) bool { return e.what == "drawn" })
	if err != nil {
		return 0, 0, fmt.Errorf("the table was not drawn %s after the key %s", limit, name)
	}
	return drawn.at.Sub(start), drawn.at.Sub(key.at), nil
}

func (w *realWindow) xdotool(args ...string) (string, error) {
	cmd := exec.Command("xdotool", args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+w.display)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		// search says nothing and fails while no window matches.
		if args[0] == "search" {
			return "", nil
		}
		return "", fmt.Errorf("xdotool %s: %v %s", strings.Join(args, " "), err, strings.TrimSpace(errOut.String()))
	}
	return out.String(), nil
}

// explain adds the end of the program's output to an error.
func (w *realWindow) explain(err error) error {
	b, _ := os.ReadFile(w.log)
	if len(b) > 2000 {
		b = b[len(b)-2000:]
	}
	if s := strings.TrimSpace(string(b)); s != "" {
		return fmt.Errorf("%v; the program wrote:\n%s", err, s)
	}
	return err
}

func (w *realWindow) stop() {
	if w.exited != nil {
		w.app.Process.Kill()
		<-w.exited
	}
	if w.xvfb != nil && w.xvfb.Process != nil {
		w.xvfb.Process.Kill()
		w.xvfb.Wait()
	}
}

// traceEvent is a line of the program's trace (see app/trace.go).
type traceEvent struct {
	at   time.Time
	what string // rows, key, drawn
	list string // rows: the list's plural
	rows int
}

// traceReader reads the trace as the program writes it.
type traceReader struct {
	path   string
	offset int64
	events []traceEvent // read, not yet taken
}

// skip forgets what was read and not taken.
func (t *traceReader) skip() {
	t.read()
	t.events = nil
}

func (t *traceReader) read() {
	f, err := os.Open(t.path)
	if err != nil {
		return
	}
	defer f.Close()
	b := make([]byte, 64<<10)
	n, _ := f.ReadAt(b, t.offset)
	b = b[:n]
	end := bytes.LastIndexByte(b, '\n')
	if end < 0 {
		return
	}
	t.offset += int64(end + 1)
	for _, line := range strings.Split(string(b[:end]), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		ns, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			continue
		}
		e := traceEvent{at: time.Unix(0, ns), what: f[1]}
		if e.what == "rows" && len(f) >= 4 {
			e.list = strings.Join(f[2:len(f)-1], " ")
			e.rows, _ = strconv.Atoi(f[len(f)-1])
		}
		t.events = append(t.events, e)
	}
}

// waitFor takes events until one matches.
func (t *traceReader) waitFor(limit time.Duration, match func(traceEvent) bool) (traceEvent, error) {
	var found traceEvent
	err := waitFor(limit, func() (bool, error) {
		t.read()
		for len(t.events) > 0 {
			e := t.events[0]
			t.events = t.events[1:]
			if match(e) {
				found = e
				return true, nil
			}
		}
		return false, nil
	})
	return found, err
}

var errTimedOut = errors.New("timed out")

// waitFor polls until done says so, fails, or the time is up.
func waitFor(limit time.Duration, done func() (bool, error)) error {
	end := time.Now().Add(limit)
	for {
		ok, err := done()
		if err != nil {
			return err
		}
		if ok {
			return nil
		}
		if time.Now().After(end) {
			return errTimedOut
		}
		time.Sleep(time.Millisecond)
	}
}

func percentile(ds []time.Duration, p int) time.Duration {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	i := (len(s)*p + 99) / 100 // nearest rank
	return s[max(i-1, 0)]
}
