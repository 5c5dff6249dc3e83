// Command cpw is the Consortium Planning Workspace: a desktop program for the
// coalitions that plan the upgrading of informal settlements. With no
// arguments, or a workspace file, it opens the window; with a subcommand it
// runs headless (see cli.go).
package main

import (
	"os"

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
	app.Run(path, version())
}
