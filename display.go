package main

import "github.com/go-gl/glfw/v3.3/glfw"

// noDisplay is what cpw says when it is asked for the window where there is
// no display to show it on. The commands need none, so it points to them.
const noDisplay = `cpw: no display is available to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set): run cpw from a desktop session, or use it from the command line, where "cpw help" lists the commands.`

// displayMissing reports whether the window surely cannot open, before the
// graphics library is started: on Linux and the BSDs, when neither an X11
// nor a Wayland display is named in the environment. Windows and macOS
// always have their desktop, so there it leaves the answer to the library.
func displayMissing(goos string, getenv func(string) string) bool {
	switch goos {
	case "linux", "freebsd", "openbsd", "netbsd", "dragonfly":
		return getenv("DISPLAY") == "" && getenv("WAYLAND_DISPLAY") == ""
	}
	return false
}

// glfwNotInitialized is GLFW_NOT_INITIALIZED: GLFW, which Fyne opens windows
// with, could not start (the display named cannot be reached, or offers no
// OpenGL), and Fyne goes on to use it all the same, which panics.
const glfwNotInitialized = glfw.ErrorCode(0x00010001)

// windowFailure is the sentence cpw says for the panic of a graphics
// library that could not start, or "" for any other panic, which the caller
// raises again.
func windowFailure(r any) string {
	if e, ok := r.(*glfw.Error); !ok || e.Code != glfwNotInitialized {
		return ""
	}
	return `cpw: the window could not be opened, as the graphics library could not start on this display: run cpw from a desktop session, or use it from the command line, where "cpw help" lists the commands.`
}
