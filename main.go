// Command cpw is the Consortium Planning Workspace: a desktop program for the
// coalitions that plan the upgrading of informal settlements. With no
// arguments, or a workspace file, it opens the window; with a subcommand it
// runs headless (see cli.go).
package main

import (
	"fmt"
	"os"
	"runtime"

	"cpw/app"
	_ "cpw/internal/locale" // before Fyne reads the locale
)

func main() {
	if isCommand(os.Args[1:]) {
		attachConsole()
		os.Exit(runCommand(os.Args[1:], os.Stdout, os.Stderr))
	}
	path := ""
	if len(os.Args) > 1 {
		path = os.Args[1]
	}
	os.Exit(openWindow(path))
}

// openWindow opens the window and returns the exit status when it is
// closed: 1, with one sentence on stderr, when there is no display to open
// it on.
func openWindow(path string) (status int) {
	if said := app.OpenElsewhere(path); said != "" {
		attachConsole()
		fmt.Fprintln(os.Stderr, "cpw: "+said)
	}
	if displayMissing(runtime.GOOS, os.Getenv) {
		attachConsole()
		fmt.Fprintln(os.Stderr, noDisplay)
		return 1
	}
	defer func() {
		if r := recover(); r != nil {
			said := windowFailure(r)
			if said == "" {
				panic(r)
			}
			attachConsole()
			fmt.Fprintln(os.Stderr, said)
			status = 1
		}
	}()
	app.Run(path, version())
	return 0
}
