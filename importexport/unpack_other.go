//go:build !unix

package importexport

import "os"

// processRunning reports whether a process with the id is running. On
// Windows finding a process opens it, which fails once it has ended.
func processRunning(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}
