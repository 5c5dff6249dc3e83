//go:build windows

package main

import (
	"os"
	"syscall"
)

// attachConsole lets the commands print on Windows. The program is built as
// a GUI program, so that double-clicking it opens no console window; a GUI
// program starts without a console, so a command run from a terminal
// attaches to the terminal's own. A stream already sent to a file or a pipe
// is left where it goes. (cmd.exe does not wait for a GUI program: scripts
// and terminals use cpw-cli.exe, built beside it as a console program.)
func attachConsole() {
	_, outErr := os.Stdout.Stat()
	_, errErr := os.Stderr.Stat()
	if outErr == nil && errErr == nil {
		return // both redirected: the handles are valid as they are
	}
	attach := syscall.NewLazyDLL("kernel32.dll").NewProc("AttachConsole")
	const parentProcess = ^uintptr(0) // ATTACH_PARENT_PROCESS, (DWORD)-1
	if ok, _, _ := attach.Call(parentProcess); ok == 0 {
		return // not started from a terminal
	}
	// Read and write: Go writes UTF-8 text to a console only when it can
	// read the handle's console mode.
	con, err := os.OpenFile("CONOUT$", os.O_RDWR, 0)
	if err != nil {
		return
	}
	if outErr != nil {
		os.Stdout = con
	}
	if errErr != nil {
		os.Stderr = con
	}
}

// clearLine rewrites the progress line: the old Windows console does not
// know the ANSI sequence to clear it, so it is written over with spaces.
const clearLine = "\r                                                                               \r"
