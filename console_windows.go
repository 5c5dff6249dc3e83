//go:build windows

package main

import (
	"os"
	"syscall"
)

// attachConsole lets the commands print on Windows. The program is built as
// a GUI program, so that double-clicking it opens no console window; a GUI
// program starts without a console, so a command run from a terminal
// attaches to the terminal's own. Output already sent to a file or a pipe
// is left where it goes.
func attachConsole() {
	if _, err := os.Stdout.Stat(); err == nil {
		return // redirected: the handles are valid as they are
	}
	attach := syscall.NewLazyDLL("kernel32.dll").NewProc("AttachConsole")
	const parentProcess = ^uintptr(0) // ATTACH_PARENT_PROCESS, (DWORD)-1
	if ok, _, _ := attach.Call(parentProcess); ok == 0 {
		return // not started from a terminal
	}
	if out, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0); err == nil {
		os.Stdout, os.Stderr = out, out
	}
	if in, err := os.OpenFile("CONIN$", os.O_RDONLY, 0); err == nil {
		os.Stdin = in
	}
}
