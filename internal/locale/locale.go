// Package locale mends the process's locale variables before Fyne reads them.
//
// The C and POSIX locales mean "no language chosen", but Fyne cannot parse
// them and logs an error on every start, even for headless commands. This
// package has no imports from Fyne, so Go initialises it first (packages are
// initialised in import-path order when they do not depend on each other)
// and it can replace such a value with plain English before Fyne looks.
package locale

import (
	"os"
	"strings"
)

func init() {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(k)
		if v == "C" || v == "POSIX" || strings.HasPrefix(v, "C.") {
			os.Setenv(k, "en_US.UTF-8")
		}
	}
}
