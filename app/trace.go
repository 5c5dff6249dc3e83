package app

import (
	"fmt"
	"os"
	"runtime/pprof"
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// An opt-in trace of the lists' filter boxes, for the bench that types into
// the real window (internal/bench). CPW_TRACE=FILE writes one line per
// event, each starting with the time in Unix nanoseconds:
//
//	T rows PLURAL N  a list has shown the N rows it read
//	T key            a key reached a filter box
//	T drawn          the table was refreshed for it and the next frame painted
//
// "drawn" is written by a function queued with fyne.Do while the key is
// handled: the driver's loop runs queued functions only after the event
// poll it came from has returned and that tick's frame has been laid out,
// painted and swapped, so it is never early.
//
// CPW_PROFILE=FILE also writes a CPU profile of the first 8 seconds after
// the first key, for go tool pprof.
var traceLog = openTrace(os.Getenv("CPW_TRACE"), os.Getenv("CPW_PROFILE"))

type trace struct {
	mu      sync.Mutex
	f       *os.File
	profile string
	started bool
}

func openTrace(path, profile string) *trace {
	if path == "" {
		return nil
	}
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "cpw: the trace cannot be written:", err)
		return nil
	}
	return &trace{f: f, profile: profile}
}

func (t *trace) event(format string, args ...any) {
	if t == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	// One write per line, so that a reader never sees half of one.
	fmt.Fprintf(t.f, "%d "+format+"\n", append([]any{time.Now().UnixNano()}, args...)...)
}

// key wraps the handling of a key in a filter box.
func (t *trace) key(handle func()) {
	if t == nil {
		handle()
		return
	}
	t.startProfile()
	t.event("key")
	handle()
	fyne.Do(func() { t.event("drawn") })
}

func (t *trace) startProfile() {
	if t.profile == "" || t.started {
		return
	}
	t.started = true
	f, err := os.Create(t.profile)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "cpw: the profile cannot be written:", err)
		return
	}
	time.AfterFunc(8*time.Second, func() {
		pprof.StopCPUProfile()
		f.Close()
	})
}
